//! A reward group's rewards in a real browser with a mocked platform: the list read page by
//! page and ordered by the rank in this group, as text; what to set without a brand ID; a
//! failed list in words with Retry; the rename warning that names the rewards once the list is
//! known (and waits for it), keeps the general words when it failed, and asks plainly when none
//! is linked; the list read again under the new name after a rename.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::{json, Value};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FMN: &str = "Family Movie Night";
const LIST_PATH: &str = "/api_gateway/core/v1/reward/list/brand/25";

fn group(name: &str) -> Value {
    json!({
        "id": 2389, "orgId": 100737, "name": name, "rank": 3, "isActive": true,
        "createdBy": 75155292, "createdOn": 1758007038000_i64, "createdOnDateTime": "2025-09-16T07:17:18Z",
        "lastUpdatedBy": 75155297, "lastUpdatedOn": 1758011894000_i64, "lastUpdatedOnDateTime": "2025-09-16T08:38:14Z"
    })
}

fn reward(
    id: u64,
    name: &str,
    status: &str,
    enabled: bool,
    rank: Option<i64>,
    groups: &[(&str, Option<i64>)],
) -> Value {
    let groups: Vec<Value> = groups.iter().map(|(g, r)| json!({"groupName": g, "groupRank": r})).collect();
    json!({
        "id": id, "name": name, "enabled": enabled, "status": status, "groups": groups, "rewardRank": rank,
        "startTime": "2026-01-01 00:00:00", "endTime": "2027-12-31 23:59:59", "type": "VOUCHER"
    })
}

/// One page of the brand's reward list.
fn page(rewards: Vec<Value>, number: u64, last: bool) -> String {
    json!({
        "status": {"success": true, "code": 6101, "message": "Rewards fetched successfully"},
        "rewardList": rewards.clone(),
        "pagingDto": {"last": last, "totalElements": 99, "totalPages": 2, "numberOfElements": rewards.len(),
            "first": number == 0, "size": 100, "number": number}
    })
    .to_string()
}

/// The four rewards of the emulator's "Family Movie Night", in one page.
fn four() -> String {
    page(
        vec![
            reward(5001, "Popcorn Combo", "LIVE", true, Some(12), &[(FMN, Some(2))]),
            reward(5002, "Free Movie Ticket", "LIVE", true, Some(3), &[(FMN, Some(1)), ("Kids Corner", Some(3))]),
            reward(5004, "Drive-in Pass", "UPCOMING", true, None, &[(FMN, None)]),
            reward(5005, "Streaming Month", "ENDED", false, Some(20), &[(FMN, Some(3))]),
        ],
        0,
        true,
    )
}

/// The query parameter `name` of a request's URL.
fn param(call: &Call, name: &str) -> Option<String> {
    let query = call.url.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| js_sys::decode_uri_component(&v.replace('+', " ")).unwrap().as_string().unwrap())
}

fn path(call: &Call) -> String {
    let url = call.url.split_once('?').map_or(call.url.as_str(), |(p, _)| p);
    url.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap_or_default()
}

fn list_calls(mock: &MockFetch) -> Vec<Call> {
    mock.calls.borrow().iter().filter(|c| path(c) == LIST_PATH).cloned().collect()
}

fn puts(mock: &MockFetch) -> Vec<Call> {
    mock.calls.borrow().iter().filter(|c| c.method == "PUT").cloned().collect()
}

/// The platform: the group (as last saved), and the list answered by `list` for each call.
fn platform(list: impl Fn(&Call) -> Reply + 'static) -> MockFetch {
    let saved = Rc::new(RefCell::new(group(FMN)));
    MockFetch::install(move |call| {
        if path(call) == LIST_PATH {
            return list(call);
        }
        if call.method == "PUT" {
            let body: Value = serde_json::from_str(&call.body).unwrap();
            for (k, v) in body.as_object().unwrap() {
                saved.borrow_mut()[k.as_str()] = v.clone();
            }
        }
        Reply::Json(200, saved.borrow().to_string())
    })
}

/// The group's page with `brand` in Settings, as a first visit with those settings.
async fn open_with_brand(brand: Option<u64>) -> web_sys::HtmlElement {
    clear_storage();
    if let Some(brand) = brand {
        let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
        local.set_item("gc.settings", &json!({"brandId": brand}).to_string()).unwrap();
    }
    navigate_to("/reward-groups/2389");
    let host = mount(group_console::boot::app::App);
    settle().await;
    assert!(wait_for(|| label_for(&host, "Name").is_some()).await, "the group's page is shown");
    host
}

/// Each row's cells as text.
fn rows(host: &web_sys::HtmlElement) -> Vec<Vec<String>> {
    all(host, ".rewards-table tbody tr")
        .iter()
        .map(|tr| all(tr, "th, td").iter().map(|c| c.text_content().unwrap_or_default().trim().to_string()).collect())
        .collect()
}

