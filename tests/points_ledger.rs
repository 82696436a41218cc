//! The points ledger under History, the trackers and promised points on the Points tab, and
//! members named by the members list, with a mocked platform: the ledger's pages and filters
//! in the request and the tab's address, days refused before anything is sent, the platform's
//! codes in words, an ignored filter noticed, the export read page by page (falling back to 10
//! a page after an 11006) into a CSV that names members and neutralises hostile text.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::Cell;
use std::rc::Rc;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn query(url: &str) -> &str {
    url.split_once('?').map_or("", |(_, q)| q).trim_end_matches('&')
}

fn param(url: &str, name: &str) -> Option<String> {
    query(url).split('&').filter_map(|p| p.split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
}

/// Entry `i` of the ledger, newest first: a purchase by Rohan (named by ID only), a transfer
/// from Anika (no details: its customerId), an expiry (no member), goodwill with a hostile
/// reason, a redemption by Maya (named by the entry), a bill of a member who left (ID only).
fn entry(i: u32) -> String {
    let day = format!("2026-11-{:02}T10:00:00Z", 28 - i % 28);
    let (event, kind, points, customer, details, reason, store) = match i % 6 {
        0 => ("TransactionAdd", "CREDIT", 125.0, -3918893, r#"{"userId": 567219877}"#, "", "North store"),
        1 => ("PointsTransfer", "CREDIT", 120.0, 567219954, "null", "Joined the family wallet", ""),
        2 => ("PointsExpiry", "DEBIT", 20.0, 973, "null", "", ""),
        3 => ("AllocateGoodwillPoints", "CREDIT", 500.0, -3918893, "null", "=HYPERLINK(\\\"http://x\\\")", ""),
        4 => (
            "PointsRedemption",
            "DEBIT",
            300.0,
            -3918893,
            r#"{"firstName": "Maya", "lastName": "Fernandes", "userId": 566998132}"#,
            "",
            "",
        ),
        _ => ("ReturnBill", "DEBIT", 15.0, -3918893, r#"{"userId": 564662499}"#, "", "North store"),
    };
    let net = if kind == "DEBIT" { -points } else { points };
    format!(
        r#"{{"eventLogId": {id}, "eventName": "{event}", "customerId": {customer},
            "ledgerCreatedDate": "x", "ledgerCreatedDateISO": "{day}", "customerDetails": {details},
            "entryDetails": [{{"ledgerEntryType": "{kind}", "points": "{points:.3}", "pointsCategory": "Main",
                "programName": "DocDemoDefaultProgram", "programId": 973}}],
            "netPointsOnEvent": "{net:.3}", "transactionDetails": {{}}, "store": "{store}", "storeCode": "", "tillCode": "",
            "eventDetails": {{"reason": "{reason}"}}, "orgId": 100737}}"#,
        id = 600000000 + i
    )
}

#[derive(Clone, Default)]
struct Ledger {
    total: u32,
    /// Answer entries outside the filter (the platform did not apply it).
    ignores_filter: bool,
    /// Refuse pages above 10 with 11006.
    ten_at_most: bool,
    /// Answer every request with this error code.
    code: Option<i64>,
    /// Warn 11002.
    processing: bool,
}

fn ledger_answer(l: &Ledger, url: &str) -> Reply {
    if let Some(code) = l.code {
        return Reply::Json(
            400,
            format!(r#"{{"errors": [{{"status": false, "code": {code}, "message": "refused"}}]}}"#),
        );
    }
    let number = |name| param(url, name).and_then(|v| v.parse::<u32>().ok());
    let (page, limit) = (number("offset").unwrap_or(0), number("limit").unwrap_or(10));
    if l.ten_at_most && limit > 10 {
        return Reply::Json(
            400,
            r#"{"errors": [{"status": false, "code": 11006, "message": "Limit should not be greater than 10"}]}"#
                .into(),
        );
    }
    let kind = param(url, "ledgerEntryType").filter(|_| !l.ignores_filter);
    let kept: Vec<u32> = (0..l.total)
        .filter(|i| match kind.as_deref() {
            Some("CREDIT") => matches!(i % 6, 0 | 1 | 3),
            Some("DEBIT") => matches!(i % 6, 2 | 4 | 5),
            Some(_) => false,
            None => true,
        })
        .collect();
    let shown: Vec<String> =
        kept.iter().skip((page * limit) as usize).take(limit as usize).map(|i| entry(*i)).collect();
    if shown.is_empty() {
        return Reply::Json(
            400,
            r#"{"errors": [{"status": false, "code": 11003, "message": "No ledger entries found"}]}"#.into(),
        );
    }
    let warnings = if l.processing { r#"[{"status": false, "code": 11002, "message": "processing"}]"# } else { "[]" };
    Reply::Json(
        200,
        format!(
            r#"{{"ledgerDetails": {{"pageNumber": {page}, "pageSize": {limit}, "totalEntries": {}, "pageCount": 0}},
                "ledgerEntries": [{}], "warnings": {warnings}}}"#,
            kept.len(),
            shown.join(",")
        ),
    )
}

const MEMBERS: &str = r#"{"data": [
    {"fleetUserId": 566998132, "firstName": "Maya", "lastName": "Fernandes", "role": "PRIMARY"},
    {"fleetUserId": 567219877, "firstName": "Rohan", "lastName": "Fernandes", "role": "SECONDARY"},
    {"fleetUserId": 567219954, "firstName": "Anika", "lastName": "Fernandes", "role": "SECONDARY"}],
    "warnings": [], "errors": []}"#;

