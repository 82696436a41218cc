//! "Showing 11–20 of 34" with Previous and Next: paging through a list the platform serves a
//! page at a time. Previous and Next are links, so a page has an address (back and forward
//! work, and a page can be shared).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::intl;

#[component]
pub fn Pager(
    /// The 1-based numbers of the first and last item shown (first > last: nothing shown).
    first: u64,
    last: u64,
    /// All items, when the platform says.
    total: Option<u64>,
    /// What is counted ("groups", "transactions").
    noun: &'static str,
    previous: Option<String>,
    next: Option<String>,
) -> impl IntoView {
    let shown = match total {
        _ if first > last => format!("No {noun}"),
        Some(t) => format!(
            "Showing {}–{} of {} {noun}",
            intl::number(first as f64),
            intl::number(last as f64),
            intl::number(t as f64)
        ),
        None => format!("Showing {}–{} {noun}", intl::number(first as f64), intl::number(last as f64)),
    };
    let link = |href: Option<String>, label: &'static str, rel: &'static str| match href {
        Some(h) => view! { <A href=h attr:class="button" attr:rel=rel>{label}</A> }.into_any(),
        None => view! { <span class="button button--disabled" aria-disabled="true">{label}</span> }.into_any(),
    };
    view! {
        <nav class="pager" aria-label=format!("Pages of {noun}")>
            <p class="pager__shown" aria-live="polite">{shown}</p>
            {link(previous, "Previous", "prev")}
            {link(next, "Next", "next")}
        </nav>
    }
}
