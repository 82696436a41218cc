//! Pure logic shared by the console (wasm) and the emulator (native), a folder per domain:
//! each holds its wire types, its checks before sending and its views' state. No I/O, no DOM,
//! so all of it is tested on the host with `cargo test`.
//!
//! `platform` is what every domain builds on; `console` is the console apart from any endpoint.

pub mod console;
pub mod find;
pub mod group;
pub mod history;
pub mod import;
pub mod members;
pub mod platform;
pub mod points;
pub mod rewards;
