//! What a page's and a part's chunk have in common: a chunk that could not be fetched, what is
//! shown instead, `page_part!`, which puts a part of a page (the group page's tabs, their
//! dialogs) in a chunk of its own, and `in_part!`, which calls a function of one (the Find
//! page's searches).

use leptos::prelude::*;

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

/// A part of a page in a chunk of its own (the group page's tabs but the Overview: the chunk
/// names are the parts of `gc_core::group_tabs!`, and scripts/split-wasm.mjs checks them
/// against core/routes.json): `page_part!(name, |args| view)` makes `name::load(args)`, the part's view
/// once its chunk is there, for a `Suspend` (which a Transition above counts as pending), and
/// `name::fetch()`. In a build without chunks the view is at hand at once. With
/// `, warm path::to::f` the part also carries `f`, which `fetch()` runs once the chunk is there
/// (the History tab draws its tables off the page, so their code is compiled before the
/// answers come).
macro_rules! page_part {
    (dialog $name:ident, |$($arg:ident: $ty:ty),*| $body:expr) => {
        $crate::boot::parts::page_part!(@ $name, "dialog", |$($arg: $ty),*| $body);
    };
    ($name:ident, |$($arg:ident: $ty:ty),*| $body:expr $(, warm $($warm:ident)::+)?) => {
        $crate::boot::parts::page_part!(@ $name, "tab", |$($arg: $ty),*| $body $(, warm $($warm)::+)?);
    };
    (@ $name:ident, $what:literal, |$($arg:ident: $ty:ty),*| $body:expr $(, warm $($warm:ident)::+)?) => {
        mod $name {
            use super::*;
            #[cfg_attr(
                feature = "split",
                leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible, preload(prefetch))
            )]
            pub fn view($($arg: $ty),*) -> Result<AnyView, $crate::boot::parts::PageLoadError> {
                Ok($body.into_any())
            }

            $(
                #[cfg(feature = "split")]
                #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
                pub fn warm() -> Result<(), $crate::boot::parts::PageLoadError> {
                    $($warm)::+();
                    Ok(())
                }
            )?

            /// Fetches the part's chunk without showing it (a failure is left to `load`), and
            /// runs its warm-up, if any, once it is there.
            pub async fn fetch() {
                #[cfg(feature = "split")]
                let _ = prefetch().await;
                $(
                    #[cfg(feature = "split")]
                    let _ = warm().await;
                    #[cfg(not(feature = "split"))]
                    $($warm)::+();
                )?
            }

            pub fn load($($arg: $ty),*) -> impl std::future::Future<Output = AnyView> + Send + 'static {
                // The loader's future holds the browser's promise: not Send, and never needs to be.
                send_wrapper::SendWrapper::new(async move {
                    #[cfg(feature = "split")]
                    let part = view($($arg),*).await;
                    #[cfg(not(feature = "split"))]
                    let part = view($($arg),*);
                    part.unwrap_or_else(|_| $crate::boot::parts::part_load_failed($what))
                })
            }
        }
    };
}
pub(crate) use page_part;

/// A function of a page's part (a `#[wasm_split]` point in the part's chunk, returning
/// `Result<_, PageLoadError>`, as the Find page's `find`): `in_part!(part::f(args))` fetches the
/// chunk first in the release build (`Err` if it cannot be downloaded) and calls it at once in
/// any other.
macro_rules! in_part {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let r = $call.await;
        #[cfg(not(feature = "split"))]
        let r = $call;
        r
    }};
}
pub(crate) use in_part;

/// Shown in place of what a part of a page would show (the Find page's results) when its code
/// could not be fetched.
pub fn results_load_failed() -> AnyView {
    view! { <CodeNotDownloaded what="page" /> }.into_any()
}

/// Shown in place of a part of a page (a tab, a dialog's body) whose code could not be fetched.
pub fn part_load_failed(what: &'static str) -> AnyView {
    // A tab's panel needs a heading of its own; a dialog has its title.
    view! {
        {(what == "tab").then(|| view! { <h2>"This tab could not be loaded"</h2> })}
        <CodeNotDownloaded what />
    }
    .into_any()
}

/// A dialog's body from its part (`page_part!(dialog …)`): "Loading…" until its code is there.
pub fn dialog_body<F>(load: impl Fn() -> F + Send + Sync + 'static) -> impl IntoView
where
    F: std::future::Future<Output = AnyView> + Send + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p role="status">"Loading…"</p> }>{move || Suspend::new(load())}</Suspense>
    }
}

/// Why a page's or a tab's code is missing, and Reload.
#[component]
pub fn CodeNotDownloaded(what: &'static str) -> impl IntoView {
    let reload = |_| {
        let _ = window().location().reload();
    };
    view! {
        <div class="alert alert--error" role="alert">
            <p class="alert__headline">{format!("The console could not download this {what}'s code.")}</p>
            <p>"Check your connection. If the console was updated since you opened it, reloading fetches the new version."</p>
            <div class="alert__actions">
                <button type="button" class="button" on:click=reload>"Reload"</button>
            </div>
        </div>
    }
}
