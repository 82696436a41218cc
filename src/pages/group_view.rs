use leptos::prelude::*;

#[component]
pub fn GroupView() -> impl IntoView {
    view! {
        <h1>"Group"</h1>
        <p class="notice">"The group page is not built yet."</p>
    }
}
