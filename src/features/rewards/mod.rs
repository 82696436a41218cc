//! Reward groups: the catalogue, the create form and a group's page.

crate::features::pages_of!(rewards);

pub mod facts;
pub mod fields;
