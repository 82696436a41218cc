//! What the Points tab reads besides the group GET (docs/platform-api.md, "Trackers",
//! "Promised points", "Expiry schedule"): the group's trackers, its promised points (asked
//! through its primary member), and the expiry-schedule endpoint's two extra fields.

use serde::{Deserialize, Serialize};

use crate::platform::error::ApiError;
use crate::platform::query::{Pagination, QueryError, QueryParams, QueryWriter, DEFAULT_SOURCE};
use crate::platform::read::{lenient_f64, lenient_i64, lenient_id, lenient_string, or_default, ApiWarning, Id};

// ------------------------------------------------------------------ trackers

/// `GET /v2/customers/userEntityTrackers?type=USERGROUP2&identifierType=id&identifierValue=…&source=INSTORE`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackersQuery {
    /// `USERGROUP2` from the console; the emulator reads whatever came.
    pub entity_type: String,
    /// `id`, `externalId` or `primaryUserId`.
    pub identifier_type: String,
    pub identifier_value: String,
}

impl TrackersQuery {
    pub fn for_group(group_id: u64) -> TrackersQuery {
        TrackersQuery {
            entity_type: crate::points::transfer::USERGROUP2.into(),
            identifier_type: "id".into(),
            identifier_value: group_id.to_string(),
        }
    }

    pub fn to_query_string(&self) -> String {
        QueryWriter::new()
            .pair("type", &self.entity_type)
            .pair("identifierType", &self.identifier_type)
            .pair("identifierValue", &self.identifier_value)
            .pair("source", DEFAULT_SOURCE)
            .finish()
    }

    /// Nothing is required by the page; absent values read as empty.
    pub fn from_query_string(qs: &str) -> TrackersQuery {
        let p = QueryParams::parse(qs);
        let text = |name: &str| p.text(name).unwrap_or("").to_string();
        TrackersQuery {
            entity_type: text("type"),
            identifier_type: text("identifierType"),
            identifier_value: text("identifierValue"),
        }
    }
}

/// One tracker and its current value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Tracker {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub name: String,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub condition_id: Option<Id>,
    /// `BILL_AMOUNT`, `BILL_TOTAL_QTY`, `CUSTOMER_VISITS`, `POINTS`, …
    #[serde(rename = "type", deserialize_with = "lenient_string")]
    pub kind: String,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(deserialize_with = "lenient_string")]
    pub updated_on: String,
    #[serde(deserialize_with = "lenient_string")]
    pub condition_name: String,
    #[serde(deserialize_with = "lenient_string")]
    pub period_start_date: String,
    #[serde(deserialize_with = "lenient_string")]
    pub period_end_date: String,
}

/// The trackers' answer; its `pagination` is all zeros in the example and is not used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TrackersAnswer {
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    #[serde(deserialize_with = "or_default")]
    pub data: Vec<Tracker>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
    #[serde(deserialize_with = "or_default")]
    pub errors: Vec<ApiWarning>,
}

pub const NO_TRACKERS: &str = "This group has no trackers.";

/// The words for an error of the trackers call; else [`ApiError::headline`].
pub fn tracker_words(e: &ApiError) -> String {
    match e.code() {
        Some(1645) if !e.is_auth() => "The platform does not accept this group's details.".into(),
        Some(1099) if !e.is_auth() => "The platform could not read the trackers; try again.".into(),
        Some(1647) if !e.is_auth() => {
            "The platform did not accept the kind of group the console asked about (code 1647): please report it."
                .into()
        }
        _ => e.headline(),
    }
}

// ------------------------------------------------------------------ promised points

/// `GET /v2/userGroup2/promisedPointsSchedule?primaryUserId=…&getDataForAllPrograms=true&startDate=…&endDate=…`:
/// the group is named only by its primary member; no `type` and no paging are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromisedPointsQuery {
    pub primary_user_id: u64,
    /// `YYYY-MM-DD`: today, and a year later.
    pub start_date: String,
    pub end_date: String,
    pub program_id: Option<i64>,
}

