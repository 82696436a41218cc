//! Changing members' permissions (`PUT /v2/userGroup2/members/permissions`): points redemption
//! and points transfer, each allowed or blocked, for one member or a selection. The platform
//! replaces each member's whole list, so what is kept is sent again; a combination the
//! platform does not define is refused before sending. The answer is shown per member.

use gc_core::members::list::member_label;
use gc_core::members::permissions::{new_permissions, permission_words, PermissionChoice};
use gc_core::members::wire::{BatchResponse, GroupMember, PermissionUpdate};
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::ApiError;
use leptos::prelude::*;

use crate::api;
use crate::features::group::members::selection::{dialog_for, MemberAction, Selection};
use crate::state::settings::use_settings;
use crate::ui::dialog::Dialog;
use crate::ui::form::{Form, SubmitOrCancel};

#[component]
pub fn PermissionsPanel(
    group_id: u64,
    action: RwSignal<Option<MemberAction>>,
    selection: Selection,
    on_done: Callback<()>,
) -> impl IntoView {
    let (members, open, close) = dialog_for(action, |a| match a {
        MemberAction::Permissions(m) => Some(m.clone()),
        _ => None,
    });
    let _ = selection;
    view! {
        <Dialog open on_close=close title="Change permissions" id="permissions-dialog">
            {move || members.get().map(|m| view! { <PermissionsForm group_id members=m on_done close /> })}
        </Dialog>
    }
}

#[component]
fn PermissionsForm(
    group_id: u64,
    members: Vec<GroupMember>,
    on_done: Callback<()>,
    close: Callback<()>,
) -> impl IntoView {
    let store = use_settings();
    let several = members.len() > 1;
    let start = if several { PermissionChoice::Keep } else { PermissionChoice::Allow };
    let first = members.first().map(|m| m.permissions.known());
    let initial = |allow, block| match first {
        Some(set) if !several && set.contains(block) => PermissionChoice::Block,
        Some(set) if !several && set.contains(allow) => PermissionChoice::Allow,
        _ => start,
    };
    use gc_core::members::permissions::Permission::*;
    let redemption = RwSignal::new(initial(AllowPointsRedemption, BlockPointsRedemption));
    let transfer = RwSignal::new(initial(AllowPointsTransfer, BlockPointsTransfer));
    let members = StoredValue::new(members);
    let plan = Memo::new(move |_| {
        members.with_value(|ms| {
            ms.iter()
                .map(|m| (m.clone(), new_permissions(m.permissions.known(), redemption.get(), transfer.get())))
                .collect::<Vec<_>>()
        })
    });
    let form = Form::new(CallId::UpdatePermissions, &[], move |updates: Vec<PermissionUpdate>| {
        let settings = store.for_request();
        async move {
            let answer = api::members::update_permissions(&settings, group_id, &updates).await;
            let (what, outcome, ok) = match &answer {
                Ok(batch) => {
                    let failed = batch.failures().count();
                    (
                        format!(
                            "{} member(s): {}",
                            updates.len(),
                            members.with_value(|m| m.iter().map(member_label).collect::<Vec<_>>().join(", "))
                        ),
                        format!("{} changed, {failed} failed", updates.len() - failed),
                        failed == 0,
                    )
                }
                Err(e) => (format!("{} member(s)", updates.len()), e.to_string(), false),
            };
            crate::state::activity::record(group_id, "Changed permissions", what, outcome, ok);
            if answer.is_ok() {
                on_done.run(());
                crate::ui::focus_by_id("permissions-results");
            }
            answer
        }
    });
    let refused = move || {
        plan.with(|p| {
            p.iter()
                .filter_map(|(m, r)| r.as_ref().err().map(|e| format!("{}: {e}", member_label(m))))
                .collect::<Vec<_>>()
        })
    };
    let submit = Callback::new(move |()| {
        let updates: Result<Vec<PermissionUpdate>, String> = plan
            .get_untracked()
            .into_iter()
            .map(|(m, r)| {
                r.map(|set| PermissionUpdate { user_id: m.fleet_user_id, permissions: set.to_list() })
                    .map_err(|_| "perm-redemption-allow".to_string())
            })
            .collect();
        form.submit(updates);
    });
    let choices = move |kind: &'static str, label: &'static str, value: RwSignal<PermissionChoice>| {
        let options: Vec<PermissionChoice> = if several {
            vec![PermissionChoice::Keep, PermissionChoice::Allow, PermissionChoice::Block]
        } else {
            vec![PermissionChoice::Allow, PermissionChoice::Block]
        };
        view! {
            <fieldset class="segmented">
                <legend>{label}</legend>
                {options.into_iter().map(|c| {
                    let id = format!("perm-{kind}-{}", c.label().split(' ').next().unwrap_or("").to_ascii_lowercase());
                    view! {
                        <span class="segmented__option">
                            <input type="radio" name=format!("perm-{kind}") id=id.clone() prop:checked=move || value.get() == c
                                on:change=move |_| value.set(c) />
                            <label for=id>{c.label()}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
        }
    };
    view! {
        <div hidden=move || form.done().is_some()>
            <form class="form" novalidate on:submit=move |ev| { ev.prevent_default(); submit.run(()); }>
                {choices("redemption", "Points redemption", redemption)}
                {choices("transfer", "Points transfer", transfer)}
                <div class="consequences" role="note">
                    <p>"What will be sent (the platform replaces each member's permissions):"</p>
                    <ul>
                        {move || plan.get().into_iter().map(|(m, r)| view! {
                            <li>{member_label(&m)} ": " {match r {
                                Ok(set) => format!("{} → {}", permission_words(m.permissions.known()), permission_words(set)),
                                Err(e) => e.to_string(),
                            }}</li>
                        }).collect_view()}
                    </ul>
                </div>
                {move || (!refused().is_empty()).then(|| view! {
                    <ul class="alert alert--error" role="alert">{refused().into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                })}
                <SubmitOrCancel form on_retry=submit label="Save permissions" busy="Saving…" close />
            </form>
        </div>
        {move || form.done().map(|(_, answer)| view! { <PermissionResults answer members=members.get_value() close /> })}
    }
}

/// The answer per member: changed, or refused with the code in words.
#[component]
fn PermissionResults(answer: BatchResponse, members: Vec<GroupMember>, close: Callback<()>) -> impl IntoView {
    let outcome = move |m: &GroupMember| -> Option<ApiError> {
        answer.response.iter().find(|i| i.user_id() == Some(m.fleet_user_id)).and_then(|i| i.error())
    };
    view! {
        <h3 id="permissions-results" tabindex="-1">"Result"</h3>
        <ul class="outcomes">
            {members.iter().map(|m| view! {
                <li>{member_label(m)} ": " {match outcome(m) {
                    None => view! { <span class="badge badge--ok">"Changed"</span> }.into_any(),
                    Some(e) => view! { <span class="badge badge--danger">"Not changed"</span> " " {e.headline()} " " <span class="muted">{e.technical()}</span> }.into_any(),
                }}</li>
            }).collect_view()}
        </ul>
        <div class="form__actions">
            <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button>
        </div>
    }
}
