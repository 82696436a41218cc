//! The CSV import page in a real browser with a mocked fetch: the preview shows each row's
//! errors, the import cannot start while errors remain, valid rows are sent one request
//! each (never more than the concurrency at once), and a saved import resumes without
//! sending a row whose earlier request went through.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn open() -> web_sys::HtmlElement {
    clear_storage();
    navigate_to("/groups/import");
    let host = mount(group_console::boot::app::App);
    settle().await;
    host
}

/// Chooses a file in the "CSV file" input, as a user would.
fn choose_file(host: &web_sys::HtmlElement, name: &str, text: &str) {
    let input = input(host, "CSV file");
    let f = js_sys::Function::new_with_args(
        "input, name, text",
        "const dt = new DataTransfer(); dt.items.add(new File([text], name, {type: 'text/csv'})); \
         input.files = dt.files; input.dispatchEvent(new Event('change', {bubbles: true}));",
    );
    f.call3(&wasm_bindgen::JsValue::NULL, &input, &name.into(), &text.into()).unwrap();
}

fn page_text(host: &web_sys::HtmlElement) -> String {
    host.text_content().unwrap_or_default()
}

const FILE: &str = "\u{feff}externalId;groupName;maxGroupSize;ug_status\r\n\
fam_1;The Smiths;6;Active\r\n\
fam_2;\"Jones; Jr\";4;\r\n\
;No id;3;\r\n\
fam_1;Again;2;\r\n\
fam_3;;0;\r\n\
fam_4;Ok;5;Active\r\n";

