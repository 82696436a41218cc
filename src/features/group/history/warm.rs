//! The History tab's three tables drawn once, off the page, as soon as the tab's code is there
//! (a deep link fetches it beside the group page's, a pointer or focus on the tab's link
//! before the click), which is while the group's GET or the tab's own answers are on their way.
//!
//! Why: the browser compiles wasm a function at a time, on its first call. Traced on the bench
//! machine, the tab's first three tables compiled about 500 functions (25 of the 45 ms from
//! the answers to the rows) after the answers were in hand, and the points ledger's rows waited
//! for all three. Here the docs' example answers are read by the reader a real answer goes
//! through and drawn by the components the tab uses, into an element that never enters the
//! document, and thrown away. Nothing is sent.

use std::sync::atomic::{AtomicBool, Ordering};

use gc_core::history::examples;
use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};

use crate::boot::warm_up;
use crate::features::group::history::ledger::LedgerTable;
use crate::features::group::history::tier_changes::TierChangesTable;
use crate::features::group::history::transactions::TransactionRows;
use crate::features::group::member_names::Names;

/// The tab's tables, each from the docs' example answer. `Names::default()` belongs to no
/// page: it never reads a members list.
pub const TABLES: [fn() -> AnyView; 3] = [
    || view! { <TierChangesTable rows=examples::tier_changes().data programs=Vec::new() /> }.into_any(),
    || view! { <TransactionRows rows=examples::transactions().data names=Names::default() /> }.into_any(),
    || view! { <LedgerTable entries=examples::ledger().ledger_entries names=Names::default() /> }.into_any(),
];

/// Once per visit, one task per table so that none is a long one.
pub fn warm() {
    static DONE: AtomicBool = AtomicBool::new(false);
    if DONE.swap(true, Ordering::Relaxed) {
        return;
    }
    for table in TABLES {
        warm_up::soon(move || drop(draw(table)));
    }
}

/// Draws `table` into a `div` of its own, never attached, under an owner that is cleaned up
/// before the `div` is returned.
pub fn draw(table: fn() -> AnyView) -> Option<web_sys::Element> {
    let parent = document().create_element("div").ok()?;
    let owner = Owner::new();
    owner.with(|| table().build().mount(&parent, None));
    owner.cleanup();
    Some(parent)
}
