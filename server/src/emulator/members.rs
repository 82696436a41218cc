//! A group's members: the members list, join, leave, transfer, permissions and delete, with
//! the readings of docs/platform-api.md. Every write goes through the store, so the GET's
//! `fleetGroupUsers`, counts and status, and the search, agree with it at once.

// The readers below fail with the finished error answer; its size does not matter here.
#![allow(clippy::result_large_err)]

use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{StatusCode, Uri},
    response::Response,
};
use gc_core::group::wire::GroupKey;
use gc_core::group::wire::{DeleteGroupQuery, DeleteResponse};
use gc_core::members::permissions::{PermissionList, PermissionSet};
use gc_core::members::wire::{
    BatchItem, BatchResponse, Card, CardStatus, GroupMember, Identifier, IdentifierKind, LeaveQuery, MembersQuery,
    MembershipRecord, WriteResponse, ROLE_PRIMARY, ROLE_SECONDARY,
};
use gc_core::platform::query::{page_of, Pagination, QueryError, QueryParams, SortOrder};
use gc_core::platform::read::{ApiWarning, Id};
use serde_json::Value;

use super::{bad_request, int_value, json_response, parse_body, Shared};
use crate::emulator::customers::Customer;
use crate::emulator::dates::{date_string, now_millis, parse_instant};
use crate::emulator::search::effective_join_day;
use crate::emulator::store::{Group, MemberRecord, Store, DELETED, INACTIVE};

const NOT_VALID: &str = "Group id/externalId/primary userId passed is not valid.";

fn not_valid() -> Response {
    bad_request(1632, NOT_VALID)
}

fn today() -> String {
    date_string(now_millis().div_euclid(86_400_000))
}

/// An active group named by `key`, or the 1632 answer.
fn active_group<'a>(store: &'a Store, key: &GroupKey) -> Result<&'a Group, Response> {
    store.find(key).filter(|g| g.is_active()).ok_or_else(not_valid)
}

fn item_error(code: i64, message: String) -> ApiWarning {
    ApiWarning { status: Some(false), code: Some(code), message }
}

/// A JSON list with at least one entry, else the whole request is refused (403).
fn non_empty_list(bytes: &Bytes, what: &str) -> Result<Vec<Value>, Response> {
    match parse_body(bytes) {
        Ok(Value::Array(items)) if !items.is_empty() => Ok(items),
        Ok(_) => Err(bad_request(403, &format!("Field {what} is mandatory: send a non-empty list."))),
        Err(()) => Err(bad_request(400, "The request body is not valid JSON")),
    }
}

/// The group a batch call names (1635 when none, 1632 when not an id) and its items.
fn batch_request(
    uri: &Uri,
    bytes: &Bytes,
    key_of: impl Fn(&QueryParams) -> Result<Option<GroupKey>, QueryError>,
) -> Result<(GroupKey, Vec<Value>), Response> {
    let key = match key_of(&QueryParams::parse(uri.query().unwrap_or(""))) {
        Ok(Some(k)) => k,
        Ok(None) => return Err(bad_request(1635, "Group query param is not passed.")),
        Err(_) => return Err(not_valid()),
    };
    Ok((key, non_empty_list(bytes, "userId")?))
}

fn user_id_of(item: &Value) -> Option<u64> {
    item.get("userId").and_then(int_value).filter(|n| *n > 0).map(|n| n as u64)
}

fn permissions_of(item: &Value) -> (PermissionList, Result<PermissionSet, String>) {
    let list: PermissionList =
        item.get("permissions").cloned().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    let set = list.set().map_err(|e| match e {
        gc_core::members::permissions::PermissionError::Unknown(v) => v,
        other => other.to_string(),
    });
    (list, set)
}

fn flag(item: &Value, name: &str) -> Option<bool> {
    item.get(name).and_then(Value::as_bool)
}

fn stored_list(set: PermissionSet) -> Vec<String> {
    set.block_wins().iter().map(|p| p.as_str().to_string()).collect()
}

