//! Pure logic shared by the console (wasm) and the emulator (native): the platform's API
//! types, the validation rules, settings and formatting. No I/O, no DOM, so all of it is
//! tested on the host with `cargo test`.

pub mod activity;
pub mod auth;
pub mod browser_data;
pub mod error;
pub mod expiry_chart;
pub mod format;
pub mod import;
pub mod lookup;
pub mod member_list;
pub mod members;
pub mod moving;
pub mod platform;
pub mod points;
pub mod recent;
pub mod routes;
pub mod send_once;
pub mod settings;
pub mod types;
pub mod validate;
// Finding groups, managing members, the reward-group catalogue and a group's history: the
// endpoints beyond the first four, with their queries and the checks run before sending.
pub mod history;
pub mod membership;
pub mod query;
pub mod reward_catalogue;
pub mod reward_groups;
pub mod search;
