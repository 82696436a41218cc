//! A choice of a few options shown side by side (radios styled as one control), like the
//! Find page's "Look up by". Each radio sits in its own `segmented__option` wrapper and covers
//! its own label only.

use leptos::prelude::*;

#[component]
pub fn Segmented<T>(
    legend: &'static str,
    /// The radios' group name, also the start of each radio's id.
    name: &'static str,
    choices: Vec<(T, &'static str)>,
    #[prop(into)] selected: Signal<T>,
    on_choose: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class="segmented">
            <legend>{legend}</legend>
            {choices.into_iter().map(|(choice, label)| {
                let id = format!("{name}-{}", label.to_ascii_lowercase().replace(' ', "-"));
                view! {
                    <span class="segmented__option">
                        <input type="radio" name=name id=id.clone() prop:checked=move || selected.get() == choice
                            on:change=move |_| on_choose.run(choice) />
                        <label for=id>{label}</label>
                    </span>
                }
            }).collect_view()}
        </fieldset>
    }
}
