//! `/`: find a group — by its ID, external ID or primary member — and return to recent work.

use gc_core::error::{Endpoint, Field};
use gc_core::lookup::{lookup_key, LookupBy};
use gc_core::recent::{RecentAction, RecentItem, RecentKind};
use gc_core::types::{GetGroupQuery, GroupKey};
use gc_core::routes::link;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::TextField;
use crate::form::{Form, FormFailure, SubmitButton};
use crate::settings_store::use_settings;

/// Where a platform code on the look-up is shown.
const FIELDS: &[(Field, &str)] = &[(Field::LookupValue, "lookup-value")];

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1>"Find a group"</h1>
        <ExactLookup />
        <RecentWork />
    }
}

/// A group by its ID (opened at once), its external ID or its primary member's customer ID
/// (looked up, then opened).
#[component]
fn ExactLookup() -> impl IntoView {
    let store = use_settings();
    let navigate = use_navigate();
    let by = RwSignal::new(LookupBy::GroupId);
    let value = RwSignal::new(String::new());
    let form = {
        let navigate = navigate.clone();
        Form::new(Endpoint::GetGroup, FIELDS, move |key: GroupKey| {
            let settings = store.for_request();
            let navigate = navigate.clone();
            async move {
                let group = api::get_group(&settings, &GetGroupQuery::basic(key)).await?;
                navigate(&link::group(group.id.0), NavigateOptions::default());
                Ok(())
            }
        })
    };
    let checked = Memo::new(move |_| lookup_key(by.get(), &value.get()));
    let error = Signal::derive(move || {
        form.shown(checked.get().err().map(String::from), false).or_else(|| {
            form.server_error(Field::LookupValue, |key| lookup_key(by.get(), &value.get()).as_ref() == Ok(key))
                .map(|_| by.get().not_found().to_string())
        })
    });
    let submit = Callback::new(move |()| match checked.get_untracked() {
        // A group ID needs no look-up: the group page says if it does not exist.
        Ok(GroupKey::Id(id)) => navigate(&link::group(id), NavigateOptions::default()),
        other => form.submit(other.map_err(|_| "lookup-value".to_string())),
    });

    view! {
        <form class="form lookup" novalidate on:submit=move |ev| { ev.prevent_default(); submit.run(()); }>
            <fieldset class="segmented">
                <legend>"Look up by"</legend>
                {LookupBy::ALL.into_iter().map(|choice| {
                    let id = format!("lookup-by-{}", choice.label().to_ascii_lowercase().replace(' ', "-"));
                    view! {
                        <span class="segmented__option">
                            <input type="radio" name="lookup-by" id=id.clone() prop:checked=move || by.get() == choice
                                on:change=move |_| by.set(choice) />
                            <label for=id>{choice.label()}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            <TextField id="lookup-value" label=Signal::derive(move || by.get().label().to_string()) value error
                inputmode=Signal::derive(move || (by.get() != LookupBy::ExternalId).then_some("numeric"))
                hint=Signal::derive(move || by.get().hint().to_string()) />
            <FormFailure form on_retry=submit />
            <div class="form__actions">
                <SubmitButton pending=form.pending() label="Find group" busy="Looking up…" />
                <A href=link::group_new() attr:class="button">"New group"</A>
            </div>
        </form>
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
                <A href=link::reward_group(item.id)>{title}</A>
                <span class="recent__meta">{format!(" · reward group {} · {action} {when}", item.id)}</span>
            </li>
        }
        .into_any(),
    }
}
