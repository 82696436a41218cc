//! `POST /v2/points/userGroup2/isTransferrable` and `…/transfer`: one reading of the request,
//! checked in the docs' order (1208 type → 1206/1207 and 434 identifiers → 422 points → 8015
//! and 1645 unknown → 885 program → 889 a side that cannot take part → 830 who authorises →
//! 807 not whole → the balance). The pre-check answers and changes nothing; the transfer
//! moves the points between the two wallets, writes each group side's ledger and the
//! members' contributions (docs/platform-api.md, reading "Points transfer").

// The readers below fail with the finished error answer; its size does not matter here.
#![allow(clippy::result_large_err)]

use axum::{body::Bytes, extract::State, http::StatusCode, response::Response};
use gc_core::group::wire::GroupKey;
use gc_core::members::permissions::Permission;
use gc_core::members::wire::IdentifierKind;
use gc_core::platform::read::Id;
use gc_core::points::transfer::{
    PointsTransfer, TransferBreakup, TransferCheck, TransferCheckAnswer, TransferCustomer, TransferEntity,
    TransferGroup, TransferRecord, CUSTOMER, USERGROUP2,
};
use serde_json::Value;

use super::{contribute, credit_group, group_balance, plain_date_time, program, program_title, wallet_mut, wallets};
use crate::emulator::customers::Customer;
use crate::emulator::dates::now_millis;
use crate::emulator::store::Store;
use crate::emulator::{bad_request, json_response, parse_body, Shared};

/// One side, found.
#[derive(Debug, Clone)]
enum Side {
    Customer(Customer),
    Group(u64),
}

impl Side {
    fn kind(&self) -> &'static str {
        match self {
            Side::Customer(_) => CUSTOMER,
            Side::Group(_) => USERGROUP2,
        }
    }

    fn id(&self) -> u64 {
        match self {
            Side::Customer(c) => c.id,
            Side::Group(g) => *g,
        }
    }

    /// The other party as the ledger's `customerId` names it: a group negative.
    fn party(&self) -> i64 {
        match self {
            Side::Customer(c) => c.id as i64,
            Side::Group(g) => -(*g as i64),
        }
    }

    fn balance(&self, store: &Store, program_id: i64) -> Option<f64> {
        match self {
            Side::Customer(c) => {
                wallets(store, c.id).into_iter().find(|w| w.program_id == program_id).map(|w| w.points)
            }
            Side::Group(g) => group_balance(store, *g, program_id),
        }
    }
}

/// Is the group side active? A customer side always is.
fn active(store: &Store, side: &Side) -> bool {
    match side {
        Side::Customer(_) => true,
        Side::Group(g) => store.group(*g).is_some_and(|g| g.is_active()),
    }
}

/// `CUSTOMER` or `USERGROUP2` (any case).
fn is_group(e: &TransferEntity) -> Option<bool> {
    match e.kind.trim().to_ascii_uppercase().as_str() {
        CUSTOMER => Some(false),
        USERGROUP2 => Some(true),
        _ => None,
    }
}

fn customer_kind(identifier_type: &str) -> Option<Option<IdentifierKind>> {
    match identifier_type.trim() {
        "id" => Some(None),
        "mobile" => Some(Some(IdentifierKind::Mobile)),
        "email" => Some(Some(IdentifierKind::Email)),
        "externalId" => Some(Some(IdentifierKind::ExternalId)),
        "cardnumber" => Some(Some(IdentifierKind::CardNumber)),
        _ => None,
    }
}

const GROUP_IDENTIFIERS: [&str; 3] = ["id", "externalId", "primaryUserId"];

fn find_customer(store: &Store, identifier_type: &str, value: &str) -> Option<Customer> {
    match customer_kind(identifier_type)? {
        None => store.customer(value.trim().parse().ok()?),
        Some(kind) => store.find_customer(kind, value),
    }
}

fn find_group(store: &Store, identifier_type: &str, value: &str) -> Option<u64> {
    let value = value.trim();
    let key = match identifier_type.trim() {
        "id" => GroupKey::Id(value.parse().ok()?),
        "externalId" => GroupKey::ExternalId(value.to_string()),
        "primaryUserId" => GroupKey::PrimaryUserId(value.parse().ok()?),
        _ => return None,
    };
    store.find(&key).map(|g| g.id)
}

