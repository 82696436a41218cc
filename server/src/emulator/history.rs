//! A group's tier history (`GET /v2/userGroup2/slabHistory`) and transactions
//! (`GET /v2/userGroup2/transactions`), generated on the fly from the group's id and its
//! `HistoryPlan`: the same entries on every start, and only the requested page is ever built
//! (the 30,000-member group has 90,000 transactions). The seeded ledger credits the newest
//! bills, and a manual issue finds its bill here.

// The readers below fail with the finished error answer; its size does not matter here.
#![allow(clippy::result_large_err)]

use axum::{
    extract::State,
    http::{StatusCode, Uri},
    response::Response,
};
use gc_core::history::wire::{
    BillDetails, SlabChange, SlabHistoryQuery, SlabHistoryResponse, StoreInfo, Transaction, TransactionGroup,
    TransactionPoints, TransactionType, TransactionsQuery, TransactionsResponse,
};
use gc_core::platform::query::{Pagination, QueryError, SortOrder};
use gc_core::platform::read::Id;

use super::{bad_request, json_response, Shared};
use crate::emulator::dates::{days_from_civil, iso_from_millis, parse_instant};
use crate::emulator::store::{Group, MemberView};

const DAY_MS: i64 = 86_400_000;

fn not_valid() -> Response {
    bad_request(1632, "Group id/externalId/primary userId passed is not valid.")
}

/// Reads the query's dates; `Err` answers 400.
fn instants(start: &Option<String>, end: &Option<String>) -> Result<(Option<i64>, Option<i64>), Response> {
    let read = |d: &Option<String>| match d {
        None => Ok(None),
        Some(s) => parse_instant(s)
            .map(Some)
            .ok_or_else(|| bad_request(400, &format!("{s:?} is not a date: send YYYY-MM-DD or an ISO date-time"))),
    };
    Ok((read(start)?, read(end)?))
}

fn in_range(at: i64, start: Option<i64>, end: Option<i64>) -> bool {
    start.is_none_or(|s| at >= s) && end.is_none_or(|e| at < e)
}

fn store_info() -> StoreInfo {
    StoreInfo {
        id: Some(Id(13_027_244)),
        code: "gc.emulator.store".into(),
        description: "Group Console emulator store".into(),
        name: "GC Emulator Store".into(),
        kind: "STORE".into(),
        admin_type: "GENERAL".into(),
        is_org_unit: Some(false),
        ..StoreInfo::default()
    }
}

// ------------------------------------------------------------------ tier history

/// The `i`-th newest tier change of a group with `count` of them, walking back from the
/// default program's current tier: a renewal, then an upgrade into it, then a downgrade into
/// the tier before, and so on.
fn tier_changes(g: &Group, count: u32) -> Vec<SlabChange> {
    let program = g.points_summaries.first();
    let current = program.and_then(|p| p.slab_s_no).unwrap_or(1).max(1);
    let name = |n: i64| -> String {
        match program {
            Some(p) if p.slab_s_no == Some(n) && !p.current_slab.is_empty() => p.current_slab.clone(),
            Some(p) if p.next_slab_serial_number == Some(n) && !p.next_slab.is_empty() => p.next_slab.clone(),
            _ => format!("Tier {n}"),
        }
    };
    let newest = days_from_civil(2026, 11, 1) * DAY_MS + 9_000_000;
    let mut state = current;
    (0..count as i64)
        .map(|i| {
            let to = state;
            let (kind, from) = match i % 3 {
                0 => ("RENEW", to),
                1 if to > 1 => ("UPGRADE", to - 1),
                1 => ("DOWNGRADE", to + 1),
                _ if to < 8 => ("DOWNGRADE", to + 1),
                _ => ("UPGRADE", to - 1),
            };
            state = from;
            let notes = match kind {
                "RENEW" => format!("points_engine_tier_renewal: {} kept", name(to)),
                "UPGRADE" => format!("Upgrading to Slab : Slab[{to}]: Name [{}]", name(to)),
                _ => format!("points_engine_tier_downgrade to {}", name(to)),
            };
            SlabChange {
                from_slab_number: Some(from),
                to_slab_number: Some(to),
                from: name(from),
                to: name(to),
                changed_on: iso_from_millis(newest - i * 37 * DAY_MS),
                notes,
                till_id: Some(Id(13_027_245)),
                store: Some(store_info()),
                kind: kind.into(),
                program_id: program.and_then(|p| p.program_id).or(Some(973)),
            }
        })
        .collect()
}

