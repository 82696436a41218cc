//! The group page's History tab: the group's tier changes and its transactions, as the
//! platform records them.

use std::sync::Arc;

use gc_core::types::GroupDetails;
use leptos::prelude::*;

#[component]
pub fn GroupHistory(group: Arc<GroupDetails>) -> impl IntoView {
    let _ = group;
    view! {
        <section aria-labelledby="history-title">
            <h2 id="history-title">"History"</h2>
            <p class="empty">"Tier changes and transactions appear here."</p>
        </section>
    }
}
