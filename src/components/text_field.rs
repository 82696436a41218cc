//! A labelled text input with its hint or error underneath and, for limited fields, a live
//! "12/50" counter that turns into an error past the limit. No `maxlength`: the user sees
//! the excess and fixes it; nothing is cut off silently.

use gc_core::validate::utf16_len;
use leptos::prelude::*;

#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    /// The message to show next to the field, when invalid.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Limit in UTF-16 code units (as the platform counts); shows the counter.
    #[prop(optional)]
    max_units: Option<usize>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    /// "numeric" for whole numbers: a text input, so "2.5" or "abc" reach our validation
    /// and get a precise message instead of the browser's silent rejection.
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let msg_id = format!("{id}-msg");
    let count_id = format!("{id}-count");
    let described = if max_units.is_some() { format!("{msg_id} {count_id}") } else { msg_id.clone() };
    let count = move || utf16_len(value.read().trim());
    let over = move || max_units.is_some_and(|m| count() > m);
    view! {
        <div class="field" class:field--invalid=move || error.read().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode=inputmode
                autocomplete="off"
                aria-required=required.then_some("true")
                aria-invalid=move || if error.read().is_some() { "true" } else { "false" }
                aria-describedby=described
                bind:value=value
            />
            <div class="field__below">
                <p id=msg_id class=move || if error.read().is_some() { "field__error" } else { "field__hint" }>
                    {move || error.get().or_else(|| hint.clone())}
                </p>
                {max_units.map(|max| view! {
                    <span id=count_id class="field__counter" class:field__counter--over=over>
                        {move || format!("{}/{max}", count())}
                    </span>
                })}
            </div>
        </div>
    }
}
