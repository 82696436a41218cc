//! Finding groups: `GET /v2/userGroup2/search`, `POST /v2/userGroup2/extendedFieldSearch`,
//! and a customer's groups (`GET /v2/customers/{id}`, `GET /v2/customers/lookup/customerDetails`;
//! with `embed=mlp` their points and tier per program), with the readings of
//! docs/platform-api.md. Names, statuses and counts come from the same state as
//! `GET /v2/userGroup2`.

// The readers below fail with the finished error answer; its size does not matter here.
#![allow(clippy::result_large_err)]

use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{StatusCode, Uri},
    response::Response,
};
use gc_core::find::wire::{
    CustomerGroup, CustomerGroups, CustomerGroupsQuery, CustomerIdentifier, CustomerKey, ExtendedFieldSearchQuery,
    GroupSearchResponse, GroupSummary, SearchQuery,
};
use gc_core::members::tiers::MemberTiersQuery;
use gc_core::members::wire::IdentifierKind;
use gc_core::platform::query::{page_of, Pagination};
use gc_core::platform::read::Id;
use serde_json::Value;

use super::{bad_request, json_response, parse_body, Shared};
use crate::emulator::customers::mobile_matches;
use crate::emulator::groups::is_extended_field;
use crate::emulator::points::loyalty_details;
use crate::emulator::store::{Group, Store};

/// A search's group, as the GET counts it: `totalMembers` is the active members.
fn summary(store: &Store, g: &Group) -> GroupSummary {
    let view = store.members(g.id);
    let primary = view.primary.and_then(|p| store.customer(p));
    GroupSummary {
        group_id: Id(g.id),
        group_name: g.group_name.clone(),
        group_status: g.status(),
        group_external_id: g.external_id.clone(),
        first_name: primary.as_ref().map(|c| c.first_name.clone()).unwrap_or_default(),
        last_name: primary.as_ref().map(|c| c.last_name.clone()).unwrap_or_default(),
        primary_member_id: view.primary.map(Id),
        email: primary.as_ref().map(|c| c.email.clone()).unwrap_or_default(),
        mobile: primary.as_ref().map(|c| c.mobile.clone()).unwrap_or_default(),
        total_members: Some(view.active as i64),
        total_active_members: Some(view.active as i64),
        total_exited_members: Some(view.exited as i64),
        extended_fields: g.extended_fields.clone(),
        ..GroupSummary::default()
    }
}

/// Our reading of `q`: a part of the name or external id (any case), the group id, a part of
/// the primary member's e-mail, the primary's mobile with or without the country code, or
/// their card number.
fn matches(store: &Store, g: &Group, q: &str) -> bool {
    let lower = q.to_lowercase();
    if g.group_name.to_lowercase().contains(&lower)
        || g.external_id.to_lowercase().contains(&lower)
        || q.parse::<u64>().is_ok_and(|id| id == g.id)
    {
        return true;
    }
    let Some(primary) = store.members(g.id).primary.and_then(|p| store.customer(p)) else { return false };
    primary.email.to_lowercase().contains(&lower)
        || mobile_matches(&primary.mobile, q, 6)
        || primary.card_number().eq_ignore_ascii_case(q)
}

fn answer(store: &Store, found: Vec<&Group>, offset: u32, limit: u32) -> Response {
    let body = GroupSearchResponse {
        pagination: Some(Pagination::new(offset, limit, found.len() as u64)),
        data: page_of(&found, offset, limit).iter().map(|g| summary(store, g)).collect(),
        warnings: vec![],
        errors: vec![],
    };
    json_response(StatusCode::OK, &body)
}

/// `GET /v2/userGroup2/search?q=…&offset=…&limit=…`: every status, by group id.
pub async fn search(State(emu): Shared, uri: Uri) -> Response {
    let q = match SearchQuery::from_query_string(uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(e) => return bad_request(e.code(), &e.to_string()),
    };
    let store = emu.store();
    let found: Vec<&Group> = store.groups().filter(|g| matches(&store, g, &q.q)).collect();
    answer(&store, found, q.offset, q.limit)
}

/// A stored extended-field value as text, to compare with what was asked (`"40"` = `40`).
fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_string(),
        other => other.to_string(),
    }
}