const TRANSACTIONS: &str = r#"{"data": [{"id": 1, "type": "REGULAR", "customerId": 567219877,
    "billDetails": {"amount": 1250.5, "billNumber": "B-1", "billingTime": "2026-01-05T10:00:00Z"},
    "pointSummary": {"issuedPoints": 125}},
    {"id": 2, "type": "REGULAR", "customerId": 564662499,
    "billDetails": {"amount": 10, "billNumber": "B-2", "billingTime": "2026-01-04T10:00:00Z"},
    "pointSummary": {"issuedPoints": 1}}], "warnings": [], "errors": []}"#;

/// The docs' group 3918893 with a ledger, its members, two transactions and the Points tab's reads.
fn platform(ledger: Rc<std::cell::RefCell<Ledger>>) -> impl Fn(&Call) -> Reply {
    move |call: &Call| {
        let url = call.url.as_str();
        if url.contains("/pointsLedger/getCustomerLedgerInfo") {
            ledger_answer(&ledger.borrow(), url)
        } else if url.contains("/v2/userGroup2/members") {
            Reply::Json(200, MEMBERS.into())
        } else if url.contains("/transactions") {
            Reply::Json(200, TRANSACTIONS.into())
        } else if url.contains("/slabHistory") {
            Reply::Json(200, r#"{"data": [], "pagination": {"limit": 20, "offset": 0, "total": 0}}"#.into())
        } else if url.contains("/userEntityTrackers") {
            Reply::Json(200, include_str!("../core/fixtures/points/trackers-response.json").into())
        } else if url.contains("/promisedPointsSchedule") {
            Reply::Json(200, PROMISED.into())
        } else if url.contains("/pointsExpirySchedule") {
            Reply::Json(200, EXPIRY.into())
        } else if url.contains("/v2/userGroup2?") {
            Reply::Json(200, GROUP_3918893.into())
        } else {
            Reply::Json(404, r#"{"errors": [{"code": 404, "message": "not in this test"}]}"#.into())
        }
    }
}

const PROMISED: &str = r#"{"entityId": -3918893, "entityType": "USERGROUP2",
    "promisedPointsScheduleList": [{"points": 150, "programId": 973, "pointsType": "bill_regular", "expiryDate": "2027-01-15"}],
    "triggerBasedPointsList": [{"points": 33.33, "programId": 983, "pointsType": "line_item_regular"}], "warnings": []}"#;

const EXPIRY: &str = r#"{"expirySchedules": [{"points": 49500, "expiryDate": "2026-04-27", "programId": 973,
    "pointsType": "REGULAR", "expiryType": "EXPIRY_STRATEGY"}], "warnings": []}"#;

async fn open_at(
    path: &str,
    respond: impl Fn(&Call) -> Reply + 'static,
    ready: &str,
) -> (web_sys::HtmlElement, MockFetch) {
    let mock = MockFetch::install(respond);
    clear_storage();
    navigate_to(path);
    let host = mount(group_console::boot::app::App);
    assert!(wait_for(|| host.query_selector(ready).ok().flatten().is_some()).await, "{ready} shows");
    (host, mock)
}

