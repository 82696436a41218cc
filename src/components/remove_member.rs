//! Removing a member (`DELETE /v2/userGroup2/{id}/leave`).

use std::sync::Arc;

use gc_core::types::GroupDetails;
use leptos::prelude::*;

use super::members_tab::MemberAction;

#[component]
pub fn RemovePanel(
    group: Arc<GroupDetails>,
    action: RwSignal<Option<MemberAction>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let _ = (group, action, on_done);
}
