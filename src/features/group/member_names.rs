//! Members named where the platform gives only their customer ID (the transactions, the points
//! ledger, the transfers): the group page reads its members list once, the first time a view
//! asks, and each view shows the name as text with the ID beside it. A member the list does
//! not know (one who left) keeps their ID; a failed read leaves every ID as it was.

use std::sync::Arc;

use gc_core::group::wire::GroupDetails;
use gc_core::members::names::MemberNames;
use leptos::prelude::*;

use crate::api;
use crate::state::settings::use_settings;

/// The group page's names, kept across its tabs (the page provides one; a view outside it
/// gets its own).
#[derive(Clone, Copy)]
pub struct Names {
    book: RwSignal<Option<Arc<MemberNames>>>,
    asked: StoredValue<bool>,
}

impl Default for Names {
    fn default() -> Self {
        Names { book: RwSignal::new(None), asked: StoredValue::new(false) }
    }
}

impl Names {
    /// The page's names, read from the members list the first time any view asks.
    pub fn of(group: &GroupDetails) -> Names {
        let names = use_context::<Names>().unwrap_or_default();
        if !names.asked.get_value() {
            names.asked.set_value(true);
            if let Some(query) = MemberNames::query(group) {
                let settings = use_settings().for_request();
                let book = names.book;
                leptos::task::spawn_local(async move {
                    // Names only add to what the IDs say: a failure shows the IDs.
                    let read = api::members::list_members(&settings, &query).await;
                    let found = read.map(|r| MemberNames::from_members(&r.data)).unwrap_or_default();
                    book.try_set(Some(Arc::new(found)));
                });
            }
        }
        names
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
