//! The group page's History tab with a mocked platform: the tier changes in words and in
//! pages, the transactions' filters as the request's query and the tab's address, a refused
//! date range that sends nothing, paging until a short page, and the CSV of the rows shown.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;

use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The query of a request the page sent (the fetch layer may leave a trailing `&`).
/// Previous or Next under a section: a link while there is such a page, none otherwise.
fn pager_link(section: &web_sys::Element, label: &str) -> Option<web_sys::HtmlElement> {
    all(section, ".pager a")
        .into_iter()
        .find(|a| a.text_content().unwrap_or_default().trim() == label)
        .map(|a| a.unchecked_into())
}

fn query(url: &str) -> &str {
    url.split_once('?').map_or("", |(_, q)| q).trim_end_matches('&')
}

fn param(url: &str, name: &str) -> Option<String> {
    query(url).split('&').filter_map(|p| p.split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
}

/// `count` tier changes, newest first, for a page starting at `offset` of `total`.
fn tier_page(offset: u32, count: u32, total: u32) -> String {
    let kinds = [("UPGRADE", "Gold", "Platinum"), ("DOWNGRADE", "Platinum", "Gold"), ("RENEW", "Gold", "Gold")];
    let data: Vec<String> = (offset..offset + count)
        .map(|i| {
            let (kind, from, to) = kinds[i as usize % 3];
            format!(
                r#"{{"from": "{from}", "to": "{to}", "changedOn": "2026-0{}-{:02}T10:00:00Z", "notes": "note {i}",
                    "tillId": 13027245, "store": {{"name": "North store"}}, "type": "{kind}", "programId": 973}}"#,
                1 + i % 9,
                1 + i % 28
            )
        })
        .collect();
    format!(
        r#"{{"data": [{}], "pagination": {{"limit": 20, "offset": {offset}, "total": {total}}}, "warnings": []}}"#,
        data.join(",")
    )
}

fn transaction(i: u32) -> String {
    let kind = if i % 10 == 9 { "RETURN" } else { "REGULAR" };
    format!(
        r#"{{"id": {i}, "type": "{kind}", "customerId": 566998132,
            "billDetails": {{"amount": 1250.5, "billNumber": "B-{i}", "billingTime": "2026-01-{:02}T10:00:00Z"}},
            "pointSummary": {{"issuedPoints": 125}}}}"#,
        1 + i % 28
    )
}

