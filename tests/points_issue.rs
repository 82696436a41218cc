//! "Issue points" in a real browser with a mocked platform: the dialog checks before anything
//! is sent (the org ID, a bill or a target, the strategies), confirms in words, sends one item
//! for the group with a reference made for that confirmation, shows a 207 answer item by item,
//! and never issues twice: a lost answer reads the ledger and says what it found, a resend
//! carries the same reference (a 6006 then means an earlier attempt went through), and an issue
//! whose answer was lost is looked up again when the dialog opens after a reload. With OAuth
//! credentials there is no button, only the words why.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TRANSACTIONS: &str = include_str!("../core/fixtures/transactions-response.json");
const MULTI_STATUS: &str = include_str!("../core/fixtures/points/allocate-response-207.json");
/// The one bill of the transactions example.
const BILL_ID: &str = "2148592384";
const BILL_NUMBER: &str = "FC2-111112573646898_bulk2";
const GROUP: &str = "uatUserGroup10Transactions";
/// Where the console keeps an issue of group 3918893 until its outcome is known.
const KEPT: &str = "gc.issue.sent.same-origin.3918893";
const WITH_ORG: &str = r#"{"authMode":"basic","username":"marketer","orgId":100737}"#;

/// The mocked platform: group 3918893 (the docs' example), its transactions, its ledger and how
/// it answers an issue (one reply per attempt, the last one repeated).
struct Platform {
    issue: Vec<Reply>,
    ledger: Reply,
}

type Shared = Rc<RefCell<Platform>>;

fn platform(issue: Vec<Reply>, ledger: Reply) -> Shared {
    Rc::new(RefCell::new(Platform { issue, ledger }))
}

