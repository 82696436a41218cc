//! A user group: create, update, get (the whole answer, or only its ID), delete.

use gc_core::console::settings::Settings;
use gc_core::group::wire::{
    CreateGroupRequest, CreateGroupResponse, DeleteGroupQuery, DeleteResponse, GetGroupQuery, GroupDetails,
    GroupIdOnly, GroupKey, UpdateGroupRequest, UpdatedGroup,
};
use gc_core::platform::endpoints::{CallId, GROUP};
use gc_core::platform::error::ApiError;

use super::{prefetch, send, send_with, to_json};
use crate::state::settings::SettingsStore;

/// `POST /v2/userGroup2`
pub async fn create_group(settings: &Settings, req: &CreateGroupRequest) -> Result<CreateGroupResponse, ApiError> {
    send(settings, CallId::CreateGroup, &[], "", Some(to_json(req))).await
}

/// `PUT /v2/userGroup2`: id and name always, the rest only when it changed.
pub async fn update_group(settings: &Settings, req: &UpdateGroupRequest) -> Result<UpdatedGroup, ApiError> {
    send(settings, CallId::UpdateGroup, &[], "", Some(to_json(req))).await
}

/// `GET /v2/userGroup2`: the whole answer, its member list read by the reader made for it.
pub async fn get_group(settings: &Settings, query: &GetGroupQuery) -> Result<GroupDetails, ApiError> {
    let group = send_with(settings, CallId::GetGroup, &[], &query.to_query_string(), None, read_group).await;
    crate::perf::mark("gc-group-parsed");
    group
}

fn read_group(status: u16, text: &str) -> Result<GroupDetails, ApiError> {
    crate::perf::mark("gc-group-response");
    GroupDetails::from_answer(status, text)
}

/// The ID of the group `query` finds (a look-up by external ID or primary member), without
/// reading the rest of the answer.
pub async fn find_group_id(settings: &Settings, query: &GetGroupQuery) -> Result<u64, ApiError> {
    send::<GroupIdOnly>(settings, CallId::GetGroup, &[], &query.to_query_string(), None).await.map(|g| g.id.0)
}

/// What the group page asks for: everything the GET answers, and the tier gaps for the days
/// ahead its controls ask (none at first).
pub fn group_page_query(id: u64, (gap_to_upgrade_for, gap_to_renew_for): (Option<u32>, Option<u32>)) -> GetGroupQuery {
    GetGroupQuery { gap_to_upgrade_for, gap_to_renew_for, ..GetGroupQuery::full(GroupKey::Id(id)) }
}

/// Starts the group page's first request as soon as the router has matched it: a deep link's
/// group travels while the page's code is still downloading.
pub fn prefetch_group_page(store: SettingsStore, id: u64) {
    prefetch(store, format!("{GROUP}?{}", group_page_query(id, (None, None)).to_query_string()));
}

/// `DELETE /v2/userGroup2?id=…|externalId=…`
pub async fn delete_group(settings: &Settings, query: &DeleteGroupQuery) -> Result<DeleteResponse, ApiError> {
    send(settings, CallId::DeleteGroup, &[], &query.to_query_string(), None).await
}
