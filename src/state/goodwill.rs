//! The goodwill requests this browser made, per API host and group, in localStorage (their
//! states and words in gc_core::points::goodwill_list). Storage is not reactive: every change
//! made here says so, and a view that lists the requests ([`watch`]) reads them again.

use gc_core::console::browser_data::goodwill_key;
use gc_core::console::settings::Settings;
use gc_core::points::goodwill_list::{self, KeptRequest};
use leptos::prelude::*;

use crate::state::storage::{self, Store};

thread_local! {
    // Counted, not owned by a view: the dialog that changes the list and the list itself live
    // in different parts of the Points tab.
    static CHANGED: ArcTrigger = ArcTrigger::new();
}

fn key(settings: &Settings, group_id: u64) -> String {
    goodwill_key(settings.public.api_base(), group_id)
}

pub fn load(settings: &Settings, group_id: u64) -> Vec<KeptRequest> {
    goodwill_list::parse(storage::get(Store::Local, &key(settings, group_id)).as_deref())
}

/// [`load`], read again by the calling view after every change.
pub fn watch(settings: &Settings, group_id: u64) -> Vec<KeptRequest> {
    CHANGED.with(|c| c.track());
    load(settings, group_id)
}

/// Changes the group's list with `change` (which says whether it changed anything) and keeps
/// it. False when the browser would not store it (storage off or full).
pub fn update(settings: &Settings, group_id: u64, change: impl FnOnce(&mut Vec<KeptRequest>) -> bool) -> bool {
    let mut list = load(settings, group_id);
    if !change(&mut list) {
        return true;
    }
    let stored =
        serde_json::to_string(&list).is_ok_and(|json| storage::set(Store::Local, &key(settings, group_id), &json));
    CHANGED.with(|c| c.notify());
    stored
}
