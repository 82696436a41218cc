//! `/groups/:id/edit`: change a group's name, external ID, size or extended fields. The
//! form shows what will change before it is saved, and sends only that.

use std::sync::Arc;

use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::Field;
use gc_core::console::recent::{RecentAction, RecentKind};
use gc_core::group::wire::{GetGroupQuery, GroupDetails, GroupKey, UpdateGroupRequest, UpdatedGroup};
use gc_core::platform::read::Id;
use gc_core::group::checks::{GroupSnapshot, UpdateGroupInput, validate_update};
use gc_core::platform::fields::MAX_TEXT_UNITS;
use gc_core::console::routes::link;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::features::group::fields::{invalid_input_id, row_messages};
use crate::ui::show::json_text;
use crate::ui::alerts::ErrorAlert;
use crate::features::group::fields::{ExtendedFieldRow, ExtendedFieldsEditor};
use crate::ui::text_field::TextField;
use crate::ui::warnings::WarningList;
use crate::ui::form::{Form, FormFailure, SubmitButton};
use crate::state::settings::use_settings;

#[component]
pub fn GroupEdit() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.trim().parse::<u64>().ok()));
    move || match id.get() {
        None => view! { <h1>"Group not found"</h1><p><A href=link::home()>"Find a group"</A></p> }.into_any(),
        Some(id) => view! { <EditLoader id /> }.into_any(),
    }
}

#[component]
fn EditLoader(id: u64) -> impl IntoView {
    let store = use_settings();
    let group = LocalResource::new(move || {
        let settings = store.for_request();
        async move { api::group::get_group(&settings, &GetGroupQuery::basic(GroupKey::Id(id))).await.map(Arc::new) }
    });
    view! {
        <Transition fallback=move || view! {
            <div class="loading" role="status"><h1>{format!("Edit group {id}")}</h1><p>"Loading the group…"</p></div>
        }>
            {move || group.get().map(|res| match res {
                Ok(g) => view! { <EditForm group=g /> }.into_any(),
                Err(e) => view! {
                    <h1>{format!("Edit group {id}")}</h1>
                    <ErrorAlert error=e on_retry=Callback::new(move |_| group.refetch()) />
                }.into_any(),
            })}
        </Transition>
    }
}

/// Where a platform code on this form is shown.
const FIELDS: &[(Field, &str)] = &[(Field::ExternalId, "edit-external-id"), (Field::MaxGroupSize, "edit-max-size")];

