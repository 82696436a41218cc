//! Previous / Next under a list that the platform pages, with "Showing 21–40 of 90" (or
//! "Transactions 21–40" where the platform gives no total).

use leptos::prelude::*;

use crate::intl;

#[component]
pub fn Pager(
    /// The first and last item numbers shown, from 1; an empty page (last below first) shows
    /// no numbers.
    first: u64,
    last: u64,
    /// How many there are in all, when the platform says.
    #[prop(default = None)]
    total: Option<u64>,
    /// The words before the numbers.
    #[prop(default = "Showing")]
    label: &'static str,
    on_previous: Callback<()>,
    on_next: Callback<()>,
    #[prop(optional)] previous_disabled: bool,
    #[prop(optional)] next_disabled: bool,
) -> impl IntoView {
    let numbers = (last >= first).then(|| {
        let range = format!("{label} {}–{}", intl::number(first as f64), intl::number(last as f64));
        match total {
            Some(t) => format!("{range} of {}", intl::number(t as f64)),
            None => range,
        }
    });
    view! {
        <div class="pager">
            <p class="pager__numbers" aria-live="polite">{numbers}</p>
            <button type="button" class="button" disabled=previous_disabled on:click=move |_| on_previous.run(())>
                "Previous"
            </button>
            <button type="button" class="button" disabled=next_disabled on:click=move |_| on_next.run(())>
                "Next"
            </button>
        </div>
    }
}
