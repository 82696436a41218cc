//! Reward groups under both path prefixes (`/api_gateway/core/v1` and
//! `/api_gateway/rewards/core/v1`): create, list, get by id and update, and the rewards linked
//! to a group by its name (the brand's reward list with `groupName`), with errors in the
//! rewards envelope `{"status": {"success": false, "code": …, "message": "…"}}` and the
//! readings of docs/platform-api.md. A rename unlinks the group's rewards.

// The readers below fail with the finished error answer; its size does not matter here.
#![allow(clippy::result_large_err)]

use std::cmp::Ordering;

use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{StatusCode, Uri},
    response::Response,
};
use gc_core::platform::query::{page_of, SortOrder};
use gc_core::platform::read::Id;
use gc_core::rewards::wire::RewardGroup;
use gc_core::rewards::wire::{
    PagingDto, Reward, RewardListQuery, RewardListResponse, RewardSortOn, RewardStatus, RewardsAnswer,
    RewardsOfGroupQuery,
};
use serde_json::{json, Value};

use super::{int_value, json_response, parse_body, text_field, Shared};
use crate::emulator::account::{BRAND_ID, ORG_ID, REWARD_WRITER};
use crate::emulator::dates::{iso_from_millis, now_millis};
use crate::emulator::store::Store;

/// The platform's own UI allows reward-group names of at most 255 characters.
const MAX_NAME: usize = 255;

fn error_with(status: StatusCode, code: i64, message: &str) -> Response {
    json_response(status, &json!({"status": {"success": false, "code": code, "message": message}}))
}

fn error(code: i64, message: &str) -> Response {
    error_with(StatusCode::BAD_REQUEST, code, message)
}

fn not_found() -> Response {
    error_with(StatusCode::NOT_FOUND, 404, "Group not found")
}

fn read_object(bytes: &Bytes) -> Result<Value, Response> {
    match parse_body(bytes) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(error(400, "The request body must be a JSON object")),
        Err(()) => Err(error(400, "The request body is not valid JSON")),
    }
}

/// `name`: required, trimmed, at most 255 UTF-16 units.
fn read_name(body: &Value) -> Result<String, Response> {
    let name = match text_field(body, "name") {
        Ok(n) => n.map(|n| n.trim().to_string()).unwrap_or_default(),
        Err(()) => return Err(error(400, "Group name must be a string")),
    };
    if name.is_empty() {
        return Err(error(400, "Group name must not be null"));
    }
    if name.encode_utf16().count() > MAX_NAME {
        return Err(error(400, &format!("Group name must be at most {MAX_NAME} characters")));
    }
    Ok(name)
}

/// `rank`: `None` when absent, `Some(None)` for null ("Group rank can be null"), else a
/// positive int32.
fn read_rank(body: &Value) -> Result<Option<Option<i64>>, Response> {
    match body.get("rank") {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(v) => match int_value(v).filter(|r| (1..=i32::MAX as i64).contains(r)) {
            Some(r) => Ok(Some(Some(r))),
            None => Err(error(400, "Group rank must be a positive integer")),
        },
    }
}

/// Names are unique in the org, compared trimmed and in any case; `except` is the group
/// being updated.
fn name_taken(store: &Store, name: &str, except: Option<u64>) -> bool {
    let lower = name.to_lowercase();
    store.reward_groups().iter().any(|g| Some(g.id.0) != except && g.name.trim().to_lowercase() == lower)
}

/// `POST {prefix}/group/create`
pub async fn create(State(emu): Shared, bytes: Bytes) -> Response {
    let (name, rank) = match read_object(&bytes).and_then(|b| Ok((read_name(&b)?, read_rank(&b)?))) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut store = emu.store();
    if name_taken(&store, &name, None) {
        return error(12012, "Group name must be unique");
    }
    let id = store.take_reward_group_id();
    let now = now_millis();
    let when = iso_from_millis(now);
    let group = RewardGroup {
        id: Id(id),
        org_id: Some(Id(ORG_ID)),
        name,
        rank: rank.flatten(),
        is_active: true,
        created_by: Some(Id(REWARD_WRITER)),
        created_on: Some(now),
        created_on_date_time: when.clone(),
        last_updated_by: Some(Id(REWARD_WRITER)),
        last_updated_on: Some(now),
        last_updated_on_date_time: when,
    };
    store.insert_reward_group(group.clone());
    store.persist();
    json_response(StatusCode::OK, &group)
}

/// The list's order: rank (a missing rank after every rank) or last update, ties by id;
/// DESC reverses all of it.
fn compare(a: &RewardGroup, b: &RewardGroup, on: RewardSortOn) -> Ordering {
    let key = match on {
        RewardSortOn::Rank => (a.rank.is_none(), a.rank).cmp(&(b.rank.is_none(), b.rank)),
        RewardSortOn::LastUpdatedOn => a.last_updated_on.cmp(&b.last_updated_on),
    };
    key.then(a.id.cmp(&b.id))
}

