//! `/groups/new`: create a user group. Everything is checked before anything is sent; a
//! failed request keeps every value and offers a retry.

use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::{ApiError, Field};
use gc_core::group::checks::is_own_group;
use gc_core::platform::send_once::{Delivery, Failure, Next};
use gc_core::console::settings::Settings;
use gc_core::group::wire::{CreateGroupRequest, CreateGroupResponse, GetGroupQuery, GroupKey};
use gc_core::group::checks::{CreateGroupInput, validate_create};
use gc_core::platform::fields::{FieldError, MAX_TEXT_UNITS};
use gc_core::console::routes::link;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::features::group::fields::{invalid_input_id, row_messages};
use crate::features::group::fields::{ExtendedFieldRow, ExtendedFieldsEditor};
use crate::ui::text_field::TextField;
use crate::ui::warnings::WarningList;
use crate::ui::form::{Form, FormFailure, SubmitButton};
use crate::state::settings::use_settings;

/// Where a platform code on this form is shown.
const FIELDS: &[(Field, &str)] = &[(Field::ExternalId, "group-external-id"), (Field::MaxGroupSize, "group-max-size")];

/// A created group, and whether a look-up found it after its answer was lost.
#[derive(Clone)]
struct Created {
    res: CreateGroupResponse,
    recovered: bool,
}

#[component]
pub fn GroupNew() -> impl IntoView {
    let store = use_settings();
    let external_id = RwSignal::new(String::new());
    let group_name = RwSignal::new(String::new());
    let max_size = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<ExtendedFieldRow>::new());

    // The attempts for one external ID: after a lost answer the next attempt looks first.
    let delivery = StoredValue::new((String::new(), Delivery::default()));
    let form = Form::new(CallId::CreateGroup, FIELDS, move |req: CreateGroupRequest| {
        let settings = store.for_request();
        let mut attempts = delivery.with_value(|(ext, d)| if *ext == req.external_id { *d } else { Delivery::default() });
        async move {
            let outcome = create_once(&settings, &req, &mut attempts).await;
            delivery.set_value((req.external_id.clone(), attempts));
            if let Ok(created) = &outcome {
                crate::state::recent::record_created_group(&req, &created.res);
            }
            outcome
        }
    });

    let input = move || CreateGroupInput {
        external_id: external_id.get(),
        group_name: group_name.get(),
        max_group_size: max_size.get(),
        extended_fields: rows.get().iter().map(|r| (r.name.get(), r.value.get())).collect(),
    };
    let limit = move || store.settings.with(|s| s.public.max_group_size_limit);
    let checked = Memo::new(move |_| validate_create(&input(), limit()));
    let errors = move || checked.get().err().unwrap_or_default();

    // Before the first submit only an overflow shows (the counter already turned red).
    let show = move |e: Option<FieldError>| {
        let live = e.as_ref().is_some_and(FieldError::is_too_long);
        form.shown(e.map(|e| e.to_string()), live)
    };
    let ext_error = Signal::derive(move || {
        show(errors().external_id).or_else(|| {
            form.server_message(Field::ExternalId, |r| r.external_id == external_id.read().trim())
        })
    });
    let name_error = Signal::derive(move || show(errors().group_name));
    let size_error = Signal::derive(move || {
        show(errors().max_group_size).or_else(|| {
            form.server_message(Field::MaxGroupSize, |r| r.max_group_size.to_string() == max_size.read().trim())
        })
    });
    let row_errors =
        Signal::derive(move || if form.attempted() { row_messages(errors().extended_fields) } else { Vec::new() });

    let submit = move || {
        form.submit(checked.get_untracked().map_err(|errs| {
            errs.first_invalid()
                .map(|f| invalid_input_id(f, ["group-external-id", "group-name", "group-max-size"], rows))
                .unwrap_or_default()
        }))
    };
    let start_over = move |_| {
        external_id.set(String::new());
        group_name.set(String::new());
        max_size.set(String::new());
        rows.set(Vec::new());
        form.reset();
    };

    view! {
        <h1>"New user group"</h1>
        <Show
            when=move || form.done().is_none()
            fallback=move || form.done().map(|(req, created)| view! {
                <CreatedPanel req res=created.res recovered=created.recovered />
                <button type="button" class="button" on:click=start_over>"Create another group"</button>
            })
        >
            <form class="form" on:submit=move |ev| { ev.prevent_default(); submit(); } novalidate>
                <fieldset>
                    <legend>"Group"</legend>
                    <TextField id="group-external-id" label="External ID" value=external_id error=ext_error
                        max_units=MAX_TEXT_UNITS required=true
                        hint="Your unique ID for the group, e.g. the family or fleet code." />
                    <TextField id="group-name" label="Group name" value=group_name error=name_error
                        max_units=MAX_TEXT_UNITS hint="Optional." />
                    <TextField id="group-max-size" label="Max group size" value=max_size error=size_error
                        inputmode="numeric" required=true
                        hint=format!("How many members the group may have, 1 to {}.", gc_core::platform::format::group_digits(limit() as u64)) />
                </fieldset>
                <ExtendedFieldsEditor rows errors=row_errors />
                <FormFailure form on_retry=Callback::new(move |_| submit()) />
                <div class="form__actions">
                    <SubmitButton pending=form.pending() label="Create group" busy="Creating…" />
                </div>
            </form>
        </Show>
    }
}

/// Creates the group, never twice: when an earlier attempt's answer was lost, or the
/// platform says the external ID exists on a retry, the group is looked up first
/// (gc_core::send_once).
async fn create_once(settings: &Settings, req: &CreateGroupRequest, d: &mut Delivery) -> Result<Created, ApiError> {
    let query = GetGroupQuery::basic(GroupKey::ExternalId(req.external_id.clone()));
    let look_up = || api::group::get_group(settings, &query);
    if d.next() == Next::LookUp {
        match look_up().await {
            Ok(g) if is_own_group(req, &g) => {
                d.looked_up();
                return Ok(Created { res: CreateGroupResponse { entity: g.id, warnings: Vec::new() }, recovered: true });
            }
            Ok(_) => d.looked_up(), // someone else's group: the create answers 1633 itself
            Err(e) if e.is_not_found() => d.looked_up(),
            Err(e) => return Err(e),
        }
    }
    let error = match api::group::create_group(settings, req).await {
        Ok(res) => return Ok(Created { res, recovered: false }),
        Err(e) => e,
    };
    if d.failed(&error, 1633) == Failure::LookUpFirst {
        if let Ok(g) = look_up().await {
            d.looked_up();
            if is_own_group(req, &g) {
                return Ok(Created { res: CreateGroupResponse { entity: g.id, warnings: Vec::new() }, recovered: true });
            }
        }
    }
    Err(error)
}

/// What the platform answered: the new id, a link to the group, and any warnings in words.
#[component]
fn CreatedPanel(req: CreateGroupRequest, res: CreateGroupResponse, recovered: bool) -> impl IntoView {
    let id = res.entity.0;
    let name = req.group_name.clone().unwrap_or_else(|| req.external_id.clone());
    view! {
        <div class="result result--ok" role="status">
            <p class="result__headline">"Group " <strong>{id}</strong> " created: " {name} "."</p>
            {recovered.then(|| view! {
                <p>"The earlier attempt had created it, though its answer was lost; nothing was created twice."</p>
            })}
            <p><A href=link::group(id)>{format!("Open group {id}")}</A></p>
            <WarningList warnings=res.warnings done="created" />
        </div>
    }
}
