//! The group's promised points (`GET /v2/userGroup2/promisedPointsSchedule`): points earned but
//! not yet redeemable, on a schedule or waiting for a trigger, for the year ahead. The platform
//! looks them up through the group's primary member; a group without one says so.

use std::sync::Arc;

use gc_core::group::wire::GroupDetails;
use gc_core::points::schedules::{
    promised_words, PromisedPoints as Promised, PromisedPointsQuery, ScheduledPoints, NO_PROMISED_POINTS,
    PROMISED_NEEDS_PRIMARY,
};
use gc_core::points::summary::program_name;
use gc_core::points::transfer::active_primary;
use gc_core::points::wire::PointsSummary;
use leptos::prelude::*;

use crate::api;
use crate::state::settings::use_settings;
use crate::ui::alerts::ErrorAlert;
use crate::ui::intl;
use crate::ui::scroll_box::ScrollBox;

/// Today in the viewer's calendar, `YYYY-MM-DD`.
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

#[component]
pub fn PromisedPoints(group: Arc<GroupDetails>) -> impl IntoView {
    let body = match active_primary(&group.fleet_group_users) {
        None => view! { <p class="empty">{PROMISED_NEEDS_PRIMARY}</p> }.into_any(),
        Some(primary) => view! { <PromisedList primary summaries=group.points_summaries.clone() /> }.into_any(),
    };
    view! {
        <section class="promised" aria-labelledby="promised-title">
            <h2 id="promised-title">"Promised points"</h2>
            <p class="field__hint">"Points the group has earned that are not yet redeemable, for the year ahead."</p>
            {body}
        </section>
    }
}

#[component]
fn PromisedList(primary: u64, summaries: Vec<PointsSummary>) -> impl IntoView {
    let store = use_settings();
    let read = LocalResource::new(move || {
        let settings = store.for_request();
        let query = PromisedPointsQuery::for_year(primary, &today());
        async move { api::points::promised_points(&settings, &query).await }
    });
    view! {
        <Transition fallback=|| view! { <p class="loading" role="status">"Loading promised points…"</p> }>
            {move || read.get().map(|answer| match answer {
                Ok(p) if p.is_empty() => view! { <p class="empty">{NO_PROMISED_POINTS}</p> }.into_any(),
                Ok(p) => view! { <PromisedTable promised=p summaries=summaries.clone() /> }.into_any(),
                Err(error) => {
                    let words = promised_words(&error);
                    view! { <ErrorAlert error words on_retry=Callback::new(move |_| read.refetch()) /> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn PromisedTable(promised: Promised, summaries: Vec<PointsSummary>) -> impl IntoView {
    let scheduled = promised.promised_points_schedule_list.into_iter().map(|p| ("On a schedule", p));
    let triggered = promised.trigger_based_points_list.into_iter().map(|p| ("When triggered", p));
    let row = move |(kind, p): (&'static str, ScheduledPoints)| {
        let kind_of_points =
            if p.points_type.trim().is_empty() { "—".to_string() } else { p.points_type.trim().to_string() };
        view! {
            <tr>
                <td>{program_name(&summaries, p.program_id)}</td>
                <td>{kind}</td>
                <td>{kind_of_points}</td>
                <td>{intl::date(p.date())}</td>
                <td class="num">{intl::opt_number(p.points)}</td>
            </tr>
        }
    };
    view! {
        <ScrollBox class="points-table__wrap" label="The group's promised points">
            <table class="expiry__table points-table">
                <thead>
                    <tr>
                        <th scope="col">"Program"</th>
                        <th scope="col">"Promised"</th>
                        <th scope="col">"Points type"</th>
                        <th scope="col">"Redeemable from"</th>
                        <th scope="col" class="num">"Points"</th>
                    </tr>
                </thead>
                <tbody>{scheduled.chain(triggered).map(row).collect_view()}</tbody>
            </table>
        </ScrollBox>
    }
}
