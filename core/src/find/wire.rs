//! Finding groups: the search box, the extended-field search and a customer's groups
//! (docs/platform-api.md, "Search groups", "Search by extended fields", "A customer's groups").

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::group::wire::{ExtendedFields, GroupStatus};
use crate::platform::endpoints;
use crate::platform::fields::{utf16_len, MAX_TEXT_UNITS};
use crate::platform::query::platform_words;
use crate::platform::query::{
    page_size, start_index, Pagination, QueryError, QueryParams, QueryWriter, DEFAULT_SOURCE,
};
use crate::platform::read::{
    full_name, lenient_bool, lenient_f64, lenient_i64, lenient_id, lenient_opt_bool, lenient_string, or_default,
    ApiWarning, Id,
};

pub const DEFAULT_SEARCH_LIMIT: u32 = 10;
pub const MAX_SEARCH_LIMIT: u32 = 100;

// ------------------------------------------------------------------ search

/// Why a search cannot be sent (or, in the emulator, answered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchError {
    /// Nothing to search for (the platform's 91052).
    Missing,
    /// Over 50 UTF-16 units after trimming (the platform's 91015).
    TooLong { units: usize },
    /// `offset` or `limit` that is not a number (91052 too).
    BadParameter(QueryError),
    /// An extended-field search without any field (the platform's 1661).
    NoExtendedFields,
}

impl SearchError {
    /// The platform's code for this refusal.
    pub fn code(&self) -> i64 {
        match self {
            SearchError::Missing | SearchError::BadParameter(_) => 91052,
            SearchError::TooLong { .. } => 91015,
            SearchError::NoExtendedFields => 1661,
        }
    }
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::Missing => f.write_str(
                "Type what to look for: a group name, ID or external ID, or the primary member's mobile, e-mail or card number.",
            ),
            SearchError::TooLong { units } => write!(
                f,
                "The search text is {units} characters long; at most {MAX_TEXT_UNITS} are allowed."
            ),
            SearchError::BadParameter(e) => write!(f, "The search cannot be sent: {e}."),
            SearchError::NoExtendedFields => f.write_str("Choose at least one extended field and its value."),
        }
    }
}

impl std::error::Error for SearchError {}

/// The search text as it will be sent: trimmed, not empty, at most 50 UTF-16 units.
pub fn search_term(raw: &str) -> Result<String, SearchError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(SearchError::Missing);
    }
    let units = utf16_len(t);
    if units > MAX_TEXT_UNITS {
        return Err(SearchError::TooLong { units });
    }
    Ok(t.to_string())
}

/// `GET /v2/userGroup2/search?q=…&offset=…&limit=…`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub q: String,
    pub offset: u32,
    pub limit: u32,
}

impl SearchQuery {
    /// The first page for what the user typed.
    pub fn new(raw: &str) -> Result<SearchQuery, SearchError> {
        Ok(SearchQuery { q: search_term(raw)?, offset: 0, limit: DEFAULT_SEARCH_LIMIT })
    }

    /// The page starting at `offset`.
    pub fn at(&self, offset: u32) -> SearchQuery {
        SearchQuery { offset, ..self.clone() }
    }

    pub fn to_query_string(&self) -> String {
        QueryWriter::new().pair("q", &self.q).pair("offset", self.offset).pair("limit", self.limit).finish()
    }

    /// Reads a query string the way the emulator answers it (limit default 10, at most 100).
    pub fn from_query_string(qs: &str) -> Result<SearchQuery, SearchError> {
        let p = QueryParams::parse(qs);
        let q = search_term(p.text("q").unwrap_or(""))?;
        let (offset, limit) = read_offset_limit(&p).map_err(SearchError::BadParameter)?;
        Ok(SearchQuery { q, offset, limit })
    }
}

fn read_offset_limit(p: &QueryParams) -> Result<(u32, u32), QueryError> {
    let offset = start_index(p.number("offset")?);
    let limit = page_size(p.number("limit")?, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT);
    Ok((offset, limit))
}

/// One group found (`data[]` of both searches). The example's fields, plus those the field
/// table names without showing (`id`, `lifeTimePurchases`, `totalActiveMembers`,
/// `totalExitedMembers`, `defaultGroup`). A group without a primary member has no name,
/// e-mail or mobile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupSummary {
    pub group_id: Id,
    #[serde(deserialize_with = "lenient_string")]
    pub group_name: String,
    pub group_status: GroupStatus,
    #[serde(deserialize_with = "lenient_string")]
    pub group_external_id: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub first_name: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub last_name: String,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub primary_member_id: Option<Id>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub mobile: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub total_members: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub total_active_members: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub total_exited_members: Option<i64>,
    #[serde(deserialize_with = "or_default")]
    pub extended_fields: ExtendedFields,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub life_time_purchases: Option<f64>,
    #[serde(deserialize_with = "lenient_opt_bool", skip_serializing_if = "Option::is_none")]
    pub default_group: Option<bool>,
}

