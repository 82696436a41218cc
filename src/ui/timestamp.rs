//! A moment in the viewer's local time, with the API's ISO value on hover.

use leptos::prelude::*;

use crate::ui::intl;

#[component]
pub fn Timestamp(
    /// The ISO value as the API sent it.
    #[prop(into)]
    iso: String,
    /// Epoch milliseconds, when the API sent those too (reward groups do).
    #[prop(default = None)]
    epoch_ms: Option<i64>,
) -> impl IntoView {
    let shown = match epoch_ms {
        Some(ms) => intl::instant(ms as f64),
        None => intl::date(&iso),
    };
    let title = if iso.is_empty() { epoch_ms.map(|m| m.to_string()).unwrap_or_default() } else { iso.clone() };
    view! { <time datetime=iso title=title>{shown}</time> }
}