fn transactions(from: u32, count: u32) -> String {
    let data: Vec<String> = (from..from + count).map(transaction).collect();
    format!(r#"{{"data": [{}], "warnings": [], "errors": []}}"#, data.join(","))
}

/// The platform: the docs' group 3918893, 32 tier changes, and `txn_total` transactions paged
/// by offset and limit.
fn platform(txn_total: u32) -> impl Fn(&Call) -> Reply {
    move |call: &Call| {
        let offset = |name| param(&call.url, name).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
        if call.url.contains("/slabHistory") {
            let at = offset("offset");
            Reply::Json(200, tier_page(at, 20.min(32u32.saturating_sub(at)), 32))
        } else if call.url.contains("/transactions") {
            let at = offset("offset");
            Reply::Json(200, transactions(at, 20.min(txn_total.saturating_sub(at))))
        } else {
            Reply::Json(200, GROUP_3918893.into())
        }
    }
}

async fn open(path: &str, respond: impl Fn(&Call) -> Reply + 'static) -> (web_sys::HtmlElement, MockFetch) {
    let mock = MockFetch::install(respond);
    clear_storage();
    navigate_to(path);
    let host = mount(group_console::boot::app::App);
    assert!(wait_for(|| host.query_selector("#transactions-title").ok().flatten().is_some()).await, "the tab shows");
    (host, mock)
}

fn section(host: &web_sys::HtmlElement, title_id: &str) -> web_sys::Element {
    host.query_selector(&format!("section[aria-labelledby={title_id}]")).unwrap().expect("the section")
}

fn calls_to(mock: &MockFetch, path: &str) -> Vec<Call> {
    mock.calls.borrow().iter().filter(|c| c.url.contains(path)).cloned().collect()
}

fn search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

/// Picks a day in a date field as a browser does: `input`, then `change`.
fn pick_day(root: &web_sys::Element, label: &str, day: &str) {
    type_into(root, label, day);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input(root, label).dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

fn radio(root: &web_sys::Element, label: &str) -> web_sys::HtmlInputElement {
    input(root, label)
}

async fn rows_read(root: &web_sys::Element, want: usize) -> bool {
    wait_for(|| all(root, "tbody tr").len() == want).await
}

#[wasm_bindgen_test]
async fn tier_changes_read_in_words_and_page_through() {
    let (host, mock) = open("/groups/3918893/history", platform(12)).await;
    let tiers = section(&host, "tier-changes-title");
    assert!(rows_read(&tiers, 20).await, "a page of 20 tier changes");
    let headers: Vec<String> = all(&tiers, "th").iter().map(|h| h.text_content().unwrap()).collect();
    assert_eq!(headers, ["When", "Change", "Type", "Program", "Notes", "Store"]);
    let first = all(&tiers, "tbody tr")[0].clone();
    let cells: Vec<String> = all(&first, "td").iter().map(|c| c.text_content().unwrap()).collect();
    assert_eq!(&cells[1..], ["Gold → Platinum", "Upgrade", "DocDemoDefaultProgram", "note 0", "North store"]);
    assert_eq!(
        first.query_selector("time").unwrap().unwrap().get_attribute("title").as_deref(),
        Some("2026-01-01T10:00:00Z")
    );
    let badges: Vec<String> = all(&tiers, "tbody .badge").iter().take(3).map(|b| b.text_content().unwrap()).collect();
    assert_eq!(badges, ["Upgrade", "Downgrade", "Renewal"]);
    assert_eq!(text(&tiers, ".pager__shown"), "Showing 1–20 of 32 tier changes");
    assert!(pager_link(&tiers, "Previous").is_none());

    pager_link(&tiers, "Next").expect("a Next link").click();
    assert!(
        wait_for(|| text(&tiers, ".pager__shown") == "Showing 21–32 of 32 tier changes").await,
        "{}",
        text(&tiers, ".pager__shown")
    );
    assert_eq!(all(&tiers, "tbody tr").len(), 12);
    assert_eq!(param(&calls_to(&mock, "/slabHistory").last().unwrap().url, "offset").as_deref(), Some("20"));
    assert_eq!(search(), "?tiers=20", "where the tier changes start is in the address");
    assert!(pager_link(&tiers, "Next").is_none() && pager_link(&tiers, "Previous").is_some());
    pager_link(&tiers, "Previous").expect("a Previous link").click();
    assert!(wait_for(|| text(&tiers, ".pager__shown") == "Showing 1–20 of 32 tier changes").await);
    assert_eq!(calls_to(&mock, "/transactions").len(), 1, "paging tier changes leaves transactions alone");
}

#[wasm_bindgen_test]
async fn a_tier_history_failure_shows_retry_and_leaves_transactions_working() {
    let ok = platform(3);
    let failing = std::rc::Rc::new(std::cell::Cell::new(true));
    let f = failing.clone();
    let (host, mock) = open("/groups/3918893/history", move |call: &Call| {
        if call.url.contains("/slabHistory") && f.get() {
            Reply::Text(500, "<html>gateway</html>".into(), "text/html")
        } else {
            ok(call)
        }
    })
    .await;
    let tiers = section(&host, "tier-changes-title");
    assert!(wait_for(|| tiers.query_selector("[role=alert]").ok().flatten().is_some()).await, "the error shows");
    assert!(rows_read(&section(&host, "transactions-title"), 3).await, "transactions still show");
    failing.set(false);
    button(&tiers, "Retry").click();
    assert!(rows_read(&tiers, 20).await, "Retry asks again");
    assert_eq!(calls_to(&mock, "/slabHistory").len(), 2);
}

#[wasm_bindgen_test]
async fn empty_history_says_so_in_words() {
    let (host, _) = open("/groups/3918893/history", |call: &Call| {
        if call.url.contains("/slabHistory") {
            Reply::Json(200, tier_page(0, 0, 0))
        } else if call.url.contains("/transactions") {
            Reply::Json(200, transactions(0, 0))
        } else {
            Reply::Json(200, GROUP_3918893.into())
        }
    })
    .await;
    let tiers = section(&host, "tier-changes-title");
    let txns = section(&host, "transactions-title");
    assert!(wait_for(|| tiers.text_content().unwrap().contains("No tier changes recorded")).await);
    assert!(wait_for(|| txns.text_content().unwrap().contains("No transactions recorded for this group.")).await);
    assert!(tiers.query_selector("table").unwrap().is_none() && txns.query_selector("table").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn transactions_show_date_type_member_bill_amount_points() {
    let (host, mock) = open("/groups/3918893/history", platform(12)).await;
    let txns = section(&host, "transactions-title");
    assert!(rows_read(&txns, 12).await);
    let headers: Vec<String> = all(&txns, "th").iter().map(|h| h.text_content().unwrap()).collect();
    assert_eq!(headers, ["Date", "Type", "Member", "Bill number", "Amount", "Points"]);
    let cells: Vec<String> = all(&all(&txns, "tbody tr")[9], "td").iter().map(|c| c.text_content().unwrap()).collect();
    assert_eq!(&cells[1..], ["Return", "566998132", "B-9", "1,250.5", "125"]);
    let first = calls_to(&mock, "/transactions")[0].url.clone();
    assert!(first.contains("/v2/userGroup2/transactions?"), "{first}");
    assert_eq!(query(&first), "id=3918893&offset=0&limit=20");
    assert_eq!(text(&txns, ".pager__shown"), "Showing 1–12 transactions");
    assert!(
        pager_link(&txns, "Next").is_none() && pager_link(&txns, "Previous").is_none(),
        "a short first page is the only one"
    );
}

#[wasm_bindgen_test]
async fn the_type_filter_is_sent_and_kept_in_the_address() {
    let (host, mock) = open("/groups/3918893/history", platform(12)).await;
    let txns = section(&host, "transactions-title");
    assert!(rows_read(&txns, 12).await);
    assert!(radio(&txns, "All").checked());
    radio(&txns, "Return").click();
    assert!(wait_for(|| calls_to(&mock, "/transactions").len() == 2).await, "one request for the new filter");
    let url = calls_to(&mock, "/transactions")[1].url.clone();
    assert_eq!(query(&url), "id=3918893&type=RETURN&offset=0&limit=20");
    assert_eq!(search(), "?type=RETURN");
    assert!(radio(&txns, "Return").checked() && !radio(&txns, "All").checked());
    assert!(txns.text_content().unwrap().contains("Clear filters"));
    button(&txns, "Clear filters").click();
    assert!(wait_for(|| search().is_empty()).await);
    assert!(wait_for(|| radio(&txns, "All").checked()).await);
}

#[wasm_bindgen_test]
async fn a_date_range_sends_to_as_the_day_after() {
    let (host, mock) = open("/groups/3918893/history", platform(12)).await;
    let txns = section(&host, "transactions-title");
    assert!(rows_read(&txns, 12).await);
    pick_day(&txns, "From", "2026-01-01");
    assert!(wait_for(|| calls_to(&mock, "/transactions").len() == 2).await);
    pick_day(&txns, "To", "2026-01-31");
    assert!(wait_for(|| calls_to(&mock, "/transactions").len() == 3).await);
    let url = calls_to(&mock, "/transactions")[2].url.clone();
    assert_eq!(param(&url, "startDate").as_deref(), Some("2026-01-01"));
    assert_eq!(param(&url, "endDate").as_deref(), Some("2026-02-01"), "To is included: the day after is sent");
    assert_eq!(search(), "?from=2026-01-01&to=2026-01-31");
    assert_eq!(input(&txns, "To").value(), "2026-01-31");
}

#[wasm_bindgen_test]
async fn a_from_after_to_is_refused_next_to_from_and_nothing_is_sent() {
    let (host, mock) = open("/groups/3918893/history?to=2026-01-31", platform(12)).await;
    let txns = section(&host, "transactions-title");
    assert!(rows_read(&txns, 12).await);
    let sent = calls_to(&mock, "/transactions").len();
    pick_day(&txns, "From", "2026-02-01");
    settle().await;
    let from = input(&txns, "From");
    assert_eq!(from.get_attribute("aria-invalid").as_deref(), Some("true"));
    let msg = from.get_attribute("aria-describedby").unwrap();
    assert_eq!(text(&txns, &format!("#{msg}")), "From must be on or before To.");
    assert_eq!(calls_to(&mock, "/transactions").len(), sent, "nothing is sent");
    assert_eq!(search(), "?to=2026-01-31", "the address keeps the last range applied");
    // Fixing it applies it.
    pick_day(&txns, "From", "2026-01-15");
    assert!(wait_for(|| calls_to(&mock, "/transactions").len() == sent + 1).await);
    assert_eq!(from.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert_eq!(search(), "?from=2026-01-15&to=2026-01-31");
}

#[wasm_bindgen_test]
async fn transactions_page_until_a_short_page_and_the_page_is_in_the_address() {
    let (host, mock) = open("/groups/3918893/history?type=REGULAR", platform(25)).await;
    let txns = section(&host, "transactions-title");
    assert!(rows_read(&txns, 20).await);
    assert_eq!(text(&txns, ".pager__shown"), "Showing 1–20 transactions");
    assert!(pager_link(&txns, "Previous").is_none() && pager_link(&txns, "Next").is_some());
    pager_link(&txns, "Next").expect("a Next link").click();
    assert!(wait_for(|| text(&txns, ".pager__shown") == "Showing 21–25 transactions").await);
    assert_eq!(search(), "?type=REGULAR&page=2");
    let url = calls_to(&mock, "/transactions").last().unwrap().url.clone();
    assert_eq!((param(&url, "type").as_deref(), param(&url, "offset").as_deref()), (Some("REGULAR"), Some("20")));
    assert!(pager_link(&txns, "Next").is_none(), "a short page is the last");
    assert_eq!(calls_to(&mock, "/transactions").len(), 2, "one request per page");
}

#[wasm_bindgen_test]
async fn a_shared_link_opens_its_filter_and_page() {
    let (host, mock) = open("/groups/3918893/history?type=RETURN&from=2026-01-01&page=3", platform(100)).await;
    let txns = section(&host, "transactions-title");
    assert!(rows_read(&txns, 20).await);
    let url = calls_to(&mock, "/transactions")[0].url.clone();
    assert_eq!(query(&url), "id=3918893&type=RETURN&startDate=2026-01-01&offset=40&limit=20");
    assert!(radio(&txns, "Return").checked());
    assert_eq!(input(&txns, "From").value(), "2026-01-01");
    assert_eq!(text(&txns, ".pager__shown"), "Showing 41–60 transactions");
}

thread_local! {
    static SAVED: RefCell<Vec<web_sys::Blob>> = const { RefCell::new(Vec::new()) };
}

/// Keeps every file the page offers for download instead of downloading it.
fn catch_downloads() {
    let url = js_sys::Reflect::get(&js_sys::global(), &"URL".into()).unwrap();
    let keep = Closure::<dyn Fn(web_sys::Blob) -> String>::new(|blob| {
        SAVED.with(|s| s.borrow_mut().push(blob));
        "blob:caught".to_string()
    });
    js_sys::Reflect::set(&url, &"createObjectURL".into(), keep.as_ref()).unwrap();
    keep.forget();
    let stop = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let a = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if a.is_some_and(|a| a.has_attribute("download")) {
            ev.prevent_default();
        }
    });
    document().add_event_listener_with_callback_and_bool("click", stop.as_ref().unchecked_ref(), true).unwrap();
    stop.forget();
}

#[wasm_bindgen_test]
async fn export_csv_is_the_rows_shown() {
    catch_downloads();
    let (host, _) = open("/groups/3918893/history?page=2", platform(22)).await;
    let txns = section(&host, "transactions-title");
    assert!(rows_read(&txns, 2).await);
    button(&txns, "Export CSV").click();
    let blob = SAVED.with(|s| s.borrow_mut().pop()).expect("a file was offered");
    // The bytes, not Blob.text(): that would drop the BOM that spreadsheets need.
    let bytes = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.unwrap();
    let csv = String::from_utf8(js_sys::Uint8Array::new(&bytes).to_vec()).unwrap();
    assert_eq!(
        csv,
        "\u{feff}Date,Type,Member,Bill number,Amount,Points\r\n\
         2026-01-21T10:00:00Z,REGULAR,566998132,B-20,1250.5,125\r\n\
         2026-01-22T10:00:00Z,REGULAR,566998132,B-21,1250.5,125\r\n"
    );
}

#[wasm_bindgen_test]
async fn markup_from_the_platform_is_shown_as_text() {
    let (host, _) = open("/groups/3918893/history", |call: &Call| {
        if call.url.contains("/slabHistory") {
            Reply::Json(
                200,
                r#"{"data": [{"from": "<b>Gold</b>", "to": "Platinum", "type": "UPGRADE",
                "notes": "<img src=x onerror=\"window.__pwned=1\">"}], "pagination": {"total": 1}}"#
                    .into(),
            )
        } else if call.url.contains("/transactions") {
            Reply::Json(200, r#"{"data": [{"type": "REGULAR", "billDetails": {"billNumber": "<i>B-1</i>"}}]}"#.into())
        } else {
            Reply::Json(200, GROUP_3918893.into())
        }
    })
    .await;
    assert!(rows_read(&section(&host, "tier-changes-title"), 1).await);
    assert!(rows_read(&section(&host, "transactions-title"), 1).await);
    let t = host.text_content().unwrap();
    assert!(t.contains("<b>Gold</b> → Platinum") && t.contains("<i>B-1</i>"), "{t}");
    assert!(host.query_selector("[role=tabpanel] img, [role=tabpanel] b, [role=tabpanel] i").unwrap().is_none());
    assert!(js_sys::Reflect::get(&js_sys::global(), &"__pwned".into()).unwrap().is_undefined());
}

/// The tab's warm-up (run as soon as its code arrives, while the answers are on their way)
/// draws each table from the docs' example answer, through the components and the reader the
/// tab uses, into an element that never enters the document; and it sends nothing, not even
/// the members list that a member cell asks for on a page.
#[wasm_bindgen_test]
async fn the_warm_up_draws_the_examples_off_the_page_and_sends_nothing() {
    use gc_core::history::examples;
    use group_console::features::group::history::warm::{draw, TABLES};

    let mock = MockFetch::install(|_| Reply::Json(500, "{}".into()));
    let rows_in_document = document().get_elements_by_tag_name("tr").length();
    let drawn: Vec<web_sys::Element> = TABLES.iter().map(|t| draw(*t).expect("a table drawn")).collect();
    let rows: Vec<u32> = drawn.iter().map(|d| d.query_selector_all("tbody tr").unwrap().length()).collect();
    let examples = [
        examples::tier_changes().data.len(),
        examples::transactions().data.len(),
        examples::ledger().ledger_entries.len(),
    ];
    assert_eq!(rows, examples.map(|n| n as u32), "one row per example entry");
    assert!(examples.iter().all(|n| *n > 0));
    assert!(drawn.iter().all(|d| !d.is_connected() && d.query_selector("table").unwrap().is_some()));
    // The frame after a member cell first shows is when a page's names would be read.
    sleep_ms(60).await;
    assert_eq!(mock.count(), 0, "the warm-up sent a request");
    assert_eq!(document().get_elements_by_tag_name("tr").length(), rows_in_document);
}
