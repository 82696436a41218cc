//! The reward-group catalogue in a real browser with a mocked platform: the list's rows,
//! paging, search and name sort; one group's page, its edit form and the rename warning;
//! the create form's link to the new group's page.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::{json, Value};
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn reward(id: u64, name: &str, rank: Option<i64>, active: bool) -> Value {
    json!({
        "id": id, "orgId": 100737, "name": name, "rank": rank, "isActive": active,
        "createdBy": 75155292, "createdOn": 1758007038000_i64, "createdOnDateTime": "2025-09-16T07:17:18Z",
        "lastUpdatedBy": 75155297, "lastUpdatedOn": 1758011894000_i64, "lastUpdatedOnDateTime": "2025-09-16T08:38:14Z"
    })
}

/// A list answer: `rows` as page `number` of `size` over `total` groups.
fn list(rows: Vec<Value>, number: u64, size: u64, total: u64) -> String {
    let pages = total.div_ceil(size);
    json!({
        "status": {"success": true, "code": 12013, "message": "Get all groups fetched successfully"},
        "groupRoList": rows.clone(),
        "pagingDto": {"last": number + 1 >= pages, "totalElements": total, "totalPages": pages,
            "numberOfElements": rows.len(), "first": number == 0, "size": size, "number": number}
    })
    .to_string()
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

/// What the facts list says for `term`.
fn fact(host: &web_sys::HtmlElement, term: &str) -> String {
    let dt = all(host, ".facts dt").into_iter().find(|dt| dt.text_content().as_deref() == Some(term)).expect(term);
    dt.next_element_sibling().and_then(|dd| dd.text_content()).unwrap_or_default()
}

fn row_names(host: &web_sys::HtmlElement) -> Vec<String> {
    all(host, "tbody tr th").iter().map(|th| th.text_content().unwrap_or_default()).collect()
}

fn location_search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

fn puts(mock: &MockFetch) -> Vec<Call> {
    mock.calls.borrow().iter().filter(|c| c.method == "PUT").cloned().collect()
}

fn body(call: &Call) -> Value {
    serde_json::from_str(&call.body).unwrap()
}

#[wasm_bindgen_test]
async fn the_list_shows_the_platforms_page_with_links_and_paging() {
    let mock = MockFetch::install(|call| {
        let page: u64 = param(call, "page").and_then(|p| p.parse().ok()).unwrap_or(0);
        let rows = (0..10)
            .map(|i| reward(2387 + page * 10 + i, &format!("Group {}", page * 10 + i), Some(1), i % 3 != 0))
            .collect();
        Reply::Json(200, list(rows, page, 10, 25))
    });
    let host = open("/reward-groups").await;
    assert!(wait_for(|| row_names(&host).len() == 10).await, "ten rows");
    assert_eq!(text(&host, "h1"), "Reward groups");
    assert_eq!(text(&host, ".pager__shown"), "Showing 1–10 of 25 reward groups");
    let first = mock.last();
    assert_eq!((param(&first, "page"), param(&first, "size")), (Some("0".into()), Some("10".into())));
    assert_eq!(param(&first, "sortOn").as_deref(), Some("RANK"));
    assert!(first.url.contains("/api_gateway/core/v1/group?"), "{}", first.url);
    assert_eq!(link_by_text(&host, "Group 0").get_attribute("href").as_deref(), Some("/reward-groups/2387"));
    let headers: Vec<String> = all(&host, "thead th").iter().map(|t| t.text_content().unwrap_or_default()).collect();
    assert_eq!(headers, ["Name", "Rank", "Active", "Last updated"]);
    assert!(host.query_selector(".pager a[rel=prev]").unwrap().is_none(), "no Previous on the first page");

    link_by_text(&host, "Next").click();
    assert!(wait_for(|| text(&host, ".pager__shown") == "Showing 11–20 of 25 reward groups").await);
    assert_eq!(param(&mock.last(), "page").as_deref(), Some("1"), "the platform counts pages from 0");
    assert_eq!(location_search(), "?page=2", "the address holds the page, counted from 1");
    assert_eq!(row_names(&host)[0], "Group 10");
    assert!(host.query_selector(".pager a[rel=prev]").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn the_filter_and_the_search_go_to_the_platform_and_into_the_address() {
    let mock = MockFetch::install(|call| {
        let name = param(call, "name").unwrap_or_default();
        let rows = if name.is_empty() { vec![reward(2390, "Coffee Club", Some(4), true)] } else { vec![] };
        let total = rows.len() as u64;
        Reply::Json(200, list(rows, 0, 10, total))
    });
    let host = open("/reward-groups?page=2").await;
    assert!(wait_for(|| label_for(&host, "Inactive").is_some()).await);
    input(&host, "Inactive").click();
    assert!(
        wait_for(|| location_search() == "?active=false").await,
        "a filter starts at page 1: {}",
        location_search()
    );
    assert!(wait_for(|| param(&mock.last(), "active").as_deref() == Some("false")).await);
    type_into(&host, "Search by name", "zzz");
    assert!(
        wait_for(|| host
            .text_content()
            .unwrap_or_default()
            .contains("No inactive reward group has “zzz” in its name."))
        .await
    );
    assert_eq!(param(&mock.last(), "name").as_deref(), Some("zzz"));
    assert_eq!(location_search(), "?active=false&q=zzz");
    assert_eq!(link_by_text(&host, "Show all reward groups").get_attribute("href").as_deref(), Some("/reward-groups"));
    assert_eq!(input(&host, "Search by name").value(), "zzz");
}

/// A slow answer to an older list must not replace the answer to a newer search. (Leptos
/// runs a resource's requests one after another: the search is sent once the older answer is
/// in, and its answer is the one that stays.)
#[wasm_bindgen_test]
async fn an_older_answer_never_overwrites_a_newer_one() {
    let mock = MockFetch::install(|call| match param(call, "name") {
        None => Reply::Hold,
        Some(_) => Reply::Json(200, list(vec![reward(2390, "Coffee Club", Some(4), true)], 0, 10, 1)),
    });
    let host = open("/reward-groups").await;
    type_into(&host, "Search by name", "coffee");
    sleep_ms(400).await;
    let rows: Vec<Value> = (0..10).map(|i| reward(3000 + i, &format!("Old {i}"), None, true)).collect();
    mock.release(200, &list(rows, 0, 10, 25));
    assert!(
        wait_for(|| row_names(&host) == ["Coffee Club"]).await,
        "the search's answer is shown: {:?}",
        row_names(&host)
    );
    sleep_ms(100).await;
    assert_eq!(row_names(&host), ["Coffee Club"], "and stays");
    assert_eq!(text(&host, ".pager__shown"), "Showing 1–1 of 1 reward groups");
    assert_eq!(input(&host, "Search by name").value(), "coffee");
    assert_eq!(param(&mock.last(), "name").as_deref(), Some("coffee"));
}

#[wasm_bindgen_test]
async fn the_name_sort_reads_every_page_sorts_here_and_says_so() {
    let mock = MockFetch::install(|call| {
        let page: u64 = param(call, "page").and_then(|p| p.parse().ok()).unwrap_or(0);
        let count = if page == 0 { 100 } else { 20 };
        // Names in reverse order of id, so the platform's order is not the name order.
        let rows = (0..count).map(|i| {
            let n = page * 100 + i;
            reward(5000 + n, &format!("Group {:03}", 119 - n), Some(n as i64 + 1), true)
        });
        Reply::Json(200, list(rows.collect(), page, 100, 120))
    });
    let host = open("/reward-groups?sort=name&page=2").await;
    assert!(wait_for(|| row_names(&host).len() == 10).await);
    let calls = mock.calls.borrow().clone();
    assert_eq!(calls.len(), 2, "two pages of 100");
    assert!(calls.iter().all(|c| param(c, "size").as_deref() == Some("100")));
    assert_eq!(row_names(&host)[0], "Group 010");
    assert_eq!(text(&host, ".pager__shown"), "Showing 11–20 of 120 reward groups");
    assert!(
        text(&host, ".catalogue__note").contains("all 120 matching reward groups were read"),
        "the page says the sort is the console's"
    );
    assert!(input(&host, "Name").checked(), "Sort by Name is chosen");
}

#[wasm_bindgen_test]
async fn a_failed_list_is_an_alert_with_retry() {
    let mock = MockFetch::install(|_| Reply::Text(502, "<html>Bad gateway</html>".into(), "text/html"));
    let host = open("/reward-groups").await;
    assert!(wait_for(|| host.query_selector("[role=alert]").ok().flatten().is_some()).await);
    assert!(text(&host, "[role=alert]").contains("HTTP 502"));
    button(&host, "Retry").click();
    assert!(wait_for(|| mock.count() == 2).await, "Retry asks again");
}

/// The platform's GET answers `group`; a PUT answers the group with what was sent.
fn platform_with(group: Value, put: Rc<RefCell<Option<Reply>>>) -> MockFetch {
    MockFetch::install(move |call| match call.method.as_str() {
        "GET" => Reply::Json(200, group.to_string()),
        _ => put.borrow().clone().unwrap_or_else(|| {
            let mut saved = group.clone();
            for (k, v) in body(call).as_object().unwrap() {
                saved[k.as_str()] = v.clone();
            }
            Reply::Json(200, saved.to_string())
        }),
    })
}

async fn open_group(path: &str) -> web_sys::HtmlElement {
    let host = open(path).await;
    assert!(wait_for(|| label_for(&host, "Name").is_some()).await, "the edit form is shown");
    host
}

#[wasm_bindgen_test]
async fn a_rename_warns_first_and_sends_nothing_until_confirmed() {
    let mock = platform_with(reward(2402, "Travel Perks", Some(2), true), Rc::default());
    let host = open_group("/reward-groups/2402").await;
    assert_eq!(text(&host, "h1"), "Travel Perks");
    assert_eq!(input(&host, "Rank").value(), "2");

    // The same name: saved at once, no warning.
    type_into(&host, "Rank", "3");
    submit(&host);
    assert!(wait_for(|| puts(&mock).len() == 1).await);
    assert!(host.query_selector("[role=alertdialog]").unwrap().is_none(), "no warning without a rename");
    assert_eq!(body(&puts(&mock)[0]), json!({"name": "Travel Perks", "rank": 3, "isActive": true}));
    assert!(wait_for(|| text(&host, ".form__status") == "Changes saved.").await);

    // A new name: the warning, and nothing sent.
    type_into(&host, "Name", "Travel Perks Plus");
    submit(&host);
    settle().await;
    let dialog = host.query_selector("[role=alertdialog]").unwrap().expect("the rename warning");
    assert!(dialog.text_content().unwrap().contains("unlinks every reward attached to this group"));
    let described = dialog.get_attribute("aria-describedby").unwrap();
    assert!(document()
        .get_element_by_id(&described)
        .unwrap()
        .text_content()
        .unwrap()
        .contains("“Travel Perks” to “Travel Perks Plus”"));
    assert!(wait_for(|| active_id() == "rename-cancel").await, "focus moves into the warning");
    assert_eq!(puts(&mock).len(), 1, "nothing sent before the rename is confirmed");

    button(&host, "Cancel").click();
    settle().await;
    assert!(host.query_selector("[role=alertdialog]").unwrap().is_none());
    assert_eq!(active_id(), "reward-name", "back to the name");
    assert_eq!(puts(&mock).len(), 1, "a cancelled rename sends nothing");

    submit(&host);
    settle().await;
    button(&host, "Rename and unlink rewards").click();
    assert!(wait_for(|| puts(&mock).len() == 2).await);
    assert_eq!(body(&puts(&mock)[1]), json!({"name": "Travel Perks Plus", "rank": 3, "isActive": true}));
    assert!(wait_for(|| text(&host, "h1") == "Travel Perks Plus").await, "the page shows the saved group");
    assert_eq!(fact(&host, "Name"), "Travel Perks Plus");
    assert_eq!(fact(&host, "Rank"), "3");
    // The saved name is now the group's: saving again is no rename.
    submit(&host);
    assert!(wait_for(|| puts(&mock).len() == 3).await);
    assert!(host.query_selector("[role=alertdialog]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn changing_the_name_after_the_warning_takes_the_warning_away() {
    let mock = platform_with(reward(2402, "Travel Perks", Some(2), true), Rc::default());
    let host = open_group("/reward-groups/2402").await;
    type_into(&host, "Name", "Travel Perks Plus");
    submit(&host);
    settle().await;
    assert!(host.query_selector("[role=alertdialog]").unwrap().is_some());
    type_into(&host, "Name", "  Travel Perks ");
    tick().await;
    assert!(host.query_selector("[role=alertdialog]").unwrap().is_none(), "blanks around the same name are no rename");
    submit(&host);
    assert!(wait_for(|| puts(&mock).len() == 1).await);
    assert_eq!(body(&puts(&mock)[0])["name"], "Travel Perks", "the unchanged name is sent, trimmed");
}

#[wasm_bindgen_test]
async fn an_empty_rank_is_left_out_and_the_active_box_is_sent() {
    let mock = platform_with(reward(2403, "Birthday Bonus", None, true), Rc::default());
    let host = open_group("/reward-groups/2403").await;
    assert_eq!(input(&host, "Rank").value(), "");
    let active = input(&host, "Active");
    assert!(active.checked());
    active.click();
    submit(&host);
    assert!(wait_for(|| puts(&mock).len() == 1).await);
    let put = &puts(&mock)[0];
    assert!(put.url.ends_with("/api_gateway/core/v1/group/2403"), "{}", put.url);
    assert_eq!(body(put), json!({"name": "Birthday Bonus", "isActive": false}));
    assert!(wait_for(|| fact(&host, "Active") == "No").await, "the page shows the saved state");
    assert_eq!(fact(&host, "Rank"), "—");
}

#[wasm_bindgen_test]
async fn the_platforms_refusals_land_on_name_or_in_an_alert_with_retry() {
    let put = Rc::new(RefCell::new(Some(Reply::Json(
        400,
        r#"{"status":{"success":false,"code":12012,"message":"Group name must be unique"}}"#.into(),
    ))));
    let mock = platform_with(reward(2402, "Travel Perks", Some(2), true), put.clone());
    let host = open_group("/reward-groups/2402").await;
    submit(&host);
    assert!(wait_for(|| message_for(&host, "Name") == "A reward group with this name already exists.").await);
    assert_eq!(input(&host, "Name").get_attribute("aria-invalid").as_deref(), Some("true"));

    *put.borrow_mut() = Some(Reply::Json(
        400,
        r#"{"status":{"success":false,"code":400,"message":"Group name must not be null"}}"#.into(),
    ));
    submit(&host);
    assert!(
        wait_for(|| message_for(&host, "Name").contains("Group name must not be null")).await,
        "{}",
        message_for(&host, "Name")
    );
    assert!(host.query_selector("[role=alert]").unwrap().is_none(), "on the field, not an alert");

    *put.borrow_mut() = Some(Reply::Json(400, "{}".into()));
    submit(&host);
    assert!(wait_for(|| host.query_selector("[role=alert]").ok().flatten().is_some()).await, "a bare 400 is an alert");
    assert!(text(&host, "[role=alert]").contains("HTTP 400"));
    assert_eq!(input(&host, "Name").get_attribute("aria-invalid").as_deref(), Some("false"), "nothing under Name");
    let sent = puts(&mock).len();
    button(&host, "Retry").click();
    assert!(wait_for(|| puts(&mock).len() == sent + 1).await, "Retry sends again");
}

#[wasm_bindgen_test]
async fn an_unknown_id_is_a_not_found_page() {
    MockFetch::install(|_| {
        Reply::Json(404, r#"{"status":{"success":false,"code":404,"message":"Group not found"}}"#.into())
    });
    let host = open("/reward-groups/999999").await;
    assert!(wait_for(|| text(&host, "h1") == "Reward group not found").await);
    assert!(text(&host, "[role=alert]").contains("no reward group with ID 999999"));
    assert!(label_for(&host, "Name").is_none(), "no form for a group that does not exist");
}

#[wasm_bindgen_test]
async fn a_created_reward_group_links_to_its_page_here_and_in_recent_work() {
    MockFetch::install(|_| Reply::Json(200, reward(2412, "E2E Silver", Some(5), true).to_string()));
    let host = open("/reward-groups/new").await;
    type_into(&host, "Name", "E2E Silver");
    submit(&host);
    assert!(wait_for(|| host.text_content().unwrap_or_default().contains("Reward group created")).await);
    assert_eq!(
        link_by_text(&host, "Open reward group 2412").get_attribute("href").as_deref(),
        Some("/reward-groups/2412")
    );

    navigate_to("/");
    let host = mount(group_console::boot::app::App);
    settle().await;
    let recent = host.query_selector(".recent__list").unwrap().expect("the recent list");
    let link: web_sys::HtmlElement = recent.query_selector("a").unwrap().expect("a link").unchecked_into();
    assert_eq!(link.text_content().as_deref(), Some("E2E Silver"));
    assert_eq!(link.get_attribute("href").as_deref(), Some("/reward-groups/2412"));
}
