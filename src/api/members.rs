//! A group's members: list, add, remove, move, permissions, and deleting the group.

use gc_core::console::settings::Settings;
use gc_core::group::wire::GroupKey;
use gc_core::group::wire::{DeleteGroupQuery, DeleteResponse};
use gc_core::members::wire::{
    group_key_query, permissions_query, BatchResponse, JoinItem, LeaveQuery, MembersQuery, MembersResponse,
    PermissionUpdate, TransferRequest, WriteResponse,
};
use gc_core::platform::endpoints::{
    GROUP as DELETE_PATH, JOIN as JOIN_PATH, MEMBERS as MEMBERS_PATH, PERMISSIONS as PERMISSIONS_PATH,
    TRANSFER as TRANSFER_PATH,
};
use gc_core::platform::error::{ApiError, Endpoint};
use gloo_net::http::Method;

use super::{api_url, send, to_json};

/// `GET /v2/userGroup2/members`: one page.
pub async fn list_members(settings: &Settings, query: &MembersQuery) -> Result<MembersResponse, ApiError> {
    let url = api_url(settings, MEMBERS_PATH, &query.to_query_string());
    send(settings, Endpoint::Members, Method::GET, &url, None).await
}

/// `POST /v2/userGroup2/join`. Items can fail one by one inside a successful answer: see
/// `BatchResponse::failures` and `BatchItem::error`. Run `membership::check_join` first.
pub async fn join_members(
    settings: &Settings,
    group: &GroupKey,
    items: &[JoinItem],
) -> Result<BatchResponse, ApiError> {
    let url = api_url(settings, JOIN_PATH, &group_key_query(group));
    send(settings, Endpoint::JoinMembers, Method::POST, &url, Some(to_json(&items))).await
}

/// `DELETE /v2/userGroup2/{groupId}/leave`, the member named by one of their identifiers
/// (`membership::leave_identifiers`).
pub async fn leave_group(settings: &Settings, query: &LeaveQuery) -> Result<WriteResponse, ApiError> {
    let url = api_url(settings, &query.path(), &query.to_query_string());
    send(settings, Endpoint::LeaveGroup, Method::DELETE, &url, None).await
}

/// `POST /v2/userGroup2/transfer`: all or nothing; points stay with the old group.
pub async fn transfer_members(settings: &Settings, req: &TransferRequest) -> Result<WriteResponse, ApiError> {
    let url = api_url(settings, TRANSFER_PATH, "");
    send(settings, Endpoint::TransferMembers, Method::POST, &url, Some(to_json(req))).await
}

/// `PUT /v2/userGroup2/members/permissions?id=…`: each list replaces the member's permissions.
pub async fn update_permissions(
    settings: &Settings,
    group_id: u64,
    updates: &[PermissionUpdate],
) -> Result<BatchResponse, ApiError> {
    let url = api_url(settings, PERMISSIONS_PATH, &permissions_query(group_id));
    send(settings, Endpoint::UpdatePermissions, Method::PUT, &url, Some(to_json(&updates))).await
}

/// `DELETE /v2/userGroup2?id=…|externalId=…`
pub async fn delete_group(settings: &Settings, query: &DeleteGroupQuery) -> Result<DeleteResponse, ApiError> {
    let url = api_url(settings, DELETE_PATH, &query.to_query_string());
    send(settings, Endpoint::DeleteGroup, Method::DELETE, &url, None).await
}
