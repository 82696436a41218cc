//! The group page's Points tab: what can be done with the group's points (its actions, each a
//! dialog beside this file), a card per program, the expiry chart and schedules, and the tier
//! gaps the platform computes for a day ahead.

pub mod card;
pub mod expiry_chart;
pub mod expiry_schedules;
pub mod goodwill;
pub mod issue;
pub mod move_points;
pub mod promised;
pub mod trackers;

use std::sync::Arc;

use gc_core::group::wire::GroupDetails;
use gc_core::points::checks::no_actions_reason;
use leptos::prelude::*;

use self::card::{PointsCard, RenewStrategies};
use self::expiry_chart::ExpiryChart;
use self::expiry_schedules::ExpirySchedules;
use crate::features::group::context::{Gaps, GroupTabArgs};
use crate::ui::text_field::TextField;

/// The Points tab (`gc_core::group_tabs!`).
pub fn tab(tab: GroupTabArgs) -> impl IntoView {
    let actions = Actions(ActionsProps { tab: tab.clone() });
    let (group, gaps) = (tab.group, tab.gaps);
    let summaries = group.points_summaries.clone();
    view! {
        {actions}
        <section class="points" aria-labelledby="points-title">
            <h2 id="points-title">"Points by program"</h2>
            {if summaries.is_empty() {
                view! { <p class="empty">"No loyalty program reports points for this group yet."</p> }.into_any()
            } else {
                view! {
                    <card::GroupTierNote />
                    <div class="points__cards">
                        {summaries.iter().cloned().map(|s| view! {
                            <PointsCard summary=s all=summaries.clone() group_gap=group.gap_to_upgrade.clone() />
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
        <promised::PromisedPoints group=group.clone() />
        <section class="expiry" aria-labelledby="expiry-title">
            <h2 id="expiry-title">"Points expiry"</h2>
            <ExpiryChart schedules=group.expiry_schedules.clone() summaries=summaries.clone() />
            <ExpirySchedules schedules=group.expiry_schedules.clone() expired=group.expired_points.clone() summaries=summaries.clone() external_id=group.external_id.clone() />
        </section>
        <goodwill::GoodwillRequests group=group.clone() />
        <trackers::Trackers group_id=group.id.0 />
        <TierGaps group=group.clone() gaps />
    }
}

/// What can be done with the group's points: a button per action, each opening its dialog. An
/// inactive or deleted group says why there are none.
#[component]
fn Actions(tab: GroupTabArgs) -> impl IntoView {
    match no_actions_reason(tab.group.group_status) {
        Some(words) => view! { <p class="notice points-actions__none">{words}</p> }.into_any(),
        None => view! {
            <div class="points-actions" role="group" aria-label="Points actions">
                <goodwill::GiveGoodwill group=tab.group.clone() />
                <move_points::MovePoints group=tab.group.clone() />
                <issue::IssuePoints group=tab.group.clone() />
            </div>
        }
        .into_any(),
    }
}

/// gapToUpgradeFor / gapToRenewFor are days ahead of today (0 = today), as the platform's
/// customer pages define the same-named options: the points still needed as of that day.
#[component]
fn TierGaps(group: Arc<GroupDetails>, gaps: RwSignal<Gaps>) -> impl IntoView {
    let (asked_up, asked_renew) = gaps.get_untracked();
    let days = |n: Option<u32>| RwSignal::new(n.map(|n| n.to_string()).unwrap_or_default());
    let (up_days, renew_days) = (days(asked_up), days(asked_renew));
    let check = |v: String| match v.trim() {
        "" => Ok(None),
        s => s.parse::<u32>().map(Some).map_err(|_| "Enter a whole number of days: 0 for today, 30 for a month ahead."),
    };
    let up_error = Signal::derive(move || check(up_days.get()).err().map(String::from));
    let renew_error = Signal::derive(move || check(renew_days.get()).err().map(String::from));
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let (Ok(up), Ok(renew)) = (check(up_days.get_untracked()), check(renew_days.get_untracked())) {
            gaps.set((up, renew));
        }
    };
    let upgrade = group.gap_to_upgrade.clone();
    let renew = group.gap_to_renew.clone();
    view! {
        <section class="gap-controls" aria-labelledby="gap-title">
            <h2 id="gap-title">"Tier gaps"</h2>
            <form on:submit=apply novalidate>
                <p class="field__hint">"Ask the platform how many points the group still needs, as of a day ahead (0 is today)."</p>
                <div class="gap-controls__row">
                    <TextField id="gap-upgrade" label="Points needed to upgrade within … days" value=up_days
                        inputmode="numeric" error=up_error hint="Days ahead, e.g. 0 or 30." />
                    <TextField id="gap-renew" label="Points needed to renew within … days" value=renew_days
                        inputmode="numeric" error=renew_error hint="Days ahead, e.g. 0 or 30." />
                    <button type="submit" class="button">"Update"</button>
                </div>
            </form>
            {asked_up.map(|n| view! {
                <h3>{format!("To upgrade, as of {}", days_words(n))}</h3>
                {if upgrade.is_empty() {
                    view! { <p class="empty">"The platform reports no upgrade gap."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {upgrade.iter().map(|u| {
                                let v = u.customer_upgrade_entity_values.clone().unwrap_or_default();
                                view! { <li>{format!(
                                    "{} to go (threshold {}, now {}; based on {})",
                                    crate::ui::intl::opt_number(v.gap_to_upgrade),
                                    crate::ui::intl::opt_number(u.upgrade_threshold),
                                    crate::ui::intl::opt_number(v.current_value),
                                    gc_core::points::summary::words(&u.upgrade_based_on),
                                )}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            })}
            {asked_renew.map(|n| view! {
                <h3>{format!("To renew, as of {}", days_words(n))}</h3>
                {match &renew {
                    Some(r) => view! {
                        <p>{format!(
                            "{}; the tier ends {}.",
                            if r.renew_confirmed { "Renewal confirmed" } else { "Not renewed yet" },
                            crate::ui::intl::date(&r.tier_expiry_date)
                        )}</p>
                        <RenewStrategies strategies=r.renew_strategies.clone() />
                    }.into_any(),
                    None => view! { <p class="empty">"The platform reports no renewal gap."</p> }.into_any(),
                }}
            })}
        </section>
    }
}

fn days_words(n: u32) -> String {
    match n {
        0 => "today".into(),
        1 => "tomorrow".into(),
        n => format!("{n} days from today"),
    }
}
