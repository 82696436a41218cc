//! Goodwill requests: `POST /v2/requests` makes a PENDING request and remembers who made it;
//! `POST /v1.1/request/approve` and `…/reject` decide them item by item (HTTP 200, each item
//! with its own status). An approval credits the group's wallet and writes an
//! `AllocateGoodwillPoints` credit; the maker may not decide their own request (9056).
//! Nothing is approved automatically (docs/platform-api.md, reading "Goodwill requests").

use axum::{body::Bytes, extract::State, http::HeaderMap, http::StatusCode, response::Response};
use gc_core::platform::format::plain_number;
use gc_core::points::goodwill::{DecisionItem, DecisionRequest, GoodwillRequest, GOODWILL, POINTS};
use gc_core::points::transfer::USERGROUP2;
use serde_json::{json, Value};

use super::state::{GoodwillRecord, APPROVED, PENDING, REJECTED};
use super::{credit_group, group_balance, write_ledger, Entry};
use crate::emulator::dates::now_millis;
use crate::emulator::store::Store;
use crate::emulator::{bad_request, json_response, parse_body, Shared};

/// `POST /v2/requests`: a goodwill request for a group, answered with its `createdId`.
pub async fn create(State(emu): Shared, headers: HeaderMap, bytes: Bytes) -> Response {
    let maker = emu.auth.identify(&headers).label();
    let body = match parse_body(&bytes) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return bad_request(400, "Invalid input: the request must be a JSON object"),
        Err(()) => return bad_request(400, "Invalid input: the request body is not valid JSON"),
    };
    let req: GoodwillRequest = match serde_json::from_value(body) {
        Ok(r) => r,
        Err(e) => return bad_request(400, &format!("Invalid input: {e}")),
    };
    if !req.kind.eq_ignore_ascii_case(GOODWILL) {
        return bad_request(9006, "Invalid request type");
    }
    if !req.base_type.eq_ignore_ascii_case(POINTS) {
        return bad_request(9008, "Invalid request base type");
    }
    if !req.earning_entity_type.eq_ignore_ascii_case(USERGROUP2) {
        return bad_request(93026, "Earning entity details are invalid or not supported");
    }
    let Some(group_id) = req.group.identifier_value.filter(|_| req.group.identifier_type.trim() == "id") else {
        return bad_request(
            400,
            "Invalid input: userGroup2IdentificationInfo needs identifierType id and identifierValue",
        );
    };
    let mut store = emu.store();
    if !store.group(group_id.0).is_some_and(|g| g.is_active()) {
        return bad_request(93026, "User group details are invalid or not supported");
    }
    let first_program = store.group(group_id.0).and_then(|g| g.points_summaries.first()?.program_id);
    let Some(program_id) = req.program_id.or(first_program) else {
        return bad_request(1101, "Invalid program id");
    };
    if group_balance(&store, group_id.0, program_id).is_none() {
        return bad_request(1101, &format!("Invalid program id {program_id}"));
    }
    let points = match req.goodwill_request.points {
        Some(p) if p.is_finite() && p > 0.0 => p,
        _ => return bad_request(400, "Invalid input: goodwillRequest.points must be a positive number"),
    };
    let points_state = store.points_mut();
    let id = points_state.take_goodwill_id();
    points_state.goodwill.push(GoodwillRecord {
        id,
        group_id: group_id.0,
        program_id,
        points,
        reason: req.goodwill_request.reason.trim().to_string(),
        comments: req.goodwill_request.comments.trim().to_string(),
        request_comments: req.comments.trim().to_string(),
        maker,
        status: PENDING.into(),
        approved_value: None,
        updated_comments: String::new(),
        created_at: now_millis(),
    });
    store.persist();
    json_response(StatusCode::OK, &json!({"createdId": id, "warnings": []}))
}

pub async fn approve(State(emu): Shared, headers: HeaderMap, bytes: Bytes) -> Response {
    decide(&emu, &headers, &bytes, true)
}

pub async fn reject(State(emu): Shared, headers: HeaderMap, bytes: Bytes) -> Response {
    decide(&emu, &headers, &bytes, false)
}

