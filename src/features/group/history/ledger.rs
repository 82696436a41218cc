//! The History tab's points ledger (`GET /v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2`):
//! every earn, burn, expiry, transfer and adjustment of the group wallet, ten at a time,
//! filtered by type and by up to 60 days, with the filter and page in the tab's address beside
//! the transactions'. The platform's codes are said in words, a page that holds entries outside
//! the filter says the platform ignored it, and "Export CSV" saves what the filter holds (the
//! newest 1,000 at most), read 100 at a time, one request after another.

use gc_core::history::ledger::{
    is_empty_page, ledger_to_csv, wants_smaller_pages, words, LedgerAnswer, LedgerEntry, LedgerEntryType, LedgerExport,
    LedgerQuery, FILTER_IGNORED, LEDGER_PAGE, NO_ENTRIES, STILL_PROCESSING,
};
use gc_core::history::tab::{check_ledger_dates, LedgerFilter, TransactionsFilter};
use gc_core::platform::error::ApiError;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api;
use crate::features::group::history::filters::{DaysAndKind, DaysFilter, FilterWords};
use crate::features::group::history::table::HistoryTable;
use crate::features::group::member_names::{MemberCell, Names};
use crate::state::settings::use_settings;
use crate::ui::alerts::ErrorAlert;
use crate::ui::intl;
use crate::ui::pager::Pager;
use crate::ui::timestamp::Timestamp;

