//! "Add members" on the group page's Members tab, in a real browser with a mocked fetch: the
//! preview refuses repeats, members and customers past the group's room before anything is
//! sent; the join's body carries each customer with the batch's role, default group and
//! permissions; one refused customer reads in words with its code, and Retry failed sends
//! only that customer again; a customer who cannot be added is left out on request, and the
//! others are sent.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::Cell;
use std::rc::Rc;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Room for two: 2 of 4 members, with a primary.
const GROUP: &str = r#"{"id": 3920007, "externalId": "team_open", "groupName": "Team Open", "groupStatus": "ACTIVE",
    "maxGroupSize": 4, "totalActiveMembers": 2, "totalExitedMembers": 0,
    "fleetGroupUsers": [{"userId": 700700001, "primaryMember": true, "active": true},
                        {"userId": 700700002, "primaryMember": false, "active": true}]}"#;

const NO_MEMBERS_PAGE: &str = r#"{"data": [], "pagination": {"offset": 0, "limit": 20, "total": 0}}"#;

fn item(user: &str, error: Option<(i64, &str)>) -> String {
    let record = format!(
        r#"{{"userId": {user}, "groupId": 3920007, "permissions": [], "defaultGroup": true, "active": true, "primaryMember": false}}"#
    );
    match error {
        None => format!(r#"{{"entityId": {record}, "result": {record}, "warnings": []}}"#),
        Some((code, message)) => format!(
            r#"{{"entityId": {record}, "result": null, "warnings": [], "errors": [{{"code": {code}, "message": "{message}", "status": false}}]}}"#
        ),
    }
}

/// The join's answer: every customer of the body added, but those in `refused`.
fn join_answer(body: &str, refused: &[(&str, i64, &str)]) -> String {
    let sent: Vec<serde_json::Value> = serde_json::from_str(body).unwrap();
    let items: Vec<String> = sent
        .iter()
        .map(|i| {
            let user = i["userId"].to_string();
            let error = refused.iter().find(|(u, ..)| *u == user).map(|(_, c, m)| (*c, *m));
            item(&user, error)
        })
        .collect();
    format!(r#"{{"response": [{}], "totalCount": {}, "failureCount": 0}}"#, items.join(","), items.len())
}

fn joins(mock: &MockFetch) -> Vec<Call> {
    mock.calls
        .borrow()
        .iter()
        .filter(|c| c.method == "POST" && c.url.contains("/v2/userGroup2/join"))
        .cloned()
        .collect()
}

/// The Members tab of group 3920007 with the dialog open; `join` answers each join request.
async fn open_dialog(join: impl Fn(&Call) -> Reply + 'static) -> (web_sys::HtmlElement, MockFetch) {
    let mock = MockFetch::install(move |call| {
        if call.method == "POST" {
            join(call)
        } else if call.url.contains("/v2/userGroup2/members") {
            Reply::Json(200, NO_MEMBERS_PAGE.into())
        } else {
            Reply::Json(200, GROUP.into())
        }
    });
    clear_storage();
    navigate_to("/groups/3920007/members");
    let host = mount(group_console::boot::app::App);
    assert!(
        wait_for(|| all(&host, "button").iter().any(|b| b.text_content().unwrap_or_default() == "Add members")).await
    );
    button(&host, "Add members").click();
    assert!(wait_for(|| label_for(&host, "Customer IDs").is_some()).await, "the dialog opens");
    (host, mock)
}

fn type_ids(host: &web_sys::HtmlElement, ids: &str) {
    let el: web_sys::HtmlTextAreaElement = label_for(host, "Customer IDs").unwrap().unchecked_into();
    el.set_value(ids);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

fn by_id(id: &str) -> web_sys::HtmlInputElement {
    document().get_element_by_id(id).unwrap_or_else(|| panic!("no #{id}")).unchecked_into()
}

/// The results heading's text, or "" before it shows.
fn run_title() -> String {
    document().get_element_by_id("add-members-run-title").and_then(|e| e.text_content()).unwrap_or_default()
}

fn preview_rows(host: &web_sys::HtmlElement) -> Vec<String> {
    all(host, ".add-members__preview tbody tr").iter().map(|r| r.text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn the_preview_refuses_repeats_members_and_customers_past_the_room_before_sending() {
    let (host, mock) = open_dialog(|_| Reply::Json(500, "{}".into())).await;
    assert!(wait_for(|| active_id() == "add-members-ids").await, "focus lands on the first field");
    type_ids(&host, "790000001\n790000001, 700700002\n790000002\nx1\n790000003");
    tick().await;
    let rows = preview_rows(&host);
    assert_eq!(rows.len(), 6, "{rows:?}");
    assert!(rows[0].contains("790000001") && rows[0].contains("Ready"), "{rows:?}");
    assert!(rows[1].contains("is also number 1 in the list"), "{rows:?}");
    assert!(rows[2].contains("Customer 700700002 is already a member of this group."), "{rows:?}");
    assert!(rows[3].contains("Ready"), "{rows:?}");
    assert!(rows[4].contains("is not a customer ID"), "{rows:?}");
    assert!(
        rows[5].contains("Over capacity: The group has room for 2 more members (at most 4), and you are adding 3."),
        "{rows:?}"
    );
    assert!(text(&host, ".add-members").contains("6 customers: 4 cannot be added."));
    assert!(button(&host, "Continue").disabled(), "nothing can be sent while a check fails");
    assert!(by_id("add-members-role-primary-member").disabled(), "the primary role is for one customer");
    // Down to what fits: Continue opens the confirmation, and still nothing was sent.
    type_ids(&host, "790000001\n790000002");
    tick().await;
    assert!(!button(&host, "Continue").disabled());
    settle().await;
    assert!(joins(&mock).is_empty(), "no join request");
}

#[wasm_bindgen_test]
async fn the_join_carries_each_customer_with_the_batchs_role_default_group_and_permissions() {
    let (host, mock) = open_dialog(|call| Reply::Json(200, join_answer(&call.body, &[]))).await;
    type_ids(&host, "790000001, 790000002");
    by_id("add-members-transfer-block").click();
    by_id("add-members-default").click();
    tick().await;
    button(&host, "Continue").click();
    assert!(wait_for(|| document().get_element_by_id("add-members-confirm").is_some()).await, "the confirmation");
    assert_eq!(
        text(&host, "#add-members-summary"),
        "Add 2 customers to Team Open as members who may redeem and may not transfer points. It will not be their default group. The group will have 4 of 4 members."
    );
    button(&host, "Add 2 customers").click();
    assert!(wait_for(|| run_title().starts_with("Done")).await, "{}", text(&host, "dialog"));
    let sent = joins(&mock);
    assert_eq!(sent.len(), 1, "one request for the batch");
    assert!(sent[0].url.contains("id=3920007"), "{}", sent[0].url);
    let body: serde_json::Value = serde_json::from_str(&sent[0].body).unwrap();
    let item = |user: u64| {
        serde_json::json!({"userId": user, "primaryMember": false,
            "permissions": ["allow_points_redemption", "block_points_transfer"], "defaultGroup": false, "active": true})
    };
    assert_eq!(body, serde_json::json!([item(790000001), item(790000002)]));
    assert_eq!(run_title(), "Done: 2 added, 0 failed");
    // The outcome is in this group's activity log.
    let log = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("gc.activity.3920007").unwrap();
    assert!(log.unwrap_or_default().contains("2 of 2 added"));
}

#[wasm_bindgen_test]
async fn one_refused_customer_reads_in_words_with_its_code_and_retry_sends_only_it() {
    let round = Rc::new(Cell::new(0));
    let r = round.clone();
    let (host, mock) = open_dialog(move |call| {
        r.set(r.get() + 1);
        let refused: &[(&str, i64, &str)] =
            if r.get() == 1 { &[("790000002", 8015, "Customer not found")] } else { &[] };
        Reply::Json(200, join_answer(&call.body, refused))
    })
    .await;
    type_ids(&host, "790000001\n790000002");
    tick().await;
    button(&host, "Continue").click();
    assert!(wait_for(|| document().get_element_by_id("add-members-confirm").is_some()).await, "the confirmation");
    button(&host, "Add 2 customers").click();
    assert!(wait_for(|| run_title().starts_with("Done")).await);
    assert_eq!(run_title(), "Done: 1 added, 1 failed");
    let rows: Vec<String> =
        all(&host, ".import-run tbody tr").iter().map(|r| r.text_content().unwrap_or_default()).collect();
    assert!(rows[0].contains("790000001") && rows[0].contains("added"), "{rows:?}");
    assert!(
        rows[1].contains("790000002")
            && rows[1].contains("failed")
            && rows[1].contains("The platform has no customer with these details.")
            && rows[1].contains("code 8015"),
        "{rows:?}"
    );
    button(&host, "Retry failed").click();
    assert!(wait_for(|| joins(&mock).len() == 2).await);
    assert!(wait_for(|| run_title() == "Done: 2 added, 0 failed").await);
    let body: serde_json::Value = serde_json::from_str(&joins(&mock)[1].body).unwrap();
    let ids: Vec<u64> = body.as_array().unwrap().iter().map(|i| i["userId"].as_u64().unwrap()).collect();
    assert_eq!(ids, [790000002], "only the failed customer is sent again");
    assert!(wait_for(|| active_id() == "add-members-run-title").await, "the results heading has the focus");
}

fn buttons_starting(host: &web_sys::HtmlElement, start: &str) -> Vec<String> {
    all(host, "button")
        .iter()
        .map(|b| b.text_content().unwrap_or_default())
        .filter(|t| t.trim().starts_with(start))
        .collect()
}

#[wasm_bindgen_test]
async fn one_customer_already_a_member_is_left_out_on_request_and_the_others_are_added() {
    let (host, mock) = open_dialog(|call| Reply::Json(200, join_answer(&call.body, &[]))).await;
    type_ids(&host, "790000001\n700700002\n790000002");
    tick().await;
    assert!(text(&host, ".add-members").contains("3 customers: 1 cannot be added."));
    assert_eq!(
        message_for(&host, "Customer IDs"),
        "1 of 3 cannot be added: see each customer's check below. Fix it or remove it from the list, or leave it out."
    );
    assert!(button(&host, "Continue").disabled(), "not without asking");
    // Leaving out is a choice made each time: Back returns to a list that still waits.
    button(&host, "Leave out the 1 that cannot be added").click();
    assert!(wait_for(|| document().get_element_by_id("add-members-confirm").is_some()).await, "the confirmation");
    button(&host, "Back").click();
    tick().await;
    assert!(button(&host, "Continue").disabled());
    button(&host, "Leave out the 1 that cannot be added").click();
    assert!(wait_for(|| active_id() == "add-members-confirm").await, "focus on the confirmation");
    assert_eq!(
        text(&host, "#add-members-summary"),
        "Add 2 customers to Team Open as members who may redeem and transfer points. It will be their default group. The group will have 4 of 4 members."
    );
    assert_eq!(
        text(&host, "#add-members-left-out"),
        "1 customer is left out and not sent:700700002: Customer 700700002 is already a member of this group."
    );
    assert_eq!(
        by_id("add-members-confirm").get_attribute("aria-describedby").as_deref(),
        Some("add-members-summary add-members-left-out")
    );
    assert!(joins(&mock).is_empty(), "nothing sent before the confirmation");
    button(&host, "Add 2 customers").click();
    assert!(wait_for(|| run_title().starts_with("Done")).await, "{}", text(&host, "dialog"));
    assert_eq!(run_title(), "Done: 2 added, 0 failed, 1 left out");
    let sent = joins(&mock);
    assert_eq!(sent.len(), 1);
    let body: serde_json::Value = serde_json::from_str(&sent[0].body).unwrap();
    let ids: Vec<u64> = body.as_array().unwrap().iter().map(|i| i["userId"].as_u64().unwrap()).collect();
    assert_eq!(ids, [790000001, 790000002], "the member is not sent");
    let rows: Vec<String> =
        all(&host, ".import-run tbody tr").iter().map(|r| r.text_content().unwrap_or_default()).collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].contains("790000001") && rows[0].contains("added"), "{rows:?}");
    assert!(
        rows[1].contains("700700002")
            && rows[1].contains("skipped")
            && rows[1].contains("Customer 700700002 is already a member of this group."),
        "{rows:?}"
    );
    assert!(rows[2].contains("790000002") && rows[2].contains("added"), "{rows:?}");
    let log = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("gc.activity.3920007").unwrap();
    assert!(log.unwrap_or_default().contains("2 of 2 added; 1 left out: 700700002"));
}

#[wasm_bindgen_test]
async fn when_no_one_can_be_added_it_says_so_and_offers_nothing_to_send() {
    let (host, mock) = open_dialog(|call| Reply::Json(200, join_answer(&call.body, &[]))).await;
    type_ids(&host, "700700001, 700700002");
    tick().await;
    assert!(text(&host, ".add-members").contains("2 customers: none can be added."));
    assert_eq!(
        message_for(&host, "Customer IDs"),
        "None of the 2 customers can be added: see each customer's check below."
    );
    assert!(button(&host, "Continue").disabled());
    assert_eq!(buttons_starting(&host, "Leave out"), Vec::<String>::new(), "nothing to send, nothing offered");
    settle().await;
    assert!(joins(&mock).is_empty());
}