/// `GET /v2/userGroup2/slabHistory?fleetGroupId=…&startDate=…&endDate=…&pageSize=…&offset=…`
pub async fn slab_history(State(emu): Shared, uri: Uri) -> Response {
    let q = match SlabHistoryQuery::from_query_string(uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(QueryError::Missing(_)) => return bad_request(1635, "Group query param is not passed: send fleetGroupId"),
        Err(QueryError::Invalid { name: "fleetGroupId", .. }) => return not_valid(),
        Err(e) => return bad_request(400, &e.to_string()),
    };
    let (start, end) = match instants(&q.start_date, &q.end_date) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let store = emu.store();
    let Some(g) = store.group(q.group_id) else { return not_valid() };
    let count = g.history.map(|h| h.tier_changes).unwrap_or(0);
    let all: Vec<SlabChange> = tier_changes(g, count)
        .into_iter()
        .filter(|c| parse_instant(&c.changed_on).is_some_and(|at| in_range(at, start, end)))
        .collect();
    let total = all.len() as u64;
    let data = all.into_iter().skip(q.offset as usize).take(q.page_size as usize).collect();
    let body =
        SlabHistoryResponse { data, pagination: Some(Pagination::new(q.offset, q.page_size, total)), warnings: vec![] };
    json_response(StatusCode::OK, &body)
}

// ------------------------------------------------------------------ transactions

/// Transaction `i` (0 = newest) of a group, computed from its index alone.
struct TxnPlan<'a> {
    group: &'a Group,
    view: &'a MemberView,
    count: u32,
    newest: i64,
    step: i64,
}

