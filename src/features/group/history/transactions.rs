//! The History tab's transactions (`GET /v2/userGroup2/transactions`): filters by type and by
//! a range of days, Previous / Next, and the rows shown as a CSV file. The filter and page
//! live in the tab's address, so back/forward and a shared link show the same page; only
//! that page is ever fetched, which keeps a group with 90,000 transactions as quick as one
//! with ten. Members are named where the members list knows them.

use gc_core::history::tab::{check_date_range, ItemsShown, TransactionsFilter};

use gc_core::group::wire::GroupKey;
use gc_core::history::wire::{transactions_to_csv, Transaction, TransactionType};
use gc_core::platform::read::Id;
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
pub fn Transactions(group_id: u64, names: Names) -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| TransactionsFilter::from_url_query(&query.read().to_query_string()));
    let navigate = use_navigate();
    let show = Callback::new(move |f: TransactionsFilter| {
        navigate(&f.href(group_id), NavigateOptions { scroll: false, ..Default::default() })
    });
    let store = use_settings();
    // Paging the tier changes or the ledger (the same address) must not fetch the transactions again.
    let asked = Memo::new(move |_| filter.get().transactions_only());
    let page = LocalResource::new(move || {
        let shown = asked.get();
        let request = shown.request(GroupKey::Id(group_id));
        let settings = store.for_request();
        async move {
            // A refused range sends nothing.
            let query = request?;
            let answer = api::history::transactions(&settings, &query).await;
            let items = query.shown(answer.as_ref().map_or(0, |a| a.data.len()));
            Some((shown, items, answer))
        }
    });
    let busy = RwSignal::new(false);
    view! {
        <section class="history__section" aria-labelledby="transactions-title" aria-busy=move || busy.get().to_string()>
            <h2 id="transactions-title">"Transactions"</h2>
            <TransactionFilters filter show />
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading transactions…"</p> } set_pending=busy>
                {move || page.get().map(|answered| match answered {
                    None => view! { <p class="empty">"Fix the dates above to see transactions."</p> }.into_any(),
                    Some((shown, items, Ok(answer))) => {
                        view! { <TransactionsPage group_id shown address=filter items rows=answer.data show names /> }.into_any()
                    }
                    Some((_, _, Err(error))) => {
                        view! { <ErrorAlert error on_retry=Callback::new(move |_| page.refetch()) /> }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}

/// One page of transactions with its pager, or why there is none.
#[component]
fn TransactionsPage(
    group_id: u64,
    /// What was fetched.
    shown: TransactionsFilter,
    /// The tab's whole address: the links keep where the tier changes are.
    address: Memo<TransactionsFilter>,
    items: ItemsShown,
    rows: Vec<Transaction>,
    show: Callback<TransactionsFilter>,
    names: Names,
) -> impl IntoView {
    let page = shown.page;
    let pager = move || {
        let here = address.get();
        view! {
            <Pager first=items.first last=items.last total=None noun="transactions"
                previous=items.has_previous.then(|| here.at_page(page - 1).href(group_id))
                next=items.has_next.then(|| here.at_page(page.saturating_add(1)).href(group_id)) />
        }
    };
    if !items.is_empty() {
        view! { <TransactionsTable group_id rows names>{pager}</TransactionsTable> }.into_any()
    } else if items.has_previous {
        // An old link past the end of a list that has since shrunk.
        view! {
            <p class="empty">
                {format!("No transactions on page {page}: the pages before it hold them all. ")}
                <button type="button" class="button" on:click=move |_| show.run(address.get_untracked().at_page(1))>"First page"</button>
            </p>
            {pager}
        }
        .into_any()
    } else if shown.is_filtered() {
        view! { <p class="empty">"No transactions match these filters."</p> }.into_any()
    } else {
        view! { <p class="empty">"No transactions recorded for this group."</p> }.into_any()
    }
}

const WORDS: FilterWords = FilterWords {
    id: "transactions",
    radios: "transactions-type",
    legend: "Type",
    from_label: "From",
    from_hint: "The first day shown.",
    to_label: "To",
    to_hint: "The last day shown, included.",
};

/// Type and a range of days (a From after To is refused next to From and never sent).
#[component]
fn TransactionFilters(filter: Memo<TransactionsFilter>, show: Callback<TransactionsFilter>) -> impl IntoView {
    let shown = Signal::derive(move || {
        let f = filter.get();
        DaysAndKind { kind: f.kind, from: f.from, to: f.to }
    });
    let apply = Callback::new(move |d: DaysAndKind<TransactionType>| {
        show.run(filter.get_untracked().filtered(d.kind, d.from, d.to))
    });
    view! {
        <DaysFilter words=&WORDS kinds=&TransactionType::ALL shown check=check_date_range apply />
    }
}

/// The rows, then `children` (the pager) beside "Export CSV" of those rows.
#[component]
fn TransactionsTable(group_id: u64, rows: Vec<Transaction>, names: Names, children: Children) -> impl IntoView {
    let export = {
        let rows = rows.clone();
        move |_| {
            crate::ui::download::text_file(
                &format!("group-{group_id}-transactions.csv"),
                "text/csv",
                &transactions_to_csv(&rows),
            )
        }
    };
    view! {
        <TransactionRows rows names />
        <div class="history__actions">
            {children()}
            <button type="button" class="button" on:click=export>"Export CSV"</button>
        </div>
    }
}

/// A page's transactions.
#[component]
pub fn TransactionRows(rows: Vec<Transaction>, names: Names) -> impl IntoView {
    view! {
        <HistoryTable label="Transactions, scrollable" columns=&["Date", "Type", "Member", "Bill number", "Amount", "Points"] numeric=2>
            {rows.into_iter().map(|t| view! {
                <tr>
                    <td><Timestamp iso=t.date().to_string() /></td>
                    <td>{t.kind_words()}</td>
                    // The platform names the member by ID only: the members list names them.
                    <td><MemberCell id=t.customer_id.map(|Id(c)| c) names /></td>
                    <td class="nowrap">{match t.bill_number() { "" => "—", b => b }.to_string()}</td>
                    <td class="num">{intl::opt_number(t.amount())}</td>
                    <td class="num">{intl::opt_number(t.points())}</td>
                </tr>
            }).collect_view()}
        </HistoryTable>
    }
}
