//! Every example request and response in the platform's docs (core/fixtures/) reads into
//! our types and writes back without losing meaning: the four endpoints' pages, every JSON
//! example of the group-management fact sheet, and every example of the points calls
//! (core/fixtures/points/; docs/platform-api.md).

use gc_core::find::wire::*;
use gc_core::group::wire::*;
use gc_core::history::ledger::{LedgerAnswer, LedgerQuery};
use gc_core::history::wire::*;
use gc_core::members::permissions::*;
use gc_core::members::tiers::{match_plan, TierAdjusted, TierAdjustment};
use gc_core::members::wire::*;
use gc_core::platform::auth::{TokenRequest, TokenResponse};
use gc_core::platform::endpoints::CALLS;
use gc_core::platform::error::{error_from_response, parse_success, ApiError};
use gc_core::platform::read::*;
use gc_core::points::goodwill::{
    Decided, DecisionAnswer, DecisionRequest, GoodwillCreated, GoodwillInput, GoodwillRequest,
};
use gc_core::points::issue::{AllocateAnswer, AllocateItem, SideEffect};
use gc_core::points::schedules::{ExpiryEntry, PromisedPoints, TrackersAnswer};
use gc_core::points::transfer::{PointsTransfer, TransferAnswer, TransferCheckAnswer, TransferRecord};
use gc_core::points::wire::*;
use gc_core::points::{goodwill, transfer};
use gc_core::rewards::wire::*;
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
        // The v1.1 family writes booleans as text.
        (Value::String(a), Value::Bool(b)) if a.eq_ignore_ascii_case(&b.to_string()) => {}
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
    same_meaning_both_ways(name, &text, parsed)
}

/// For request bodies that are JSON lists (join, permissions): answers are always objects,
/// so `parse_success` refuses a list; these are read as the emulator reads them.
fn round_trip_list<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(name: &str) -> Vec<T> {
    let text = fixture(name);
    let parsed: Vec<T> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    same_meaning_both_ways(name, &text, parsed)
}

fn same_meaning_both_ways<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    name: &str,
    text: &str,
    parsed: T,
) -> T {
    let orig: Value = serde_json::from_str(text).unwrap();
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
        "search-response-51334.json",
        "ext-search-request.json",
        "ext-search-response.json",
        "members-response-basic.json",
        "members-response-cards.json",
        "join-request-2026.json",
        "join-request-2361.json",
        "join-request-guide.json",
        "join-response-2361.json",
        "leave-response.json",
        "transfer-request-2026.json",
        "transfer-request-guide.json",
        "transfer-response.json",
        "permissions-request-array.json",
        "permissions-request-string.json",
        "permissions-response.json",
        "delete-response.json",
        "reward-list-response.json",
        "reward-get-response-10417.json",
        "reward-update-request.json",
        "reward-update-response.json",
        "reward-update-response-45.json",
        "slab-history-response.json",
        "transactions-response.json",
    ];
    let listed = |dir: &str| -> Vec<String> {
        let mut found: Vec<String> = std::fs::read_dir(format!("{}/fixtures/{dir}", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file())
            .map(|e| e.file_name().into_string().unwrap())
            .filter(|n| n != "README.md")
            .collect();
        found.sort();
        found
    };
    let mut tested: Vec<String> = tested.iter().map(|s| s.to_string()).collect();
    tested.sort();
    assert_eq!(listed(""), tested);
    let mut points: Vec<String> = POINTS_TESTED.iter().map(|s| s.to_string()).collect();
    points.sort();
    assert_eq!(listed("points"), points);
    // Each is also listed, with its source, in that folder's README.
    let readme = fixture("points/README.md");
    for name in POINTS_TESTED {
        assert!(readme.contains(name), "{name} is not listed in points/README.md");
    }
}

/// The examples of the points calls (core/fixtures/points/), each tested below.
const POINTS_TESTED: [&str; 26] = [
    "is-transferrable-request-group-to-customer.json",
    "is-transferrable-response.json",
    "is-transferrable-error-434.json", // an error body
    "transfer-request-customer-to-group.json",
    "transfer-response-customer-to-group.json",
    "transfer-item-group-to-customer.json",
    "goodwill-request.json",
    "goodwill-response.json",
    "goodwill-error-shape.json", // an error body
    "goodwill-v11-request.json", // the older form, not sent: compared with ours
    "approve-request.json",
    "approve-response.json",
    "allocate-request-group.json",
    "allocate-response-customer.json",
    "allocate-response-207.json",
    "allocate-side-effect-group.json",
    "deduct-customer-request.json", // no deduction is offered: checked as such
    "slab-adjust-request.json",
    "slab-adjust-request-guide.json",
    "slab-adjust-response.json",
    "ledger-response-group.json",
    "expiry-schedule-item.json",
    "promised-schedule-response.json",
    "trackers-response.json",
    "reward-create-request-groups.json",
    "reward-create-response.json", // in two parts: status and reward
];

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
    // A boolean written as text is that boolean, and no other.
    assert!(!fails(json!({"a": "true", "b": "false"}), json!({"a": true, "b": false})));
    assert!(fails(json!({"a": "true"}), json!({"a": false})));
    assert!(fails(json!({"a": true}), json!({"a": "true"})));
}

