//! `/reward-groups/:id`: one reward group — what the platform knows about it, the rewards
//! linked to it, and its edit form. The platform links rewards to a group by its name, so a
//! new name unlinks every reward attached to the group: a rename is confirmed before anything
//! is sent, naming those rewards when the list was read.

use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::ApiError;
use gc_core::console::recent::{RecentAction, RecentKind};
use gc_core::rewards::wire::{RewardGroupUpdate, renames};
use gc_core::console::routes::link;
use gc_core::rewards::linked::RenameUnlinks;
use gc_core::rewards::wire::RewardGroup;
use gc_core::rewards::checks::validate_reward;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::features::rewards::fields::{first_invalid, NAME_INPUT, REWARD_FIELDS};
use crate::ui::focus_by_id;
use crate::ui::alerts::ErrorAlert;
use crate::features::rewards::facts::RewardGroupFacts;
use crate::features::rewards::fields::RewardGroupFields;
use crate::features::rewards::rewards_list::{linked_rewards, Linked, RewardsInGroup};
use crate::ui::form::{Form, FormFailure, SubmitButton};
use crate::state::settings::use_settings;

#[component]
pub fn RewardGroupView() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.trim().parse::<u64>().ok()));
    move || match id.get() {
        Some(id) => view! { <RewardGroupLoader id /> }.into_any(),
        None => view! { <RewardGroupNotFound id=None /> }.into_any(),
    }
}

