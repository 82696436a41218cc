//! Control endpoints for tests, emulator mode only, under `/__emulator/`: arm and clear
//! faults, list groups and reward groups, show a group's points (its wallets, its members'
//! wallets, its ledger and goodwill requests), read and clear the log of API requests. Each call
//! must carry `X-GC-Emulator-Control: 1`: a page of another site cannot send a custom header
//! without a preflight, and these routes answer no preflight (no CORS headers).

use std::sync::{Arc, Mutex};

use axum::{
    body::Bytes,
    extract::{DefaultBodyLimit, RawQuery, Request, State},
    http::StatusCode,
    middleware::{self, Next},
    response::Response,
    routing::get,
    Router,
};
use serde::Serialize;
use serde_json::{json, Value};

use super::{faults::Fault, json_response, plain_error, Emu, Shared};

pub const CONTROL_HEADER: &str = "x-gc-emulator-control";

/// One API request as `/__emulator/requests` shows it: who, never the credentials.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub query: String,
    /// `basic:<username>`, `oauth:<key>`, `none` or `invalid`.
    pub auth: String,
    /// The parsed JSON body, or null.
    pub body: Value,
}

/// The newest 10,000 requests (bounded so a long demo session does not grow without end).
#[derive(Default)]
pub struct RequestLog(Mutex<Vec<LoggedRequest>>);

const LOG_LIMIT: usize = 10_000;

impl RequestLog {
    pub fn push(&self, r: LoggedRequest) {
        let mut log = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if log.len() >= LOG_LIMIT {
            log.remove(0);
        }
        log.push(r);
    }
}

pub fn router() -> Router<Arc<Emu>> {
    Router::new()
        .route("/__emulator/faults", get(list_faults).post(arm_faults).delete(clear_faults))
        .route("/__emulator/groups", get(groups))
        .route("/__emulator/reward-groups", get(reward_groups))
        .route("/__emulator/points", get(points))
        .route("/__emulator/requests", get(requests).delete(clear_requests))
        .layer(DefaultBodyLimit::max(64 * 1024))
        .route_layer(middleware::from_fn(control_header))
}

async fn control_header(req: Request, next: Next) -> Response {
    if req.headers().get(CONTROL_HEADER).is_some_and(|v| v == "1") {
        return next.run(req).await;
    }
    plain_error(
        StatusCode::FORBIDDEN,
        "The emulator's control routes need the header X-GC-Emulator-Control: 1 (tests send it; other sites cannot).",
    )
}

async fn list_faults(State(emu): Shared) -> Response {
    json_response(StatusCode::OK, &json!({"armed": emu.faults.armed()}))
}

/// Body: one fault object or a list of them.
async fn arm_faults(State(emu): Shared, bytes: Bytes) -> Response {
    let parsed: Result<Vec<Fault>, _> = match serde_json::from_slice::<Value>(&bytes) {
        Ok(v @ Value::Array(_)) => serde_json::from_value(v),
        Ok(v) => serde_json::from_value::<Fault>(v).map(|f| vec![f]),
        Err(e) => Err(e),
    };
    match parsed.map_err(|e| format!("not a fault: {e}")).and_then(|faults| emu.faults.arm(faults)) {
        Ok(armed) => json_response(StatusCode::OK, &json!({"armed": armed})),
        Err(e) => json_response(StatusCode::BAD_REQUEST, &json!({"error": e})),
    }
}

async fn clear_faults(State(emu): Shared) -> Response {
    json_response(StatusCode::OK, &json!({"cleared": emu.faults.clear()}))
}

/// Every group with what tests check after a write: status, counts, and for groups of at
/// most 1,000 memberships the members' ids by state.
async fn groups(State(emu): Shared) -> Response {
    let store = emu.store();
    let list: Vec<Value> = store
        .groups()
        .map(|g| {
            let m = store.members(g.id);
            let mut entry = json!({
                "id": g.id,
                "externalId": g.external_id,
                "groupName": g.group_name,
                "groupStatus": g.group_status,
                "maxGroupSize": g.max_group_size,
                "members": m.active,
                "activeMembers": m.active,
                "exitedMembers": m.exited,
                "primaryId": m.primary,
                "extendedFields": g.extended_fields,
            });
            if m.records.len() <= 1000 {
                let ids = |active: bool| -> Vec<u64> {
                    m.records.iter().filter(|r| r.active == active).map(|r| r.user_id).collect()
                };
                entry["activeMemberIds"] = json!(ids(true));
                entry["exitedMemberIds"] = json!(ids(false));
            }
            entry
        })
        .collect();
    json_response(StatusCode::OK, &list)
}