// ------------------------------------------------------------------ group management

#[test]
fn search_example() {
    let r: GroupSearchResponse = round_trip("search-response-51334.json");
    let p = r.pagination.as_ref().unwrap();
    assert_eq!((p.limit, p.offset, p.total), (Some(10), Some(0), Some(1)));
    let g = &r.data[0];
    assert_eq!(
        (g.group_id, g.group_status, g.group_external_id.as_str()),
        (Id(51334), GroupStatus::Active, "natwest_16")
    );
    assert_eq!((g.primary_member_id, g.total_members), (Some(Id(558085086)), Some(1)));
    assert_eq!(g.primary_name(), "Test Usergroup");
    assert_eq!((g.email.as_str(), g.mobile.as_str()), ("bradpitt@gmail.com", "9911223366"));
    assert_eq!(g.extended_fields["platinum"], 25);
    // The table's fields the example lacks stay absent.
    assert_eq!((g.id, g.total_active_members, g.default_group, g.life_time_purchases), (None, None, None, None));
}

#[test]
fn extended_field_search_examples() {
    let r: ExtendedFieldSearchRequest = round_trip("ext-search-request.json");
    assert_eq!(r.extended_fields["platinum"], "40");
    let r: GroupSearchResponse = round_trip("ext-search-response.json");
    let g = &r.data[0];
    assert_eq!((g.total_members, g.total_active_members), (Some(1), Some(1)));
    assert_eq!(g.active_members(), Some(1));
    assert_eq!(g.primary_name(), "", "this example names no primary member");
    assert_eq!(g.extended_fields["platinum"], 40);
}

#[test]
fn members_examples() {
    let r: MembersResponse = round_trip("members-response-basic.json");
    assert_eq!(r.pagination, None);
    assert_eq!(r.data.len(), 2);
    let father = &r.data[0];
    assert_eq!((father.fleet_user_id, father.name().as_str(), father.is_primary()), (Id(568077466), "Father", true));
    assert_eq!(father.joined_on, "2026-02-12");
    assert!(father.permissions.as_text, "the members list sends a comma-separated string");
    assert_eq!(
        father.permissions.set().unwrap(),
        PermissionSet::new().with(Permission::AllowPointsRedemption).with(Permission::AllowPointsTransfer)
    );
    assert_eq!(father.points_contributed, Some(0.0));
    assert_eq!(father.in_active, Some(true));
    assert_eq!(father.identifiers.len(), 3);
    let mother = &r.data[1];
    assert!(!mother.is_primary() && mother.role == "SECONDARY");
    assert!(mother.permissions.set().unwrap().contains(Permission::BlockPointsTransfer));
    assert_eq!(
        leave_identifiers(mother)[0],
        (IdentifierKind::Mobile, "919988123457".to_string()),
        "leave uses the mobile first"
    );

    let r: MembersResponse = round_trip("members-response-cards.json");
    let p = r.pagination.unwrap();
    assert_eq!((p.sort_by.as_str(), p.sort_order.as_str(), p.total), ("IS_PRIMARY", "DESC", Some(2)));
    let tom = &r.data[0];
    assert_eq!((tom.role_code.as_str(), tom.email.as_str()), ("FA", ""));
    let card = &tom.cards[0];
    assert_eq!((card.card_id, card.kind.as_str(), card.series_id), (Some(Id(1970588)), "DIGITAL", Some(172)));
    assert_eq!(card.card_number, "rego0000000000204800series");
    assert_eq!(card.transaction_not_allowed, Some(true));
    let status = card.status_info.as_ref().unwrap();
    assert_eq!((status.status.as_str(), status.is_active, status.label_id), ("ACTIVE", Some(true), Some(157)));
    assert_eq!(status.entity_id, Some(Id(1970588)));
    assert_eq!(
        leave_identifiers(tom),
        vec![
            (IdentifierKind::Mobile, "915484360670".to_string()),
            (IdentifierKind::CardNumber, "rego0000000000204800series".to_string())
        ]
    );
}

