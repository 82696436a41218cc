//! The Members tab's dialogs in a real browser with a mocked platform: each says what will
//! happen before anything is sent, refuses what the platform would, and sends exactly the
//! request its confirmation described.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MEMBERS: &str = include_str!("../core/fixtures/members-response-basic.json");
const SEARCH: &str = include_str!("../core/fixtures/search-response-51334.json");
const WRITE_OK: &str = r#"{"warnings": [], "errors": [], "success": true}"#;

/// The platform: group 3918893 (the docs' example) with the members example (Father is the
/// primary member, Mother a member), and group 51334 as a possible target.
fn platform(call: &Call) -> Reply {
    let url = &call.url;
    if url.contains("/v2/userGroup2/members/permissions") {
        let items: serde_json::Value = serde_json::from_str(&call.body).unwrap();
        let response: Vec<_> = items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| serde_json::json!({"entityId": i, "result": i, "warnings": []}))
            .collect();
        return Reply::Json(
            200,
            serde_json::json!({"response": response, "totalCount": 1, "failureCount": 0}).to_string(),
        );
    }
    if url.contains("/v2/userGroup2/members") {
        return Reply::Json(200, MEMBERS.into());
    }
    if url.contains("/v2/userGroup2/search") {
        return Reply::Json(200, SEARCH.into());
    }
    if url.contains("id=51334") {
        return Reply::Json(200, GROUP_3918893.replace("3918893", "51334"));
    }
    if call.method == "DELETE" || url.contains("/transfer") {
        return Reply::Json(200, WRITE_OK.into());
    }
    Reply::Json(200, GROUP_3918893.into())
}

async fn open_members() -> (web_sys::HtmlElement, MockFetch) {
    let mock = MockFetch::install(platform);
    clear_storage();
    navigate_to("/groups/3918893/members");
    let host = mount(group_console::boot::app::App);
    assert!(wait_for(|| host.query_selector("table.members-list").ok().flatten().is_some()).await, "members listed");
    (host, mock)
}

fn dialog(id: &str) -> web_sys::Element {
    document().get_element_by_id(id).unwrap_or_else(|| panic!("no #{id}"))
}

fn button_in(root: &web_sys::Element, label: &str) -> web_sys::HtmlButtonElement {
    all(root, "button")
        .into_iter()
        .find(|b| {
            b.text_content().unwrap_or_default().trim() == label
                || b.get_attribute("aria-label").as_deref() == Some(label)
        })
        .unwrap_or_else(|| panic!("no button {label:?}"))
        .unchecked_into()
}

fn calls(mock: &MockFetch, method: &str) -> Vec<Call> {
    mock.calls.borrow().iter().filter(|c| c.method == method).cloned().collect()
}

#[wasm_bindgen_test]
async fn remove_offers_the_members_own_identifiers_and_sends_the_chosen_one() {
    let (host, mock) = open_members().await;
    button_in(&host, "Remove Mother").click();
    settle().await;
    let d = dialog("remove-dialog");
    assert_eq!(d.get_attribute("role").as_deref(), Some("alertdialog"));
    let text = d.text_content().unwrap();
    assert!(text.contains("stop sharing the group's points"), "{text}");
    let options: Vec<String> = all(&d, "input[type=radio]")
        .iter()
        .map(|r| document().query_selector(&format!("label[for={}]", r.id())).unwrap().unwrap().text_content().unwrap())
        .collect();
    assert_eq!(options, ["Mobile: 919988123457", "E-mail: mother@gmail.com", "External ID: mother"]);
    let email: web_sys::HtmlInputElement = all(&d, "input[type=radio]")[1].clone().unchecked_into();
    email.click();
    assert!(calls(&mock, "DELETE").is_empty(), "nothing sent before the confirmation");
    button_in(&d, "Remove member").click();
    assert!(wait_for(|| !calls(&mock, "DELETE").is_empty()).await);
    let url = calls(&mock, "DELETE")[0].url.clone();
    assert!(
        url.contains(
            "/v2/userGroup2/3918893/leave?source=INSTORE&identifierName=email&identifierValue=mother%40gmail.com"
        ),
        "{url}"
    );
    assert!(wait_for(|| d.text_content().unwrap().contains("was removed from the group")).await);
}

