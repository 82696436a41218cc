//! `GET /v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2&identifierName=id&…`: a group's
//! ledger a page at a time (`offset` is the page), newest first unless asked, filtered by the
//! customer ledger's dates and entry type; the platform's codes (11013, 8013, 11029, 11007,
//! 11010; 11003 for an empty page). Each kept record is answered in the ledger's shape.

use axum::{extract::State, http::StatusCode, http::Uri, response::Response};
use gc_core::history::ledger::{
    EntryDetail, LedgerAnswer, LedgerCustomer, LedgerDetails, LedgerEntry, LedgerIdentifier, LedgerQuery,
    LedgerTransaction,
};
use gc_core::platform::query::SortOrder;
use gc_core::platform::read::Id;
use serde_json::json;

use super::program_title;
use super::state::LedgerRecord;
use crate::emulator::account::ORG_ID;
use crate::emulator::dates::iso_from_millis;
use crate::emulator::store::{Group, Store};
use crate::emulator::{bad_request, json_response, Shared};

/// `2025-04-05 02:42:18.0`, as the ledger's `ledgerCreatedDate`.
fn ledger_date(ms: i64) -> String {
    format!("{}.0", super::plain_date_time(ms))
}

/// A record in the ledger's shape.
pub fn entry(store: &Store, g: &Group, r: &LedgerRecord) -> LedgerEntry {
    let program = program_title(&g.points_summaries, r.program_id);
    let view = store.members(g.id);
    let customer_details = r.member.and_then(|m| store.customer(m)).map(|c| LedgerCustomer {
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        user_id: Some(Id(c.id)),
        identifier: Some(LedgerIdentifier {
            kind: "mobile".into(),
            value: c.mobile.clone(),
            role: match view.record(c.id) {
                Some(m) if m.primary_member => "PRIMARY".into(),
                Some(_) => "SECONDARY".into(),
                None => String::new(),
            },
        }),
    });
    let bill = r.bill.and_then(|id| crate::emulator::history::transaction(g, &view, id));
    let transaction_details = match &bill {
        Some(t) => {
            let details = t.bill_details.as_ref();
            LedgerTransaction {
                transaction_id: t.id,
                transaction_number: details.map(|d| d.bill_number.clone()).unwrap_or_default(),
                date: details.map(|d| d.billing_time.clone()).unwrap_or_default(),
                amount: details.and_then(|d| d.amount),
                gross_bill_amount: details.and_then(|d| d.gross_amount),
                source: "INSTORE".into(),
            }
        }
        None => LedgerTransaction::default(),
    };
    let at_store = bill.is_some();
    let mut event_details = json!({"eventDate": ledger_date(r.at), "eventDateISO": iso_from_millis(r.at)});
    if !r.reason.is_empty() {
        event_details["reason"] = json!(r.reason);
    }
    LedgerEntry {
        event_log_id: Some(r.id),
        event_name: r.event.clone(),
        customer_id: r.party,
        ledger_created_date: ledger_date(r.at),
        ledger_created_date_iso: iso_from_millis(r.at),
        customer_details,
        entry_details: vec![EntryDetail {
            ledger_entry_type: r.kind().into(),
            points: Some(r.points.abs()),
            points_category: "Main".into(),
            program_name: program.clone(),
            program_id: Some(r.program_id),
            alternate_currency_name: String::new(),
        }],
        net_points_on_event: Some(r.points),
        net_alternate_currencies_on_event: json!({}),
        transaction_details,
        store: if at_store { "GC Emulator Store".into() } else { String::new() },
        store_code: if at_store { "gc.emulator.store".into() } else { String::new() },
        till_code: if at_store { "gc.emulator.till".into() } else { String::new() },
        event_details,
        source_program_id: Some(r.program_id),
        source_program_name: program,
        org_id: Some(Id(ORG_ID)),
        concept_id: None,
        concept_name: String::new(),
    }
}

pub async fn ledger(State(emu): Shared, uri: Uri) -> Response {
    let q = match LedgerQuery::from_query_string(uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(e) => return bad_request(e.code(), &e.to_string()),
    };
    let store = emu.store();
    let Some(g) = store.group(q.group_id) else { return bad_request(8013, "Invalid identifier passed") };
    let mut kept: Vec<&LedgerRecord> = store
        .points()
        .ledger(g.id)
        .iter()
        .filter(|r| match &q.dates {
            None => true,
            Some((from, to)) => {
                let day = &iso_from_millis(r.at)[..10];
                day >= from.as_str() && day <= to.as_str()
            }
        })
        .filter(|r| q.entry_type.is_none_or(|t| t.as_str() == r.kind()))
        .collect();
    if q.order == SortOrder::Desc {
        kept.reverse();
    }
    let total = kept.len() as u64;
    let start = q.page as usize * q.limit as usize;
    let page: Vec<LedgerEntry> = kept.iter().skip(start).take(q.limit as usize).map(|r| entry(&store, g, r)).collect();
    if page.is_empty() {
        return bad_request(11003, "No ledger entries found for the given criteria");
    }
    let answer = LedgerAnswer {
        ledger_details: Some(LedgerDetails {
            page_number: Some(q.page as i64),
            page_size: Some(q.limit as i64),
            total_entries: Some(total as i64),
            page_count: Some(total.div_ceil(q.limit as u64) as i64),
        }),
        ledger_entries: page,
        warnings: vec![],
    };
    json_response(StatusCode::OK, &answer)
}
