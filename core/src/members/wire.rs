//! A group's members on the wire: the members list, join, leave, transfer (moving members to
//! another group) and the permissions update (docs/platform-api.md).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::permissions::{PermissionList, PermissionSet};
use crate::group::wire::GroupKey;
use crate::platform::endpoints;
use crate::platform::error::ApiError;
use crate::platform::query::platform_words;
use crate::platform::query::{
    page_size, start_index, Pagination, QueryError, QueryParams, QueryWriter, SortOrder, DEFAULT_SOURCE,
};
use crate::platform::read::{
    full_name, lenient_bool, lenient_f64, lenient_i64, lenient_id, lenient_opt_bool, lenient_string, or_default,
    ApiWarning, Id,
};

pub const DEFAULT_MEMBERS_LIMIT: u32 = 20;
pub const MAX_MEMBERS_LIMIT: u32 = 1000;

/// `DELETE /v2/userGroup2/{groupId}/leave`
pub fn leave_path(group_id: u64) -> String {
    endpoints::fill(endpoints::LEAVE, &[&group_id.to_string()])
}

// ------------------------------------------------------------------ members list

/// The member's role in the group.
pub const ROLE_PRIMARY: &str = "PRIMARY";
pub const ROLE_SECONDARY: &str = "SECONDARY";

/// `GET /v2/userGroup2/members`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembersQuery {
    pub group_id: u64,
    pub include_card_details: bool,
    pub include_status_details: bool,
    pub pagination_details: bool,
    pub offset: u32,
    pub limit: u32,
    /// `sortBy=IS_PRIMARY`: the primary member first.
    pub primary_first: bool,
    pub sort_order: Option<SortOrder>,
    /// Join-date filters, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`.
    pub from_date: Option<String>,
    pub to_date: Option<String>,
}

impl MembersQuery {
    /// A page of members with the pagination object.
    pub fn new(group_id: u64) -> Self {
        MembersQuery {
            group_id,
            include_card_details: false,
            include_status_details: false,
            pagination_details: true,
            offset: 0,
            limit: DEFAULT_MEMBERS_LIMIT,
            primary_first: false,
            sort_order: None,
            from_date: None,
            to_date: None,
        }
    }

    pub fn at(&self, offset: u32) -> Self {
        MembersQuery { offset, ..self.clone() }
    }

    pub fn to_query_string(&self) -> String {
        QueryWriter::new()
            .pair("source", DEFAULT_SOURCE)
            .pair("identifierName", "id")
            .pair("identifierValue", self.group_id)
            .flag("includeCardDetails", self.include_card_details)
            .flag("includeStatusDetails", self.include_status_details)
            .flag("paginationDetails", self.pagination_details)
            .pair("offset", self.offset)
            .pair("limit", self.limit)
            .opt("sortBy", self.primary_first.then_some("IS_PRIMARY"))
            .opt("sortOrder", self.sort_order)
            .opt("fromDate", self.from_date.as_deref())
            .opt("toDate", self.to_date.as_deref())
            .finish()
    }

    /// Reads a query string back. `identifierName` must be `id`; the caller answers 1635
    /// for `Invalid { name: "identifierName", .. }` or a missing group.
    pub fn from_query_string(qs: &str) -> Result<Self, QueryError> {
        let p = QueryParams::parse(qs);
        if let Some(name) = p.text("identifierName").filter(|n| *n != "id") {
            return Err(QueryError::Invalid { name: "identifierName", value: name.to_string() });
        }
        let group_id = p.number::<u64>("identifierValue")?.ok_or(QueryError::Missing("identifierValue"))?;
        let primary_first = match p.text("sortBy") {
            None => false,
            Some(v) if v.eq_ignore_ascii_case("IS_PRIMARY") => true,
            Some(v) => return Err(QueryError::Invalid { name: "sortBy", value: v.to_string() }),
        };
        Ok(MembersQuery {
            group_id,
            include_card_details: p.flag("includeCardDetails"),
            include_status_details: p.flag("includeStatusDetails"),
            pagination_details: p.flag("paginationDetails"),
            offset: start_index(p.number("offset")?),
            limit: page_size(p.number("limit")?, DEFAULT_MEMBERS_LIMIT, MAX_MEMBERS_LIMIT),
            primary_first,
            sort_order: p.parsed("sortOrder", SortOrder::parse)?,
            from_date: p.text("fromDate").map(String::from),
            to_date: p.text("toDate").map(String::from),
        })
    }
}

/// One of a member's identifiers (`{type, value}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Identifier {
    #[serde(rename = "type", deserialize_with = "lenient_string")]
    pub kind: String,
    #[serde(deserialize_with = "lenient_string")]
    pub value: String,
}

