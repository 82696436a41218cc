//! A reward group's rewards (`GET {prefix}/reward/list/brand/{brandId}?groupName=…`): those
//! linked to its name, by their rank in it, unranked last. Read once for the page and shared
//! with the rename warning, which names them. The console lists them only: linking, unlinking
//! and ranking a reward change the whole reward (docs/platform-api.md, "Rewards in a reward
//! group").

use gc_core::console::routes::link;
use gc_core::platform::error::ApiError;
use gc_core::rewards::linked::{other_groups, state_words, LinkedRewards, LinkedRewardsReader};
use gc_core::rewards::wire::{rewards_words, Reward, NO_BRAND};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::state::settings::use_settings;
use crate::ui::alerts::ErrorAlert;
use crate::ui::intl;
use crate::ui::scroll_box::ScrollBox;

/// What the page knows of the rewards linked to the group's name.
#[derive(Debug, Clone)]
pub enum Linked {
    /// Settings has no brand ID: nothing was asked.
    NoBrand,
    Read(LinkedRewards),
    Failed {
        brand: u64,
        name: String,
        error: ApiError,
    },
}

impl Linked {
    /// Whether this is the answer for the group's name `name` (the list is read again after a
    /// rename, and until then it is the old name's).
    pub fn is_for(&self, name: &str) -> bool {
        match self {
            Linked::NoBrand => true,
            Linked::Read(list) => list.group_name == name,
            Linked::Failed { name: n, .. } => n == name,
        }
    }
}

/// Reads every page of the rewards linked to `name` with the brand in Settings, again when
/// either changes.
pub fn linked_rewards(name: Memo<String>) -> LocalResource<Linked> {
    let store = use_settings();
    LocalResource::new(move || {
        let name = name.get();
        let brand = store.settings.with(|s| s.public.brand_id);
        let settings = store.for_request();
        async move {
            let Some(brand) = brand else { return Linked::NoBrand };
            let mut reader = LinkedRewardsReader::new(brand, &name);
            loop {
                match api::rewards::rewards_of_group(&settings, reader.query()).await {
                    Ok(answer) => {
                        if !reader.take(answer) {
                            return Linked::Read(reader.finish());
                        }
                    }
                    Err(error) => return Linked::Failed { brand, name, error },
                }
            }
        }
    })
}

#[component]
pub fn RewardsInGroup(rewards: LocalResource<Linked>) -> impl IntoView {
    let busy = RwSignal::new(false);
    view! {
        <section class="linked-rewards" aria-labelledby="linked-rewards-title" aria-busy=move || busy.get().to_string()>
            <h2 id="linked-rewards-title">"Rewards in this group"</h2>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading the rewards linked to this group…"</p> } set_pending=busy>
                {move || rewards.get().map(|linked| match linked {
                    Linked::NoBrand => view! {
                        <div class="notice" role="status">
                            <p>{NO_BRAND}</p>
                            <p><A href=link::settings()>"Open Settings"</A></p>
                        </div>
                    }.into_any(),
                    Linked::Failed { brand, error, .. } => view! {
                        <ErrorAlert words=rewards_words(&error, brand) error on_retry=Callback::new(move |_| rewards.refetch()) />
                    }.into_any(),
                    Linked::Read(list) if list.is_empty() => view! { <p class="empty">{list.summary()}</p> }.into_any(),
                    Linked::Read(list) => view! { <RewardsTable list /> }.into_any(),
                })}
            </Transition>
            <p class="catalogue__note">
                "To link a reward to this group, unlink it or change its rank here, edit the reward on the platform: the console lists rewards and does not change them."
            </p>
        </section>
    }
}

/// Rows built before the table's first paint: a screenful. A longer list's other rows follow
/// right after that paint, so the top of the list shows without waiting for its end.
const FIRST_ROWS: usize = 25;

#[component]
fn RewardsTable(list: LinkedRewards) -> impl IntoView {
    let summary = list.summary();
    let caption = format!("Rewards linked to “{}”", list.group_name);
    let region = caption.clone();
    let name = list.group_name;
    let mut first = list.rewards;
    let rest = first.split_off(FIRST_ROWS.min(first.len()));
    let rest_shown = RwSignal::new(rest.is_empty());
    if !rest.is_empty() {
        // A timeout from the next frame's callback runs after that frame is painted.
        request_animation_frame(move || set_timeout(move || _ = rest_shown.try_set(true), std::time::Duration::ZERO));
    }
    let rest_name = name.clone();
    view! {
        <p>{summary}</p>
        <ScrollBox class="catalogue__scroll" label=region>
            <table class="catalogue-table rewards-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num" aria-sort="ascending">"Rank in this group"</th>
                        <th scope="col">"Reward"</th>
                        <th scope="col">"State"</th>
                        <th scope="col" class="num">"Overall rank"</th>
                        <th scope="col">"Also in"</th>
                    </tr>
                </thead>
                <tbody>
                    {first.iter().map(|r| reward_row(r, &name)).collect_view()}
                    {move || rest_shown.get().then(|| rest.iter().map(|r| reward_row(r, &rest_name)).collect_view())}
                </tbody>
            </table>
        </ScrollBox>
    }
}

fn rank(r: Option<i64>) -> String {
    r.map(|r| intl::number(r as f64)).unwrap_or_else(|| "—".into())
}

fn reward_row(r: &Reward, group_name: &str) -> impl IntoView {
    let id = (r.id.0 != 0).then(|| format!("ID {}", r.id.0));
    view! {
        <tr>
            <td class="num">{rank(r.rank_in(group_name))}</td>
            <th scope="row">
                {r.title()}
                {id.map(|id| view! { <span class="rewards-table__id">{id}</span> })}
            </th>
            <td>{state_words(r)}</td>
            <td class="num">{rank(r.reward_rank)}</td>
            <td>{other_groups(r, group_name)}</td>
        </tr>
    }
}
