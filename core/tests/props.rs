//! Properties over arbitrary input: nothing the platform, a gateway or a user can send makes
//! the core panic (a panic in wasm takes the whole console down), what validation accepts
//! keeps the rules, and what the console builds reads back the same.
//!
//! 256 cases per property by default (PROPTEST_CASES overrides it for a longer run).

use std::collections::BTreeMap;

use gc_core::group::checks::*;
use gc_core::group::wire::*;
use gc_core::platform::auth::TokenResponse;
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::{error_from_response, parse_success, ApiError};
use gc_core::platform::fields::*;
use gc_core::platform::format::parse_date;
use gc_core::platform::read::*;
use gc_core::rewards::checks::*;
use gc_core::rewards::wire::*;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Number, Value};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

// ------------------------------------------------------------------ arbitrary JSON

/// The names our types read, so generated objects reach deep into the parsers instead of
/// being skipped as unknown fields.
const KEYS: &[&str] = &[
    "id",
    "externalId",
    "groupName",
    "maxGroupSize",
    "extendedFields",
    "groupStatus",
    "fleetGroupUsers",
    "userId",
    "groupId",
    "defaultGroup",
    "primaryMember",
    "active",
    "createdBy",
    "createdOn",
    "lifeTimePurchases",
    "expiredPoints",
    "expirySchedules",
    "points",
    "expiryDate",
    "expiryDateISO",
    "expiredOn",
    "programId",
    "gapToUpgrade",
    "upgradeBasedOn",
    "upgradeThreshold",
    "customerUpgradeEntityValues",
    "currentValue",
    "valueValidUpto",
    "gapToRenew",
    "tierExpiryDate",
    "renewConfirmed",
    "renewStrategies",
    "totalActiveMembers",
    "totalExitedMembers",
    "pointsSummaries",
    "loyaltyPoints",
    "lifetimePoints",
    "redeemed",
    "currentSlab",
    "nextSlab",
    "slabSNo",
    "nextSlabSerialNumber",
    "userGroup2Id",
    "upgradeStrategies",
    "gapToRenewSummary",
    "linkedPartnerPrograms",
    "companyDetails",
    "warnings",
    "errors",
    "status",
    "success",
    "code",
    "message",
    "entity",
    "entityType",
    "data",
    "accessToken",
    "ttlSeconds",
    "proxyError",
    "name",
    "rank",
    "orgId",
    "isActive",
    "lastUpdatedOn",
    "createdOnDateTime",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => "\\PC{0,6}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", Number::from_f64).prop_map(Value::Number),
        (-3i64..100_000).prop_map(|n| Value::from(n as f64 + 0.5)),
        "\\PC{0,12}".prop_map(Value::String),
        // Text the lenient readers try to read as numbers, ids, booleans, statuses, dates.
        "[ ]?-?[0-9]{1,22}(\\.[0-9]{0,3})?(e[0-9])?[ ]?".prop_map(Value::String),
        prop::sample::select(
            &[
                "true",
                "FALSE",
                "ACTIVE",
                "inactive",
                "",
                " ",
                "NaN",
                "inf",
                "2025-11-03T05:23:40Z",
                "2026-04-27",
                "2026-4-7é"
            ][..]
        )
        .prop_map(|s| Value::String(s.to_string())),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// An object at the top, as every real answer is.
fn json_object() -> impl Strategy<Value = Value> {
    prop::collection::vec((key(), json()), 0..8).prop_map(|kv| Value::Object(kv.into_iter().collect()))
}

/// Reads `body` as every answer type and looks at every error's words: none may panic.
fn read_everything(status: u16, body: &str, retry_after: Option<&str>) {
    fn one<T: DeserializeOwned + 'static>(status: u16, body: &str) {
        if let Err(e) = parse_success::<T>(status, body) {
            look(&e);
        }
    }
    one::<GroupDetails>(status, body);
    one::<UpdatedGroup>(status, body);
    one::<CreateGroupResponse>(status, body);
    one::<RewardGroup>(status, body);
    one::<TokenResponse>(status, body);
    // Requests too: the emulator reads them from whatever a client sends.
    one::<CreateGroupRequest>(status, body);
    one::<UpdateGroupRequest>(status, body);
    one::<RewardGroupRequest>(status, body);
    look(&error_from_response(status, body, retry_after));
}

