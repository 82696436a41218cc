//! What the group page gives each of its tabs, and how a tab asks the page to read the group
//! again after a change.

use std::sync::Arc;

use gc_core::group::wire::{GroupDetails, GroupStatus};
use leptos::prelude::*;

/// The tier-gap options the group was asked for: (days ahead for the upgrade, for the renewal).
pub type Gaps = (Option<u32>, Option<u32>);

/// One tab's view of the group page (each tab in `gc_core::group_tabs!` takes it).
#[derive(Clone)]
pub struct GroupTabArgs {
    pub group: Arc<GroupDetails>,
    /// Kept across tabs and reloads of the group: the tier-gap options actually requested.
    pub gaps: RwSignal<Gaps>,
}

impl GroupTabArgs {
    /// Whether changes can be offered: only an active group can be edited or managed.
    pub fn can_change(&self) -> bool {
        can_change(&self.group)
    }
}

/// Whether changes can be offered: only an active group can be edited or managed.
pub fn can_change(group: &GroupDetails) -> bool {
    matches!(group.group_status, GroupStatus::Active | GroupStatus::Unknown)
}

/// Refetches the group (its counts, capacity, points and status) after a change made on a tab.
#[derive(Clone, Copy)]
pub struct GroupRefresh(pub Callback<()>);
