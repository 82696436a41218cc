//! Finding groups against the emulator: the search box, the extended-field search and a
//! customer's groups, each agreeing with `GET /v2/userGroup2`.

mod common;

use common::{code, start, Api};
use serde_json::{json, Value};

const SEARCH: &str = "/v2/userGroup2/search";
const EXT: &str = "/v2/userGroup2/extendedFieldSearch";

fn ids(body: &Value) -> Vec<i64> {
    body["data"].as_array().unwrap().iter().map(|g| g["groupId"].as_i64().unwrap()).collect()
}

/// The found group says what the GET says.
async fn agrees_with_get(api: &Api, found: &Value) {
    let (_, g) = api.get(&format!("/v2/userGroup2?id={}", found["groupId"])).await;
    assert_eq!(found["groupName"], g["groupName"]);
    assert_eq!(found["groupStatus"], g["groupStatus"]);
    assert_eq!(found["groupExternalId"], g["externalId"]);
    assert_eq!(found["totalMembers"], g["totalActiveMembers"]);
    assert_eq!(found["totalExitedMembers"], g["totalExitedMembers"]);
}

#[tokio::test]
async fn by_name_any_case_finds_the_group_as_the_get_shows_it() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, body) = api.get(&format!("{SEARCH}?q=SHARMA")).await;
    assert_eq!(status, 200);
    assert_eq!(ids(&body), [3920001]);
    let g = &body["data"][0];
    assert_eq!((g["firstName"].as_str(), g["lastName"].as_str()), (Some("Priya"), Some("Sharma")));
    assert_eq!((g["primaryMemberId"].as_i64(), g["mobile"].as_str()), (Some(700100001), Some("919876500001")));
    assert_eq!(g["email"], "priya.sharma@example.com");
    assert_eq!(g["totalMembers"], 3);
    assert_eq!(g["extendedFields"]["family_type"], "nuclear");
    assert_eq!(body["pagination"], json!({"limit": 10, "offset": 0, "total": 1}));
    assert_eq!((&body["warnings"], &body["errors"]), (&json!([]), &json!([])));
    agrees_with_get(&api, g).await;
}

#[tokio::test]
async fn by_mobile_with_or_without_the_country_code() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for q in ["919876500001", "9876500001", "%2B91%2098765%2000001"] {
        let (status, body) = api.get(&format!("{SEARCH}?q={q}")).await;
        assert_eq!((status, ids(&body)), (200, vec![3920001]), "{q}");
    }
    // A generated primary member's mobile too (the 30,000-member group's first member).
    let (_, body) = api.get(&format!("{SEARCH}?q=8800000000")).await;
    assert_eq!(ids(&body), [5000000]);
    agrees_with_get(&api, &body["data"][0]).await;
}

#[tokio::test]
async fn by_email_whole_or_part_in_any_case() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for q in ["priya.sharma@example.com", "PRIYA.SHARMA"] {
        let (_, body) = api.get(&format!("{SEARCH}?q={q}")).await;
        assert_eq!(ids(&body), [3920001], "{q}");
    }
}

#[tokio::test]
async fn by_external_id_and_by_group_id() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, body) = api.get(&format!("{SEARCH}?q=family_okafor")).await;
    assert_eq!(ids(&body), [3920002]);
    agrees_with_get(&api, &body["data"][0]).await;
    let (_, body) = api.get(&format!("{SEARCH}?q=3920004")).await;
    assert_eq!(ids(&body), [3920004]);
    agrees_with_get(&api, &body["data"][0]).await;
    // The docs' group, whose GET example carries no names: its primary has them here.
    let (_, body) = api.get(&format!("{SEARCH}?q=uat_ug_10_txn")).await;
    assert_eq!(ids(&body), [3918893]);
    assert_eq!(body["data"][0]["firstName"], "Maya");
    agrees_with_get(&api, &body["data"][0]).await;
}

#[tokio::test]
async fn by_card_number_exactly() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, body) = api.get(&format!("{SEARCH}?q=GC0700100001")).await;
    assert_eq!(ids(&body), [3920001]);
    let (_, body) = api.get(&format!("{SEARCH}?q=GC07001000")).await;
    assert_eq!(ids(&body), Vec::<i64>::new(), "part of a card number is not a card number");
}