fn look(e: &ApiError) {
    let _ = (e.headline(), e.technical(), e.to_string(), e.status(), e.code(), e.api_message(), e.is_transient());
    for endpoint in
        [CallId::CreateGroup, CallId::UpdateGroup, CallId::GetGroup, CallId::CreateRewardGroup, CallId::OauthToken]
    {
        let _ = e.field(endpoint);
    }
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![prop::sample::select(&[200u16, 201, 400, 401, 403, 404, 429, 500, 502, 503, 504][..]), any::<u16>(),]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_json_body_is_read_without_panic(v in json(), status in status(), pretty in any::<bool>(), retry in proptest::option::of("\\PC{0,6}")) {
        let body = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { v.to_string() };
        read_everything(status, &body, retry.as_deref());
        // Valid JSON is never called broken or not JSON.
        let e = error_from_response(status, &body, None);
        prop_assert!(!matches!(e, ApiError::NotJson { .. } | ApiError::Truncated { .. }), "{e:?} for {body}");
    }

    #[test]
    fn any_object_body_is_read_without_panic(v in json_object(), status in status()) {
        read_everything(status, &v.to_string(), None);
    }

    /// Any cut of a JSON object or list, at any character, is "truncated": the emulator's
    /// truncation fault and a dropped connection both look like this.
    #[test]
    fn a_cut_answer_is_truncated(v in json_object(), frac in 0.0f64..1.0, pretty in any::<bool>()) {
        let body = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { v.to_string() };
        let mut cut = ((body.len() as f64) * frac) as usize;
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        let part = &body[..cut];
        prop_assume!(!part.trim().is_empty());
        prop_assert_eq!(error_from_response(500, part, None), ApiError::Truncated { status: 500 });
        prop_assert_eq!(parse_success::<GroupDetails>(200, part).unwrap_err(), ApiError::Truncated { status: 200 });
        prop_assert_eq!(parse_success::<CreateGroupResponse>(200, part).unwrap_err(), ApiError::Truncated { status: 200 });
    }

    #[test]
    fn any_text_body_is_read_without_panic(body in "\\PC{0,64}", status in status()) {
        read_everything(status, &body, None);
    }

    #[test]
    fn any_bytes_body_is_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..96), status in status()) {
        // The browser hands over text; invalid UTF-8 arrives replaced, as here.
        read_everything(status, &String::from_utf8_lossy(&bytes), Some(&String::from_utf8_lossy(&bytes)));
    }

    /// JSON-looking text: brackets, quotes, escapes, numbers and known keys in any order.
    #[test]
    fn json_like_text_is_read_without_panic(parts in prop::collection::vec(prop_oneof![
        prop::sample::select(&["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u00", "-", ".", "e", "1", "0.0", "true", "nul", " ", "\n", "é", "😀"][..]).prop_map(str::to_string),
        prop::sample::select(KEYS).prop_map(|k| format!("\"{k}\"")),
    ], 0..40), status in status()) {
        read_everything(status, &parts.concat(), None);
    }

    #[test]
    fn dates_of_any_text_are_read_without_panic(s in "\\PC{0,30}", d in "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{1,2}:[0-9]{2}(:[0-9.]{1,6})?(Z|[+-][0-9]{1,20}(:[0-9]{1,3})?)?") {
        let _ = parse_date(&s);
        let _ = parse_date(&d);
    }
}

// ------------------------------------------------------------------ validation

/// Text a user might type: anything, plus the troublesome kinds weighted up.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        "(?s:.{0,60})",
        "\\PC{0,60}",
        "[ \t]{0,2}[a-z_0-9]{0,55}[ \t]{0,2}",
        "(😀|e\u{301}|a|漢|\u{a0}| ){0,60}",
        "[ ]?[-+]?[0-9,.eE]{0,8}[ ]?",
    ]
}

