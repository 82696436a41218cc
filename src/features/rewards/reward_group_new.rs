//! `/reward-groups/new`: create a reward group on the reward API host.

use gc_core::platform::endpoints::CallId;
use gc_core::console::recent::{RecentAction, RecentKind};
use gc_core::console::routes::link;
use gc_core::rewards::wire::{RewardGroup, RewardGroupRequest};
use gc_core::rewards::checks::validate_reward;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::features::rewards::fields::{first_invalid, REWARD_FIELDS};
use crate::features::rewards::facts::RewardGroupFacts;
use crate::features::rewards::fields::RewardGroupFields;
use crate::ui::form::{Form, FormFailure, SubmitButton};
use crate::state::settings::use_settings;

#[component]
pub fn RewardGroupNew() -> impl IntoView {
    let store = use_settings();
    let name = RwSignal::new(String::new());
    let rank = RwSignal::new(String::new());
    let form = Form::new(CallId::CreateRewardGroup, REWARD_FIELDS, move |req: RewardGroupRequest| {
        let settings = store.for_request();
        async move {
            let group = api::rewards::create_reward_group(&settings, &req).await?;
            crate::state::recent::record(RecentKind::RewardGroup, group.id.0, &group.name, "", RecentAction::Created);
            Ok(group)
        }
    });

    let checked = Memo::new(move |_| validate_reward(&name.get(), &rank.get()));
    let submit = move || form.submit(checked.get_untracked().map_err(first_invalid));

    view! {
        <h1>"New reward group"</h1>
        <p><A href=link::reward_groups()>"All reward groups"</A></p>
        <form class="form" novalidate on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <fieldset>
                <legend>"Reward group"</legend>
                <RewardGroupFields form name rank checked sent_name=|r: &RewardGroupRequest| r.name.clone()
                    name_hint="Must be unique in your org."
                    rank_hint="Optional. A whole number from 1; lower ranks are listed first. Empty means no rank." />
            </fieldset>
            <FormFailure form on_retry=Callback::new(move |_| submit()) />
            <div class="form__actions">
                <SubmitButton pending=form.pending() label="Create reward group" busy="Creating…" />
            </div>
        </form>
        {move || form.done().map(|(_, g)| view! { <RewardGroupCreated group=g /> })}
    }
}

/// The new reward group as the platform answered it, with the way to its page.
#[component]
fn RewardGroupCreated(group: RewardGroup) -> impl IntoView {
    let id = group.id.0;
    view! {
        <section class="result result--ok" role="status" aria-labelledby="reward-created">
            <h2 id="reward-created">"Reward group created"</h2>
            <RewardGroupFacts group />
            <p><A href=link::reward_group(id)>{format!("Open reward group {id}")}</A></p>
        </section>
    }
}
