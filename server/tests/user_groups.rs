//! `POST`, `PUT`, `GET /v2/userGroup2` against the emulator: every documented code.

mod common;

use common::{code, start, warning_codes, Api};
use serde_json::json;

const UG: &str = "/v2/userGroup2";

#[tokio::test]
async fn create_answers_the_docs_example_ids_and_the_group_reads_back() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, body) =
        api.post(UG, json!({"externalId": "uat_ug_12", "groupName": "uatUserGroup11", "maxGroupSize": 6})).await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({"entity": 3962909, "warnings": []}));
    let (status, body) =
        api.post(UG, json!({"externalId": "uat_ug_13", "groupName": "uatUserGroup11", "maxGroupSize": 6})).await;
    assert_eq!((status, body["entity"].as_i64()), (200, Some(3962910)));

    let (status, g) = api.get(&format!("{UG}?id=3962909")).await;
    assert_eq!(status, 200);
    assert_eq!(g["externalId"], "uat_ug_12");
    assert_eq!(g["groupName"], "uatUserGroup11");
    assert_eq!(g["maxGroupSize"], 6);
    assert_eq!(g["groupStatus"], "ACTIVE");
    assert_eq!(g["fleetGroupUsers"], json!([]));
    assert_eq!(g["totalActiveMembers"], 0);
    assert_eq!(warning_codes(&g), vec![1656]);
    let (_, by_ext) = api.get(&format!("{UG}?externalId=uat_ug_12")).await;
    assert_eq!(by_ext["id"], 3962909);
}

#[tokio::test]
async fn create_with_extended_fields_stores_integers_as_numbers() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let fields = json!({
        "ug_status": "Active",
        "group_avatar_url": "wwww.habluhablu.com",
        "metadata": "whatMetadata",
        "ug_primary_user": "yeshas",
        "ug_registration_date": "2025-11-10T15:10:00Z",
        "usergroup2_automation_extended_field": "25"
    });
    let (status, body) = api
        .post(UG, json!({"externalId": "uat_ug_13", "groupName": "uatUserGroup11", "maxGroupSize": 6, "extendedFields": fields}))
        .await;
    assert_eq!((status, &body["warnings"]), (200, &json!([])));
    let (_, g) = api.get(&format!("{UG}?id={}", body["entity"])).await;
    assert_eq!(g["extendedFields"]["usergroup2_automation_extended_field"], json!(25));
    assert_eq!(g["extendedFields"]["ug_registration_date"], "2025-11-10T15:10:00Z");
    assert_eq!(g["extendedFields"]["ug_status"], "Active");
}

#[tokio::test]
async fn create_warns_91016_for_an_unknown_field_and_saves_no_field() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, body) = api
        .post(
            UG,
            json!({"externalId": "w1", "maxGroupSize": 5, "extendedFields": {"ug_status": "Active", "colour": "red"}}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(warning_codes(&body), vec![91016]);
    assert_eq!(body["warnings"][0]["status"], false);
    assert!(body["warnings"][0]["message"].as_str().unwrap().contains("colour"));
    let (_, g) = api.get(&format!("{UG}?id={}", body["entity"])).await;
    assert_eq!(g["extendedFields"], json!({}), "the group is created, its extended fields are not");
}

#[tokio::test]
async fn create_warns_91017_for_a_value_of_the_wrong_type() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for bad in [
        json!({"platinum": "abc"}),
        json!({"ug_registration_date": "yesterday"}),
        json!({"usergroup2_automation_extended_field": 2.5}),
    ] {
        let ext = format!("w-{}", bad.as_object().unwrap().keys().next().unwrap());
        let (status, body) = api.post(UG, json!({"externalId": ext, "maxGroupSize": 5, "extendedFields": bad})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(warning_codes(&body), vec![91017], "{body}");
        let (_, g) = api.get(&format!("{UG}?id={}", body["entity"])).await;
        assert_eq!(g["extendedFields"], json!({}));
    }
}

#[tokio::test]
async fn create_refuses_a_missing_null_or_blank_external_id_with_1634() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for body in [
        json!({"maxGroupSize": 5}),
        json!({"externalId": null, "maxGroupSize": 5}),
        json!({"externalId": "   ", "maxGroupSize": 5}),
    ] {
        let (status, b) = api.post(UG, body).await;
        assert_eq!((status, code(&b)), (400, 1634));
        assert_eq!(b["errors"][0]["status"], false);
        assert_eq!(b["warnings"], json!([]));
    }
}

