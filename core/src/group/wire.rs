//! The platform's request and response bodies for the four endpoints, as documented in
//! docs/platform-api.md (copies of the examples live in core/fixtures/).
//!
//! Lenient where real responses vary, strict where it matters:
//! - ids arrive as numbers or numeric strings (the update example sends `"id": "3962909"`);
//! - absent or `null` arrays, objects and strings become empty, absent numbers `None`;
//! - unknown fields are ignored; extended field values stay JSON values (the API answers
//!   `25` for a field sent as `"25"`);
//! - dates are kept as the strings the API sent and parsed only for display.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

mod member_reader;

/// Extended fields: name → value, in name order (stable CSV columns and diffs).
pub type ExtendedFields = BTreeMap<String, Value>;

// ------------------------------------------------------------------ lenient helpers

/// A platform id (group, user, org). Serialized as a JSON number; read from a number or a
/// string of digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Id(pub u64);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_any(Lenient::Id)? {
            Scalar::Id(id) => Ok(id),
            _ => Err(serde::de::Error::custom("expected an id, got nothing")),
        }
    }
}

// Hand-written visitors rather than going through serde_json::Value: a 30,000-member
// response reads 90,000 booleans, and a Value per field would allocate for each.

/// What a lenient field may hold once read.
enum Scalar {
    None,
    Bool(bool),
    Number(f64),
    Int(i64),
    Id(Id),
}

#[derive(Clone, Copy)]
enum Lenient {
    Id,
    Number,
    Bool,
}

impl<'de> serde::de::Visitor<'de> for Lenient {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Lenient::Id => "an id (a number or a string of digits)",
            Lenient::Number => "a number",
            Lenient::Bool => "true or false",
        })
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Scalar, E> {
        match self {
            Lenient::Bool => Ok(Scalar::Bool(false)),
            _ => Ok(Scalar::None),
        }
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Scalar, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Scalar, E> {
        match self {
            Lenient::Bool => Ok(Scalar::Bool(b)),
            _ => Err(E::invalid_type(serde::de::Unexpected::Bool(b), &self)),
        }
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Scalar, E> {
        match self {
            Lenient::Id => Ok(Scalar::Id(Id(n))),
            Lenient::Number => Ok(i64::try_from(n).map(Scalar::Int).unwrap_or(Scalar::Number(n as f64))),
            Lenient::Bool => Ok(Scalar::Bool(n != 0)),
        }
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Scalar, E> {
        match self {
            Lenient::Id if n >= 0 => Ok(Scalar::Id(Id(n as u64))),
            Lenient::Id => Err(E::invalid_value(serde::de::Unexpected::Signed(n), &self)),
            Lenient::Number => Ok(Scalar::Int(n)),
            Lenient::Bool => Ok(Scalar::Bool(n != 0)),
        }
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Scalar, E> {
        match self {
            Lenient::Id if n >= 0.0 && n.fract() == 0.0 && n < 1.8e19 => Ok(Scalar::Id(Id(n as u64))),
            Lenient::Number => Ok(Scalar::Number(n)),
            _ => Err(E::invalid_type(serde::de::Unexpected::Float(n), &self)),
        }
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Scalar, E> {
        let t = s.trim();
        match self {
            Lenient::Bool => Ok(Scalar::Bool(t.eq_ignore_ascii_case("true"))),
            _ if t.is_empty() => match self {
                Lenient::Id => Err(E::invalid_value(serde::de::Unexpected::Str(s), &self)),
                _ => Ok(Scalar::None),
            },
            Lenient::Id => t
                .parse::<u64>()
                .map(|n| Scalar::Id(Id(n)))
                .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(s), &self)),
            Lenient::Number => t
                .parse::<i64>()
                .map(Scalar::Int)
                .or_else(|_| t.parse::<f64>().map(Scalar::Number))
                .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(s), &self)),
        }
    }
}

