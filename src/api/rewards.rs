//! Reward groups: create, the catalogue a page at a time, one by id, update, and the rewards
//! linked to one group.

use gc_core::console::settings::Settings;
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::ApiError;
use gc_core::rewards::wire::{
    RewardGroup, RewardGroupRequest, RewardGroupUpdate, RewardListQuery, RewardListResponse, RewardsAnswer,
    RewardsOfGroupQuery,
};

use super::{send, to_json};

/// `POST {prefix}/group/create`
pub async fn create_reward_group(settings: &Settings, req: &RewardGroupRequest) -> Result<RewardGroup, ApiError> {
    send(settings, CallId::CreateRewardGroup, &[], "", Some(to_json(req))).await
}

/// `GET {prefix}/group?page=…` (pages are zero-based).
pub async fn list_reward_groups(settings: &Settings, query: &RewardListQuery) -> Result<RewardListResponse, ApiError> {
    send(settings, CallId::ListRewardGroups, &[], &query.to_query_string(), None).await
}

/// `GET {prefix}/group/{id}`
pub async fn get_reward_group(settings: &Settings, id: u64) -> Result<RewardGroup, ApiError> {
    send(settings, CallId::GetRewardGroup, &[&id.to_string()], "", None).await
}

/// `PUT {prefix}/group/{id}`. A new name unlinks the group's rewards: ask first
/// (`reward_groups::renames`).
pub async fn update_reward_group(
    settings: &Settings,
    id: u64,
    req: &RewardGroupUpdate,
) -> Result<RewardGroup, ApiError> {
    send(settings, CallId::UpdateRewardGroup, &[&id.to_string()], "", Some(to_json(req))).await
}

/// `GET {prefix}/reward/list/brand/{brandId}?groupName=…`: one page of the rewards linked to
/// the group by its name (read pages with `RewardsAnswer::next_page`, order with `rewards_of`).
pub async fn rewards_of_group(settings: &Settings, query: &RewardsOfGroupQuery) -> Result<RewardsAnswer, ApiError> {
    send(settings, CallId::RewardsOfGroup, &[&query.brand()], &query.to_query_string(), None).await
}
