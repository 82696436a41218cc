//! Moving members to another group (`POST /v2/userGroup2/transfer`).

use std::sync::Arc;

use gc_core::types::GroupDetails;
use leptos::prelude::*;

use super::members_tab::{MemberAction, Selection};

#[component]
pub fn MovePanel(
    group: Arc<GroupDetails>,
    action: RwSignal<Option<MemberAction>>,
    selection: Selection,
    on_done: Callback<()>,
) -> impl IntoView {
    let _ = (group, action, selection, on_done);
}