fn install(p: Shared) -> MockFetch {
    MockFetch::install(move |call| {
        let mut p = p.borrow_mut();
        if call.url.contains("/manualCurrencyAllocate") {
            return if p.issue.len() > 1 { p.issue.remove(0) } else { p.issue[0].clone() };
        }
        if call.url.contains("/v2/userGroup2/transactions") {
            return Reply::Json(200, TRANSACTIONS.into());
        }
        if call.url.contains("/v2/pointsLedger/") {
            return p.ledger.clone();
        }
        Reply::Json(200, GROUP_3918893.into())
    })
}

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The Points tab of group 3918893 with `settings` saved in this browser.
async fn open_points(p: Shared, settings: &str) -> (web_sys::HtmlElement, MockFetch) {
    let mock = install(p);
    clear_storage();
    local().set_item("gc.settings", settings).unwrap();
    let session = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    session.set_item("gc.secrets", r#"{"passwordMd5":"ea2c0ea1a08add3a75273e7f32f05f7a","oauthToken":"t"}"#).unwrap();
    navigate_to("/groups/3918893/points");
    let host = mount(group_console::boot::app::App);
    assert!(
        wait_for(|| host.query_selector(".points-actions").ok().flatten().is_some()).await,
        "the Points tab's actions"
    );
    (host, mock)
}

fn dialog() -> web_sys::Element {
    document().get_element_by_id("issue-dialog").expect("the Issue points dialog")
}

fn button_in(root: &web_sys::Element, label: &str) -> web_sys::HtmlButtonElement {
    all(root, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button {label:?}"))
        .unchecked_into()
}

fn posts(mock: &MockFetch) -> Vec<Call> {
    mock.calls.borrow().iter().filter(|c| c.url.contains("/manualCurrencyAllocate")).cloned().collect()
}

fn ledger_reads(mock: &MockFetch) -> usize {
    mock.calls.borrow().iter().filter(|c| c.url.contains("/v2/pointsLedger/")).count()
}

/// A ledger with a manual issue of the example's bill, entered now.
fn ledger_with_the_issue() -> Reply {
    let now = js_sys::Date::new_0().to_iso_string().as_string().unwrap();
    let entry = serde_json::json!({
        "eventLogId": 634510811, "eventName": "BulkAllocatePoints", "ledgerCreatedDateISO": now,
        "entryDetails": [{"ledgerEntryType": "CREDIT", "points": "20.000", "programId": 973,
            "programName": "DocDemoDefaultProgram", "pointsCategory": "Main"}],
        "netPointsOnEvent": "20.000", "orgId": 100737,
        "transactionDetails": {"transactionId": BILL_ID, "transactionNumber": BILL_NUMBER}
    });
    Reply::Json(200, serde_json::json!({"ledgerEntries": [entry], "warnings": []}).to_string())
}

fn empty_ledger() -> Reply {
    Reply::Json(200, r#"{"ledgerEntries": [], "warnings": []}"#.into())
}

fn issued(points: u32, event: u64) -> Reply {
    Reply::Json(
        200,
        serde_json::json!({"total": 1, "success": 1, "failures": 0, "warnings": [], "data": [{
            "status": "SUCCESS", "eventLogId": event, "entityId": 3918893, "httpStatus": 200,
            "sideEffects": [{"entityType": "USERGROUP2", "rawAwardedPoints": points, "awardedPoints": points, "type": "points"}]
        }]})
        .to_string(),
    )
}

fn seen_before() -> Reply {
    Reply::Json(
        207,
        serde_json::json!({"total": 1, "success": 0, "failures": 1, "warnings": [], "data": [{
            "status": "FAILURE", "eventLogId": -1, "entityId": 3918893, "httpStatus": 409,
            "errors": [{"status": false, "code": 6006, "message": "event already exists for the uniqueid"}]
        }]})
        .to_string(),
    )
}

/// Opens the dialog, picks the example's bill and types the strategies.
async fn fill_in(host: &web_sys::HtmlElement) -> web_sys::Element {
    button_in(host, "Issue points").click();
    settle().await;
    let d = dialog();
    assert!(wait_for(|| !all(&d, "input[name=issue-bill]").is_empty()).await, "the group's bills");
    let bill: web_sys::HtmlInputElement = all(&d, "input[name=issue-bill]")[0].clone().unchecked_into();
    bill.click();
    type_into(host, "Award strategy ID", "111523");
    type_into(host, "Expiry strategy ID", "111581");
    settle().await;
    d
}

async fn review_and_send(d: &web_sys::Element) {
    button_in(d, "Review the issue").click();
    settle().await;
    button_in(d, "Issue points").click();
}

#[wasm_bindgen_test]
async fn nothing_is_sent_until_the_org_a_bill_and_the_strategies_are_there() {
    let p = platform(vec![issued(20, 1)], empty_ledger());
    let (host, mock) = open_points(p, r#"{"authMode":"basic","username":"marketer"}"#).await;
    button_in(&host, "Issue points").click();
    settle().await;
    let d = dialog();
    let text = d.text_content().unwrap();
    assert!(text.contains("Settings has none"), "{text}");
    button_in(&d, "Review the issue").click();
    settle().await;
    assert_eq!(text_of("issue-problem"), "Set the org ID in Settings: the platform needs it to issue points.");
    assert_eq!(text_of("issue-event-msg"), "Choose a bill, or enter the target's achieved ID.");
    assert_eq!(message_for(&host, "Award strategy ID"), "Enter the award strategy's ID.");
    assert_eq!(message_for(&host, "Expiry strategy ID"), "Enter the expiry strategy's ID.");
    // A target instead of a bill: its ID is said missing next to its own field.
    let target: web_sys::HtmlInputElement = document().get_element_by_id("issue-tie-target").unwrap().unchecked_into();
    target.click();
    type_into(&host, "Award strategy ID", "0");
    type_into(&host, "Expiry strategy ID", "1.5");
    settle().await;
    assert_eq!(message_for(&host, "Target's achieved ID"), "Choose a bill, or enter the target's achieved ID.");
    assert_eq!(message_for(&host, "Award strategy ID"), "A strategy ID is at least 1.");
    assert_eq!(message_for(&host, "Expiry strategy ID"), "Enter the strategy's ID: a whole number, like 111523.");
    assert!(posts(&mock).is_empty(), "nothing is sent while anything is wrong");
    assert!(d.query_selector("#issue-confirmation").unwrap().is_none(), "no confirmation either");
}

fn text_of(id: &str) -> String {
    document().get_element_by_id(id).unwrap_or_else(|| panic!("no #{id}")).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_confirmation_says_it_in_words_and_one_item_goes_out_for_the_group() {
    let p = platform(vec![issued(20, 634510809)], empty_ledger());
    let (host, mock) = open_points(p, WITH_ORG).await;
    let d = fill_in(&host).await;
    assert!(d.text_content().unwrap().contains("For org 100737, as Settings names it."));
    assert_eq!(input(&host, "Bill amount").value(), "200", "the bill's amount, to edit");
    button_in(&d, "Review the issue").click();
    settle().await;
    assert_eq!(
        text_of("issue-confirmation"),
        format!(
            "Issue points to {GROUP} for bill {BILL_NUMBER} (200.00) in DocDemoDefaultProgram, computed by award \
             strategy 111523, expiring by 111581? The number of points is decided by the strategy."
        )
    );
    assert!(posts(&mock).is_empty(), "nothing sent before the confirmation");
    button_in(&d, "Issue points").click();
    assert!(wait_for(|| text_of_opt("issue-outcome").is_some()).await, "an outcome");
    assert!(
        wait_for(|| d.text_content().unwrap().contains(&format!("Issued 20 points to {GROUP} (event 634510809).")))
            .await,
        "{}",
        d.text_content().unwrap()
    );
    let sent = posts(&mock);
    assert_eq!(sent.len(), 1);
    let body: serde_json::Value = serde_json::from_str(&sent[0].body).unwrap();
    let items = body.as_array().expect("a list of items");
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item["orgId"], 100737);
    assert_eq!(item["programId"], 973);
    assert_eq!(item["awardStrategyId"], 111523);
    assert_eq!(item["expiryStrategyId"], 111581);
    assert_eq!(item["eventName"], "TransactionAdd");
    assert_eq!(item["eventSourceId"], BILL_ID);
    assert_eq!(item["sourceValue"], 200);
    assert_eq!(item["lookupParams"], serde_json::json!({"entityType": "USERGROUP2", "groupId": 3918893}));
    assert!(item["uniqueId"].as_str().unwrap().starts_with("gc-3918893-"), "{item}");
    // Settled: nothing kept to resend; the strategies are offered next time; the log says it.
    assert_eq!(local().get_item(KEPT).unwrap(), None);
    assert!(local().get_item("gc.issue.strategies").unwrap().unwrap().contains("111523"));
    let log = local().get_item("gc.activity.3918893").unwrap().unwrap();
    assert!(log.contains("Issued points") && log.contains("Issued 20 points"), "{log}");
}

fn text_of_opt(id: &str) -> Option<String> {
    document().get_element_by_id(id).map(|e| e.text_content().unwrap_or_default())
}

#[wasm_bindgen_test]
async fn a_multi_status_answer_is_shown_item_by_item() {
    // The docs' 207, its failed item refused for an unknown award strategy.
    let answer = MULTI_STATUS
        .replace(r#""httpStatus": 409"#, r#""httpStatus": 400"#)
        .replace("6006", "8136")
        .replace("event already exists for the uniqueid", "Award Strategy not found for id 999");
    let p = platform(vec![Reply::Json(207, answer)], empty_ledger());
    let (host, mock) = open_points(p, WITH_ORG).await;
    let d = fill_in(&host).await;
    review_and_send(&d).await;
    assert!(wait_for(|| d.text_content().unwrap().contains("answered item by item")).await);
    let lines: Vec<String> =
        all(&d, "ul.outcomes li").iter().map(|li| li.text_content().unwrap().trim().to_string()).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        lines[0],
        "Not issued Not issued: The platform has no such award strategy. HTTP 400 · code 8136: Award Strategy not \
         found for id 999"
    );
    assert_eq!(lines[1], format!("Issued Issued 100 points to {GROUP} (event 634510809)."));
    assert_eq!(posts(&mock).len(), 1);
    // Not everything went through: the details can be changed, and a new confirmation follows.
    button_in(&d, "Change the details").click();
    settle().await;
    assert!(d.query_selector("#issue-confirmation").unwrap().is_none());
    assert_eq!(input(&host, "Award strategy ID").value(), "111523", "what was typed is kept");
}

#[wasm_bindgen_test]
async fn a_refusal_keeps_everything_and_says_why_with_its_code() {
    let refusal = r#"{"warnings": [], "errors": [{"status": false, "code": 8139, "message": "bill with id 2148592384 not found"}]}"#;
    let p = platform(vec![Reply::Json(400, refusal.into()), issued(20, 7)], empty_ledger());
    let (host, mock) = open_points(p, WITH_ORG).await;
    let d = fill_in(&host).await;
    review_and_send(&d).await;
    assert!(wait_for(|| d.text_content().unwrap().contains("The platform has no such bill.")).await);
    assert!(d.text_content().unwrap().contains("8139"), "{}", d.text_content().unwrap());
    button_in(&d, "Retry").click();
    assert!(wait_for(|| d.text_content().unwrap().contains("Issued 20 points")).await);
    let sent = posts(&mock);
    assert_eq!(sent.len(), 2);
    let id = |c: &Call| serde_json::from_str::<serde_json::Value>(&c.body).unwrap()[0]["uniqueId"].clone();
    assert_eq!(id(&sent[0]), id(&sent[1]), "a retry of the same confirmation carries the same reference");
}

#[wasm_bindgen_test]
async fn a_lost_answer_reads_the_ledger_and_sends_nothing_more_when_the_points_are_there() {
    // A 200 whose JSON is cut off: the platform may have issued the points.
    let p = platform(
        vec![Reply::Json(200, r#"{"total": 1, "success": 1, "data": [{"status": "SUC"#.into())],
        ledger_with_the_issue(),
    );
    let (host, mock) = open_points(p, WITH_ORG).await;
    let d = fill_in(&host).await;
    review_and_send(&d).await;
    assert!(
        wait_for(|| d.text_content().unwrap().contains("The points were issued")).await,
        "{}",
        d.text_content().unwrap()
    );
    let text = d.text_content().unwrap();
    assert!(text.contains(&format!("shows 20 points for bill {BILL_NUMBER} (200.00) (event 634510811)")), "{text}");
    assert!(text.contains("Nothing more was sent."), "{text}");
    assert_eq!(posts(&mock).len(), 1, "never resent on its own");
    assert_eq!(ledger_reads(&mock), 1);
    assert!(all(&d, "button").iter().all(|b| b.text_content().unwrap().trim() != "Send again (same reference)"));
    assert_eq!(local().get_item(KEPT).unwrap(), None, "settled");
}

#[wasm_bindgen_test]
async fn a_resend_after_a_lost_answer_carries_the_same_reference_and_6006_means_issued() {
    let cut = Reply::Json(200, r#"{"total": 1, "data": ["#.into());
    let p = platform(vec![cut, seen_before()], empty_ledger());
    let (host, mock) = open_points(p, WITH_ORG).await;
    let d = fill_in(&host).await;
    review_and_send(&d).await;
    assert!(wait_for(|| d.text_content().unwrap().contains("The points were not issued")).await);
    assert_eq!(posts(&mock).len(), 1, "the user decides");
    let kept = local().get_item(KEPT).unwrap().expect("kept until the outcome is known");
    assert!(kept.contains("gc-3918893-"), "{kept}");
    button_in(&d, "Send again (same reference)").click();
    assert!(
        wait_for(|| d.text_content().unwrap().contains("An earlier attempt went through")).await,
        "{}",
        d.text_content().unwrap()
    );
    assert!(d.text_content().unwrap().contains("Nothing was issued twice."));
    let sent = posts(&mock);
    assert_eq!(sent.len(), 2);
    let id = |c: &Call| serde_json::from_str::<serde_json::Value>(&c.body).unwrap()[0]["uniqueId"].clone();
    assert_eq!(id(&sent[0]), id(&sent[1]));
    assert_eq!(local().get_item(KEPT).unwrap(), None, "settled");
}

#[wasm_bindgen_test]
async fn a_first_answer_of_6006_reads_as_issued_by_an_earlier_attempt() {
    // What a browser's own resend after a dropped connection brings back: the reference seen.
    let p = platform(vec![seen_before()], empty_ledger());
    let (host, mock) = open_points(p, WITH_ORG).await;
    let d = fill_in(&host).await;
    review_and_send(&d).await;
    assert!(wait_for(|| d.text_content().unwrap().contains("An earlier attempt went through")).await);
    let lines: Vec<String> =
        all(&d, "ul.outcomes li").iter().map(|li| li.text_content().unwrap().trim().to_string()).collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("Issued An earlier attempt went through"), "{lines:?}");
    assert!(lines[0].ends_with("HTTP 409 · code 6006: event already exists for the uniqueid"), "{lines:?}");
    assert!(all(&d, "button").iter().all(|b| b.text_content().unwrap().trim() != "Change the details"));
    assert_eq!(posts(&mock).len(), 1);
    let log = local().get_item("gc.activity.3918893").unwrap().unwrap();
    assert!(log.contains(r#""ok":true"#), "{log}");
}

#[wasm_bindgen_test]
async fn an_issue_whose_answer_was_lost_is_looked_up_when_the_dialog_opens_again() {
    let p = platform(vec![issued(20, 1)], ledger_with_the_issue());
    let (host, mock) = open_points(p, WITH_ORG).await;
    // As a page closed mid-send leaves it.
    let kept = serde_json::json!({
        "item": {"orgId": 100737, "programId": 973, "awardStrategyId": 111523, "expiryStrategyId": 111581,
            "promotionId": -1, "sourceValue": 200, "eventName": "TransactionAdd", "eventSourceId": BILL_ID,
            "currencyType": "REGULAR", "uniqueId": "gc-3918893-00000000000000aa",
            "lookupParams": {"entityType": "USERGROUP2", "groupId": 3918893}},
        "what": format!("bill {BILL_NUMBER} (200.00)"), "program": "DocDemoDefaultProgram",
        "confirmation": "Issue points to …", "sentAt": js_sys::Date::now() - 1000.0
    });
    local().set_item(KEPT, &kept.to_string()).unwrap();
    button_in(&host, "Issue points").click();
    let d = dialog();
    assert!(
        wait_for(|| d.text_content().unwrap().contains("The points were issued")).await,
        "{}",
        d.text_content().unwrap()
    );
    assert!(d.text_content().unwrap().contains("The answer to this issue was lost earlier."));
    assert!(posts(&mock).is_empty(), "looked up, not sent");
    assert_eq!(local().get_item(KEPT).unwrap(), None);
}

#[wasm_bindgen_test]
async fn with_oauth_credentials_the_tab_says_why_and_offers_nothing() {
    let p = platform(vec![issued(20, 1)], empty_ledger());
    let (host, _mock) = open_points(p, r#"{"authMode":"oauth_token","orgId":100737}"#).await;
    let actions = host.query_selector(".points-actions").unwrap().unwrap();
    assert!(
        actions.text_content().unwrap().contains("Issue points needs Basic credentials (till and password)"),
        "{}",
        actions.text_content().unwrap()
    );
    assert!(all(&actions, "button").iter().all(|b| b.text_content().unwrap().trim() != "Issue points"));
}
