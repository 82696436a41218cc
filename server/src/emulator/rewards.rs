//! `POST /api_gateway/core/v1/group/create` (and the `/api_gateway/rewards/core/v1/…` form the
//! newer page uses): reward groups, with errors in the rewards envelope
//! `{"status": {"success": false, "code": …, "message": "…"}}` (reward-group-create.txt).

use axum::{body::Bytes, extract::State, http::StatusCode, response::Response};
use gc_core::types::{Id, RewardGroup};
use serde_json::{json, Value};

use super::{int_value, json_response, parse_body, text_field, Shared};

/// The org and user of the docs' example answer.
pub const ORG_ID: u64 = 100_737;
pub const CREATED_BY: u64 = 75_155_282;
/// The platform's own UI allows reward-group names of at most 255 characters.
const MAX_NAME: usize = 255;

fn error(code: i64, message: &str) -> Response {
    json_response(StatusCode::BAD_REQUEST, &json!({"status": {"success": false, "code": code, "message": message}}))
}

pub async fn create(State(emu): Shared, bytes: Bytes) -> Response {
    let body = match parse_body(&bytes) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return error(400, "The request body must be a JSON object"),
        Err(()) => return error(400, "The request body is not valid JSON"),
    };
    let name = match text_field(&body, "name") {
        Ok(n) => n.map(|n| n.trim().to_string()).unwrap_or_default(),
        Err(()) => return error(400, "Group name must be a string"),
    };
    if name.is_empty() {
        return error(400, "Group name must not be null");
    }
    if name.encode_utf16().count() > MAX_NAME {
        return error(400, &format!("Group name must be at most {MAX_NAME} characters"));
    }
    // Rank is optional ("Group rank can be null"); otherwise a positive int32.
    let rank = match body.get("rank") {
        None | Some(Value::Null) => None,
        Some(v) => match int_value(v).filter(|r| (1..=i32::MAX as i64).contains(r)) {
            Some(r) => Some(r),
            None => return error(400, "Group rank must be a positive integer"),
        },
    };
    let mut store = emu.store();
    let lower = name.to_lowercase();
    if store.reward_groups().iter().any(|g| g.name.trim().to_lowercase() == lower) {
        return error(12012, "Group name must be unique");
    }
    let id = store.take_reward_group_id();
    let now = crate::emulator::dates::now_millis();
    let when = crate::emulator::dates::iso_from_millis(now);
    let group = RewardGroup {
        id: Id(id),
        org_id: Some(Id(ORG_ID)),
        name,
        rank,
        is_active: true,
        created_by: Some(Id(CREATED_BY)),
        created_on: Some(now),
        created_on_date_time: when.clone(),
        last_updated_by: Some(Id(CREATED_BY)),
        last_updated_on: Some(now),
        last_updated_on_date_time: when,
    };
    store.insert_reward_group(group.clone());
    store.persist();
    json_response(StatusCode::OK, &group)
}
