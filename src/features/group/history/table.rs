//! The table every History section shows its rows in.

use leptos::prelude::*;

use crate::ui::scroll_box::ScrollBox;

/// A History section's table: its column headings, then `children` (the rows). The last
/// `numeric` columns hold numbers and are aligned right.
#[component]
pub fn HistoryTable(
    /// What the table holds, for the keyboard and screen readers (its box scrolls sideways
    /// on a narrow screen, and a box that scrolls must take focus).
    label: &'static str,
    columns: &'static [&'static str],
    #[prop(optional)] numeric: usize,
    children: Children,
) -> impl IntoView {
    let first_numeric = columns.len().saturating_sub(numeric);
    view! {
        <ScrollBox class="history-table__wrap" label=label>
            <table class="history-table">
                <thead>
                    <tr>
                        {columns.iter().enumerate().map(|(i, c)| view! {
                            <th scope="col" class=(i >= first_numeric).then_some("num")>{*c}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </ScrollBox>
    }
}