/// A card's status (`includeStatusDetails=true`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct CardStatus {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(deserialize_with = "lenient_opt_bool", skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    #[serde(deserialize_with = "lenient_string")]
    pub label: String,
    /// `ACTIVE`, `SUSPENDED`, `DELETED`, `EXPIRED`, `NOT_ISSUED`.
    #[serde(deserialize_with = "lenient_string")]
    pub status: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub label_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub reason: String,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub created_by: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub created_on: String,
    #[serde(deserialize_with = "lenient_string")]
    pub auto_update_time: String,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<Id>,
    #[serde(deserialize_with = "or_default")]
    pub actions: Vec<Value>,
}

/// A member's card (`includeCardDetails=true`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Card {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub card_id: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub issued_date: String,
    #[serde(deserialize_with = "lenient_string")]
    pub created_date: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub expiry_days: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub series_name: String,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<Id>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub max_active_cards: Option<i64>,
    #[serde(deserialize_with = "or_default")]
    pub custom_fields: crate::group::wire::ExtendedFields,
    /// `DIGITAL` or `PHYSICAL`.
    #[serde(rename = "type", deserialize_with = "lenient_string")]
    pub kind: String,
    #[serde(deserialize_with = "lenient_string")]
    pub card_number: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub series_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub series_code: String,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub org_id: Option<Id>,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<Id>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub status_info: Option<CardStatus>,
    #[serde(deserialize_with = "lenient_opt_bool", skip_serializing_if = "Option::is_none")]
    pub transaction_not_allowed: Option<bool>,
    #[serde(deserialize_with = "lenient_string")]
    pub expiry_date: String,
}

/// One member in the members list (`data[]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupMember {
    pub fleet_user_id: Id,
    #[serde(deserialize_with = "lenient_string")]
    pub first_name: String,
    #[serde(deserialize_with = "lenient_string")]
    pub last_name: String,
    /// `YYYY-MM-DD`.
    #[serde(deserialize_with = "lenient_string")]
    pub joined_on: String,
    pub permissions: PermissionList,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub points_contributed: Option<f64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// With the country code.
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub mobile: String,
    /// `PRIMARY` or `SECONDARY`.
    #[serde(deserialize_with = "lenient_string")]
    pub role: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub role_code: String,
    #[serde(deserialize_with = "or_default")]
    pub identifiers: Vec<Identifier>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<Card>,
    /// The pages disagree on what `true` means: shown as sent, never read as "active".
    #[serde(deserialize_with = "lenient_opt_bool", skip_serializing_if = "Option::is_none")]
    pub in_active: Option<bool>,
    #[serde(deserialize_with = "lenient_bool")]
    pub primary_member: bool,
}

impl GroupMember {
    pub fn name(&self) -> String {
        full_name(&self.first_name, &self.last_name)
    }

    pub fn is_primary(&self) -> bool {
        self.primary_member || self.role.eq_ignore_ascii_case(ROLE_PRIMARY)
    }
}

/// `GET /v2/userGroup2/members` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct MembersResponse {
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    #[serde(deserialize_with = "or_default")]
    pub data: Vec<GroupMember>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
    #[serde(deserialize_with = "or_default")]
    pub errors: Vec<ApiWarning>,
}

// ------------------------------------------------------------------ join and permissions

/// Query of join (and of delete's `id`): one of `id`, `externalId`, `primaryUserId`.
pub fn group_key_query(key: &GroupKey) -> String {
    let (name, value) = key.query_pair();
    QueryWriter::new().pair(name, value).finish()
}

/// One customer to add (`POST /v2/userGroup2/join` body item).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct JoinItem {
    pub user_id: Id,
    #[serde(deserialize_with = "lenient_bool")]
    pub primary_member: bool,
    pub permissions: PermissionList,
    #[serde(deserialize_with = "lenient_opt_bool", skip_serializing_if = "Option::is_none")]
    pub default_group: Option<bool>,
    #[serde(deserialize_with = "lenient_opt_bool", skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

impl JoinItem {
    /// A secondary member with these permissions, the group as their default group.
    pub fn member(user_id: u64, permissions: PermissionSet) -> Self {
        JoinItem {
            user_id: Id(user_id),
            primary_member: false,
            permissions: permissions.to_list(),
            default_group: Some(true),
            active: Some(true),
        }
    }

    pub fn primary(user_id: u64, permissions: PermissionSet) -> Self {
        JoinItem { primary_member: true, ..JoinItem::member(user_id, permissions) }
    }
}

/// A membership as join and permissions echo it (`entityId`, `result`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct MembershipRecord {
    pub user_id: Id,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<Id>,
    pub permissions: PermissionList,
    #[serde(deserialize_with = "lenient_bool")]
    pub default_group: bool,
    #[serde(deserialize_with = "lenient_bool")]
    pub active: bool,
    #[serde(deserialize_with = "lenient_bool")]
    pub primary_member: bool,
}

