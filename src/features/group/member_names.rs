//! Members named where the platform gives only their customer ID (the transactions, the points
//! ledger, the transfers): the group page reads its members list once, the first time a view
//! asks, and each view shows the name as text with the ID beside it. A member the list does
//! not know (one who left) keeps their ID; a failed read leaves every ID as it was.

use std::sync::Arc;

use gc_core::console::settings::Settings;
use gc_core::group::wire::GroupDetails;
use gc_core::members::names::MemberNames;
use gc_core::members::wire::MembersQuery;
use leptos::prelude::*;

use crate::api;
use crate::state::settings::use_settings;

/// The group page's names, kept across its tabs (the page provides one; a view outside it
/// gets its own).
#[derive(Clone, Copy)]
pub struct Names {
    book: RwSignal<Option<Arc<MemberNames>>>,
    /// The members-list request, until it is sent.
    query: StoredValue<Option<(MembersQuery, Settings)>>,
    asked: StoredValue<bool>,
}

impl Default for Names {
    fn default() -> Self {
        Names { book: RwSignal::new(None), query: StoredValue::new(None), asked: StoredValue::new(false) }
    }
}

impl Names {
    /// The page's names for `group`, read from its members list once a table shows a member.
    pub fn of(group: &GroupDetails) -> Names {
        let names = use_context::<Names>().unwrap_or_default();
        if !names.asked.get_value() && names.query.with_value(Option::is_none) {
            let settings = use_settings().for_request();
            names.query.set_value(MemberNames::query(group).map(|q| (q, settings)));
        }
        names
    }

    /// Reads the members list, once, in the frame after the first member is shown: the rows
    /// paint with IDs first, and a big group's list (up to 1,000 members) is parsed after them.
    fn want(&self) {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        let (query, book) = (self.query, self.book);
        request_animation_frame(move || {
            let Some((query, settings)) = query.try_update_value(Option::take).flatten() else { return };
            leptos::task::spawn_local(async move {
                // Names only add to what the IDs say: a failure shows the IDs.
                let read = api::members::list_members(&settings, &query).await;
                let found = read.map(|r| MemberNames::from_members(&r.data)).unwrap_or_default();
                book.try_set(Some(Arc::new(found)));
            });
        });
    }

    /// The member's name once known (tracked: a view shows it when the list arrives).
    pub fn name(&self, customer_id: u64) -> Option<String> {
        self.book.with(|b| b.as_ref().and_then(|b| b.name(customer_id)).map(String::from))
    }

    /// As [`name`](Self::name), untracked (for a file made now).
    pub fn name_now(&self, customer_id: u64) -> Option<String> {
        self.book.with_untracked(|b| b.as_ref().and_then(|b| b.name(customer_id)).map(String::from))
    }
}

/// A member in a table: their name (the entry's own, else the members list's) with the
/// customer ID beside it; the ID alone while no name is known; a dash for nobody.
#[component]
pub fn MemberCell(
    id: Option<u64>,
    /// A name the record itself gives (the ledger's `customerDetails`).
    #[prop(default = None)]
    own_name: Option<String>,
    names: Names,
) -> impl IntoView {
    if id.is_some() && own_name.is_none() {
        names.want();
    }
    move || {
        let name = own_name.clone().or_else(|| id.and_then(|i| names.name(i)));
        match (name, id) {
            (Some(name), Some(id)) => view! {
                <span class="member-name">{name}</span>
                <span class="muted nowrap">{format!("Customer {id}")}</span>
            }
            .into_any(),
            (Some(name), None) => view! { <span class="member-name">{name}</span> }.into_any(),
            (None, Some(id)) => view! { <span class="nowrap">{id.to_string()}</span> }.into_any(),
            (None, None) => "—".into_any(),
        }
    }
}
