//! Each page's code in a wasm chunk of its own, so a first visit downloads the shell (navigation,
//! router, settings) and the page it opens rather than every page.
//!
//! The release build (`trunk build --release`: index.html turns on the `split` feature) marks
//! each page's view function as a `#[wasm_split]` point; scripts/split-wasm.mjs then cuts the
//! wasm there. The router keeps the current page on screen until the next one's chunk has
//! arrived; a link's page is fetched when the pointer or focus reaches the link, and
//! index.html preloads the chunks of the page it opens. In every other build (`wasm-pack
//! test`, `cargo check`) the pages are linked in as usual and the same routes resolve at once.

use std::borrow::Cow;

use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::{Lazy, LazyRoute, NestedRoute, PartialPathMatch, PathSegment, PossibleRouteMatch};

use crate::boot::parts::{CodeNotDownloaded, PageLoadError};

macro_rules! page_chunk {
    ($route:ident, $chunk:ident, $page:path) => {
        mod $chunk {
            use super::*;
            // `fallible`: a failed fetch comes back as an error to show, not a panic that
            // would stop the whole console. `preload` names the fetch-only function.
            #[cfg_attr(
                feature = "split",
                leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload(prefetch))
            )]
            pub fn view() -> Result<AnyView, PageLoadError> {
                Ok($page().into_any())
            }
        }

        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                crate::boot::route_data::start(gc_core::console::routes::Page::$route);
                $route
            }

            async fn view(_: Self) -> AnyView {
                #[cfg(feature = "split")]
                let page = $chunk::view().await;
                #[cfg(not(feature = "split"))]
                let page = $chunk::view();
                let page = page.unwrap_or_else(|PageLoadError| view! { <PageLoadFailed /> }.into_any());
                // The router mounts this view in the same task: no frame shows neither.
                crate::boot::loading_shell::remove();
                page
            }
        }
    };
}

// One lazy route and one chunk per line of the route table (gc_core::route_table!).
macro_rules! page_routes {
    ($($page:ident $path:literal $feature:ident $file:ident $nav:literal $view:ident;)*) => {
        $(page_chunk!($page, $file, crate::features::$feature::$file::$view);)*

        /// The router's routes, in the table's order.
        pub fn routes() -> StaticVec<AnyNestedRoute> {
            vec![$(NestedRoute::new(TablePath($path), Lazy::<$page>::new()).into_any_nested_route(),)*].into()
        }

        /// Fetches the chunk of `page` (a failure is left for the visit to report; loaders
        /// cache successes only).
        #[cfg(feature = "split")]
        async fn prefetch(page: gc_core::console::routes::Page) {
            let _ = match page {
                $(gc_core::console::routes::Page::$page => $file::prefetch().await,)*
            };
        }
    };
}

gc_core::route_table!(page_routes);

/// A path of the route table as the router matches it (gc_core::console::routes::match_path, tested
/// on the host).
#[derive(Debug, Clone, Copy)]
struct TablePath(&'static str);

impl PossibleRouteMatch for TablePath {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let params = gc_core::console::routes::match_path(self.0, path)?;
        Some(PartialPathMatch::new("", params.into_iter().map(|(k, v)| (Cow::Borrowed(k), v)).collect(), path))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        for seg in self.0.split('/').filter(|s| !s.is_empty()) {
            path.push(match seg.strip_prefix(':') {
                Some(name) if name.ends_with('?') => PathSegment::OptionalParam(name.trim_end_matches('?').into()),
                Some(name) => PathSegment::Param(name.into()),
                None => PathSegment::Static(seg.into()),
            });
        }
    }
}

/// Fetches a page's chunk as soon as the user shows the intent to open it (the pointer over a
/// link to it, or the keyboard focus on one), so the click rarely waits for the network.
/// Not all pages up front: instantiating every chunk at once blocked the main thread enough to
/// cost the mobile Lighthouse score 7 points (80 against 87, measured with `make bench`).
pub fn prefetch_pages_on_intent() {
    #[cfg(feature = "split")]
    {
        use leptos::ev;
        use wasm_bindgen::JsCast;

        fn prefetch_link_target(event: &web_sys::Event) {
            let link = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten());
            let Some(page) =
                link.and_then(|a| a.get_attribute("href")).and_then(|h| gc_core::console::routes::page_for_href(&h))
            else {
                return;
            };
            leptos::task::spawn_local(prefetch(page));
        }
        let _ = window_event_listener(ev::pointerover, |e| prefetch_link_target(&e));
        let _ = window_event_listener(ev::focusin, |e| prefetch_link_target(&e));
    }
}

/// Shown in place of a page whose code could not be fetched.
#[component]
fn PageLoadFailed() -> impl IntoView {
    view! {
        <h1>"This page could not be loaded"</h1>
        <CodeNotDownloaded what="page" />
    }
}