fn section_text(host: &web_sys::HtmlElement) -> String {
    text(host, "section[aria-labelledby=linked-rewards-title]")
}

fn warning(host: &web_sys::HtmlElement) -> Option<web_sys::Element> {
    host.query_selector("[role=alertdialog]").unwrap()
}

fn warning_detail(host: &web_sys::HtmlElement) -> String {
    let w = warning(host).expect("the rename warning");
    let id = w.get_attribute("aria-describedby").unwrap();
    document().get_element_by_id(&id).unwrap().text_content().unwrap()
}

#[wasm_bindgen_test]
async fn every_page_is_read_and_ordered_by_the_rank_in_this_group_as_text() {
    let mock = platform(|call| match param(call, "page").as_deref() {
        Some("0") => Reply::Json(
            200,
            page(
                vec![
                    reward(5004, "Drive-in Pass", "UPCOMING", true, None, &[(FMN, None)]),
                    reward(5001, "Popcorn Combo", "LIVE", true, Some(12), &[(FMN, Some(2))]),
                    reward(6666, "<img src=x onerror=alert(1)>", "LIVE", true, None, &[(FMN, Some(4))]),
                ],
                0,
                false,
            ),
        ),
        _ => Reply::Json(
            200,
            page(
                vec![
                    reward(
                        5002,
                        "Free Movie Ticket",
                        "ENDED",
                        false,
                        Some(3),
                        &[("Kids Corner", Some(3)), (FMN, Some(1))],
                    ),
                    // Not linked to this exact name: left out.
                    reward(5003, "Kids Snack Pack", "LIVE", true, None, &[("Kids Corner", Some(1))]),
                ],
                1,
                true,
            ),
        ),
    });
    let host = open_with_brand(Some(25)).await;
    assert!(wait_for(|| rows(&host).len() == 4).await, "four rows: {}", section_text(&host));
    let calls = list_calls(&mock);
    assert_eq!(calls.len(), 2, "both pages are read");
    for (i, call) in calls.iter().enumerate() {
        assert_eq!(call.method, "GET");
        assert_eq!(param(call, "groupName").as_deref(), Some(FMN));
        assert_eq!(param(call, "page"), Some(i.to_string()));
        assert_eq!(param(call, "size").as_deref(), Some("100"));
    }
    assert_eq!(
        rows(&host),
        [
            ["1", "Free Movie TicketID 5002", "Ended (disabled)", "3", "Kids Corner (rank 3)"],
            ["2", "Popcorn ComboID 5001", "Live", "12", "—"],
            ["4", "<img src=x onerror=alert(1)>ID 6666", "Live", "—", "—"],
            ["—", "Drive-in PassID 5004", "Upcoming", "—", "—"],
        ]
    );
    assert!(host.query_selector(".rewards-table img").unwrap().is_none(), "a name is text, never HTML");
    assert!(section_text(&host).contains(
        "4 rewards of brand 25 are linked to “Family Movie Night”, listed by their rank in this group; rewards without a rank come last."
    ));
    let region = host.query_selector(".linked-rewards [role=region]").unwrap().expect("a region");
    assert_eq!(region.get_attribute("aria-label").as_deref(), Some("Rewards linked to “Family Movie Night”"));
    assert_eq!(region.get_attribute("tabindex").as_deref(), Some("0"), "the scrolling box takes focus");

    // Saving the rank keeps the name: the list is not read again.
    type_into(&host, "Rank", "5");
    submit(&host);
    assert!(wait_for(|| puts(&mock).len() == 1).await);
    assert!(wait_for(|| text(&host, ".form__status") == "Changes saved.").await);
    settle().await;
    assert_eq!(list_calls(&mock).len(), 2, "a save without a rename asks nothing more");
}

#[wasm_bindgen_test]
async fn without_a_brand_id_the_page_says_what_to_set_and_asks_nothing() {
    let mock = platform(|_| Reply::Json(200, four()));
    let host = open_with_brand(None).await;
    assert!(
        wait_for(|| section_text(&host).contains("Set the brand ID in Settings to list this group's rewards.")).await
    );
    let settings = link_by_text(&host, "Open Settings");
    assert_eq!(settings.get_attribute("href").as_deref(), Some("/settings"));
    assert!(list_calls(&mock).is_empty(), "no list without a brand");

    // The rename warning keeps its general words, and says how to see which rewards.
    type_into(&host, "Name", "Family Film Night");
    submit(&host);
    settle().await;
    let detail = warning_detail(&host);
    assert!(detail.contains("unlinks every reward attached to this group"), "{detail}");
    assert!(detail.ends_with("Set the brand ID in Settings to see which."), "{detail}");
    assert!(!button(&host, "Rename and unlink rewards").disabled());
}

