//! A user group: its wire types (create, update, get, delete), the fast reader of the GET's
//! member list, and the rules a group must pass before it is created or updated.

pub mod checks;
pub mod member_list;
pub mod wire;