#[test]
fn join_examples() {
    let items: Vec<JoinItem> = round_trip_list("join-request-2026.json");
    let i = &items[0];
    assert_eq!((i.user_id, i.primary_member, i.default_group, i.active), (Id(568557831), true, Some(true), Some(true)));
    assert_eq!(i.permissions.values.len(), 4);
    // The example sends allow and block of both kinds: the console would refuse to.
    assert!(matches!(i.permissions.set().unwrap().check(), Err(PermissionError::Conflict(_))));
    let items: Vec<JoinItem> = round_trip_list("join-request-guide.json");
    assert_eq!((items[0].user_id, items[0].primary_member), (Id(564662499), false));
    let items: Vec<JoinItem> = round_trip_list("join-request-2361.json");
    assert_eq!((items[0].default_group, items[0].active), (None, None), "absent stays absent");
    assert_eq!(items[0].permissions.set().unwrap().iter().collect::<Vec<_>>(), [Permission::BlockPointsRedemption]);

    let r: BatchResponse = round_trip("join-response-2361.json");
    assert_eq!((r.total_count, r.failure_count), (Some(1), Some(0)));
    let item = &r.response[0];
    assert!(!item.failed() && item.error().is_none());
    assert_eq!(item.user_id(), Some(Id(416066472)));
    let result = item.result.as_ref().unwrap();
    assert_eq!((result.group_id, result.active, result.primary_member), (Some(Id(2361)), false, false));
    assert!(!result.permissions.as_text);
    assert_eq!(r.failures().count(), 0);
}

#[test]
fn a_failed_join_item_in_our_reading_names_its_code() {
    let body = r#"{"response": [
        {"entityId": {"userId": 1, "groupId": 9, "permissions": []}, "result": null,
         "warnings": [], "errors": [{"code": 1636, "message": "Customer is already a member of the group.", "status": false}]},
        {"entityId": {"userId": 2, "groupId": 9, "permissions": []}, "result": {"userId": 2, "groupId": 9, "active": true}, "warnings": []}
    ], "totalCount": 2, "failureCount": 1}"#;
    let r: BatchResponse = parse_success(200, body).expect("a partial success is a success");
    let failed: Vec<_> = r.failures().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].user_id(), Some(Id(1)));
    let e = failed[0].error().unwrap();
    assert_eq!(e.code(), Some(1636));
    assert_eq!(e.headline(), "This customer is already a member of the group.");
}

#[test]
fn leave_transfer_and_delete_examples() {
    for name in ["leave-response.json", "transfer-response.json"] {
        let r: WriteResponse = round_trip(name);
        assert_eq!(r, WriteResponse::ok());
    }
    let r: DeleteResponse = round_trip("delete-response.json");
    assert!(r.warnings.is_empty());
    // Group ids sent as strings read as numbers, and are written back as numbers.
    let t: TransferRequest = round_trip("transfer-request-2026.json");
    assert_eq!(
        (t.leave_group_id, t.join_group_id, t.user_ids.clone()),
        (Id(3962910), Id(3963208), vec![Id(568563144)])
    );
    assert_eq!(serde_json::to_value(&t).unwrap()["leaveGroupId"], serde_json::json!(3962910));
    let t: TransferRequest = round_trip("transfer-request-guide.json");
    assert_eq!(t.user_ids, vec![Id(564829146), Id(564709342)]);
}

#[test]
fn permissions_examples() {
    let list: Vec<PermissionUpdate> = round_trip_list("permissions-request-array.json");
    let string: Vec<PermissionUpdate> = round_trip_list("permissions-request-string.json");
    assert!(!list[0].permissions.as_text && string[0].permissions.as_text);
    assert_eq!(list[0].permissions.set(), string[0].permissions.set(), "both forms mean the same");
    assert_eq!(list[0].permissions.set().unwrap().iter().collect::<Vec<_>>(), [Permission::AllowPointsTransfer]);
    assert_eq!(list[0].user_id, Id(109983515));
    let r: BatchResponse = round_trip("permissions-response.json");
    let result = r.response[0].result.as_ref().unwrap();
    assert_eq!((result.user_id, result.group_id), (Id(109983515), Some(Id(3839))));
    assert_eq!(result.permissions.values, ["allow_points_transfer"]);
}

#[test]
fn reward_group_catalogue_examples() {
    let r: RewardListResponse = round_trip("reward-list-response.json");
    let status = r.status.as_ref().unwrap();
    assert_eq!((status.success, status.code), (true, Some(12013)));
    assert_eq!(r.group_ro_list.len(), 2);
    assert_eq!((r.group_ro_list[1].id, r.group_ro_list[1].name.as_str()), (Id(2295), "groupName016"));
    let p = r.paging_dto.unwrap();
    assert_eq!((p.first, p.last, p.total_elements, p.size, p.number), (true, true, Some(3), Some(10), Some(0)));

    let g: RewardGroup = round_trip("reward-get-response-10417.json");
    assert_eq!((g.id, g.rank, g.last_updated_by), (Id(10417), Some(2), Some(Id(75155297))));
    assert!(renames(&g, "UAT Group 3") && !renames(&g, " UAT Group 2 "));

    let u: RewardGroupUpdate = round_trip("reward-update-request.json");
    assert_eq!((u.name.as_str(), u.rank, u.is_active), ("Group RankASDF", Some(2), None));
    let g: RewardGroup = round_trip("reward-update-response.json");
    assert_eq!((g.id, g.name.as_str(), g.last_updated_on), (Id(2422), "dw", Some(1742197082485)));
    let g: RewardGroup = round_trip("reward-update-response-45.json");
    assert_eq!((g.id, g.org_id, g.created_on_date_time.as_str()), (Id(45), Some(Id(51544)), ""));
}