impl TxnPlan<'_> {
    fn new<'a>(group: &'a Group, view: &'a MemberView) -> TxnPlan<'a> {
        let count = group.history.map(|h| h.transactions).unwrap_or(0);
        // Two years of purchases, at most five days and at least ten minutes apart.
        let step = (730 * DAY_MS / count.max(1) as i64).clamp(600_000, 5 * DAY_MS);
        TxnPlan { group, view, count, newest: days_from_civil(2026, 11, 30) * DAY_MS + 43_200_000, step }
    }

    fn at(&self, i: u32) -> i64 {
        self.newest - i as i64 * self.step
    }

    fn kind(&self, i: u32) -> TransactionType {
        if i % 10 == 9 {
            TransactionType::Return
        } else {
            TransactionType::Regular
        }
    }

    /// Members take turns, in a scrambled order.
    fn member(&self, i: u32) -> Option<u64> {
        let n = self.view.records.len() as u64;
        (n > 0).then(|| self.view.records[((i as u64 * 7919) % n) as usize].user_id)
    }

    fn build(&self, i: u32) -> Transaction {
        let g = self.group;
        let mut h = g.id.wrapping_mul(1_000_003).wrapping_add(i as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
        h = (h ^ (h >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 29;
        let amount = 5.0 + (h % 49_500) as f64 / 10.0;
        let points = (amount / 10.0).floor();
        let kind = self.kind(i);
        let when = iso_from_millis(self.at(i));
        let regular = kind == TransactionType::Regular;
        Transaction {
            // Read back by `transaction`.
            id: Some(Id(2_100_000_000_000 + g.id * 100_000 + i as u64)),
            kind: kind.as_str().into(),
            customer_id: self.member(i).map(Id),
            bill_details: Some(BillDetails {
                amount: Some(amount),
                billing_store: Some(StoreInfo {
                    is_active: Some(true),
                    is_ou_enabled: Some(false),
                    time_zone_id: Some(0),
                    currency_id: Some(44),
                    language_id: Some(-1),
                    is_org_unit: None,
                    ..store_info()
                }),
                bill_number: format!("GC-{}-{:06}", g.id, i),
                billing_time: when.clone(),
                discount: Some(0.0),
                gross_amount: Some(amount),
                note: String::new(),
                invalid_bill: Some(false),
            }),
            point_summary: Some(TransactionPoints {
                issued_points: Some(if regular { points } else { 0.0 }),
                returned_points: Some(if regular { 0.0 } else { points }),
                redeemed_points: Some(0.0),
                expired_points: Some(0.0),
                available_points: Some(if regular { points } else { 0.0 }),
                expiry_date: "2028-12-31T23:59:59Z".into(),
                program_id: g.points_summaries.first().and_then(|p| p.program_id).or(Some(973)),
                delayed_points: Some(0.0),
                delayed_points_returned: Some(0.0),
                redeemable_from: when.clone(),
            }),
            user_group2: Some(TransactionGroup {
                id: Some(Id(g.id)),
                group_status: g.status(),
                life_time_purchases: g.life_time_purchases.as_f64(),
                primary_user_id: self.view.primary.map(Id),
            }),
            use_default_fleet_group: Some(false),
            add_with_local_currency: Some(false),
            is_async: Some(false),
            use_v2: Some(false),
            outlier_status: "NORMAL".into(),
            life_time_purchases: Some(0.0),
            ignore_points: Some(false),
            auto_update_time: when,
            transaction_event_status: "PROCESSING_COMPLETE".into(),
            basket_size: Some(1.0 + (h % 9) as f64),
            ..Transaction::default()
        }
    }
}

/// The group's `n` newest transactions, newest first, with their time (epoch ms): the bills
/// the seeded ledger credits.
pub fn newest_transactions(g: &Group, view: &MemberView, n: usize) -> Vec<(i64, Transaction)> {
    let plan = TxnPlan::new(g, view);
    (0..plan.count).take(n).map(|i| (plan.at(i), plan.build(i))).collect()
}

/// The group's transaction with this id, if it has one (the bill of a manual issue).
pub fn transaction(g: &Group, view: &MemberView, id: u64) -> Option<Transaction> {
    let plan = TxnPlan::new(g, view);
    let i = id.checked_sub(2_100_000_000_000 + g.id * 100_000)?;
    (i < plan.count as u64 && i < 100_000).then(|| plan.build(i as u32))
}

/// `GET /v2/userGroup2/transactions?id=…&type=…&startDate=…&endDate=…&offset=…&limit=…&order=…`
pub async fn transactions(State(emu): Shared, uri: Uri) -> Response {
    let q = match TransactionsQuery::from_query_string(uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(QueryError::Missing(_)) => return bad_request(1635, "Group query param is not passed."),
        Err(QueryError::Invalid { name: "id" | "primaryUserId", .. }) => return not_valid(),
        Err(e) => return bad_request(400, &e.to_string()),
    };
    let (start, end) = match instants(&q.start_date, &q.end_date) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let store = emu.store();
    let Some(g) = store.find(&q.group) else { return not_valid() };
    let view = store.members(g.id);
    let plan = TxnPlan::new(g, &view);
    let wanted = |i: &u32| {
        in_range(plan.at(*i), start, end)
            && q.kind.is_none_or(|k| plan.kind(*i) == k)
            && q.customer_id.is_none_or(|c| plan.member(*i) == Some(c))
    };
    let order: Box<dyn Iterator<Item = u32>> = match q.order.unwrap_or_default() {
        SortOrder::Desc => Box::new(0..plan.count),
        SortOrder::Asc => Box::new((0..plan.count).rev()),
    };
    let data = order.filter(wanted).skip(q.offset as usize).take(q.limit as usize).map(|i| plan.build(i)).collect();
    json_response(StatusCode::OK, &TransactionsResponse { data, warnings: vec![], errors: vec![] })
}
