//! A group's past: the tier history and transactions on the wire (and the transactions as
//! CSV), the points ledger (its query, entries and CSV), the History tab's state, and the
//! docs' example answers the tab draws off the page to warm up.

pub mod examples;
pub mod ledger;
pub mod tab;
pub mod wire;
