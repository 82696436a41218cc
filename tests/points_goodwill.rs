//! "Give goodwill points" and the goodwill requests in a real browser with a mocked platform:
//! the dialog checks before anything is sent and says in words that it asks for a request
//! that waits for approval; the request goes out only after that confirmation, carrying its
//! reference; the list under "Goodwill requests" keeps each request's state (waiting, approved,
//! rejected, decided elsewhere, answer lost) in this browser; Approve and Reject stand beside
//! the maker-checker caveat, a refusal says why with its code, and a lost answer is never resent
//! on its own (a request is kept with its reference, an approval reads the balance again).
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const APPROVED: &str = include_str!("../core/fixtures/points/approve-response.json");
/// The key the console keeps group 3918893's requests under (the API on its own origin).
const KEY: &str = "gc.goodwill.same-origin.3918893";
const GROUP: &str = "uatUserGroup10Transactions";

/// The mocked platform: group 3918893 (the docs' example: 54,500 points in 973), and how it
/// answers a request and a decision.
struct Platform {
    ask: Reply,
    decide: Reply,
    /// Points a decision adds to 973 once received (the platform carried it out).
    credit: f64,
    credited: bool,
}

type Shared = Rc<RefCell<Platform>>;

fn platform(ask: Reply, decide: Reply) -> Shared {
    Rc::new(RefCell::new(Platform { ask, decide, credit: 0.0, credited: false }))
}

fn install(p: Shared) -> MockFetch {
    MockFetch::install(move |call| {
        let mut p = p.borrow_mut();
        if call.url.contains("/v2/requests") {
            return p.ask.clone();
        }
        if call.url.contains("/v1.1/request/") {
            p.credited = true;
            return p.decide.clone();
        }
        let mut g: serde_json::Value = serde_json::from_str(GROUP_3918893).unwrap();
        if p.credited {
            g["pointsSummaries"][0]["loyaltyPoints"] = (54500.0 + p.credit).into();
        }
        Reply::Json(200, g.to_string())
    })
}

/// The Points tab of group 3918893, with `kept` as this browser's list of its requests.
async fn open_points(p: Shared, kept: Option<serde_json::Value>) -> (web_sys::HtmlElement, MockFetch) {
    let mock = install(p);
    clear_storage();
    if let Some(list) = kept {
        web_sys::window().unwrap().local_storage().unwrap().unwrap().set_item(KEY, &list.to_string()).unwrap();
    }
    navigate_to("/groups/3918893/points");
    let host = mount(group_console::boot::app::App);
    assert!(wait_for(|| host.query_selector("section.goodwill").ok().flatten().is_some()).await, "the Points tab");
    (host, mock)
}

/// A request this browser made earlier, waiting for approval.
fn waiting(id: u64, points: u32) -> serde_json::Value {
    serde_json::json!({"ref": "7F3A19C2", "id": id, "programId": 973, "program": "DocDemoDefaultProgram",
        "points": points, "reason": "Late delivery complaint", "at": js_sys::Date::now(), "state": "pending"})
}

fn dialog(id: &str) -> web_sys::Element {
    document().get_element_by_id(id).unwrap_or_else(|| panic!("no #{id}"))
}

/// A button by its visible text or its accessible name.
fn button_in(root: &web_sys::Element, label: &str) -> web_sys::HtmlButtonElement {
    find_button(root, label).unwrap_or_else(|| panic!("no button {label:?}"))
}

fn find_button(root: &web_sys::Element, label: &str) -> Option<web_sys::HtmlButtonElement> {
    all(root, "button")
        .into_iter()
        .find(|b| {
            b.text_content().unwrap_or_default().trim() == label
                || b.get_attribute("aria-label").as_deref() == Some(label)
        })
        .map(|b| b.unchecked_into())
}

fn calls(mock: &MockFetch, part: &str) -> Vec<Call> {
    mock.calls.borrow().iter().filter(|c| c.url.contains(part)).cloned().collect()
}

fn kept() -> serde_json::Value {
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item(KEY).unwrap();
    serde_json::from_str(&stored.expect("the list is kept")).unwrap()
}

