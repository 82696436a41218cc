//! Points by expiry date, per program, with the next expiry highlighted; then what has
//! already expired. The expiry-schedule endpoint adds each schedule's points type and expiry
//! type: two columns once it answers (hidden when it fails or adds nothing).

use gc_core::points::schedules::{ExpiryScheduleAnswer, ExpiryScheduleQuery};
use gc_core::points::summary::program_name;
use gc_core::points::summary::{by_program, next_expiry};
use gc_core::points::wire::{ExpiredPoints, ExpirySchedule, PointsSummary};
use leptos::prelude::*;

use crate::api;
use crate::state::settings::use_settings;
use crate::ui::intl;

/// The endpoint's answer, read beside the page (not through Suspense: the schedules show at
/// once and the columns join them).
fn expiry_extras(external_id: String) -> RwSignal<Option<ExpiryScheduleAnswer>> {
    let extra = RwSignal::new(None);
    if !external_id.trim().is_empty() {
        let settings = use_settings().for_request();
        leptos::task::spawn_local(async move {
            let query = ExpiryScheduleQuery::for_group(&external_id);
            if let Ok(answer) = api::points::expiry_schedule(&settings, &query).await {
                extra.try_set(Some(answer));
            }
        });
    }
    extra
}

#[component]
pub fn ExpirySchedules(
    schedules: Vec<ExpirySchedule>,
    expired: Vec<ExpiredPoints>,
    summaries: Vec<PointsSummary>,
    /// For the expiry-schedule endpoint (asked by external ID).
    #[prop(optional)]
    external_id: String,
) -> impl IntoView {
    let next = next_expiry(&schedules, js_sys::Date::now());
    let groups = by_program(&schedules);
    let extra = if schedules.is_empty() { RwSignal::new(None) } else { expiry_extras(external_id) };
    let keys: Vec<(Option<i64>, String)> = schedules.iter().map(|s| (s.program_id, s.expiry_date.clone())).collect();
    // The columns show when the endpoint adds something to one of these schedules.
    let has_extra = Memo::new(move |_| {
        extra.with(|a| a.as_ref().is_some_and(|a| keys.iter().any(|(p, d)| a.extra_for(*p, d).is_some())))
    });
    let extra_cells = move |program: Option<i64>, date: String| {
        move || {
            has_extra.get().then(|| {
                let (points_type, expiry_type) = extra.with(|a| {
                    let found = a.as_ref().and_then(|a| a.extra_for(program, &date));
                    let shown = |s: &str| if s.trim().is_empty() { "—".to_string() } else { s.trim().to_string() };
                    found.map_or(("—".to_string(), "—".to_string()), |(p, e)| (shown(p), shown(e)))
                });
                view! { <td>{points_type}</td><td>{expiry_type}</td> }
            })
        }
    };
    view! {
        <div class="expiry__schedules">
            <h3>"Expiry schedules"</h3>
            {next.map(|i| {
                let s = &schedules[i];
                view! {
                    <p class="expiry__next">
                        <strong>"Next expiry: "</strong>
                        {format!("{} points on {} ({})", intl::opt_number(s.points), intl::date(&s.expiry_date),
                            program_name(&summaries, s.program_id))}
                    </p>
                }
            })}
            {if schedules.is_empty() {
                view! { <p class="empty">"No points are scheduled to expire."</p> }.into_any()
            } else {
                groups.into_iter().map(|(program, idx)| {
                    let caption = program_name(&summaries, program);
                    view! {
                        <table class="expiry__table">
                            <caption>{caption}</caption>
                            <thead><tr>
                                <th scope="col">"Expires on"</th><th scope="col" class="num">"Points"</th>
                                {move || has_extra.get().then(|| view! { <th scope="col">"Points type"</th><th scope="col">"Expiry type"</th> })}
                            </tr></thead>
                            <tbody>
                                {idx.into_iter().map(|i| {
                                    let s = &schedules[i];
                                    let is_next = Some(i) == next;
                                    view! {
                                        <tr class:expiry__row--next=is_next>
                                            <td>
                                                <time datetime=s.expiry_date.clone() title=s.expiry_date_iso.clone()>{intl::date(&s.expiry_date)}</time>
                                                {is_next.then(|| view! { " " <span class="badge badge--warning">"Next"</span> })}
                                            </td>
                                            <td class="num">{intl::opt_number(s.points)}</td>
                                            {extra_cells(s.program_id, s.expiry_date.clone())}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                }).collect_view().into_any()
            }}
            <h3>"Expired points"</h3>
            {if expired.is_empty() {
                view! { <p class="empty">"No points have expired."</p> }.into_any()
            } else {
                view! {
                    <table class="expiry__table">
                        <thead><tr><th scope="col">"Expired on"</th><th scope="col">"Program"</th><th scope="col" class="num">"Points"</th></tr></thead>
                        <tbody>
                            {expired.iter().map(|e| {
                                let when = if e.expiry_date.is_empty() { &e.expired_on } else { &e.expiry_date };
                                view! {
                                    <tr>
                                        <td>{intl::date(when)}</td>
                                        <td>{program_name(&summaries, e.program_id)}</td>
                                        <td class="num">{intl::opt_number(e.points)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </div>
    }
}
