//! Pure logic shared by the console (wasm) and the emulator (native): the platform's API
//! types, the validation rules, settings and formatting. No I/O, no DOM, so all of it is
//! tested on the host with `cargo test`.

pub mod auth;
pub mod error;
pub mod format;
pub mod history;
pub mod import;
pub mod members;
pub mod membership;
pub mod pages;
pub mod points;
pub mod query;
pub mod recent;
pub mod reward_groups;
pub mod search;
pub mod settings;
pub mod types;
pub mod validate;
