//! Removing a member (`DELETE /v2/userGroup2/{id}/leave`). The platform names the member by one
//! of their identifiers, not their customer ID, so the user picks one of the member's own.
//! Removing the primary member deactivates the whole group for good: that needs the group's
//! external ID typed to confirm.

use std::sync::Arc;

use gc_core::group::wire::GroupDetails;
use gc_core::members::wire::{leave_identifiers, GroupMember, IdentifierKind, LeaveQuery};
use gc_core::platform::endpoints::CallId;
use leptos::prelude::*;

use crate::api;
use crate::features::group::members::selection::{dialog_for, MemberAction};
use crate::state::settings::use_settings;
use crate::ui::dialog::Dialog;
use crate::ui::form::{Form, SubmitOrCancel};
use crate::ui::text_field::TextField;

#[component]
pub fn RemovePanel(
    group: Arc<GroupDetails>,
    action: RwSignal<Option<MemberAction>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let (member, open, close) = dialog_for(action, |a| match a {
        MemberAction::Remove(m) => Some(m.clone()),
        _ => None,
    });
    view! {
        <Dialog open on_close=close title="Remove a member" id="remove-dialog" alert=true>
            {
                let group = group.clone();
                move || member.get().map(|m| view! { <RemoveForm group=group.clone() member=m on_done close /> })
            }
        </Dialog>
    }
}

#[component]
fn RemoveForm(
    group: Arc<GroupDetails>,
    member: GroupMember,
    on_done: Callback<()>,
    close: Callback<()>,
) -> impl IntoView {
    let store = use_settings();
    let group_id = group.id.0;
    let external_id = group.external_id.clone();
    let name = {
        let n = member.name();
        if n.is_empty() {
            format!("customer {}", member.fleet_user_id)
        } else {
            format!("{n} (customer {})", member.fleet_user_id)
        }
    };
    let primary = member.is_primary();
    let identifiers = leave_identifiers(&member);
    let chosen = RwSignal::new(identifiers.first().cloned());
    let typed = RwSignal::new(String::new());
    let form = {
        let name = name.clone();
        Form::new(CallId::LeaveGroup, &[], move |q: LeaveQuery| {
            let settings = store.for_request();
            let name = name.clone();
            async move {
                let how = format!("{name} by {} {}", q.identifier.label().to_lowercase(), q.value);
                let answer = api::members::leave_group(&settings, &q).await;
                let outcome = match &answer {
                    Ok(_) if primary => "removed; the platform deactivates the group".to_string(),
                    Ok(_) => "removed".to_string(),
                    Err(e) => e.to_string(),
                };
                crate::state::activity::record(group_id, "Removed a member", how, outcome, answer.is_ok());
                if answer.is_ok() {
                    on_done.run(());
                }
                answer
            }
        })
    };
    let confirm_words = format!("Type {external_id} exactly to confirm.");
    // The wrong value last submitted: the words are the field's error while it holds that
    // value, and a hint otherwise (nothing typed yet is no mistake).
    let refused = RwSignal::new(None::<String>);
    let confirm_error = Signal::derive({
        let words = confirm_words.clone();
        move || refused.read().as_ref().filter(|r| **r == *typed.read()).map(|_| words.clone())
    });
    let submit = move || {
        let checked = match chosen.get_untracked() {
            None => Err("remove-identifier-0".to_string()),
            Some(_) if primary && typed.get_untracked().trim() != external_id.trim() => {
                let t = typed.get_untracked();
                refused.set((!t.trim().is_empty()).then_some(t));
                Err("remove-confirm".to_string())
            }
            Some((identifier, value)) => Ok(LeaveQuery { group_id, identifier, value }),
        };
        form.submit(checked);
    };
    let done_text = {
        let name = name.clone();
        move || {
            form.done().map(|_| {
                if primary {
                    format!("{name} was removed. The group is now inactive.")
                } else {
                    format!("{name} was removed from the group.")
                }
            })
        }
    };
    let submit = Callback::new(move |()| submit());
    view! {
        {move || done_text().map(|text| view! {
            <p role="status" class="result result--ok">{text}</p>
            <div class="form__actions">
                <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button>
            </div>
        })}
            <form class="form" novalidate hidden=move || form.done().is_some() on:submit=move |ev| { ev.prevent_default(); submit.run(()); }>
                <p>"Remove " <strong>{name.clone()}</strong> " from " <strong>{group.group_name.clone()}</strong> "."</p>
                {if primary {
                    view! {
                        <div class="consequences consequences--danger" id="remove-consequences">
                            <p><strong>"This is the group's primary member."</strong></p>
                            <p>"Removing them deactivates the whole group: no member can use its points any more, and the group cannot be changed again. This cannot be undone."</p>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <div class="consequences" id="remove-consequences">
                            <p>"They stop sharing the group's points. Their tier returns to the program's base tier; their own purchases can move them up again."</p>
                        </div>
                    }.into_any()
                }}
                {if identifiers.is_empty() {
                    view! { <p class="alert alert--error" role="alert">"The platform lists no mobile, e-mail, external ID or card for this member, and it removes a member only by one of those."</p> }.into_any()
                } else {
                    view! {
                        <fieldset>
                            <legend>"Remove by (the platform needs one of the member's identifiers)"</legend>
                            {identifiers.iter().cloned().enumerate().map(|(i, (kind, value))| {
                                let id = format!("remove-identifier-{i}");
                                let pick = (kind, value.clone());
                                let is = pick.clone();
                                view! {
                                    <div class="field--checkbox">
                                        <input type="radio" name="remove-identifier" id=id.clone()
                                            prop:checked=move || chosen.get().as_ref() == Some(&is)
                                            on:change=move |_| chosen.set(Some(pick.clone())) />
                                        <label for=id>{format!("{}: {value}", label(kind))}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                    }.into_any()
                }}
                {primary.then(|| view! {
                    <TextField id="remove-confirm" label=format!("Type the group's external ID, {}, to confirm", group.external_id) value=typed
                        error=confirm_error hint=confirm_words.clone() required=true />
                })}
                <SubmitOrCancel form on_retry=submit
                    label=if primary { "Remove the primary member and deactivate the group" } else { "Remove member" }
                    busy="Removing…" close />
            </form>
    }
}

fn label(kind: IdentifierKind) -> &'static str {
    kind.label()
}