/// The reward groups as the API answers them, each with how many renames unlinked its rewards.
async fn reward_groups(State(emu): Shared) -> Response {
    let store = emu.store();
    let list: Vec<Value> = store
        .reward_groups()
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
            v["unlinkedByRename"] = json!(store.renames_of(r.id.0));
            v
        })
        .collect();
    json_response(StatusCode::OK, &list)
}

/// `GET /__emulator/points?group=ID`: what tests check after a points call — the group's
/// wallets (its summaries), each member's wallets and contribution, its ledger (length, the sum
/// of each program's events, which equals the wallet, and the newest entries) and its goodwill
/// requests.
async fn points(State(emu): Shared, RawQuery(query): RawQuery) -> Response {
    let params = gc_core::platform::query::QueryParams::parse(query.as_deref().unwrap_or(""));
    let Some(id) = params.number::<u64>("group").ok().flatten() else {
        return json_response(StatusCode::BAD_REQUEST, &json!({"error": "send ?group=<group id>"}));
    };
    let store = emu.store();
    let Some(g) = store.group(id) else {
        return json_response(StatusCode::NOT_FOUND, &json!({"error": format!("no group {id}")}));
    };
    let wallets: Vec<Value> = g
        .points_summaries
        .iter()
        .map(|s| {
            json!({
                "programId": s.program_id,
                "programTitle": s.program_title,
                "loyaltyPoints": s.loyalty_points,
                "totalAvailablePoints": s.total_available_points,
                "lifetimePoints": s.lifetime_points,
                "currentSlab": s.current_slab,
            })
        })
        .collect();
    let view = store.members(id);
    let members: Vec<Value> = if view.records.len() <= 1000 {
        view.records
            .iter()
            .map(|r| {
                let name = store.customer(r.user_id).map(|c| format!("{} {}", c.first_name, c.last_name));
                let wallets: Vec<Value> = crate::emulator::points::wallets(&store, r.user_id)
                    .iter()
                    .map(|w| {
                        json!({
                            "programId": w.program_id,
                            "loyaltyPoints": w.points,
                            "slabSNo": w.slab,
                            "currentSlab": crate::emulator::points::tier_name(w.program_id, w.slab),
                        })
                    })
                    .collect();
                json!({
                    "userId": r.user_id,
                    "name": name,
                    "active": r.active,
                    "primary": r.primary_member,
                    "pointsContributed": r.points_contributed,
                    "wallets": wallets,
                })
            })
            .collect()
    } else {
        vec![]
    };
    let ledger = store.points().ledger(id);
    let mut sums = serde_json::Map::new();
    for r in ledger {
        let sum = sums.entry(r.program_id.to_string()).or_insert(json!(0.0));
        *sum = json!(sum.as_f64().unwrap_or(0.0) + r.points);
    }
    let newest: Vec<Value> = ledger.iter().rev().take(10).map(|r| json!(r)).collect();
    let goodwill: Vec<Value> = store.points().goodwill_of(id).map(|r| json!(r)).collect();
    json_response(
        StatusCode::OK,
        &json!({
            "group": id,
            "groupName": g.group_name,
            "groupStatus": g.group_status,
            "wallets": wallets,
            "members": members,
            "ledgerEntries": ledger.len(),
            "ledgerSums": sums,
            "newestLedgerEntries": newest,
            "goodwill": goodwill,
        }),
    )
}

async fn requests(State(emu): Shared) -> Response {
    let log = emu.log.0.lock().unwrap_or_else(|e| e.into_inner());
    json_response(StatusCode::OK, &*log)
}

async fn clear_requests(State(emu): Shared) -> Response {
    let mut log = emu.log.0.lock().unwrap_or_else(|e| e.into_inner());
    let n = log.len();
    log.clear();
    json_response(StatusCode::OK, &json!({"cleared": n}))
}
