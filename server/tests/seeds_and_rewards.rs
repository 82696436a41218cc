//! The seeded groups (3918893 exactly as the docs' example) and reward-group create.

mod common;

use std::time::Instant;

use common::{start, warning_codes, Api};
use serde_json::{json, Value};

/// The docs' example query for 3918893 (user-group-get.txt).
const DOCS_QUERY: &str = "/v2/userGroup2?id=3918893&primaryUserId=566998132&programDetails=true&expiredPoints=true&expirySchedules=true&gapToUpgradeFor=2&gapToRenewFor=2&companyDetails=true";

#[tokio::test]
async fn group_3918893_equals_the_docs_example() {
    let s = start(&[]).await;
    let (status, body) = Api::basic(&s).get(DOCS_QUERY).await;
    assert_eq!(status, 200);
    let ours: Value = serde_json::from_str(include_str!("fixtures/get-response-3918893.json")).unwrap();
    assert_eq!(body, ours);
    // The core crate's copy, when there is one, says the same.
    let core = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/get-response-3918893.json");
    if let Ok(text) = std::fs::read_to_string(core) {
        let theirs: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(body, theirs);
    }
}

#[tokio::test]
async fn group_3918893_keeps_the_docs_key_order_and_number_forms() {
    let s = start(&[]).await;
    let text = Api::basic(&s).raw(reqwest::Method::GET, DOCS_QUERY, None).await.text().await.unwrap();
    let pos = |k: &str| text.find(&format!("\"{k}\"")).unwrap_or_else(|| panic!("{k} missing"));
    let order = [
        "id",
        "externalId",
        "groupStatus",
        "fleetGroupUsers",
        "createdBy",
        "createdOn",
        "groupName",
        "maxGroupSize",
        "lifeTimePurchases",
        "expiredPoints",
        "expirySchedules",
        "gapToUpgrade",
        "gapToRenew",
        "totalActiveMembers",
        "totalExitedMembers",
        "pointsSummaries",
    ];
    assert!(order.windows(2).all(|w| pos(w[0]) < pos(w[1])), "keys out of the docs' order");
    assert!(text.contains("\"lifeTimePurchases\":70100,"));
    assert!(text.contains("\"points\":49500.0"));
    assert!(text.contains("\"createdOn\":\"2025-11-03T05:23:40Z\""));
}

#[tokio::test]
async fn seeded_families_fleet_and_hostile_group() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, sharma) = api.get("/v2/userGroup2?id=3920001").await;
    assert_eq!((sharma["totalActiveMembers"].as_i64(), sharma["totalExitedMembers"].as_i64()), (Some(3), Some(1)));
    let (_, fleet) = api.get("/v2/userGroup2?externalId=fleet_northwind&companyDetails=true").await;
    assert_eq!(fleet["maxGroupSize"], fleet["totalActiveMembers"]);
    assert_eq!(fleet["companyDetails"]["companyCode"], "NWL-001");
    assert_eq!(warning_codes(&fleet), Vec::<i64>::new(), "the fleet has a hierarchy");
    let (_, hostile) = api.get("/v2/userGroup2?id=6666666&programDetails=true").await;
    assert_eq!(hostile["groupName"], "<img src=x onerror=alert(1)>");
    assert_eq!(hostile["externalId"], "\"><script>alert(1)</script>");
    assert_eq!(hostile["pointsSummaries"][0]["programTitle"], "<b>bold</b><script>alert(2)</script>");
    assert!(hostile["extendedFields"]["metadata"].as_str().unwrap().contains("<script>"));
}

#[tokio::test]
async fn multi_program_group_has_past_and_upcoming_expiries() {
    let s = start(&[]).await;
    let (_, g) = Api::basic(&s).get("/v2/userGroup2?id=3930001&expirySchedules=true&programDetails=true").await;
    let dates: Vec<&str> =
        g["expirySchedules"].as_array().unwrap().iter().map(|e| e["expiryDate"].as_str().unwrap()).collect();
    assert!(dates.iter().filter(|d| **d < "2026-11-01").count() >= 2, "{dates:?}");
    assert!(dates.iter().filter(|d| **d >= "2026-12-01").count() >= 5, "{dates:?}");
    assert!(dates.contains(&"2026-12-15"), "14 days after the reference day");
    let programs: std::collections::BTreeSet<i64> =
        g["expirySchedules"].as_array().unwrap().iter().map(|e| e["programId"].as_i64().unwrap()).collect();
    assert_eq!(programs.len(), 3);
}