impl PromisedPointsQuery {
    /// From `today` (`YYYY-MM-DD`) to the same day a year later.
    pub fn for_year(primary_user_id: u64, today: &str) -> PromisedPointsQuery {
        let end = match today.split_once('-') {
            Some((year, rest)) => match year.parse::<i32>() {
                // 29 February has no twin a year later: the 28th.
                Ok(y) if rest == "02-29" => format!("{}-02-28", y + 1),
                Ok(y) => format!("{}-{rest}", y + 1),
                Err(_) => String::new(),
            },
            None => String::new(),
        };
        PromisedPointsQuery { primary_user_id, start_date: today.into(), end_date: end, program_id: None }
    }

    pub fn to_query_string(&self) -> String {
        let opt = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
        QueryWriter::new()
            .pair("primaryUserId", self.primary_user_id)
            .flag("getDataForAllPrograms", self.program_id.is_none())
            .opt("programId", self.program_id)
            .opt("startDate", opt(&self.start_date))
            .opt("endDate", opt(&self.end_date))
            .finish()
    }

    pub fn from_query_string(qs: &str) -> Result<PromisedPointsQuery, QueryError> {
        let p = QueryParams::parse(qs);
        Ok(PromisedPointsQuery {
            primary_user_id: p.number("primaryUserId")?.ok_or(QueryError::Missing("primaryUserId"))?,
            start_date: p.text("startDate").unwrap_or("").into(),
            end_date: p.text("endDate").unwrap_or("").into(),
            program_id: p.number("programId")?,
        })
    }
}

/// An item of `promisedPointsScheduleList` (its fields are not documented: read like an expiry
/// schedule, the date the points become redeemable in `expiryDate`) or of
/// `triggerBasedPointsList` (`points`, `programId`, `pointsType`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ScheduledPoints {
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub program_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub points_type: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub expiry_date: String,
    #[serde(rename = "expiryDateISO", deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub expiry_date_iso: String,
}

impl ScheduledPoints {
    /// The date to show: the ISO one when given.
    pub fn date(&self) -> &str {
        if self.expiry_date_iso.is_empty() {
            &self.expiry_date
        } else {
            &self.expiry_date_iso
        }
    }
}

/// The promised-points answer. `entityId` is negative (like the ledger's group ids).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct PromisedPoints {
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub entity_type: String,
    #[serde(deserialize_with = "or_default")]
    pub promised_points_schedule_list: Vec<ScheduledPoints>,
    #[serde(deserialize_with = "or_default")]
    pub trigger_based_points_list: Vec<ScheduledPoints>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

impl PromisedPoints {
    pub fn is_empty(&self) -> bool {
        self.promised_points_schedule_list.is_empty() && self.trigger_based_points_list.is_empty()
    }
}

pub const NO_PROMISED_POINTS: &str = "No promised points.";
pub const PROMISED_NEEDS_PRIMARY: &str =
    "Promised points are looked up through the primary member; this group has none.";

/// The words for an error of the promised-points call: any refusal is the same to a marketer.
pub fn promised_words(e: &ApiError) -> String {
    match e {
        ApiError::Api { status, .. } if (400..500).contains(status) => {
            "The platform could not give the promised points.".into()
        }
        _ => e.headline(),
    }
}

// ------------------------------------------------------------------ expiry schedule

/// `GET /v2/userGroup2/pointsExpirySchedule?externalId=…&getDataForAllPrograms=true`: asked only
/// for the two fields it adds to the GET's schedules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiryScheduleQuery {
    pub external_id: String,
    pub program_id: Option<i64>,
}

impl ExpiryScheduleQuery {
    pub fn for_group(external_id: &str) -> ExpiryScheduleQuery {
        ExpiryScheduleQuery { external_id: external_id.into(), program_id: None }
    }

    pub fn to_query_string(&self) -> String {
        QueryWriter::new()
            .pair("externalId", &self.external_id)
            .flag("getDataForAllPrograms", self.program_id.is_none())
            .opt("programId", self.program_id)
            .finish()
    }

    pub fn from_query_string(qs: &str) -> Result<ExpiryScheduleQuery, QueryError> {
        let p = QueryParams::parse(qs);
        Ok(ExpiryScheduleQuery {
            external_id: p.required("externalId")?.to_string(),
            program_id: p.number("programId")?,
        })
    }
}