/// The stored membership, as join and permissions answer it in `result`.
fn membership(group: u64, r: &MemberRecord) -> MembershipRecord {
    MembershipRecord {
        user_id: Id(r.user_id),
        group_id: Some(Id(group)),
        permissions: PermissionList { values: r.permissions.clone(), as_text: false },
        default_group: r.default_group,
        active: r.active,
        primary_member: r.primary_member,
    }
}

// ------------------------------------------------------------------ members list

fn member_view(g: &Group, r: &MemberRecord, c: &Customer, q: &MembersQuery) -> GroupMember {
    let ids = [
        (IdentifierKind::Mobile, c.mobile.clone()),
        (IdentifierKind::Email, c.email.clone()),
        (IdentifierKind::ExternalId, c.external_id.clone()),
    ];
    let joined_on = effective_join_day(g, &r.joined_on);
    let card = Card {
        card_id: Some(Id(c.id + 1_000_000_000)),
        issued_date: format!("{joined_on}T10:00:00Z"),
        created_date: joined_on.clone(),
        expiry_days: Some(10_000),
        series_name: "GROUPCONSOLE".into(),
        customer_id: Some(Id(c.id)),
        max_active_cards: Some(100),
        kind: "DIGITAL".into(),
        card_number: c.card_number(),
        series_id: Some(172),
        series_code: "GROUPCONSOLE".into(),
        org_id: Some(Id(crate::emulator::account::ORG_ID)),
        entity_id: Some(Id(c.id)),
        status_info: q.include_status_details.then(|| CardStatus {
            id: Some(Id(c.id + 2_000_000_000)),
            is_active: Some(true),
            label: "ACTIVE".into(),
            status: "ACTIVE".into(),
            label_id: Some(157),
            created_on: format!("{joined_on}T10:00:00Z"),
            auto_update_time: joined_on.clone(),
            entity_id: Some(Id(c.id + 1_000_000_000)),
            ..CardStatus::default()
        }),
        transaction_not_allowed: Some(false),
        expiry_date: "2049-09-20T00:00:00Z".into(),
        ..Card::default()
    };
    GroupMember {
        fleet_user_id: Id(c.id),
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        joined_on,
        permissions: PermissionList { values: r.permissions.clone(), as_text: true },
        points_contributed: Some(r.points_contributed),
        email: c.email.clone(),
        mobile: c.mobile.clone(),
        role: if r.primary_member { ROLE_PRIMARY } else { ROLE_SECONDARY }.into(),
        identifiers: ids.into_iter().map(|(k, v)| Identifier { kind: k.as_str().into(), value: v }).collect(),
        cards: if q.include_card_details { vec![card] } else { vec![] },
        // As the docs' examples answer for every current member; its meaning is disputed.
        in_active: Some(true),
        primary_member: r.primary_member,
        ..GroupMember::default()
    }
}

/// `GET /v2/userGroup2/members?identifierName=id&identifierValue=…`: current members only,
/// newest join first (the primary first with `sortBy=IS_PRIMARY`).
pub async fn list(State(emu): Shared, uri: Uri) -> Response {
    let q = match MembersQuery::from_query_string(uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(QueryError::Invalid { name: "identifierName", .. } | QueryError::Missing(_)) => {
            return bad_request(
                1635,
                "Group query param is not passed: send identifierName=id&identifierValue={groupId}",
            )
        }
        Err(e) => return bad_request(400, &e.to_string()),
    };
    let day_of =
        |s: &Option<String>| s.as_deref().map(|d| parse_instant(d).map(|ms| date_string(ms.div_euclid(86_400_000))));
    let (from, to) = match (day_of(&q.from_date), day_of(&q.to_date)) {
        (Some(None), _) | (_, Some(None)) => {
            return bad_request(400, "fromDate and toDate are dates: YYYY-MM-DD or YYYY-MM-DD HH:MM:SS")
        }
        (f, t) => (f.flatten(), t.flatten()),
    };
    let store = emu.store();
    let Some(g) = store.group(q.group_id) else { return not_valid() };
    let view = store.members(g.id);
    let mut rows: Vec<(&MemberRecord, String)> = view
        .records
        .iter()
        .filter(|r| r.active)
        .map(|r| (r, effective_join_day(g, &r.joined_on)))
        .filter(|(_, day)| from.as_ref().is_none_or(|f| day >= f) && to.as_ref().is_none_or(|t| day <= t))
        .collect();
    let ascending = q.sort_order == Some(SortOrder::Asc);
    rows.sort_by(|(a, da), (b, db)| {
        let by_day = if ascending { da.cmp(db) } else { db.cmp(da) };
        let primary = if q.primary_first { b.primary_member.cmp(&a.primary_member) } else { std::cmp::Ordering::Equal };
        primary.then(by_day).then(a.user_id.cmp(&b.user_id))
    });
    let data = page_of(&rows, q.offset, q.limit)
        .iter()
        .filter_map(|(r, _)| Some(member_view(g, r, &store.customer(r.user_id)?, &q)))
        .collect();
    let pagination = q.pagination_details.then(|| Pagination {
        sort_by: if q.primary_first { "IS_PRIMARY".into() } else { String::new() },
        sort_order: q.sort_order.unwrap_or_default().as_str().into(),
        ..Pagination::new(q.offset, q.limit, rows.len() as u64)
    });
    json_response(
        StatusCode::OK,
        &gc_core::members::wire::MembersResponse { pagination, data, warnings: vec![], errors: vec![] },
    )
}