/// The list's items, as their text.
fn items(host: &web_sys::Element) -> Vec<String> {
    all(host, ".goodwill-list li").iter().map(|li| li.text_content().unwrap_or_default()).collect()
}

fn said(root: &web_sys::Element) -> String {
    root.text_content().unwrap_or_default()
}

/// Opens the dialog and fills it.
async fn fill(host: &web_sys::HtmlElement, points: &str, reason: &str) -> web_sys::Element {
    button_in(host, "Give goodwill points").click();
    settle().await;
    let d = dialog("goodwill-dialog");
    type_into(&d, "Points", points);
    type_into(&d, "Reason", reason);
    settle().await;
    d
}

#[wasm_bindgen_test]
async fn asking_checks_first_says_it_waits_for_approval_and_sends_only_after_the_confirmation() {
    let p = platform(Reply::Json(200, r#"{"createdId": 13044653, "warnings": []}"#.into()), Reply::Hold);
    let (host, mock) = open_points(p, None).await;
    assert!(said(&host).contains("The platform cannot list a group's requests: these are the ones this browser made."));
    assert!(said(&host).contains("This browser has not asked for goodwill points for this group."));

    button_in(&host, "Give goodwill points").click();
    settle().await;
    let d = dialog("goodwill-dialog");
    assert!(said(&d).contains("the points arrive only when someone approves it"), "{}", said(&d));
    // Nothing typed: each message next to its field, the first field focused, nothing sent.
    button_in(&d, "Review the request").click();
    settle().await;
    assert_eq!(message_for(&host, "Points"), "Enter the number of points.");
    assert_eq!(message_for(&host, "Reason"), "Enter a reason.");
    assert_eq!(active_id(), "goodwill-points");
    type_into(&d, "Points", "12.5");
    type_into(&d, "Reason", "Late delivery complaint");
    settle().await;
    assert_eq!(message_for(&host, "Points"), "Whole points only: no decimals.");
    button_in(&d, "Review the request").click();
    settle().await;
    assert!(calls(&mock, "/v2/requests").is_empty(), "nothing sent while anything is wrong");

    type_into(&d, "Points", "500");
    type_into(&d, "Comments (optional)", "Agreed on the phone");
    button_in(&d, "Review the request").click();
    settle().await;
    assert_eq!(
        text(&d, "#goodwill-confirmation"),
        format!(
            "Ask for 500 goodwill points of DocDemoDefaultProgram for {GROUP}? This creates a request: the points \
             arrive only when someone approves it."
        )
    );
    assert!(calls(&mock, "/v2/requests").is_empty(), "the confirmation comes first");
    button_in(&d, "Send the request").click();
    assert!(wait_for(|| said(&d).contains("Request 13044653 was made")).await, "{}", said(&d));
    let sent = calls(&mock, "/v2/requests");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    let body: serde_json::Value = serde_json::from_str(&sent[0].body).unwrap();
    let reference = body["comments"].as_str().unwrap().strip_prefix("Group Console ref ").expect("the reference");
    assert!(reference.len() == 8 && reference.chars().all(|c| c.is_ascii_hexdigit()), "{reference}");
    assert_eq!(
        body,
        serde_json::json!({"type": "GOODWILL", "baseType": "POINTS",
            "goodwillRequest": {"points": 500, "reason": "Late delivery complaint", "comments": "Agreed on the phone"},
            "earningEntityType": "USERGROUP2",
            "userGroup2IdentificationInfo": {"identifierType": "id", "identifierValue": 3918893, "source": "INSTORE"},
            "comments": format!("Group Console ref {reference}"), "programId": 973})
    );
    // Listed, waiting, with Approve and Reject beside the caveat; kept in this browser.
    let list = items(&host);
    assert_eq!(list.len(), 1);
    assert!(list[0].contains("500 points of DocDemoDefaultProgram · Late delivery complaint"), "{}", list[0]);
    assert!(list[0].contains(&format!("ref {reference}")) && list[0].contains("Waiting for approval"), "{}", list[0]);
    assert!(
        find_button(&host, "Approve request 13044653").is_some()
            && find_button(&host, "Reject request 13044653").is_some()
    );
    assert!(said(&host).contains("approval will be refused (code 9056): ask a colleague"));
    assert_eq!(kept()[0]["state"], "pending");
    assert_eq!(kept()[0]["id"], 13044653);
    let log = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("gc.activity.3918893").unwrap();
    assert!(log.unwrap().contains("Asked for goodwill"));
}

#[wasm_bindgen_test]
async fn a_refusal_keeps_what_was_typed_says_it_in_the_calls_words_and_keeps_nothing() {
    let refusal = r#"{"warnings": [], "errors": [{"status": false, "code": 93026, "message": "Earning entity details are invalid"}]}"#;
    let p = platform(Reply::Json(400, refusal.into()), Reply::Hold);
    let (host, mock) = open_points(p, None).await;
    let d = fill(&host, "500", "Late delivery complaint").await;
    button_in(&d, "Review the request").click();
    settle().await;
    button_in(&d, "Send the request").click();
    assert!(wait_for(|| d.query_selector(".alert--error").ok().flatten().is_some()).await);
    let alert = text(&d, ".alert--error");
    assert!(alert.contains("The platform does not accept goodwill for this group"), "{alert}");
    assert!(alert.contains("code 93026"), "{alert}");
    assert!(find_button(&d, "Retry").is_some());
    assert!(items(&host).is_empty(), "a clear refusal made nothing to keep");
    button_in(&d, "Change").click();
    settle().await;
    assert_eq!(input(&d, "Points").value(), "500", "what was typed stays");
    assert_eq!(calls(&mock, "/v2/requests").len(), 1);
}

#[wasm_bindgen_test]
async fn a_lost_answer_is_kept_with_its_reference_and_asked_again_only_by_choice() {
    let p = platform(Reply::Json(200, r#"{"createdId": 130446"#.into()), Reply::Hold);
    let (host, mock) = open_points(p.clone(), None).await;
    let d = fill(&host, "500", "Late delivery complaint").await;
    button_in(&d, "Review the request").click();
    settle().await;
    button_in(&d, "Send the request").click();
    assert!(wait_for(|| said(&d).contains("The answer was lost.")).await, "{}", said(&d));
    let first = kept()[0]["ref"].as_str().unwrap().to_string();
    assert!(said(&d).contains(&format!("look for ref {first} in the platform's screens before asking again")));
    sleep_ms(100).await;
    assert_eq!(calls(&mock, "/v2/requests").len(), 1, "never resent on its own");
    assert!(
        items(&host)[0].contains(&format!("Answer lost — check the platform for ref {first}")),
        "{:?}",
        items(&host)
    );
    assert_eq!(kept()[0]["state"], "lost");

    // Asked again, by choice: a new reference; the lost one says so and is not offered again.
    p.borrow_mut().ask = Reply::Json(200, r#"{"createdId": 13044654}"#.into());
    button_in(&d, "Ask again anyway").click();
    assert!(wait_for(|| said(&d).contains("Request 13044654 was made")).await, "{}", said(&d));
    let sent = calls(&mock, "/v2/requests");
    assert_eq!(sent.len(), 2);
    let second: serde_json::Value = serde_json::from_str(&sent[1].body).unwrap();
    let second = second["comments"].as_str().unwrap().strip_prefix("Group Console ref ").unwrap().to_string();
    assert_ne!(second, first);
    let list = items(&host);
    assert!(list[0].contains("Waiting for approval"), "{list:?}");
    assert!(list[1].contains(&format!("ref {first} (asked again as ref {second})")), "{list:?}");
    assert!(find_button(&host, &format!("Ask again anyway for ref {first}")).is_none());
}

#[wasm_bindgen_test]
async fn a_request_left_sending_by_a_closed_page_reads_as_lost_and_can_be_asked_again_from_the_list() {
    let p = platform(Reply::Json(200, r#"{"createdId": 13044655}"#.into()), Reply::Hold);
    let mut old = waiting(0, 250);
    old.as_object_mut().unwrap().remove("id");
    old["state"] = "sending".into();
    old["ref"] = "0000ABCD".into();
    old["at"] = (js_sys::Date::now() - 10.0 * 60_000.0).into();
    let (host, mock) = open_points(p, Some(serde_json::json!([old]))).await;
    assert!(items(&host)[0].contains("Answer lost — check the platform for ref 0000ABCD"), "{:?}", items(&host));
    button_in(&host, "Ask again anyway for ref 0000ABCD").click();
    settle().await;
    let d = dialog("goodwill-again-dialog");
    assert!(said(&d).contains("the answer to ref 0000ABCD was lost"), "{}", said(&d));
    assert_eq!(input(&d, "Points").value(), "250", "the lost request's values");
    assert!(calls(&mock, "/v2/requests").is_empty(), "nothing sent before the confirmation");
    button_in(&d, "Review the request").click();
    settle().await;
    button_in(&d, "Send the request").click();
    assert!(wait_for(|| said(&d).contains("Request 13044655 was made")).await);
    assert!(items(&host)[1].contains("(asked again as ref"), "{:?}", items(&host));
}

#[wasm_bindgen_test]
async fn approve_confirms_with_the_caveat_and_marks_the_request_approved() {
    let p = platform(Reply::Hold, Reply::Json(200, APPROVED.into()));
    let (host, mock) = open_points(p, Some(serde_json::json!([waiting(32628415, 30)]))).await;
    let gets = calls(&mock, "/v2/userGroup2").len();
    button_in(&host, "Approve request 32628415").click();
    settle().await;
    let d = dialog("goodwill-approve-dialog");
    assert_eq!(
        text(&d, "#goodwill-decision-confirmation"),
        format!(
            "Approve request 32628415: 30 goodwill points of DocDemoDefaultProgram for {GROUP} (reason: Late delivery \
             complaint)? The group's DocDemoDefaultProgram balance rises by 30 points."
        )
    );
    assert!(said(&d).contains("If these credentials made the request, approval will be refused (code 9056)"));
    assert!(calls(&mock, "/v1.1/request/").is_empty());
    button_in(&d, "Approve the request").click();
    assert!(wait_for(|| said(&d).contains("Approved: 30 goodwill points")).await, "{}", said(&d));
    let sent = calls(&mock, "/v1.1/request/approve");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&sent[0].body).unwrap(),
        serde_json::json!({"root": {"request": [{"id": "32628415", "type": "GOODWILL", "base_type": "POINTS",
            "points": "30", "updated_comments": "Approved in Group Console"}]}})
    );
    assert!(items(&host)[0].contains("Approved: 30 points"), "{:?}", items(&host));
    assert!(find_button(&host, "Approve request 32628415").is_none(), "decided: no more buttons");
    // Closing reads the group again: the cards show the new balance.
    button_in(&d, "Close").click();
    assert!(wait_for(|| calls(&mock, "/v2/userGroup2").len() > gets).await, "the group read again");
}

#[wasm_bindgen_test]
async fn the_makers_own_approval_is_refused_in_words_and_the_request_keeps_waiting() {
    let refused = r#"{"response": {"status": {"success": "false", "code": 201, "message": "Some requests failed"},
        "requests": {"request": [{"id": "32628415", "status": "PENDING",
        "item_status": {"success": "false", "code": "9056", "message": "The same user cannot add and approve a request"}}]}}}"#;
    let p = platform(Reply::Hold, Reply::Json(200, refused.into()));
    let (host, _mock) = open_points(p, Some(serde_json::json!([waiting(32628415, 30)]))).await;
    button_in(&host, "Approve request 32628415").click();
    settle().await;
    let d = dialog("goodwill-approve-dialog");
    type_into(&d, "Comments for the record (optional)", "Checked the complaint");
    button_in(&d, "Approve the request").click();
    assert!(wait_for(|| d.query_selector(".alert--error").ok().flatten().is_some()).await);
    let alert = text(&d, ".alert--error");
    assert!(
        alert.contains("The same user cannot ask for and approve goodwill: approve with other credentials."),
        "{alert}"
    );
    assert!(alert.contains("code 9056"), "{alert}");
    assert!(find_button(&d, "Retry").is_some());
    assert_eq!(input(&d, "Comments for the record (optional)").value(), "Checked the complaint");
    let list = items(&host);
    assert!(list[0].contains("Waiting for approval") && list[0].contains("Approval refused (code 9056)"), "{list:?}");
    assert!(find_button(&host, "Approve request 32628415").is_some(), "still waiting, still offered");
}

#[wasm_bindgen_test]
async fn an_approval_whose_answer_was_lost_reads_the_balance_and_is_not_resent() {
    // The platform carried it out (the balance rose by 30), but the answer broke off.
    let p = platform(Reply::Hold, Reply::Json(200, r#"{"response": {"status""#.into()));
    p.borrow_mut().credit = 30.0;
    let (host, mock) = open_points(p.clone(), Some(serde_json::json!([waiting(32628415, 30)]))).await;
    button_in(&host, "Approve request 32628415").click();
    settle().await;
    let d = dialog("goodwill-approve-dialog");
    button_in(&d, "Approve the request").click();
    assert!(wait_for(|| said(&d).contains("It was approved: the balance rose by 30 points.")).await, "{}", said(&d));
    assert_eq!(calls(&mock, "/v1.1/request/").len(), 1);
    assert!(find_button(&d, "Approve again").is_none());
    assert!(items(&host)[0].contains("Approved: 30 points"), "{:?}", items(&host));
}

#[wasm_bindgen_test]
async fn an_approval_lost_with_the_balance_unchanged_offers_to_approve_again() {
    let p = platform(Reply::Hold, Reply::Json(200, r#"{"response": {"status""#.into()));
    let (host, mock) = open_points(p.clone(), Some(serde_json::json!([waiting(32628415, 30)]))).await;
    button_in(&host, "Approve request 32628415").click();
    settle().await;
    let d = dialog("goodwill-approve-dialog");
    button_in(&d, "Approve the request").click();
    assert!(wait_for(|| said(&d).contains("the balance is unchanged")).await, "{}", said(&d));
    sleep_ms(100).await;
    assert_eq!(calls(&mock, "/v1.1/request/").len(), 1, "not resent on its own");
    assert!(items(&host)[0].contains("Waiting for approval"), "{:?}", items(&host));
    // Approving again is the user's choice; 9052 then says it was decided after all.
    p.borrow_mut().decide = Reply::Json(
        200,
        r#"{"response": {"status": {"success": "false", "code": 201}, "requests": {"request": [{"id": "32628415",
            "item_status": {"success": "false", "code": 9052, "message": "Request is in APPROVED state"}}]}}}"#
            .into(),
    );
    button_in(&d, "Approve again").click();
    assert!(wait_for(|| said(&d).contains("already approved or rejected outside the console")).await, "{}", said(&d));
    assert_eq!(calls(&mock, "/v1.1/request/").len(), 2);
    assert!(items(&host)[0].contains("Decided outside the console"), "{:?}", items(&host));
}

#[wasm_bindgen_test]
async fn reject_sends_the_same_body_to_reject_and_marks_it_rejected() {
    let rejected = r#"{"response": {"status": {"success": "true", "code": 200}, "requests": {"request": [{"id": "32628415",
        "status": "REJECTED", "item_status": {"success": "true", "code": 9000}}]}}}"#;
    let p = platform(Reply::Hold, Reply::Json(200, rejected.into()));
    let (host, mock) = open_points(p, Some(serde_json::json!([waiting(32628415, 30)]))).await;
    button_in(&host, "Reject request 32628415").click();
    settle().await;
    let d = dialog("goodwill-reject-dialog");
    assert!(text(&d, "#goodwill-decision-confirmation").starts_with("Reject request 32628415: 30 goodwill points"));
    button_in(&d, "Reject the request").click();
    assert!(wait_for(|| said(&d).contains(&format!("Rejected: {GROUP} gets no points from request 32628415."))).await);
    let sent = calls(&mock, "/v1.1/request/reject");
    assert_eq!(sent.len(), 1);
    assert!(sent[0].body.contains(r#""updated_comments":"Rejected in Group Console""#), "{}", sent[0].body);
    assert!(items(&host)[0].contains("Rejected"), "{:?}", items(&host));
}
