//! A group's tier history and transactions.

use gc_core::console::settings::Settings;
use gc_core::history::wire::{SlabHistoryQuery, SlabHistoryResponse, TransactionsQuery, TransactionsResponse};
use gc_core::platform::endpoints::{SLAB_HISTORY as SLAB_HISTORY_PATH, TRANSACTIONS as TRANSACTIONS_PATH};
use gc_core::platform::error::{ApiError, Endpoint};
use gloo_net::http::Method;

use super::{api_url, send};

/// `GET /v2/userGroup2/slabHistory`: one page, newest first.
pub async fn slab_history(settings: &Settings, query: &SlabHistoryQuery) -> Result<SlabHistoryResponse, ApiError> {
    let url = api_url(settings, SLAB_HISTORY_PATH, &query.to_query_string());
    send(settings, Endpoint::SlabHistory, Method::GET, &url, None).await
}

/// `GET /v2/userGroup2/transactions`: one page; there is no total, so the last page is the
/// first shorter than the limit (`TransactionsQuery::is_last_page`).
pub async fn transactions(settings: &Settings, query: &TransactionsQuery) -> Result<TransactionsResponse, ApiError> {
    let url = api_url(settings, TRANSACTIONS_PATH, &query.to_query_string());
    send(settings, Endpoint::Transactions, Method::GET, &url, None).await
}