fn rows() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((prop_oneof![typed(), "[a-c]{1,2}"], typed()), 0..6)
}

fn create_input() -> impl Strategy<Value = CreateGroupInput> {
    (typed(), typed(), prop_oneof![typed(), (0u64..40_000).prop_map(|n| n.to_string())], rows()).prop_map(
        |(external_id, group_name, max_group_size, extended_fields)| CreateGroupInput {
            external_id,
            group_name,
            max_group_size,
            extended_fields,
        },
    )
}

fn limit() -> impl Strategy<Value = u32> {
    prop_oneof![Just(30_000u32), Just(500), 1u32..100_000, any::<u32>()]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        "\\PC{0,10}".prop_map(Value::String),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::Bool),
    ]
}

fn snapshot() -> impl Strategy<Value = GroupSnapshot> {
    (typed(), typed(), proptest::option::of(any::<i64>()), prop::collection::btree_map("[a-c]{1,2}", value(), 0..4))
        .prop_map(|(external_id, group_name, max_group_size, extended_fields)| GroupSnapshot {
            external_id,
            group_name,
            max_group_size,
            extended_fields,
        })
}

fn assert_text_rule(raw: &str, sent: &str, max: usize) {
    assert_eq!(sent, raw.trim(), "the trimmed value is sent, never cut");
    assert!(!sent.is_empty());
    assert!(utf16_len(sent) <= max, "{sent:?}");
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn text_rules_match_their_definition(s in typed()) {
        let t = s.trim();
        let units = utf16_len(t);
        prop_assert_eq!(units, t.encode_utf16().count());
        prop_assert_eq!(external_id(&s).is_ok(), !t.is_empty() && units <= 50);
        match group_name(&s, false) {
            Ok(None) => prop_assert!(t.is_empty()),
            Ok(Some(v)) => prop_assert_eq!(v.as_str(), t),
            Err(e) => prop_assert_eq!(e.to_string(), format!("Group name is {units} characters; the limit is 50.")),
        }
        let _ = group_name(&s, true).map_err(|e| e.to_string());
        let _ = rank(&s).map_err(|e| e.to_string());
        let _ = max_group_size(&s, 30_000, 0).map_err(|e| e.to_string());
    }

    /// The size rules as a model: typed as digits (with spaces around), any number.
    #[test]
    fn group_size_matches_the_model(n in prop_oneof![0u64..=40_000, any::<u64>()], pad in "[ \t]{0,2}", limit in limit(), active in prop_oneof![Just(0u64), 0u64..40_000]) {
        let got = max_group_size(&format!("{pad}{n}{pad}"), limit, active);
        let want = if n == 0 {
            Err(FieldError::BelowOne(NumberKind::GroupSize))
        } else if n > limit as u64 {
            Err(FieldError::AboveLimit(limit))
        } else if n < active {
            Err(FieldError::BelowActive(active))
        } else {
            Ok(n as u32)
        };
        prop_assert_eq!(got, want);
    }

    #[test]
    fn any_size_text_or_limit_never_panics(s in typed(), limit in limit(), active in any::<u64>()) {
        if let Ok(n) = max_group_size(&s, limit, active) {
            prop_assert!((1..=limit).contains(&n) && n as u64 >= active);
            prop_assert!(s.trim().bytes().all(|b| b.is_ascii_digit()), "only digits pass: {s:?}");
        }
    }

    #[test]
    fn what_create_accepts_keeps_the_rules(input in create_input(), limit in limit()) {
        match validate_create(&input, limit) {
            Ok(req) => {
                assert_text_rule(&input.external_id, &req.external_id, 50);
                match &req.group_name {
                    Some(name) => assert_text_rule(&input.group_name, name, 50),
                    None => prop_assert!(input.group_name.trim().is_empty()),
                }
                prop_assert!((1..=limit).contains(&req.max_group_size));
                prop_assert_eq!(req.extended_fields.len(), input.extended_fields.len());
                for (name, value) in &input.extended_fields {
                    let name = name.trim();
                    prop_assert!(!name.is_empty() && !name.chars().any(char::is_whitespace), "{:?}", name);
                    prop_assert_eq!(&req.extended_fields[name], &Value::String(value.trim().to_string()));
                    prop_assert!(!value.trim().is_empty());
                }
                // What was accepted is accepted again as it is sent.
                let again = CreateGroupInput {
                    external_id: req.external_id.clone(),
                    group_name: req.group_name.clone().unwrap_or_default(),
                    max_group_size: req.max_group_size.to_string(),
                    extended_fields: req.extended_fields.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect(),
                };
                prop_assert_eq!(validate_create(&again, limit), Ok(req));
            }
            Err(e) => {
                prop_assert!(!e.is_empty());
                prop_assert!(e.first_invalid().is_some());
                prop_assert!(!e.messages().is_empty());
                prop_assert_eq!(e.extended_fields.len(), input.extended_fields.len());
            }
        }
    }

    #[test]
    fn what_update_accepts_keeps_the_rules(
        original in snapshot(),
        input in create_input(),
        limit in limit(),
        active in prop_oneof![Just(0u64), 0u64..40_000],
        id in any::<u64>(),
    ) {
        match validate_update(Id(id), &original, &input, limit, active) {
            Ok(plan) => {
                let req = &plan.request;
                prop_assert_eq!(req.id, Id(id));
                assert_text_rule(&input.group_name, &req.group_name, 50);
                if let Some(ext) = &req.external_id {
                    assert_text_rule(&input.external_id, ext, 50);
                    prop_assert_ne!(ext, &original.external_id);
                }
                if let Some(size) = req.max_group_size {
                    prop_assert!((1..=limit).contains(&size) && size as u64 >= active);
                    prop_assert_ne!(Some(size as i64), original.max_group_size);
                }
                for (k, v) in req.extended_fields.iter().flatten() {
                    prop_assert!(!k.chars().any(char::is_whitespace) && !k.is_empty());
                    prop_assert_ne!(original.extended_fields.get(k), Some(v));
                }
                prop_assert!(!plan.changes.is_empty());
                let fields = req.extended_fields.as_ref().map_or(0, BTreeMap::len);
                let expected = (req.group_name != original.group_name) as usize
                    + req.external_id.is_some() as usize
                    + req.max_group_size.is_some() as usize
                    + fields;
                prop_assert_eq!(plan.changes.len(), expected);
            }
            Err(e) => {
                prop_assert!(!e.is_empty());
                if let Some(f) = e.form {
                    prop_assert_eq!(f.to_string(), "Nothing to save: no field changed.");
                    prop_assert!(e.first_invalid().is_none());
                }
                for fe in [&e.external_id, &e.group_name, &e.max_group_size].into_iter().flatten() {
                    let _ = fe.to_string();
                }
            }
        }
    }

    #[test]
    fn what_reward_accepts_keeps_the_rules(name in typed(), rank_text in typed()) {
        match validate_reward(&name, &rank_text) {
            Ok(req) => {
                assert_text_rule(&name, &req.name, 255);
                match req.rank {
                    None => prop_assert!(rank_text.trim().is_empty()),
                    Some(r) => prop_assert!((1..=MAX_RANK).contains(&r)),
                }
            }
            Err(e) => {
                prop_assert!(e.name.is_some() || e.rank.is_some());
                let _ = (e.name.map(|e| e.to_string()), e.rank.map(|e| e.to_string()));
            }
        }
    }
}

