//! The reward-group catalogue: list, one by id, update (create is in `api::create_reward_group`).

use gc_core::console::settings::Settings;
use gc_core::platform::endpoints::REWARD_GROUPS;
use gc_core::platform::error::{ApiError, Endpoint};
use gc_core::rewards::wire::RewardGroup;
use gc_core::rewards::wire::{reward_group_path, RewardGroupUpdate, RewardListQuery, RewardListResponse};
use gloo_net::http::Method;

use super::{reward_url, send, to_json};

/// `GET {prefix}/group?page=…` (pages are zero-based).
pub async fn list_reward_groups(settings: &Settings, query: &RewardListQuery) -> Result<RewardListResponse, ApiError> {
    let url = format!("{}?{}", reward_url(settings, REWARD_GROUPS), query.to_query_string());
    send(settings, Endpoint::ListRewardGroups, Method::GET, &url, None).await
}

/// `GET {prefix}/group/{id}`
pub async fn get_reward_group(settings: &Settings, id: u64) -> Result<RewardGroup, ApiError> {
    let url = reward_url(settings, &reward_group_path(id));
    send(settings, Endpoint::GetRewardGroup, Method::GET, &url, None).await
}

/// `PUT {prefix}/group/{id}`. A new name unlinks the group's rewards: ask first
/// (`reward_groups::renames`).
pub async fn update_reward_group(
    settings: &Settings,
    id: u64,
    req: &RewardGroupUpdate,
) -> Result<RewardGroup, ApiError> {
    let url = reward_url(settings, &reward_group_path(id));
    send(settings, Endpoint::UpdateRewardGroup, Method::PUT, &url, Some(to_json(req))).await
}
