//! A group's members: list, add, remove, move to another group, permissions, and their own
//! tiers (read, and adjusted one member at a time).

use gc_core::console::settings::Settings;
use gc_core::group::wire::GroupKey;
use gc_core::members::tiers::{MemberLoyalty, MemberTiersQuery, TierAdjustQuery, TierAdjusted, TierAdjustment};
use gc_core::members::wire::{
    group_key_query, permissions_query, BatchResponse, JoinItem, LeaveQuery, MembersQuery, MembersResponse,
    PermissionUpdate, TransferRequest, WriteResponse,
};
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::ApiError;

use super::{send, to_json};

/// `GET /v2/userGroup2/members`: one page.
pub async fn list_members(settings: &Settings, query: &MembersQuery) -> Result<MembersResponse, ApiError> {
    send(settings, CallId::Members, &[], &query.to_query_string(), None).await
}

/// `POST /v2/userGroup2/join`. Items can fail one by one inside a successful answer: see
/// `BatchResponse::failures` and `BatchItem::error`. Run `membership::check_join` first.
pub async fn join_members(
    settings: &Settings,
    group: &GroupKey,
    items: &[JoinItem],
) -> Result<BatchResponse, ApiError> {
    send(settings, CallId::JoinMembers, &[], &group_key_query(group), Some(to_json(&items))).await
}

/// `DELETE /v2/userGroup2/{groupId}/leave`, the member named by one of their identifiers
/// (`membership::leave_identifiers`).
pub async fn leave_group(settings: &Settings, query: &LeaveQuery) -> Result<WriteResponse, ApiError> {
    send(settings, CallId::LeaveGroup, &[&query.group_id.to_string()], &query.to_query_string(), None).await
}

/// `POST /v2/userGroup2/transfer`: all or nothing; points stay with the old group.
pub async fn transfer_members(settings: &Settings, req: &TransferRequest) -> Result<WriteResponse, ApiError> {
    send(settings, CallId::TransferMembers, &[], "", Some(to_json(req))).await
}

/// `PUT /v2/userGroup2/members/permissions?id=…`: each list replaces the member's permissions.
pub async fn update_permissions(
    settings: &Settings,
    group_id: u64,
    updates: &[PermissionUpdate],
) -> Result<BatchResponse, ApiError> {
    send(settings, CallId::UpdatePermissions, &[], &permissions_query(group_id), Some(to_json(&updates))).await
}

/// `GET /v2/customers/{id}?source=INSTORE&embed=mlp`: the member's points and tier per program.
pub async fn member_tiers(settings: &Settings, query: &MemberTiersQuery) -> Result<MemberLoyalty, ApiError> {
    send(settings, CallId::Customer, &[&query.customer_id.to_string()], &query.to_query_string(), None).await
}

/// `POST /v2/slab/manualSlabAdjustment?…&type=CUSTOMER`: one member's tier (build it with
/// `TierAdjustment::match_primary`); one call at a time, no automatic retry.
pub async fn adjust_tier(
    settings: &Settings,
    query: &TierAdjustQuery,
    body: &TierAdjustment,
) -> Result<TierAdjusted, ApiError> {
    send(settings, CallId::AdjustTier, &[], &query.to_query_string(), Some(to_json(body))).await
}
