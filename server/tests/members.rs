//! A group's members against the emulator: the members list, join, leave, transfer,
//! permissions and delete, and that `GET /v2/userGroup2`, the search and the control state
//! agree after every write.

mod common;

use common::{code, start, Api};
use serde_json::{json, Value};

const UG: &str = "/v2/userGroup2";
const JOIN: &str = "/v2/userGroup2/join";

fn members_path(group: u64, extra: &str) -> String {
    format!("/v2/userGroup2/members?source=INSTORE&identifierName=id&identifierValue={group}{extra}")
}

fn leave_path(group: u64, name: &str, value: &str) -> String {
    format!("/v2/userGroup2/{group}/leave?source=INSTORE&identifierName={name}&identifierValue={value}")
}

fn user_ids(body: &Value) -> Vec<i64> {
    body["data"].as_array().unwrap().iter().map(|m| m["fleetUserId"].as_i64().unwrap()).collect()
}

/// The GET's membership of one user: `Some(active)`, or `None` when not listed.
async fn get_member(api: &Api, group: u64, user: u64) -> Option<bool> {
    let (_, g) = api.get(&format!("{UG}?id={group}")).await;
    g["fleetGroupUsers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["userId"] == user)
        .map(|m| m["active"].as_bool().unwrap())
}

async fn totals(api: &Api, group: u64) -> (i64, i64, String) {
    let (_, g) = api.get(&format!("{UG}?id={group}")).await;
    (
        g["totalActiveMembers"].as_i64().unwrap(),
        g["totalExitedMembers"].as_i64().unwrap(),
        g["groupStatus"].as_str().unwrap().to_string(),
    )
}

fn item_codes(body: &Value) -> Vec<Option<i64>> {
    body["response"].as_array().unwrap().iter().map(|i| i["errors"][0]["code"].as_i64()).collect()
}

// ------------------------------------------------------------------ members list

#[tokio::test]
async fn members_pages_with_every_field_of_the_examples() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, body) = api.get(&members_path(5000300, "&paginationDetails=true&limit=20&offset=40")).await;
    assert_eq!(status, 200);
    assert_eq!(body["pagination"], json!({"limit": 20, "offset": 40, "sortOrder": "DESC", "total": 290}));
    assert_eq!(body["data"].as_array().unwrap().len(), 20);
    let m = &body["data"][0];
    for key in [
        "firstName",
        "lastName",
        "joinedOn",
        "permissions",
        "pointsContributed",
        "email",
        "mobile",
        "role",
        "identifiers",
    ] {
        assert!(m.get(key).is_some(), "{key} missing in {m}");
    }
    assert_eq!((m["inActive"].as_bool(), m["primaryMember"].as_bool()), (Some(true), Some(false)));
    assert!(m["permissions"].is_string(), "a comma-separated string, as the examples");
    assert_eq!(m["joinedOn"].as_str().unwrap().len(), 10);
    let kinds: Vec<&str> = m["identifiers"].as_array().unwrap().iter().map(|i| i["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["mobile", "email", "externalId"]);
    assert!(m.get("cards").is_none(), "cards only when asked");
    // Without paginationDetails there is no pagination object; the default page is 20.
    let (_, plain) = api.get(&members_path(5000300, "")).await;
    assert!(plain.get("pagination").is_none());
    assert_eq!(plain["data"].as_array().unwrap().len(), 20);
    let (_, big) = api.get(&members_path(5000000, "&limit=5000&paginationDetails=true")).await;
    assert_eq!((big["data"].as_array().unwrap().len(), &big["pagination"]["total"]), (1000, &json!(29750)));
}

#[tokio::test]
async fn members_newest_join_first_or_the_primary_first() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    // Sharma: the primary joined first, then 700100002 and 700100003; 700100004 left.
    let (_, body) = api.get(&members_path(3920001, "")).await;
    assert_eq!(user_ids(&body), [700100003, 700100002, 700100001]);
    let (_, body) = api.get(&members_path(3920001, "&sortBy=IS_PRIMARY")).await;
    assert_eq!(user_ids(&body), [700100001, 700100003, 700100002]);
    assert_eq!(
        (body["data"][0]["role"].as_str(), body["data"][0]["firstName"].as_str()),
        (Some("PRIMARY"), Some("Priya"))
    );
    assert_eq!(body["data"][0]["permissions"], "allow_points_redemption,allow_points_transfer");
    let (_, body) = api.get(&members_path(3920001, "&sortOrder=ASC")).await;
    assert_eq!(user_ids(&body), [700100001, 700100002, 700100003]);
}

