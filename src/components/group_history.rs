//! The group page's History tab: the group's tier changes and its transactions, as the
//! platform records them, each section with its own heading and its own loading and error
//! states (more sections can follow).

use std::sync::Arc;

use gc_core::types::GroupDetails;
use leptos::prelude::*;

use crate::components::{TierChanges, Transactions};

#[component]
pub fn GroupHistory(group: Arc<GroupDetails>) -> impl IntoView {
    let id = group.id.0;
    view! {
        <div class="history">
            <TierChanges group_id=id programs=group.points_summaries.clone() />
            <Transactions group_id=id />
        </div>
    }
}