// ------------------------------------------------------------------ requests round-trip

fn ext_fields() -> impl Strategy<Value = ExtendedFields> {
    prop::collection::btree_map(any::<String>(), prop_oneof![value(), Just(Value::Null)], 0..5)
}

fn create_request() -> impl Strategy<Value = CreateGroupRequest> {
    (any::<String>(), proptest::option::of(any::<String>()), any::<u32>(), ext_fields()).prop_map(
        |(external_id, group_name, max_group_size, extended_fields)| CreateGroupRequest {
            external_id,
            group_name,
            max_group_size,
            extended_fields,
        },
    )
}

fn update_request() -> impl Strategy<Value = UpdateGroupRequest> {
    (
        any::<u64>(),
        any::<String>(),
        proptest::option::of(any::<String>()),
        proptest::option::of(any::<u32>()),
        proptest::option::of(ext_fields()),
    )
        .prop_map(|(id, group_name, external_id, max_group_size, extended_fields)| UpdateGroupRequest {
            id: Id(id),
            group_name,
            external_id,
            max_group_size,
            extended_fields,
        })
}

fn group_key() -> impl Strategy<Value = GroupKey> {
    prop_oneof![
        any::<u64>().prop_map(GroupKey::Id),
        any::<u64>().prop_map(GroupKey::PrimaryUserId),
        any::<String>().prop_map(GroupKey::ExternalId),
        "[a-z&=+% #?/;,]{0,12}".prop_map(GroupKey::ExternalId),
        "\\PC{0,12}".prop_map(GroupKey::ExternalId),
    ]
}