#[tokio::test]
async fn create_counts_50_characters_in_utf16_units_after_trimming() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let fifty = "a".repeat(50);
    let (status, _) = api.post(UG, json!({"externalId": format!("  {fifty}  "), "maxGroupSize": 5})).await;
    assert_eq!(status, 200, "50 after trimming is allowed");
    let (status, b) = api.post(UG, json!({"externalId": "b".repeat(51), "maxGroupSize": 5})).await;
    assert_eq!((status, code(&b)), (400, 400));
    assert!(b["errors"][0]["message"].as_str().unwrap().contains("externalId"));
    // 25 emoji are 25 chars but 50 UTF-16 units: allowed; 26 are not.
    let (status, _) = api.post(UG, json!({"externalId": "e1", "groupName": "😀".repeat(25), "maxGroupSize": 5})).await;
    assert_eq!(status, 200);
    let (status, b) = api.post(UG, json!({"externalId": "e2", "groupName": "😀".repeat(26), "maxGroupSize": 5})).await;
    assert_eq!((status, code(&b)), (400, 400));
    assert!(b["errors"][0]["message"].as_str().unwrap().contains("groupName"));
}

#[tokio::test]
async fn create_checks_max_group_size_400_1640_1639() {
    let s = start(&["--max-group-size", "100"]).await;
    let api = Api::basic(&s);
    for (size, expected) in [
        (json!(1e20), 1639),
        (json!(null), 400),
        (json!("many"), 400),
        (json!(2.5), 400),
        (json!(0), 1640),
        (json!(-3), 1640),
        (json!(101), 1639),
    ] {
        let (status, b) = api.post(UG, json!({"externalId": "size", "maxGroupSize": size})).await;
        assert_eq!((status, code(&b)), (400, expected), "maxGroupSize {size}");
    }
    let (status, _) = api.post(UG, json!({"externalId": "no-size"})).await;
    assert_eq!(status, 400);
    let (status, _) = api.post(UG, json!({"externalId": "size", "maxGroupSize": 100})).await;
    assert_eq!(status, 200, "the limit itself is allowed");
}

#[tokio::test]
async fn create_refuses_a_duplicate_external_id_with_1633_exact_match_only() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api.post(UG, json!({"externalId": "uat_ug_10_txn", "maxGroupSize": 5})).await;
    assert_eq!((status, code(&b)), (400, 1633));
    let (status, _) = api.post(UG, json!({"externalId": "UAT_UG_10_TXN", "maxGroupSize": 5})).await;
    assert_eq!(status, 200, "a different case is a different id");
}

#[tokio::test]
async fn wrong_json_types_get_the_platforms_errors_not_a_framework_rejection() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api.send(reqwest::Method::POST, UG, Some("{not json")).await;
    assert_eq!((status, code(&b)), (400, 400));
    let (status, b) = api.post(UG, json!(["x"])).await;
    assert_eq!((status, code(&b)), (400, 400));
    let (status, b) = api.post(UG, json!({"externalId": {"a": 1}, "maxGroupSize": 5})).await;
    assert_eq!((status, code(&b)), (400, 400));
    let (status, b) = api.post(UG, json!({"externalId": "ok", "maxGroupSize": 5, "extendedFields": [1]})).await;
    assert_eq!((status, code(&b)), (400, 400));
}

