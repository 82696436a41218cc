use leptos::prelude::*;

#[component]
pub fn GroupNew() -> impl IntoView {
    view! {
        <h1>"New user group"</h1>
        <p class="notice">"Creating a user group is not built yet."</p>
    }
}