#[wasm_bindgen_test]
async fn a_failed_list_says_so_in_words_with_its_code_and_retries() {
    let fail = Rc::new(std::cell::Cell::new(true));
    let answer = fail.clone();
    let mock = platform(move |_| {
        if answer.get() {
            Reply::Json(
                400,
                json!({"status": {"success": false, "code": 3004, "message": "Brand not found"}}).to_string(),
            )
        } else {
            Reply::Json(200, four())
        }
    });
    let host = open_with_brand(Some(25)).await;
    assert!(wait_for(|| host.query_selector("section [role=alert]").unwrap().is_some()).await);
    let alert = text(&host, "section [role=alert]");
    assert!(alert.contains("The platform has no brand 25: check the brand ID in Settings."), "{alert}");
    assert!(alert.contains("code 3004"), "{alert}");

    // The rename warning, meanwhile, keeps the general words.
    type_into(&host, "Name", "Family Film Night");
    submit(&host);
    settle().await;
    let detail = warning_detail(&host);
    assert!(detail
        .contains("Renaming “Family Movie Night” to “Family Film Night” unlinks every reward attached to this group."));
    assert!(detail.ends_with("The console could not read which ones (see “Rewards in this group”)."), "{detail}");
    assert!(!button(&host, "Rename and unlink rewards").disabled(), "a failed list does not block the rename");
    button(&host, "Cancel").click();
    settle().await;

    fail.set(false);
    button(&host, "Retry").click();
    assert!(wait_for(|| rows(&host).len() == 4).await, "Retry reads the list again");
    assert_eq!(list_calls(&mock).len(), 2);
}

#[wasm_bindgen_test]
async fn the_rename_warning_waits_for_the_list_then_names_the_rewards() {
    let mock = platform(|call| {
        if param(call, "groupName").as_deref() == Some(FMN) {
            Reply::Hold
        } else {
            Reply::Json(200, page(vec![], 0, true))
        }
    });
    let host = open_with_brand(Some(25)).await;
    type_into(&host, "Name", "Family Film Night");
    submit(&host);
    settle().await;
    assert!(warning_detail(&host).ends_with("Looking up which rewards are linked…"));
    assert!(button(&host, "Rename and unlink rewards").disabled(), "no rename before the list is known");

    mock.release(200, &four());
    assert!(wait_for(|| !button(&host, "Rename and unlink rewards").disabled()).await);
    assert_eq!(
        warning_detail(&host),
        "Renaming unlinks 4 rewards: Free Movie Ticket, Popcorn Combo, Streaming Month, Drive-in Pass. The platform attaches rewards to a reward group by its name, so renaming “Family Movie Night” to “Family Film Night” unlinks them from this group. Nothing has been sent yet."
    );
    assert_eq!(text(&host, "#rename-title"), "Renaming unlinks rewards");
    assert!(puts(&mock).is_empty(), "nothing sent before the rename is confirmed");
    assert_eq!(rows(&host).len(), 4, "the list shows beside it");

    button(&host, "Rename and unlink rewards").click();
    assert!(wait_for(|| puts(&mock).len() == 1).await);
    assert!(wait_for(|| text(&host, "h1") == "Family Film Night").await);
    // The list follows the new name: read again, and none is linked to it.
    assert!(wait_for(|| section_text(&host).contains("No reward of brand 25 is linked to “Family Film Night”.")).await);
    let last = list_calls(&mock).last().cloned().unwrap();
    assert_eq!(param(&last, "groupName").as_deref(), Some("Family Film Night"));
    assert!(host.query_selector(".rewards-table").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn with_no_reward_linked_the_rename_is_a_plain_question() {
    let mock = platform(|_| Reply::Json(200, page(vec![], 0, true)));
    let host = open_with_brand(Some(25)).await;
    assert!(
        wait_for(|| section_text(&host).contains("No reward of brand 25 is linked to “Family Movie Night”.")).await
    );
    type_into(&host, "Name", "Family Film Night");
    submit(&host);
    settle().await;
    assert_eq!(text(&host, "#rename-title"), "Rename this reward group?");
    assert_eq!(
        warning_detail(&host),
        "No reward of brand 25 is linked to “Family Movie Night”, so renaming it to “Family Film Night” unlinks none of that brand's rewards. Nothing has been sent yet."
    );
    assert!(wait_for(|| active_id() == "rename-cancel").await, "the keyboard lands on Cancel");
    assert!(puts(&mock).is_empty());
    button(&host, "Rename").click();
    assert!(wait_for(|| puts(&mock).len() == 1).await);
    let body: Value = serde_json::from_str(&puts(&mock)[0].body).unwrap();
    assert_eq!(body["name"], "Family Film Night");
}
