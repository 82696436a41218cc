//! One card per loyalty program: points, tier and the way to the next one, renewal, and
//! what the group contributes.

use gc_core::points::summary::tier_progress;
use gc_core::points::wire::{PointsSummary, RenewStrategy, UpgradeStrategy};
use leptos::prelude::*;

use crate::ui::intl;
use crate::ui::show::{dash, json_text};

#[component]
pub fn PointsCard(summary: PointsSummary, all: Vec<PointsSummary>, group_gap: Vec<UpgradeStrategy>) -> impl IntoView {
    let progress = tier_progress(&summary, &all, &group_gap);
    let n = intl::opt_number;
    let title = if summary.program_title.trim().is_empty() {
        summary.program_id.map(|p| format!("Program {p}")).unwrap_or_else(|| "Program".into())
    } else {
        summary.program_title.clone()
    };
    let tier_line = match &progress.next {
        Some(next) => format!("{} → {next}", dash(&progress.current)),
        None if progress.current.trim().is_empty() => "—".into(),
        None => format!("{} (top tier)", progress.current),
    };
    let renew = summary.gap_to_renew_summary.clone();
    let renew_strategies = renew.as_ref().map(|r| r.renew_strategies.clone()).unwrap_or_default();
    let heading_id = format!("program-{}", summary.program_id.unwrap_or_default());
    view! {
        <article class="points-card" aria-labelledby=heading_id>
            <h3 id=heading_id.clone()>{title}</h3>
            {(!summary.program_description.trim().is_empty()).then(|| view! {
                <p class="points-card__desc">{summary.program_description.clone()}</p>
            })}
            <p class="points-card__big">
                <span class="points-card__value">{n(summary.total_available_points.or(summary.loyalty_points))}</span>
                " points available"
            </p>
            <div class="points-card__tier">
                <p><span class="points-card__label">"Tier "</span><strong>{tier_line}</strong>
                    {(!summary.current_slab_description.trim().is_empty()).then(|| format!(" ({})", summary.current_slab_description))}
                </p>
                <TierBar progress=progress.clone() />
            </div>
            <dl class="facts facts--grid">
                <dt>"Loyalty points"</dt><dd>{n(summary.loyalty_points)}</dd>
                <dt>"Lifetime points"</dt><dd>{n(summary.lifetime_points)}</dd>
                <dt>"Redeemed"</dt><dd>{n(summary.redeemed)}</dd>
                <dt>"Expired"</dt><dd>{n(summary.expired)}</dd>
                <dt>"Returned"</dt><dd>{n(summary.returned)}</dd>
                <dt>"Returned, in all"</dt><dd>{n(summary.total_returned_points)}</dd>
                <dt>"Adjusted"</dt><dd>{n(summary.adjusted)}</dd>
                <dt>"Delayed points"</dt><dd>{n(summary.delayed_points)}</dd>
                <dt>"Delayed, returned"</dt><dd>{n(summary.delayed_returned_points)}</dd>
                <dt>"Delayed, expired"</dt><dd>{n(summary.delayed_expired_points)}</dd>
                <dt>"Tier expires"</dt><dd>{intl::date(&summary.slab_expiry_date)}</dd>
                <dt>"Renewal"</dt>
                <dd>{match renew {
                    Some(r) if r.renew_confirmed => "Renewed".to_string(),
                    Some(r) if !r.tier_expiry_date.is_empty() => format!("Not renewed yet (tier ends {})", intl::date(&r.tier_expiry_date)),
                    Some(_) => "Not renewed yet".to_string(),
                    None => "—".to_string(),
                }}</dd>
                <dt>"Points to currency"</dt>
                <dd>{summary.program_points_to_currency_ratio.map(|r| format!("1 point = {}", intl::number(r))).unwrap_or_else(|| "—".into())}</dd>
                <dt>"Group's contribution"</dt><dd>{n(summary.points_contribution_to_group)}</dd>
                <dt>"Linked partner programs"</dt>
                <dd>{partner_names(&summary.linked_partner_programs)}</dd>
            </dl>
            {(!summary.next_slab_description.trim().is_empty()).then(|| view! {
                <p class="points-card__next"><span class="points-card__label">"Next tier: "</span>{summary.next_slab_description.clone()}</p>
            })}
            <Strategies upgrade=summary.upgrade_strategies.clone() renew=renew_strategies />

        </article>
    }
}