#[tokio::test]
async fn members_date_filter_is_inclusive_on_the_join_day() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    // Joined 2025-08-14, 2025-09-04, 2025-09-25.
    let (_, body) = api.get(&members_path(3920001, "&fromDate=2025-09-04&toDate=2025-09-25")).await;
    assert_eq!(user_ids(&body), [700100003, 700100002]);
    let (_, body) = api
        .get(&members_path(
            3920001,
            "&fromDate=2025-09-04%2023:59:59&toDate=2025-09-25%2000:00:00&paginationDetails=true",
        ))
        .await;
    assert_eq!((user_ids(&body), &body["pagination"]["total"]), (vec![700100003, 700100002], &json!(2)));
    let (_, body) = api.get(&members_path(3920001, "&fromDate=2025-09-05")).await;
    assert_eq!(user_ids(&body), [700100003]);
    let (status, _) = api.get(&members_path(3920001, "&fromDate=yesterday")).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn members_with_cards_and_their_status() {
    let s = start(&[]).await;
    let (_, body) = Api::basic(&s)
        .get(&members_path(3920001, "&includeCardDetails=true&includeStatusDetails=true&sortBy=IS_PRIMARY"))
        .await;
    let card = &body["data"][0]["cards"][0];
    assert_eq!((card["cardNumber"].as_str(), card["type"].as_str()), (Some("GC0700100001"), Some("DIGITAL")));
    assert_eq!(card["statusInfo"]["status"], "ACTIVE");
    let (_, body) = Api::basic(&s).get(&members_path(3920001, "&includeCardDetails=true")).await;
    assert!(body["data"][0]["cards"][0].get("statusInfo").is_none());
}

#[tokio::test]
async fn members_of_an_unknown_group_1632_or_by_another_identifier_1635() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api.get(&members_path(999, "")).await;
    assert_eq!((status, code(&b)), (400, 1632));
    let (status, b) =
        api.get("/v2/userGroup2/members?source=INSTORE&identifierName=externalId&identifierValue=family_sharma").await;
    assert_eq!((status, code(&b)), (400, 1635));
    let (status, b) = api.get("/v2/userGroup2/members?source=INSTORE").await;
    assert_eq!((status, code(&b)), (400, 1635));
}

// ------------------------------------------------------------------ join

#[tokio::test]
async fn join_three_where_one_is_a_member_adds_the_other_two() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let body = json!([
        {"userId": 790000001, "primaryMember": false, "permissions": ["allow_points_redemption"], "defaultGroup": true, "active": true},
        {"userId": 700800002, "permissions": []},
        {"userId": "790000002", "permissions": ["allow_points_redemption", "block_points_transfer"]}
    ]);
    let (status, r) = api.post(&format!("{JOIN}?id=3920007"), body).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!((r["totalCount"].as_i64(), r["failureCount"].as_i64()), (Some(3), Some(1)));
    assert_eq!(item_codes(&r), [None, Some(1636), None]);
    let failed = &r["response"][1];
    assert_eq!((&failed["result"], failed["errors"][0]["status"].as_bool()), (&Value::Null, Some(false)));
    assert_eq!(failed["entityId"]["userId"], 700800002);
    let ok = &r["response"][2]["result"];
    assert_eq!(
        (ok["userId"].as_i64(), ok["groupId"].as_i64(), ok["active"].as_bool()),
        (Some(790000002), Some(3920007), Some(true))
    );
    assert_eq!(ok["permissions"], json!(["allow_points_redemption", "block_points_transfer"]));
    assert_eq!(totals(&api, 3920007).await, (4, 0, "ACTIVE".into()));
    assert_eq!(get_member(&api, 3920007, 790000001).await, Some(true));
    let (_, listed) = api.get(&members_path(3920007, "&sortBy=IS_PRIMARY")).await;
    assert_eq!(listed["data"].as_array().unwrap().len(), 4);
    let (_, found) = api.get("/v2/userGroup2/search?q=team_open").await;
    assert_eq!(found["data"][0]["totalMembers"], 4);
    let control = api.control_group(3920007).await;
    assert_eq!(control["activeMemberIds"], json!([700800001, 700800002, 790000001, 790000002]));
}

