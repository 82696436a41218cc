//! Reward groups: the wire types (create, list, get, update), the form's rules, and the
//! catalogue page's state.

pub mod catalogue;
pub mod checks;
pub mod wire;
