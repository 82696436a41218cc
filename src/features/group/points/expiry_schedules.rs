//! Points by expiry date, per program, with the next expiry highlighted; then what has
//! already expired.

use gc_core::points::summary::program_name;
use gc_core::points::summary::{by_program, next_expiry};
use gc_core::points::wire::{ExpiredPoints, ExpirySchedule, PointsSummary};
use leptos::prelude::*;

use crate::ui::intl;

#[component]
pub fn ExpirySchedules(
    schedules: Vec<ExpirySchedule>,
    expired: Vec<ExpiredPoints>,
    summaries: Vec<PointsSummary>,
) -> impl IntoView {
    let next = next_expiry(&schedules, js_sys::Date::now());
    let groups = by_program(&schedules);
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
                            <thead><tr><th scope="col">"Expires on"</th><th scope="col" class="num">"Points"</th></tr></thead>
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
