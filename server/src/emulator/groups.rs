//! `POST`, `PUT` and `GET /v2/userGroup2`: create, update and read user groups, with the
//! platform's codes (docs/platform-api.md):
//! 1632 unknown group, 1633 externalId exists, 1634 externalId null, 1635 no key passed,
//! 1638 below the active members, 1639 above the size limit, 1640 not positive,
//! 1643 nothing to update, 400 for malformed fields; warnings 91016/91017 for extended fields.
//! A group that is no longer active (its primary left, or deleted) answers 1632 to updates.

// The readers below fail with the finished error answer; its size does not matter here.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;

use axum::{body::Bytes, extract::State, http::StatusCode, http::Uri, response::Response};
use gc_core::group::wire::{ExtendedFields, GetGroupQuery};
use gc_core::platform::read::ApiWarning;
use gc_core::points::wire::{ExpiredPoints, ExpirySchedule, PointsSummary, RenewInfo, UpgradeStrategy};
use serde::Serialize;
use serde_json::{value::RawValue, Number, Value};

use super::{bad_request, int_value, json_bytes, json_response, parse_body, text_field, utf16_len, v2_error, Shared};
use crate::emulator::store::{Group, Members};

const MAX_CHARS: usize = 50;

/// The usergroup2 extended fields this emulated org defines, and their types.
#[derive(Clone, Copy, PartialEq)]
enum FieldType {
    Text,
    Integer,
    DateTime,
}

const EXTENDED_FIELDS: &[(&str, FieldType)] = &[
    ("ug_status", FieldType::Text),
    ("group_avatar_url", FieldType::Text),
    ("metadata", FieldType::Text),
    ("ug_primary_user", FieldType::Text),
    ("ug_registration_date", FieldType::DateTime),
    ("usergroup2_automation_extended_field", FieldType::Integer),
    ("platinum", FieldType::Integer),
    ("fleet_region", FieldType::Text),
    ("family_type", FieldType::Text),
];

/// Whether `name` is one of the org's usergroup2 extended fields.
pub fn is_extended_field(name: &str) -> bool {
    EXTENDED_FIELDS.iter().any(|(n, _)| *n == name)
}

fn warning(code: i64, message: String) -> ApiWarning {
    ApiWarning { status: Some(false), code: Some(code), message }
}

/// Reads `extendedFields`: the values to store (a `null` value means "remove the field" —
/// our reading, the docs do not say how to clear one) and the warnings. With any warning the
/// caller stores none of them, as the docs say: "the extended fields are not updated".
fn read_extended(v: Option<&Value>) -> Result<(BTreeMap<String, Value>, Vec<ApiWarning>), Response> {
    let map = match v {
        None | Some(Value::Null) => return Ok((BTreeMap::new(), vec![])),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(bad_request(400, "extendedFields must be an object of field names and values")),
    };
    let mut values = BTreeMap::new();
    let mut warnings = vec![];
    for (name, value) in map {
        let Some(&(_, kind)) = EXTENDED_FIELDS.iter().find(|(n, _)| n == name) else {
            warnings.push(warning(91016, format!("Extended field name is incorrect: {name}")));
            continue;
        };
        let stored = match (kind, value) {
            (_, Value::Null) => Some(Value::Null),
            // Integer fields sent as "25" are stored and answered as the number 25.
            (FieldType::Integer, v) => int_value(v).map(Value::from),
            (FieldType::Text, Value::String(s)) => Some(Value::String(s.clone())),
            (FieldType::Text, v @ (Value::Number(_) | Value::Bool(_))) => Some(Value::String(v.to_string())),
            (FieldType::DateTime, Value::String(s)) if crate::emulator::dates::is_iso_date_time(s.trim()) => {
                Some(Value::String(s.trim().to_string()))
            }
            _ => None,
        };
        match stored {
            Some(v) => {
                values.insert(name.clone(), v);
            }
            None => warnings.push(warning(
                91017,
                format!("Value of the extended field does not match the data type: {name} = {value}"),
            )),
        }
    }
    Ok((values, warnings))
}

