//! The Points tab's other reads: a group's trackers (`GET /v2/customers/userEntityTrackers`),
//! its promised points through its primary member (`GET /v2/userGroup2/promisedPointsSchedule`)
//! and the expiry-schedule endpoint (`GET /v2/userGroup2/pointsExpirySchedule`), which adds
//! `pointsType` and `expiryType` (placeholders: their values are not documented).

use axum::{extract::State, http::StatusCode, http::Uri, response::Response};
use gc_core::group::wire::GroupKey;
use gc_core::platform::query::Pagination;
use gc_core::points::schedules::{
    ExpiryEntry, ExpiryScheduleAnswer, ExpiryScheduleQuery, PromisedPoints, PromisedPointsQuery, TrackersAnswer,
    TrackersQuery,
};
use gc_core::points::transfer::USERGROUP2;

use crate::emulator::{bad_request, json_bytes, json_response, Shared};

/// `GET /v2/customers/userEntityTrackers?type=USERGROUP2&identifierType=id&identifierValue=…`
pub async fn trackers(State(emu): Shared, uri: Uri) -> Response {
    let q = TrackersQuery::from_query_string(uri.query().unwrap_or(""));
    if !q.entity_type.eq_ignore_ascii_case(USERGROUP2) {
        return bad_request(
            1647,
            "Get trackers entity type not set/invalid. supported types include USERGROUP2,CUSTOMER",
        );
    }
    let value = q.identifier_value.trim();
    let key = match q.identifier_type.trim() {
        "id" => value.parse().ok().map(GroupKey::Id),
        "externalId" if !value.is_empty() => Some(GroupKey::ExternalId(value.to_string())),
        "primaryUserId" => value.parse().ok().map(GroupKey::PrimaryUserId),
        _ => None,
    };
    let store = emu.store();
    let Some(g) = key.and_then(|k| store.find(&k)) else {
        return bad_request(1645, "Group details passed are not valid");
    };
    let data = store.points().trackers.get(&g.id).cloned().unwrap_or_default();
    let answer = TrackersAnswer {
        pagination: Some(Pagination::new(0, 0, data.len() as u64)),
        data,
        warnings: vec![],
        errors: vec![],
    };
    json_response(StatusCode::OK, &answer)
}

/// The page's only documented error: HTTP 400 with the body `{}`.
fn empty_400() -> Response {
    json_bytes(StatusCode::BAD_REQUEST, b"{}".to_vec())
}

/// `GET /v2/userGroup2/promisedPointsSchedule?primaryUserId=…`: the group whose active primary
/// the customer is; items between the dates (when given), of the program (when asked).
pub async fn promised(State(emu): Shared, uri: Uri) -> Response {
    let Ok(q) = PromisedPointsQuery::from_query_string(uri.query().unwrap_or("")) else { return empty_400() };
    let store = emu.store();
    let Some(g) = store.by_primary_user(q.primary_user_id) else { return empty_400() };
    let promised = store.points().promised.get(&g.id).cloned().unwrap_or_default();
    let in_program =
        |p: &gc_core::points::schedules::ScheduledPoints| q.program_id.is_none_or(|id| p.program_id == Some(id));
    let in_dates = |p: &gc_core::points::schedules::ScheduledPoints| {
        let day = p.expiry_date.get(..10).unwrap_or("");
        (q.start_date.is_empty() || day >= q.start_date.as_str())
            && (q.end_date.is_empty() || day <= q.end_date.as_str())
    };
    let answer = PromisedPoints {
        entity_id: Some(-(g.id as i64)),
        entity_type: USERGROUP2.into(),
        promised_points_schedule_list: promised.schedule.into_iter().filter(|p| in_program(p) && in_dates(p)).collect(),
        trigger_based_points_list: promised.trigger_based.into_iter().filter(in_program).collect(),
        warnings: vec![],
    };
    json_response(StatusCode::OK, &answer)
}

/// `GET /v2/userGroup2/pointsExpirySchedule?externalId=…`: the GET's schedules with the two
/// extra fields, without `expiryDateISO` (as the page lists them).
pub async fn expiry(State(emu): Shared, uri: Uri) -> Response {
    let q = match ExpiryScheduleQuery::from_query_string(uri.query().unwrap_or("")) {
        Ok(q) => q,
        Err(_) => return bad_request(1635, "Group query param is not passed: send externalId"),
    };
    let store = emu.store();
    let Some(g) = store.by_external_id(&q.external_id) else {
        return bad_request(1632, "Group id/externalId/primary userId passed is not valid.");
    };
    let expiry_schedules = g
        .expiry_schedules
        .iter()
        .filter(|s| q.program_id.is_none_or(|p| s.program_id == Some(p)))
        .map(|s| ExpiryEntry {
            points: s.points,
            expiry_date: s.expiry_date.clone(),
            expiry_date_iso: String::new(),
            program_id: s.program_id,
            points_type: "REGULAR".into(),
            expiry_type: "EXPIRY_STRATEGY".into(),
        })
        .collect();
    json_response(StatusCode::OK, &ExpiryScheduleAnswer { expiry_schedules, warnings: vec![] })
}
