//! `POST /v2/customers/bulk/manualCurrencyAllocate`: a list of 1 to 10 items, each issued or
//! refused on its own — HTTP 200 when all were issued, 207 when any failed, each failed item
//! with its own `httpStatus` and errors. A group's item computes its points by the award
//! strategy, credits the group's wallet and writes a `BulkAllocatePoints` credit with the
//! bill; a repeated `uniqueId` fails with 6006 (docs/platform-api.md, reading "Manual issue").

use axum::{body::Bytes, extract::State, http::StatusCode, response::Response};
use gc_core::platform::read::ApiWarning;
use gc_core::points::issue::{
    AllocateAnswer, AllocateItem, AllocateResult, SideEffect, BILL_EVENT, MAX_ITEMS, TARGET_EVENT,
};
use gc_core::points::transfer::{CUSTOMER, USERGROUP2};
use serde_json::Value;

use super::{credit_group, group_balance, program, wallet_mut, write_ledger, Entry};
use crate::emulator::account::ORG_ID;
use crate::emulator::store::Store;
use crate::emulator::{bad_request, json_response, parse_body, Shared};

/// The award strategies the emulated org has: 1 point per 10 of the amount (rounded down),
/// and a fixed 500.
pub const PER_TEN: i64 = 111_523;
pub const FIXED_500: i64 = 111_524;
/// Its one expiry strategy.
pub const EXPIRY: i64 = 111_581;

/// Who an item credits.
enum Target {
    Group(u64),
    Customer(u64),
}

pub async fn allocate(State(emu): Shared, bytes: Bytes) -> Response {
    let items = match parse_body(&bytes) {
        Ok(Value::Array(items)) if (1..=MAX_ITEMS).contains(&items.len()) => items,
        Ok(_) => return bad_request(400, &format!("The request body must be a list of 1 to {MAX_ITEMS} items")),
        Err(()) => return bad_request(400, "The request body is not valid JSON"),
    };
    let mut store = emu.store();
    let data: Vec<AllocateResult> = items.into_iter().map(|v| issue_one(&mut store, v)).collect();
    store.persist();
    let failures = data.iter().filter(|r| !r.succeeded()).count();
    let answer = AllocateAnswer {
        total: Some(data.len() as i64),
        success: Some((data.len() - failures) as i64),
        failures: Some(failures as i64),
        data,
        warnings: vec![],
    };
    let status = if failures == 0 { StatusCode::OK } else { StatusCode::MULTI_STATUS };
    json_response(status, &answer)
}

fn failure(entity: Option<i64>, http: u16, code: i64, message: String) -> AllocateResult {
    AllocateResult {
        status: "FAILURE".into(),
        event_log_id: Some(-1),
        entity_id: entity,
        http_status: Some(http as i64),
        side_effects: vec![],
        errors: vec![ApiWarning { status: Some(false), code: Some(code), message }],
    }
}

fn issue_one(store: &mut Store, v: Value) -> AllocateResult {
    let item: AllocateItem = match serde_json::from_value(v) {
        Ok(i) => i,
        Err(e) => return failure(None, 400, 400, format!("Invalid item: {e}")),
    };
    let params = &item.lookup_params;
    let target = if params.entity_type.eq_ignore_ascii_case(USERGROUP2) {
        match params.group_id.map(|g| g.0).filter(|g| store.group(*g).is_some_and(|g| g.is_active())) {
            Some(g) => Target::Group(g),
            None => return failure(None, 400, 8136, "User group not found for the given groupId".into()),
        }
    } else if params.entity_type.eq_ignore_ascii_case(CUSTOMER) && params.identifier_type == "id" {
        match params.identifier_value.trim().parse::<u64>().ok().filter(|c| store.customer(*c).is_some()) {
            Some(c) => Target::Customer(c),
            None => return failure(None, 400, 8015, "Customer not found for the given identifiers".into()),
        }
    } else {
        return failure(None, 400, 400, "lookupParams: send entityType USERGROUP2 with groupId".into());
    };
    let entity = Some(match target {
        Target::Group(g) | Target::Customer(g) => g as i64,
    });
    let refuse = |code: i64, message: String| failure(entity, 400, code, message);
    if item.org_id.map(|o| o.0) != Some(ORG_ID) {
        return refuse(400, format!("Invalid orgId: this org is {ORG_ID}"));
    }
    let program_id = item.program_id.unwrap_or(0);
    let in_program = match target {
        Target::Group(g) => group_balance(store, g, program_id).is_some(),
        Target::Customer(c) => wallet_mut(store, c, program_id).is_some(),
    };
    if program(program_id).is_none() || !in_program {
        return refuse(8136, format!("Invalid program id passed: program {program_id} not found"));
    }
    let award = item.award_strategy_id.unwrap_or(0);
    if award != PER_TEN && award != FIXED_500 {
        return refuse(8136, format!("Award Strategy not found for id {award}"));
    }
    let expiry = item.expiry_strategy_id.unwrap_or(0);
    if expiry != EXPIRY {
        return refuse(8136, format!("Expiry strategy not found for id {expiry}"));
    }
    let bill = match item.event_name.as_str() {
        BILL_EVENT => {
            let found = match target {
                Target::Group(g) => item.event_source_id.trim().parse::<u64>().ok().and_then(|id| {
                    let group = store.group(g)?;
                    crate::emulator::history::transaction(group, &store.members(g), id).map(|_| id)
                }),
                Target::Customer(_) => None,
            };
            match found {
                Some(id) => Some(id),
                None => return refuse(8139, format!("bill with id {} not found", item.event_source_id.trim())),
            }
        }
        TARGET_EVENT | "GenericEvent" => None,
        other => return refuse(8136, format!("Event not supported for manual allocation: {other}")),
    };
    let value = item.source_value.unwrap_or(0.0);
    let points = match award {
        PER_TEN if value > 0.0 => (value / 10.0).floor(),
        PER_TEN => return refuse(400, "sourceValue must be above 0 for this award strategy".into()),
        _ => 500.0,
    };
    let unique = item.unique_id.trim().to_string();
    if !unique.is_empty() && store.points().unique_ids.contains(&unique) {
        return failure(entity, 409, 6006, "event already exists for the uniqueid".into());
    }
    if !unique.is_empty() {
        store.points_mut().unique_ids.insert(unique);
    }
    let (entity_type, event_log_id) = match target {
        Target::Group(g) => {
            credit_group(store, g, program_id, points, true);
            let id = write_ledger(
                store,
                g,
                Entry {
                    event: "BulkAllocatePoints",
                    program_id,
                    points,
                    party: Some(-(g as i64)),
                    member: None,
                    bill,
                    reason: String::new(),
                },
            );
            (USERGROUP2, id)
        }
        Target::Customer(c) => {
            if let Some(w) = wallet_mut(store, c, program_id) {
                w.points += points;
                w.lifetime += points;
            }
            ("USER", store.points_mut().take_event_id())
        }
    };
    AllocateResult {
        status: "SUCCESS".into(),
        event_log_id: Some(event_log_id),
        entity_id: entity,
        http_status: Some(200),
        side_effects: vec![SideEffect {
            entity_type: entity_type.into(),
            raw_awarded_points: Some(points),
            awarded_points: Some(points),
            kind: "points".into(),
            ..SideEffect::default()
        }],
        errors: vec![],
    }
}
