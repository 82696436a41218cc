//! The top of the group page, above its tabs: who the group is and its status.

use gc_core::group::wire::{ExtendedFields, GroupDetails};
use leptos::prelude::*;

use crate::ui::intl;
use crate::ui::show::{dash, json_text};
use crate::ui::status_badge::StatusBadge;
use crate::ui::timestamp::Timestamp;

#[component]
pub fn GroupHeader(group: std::sync::Arc<GroupDetails>) -> impl IntoView {
    let name = if group.group_name.trim().is_empty() { "(no name)".to_string() } else { group.group_name.clone() };
    let created_by = group.created_by.map(|b| format!(" by user {b}"));
    view! {
        <header class="group-header">
            <div class="group-header__title">
                <h1>{name}</h1>
                <StatusBadge status=group.group_status />
            </div>
            <dl class="facts facts--inline">
                <dt>"Group ID"</dt><dd>{group.id.0}</dd>
                <dt>"External ID"</dt><dd>{dash(&group.external_id)}</dd>
                <dt>"Created"</dt>
                <dd>
                    {if group.created_on.is_empty() {
                        "—".into_any()
                    } else {
                        view! { <Timestamp iso=group.created_on.clone() /> }.into_any()
                    }}
                    {created_by}
                </dd>
                <dt>"Members"</dt><dd>{intl::number(group.active_members() as f64)}</dd>
                <dt>"Lifetime purchases"</dt><dd>{intl::opt_number(group.life_time_purchases)}</dd>
            </dl>
        </header>
    }
}

/// Extended fields as name → value; values shown as the text they hold (numbers and
/// booleans as JSON writes them).
#[component]
pub fn ExtendedFieldList(fields: ExtendedFields) -> impl IntoView {
    (!fields.is_empty()).then(|| {
        view! {
            <section class="extended-list" aria-labelledby="extended-list-title">
                <h2 id="extended-list-title">"Extended fields"</h2>
                <dl class="facts">
                    {fields.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{json_text(&v)}</dd> }).collect_view()}
                </dl>
            </section>
        }
    })
}