async fn open_history(path: &str, ledger: Ledger) -> (web_sys::HtmlElement, MockFetch, Rc<std::cell::RefCell<Ledger>>) {
    let l = Rc::new(std::cell::RefCell::new(ledger));
    let (host, mock) = open_at(path, platform(l.clone()), "#ledger-title").await;
    (host, mock, l)
}

fn ledger_section(host: &web_sys::HtmlElement) -> web_sys::Element {
    host.query_selector("section[aria-labelledby=ledger-title]").unwrap().expect("the ledger's section")
}

fn calls_to(mock: &MockFetch, path: &str) -> Vec<Call> {
    mock.calls.borrow().iter().filter(|c| c.url.contains(path)).cloned().collect()
}

fn search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

fn cells(row: &web_sys::Element) -> Vec<String> {
    all(row, "td").iter().map(|c| c.text_content().unwrap_or_default()).collect()
}

fn rows(section: &web_sys::Element) -> Vec<Vec<String>> {
    all(section, "tbody tr").iter().map(cells).collect()
}

fn pager_link(section: &web_sys::Element, label: &str) -> Option<web_sys::HtmlElement> {
    all(section, ".pager a")
        .into_iter()
        .find(|a| a.text_content().unwrap_or_default().trim() == label)
        .map(|a| a.unchecked_into())
}

fn fire(root: &web_sys::Element, label: &str, event: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input(root, label).dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap()).unwrap();
}

/// Picks a day as a browser does: `input`, then `change`.
fn pick_day(root: &web_sys::Element, label: &str, day: &str) {
    type_into(root, label, day);
    fire(root, label, "change");
}

fn choose(root: &web_sys::Element, label: &str) {
    input(root, label).click();
}