#[test]
fn slab_history_example() {
    let r: SlabHistoryResponse = round_trip("slab-history-response.json");
    assert_eq!(r.data.len(), 3);
    let kinds: Vec<&str> = r.data.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["RENEW", "UPGRADE", "DOWNGRADE"]);
    let up = &r.data[1];
    assert_eq!(
        (up.from.as_str(), up.to.as_str(), up.from_slab_number, up.to_slab_number),
        ("PlatinumPlus", "Signature", Some(5), Some(6))
    );
    assert_eq!((up.till_id, up.program_id), (Some(Id(13384512)), Some(1949)));
    let store = up.store.as_ref().unwrap();
    assert_eq!(
        (store.code.as_str(), store.kind.as_str(), store.is_org_unit),
        ("prod.bpcl.smartfleet", "STORE", Some(false))
    );
    let p = r.pagination.unwrap();
    assert_eq!((p.limit, p.total), (Some(20), Some(32)));
    assert!(p.has_more());
}

#[test]
fn transactions_example() {
    let r: TransactionsResponse = round_trip("transactions-response.json");
    let t = &r.data[0];
    assert_eq!((t.id, t.kind.as_str(), t.customer_id), (Some(Id(2148592384)), "REGULAR", Some(Id(420803403))));
    assert_eq!((t.amount(), t.points(), t.bill_number()), (Some(200.0), Some(40.0), "FC2-111112573646898_bulk2"));
    assert_eq!(t.date(), "2022-02-11T18:12:50+05:30");
    let bill = t.bill_details.as_ref().unwrap();
    assert_eq!(bill.billing_store.as_ref().unwrap().language_id, Some(-1));
    assert_eq!(t.point_summary.as_ref().unwrap().program_id, Some(765));
    let g = t.user_group2.as_ref().unwrap();
    assert_eq!((g.id, g.group_status, g.primary_user_id), (Some(Id(91898)), GroupStatus::Active, Some(Id(420803400))));
    assert_eq!((t.is_async, t.use_v2, t.basket_size), (Some(false), Some(false), Some(10.0)));
    assert_eq!(t.line_items.len(), 1);
    assert_eq!(t.custom_fields["paymentmode"], "abc");
    let csv = transactions_to_csv(&r.data);
    assert!(csv.ends_with("2022-02-11T18:12:50+05:30,REGULAR,420803403,FC2-111112573646898_bulk2,200,40\r\n"), "{csv}");
}

#[test]
fn the_newer_transaction_names_and_missing_fields_read_as_empty() {
    let r: TransactionsResponse = parse_success(
        200,
        r#"{"data": [{"id": "5", "type": null, "loyaltiesPointDetails": [{"points": 3}], "billPointsBreakup": {},
             "source": "INSTORE", "retroTxn": "false", "simulation": true, "billDetails": null, "pointSummary": null}],
             "warnings": null}"#,
    )
    .unwrap();
    let t = &r.data[0];
    assert_eq!((t.id, t.kind.as_str(), t.source.as_str()), (Some(Id(5)), "", "INSTORE"));
    assert_eq!((t.retro_txn, t.simulation), (Some(false), Some(true)));
    assert!(t.loyalties_point_details.is_some());
    assert_eq!((t.amount(), t.points(), t.bill_number(), t.date()), (None, None, "", ""));
    let empty: TransactionsResponse = parse_success(200, "{}").unwrap();
    assert!(empty.data.is_empty());
}

