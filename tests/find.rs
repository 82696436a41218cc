//! The Find page in a real browser with a mocked platform: the search results table, paging
//! from the answer's numbers, the refusal of a search the platform would refuse, and the
//! newest search winning over a late answer to an older one.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEARCH_51334: &str = include_str!("../core/fixtures/search-response-51334.json");

/// A page of `rows` groups named after `q`, of `total` in all.
fn answer(q: &str, rows: u32, total: u32) -> String {
    let data: Vec<String> = (0..rows)
        .map(|i| format!(r#"{{"groupId":{},"groupName":"Group {q}","groupStatus":"INACTIVE","groupExternalId":"ext_{q}_{i}","totalMembers":2}}"#, 7 + i))
        .collect();
    format!(
        r#"{{"pagination":{{"limit":10,"offset":0,"total":{total}}},"data":[{}],"warnings":[],"errors":[]}}"#,
        data.join(",")
    )
}

async fn open(path: &str) -> web_sys::HtmlElement {
    clear_storage();
    navigate_to(path);
    let host = mount(group_console::boot::app::App);
    settle().await;
    host
}

fn result_rows(host: &web_sys::HtmlElement) -> Vec<Vec<String>> {
    all(host, ".results-table tbody tr")
        .iter()
        .map(|tr| all(tr, "td").iter().map(|td| td.text_content().unwrap_or_default()).collect())
        .collect()
}

#[wasm_bindgen_test]
async fn a_search_in_the_address_shows_the_documented_answer_as_a_table() {
    let mock = MockFetch::install(|_| Reply::Json(200, SEARCH_51334.into()));
    let host = open("/?q=natwest").await;
    assert!(wait_for(|| !result_rows(&host).is_empty()).await, "results shown");
    let rows = result_rows(&host);
    assert_eq!(rows.len(), 1);
    assert!(rows[0][0].contains("natwest14") && rows[0][0].contains("ID 51334"), "{:?}", rows[0]);
    assert_eq!(rows[0][1], "natwest_16");
    assert_eq!(rows[0][2], "ACTIVE");
    assert!(rows[0][3].contains("Test Usergroup") && rows[0][3].contains("bradpitt@gmail.com"), "{:?}", rows[0]);
    assert_eq!(rows[0][4], "1");
    let link = host.query_selector(".results-table a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/groups/51334"));
    assert!(text(&host, ".pager").contains("Showing 1–1 of 1 groups"));
    let call = mock.last();
    assert!(call.url.contains("/v2/userGroup2/search?q=natwest&offset=0&limit=10"), "{}", call.url);
    assert_eq!(input(&host, "Search groups").value(), "natwest", "the box shows the search in the address");
}

#[wasm_bindgen_test]
async fn a_search_over_50_characters_is_refused_next_to_the_box_and_not_sent() {
    let mock = MockFetch::install(|_| Reply::Json(200, SEARCH_51334.into()));
    let host = open("/").await;
    type_into(&host, "Search groups", &"é".repeat(51));
    submit(&host);
    sleep_ms(400).await;
    let field = input(&host, "Search groups");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(mock.count(), 0, "nothing is sent");
    assert_eq!(active_id(), "search-text");
}

#[wasm_bindgen_test]
async fn the_next_page_link_comes_from_the_answers_total() {
    let _mock = MockFetch::install(|_| Reply::Json(200, answer("a", 10, 25)));
    let host = open("/?q=a").await;
    assert!(wait_for(|| !result_rows(&host).is_empty()).await, "{}", host.text_content().unwrap_or_default());
    assert!(text(&host, ".pager").contains("of 25 groups"));
    assert_eq!(link_by_text(&host, "Next").get_attribute("href").as_deref(), Some("/?q=a&offset=10"));
    assert_eq!(result_rows(&host)[0][2], "INACTIVE", "every status is shown");
}

#[wasm_bindgen_test]
async fn a_late_answer_to_an_older_search_never_replaces_the_newer_one() {
    // The first search is held; the second is answered at once; then the first arrives.
    let mock = MockFetch::install(|call| {
        if call.url.contains("q=old") {
            Reply::Hold
        } else {
            Reply::Json(200, answer("new", 1, 1))
        }
    });
    let host = open("/?q=old").await;
    type_into(&host, "Search groups", "new");
    submit(&host);
    settle().await;
    assert_eq!(web_sys::window().unwrap().location().search().unwrap(), "?q=new");
    assert_eq!(mock.count(), 2, "the newer search went out while the older one was held");
    assert!(
        wait_for(|| result_rows(&host).first().is_some_and(|r| r[0].contains("Group new"))).await,
        "{}",
        host.text_content().unwrap_or_default()
    );
    mock.release(200, &answer("old", 1, 1));
    settle().await;
    sleep_ms(100).await;
    let rows = result_rows(&host);
    assert!(rows[0][0].contains("Group new"), "the newer search stays: {rows:?}");
}
