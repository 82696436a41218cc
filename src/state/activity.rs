//! This browser's actions on each group, in localStorage (rules in gc_core::console::activity).

use gc_core::console::activity::{self, ActivityEntry};
use gc_core::console::browser_data::activity_key as key;

use crate::state::storage::{self, Store};

pub fn load(group_id: u64) -> Vec<ActivityEntry> {
    activity::parse(storage::get(Store::Local, &key(group_id)).as_deref())
}

/// Records what was done to the group (`action`, as the log names it: "Moved members") and
/// how it ended.
pub fn record(group_id: u64, action: &str, what: String, outcome: String, ok: bool) {
    let mut log = load(group_id);
    let entry = ActivityEntry { at: js_sys::Date::now(), action: action.to_string(), what, outcome, ok };
    activity::push(&mut log, entry);
    if let Ok(json) = serde_json::to_string(&log) {
        storage::set(Store::Local, &key(group_id), &json);
    }
}
