//! Group Console: the browser app, in layers; a file imports only from its own layer and the
//! ones below it:
//!
//! - `boot/`: the app shell — router and navigation, each page's chunk, a route's early
//!   request, the static shell's hand-over, warm-ups (its `parts` and `warm_up`, which import
//!   nothing above `ui/`, are the two a feature uses: a part of a page in a chunk of its own,
//!   and work done ahead of time);
//! - `features/`: a folder per feature (find, group, rewards, import, settings), owning its
//!   pages and their pieces; features share only through `ui/` and `gc_core`;
//! - `ui/`: reusable view pieces (fields, dialogs, pagers, alerts, the import's run panel);
//! - `api/`: the one way to call the platform, then a file per domain;
//! - `state/`: what the console keeps in the browser (settings, recent work, activity);
//! - `perf`: the marks `make bench` reads.
//!
//! Everything that touches Leptos or the DOM exists only on wasm32; the pure logic lives in the
//! `gc-core` crate and is tested on the host.

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod boot;
#[cfg(target_arch = "wasm32")]
pub mod features;
#[cfg(target_arch = "wasm32")]
pub mod perf;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod ui;
