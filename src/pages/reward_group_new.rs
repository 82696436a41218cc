//! `/reward-groups/new`: create a reward group on the reward API host.

use gc_core::error::{Endpoint, Field};
use gc_core::recent::{RecentAction, RecentKind};
use gc_core::types::{RewardGroup, RewardGroupRequest};
use gc_core::validate::{validate_reward, MAX_REWARD_NAME_UNITS};
use leptos::prelude::*;

use crate::api;
use crate::components::{TextField, Timestamp};
use crate::form::{Form, FormFailure, SubmitButton};
use crate::settings_store::use_settings;

/// Where a platform code on this form is shown.
const FIELDS: &[(Field, &str)] = &[(Field::RewardName, "reward-name")];

#[component]
pub fn RewardGroupNew() -> impl IntoView {
    let store = use_settings();
    let name = RwSignal::new(String::new());
    let rank = RwSignal::new(String::new());
    let form = Form::new(Endpoint::CreateRewardGroup, FIELDS, move |req: RewardGroupRequest| {
        let settings = store.for_request();
        async move {
            let group = api::create_reward_group(&settings, &req).await?;
            crate::recent_store::record(RecentKind::RewardGroup, group.id.0, &group.name, "", RecentAction::Created);
            Ok(group)
        }
    });

    let checked = Memo::new(move |_| validate_reward(&name.get(), &rank.get()));
    let name_error = Signal::derive(move || {
        let local = checked.get().err().and_then(|e| e.name);
        let live = local.as_ref().is_some_and(|e| e.is_too_long());
        form.shown(local.map(|e| e.to_string()), live)
            .or_else(|| form.server_message(Field::RewardName, |r| r.name == name.read().trim()))
    });
    let rank_error = Signal::derive(move || form.shown(checked.get().err().and_then(|e| e.rank).map(|e| e.to_string()), false));

    let submit = move || {
        form.submit(checked.get_untracked().map_err(|e| if e.name.is_some() { "reward-name" } else { "reward-rank" }.to_string()))
    };

    view! {
        <h1>"New reward group"</h1>
        <form class="form" novalidate on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <fieldset>
                <legend>"Reward group"</legend>
                <TextField id="reward-name" label="Name" value=name error=name_error required=true
                    max_units=MAX_REWARD_NAME_UNITS hint="Must be unique in your org." />
                <TextField id="reward-rank" label="Rank" value=rank error=rank_error inputmode="numeric"
                    hint="Optional. A whole number from 1; lower ranks are listed first. Empty means no rank." />
            </fieldset>
            <FormFailure form on_retry=Callback::new(move |_| submit()) />
            <div class="form__actions">
                <SubmitButton pending=form.pending() label="Create reward group" busy="Creating…" />
            </div>
        </form>
        {move || form.done().map(|(_, g)| view! { <RewardGroupCard group=g /> })}
    }
}

/// The reward group as the platform answered it.
#[component]
fn RewardGroupCard(group: RewardGroup) -> impl IntoView {
    let dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    view! {
        <section class="result result--ok" role="status" aria-labelledby="reward-created">
            <h2 id="reward-created">"Reward group created"</h2>
            <dl class="facts">
                <dt>"ID"</dt><dd>{group.id.0}</dd>
                <dt>"Org"</dt><dd>{dash(group.org_id.map(|i| i.to_string()))}</dd>
                <dt>"Name"</dt><dd>{group.name.clone()}</dd>
                <dt>"Rank"</dt><dd>{dash(group.rank.map(|r| r.to_string()))}</dd>
                <dt>"Active"</dt><dd>{if group.is_active { "Yes" } else { "No" }}</dd>
                <dt>"Created"</dt>
                <dd>
                    <Timestamp iso=group.created_on_date_time.clone() epoch_ms=group.created_on />
                    {group.created_by.map(|b| format!(" by user {b}"))}
                </dd>
                <dt>"Last updated"</dt>
                <dd>
                    <Timestamp iso=group.last_updated_on_date_time.clone() epoch_ms=group.last_updated_on />
                    {group.last_updated_by.map(|b| format!(" by user {b}"))}
                </dd>
            </dl>
        </section>
    }
}
