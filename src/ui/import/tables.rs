//! The tables of an import: the preview of a file of groups (every row with its check) and the
//! results of any import (every row with its outcome, updated row by row). Values from the file and messages from
//! the platform are text nodes only; long values are shortened for display.

use crate::ui::show::dash;
use gc_core::import::{CsvFile, PlanRow, RowCheck, RowLabel, RowRequest, RowState, RowStatus, MAX_ATTEMPTS};
use leptos::prelude::*;

use crate::ui::scroll_box::ScrollBox;
use crate::ui::warnings::warning_words;

/// Cells show at most this many characters (a 100,000-character cell stays readable).
const CELL_CHARS: usize = 60;

pub fn short(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= CELL_CHARS {
        return s.to_string();
    }
    let mut out: String = s.chars().take(CELL_CHARS).collect();
    out.push('…');
    out
}

/// Every row of the file with what the check found: "Ready", or each problem.
pub fn preview_rows(file: &CsvFile, checks: &[RowCheck]) -> impl IntoView {
    file.rows
        .iter()
        .zip(checks)
        .map(|(row, check)| {
            let (fields, verdict, invalid) = match check {
                Ok(req) => {
                    let fields = req
                        .extended_fields
                        .iter()
                        .map(|(k, v)| format!("{k} = {}", short(v.as_str().unwrap_or_default())))
                        .collect::<Vec<_>>()
                        .join("; ");
                    (fields, view! { <span class="badge badge--ok">"Ready"</span> }.into_any(), false)
                }
                Err(problems) => (
                    String::new(),
                    view! {
                        <ul class="import-problems">
                            {problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    true,
                ),
            };
            view! {
                <tr class:import-row--invalid=invalid>
                    <td class="num">{row.row}</td>
                    <td class="import-id">{dash(&short(file.external_id(row)))}</td>
                    <td>{dash(&short(file.group_name(row)))}</td>
                    <td class="num">{dash(&short(file.max_group_size(row)))}</td>
                    <td>{dash(&fields)}</td>
                    <td class="import-details">{verdict}</td>
                </tr>
            }
        })
        .collect_view()
}

#[component]
pub fn PreviewTable(children: Children) -> impl IntoView {
    view! {
        <ScrollBox class="import-table-wrap" label="Preview, scrollable">
            <table class="import-table">
                <caption>"Preview"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">"Row"</th>
                        <th scope="col">"External ID"</th>
                        <th scope="col">"Group name"</th>
                        <th scope="col" class="num">"Max group size"</th>
                        <th scope="col">"Extended fields"</th>
                        <th scope="col">"Check"</th>
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </ScrollBox>
    }
}

/// What a row's details cell says.
pub fn details<R: RowRequest>(plan: &PlanRow<R>, s: &RowState) -> String {
    match &s.status {
        RowStatus::Done { warnings, note, .. } => {
            let mut parts: Vec<String> = note.iter().cloned().collect();
            parts.extend(warnings.iter().map(|w| warning_words(w, R::WORDS.done)));
            parts.join(" ")
        }
        RowStatus::Failed { message, .. } if s.is_final() => message.clone(),
        RowStatus::Failed { message, .. } => {
            format!("Attempt {} of {MAX_ATTEMPTS} failed: {message} It is tried again shortly.", s.delivery.attempts)
        }
        RowStatus::Skipped => plan.problems.join(" "),
        RowStatus::Sending if s.delivery.verify => "Checking whether an earlier request went through…".into(),
        RowStatus::Pending if s.delivery.verify => {
            "Its earlier request may have gone through: it is looked up before sending.".into()
        }
        _ => String::new(),
    }
}

/// The results table: the plan's rows, each with its own state signal so that one row's
/// change repaints one row. `headings` name the row number's column and the label's columns;
/// `id_heading`, when given, adds a column with a link to the group a row made.
#[component]
pub fn ResultsTable<R: RowRequest>(
    rows: Vec<(PlanRow<R>, RwSignal<RowState>)>,
    cancelled: Signal<bool>,
    headings: &'static [&'static str],
    #[prop(optional)] id_heading: Option<&'static str>,
) -> impl IntoView {
    view! {
        <ScrollBox class="import-table-wrap" label="Rows and their outcome, scrollable">
            <table class="import-table">
                <caption>"Rows and their outcome"</caption>
                <thead>
                    <tr>
                        {headings.iter().enumerate().map(|(i, h)| view! {
                            <th scope="col" class=(i == 0).then_some("num")>{*h}</th>
                        }).collect_view()}
                        <th scope="col">"Outcome"</th>
                        {id_heading.map(|h| view! { <th scope="col">{h}</th> })}
                        <th scope="col">"Details"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(plan, state)| {
                        let row = plan.row;
                        // The first label names the row (a customer or external ID): it never wraps.
                        let labels = plan.label.cells().into_iter().enumerate()
                            .map(|(i, c)| view! { <td class=(i == 0).then_some("import-id")>{dash(&short(c))}</td> })
                            .collect_view();
                        let cells = move || {
                            let s = state.get();
                            let outcome = s.outcome(cancelled.get()).word::<R>();
                            let id = match &s.status {
                                RowStatus::Done { id, .. } => *id,
                                _ => None,
                            };
                            view! {
                                <td><span class=format!("outcome outcome--{}", outcome.replace(' ', "-"))>{outcome}</span></td>
                                {id_heading.map(|_| view! { <td>{match id {
                                    Some(id) => view! { <a href=gc_core::console::routes::link::group(id)>{id}</a> }.into_any(),
                                    None => "—".into_any(),
                                }}</td> })}
                                <td class="import-details">{details(&plan, &s)}</td>
                            }
                        };
                        view! { <tr><td class="num">{row}</td>{labels}{cells}</tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollBox>
    }
}
