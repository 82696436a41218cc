//! "Move points" in a real browser with a mocked platform: the checks before sending, the
//! pre-check asked first and shown (and forgotten when the dialog changes), the confirmation in
//! words, the transfer sent exactly as checked and never twice, the outcome with the new
//! balances, a refusal in its own words, a lost answer judged by reading the wallets again, a
//! group found with the search; and "Move their points too" in the Move-members dialog.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MEMBERS: &str = include_str!("../core/fixtures/members-response-basic.json");
const SEARCH: &str = include_str!("../core/fixtures/search-response-51334.json");
const AGREES: &str =
    r#"{"data": [{"pointsToBeTransferred": 100, "transferrable": true}], "warnings": [], "errors": []}"#;
const REFUSED_830: &str = r#"{"warnings": [], "errors": [{"status": false, "code": 830, "message": "Customer 566998132 is not allowed to transfer points from this source"}]}"#;

/// How the mocked platform answers the transfer.
#[derive(Clone, Copy, PartialEq)]
enum Transfer {
    Ok,
    /// The answer breaks off (the points moved).
    CutMoved,
    /// The answer breaks off (nothing moved), then the next one is fine.
    CutNotMoved,
    Hold,
}

/// Group 3918893 (the docs' example: 54,500 points of DocDemoDefaultProgram, primary member
/// 566998132) with the members example (Father primary, Mother 568077476, who holds 300 of her
/// own); group 51334 ("Target Group") to receive. A transfer moves the points between the two
/// wallets, as the platform does.
struct Platform {
    group: Cell<f64>,
    mother: Cell<f64>,
    transfer: Cell<Transfer>,
    precheck: RefCell<(u16, String)>,
    members: RefCell<String>,
}

impl Platform {
    fn new() -> Rc<Platform> {
        Rc::new(Platform {
            group: Cell::new(54_500.0),
            mother: Cell::new(300.0),
            transfer: Cell::new(Transfer::Ok),
            precheck: RefCell::new((200, AGREES.into())),
            members: RefCell::new(MEMBERS.into()),
        })
    }

    fn apply(&self, body: &str) {
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        let n = v["pointsTobeTransferred"].as_f64().unwrap();
        let sign = if v["fromEntity"]["type"] == "CUSTOMER" { 1.0 } else { -1.0 };
        self.group.set(self.group.get() + sign * n);
        if v["toEntity"]["type"] == "CUSTOMER" || v["fromEntity"]["type"] == "CUSTOMER" {
            self.mother.set(self.mother.get() - sign * n);
        }
    }