#[component]
pub fn Ledger(group_id: u64, names: Names) -> impl IntoView {
    let query = use_query_map();
    // The tab's whole address: the ledger's links keep the transactions' and tier changes' places.
    let address = Memo::new(move |_| TransactionsFilter::from_url_query(&query.read().to_query_string()));
    let filter = Memo::new(move |_| address.get().ledger);
    let navigate = use_navigate();
    let show = Callback::new(move |f: LedgerFilter| {
        let href = address.get_untracked().with_ledger(f).href(group_id);
        navigate(&href, NavigateOptions { scroll: false, ..Default::default() })
    });
    let store = use_settings();
    let page = LocalResource::new(move || {
        let asked = filter.get().query(group_id, LEDGER_PAGE);
        let settings = store.for_request();
        async move {
            // Refused days send nothing.
            let query = asked?;
            let answer = api::history::ledger(&settings, &query).await;
            Some((query, answer))
        }
    });
    let busy = RwSignal::new(false);
    view! {
        <section class="history__section ledger" aria-labelledby="ledger-title" aria-busy=move || busy.get().to_string()>
            <h2 id="ledger-title">"Points ledger"</h2>
            <p class="ledger__intro">"Every credit and debit of the group’s points: purchases, returns, redemptions, expiries, transfers, goodwill and adjustments, newest first."</p>
            <LedgerFilters filter show />
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading the ledger…"</p> } set_pending=busy>
                {move || page.get().map(|answered| match answered {
                    None => view! { <p class="empty">"Fix the days above to see the ledger."</p> }.into_any(),
                    Some((query, Ok(answer))) if !answer.ledger_entries.is_empty() => {
                        view! { <LedgerPage group_id query answer address names /> }.into_any()
                    }
                    Some((query, Ok(_))) => view! { <NoEntries query address show /> }.into_any(),
                    Some((query, Err(e))) if is_empty_page(&e) => view! { <NoEntries query address show /> }.into_any(),
                    Some((_, Err(error))) => {
                        let words = words(&error);
                        view! { <ErrorAlert error words on_retry=Callback::new(move |_| page.refetch()) /> }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

/// A page of entries: what the platform said about it, the rows, the pager and the export.
#[component]
fn LedgerPage(
    group_id: u64,
    query: LedgerQuery,
    answer: LedgerAnswer,
    address: Memo<TransactionsFilter>,
    names: Names,
) -> impl IntoView {
    let items = answer.shown(&query);
    let page = query.page + 1;
    let link = move |p: u32| {
        let here = address.get();
        here.with_ledger(here.ledger.at_page(p)).href(group_id)
    };
    let notes = [
        answer.ignored_filter(&query).then_some(FILTER_IGNORED),
        answer.still_processing().then_some(STILL_PROCESSING),
        answer.other_page(&query).then_some(
            "The platform answered with another page than the one asked for: entries may repeat or be missed.",
        ),
    ];
    view! {
        {notes.into_iter().flatten().map(|n| view! { <p class="notice" role="note">{n}</p> }).collect_view()}
        <LedgerTable entries=answer.ledger_entries names />
        <div class="history__actions">
            {move || view! {
                <Pager first=items.first last=items.last total=items.total noun="entries"
                    previous=items.has_previous.then(|| link(page - 1))
                    next=items.has_next.then(|| link(page.saturating_add(1))) />
            }}
            <ExportLedger group_id query names />
        </div>
    }
}

/// A page's entries.
#[component]
pub fn LedgerTable(entries: Vec<LedgerEntry>, names: Names) -> impl IntoView {
    view! {
        <HistoryTable label="Points ledger entries, scrollable"
            columns=&["Date", "Event", "Member", "Program", "Type", "Notes", "Store", "Points"] numeric=1>
            {entries.into_iter().map(|e| view! { <LedgerRow e names /> }).collect_view()}
        </HistoryTable>
    }
}

#[component]
fn LedgerRow(e: LedgerEntry, names: Names) -> impl IntoView {
    let own_name = e.member_name(|_| None);
    let text = |s: &str| if s.trim().is_empty() { "—".to_string() } else { s.trim().to_string() };
    view! {
        <tr>
            <td><Timestamp iso=e.date().to_string() /></td>
            <td>{e.event().to_string()}</td>
            <td><MemberCell id=e.member_id() own_name names /></td>
            <td>{text(&e.programs())}</td>
            <td>{e.kind_words()}</td>
            <td class="history-table__notes">{text(e.notes())}</td>
            <td>{text(&e.store)}</td>
            <td class="num">{intl::opt_number(e.net_points())}</td>
        </tr>
    }
}

/// No entries on this page: past the last page (an old link), none matching the filter, or
/// none at all.
#[component]
fn NoEntries(query: LedgerQuery, address: Memo<TransactionsFilter>, show: Callback<LedgerFilter>) -> impl IntoView {
    let page = query.page + 1;
    if page > 1 {
        view! {
            <p class="empty">
                {format!("No entries on page {page}: the pages before it hold them all. ")}
                <button type="button" class="button" on:click=move |_| show.run(address.get_untracked().ledger.at_page(1))>"First page"</button>
            </p>
        }
        .into_any()
    } else if query.dates.is_some() || query.entry_type.is_some() {
        view! { <p class="empty">{NO_ENTRIES}</p> }.into_any()
    } else {
        view! { <p class="empty">"No entries recorded for this group."</p> }.into_any()
    }
}

const WORDS: FilterWords = FilterWords {
    id: "ledger",
    radios: "ledger-type",
    legend: "Entries",
    from_label: "Entries from",
    from_hint: "The first day, up to 60 days before the last.",
    to_label: "Entries to",
    to_hint: "The last day shown, included.",
};

/// Type and up to 60 days (both days or neither).
#[component]
fn LedgerFilters(filter: Memo<LedgerFilter>, show: Callback<LedgerFilter>) -> impl IntoView {
    let shown = Signal::derive(move || {
        let f = filter.get();
        DaysAndKind { kind: f.entry_type, from: f.from, to: f.to }
    });
    let apply =
        Callback::new(move |d: DaysAndKind<LedgerEntryType>| show.run(LedgerFilter::filtered(d.kind, d.from, d.to)));
    view! {
        <DaysFilter words=&WORDS kinds=&LedgerEntryType::ALL shown apply
            check=|from, to| check_ledger_dates(from, to).map(Option::unzip) />
    }
}

/// Where the export is.
#[derive(Clone, PartialEq)]
enum Export {
    Idle,
    Reading { read: usize, total: Option<u64> },
    Saved(String),
    Stopped,
    Failed(ApiError),
}

/// "Export CSV": the entries the filter holds, read 100 at a time (10 after an 11006), one
/// request after another, with progress and Cancel; the file names members as the screen does.
#[component]
fn ExportLedger(group_id: u64, query: LedgerQuery, names: Names) -> impl IntoView {
    let state = RwSignal::new(Export::Idle);
    let cancel = RwSignal::new(false);
    let store = use_settings();
    let query = StoredValue::new(query);
    let start = move || {
        if matches!(state.get_untracked(), Export::Reading { .. }) {
            return;
        }
        state.set(Export::Reading { read: 0, total: None });
        cancel.set(false);
        let settings = store.for_request();
        let mut export = LedgerExport::new(&query.get_value());
        leptos::task::spawn_local(async move {
            while let Some(next) = export.next().cloned() {
                // The page may have gone (the signals with it): stop there.
                if cancel.try_get_untracked().unwrap_or(true) {
                    state.try_set(Export::Stopped);
                    return;
                }
                match api::history::ledger(&settings, &next).await {
                    Ok(answer) => export.read(answer),
                    Err(e) if is_empty_page(&e) => export.end(),
                    Err(e) if wants_smaller_pages(&e) && export.smaller_pages() => {}
                    Err(e) => {
                        state.try_set(Export::Failed(e));
                        return;
                    }
                }
                state.try_set(Export::Reading { read: export.entries.len(), total: export.total });
            }
            if cancel.try_get_untracked().unwrap_or(true) {
                state.try_set(Export::Stopped);
                return;
            }
            let csv = ledger_to_csv(&export.entries, |id| names.name_now(id));
            crate::ui::download::text_file(&format!("group-{group_id}-ledger.csv"), "text/csv", &csv);
            state.try_set(Export::Saved(export.outcome()));
        });
    };
    let reading = move || matches!(state.get(), Export::Reading { .. });
    view! {
        <div class="ledger__export">
            <button type="button" class="button" disabled=reading on:click=move |_| start()>"Export CSV"</button>
            <Show when=reading>
                <button type="button" class="button" on:click=move |_| cancel.set(true)>"Cancel export"</button>
            </Show>
            <p class="ledger__export-status" role="status">
                {move || match state.get() {
                    Export::Reading { read, total } => match total {
                        Some(t) => format!("Reading the ledger: {} of {} entries…", intl::number(read as f64), intl::number(t as f64)),
                        None => format!("Reading the ledger: {} entries…", intl::number(read as f64)),
                    },
                    Export::Saved(words) => words,
                    Export::Stopped => "Export cancelled: no file was saved.".into(),
                    Export::Idle | Export::Failed(_) => String::new(),
                }}
            </p>
            {move || match state.get() {
                Export::Failed(error) => Some(view! {
                    <ErrorAlert words=words(&error) error on_retry=Callback::new(move |_| start()) />
                }),
                _ => None,
            }}
        </div>
    }
}