// ------------------------------------------------------------------ join

/// `POST /v2/userGroup2/join?id=…`: each item on its own, in order; failed items carry
/// `errors` and `"result": null`, and the answer is still 200.
pub async fn join(State(emu): Shared, uri: Uri, bytes: Bytes) -> Response {
    let (key, items) = match batch_request(&uri, &bytes, GroupKey::from_params) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut store = emu.store();
    let (gid, max) = match active_group(&store, &key) {
        Ok(g) => (g.id, g.max_group_size),
        Err(r) => return r,
    };
    let view = store.members(gid);
    let mut active = view.active as i64;
    // Ever had a primary: the role is never given again (also when it stays active without one).
    let mut has_primary = view.primary.is_some();
    let mut changes: Vec<MemberRecord> = vec![];
    let mut response = vec![];
    for item in &items {
        let (sent, set) = permissions_of(item);
        let entity = |user: u64| MembershipRecord {
            user_id: Id(user),
            group_id: Some(Id(gid)),
            permissions: sent.clone(),
            default_group: flag(item, "defaultGroup").unwrap_or(false),
            active: flag(item, "active").unwrap_or(false),
            primary_member: flag(item, "primaryMember").unwrap_or(false),
        };
        let user = user_id_of(item);
        let refusal = match user {
            None => Some(item_error(403, "Field userId is mandatory.".into())),
            Some(u) if store.customer(u).is_none() => {
                Some(item_error(8015, "Customer not found for the given identifiers.".into()))
            }
            Some(_) if set.is_err() => Some(item_error(
                1641,
                format!("Invalid permission code {} passed.", set.as_ref().err().cloned().unwrap_or_default()),
            )),
            Some(u) if view.is_active_member(u) || changes.iter().any(|c| c.user_id == u && c.active) => {
                Some(item_error(1636, "Customer is already a member of the group.".into()))
            }
            Some(_) if flag(item, "primaryMember") == Some(true) && has_primary => {
                Some(item_error(1637, "Primary member exists for the group.".into()))
            }
            Some(u) if store.primary_group_of(u).is_some_and(|other| other != gid) => {
                Some(item_error(1642, "User is primary member in a different group.".into()))
            }
            Some(_) if active >= max => {
                Some(item_error(1638, format!("Total members in the group reached maximum group capacity {max}.")))
            }
            Some(_) => None,
        };
        let user = user.unwrap_or(0);
        if let Some(e) = refusal {
            response.push(BatchItem::refused(entity(user), e));
            continue;
        }
        let primary = flag(item, "primaryMember") == Some(true);
        let rec = MemberRecord {
            user_id: user,
            default_group: flag(item, "defaultGroup").unwrap_or(true),
            primary_member: primary,
            active: true,
            permissions: stored_list(set.unwrap_or_default()),
            joined_on: today(),
            points_contributed: 0.0,
        };
        has_primary |= primary;
        active += 1;
        response.push(BatchItem::done(entity(user), membership(gid, &rec)));
        changes.push(rec);
    }
    batch_answer(&mut store, gid, changes, response)
}

