//! Every example request and response in the platform's docs (core/fixtures/) reads into
//! our types and writes back without losing meaning.

use gc_core::auth::{TokenRequest, TokenResponse};
use gc_core::error::parse_success;
use gc_core::types::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Same meaning: numbers equal by value, an id string equal to its number, and a field
/// that was null or empty in the original may be absent or empty in the copy. Everything
/// with a value must come back with that value.
fn same_meaning(orig: &Value, copy: &Value, path: &str) {
    match (orig, copy) {
        (Value::Number(a), Value::Number(b)) => assert_eq!(a.as_f64(), b.as_f64(), "{path}"),
        (Value::String(a), Value::Number(b)) if a.parse::<f64>().ok() == b.as_f64() => {}
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let p = format!("{path}.{k}");
                match b.get(k) {
                    Some(c) => same_meaning(v, c, &p),
                    None => assert!(is_empty(v), "{p} was dropped"),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same_meaning(x, y, &format!("{path}[{i}]"));
            }
        }
        (a, b) if is_empty(a) && is_empty(b) => {}
        (a, b) => assert_eq!(a, b, "{path}"),
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug + 'static>(name: &str) -> T {
    let text = fixture(name);
    let parsed: T = parse_success(200, &text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let orig: Value = serde_json::from_str(&text).unwrap();
    let copy = serde_json::to_value(&parsed).unwrap();
    same_meaning(&orig, &copy, name);
    let again: T = serde_json::from_value(copy).unwrap();
    assert_eq!(again, parsed, "{name}: second round trip");
    parsed
}

#[test]
fn create_examples() {
    let r: CreateGroupRequest = round_trip("create-request-basic.json");
    assert_eq!((r.external_id.as_str(), r.max_group_size), ("purple_externalId", 110));
    let r: CreateGroupRequest = round_trip("create-request-extended.json");
    assert_eq!(r.extended_fields["platinum"], Value::String("25".into()));
    round_trip::<CreateGroupRequest>("create-v1-request-uat_ug_12.json");
    let r: CreateGroupRequest = round_trip("create-v1-request-uat_ug_13.json");
    assert_eq!(r.extended_fields.len(), 6);
    for (name, id) in [
        ("create-response-2361.json", 2361),
        ("create-response-51298.json", 51298),
        ("create-v1-response-3962909.json", 3962909),
        ("create-v1-response-3962910.json", 3962910),
    ] {
        let r: CreateGroupResponse = round_trip(name);
        assert_eq!(r.entity, Id(id));
        assert!(r.warnings.is_empty());
    }
}

#[test]
fn update_examples() {
    // The docs send the id as a string; it is the number 3962909 either way.
    let r: UpdateGroupRequest = round_trip("update-request-3962909.json");
    assert_eq!((r.id, r.max_group_size), (Id(3962909), Some(2)));
    let r: UpdateGroupRequest = round_trip("update-request-3918893.json");
    assert_eq!(r.id, Id(3918893));
    assert_eq!(r.extended_fields.unwrap()["usergroup2_automation_extended_field"], Value::String("25".into()));
    let g: UpdatedGroup = round_trip("update-response-3962909.json");
    assert_eq!((g.id, g.max_group_size), (Id(3962909), Some(2)));
    let g: UpdatedGroup = round_trip("update-response-3918893.json");
    // Sent as "25", answered as 25: kept as the JSON value it is, a number.
    let v = &g.extended_fields["usergroup2_automation_extended_field"];
    assert!(v.is_number(), "{v:?}");
    assert_eq!(v.as_i64(), Some(25));
    assert_eq!(g.extended_fields["ug_status"], "Active");
    assert_eq!((g.id, g.max_group_size, g.group_name.as_str()), (Id(3918893), Some(6), "uatUserGroup10Transactions"));
    assert_eq!(
        serde_json::to_value(&g).unwrap()["extendedFields"]["usergroup2_automation_extended_field"],
        serde_json::json!(25)
    );
}

#[test]
fn get_example() {
    let g: GroupDetails = round_trip("get-response-3918893.json");
    assert_eq!(g.group_name, "uatUserGroup10Transactions");
    assert_eq!(g.group_status, GroupStatus::Active);
    assert_eq!(g.fleet_group_users.len(), 4);
    assert_eq!(g.fleet_group_users.iter().filter(|m| !m.active).count(), 1);
    assert!(g.fleet_group_users[0].primary_member);
    assert_eq!((g.active_members(), g.exited_members()), (3, 1));
    assert_eq!(g.points_summaries[0].current_slab, "Diamond");
    assert_eq!(g.points_summaries[0].loyalty_points, Some(54500.0));
    assert_eq!(g.points_summaries[1].upgrade_strategies[0].upgrade_threshold, Some(2000.0));
    assert_eq!(g.expiry_schedules.len(), 2);
    assert_eq!(g.expiry_schedules[0].expiry_date_iso, "2026-04-27T00:00:00Z");
    assert_eq!(g.gap_to_renew.as_ref().unwrap().tier_expiry_date, "2125-11-19");
    assert_eq!(g.warnings[0].code, Some(1656));
    assert_eq!(g.life_time_purchases, Some(70100.0));
    assert_eq!(g.id, Id(3918893));
    assert_eq!(g.max_group_size, Some(6));
    assert_eq!(g.created_by, Some(Id(75155297)));
    assert_eq!(g.fleet_group_users[3].user_id, Id(564662499));
    assert!(!g.fleet_group_users[3].active && !g.fleet_group_users[3].default_group);
    assert!(g.fleet_group_users.iter().all(|m| m.group_id == Some(Id(3918893))));
    assert_eq!(g.points_summaries.len(), 2);
    assert_eq!(g.points_summaries[0].next_slab_serial_number, Some(-1));
    assert_eq!(g.points_summaries[0].program_id, Some(973));
    assert_eq!(g.points_summaries[1].delayed_points, Some(4000.0));
    assert_eq!(g.warnings[0].message, "Fleet group do not have a mapped hierarchy");
    assert_eq!(g.warnings[0].status, Some(false));
    assert_eq!(g.extended_fields["usergroup2_automation_extended_field"], 25);
}

#[test]
fn reward_group_examples() {
    let r: RewardGroupRequest = round_trip("reward-create-request.json");
    assert_eq!(r.rank, Some(99));
    let g: RewardGroup = round_trip("reward-create-response.json");
    assert_eq!((g.id, g.org_id, g.rank, g.is_active), (Id(2412), Some(Id(100737)), Some(8), true));
    assert_eq!(g.created_on, Some(1742180327987));
    assert_eq!(g.created_on_date_time, "2025-03-17T02:58:47Z");
}

#[test]
fn oauth_token_example() {
    let r: TokenRequest = round_trip("oauth-token-request.json");
    assert_eq!((r.key.as_str(), r.secret.as_str()), ("…", "…"));
    let t: TokenResponse = round_trip("oauth-token-response.json");
    assert_eq!(t.errors, None);
    let data = t.data.unwrap();
    assert_eq!((data.access_token.as_str(), data.ttl_seconds), ("…", 300));
}

#[test]
fn every_fixture_is_tested() {
    // A fixture added to the folder without a test here would prove nothing.
    let tested = [
        "create-request-basic.json",
        "create-request-extended.json",
        "create-v1-request-uat_ug_12.json",
        "create-v1-request-uat_ug_13.json",
        "create-response-2361.json",
        "create-response-51298.json",
        "create-v1-response-3962909.json",
        "create-v1-response-3962910.json",
        "update-request-3962909.json",
        "update-request-3918893.json",
        "update-response-3962909.json",
        "update-response-3918893.json",
        "get-response-3918893.json",
        "reward-create-request.json",
        "reward-create-response.json",
        "reward-create-response-400.json", // an error body: tests/errors.rs
        "oauth-token-request.json",
        "oauth-token-response.json",
    ];
    let dir = format!("{}/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut found: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    found.sort();
    let mut tested: Vec<String> = tested.iter().map(|s| s.to_string()).collect();
    tested.sort();
    assert_eq!(found, tested);
}

/// The comparison must catch a loss, or the round trips above prove nothing.
#[test]
fn the_comparison_catches_lost_or_changed_values() {
    let fails = |orig: Value, copy: Value| std::panic::catch_unwind(|| same_meaning(&orig, &copy, "t")).is_err();
    use serde_json::json;
    // Allowed: equal numbers, a numeric id string, dropped nulls and empties.
    assert!(!fails(json!({"a": 54500.0, "id": "3962909"}), json!({"a": 54500, "id": 3962909})));
    assert!(!fails(json!({"a": null, "b": [], "c": {}, "d": ""}), json!({})));
    // Caught: a dropped value (also false and 0), a changed value, a changed type, a lost entry.
    assert!(fails(json!({"a": 1}), json!({})));
    assert!(fails(json!({"a": false}), json!({})));
    assert!(fails(json!({"a": 0}), json!({})));
    assert!(fails(json!({"a": "x"}), json!({"a": "y"})));
    assert!(fails(json!({"a": "25"}), json!({"a": 26})));
    assert!(fails(json!({"a": 25}), json!({"a": "25"})));
    assert!(fails(json!({"a": [1, 2]}), json!({"a": [1]})));
    assert!(fails(json!({"a": {"b": {"c": 1}}}), json!({"a": {"b": {}}})));
    assert!(fails(json!({"a": true}), json!({"a": null})));
}