/// `null` or absent → `T::default()` (empty list or map).
pub fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A string that may be null (→ empty); a number or boolean is kept as its text.
pub fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("text")
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<String, E> {
            Ok(s.to_string())
        }
        fn visit_string<E: serde::de::Error>(self, s: String) -> Result<String, E> {
            Ok(s)
        }
        fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<String, E> {
            Ok(b.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<String, E> {
            Ok(n.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<String, E> {
            Ok(n.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<String, E> {
            Ok(n.to_string())
        }
    }
    d.deserialize_any(V)
}

/// A number that may arrive as a JSON number, a numeric string or null.
pub fn lenient_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    match d.deserialize_any(Lenient::Number)? {
        Scalar::Int(n) => Ok(Some(n as f64)),
        Scalar::Number(n) => Ok(Some(n)),
        _ => Ok(None),
    }
}

/// An integer that may arrive as a number (also `6.0`), a numeric string or null.
pub fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match d.deserialize_any(Lenient::Number)? {
        Scalar::Int(n) => Ok(Some(n)),
        Scalar::Number(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
        Scalar::Number(f) => Err(serde::de::Error::custom(format!("expected a whole number, got {f}"))),
        _ => Ok(None),
    }
}

/// A boolean that may be null or absent (→ false), or "true"/"false" as text.
pub fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match d.deserialize_any(Lenient::Bool)? {
        Scalar::Bool(b) => Ok(b),
        _ => Ok(false),
    }
}

/// A person's first and last name as one line (either may be blank).
pub fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim()).trim().to_string()
}

/// A boolean that may be absent or null (→ `None`), or "true"/"false" as text: for fields
/// whose absence means something else than `false`.
pub fn lenient_opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Bool(b)) => Some(b),
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().eq_ignore_ascii_case("true")),
        Some(Value::Number(n)) => Some(n.as_f64() != Some(0.0)),
        _ => None,
    })
}

/// An id that may be absent, null, blank, a number or a string of digits.
pub fn lenient_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Id>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<Id>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            Lenient::Id.expecting(f)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<Id>, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Option<Id>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Id>, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Option<Id>, E> {
            Ok(Some(Id(n)))
        }
        fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Option<Id>, E> {
            match Lenient::Id.visit_i64(n)? {
                Scalar::Id(id) => Ok(Some(id)),
                _ => Ok(None),
            }
        }
        fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Option<Id>, E> {
            match Lenient::Id.visit_f64(n)? {
                Scalar::Id(id) => Ok(Some(id)),
                _ => Ok(None),
            }
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Option<Id>, E> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            match Lenient::Id.visit_str(s)? {
                Scalar::Id(id) => Ok(Some(id)),
                _ => Ok(None),
            }
        }
    }
    d.deserialize_any(V)
}

// ------------------------------------------------------------------ warnings

/// A warning in a successful response (91016, 91017 on create/update; 1656 on get).
/// The docs show objects `{status, code, message}`; a bare string is accepted too.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ApiWarning {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    pub message: String,
}

impl<'de> Deserialize<'de> for ApiWarning {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Obj {
            #[serde(default)]
            status: Option<bool>,
            #[serde(default, deserialize_with = "lenient_i64")]
            code: Option<i64>,
            #[serde(default, deserialize_with = "lenient_string")]
            message: String,
        }
        match Value::deserialize(d)? {
            Value::String(message) => Ok(ApiWarning { status: None, code: None, message }),
            v @ Value::Object(_) => {
                let o = Obj::deserialize(v).map_err(serde::de::Error::custom)?;
                Ok(ApiWarning { status: o.status, code: o.code, message: o.message })
            }
            other => Ok(ApiWarning { status: None, code: None, message: other.to_string() }),
        }
    }
}

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
        let mut q = form_urlencoded::Serializer::new(String::new());
        match &self.key {
            GroupKey::Id(id) => q.append_pair("id", &id.to_string()),
            GroupKey::ExternalId(e) => q.append_pair("externalId", e),
            GroupKey::PrimaryUserId(u) => q.append_pair("primaryUserId", &u.to_string()),
        };
        for (name, on) in [
            ("programDetails", self.program_details),
            ("expiredPoints", self.expired_points),
            ("expirySchedules", self.expiry_schedules),
            ("companyDetails", self.company_details),
        ] {
            if on {
                q.append_pair(name, "true");
            }
        }
        if let Some(n) = self.gap_to_upgrade_for {
            q.append_pair("gapToUpgradeFor", &n.to_string());
        }
        if let Some(n) = self.gap_to_renew_for {
            q.append_pair("gapToRenewFor", &n.to_string());
        }
        q.finish()
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