/// One item of a batch answer. A failed item (our reading) has `result: null` and `errors`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct BatchItem {
    #[serde(deserialize_with = "or_default")]
    pub entity_id: Option<MembershipRecord>,
    #[serde(deserialize_with = "or_default")]
    pub result: Option<MembershipRecord>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ApiWarning>,
}

impl BatchItem {
    pub fn done(entity: MembershipRecord, result: MembershipRecord) -> Self {
        BatchItem { entity_id: Some(entity), result: Some(result), warnings: vec![], errors: vec![] }
    }

    pub fn refused(entity: MembershipRecord, error: ApiWarning) -> Self {
        BatchItem { entity_id: Some(entity), result: None, warnings: vec![], errors: vec![error] }
    }

    /// The customer this item is about.
    pub fn user_id(&self) -> Option<Id> {
        self.entity_id.as_ref().or(self.result.as_ref()).map(|r| r.user_id)
    }

    /// Why the item failed, as an error with the words for its code; `None` when it
    /// succeeded.
    pub fn error(&self) -> Option<ApiError> {
        let e = self.errors.first()?;
        Some(ApiError::Api { status: 200, code: e.code, message: e.message.clone() })
    }

    pub fn failed(&self) -> bool {
        !self.errors.is_empty() || self.result.is_none()
    }
}

/// The answer of join and of permissions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct BatchResponse {
    #[serde(deserialize_with = "or_default")]
    pub response: Vec<BatchItem>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub failure_count: Option<i64>,
}

impl BatchResponse {
    /// The answer for these items, with their counts.
    pub fn of(response: Vec<BatchItem>) -> Self {
        let failures = response.iter().filter(|i| i.failed()).count() as i64;
        BatchResponse { total_count: Some(response.len() as i64), failure_count: Some(failures), response }
    }

    pub fn failures(&self) -> impl Iterator<Item = &BatchItem> {
        self.response.iter().filter(|i| i.failed())
    }
}

/// One member's new permissions (`PUT /v2/userGroup2/members/permissions?id=…` body item);
/// the list replaces what the member had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct PermissionUpdate {
    pub user_id: Id,
    pub permissions: PermissionList,
}

/// `?id=…` of the permissions call.
pub fn permissions_query(group_id: u64) -> String {
    QueryWriter::new().pair("id", group_id).finish()
}

// ------------------------------------------------------------------ leave

platform_words! {
    /// How leave names the customer (the customer id is not one of them); `parse` also reads
    /// `cardNumber`.
    pub enum IdentifierKind {
        Mobile => "mobile",
        Email => "email",
        ExternalId => "externalId",
        CardNumber => "cardnumber",
        CardExternalId => "cardExternalId",
    }
}

impl IdentifierKind {
    pub fn label(self) -> &'static str {
        match self {
            IdentifierKind::Mobile => "Mobile",
            IdentifierKind::Email => "E-mail",
            IdentifierKind::ExternalId => "External ID",
            IdentifierKind::CardNumber => "Card number",
            IdentifierKind::CardExternalId => "Card external ID",
        }
    }
}

/// `DELETE /v2/userGroup2/{groupId}/leave?source=…&identifierName=…&identifierValue=…`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveQuery {
    pub group_id: u64,
    pub identifier: IdentifierKind,
    pub value: String,
}

impl LeaveQuery {
    pub fn path(&self) -> String {
        leave_path(self.group_id)
    }

    pub fn to_query_string(&self) -> String {
        QueryWriter::new()
            .pair("source", DEFAULT_SOURCE)
            .pair("identifierName", self.identifier.as_str())
            .pair("identifierValue", &self.value)
            .finish()
    }

    /// `group_id` is the path's `{groupId}`.
    pub fn from_query_string(group_id: u64, qs: &str) -> Result<Self, QueryError> {
        let p = QueryParams::parse(qs);
        let identifier =
            p.parsed("identifierName", IdentifierKind::parse)?.ok_or(QueryError::Missing("identifierName"))?;
        let value = p.required("identifierValue")?.to_string();
        Ok(LeaveQuery { group_id, identifier, value })
    }
}

/// The identifiers leave can use for this member, best first (mobile, e-mail, external id,
/// card number), each once: from `identifiers[]`, the `mobile`/`email` fields and the cards.
pub fn leave_identifiers(member: &GroupMember) -> Vec<(IdentifierKind, String)> {
    let listed = member.identifiers.iter().filter_map(|i| Some((IdentifierKind::parse(&i.kind)?, i.value.trim())));
    let fields = [(IdentifierKind::Mobile, member.mobile.trim()), (IdentifierKind::Email, member.email.trim())];
    let cards = member.cards.iter().map(|c| (IdentifierKind::CardNumber, c.card_number.trim()));
    let mut out: Vec<(IdentifierKind, String)> = Vec::new();
    for (kind, value) in listed.chain(fields).chain(cards) {
        if !value.is_empty() && !out.iter().any(|(k, v)| *k == kind && v == value) {
            out.push((kind, value.to_string()));
        }
    }
    out.sort_by_key(|(k, _)| *k);
    out
}