#[tokio::test]
async fn join_past_capacity_refuses_the_overflow_with_1638() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    // Okafor: 3 of at most 4.
    let items = json!([{"userId": 790000003}, {"userId": 790000004}, {"userId": 790000005}]);
    let (status, r) = api.post(&format!("{JOIN}?externalId=family_okafor"), items).await;
    assert_eq!(status, 200);
    assert_eq!(item_codes(&r), [None, Some(1638), Some(1638)]);
    assert_eq!(r["failureCount"], 2);
    assert_eq!(totals(&api, 3920002).await.0, 4);
}

#[tokio::test]
async fn join_a_second_primary_is_1637_and_a_first_one_is_welcome() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, r) = api.post(&format!("{JOIN}?id=3920001"), json!([{"userId": 790000006, "primaryMember": true}])).await;
    assert_eq!(item_codes(&r), [Some(1637)]);
    // Lindqvist has no primary: the first one may join, a second in the same batch may not.
    let two = json!([{"userId": 790000006, "primaryMember": true}, {"userId": 790000007, "primaryMember": true}]);
    let (_, r) = api.post(&format!("{JOIN}?id=3920003"), two).await;
    assert_eq!(item_codes(&r), [None, Some(1637)]);
    let (_, g) = api.get(&format!("{UG}?primaryUserId=790000006")).await;
    assert_eq!(g["id"], 3920003);
}

#[tokio::test]
async fn join_with_an_unknown_permission_is_1641() {
    let s = start(&[]).await;
    let (_, r) = Api::basic(&s)
        .post(&format!("{JOIN}?id=3920007"), json!([{"userId": 790000008, "permissions": ["allow_everything"]}]))
        .await;
    assert_eq!(item_codes(&r), [Some(1641)]);
    assert!(r["response"][0]["errors"][0]["message"].as_str().unwrap().contains("allow_everything"));
}

#[tokio::test]
async fn join_of_an_unknown_customer_is_8015() {
    let s = start(&[]).await;
    let (_, r) =
        Api::basic(&s).post(&format!("{JOIN}?id=3920007"), json!([{"userId": 123}, {"userId": 820000042}])).await;
    assert_eq!(item_codes(&r), [Some(8015), None]);
}

#[tokio::test]
async fn join_of_another_groups_primary_is_1642() {
    let s = start(&[]).await;
    let (_, r) = Api::basic(&s).post(&format!("{JOIN}?id=3920007"), json!([{"userId": 700100001}])).await;
    assert_eq!(item_codes(&r), [Some(1642)]);
}

#[tokio::test]
async fn join_refusals_of_the_whole_request() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let one = json!([{"userId": 790000009}]);
    let (status, b) = api.post(JOIN, one.clone()).await;
    assert_eq!((status, code(&b)), (400, 1635));
    for group in ["id=999", "id=3920005", "id=3920006", "externalId=nope"] {
        let (status, b) = api.post(&format!("{JOIN}?{group}"), one.clone()).await;
        assert_eq!((status, code(&b)), (400, 1632), "{group}");
    }
    for body in [json!({}), json!([]), json!("x")] {
        let (status, b) = api.post(&format!("{JOIN}?id=3920007"), body.clone()).await;
        assert_eq!((status, code(&b)), (400, 403), "{body}");
    }
    assert_eq!(totals(&api, 3920007).await.0, 2, "nothing was added");
}