#[wasm_bindgen_test]
async fn removing_the_primary_member_says_the_group_is_deactivated_and_needs_the_external_id() {
    let (host, mock) = open_members().await;
    button_in(&host, "Remove Father").click();
    settle().await;
    let d = dialog("remove-dialog");
    let text = d.text_content().unwrap();
    assert!(text.contains("deactivates the whole group") && text.contains("cannot be undone"), "{text}");
    let confirm = button_in(&d, "Remove the primary member and deactivate the group");
    confirm.click();
    settle().await;
    assert!(d.text_content().unwrap().contains("Type uat_ug_10_txn exactly to confirm."));
    assert_eq!(active_id(), "remove-confirm");
    assert!(calls(&mock, "DELETE").is_empty(), "nothing sent without the external ID");
    type_into(&d, "Type the group's external ID, uat_ug_10_txn, to confirm", "uat_ug_10_txn");
    confirm.click();
    assert!(wait_for(|| calls(&mock, "DELETE").len() == 1).await);
    assert!(wait_for(|| d.text_content().unwrap().contains("The group is now inactive.")).await);
}

#[wasm_bindgen_test]
async fn permissions_show_old_and_new_and_send_the_whole_replacement() {
    let (host, mock) = open_members().await;
    button_in(&host, "Permissions of Mother").click();
    settle().await;
    let d = dialog("permissions-dialog");
    // Mother may redeem but not transfer: the choices start there.
    let allow_transfer: web_sys::HtmlInputElement =
        document().get_element_by_id("perm-transfer-allow").unwrap().unchecked_into();
    assert!(!allow_transfer.checked());
    allow_transfer.click();
    settle().await;
    let text = d.text_content().unwrap();
    assert!(text.contains("Redeem: allowed · Transfer: blocked → Redeem: allowed · Transfer: allowed"), "{text}");
    button_in(&d, "Save permissions").click();
    assert!(wait_for(|| calls(&mock, "PUT").len() == 1).await);
    let put = calls(&mock, "PUT")[0].clone();
    assert!(put.url.contains("/v2/userGroup2/members/permissions?id=3918893"), "{}", put.url);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&put.body).unwrap(),
        serde_json::json!([{"userId": 568077476, "permissions": ["allow_points_redemption", "allow_points_transfer"]}])
    );
    assert!(wait_for(|| d.text_content().unwrap().contains("Changed")).await);
}

#[wasm_bindgen_test]
async fn moving_the_primary_member_is_refused_before_sending_and_points_stay_behind_is_said() {
    let (host, mock) = open_members().await;
    let pick: web_sys::HtmlInputElement =
        document().get_element_by_id("member-pick-568077466").unwrap().unchecked_into();
    pick.click();
    settle().await;
    button_in(&host, "Move selected (1)").click();
    settle().await;
    let d = dialog("move-dialog");
    assert!(d.text_content().unwrap().contains("Points stay behind."));
    type_into(&d, "Find the group to move them to", "natwest");
    assert!(wait_for(|| document().get_element_by_id("move-target-51334").is_some()).await, "the search offers 51334");
    let target: web_sys::HtmlInputElement = document().get_element_by_id("move-target-51334").unwrap().unchecked_into();
    target.click();
    assert!(wait_for(|| d.text_content().unwrap().contains("is the primary member and cannot be moved")).await);
    assert!(button_in(&d, "Move 1 member").disabled());
    assert!(mock.calls.borrow().iter().all(|c| !c.url.contains("/transfer")), "no transfer was sent");
}

