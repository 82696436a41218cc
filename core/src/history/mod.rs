//! A group's past: the tier history and transactions on the wire (and the transactions as
//! CSV), the points ledger (its query, entries and CSV), and the History tab's state.

pub mod ledger;
pub mod tab;
pub mod wire;
