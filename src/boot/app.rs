//! The app shell: navigation landmark, routes, and the root-level state.

use gc_core::console::routes::{link, ROUTES};
use leptos::children::ToChildren;
use leptos::prelude::*;
use leptos_router::components::{Router, Routes, RoutesProps, A};

use crate::boot::chunks::{prefetch_pages_on_intent, routes};
use crate::state::settings::provide_settings;

/// Mounts the console into the page (called from main).
pub fn start() {
    install_panic_banner();
    // index.html carries a static shell so the first paint never waits for wasm.
    crate::boot::loading_shell::remove_unless_searching();
    leptos::mount::mount_to_body(App);
    crate::perf::mark("gc-app-mounted");
    prefetch_pages_on_intent();
    crate::boot::warm_up::formatters_when_idle();
}

/// A panic in wasm freezes the app; say so and offer a reload instead of a dead page,
/// and still report the error (its message and place) in the browser console. Written with
/// console.error directly: console_error_panic_hook added only the JavaScript stack, which
/// names no Rust function in a release build.
pub fn install_panic_banner() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        show_panic_banner();
    }));
}

/// The banner itself, built with plain DOM calls: after a panic Leptos can no longer run.
pub fn show_panic_banner() {
    let doc = document();
    if doc.get_element_by_id("panic-banner").is_some() {
        return;
    }
    if let (Ok(banner), Some(body)) = (doc.create_element("div"), doc.body()) {
        banner.set_id("panic-banner");
        banner.set_class_name("panic-banner");
        let _ = banner.set_attribute("role", "alert");
        banner.set_text_content(Some(
            "Something went wrong and the console stopped. Reload the page to continue; what you typed in a form may need to be entered again. ",
        ));
        // A plain link, not a handler: after a panic the wasm can no longer run code.
        if let Ok(link) = doc.create_element("a") {
            link.set_text_content(Some("Reload"));
            let href = doc.location().and_then(|l| l.href().ok()).unwrap_or_else(|| "/".into());
            let _ = link.set_attribute("href", &href);
            let _ = banner.append_child(&link);
        }
        let _ = body.prepend_with_node_1(&banner);
    }
}

#[component]
pub fn App() -> impl IntoView {
    let store = provide_settings();
    crate::api::config::load_runtime_config(store);
    let (is_routing, set_is_routing) = signal(false);
    view! {
        <Router set_is_routing>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="app-header">
                <A href=link::home() attr:class="app-header__brand">"Group Console"</A>
                <MainNav />
                <PageLoading is_routing />
            </header>
            <main id="main" class="app-main" tabindex="-1">
                // Built as a call: the routes are a list made from the route table, which the
                // view! children syntax does not take.
                {Routes(RoutesProps::builder().fallback(crate::features::not_found::NotFound).children(ToChildren::to_children(routes)).build())}
            </main>
        </Router>
    }
}

/// Said while the next page's code is on its way (the release build fetches each page's
/// chunk on its first visit); CSS shows it only if that takes long enough to notice.
#[component]
fn PageLoading(is_routing: ReadSignal<bool>) -> impl IntoView {
    view! {
        <p class="page-loading" role="status">
            {move || is_routing.get().then_some("Loading the page…")}
        </p>
    }
}

/// The `<nav>` landmark: the route table's pages with a label. `<A>` marks the current page
/// with aria-current.
#[component]
pub fn MainNav() -> impl IntoView {
    view! {
        <nav class="main-nav" aria-label="Main">
            <ul>
                {ROUTES.iter().filter(|r| !r.nav.is_empty()).map(|r| view! {
                    <li><A href=r.path exact=r.path == "/">{r.nav}</A></li>
                }).collect_view()}
            </ul>
        </nav>
    }
}
