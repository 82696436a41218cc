//! The members list: a real `<table>` with a filter (All / Active / Exited, with counts),
//! search by user ID, sortable columns and CSV export of what is shown. Only the rows in
//! view are in the DOM, so 30,000 members scroll as smoothly as 30.

use std::sync::Arc;

use gc_core::members::record::{MemberFilter, Sort, SortKey};

use gc_core::group::wire::GroupDetails;
use gc_core::members::record;
use leptos::html::Div;
use leptos::prelude::*;

use crate::ui::intl;

/// Must match `.members-table tbody tr` height in style/group.css.
const ROW_HEIGHT: f64 = 40.0;
const OVERSCAN: usize = 8;
/// Until the scroll box is measured (its CSS height).
const DEFAULT_VIEWPORT: f64 = 440.0;

#[component]
pub fn MembersTable(group: Arc<GroupDetails>) -> impl IntoView {
    let group_id = group.id.0;
    let (all, active, exited) = record::counts(&group.fleet_group_users);
    let filter = RwSignal::new(MemberFilter::All);
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<Sort>);
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(DEFAULT_VIEWPORT);
    let scroller = NodeRef::<Div>::new();

    let shown = {
        let group = group.clone();
        Memo::new(move |_| record::view(&group.fleet_group_users, filter.get(), &search.get(), sort.get()))
    };
    // A new filter, search or sort starts at the top.
    Effect::watch(
        move || (filter.track(), search.track(), sort.track()),
        move |_, _, _| {
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        },
        false,
    );
    // The box's height comes from CSS; never trust it beyond the window's height, so a
    // missing stylesheet cannot turn the window into 30,000 rows.
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            let window_h = window().inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(DEFAULT_VIEWPORT);
            let h = (el.client_height() as f64).min(window_h);
            if h > 0.0 {
                viewport.set(h);
            }
        }
    });
    Effect::new(move |_| crate::perf::mark_next_frame("gc-rows-painted"));
    let range = Memo::new(move |_| {
        record::window(scroll_top.get(), viewport.get(), ROW_HEIGHT, shown.with(Vec::len), OVERSCAN)
    });
    let rows = {
        let group = group.clone();
        move || {
            let r = range.get();
            shown.with(|idx| {
                idx[r.clone()]
                    .iter()
                    .enumerate()
                    .map(|(offset, &i)| (r.start + offset, group.fleet_group_users[i as usize].clone()))
                    .collect::<Vec<_>>()
            })
        }
    };
    let pad_top = move || format!("{}px", range.get().start as f64 * ROW_HEIGHT);
    let pad_bottom = move || format!("{}px", (shown.with(Vec::len) - range.get().end) as f64 * ROW_HEIGHT);

    let export = {
        let group = group.clone();
        move |_| {
            let csv = shown.with_untracked(|idx| record::to_csv(&group.fleet_group_users, idx));
            crate::ui::download::text_file(&format!("group-{group_id}-members.csv"), "text/csv", &csv);
        }
    };

    let header = move |key: SortKey, label: &'static str| {
        let aria = move || match sort.get() {
            Some(s) if s.key == key && s.ascending => "ascending",
            Some(s) if s.key == key => "descending",
            _ => "none",
        };
        let toggle = move |_| {
            sort.update(|s| {
                *s = match *s {
                    Some(cur) if cur.key == key => Some(Sort { key, ascending: !cur.ascending }),
                    _ => Some(Sort { key, ascending: true }),
                }
            })
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="members-table__sort" on:click=toggle>
                    {label}
                    <span class="members-table__arrow" aria-hidden="true">
                        {move || match aria() { "ascending" => "▲", "descending" => "▼", _ => "↕" }}
                    </span>
                </button>
            </th>
        }
    };

    let filter_radio = move |value: MemberFilter, label: &'static str, count: usize| {
        let id = format!("members-filter-{}", label.to_ascii_lowercase());
        view! {
            <span class="segmented__option">
                <input type="radio" name="members-filter" id=id.clone()
                    prop:checked=move || filter.get() == value
                    on:change=move |_| filter.set(value) />
                <label for=id>{format!("{label} ({})", intl::number(count as f64))}</label>
            </span>
        }
    };

    let empty_message = move || {
        if all == 0 {
            "No members yet: this group has nobody in it."
        } else {
            "No members match this filter and search."
        }
    };

    view! {
        <section class="members" aria-labelledby="members-title">
            <div class="members__top">
                <h2 id="members-title">"Members"</h2>
                <button type="button" class="button" on:click=export disabled=move || shown.with(Vec::is_empty)>
                    "Export CSV"
                </button>
            </div>
            <div class="members__controls">
                <fieldset class="segmented">
                    <legend class="visually-hidden">"Show"</legend>
                    {filter_radio(MemberFilter::All, "All", all)}
                    {filter_radio(MemberFilter::Active, "Active", active)}
                    {filter_radio(MemberFilter::Exited, "Exited", exited)}
                </fieldset>
                <div class="field field--inline">
                    <label for="members-search">"Search by user ID"</label>
                    <input id="members-search" type="search" inputmode="numeric" autocomplete="off"
                        bind:value=search />
                </div>
            </div>
            <p class="members__count" aria-live="polite">
                {move || format!("Showing {} of {} members", intl::number(shown.with(Vec::len) as f64), intl::number(all as f64))}
            </p>
            <Show when=move || !shown.with(Vec::is_empty) fallback=move || view! { <p class="empty">{empty_message}</p> }>
                <div class="members-table__scroll" node_ref=scroller tabindex="0"
                    role="region" aria-label="Members list, scrollable"
                    on:scroll=move |ev| {
                        let el: web_sys::Element = event_target(&ev);
                        scroll_top.set(el.scroll_top() as f64);
                    }>
                    <table class="members-table" aria-rowcount=move || (shown.with(Vec::len) + 1).to_string()>
                        <thead>
                            <tr aria-rowindex="1">
                                {header(SortKey::UserId, "User ID")}
                                {header(SortKey::Role, "Role")}
                                {header(SortKey::DefaultGroup, "Default group")}
                                {header(SortKey::Status, "Status")}
                            </tr>
                        </thead>
                        <tbody>
                            <tr class="members-table__pad" aria-hidden="true" style:height=pad_top></tr>
                            <For each=rows.clone() key=|(pos, m)| (*pos, m.user_id) let:((pos, m))>
                                <tr aria-rowindex=(pos + 2).to_string() class:members-table__row--exited=!m.active>
                                    <td>{m.user_id.0}</td>
                                    <td>{record::role(&m)}</td>
                                    <td>{record::default_group(&m)}</td>
                                    <td>
                                        <span class=if m.active { "badge badge--ok" } else { "badge badge--muted" }>
                                            {record::status(&m)}
                                        </span>
                                    </td>
                                </tr>
                            </For>
                            <tr class="members-table__pad" aria-hidden="true" style:height=pad_bottom></tr>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
