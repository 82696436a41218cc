//! A group's status as a badge: on the group page, in search results, in the Move dialog.

use gc_core::group::wire::GroupStatus;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: GroupStatus) -> impl IntoView {
    let (text, class) = match status {
        GroupStatus::Active => ("ACTIVE", "badge badge--ok"),
        GroupStatus::Inactive => ("INACTIVE", "badge badge--muted"),
        GroupStatus::Deleted => ("DELETED", "badge badge--danger"),
        GroupStatus::Unknown => ("STATUS UNKNOWN", "badge badge--muted"),
    };
    view! { <span class=class>{text}</span> }
}
