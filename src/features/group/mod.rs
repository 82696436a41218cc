//! A user group: its page (tabs: Overview, Members, Points, History), the create and edit
//! forms, and their pieces.

crate::features::pages_of!(group);

pub mod context;
pub mod fields;
pub mod header;
pub mod history;
pub mod member_names;
pub mod members;
pub mod overview;
pub mod points;
