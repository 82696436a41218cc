//! Finding a group: search, extended-field search and a customer's groups on the wire, and
//! the Find page's ways to a group (its state in the address, the look-ups).

pub mod lookup;
pub mod wire;
