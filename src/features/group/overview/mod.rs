//! The group page's Overview tab: capacity, the platform's notes, the group's actions (edit,
//! delete), extended fields and company details. It comes with the group page's own code.

pub mod capacity;
pub mod delete;

use gc_core::console::routes::link;
use leptos::prelude::*;
use leptos_router::components::A;

use self::capacity::CapacityMeter;
use self::delete::DeleteGroup;
use crate::features::group::context::{can_change, GroupTabArgs};
use crate::features::group::header::ExtendedFieldList;
use crate::ui::show::json_text;
use crate::ui::warnings::WarningList;

/// The Overview tab (`gc_core::group_tabs!`).
pub fn tab(tab: GroupTabArgs) -> impl IntoView {
    let group = tab.group;
    let id = group.id.0;
    let company = group.company_details.clone().filter(|c| c.as_object().is_some_and(|o| !o.is_empty()));
    view! {
        <CapacityMeter active=group.active_members() max=group.size_limit() />
        <WarningList warnings=group.warnings.clone() done="loaded" />
        {can_change(&group).then(|| view! {
            <p class="page-actions">
                <A href=link::group_edit(id) attr:class="button">"Edit group"</A>
                <DeleteGroup group=group.clone() />
            </p>
        })}
        <ExtendedFieldList fields=group.extended_fields.clone() />
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
