//! Reward groups: the wire types (create, list, get, update), the form's rules, the
//! catalogue page's state, and the rewards linked to a group as its page shows them.

pub mod catalogue;
pub mod checks;
pub mod linked;
pub mod wire;
