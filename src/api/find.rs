//! Finding groups: the search box, the extended-field search and a customer's groups.

use gc_core::console::settings::Settings;
use gc_core::find::wire::{
    CustomerGroups, CustomerGroupsQuery, ExtendedFieldSearchQuery, ExtendedFieldSearchRequest, GroupSearchResponse,
    SearchQuery,
};
use gc_core::platform::endpoints::{EXTENDED_FIELD_SEARCH as EXTENDED_FIELD_SEARCH_PATH, SEARCH as SEARCH_PATH};
use gc_core::platform::error::{ApiError, Endpoint};
use gloo_net::http::Method;

use super::{api_url, send, to_json};

/// `GET /v2/userGroup2/search`; build the query with `SearchQuery::new`, which refuses what
/// the platform would (empty, over 50 characters).
pub async fn search_groups(settings: &Settings, query: &SearchQuery) -> Result<GroupSearchResponse, ApiError> {
    let url = api_url(settings, SEARCH_PATH, &query.to_query_string());
    send(settings, Endpoint::SearchGroups, Method::GET, &url, None).await
}

/// `POST /v2/userGroup2/extendedFieldSearch?offset=…&limit=…`
pub async fn search_by_extended_fields(
    settings: &Settings,
    req: &ExtendedFieldSearchRequest,
    page: &ExtendedFieldSearchQuery,
) -> Result<GroupSearchResponse, ApiError> {
    let url = api_url(settings, EXTENDED_FIELD_SEARCH_PATH, &page.to_query_string());
    send(settings, Endpoint::ExtendedFieldSearch, Method::POST, &url, Some(to_json(req))).await
}

/// `GET /v2/customers/{id}` or the lookup by mobile, e-mail or external id, with the
/// customer's groups.
pub async fn customer_groups(settings: &Settings, query: &CustomerGroupsQuery) -> Result<CustomerGroups, ApiError> {
    let url = api_url(settings, &query.path(), &query.to_query_string());
    send(settings, Endpoint::CustomerGroups, Method::GET, &url, None).await
}