#[tokio::test]
async fn nothing_found_is_an_empty_page() {
    let s = start(&[]).await;
    let (status, body) = Api::basic(&s).get(&format!("{SEARCH}?q=no-such-group-anywhere")).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"], json!([]));
    assert_eq!(body["pagination"]["total"], 0);
}

#[tokio::test]
async fn a_search_text_over_50_characters_is_91015() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, body) = api.get(&format!("{SEARCH}?q={}", "a".repeat(51))).await;
    assert_eq!((status, code(&body)), (400, 91015));
    // 25 emoji are 50 UTF-16 units: allowed.
    let (status, _) = api.get(&format!("{SEARCH}?q={}", "%F0%9F%98%80".repeat(25))).await;
    assert_eq!(status, 200);
    let (status, body) = api.get(&format!("{SEARCH}?q=a{}", "%F0%9F%98%80".repeat(25))).await;
    assert_eq!((status, code(&body)), (400, 91015));
}

#[tokio::test]
async fn no_search_text_is_91052() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for path in
        [SEARCH.to_string(), format!("{SEARCH}?q="), format!("{SEARCH}?q=%20%20"), format!("{SEARCH}?id=3920001")]
    {
        let (status, body) = api.get(&path).await;
        assert_eq!((status, code(&body)), (400, 91052), "{path}");
    }
}

#[tokio::test]
async fn pages_by_offset_and_limit_in_group_id_order() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, all) = api.get(&format!("{SEARCH}?q=family_")).await;
    assert_eq!(ids(&all), [3920001, 3920002, 3920003, 3920004, 3920005, 3920006]);
    let (_, page) = api.get(&format!("{SEARCH}?q=family_&offset=2&limit=2")).await;
    assert_eq!(ids(&page), [3920003, 3920004]);
    assert_eq!(page["pagination"], json!({"limit": 2, "offset": 2, "total": 6}));
    let (_, last) = api.get(&format!("{SEARCH}?q=family_&offset=5&limit=2")).await;
    assert_eq!(ids(&last), [3920006]);
    let (_, capped) = api.get(&format!("{SEARCH}?q=family_&limit=1000")).await;
    assert_eq!(capped["pagination"]["limit"], 100);
}

#[tokio::test]
async fn inactive_and_deleted_groups_are_found_with_their_status() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, body) = api.get(&format!("{SEARCH}?q=mensah")).await;
    assert_eq!((ids(&body), &body["data"][0]["groupStatus"]), (vec![3920005], &json!("INACTIVE")));
    agrees_with_get(&api, &body["data"][0]).await;
    let (_, body) = api.get(&format!("{SEARCH}?q=kowalski")).await;
    assert_eq!((ids(&body), &body["data"][0]["groupStatus"]), (vec![3920006], &json!("DELETED")));
    assert_eq!(body["data"][0]["totalMembers"], 0);
}

#[tokio::test]
async fn a_group_without_a_primary_member_has_no_primary_fields() {
    let s = start(&[]).await;
    let (_, body) = Api::basic(&s).get(&format!("{SEARCH}?q=lindqvist")).await;
    let g = body["data"][0].as_object().unwrap();
    for key in ["firstName", "lastName", "email", "mobile", "primaryMemberId"] {
        assert!(!g.contains_key(key), "{key} in {g:?}");
    }
    assert_eq!(g["totalMembers"], 2);
}

#[tokio::test]
async fn extended_field_search_every_field_must_match_as_text() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, body) = api.post(EXT, json!({"extendedFields": {"family_type": "NUCLEAR"}})).await;
    assert_eq!(status, 200);
    assert_eq!(ids(&body), [3920001, 3920004, 3920005]);
    let (_, both) = api.post(EXT, json!({"extendedFields": {"family_type": "nuclear", "platinum": "2"}})).await;
    assert_eq!(ids(&both), [3920004]);
    assert_eq!(both["data"][0]["totalActiveMembers"], 5);
    agrees_with_get(&api, &both["data"][0]).await;
    let (_, paged) =
        api.post(&format!("{EXT}?offset=1&limit=1"), json!({"extendedFields": {"family_type": "nuclear"}})).await;
    assert_eq!(ids(&paged), [3920004]);
    assert_eq!(paged["pagination"], json!({"limit": 1, "offset": 1, "total": 3}));
    let (_, none) = api.post(EXT, json!({"extendedFields": {"platinum": 999}})).await;
    assert_eq!((ids(&none), &none["pagination"]["total"]), (vec![], &json!(0)));
}

