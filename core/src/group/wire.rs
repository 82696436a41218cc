//! A user group on the wire: create (`POST /v2/userGroup2`), update (`PUT`), get (`GET`, with
//! its query options) and the whole answer, as documented in docs/platform-api.md (copies of
//! the examples live in core/fixtures/). Unknown fields are ignored; extended field values stay
//! JSON values (the API answers `25` for a field sent as `"25"`); dates are kept as the strings
//! the API sent and parsed only for display.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::member_list::{self, Member};
use crate::platform::error::{parse_answer, ApiError};
use crate::platform::query::{QueryError, QueryParams, QueryWriter};
use crate::platform::read::{lenient_f64, lenient_i64, lenient_id, lenient_string, or_default, ApiWarning, Id};
use crate::points::wire::{ExpiredPoints, ExpirySchedule, PointsSummary, RenewInfo, UpgradeStrategy};

/// Extended fields: name → value, in name order (stable CSV columns and diffs).
pub type ExtendedFields = BTreeMap<String, Value>;

// ------------------------------------------------------------------ create

/// `POST /v2/userGroup2`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateGroupRequest {
    pub external_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    pub max_group_size: u32,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "or_default")]
    pub extended_fields: ExtendedFields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateGroupResponse {
    /// The new group's id.
    pub entity: Id,
    #[serde(default, deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

// ------------------------------------------------------------------ update

/// `PUT /v2/userGroup2`. The docs mark `id` and `groupName` mandatory; the rest is sent only
/// when it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateGroupRequest {
    pub id: Id,
    pub group_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_group_size: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_fields: Option<ExtendedFields>,
}

/// The group as the PUT answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct UpdatedGroup {
    pub id: Id,
    #[serde(deserialize_with = "lenient_string")]
    pub external_id: String,
    #[serde(deserialize_with = "lenient_string")]
    pub group_name: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub max_group_size: Option<i64>,
    #[serde(deserialize_with = "or_default")]
    pub extended_fields: ExtendedFields,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub promised_points_schedule_list: Vec<Value>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub trigger_based_points_list: Vec<Value>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

// ------------------------------------------------------------------ get

/// Which group to fetch: `id`, `externalId` or `primaryUserId` (the platform's 1635 says one
/// of them must be passed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupKey {
    Id(u64),
    ExternalId(String),
    PrimaryUserId(u64),
}

impl GroupKey {
    /// The query pair that names the group: `id`, `externalId` or `primaryUserId`.
    pub fn query_pair(&self) -> (&'static str, String) {
        match self {
            GroupKey::Id(id) => ("id", id.to_string()),
            GroupKey::ExternalId(e) => ("externalId", e.clone()),
            GroupKey::PrimaryUserId(u) => ("primaryUserId", u.to_string()),
        }
    }

    /// The group a query names by `id`, else `externalId`, else `primaryUserId` (`id` wins
    /// when a request names several, as the join example does).
    pub fn from_params(p: &QueryParams) -> Result<Option<GroupKey>, QueryError> {
        if let Some(id) = p.number::<u64>("id")? {
            return Ok(Some(GroupKey::Id(id)));
        }
        if let Some(e) = p.text("externalId") {
            return Ok(Some(GroupKey::ExternalId(e.to_string())));
        }
        Ok(p.number::<u64>("primaryUserId")?.map(GroupKey::PrimaryUserId))
    }
}

/// Query options of `GET /v2/userGroup2`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetGroupQuery {
    pub key: GroupKey,
    pub program_details: bool,
    pub expired_points: bool,
    pub expiry_schedules: bool,
    pub gap_to_upgrade_for: Option<u32>,
    pub gap_to_renew_for: Option<u32>,
    pub company_details: bool,
}

impl GetGroupQuery {
    /// What the group page asks for: everything but the gap options, which are controls.
    pub fn full(key: GroupKey) -> Self {
        GetGroupQuery {
            key,
            program_details: true,
            expired_points: true,
            expiry_schedules: true,
            gap_to_upgrade_for: None,
            gap_to_renew_for: None,
            company_details: true,
        }
    }

