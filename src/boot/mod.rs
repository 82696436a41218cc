//! The app shell: what every page needs and what makes the first visit fast — the router and
//! navigation, each page (and each group tab) in a chunk of its own, a route's early request,
//! the static shell's hand-over, and the warm-ups.

pub mod app;
pub mod chunks;
pub mod loading_shell;
pub mod parts;
pub mod route_data;
pub mod warm_up;