    fn answer(&self, call: &Call) -> Reply {
        let url = &call.url;
        if url.contains("/v2/points/userGroup2/isTransferrable") {
            let (status, body) = self.precheck.borrow().clone();
            return Reply::Json(status, body);
        }
        if url.contains("/v2/points/userGroup2/transfer") {
            let ok = r#"{"data": [{"pointsTransferred": 100.0, "transferId": 1037706, "transferType": "DEDUCTION"}], "warnings": [], "errors": []}"#;
            let cut = Reply::Text(200, r#"{"data": [{"pointsTransferred": 10"#.into(), "application/json");
            return match self.transfer.get() {
                Transfer::Ok => {
                    self.apply(&call.body);
                    Reply::Json(200, ok.into())
                }
                Transfer::CutMoved => {
                    self.apply(&call.body);
                    cut
                }
                Transfer::CutNotMoved => {
                    self.transfer.set(Transfer::Ok);
                    cut
                }
                Transfer::Hold => Reply::Hold,
            };
        }
        if url.contains("/v2/pointsLedger/") {
            return Reply::Json(200, r#"{"ledgerEntries": [], "warnings": []}"#.into());
        }
        if url.contains("/v2/customers/568077476") {
            let body = serde_json::json!({"id": 568077476, "loyaltyProgramDetails": [
                {"programId": 973, "programTitle": "DocDemoDefaultProgram", "loyaltyPoints": self.mother.get()}
            ]});
            return Reply::Json(200, body.to_string());
        }
        if url.contains("/v2/userGroup2/members") {
            return Reply::Json(200, self.members.borrow().clone());
        }
        if url.contains("/v2/userGroup2/search") {
            return Reply::Json(200, SEARCH.into());
        }
        if url.contains("/v2/userGroup2/transfer") {
            return Reply::Json(200, r#"{"warnings": [], "errors": [], "success": true}"#.into());
        }
        if url.contains("/v2/userGroup2?") && url.contains("id=51334") {
            let g = GROUP_3918893.replace("3918893", "51334").replace("uatUserGroup10Transactions", "Target Group");
            return Reply::Json(200, g);
        }
        if url.contains("/v2/userGroup2?") {
            return Reply::Json(200, GROUP_3918893.replace("54500.0", &format!("{:.1}", self.group.get())));
        }
        // The Points tab's other sections: nothing to show.
        Reply::Json(200, r#"{"data": [], "warnings": [], "errors": []}"#.into())
    }
}

async fn open_points(platform: &Rc<Platform>) -> (web_sys::HtmlElement, MockFetch, web_sys::Element) {
    let p = platform.clone();
    let mock = MockFetch::install(move |call| p.answer(call));
    clear_storage();
    navigate_to("/groups/3918893/points");
    let host = mount(group_console::boot::app::App);
    assert!(
        wait_for(|| all(&host, "button").iter().any(|b| b.text_content().unwrap_or_default() == "Move points")).await
    );
    button(&host, "Move points").click();
    settle().await;
    let dialog = document().get_element_by_id("move-points-dialog").expect("the dialog");
    assert!(dialog.has_attribute("open"), "the dialog is open");
    (host, mock, dialog)
}

fn posts(mock: &MockFetch, path: &str) -> Vec<Call> {
    mock.calls.borrow().iter().filter(|c| c.method == "POST" && c.url.contains(path)).cloned().collect()
}

fn choose(root: &web_sys::Element, label: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = label_for(root, label).expect(label).unchecked_into();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

fn radio(root: &web_sys::Element, label: &str) {
    let r: web_sys::HtmlInputElement = label_for(root, label).expect(label).unchecked_into();
    r.click();
}

fn has_text(root: &web_sys::Element, text: &str) -> bool {
    root.text_content().unwrap_or_default().contains(text)
}

fn find_button(root: &web_sys::Element, label: &str) -> Option<web_sys::HtmlButtonElement> {
    all(root, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .map(|b| b.unchecked_into())
}

/// Mother → the group, 100 points, checked and agreed.
async fn checked_mother_to_group(d: &web_sys::Element, mock: &MockFetch) {
    assert!(wait_for(|| label_for(d, "Member").is_some()).await, "the members are listed");
    choose(d, "Member", "568077476");
    assert!(wait_for(|| has_text(d, "Mother holds 300 points of DocDemoDefaultProgram.")).await);
    type_into(d, "Points", "100");
    let before = posts(mock, "isTransferrable").len();
    button(d, "Check with the platform").click();
    assert!(wait_for(|| posts(mock, "isTransferrable").len() == before + 1).await);
    assert!(wait_for(|| has_text(d, "The platform agrees: 100 points can move.")).await);
}

#[wasm_bindgen_test]
async fn member_to_group_is_checked_first_and_sends_exactly_what_was_confirmed() {
    let platform = Platform::new();
    let (host, mock, d) = open_points(&platform).await;
    assert!(wait_for(|| label_for(&d, "Member").is_some()).await);
    choose(&d, "Member", "568077476");
    assert!(wait_for(|| has_text(&d, "Mother holds 300 points of DocDemoDefaultProgram.")).await);

    // More than she holds: said next to the field, nothing asked.
    type_into(&d, "Points", "500");
    button(&d, "Check with the platform").click();
    settle().await;
    assert_eq!(
        message_for(&host, "Points"),
        "Mother holds 300 points of DocDemoDefaultProgram: you can move at most 300."
    );
    assert_eq!(active_id(), "move-points-points", "the field to fix has the focus");
    type_into(&d, "Points", "10.5");
    settle().await;
    assert_eq!(message_for(&host, "Points"), "Whole points only: no decimals.");
    assert!(posts(&mock, "/v2/points/").is_empty(), "nothing is sent while a check fails");

    type_into(&d, "Points", "100");
    button(&d, "Check with the platform").click();
    assert!(wait_for(|| has_text(&d, "The platform agrees: 100 points can move.")).await);
    let check = posts(&mock, "isTransferrable")[0].clone();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&check.body).unwrap(),
        serde_json::json!({
            "pointsTobeTransferred": 100,
            "programId": 973,
            "transferredBy": {"identifierType": "id", "identifierValue": "568077476", "source": "INSTORE"},
            "fromEntity": {"type": "CUSTOMER", "identifierType": "id", "identifierValue": "568077476", "source": "INSTORE"},
            "toEntity": {"type": "USERGROUP2", "identifierType": "id", "identifierValue": "3918893", "source": "INSTORE"}
        })
    );
    assert!(has_text(&d, "Move 100 points of DocDemoDefaultProgram from Mother to uatUserGroup10Transactions."));
    assert_eq!(active_id(), "move-points-send", "the keyboard goes on to the button that sends");
    assert!(posts(&mock, "/v2/points/userGroup2/transfer").is_empty(), "the pre-check sends no transfer");

    // A change forgets the pre-check's answer: no confirmation, nothing to send.
    type_into(&d, "Notes (optional)", "Joined the family wallet");
    settle().await;
    assert!(!has_text(&d, "The platform agrees"), "the answer was for other values");
    assert!(find_button(&d, "Move 100 points").is_none());
    button(&d, "Check with the platform").click();
    assert!(wait_for(|| find_button(&d, "Move 100 points").is_some()).await);
    assert!(has_text(&d, "Notes: Joined the family wallet"));
    let checked_body = posts(&mock, "isTransferrable").last().unwrap().body.clone();

    find_button(&d, "Move 100 points").unwrap().click();
    assert!(wait_for(|| has_text(&d, "(transfer 1037706)")).await);
    let sent = posts(&mock, "/v2/points/userGroup2/transfer");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].body, checked_body, "the transfer carries exactly what was checked");
    let text = d.text_content().unwrap();
    assert!(
        text.contains(
            "Moved 100 points of DocDemoDefaultProgram from Mother to uatUserGroup10Transactions (transfer 1037706)."
        ),
        "{text}"
    );
    assert!(
        text.contains("Mother now holds 200 points of DocDemoDefaultProgram; uatUserGroup10Transactions 54,600."),
        "{text}"
    );
    assert_eq!(active_id(), "move-points-outcome");
    let log = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("gc.activity.3918893").unwrap();
    assert!(log.is_some_and(|l| l.contains("Moved points") && l.contains("transfer 1037706")), "the activity log");
}

#[wasm_bindgen_test]
async fn a_refusal_of_the_pre_check_is_said_in_its_own_words_and_nothing_is_sent() {
    let platform = Platform::new();
    *platform.precheck.borrow_mut() = (400, REFUSED_830.into());
    let (_host, mock, d) = open_points(&platform).await;
    radio(&d, "From this group to a member");
    assert!(wait_for(|| label_for(&d, "Member").is_some()).await);
    choose(&d, "Member", "568077476");
    type_into(&d, "Points", "50");
    button(&d, "Check with the platform").click();
    assert!(wait_for(|| has_text(&d, "may not move points out of")).await);
    let text = d.text_content().unwrap();
    assert!(
        text.contains(
            "Father may not move points out of uatUserGroup10Transactions. Check their permissions (allow points transfer)."
        ),
        "the group's primary member authorises: {text}"
    );
    assert!(text.contains("code 830"), "the platform's code is shown: {text}");
    assert!(find_button(&d, "Move 50 points").is_none(), "nothing can be sent");
    let body: serde_json::Value = serde_json::from_str(&posts(&mock, "isTransferrable")[0].body).unwrap();
    assert_eq!(body["fromEntity"]["type"], "USERGROUP2");
    assert_eq!(body["transferredBy"]["identifierValue"], "566998132", "the GET's primary member");
    assert!(posts(&mock, "/v2/points/userGroup2/transfer").is_empty());
}

#[wasm_bindgen_test]
async fn a_lost_answer_whose_points_moved_is_not_sent_again() {
    let platform = Platform::new();
    platform.transfer.set(Transfer::CutMoved);
    let (_host, mock, d) = open_points(&platform).await;
    checked_mother_to_group(&d, &mock).await;
    button(&d, "Move 100 points").click();
    assert!(wait_for(|| has_text(&d, "Nothing more was sent.")).await);
    let text = d.text_content().unwrap();
    assert!(text.contains("The answer to the transfer was lost, so the console read the balances again."), "{text}");
    assert!(text.contains("The points were moved (the balances show it)."), "{text}");
    assert!(text.contains("Mother now holds 200 points"), "{text}");
    assert!(find_button(&d, "Send again").is_none());
    settle().await;
    assert_eq!(posts(&mock, "/v2/points/userGroup2/transfer").len(), 1, "sent once");
    assert_eq!(platform.group.get(), 54_600.0);
}

#[wasm_bindgen_test]
async fn a_lost_answer_whose_points_did_not_move_is_sent_again_only_when_asked() {
    let platform = Platform::new();
    platform.transfer.set(Transfer::CutNotMoved);
    let (_host, mock, d) = open_points(&platform).await;
    checked_mother_to_group(&d, &mock).await;
    button(&d, "Move 100 points").click();
    assert!(wait_for(|| has_text(&d, "The points were not moved: the balances are unchanged. Send again?")).await);
    sleep_ms(100).await;
    assert_eq!(posts(&mock, "/v2/points/userGroup2/transfer").len(), 1, "not sent again on its own");
    find_button(&d, "Send again").expect("sending again is offered").click();
    assert!(wait_for(|| has_text(&d, "(transfer 1037706)")).await);
    assert_eq!(posts(&mock, "/v2/points/userGroup2/transfer").len(), 2);
    assert_eq!(platform.group.get(), 54_600.0, "moved once");
}

#[wasm_bindgen_test]
async fn the_transfer_cannot_be_sent_twice_while_it_is_out() {
    let platform = Platform::new();
    platform.transfer.set(Transfer::Hold);
    let (_host, mock, d) = open_points(&platform).await;
    checked_mother_to_group(&d, &mock).await;
    let send = button(&d, "Move 100 points");
    send.click();
    assert!(wait_for(|| send.disabled() && send.text_content().unwrap_or_default() == "Moving…").await);
    send.click();
    settle().await;
    assert_eq!(posts(&mock, "/v2/points/userGroup2/transfer").len(), 1);
    mock.release(200, r#"{"data": [{"pointsTransferred": 100.0, "transferId": 5}], "warnings": [], "errors": []}"#);
    assert!(wait_for(|| has_text(&d, "(transfer 5)")).await);
}

#[wasm_bindgen_test]
async fn group_to_group_finds_the_receiver_with_the_search() {
    let platform = Platform::new();
    let (_host, mock, d) = open_points(&platform).await;
    radio(&d, "From this group to another group");
    settle().await;
    type_into(&d, "Find the group to receive the points", "51334");
    assert!(
        wait_for(
            || label_for(&d, "Move the points to").is_some() || !all(&d, "input[name=move-points-target]").is_empty()
        )
        .await
    );
    let target: web_sys::HtmlInputElement = all(&d, "input[name=move-points-target]")[0].clone().unchecked_into();
    target.click();
    assert!(wait_for(|| has_text(&d, "Receiving: Target Group")).await);
    type_into(&d, "Points", "10");
    button(&d, "Check with the platform").click();
    assert!(
        wait_for(|| has_text(
            &d,
            "Move 10 points of DocDemoDefaultProgram from uatUserGroup10Transactions to Target Group."
        ))
        .await
    );
    let body: serde_json::Value = serde_json::from_str(&posts(&mock, "isTransferrable")[0].body).unwrap();
    assert_eq!(
        body["fromEntity"],
        serde_json::json!({"type": "USERGROUP2", "identifierType": "id", "identifierValue": "3918893"})
    );
    assert_eq!(body["toEntity"]["identifierValue"], "51334");
    assert_eq!(body["transferredBy"]["identifierValue"], "566998132");
}

#[wasm_bindgen_test]
async fn move_their_points_too_sends_each_members_contribution_after_they_move() {
    let platform = Platform::new();
    *platform.members.borrow_mut() = MEMBERS.replacen("\"pointsContributed\": 0.0", "\"pointsContributed\": 120.75", 2);
    let p = platform.clone();
    let mock = MockFetch::install(move |call| p.answer(call));
    clear_storage();
    navigate_to("/groups/3918893/members");
    let host = mount(group_console::boot::app::App);
    assert!(wait_for(|| host.query_selector("table.members-list").ok().flatten().is_some()).await);
    let mother: web_sys::HtmlInputElement = host
        .query_selector("input[aria-labelledby='member-name-568077476']")
        .unwrap()
        .expect("Mother's checkbox")
        .unchecked_into();
    mother.click();
    settle().await;
    button(&host, "Move selected (1)").click();
    settle().await;
    let d = document().get_element_by_id("move-dialog").unwrap();
    type_into(&d, "Find the group to move them to", "51334");
    assert!(wait_for(|| !all(&d, "input[name=move-target]").is_empty()).await);
    let target: web_sys::HtmlInputElement = all(&d, "input[name=move-target]")[0].clone().unchecked_into();
    target.click();
    assert!(wait_for(|| has_text(&d, "Moving to")).await);
    assert!(has_text(&d, "Points stay behind."));
    let too: web_sys::HtmlInputElement = label_for(&d, "Move their points too").unwrap().unchecked_into();
    too.click();
    settle().await;
    assert!(has_text(&d, "Mother: 120 points."), "the plan, floored: {}", d.text_content().unwrap());
    assert!(posts(&mock, "/v2/points/").is_empty(), "nothing sent before the move");
    button(&d, "Move 1 member").click();
    assert!(wait_for(|| has_text(&d, "Their points")).await);
    assert!(wait_for(|| has_text(&d, "Points moved")).await, "{}", d.text_content().unwrap());
    let moves = posts(&mock, "/v2/userGroup2/transfer");
    assert_eq!(moves.len(), 1, "the member moved first");
    let check: serde_json::Value = serde_json::from_str(&posts(&mock, "isTransferrable")[0].body).unwrap();
    assert_eq!(check["pointsTobeTransferred"], 120);
    assert_eq!(check["notes"], "Points of Mother, moved with them");
    assert_eq!(check["toEntity"]["identifierValue"], "51334");
    assert_eq!(posts(&mock, "/v2/points/userGroup2/transfer").len(), 1, "one transfer per member");
}
