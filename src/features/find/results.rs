//! Groups found by a search: a table of each group with its status, primary member and size,
//! every row linking to the group's page.

use gc_core::console::routes::link;
use gc_core::find::wire::GroupSummary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::intl;
use crate::ui::scroll_box::ScrollBox;
use crate::ui::status_badge::StatusBadge;

#[component]
pub fn GroupSearchResults(
    groups: Vec<GroupSummary>,
    /// Says what was searched for, e.g. "Groups matching “sharma”".
    caption: String,
    /// Called when a group is opened (the search is then worth remembering).
    #[prop(optional)]
    on_open: Option<Callback<()>>,
) -> impl IntoView {
    // IDs, mobiles and e-mails never wrap: on a narrow screen the table scrolls sideways.
    let region = caption.clone();
    view! {
        <ScrollBox class="results-table__scroll" label=region>
            <table class="results-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Group"</th>
                        <th scope="col">"External ID"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Primary member"</th>
                        <th scope="col" class="num">"Members"</th>
                    </tr>
                </thead>
                <tbody>
                    {groups.into_iter().map(|g| {
                        let id = g.group_id.0;
                        let title = [g.group_name.trim(), g.group_external_id.trim()]
                            .into_iter()
                            .find(|t| !t.is_empty())
                            .map(str::to_string)
                            .unwrap_or_else(|| format!("Group {id}"));
                        let primary = g.primary_name();
                        view! {
                            <tr>
                                <td>
                                    <A href=link::group(id) on:click=move |_| if let Some(cb) = on_open { cb.run(()) }>{title}</A>
                                    <span class="results-table__id">{format!("ID {id}")}</span>
                                </td>
                                <td class="nowrap">{g.group_external_id.clone()}</td>
                                <td><StatusBadge status=g.group_status /></td>
                                <td class="results-table__person">
                                    {if primary.is_empty() && g.mobile.is_empty() && g.email.is_empty() {
                                        view! { <span class="muted">"No primary member"</span> }.into_any()
                                    } else {
                                        view! {
                                            <span>{primary}</span>
                                            <span class="muted">{g.mobile.clone()}</span>
                                            <span class="muted">{g.email.clone()}</span>
                                        }.into_any()
                                    }}
                                </td>
                                <td class="num">{intl::opt_number(g.active_members().map(|n| n as f64))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollBox>
    }
}
