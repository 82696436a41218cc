//! Reward groups: the catalogue, the create form and a group's page with its rewards.

crate::features::pages_of!(rewards);

pub mod facts;
pub mod fields;
pub mod rewards_list;
