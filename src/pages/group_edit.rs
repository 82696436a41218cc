use leptos::prelude::*;

#[component]
pub fn GroupEdit() -> impl IntoView {
    view! {
        <h1>"Edit a group"</h1>
        <p class="notice">"Editing a group is not built yet."</p>
    }
}
