//! A group's past: the tier history and transactions on the wire (and the transactions as
//! CSV), and the History tab's state.

pub mod tab;
pub mod wire;
