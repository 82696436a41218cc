//! `/groups/:id`: everything the platform knows about a group, read at a glance — who is
//! in it, its points per program, its tier and what expires next. A deep link that loads on
//! its own.

use std::sync::Arc;

use gc_core::error::ApiError;
use gc_core::recent::{RecentAction, RecentKind};
use gc_core::types::{GetGroupQuery, GroupDetails, GroupKey};
use gc_core::routes::link;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::group_header::json_text;
use crate::components::{ErrorAlert, ExpirySchedules, GroupHeader, MembersTable, PointsCard, TextField};
use crate::settings_store::use_settings;

#[component]
pub fn GroupView() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.trim().parse::<u64>().ok()));
    let gap_upgrade = RwSignal::new(String::new());
    let gap_renew = RwSignal::new(String::new());
    // The options actually requested; the inputs apply on "Update".
    let gaps = RwSignal::new((None::<u32>, None::<u32>));

    view! {
        {move || match id.get() {
            None => view! {
                <h1>"Group not found"</h1>
                <p>"A group address ends in the group's numeric ID, like /groups/3918893. " <A href=link::home()>"Find a group"</A></p>
            }.into_any(),
            Some(id) => view! { <GroupLoader id gaps gap_upgrade gap_renew /> }.into_any(),
        }}
    }
}

#[component]
fn GroupLoader(
    id: u64,
    gaps: RwSignal<(Option<u32>, Option<u32>)>,
    gap_upgrade: RwSignal<String>,
    gap_renew: RwSignal<String>,
) -> impl IntoView {
    let store = use_settings();
    let group = LocalResource::new(move || {
        let (up, renew) = gaps.get();
        let mut query = GetGroupQuery::full(GroupKey::Id(id));
        query.gap_to_upgrade_for = up;
        query.gap_to_renew_for = renew;
        let settings = store.for_request();
        async move { api::get_group(&settings, &query).await.map(Arc::new) }
    });
    Effect::new(move |_| {
        if let Some(Ok(g)) = group.get() {
            crate::recent_store::record(RecentKind::Group, g.id.0, &g.group_name, &g.external_id, RecentAction::Viewed);
        }
    });
    view! {
        <Transition fallback=move || view! { <LoadingGroup id /> }>
            {move || group.get().map(|res| match res {
                Ok(g) => view! { <GroupPage group=g gaps gap_upgrade gap_renew /> }.into_any(),
                Err(e) => view! { <GroupError id error=e on_retry=Callback::new(move |_| group.refetch()) /> }.into_any(),
            })}
        </Transition>
    }
}

/// The gapToUpgradeFor / gapToRenewFor options as controls, and what the platform answered
/// for them at group level.
#[component]
fn TierGaps(
    group: Arc<GroupDetails>,
    gaps: RwSignal<(Option<u32>, Option<u32>)>,
    gap_upgrade: RwSignal<String>,
    gap_renew: RwSignal<String>,
) -> impl IntoView {
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parse = |s: String| s.trim().parse::<u32>().ok();
        gaps.set((parse(gap_upgrade.get_untracked()), parse(gap_renew.get_untracked())));
    };
    let (asked_up, asked_renew) = gaps.get_untracked();
    let upgrade = group.gap_to_upgrade.clone();
    let renew = group.gap_to_renew.clone();
    view! {
        <section class="gap-controls" aria-labelledby="gap-title">
            <h2 id="gap-title">"Tier gaps"</h2>
            <form on:submit=apply>
                <p class="field__hint">"Ask the platform for the points still needed to reach or keep a tier (its gapToUpgradeFor and gapToRenewFor options)."</p>
                <div class="gap-controls__row">
                    <TextField id="gap-upgrade" label="Gap to upgrade for" value=gap_upgrade inputmode="numeric" />
                    <TextField id="gap-renew" label="Gap to renew for" value=gap_renew inputmode="numeric" />
                    <button type="submit" class="button">"Update"</button>
                </div>
            </form>
            {asked_up.map(|n| view! {
                <h3>{format!("Upgrade (gapToUpgradeFor={n})")}</h3>
                {if upgrade.is_empty() {
                    view! { <p class="empty">"The platform reports no upgrade gap."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {upgrade.iter().map(|u| {
                                let v = u.customer_upgrade_entity_values.clone().unwrap_or_default();
                                view! { <li>{format!(
                                    "{} to go (threshold {}, now {}; based on {})",
                                    crate::intl::opt_number(v.gap_to_upgrade),
                                    crate::intl::opt_number(u.upgrade_threshold),
                                    crate::intl::opt_number(v.current_value),
                                    gc_core::points::words(&u.upgrade_based_on),
                                )}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            })}
            {asked_renew.map(|n| view! {
                <h3>{format!("Renewal (gapToRenewFor={n})")}</h3>
                <p>{match &renew {
                    Some(r) => format!(
                        "{}; the tier ends {}.",
                        if r.renew_confirmed { "Renewal confirmed" } else { "Not renewed yet" },
                        crate::intl::date(&r.tier_expiry_date)
                    ),
                    None => "The platform reports no renewal gap.".to_string(),
                }}</p>
            })}
        </section>
    }
}

#[component]
fn LoadingGroup(id: u64) -> impl IntoView {
    view! {
        <div class="loading" role="status">
            <h1>{format!("Group {id}")}</h1>
            <p>"Loading the group’s members and points…"</p>
        </div>
    }
}

#[component]
fn GroupError(id: u64, error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    if error.code() == Some(1632) || error.status() == Some(404) {
        return view! {
            <h1>{format!("Group {id}")}</h1>
            <div class="notice" role="alert">
                <p>{format!("The platform has no group with ID {id}.")}</p>
                <p>"Check the ID, or " <A href=link::home()>"look the group up by its external ID"</A> "."</p>
            </div>
        }
        .into_any();
    }
    view! {
        <h1>{format!("Group {id}")}</h1>
        <ErrorAlert error on_retry />
    }
    .into_any()
}

#[component]
fn GroupPage(
    group: Arc<GroupDetails>,
    gaps: RwSignal<(Option<u32>, Option<u32>)>,
    gap_upgrade: RwSignal<String>,
    gap_renew: RwSignal<String>,
) -> impl IntoView {
    let id = group.id.0;
    let summaries = group.points_summaries.clone();
    let company = group.company_details.clone().filter(|c| c.as_object().is_some_and(|o| !o.is_empty()));
    view! {
        <GroupHeader group=group.clone() />
        <p class="page-actions"><A href=link::group_edit(id) attr:class="button">"Edit group"</A></p>
        <section class="points" aria-labelledby="points-title">
            <h2 id="points-title">"Points by program"</h2>
            {if summaries.is_empty() {
                view! { <p class="empty">"No loyalty program reports points for this group yet."</p> }.into_any()
            } else {
                view! {
                    <div class="points__cards">
                        {summaries.iter().cloned().map(|s| view! {
                            <PointsCard summary=s all=summaries.clone() group_gap=group.gap_to_upgrade.clone() />
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
        <ExpirySchedules schedules=group.expiry_schedules.clone() expired=group.expired_points.clone() summaries=summaries.clone() />
        <MembersTable group=group.clone() />
        <TierGaps group=group.clone() gaps gap_upgrade gap_renew />
        {company.map(|c| view! {
            <section aria-labelledby="company-title">
                <h2 id="company-title">"Company"</h2>
                <dl class="facts">
                    {c.as_object().into_iter().flatten().map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{json_text(v)}</dd> }).collect_view()}
                </dl>
            </section>
        })}
    }
}