fn merge(current: &ExtendedFields, changes: BTreeMap<String, Value>) -> ExtendedFields {
    let mut out = current.clone();
    for (k, v) in changes {
        if v.is_null() {
            out.remove(&k);
        } else {
            out.insert(k, v);
        }
    }
    out
}

/// `maxGroupSize`: an integer, at least 1, at most the org's limit.
fn read_max_size(v: &Value, limit: i64) -> Result<i64, Response> {
    let n = match (int_value(v), v.as_f64()) {
        (Some(n), _) => n,
        // A whole number too large for an i64 is still a number, just above the limit.
        (None, Some(f)) if f.fract() == 0.0 => {
            if f > 0.0 {
                i64::MAX
            } else {
                i64::MIN
            }
        }
        _ => return Err(bad_request(400, "maxGroupSize must be an integer")),
    };
    if n <= 0 {
        return Err(bad_request(1640, "Max group size must be a positive number"));
    }
    if n > limit {
        return Err(bad_request(
            1639,
            &format!("Max group size {n} exceeds the product limit of {limit} (CONF_MAX_FLEET_GROUP_SIZE)"),
        ));
    }
    Ok(n)
}

/// A trimmed text field of at most 50 UTF-16 units; `Ok(None)` when absent, null or blank.
fn read_name(body: &Value, field: &str) -> Result<Option<String>, Response> {
    let text = text_field(body, field).map_err(|_| bad_request(400, &format!("{field} must be a string")))?;
    let Some(text) = text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) else { return Ok(None) };
    if utf16_len(&text) > MAX_CHARS {
        return Err(bad_request(
            400,
            &format!("{field} is too long: the maximum number of allowed characters is {MAX_CHARS}"),
        ));
    }
    Ok(Some(text))
}

fn read_object(bytes: &Bytes) -> Result<Value, Response> {
    match parse_body(bytes) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(bad_request(400, "The request body must be a JSON object")),
        Err(()) => Err(bad_request(400, "The request body is not valid JSON")),
    }
}

/// `POST /v2/userGroup2`
pub async fn create(State(emu): Shared, bytes: Bytes) -> Response {
    let body = match read_object(&bytes) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let external_id = match read_name(&body, "externalId") {
        Ok(Some(e)) => e,
        Ok(None) => return bad_request(1634, "externalId must not be null"),
        Err(r) => return r,
    };
    let group_name = match read_name(&body, "groupName") {
        Ok(n) => n.unwrap_or_default(),
        Err(r) => return r,
    };
    let max = match body.get("maxGroupSize").filter(|v| !v.is_null()) {
        None => return bad_request(400, "maxGroupSize is required"),
        Some(v) => match read_max_size(v, emu.opts.max_group_size) {
            Ok(n) => n,
            Err(r) => return r,
        },
    };
    let (fields, warnings) = match read_extended(body.get("extendedFields")) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut store = emu.store();
    if store.by_external_id(&external_id).is_some() {
        return bad_request(1633, "Group ID exists. Change the value of the field externalId");
    }
    let id = store.take_group_id();
    let now = crate::emulator::dates::now_millis();
    let today = now.div_euclid(86_400_000);
    let extended_fields =
        if warnings.is_empty() { merge(&ExtendedFields::new(), fields) } else { ExtendedFields::new() };
    store.insert_group(Group {
        id,
        external_id,
        group_name,
        group_status: "ACTIVE".into(),
        created_by: crate::emulator::account::GROUP_WRITER,
        created_on: crate::emulator::dates::iso_from_millis(now),
        max_group_size: max,
        life_time_purchases: Number::from(0),
        members: Members::List(vec![]),
        extended_fields,
        points_summaries: vec![crate::emulator::seed::new_group_summary(id, today)],
        expired_points: vec![],
        expiry_schedules: vec![],
        company_details: None,
        has_hierarchy: false,
        history: None,
    });
    store.persist();
    json_response(StatusCode::OK, &serde_json::json!({"entity": id, "warnings": warnings}))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UpdateResponse<'a> {
    id: u64,
    external_id: &'a str,
    group_name: &'a str,
    max_group_size: i64,
    extended_fields: &'a ExtendedFields,
    entity_type: &'static str,
    promised_points_schedule_list: [Value; 0],
    trigger_based_points_list: [Value; 0],
    warnings: Vec<ApiWarning>,
}