// ------------------------------------------------------------------ transfer and delete

/// `POST /v2/userGroup2/transfer`: ids go as numbers; strings are read too (the examples
/// send the group ids as strings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferRequest {
    pub leave_group_id: Id,
    pub join_group_id: Id,
    #[serde(default, deserialize_with = "or_default")]
    pub user_ids: Vec<Id>,
}

/// The write envelope of leave and transfer: `{"warnings": [], "errors": [], "success": true}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct WriteResponse {
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
    #[serde(deserialize_with = "or_default")]
    pub errors: Vec<ApiWarning>,
    #[serde(deserialize_with = "lenient_opt_bool", skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
}

impl WriteResponse {
    pub fn ok() -> Self {
        WriteResponse { warnings: vec![], errors: vec![], success: Some(true) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leave_identifiers_come_from_every_place_once_best_first() {
        let m: GroupMember = serde_json::from_str(
            r#"{"fleetUserId": 1, "mobile": "919988123456", "email": "a@b.c",
                "identifiers": [{"type": "externalId", "value": "father"}, {"type": "mobile", "value": "919988123456"},
                                {"type": "loyaltyId", "value": "x"}, {"type": "cardnumber", "value": " "}],
                "cards": [{"cardNumber": "rego1"}]}"#,
        )
        .unwrap();
        assert_eq!(
            leave_identifiers(&m),
            vec![
                (IdentifierKind::Mobile, "919988123456".to_string()),
                (IdentifierKind::Email, "a@b.c".to_string()),
                (IdentifierKind::ExternalId, "father".to_string()),
                (IdentifierKind::CardNumber, "rego1".to_string()),
            ]
        );
        assert!(leave_identifiers(&GroupMember::default()).is_empty());
    }

    #[test]
    fn leave_query_round_trips_and_refuses_the_customer_id() {
        let q = LeaveQuery { group_id: 3962910, identifier: IdentifierKind::Mobile, value: "918095467895".into() };
        assert_eq!(q.path(), "/v2/userGroup2/3962910/leave");
        assert_eq!(q.to_query_string(), "source=INSTORE&identifierName=mobile&identifierValue=918095467895");
        assert_eq!(LeaveQuery::from_query_string(3962910, &q.to_query_string()), Ok(q));
        assert_eq!(
            LeaveQuery::from_query_string(1, "identifierName=id&identifierValue=5"),
            Err(QueryError::Invalid { name: "identifierName", value: "id".into() })
        );
        assert_eq!(LeaveQuery::from_query_string(1, "identifierValue=5"), Err(QueryError::Missing("identifierName")));
        assert_eq!(
            LeaveQuery::from_query_string(1, "identifierName=cardNumber&identifierValue=5").unwrap().identifier,
            IdentifierKind::CardNumber
        );
    }

    #[test]
    fn members_query_round_trips_with_every_option() {
        let mut q = MembersQuery::new(3948622).at(40);
        q.include_card_details = true;
        q.include_status_details = true;
        q.primary_first = true;
        q.sort_order = Some(SortOrder::Asc);
        q.from_date = Some("2010-01-01 00:00:00".into());
        q.to_date = Some("2023-01-31".into());
        let s = q.to_query_string();
        assert!(
            s.starts_with("source=INSTORE&identifierName=id&identifierValue=3948622&includeCardDetails=true"),
            "{s}"
        );
        assert!(s.contains("fromDate=2010-01-01+00%3A00%3A00"), "{s}");
        assert_eq!(MembersQuery::from_query_string(&s), Ok(q));
        let d = MembersQuery::from_query_string("identifierName=id&identifierValue=1").unwrap();
        assert_eq!((d.limit, d.offset, d.pagination_details, d.primary_first), (20, 0, false, false));
        assert_eq!(MembersQuery::from_query_string("identifierValue=1&limit=5000").unwrap().limit, 1000);
        assert_eq!(
            MembersQuery::from_query_string("identifierName=externalId&identifierValue=x"),
            Err(QueryError::Invalid { name: "identifierName", value: "externalId".into() })
        );
        assert_eq!(MembersQuery::from_query_string("source=INSTORE"), Err(QueryError::Missing("identifierValue")));
    }

    #[test]
    fn join_and_permissions_name_the_group_in_the_query() {
        assert_eq!(group_key_query(&GroupKey::Id(2361)), "id=2361");
        assert_eq!(permissions_query(3839), "id=3839");
    }
}
