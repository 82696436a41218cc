//! "Add members" on the Members tab.

use std::sync::Arc;

use gc_core::types::GroupDetails;
use leptos::prelude::*;

/// The "Add members" button and its dialog; `on_done` refreshes the list and the group.
#[component]
pub fn AddMembers(group: Arc<GroupDetails>, on_done: Callback<()>) -> impl IntoView {
    let _ = (group, on_done);
    view! { <button type="button" class="button button--primary" disabled=true>"Add members"</button> }
}