#[tokio::test]
async fn a_member_who_left_may_join_again() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    assert_eq!(get_member(&api, 3920001, 700100004).await, Some(false));
    let (_, r) = api.post(&format!("{JOIN}?id=3920001"), json!([{"userId": 700100004}])).await;
    assert_eq!(item_codes(&r), [None]);
    assert_eq!(get_member(&api, 3920001, 700100004).await, Some(true));
    assert_eq!(totals(&api, 3920001).await, (4, 0, "ACTIVE".into()));
}

#[tokio::test]
async fn a_truncated_answer_to_a_join_still_added_the_member_once() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, _) = Api::control(&s.url())
        .post("/__emulator/faults", json!({"kind": "truncated", "method": "POST", "path": JOIN}))
        .await;
    assert_eq!(status, 200);
    let text = api
        .raw(reqwest::Method::POST, &format!("{JOIN}?id=3920007"), Some(r#"[{"userId": 790000010}]"#))
        .await
        .text()
        .await
        .unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "the answer was cut: {text}");
    // The console's retry meets 1636, and the state has the member once.
    let (_, r) = api.post(&format!("{JOIN}?id=3920007"), json!([{"userId": 790000010}])).await;
    assert_eq!(item_codes(&r), [Some(1636)]);
    let control = api.control_group(3920007).await;
    let ids = control["activeMemberIds"].as_array().unwrap();
    assert_eq!(ids.iter().filter(|i| **i == 790000010).count(), 1);
    assert_eq!(control["activeMembers"], 3);
}

#[tokio::test]
async fn join_into_the_30000_member_group_and_its_get_follows() {
    let s = start(&["--max-group-size", "30000"]).await;
    let api = Api::basic(&s);
    let (_, r) = api.post(&format!("{JOIN}?id=5000000"), json!([{"userId": 820000001}, {"userId": 800000000}])).await;
    assert_eq!(item_codes(&r), [None, Some(1636)]);
    let (_, g) = api.get(&format!("{UG}?id=5000000")).await;
    assert_eq!((g["totalActiveMembers"].as_i64(), g["totalExitedMembers"].as_i64()), (Some(29751), Some(250)));
    let users = g["fleetGroupUsers"].as_array().unwrap();
    assert_eq!(users.len(), 30001);
    assert_eq!(users.last().unwrap()["userId"], 820000001);
    let (_, m) = api.get(&members_path(5000000, "&paginationDetails=true&limit=1")).await;
    assert_eq!(m["pagination"]["total"], 29751);
    assert_eq!(m["data"][0]["fleetUserId"], 820000001, "the newest member first");
}

// ------------------------------------------------------------------ leave

#[tokio::test]
async fn leave_by_mobile_with_or_without_the_country_code() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    // Minh Nguyen (700400002) is the 11th named customer: 919876500011.
    let (status, r) = api.delete(&leave_path(3920004, "mobile", "919876500011")).await;
    assert_eq!((status, &r), (200, &json!({"warnings": [], "errors": [], "success": true})));
    assert_eq!(get_member(&api, 3920004, 700400002).await, Some(false));
    assert_eq!(totals(&api, 3920004).await, (4, 1, "ACTIVE".into()));
    let (_, listed) = api.get(&members_path(3920004, "")).await;
    assert!(!user_ids(&listed).contains(&700400002));
    let (status, _) = api.delete(&leave_path(3920004, "mobile", "9876500012")).await;
    assert_eq!(status, 200);
    assert_eq!(get_member(&api, 3920004, 700400003).await, Some(false));
}

#[tokio::test]
async fn leave_by_email_external_id_and_card() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for (name, value, user) in
        [("email", "Arjun.Sharma%40example.com", 700100002), ("externalId", "cust-700100003", 700100003)]
    {
        let (status, b) = api.delete(&leave_path(3920001, name, value)).await;
        assert_eq!(status, 200, "{name}: {b}");
        assert_eq!(get_member(&api, 3920001, user).await, Some(false));
    }
    let (status, _) = api.delete(&leave_path(3920004, "cardnumber", "GC0700400004")).await;
    assert_eq!(status, 200);
    let (status, _) = api.delete(&leave_path(3920004, "cardExternalId", "card-700400005")).await;
    assert_eq!(status, 200);
    assert_eq!(totals(&api, 3920004).await.0, 3);
}

