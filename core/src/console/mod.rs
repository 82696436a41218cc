//! The console itself, apart from any endpoint: its pages and links (the route table), its
//! settings, the recent work and activity log it keeps, and what it keeps in the browser.

pub mod activity;
pub mod browser_data;
pub mod recent;
pub mod routes;
pub mod settings;
