//! `/groups/new`: create a user group. Everything is checked before anything is sent; a
//! failed request keeps every value and offers a retry.

use gc_core::error::{ApiError, Endpoint, Field};
use gc_core::types::{CreateGroupRequest, CreateGroupResponse, GetGroupQuery, GroupKey};
use gc_core::validate::{validate_create, CreateGroupInput, FieldError, MAX_TEXT_UNITS};
use gc_core::routes::link;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::extended_fields::{invalid_input_id, row_messages};
use crate::components::{focus_by_id, ErrorAlert, ExtendedFieldRow, ExtendedFieldsEditor, TextField, WarningList};
use crate::settings_store::use_settings;

#[component]
pub fn GroupNew() -> impl IntoView {
    let store = use_settings();
    let external_id = RwSignal::new(String::new());
    let group_name = RwSignal::new(String::new());
    let max_size = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<ExtendedFieldRow>::new());
    // Errors show after the first attempt to submit (a live counter shows overflow before).
    let attempted = RwSignal::new(false);
    // 1633 and friends: the platform's verdict on a field, until the user edits that field.
    let server_error = RwSignal::new(None::<(Field, String)>);
    Effect::watch(move || external_id.track(), move |_, _, _| server_error.set(None), false);
    Effect::watch(move || max_size.track(), move |_, _, _| server_error.set(None), false);

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
    let show = move |e: Option<FieldError>| e.filter(|e| attempted.get() || e.is_too_long()).map(|e| e.to_string());
    let server_msg = move |f: Field| server_error.with(|s| s.as_ref().filter(|(x, _)| *x == f).map(|(_, m)| m.clone()));
    let ext_error = Signal::derive(move || show(errors().external_id).or(server_msg(Field::ExternalId)));
    let name_error = Signal::derive(move || show(errors().group_name));
    let size_error = Signal::derive(move || show(errors().max_group_size).or(server_msg(Field::MaxGroupSize)));
    let row_errors = Signal::derive(move || {
        if !attempted.get() {
            return Vec::new();
        }
        row_messages(errors().extended_fields)
    });

    // The external ID of an attempt whose answer was lost (timeout, cut-off answer): it may
    // have created the group, so a retry that meets 1633 looks the group up instead.
    let uncertain = StoredValue::new(None::<String>);
    let create = Action::new_local(move |req: &CreateGroupRequest| {
        let req = req.clone();
        let settings = store.for_request();
        let was_uncertain = uncertain.get_value().as_deref() == Some(req.external_id.as_str());
        async move {
            match api::create_group(&settings, &req).await {
                Ok(res) => Ok((req, res, false)),
                Err(e) if was_uncertain && e.code() == Some(1633) => {
                    let query = GetGroupQuery::basic(GroupKey::ExternalId(req.external_id.clone()));
                    match api::get_group(&settings, &query).await {
                        Ok(g) => Ok((req, CreateGroupResponse { entity: g.id, warnings: Vec::new() }, true)),
                        Err(_) => Err(e),
                    }
                }
                Err(e) => {
                    if e.outcome_unknown() {
                        uncertain.set_value(Some(req.external_id.clone()));
                    }
                    Err(e)
                }
            }
        }
    });
    let pending = create.pending();
    let failure = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(None::<(CreateGroupRequest, CreateGroupResponse, bool)>);
    Effect::new(move |_| match create.value().get() {
        Some(Ok((req, res, recovered))) => {
            crate::recent_store::record_created_group(&req, &res);
            uncertain.set_value(None);
            failure.set(None);
            created.set(Some((req, res, recovered)));
        }
        Some(Err(e)) => match e.field(Endpoint::CreateGroup) {
            Some(field) => {
                server_error.set(Some((field, e.headline())));
                failure.set(None);
                focus_by_id(match field {
                    Field::MaxGroupSize => "group-max-size",
                    _ => "group-external-id",
                });
            }
            None => failure.set(Some(e)),
        },
        None => {}
    });

    let submit = move || {
        if pending.get_untracked() {
            return; // a request is in flight: never send twice
        }
        attempted.set(true);
        match checked.get_untracked() {
            Ok(req) => {
                failure.set(None);
                create.dispatch(req);
            }
            Err(errs) => {
                if let Some(first) = errs.first_invalid() {
                    focus_by_id(&invalid_input_id(first, ["group-external-id", "group-name", "group-max-size"], rows));
                }
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit();
    };
    let start_over = move |_| {
        external_id.set(String::new());
        group_name.set(String::new());
        max_size.set(String::new());
        rows.set(Vec::new());
        attempted.set(false);
        created.set(None);
    };

    view! {
        <h1>"New user group"</h1>
        <Show
            when=move || created.with(|c| c.is_none())
            fallback=move || created.get().map(|(req, res, recovered)| view! {
                <CreatedPanel req res recovered />
                <button type="button" class="button" on:click=start_over>"Create another group"</button>
            })
        >
            <form class="form" on:submit=on_submit novalidate>
                <fieldset>
                    <legend>"Group"</legend>
                    <TextField id="group-external-id" label="External ID" value=external_id error=ext_error
                        max_units=MAX_TEXT_UNITS required=true
                        hint="Your unique ID for the group, e.g. the family or fleet code." />
                    <TextField id="group-name" label="Group name" value=group_name error=name_error
                        max_units=MAX_TEXT_UNITS hint="Optional." />
                    <TextField id="group-max-size" label="Max group size" value=max_size error=size_error
                        inputmode="numeric" required=true
                        hint=format!("How many members the group may have, 1 to {}.", gc_core::format::group_digits(limit() as u64)) />
                </fieldset>
                <ExtendedFieldsEditor rows errors=row_errors />
                {move || failure.get().map(|e| view! { <ErrorAlert error=e on_retry=Callback::new(move |_| submit()) /> })}
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || pending.get()>
                        {move || if pending.get() { "Creating…" } else { "Create group" }}
                    </button>
                </div>
            </form>
        </Show>
    }
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
