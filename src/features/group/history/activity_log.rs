//! "Your actions on this group": what this browser did to the group (members added, removed,
//! moved, permissions changed, the group deleted), when, and how it ended — kept in
//! localStorage, exportable as CSV. The platform keeps no such log for the console.

use gc_core::console::activity;
use leptos::prelude::*;

use crate::ui::intl;

#[component]
pub fn ActivityLog(group_id: u64) -> impl IntoView {
    let log = crate::state::activity::load(group_id);
    let export = {
        let log = log.clone();
        move |_| {
            let csv = activity::to_csv(&log, intl::instant);
            crate::ui::download::text_file(&format!("group-{group_id}-activity.csv"), "text/csv", &csv);
        }
    };
    view! {
        <section class="activity" aria-labelledby="activity-title">
            <h2 id="activity-title">"Your actions on this group"</h2>
            <p class="field__hint">"What was changed from this browser, newest first. Other people's changes are not listed."</p>
            {if log.is_empty() {
                view! { <p class="empty">"Nothing has been changed from this browser yet."</p> }.into_any()
            } else {
                view! {
                    <table class="results-table">
                        <caption class="visually-hidden">"Your actions on this group"</caption>
                        <thead><tr>
                            <th scope="col">"When"</th><th scope="col">"Action"</th><th scope="col">"What"</th><th scope="col">"Outcome"</th>
                        </tr></thead>
                        <tbody>
                            {log.into_iter().map(|e| view! {
                                <tr>
                                    <td>{intl::instant(e.at)}</td>
                                    <td>{e.action.clone()}</td>
                                    <td>{e.what}</td>
                                    <td>
                                        <span class=if e.ok { "badge badge--ok" } else { "badge badge--warning" }>{if e.ok { "Done" } else { "Not all done" }}</span>
                                        " " {e.outcome}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p><button type="button" class="button" on:click=export>"Export your actions (CSV)"</button></p>
                }.into_any()
            }}
        </section>
    }
}
