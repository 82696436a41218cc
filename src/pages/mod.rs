//! One file per route.

pub mod group_edit;
pub mod group_import;
pub mod group_new;
pub mod group_view;
pub mod home;
pub mod not_found;
pub mod reward_group_new;
pub mod settings_page;