#[test]
fn missing_and_null_fields_of_the_new_answers_read_as_empty() {
    let s: GroupSearchResponse = parse_success(200, r#"{"pagination": null, "data": null, "warnings": null}"#).unwrap();
    assert!(s.pagination.is_none() && s.data.is_empty());
    let m: MembersResponse = parse_success(
        200,
        r#"{"data": [{"fleetUserId": 1, "permissions": null, "identifiers": null, "cards": null}]}"#,
    )
    .unwrap();
    assert!(m.data[0].permissions.values.is_empty() && m.data[0].identifiers.is_empty());
    assert_eq!(m.data[0].in_active, None);
    let b: BatchResponse = parse_success(200, r#"{"response": [{"entityId": null, "result": null}]}"#).unwrap();
    assert!(b.response[0].failed() && b.response[0].user_id().is_none());
    let l: RewardListResponse = parse_success(200, r#"{"groupRoList": null}"#).unwrap();
    assert!(l.group_ro_list.is_empty() && l.paging_dto.is_none());
    let h: SlabHistoryResponse = parse_success(200, r#"{"data": [{"store": null, "type": "UPGRADE"}]}"#).unwrap();
    assert_eq!(h.data[0].store, None);
    let c: CustomerGroups = parse_success(200, "{}").unwrap();
    assert!(c.groups().is_empty());
}

#[test]
fn renew_strategies_are_read_with_their_documented_fields() {
    let r: RenewInfo = serde_json::from_str(
        r#"{"tierExpiryDate": "2027-01-01", "renewStrategies": [
            {"renewBasedOn": "PURCHASE", "renewThreshold": 5000, "customerRenewEntityValue": "1200.5", "customerGapToRenewValue": 3799.5},
            {"renewBasedOn": "TRACKER", "renewThreshold": {"odd": true}, "trackerEntityIdentifiers": [{"id": 1}]}]}"#,
    )
    .unwrap();
    let s = &r.renew_strategies[0];
    assert_eq!(s.renew_based_on, "PURCHASE");
    assert_eq!(
        (s.renew_threshold, s.customer_renew_entity_value, s.customer_gap_to_renew_value),
        (Some(5000.0), Some(1200.5), Some(3799.5))
    );
    // A value of an unexpected type reads as absent instead of failing the whole group.
    assert_eq!(r.renew_strategies[1].renew_threshold, None);
    assert_eq!(r.renew_strategies[1].tracker_entity_identifiers.len(), 1);
    let back = serde_json::to_value(&r).unwrap();
    assert_eq!(back["renewStrategies"][0]["customerGapToRenewValue"], 3799.5);
}

// ------------------------------------------------------------------ a group's value (issue 25)

fn points_fixture(name: &str) -> String {
    fixture(&format!("points/{name}"))
}

fn points_round_trip<T: serde::de::DeserializeOwned + Serialize + PartialEq + std::fmt::Debug + 'static>(
    name: &str,
) -> T {
    round_trip(&format!("points/{name}"))
}

#[test]
fn transfer_examples() {
    // The 2022 request: a group gives 10.5 points to a customer named by mobile.
    let r: PointsTransfer = points_round_trip("is-transferrable-request-group-to-customer.json");
    assert_eq!((r.points, r.program_id, r.notes.as_str()), (Some(10.5), Some(765), "notes123"));
    let from = r.from_entity.as_ref().unwrap();
    assert_eq!(
        (from.kind.as_str(), from.identifier_type.as_str(), from.identifier_value.as_str()),
        ("USERGROUP2", "id", "1981")
    );
    let to = r.to_entity.as_ref().unwrap();
    assert_eq!((to.kind.as_str(), to.identifier_type.as_str(), to.source.as_str()), ("CUSTOMER", "mobile", "WECHAT"));
    assert_eq!(r.transferred_by.as_ref().unwrap().account_id, "WECHAT-SN");
    // 10.5 is written back as 10.5, a whole number as an integer.
    assert_eq!(serde_json::to_value(&r).unwrap()["pointsTobeTransferred"], serde_json::json!(10.5));

    let r: PointsTransfer = points_round_trip("transfer-request-customer-to-group.json");
    assert_eq!((r.points, r.program_id), (Some(1.0), Some(973)));
    assert_eq!(serde_json::to_string(&r).unwrap().matches("\"pointsTobeTransferred\":1,").count(), 1);
    assert_eq!(r.from_entity.as_ref().unwrap().identifier_value, "565345942");
    assert_eq!(r.to_entity.as_ref().unwrap().identifier_value, "3847940");
    assert_eq!(r.transferred_by.as_ref().unwrap().source, "INSTOREwe", "kept as the example has it");

    let c: TransferCheckAnswer = points_round_trip("is-transferrable-response.json");
    assert!(c.agrees());
    assert_eq!(c.data[0].points_to_be_transferred, Some(10.0));
    assert_eq!(c.words(10), "The platform agrees: 10 points can move.");

    // The refusal: an error whichever status it comes with.
    let text = points_fixture("is-transferrable-error-434.json");
    let e = error_from_response(400, &text, None);
    assert_eq!(e.code(), Some(434));
    assert_eq!(
        transfer::words(&e),
        "The platform did not accept who or what was named: Invalid fromEntity.identifierType set in the request payload"
    );
    let disguised = parse_success::<TransferCheckAnswer>(200, &text).unwrap_err();
    assert_eq!(disguised.code(), Some(434));

    let a: TransferAnswer = points_round_trip("transfer-response-customer-to-group.json");
    let t = a.record().unwrap();
    assert_eq!(
        (t.transfer_id, t.points_transferred, t.transfer_type.as_str()),
        (Some(1037706), Some(2.0), "DEDUCTION")
    );
    assert_eq!((t.from_entity_id, t.from_entity_type.as_str()), (Some(Id(565345942)), "CUSTOMER"));
    assert_eq!(t.transferred_from.as_ref().unwrap().name(), "firstname21 lastname21");
    let g = t.transferred_to_user_group2.as_ref().unwrap();
    assert_eq!(
        (g.id, g.group_status, g.group_name.as_str(), g.max_group_size),
        (Some(Id(3847940)), GroupStatus::Active, "name_sant201", Some(110))
    );
    let b = &t.points_transfer_breakup_by_earning_programs[0];
    assert_eq!((b.program_id, b.deducted_points, b.program_current_points), (Some(973), Some(1.0), Some(992.0)));
    assert_eq!(
        a.words(1, "DocDemoDefaultProgram", "firstname21 lastname21", "name_sant201"),
        "Moved 2 points of DocDemoDefaultProgram from firstname21 lastname21 to name_sant201 (transfer 1037706).",
        "the points the platform says it moved"
    );

    let t: TransferRecord = points_round_trip("transfer-item-group-to-customer.json");
    assert_eq!((t.from_entity_type.as_str(), t.to_entity_type.as_str()), ("USERGROUP2", "CUSTOMER"));
    assert_eq!(t.transferred_to.as_ref().unwrap().name(), "", "names may be blank");
    let g = t.transferred_from_user_group2.as_ref().unwrap();
    assert_eq!((g.group_name.as_str(), g.fleet_group_users.len()), ("", 1));
    assert!(g.fleet_group_users[0].primary_member);
    assert_eq!(t.points_transfer_breakup_by_earning_programs[0].program_current_points, Some(70.0));
}

#[test]
fn goodwill_examples() {
    let r: GoodwillRequest = points_round_trip("goodwill-request.json");
    assert_eq!(
        (r.kind.as_str(), r.base_type.as_str(), r.earning_entity_type.as_str()),
        ("GOODWILL", "POINTS", "USERGROUP2")
    );
    assert_eq!((r.goodwill_request.points, r.goodwill_request.reason.as_str()), (Some(100.0), "POINTS_ISSUE"));
    assert_eq!((r.group.identifier_value, r.group.account_id.as_str()), (Some(Id(3832764)), "565118794"));
    assert_eq!(r.program_id, Some(973));

    let c: GoodwillCreated = points_round_trip("goodwill-response.json");
    assert_eq!(c.created_id, Some(Id(13044649)));

    let e = error_from_response(400, &points_fixture("goodwill-error-shape.json"), None);
    assert_eq!((e.status(), e.code()), (Some(400), Some(400)));
    assert_eq!(goodwill::words(&e), "The platform found the request incomplete or invalid.");

    // The older v1.1 form carries what our v2 request carries, in snake_case and as text.
    let old: Value = serde_json::from_str(&points_fixture("goodwill-v11-request.json")).unwrap();
    let o = &old["root"]["request"];
    let group = o["user_group_2_identification_info"]["identifier_value"].as_u64().unwrap();
    let input = GoodwillInput {
        program_id: o["programId"].as_i64().unwrap(),
        points: o["points"].as_str().unwrap().parse().unwrap(),
        reason: o["reason"].as_str().unwrap().into(),
        comments: Some(o["comments"].as_str().unwrap().into()),
    };
    let ours = serde_json::to_value(GoodwillRequest::new(group, &input, "00000001")).unwrap();
    assert_eq!(ours["type"], o["type"]);
    assert_eq!(ours["baseType"], o["base_type"]);
    assert_eq!(ours["earningEntityType"], o["earning_entity_type"]);
    assert_eq!(ours["goodwillRequest"]["points"], serde_json::json!(100));
    assert_eq!(ours["goodwillRequest"]["reason"], o["reason"]);
    assert_eq!(ours["goodwillRequest"]["comments"], o["comments"]);
    assert_eq!(ours["userGroup2IdentificationInfo"]["identifierValue"], serde_json::json!(1901));
    assert_eq!(ours["programId"], serde_json::json!(469));
}

#[test]
fn approve_examples() {
    let r: DecisionRequest = points_round_trip("approve-request.json");
    let item = &r.root.request[0];
    assert_eq!((item.id.as_str(), item.points.as_str(), item.kind.as_str()), ("32628415", "30", "GOODWILL"));
    // Ours is the same body for the same request.
    assert_eq!(DecisionRequest::goodwill(Id(32628415), 30, "Approving 30 points from API"), r);

    let a: DecisionAnswer = points_round_trip("approve-response.json");
    assert!(a.response.status.success);
    assert_eq!(a.response.status.code, Some(200));
    let out = a.outcome(Id(32628415));
    assert_eq!(out, Decided::Done { status: "APPROVED".into(), approved: Some(30.0) });
    assert_eq!(out.words(), "Approved: 30 points.");
    let s = a.response.requests.request[0].item_status.as_ref().unwrap();
    assert_eq!((s.success, s.code, s.message.as_str()), (true, Some(9000), "Request updated successfully"));
}

#[test]
fn manual_issue_examples() {
    let items: Vec<AllocateItem> = round_trip_list("points/allocate-request-group.json");
    let i = &items[0];
    assert_eq!(
        (i.org_id, i.program_id, i.award_strategy_id, i.expiry_strategy_id),
        (Some(Id(51186)), Some(2649), Some(111523), Some(111581))
    );
    assert_eq!(
        (i.source_value, i.event_name.as_str(), i.event_source_id.as_str()),
        (Some(5000.0), "TransactionAdd", "2152312071")
    );
    assert_eq!((i.lookup_params.entity_type.as_str(), i.lookup_params.group_id), ("USERGROUP2", Some(Id(61450))));
    assert_eq!(i.lookup_params.identifier_type, "mobile", "read, never sent by the console");

    let a: AllocateAnswer = points_round_trip("allocate-response-customer.json");
    assert_eq!((a.total, a.success, a.failures), (Some(1), Some(1), Some(0)));
    assert!(a.data[0].succeeded());
    assert_eq!(a.data[0].points(), 500.0);
    assert_eq!(a.data[0].side_effects[0].raw_awarded_points, Some(500.0));

    let a: AllocateAnswer = points_round_trip("allocate-response-207.json");
    let failed: Vec<_> = a.failed().collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0].already_issued());
    assert_eq!((failed[0].http_status, failed[0].event_log_id), (Some(409), Some(-1)));
    assert_eq!(failed[0].words("The Sharma Family"), "Not issued: These points were already issued (same reference).");
    assert_eq!(a.data[1].words("The Sharma Family"), "Issued 100 points to The Sharma Family (event 634510809).");
    // A 207 is a 2xx: read as an answer, not an error.
    assert!(parse_success::<AllocateAnswer>(207, &points_fixture("allocate-response-207.json")).is_ok());

    let s: SideEffect = points_round_trip("allocate-side-effect-group.json");
    assert_eq!((s.entity_type.as_str(), s.awarded_points, s.kind.as_str()), ("USERGROUP2", Some(500.0), "points"));
}