    /// Just the group (the edit form needs no points).
    pub fn basic(key: GroupKey) -> Self {
        GetGroupQuery {
            key,
            program_details: false,
            expired_points: false,
            expiry_schedules: false,
            gap_to_upgrade_for: None,
            gap_to_renew_for: None,
            company_details: false,
        }
    }

    /// The URL-encoded query string, without the leading `?`.
    pub fn to_query_string(&self) -> String {
        let (name, value) = self.key.query_pair();
        QueryWriter::new()
            .pair(name, value)
            .flag("programDetails", self.program_details)
            .flag("expiredPoints", self.expired_points)
            .flag("expirySchedules", self.expiry_schedules)
            .flag("companyDetails", self.company_details)
            .opt("gapToUpgradeFor", self.gap_to_upgrade_for)
            .opt("gapToRenewFor", self.gap_to_renew_for)
            .finish()
    }

    /// Reads a query string back (the emulator uses it; round-trip tested).
    pub fn from_query_string(qs: &str) -> Result<GetGroupQuery, String> {
        let mut key = None;
        let mut q = GetGroupQuery::basic(GroupKey::Id(0));
        let flag = |v: &str| v.eq_ignore_ascii_case("true");
        let num =
            |name: &str, v: &str| v.trim().parse::<u64>().map_err(|_| format!("{name} must be a number, got {v:?}"));
        let small =
            |name: &str, v: &str| v.trim().parse::<u32>().map_err(|_| format!("{name} must be a number, got {v:?}"));
        for (k, v) in form_urlencoded::parse(qs.as_bytes()) {
            match k.as_ref() {
                "id" => key = Some(GroupKey::Id(num("id", &v)?)),
                "externalId" => key = key.or(Some(GroupKey::ExternalId(v.into_owned()))),
                "primaryUserId" => key = key.or(Some(GroupKey::PrimaryUserId(num("primaryUserId", &v)?))),
                "programDetails" => q.program_details = flag(&v),
                "expiredPoints" => q.expired_points = flag(&v),
                "expirySchedules" => q.expiry_schedules = flag(&v),
                "companyDetails" => q.company_details = flag(&v),
                // A count, not an id: a value past u32 is refused rather than wrapped to a small one.
                "gapToUpgradeFor" => q.gap_to_upgrade_for = Some(small("gapToUpgradeFor", &v)?),
                "gapToRenewFor" => q.gap_to_renew_for = Some(small("gapToRenewFor", &v)?),
                _ => {}
            }
        }
        q.key = key.ok_or_else(|| "one of id, externalId or primaryUserId is required".to_string())?;
        Ok(q)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupStatus {
    Active,
    Inactive,
    Deleted,
    /// Absent, or a value the docs do not list.
    #[default]
    Unknown,
}

impl GroupStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupStatus::Active => "ACTIVE",
            GroupStatus::Inactive => "INACTIVE",
            GroupStatus::Deleted => "DELETED",
            GroupStatus::Unknown => "",
        }
    }
}

impl Serialize for GroupStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for GroupStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        Ok(match s.as_deref().map(str::to_ascii_uppercase).as_deref() {
            Some("ACTIVE") => GroupStatus::Active,
            Some("INACTIVE") => GroupStatus::Inactive,
            Some("DELETED") => GroupStatus::Deleted,
            _ => GroupStatus::Unknown,
        })
    }
}

/// Only the group's ID from a `GET /v2/userGroup2` answer: a look-up that then opens the group
/// page needs no more, and reading no more keeps the whole answer's reader (GroupDetails and
/// its member reader) out of the Find page's code, which every first visit of `/` downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct GroupIdOnly {
    pub id: Id,
}