/// One entry of `fleetGroupUsers`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub user_id: Id,
    #[serde(default, deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<Id>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub default_group: bool,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub primary_member: bool,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpirySchedule {
    #[serde(deserialize_with = "lenient_f64")]
    pub points: Option<f64>,
    #[serde(deserialize_with = "lenient_string")]
    pub expiry_date: String,
    #[serde(rename = "expiryDateISO", deserialize_with = "lenient_string")]
    pub expiry_date_iso: String,
    #[serde(deserialize_with = "lenient_i64")]
    pub program_id: Option<i64>,
}

/// `expiredPoints`: the docs' example is an empty list and no page shows an entry. Our
/// reading: entries shaped like the expiry schedules (points, a date, a program), with the
/// date under `expiryDate` or `expiredOn`; anything else in an entry is ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpiredPoints {
    #[serde(deserialize_with = "lenient_f64")]
    pub points: Option<f64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub expiry_date: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub expired_on: String,
    #[serde(deserialize_with = "lenient_i64")]
    pub program_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct UpgradeValues {
    #[serde(deserialize_with = "lenient_f64")]
    pub current_value: Option<f64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub gap_to_upgrade: Option<f64>,
    #[serde(deserialize_with = "lenient_string")]
    pub value_valid_upto: String,
}

/// An entry of `gapToUpgrade` or of a summary's `upgradeStrategies`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct UpgradeStrategy {
    #[serde(deserialize_with = "lenient_string")]
    pub upgrade_based_on: String,
    #[serde(deserialize_with = "lenient_f64")]
    pub upgrade_threshold: Option<f64>,
    #[serde(deserialize_with = "or_default")]
    pub customer_upgrade_entity_values: Option<UpgradeValues>,
}

/// `gapToRenew` and a summary's `gapToRenewSummary`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct RenewInfo {
    #[serde(deserialize_with = "lenient_string")]
    pub tier_expiry_date: String,
    #[serde(deserialize_with = "lenient_bool")]
    pub renew_confirmed: bool,
    #[serde(deserialize_with = "or_default")]
    pub renew_strategies: Vec<RenewStrategy>,
}

/// One way to keep the tier (`renewStrategies[]`): the customer pages name these fields; the
/// group examples only ever show an empty list. A field of another type reads as absent
/// rather than failing the whole group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct RenewStrategy {
    /// `VISITS`, `PURCHASE`, `POINTS` or `TRACKER`.
    #[serde(deserialize_with = "lenient_string")]
    pub renew_based_on: String,
    #[serde(deserialize_with = "any_number")]
    pub renew_threshold: Option<f64>,
    #[serde(deserialize_with = "any_number")]
    pub customer_renew_entity_value: Option<f64>,
    #[serde(deserialize_with = "any_number")]
    pub customer_gap_to_renew_value: Option<f64>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub tracker_entity_identifiers: Vec<Value>,
}