/// `pointsTobeTransferred` (or the answer's spelling): a number or numeric text.
fn read_points(v: Option<&Value>) -> Result<f64, Response> {
    let n = match v {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    n.filter(|n| n.is_finite() && *n > 0.0)
        .ok_or_else(|| bad_request(422, "pointsTobeTransferred is missing or invalid: send a positive number"))
}

/// Everything checked: who gives, who receives, what, and whether the source holds it.
struct Checked {
    from: Side,
    to: Side,
    program_id: i64,
    points: f64,
    notes: String,
    held: f64,
}

fn check(store: &Store, bytes: &Bytes) -> Result<Checked, Response> {
    let mut body = match parse_body(bytes) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return Err(bad_request(400, "The request body must be a JSON object")),
        Err(()) => return Err(bad_request(400, "The request body is not valid JSON")),
    };
    let points = body.get("pointsTobeTransferred").or(body.get("pointsToBeTransferred")).cloned();
    if let Some(o) = body.as_object_mut() {
        o.remove("pointsTobeTransferred");
        o.remove("pointsToBeTransferred");
    }
    let req: PointsTransfer = serde_json::from_value(body)
        .map_err(|e| bad_request(400, &format!("The request body does not fit the transfer: {e}")))?;
    let (from, to) = (req.from_entity.clone().unwrap_or_default(), req.to_entity.clone().unwrap_or_default());
    let (Some(from_group), Some(to_group)) = (is_group(&from), is_group(&to)) else {
        return Err(bad_request(
            1208,
            "Entity type is missing or invalid: fromEntity and toEntity take CUSTOMER or USERGROUP2",
        ));
    };
    for (e, group, code, name) in [(&from, from_group, 1206, "fromEntity"), (&to, to_group, 1207, "toEntity")] {
        if e.identifier_type.trim().is_empty() || e.identifier_value.trim().is_empty() {
            return Err(bad_request(code, &format!("{name} details are missing or invalid")));
        }
        let known = if group {
            GROUP_IDENTIFIERS.contains(&e.identifier_type.trim())
        } else {
            customer_kind(&e.identifier_type).is_some()
        };
        if !known {
            return Err(bad_request(434, &format!("Invalid {name}.identifierType set in the request payload")));
        }
    }
    let points = read_points(points.as_ref())?;
    // transferredBy may be left out only when a customer gives (docs: "all transfers except
    // individual-to-group"): the customer then authorises.
    let by = match &req.transferred_by {
        Some(by) => {
            let Some(kind) = customer_kind(&by.identifier_type) else {
                return Err(bad_request(434, "Invalid transferredBy.identifierType set in the request payload"));
            };
            if kind.is_none() && by.identifier_value.trim().parse::<u64>().is_err() {
                return Err(bad_request(434, "Invalid transferredBy.identifierValue set in the request payload"));
            }
            Some(by)
        }
        None if !from_group => None,
        None => return Err(bad_request(434, "transferredBy is required when a group gives points")),
    };

    let side = |e: &TransferEntity, group: bool| -> Result<Side, Response> {
        if group {
            find_group(store, &e.identifier_type, &e.identifier_value)
                .map(Side::Group)
                .ok_or_else(|| bad_request(1645, "Group details passed are not valid"))
        } else {
            find_customer(store, &e.identifier_type, &e.identifier_value)
                .map(Side::Customer)
                .ok_or_else(|| bad_request(8015, "Customer not found for the given identifiers"))
        }
    };
    let (from, to) = (side(&from, from_group)?, side(&to, to_group)?);
    let by = match (by, &from) {
        (Some(b), _) => find_customer(store, &b.identifier_type, &b.identifier_value)
            .ok_or_else(|| bad_request(8015, "Customer not found for the given transferredBy identifiers"))?,
        (None, Side::Customer(c)) => c.clone(),
        (None, Side::Group(_)) => return Err(bad_request(434, "transferredBy is required when a group gives points")),
    };

    // The program: as sent, else the source's first (the docs' "primary program").
    let program_id = match req.program_id {
        Some(p) => p,
        None => match &from {
            Side::Group(g) => store.group(*g).and_then(|g| g.points_summaries.first()?.program_id).unwrap_or(0),
            Side::Customer(c) => wallets(store, c.id).first().map(|w| w.program_id).unwrap_or(0),
        },
    };
    let Some(held) = program(program_id).and_then(|_| from.balance(store, program_id)) else {
        return Err(bad_request(885, &format!("Invalid program id {program_id} for the source")));
    };
    let cannot = "points processing failed, please try again later";
    if !active(store, &from)
        || !active(store, &to)
        || to.balance(store, program_id).is_none()
        || (from.kind() == to.kind() && from.id() == to.id())
    {
        return Err(bad_request(889, cannot));
    }
    if !may_authorise(store, &from, &by) {
        return Err(bad_request(
            830,
            &format!("Customer {} is not allowed to transfer points from this source", by.id),
        ));
    }
    if points.fract() != 0.0 {
        return Err(bad_request(807, "Points are not divisible as the program requires: send whole points"));
    }
    Ok(Checked { from, to, program_id, points, notes: req.notes.trim().to_string(), held })
}

/// A customer gives only for themself; a group through an active member who is its primary
/// or holds `allow_points_transfer` (and not `block_points_transfer`).
fn may_authorise(store: &Store, from: &Side, by: &Customer) -> bool {
    match from {
        Side::Customer(c) => c.id == by.id,
        Side::Group(g) => {
            let view = store.members(*g);
            let Some(r) = view.record(by.id).filter(|r| r.active) else { return false };
            let has = |p: Permission| r.permissions.iter().any(|x| x == p.as_str());
            !has(Permission::BlockPointsTransfer) && (r.primary_member || has(Permission::AllowPointsTransfer))
        }
    }
}

