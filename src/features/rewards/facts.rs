//! A reward group as the platform answered it: id, org, name, rank, state, and who created
//! and last changed it when (local time, the API's value on hover). Text only.

use gc_core::rewards::wire::RewardGroup;
use leptos::prelude::*;

use crate::ui::timestamp::Timestamp;

#[component]
pub fn RewardGroupFacts(group: RewardGroup) -> impl IntoView {
    let dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    view! {
        <dl class="facts">
            <dt>"ID"</dt><dd>{group.id.0}</dd>
            <dt>"Org"</dt><dd>{dash(group.org_id.map(|i| i.to_string()))}</dd>
            <dt>"Name"</dt><dd>{group.name.clone()}</dd>
            <dt>"Rank"</dt><dd>{dash(group.rank.map(|r| r.to_string()))}</dd>
            <dt>"Active"</dt><dd>{if group.is_active { "Yes" } else { "No" }}</dd>
            <dt>"Created"</dt>
            <dd>
                <Timestamp iso=group.created_on_date_time.clone() epoch_ms=group.created_on />
                {group.created_by.map(|b| format!(" by user {b}"))}
            </dd>
            <dt>"Last updated"</dt>
            <dd>
                <Timestamp iso=group.last_updated_on_date_time.clone() epoch_ms=group.last_updated_on />
                {group.last_updated_by.map(|b| format!(" by user {b}"))}
            </dd>
        </dl>
    }
}