/// The text under a field of `root`: its error when invalid, else its hint.
fn message(root: &web_sys::Element, label: &str) -> String {
    let field = input(root, label);
    let id = field.get_attribute("aria-describedby").unwrap_or_default();
    let id = id.split_whitespace().next().unwrap_or_default().to_string();
    document().get_element_by_id(&id).and_then(|e| e.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_ledger_pages_with_its_place_in_the_tabs_address() {
    let (host, mock, _) =
        open_history("/groups/3918893/history?type=REGULAR", Ledger { total: 25, ..Ledger::default() }).await;
    let ledger = ledger_section(&host);
    assert!(wait_for(|| all(&ledger, "tbody tr").len() == 10).await, "a page of ten");
    let headers: Vec<String> = all(&ledger, "th").iter().map(|h| h.text_content().unwrap()).collect();
    assert_eq!(headers, ["Date", "Event", "Member", "Program", "Type", "Notes", "Store", "Points"]);
    // Members are named once the members list is read, the frame after the rows are shown.
    assert!(wait_for(|| rows(&ledger)[0][2] == "Rohan FernandesCustomer 567219877").await, "{:?}", rows(&ledger)[0]);
    let first = &rows(&ledger)[0];
    assert_eq!(
        &first[1..],
        ["Purchase", "Rohan FernandesCustomer 567219877", "DocDemoDefaultProgram", "Credit", "—", "North store", "125"]
    );
    assert_eq!(text(&ledger, ".pager__shown"), "Showing 1–10 of 25 entries");
    let asked = calls_to(&mock, "/pointsLedger/")[0].url.clone();
    assert_eq!(
        query(&asked),
        "type=USERGROUP2&identifierName=id&identifierValue=3918893&source=INSTORE&offset=0&limit=10&order=DESC"
    );

    pager_link(&ledger, "Next").expect("a Next link").click();
    assert!(wait_for(|| text(&ledger, ".pager__shown") == "Showing 11–20 of 25 entries").await);
    assert_eq!(search(), "?type=REGULAR&ledgerPage=2", "the ledger's page joins the transactions' filter");
    assert_eq!(param(&calls_to(&mock, "/pointsLedger/").last().unwrap().url, "offset").as_deref(), Some("1"));
    pager_link(&ledger, "Next").unwrap().click();
    assert!(wait_for(|| text(&ledger, ".pager__shown") == "Showing 21–25 of 25 entries").await);
    assert_eq!(rows(&ledger).len(), 5);
    assert!(pager_link(&ledger, "Next").is_none());
    assert_eq!(calls_to(&mock, "/transactions").len(), 1, "paging the ledger leaves the transactions alone");
    assert_eq!(calls_to(&mock, "/v2/userGroup2/members").len(), 1, "the members are read once");

    // Back shows the page before, from the address.
    web_sys::window().unwrap().history().unwrap().back().unwrap();
    assert!(wait_for(|| text(&ledger, ".pager__shown") == "Showing 11–20 of 25 entries").await);
}

#[wasm_bindgen_test]
async fn members_are_named_where_the_members_list_knows_them() {
    let (host, mock, _) = open_history("/groups/3918893/history", Ledger { total: 6, ..Ledger::default() }).await;
    let ledger = ledger_section(&host);
    assert!(wait_for(|| rows(&ledger).len() == 6 && rows(&ledger)[0][2].contains("Rohan")).await);
    let members: Vec<String> = rows(&ledger).iter().map(|r| r[2].clone()).collect();
    assert_eq!(
        members,
        [
            "Rohan FernandesCustomer 567219877",
            "Anika FernandesCustomer 567219954",
            "—",
            "—",
            "Maya FernandesCustomer 566998132",
            "564662499",
        ],
        "the entry's name, else the members list's; a member who left keeps their ID"
    );
    let notes: Vec<String> = rows(&ledger).iter().map(|r| r[5].clone()).collect();
    assert_eq!(notes[1], "Joined the family wallet");
    assert_eq!(notes[3], "=HYPERLINK(\"http://x\")", "text from the API stays text");
    assert_eq!(rows(&ledger)[2][7], "-20");
    // The name is text beside the ID, and nothing from the API became markup.
    let name = ledger.query_selector("tbody .member-name").unwrap().unwrap();
    assert_eq!(name.text_content().unwrap(), "Rohan Fernandes");

    let txns = host.query_selector("section[aria-labelledby=transactions-title]").unwrap().unwrap();
    assert!(wait_for(|| rows(&txns).len() == 2).await);
    assert_eq!(rows(&txns)[0][2], "Rohan FernandesCustomer 567219877");
    assert_eq!(rows(&txns)[1][2], "564662499");
    let members_call = calls_to(&mock, "/v2/userGroup2/members");
    assert_eq!(members_call.len(), 1);
    assert_eq!(param(&members_call[0].url, "limit").as_deref(), Some("3"), "as many as the group's active members");
}

#[wasm_bindgen_test]
async fn the_ledgers_filters_check_the_days_before_sending() {
    let (host, mock, _) = open_history("/groups/3918893/history", Ledger { total: 25, ..Ledger::default() }).await;
    let ledger = ledger_section(&host);
    assert!(wait_for(|| rows(&ledger).len() == 10).await);

    choose(&ledger, "Credit");
    assert!(wait_for(|| search() == "?ledgerType=credit").await, "{}", search());
    assert!(wait_for(|| text(&ledger, ".pager__shown") == "Showing 1–10 of 13 entries").await);
    let url = calls_to(&mock, "/pointsLedger/").last().unwrap().url.clone();
    assert_eq!(param(&url, "ledgerEntryType").as_deref(), Some("CREDIT"));
    assert!(rows(&ledger).iter().all(|r| r[4] == "Credit"));

    let sent = calls_to(&mock, "/pointsLedger/").len();
    pick_day(&ledger, "Entries from", "2026-10-01");
    assert!(wait_for(|| message(&ledger, "Entries to") == "Choose both days, or neither.").await);
    pick_day(&ledger, "Entries to", "2026-12-01");
    assert!(wait_for(|| message(&ledger, "Entries to") == "Choose at most 60 days.").await);
    assert_eq!(input(&ledger, "Entries to").get_attribute("aria-invalid").as_deref(), Some("true"));
    pick_day(&ledger, "Entries from", "2026-12-02");
    assert!(wait_for(|| message(&ledger, "Entries from") == "From must be on or before To.").await);
    sleep_ms(50).await;
    assert_eq!(calls_to(&mock, "/pointsLedger/").len(), sent, "nothing is sent while the days are refused");
    assert_eq!(search(), "?ledgerType=credit");

    pick_day(&ledger, "Entries from", "2026-11-01");
    assert!(
        wait_for(|| search() == "?ledgerFrom=2026-11-01&ledgerTo=2026-12-01&ledgerType=credit").await,
        "{}",
        search()
    );
    assert!(wait_for(|| calls_to(&mock, "/pointsLedger/").len() == sent + 1).await);
    let url = calls_to(&mock, "/pointsLedger/").last().unwrap().url.clone();
    assert_eq!(param(&url, "isFilterBasedOnDate").as_deref(), Some("true"));
    assert_eq!(param(&url, "startDate").as_deref(), Some("2026-11-01T00%3A00%3A00"));
    assert_eq!(param(&url, "endDate").as_deref(), Some("2026-12-01T23%3A59%3A59"));

    button(&ledger, "Clear filters").click();
    assert!(wait_for(|| search().is_empty()).await);
    assert!(wait_for(|| text(&ledger, ".pager__shown") == "Showing 1–10 of 25 entries").await);
    assert_eq!(input(&ledger, "Entries from").value(), "");
}

#[wasm_bindgen_test]
async fn the_platforms_codes_and_notices_in_words() {
    // An empty page (11003) under a filter, and with none.
    let (host, _, l) =
        open_history("/groups/3918893/history?ledgerType=opening_balance", Ledger { total: 6, ..Ledger::default() })
            .await;
    let ledger = ledger_section(&host);
    assert!(wait_for(|| ledger.text_content().unwrap().contains("No entries match.")).await);
    assert!(ledger.query_selector("table").unwrap().is_none());

    // A page past the end offers the first page.
    let (host, _, _) =
        open_history("/groups/3918893/history?ledgerPage=5", Ledger { total: 6, ..Ledger::default() }).await;
    let ledger = ledger_section(&host);
    assert!(wait_for(|| ledger.text_content().unwrap().contains("No entries on page 5")).await);
    button(&ledger, "First page").click();
    assert!(wait_for(|| rows(&ledger).len() == 6).await);
    assert_eq!(search(), "");
    drop(l);

    // 11010 in the ledger's words, with the code, and Retry.
    let (host, mock, l) =
        open_history("/groups/3918893/history", Ledger { code: Some(11010), ..Ledger::default() }).await;
    let ledger = ledger_section(&host);
    assert!(wait_for(|| ledger.query_selector("[role=alert]").ok().flatten().is_some()).await);
    assert_eq!(text(&ledger, ".alert__headline"), "Choose at most 60 days.");
    assert!(text(&ledger, ".alert__detail").contains("11010"));
    l.borrow_mut().code = None;
    l.borrow_mut().total = 3;
    let before = calls_to(&mock, "/pointsLedger/").len();
    button(&ledger, "Retry").click();
    assert!(wait_for(|| rows(&ledger).len() == 3).await, "Retry asks again");
    assert_eq!(calls_to(&mock, "/pointsLedger/").len(), before + 1);

    // A filter the platform ignored, and events still being processed, are said above the rows.
    let (host, _, _) = open_history(
        "/groups/3918893/history?ledgerType=debit",
        Ledger { total: 6, ignores_filter: true, processing: true, ..Ledger::default() },
    )
    .await;
    let ledger = ledger_section(&host);
    assert!(wait_for(|| rows(&ledger).len() == 6).await);
    let notes: Vec<String> = all(&ledger, "[role=note]").iter().map(|n| n.text_content().unwrap()).collect();
    assert_eq!(
        notes,
        [
            "The platform ignored the filter; these are unfiltered entries.",
            "The platform is still processing some events: the ledger may be incomplete."
        ]
    );
}

/// Keeps every Blob a download is made of (`URL.createObjectURL`), to read the file back.
fn capture_downloads() {
    js_sys::Function::new_no_args(
        "if (!window.__gcBlobs) { const make = URL.createObjectURL; window.__gcBlobs = []; \
         URL.createObjectURL = (b) => { window.__gcBlobs.push(b); return make.call(URL, b); }; } \
         window.__gcBlobs.length = 0;",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
}

async fn last_download() -> Option<String> {
    let blobs = js_sys::Reflect::get(&js_sys::global(), &"__gcBlobs".into()).ok()?;
    let blobs: js_sys::Array = blobs.dyn_into().ok()?;
    let blob: web_sys::Blob = blobs.get(blobs.length().checked_sub(1)?).dyn_into().ok()?;
    // The bytes as saved (Blob.text() would drop the BOM).
    let bytes = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.ok()?;
    String::from_utf8(js_sys::Uint8Array::new(&bytes).to_vec()).ok()
}

#[wasm_bindgen_test]
async fn the_export_reads_every_page_ten_at_a_time_after_11006() {
    capture_downloads();
    let (host, mock, _) = open_history(
        "/groups/3918893/history?ledgerPage=2",
        Ledger { total: 25, ten_at_most: true, ..Ledger::default() },
    )
    .await;
    let ledger = ledger_section(&host);
    assert!(wait_for(|| rows(&ledger).len() == 10).await);
    // The members list's names are in before the file is made (entry 12: Rohan, by ID only).
    assert!(wait_for(|| rows(&ledger)[2][2].contains("Rohan")).await);
    let before = calls_to(&mock, "/pointsLedger/").len();
    button(&ledger, "Export CSV").click();
    tick().await;
    assert!(button(&ledger, "Export CSV").disabled(), "no second export while one reads");
    assert!(
        wait_for(|| text(&ledger, ".ledger__export-status") == "Saved 25 entries.").await,
        "{}",
        text(&ledger, ".ledger__export-status")
    );
    let asked: Vec<(String, String)> = calls_to(&mock, "/pointsLedger/")[before..]
        .iter()
        .map(|c| (param(&c.url, "offset").unwrap(), param(&c.url, "limit").unwrap()))
        .collect();
    let pairs: Vec<(&str, &str)> = asked.iter().map(|(o, l)| (o.as_str(), l.as_str())).collect();
    assert_eq!(
        pairs,
        [("0", "100"), ("0", "10"), ("1", "10"), ("2", "10")],
        "from the first page, 10 a page after 11006"
    );
    let csv = last_download().await.expect("a file was saved");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "\u{feff}date,event,member,memberId,program,type,points,notes,store,eventLogId");
    assert_eq!(lines.len(), 27, "25 rows, the header and the last line break");
    assert_eq!(lines[1], "2026-11-28T10:00:00Z,Purchase,Rohan Fernandes,567219877,DocDemoDefaultProgram,CREDIT,125,,North store,600000000");
    assert_eq!(
        lines[3], "2026-11-26T10:00:00Z,Expired,,,DocDemoDefaultProgram,DEBIT,-20,,,600000002",
        "a debit stays a number"
    );
    assert_eq!(
        lines[4],
        "2026-11-25T10:00:00Z,Goodwill,,,DocDemoDefaultProgram,CREDIT,500,\"'=HYPERLINK(\"\"http://x\"\")\",,600000003",
        "a formula from the API is made text"
    );
}

#[wasm_bindgen_test]
async fn a_failed_export_says_why_and_retries() {
    capture_downloads();
    let (host, mock, l) = open_history("/groups/3918893/history", Ledger { total: 3, ..Ledger::default() }).await;
    let ledger = ledger_section(&host);
    assert!(wait_for(|| rows(&ledger).len() == 3).await);
    l.borrow_mut().code = Some(11029);
    button(&ledger, "Export CSV").click();
    let export = ledger.query_selector(".ledger__export").unwrap().unwrap();
    assert!(wait_for(|| export.query_selector("[role=alert]").ok().flatten().is_some()).await);
    assert!(text(&export, ".alert__headline").contains("code 11029"));
    assert!(last_download().await.is_none(), "no file");
    l.borrow_mut().code = None;
    let before = mock.count();
    button(&export, "Retry").click();
    assert!(wait_for(|| text(&ledger, ".ledger__export-status") == "Saved 3 entries.").await);
    assert!(mock.count() > before);
    assert!(export.query_selector("[role=alert]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn trackers_promised_points_and_the_expiry_types_on_the_points_tab() {
    let l = Rc::new(std::cell::RefCell::new(Ledger::default()));
    let (host, mock) = open_at("/groups/3918893/points", platform(l), "#trackers-title").await;
    let trackers = host.query_selector("section[aria-labelledby=trackers-title]").unwrap().unwrap();
    assert!(wait_for(|| all(&trackers, "tbody tr").len() == 1).await);
    let row = all(&trackers, "tbody tr")[0].clone();
    assert_eq!(text(&row, "th"), "TransactionTotalQuantity_TrackerBILL_TOTAL_QTY");
    assert_eq!(cells(&row)[0..2], ["TransactionQuantity_Tracker", "0"]);
    let asked = calls_to(&mock, "/userEntityTrackers")[0].url.clone();
    assert_eq!(query(&asked), "type=USERGROUP2&identifierType=id&identifierValue=3918893&source=INSTORE");

    let promised = host.query_selector("section[aria-labelledby=promised-title]").unwrap().unwrap();
    assert!(wait_for(|| all(&promised, "tbody tr").len() == 2).await);
    let lines: Vec<Vec<String>> = all(&promised, "tbody tr").iter().map(cells).collect();
    assert_eq!(lines[0][0..3], ["DocDemoDefaultProgram", "On a schedule", "bill_regular"]);
    assert_eq!(lines[0][4], "150");
    assert_eq!(lines[1][0..4], ["Group Loyalty Program", "When triggered", "line_item_regular", "—"]);
    assert_eq!(lines[1][4], "33.33");
    let asked = calls_to(&mock, "/promisedPointsSchedule")[0].url.clone();
    assert_eq!(param(&asked, "primaryUserId").as_deref(), Some("566998132"), "through the primary member");

    // The expiry-schedule endpoint's two fields beside the GET's schedule they match.
    let expiry = host.query_selector(".expiry__schedules").unwrap().unwrap();
    assert!(wait_for(|| all(&expiry, "th").iter().any(|h| h.text_content().unwrap() == "Expiry type")).await);
    let first = all(&expiry, "table")[0].clone();
    let by_row: Vec<Vec<String>> = all(&first, "tbody tr").iter().map(cells).collect();
    assert_eq!(by_row[0][2..], ["REGULAR", "EXPIRY_STRATEGY"]);
    assert_eq!(by_row[1][2..], ["—", "—"], "a schedule the endpoint does not name");
    assert_eq!(param(&calls_to(&mock, "/pointsExpirySchedule")[0].url, "externalId").as_deref(), Some("uat_ug_10_txn"));
}

#[wasm_bindgen_test]
async fn the_points_tab_says_why_when_it_cannot_read_them() {
    let no_primary = GROUP_3918893.replacen("\"primaryMember\": true", "\"primaryMember\": false", 1);
    let failing_expiry = Rc::new(Cell::new(0));
    let seen = failing_expiry.clone();
    let (host, mock) = open_at(
        "/groups/3918893/points",
        move |call: &Call| {
            if call.url.contains("/userEntityTrackers") {
                Reply::Json(400, r#"{"errors": [{"status": false, "code": 1645, "message": "Invalid group"}]}"#.into())
            } else if call.url.contains("/pointsExpirySchedule") {
                seen.set(seen.get() + 1);
                Reply::Json(500, r#"{"errors": [{"code": 500, "message": "down"}]}"#.into())
            } else if call.url.contains("/v2/userGroup2?") {
                Reply::Json(200, no_primary.clone())
            } else {
                Reply::Json(404, "{}".into())
            }
        },
        "#trackers-title",
    )
    .await;
    let trackers = host.query_selector("section[aria-labelledby=trackers-title]").unwrap().unwrap();
    assert!(wait_for(|| trackers.query_selector("[role=alert]").ok().flatten().is_some()).await);
    assert_eq!(text(&trackers, ".alert__headline"), "The platform does not accept this group's details.");
    let promised = host.query_selector("section[aria-labelledby=promised-title]").unwrap().unwrap();
    assert!(promised
        .text_content()
        .unwrap()
        .contains("Promised points are looked up through the primary member; this group has none."));
    assert!(calls_to(&mock, "/promisedPointsSchedule").is_empty(), "not asked without a primary member");
    assert!(wait_for(|| failing_expiry.get() >= 1).await);
    sleep_ms(30).await;
    let expiry = host.query_selector(".expiry__schedules").unwrap().unwrap();
    assert!(all(&expiry, "th").iter().all(|h| h.text_content().unwrap() != "Points type"), "no columns on a failure");
    assert_eq!(all(&expiry, "tbody tr").len(), 2, "the schedules still show");
}