/// `PUT /v2/userGroup2`: `id` and `groupName` are mandatory, the rest changes when sent.
pub async fn update(State(emu): Shared, bytes: Bytes) -> Response {
    let body = match read_object(&bytes) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let not_valid = || bad_request(1632, "Group ID, externalId, or primary userID is not valid");
    let Some(id) = body.get("id").and_then(int_value).filter(|n| *n > 0).map(|n| n as u64) else {
        return not_valid();
    };
    let group_name = match read_name(&body, "groupName") {
        Ok(Some(n)) => n,
        Ok(None) => return bad_request(400, "Group name must not be null"),
        Err(r) => return r,
    };
    let external_id = match (text_field(&body, "externalId"), read_name(&body, "externalId")) {
        (Ok(None), _) => None,
        (_, Ok(Some(e))) => Some(e),
        (_, Ok(None)) => return bad_request(1634, "externalId must not be null"),
        (_, Err(r)) => return r,
    };
    let max = match body.get("maxGroupSize").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => match read_max_size(v, emu.opts.max_group_size) {
            Ok(n) => Some(n),
            Err(r) => return r,
        },
    };
    let (changes, warnings) = match read_extended(body.get("extendedFields")) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut store = emu.store();
    // An inactive or deleted group can no longer be changed (docs/platform-api.md, readings).
    let Some(group) = store.group(id).filter(|g| g.is_active()).cloned() else { return not_valid() };
    let external_id = external_id.unwrap_or_else(|| group.external_id.clone());
    if store.by_external_id(&external_id).is_some_and(|other| other.id != id) {
        return bad_request(1633, "Group ID exists. Change the value of the field externalId");
    }
    let max = max.unwrap_or(group.max_group_size);
    let active = store.members(id).active as i64;
    if max < active {
        return bad_request(1638, &format!("Max group size {max} is less than the group's {active} active members"));
    }
    let fields =
        if warnings.is_empty() { merge(&group.extended_fields, changes) } else { group.extended_fields.clone() };
    let changed = external_id != group.external_id
        || group_name != group.group_name
        || max != group.max_group_size
        || fields != group.extended_fields;
    // With a warning and no other change we still answer 200 with the warning: it says why
    // nothing changed, which "Nothing to update" would hide.
    if !changed && warnings.is_empty() {
        return bad_request(1643, "Nothing to update");
    }
    if changed {
        store.update_group(id, external_id.clone(), group_name.clone(), max, fields.clone());
        store.persist();
    }
    json_response(
        StatusCode::OK,
        &UpdateResponse {
            id,
            external_id: &external_id,
            group_name: &group_name,
            max_group_size: max,
            extended_fields: &fields,
            entity_type: "USERGROUP2",
            promised_points_schedule_list: [],
            trigger_based_points_list: [],
            warnings,
        },
    )
}

/// The GET answer, keys in the docs' order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GetResponse<'a> {
    id: u64,
    external_id: &'a str,
    group_status: &'a str,
    fleet_group_users: &'a RawValue,
    created_by: u64,
    created_on: &'a str,
    group_name: &'a str,
    max_group_size: i64,
    life_time_purchases: &'a Number,
    #[serde(skip_serializing_if = "Option::is_none")]
    expired_points: Option<&'a [ExpiredPoints]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expiry_schedules: Option<&'a [ExpirySchedule]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gap_to_upgrade: Option<Vec<&'a UpgradeStrategy>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gap_to_renew: Option<&'a RenewInfo>,
    total_active_members: u64,
    total_exited_members: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    points_summaries: Option<&'a [PointsSummary]>,
    extended_fields: &'a ExtendedFields,
    #[serde(skip_serializing_if = "Option::is_none")]
    company_details: Option<&'a Value>,
    warnings: Vec<ApiWarning>,
}