#[tokio::test]
async fn update_answers_the_group_like_the_docs() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    api.post(UG, json!({"externalId": "uat_ug_12", "groupName": "uatUserGroup11", "maxGroupSize": 6})).await;
    // The docs' first update example, id as a string.
    let (status, b) = api
        .put(UG, json!({"id": "3962909", "externalId": "uat_ug_10_txn_2", "groupName": "uatUserGroup10Transactions", "maxGroupSize": 2}))
        .await;
    assert_eq!(status, 200, "{b}");
    assert_eq!(
        b,
        json!({
            "id": 3962909, "externalId": "uat_ug_10_txn_2", "groupName": "uatUserGroup10Transactions",
            "maxGroupSize": 2, "extendedFields": {}, "entityType": "USERGROUP2",
            "promisedPointsScheduleList": [], "triggerBasedPointsList": [], "warnings": []
        })
    );
    let (_, g) = api.get(&format!("{UG}?id=3962909")).await;
    assert_eq!((g["maxGroupSize"].as_i64(), g["externalId"].as_str()), (Some(2), Some("uat_ug_10_txn_2")));
    // The old external id is free again, the new one finds the group.
    let (status, _) = api.get(&format!("{UG}?externalId=uat_ug_12")).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn update_merges_extended_fields_and_answers_integers_as_numbers() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api
        .put(UG, json!({"id": 3920001, "groupName": "The Sharma Family", "extendedFields": {"platinum": "25"}}))
        .await;
    assert_eq!(status, 200, "{b}");
    assert_eq!(
        b["extendedFields"],
        json!({"family_type": "nuclear", "platinum": 25, "ug_primary_user": "Priya Sharma"})
    );
    assert_eq!(b["maxGroupSize"], 5, "unchanged when not sent");
}

#[tokio::test]
async fn update_of_an_unknown_or_missing_id_is_1632() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for body in [json!({"id": 1, "groupName": "x"}), json!({"groupName": "x"}), json!({"id": "abc", "groupName": "x"})]
    {
        let (status, b) = api.put(UG, body).await;
        assert_eq!((status, code(&b)), (400, 1632));
    }
}

#[tokio::test]
async fn update_without_group_name_is_400() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for body in
        [json!({"id": 3920001}), json!({"id": 3920001, "groupName": null}), json!({"id": 3920001, "groupName": " "})]
    {
        let (status, b) = api.put(UG, body).await;
        assert_eq!((status, code(&b)), (400, 400));
        assert_eq!(b["errors"][0]["message"], "Group name must not be null");
    }
}

#[tokio::test]
async fn update_to_an_external_id_of_another_group_is_1633() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api.put(UG, json!({"id": 3920001, "groupName": "x", "externalId": "family_okafor"})).await;
    assert_eq!((status, code(&b)), (400, 1633));
    // Its own external id is not "taken".
    let (status, _) = api.put(UG, json!({"id": 3920001, "groupName": "Renamed", "externalId": "family_sharma"})).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn update_checks_max_size_1640_1639_1638() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let put = |size: i64| api.put(UG, json!({"id": 3920001, "groupName": "The Sharma Family", "maxGroupSize": size}));
    assert_eq!(code(&put(0).await.1), 1640);
    assert_eq!(code(&put(30_001).await.1), 1639);
    let (status, b) = put(2).await;
    assert_eq!((status, code(&b)), (400, 1638), "3 active members");
    assert!(b["errors"][0]["message"].as_str().unwrap().contains("3 active members"));
    let (status, _) = put(3).await;
    assert_eq!(status, 200, "exited members do not count");
}

#[tokio::test]
async fn update_that_changes_nothing_is_1643() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    // The docs' second update example sets the field 3918893 already has.
    let (status, b) = api
        .put(UG, json!({"id": "3918893", "externalId": "uat_ug_10_txn", "groupName": "uatUserGroup10Transactions", "extendedFields": {"usergroup2_automation_extended_field": "25"}}))
        .await;
    assert_eq!((status, code(&b)), (400, 1643));
    assert_eq!(b["errors"][0]["message"], "Nothing to update");
    let (status, b) =
        api.put(UG, json!({"id": 3918893, "groupName": "uatUserGroup10Transactions", "maxGroupSize": 6})).await;
    assert_eq!((status, code(&b)), (400, 1643));
}

