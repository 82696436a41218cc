//! A group's tier history and transactions.

use gc_core::console::settings::Settings;
use gc_core::history::wire::{SlabHistoryQuery, SlabHistoryResponse, TransactionsQuery, TransactionsResponse};
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::ApiError;

use super::send;

/// `GET /v2/userGroup2/slabHistory`: one page, newest first.
pub async fn slab_history(settings: &Settings, query: &SlabHistoryQuery) -> Result<SlabHistoryResponse, ApiError> {
    send(settings, CallId::SlabHistory, &[], &query.to_query_string(), None).await
}

/// `GET /v2/userGroup2/transactions`: one page; there is no total, so the last page is the
/// first shorter than the limit (`TransactionsQuery::is_last_page`).
pub async fn transactions(settings: &Settings, query: &TransactionsQuery) -> Result<TransactionsResponse, ApiError> {
    send(settings, CallId::Transactions, &[], &query.to_query_string(), None).await
}
