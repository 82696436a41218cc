//! A failed request: what happened in plain words, the status and the platform's code and
//! message for support, and a Retry. Text only: nothing from the API becomes HTML.

use gc_core::console::routes::link;
use gc_core::platform::error::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ErrorAlert(
    error: ApiError,
    /// Shown as a "Retry" button when given.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
    /// A call's own words for its codes (`gc_core::points::transfer::words`), instead of the
    /// general headline.
    #[prop(optional, into)]
    words: Option<String>,
) -> impl IntoView {
    let technical = error.technical();
    let headline = words.unwrap_or_else(|| error.headline());
    let is_auth = error.is_auth();
    view! {
        <div class="alert alert--error" role="alert">
            <p class="alert__headline">{headline}</p>
            {(!technical.is_empty()).then(|| view! { <p class="alert__detail">{technical}</p> })}
            <div class="alert__actions">
                {on_retry.map(|cb| view! {
                    <button type="button" class="button" on:click=move |_| cb.run(())>"Retry"</button>
                })}
                {is_auth.then(|| view! { <A href=link::settings()>"Open Settings"</A> })}
            </div>
        </div>
    }
}