#[tokio::test]
async fn extended_field_search_without_fields_is_1661_and_an_unknown_field_91016() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for body in [json!({"extendedFields": {}}), json!({}), json!({"extendedFields": null})] {
        let (status, b) = api.post(EXT, body.clone()).await;
        assert_eq!((status, code(&b)), (400, 1661), "{body}");
    }
    let (status, b) = api.post(EXT, json!({"extendedFields": {"colour": "red"}})).await;
    assert_eq!((status, code(&b)), (400, 91016));
    assert!(b["errors"][0]["message"].as_str().unwrap().contains("colour"));
}

#[tokio::test]
async fn a_customers_groups_by_id_current_and_past() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let q = "source=INSTORE&includedAllUserGroup2=true&ug2PaginationDetails=true&ug2Offset=0&ug2Limit=10";
    let (status, c) = api.get(&format!("/v2/customers/700100001?{q}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (c["id"].as_i64(), c["firstName"].as_str(), c["mobile"].as_str()),
        (Some(700100001), Some("Priya"), Some("919876500001"))
    );
    let g = &c["userGroup2"][0];
    assert_eq!((g["groupId"].as_i64(), g["groupName"].as_str()), (Some(3920001), Some("The Sharma Family")));
    assert_eq!(
        (g["primaryMember"].as_bool(), g["active"].as_bool(), g["groupStatus"].as_str()),
        (Some(true), Some(true), Some("ACTIVE"))
    );
    assert_eq!(g["joinedOn"], "2025-08-14");
    assert_eq!(c["ug2Pagination"], json!({"limit": 10, "offset": 0, "total": 1}));
    // A member who left is listed with active false.
    let (_, left) = api.get(&format!("/v2/customers/700100004?{q}")).await;
    assert_eq!(
        (left["userGroup2"][0]["groupId"].as_i64(), left["userGroup2"][0]["active"].as_bool()),
        (Some(3920001), Some(false))
    );
    // A free customer has none.
    let (_, free) = api.get(&format!("/v2/customers/790000001?{q}")).await;
    assert_eq!((free["firstName"].as_str(), &free["userGroup2"]), (Some("Aisha"), &json!([])));
}

#[tokio::test]
async fn a_customers_groups_by_mobile_or_email_lookup() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let base = "/v2/customers/lookup/customerDetails?source=INSTORE&includedAllUserGroup2=true";
    for (name, value) in [
        ("mobile", "9876500001"),
        ("mobile", "919876500001"),
        ("email", "Priya.Sharma%40example.com"),
        ("externalId", "cust-700100001"),
    ] {
        let (status, c) = api.get(&format!("{base}&identifierName={name}&identifierValue={value}")).await;
        assert_eq!((status, c["id"].as_i64()), (200, Some(700100001)), "{name}={value}");
        assert_eq!(c["userGroup2"][0]["groupId"], 3920001);
    }
}

#[tokio::test]
async fn an_unknown_customer_is_8015() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api.get("/v2/customers/123?source=INSTORE&includedAllUserGroup2=true").await;
    assert_eq!((status, code(&b)), (400, 8015));
    let (status, b) = api
        .get("/v2/customers/lookup/customerDetails?source=INSTORE&identifierName=mobile&identifierValue=910000000000")
        .await;
    assert_eq!((status, code(&b)), (400, 8015));
    let (status, _) = api
        .get("/v2/customers/lookup/customerDetails?source=INSTORE&identifierName=cardnumber&identifierValue=x")
        .await;
    assert_eq!(status, 400, "lookup takes mobile, email or externalId");
}