/// Stores what a batch changed and answers every item (join and permissions).
fn batch_answer(store: &mut Store, gid: u64, changes: Vec<MemberRecord>, response: Vec<BatchItem>) -> Response {
    if !changes.is_empty() {
        store.update_members(gid, changes);
        store.persist();
    }
    json_response(StatusCode::OK, &BatchResponse::of(response))
}

// ------------------------------------------------------------------ leave

/// `DELETE /v2/userGroup2/{groupId}/leave?identifierName=…&identifierValue=…`
pub async fn leave(State(emu): Shared, Path(group): Path<String>, uri: Uri) -> Response {
    let Ok(gid) = group.trim().parse::<u64>() else { return not_valid() };
    let q = match LeaveQuery::from_query_string(gid, uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(QueryError::Missing(name)) => return bad_request(403, &format!("Field {name} is mandatory.")),
        Err(QueryError::Invalid { value, .. }) => {
            return bad_request(
                1635,
                &format!(
                "identifierName {value} is not supported: use mobile, email, externalId, cardnumber or cardExternalId"
            ),
            )
        }
    };
    let mut store = emu.store();
    if let Err(r) = active_group(&store, &GroupKey::Id(gid)) {
        return r;
    }
    let Some(customer) = store.find_customer(q.identifier, &q.value) else {
        return bad_request(8015, "Customer not found for the given identifiers.");
    };
    let view = store.members(gid);
    let Some(rec) = view.record(customer.id).filter(|r| r.active) else {
        return bad_request(1620, &format!("User {} does not belong to group {gid}.", customer.id));
    };
    let left = MemberRecord { active: false, default_group: false, ..rec.clone() };
    store.update_members(gid, vec![left]);
    if rec.primary_member && !emu.opts.keep_group_on_primary_exit {
        store.set_status(gid, INACTIVE);
    }
    store.persist();
    json_response(StatusCode::OK, &WriteResponse::ok())
}

// ------------------------------------------------------------------ transfer

/// `POST /v2/userGroup2/transfer`: all or nothing; points stay where they are.
pub async fn transfer(State(emu): Shared, bytes: Bytes) -> Response {
    let body = match parse_body(&bytes) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return bad_request(403, "leaveGroupId and joinGroupId is mandatory."),
        Err(()) => return bad_request(400, "The request body is not valid JSON"),
    };
    let present = |name: &str| body.get(name).is_some_and(|v| !v.is_null());
    let users = body.get("userIds").and_then(Value::as_array).filter(|a| !a.is_empty());
    if !present("leaveGroupId") || !present("joinGroupId") || users.is_none() {
        return bad_request(403, "leaveGroupId, joinGroupId and userIds are mandatory.");
    }
    let id_of = |name: &str| body.get(name).and_then(int_value).filter(|n| *n > 0).map(|n| n as u64);
    let mut user_ids: Vec<u64> = vec![];
    for v in users.into_iter().flatten() {
        match int_value(v).filter(|n| *n > 0) {
            Some(u) if !user_ids.contains(&(u as u64)) => user_ids.push(u as u64),
            Some(_) => {}
            None => return bad_request(403, &format!("userIds must be customer ids, got {v}")),
        }
    }
    let mut store = emu.store();
    let group = |name: &str| -> Result<(u64, i64), Response> {
        let id = id_of(name);
        match id.and_then(|id| store.group(id)).filter(|g| g.is_active()) {
            Some(g) => Ok((g.id, g.max_group_size)),
            None => Err(bad_request(
                1619,
                &format!("Group id {} is invalid", body.get(name).map(|v| v.to_string()).unwrap_or_default()),
            )),
        }
    };
    let ((from, _), (to, max)) = match (group("leaveGroupId"), group("joinGroupId")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let (source, target) = (store.members(from), store.members(to));
    let mut moved = vec![];
    for &u in &user_ids {
        let Some(rec) = source.record(u).filter(|r| r.active) else {
            return bad_request(1620, &format!("User {u} does not belong to group {from}."));
        };
        if rec.primary_member {
            return bad_request(1624, &format!("Group transfer not allowed for primary member {u}"));
        }
        if target.is_active_member(u) {
            return bad_request(1623, &format!("User {u} already present in group {to}."));
        }
        moved.push(rec.clone());
    }
    if target.active + moved.len() as u64 > max.max(0) as u64 {
        return bad_request(1638, &format!("Total members in the group reached maximum group capacity {max}."));
    }
    let left = moved.iter().map(|r| MemberRecord { active: false, default_group: false, ..r.clone() }).collect();
    // What a member contributed stays with the old group, as the points do.
    let joined = moved
        .iter()
        .map(|r| MemberRecord { active: true, joined_on: today(), points_contributed: 0.0, ..r.clone() })
        .collect();
    store.update_members(from, left);
    store.update_members(to, joined);
    store.persist();
    json_response(StatusCode::OK, &WriteResponse::ok())
}

