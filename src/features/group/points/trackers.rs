//! The group's trackers (`GET /v2/customers/userEntityTrackers?type=USERGROUP2`): what the
//! program's rules count for the group (purchase value, items, visits…), with each value and
//! the period it counts over. Read only.

use gc_core::points::schedules::{tracker_words, Tracker, TrackersQuery, NO_TRACKERS};
use leptos::prelude::*;

use crate::api;
use crate::state::settings::use_settings;
use crate::ui::alerts::ErrorAlert;
use crate::ui::intl;
use crate::ui::scroll_box::ScrollBox;

#[component]
pub fn Trackers(group_id: u64) -> impl IntoView {
    let store = use_settings();
    let read = LocalResource::new(move || {
        let settings = store.for_request();
        async move { api::points::trackers(&settings, &TrackersQuery::for_group(group_id)).await }
    });
    view! {
        <section class="trackers" aria-labelledby="trackers-title">
            <h2 id="trackers-title">"Trackers"</h2>
            <p class="field__hint">"What the program’s rules count for the group: tier upgrades and promotions read these values."</p>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading trackers…"</p> }>
                {move || read.get().map(|answer| match answer {
                    Ok(a) if a.data.is_empty() => view! { <p class="empty">{NO_TRACKERS}</p> }.into_any(),
                    Ok(a) => view! { <TrackersTable trackers=a.data /> }.into_any(),
                    Err(error) => {
                        let words = tracker_words(&error);
                        view! { <ErrorAlert error words on_retry=Callback::new(move |_| read.refetch()) /> }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn TrackersTable(trackers: Vec<Tracker>) -> impl IntoView {
    let text = |s: &str| if s.trim().is_empty() { "—".to_string() } else { s.trim().to_string() };
    view! {
        <ScrollBox class="points-table__wrap" label="The group's trackers">
            <table class="expiry__table points-table">
                <thead>
                    <tr>
                        <th scope="col">"Tracker"</th>
                        <th scope="col">"Condition"</th>
                        <th scope="col" class="num">"Value"</th>
                        <th scope="col">"Counts from"</th>
                        <th scope="col">"Until"</th>
                        <th scope="col">"Updated"</th>
                    </tr>
                </thead>
                <tbody>
                    {trackers.into_iter().map(|t| view! {
                        <tr>
                            <th scope="row">
                                {text(&t.name)}
                                {(!t.kind.trim().is_empty()).then(|| view! { <span class="muted">{t.kind.trim().to_string()}</span> })}
                            </th>
                            <td>{text(&t.condition_name)}</td>
                            <td class="num">{intl::opt_number(t.value)}</td>
                            <td>{intl::date(&t.period_start_date)}</td>
                            <td>{intl::date(&t.period_end_date)}</td>
                            <td>{intl::date(&t.updated_on)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollBox>
    }
}
