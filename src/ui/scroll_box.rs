//! A table's box that scrolls on a narrow screen.

use leptos::prelude::*;

/// The box around a wide table. A box that scrolls must take the keyboard's focus, so that it
/// can be scrolled without a mouse, and what takes focus needs a name: `label` says what the
/// box holds ("Members, scrollable").
#[component]
pub fn ScrollBox(
    /// The box's own class (its width, height and borders).
    class: &'static str,
    #[prop(into)] label: String,
    children: Children,
) -> impl IntoView {
    view! { <div class=class tabindex="0" role="region" aria-label=label>{children()}</div> }
}