/// `GET {prefix}/group?page=…&size=…&active=…&name=…&orderBy=…&sortOn=…`
pub async fn list(State(emu): Shared, uri: Uri) -> Response {
    let q = match RewardListQuery::from_query_string(uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(e) => return error(400, &format!("Invalid request: {e}")),
    };
    let store = emu.store();
    let needle = q.name.as_deref().map(str::to_lowercase);
    let mut found: Vec<&RewardGroup> = store
        .reward_groups()
        .iter()
        .filter(|g| q.active.is_none_or(|a| g.is_active == a))
        .filter(|g| needle.as_deref().is_none_or(|n| g.name.to_lowercase().contains(n)))
        .collect();
    let on = q.sort_on.unwrap_or_default();
    found.sort_by(|a, b| compare(a, b, on));
    if q.order_by == Some(SortOrder::Desc) {
        found.reverse();
    }
    let start = q.page.saturating_mul(q.size);
    let body = RewardListResponse {
        status: Some(RewardStatus {
            success: true,
            code: Some(12013),
            message: "Get all groups fetched successfully".into(),
        }),
        group_ro_list: page_of(&found, start, q.size).iter().map(|g| (*g).clone()).collect(),
        paging_dto: Some(PagingDto::new(q.page, q.size, found.len() as u64)),
    };
    json_response(StatusCode::OK, &body)
}

/// `GET {prefix}/group/{id}`: the bare object; an unknown id is a 404 in the rewards envelope.
pub async fn get_one(State(emu): Shared, Path(id): Path<String>) -> Response {
    let store = emu.store();
    match id.trim().parse::<u64>().ok().and_then(|id| store.reward_groups().iter().find(|g| g.id.0 == id)) {
        Some(g) => json_response(StatusCode::OK, g),
        None => not_found(),
    }
}

/// `PUT {prefix}/group/{id}`: `name` required (also when unchanged), `rank` and `isActive`
/// changed only when sent. A new name unlinks the group's rewards: counted.
pub async fn update(State(emu): Shared, Path(id): Path<String>, bytes: Bytes) -> Response {
    let Ok(id) = id.trim().parse::<u64>() else { return not_found() };
    let body = match read_object(&bytes) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (name, rank) = match (read_name(&body), read_rank(&body)) {
        (Ok(n), Ok(r)) => (n, r),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let is_active = match body.get("isActive") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return error(400, "isActive must be true or false"),
    };
    let mut store = emu.store();
    if store.reward_groups().iter().all(|g| g.id.0 != id) {
        return not_found();
    }
    if name_taken(&store, &name, Some(id)) {
        return error(12012, "Group name must be unique");
    }
    let now = now_millis();
    let Some(g) = store.reward_group_mut(id) else { return not_found() };
    let old_name = g.name.clone();
    let renamed = g.name.trim() != name;
    g.name = name;
    if let Some(rank) = rank {
        g.rank = rank;
    }
    if let Some(a) = is_active {
        g.is_active = a;
    }
    g.last_updated_by = Some(Id(REWARD_WRITER));
    g.last_updated_on = Some(now);
    g.last_updated_on_date_time = iso_from_millis(now);
    let updated = g.clone();
    if renamed {
        store.count_rename(id);
        store.unlink_rewards(&old_name);
    }
    store.persist();
    json_response(StatusCode::OK, &updated)
}

/// `GET {prefix}/reward/list/brand/{brandId}?groupName=…&page=…&size=…`: the brand's rewards
/// linked to the group of exactly that name (every reward without one), by their rank in it,
/// unranked last (the guide's order); an unknown brand is 3004.
pub async fn rewards_of_group(State(emu): Shared, Path(brand): Path<String>, uri: Uri) -> Response {
    let Some(brand) = brand.trim().parse::<u64>().ok().filter(|b| *b == BRAND_ID) else {
        return error(3004, "Brand not found");
    };
    let q = match RewardsOfGroupQuery::from_query_string(brand, uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(e) => return error(400, &format!("Invalid request: {e}")),
    };
    let store = emu.store();
    let name = q.group_name.trim();
    let mut found: Vec<&Reward> = store.rewards().iter().filter(|r| name.is_empty() || r.is_in(name)).collect();
    found.sort_by_key(|r| {
        let rank = r.rank_in(name);
        (rank.is_none(), rank, r.id)
    });
    let start = q.page.saturating_mul(q.size);
    let body = RewardsAnswer {
        status: Some(RewardStatus { success: true, code: Some(6101), message: "Rewards fetched successfully".into() }),
        reward_list: page_of(&found, start, q.size).iter().map(|r| (*r).clone()).collect(),
        paging_dto: Some(PagingDto::new(q.page, q.size, found.len() as u64)),
    };
    json_response(StatusCode::OK, &body)
}