#[tokio::test]
async fn when_the_primary_leaves_the_group_becomes_inactive() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, _) = api.delete(&leave_path(3920002, "email", "chinedu.okafor%40example.com")).await;
    assert_eq!(status, 200);
    let (active, exited, status) = totals(&api, 3920002).await;
    assert_eq!((active, exited, status.as_str()), (2, 1, "INACTIVE"));
    assert_eq!(get_member(&api, 3920002, 700200002).await, Some(true), "the others keep their records");
    let (_, found) = api.get("/v2/userGroup2/search?q=okafor").await;
    assert_eq!(found["data"][0]["groupStatus"], "INACTIVE");
    let (status, b) = api.post(&format!("{JOIN}?id=3920002"), json!([{"userId": 790000011}])).await;
    assert_eq!((status, code(&b)), (400, 1632), "an inactive group takes no one");
    let (status, b) = api.delete(&leave_path(3920002, "mobile", "919876500006")).await;
    assert_eq!((status, code(&b)), (400, 1632));
    let (status, b) = api.put(UG, json!({"id": 3920002, "groupName": "Renamed"})).await;
    assert_eq!((status, code(&b)), (400, 1632));
}

#[tokio::test]
async fn with_the_flag_the_group_stays_active_without_a_primary() {
    let s = start(&["--keep-group-on-primary-exit"]).await;
    let api = Api::basic(&s);
    let (status, _) = api.delete(&leave_path(3920002, "mobile", "919876500005")).await;
    assert_eq!(status, 200);
    assert_eq!(totals(&api, 3920002).await, (2, 1, "ACTIVE".into()));
    let (_, r) = api.post(&format!("{JOIN}?id=3920002"), json!([{"userId": 790000012, "primaryMember": true}])).await;
    assert_eq!(item_codes(&r), [Some(1637)], "the primary role is never given again");
    let (_, r) = api.post(&format!("{JOIN}?id=3920002"), json!([{"userId": 790000012}])).await;
    assert_eq!(item_codes(&r), [None]);
}

#[tokio::test]
async fn leave_refusals_8015_1620_1635_1632() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api.delete(&leave_path(3920001, "mobile", "910000000001")).await;
    assert_eq!((status, code(&b)), (400, 8015));
    // Aisha Khan exists but is in no group; Dev Sharma left already.
    for value in ["aisha.khan%40example.com", "dev.sharma%40example.com"] {
        let (status, b) = api.delete(&leave_path(3920001, "email", value)).await;
        assert_eq!((status, code(&b)), (400, 1620), "{value}");
        assert!(b["errors"][0]["message"].as_str().unwrap().contains("does not belong to group 3920001"));
    }
    let (status, b) = api.delete(&leave_path(3920001, "id", "700100002")).await;
    assert_eq!((status, code(&b)), (400, 1635));
    let (status, b) = api.delete(&leave_path(999, "mobile", "919876500002")).await;
    assert_eq!((status, code(&b)), (400, 1632));
    let (status, b) = api.delete("/v2/userGroup2/3920001/leave?source=INSTORE&identifierName=mobile").await;
    assert_eq!((status, code(&b)), (400, 403));
    assert_eq!(totals(&api, 3920001).await.0, 3);
}

// ------------------------------------------------------------------ transfer