/// `POST /v2/userGroup2/extendedFieldSearch`: every field must match, as text, any case.
pub async fn extended_field_search(State(emu): Shared, uri: Uri, bytes: Bytes) -> Response {
    let page = match ExtendedFieldSearchQuery::from_query_string(uri.query().unwrap_or("")) {
        Ok(p) => p,
        Err(e) => return bad_request(400, &e.to_string()),
    };
    let fields = match parse_body(&bytes) {
        Ok(Value::Object(mut body)) => match body.remove("extendedFields") {
            Some(Value::Object(f)) => f,
            None | Some(Value::Null) => Default::default(),
            Some(_) => return bad_request(400, "extendedFields must be an object of field names and values"),
        },
        Ok(_) => return bad_request(400, "The request body must be a JSON object"),
        Err(()) => return bad_request(400, "The request body is not valid JSON"),
    };
    if fields.is_empty() {
        return bad_request(1661, "Extended fields array is empty.");
    }
    if let Some(name) = fields.keys().find(|n| !is_extended_field(n)) {
        return bad_request(91016, &format!("Extended field name is incorrect: {name}"));
    }
    let store = emu.store();
    let found: Vec<&Group> = store
        .groups()
        .filter(|g| {
            fields.iter().all(|(name, wanted)| {
                g.extended_fields.get(name).is_some_and(|have| as_text(have).eq_ignore_ascii_case(&as_text(wanted)))
            })
        })
        .collect();
    answer(&store, found, page.offset, page.limit)
}

/// `GET /v2/customers/{id}?…&includedAllUserGroup2=true`
pub async fn customer(State(emu): Shared, Path(id): Path<String>, uri: Uri) -> Response {
    customer_answer(&emu.store(), CustomerGroupsQuery::from_request(Some(&id), uri.query().unwrap_or("")), &uri)
}

/// `GET /v2/customers/lookup/customerDetails?identifierName=mobile|email|externalId&identifierValue=…`
pub async fn customer_lookup(State(emu): Shared, uri: Uri) -> Response {
    customer_answer(&emu.store(), CustomerGroupsQuery::from_request(None, uri.query().unwrap_or("")), &uri)
}

/// The customer with their groups, newest join first (the shape we chose: the platform's
/// pages do not show it).
fn customer_answer(
    store: &Store,
    query: Result<CustomerGroupsQuery, gc_core::platform::query::QueryError>,
    uri: &Uri,
) -> Response {
    let query = match query {
        Ok(q) => q,
        Err(e) => return bad_request(400, &format!("Invalid customer request: {e}")),
    };
    let found = match &query.key {
        CustomerKey::Id(id) => store.customer(*id),
        CustomerKey::Lookup(name, value) => {
            let kind = match name {
                CustomerIdentifier::Mobile => IdentifierKind::Mobile,
                CustomerIdentifier::Email => IdentifierKind::Email,
                CustomerIdentifier::ExternalId => IdentifierKind::ExternalId,
            };
            store.find_customer(kind, value)
        }
    };
    let Some(c) = found else { return bad_request(8015, "Customer not found for the given identifiers.") };
    let params = gc_core::platform::query::QueryParams::parse(uri.query().unwrap_or(""));
    let mut groups: Vec<CustomerGroup> = if params.flag("includedAllUserGroup2") {
        store
            .groups_of(c.id)
            .iter()
            .filter_map(|&gid| {
                let g = store.group(gid)?;
                let view = store.members(gid);
                let r = view.record(c.id)?;
                Some(CustomerGroup {
                    group_id: Some(Id(gid)),
                    group_name: g.group_name.clone(),
                    group_external_id: g.external_id.clone(),
                    group_status: g.status(),
                    primary_member: r.primary_member,
                    active: r.active,
                    default_group: r.default_group,
                    joined_on: effective_join_day(g, &r.joined_on),
                    ..CustomerGroup::default()
                })
            })
            .collect()
    } else {
        vec![]
    };
    groups.sort_by(|a, b| b.joined_on.cmp(&a.joined_on).then(a.group_id.cmp(&b.group_id)));
    let total = groups.len() as u64;
    let body = CustomerGroups {
        id: Some(Id(c.id)),
        first_name: c.first_name,
        last_name: c.last_name,
        mobile: c.mobile,
        email: c.email,
        user_group2: page_of(&groups, query.offset, query.limit).to_vec(),
        ug2_pagination: params.flag("ug2PaginationDetails").then(|| Pagination::new(query.offset, query.limit, total)),
        ..CustomerGroups::default()
    };
    // `embed=mlp`: each program's points and tier (the reading "Member tiers").
    if MemberTiersQuery::embeds_programs(uri.query().unwrap_or("")) {
        let mut v = serde_json::to_value(&body).unwrap_or(Value::Null);
        v["loyaltyProgramDetails"] = serde_json::to_value(loyalty_details(store, c.id)).unwrap_or(Value::Null);
        return json_response(StatusCode::OK, &v);
    }
    json_response(StatusCode::OK, &body)
}

/// A membership's join day, or the group's creation day for records without one.
pub fn effective_join_day(g: &Group, joined_on: &str) -> String {
    if joined_on.is_empty() {
        crate::emulator::dates::date_string(g.created_day())
    } else {
        joined_on.to_string()
    }
}
