//! Finding groups: the search box, the extended-field search and a customer's groups.

use gc_core::console::settings::Settings;
use gc_core::find::wire::CustomerKey;
use gc_core::find::wire::{
    CustomerGroups, CustomerGroupsQuery, ExtendedFieldSearchQuery, ExtendedFieldSearchRequest, GroupSearchResponse,
    SearchQuery,
};
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::ApiError;

use super::{send, to_json};

/// `GET /v2/userGroup2/search`; build the query with `SearchQuery::new`, which refuses what
/// the platform would (empty, over 50 characters).
pub async fn search_groups(settings: &Settings, query: &SearchQuery) -> Result<GroupSearchResponse, ApiError> {
    send(settings, CallId::SearchGroups, &[], &query.to_query_string(), None).await
}

/// `POST /v2/userGroup2/extendedFieldSearch?offset=…&limit=…`
pub async fn search_by_extended_fields(
    settings: &Settings,
    req: &ExtendedFieldSearchRequest,
    page: &ExtendedFieldSearchQuery,
) -> Result<GroupSearchResponse, ApiError> {
    send(settings, CallId::ExtendedFieldSearch, &[], &page.to_query_string(), Some(to_json(req))).await
}

/// `GET /v2/customers/{id}` or the lookup by mobile, e-mail or external id, with the
/// customer's groups.
pub async fn customer_groups(settings: &Settings, query: &CustomerGroupsQuery) -> Result<CustomerGroups, ApiError> {
    let q = query.to_query_string();
    match &query.key {
        CustomerKey::Id(id) => send(settings, CallId::Customer, &[&id.to_string()], &q, None).await,
        CustomerKey::Lookup(..) => send(settings, CallId::CustomerLookup, &[], &q, None).await,
    }
}