/// `GET /v2/userGroup2?id=…|externalId=…|primaryUserId=…` with the optional sections.
pub async fn get(State(emu): Shared, uri: Uri) -> Response {
    let qs = uri.query().unwrap_or("");
    let keys: Vec<(String, String)> = form_urlencoded_pairs(qs)
        .filter(|(k, v)| matches!(k.as_str(), "id" | "externalId" | "primaryUserId") && !v.trim().is_empty())
        .collect();
    if keys.is_empty() {
        return bad_request(1635, "Group query param not passed: send id, externalId or primaryUserId");
    }
    // A key that cannot be an id names no group: 1632, not a format error.
    if keys.iter().any(|(k, v)| k != "externalId" && v.trim().parse::<u64>().is_err()) {
        return bad_request(1632, "Group ID, externalId, or primary userID is not valid");
    }
    let q = match GetGroupQuery::from_query_string(qs) {
        Ok(q) => q,
        Err(e) => return bad_request(400, &e),
    };
    let (group, members) = {
        let store = emu.store();
        match store.find(&q.key) {
            Some(g) => (g.clone(), store.members(g.id)),
            None => return bad_request(1632, "Group ID, externalId, or primary userID is not valid"),
        }
    };
    // gapToUpgradeFor / gapToRenewFor: the number of days ahead of today the gap is asked
    // for (0 = today), as the customer APIs with the same parameters define it
    // (docs/platform-api.md). The emulator's gaps do not change from one day to the next, so:
    // - gapToUpgradeFor=N: every program's upgrade strategy, in program order (programs
    //   already at their top tier have none);
    // - gapToRenewFor=N: the renewal summary of the first program that has one (the default
    //   program).
    // The docs' query for 3918893 (both = 2) so answers exactly the docs' example.
    // companyDetails=true adds the group's company object when it has one (3918893 has none,
    // and the docs' example, asked with companyDetails=true, has no such key).
    let s = &group.points_summaries;
    let gap_to_upgrade = q.gap_to_upgrade_for.map(|_| s.iter().flat_map(|p| p.upgrade_strategies.iter()).collect());
    let gap_to_renew = q.gap_to_renew_for.and(s.iter().find_map(|p| p.gap_to_renew_summary.as_ref()));
    let warnings = if group.has_hierarchy {
        vec![]
    } else {
        vec![warning(1656, "Fleet group do not have a mapped hierarchy".into())]
    };
    let body = GetResponse {
        id: group.id,
        external_id: &group.external_id,
        group_status: &group.group_status,
        fleet_group_users: &members.json,
        created_by: group.created_by,
        created_on: &group.created_on,
        group_name: &group.group_name,
        max_group_size: group.max_group_size,
        life_time_purchases: &group.life_time_purchases,
        expired_points: q.expired_points.then_some(group.expired_points.as_slice()),
        expiry_schedules: q.expiry_schedules.then_some(group.expiry_schedules.as_slice()),
        gap_to_upgrade,
        gap_to_renew,
        total_active_members: members.active,
        total_exited_members: members.exited,
        points_summaries: q.program_details.then_some(group.points_summaries.as_slice()),
        extended_fields: &group.extended_fields,
        company_details: if q.company_details { group.company_details.as_ref() } else { None },
        warnings,
    };
    match serde_json::to_vec(&body) {
        Ok(bytes) => json_bytes(StatusCode::OK, bytes),
        Err(e) => v2_error(StatusCode::INTERNAL_SERVER_ERROR, 500, &e.to_string()),
    }
}

/// Decoded `key=value` pairs of a query string.
fn form_urlencoded_pairs(qs: &str) -> impl Iterator<Item = (String, String)> + '_ {
    form_urlencoded::parse(qs.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned()))
}
