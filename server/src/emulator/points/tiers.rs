//! `POST /v2/slab/manualSlabAdjustment`: a customer's tier changed by hand, one customer at a
//! time (`type=CUSTOMER`; a user group is refused, as the newest page says). Codes: 11030 a
//! non-numeric id, 8015 no such customer, 1101 the program, 8917 no action, 8920 no validity,
//! 8921 a duration that is not a number, 8923 no such tier, 8925 an upgrade that does not go
//! up (and our mirror: a downgrade that does not go down).

use axum::{body::Bytes, extract::State, http::StatusCode, http::Uri, response::Response};
use gc_core::members::tiers::{TierAdjustQuery, TierAdjusted, TierAdjustment, TierSideEffect};
use gc_core::members::wire::IdentifierKind;
use gc_core::platform::read::Id;
use gc_core::points::transfer::{CUSTOMER, USERGROUP2};
use serde_json::Value;

use super::{program, tier_name, wallet_mut};
use crate::emulator::{bad_request, json_response, parse_body, Shared};

/// The tier's end as the answer writes it (`30th Nov, 2025`): a year from the change's day.
fn expiry_words() -> String {
    let day = crate::emulator::dates::now_millis().div_euclid(86_400_000) + 365;
    let (y, m, d) = crate::emulator::dates::civil_from_days(day);
    let suffix = match d {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{d}{suffix} {}, {y}", MONTHS[(m as usize - 1) % 12])
}

pub async fn adjust(State(emu): Shared, uri: Uri, bytes: Bytes) -> Response {
    let q = TierAdjustQuery::from_query_string(uri.query().unwrap_or(""));
    if q.kind.eq_ignore_ascii_case(USERGROUP2) {
        return bad_request(400, "Manual tier adjustments aren't available for user groups");
    }
    if !q.kind.eq_ignore_ascii_case(CUSTOMER) {
        return bad_request(400, "type must be CUSTOMER");
    }
    let mut store = emu.store();
    let value = q.identifier_value.trim();
    let customer = match q.identifier_name.trim() {
        "id" => match value.parse::<u64>() {
            Ok(id) => store.customer(id),
            Err(_) => {
                return bad_request(11030, "identifierValue must be a numeric customer id with identifierName id")
            }
        },
        "mobile" => store.find_customer(IdentifierKind::Mobile, value),
        "externalId" => store.find_customer(IdentifierKind::ExternalId, value),
        _ => return bad_request(400, "identifierName must be mobile, id or externalId"),
    };
    let Some(customer) = customer else { return bad_request(8015, "Customer not found for the given identifiers") };
    let body: TierAdjustment = match parse_body(&bytes) {
        Ok(v @ Value::Object(_)) => match serde_json::from_value(v) {
            Ok(b) => b,
            Err(e) => return bad_request(400, &format!("The request body does not fit the adjustment: {e}")),
        },
        _ => return bad_request(400, "The request body must be a JSON object"),
    };
    let program_id = body.program_id.unwrap_or(0);
    let Some((_, ladder)) = program(program_id) else { return bad_request(1101, "Invalid program id") };
    let action = body.slab_action.trim().to_ascii_uppercase();
    if action.is_empty() {
        return bad_request(8917, "slabAction is required");
    }
    let validity = body.manual_slab_action_validity.trim();
    if validity.is_empty() {
        return bad_request(8920, "manualSlabActionValidity is required");
    }
    if validity == "FIXED_DURATION" && body.manual_slab_action_validity_upto.trim().parse::<u32>().is_err() {
        return bad_request(8921, "manualSlabActionValidityUpto must be an integer");
    }
    let Some(wallet) = wallet_mut(&mut store, customer.id, program_id) else {
        return bad_request(1101, &format!("The customer is not enrolled in program {program_id}"));
    };
    let current = wallet.slab;
    let target = match action.as_str() {
        "UPGRADE" | "DOWNGRADE" => {
            let name = body.to_slab_name.trim();
            let Some(i) = ladder.iter().position(|t| t.eq_ignore_ascii_case(name)) else {
                return bad_request(8923, &format!("No tier found with the name {name}"));
            };
            let target = i as i64 + 1;
            if action == "UPGRADE" && target <= current {
                return bad_request(8925, "Upgrade is only allowed to a tier above the current tier");
            }
            if action == "DOWNGRADE" && target >= current {
                return bad_request(8925, "Downgrade is only allowed to a tier below the current tier");
            }
            target
        }
        "RENEWAL" | "EXTEND_CURRENT_TIER_EXPIRY_DATE" => current,
        _ => {
            return bad_request(
                8917,
                "slabAction is not one of UPGRADE, DOWNGRADE, RENEWAL, EXTEND_CURRENT_TIER_EXPIRY_DATE",
            )
        }
    };
    wallet.slab = target;
    store.persist();
    let answer = TierAdjusted {
        program_id: Some(program_id),
        entity_id: Some(Id(customer.id)),
        side_effects: vec![TierSideEffect {
            entity_type: "USER".into(),
            previous_slab_name: tier_name(program_id, current),
            previous_slab_number: Some(current),
            upgraded_slab_name: tier_name(program_id, target),
            upgraded_slab_number: Some(target),
            slab_expiry_date: expiry_words(),
            kind: "slab".into(),
        }],
        warnings: vec![],
    };
    json_response(StatusCode::OK, &answer)
}