#[component]
fn EditForm(group: Arc<GroupDetails>) -> impl IntoView {
    let store = use_settings();
    let id = group.id;
    let snapshot = GroupSnapshot::from(group.as_ref());
    let active = group.active_members();
    let group_name = RwSignal::new(group.group_name.clone());
    let external_id = RwSignal::new(group.external_id.clone());
    let max_size = RwSignal::new(group.max_group_size.map(|n| n.to_string()).unwrap_or_default());
    let rows = RwSignal::new(
        group
            .extended_fields
            .iter()
            .enumerate()
            .map(|(i, (k, v))| ExtendedFieldRow::new(i as u32, k, &json_text(v), true))
            .collect::<Vec<_>>(),
    );
    let form = Form::new(CallId::UpdateGroup, FIELDS, move |req: UpdateGroupRequest| {
        let settings = store.for_request();
        async move {
            let updated = api::group::update_group(&settings, &req).await?;
            crate::state::recent::record(
                RecentKind::Group,
                id.0,
                &updated.group_name,
                &updated.external_id,
                RecentAction::Edited,
            );
            Ok(updated)
        }
    });

    let input = move || UpdateGroupInput {
        external_id: external_id.get(),
        group_name: group_name.get(),
        max_group_size: max_size.get(),
        extended_fields: rows.get().iter().map(|r| (r.name.get(), r.value.get())).collect(),
    };
    let limit = move || store.settings.with(|s| s.public.max_group_size_limit);
    let checked = {
        let snapshot = snapshot.clone();
        Memo::new(move |_| validate_update(id, &snapshot, &input(), limit(), active))
    };
    let errors = move || checked.get().err().unwrap_or_default();
    let name_error = Signal::derive(move || {
        let e = errors().group_name;
        let live = e.as_ref().is_some_and(|e| e.is_too_long());
        form.shown(e.map(|e| e.to_string()), live)
    });
    let ext_error = Signal::derive(move || {
        let e = errors().external_id;
        let live = e.as_ref().is_some_and(|e| e.is_too_long());
        form.shown(e.map(|e| e.to_string()), live).or_else(|| {
            form.server_message(Field::ExternalId, |r| {
                r.external_id.as_deref().is_some_and(|x| x == external_id.read().trim())
            })
        })
    });
    // Below the active members is worth saying at once: the user may not know the count.
    let size_error = Signal::derive(move || {
        let e = errors().max_group_size;
        let live = e.as_ref().is_some_and(|e| e.is_below_active());
        form.shown(e.map(|e| e.to_string()), live).or_else(|| {
            form.server_message(Field::MaxGroupSize, |r| {
                r.max_group_size.is_some_and(|n| n.to_string() == max_size.read().trim())
            })
        })
    });
    let row_errors =
        Signal::derive(move || if form.attempted() { row_messages(errors().extended_fields) } else { Vec::new() });
    let form_error = move || form.shown(errors().form.map(|e| e.to_string()), false);

    let submit = move || {
        form.submit(checked.get_untracked().map(|plan| plan.request).map_err(|errs| match errs.first_invalid() {
            Some(field) => invalid_input_id(field, ["edit-external-id", "edit-group-name", "edit-max-size"], rows),
            None => "edit-save".to_string(),
        }))
    };

    let changes = move || checked.get().ok().map(|p| p.changes).unwrap_or_default();

    view! {
        <h1>{format!("Edit group {}", id.0)}</h1>
        <p><A href=link::group(id.0)>{format!("Back to group {}", id.0)}</A></p>
        <Show when=move || form.done().is_none()
            fallback=move || form.done().map(|(_, g)| view! { <UpdatedCard group=g /> })>
            <form class="form" novalidate on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <fieldset>
                    <legend>"Group"</legend>
                    <TextField id="edit-group-name" label="Group name" value=group_name error=name_error
                        max_units=MAX_TEXT_UNITS required=true />
                    <TextField id="edit-external-id" label="External ID" value=external_id error=ext_error
                        max_units=MAX_TEXT_UNITS required=true />
                    <TextField id="edit-max-size" label="Max group size" value=max_size error=size_error
                        inputmode="numeric" required=true
                        hint=format!("{} active members now; the size cannot go below that.", crate::ui::intl::number(active as f64)) />
                </fieldset>
                <ExtendedFieldsEditor rows errors=row_errors />
                <section class="changes" aria-labelledby="changes-title" aria-live="polite">
                    <h2 id="changes-title">"Changes to save"</h2>
                    {move || {
                        let list = changes();
                        if list.is_empty() {
                            view! { <p class="empty">"Nothing changed yet."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="changes__list">
                                    {list.into_iter().map(|c| view! {
                                        <li><strong>{c.label}</strong>": " <del>{c.old}</del>" → " <ins>{c.new}</ins></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                    }}
                </section>
                {move || form_error().map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
                <FormFailure form on_retry=Callback::new(move |_| submit()) />
                <div class="form__actions">
                    <SubmitButton id="edit-save" pending=form.pending() label="Save changes" busy="Saving…" />
                </div>
            </form>
        </Show>
    }
}

/// The group as the PUT answered it.
#[component]
fn UpdatedCard(group: UpdatedGroup) -> impl IntoView {
    let id: Id = group.id;
    view! {
        <section class="result result--ok" role="status" aria-labelledby="saved-title">
            <h2 id="saved-title">"Changes saved"</h2>
            <dl class="facts">
                <dt>"Group ID"</dt><dd>{id.0}</dd>
                <dt>"Group name"</dt><dd>{group.group_name.clone()}</dd>
                <dt>"External ID"</dt><dd>{group.external_id.clone()}</dd>
                <dt>"Max group size"</dt><dd>{group.max_group_size.map(|n| crate::ui::intl::number(n as f64)).unwrap_or_else(|| "—".into())}</dd>
                {group.extended_fields.iter().map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{json_text(v)}</dd> }).collect_view()}
            </dl>
            <PointsLists promised=group.promised_points_schedule_list.clone() triggered=group.trigger_based_points_list.clone() />
            <WarningList warnings=group.warnings.clone() done="updated" />
            <p><A href=link::group(id.0)>{format!("Back to group {}", id.0)}</A></p>
        </section>
    }
}

/// What the PUT answers about the group's promised and trigger-based points. The entries'
/// fields are not documented: each is shown as its name/value pairs.
#[component]
fn PointsLists(promised: Vec<serde_json::Value>, triggered: Vec<serde_json::Value>) -> impl IntoView {
    let list = |items: Vec<serde_json::Value>| {
        if items.is_empty() {
            return view! { <p class="empty">"None."</p> }.into_any();
        }
        view! {
            <ul>
                {items.iter().map(|item| {
                    let text = match item.as_object() {
                        Some(o) => o.iter().map(|(k, v)| format!("{k}: {}", json_text(v))).collect::<Vec<_>>().join(" · "),
                        None => json_text(item),
                    };
                    view! { <li>{text}</li> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h3>"Promised points schedule"</h3>
        {list(promised)}
        <h3>"Trigger-based points"</h3>
        {list(triggered)}
    }
}