fn get_query() -> impl Strategy<Value = GetGroupQuery> {
    (group_key(), any::<[bool; 4]>(), proptest::option::of(any::<u32>()), proptest::option::of(any::<u32>())).prop_map(
        |(
            key,
            [program_details, expired_points, expiry_schedules, company_details],
            gap_to_upgrade_for,
            gap_to_renew_for,
        )| GetGroupQuery {
            key,
            program_details,
            expired_points,
            expiry_schedules,
            gap_to_upgrade_for,
            gap_to_renew_for,
            company_details,
        },
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn create_requests_round_trip(req in create_request()) {
        let text = serde_json::to_string(&req).unwrap();
        prop_assert_eq!(serde_json::from_str::<CreateGroupRequest>(&text).unwrap(), req);
    }

    #[test]
    fn update_requests_round_trip(req in update_request()) {
        let text = serde_json::to_string(&req).unwrap();
        prop_assert_eq!(serde_json::from_str::<UpdateGroupRequest>(&text).unwrap(), req);
    }

    #[test]
    fn reward_requests_round_trip(name in any::<String>(), rank in proptest::option::of(any::<u32>())) {
        let req = RewardGroupRequest { name, rank };
        let text = serde_json::to_string(&req).unwrap();
        prop_assert!(!text.contains("\"rank\":null"), "an empty rank is omitted");
        prop_assert_eq!(serde_json::from_str::<RewardGroupRequest>(&text).unwrap(), req);
    }

    #[test]
    fn get_queries_round_trip(q in get_query()) {
        let s = q.to_query_string();
        // Only the separators of the query itself, whatever the external id holds.
        prop_assert_eq!(s.matches('&').count(), s.split('&').count() - 1);
        prop_assert!(s.split('&').all(|pair| pair.matches('=').count() == 1), "{}", s);
        prop_assert!(s.is_ascii());
        prop_assert_eq!(GetGroupQuery::from_query_string(&s).unwrap(), q);
    }
}

// ------------------------------------------------------------------ the group answer's member reader

/// A member list written by hand, the way a platform, a proxy or a broken one might: the
/// documented shape, ids and flags in other forms, extra and repeated keys, escapes, any
/// spacing, and cuts anywhere.
fn member_list_text() -> impl Strategy<Value = String> {
    let id = prop_oneof![
        4 => any::<u64>().prop_map(|n| n.to_string()),
        1 => prop::sample::select(&["\"123\"", "\" 4 \"", "\"\"", "1.0", "-1", "01", "1e3", "null", "18446744073709551616", "true", "[1]"][..]).prop_map(String::from),
    ];
    let flag = prop_oneof![
        4 => prop::sample::select(&["true", "false"][..]).prop_map(String::from),
        1 => prop::sample::select(&["null", "\"true\"", "\"FALSE\"", "1", "0", "2.5", "tru", "{}"][..]).prop_map(String::from),
    ];
    let other = prop::sample::select(
        &["1", "-0.5e-3", "\"a b\"", "\"\\u0041\"", "null", "[]", "{\"k\": [1, {}]}", "\"\t\""][..],
    )
    .prop_map(String::from);
    let key = prop_oneof![
        8 => prop::sample::select(&["userId", "groupId", "defaultGroup", "primaryMember", "active"][..]).prop_map(String::from),
        1 => prop::sample::select(&["joinedOn", "u\\u0073erId", "userid", ""][..]).prop_map(String::from),
    ];
    let entry = key.prop_flat_map(move |k| {
        let value = match k.as_str() {
            "userId" | "groupId" => id.clone().boxed(),
            "defaultGroup" | "primaryMember" | "active" => flag.clone().boxed(),
            _ => other.clone().boxed(),
        };
        value.prop_map(move |v| (k.clone(), v))
    });
    let ws = || prop::sample::select(&["", " ", "\n  ", "\t"][..]);
    let member = (prop::collection::vec((entry, ws(), ws()), 0..7), ws()).prop_map(|(entries, end)| {
        let body: Vec<String> = entries.into_iter().map(|((k, v), a, b)| format!("{a}\"{k}\"{b}:{a}{v}{b}")).collect();
        format!("{{{}{end}}}", body.join(","))
    });
    // The documented shape: each key once, in any order, with what the platform sends.
    let plain = (any::<u64>(), proptest::option::of(any::<u64>()), any::<[bool; 3]>(), ws()).prop_flat_map(
        |(user, group, [d, p, a], w)| {
            let group = group.map_or("null".to_string(), |g| g.to_string());
            let fields = vec![
                format!("\"userId\":{w}{user}"),
                format!("\"groupId\":{group}"),
                format!("\"defaultGroup\":{d}"),
                format!("\"primaryMember\":{w}{p}"),
                format!("\"active\":{a}"),
            ];
            Just(fields).prop_shuffle().prop_map(move |f| format!("{{{}}}", f.join(&format!(",{w}"))))
        },
    );
    prop_oneof![
        10 => (prop::collection::vec((plain, ws()), 0..8), ws()).prop_map(|(ms, end)| {
            format!("[{}{end}]", ms.into_iter().map(|(m, w)| format!("{w}{m}")).collect::<Vec<_>>().join(","))
        }),
        10 => (prop::collection::vec((member, ws()), 0..6), ws()).prop_map(|(ms, end)| {
            format!("[{}{end}]", ms.into_iter().map(|(m, w)| format!("{w}{m}")).collect::<Vec<_>>().join(","))
        }),
        1 => prop::sample::select(&["null", "[]", "{}", "[,]", "[{\"userId\": 1},]", "\"x\""][..]).prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// `GroupDetails::from_json` reads the member list itself when it can: whatever it reads,
    /// and whatever it refuses, is exactly what serde would, error messages included.
    #[test]
    fn the_member_list_agrees_with_serde(members in member_list_text(), before in "[ \n]{0,2}", after in any::<bool>(), cut in any::<prop::sample::Index>(), whole in any::<bool>()) {
        let tail = if after { r#", "groupName": "a \"[x]\"", "pointsSummaries": [{"loyaltyPoints": 5}]"# } else { "" };
        let full = format!(r#"{{"id": 3918893, "externalId": "f{{1}}",{before}"fleetGroupUsers":{before}{members}{tail}}}"#);
        let text = if whole { full.as_str() } else { &full[..cut.index(full.len() + 1).min(full.len())] };
        if !text.is_char_boundary(text.len()) {
            return Ok(());
        }
        prop_assert_eq!(
            GroupDetails::from_json(text).map(|(g, _)| g).map_err(|e| e.to_string()),
            serde_json::from_str::<GroupDetails>(text).map_err(|e| e.to_string()),
            "{}", text
        );
    }
}
