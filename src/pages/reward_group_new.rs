use leptos::prelude::*;

#[component]
pub fn RewardGroupNew() -> impl IntoView {
    view! {
        <h1>"New reward group"</h1>
        <p class="notice">"Creating a reward group is not built yet."</p>
    }
}