fn v11_status(success: bool, code: i64, message: &str) -> Value {
    json!({"success": if success { "true" } else { "false" }, "code": code, "message": message})
}

/// Decides each item on its own; the answer is 200 with the whole status `201` when some
/// failed (the v1.1 family writes booleans and numbers as text).
fn decide(emu: &crate::emulator::Emu, headers: &HeaderMap, bytes: &Bytes, approve: bool) -> Response {
    let who = emu.auth.identify(headers).label();
    let items = match parse_body(bytes).ok().and_then(|v| serde_json::from_value::<DecisionRequest>(v).ok()) {
        Some(r) if !r.root.request.is_empty() => r.root.request,
        _ => {
            let status = v11_status(false, 400, "Invalid input: send root.request with the requests to decide");
            return json_response(StatusCode::OK, &json!({"response": {"status": status}}));
        }
    };
    let mut store = emu.store();
    let mut results = vec![];
    let mut failed = 0;
    for item in &items {
        let outcome = decide_one(&mut store, item, &who, approve);
        failed += usize::from(outcome.is_err());
        results.push(answer_item(&store, item, outcome));
    }
    store.persist();
    let status =
        if failed == 0 { v11_status(true, 200, "Success") } else { v11_status(false, 201, "Some requests failed") };
    json_response(StatusCode::OK, &json!({"response": {"status": status, "requests": {"request": results}}}))
}

/// One request decided, or its code and message.
fn decide_one(store: &mut Store, item: &DecisionItem, who: &str, approve: bool) -> Result<(), (i64, String)> {
    let not_found = || (9013, "Request not found".to_string());
    let id = item.id.trim().parse::<u64>().map_err(|_| not_found())?;
    let i = store.points().goodwill.iter().position(|g| g.id == id).ok_or_else(not_found)?;
    let record = store.points().goodwill[i].clone();
    if !item.kind.trim().is_empty() && !item.kind.eq_ignore_ascii_case(GOODWILL) {
        return Err((9006, "Invalid request type".into()));
    }
    if record.maker == who {
        return Err((9056, "The same user cannot add and approve a request".into()));
    }
    if record.status != PENDING {
        return Err((9052, format!("Request is in {} state and cannot be updated", record.status)));
    }
    let comments = item.updated_comments.trim().to_string();
    if !approve {
        let r = &mut store.points_mut().goodwill[i];
        r.status = REJECTED.into();
        r.updated_comments = comments;
        return Ok(());
    }
    let value = item.points.trim().parse::<f64>().ok().filter(|p| p.is_finite() && *p > 0.0).unwrap_or(record.points);
    credit_group(store, record.group_id, record.program_id, value, true).ok_or_else(not_found)?;
    write_ledger(
        store,
        record.group_id,
        Entry {
            event: "AllocateGoodwillPoints",
            program_id: record.program_id,
            points: value,
            party: Some(-(record.group_id as i64)),
            member: None,
            bill: None,
            reason: record.reason.clone(),
        },
    );
    let r = &mut store.points_mut().goodwill[i];
    r.status = APPROVED.into();
    r.approved_value = Some(value);
    r.updated_comments = comments;
    Ok(())
}

fn answer_item(store: &Store, item: &DecisionItem, outcome: Result<(), (i64, String)>) -> Value {
    let record = item.id.trim().parse::<u64>().ok().and_then(|id| store.points().goodwill.iter().find(|g| g.id == id));
    let status = match &outcome {
        Ok(()) => v11_status(true, gc_core::points::goodwill::DECIDED, "Request updated successfully"),
        Err((code, message)) => v11_status(false, *code, message),
    };
    json!({
        "id": item.id,
        "type": GOODWILL,
        "base_type": POINTS,
        "status": record.map(|r| r.status.as_str()).unwrap_or(""),
        "approved_value": record.and_then(|r| r.approved_value).map(plain_number).unwrap_or_default(),
        "assoc_id": record.map(|r| r.group_id.to_string()).unwrap_or_default(),
        "reason": record.map(|r| r.reason.as_str()).unwrap_or(""),
        "updated_comments": record.map(|r| r.updated_comments.as_str()).unwrap_or(""),
        "item_status": status,
    })
}