/// The whole `GET /v2/userGroup2` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupDetails {
    pub id: Id,
    #[serde(deserialize_with = "lenient_string")]
    pub external_id: String,
    pub group_status: GroupStatus,
    #[serde(deserialize_with = "or_default")]
    pub fleet_group_users: Vec<Member>,
    #[serde(deserialize_with = "lenient_id")]
    pub created_by: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub created_on: String,
    #[serde(deserialize_with = "lenient_string")]
    pub group_name: String,
    #[serde(deserialize_with = "lenient_i64")]
    pub max_group_size: Option<i64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub life_time_purchases: Option<f64>,
    #[serde(deserialize_with = "or_default")]
    pub expired_points: Vec<ExpiredPoints>,
    #[serde(deserialize_with = "or_default")]
    pub expiry_schedules: Vec<ExpirySchedule>,
    #[serde(deserialize_with = "or_default")]
    pub gap_to_upgrade: Vec<UpgradeStrategy>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub gap_to_renew: Option<RenewInfo>,
    #[serde(deserialize_with = "lenient_i64")]
    pub total_active_members: Option<i64>,
    #[serde(deserialize_with = "lenient_i64")]
    pub total_exited_members: Option<i64>,
    #[serde(deserialize_with = "or_default")]
    pub points_summaries: Vec<PointsSummary>,
    #[serde(deserialize_with = "or_default")]
    pub extended_fields: ExtendedFields,
    /// `companyDetails=true` adds company information; no page shows its shape, so it is
    /// kept as JSON and shown as name/value pairs.
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub company_details: Option<Value>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

impl GroupDetails {
    /// Reads the `GET /v2/userGroup2` answer. Its member list, most of its bytes, goes through
    /// a reader made for it ([`member_list`]) and the rest through serde; an answer that
    /// reader declines is read by serde whole, so the result and any error are serde's. Also
    /// returns the answer's top level, for [`parse_answer`]'s look for a disguised error: the
    /// text without its member list where the reader took it (searching 2.8 MB for `errors`
    /// cost the browser more than reading the list; the list cannot hold top-level keys).
    pub fn from_json(text: &str) -> serde_json::Result<(GroupDetails, Cow<'_, str>)> {
        match Self::with_plain_members(text) {
            Some((group, rest)) => Ok((group, Cow::Owned(rest))),
            None => serde_json::from_str(text).map(|group| (group, Cow::Borrowed(text))),
        }
    }

    /// A 2xx answer of the group GET, read by [`from_json`](Self::from_json), or what went wrong.
    pub fn from_answer(status: u16, text: &str) -> Result<GroupDetails, ApiError> {
        parse_answer(status, text, GroupDetails::from_json)
    }

    /// Reads the docs' example answer. The browser compiles wasm a function at a time, on its
    /// first call, and reading this type's first answer spent about 5 ms compiling (measured
    /// in Chromium on a 300-member answer): the console calls this while its first answer is
    /// still on the way, so that time is not spent after the answer arrives.
    pub fn warm_up() {
        let _ = GroupDetails::from_answer(200, include_str!("../../fixtures/get-response-3918893.json"));
    }

    fn with_plain_members(text: &str) -> Option<(GroupDetails, String)> {
        let at = member_list::top_level_value(text.as_bytes(), b"fleetGroupUsers")?;
        let (members, end) = member_list::read_members(text.as_bytes(), at)?;
        // The answer without its list (a few KB), which serde reads as it reads the whole.
        let rest = [&text[..at], "null", &text[end..]].concat();
        let mut group: GroupDetails = serde_json::from_str(&rest).ok()?;
        group.fleet_group_users = members;
        Some((group, rest))
    }

    /// Active members: the response's total when present, else counted.
    /// The group's size limit, when the platform gives one. A group is made with a size of 1
    /// or more, so 0 or less is read as "not given" everywhere (the platform still checks
    /// its own limit, and says so per member).
    pub fn size_limit(&self) -> Option<u64> {
        self.max_group_size.filter(|m| *m > 0).map(|m| m as u64)
    }

    /// How many more active members the group can take, when it has a size limit: its
    /// `maxGroupSize` minus its active members.
    pub fn room(&self) -> Option<u64> {
        self.size_limit().map(|max| max.saturating_sub(self.active_members()))
    }

    pub fn active_members(&self) -> u64 {
        self.total_active_members
            .map(|n| n.max(0) as u64)
            .unwrap_or_else(|| self.fleet_group_users.iter().filter(|m| m.active).count() as u64)
    }

    pub fn exited_members(&self) -> u64 {
        self.total_exited_members
            .map(|n| n.max(0) as u64)
            .unwrap_or_else(|| self.fleet_group_users.iter().filter(|m| !m.active).count() as u64)
    }
}

/// `DELETE /v2/userGroup2?id=…` or `?externalId=…`
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeleteGroupQuery {
    pub id: Option<u64>,
    pub external_id: Option<String>,
}

