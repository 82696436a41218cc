//! Group Console: the browser app. Everything that touches Leptos or the DOM exists only on
//! wasm32; the pure logic lives in the `gc-core` crate and is tested on the host.

#[cfg(target_arch = "wasm32")]
pub mod activity_store;
#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser_data;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
mod config;
#[cfg(target_arch = "wasm32")]
pub mod download;
#[cfg(target_arch = "wasm32")]
pub mod form;
#[cfg(target_arch = "wasm32")]
pub mod import_runner;
#[cfg(target_arch = "wasm32")]
pub mod intl;
#[cfg(target_arch = "wasm32")]
pub mod latest;
#[cfg(target_arch = "wasm32")]
pub mod loading_shell;
#[cfg(target_arch = "wasm32")]
pub mod page_chunks;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod perf;
#[cfg(target_arch = "wasm32")]
pub mod recent_store;
#[cfg(target_arch = "wasm32")]
pub mod route_data;
#[cfg(target_arch = "wasm32")]
pub mod settings_store;
#[cfg(target_arch = "wasm32")]
pub mod storage;
