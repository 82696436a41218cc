use leptos::prelude::*;

#[component]
pub fn GroupImport() -> impl IntoView {
    view! {
        <h1>"Import groups from a CSV file"</h1>
        <p class="notice">"Importing groups is not built yet."</p>
    }
}
