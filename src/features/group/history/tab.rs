//! The group page's History tab: the group's tier changes and its transactions, as the
//! platform records them, each section with its own heading and its own loading and error
//! states (more sections can follow).

use std::sync::Arc;

use gc_core::group::wire::GroupDetails;
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

/// A History section's table: its column headings, then `children` (the rows). The last
/// `numeric` columns hold numbers and are aligned right.
#[component]
pub fn HistoryTable(
    columns: &'static [&'static str],
    #[prop(optional)] numeric: usize,
    children: Children,
) -> impl IntoView {
    let first_numeric = columns.len().saturating_sub(numeric);
    view! {
        <div class="history-table__wrap">
            <table class="history-table">
                <thead>
                    <tr>
                        {columns.iter().enumerate().map(|(i, c)| view! {
                            <th scope="col" class=(i >= first_numeric).then_some("num")>{*c}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