#[wasm_bindgen_test]
async fn the_preview_shows_each_rows_errors_and_start_waits_for_them_to_be_skipped() {
    let mock = MockFetch::install(|_| Reply::Json(200, r#"{"entity":1,"warnings":[]}"#.into()));
    let host = open().await;
    choose_file(&host, "groups.csv", FILE);
    assert!(wait_for(|| page_text(&host).contains("6 rows: 3 rows have errors.")).await, "{}", page_text(&host));
    let invalid = all(&host, "tr.import-row--invalid");
    assert_eq!(invalid.len(), 3);
    let texts: Vec<String> = invalid.iter().map(|r| r.text_content().unwrap_or_default()).collect();
    assert!(texts[0].contains("External ID: Enter an external ID."), "{texts:?}");
    assert!(texts[1].contains("fam_1 is also on row 2"), "{texts:?}");
    assert!(texts[2].contains("The group size must be at least 1."), "{texts:?}");
    // The semicolon inside quotes stayed in the name; the extended column is shown.
    let preview = text(&host, ".import-table");
    assert!(preview.contains("Jones; Jr") && preview.contains("ug_status = Active"), "{preview}");
    // Column checkboxes are labelled by the column's name; the known ones stay ticked.
    assert!(input(&host, "externalId").disabled() && input(&host, "externalId").checked());
    assert!(input(&host, "ug_status").checked());

    let start = button(&host, "Start import");
    assert!(start.disabled(), "cannot start while unresolved errors remain");
    input(&host, "Skip invalid rows").click();
    tick().await;
    assert!(!button(&host, "Start import").disabled());
    // A bad concurrency blocks it too.
    type_into(&host, "Concurrency", "0");
    tick().await;
    assert!(button(&host, "Start import").disabled());
    type_into(&host, "Concurrency", "2");
    tick().await;
    assert!(!button(&host, "Start import").disabled());
    assert_eq!(mock.count(), 0, "nothing is sent before Start");
}

#[wasm_bindgen_test]
async fn one_post_per_valid_row_a_few_at_a_time_and_the_state_is_saved() {
    let mock = MockFetch::install(|_| Reply::Hold);
    let host = open().await;
    choose_file(&host, "groups.csv", FILE);
    assert!(wait_for(|| label_for(&host, "Skip invalid rows").is_some()).await);
    input(&host, "ug_status").click(); // untick: ug_status is not sent
    input(&host, "Skip invalid rows").click();
    tick().await;
    button(&host, "Start import").click();
    settle().await;
    assert_eq!(mock.count(), 2, "concurrency 2: two requests out");
    let saved =
        web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("gc.import.progress").unwrap().unwrap();
    assert_eq!(saved.matches(r#""s":"sending""#).count(), 2, "saved as sending before the answers: {saved}");
    mock.release(200, r#"{"entity": 500, "warnings": []}"#);
    assert!(wait_for(|| mock.count() == 3).await, "the third valid row goes out when one answer is in");
    mock.release(200, r#"{"entity": 501, "warnings": []}"#);
    mock.release(200, r#"{"entity": 502, "warnings": []}"#);
    assert!(wait_for(|| page_text(&host).contains("Import finished")).await, "{}", page_text(&host));
    settle().await;
    let calls = mock.calls.borrow().clone();
    assert!(calls.iter().all(|c| c.method == "POST" && c.url.ends_with("/v2/userGroup2")));
    let mut sent: Vec<String> = calls
        .iter()
        .map(|c| {
            serde_json::from_str::<serde_json::Value>(&c.body).unwrap()["externalId"].as_str().unwrap().to_string()
        })
        .collect();
    sent.sort();
    assert_eq!(sent, ["fam_1", "fam_2", "fam_4"], "one request per valid row");
    let bodies: Vec<serde_json::Value> = calls.iter().map(|c| serde_json::from_str(&c.body).unwrap()).collect();
    assert!(bodies.iter().all(|b| b.get("extendedFields").is_none()), "the unticked column is not sent");
    let progress = text(&host, ".import-progress__text");
    assert_eq!(progress, "3 of 3 done · 0 failed · 0 remaining · 3 skipped");
    assert!(link_by_text(&host, "500").get_attribute("href").unwrap().ends_with("/groups/500"));
    // Created groups join the recent list.
    let recent = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("gc.recent").unwrap().unwrap();
    assert!(recent.contains("fam_4"), "{recent}");
}

#[wasm_bindgen_test]
async fn a_saved_import_resumes_and_a_row_whose_answer_was_lost_is_looked_up_not_resent() {
    let found = r#"{"id": 900, "externalId": "fam_2", "groupName": "Jones", "maxGroupSize": 4, "groupStatus": "ACTIVE", "fleetGroupUsers": []}"#;
    let mock = MockFetch::install(move |call| {
        if call.method == "GET" {
            Reply::Json(200, found.into())
        } else {
            Reply::Json(200, r#"{"entity": 901, "warnings": []}"#.into())
        }
    });
    clear_storage();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let plan = r#"{"version":1,"id":5.0,"fileName":"saved.csv","rows":[
        {"row":2,"externalId":"fam_1","groupName":"Smiths","request":{"externalId":"fam_1","groupName":"Smiths","maxGroupSize":6}},
        {"row":3,"externalId":"fam_2","groupName":"Jones","request":{"externalId":"fam_2","groupName":"Jones","maxGroupSize":4}},
        {"row":4,"externalId":"fam_3","groupName":"","request":{"externalId":"fam_3","maxGroupSize":2}}]}"#;
    let progress =
        r#"{"version":1,"id":5.0,"concurrency":2,"rows":[{"s":"created","id":800},{"s":"sending"},{"s":"pending"}]}"#;
    storage.set_item("gc.import.plan", plan).unwrap();
    storage.set_item("gc.import.progress", progress).unwrap();
    navigate_to("/groups/import");
    let host = mount(group_console::boot::app::App);
    settle().await;
    assert!(page_text(&host).contains("This import was interrupted"), "{}", page_text(&host));
    assert_eq!(text(&host, ".import-progress__text"), "1 of 3 done · 0 failed · 2 remaining");
    let _discard = button(&host, "Discard");
    button(&host, "Resume import").click();
    assert!(wait_for(|| page_text(&host).contains("Import finished")).await, "{}", page_text(&host));
    let calls = mock.calls.borrow().clone();
    assert_eq!(calls.len(), 2, "{calls:?}");
    let get = calls.iter().find(|c| c.method == "GET").expect("the lost row is looked up");
    assert!(get.url.contains("externalId=fam_2"), "{}", get.url);
    let posts: Vec<&Call> = calls.iter().filter(|c| c.method == "POST").collect();
    assert_eq!(posts.len(), 1);
    assert!(posts[0].body.contains("fam_3"), "only the row never sent is sent");
    assert!(page_text(&host).contains("Already on the platform"));
}