#[component]
fn RewardGroupLoader(id: u64) -> impl IntoView {
    let store = use_settings();
    let group = LocalResource::new(move || {
        let settings = store.for_request();
        async move {
            let group = api::rewards::get_reward_group(&settings, id).await;
            if let Ok(g) = &group {
                crate::state::recent::record(RecentKind::RewardGroup, g.id.0, &g.name, "", RecentAction::Viewed);
            }
            group
        }
    });
    view! {
        <Transition fallback=move || view! { <LoadingRewardGroup id /> }>
            {move || group.get().map(|answer| match answer {
                Ok(g) => view! { <RewardGroupPage group=g /> }.into_any(),
                Err(e) if e.is_not_found() => view! { <RewardGroupNotFound id=Some(id) /> }.into_any(),
                Err(e) => view! { <RewardGroupError id error=e on_retry=Callback::new(move |_| group.refetch()) /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn LoadingRewardGroup(id: u64) -> impl IntoView {
    view! {
        <div class="loading" role="status">
            <h1>{format!("Reward group {id}")}</h1>
            <p>"Loading the reward group…"</p>
        </div>
    }
}

/// No reward group at this address: an id the platform does not know, or no id at all.
#[component]
fn RewardGroupNotFound(id: Option<u64>) -> impl IntoView {
    let words = match id {
        Some(id) => format!("The platform has no reward group with ID {id}."),
        None => "A reward group's address ends in its numeric ID, like /reward-groups/2401.".to_string(),
    };
    view! {
        <h1>"Reward group not found"</h1>
        <div class="notice" role="alert">
            <p>{words}</p>
            <p><A href=link::reward_groups()>"Find it in the list of reward groups"</A></p>
        </div>
    }
}

#[component]
fn RewardGroupError(id: u64, error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <h1>{format!("Reward group {id}")}</h1>
        <ErrorAlert error on_retry />
    }
}

#[component]
fn RewardGroupPage(group: RewardGroup) -> impl IntoView {
    // The group as last saved here (set when a save succeeds), else as loaded.
    let saved = RwSignal::new(None::<RewardGroup>);
    let current = Memo::new(move |_| saved.get().unwrap_or_else(|| group.clone()));
    // Read again only when the name changes (a rename), not when the rank or state is saved.
    let name = Memo::new(move |_| current.read().name.clone());
    let rewards = linked_rewards(name);
    view! {
        <p><A href=link::reward_groups()>"All reward groups"</A></p>
        <h1>{move || current.read().title()}</h1>
        <section aria-labelledby="reward-facts-title">
            <h2 id="reward-facts-title" class="visually-hidden">"Details"</h2>
            {move || view! { <RewardGroupFacts group=current.get() /> }}
        </section>
        <RewardsInGroup rewards />
        <EditRewardGroup current saved rewards />
    }
}

/// Name, Rank and Active, saved with `PUT {prefix}/group/{id}`. The name is always sent (the
/// platform requires it); an empty rank is left out, which leaves the rank as it is.
#[component]
fn EditRewardGroup(
    current: Memo<RewardGroup>,
    saved: RwSignal<Option<RewardGroup>>,
    rewards: LocalResource<Linked>,
) -> impl IntoView {
    let store = use_settings();
    let loaded = current.get_untracked();
    let id = loaded.id.0;
    let name = RwSignal::new(loaded.name.clone());
    let rank = RwSignal::new(loaded.rank.map(|r| r.to_string()).unwrap_or_default());
    let active = RwSignal::new(loaded.is_active);
    let form = Form::new(CallId::UpdateRewardGroup, REWARD_FIELDS, move |req: RewardGroupUpdate| {
        let settings = store.for_request();
        async move {
            let group = api::rewards::update_reward_group(&settings, id, &req).await?;
            crate::state::recent::record(RecentKind::RewardGroup, group.id.0, &group.name, "", RecentAction::Edited);
            saved.set(Some(group.clone()));
            Ok(group)
        }
    });

    let checked = Memo::new(move |_| validate_reward(&name.get(), &rank.get()));
    let renaming = move || checked.get().is_ok_and(|r| renames(&current.read(), &r.name));
    // The new name the warning asks about, and the one the user agreed to unlink rewards for.
    let asked = RwSignal::new(None::<String>);
    let agreed = RwSignal::new(None::<String>);
    let typed_name = move || checked.get().ok().map(|r| r.name);
    let warning_shown = move || renaming() && asked.get().is_some() && asked.get() == typed_name();

    let send = move || form.submit(checked.get_untracked().map(|r| RewardGroupUpdate::new(r, Some(active.get_untracked()))).map_err(first_invalid));
    let submit = move || {
        let new_name = checked.get_untracked().ok().map(|r| r.name);
        let rename = new_name.as_ref().is_some_and(|n| renames(&current.get_untracked(), n));
        if rename && agreed.get_untracked() != new_name {
            asked.set(new_name);
            // After the warning is drawn: the keyboard lands on its safe choice.
            request_animation_frame(|| focus_by_id("rename-cancel"));
        } else {
            send();
        }
    };
    let confirm = Callback::new(move |()| {
        agreed.set(asked.get_untracked());
        asked.set(None);
        send();
    });
    let cancel = Callback::new(move |()| {
        asked.set(None);
        focus_by_id(NAME_INPUT);
    });

    let name_hint = Signal::derive(move || {
        if renaming() {
            "A new name unlinks every reward attached to this group.".to_string()
        } else {
            "Must be unique in your org.".to_string()
        }
    });
    let rank_hint = Signal::derive(move || match current.read().rank {
        Some(r) if rank.read().trim().is_empty() => {
            format!("Empty leaves the rank at {r}: the platform has no documented way to remove a rank.")
        }
        _ => "A whole number from 1; lower ranks are listed first.".to_string(),
    });

    view! {
        <form class="form" novalidate on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <fieldset>
                <legend>"Edit"</legend>
                <RewardGroupFields form name rank checked sent_name=|r: &RewardGroupUpdate| r.name.clone() name_hint rank_hint />
                <div class="field field--checkbox">
                    <input type="checkbox" id="reward-active" bind:checked=active aria-describedby="reward-active-hint" />
                    <label for="reward-active">"Active"</label>
                    <p id="reward-active-hint" class="field__hint">"Untick to disable the reward group on the platform."</p>
                </div>
            </fieldset>
            {move || warning_shown().then(|| view! {
                <RenameWarning from=current.read().name.clone() to=asked.get().unwrap_or_default() rewards on_confirm=confirm on_cancel=cancel />
            })}
            <FormFailure form on_retry=Callback::new(move |_| submit()) />
            <div class="form__actions">
                <SubmitButton pending=form.pending() label="Save changes" busy="Saving…" />
            </div>
            <p class="form__status" role="status">
                {move || (form.done().is_some() && !form.pending().get()).then_some("Changes saved.")}
            </p>
        </form>
    }
}

/// Asks before a rename is sent: which rewards it unlinks (once the list is read; the
/// confirmation waits for it), and a way out.
#[component]
fn RenameWarning(
    from: String,
    to: String,
    rewards: LocalResource<Linked>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_cancel.run(());
        }
    };
    let unlinks = {
        let from = from.clone();
        Memo::new(move |_| match rewards.get() {
            Some(linked) if linked.is_for(&from) => match linked {
                Linked::Read(list) => RenameUnlinks::of(&list),
                Linked::NoBrand => RenameUnlinks::NoBrand,
                Linked::Failed { .. } => RenameUnlinks::Unread,
            },
            _ => RenameUnlinks::Looking,
        })
    };
    view! {
        <div class="rename-warning" role="alertdialog" aria-labelledby="rename-title" aria-describedby="rename-detail" on:keydown=on_key>
            <h2 id="rename-title">{move || unlinks.read().title()}</h2>
            <p id="rename-detail">{move || unlinks.read().detail(&from, &to)}</p>
            <div class="form__actions">
                <button type="button" class="button button--danger" disabled=move || !unlinks.read().can_confirm()
                    on:click=move |_| on_confirm.run(())>
                    {move || unlinks.read().confirm_label()}
                </button>
                <button type="button" id="rename-cancel" class="button" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
            </div>
        </div>
    }
}
