//! The app shell: navigation landmark, routes, and the root-level state.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use leptos_router::Lazy;

use crate::page_chunks::*;
use crate::pages;
use crate::settings_store::provide_settings;

/// Mounts the console into the page (called from main).
pub fn start() {
    install_panic_banner();
    // index.html carries a static "Loading…" shell so the first paint never waits for wasm.
    if let Some(shell) = document().get_element_by_id("loading-shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(App);
    crate::perf::mark("gc-app-mounted");
    prefetch_pages_on_intent();
}

/// A panic in wasm freezes the app; say so and offer a reload instead of a dead page,
/// and still report the error in the browser console.
pub fn install_panic_banner() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
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
    crate::config::load_runtime_config(store);
    let (is_routing, set_is_routing) = signal(false);
    view! {
        <Router set_is_routing>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="app-header">
                <A href="/" attr:class="app-header__brand">"Group Console"</A>
                <MainNav />
                <PageLoading is_routing />
            </header>
            <main id="main" class="app-main" tabindex="-1">
                // A new or changed route also goes in gc-core's pages.rs (fetch on hover) and
                // scripts/split-wasm.mjs (preload on first visit).
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view={Lazy::<HomePage>::new()} />
                    <Route path=path!("/groups/new") view={Lazy::<GroupNewPage>::new()} />
                    <Route path=path!("/groups/import") view={Lazy::<GroupImportPage>::new()} />
                    <Route path=path!("/groups/:id/edit") view={Lazy::<GroupEditPage>::new()} />
                    <Route path=path!("/groups/:id") view={Lazy::<GroupViewPage>::new()} />
                    <Route path=path!("/reward-groups/new") view={Lazy::<RewardGroupNewPage>::new()} />
                    <Route path=path!("/settings") view={Lazy::<SettingsPage>::new()} />
                </Routes>
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

/// The `<nav>` landmark. `<A>` marks the current page with aria-current.
#[component]
pub fn MainNav() -> impl IntoView {
    view! {
        <nav class="main-nav" aria-label="Main">
            <ul>
                <li><A href="/" exact=true>"Find a group"</A></li>
                <li><A href="/groups/new">"New group"</A></li>
                <li><A href="/groups/import">"Import groups"</A></li>
                <li><A href="/reward-groups/new">"New reward group"</A></li>
                <li><A href="/settings">"Settings"</A></li>
            </ul>
        </nav>
    }
}
