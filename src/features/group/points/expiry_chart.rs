//! Points expiring per month for the next 12 months, per program: a stacked bar chart drawn
//! as SVG, its summary in words as the caption, and the same numbers as a table.

use gc_core::points::expiry_chart::{month_label, monthly_expiry, summary, MonthlyExpiry};
use gc_core::points::summary::program_name;
use gc_core::points::wire::{ExpirySchedule, PointsSummary};
use leptos::prelude::*;

use crate::ui::intl;

const MONTHS: usize = 12;
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 64.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 200.0;
/// Distinct fills; more programs than this reuse them (their legend still names each).
const FILLS: usize = 6;

fn today() -> (i32, u32, u32) {
    let d = js_sys::Date::new_0();
    (d.get_full_year() as i32, d.get_month() + 1, d.get_date())
}

#[component]
pub fn ExpiryChart(schedules: Vec<ExpirySchedule>, summaries: Vec<PointsSummary>) -> impl IntoView {
    let chart = monthly_expiry(&schedules, today(), MONTHS);
    let name = |p: Option<i64>| program_name(&summaries, p);
    let words = summary(&chart, name);
    let empty = chart.series.is_empty();
    let names: Vec<String> = chart.series.iter().map(|s| name(s.program)).collect();
    view! {
        <figure class="expiry-chart" aria-labelledby="expiry-chart-caption">
            <figcaption id="expiry-chart-caption" class="expiry-chart__summary">{words}</figcaption>
            {(!empty).then(|| view! {
                <Bars chart=chart.clone() names=names.clone() />
                <ExpiryTable chart names />
            })}
        </figure>
    }
}

#[component]
fn Bars(chart: MonthlyExpiry, names: Vec<String>) -> impl IntoView {
    let peak = (0..chart.months.len()).map(|i| chart.month_total(i)).fold(0.0, f64::max);
    let scale = if peak > 0.0 { (BOTTOM - TOP) / peak } else { 0.0 };
    let slot = (WIDTH - LEFT) / chart.months.len() as f64;
    let bar = slot * 0.6;
    let bars = chart
        .months
        .iter()
        .enumerate()
        .flat_map(|(i, &month)| {
            let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
            let mut base = BOTTOM;
            let mut out = Vec::new();
            for (k, s) in chart.series.iter().enumerate() {
                let h = s.points[i] * scale;
                if h <= 0.0 {
                    continue;
                }
                base -= h;
                let tip = format!("{}, {}: {} points", month_label(month), names[k], intl::number(s.points[i]));
                out.push(view! {
                    <rect class=format!("expiry-chart__bar expiry-chart__bar--{}", k % FILLS)
                        x=format!("{x:.1}") y=format!("{base:.1}") width=format!("{bar:.1}") height=format!("{h:.1}")>
                        <title>{tip}</title>
                    </rect>
                });
            }
            out
        })
        .collect_view();
    let labels = chart
        .months
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let x = LEFT + slot * i as f64 + slot / 2.0;
            view! { <text class="expiry-chart__label" x=format!("{x:.1}") y=format!("{:.1}", BOTTOM + 18.0) text-anchor="middle">{month_label(m)}</text> }
        })
        .collect_view();
    view! {
        <svg class="expiry-chart__svg" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
            aria-labelledby="expiry-chart-caption" focusable="false">
            <line class="expiry-chart__axis" x1=LEFT y1=BOTTOM x2=WIDTH y2=BOTTOM />
            <text class="expiry-chart__label" x=LEFT - 8.0 y=TOP + 10.0 text-anchor="end">{intl::number(peak)}</text>
            <text class="expiry-chart__label" x=LEFT - 8.0 y=BOTTOM text-anchor="end">"0"</text>
            {bars}
            {labels}
        </svg>
        <ul class="expiry-chart__legend">
            {names.into_iter().enumerate().map(|(k, n)| view! {
                <li><span class=format!("expiry-chart__swatch expiry-chart__bar--{}", k % FILLS) aria-hidden="true"></span>{n}</li>
            }).collect_view()}
        </ul>
    }
}

/// The chart's numbers as a table, for anyone who cannot or would rather not read a chart.
#[component]
fn ExpiryTable(chart: MonthlyExpiry, names: Vec<String>) -> impl IntoView {
    let many = names.len() > 1;
    view! {
        <details class="expiry-chart__table">
            <summary>"Show the numbers as a table"</summary>
            <table>
                <caption class="visually-hidden">"Points expiring per month"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Month"</th>
                        {names.iter().map(|n| view! { <th scope="col" class="num">{n.clone()}</th> }).collect_view()}
                        {many.then(|| view! { <th scope="col" class="num">"All programs"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {chart.months.iter().enumerate().map(|(i, &m)| view! {
                        <tr>
                            <th scope="row">{month_label(m)}</th>
                            {chart.series.iter().map(|s| view! { <td class="num">{intl::number(s.points[i])}</td> }).collect_view()}
                            {many.then(|| view! { <td class="num">{intl::number(chart.month_total(i))}</td> })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
