//! Changing members' permissions (`PUT /v2/userGroup2/members/permissions`).

use leptos::prelude::*;

use super::members_tab::{MemberAction, Selection};

#[component]
pub fn PermissionsPanel(
    group_id: u64,
    action: RwSignal<Option<MemberAction>>,
    selection: Selection,
    on_done: Callback<()>,
) -> impl IntoView {
    let _ = (group_id, action, selection, on_done);
}
