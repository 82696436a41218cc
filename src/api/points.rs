//! A group's value: moving points (the pre-check, then the transfer), goodwill requests and
//! their decisions, the manual issue, trackers, promised points and the expiry schedule. The
//! checks before sending and the words for each call's codes are in `gc_core::points`.

use gc_core::console::settings::Settings;
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::ApiError;
use gc_core::points::goodwill::{DecisionAnswer, DecisionRequest, GoodwillCreated, GoodwillRequest};
use gc_core::points::issue::{AllocateAnswer, AllocateItem};
use gc_core::points::schedules::{
    ExpiryScheduleAnswer, ExpiryScheduleQuery, PromisedPoints, PromisedPointsQuery, TrackersAnswer, TrackersQuery,
};
use gc_core::points::transfer::{PointsTransfer, TransferAnswer, TransferCheckAnswer};

use super::{send, to_json};

/// `POST /v2/points/userGroup2/isTransferrable`: whether the points may move; moves nothing.
/// Build the request with `transfer::check_transfer`, and send the transfer only with the
/// same request after `agrees()`.
pub async fn check_transfer(settings: &Settings, req: &PointsTransfer) -> Result<TransferCheckAnswer, ApiError> {
    send(settings, CallId::TransferPointsCheck, &[], "", Some(to_json(req))).await
}

/// `POST /v2/points/userGroup2/transfer`. No idempotency key: after a lost answer
/// (`outcome_unknown`), read the wallets again (`transfer::after_lost_answer`), never resend.
pub async fn transfer_points(settings: &Settings, req: &PointsTransfer) -> Result<TransferAnswer, ApiError> {
    send(settings, CallId::TransferPoints, &[], "", Some(to_json(req))).await
}

/// `POST /v2/requests`: a goodwill request, which waits for someone's approval.
pub async fn ask_goodwill(settings: &Settings, req: &GoodwillRequest) -> Result<GoodwillCreated, ApiError> {
    send(settings, CallId::CreateGoodwill, &[], "", Some(to_json(req))).await
}

/// `POST /v1.1/request/approve`: each request succeeds or fails on its own inside an answer
/// that is a success (`DecisionAnswer::outcome`).
pub async fn approve_request(settings: &Settings, req: &DecisionRequest) -> Result<DecisionAnswer, ApiError> {
    send(settings, CallId::ApproveRequest, &[], "", Some(to_json(req))).await
}

/// `POST /v1.1/request/reject`, as approve.
pub async fn reject_request(settings: &Settings, req: &DecisionRequest) -> Result<DecisionAnswer, ApiError> {
    send(settings, CallId::RejectRequest, &[], "", Some(to_json(req))).await
}

/// `POST /v2/customers/bulk/manualCurrencyAllocate` (Basic credentials only:
/// `issue::needs_basic`). A 207 is an answer, read item by item (`AllocateAnswer::failed`).
pub async fn issue_points(settings: &Settings, items: &[AllocateItem]) -> Result<AllocateAnswer, ApiError> {
    send(settings, CallId::IssuePoints, &[], "", Some(to_json(&items))).await
}

/// `GET /v2/customers/userEntityTrackers?type=USERGROUP2&…`
pub async fn trackers(settings: &Settings, query: &TrackersQuery) -> Result<TrackersAnswer, ApiError> {
    send(settings, CallId::Trackers, &[], &query.to_query_string(), None).await
}

/// `GET /v2/userGroup2/promisedPointsSchedule?primaryUserId=…`: only for a group with a
/// primary member.
pub async fn promised_points(settings: &Settings, query: &PromisedPointsQuery) -> Result<PromisedPoints, ApiError> {
    send(settings, CallId::PromisedPoints, &[], &query.to_query_string(), None).await
}

/// `GET /v2/userGroup2/pointsExpirySchedule?externalId=…`: the schedule's `pointsType` and
/// `expiryType` (`ExpiryScheduleAnswer::extra_for`).
pub async fn expiry_schedule(
    settings: &Settings,
    query: &ExpiryScheduleQuery,
) -> Result<ExpiryScheduleAnswer, ApiError> {
    send(settings, CallId::ExpirySchedule, &[], &query.to_query_string(), None).await
}
