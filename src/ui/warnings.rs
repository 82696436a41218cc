//! Warnings of a successful call, in words: the operation happened, and this is what the
//! platform noted (91016/91017 on create and update, 1656 on get).

use gc_core::platform::read::ApiWarning;
use leptos::prelude::*;

/// `done` is what happened: "created", "updated" or "loaded".
pub fn warning_words(w: &ApiWarning, done: &str) -> String {
    let detail = if w.message.is_empty() { String::new() } else { format!(" The platform said: “{}”.", w.message) };
    match w.code {
        Some(91016) => format!(
            "The group was {done}, but its extended fields were not saved: a field name is not defined for user groups (code 91016).{detail}"
        ),
        Some(91017) => format!(
            "The group was {done}, but its extended fields were not saved: a value does not match its field's type (code 91017).{detail}"
        ),
        Some(1656) => format!(
            "This group has no mapped hierarchy; it works as usual, but hierarchy-based rules do not apply (code 1656).{detail}"
        ),
        Some(code) => format!("Note from the platform (code {code}).{detail}"),
        None => format!("Note from the platform.{detail}"),
    }
}

#[component]
pub fn WarningList(warnings: Vec<ApiWarning>, done: &'static str) -> impl IntoView {
    (!warnings.is_empty()).then(|| {
        view! {
            <ul class="warnings" aria-label="Warnings">
                {warnings.iter().map(|w| view! { <li class="warnings__item">{warning_words(w, done)}</li> }).collect_view()}
            </ul>
        }
    })
}