impl GroupSummary {
    /// The primary member's name as one line, empty when the group has none.
    pub fn primary_name(&self) -> String {
        full_name(&self.first_name, &self.last_name)
    }

    /// Active members: `totalActiveMembers` when sent, else `totalMembers`.
    pub fn active_members(&self) -> Option<i64> {
        self.total_active_members.or(self.total_members)
    }
}

/// The answer of both searches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupSearchResponse {
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    #[serde(deserialize_with = "or_default")]
    pub data: Vec<GroupSummary>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
    #[serde(deserialize_with = "or_default")]
    pub errors: Vec<ApiWarning>,
}

// ------------------------------------------------------------------ extended-field search

/// `POST /v2/userGroup2/extendedFieldSearch` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ExtendedFieldSearchRequest {
    #[serde(default, deserialize_with = "or_default")]
    pub extended_fields: ExtendedFields,
}

impl ExtendedFieldSearchRequest {
    /// At least one field (the platform answers 1661 otherwise). Build the fields with
    /// `validate::extended_fields`, the create form's rules.
    pub fn new(extended_fields: ExtendedFields) -> Result<Self, SearchError> {
        if extended_fields.is_empty() {
            return Err(SearchError::NoExtendedFields);
        }
        Ok(ExtendedFieldSearchRequest { extended_fields })
    }
}

/// Paging of the extended-field search, sent as query parameters (our reading: the page
/// documents none, the answer has `pagination`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtendedFieldSearchQuery {
    pub offset: u32,
    pub limit: u32,
}

impl Default for ExtendedFieldSearchQuery {
    fn default() -> Self {
        ExtendedFieldSearchQuery { offset: 0, limit: DEFAULT_SEARCH_LIMIT }
    }
}

impl ExtendedFieldSearchQuery {
    pub fn to_query_string(&self) -> String {
        QueryWriter::new().pair("offset", self.offset).pair("limit", self.limit).finish()
    }

    pub fn from_query_string(qs: &str) -> Result<Self, QueryError> {
        let (offset, limit) = read_offset_limit(&QueryParams::parse(qs))?;
        Ok(ExtendedFieldSearchQuery { offset, limit })
    }
}

// ------------------------------------------------------------------ a customer's groups

platform_words! {
    /// How the lookup names a customer.
    pub enum CustomerIdentifier {
        Mobile => "mobile",
        Email => "email",
        ExternalId => "externalId",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerKey {
    /// `GET /v2/customers/{id}`
    Id(u64),
    /// `GET /v2/customers/lookup/customerDetails?identifierName=…&identifierValue=…`
    Lookup(CustomerIdentifier, String),
}

/// The groups of one customer: their profile with `includedAllUserGroup2=true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerGroupsQuery {
    pub key: CustomerKey,
    pub offset: u32,
    pub limit: u32,
}

impl CustomerGroupsQuery {
    pub fn by_id(customer_id: u64) -> Self {
        CustomerGroupsQuery { key: CustomerKey::Id(customer_id), offset: 0, limit: DEFAULT_SEARCH_LIMIT }
    }

    pub fn lookup(name: CustomerIdentifier, value: &str) -> Self {
        let key = CustomerKey::Lookup(name, value.trim().to_string());
        CustomerGroupsQuery { key, offset: 0, limit: DEFAULT_SEARCH_LIMIT }
    }

    /// The path: by id, or the lookup.
    pub fn path(&self) -> String {
        match &self.key {
            CustomerKey::Id(id) => endpoints::fill(endpoints::CUSTOMER, &[&id.to_string()]),
            CustomerKey::Lookup(..) => endpoints::CUSTOMER_LOOKUP.to_string(),
        }
    }

    /// The query string. The lookup page documents no `ug2*` paging, so the lookup sends none.
    pub fn to_query_string(&self) -> String {
        let mut w = QueryWriter::new();
        w.pair("source", DEFAULT_SOURCE);
        match &self.key {
            CustomerKey::Id(_) => {
                w.flag("includedAllUserGroup2", true)
                    .flag("ug2PaginationDetails", true)
                    .pair("ug2Offset", self.offset)
                    .pair("ug2Limit", self.limit);
            }
            CustomerKey::Lookup(name, value) => {
                w.pair("identifierName", name.as_str())
                    .pair("identifierValue", value)
                    .flag("includedAllUserGroup2", true);
            }
        }
        w.finish()
    }

    /// Path and query, ready to append to the API base.
    pub fn path_and_query(&self) -> String {
        format!("{}?{}", self.path(), self.to_query_string())
    }

    /// Reads a request back: `customer_id` is the `{id}` of the path, `None` for the lookup.
    pub fn from_request(customer_id: Option<&str>, qs: &str) -> Result<Self, QueryError> {
        let p = QueryParams::parse(qs);
        let key = match customer_id {
            Some(id) => CustomerKey::Id(
                id.trim().parse().map_err(|_| QueryError::Invalid { name: "customerId", value: id.to_string() })?,
            ),
            None => {
                let name = p.parsed("identifierName", CustomerIdentifier::parse)?;
                let name = name.ok_or(QueryError::Missing("identifierName"))?;
                CustomerKey::Lookup(name, p.required("identifierValue")?.to_string())
            }
        };
        let offset = start_index(p.number("ug2Offset")?);
        let limit = page_size(p.number("ug2Limit")?, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT);
        Ok(CustomerGroupsQuery { key, offset, limit })
    }
}

/// One of the customer's groups. Undocumented: the shape the emulator answers, read
/// leniently (the id may come as `id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerGroup {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<Id>,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub group_name: String,
    #[serde(deserialize_with = "lenient_string")]
    pub group_external_id: String,
    pub group_status: GroupStatus,
    #[serde(deserialize_with = "lenient_bool")]
    pub primary_member: bool,
    #[serde(deserialize_with = "lenient_bool")]
    pub active: bool,
    #[serde(deserialize_with = "lenient_bool")]
    pub default_group: bool,
    #[serde(deserialize_with = "lenient_string")]
    pub joined_on: String,
}

