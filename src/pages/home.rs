//! `/`: find a group by its ID or its external ID, and return to recent work.

use gc_core::error::ApiError;
use gc_core::recent::{RecentAction, RecentItem, RecentKind};
use gc_core::types::{GetGroupQuery, GroupKey};
use gc_core::routes::link;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::{focus_by_id, ErrorAlert};
use crate::settings_store::use_settings;

#[derive(Clone, Copy, PartialEq, Eq)]
enum LookupBy {
    GroupId,
    ExternalId,
}

#[component]
pub fn Home() -> impl IntoView {
    let store = use_settings();
    let navigate = use_navigate();
    let by = RwSignal::new(LookupBy::GroupId);
    let value = RwSignal::new(String::new());
    let field_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    Effect::watch(move || (value.track(), by.track()), move |_, _, _| field_error.set(None), false);

    // An external ID that looks like a number is still an external ID: the user chose.
    let lookup = Action::new_local(move |external_id: &String| {
        let settings = store.for_request();
        let query = GetGroupQuery::basic(GroupKey::ExternalId(external_id.clone()));
        async move { api::get_group(&settings, &query).await }
    });
    let pending = lookup.pending();
    {
        let navigate = navigate.clone();
        Effect::new(move |_| match lookup.value().get() {
            Some(Ok(group)) => navigate(&link::group(group.id.0), NavigateOptions::default()),
            Some(Err(e)) if e.code() == Some(1632) || e.status() == Some(404) => {
                field_error.set(Some("No group has this external ID.".into()));
                focus_by_id("lookup-value");
            }
            Some(Err(e)) => failure.set(Some(e)),
            None => {}
        });
    }

    let submit = Callback::new(move |()| {
        failure.set(None);
        let v = value.get_untracked().trim().to_string();
        match by.get_untracked() {
            LookupBy::GroupId => {
                match v.parse::<u64>() {
                    Ok(id) if id > 0 => navigate(&link::group(id), NavigateOptions::default()),
                    _ if v.is_empty() => {
                        field_error.set(Some("Enter a group ID.".into()));
                        focus_by_id("lookup-value");
                    }
                    _ => {
                        field_error.set(Some("A group ID is a whole number, like 3918893. To search by your own code, choose External ID.".into()));
                        focus_by_id("lookup-value");
                    }
                }
            }
            LookupBy::ExternalId => {
                if v.is_empty() {
                    field_error.set(Some("Enter an external ID.".into()));
                    focus_by_id("lookup-value");
                } else if !pending.get_untracked() {
                    lookup.dispatch(v);
                }
            }
        }
    });

    let radio = move |value: LookupBy, id: &'static str, label: &'static str| {
        view! {
            <input type="radio" name="lookup-by" id=id prop:checked=move || by.get() == value
                on:change=move |_| by.set(value) />
            <label for=id>{label}</label>
        }
    };

    view! {
        <h1>"Find a group"</h1>
        <form class="form lookup" novalidate on:submit=move |ev| { ev.prevent_default(); submit.run(()); }>
            <fieldset class="segmented">
                <legend>"Look up by"</legend>
                {radio(LookupBy::GroupId, "lookup-by-id", "Group ID")}
                {radio(LookupBy::ExternalId, "lookup-by-external", "External ID")}
            </fieldset>
            <div class="field">
                <label for="lookup-value">{move || if by.get() == LookupBy::GroupId { "Group ID" } else { "External ID" }}</label>
                <input id="lookup-value" type="text" autocomplete="off" bind:value=value
                    inputmode=move || (by.get() == LookupBy::GroupId).then_some("numeric")
                    aria-invalid=move || if field_error.read().is_some() { "true" } else { "false" }
                    aria-describedby="lookup-value-msg" />
                <p id="lookup-value-msg" class=move || if field_error.read().is_some() { "field__error" } else { "field__hint" }>
                    {move || field_error.get().unwrap_or_else(|| match by.get() {
                        LookupBy::GroupId => "The platform's numeric ID, e.g. 3918893.".into(),
                        LookupBy::ExternalId => "Your own code for the group, e.g. uat_ug_10_txn.".into(),
                    })}
                </p>
            </div>
            {move || failure.get().map(|e| view! { <ErrorAlert error=e on_retry=submit /> })}
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || pending.get()>
                    {move || if pending.get() { "Looking up…" } else { "Find group" }}
                </button>
                <A href=link::group_new() attr:class="button">"New group"</A>
            </div>
        </form>
        <RecentWork />
    }
}

/// Groups and reward groups created, viewed or edited here, newest first.
#[component]
fn RecentWork() -> impl IntoView {
    let items = crate::recent_store::load();
    view! {
        <section class="recent" aria-labelledby="recent-title">
            <h2 id="recent-title">"Recent groups"</h2>
            {if items.is_empty() {
                view! { <p class="empty">"Groups you create, view or edit here will be listed here."</p> }.into_any()
            } else {
                view! { <ul class="recent__list">{items.into_iter().map(recent_line).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

fn recent_line(item: RecentItem) -> impl IntoView {
    let action = match item.action {
        RecentAction::Created => "created",
        RecentAction::Viewed => "viewed",
        RecentAction::Edited => "edited",
    };
    let when = crate::intl::instant(item.at);
    let title = if item.name.trim().is_empty() { item.external_id.clone() } else { item.name.clone() };
    let title = if title.trim().is_empty() { format!("{}", item.id) } else { title };
    match item.kind {
        RecentKind::Group => view! {
            <li>
                <A href=link::group(item.id)>{title}</A>
                <span class="recent__meta">{format!(" · group {} · {action} {when}", item.id)}</span>
            </li>
        }
        .into_any(),
        RecentKind::RewardGroup => view! {
            <li>
                <span>{title}</span>
                <span class="recent__meta">{format!(" · reward group {} · {action} {when}", item.id)}</span>
            </li>
        }
        .into_any(),
    }
}
