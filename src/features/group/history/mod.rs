//! The group page's History tab: the group's tier changes, its transactions and its points
//! ledger, as the platform records them, each section with its own heading and its own
//! loading and error states (more sections can follow).

use std::sync::Arc;

use gc_core::group::wire::GroupDetails;
use leptos::prelude::*;

pub mod activity_log;
pub mod filters;
pub mod ledger;
pub mod table;
pub mod tier_changes;
pub mod transactions;
pub mod warm;

use self::activity_log::ActivityLog;
use self::ledger::Ledger;
use self::tier_changes::TierChanges;
use self::transactions::Transactions;
pub use self::warm::warm;
use crate::features::group::context::GroupTabArgs;

/// The History tab (`gc_core::group_tabs!`): the platform's records, then this browser's
/// actions on the group.
pub fn tab(tab: GroupTabArgs) -> impl IntoView {
    let group_id = tab.group.id.0;
    view! { <GroupHistory group=tab.group /> <ActivityLog group_id /> }
}

#[component]
pub fn GroupHistory(group: Arc<GroupDetails>) -> impl IntoView {
    let id = group.id.0;
    let names = crate::features::group::member_names::Names::of(&group);
    view! {
        <div class="history">
            <TierChanges group_id=id programs=group.points_summaries.clone() />
            <Transactions group_id=id names />
            <Ledger group_id=id names />
        </div>
    }
}