/// A number, a numeric string, or anything else as `None`: for fields no example shows.
fn any_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// One program's points for the group (`pointsSummaries[]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct PointsSummary {
    #[serde(deserialize_with = "lenient_f64")]
    pub redeemed: Option<f64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub expired: Option<f64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub returned: Option<f64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub adjusted: Option<f64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub lifetime_points: Option<f64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub loyalty_points: Option<f64>,
    #[serde(deserialize_with = "lenient_id")]
    pub user_group2_id: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub current_slab: String,
    #[serde(deserialize_with = "lenient_string")]
    pub current_slab_description: String,
    #[serde(deserialize_with = "lenient_string")]
    pub next_slab: String,
    #[serde(deserialize_with = "lenient_i64")]
    pub next_slab_serial_number: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub next_slab_description: String,
    #[serde(deserialize_with = "lenient_i64")]
    pub slab_s_no: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub slab_expiry_date: String,
    #[serde(deserialize_with = "lenient_i64")]
    pub program_id: Option<i64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub delayed_points: Option<f64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub delayed_returned_points: Option<f64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub delayed_expired_points: Option<f64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub total_available_points: Option<f64>,
    #[serde(deserialize_with = "lenient_f64")]
    pub total_returned_points: Option<f64>,
    #[serde(deserialize_with = "or_default")]
    pub linked_partner_programs: Vec<Value>,
    #[serde(deserialize_with = "lenient_string")]
    pub program_title: String,
    #[serde(deserialize_with = "lenient_string")]
    pub program_description: String,
    #[serde(deserialize_with = "lenient_f64")]
    pub program_points_to_currency_ratio: Option<f64>,
    #[serde(deserialize_with = "or_default")]
    pub upgrade_strategies: Vec<UpgradeStrategy>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub gap_to_renew_summary: Option<RenewInfo>,
    #[serde(deserialize_with = "lenient_f64")]
    pub points_contribution_to_group: Option<f64>,
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
    /// a reader made for it ([`member_reader`]) and the rest through serde; an answer that
    /// reader declines is read by serde whole, so the result and any error are serde's.
    pub fn from_json(text: &str) -> serde_json::Result<GroupDetails> {
        Self::read(text).map(|(group, _)| group)
    }

    /// [`from_json`](Self::from_json), and the answer's top level: the text without its
    /// member list where the reader took it (the member list cannot hold top-level keys).
    pub(crate) fn read(text: &str) -> serde_json::Result<(GroupDetails, Cow<'_, str>)> {
        match Self::with_plain_members(text) {
            Some((group, rest)) => Ok((group, Cow::Owned(rest))),
            None => serde_json::from_str(text).map(|group| (group, Cow::Borrowed(text))),
        }
    }

    /// Reads the docs' example answer. The browser compiles wasm a function at a time, on its
    /// first call, and reading this type's first answer spent about 5 ms compiling (measured
    /// in Chromium on a 300-member answer): the console calls this while its first answer is
    /// still on the way, so that time is not spent after the answer arrives.
    pub fn warm_up() {
        let _ = crate::error::parse_success::<GroupDetails>(200, include_str!("../fixtures/get-response-3918893.json"));
    }

    fn with_plain_members(text: &str) -> Option<(GroupDetails, String)> {
        let at = member_reader::top_level_value(text.as_bytes(), b"fleetGroupUsers")?;
        let (members, end) = member_reader::read_members(text.as_bytes(), at)?;
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

// ------------------------------------------------------------------ reward groups

/// `POST {reward prefix}/group/create`. An empty rank is omitted, never sent as 0 or "".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RewardGroupRequest {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct RewardGroup {
    pub id: Id,
    #[serde(deserialize_with = "lenient_id")]
    pub org_id: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub name: String,
    #[serde(deserialize_with = "lenient_i64")]
    pub rank: Option<i64>,
    #[serde(deserialize_with = "lenient_bool")]
    pub is_active: bool,
    #[serde(deserialize_with = "lenient_id")]
    pub created_by: Option<Id>,
    /// Epoch milliseconds.
    #[serde(deserialize_with = "lenient_i64")]
    pub created_on: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub created_on_date_time: String,
    #[serde(deserialize_with = "lenient_id")]
    pub last_updated_by: Option<Id>,
    #[serde(deserialize_with = "lenient_i64")]
    pub last_updated_on: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub last_updated_on_date_time: String,
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
        let docs = include_str!("../fixtures/get-response-3918893.json");
        let only: GroupIdOnly = crate::error::parse_success(200, docs).unwrap();
        assert_eq!(only.id, crate::error::parse_success::<GroupDetails>(200, docs).unwrap().id);
        assert_eq!(only.id, Id(3918893));
        let quoted: GroupIdOnly =
            crate::error::parse_success(200, r#"{"groupName":"x","id":"42","fleetGroupUsers":[{"a":1}]}"#).unwrap();
        assert_eq!(quoted.id, Id(42));
    }

    /// The member reader takes the platform's own shape (the docs' example, pretty or compact,
    /// and the emulator's), so the fast path is the one a real answer takes.
    #[test]
    fn the_platform_shape_takes_the_member_reader() {
        let docs = include_str!("../fixtures/get-response-3918893.json");
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
                GroupDetails::from_json(&text).map_err(|e| e.to_string()),
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
}
