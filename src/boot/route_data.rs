//! Route data: what a page needs first, started by the router as it matches the page
//! (`LazyRoute::data`), while the page's code is still downloading rather than after it: the
//! formatters a page with data will use at once, a deep link's group tab code or the Find
//! page's search code (its `find` part, for an address with a search), and a group
//! page's GET (`api::group::prefetch_group_page`: the page then takes that answer when it asks
//! for the same address).

use gc_core::console::routes::{group_tab_for_href, match_path, Page};
use leptos::prelude::{use_context, GetUntracked};

use crate::api;
use crate::boot::warm_up;
use crate::features::find::home::prefetch_find;
use crate::features::group::group_view::prefetch_tab;
use crate::state::settings::SettingsStore;

/// Called by the router for the page it has just matched, before the page's code is fetched.
pub fn start(page: Page) {
    api::forget_prefetch();
    let location = leptos_router::hooks::use_location();
    // A page opened with data to show formats numbers and dates in its first render. The bare
    // home page (a first visit, what Lighthouse loads) shows none until a search.
    let searching = page == Page::Home && !location.search.get_untracked().is_empty();
    if page != Page::Home || searching {
        warm_up::formatters_soon();
    }
    // An address with a search: the Find page's `find` part comes alongside the page's code.
    if searching {
        prefetch_find();
    }
    if page != Page::GroupView {
        return;
    }
    let path = location.pathname.get_untracked();
    // A deep link to a tab: its code (a chunk of its own) is fetched alongside the page's.
    if let Some(tab) = group_tab_for_href(&path) {
        prefetch_tab(tab);
    }
    let Some(id) = match_path(page.route().path, &path)
        .and_then(|params| params.into_iter().find(|(k, _)| *k == "id"))
        .and_then(|(_, v)| v.trim().parse::<u64>().ok())
    else {
        return;
    };
    let Some(store) = use_context::<SettingsStore>() else { return };
    api::group::prefetch_group_page(store, id);
}
