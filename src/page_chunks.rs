//! Each page's code in a wasm chunk of its own, so a first visit downloads the shell (navigation,
//! router, settings) and the page it opens rather than every page.
//!
//! The release build (`trunk build --release`: index.html turns on the `split` feature) marks
//! each page's view function as a `#[wasm_split]` point; scripts/split-wasm.mjs then cuts the
//! wasm there. The router keeps the current page on screen until the next one's chunk has
//! arrived. In every other build (`wasm-pack test`, `cargo check`) the pages are linked in as
//! usual and the same routes resolve at once.

use leptos::prelude::*;
use leptos_router::LazyRoute;

/// A page's chunk could not be fetched: the network failed, or a deploy replaced the files
/// that this copy of index.html points at.
#[derive(Debug, Clone, Copy)]
pub struct PageLoadError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PageLoadError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PageLoadError
    }
}

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
                $route
            }

            async fn view(_: Self) -> AnyView {
                #[cfg(feature = "split")]
                let page = $chunk::view().await;
                #[cfg(not(feature = "split"))]
                let page = $chunk::view();
                page.unwrap_or_else(|PageLoadError| view! { <PageLoadFailed /> }.into_any())
            }
        }
    };
}

page_chunk!(HomePage, home, crate::pages::home::Home);
page_chunk!(GroupNewPage, group_new, crate::pages::group_new::GroupNew);
page_chunk!(GroupImportPage, group_import, crate::pages::group_import::GroupImport);
page_chunk!(GroupEditPage, group_edit, crate::pages::group_edit::GroupEdit);
page_chunk!(GroupViewPage, group_view, crate::pages::group_view::GroupView);
page_chunk!(RewardGroupNewPage, reward_group_new, crate::pages::reward_group_new::RewardGroupNew);
page_chunk!(SettingsPage, settings, crate::pages::settings::SettingsPage);

/// Fetches the other pages' chunks once the browser is idle after the first page is up:
/// the first paint never waits for them, and later navigation does not either.
pub fn prefetch_pages_when_idle() {
    #[cfg(feature = "split")]
    request_idle_callback(|| {
        leptos::task::spawn_local(async {
            // One at a time, most used first; a failure is left for the visit to report.
            let _ = group_view::prefetch().await;
            let _ = home::prefetch().await;
            let _ = group_new::prefetch().await;
            let _ = group_edit::prefetch().await;
            let _ = settings::prefetch().await;
            let _ = reward_group_new::prefetch().await;
            let _ = group_import::prefetch().await;
        });
    });
}

/// Shown in place of a page whose code could not be fetched.
#[component]
fn PageLoadFailed() -> impl IntoView {
    let reload = |_| {
        let _ = window().location().reload();
    };
    view! {
        <h1>"This page could not be loaded"</h1>
        <div class="alert alert--error" role="alert">
            <p class="alert__headline">"The console could not download this page's code."</p>
            <p>"Check your connection. If the console was updated since you opened it, reloading fetches the new version."</p>
            <div class="alert__actions">
                <button type="button" class="button" on:click=reload>"Reload"</button>
            </div>
        </div>
    }
}