/// The customer deduction's request is the only hint at the group deduction, whose page is
/// missing: the console offers no deduction, so no call of the table deducts.
#[test]
fn the_deduction_example_is_not_a_call_of_the_console() {
    let v: Value = serde_json::from_str(&points_fixture("deduct-customer-request.json")).unwrap();
    assert_eq!((v["programId"].as_i64(), v["pointsToBeAdjusted"].as_str()), (Some(973), Some("10")));
    assert!(CALLS.iter().all(|c| !c.path.to_lowercase().contains("negativepointsadjustment")));
}

#[test]
fn tier_adjustment_examples() {
    let r: TierAdjustment = points_round_trip("slab-adjust-request.json");
    assert_eq!((r.slab_action.as_str(), r.to_slab_name.as_str()), ("UPGRADE", "Emerald"));
    assert_eq!((r.manual_slab_action_validity_upto.as_str(), r.reassess_tier_on_next_activity), ("20", Some(true)));

    // The guide's member alignment is what "Match the primary's tier" sends, with its reason.
    let guide: TierAdjustment = points_round_trip("slab-adjust-request-guide.json");
    let gold = PointsSummary { current_slab: "Gold".into(), slab_s_no: Some(2), ..PointsSummary::default() };
    let silver = PointsSummary { current_slab: "Silver".into(), slab_s_no: Some(1), ..PointsSummary::default() };
    let plan = match_plan(&gold, &[(700100002, "Arjun Sharma", Some(&silver))]);
    let ours = TierAdjustment::match_primary(973, &plan[0]).unwrap();
    assert_eq!(TierAdjustment { slab_change_reason: String::new(), ..ours }, guide);

    let a: TierAdjusted = points_round_trip("slab-adjust-response.json");
    assert_eq!(a.entity_id, Some(Id(424134447)));
    assert_eq!(a.side_effects[0].upgraded_slab_number, Some(3));
    assert_eq!(a.words("Priya Sharma"), "Priya Sharma: Ruby → Emerald (until 30th Nov, 2025)");
}

