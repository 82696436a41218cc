//! The History tab's tier changes (`GET /v2/userGroup2/slabHistory`): newest first, a page
//! at a time, with their own loading, empty and error states so a failure here leaves the
//! rest of the page working.

use gc_core::history::wire::{SlabChange, SlabHistoryQuery, SlabHistoryResponse};

use gc_core::history::tab::{TierChangeKind, TransactionsFilter};
use gc_core::points::summary::program_name;
use gc_core::points::wire::PointsSummary;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::features::group::history::table::HistoryTable;
use crate::state::settings::use_settings;
use crate::ui::alerts::ErrorAlert;
use crate::ui::pager::Pager;
use crate::ui::timestamp::Timestamp;

#[component]
pub fn TierChanges(group_id: u64, programs: Vec<PointsSummary>) -> impl IntoView {
    let store = use_settings();
    // Where the tier changes start is in the tab's address, beside the transactions' filter.
    let query = use_query_map();
    let shown = Memo::new(move |_| TransactionsFilter::from_url_query(&query.read().to_query_string()));
    // Changing the transactions (the same address) must not fetch the tier changes again.
    let offset = Memo::new(move |_| shown.get().tier_offset);
    let page = LocalResource::new(move || {
        let query = SlabHistoryQuery::new(group_id).at(offset.get());
        let settings = store.for_request();
        async move {
            let answer = api::history::slab_history(&settings, &query).await;
            (query, answer)
        }
    });
    let busy = RwSignal::new(false);
    view! {
        <section class="history__section" aria-labelledby="tier-changes-title" aria-busy=move || busy.get().to_string()>
            <h2 id="tier-changes-title">"Tier changes"</h2>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading tier changes…"</p> } set_pending=busy>
                {move || page.get().map(|(query, answer)| match answer {
                    Ok(answer) => view! { <TierChangesPage group_id query answer shown programs=programs.clone() /> }.into_any(),
                    Err(error) => view! { <ErrorAlert error on_retry=Callback::new(move |_| page.refetch()) /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn TierChangesPage(
    group_id: u64,
    query: SlabHistoryQuery,
    answer: SlabHistoryResponse,
    /// The tab's whole address: the links keep the transactions' filter and page.
    shown: Memo<TransactionsFilter>,
    programs: Vec<PointsSummary>,
) -> impl IntoView {
    let items = answer.shown(&query);
    let previous = answer.previous_offset(&query);
    let next = items.last.min(u32::MAX as u64) as u32;
    let pager = move || {
        let here = shown.get();
        view! {
            <Pager first=items.first last=items.last total=items.total noun="tier changes"
                previous=items.has_previous.then(|| here.at_tier_offset(previous).href(group_id))
                next=items.has_next.then(|| here.at_tier_offset(next).href(group_id)) />
        }
    };
    if items.is_empty() {
        let words = if items.has_previous {
            "No more tier changes: the previous page was the last."
        } else {
            "No tier changes recorded for this group."
        };
        return view! {
            <p class="empty">{words}</p>
            {items.has_previous.then_some(pager)}
        }
        .into_any();
    }
    view! {
        <TierChangesTable rows=answer.data programs />
        {pager}
    }
    .into_any()
}

/// A page's tier changes.
#[component]
pub fn TierChangesTable(rows: Vec<SlabChange>, programs: Vec<PointsSummary>) -> impl IntoView {
    view! {
        <HistoryTable label="Tier changes, scrollable" columns=&["When", "Change", "Type", "Program", "Notes", "Store"]>
            {rows.into_iter().map(|change| view! { <TierChangeRow change programs=programs.clone() /> }).collect_view()}
        </HistoryTable>
    }
}

#[component]
fn TierChangeRow(change: SlabChange, programs: Vec<PointsSummary>) -> impl IntoView {
    let badge = match change.kind() {
        Some(TierChangeKind::Upgrade) => "badge badge--ok",
        Some(TierChangeKind::Downgrade) => "badge badge--warning",
        Some(TierChangeKind::Renew) | None => "badge badge--muted",
    };
    let notes = if change.notes.trim().is_empty() { "—".to_string() } else { change.notes.clone() };
    view! {
        <tr>
            <td><Timestamp iso=change.changed_on.clone() /></td>
            <td>{change.change_words()}</td>
            <td><span class=badge>{change.kind_words()}</span></td>
            <td>{program_name(&programs, change.program_id)}</td>
            <td class="history-table__notes">{notes}</td>
            <td>{change.store_words()}</td>
        </tr>
    }
}