#[tokio::test]
async fn transfer_moves_two_members_and_no_points() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let points = |g: &Value| g["pointsSummaries"].clone();
    let (_, from_before) = api.get(&format!("{UG}?id=3920004&programDetails=true")).await;
    let (_, to_before) = api.get(&format!("{UG}?id=3920007&programDetails=true")).await;
    let (_, perms_before) = api.get(&members_path(3920004, "")).await;
    let (status, r) = api
        .post(
            "/v2/userGroup2/transfer",
            json!({"leaveGroupId": "3920004", "joinGroupId": 3920007, "userIds": [700400003, 700400004]}),
        )
        .await;
    assert_eq!((status, &r), (200, &json!({"warnings": [], "errors": [], "success": true})));
    assert_eq!(totals(&api, 3920004).await, (3, 2, "ACTIVE".into()));
    assert_eq!(totals(&api, 3920007).await, (4, 0, "ACTIVE".into()));
    assert_eq!(get_member(&api, 3920004, 700400003).await, Some(false));
    assert_eq!(get_member(&api, 3920007, 700400004).await, Some(true));
    let (_, from_after) = api.get(&format!("{UG}?id=3920004&programDetails=true")).await;
    let (_, to_after) = api.get(&format!("{UG}?id=3920007&programDetails=true")).await;
    assert_eq!(points(&from_after), points(&from_before), "points stay with the old group");
    assert_eq!(points(&to_after), points(&to_before));
    // Permissions come along.
    let (_, moved) = api.get(&members_path(3920007, "")).await;
    let perms = |list: &Value, user: i64| {
        list["data"].as_array().unwrap().iter().find(|m| m["fleetUserId"] == user).map(|m| m["permissions"].clone())
    };
    assert_eq!(perms(&moved, 700400003), perms(&perms_before, 700400003));
    assert!(perms(&moved, 700400003).is_some());
}

#[tokio::test]
async fn transfer_refusals_leave_everything_as_it_was() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let t = |from: Value, to: Value, users: Value| json!({"leaveGroupId": from, "joinGroupId": to, "userIds": users});
    for (body, expected) in [
        (t(json!(3920004), json!(3920007), json!([700400001])), 1624),
        (t(json!(3920004), json!(3920007), json!([700400002, 700100002])), 1620),
        (t(json!(3920004), json!(999), json!([700400002])), 1619),
        (t(json!(3920005), json!(3920007), json!([700600002])), 1619),
        (t(json!(3920004), json!(3920010), json!([700400002])), 1638),
        (t(json!(3920004), json!(3920004), json!([700400002])), 1623),
        (json!({"joinGroupId": 3920007, "userIds": [700400002]}), 403),
        (json!({"leaveGroupId": 3920004, "joinGroupId": 3920007}), 403),
        (json!({"leaveGroupId": 3920004, "joinGroupId": 3920007, "userIds": []}), 403),
    ] {
        let (status, b) = api.post("/v2/userGroup2/transfer", body.clone()).await;
        assert_eq!((status, code(&b)), (400, expected), "{body}");
    }
    let (_, b) =
        api.post("/v2/userGroup2/transfer", t(json!(3920004), json!(3920007), json!([700400002, 700100002]))).await;
    assert!(b["errors"][0]["message"].as_str().unwrap().contains("700100002"), "the message names the user");
    assert_eq!(totals(&api, 3920004).await, (5, 0, "ACTIVE".into()));
    assert_eq!(totals(&api, 3920007).await, (2, 0, "ACTIVE".into()));
}

// ------------------------------------------------------------------ permissions

#[tokio::test]
async fn permissions_replace_what_the_member_had() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let body = json!([
        {"userId": 700100002, "permissions": ["block_points_redemption"]},
        {"userId": 700100003, "permissions": "allow_points_transfer"}
    ]);
    let (status, r) = api.put("/v2/userGroup2/members/permissions?id=3920001", body).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!((r["totalCount"].as_i64(), r["failureCount"].as_i64()), (Some(2), Some(0)));
    assert_eq!(r["response"][0]["result"]["permissions"], json!(["block_points_redemption"]));
    assert_eq!(r["response"][1]["entityId"]["permissions"], "allow_points_transfer", "echoed as sent");
    let (_, listed) = api.get(&members_path(3920001, "")).await;
    let perms = |user: i64| {
        listed["data"].as_array().unwrap().iter().find(|m| m["fleetUserId"] == user).unwrap()["permissions"].clone()
    };
    assert_eq!(perms(700100002), "block_points_redemption");
    assert_eq!(perms(700100003), "allow_points_transfer");
}

