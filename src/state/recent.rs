//! Recent work in localStorage (pure list rules in gc_core::recent).

use gc_core::console::browser_data::{RECENT as KEY, RECENT_SEARCHES as SEARCHES_KEY};
use gc_core::console::recent;
use gc_core::console::recent::{RecentAction, RecentItem, RecentKind};

use gc_core::group::wire::{CreateGroupRequest, CreateGroupResponse};

use crate::state::storage::{self, Store};

pub fn load() -> Vec<RecentItem> {
    recent::parse(storage::get(Store::Local, KEY).as_deref())
}

pub fn record(kind: RecentKind, id: u64, name: &str, external_id: &str, action: RecentAction) {
    let mut list = load();
    let item = RecentItem {
        kind,
        id,
        name: name.to_string(),
        external_id: external_id.to_string(),
        action,
        at: js_sys::Date::now(),
    };
    recent::push(&mut list, item);
    if let Ok(json) = serde_json::to_string(&list) {
        storage::set(Store::Local, KEY, &json);
    }
}

/// A user group the create form or the import just made.
pub fn record_created_group(req: &CreateGroupRequest, res: &CreateGroupResponse) {
    record(
        RecentKind::Group,
        res.entity.0,
        req.group_name.as_deref().unwrap_or(""),
        &req.external_id,
        RecentAction::Created,
    );
}

/// What the user searched for on the Find page, newest first.
pub fn searches() -> Vec<String> {
    recent::parse_searches(storage::get(Store::Local, SEARCHES_KEY).as_deref())
}

pub fn record_search(term: &str) {
    let mut list = searches();
    recent::push_search(&mut list, term);
    if let Ok(json) = serde_json::to_string(&list) {
        storage::set(Store::Local, SEARCHES_KEY, &json);
    }
}