// ------------------------------------------------------------------ permissions

/// `PUT /v2/userGroup2/members/permissions?id=…`: each list replaces the member's.
pub async fn permissions(State(emu): Shared, uri: Uri, bytes: Bytes) -> Response {
    // Only `id` names the group here.
    let by_id = |p: &QueryParams| p.number::<u64>("id").map(|id| id.map(GroupKey::Id));
    let (key, items) = match batch_request(&uri, &bytes, by_id) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut store = emu.store();
    let gid = match active_group(&store, &key) {
        Ok(g) => g.id,
        Err(r) => return r,
    };
    let view = store.members(gid);
    let mut changes: Vec<MemberRecord> = vec![];
    let mut response = vec![];
    for item in &items {
        let (sent, set) = permissions_of(item);
        let user = user_id_of(item);
        let current =
            user.and_then(|u| changes.iter().rev().find(|c| c.user_id == u).or(view.record(u))).filter(|r| r.active);
        let entity = MembershipRecord {
            user_id: Id(user.unwrap_or(0)),
            group_id: Some(Id(gid)),
            permissions: sent,
            ..MembershipRecord::default()
        };
        let outcome = match (user, current, set) {
            (None, _, _) => Err(item_error(403, "Field userId is mandatory.".into())),
            (Some(u), None, _) => {
                Err(item_error(1632, format!("User group member id {u} is not valid for group {gid}.")))
            }
            (_, _, Err(v)) => Err(item_error(1641, format!("Invalid permission code {v} passed."))),
            (_, Some(rec), Ok(set)) => Ok(MemberRecord { permissions: stored_list(set), ..rec.clone() }),
        };
        match outcome {
            Ok(rec) => {
                response.push(BatchItem::done(entity, membership(gid, &rec)));
                changes.push(rec);
            }
            Err(e) => response.push(BatchItem::refused(entity, e)),
        }
    }
    batch_answer(&mut store, gid, changes, response)
}

// ------------------------------------------------------------------ delete

/// `DELETE /v2/userGroup2?id=…|externalId=…`: a soft delete. The group keeps its id, external
/// id and history, with status DELETED; every member is let go.
pub async fn delete(State(emu): Shared, uri: Uri) -> Response {
    let q = match DeleteGroupQuery::from_query_string(uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(QueryError::Missing(_)) => return bad_request(1635, "Group query param is not passed."),
        Err(QueryError::Invalid { .. }) => return not_valid(),
    };
    let mut store = emu.store();
    let found = match (q.id, q.external_id.as_deref()) {
        (Some(id), ext) => store.group(id).filter(|g| ext.is_none_or(|e| g.external_id == e)),
        (None, Some(ext)) => store.by_external_id(ext),
        (None, None) => None,
    };
    let Some(g) = found.filter(|g| g.group_status != DELETED) else { return not_valid() };
    let gid = g.id;
    let gone: Vec<MemberRecord> = store
        .members(gid)
        .records
        .iter()
        .filter(|r| r.active)
        .map(|r| MemberRecord { active: false, default_group: false, ..r.clone() })
        .collect();
    store.update_members(gid, gone);
    store.set_status(gid, DELETED);
    store.persist();
    json_response(StatusCode::OK, &DeleteResponse { warnings: vec![] })
}
