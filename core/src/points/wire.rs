//! A group's points on the wire, as the group GET answers them: one summary per program
//! (`pointsSummaries[]`: points, tier, upgrade and renewal), the expiry schedules and the
//! expired points.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::platform::read::{lenient_bool, lenient_f64, lenient_i64, lenient_id, lenient_string, or_default, Id};

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
