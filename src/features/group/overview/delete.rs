//! "Delete group" on the Overview tab (`DELETE /v2/userGroup2?id=…`): it says what happens,
//! asks for the group's external ID typed to confirm, and afterwards the page shows the group
//! as deleted and the recent list marks it.

use std::sync::Arc;

use gc_core::console::recent::{RecentAction, RecentKind};
use gc_core::group::wire::DeleteGroupQuery;
use gc_core::group::wire::GroupDetails;
use gc_core::platform::endpoints::CallId;
use leptos::prelude::*;

use crate::api;
use crate::features::group::context::GroupRefresh;
use crate::state::settings::use_settings;
use crate::ui::dialog::Dialog;
use crate::ui::form::{Form, SubmitOrCancel};
use crate::ui::text_field::TextField;

#[component]
pub fn DeleteGroup(group: Arc<GroupDetails>) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="button button--danger" on:click=move |_| open.set(true)>"Delete group"</button>
        <Dialog open=open.into() on_close=Callback::new(move |_| open.set(false)) title="Delete this group" id="delete-dialog" alert=true>
            {
                let group = group.clone();
                move || view! { <DeleteForm group=group.clone() close=Callback::new(move |_| open.set(false)) /> }
            }
        </Dialog>
    }
}

#[component]
fn DeleteForm(group: Arc<GroupDetails>, close: Callback<()>) -> impl IntoView {
    let store = use_settings();
    let refresh = use_context::<GroupRefresh>();
    let id = group.id.0;
    let external_id = group.external_id.clone();
    let typed = RwSignal::new(String::new());
    let form = {
        let (name, external_id) = (group.group_name.clone(), group.external_id.clone());
        Form::new(CallId::DeleteGroup, &[], move |q: DeleteGroupQuery| {
            let settings = store.for_request();
            let (name, external_id) = (name.clone(), external_id.clone());
            async move {
                let answer = api::group::delete_group(&settings, &q).await;
                let outcome = answer.as_ref().map(|_| "deleted".to_string()).unwrap_or_else(|e| e.to_string());
                crate::state::activity::record(
                    id,
                    "Deleted the group",
                    format!("{name} ({external_id})"),
                    outcome,
                    answer.is_ok(),
                );
                if answer.is_ok() {
                    crate::state::recent::record(RecentKind::Group, id, &name, &external_id, RecentAction::Deleted);
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
    let submit = Callback::new({
        let external_id = external_id.clone();
        move |()| {
            let t = typed.get_untracked();
            let checked = if t.trim() == external_id.trim() {
                Ok(DeleteGroupQuery { id: Some(id), external_id: None })
            } else {
                refused.set((!t.trim().is_empty()).then_some(t));
                Err("delete-confirm".to_string())
            };
            form.submit(checked);
        }
    });
    let finish = move |_| {
        close.run(());
        // The page now shows the group as the platform has it: deleted.
        if let Some(GroupRefresh(cb)) = refresh {
            cb.run(());
        }
    };
    view! {
        <div hidden=move || form.done().is_some()>
            <form class="form" novalidate on:submit=move |ev| { ev.prevent_default(); submit.run(()); }>
                <div class="consequences consequences--danger" id="delete-consequences">
                    <p><strong>{format!("Delete {} ({}) for good?", group.group_name, group.external_id)}</strong></p>
                    <p>"Its members leave it and may join other groups; nobody can use its points any more. The platform keeps the group marked as deleted, its external ID stays taken, and it cannot be changed again. This cannot be undone."</p>
                </div>
                <TextField id="delete-confirm" label=format!("Type the group's external ID, {}, to confirm", external_id) value=typed
                    error=confirm_error hint=confirm_words required=true />
                <SubmitOrCancel form on_retry=submit label="Delete the group" busy="Deleting…" close />
            </form>
        </div>
        {move || form.done().map(|_| view! {
            <p class="result result--ok" role="status">"The group was deleted. It is marked in your recent groups."</p>
            <div class="form__actions">
                <button type="button" class="button button--primary" on:click=finish>"Close"</button>
            </div>
        })}
    }
}