/// An item of the endpoint's `expirySchedules`: the GET's fields and `pointsType`,
/// `expiryType` (values not documented: shown as they come).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpiryEntry {
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    #[serde(deserialize_with = "lenient_string")]
    pub expiry_date: String,
    #[serde(rename = "expiryDateISO", deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub expiry_date_iso: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub program_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub points_type: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub expiry_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpiryScheduleAnswer {
    #[serde(deserialize_with = "or_default")]
    pub expiry_schedules: Vec<ExpiryEntry>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

impl ExpiryScheduleAnswer {
    /// `pointsType` and `expiryType` for the GET's schedule of `program_id` expiring on
    /// `expiry_date` (its `YYYY-MM-DD` part is compared).
    pub fn extra_for(&self, program_id: Option<i64>, expiry_date: &str) -> Option<(&str, &str)> {
        let day = |d: &str| d.get(..10).unwrap_or(d).to_string();
        let want = day(expiry_date);
        self.expiry_schedules
            .iter()
            .find(|e| e.program_id == program_id && day(&e.expiry_date) == want)
            .map(|e| (e.points_type.as_str(), e.expiry_type.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trackers_are_asked_for_the_group_by_id() {
        let q = TrackersQuery::for_group(3920001);
        assert_eq!(q.to_query_string(), "type=USERGROUP2&identifierType=id&identifierValue=3920001&source=INSTORE");
        assert_eq!(TrackersQuery::from_query_string(&q.to_query_string()), q);
        assert_eq!(TrackersQuery::from_query_string("").entity_type, "");
        let e = |code| ApiError::Api { status: 400, code: Some(code), message: String::new() };
        assert_eq!(tracker_words(&e(1645)), "The platform does not accept this group's details.");
        assert_eq!(tracker_words(&e(1099)), "The platform could not read the trackers; try again.");
        assert!(tracker_words(&e(1647)).contains("code 1647"));
        assert_eq!(tracker_words(&e(1)), e(1).headline());
    }

    #[test]
    fn promised_points_are_asked_for_a_year_through_the_primary() {
        let q = PromisedPointsQuery::for_year(700100001, "2026-12-06");
        assert_eq!(
            q.to_query_string(),
            "primaryUserId=700100001&getDataForAllPrograms=true&startDate=2026-12-06&endDate=2027-12-06"
        );
        assert_eq!(PromisedPointsQuery::from_query_string(&q.to_query_string()), Ok(q));
        assert_eq!(PromisedPointsQuery::for_year(1, "2028-02-29").end_date, "2029-02-28");
        assert_eq!(PromisedPointsQuery::from_query_string("x=1"), Err(QueryError::Missing("primaryUserId")));
        let e = ApiError::Api { status: 400, code: None, message: String::new() };
        assert_eq!(promised_words(&e), "The platform could not give the promised points.");
        let down = ApiError::Timeout { secs: 15 };
        assert_eq!(promised_words(&down), down.headline());
        let empty = PromisedPoints::default();
        assert!(empty.is_empty());
        let item = ScheduledPoints { expiry_date: "2027-01-01".into(), ..ScheduledPoints::default() };
        assert_eq!(item.date(), "2027-01-01");
    }

    #[test]
    fn the_expiry_schedule_adds_its_fields_by_program_and_day() {
        let q = ExpiryScheduleQuery::for_group("family sharma");
        assert_eq!(q.to_query_string(), "externalId=family+sharma&getDataForAllPrograms=true");
        assert_eq!(ExpiryScheduleQuery::from_query_string(&q.to_query_string()), Ok(q));
        assert_eq!(ExpiryScheduleQuery::from_query_string(""), Err(QueryError::Missing("externalId")));
        let a: ExpiryScheduleAnswer = serde_json::from_str(
            r#"{"expirySchedules": [{"points": 750, "expiryDate": "2027-08-14", "programId": 973,
                "pointsType": "REGULAR", "expiryType": "EXPIRY_STRATEGY"}]}"#,
        )
        .unwrap();
        assert_eq!(a.extra_for(Some(973), "2027-08-14T00:00:00Z"), Some(("REGULAR", "EXPIRY_STRATEGY")));
        assert_eq!(a.extra_for(Some(983), "2027-08-14"), None);
        assert_eq!(a.extra_for(Some(973), "2027-08-15"), None);
    }
}
