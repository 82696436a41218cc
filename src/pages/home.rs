use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1>"Find a group"</h1>
        <p class="notice">"Looking up a group is not built yet."</p>
    }
}
