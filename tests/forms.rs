//! The forms in a real browser: messages next to the fields, nothing sent while anything is
//! invalid, one request at a time, and the platform's answers where they belong.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn an_external_id_over_50_shows_the_counter_and_the_error_before_submitting() {
    let mock = MockFetch::install(|_| Reply::Json(200, r#"{"entity":1,"warnings":[]}"#.into()));
    let host = open("/groups/new").await;
    type_into(&host, "External ID", &"x".repeat(51));
    tick().await;
    assert_eq!(text(&host, "#group-external-id-count"), "51/50");
    assert_eq!(message_for(&host, "External ID"), "External ID is 51 characters; the limit is 50.");
    assert_eq!(input(&host, "External ID").get_attribute("aria-invalid").as_deref(), Some("true"));
    // Emoji count as two, as the server counts them.
    type_into(&host, "External ID", &"😀".repeat(25));
    tick().await;
    assert_eq!(text(&host, "#group-external-id-count"), "50/50");
    assert_eq!(input(&host, "External ID").get_attribute("aria-invalid").as_deref(), Some("false"));
    assert!(input(&host, "External ID").get_attribute("maxlength").is_none(), "never truncated silently");
    assert_eq!(mock.count(), 0);
}

#[wasm_bindgen_test]
async fn submitting_an_empty_form_sends_nothing_and_focuses_the_first_invalid_field() {
    let mock = MockFetch::install(|_| Reply::Json(200, r#"{"entity":1,"warnings":[]}"#.into()));
    let host = open("/groups/new").await;
    button(&host, "Add extended field").click();
    tick().await;
    type_into(&host, "Max group size", "2.5");
    submit(&host);
    settle().await;
    assert_eq!(message_for(&host, "External ID"), "Enter an external ID.");
    assert_eq!(message_for(&host, "Max group size"), "The group size must be a whole number, not a decimal.");
    assert_eq!(message_for(&host, "Field name"), "Enter a field name.");
    assert_eq!(active_id(), "group-external-id");
    for (value, expected) in [
        ("", "Enter the maximum group size."),
        ("abc", "Enter a whole number, like 6."),
        ("0", "The group size must be at least 1."),
        ("30001", "The group size can be at most 30,000 (the org's limit)."),
    ] {
        type_into(&host, "Max group size", value);
        tick().await;
        assert_eq!(message_for(&host, "Max group size"), expected, "for {value:?}");
    }
    assert_eq!(mock.count(), 0, "nothing is sent while anything is invalid");
}

#[wasm_bindgen_test]
async fn the_button_is_disabled_while_the_request_is_in_flight_and_one_request_is_sent() {
    let mock = MockFetch::install(|_| Reply::Hold);
    let host = open("/groups/new").await;
    type_into(&host, "External ID", " fleet_42 ");
    type_into(&host, "Max group size", "6");
    submit(&host);
    settle().await;
    let b = button(&host, "Creating…");
    assert!(b.disabled());
    submit(&host); // a second Enter while in flight
    settle().await;
    assert_eq!(mock.count(), 1, "double submission is impossible");
    let call = mock.last();
    assert_eq!(call.method, "POST");
    assert!(call.url.ends_with("/v2/userGroup2"));
    assert_eq!(call.header("content-type"), Some("application/json"));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&call.body).unwrap(),
        serde_json::json!({"externalId": "fleet_42", "maxGroupSize": 6})
    );
    mock.release(200, r#"{"entity": 3962909, "warnings": [{"status": false, "code": 91016, "message": "bad field"}]}"#);
    assert!(wait_for(|| host.text_content().unwrap_or_default().contains("Open group 3962909")).await);
    let page = host.text_content().unwrap();
    assert!(page.contains("The group was created, but its extended fields were not saved"), "{page}");
    assert_eq!(link_by_text(&host, "Open group 3962909").get_attribute("href").as_deref(), Some("/groups/3962909"));
}

#[wasm_bindgen_test]
async fn a_duplicate_external_id_is_reported_on_the_field() {
    let _mock = MockFetch::install(|_| {
        Reply::Json(
            400,
            r#"{"errors":[{"code":1633,"message":"Group ID exists","status":false}],"warnings":[]}"#.into(),
        )
    });
    let host = open("/groups/new").await;
    type_into(&host, "External ID", "uat_ug_10_txn");
    type_into(&host, "Max group size", "6");
    submit(&host);
    assert!(wait_for(|| message_for(&host, "External ID").contains("already exists")).await);
    assert!(host.query_selector("[role=alert]").unwrap().is_none(), "no alert: the message is on the field");
    assert_eq!(active_id(), "group-external-id");
}

#[wasm_bindgen_test]
async fn a_server_error_keeps_every_value_and_retry_sends_again() {
    let mock = MockFetch::install(|_| {
        Reply::Text(500, "<html><body><h1>Internal Server Error</h1></body></html>".into(), "text/html")
    });
    let host = open("/groups/new").await;
    type_into(&host, "External ID", "keep_me");
    type_into(&host, "Group name", "Keep me too");
    type_into(&host, "Max group size", "12");
    submit(&host);
    assert!(wait_for(|| host.query_selector("[role=alert]").unwrap().is_some()).await);
    let alert = text(&host, "[role=alert]");
    assert!(alert.contains("HTTP 500"), "{alert}");
    assert_eq!(input(&host, "External ID").value(), "keep_me");
    assert_eq!(input(&host, "Group name").value(), "Keep me too");
    assert_eq!(input(&host, "Max group size").value(), "12");
    button(&host, "Retry").click();
    assert!(wait_for(|| mock.count() == 2).await, "Retry sends the same form again");
}

#[wasm_bindgen_test]
async fn reward_group_rank_is_omitted_when_empty_and_a_duplicate_name_lands_on_the_field() {
    let mock = MockFetch::install(|_| {
        Reply::Json(400, r#"{"status":{"success":false,"code":12012,"message":"Group name must be unique"}}"#.into())
    });
    let host = open("/reward-groups/new").await;
    type_into(&host, "Name", "  Gold tier  ");
    type_into(&host, "Rank", "");
    submit(&host);
    assert!(wait_for(|| message_for(&host, "Name") == "A reward group with this name already exists.").await);
    assert_eq!(mock.last().body, r#"{"name":"Gold tier"}"#);
    assert!(mock.last().url.ends_with("/api_gateway/core/v1/group/create"));
    type_into(&host, "Rank", "0");
    submit(&host);
    settle().await;
    assert_eq!(message_for(&host, "Rank"), "The rank must be at least 1.");
    assert_eq!(mock.count(), 1);
}

#[wasm_bindgen_test]
async fn edit_prefills_shows_the_changes_and_puts_only_them() {
    let mock = MockFetch::install(|call| {
        if call.method == "GET" {
            Reply::Json(200, GROUP_3918893.into())
        } else {
            Reply::Json(200, r#"{"id":3918893,"externalId":"uat_ug_10_txn","groupName":"Renamed","maxGroupSize":6,"extendedFields":{},"warnings":[]}"#.into())
        }
    });
    let host = open("/groups/3918893/edit").await;
    assert!(wait_for(|| label_for(&host, "Group name").is_some()).await);
    assert_eq!(input(&host, "Group name").value(), "uatUserGroup10Transactions");
    assert_eq!(input(&host, "Max group size").value(), "6");
    type_into(&host, "Max group size", "2");
    tick().await;
    assert_eq!(message_for(&host, "Max group size"), "The group has 3 active members, so the size cannot be below 3.");
    type_into(&host, "Max group size", "6");
    type_into(&host, "Group name", "Renamed");
    tick().await;
    let changes = text(&host, ".changes");
    assert!(changes.contains("uatUserGroup10Transactions → Renamed"), "{changes}");
    submit(&host);
    assert!(wait_for(|| host.text_content().unwrap_or_default().contains("Changes saved")).await);
    let put = mock.last();
    assert_eq!(put.method, "PUT");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&put.body).unwrap(),
        serde_json::json!({"id": 3918893, "groupName": "Renamed"})
    );
}

/// Defect: a deployment's presets (config.json) that arrived after Settings opened re-filled
/// every field, replacing what the user had typed (and then saved it).
#[wasm_bindgen_test]
async fn a_late_config_json_fills_only_the_fields_the_user_has_not_touched() {
    let mock = MockFetch::install(|_| Reply::Json(200, "{}".into()));
    mock.hold_config();
    clear_storage();
    navigate_to("/settings");
    let host = mount(group_console::boot::app::App);
    settle().await;
    type_into(&host, "API base URL", "https://typed.example");
    type_into(&host, "Max group size limit", "500");
    tick().await;
    mock.release(200, r#"{"apiBaseUrl": "https://preset.example", "timeoutSecs": 42, "maxGroupSizeLimit": 900}"#);
    settle().await;
    assert_eq!(input(&host, "API base URL").value(), "https://typed.example", "what the user typed stays");
    assert_eq!(input(&host, "Max group size limit").value(), "500");
    assert_eq!(input(&host, "Request timeout (seconds)").value(), "42", "an untouched field takes the preset");
    submit(&host);
    settle().await;
    let saved = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("gc.settings").unwrap().unwrap();
    assert!(saved.contains(r#""apiBaseUrl":"https://typed.example""#), "{saved}");
    assert!(saved.contains(r#""timeoutSecs":42"#), "{saved}");
}

/// Org ID and Brand ID: empty or the platform's whole-number ID; a wrong one is said next to
/// its field and nothing is saved; config.json presets them.
#[wasm_bindgen_test]
async fn org_and_brand_ids_are_checked_saved_and_preset() {
    let mock = MockFetch::install(|_| Reply::Json(200, "{}".into()));
    mock.hold_config();
    clear_storage();
    navigate_to("/settings");
    let host = mount(group_console::boot::app::App);
    settle().await;
    mock.release(200, r#"{"orgId": 100737}"#);
    settle().await;
    assert_eq!(input(&host, "Org ID").value(), "100737", "the deployment's preset");
    type_into(&host, "Brand ID", "twenty-five");
    submit(&host);
    settle().await;
    assert_eq!(message_for(&host, "Brand ID"), "Enter the platform's ID: a whole number, or leave it empty.");
    let stored = || web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("gc.settings").unwrap();
    assert!(stored().is_none(), "nothing saved while a field is wrong");
    type_into(&host, "Brand ID", "25");
    submit(&host);
    settle().await;
    let saved = stored().unwrap();
    assert!(saved.contains(r#""brandId":25"#) && saved.contains(r#""orgId":100737"#), "{saved}");
}

/// Defect: `400 {}` on reward-group create showed "The platform refused the request." under
/// Name, with no status, no code and no Retry. An answer that names no field is an alert.
#[wasm_bindgen_test]
async fn a_bare_400_on_reward_create_is_an_alert_with_the_status_and_retry() {
    let mock = MockFetch::install(|_| Reply::Json(400, "{}".into()));
    let host = open("/reward-groups/new").await;
    type_into(&host, "Name", "VIP customers");
    submit(&host);
    assert!(wait_for(|| host.query_selector("[role=alert]").ok().flatten().is_some()).await, "an alert");
    let alert = text(&host, "[role=alert]");
    assert!(alert.contains("HTTP 400"), "{alert}");
    assert_eq!(message_for(&host, "Name"), "Must be unique in your org.", "nothing under Name");
    assert_eq!(input(&host, "Name").get_attribute("aria-invalid").as_deref(), Some("false"));
    button(&host, "Retry").click();
    settle().await;
    assert_eq!(mock.count(), 2, "Retry sends again");
    assert_eq!(input(&host, "Name").value(), "VIP customers", "what the user typed is kept");
}
