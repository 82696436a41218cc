//! A group's tier history, transactions and points ledger.

use gc_core::console::settings::Settings;
use gc_core::history::ledger::{LedgerAnswer, LedgerQuery};
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

/// `GET /v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2&…`: one page. An empty page
/// comes as the error 11003 (`ledger::is_empty_page`).
pub async fn ledger(settings: &Settings, query: &LedgerQuery) -> Result<LedgerAnswer, ApiError> {
    send(settings, CallId::PointsLedger, &[], &query.to_query_string(), None).await
}