/// `POST /v2/points/userGroup2/isTransferrable`: changes nothing. Not enough points is
/// `transferrable: false` (no code is documented for it).
pub async fn check_transfer(State(emu): Shared, bytes: Bytes) -> Response {
    let store = emu.store();
    match check(&store, &bytes) {
        Ok(c) => json_response(
            StatusCode::OK,
            &TransferCheckAnswer {
                data: vec![TransferCheck {
                    points_to_be_transferred: Some(c.points),
                    transferrable: c.points <= c.held,
                }],
                warnings: vec![],
                errors: vec![],
            },
        ),
        Err(r) => r,
    }
}

/// `POST /v2/points/userGroup2/transfer`: moves the points once, or refuses (889 when the
/// source holds too few).
pub async fn transfer(State(emu): Shared, bytes: Bytes) -> Response {
    let mut store = emu.store();
    let c = match check(&store, &bytes) {
        Ok(c) if c.points <= c.held => c,
        Ok(_) => return bad_request(889, "points processing failed, please try again later"),
        Err(r) => return r,
    };
    let left = take(&mut store, &c.from, c.program_id, -c.points);
    take(&mut store, &c.to, c.program_id, c.points);
    let notes = c.notes.clone();
    let entry = |points: f64, other: &Side| super::Entry {
        event: "PointsTransfer",
        program_id: c.program_id,
        points,
        party: Some(other.party()),
        member: match other {
            Side::Customer(m) => Some(m.id),
            Side::Group(_) => None,
        },
        bill: None,
        reason: notes.clone(),
    };
    if let Side::Group(g) = c.from {
        super::write_ledger(&mut store, g, entry(-c.points, &c.to));
    }
    if let Side::Group(g) = c.to {
        super::write_ledger(&mut store, g, entry(c.points, &c.from));
    }
    match (&c.from, &c.to) {
        (Side::Customer(m), Side::Group(g)) => contribute(&mut store, *g, m.id, c.points),
        (Side::Group(g), Side::Customer(m)) => contribute(&mut store, *g, m.id, -c.points),
        _ => {}
    }
    let transfer_id = store.points_mut().take_transfer_id();
    store.persist();
    let record = TransferRecord {
        to_entity_id: Some(Id(c.to.id())),
        to_entity_type: c.to.kind().into(),
        from_entity_id: Some(Id(c.from.id())),
        from_entity_type: c.from.kind().into(),
        points_transfer_date: plain_date_time(now_millis()),
        points_transferred: Some(c.points),
        transfer_id: Some(transfer_id),
        transfer_type: "DEDUCTION".into(),
        transferred_from: person(&c.from),
        transferred_to: person(&c.to),
        transferred_from_user_group2: group_of(&store, &c.from),
        transferred_to_user_group2: group_of(&store, &c.to),
        notes: c.notes.clone(),
        program_name: store
            .group(match (&c.from, &c.to) {
                (Side::Group(g), _) | (_, Side::Group(g)) => *g,
                _ => 0,
            })
            .map(|g| program_title(&g.points_summaries, c.program_id))
            .unwrap_or_else(|| program_title(&[], c.program_id)),
        points_transfer_breakup_by_earning_programs: vec![TransferBreakup {
            program_id: Some(c.program_id),
            deducted_points: Some(c.points),
            program_current_points: left,
        }],
    };
    json_response(StatusCode::OK, &serde_json::json!({"data": [record], "warnings": [], "errors": []}))
}

/// Adds `delta` to a side's wallet; answers what it then holds.
fn take(store: &mut Store, side: &Side, program_id: i64, delta: f64) -> Option<f64> {
    match side {
        Side::Group(g) => credit_group(store, *g, program_id, delta, false),
        Side::Customer(c) => {
            let w = wallet_mut(store, c.id, program_id)?;
            w.points += delta;
            if delta > 0.0 {
                w.lifetime += delta;
            }
            Some(w.points)
        }
    }
}

fn person(side: &Side) -> Option<TransferCustomer> {
    match side {
        Side::Customer(c) => Some(TransferCustomer {
            user_id: Some(Id(c.id)),
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            external_id: c.external_id.clone(),
        }),
        Side::Group(_) => None,
    }
}

/// A group side as the answer describes it; its members only when there are few.
fn group_of(store: &Store, side: &Side) -> Option<TransferGroup> {
    let Side::Group(id) = side else { return None };
    let g = store.group(*id)?;
    let view = store.members(*id);
    Some(TransferGroup {
        id: Some(Id(g.id)),
        external_id: g.external_id.clone(),
        group_status: g.status(),
        fleet_group_users: if view.records.len() <= 100 {
            view.records.iter().map(|r| r.member(g.id)).collect()
        } else {
            vec![]
        },
        created_by: Some(Id(g.created_by)),
        created_on: g.created_on.clone(),
        group_name: g.group_name.clone(),
        max_group_size: Some(g.max_group_size),
        life_time_purchases: g.life_time_purchases.as_f64(),
    })
}
