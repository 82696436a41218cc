//! Previous and Next under a paged list, with what is shown in words ("Showing 11–20 of 25",
//! announced politely when the page changes). Any paged list can use it: it only needs where
//! the page sits (`gc_core::query::PageSpan`) and what to do when asked for another page.

use gc_core::query::PageSpan;
use leptos::prelude::*;

use crate::intl;

#[component]
pub fn Pager(
    #[prop(into)] span: Signal<PageSpan>,
    /// Called with the zero-based page the user asked for.
    on_page: Callback<u32>,
    /// Names the pager's landmark when a page has more than one list.
    #[prop(default = "Pages")]
    label: &'static str,
) -> impl IntoView {
    let go = move |step: i64| {
        let page = span.get_untracked().page as i64 + step;
        if let Ok(page) = u32::try_from(page) {
            on_page.run(page);
        }
    };
    view! {
        <nav class="pager" aria-label=label>
            <button type="button" class="button" disabled=move || !span.get().has_previous() on:click=move |_| go(-1)>
                "Previous"
            </button>
            <p class="pager__status" aria-live="polite">{move || showing(span.get())}</p>
            <button type="button" class="button" disabled=move || !span.get().has_next() on:click=move |_| go(1)>
                "Next"
            </button>
        </nav>
    }
}

fn showing(span: PageSpan) -> String {
    let n = |v: u64| intl::number(v as f64);
    match span.shown() {
        Some((first, last)) => format!("Showing {}–{} of {}", n(first), n(last), n(span.total)),
        None => format!("Showing none of {}", n(span.total)),
    }
}