impl DeleteGroupQuery {
    pub fn to_query_string(&self) -> String {
        QueryWriter::new().opt("id", self.id).opt("externalId", self.external_id.as_deref()).finish()
    }

    /// Neither given is the caller's 1635.
    pub fn from_query_string(qs: &str) -> Result<Self, QueryError> {
        let p = QueryParams::parse(qs);
        let q = DeleteGroupQuery { id: p.number("id")?, external_id: p.text("externalId").map(String::from) };
        if q.id.is_none() && q.external_id.is_none() {
            return Err(QueryError::Missing("id"));
        }
        Ok(q)
    }
}

/// The delete answer: `{"warnings": []}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct DeleteResponse {
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_numbers_or_digit_strings() {
        let r: UpdateGroupRequest = serde_json::from_str(r#"{"id": "3962909", "groupName": "x"}"#).unwrap();
        assert_eq!(r.id, Id(3962909));
        let r: UpdateGroupRequest = serde_json::from_str(r#"{"id": 3962909.0, "groupName": "x"}"#).unwrap();
        assert_eq!(r.id, Id(3962909));
        assert!(serde_json::from_str::<UpdateGroupRequest>(r#"{"id": "abc", "groupName": "x"}"#).is_err());
        assert!(serde_json::from_str::<UpdateGroupRequest>(r#"{"id": -1, "groupName": "x"}"#).is_err());
        assert_eq!(serde_json::to_string(&Id(7)).unwrap(), "7");
    }

    #[test]
    fn nulls_and_absences_become_empty() {
        let g: GroupDetails = serde_json::from_str(
            r#"{"id": 1, "externalId": null, "fleetGroupUsers": null, "pointsSummaries": [{"currentSlab": null, "loyaltyPoints": null}],
                "extendedFields": null, "warnings": null, "gapToRenew": null, "totalActiveMembers": null, "unknownField": {"x": 1}}"#,
        )
        .unwrap();
        assert_eq!(g.external_id, "");
        assert!(g.fleet_group_users.is_empty() && g.extended_fields.is_empty() && g.warnings.is_empty());
        assert_eq!(g.points_summaries[0].loyalty_points, None);
        assert_eq!(g.points_summaries[0].current_slab, "");
        assert_eq!(g.group_status, GroupStatus::Unknown);
        assert_eq!(g.active_members(), 0);
    }

    #[test]
    fn numbers_and_booleans_as_text_are_read() {
        let s: PointsSummary =
            serde_json::from_str(r#"{"loyaltyPoints": "54500.0", "slabSNo": "8", "redeemed": ""}"#).unwrap();
        assert_eq!((s.loyalty_points, s.slab_s_no, s.redeemed), (Some(54500.0), Some(8), None));
        let m: Member =
            serde_json::from_str(r#"{"userId": "566998132", "active": "true", "primaryMember": null}"#).unwrap();
        assert_eq!((m.user_id, m.active, m.primary_member, m.default_group), (Id(566998132), true, false, false));
        assert!(serde_json::from_str::<PointsSummary>(r#"{"loyaltyPoints": "lots"}"#).is_err());
        assert!(serde_json::from_str::<PointsSummary>(r#"{"slabSNo": 8.5}"#).is_err());
    }

    #[test]
    fn warnings_may_be_objects_or_text() {
        let r: CreateGroupResponse =
            serde_json::from_str(r#"{"entity": 1, "warnings": [{"code": "91016", "message": "bad name"}, "plain"]}"#)
                .unwrap();
        assert_eq!(r.warnings[0].code, Some(91016));
        assert_eq!(r.warnings[1].message, "plain");
    }

    /// The look-up's reader finds the same ID as the whole answer's, in the docs' example and in
    /// an answer whose ID is a string.
    #[test]
    fn the_id_alone_is_the_whole_answers_id() {
        let docs = include_str!("../../fixtures/get-response-3918893.json");
        let only: GroupIdOnly = crate::platform::error::parse_success(200, docs).unwrap();
        assert_eq!(only.id, crate::platform::error::parse_success::<GroupDetails>(200, docs).unwrap().id);
        assert_eq!(only.id, Id(3918893));
        let quoted: GroupIdOnly =
            crate::platform::error::parse_success(200, r#"{"groupName":"x","id":"42","fleetGroupUsers":[{"a":1}]}"#)
                .unwrap();
        assert_eq!(quoted.id, Id(42));
    }

    /// The member reader takes the platform's own shape (the docs' example, pretty or compact,
    /// and the emulator's), so the fast path is the one a real answer takes.
    #[test]
    fn the_platform_shape_takes_the_member_list() {
        let docs = include_str!("../../fixtures/get-response-3918893.json");
        let compact = serde_json::from_str::<Value>(docs).unwrap().to_string();
        for text in [docs, compact.as_str()] {
            let (fast, _) = GroupDetails::with_plain_members(text).expect("the reader takes the docs' shape");
            assert_eq!(fast, serde_json::from_str::<GroupDetails>(text).unwrap());
            assert_eq!(fast.fleet_group_users.len(), 4);
        }
        let big = format!(
            r#"{{"id":5000000,"fleetGroupUsers":[{}],"groupName":"x","extra":{{"a":[1,"]}}"]}}}}"#,
            (0..1000)
                .map(|i| format!(
                    r#"{{"userId":{},"groupId":5000000,"defaultGroup":true,"primaryMember":{},"active":{}}}"#,
                    800_000_000 + i,
                    i == 0,
                    i % 7 != 0
                ))
                .collect::<Vec<_>>()
                .join(",")
        );
        let (fast, _) = GroupDetails::with_plain_members(&big).expect("the reader takes the emulator's shape");
        assert_eq!(fast, serde_json::from_str::<GroupDetails>(&big).unwrap());
        assert_eq!(fast.fleet_group_users[999].user_id, Id(800_000_999));
    }

    /// What the reader declines, serde reads: the answers are the same either way.
    #[test]
    fn other_member_shapes_are_left_to_serde() {
        for members in [
            r#"[{"userId": "566998132"}]"#,
            r#"[{"userId": 1.0}]"#,
            r#"[{"userId": 01}]"#,
            r#"[{"userId": 1, "active": "true"}]"#,
            r#"[{"userId": 1, "active": 1}]"#,
            r#"[{"userId": 1, "groupId": ""}]"#,
            r#"[{"\u0075serId": 1}]"#,
            r#"[{"userId": 1, "note": {"a": 1}}]"#,
            r#"[{"userId": 1, "userId": 2}]"#,
            r#"[{"active": true}]"#,
            r#"[{"userId": 18446744073709551616}]"#,
            r#"[{"userId": 18446744073709551615}]"#,
            r#"{}"#,
        ] {
            let text = format!(r#"{{"id": 1, "fleetGroupUsers": {members}}}"#);
            assert!(GroupDetails::with_plain_members(&text).is_none(), "{text}");
            assert_eq!(
                GroupDetails::from_json(&text).map(|(g, _)| g).map_err(|e| e.to_string()),
                serde_json::from_str::<GroupDetails>(&text).map_err(|e| e.to_string()),
                "{text}"
            );
        }
        // Plain, with keys serde ignores and a null list.
        for members in [
            r#"[{"userId": 7, "joinedOn": "2025-01-02", "weight": -1.5e3, "x": null}]"#,
            r#"[{"userId": 9999999999999999999, "groupId": null, "active": false}]"#,
            "null",
            "[ ]",
        ] {
            let text = format!(r#"{{"id": 1, "fleetGroupUsers": {members}}}"#);
            let (fast, _) = GroupDetails::with_plain_members(&text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(fast, serde_json::from_str::<GroupDetails>(&text).unwrap());
        }
    }

    #[test]
    fn get_query_is_url_encoded_and_reads_back() {
        let mut q = GetGroupQuery::full(GroupKey::ExternalId("a&b=c d/é".into()));
        q.gap_to_upgrade_for = Some(2);
        let s = q.to_query_string();
        assert_eq!(s, "externalId=a%26b%3Dc+d%2F%C3%A9&programDetails=true&expiredPoints=true&expirySchedules=true&companyDetails=true&gapToUpgradeFor=2");
        assert_eq!(GetGroupQuery::from_query_string(&s).unwrap(), q);
        assert!(GetGroupQuery::from_query_string("programDetails=true").is_err());
        // 2^32 is not silently read as 0.
        assert!(GetGroupQuery::from_query_string("id=1&gapToUpgradeFor=4294967296").is_err());
        assert_eq!(
            GetGroupQuery::from_query_string("id=1&gapToRenewFor=4294967295").unwrap().gap_to_renew_for,
            Some(u32::MAX)
        );
    }

    #[test]
    fn delete_query_needs_an_id_or_external_id() {
        let q = DeleteGroupQuery { id: Some(3916904), external_id: Some("uat_ug_10_delete_1".into()) };
        assert_eq!(q.to_query_string(), "id=3916904&externalId=uat_ug_10_delete_1");
        assert_eq!(DeleteGroupQuery::from_query_string(&q.to_query_string()), Ok(q));
        assert_eq!(DeleteGroupQuery::from_query_string("source=x"), Err(QueryError::Missing("id")));
        assert!(DeleteGroupQuery::from_query_string("id=x").is_err());
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named_by_its_path() {
        let body =
            r#"{"id": 1, "pointsSummaries": [{"loyaltyPoints": 1}, {"programTitle": "x", "loyaltyPoints": true}]}"#;
        match GroupDetails::from_answer(200, body) {
            Err(ApiError::Unreadable { path, reason, .. }) => {
                assert_eq!(path, "pointsSummaries[1].loyaltyPoints");
                assert!(reason.contains("true"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn paths_survive_strings_with_brackets_and_escapes_and_several_lines() {
        let body = "{\n  \"groupName\": \"a [b] {c}, \\\"d\\\":\",\n  \"fleetGroupUsers\": [\n    {\"userId\": 1},\n    {\"userId\": \"x\"}\n  ]\n}";
        match GroupDetails::from_answer(200, body) {
            Err(ApiError::Unreadable { path, .. }) => assert_eq!(path, "fleetGroupUsers[1].userId"),
            other => panic!("{other:?}"),
        }
    }

    /// The group answer's member list is read apart, and the error check looks at the rest:
    /// an error beside a member list is still the platform's error.
    #[test]
    fn an_error_beside_a_member_list_is_found() {
        let members =
            r#""fleetGroupUsers":[{"userId":1,"groupId":2,"defaultGroup":true,"primaryMember":true,"active":true}]"#;
        for body in [
            format!(r#"{{"id":2,{members},"errors":[{{"code":1632,"message":"no such group"}}]}}"#),
            format!(r#"{{"errors":[{{"code":1632,"message":"no such group"}}],{members}}}"#),
            format!(r#"{{{members},"success":false,"message":"no such group"}}"#),
        ] {
            match GroupDetails::from_answer(200, &body) {
                Err(ApiError::Api { status: 200, .. }) => {}
                other => panic!("{body}: {other:?}"),
            }
        }
        let members_only = format!(r#"{{"id":2,{members},"warnings":[]}}"#);
        assert_eq!(GroupDetails::from_answer(200, &members_only).unwrap().fleet_group_users.len(), 1);
    }

    #[test]
    fn a_missing_required_field_names_the_whole_answer() {
        match crate::platform::error::parse_success::<CreateGroupResponse>(200, r#"{"warnings": []}"#) {
            Err(ApiError::Unreadable { path, reason, .. }) => {
                assert_eq!(path, "(the whole answer)");
                assert!(reason.contains("entity"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_2xx_with_errors_is_an_error() {
        let e = crate::platform::error::parse_success::<CreateGroupResponse>(
            200,
            r#"{"errors":[{"code":1633,"message":"exists"}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.code(), Some(1633));
    }

    #[test]
    fn group_key_prefers_id_then_external_id_then_primary() {
        let key = |qs: &str| GroupKey::from_params(&QueryParams::parse(qs));
        assert_eq!(key("primaryUserId=5&id=7"), Ok(Some(GroupKey::Id(7))));
        assert_eq!(key("primaryUserId=5&externalId=x"), Ok(Some(GroupKey::ExternalId("x".into()))));
        assert_eq!(key("primaryUserId=5"), Ok(Some(GroupKey::PrimaryUserId(5))));
        assert_eq!(key("source=INSTORE"), Ok(None));
        assert!(key("id=abc").is_err());
    }
}