impl CustomerGroup {
    /// `groupId`, or `id` when that is how it came.
    pub fn group(&self) -> Option<Id> {
        self.group_id.or(self.id)
    }
}

/// A customer's profile with their groups (only the parts the console reads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerGroups {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub first_name: String,
    #[serde(deserialize_with = "lenient_string")]
    pub last_name: String,
    #[serde(deserialize_with = "lenient_string")]
    pub mobile: String,
    #[serde(deserialize_with = "lenient_string")]
    pub email: String,
    #[serde(deserialize_with = "or_default")]
    pub user_group2: Vec<CustomerGroup>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub user_group2_details: Vec<CustomerGroup>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub user_groups: Vec<CustomerGroup>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub ug2_pagination: Option<Pagination>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
    #[serde(deserialize_with = "or_default")]
    pub errors: Vec<ApiWarning>,
}

impl CustomerGroups {
    /// The groups, under whichever name they came.
    pub fn groups(&self) -> &[CustomerGroup] {
        [&self.user_group2, &self.user_group2_details, &self.user_groups]
            .into_iter()
            .find(|l| !l.is_empty())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub fn name(&self) -> String {
        full_name(&self.first_name, &self.last_name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_term_is_trimmed_and_counted_in_utf16_units() {
        assert_eq!(search_term("  natwest "), Ok("natwest".into()));
        assert_eq!(search_term("   "), Err(SearchError::Missing));
        assert_eq!(search_term(""), Err(SearchError::Missing));
        assert_eq!(search_term(&"a".repeat(50)).map(|s| s.len()), Ok(50));
        assert_eq!(search_term(&"a".repeat(51)), Err(SearchError::TooLong { units: 51 }));
        // 25 emoji are 50 units: allowed; one more letter is 51.
        assert!(search_term(&"😀".repeat(25)).is_ok());
        assert_eq!(search_term(&format!("{}a", "😀".repeat(25))), Err(SearchError::TooLong { units: 51 }));
        assert_eq!(SearchError::Missing.code(), 91052);
        assert_eq!(SearchError::TooLong { units: 51 }.code(), 91015);
        assert!(SearchError::TooLong { units: 51 }.to_string().contains("51 characters"));
    }

    #[test]
    fn search_query_round_trips_and_reads_defaults() {
        let q = SearchQuery::new(" a&b é ").unwrap().at(20);
        let s = q.to_query_string();
        assert_eq!(s, "q=a%26b+%C3%A9&offset=20&limit=10");
        assert_eq!(SearchQuery::from_query_string(&s), Ok(q));
        let d = SearchQuery::from_query_string("q=x").unwrap();
        assert_eq!((d.offset, d.limit), (0, 10));
        assert_eq!(SearchQuery::from_query_string("q=x&limit=500").unwrap().limit, 100);
        assert_eq!(SearchQuery::from_query_string("offset=3").unwrap_err().code(), 91052);
        assert_eq!(SearchQuery::from_query_string("q=x&offset=many").unwrap_err().code(), 91052);
        let long = format!("q={}", "b".repeat(51));
        assert_eq!(SearchQuery::from_query_string(&long).unwrap_err().code(), 91015);
    }

    #[test]
    fn extended_field_search_needs_a_field() {
        assert_eq!(ExtendedFieldSearchRequest::new(ExtendedFields::new()), Err(SearchError::NoExtendedFields));
        assert_eq!(SearchError::NoExtendedFields.code(), 1661);
        let mut f = ExtendedFields::new();
        f.insert("platinum".into(), "40".into());
        let r = ExtendedFieldSearchRequest::new(f).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"extendedFields":{"platinum":"40"}}"#);
        let q = ExtendedFieldSearchQuery { offset: 10, limit: 5 };
        assert_eq!(ExtendedFieldSearchQuery::from_query_string(&q.to_query_string()), Ok(q));
        assert_eq!(ExtendedFieldSearchQuery::from_query_string(""), Ok(ExtendedFieldSearchQuery::default()));
    }

    #[test]
    fn customer_queries_by_id_and_by_lookup() {
        let q = CustomerGroupsQuery::by_id(700100001);
        assert_eq!(
            q.path_and_query(),
            "/v2/customers/700100001?source=INSTORE&includedAllUserGroup2=true&ug2PaginationDetails=true&ug2Offset=0&ug2Limit=10"
        );
        assert_eq!(CustomerGroupsQuery::from_request(Some("700100001"), &q.to_query_string()), Ok(q));
        let l = CustomerGroupsQuery::lookup(CustomerIdentifier::Email, " priya+x@example.com ");
        assert_eq!(
            l.path_and_query(),
            "/v2/customers/lookup/customerDetails?source=INSTORE&identifierName=email&identifierValue=priya%2Bx%40example.com&includedAllUserGroup2=true"
        );
        assert_eq!(CustomerGroupsQuery::from_request(None, &l.to_query_string()), Ok(l));
        assert_eq!(
            CustomerGroupsQuery::from_request(None, "identifierName=cardnumber&identifierValue=1"),
            Err(QueryError::Invalid { name: "identifierName", value: "cardnumber".into() })
        );
        assert_eq!(
            CustomerGroupsQuery::from_request(None, "identifierName=mobile"),
            Err(QueryError::Missing("identifierValue"))
        );
        assert!(CustomerGroupsQuery::from_request(Some("abc"), "").is_err());
    }

    #[test]
    fn customer_groups_are_read_under_any_of_their_names() {
        let ours: CustomerGroups = serde_json::from_str(
            r#"{"id": 1, "firstName": "Priya", "lastName": "Sharma", "userGroup2": [{"groupId": 5, "active": true}],
                "ug2Pagination": {"offset": 0, "limit": 10, "total": 1}}"#,
        )
        .unwrap();
        assert_eq!(ours.groups()[0].group(), Some(Id(5)));
        assert!(ours.groups()[0].active);
        assert_eq!(ours.name(), "Priya Sharma");
        assert_eq!(ours.ug2_pagination.unwrap().total, Some(1));
        let other: CustomerGroups =
            serde_json::from_str(r#"{"userGroup2Details": [{"id": "7", "groupStatus": "inactive"}]}"#).unwrap();
        assert_eq!(other.groups()[0].group(), Some(Id(7)));
        assert_eq!(other.groups()[0].group_status, GroupStatus::Inactive);
        let third: CustomerGroups =
            serde_json::from_str(r#"{"userGroups": [{"groupId": 8}], "userGroup2": null}"#).unwrap();
        assert_eq!(third.groups()[0].group(), Some(Id(8)));
        let none: CustomerGroups = serde_json::from_str(r#"{"firstName": null}"#).unwrap();
        assert!(none.groups().is_empty() && none.name().is_empty());
    }

    #[test]
    fn a_group_without_primary_has_no_primary_name() {
        let g: GroupSummary = serde_json::from_str(r#"{"groupId": 1, "totalMembers": 2, "firstName": null}"#).unwrap();
        assert_eq!(g.primary_name(), "");
        assert_eq!(g.active_members(), Some(2));
        let text = serde_json::to_string(&g).unwrap();
        assert!(!text.contains("firstName") && !text.contains("mobile"), "{text}");
    }
}
