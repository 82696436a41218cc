//! Route data: the request a page will make first, started by the router as it matches the
//! page (`LazyRoute::data`), so on a deep link the group's GET travels while the page's code
//! is still downloading rather than after it. Only the answer's text is fetched here (the
//! shell's code); the page reads it with its own code when it asks for the same URL.
//!
//! One request at most is waiting: the router matches one page at a time, and a page that
//! asks for another URL (or comes after another route's data) fetches as usual.

use std::cell::RefCell;

use futures_channel::oneshot;
use gc_core::console::routes::{match_path, Page};
use gc_core::group::wire::{GetGroupQuery, GroupKey};
use gc_core::platform::error::ApiError;
use gloo_net::http::Method;
use leptos::prelude::{use_context, GetUntracked};

use crate::api::{self, RawAnswer};
use crate::settings_store::SettingsStore;

struct Early {
    /// The request's address once sent (it depends on the settings config.json gives).
    url: Option<String>,
    answer: oneshot::Receiver<Result<RawAnswer, ApiError>>,
}

thread_local! {
    static EARLY: RefCell<Option<Early>> = const { RefCell::new(None) };
}

/// Called by the router for the page it has just matched, before the page's code is fetched.
pub fn start(page: Page) {
    EARLY.with(|e| e.borrow_mut().take());
    let location = leptos_router::hooks::use_location();
    // A page opened with data to show formats numbers and dates in its first render: its
    // formatters are made while its code and data travel. The bare home page (a first visit,
    // what Lighthouse loads) shows none until a search, so its warm-up waits for idle time.
    if page != Page::Home || !location.search.get_untracked().is_empty() {
        crate::intl::warm_up_soon();
    }
    if page != Page::GroupView {
        return;
    }
    let path = location.pathname.get_untracked();
    // A deep link to a tab: its code (a chunk of its own) is fetched alongside the page's.
    if let Some(tab) = gc_core::console::routes::group_tab_for_href(&path) {
        crate::pages::group_view::prefetch_tab(tab);
    }
    let Some(id) = match_path(page.route().path, &path)
        .and_then(|params| params.into_iter().find(|(k, _)| *k == "id"))
        .and_then(|(_, v)| v.trim().parse::<u64>().ok())
    else {
        return;
    };
    let Some(store) = use_context::<SettingsStore>() else { return };
    // The query the group page makes when it opens (src/pages/group_view.rs, no tier gaps asked).
    let query = GetGroupQuery::full(GroupKey::Id(id)).to_query_string();
    let (tx, answer) = oneshot::channel();
    EARLY.with(|e| *e.borrow_mut() = Some(Early { url: None, answer }));
    crate::config::after_config(move || {
        let settings = store.for_request();
        // A client key's token is made by the page's own request (its code is not the shell's).
        let Some(header) = api::header_at_hand(&settings) else { return };
        let url = api::group_url(&settings, &query);
        // Still wanted: neither taken by the page nor replaced by another route's data.
        let wanted = EARLY.with(|e| match e.borrow_mut().as_mut() {
            Some(early) if early.url.is_none() && !tx.is_canceled() => {
                early.url = Some(url.clone());
                true
            }
            _ => false,
        });
        if wanted {
            leptos::task::spawn_local(async move {
                let _ = tx.send(api::fetch_raw_with(&settings, Method::GET, &url, None, header).await);
            });
        }
    });
}

/// The early answer for `url`, if one was sent for exactly that address. Asking always ends
/// the wait: a request not yet sent is then not sent at all.
pub fn take_group(url: &str) -> Option<oneshot::Receiver<Result<RawAnswer, ApiError>>> {
    let early = EARLY.with(|e| e.borrow_mut().take())?;
    (early.url.as_deref() == Some(url)).then_some(early.answer)
}