#[test]
fn ledger_example() {
    let l: LedgerAnswer = points_round_trip("ledger-response-group.json");
    assert_eq!(l.total(), 5);
    assert_eq!(l.ledger_entries.len(), 3);
    let expiry = &l.ledger_entries[0];
    assert_eq!((expiry.event(), expiry.net_points(), expiry.customer_id), ("Expired", Some(-20.0), Some(973)));
    assert_eq!(expiry.date(), "2025-04-05T02:42:18Z");
    assert_eq!(expiry.entry_details[0].points, Some(20.0));
    assert_eq!(expiry.kinds(), ["DEBIT"]);
    let moved = &l.ledger_entries[1];
    assert_eq!((moved.event(), moved.customer_id, moved.store.as_str()), ("Transfer", Some(-3835641), "DocStore"));
    assert_eq!(moved.member(|_| None), "—", "no customer details: no member");
    let created = &l.ledger_entries[2];
    assert_eq!((created.event(), created.kinds()), ("Group created", vec!["OPENING_BALANCE"]));
    assert_eq!(created.programs(), "DocTransferPoints, DocDemoDefaultProgram");
    assert_eq!(created.org_id, Some(Id(100737)));
    assert_eq!(created.event_details["eventDateISO"], "2025-02-18T06:28:02Z");
    // Points go back as the platform writes them: text with three decimals.
    let back = serde_json::to_value(&l).unwrap();
    assert_eq!(back["ledgerEntries"][0]["netPointsOnEvent"], "-20.000");
    assert!(!l.ignored_filter(&LedgerQuery::new(3832765)));
}

