//! `/reward-groups/new`: create a reward group on the reward API host.

use gc_core::error::{ApiError, Endpoint, Field};
use gc_core::recent::{RecentAction, RecentKind};
use gc_core::types::{RewardGroup, RewardGroupRequest};
use gc_core::validate::{validate_reward, MAX_REWARD_NAME_UNITS};
use leptos::prelude::*;

use crate::api;
use crate::components::{focus_by_id, ErrorAlert, TextField, Timestamp};
use crate::settings_store::use_settings;

#[component]
pub fn RewardGroupNew() -> impl IntoView {
    let store = use_settings();
    let name = RwSignal::new(String::new());
    let rank = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let server_error = RwSignal::new(None::<String>);
    Effect::watch(move || name.track(), move |_, _, _| server_error.set(None), false);

    let checked = Memo::new(move |_| validate_reward(&name.get(), &rank.get()));
    let name_error = Signal::derive(move || {
        let local = checked.get().err().and_then(|e| e.name).filter(|e| attempted.get() || e.is_too_long());
        local.map(|e| e.to_string()).or(server_error.get())
    });
    let rank_error = Signal::derive(move || {
        if !attempted.get() {
            return None;
        }
        checked.get().err().and_then(|e| e.rank).map(|e| e.to_string())
    });

    let create = Action::new_local(move |req: &RewardGroupRequest| {
        let req = req.clone();
        let settings = store.for_request();
        async move { api::create_reward_group(&settings, &req).await }
    });
    let pending = create.pending();
    let failure = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(None::<RewardGroup>);
    Effect::new(move |_| match create.value().get() {
        Some(Ok(group)) => {
            crate::recent_store::record(RecentKind::RewardGroup, group.id.0, &group.name, "", RecentAction::Created);
            failure.set(None);
            created.set(Some(group));
        }
        Some(Err(e)) if e.field(Endpoint::CreateRewardGroup) == Some(Field::RewardName) => {
            // 12012 has its own words; a bare 400 ("Group name must not be null") says what the platform said.
            let msg = if e.code() == Some(12012) {
                "A reward group with this name already exists.".to_string()
            } else {
                e.api_message().map(|m| format!("The platform refused this name: {m}")).unwrap_or_else(|| e.headline())
            };
            server_error.set(Some(msg));
            failure.set(None);
            focus_by_id("reward-name");
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });

    let submit = move || {
        if pending.get_untracked() {
            return;
        }
        attempted.set(true);
        match checked.get_untracked() {
            Ok(req) => {
                failure.set(None);
                create.dispatch(req);
            }
            Err(e) => focus_by_id(if e.name.is_some() { "reward-name" } else { "reward-rank" }),
        }
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
            {move || failure.get().map(|e| view! { <ErrorAlert error=e on_retry=Callback::new(move |_| submit()) /> })}
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || pending.get()>
                    {move || if pending.get() { "Creating…" } else { "Create reward group" }}
                </button>
            </div>
        </form>
        {move || created.get().map(|g| view! { <RewardGroupCard group=g /> })}
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