/// Said once on the tab, above the cards: the platform offers no group-level tier change, so
/// neither does the console.
#[component]
pub fn GroupTierNote() -> impl IntoView {
    view! { <p class="points__tier-note" role="note">{gc_core::members::tiers::GROUP_TIER_NOTE}</p> }
}

/// The way to the next tier: a bar toward the threshold and the gap in words.
#[component]
fn TierBar(progress: gc_core::points::summary::TierProgress) -> impl IntoView {
    let next = progress.next.clone()?;
    let gap_text = match (progress.gap, progress.threshold) {
        (Some(gap), _) if gap <= 0.0 => format!("Ready to move up to {next}"),
        (Some(gap), _) => format!("{} to {next}", intl::number(gap)),
        (None, _) => format!("Next tier: {next}"),
    };
    let basis = if progress.based_on.is_empty() { String::new() } else { format!(" (based on {})", progress.based_on) };
    let until =
        (!progress.valid_upto.is_empty()).then(|| format!("; counts until {}", intl::date(&progress.valid_upto)));
    Some(view! {
        <div class="tier-bar">
            {progress.fraction.map(|f| view! {
                <progress class="tier-bar__progress" max="100" value=format!("{:.0}", f * 100.0)
                    aria-label=format!("Progress to {next}: {:.0}%", f * 100.0)></progress>
            })}
            <p class="tier-bar__text">
                {gap_text}{basis}
                {progress.current_value.zip(progress.threshold).map(|(c, t)| format!(": {} of {}", intl::number(c), intl::number(t)))}
                {until}
            </p>
        </div>
    })
}

/// A partner program's name as the platform sends it (the field is not documented: the name
/// under the keys the platform uses elsewhere, else the whole entry as text).
fn partner_names(programs: &[serde_json::Value]) -> String {
    if programs.is_empty() {
        return "—".into();
    }
    programs
        .iter()
        .map(|p| {
            ["partnerProgramName", "name", "programName"]
                .iter()
                .find_map(|k| p.get(*k).and_then(|v| v.as_str()).map(str::to_string))
                .unwrap_or_else(|| json_text(p))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every way to the next tier and to keep this one, as the platform answered them.
#[component]
fn Strategies(upgrade: Vec<UpgradeStrategy>, renew: Vec<RenewStrategy>) -> impl IntoView {
    (!upgrade.is_empty() || !renew.is_empty()).then(|| {
        view! {
            <details class="points-card__strategies">
                <summary>{format!("Upgrade and renewal rules ({})", upgrade.len() + renew.len())}</summary>
                <ul>
                    {upgrade.iter().map(|u| {
                        let v = u.customer_upgrade_entity_values.clone().unwrap_or_default();
                        view! { <li>{format!(
                            "Upgrade based on {}: threshold {}, now {}, {} to go",
                            gc_core::points::summary::words(&u.upgrade_based_on),
                            intl::opt_number(u.upgrade_threshold),
                            intl::opt_number(v.current_value),
                            intl::opt_number(v.gap_to_upgrade),
                        )}</li> }
                    }).collect_view()}
                </ul>
                <RenewStrategies strategies=renew />
            </details>
        }
    })
}

/// Every renew strategy the platform answered (not just the first).
#[component]
pub fn RenewStrategies(strategies: Vec<RenewStrategy>) -> impl IntoView {
    (!strategies.is_empty()).then(|| {
        view! {
            <ul class="renew-strategies">
                {strategies.iter().map(|s| view! { <li>{format!(
                    "Renewal based on {}: {} still needed of {} (now {})",
                    gc_core::points::summary::words(&s.renew_based_on),
                    intl::opt_number(s.customer_gap_to_renew_value),
                    intl::opt_number(s.renew_threshold),
                    intl::opt_number(s.customer_renew_entity_value),
                )}</li> }).collect_view()}
            </ul>
        }
    })
}