#[tokio::test]
async fn update_with_a_bad_extended_field_warns_and_leaves_the_fields() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api
        .put(UG, json!({"id": 3918893, "groupName": "Renamed", "extendedFields": {"ug_status": "Gone", "nope": 1}}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(warning_codes(&b), vec![91016]);
    assert_eq!(b["groupName"], "Renamed");
    assert_eq!(b["extendedFields"], json!({"ug_status": "Active", "usergroup2_automation_extended_field": 25}));
    let (status, b) =
        api.put(UG, json!({"id": 3918893, "groupName": "Renamed", "extendedFields": {"platinum": "lots"}})).await;
    assert_eq!(status, 200);
    assert_eq!(warning_codes(&b), vec![91017]);
}

#[tokio::test]
async fn get_without_a_key_is_1635_and_an_unknown_group_1632() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for q in ["", "?programDetails=true", "?externalId="] {
        let (status, b) = api.get(&format!("{UG}{q}")).await;
        assert_eq!((status, code(&b)), (400, 1635), "{q}");
    }
    for q in ["?id=42", "?externalId=nope", "?primaryUserId=1", "?id=abc"] {
        let (status, b) = api.get(&format!("{UG}{q}")).await;
        assert_eq!((status, code(&b)), (400, 1632), "{q}");
    }
}

#[tokio::test]
async fn get_sections_appear_only_when_asked() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, g) = api.get(&format!("{UG}?id=3930001")).await;
    assert_eq!(status, 200);
    let keys: Vec<&str> = g.as_object().unwrap().keys().map(String::as_str).collect();
    for always in [
        "id",
        "externalId",
        "groupStatus",
        "fleetGroupUsers",
        "createdBy",
        "createdOn",
        "groupName",
        "maxGroupSize",
        "lifeTimePurchases",
        "totalActiveMembers",
        "totalExitedMembers",
        "extendedFields",
        "warnings",
    ] {
        assert!(keys.contains(&always), "{always} missing");
    }
    for optional in
        ["pointsSummaries", "expiredPoints", "expirySchedules", "gapToUpgrade", "gapToRenew", "companyDetails"]
    {
        assert!(!keys.contains(&optional), "{optional} present without asking");
    }
    let (_, g) = api
        .get(&format!("{UG}?id=3930001&programDetails=true&expiredPoints=true&expirySchedules=true&gapToUpgradeFor=2&gapToRenewFor=1&companyDetails=true"))
        .await;
    assert_eq!(g["pointsSummaries"].as_array().unwrap().len(), 3);
    assert_eq!(g["expirySchedules"].as_array().unwrap().len(), 15);
    assert_eq!(g["expiredPoints"].as_array().unwrap().len(), 3);
    // gapToUpgradeFor is days ahead, not a count: every program with a next tier answers.
    assert_eq!(g["gapToUpgrade"].as_array().unwrap().len(), 3);
    let (_, today) = api.get(&format!("{UG}?id=3930001&gapToUpgradeFor=0")).await;
    assert_eq!(today["gapToUpgrade"], g["gapToUpgrade"], "the emulator's gaps do not change by day");
    assert_eq!(g["gapToRenew"]["tierExpiryDate"], "2027-11-20");
    assert_eq!(g["companyDetails"]["companyName"], "Atlas Travel Ltd");
}

#[tokio::test]
async fn get_by_primary_user() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, g) = api.get(&format!("{UG}?primaryUserId=700100001")).await;
    assert_eq!((status, g["id"].as_i64()), (200, Some(3920001)));
    let (status, _) = api.get(&format!("{UG}?primaryUserId=700100002")).await;
    assert_eq!(status, 400, "not a primary member");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_1000_creates_two_at_a_time_all_succeed() {
    let s = start(&[]).await;
    let api = std::sync::Arc::new(Api::basic(&s));
    let mut ids = vec![];
    for pair in 0..500 {
        let (a, b) = tokio::join!(
            api.post(UG, json!({"externalId": format!("burst-{pair}-a"), "groupName": "Burst", "maxGroupSize": 10})),
            api.post(UG, json!({"externalId": format!("burst-{pair}-b"), "groupName": "Burst", "maxGroupSize": 10})),
        );
        for (status, body) in [a, b] {
            assert_eq!(status, 200, "{body}");
            ids.push(body["entity"].as_i64().unwrap());
        }
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1000);
    let (_, groups) = Api::control(&s.url()).get("/__emulator/groups").await;
    let burst = groups.as_array().unwrap().iter().filter(|g| g["groupName"] == "Burst").count();
    assert_eq!(burst, 1000);
}