#[tokio::test]
async fn permissions_per_item_refusals_and_the_block_wins() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let body = json!([
        {"userId": 700100002, "permissions": ["allow_everything"]},
        {"userId": 790000001, "permissions": ["allow_points_transfer"]},
        {"userId": 700100003, "permissions": ["allow_points_transfer", "block_points_transfer"]}
    ]);
    let (_, r) = api.put("/v2/userGroup2/members/permissions?id=3920001", body).await;
    assert_eq!(item_codes(&r), [Some(1641), Some(1632), None]);
    assert_eq!(r["response"][2]["result"]["permissions"], json!(["block_points_transfer"]));
    let (status, b) =
        api.put("/v2/userGroup2/members/permissions?id=999", json!([{"userId": 1, "permissions": []}])).await;
    assert_eq!((status, code(&b)), (400, 1632));
    let (status, b) = api.put("/v2/userGroup2/members/permissions", json!([{"userId": 1, "permissions": []}])).await;
    assert_eq!((status, code(&b)), (400, 1635));
}

// ------------------------------------------------------------------ delete

#[tokio::test]
async fn delete_by_id_keeps_the_group_as_deleted_and_frees_its_members() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, r) = api.delete(&format!("{UG}?id=3920001")).await;
    assert_eq!((status, &r), (200, &json!({"warnings": []})));
    assert_eq!(totals(&api, 3920001).await, (0, 4, "DELETED".into()));
    let (_, found) = api.get("/v2/userGroup2/search?q=family_sharma").await;
    assert_eq!((&found["data"][0]["groupStatus"], &found["data"][0]["totalMembers"]), (&json!("DELETED"), &json!(0)));
    // Writes are refused; the external id stays taken.
    let (status, b) = api.post(&format!("{JOIN}?id=3920001"), json!([{"userId": 790000001}])).await;
    assert_eq!((status, code(&b)), (400, 1632));
    let (status, b) = api.put(UG, json!({"id": 3920001, "groupName": "Back"})).await;
    assert_eq!((status, code(&b)), (400, 1632));
    let (status, b) = api.post(UG, json!({"externalId": "family_sharma", "maxGroupSize": 5})).await;
    assert_eq!((status, code(&b)), (400, 1633));
    let (status, b) = api.delete(&format!("{UG}?id=3920001")).await;
    assert_eq!((status, code(&b)), (400, 1632), "deleted once");
    // Its former primary is free to join another group.
    let (_, r) = api.post(&format!("{JOIN}?id=3920007"), json!([{"userId": 700100001}])).await;
    assert_eq!(item_codes(&r), [None]);
}

#[tokio::test]
async fn delete_by_external_id_and_its_refusals() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, _) = api.delete(&format!("{UG}?externalId=team_open")).await;
    assert_eq!(status, 200);
    assert_eq!(totals(&api, 3920007).await.2, "DELETED");
    let (status, b) = api.delete(UG).await;
    assert_eq!((status, code(&b)), (400, 1635));
    for q in ["id=999", "externalId=nope", "id=3920004&externalId=family_sharma"] {
        let (status, b) = api.delete(&format!("{UG}?{q}")).await;
        assert_eq!((status, code(&b)), (400, 1632), "{q}");
    }
    assert_eq!(totals(&api, 3920004).await.2, "ACTIVE");
}

#[tokio::test]
async fn the_control_state_lists_small_groups_members_and_primaries() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let g = api.control_group(3920001).await;
    assert_eq!(g["groupStatus"], "ACTIVE");
    assert_eq!(
        (g["activeMembers"].as_i64(), g["exitedMembers"].as_i64(), g["primaryId"].as_i64()),
        (Some(3), Some(1), Some(700100001))
    );
    assert_eq!(g["activeMemberIds"], json!([700100001, 700100002, 700100003]));
    assert_eq!(g["exitedMemberIds"], json!([700100004]));
    let big = api.control_group(5000000).await;
    assert_eq!(big["activeMembers"], 29750);
    assert!(big.get("activeMemberIds").is_none(), "not for 30,000 members");
    assert_eq!(api.control_group(3920003).await["primaryId"], Value::Null);
}
