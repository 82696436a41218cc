use gc_core::console::routes::link;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>"Page not found"</h1>
        <p>"There is no page at this address. " <A href=link::home()>"Find a group"</A> " instead."</p>
    }
}