#[tokio::test]
async fn benchmark_groups_have_their_sizes_and_the_30000_answer_is_fast() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let started = Instant::now();
    let (status, big) = api.get("/v2/userGroup2?id=5000000&programDetails=true").await;
    let took = started.elapsed();
    assert_eq!(status, 200);
    let members = big["fleetGroupUsers"].as_array().unwrap();
    assert_eq!(members.len(), 30_000);
    assert_eq!(big["maxGroupSize"], 30_000);
    let exited = members.iter().filter(|m| m["active"] == false).count() as i64;
    assert_eq!(big["totalExitedMembers"].as_i64(), Some(exited));
    assert!(exited > 0);
    assert!(took.as_millis() < 2_000, "30,000 members took {took:?}");
    let (_, small) = api.get("/v2/userGroup2?id=5000300").await;
    assert_eq!(small["fleetGroupUsers"].as_array().unwrap().len(), 300);
    // The same members on every start (fixed seed).
    let s2 = start(&[]).await;
    let (_, again) = Api::basic(&s2).get("/v2/userGroup2?id=5000000&programDetails=true").await;
    assert_eq!(big, again);
}

const REWARD: &str = "/api_gateway/core/v1/group/create";

#[tokio::test]
async fn reward_group_create_answers_like_the_docs() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api.post(REWARD, json!({"name": "GROUP_withRANK123", "rank": 99})).await;
    assert_eq!(status, 200, "{b}");
    assert_eq!(b["id"], 2412);
    assert_eq!(b["orgId"], 100737);
    assert_eq!(b["name"], "GROUP_withRANK123");
    assert_eq!(b["rank"], 99);
    assert_eq!(b["isActive"], true);
    assert_eq!(b["createdBy"], 75155282);
    assert_eq!(b["lastUpdatedBy"], 75155282);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    assert!((b["createdOn"].as_i64().unwrap() - now).abs() < 60_000);
    let iso = b["createdOnDateTime"].as_str().unwrap();
    assert_eq!(iso.len(), 20);
    assert!(iso.ends_with('Z') && iso.as_bytes()[10] == b'T');
    assert_eq!(b["lastUpdatedOnDateTime"], b["createdOnDateTime"]);
    // The newer page's path, and no rank.
    let (status, b) = api.post("/api_gateway/rewards/core/v1/group/create", json!({"name": "No rank"})).await;
    assert_eq!((status, b["id"].as_i64(), &b["rank"]), (200, Some(2413), &Value::Null));
    let (status, b) = api.post(REWARD, json!({"name": "Null rank", "rank": null})).await;
    assert_eq!((status, &b["rank"]), (200, &Value::Null));
    let (_, list) = Api::control(&s.url()).get("/__emulator/reward-groups").await;
    assert_eq!(list.as_array().unwrap().iter().filter(|g| g["name"] == "GROUP_withRANK123").count(), 1);
}

#[tokio::test]
async fn reward_group_errors_use_the_rewards_envelope() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for body in [json!({}), json!({"name": null}), json!({"name": "  "}), json!({"rank": 3})] {
        let (status, b) = api.post(REWARD, body).await;
        assert_eq!(status, 400);
        assert_eq!(b, json!({"status": {"success": false, "code": 400, "message": "Group name must not be null"}}));
    }
    for rank in [json!(0), json!(-1), json!("high"), json!(1.5)] {
        let (status, b) = api.post(REWARD, json!({"name": "Ranked", "rank": rank})).await;
        assert_eq!((status, b["status"]["code"].as_i64()), (400, Some(400)), "rank {rank}");
    }
    let (status, b) = api.post(REWARD, json!({"name": "weekend TREATS"})).await;
    assert_eq!(status, 400);
    assert_eq!(b, json!({"status": {"success": false, "code": 12012, "message": "Group name must be unique"}}));
    let (status, b) = api.send(reqwest::Method::POST, REWARD, Some("nope")).await;
    assert_eq!((status, b["status"]["code"].as_i64()), (400, Some(400)));
}