#[test]
fn schedule_and_tracker_examples() {
    // The group GET's item and the endpoint's read the same fields.
    let g: ExpirySchedule = points_round_trip("expiry-schedule-item.json");
    let e: ExpiryEntry = points_round_trip("expiry-schedule-item.json");
    assert_eq!((g.points, g.expiry_date.as_str(), g.program_id), (e.points, e.expiry_date.as_str(), e.program_id));
    assert_eq!((e.points_type.as_str(), e.expiry_type.as_str()), ("", ""));

    let p: PromisedPoints = points_round_trip("promised-schedule-response.json");
    assert_eq!((p.entity_id, p.entity_type.as_str()), (Some(-21988), "FLEET"));
    assert!(p.promised_points_schedule_list.is_empty());
    let t = &p.trigger_based_points_list;
    assert_eq!((t[0].points, t[0].points_type.as_str()), (Some(33.33), "line_item_regular"));
    assert_eq!(t[1].points, Some(-40.0));

    let t: TrackersAnswer = points_round_trip("trackers-response.json");
    let tr = &t.data[0];
    assert_eq!((tr.id, tr.kind.as_str(), tr.value), (Some(Id(12446)), "BILL_TOTAL_QTY", Some(0.0)));
    assert_eq!((tr.condition_id, tr.period_end_date.as_str()), (Some(Id(638)), "2125-04-24T23:59:59Z"));
    assert_eq!(t.pagination.unwrap().total, Some(0));
}

#[test]
fn reward_link_examples() {
    // The create page's groups part: a reward's links and its own rank ("1" as text).
    let r: Reward = points_round_trip("reward-create-request-groups.json");
    assert_eq!(r.rank_in("groupName012"), Some(8));
    assert!(r.is_in("groupName013") && r.rank_in("groupName013").is_none());
    assert_eq!(r.reward_rank, Some(1));

    // The create answer, in its two parts.
    let v: Value = serde_json::from_str(&points_fixture("reward-create-response.json")).unwrap();
    let status: RewardStatus = same_meaning_both_ways(
        "status",
        &v["status"].to_string(),
        serde_json::from_value(v["status"].clone()).unwrap(),
    );
    assert_eq!((status.success, status.code), (true, Some(6002)));
    let reward: Reward = same_meaning_both_ways(
        "reward",
        &v["reward"].to_string(),
        serde_json::from_value(v["reward"].clone()).unwrap(),
    );
    assert_eq!(reward.id, Id(124158));
    assert_eq!(v.as_object().unwrap().len(), 2, "nothing else in the answer");
}

/// Whatever the error, a points call's words are never empty and fall back to the headline.
#[test]
fn the_words_of_every_call_fall_back_to_the_headline() {
    let other = ApiError::Api { status: 400, code: Some(99999), message: "odd".into() };
    let h = other.headline();
    assert_eq!(transfer::words(&other), h);
    assert_eq!(goodwill::words(&other), h);
    assert_eq!(goodwill::decision_words(&other), h);
    assert_eq!(gc_core::points::issue::words(&other), h);
    assert_eq!(gc_core::points::schedules::tracker_words(&other), h);
    assert_eq!(gc_core::history::ledger::words(&other), h);
    assert_eq!(gc_core::members::tiers::adjust_words(&other, "A", "Gold"), h);
    assert_eq!(gc_core::members::tiers::read_words(&other), h);
    assert_eq!(rewards_words(&other, 1), h);
}