#[wasm_bindgen_test]
async fn deleting_a_group_needs_its_external_id_typed() {
    let mock = MockFetch::install(platform);
    clear_storage();
    navigate_to("/groups/3918893");
    let host = mount(group_console::boot::app::App);
    assert!(wait_for(|| host.query_selector("[role=tablist]").ok().flatten().is_some()).await);
    button_in(&host, "Delete group").click();
    settle().await;
    let d = dialog("delete-dialog");
    assert!(d.text_content().unwrap().contains("cannot be undone"));
    type_into(&d, "Type the group's external ID, uat_ug_10_txn, to confirm", "uat_ug_10");
    button_in(&d, "Delete the group").click();
    settle().await;
    assert!(calls(&mock, "DELETE").is_empty(), "a wrong external ID sends nothing");
    type_into(&d, "Type the group's external ID, uat_ug_10_txn, to confirm", "uat_ug_10_txn");
    button_in(&d, "Delete the group").click();
    assert!(wait_for(|| calls(&mock, "DELETE").len() == 1).await);
    let sent = calls(&mock, "DELETE")[0].url.clone();
    assert!(sent.ends_with("/v2/userGroup2?id=3918893"), "the group's ID, and nothing after it: {sent}");
    let recent = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("gc.recent").unwrap().unwrap();
    assert!(recent.contains("\"deleted\""), "the recent list marks it: {recent}");
}

/// The message under a confirmation field, whether it reads as the field's error, and the
/// field's aria-invalid.
fn confirm_state(field_id: &str) -> (String, bool, String) {
    let msg = dialog(&format!("{field_id}-msg"));
    let field = dialog(field_id);
    (
        msg.text_content().unwrap_or_default(),
        msg.class_name() == "field__error",
        field.get_attribute("aria-invalid").unwrap_or_default(),
    )
}

/// A dialog that asks for the external ID typed: the words are a hint until a wrong value is
/// submitted, then the field's error (aria-invalid, focus) until the value changes; nothing
/// is sent meanwhile.
async fn typed_confirmation_is_a_hint_until_a_wrong_value_is_submitted(
    d: &web_sys::Element,
    field_id: &str,
    submit_label: &str,
    mock: &MockFetch,
) {
    let label = "Type the group's external ID, uat_ug_10_txn, to confirm";
    let hint = ("Type uat_ug_10_txn exactly to confirm.".to_string(), false, "false".to_string());
    let error = ("Type uat_ug_10_txn exactly to confirm.".to_string(), true, "true".to_string());
    assert_eq!(confirm_state(field_id), hint, "a hint before anything is typed");
    button_in(d, submit_label).click();
    settle().await;
    assert_eq!(confirm_state(field_id), hint, "nothing typed is no mistake: the hint says what to do");
    assert_eq!(active_id(), field_id, "the field takes the focus");
    type_into(d, label, "uat_ug_10");
    settle().await;
    assert_eq!(confirm_state(field_id), hint, "typing is not submitting");
    button_in(d, submit_label).click();
    settle().await;
    assert_eq!(confirm_state(field_id), error, "a wrong value submitted is the field's error");
    assert_eq!(active_id(), field_id);
    type_into(d, label, "uat_ug_10_");
    settle().await;
    assert_eq!(confirm_state(field_id), hint, "an edit takes the error back to a hint");
    button_in(d, submit_label).click();
    settle().await;
    assert_eq!(confirm_state(field_id), error);
    assert!(calls(mock, "DELETE").is_empty(), "nothing sent without the external ID");
    type_into(d, label, "uat_ug_10_txn");
    button_in(d, submit_label).click();
    assert!(wait_for(|| calls(mock, "DELETE").len() == 1).await);
}

#[wasm_bindgen_test]
async fn removing_the_primary_member_says_what_to_type_as_a_hint_until_a_wrong_value_is_submitted() {
    let (host, mock) = open_members().await;
    button_in(&host, "Remove Father").click();
    settle().await;
    let d = dialog("remove-dialog");
    typed_confirmation_is_a_hint_until_a_wrong_value_is_submitted(
        &d,
        "remove-confirm",
        "Remove the primary member and deactivate the group",
        &mock,
    )
    .await;
}

#[wasm_bindgen_test]
async fn deleting_a_group_says_what_to_type_as_a_hint_until_a_wrong_value_is_submitted() {
    let mock = MockFetch::install(platform);
    clear_storage();
    navigate_to("/groups/3918893");
    let host = mount(group_console::boot::app::App);
    assert!(wait_for(|| host.query_selector("[role=tablist]").ok().flatten().is_some()).await);
    button_in(&host, "Delete group").click();
    settle().await;
    let d = dialog("delete-dialog");
    typed_confirmation_is_a_hint_until_a_wrong_value_is_submitted(&d, "delete-confirm", "Delete the group", &mock)
        .await;
}
