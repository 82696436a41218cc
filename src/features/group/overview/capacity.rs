//! "3 of 6 members": how full the group is.

use leptos::prelude::*;

use crate::ui::intl;

#[component]
pub fn CapacityMeter(
    active: u64,
    /// The group's size limit when the platform gives one (`GroupDetails::size_limit`).
    max: Option<u64>,
) -> impl IntoView {
    let label = match max {
        Some(m) => format!("{} of {} members", intl::number(active as f64), intl::number(m as f64)),
        None => format!("{} members", intl::number(active as f64)),
    };
    let full = max.is_some_and(|m| active >= m);
    view! {
        <div class="capacity" class:capacity--full=full>
            <span class="capacity__label">{label.clone()}</span>
            {max.map(|m| view! {
                <meter class="capacity__meter" min="0" max=m.to_string() value=active.to_string()
                    aria-label=format!("Capacity: {label}")></meter>
            })}
            {full.then(|| view! { <span class="badge badge--warning">"Full"</span> })}
        </div>
    }
}
