//! Members' tiers (docs/platform-api.md, "Tiers: the group's and its members'", reading "Member
//! tiers"): a member's tier per program, read from their customer GET with `embed=mlp`
//! (`loyaltyProgramDetails[]`, items named like the group's `pointsSummaries`); "Match the
//! primary's tier" planned member by member; the manual tier adjustment it sends (one customer
//! at a time, `type=CUSTOMER`) and its answer; and the words for their codes.

use serde::{Deserialize, Serialize};

use crate::platform::endpoints;
use crate::platform::error::ApiError;
use crate::platform::query::{QueryParams, QueryWriter, DEFAULT_SOURCE};
use crate::platform::read::{lenient_i64, lenient_id, lenient_opt_bool, lenient_string, or_default, ApiWarning, Id};
use crate::points::wire::PointsSummary;

/// Members' tiers are read (one call each, paced) for groups of at most this many members.
pub const MAX_MEMBERS: usize = 50;
pub const TOO_MANY_MEMBERS: &str = "Member tiers are shown for groups of up to 50 members.";
/// Said once, next to the group's tier: there is no group-level control.
pub const GROUP_TIER_NOTE: &str = "Tiers of a group change only through the program's rules: the platform does not \
     allow changing a group's tier by hand.";
/// The reason every "Match the primary's tier" adjustment carries.
pub const MATCH_REASON: &str = "Matched to the primary member's tier";

// ------------------------------------------------------------------ reading a member's tiers

/// `GET /v2/customers/{id}?source=INSTORE&embed=mlp`: the customer with a loyalty summary per
/// program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberTiersQuery {
    pub customer_id: u64,
}

impl MemberTiersQuery {
    pub fn path(&self) -> String {
        endpoints::fill(endpoints::CUSTOMER, &[&self.customer_id.to_string()])
    }

    pub fn to_query_string(&self) -> String {
        QueryWriter::new().pair("source", DEFAULT_SOURCE).pair("embed", "mlp").finish()
    }

    /// Whether a customer GET asks for the programs (`embed=mlp`, alone or in a list).
    pub fn embeds_programs(qs: &str) -> bool {
        crate::platform::query::pairs(qs)
            .iter()
            .filter(|(k, _)| k == "embed")
            .any(|(_, v)| v.split(',').any(|e| e.trim().trim_matches('"').eq_ignore_ascii_case("mlp")))
    }
}

/// The parts of the customer GET the tiers need: the customer and `loyaltyProgramDetails[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct MemberLoyalty {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(deserialize_with = "or_default")]
    pub loyalty_program_details: Vec<PointsSummary>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

impl MemberLoyalty {
    /// The member's summary in program `id`, if they are enrolled.
    pub fn program(&self, id: i64) -> Option<&PointsSummary> {
        self.loyalty_program_details.iter().find(|p| p.program_id == Some(id))
    }
}

/// The words for an error of reading a member's tiers; else [`ApiError::headline`].
pub fn read_words(e: &ApiError) -> String {
    if e.is_auth() {
        return e.headline();
    }
    match e.code() {
        Some(8015) => "No such customer.".into(),
        Some(8089) => "Not enrolled in this program.".into(),
        Some(1620) => "This customer is not a member of the group.".into(),
        Some(8069) => "This customer was merged into another one.".into(),
        _ => e.headline(),
    }
}

// ------------------------------------------------------------------ matching the primary

/// How a member's tier compares with the primary's in one program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierStep {
    /// Already on the primary's tier: not sent.
    Same,
    Upgrade,
    Downgrade,
    /// The tiers' serial numbers are missing: nothing is sent.
    Unknown,
}

impl TierStep {
    pub fn action(self) -> Option<&'static str> {
        match self {
            TierStep::Upgrade => Some("UPGRADE"),
            TierStep::Downgrade => Some("DOWNGRADE"),
            TierStep::Same | TierStep::Unknown => None,
        }
    }
}

/// Tiers compared by `slabSNo` within one program.
pub fn step(primary: &PointsSummary, member: &PointsSummary) -> TierStep {
    match (primary.slab_s_no, member.slab_s_no) {
        (Some(p), Some(m)) if p > m => TierStep::Upgrade,
        (Some(p), Some(m)) if p < m => TierStep::Downgrade,
        (Some(_), Some(_)) => TierStep::Same,
        _ if !primary.current_slab.is_empty() && primary.current_slab == member.current_slab => TierStep::Same,
        _ => TierStep::Unknown,
    }
}

/// One member's line of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchLine {
    pub member: u64,
    pub name: String,
    pub from: String,
    pub to: String,
    pub step: TierStep,
}

/// The plan for the selected members (id, name, their summary in the program when read): one
/// line each, in order.
pub fn match_plan(primary: &PointsSummary, members: &[(u64, &str, Option<&PointsSummary>)]) -> Vec<MatchLine> {
    members
        .iter()
        .map(|&(member, name, summary)| MatchLine {
            member,
            name: name.to_string(),
            from: summary.map(|s| s.current_slab.clone()).unwrap_or_default(),
            to: primary.current_slab.clone(),
            step: summary.map(|s| step(primary, s)).unwrap_or(TierStep::Unknown),
        })
        .collect()
}

/// The confirmation before matching: "Arjun Sharma goes up from Silver to Gold; Kavya Sharma
/// goes down from Platinum to Gold. Each member's tier is changed on its own; some may fail.
/// Their tier then lasts as the program's rules say."
pub fn match_confirmation(lines: &[MatchLine]) -> String {
    let moves: Vec<String> = lines
        .iter()
        .filter_map(|l| match l.step {
            TierStep::Upgrade => Some(format!("{} goes up from {} to {}", l.name, l.from, l.to)),
            TierStep::Downgrade => Some(format!("{} goes down from {} to {}", l.name, l.from, l.to)),
            _ => None,
        })
        .collect();
    if moves.is_empty() {
        return "Every selected member is already on the primary's tier: nothing to change.".into();
    }
    format!(
        "{}. Each member's tier is changed on its own; some may fail. Their tier then lasts as the program's rules say.",
        moves.join("; ")
    )
}

/// The words of a line not sent: "Kavya Sharma: already Gold".
pub fn skipped_words(line: &MatchLine) -> Option<String> {
    match line.step {
        TierStep::Same => Some(format!("{}: already {}", line.name, line.to)),
        TierStep::Unknown => Some(format!("{}: their tier could not be read, so it was not changed.", line.name)),
        _ => None,
    }
}

// ------------------------------------------------------------------ the adjustment

/// `POST /v2/slab/manualSlabAdjustment?source=INSTORE&identifierName=id&identifierValue=…&type=CUSTOMER`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierAdjustQuery {
    pub identifier_name: String,
    pub identifier_value: String,
    /// `CUSTOMER`; `USERGROUP2` is refused by the newest page.
    pub kind: String,
    pub source: String,
}

impl TierAdjustQuery {
    pub fn customer(customer_id: u64) -> TierAdjustQuery {
        TierAdjustQuery {
            identifier_name: "id".into(),
            identifier_value: customer_id.to_string(),
            kind: crate::points::transfer::CUSTOMER.into(),
            source: DEFAULT_SOURCE.into(),
        }
    }

    pub fn to_query_string(&self) -> String {
        QueryWriter::new()
            .pair("source", &self.source)
            .pair("identifierName", &self.identifier_name)
            .pair("identifierValue", &self.identifier_value)
            .pair("type", &self.kind)
            .finish()
    }

    /// As sent; absent values are empty.
    pub fn from_query_string(qs: &str) -> TierAdjustQuery {
        let p = QueryParams::parse(qs);
        let text = |name: &str| p.text(name).unwrap_or("").to_string();
        TierAdjustQuery {
            identifier_name: text("identifierName"),
            identifier_value: text("identifierValue"),
            kind: text("type"),
            source: text("source"),
        }
    }
}

/// The adjustment's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TierAdjustment {
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub program_id: Option<i64>,
    /// `UPGRADE`, `DOWNGRADE`, `RENEWAL`, `EXTEND_CURRENT_TIER_EXPIRY_DATE`.
    #[serde(deserialize_with = "lenient_string")]
    pub slab_action: String,
    /// The target tier's name.
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub to_slab_name: String,
    #[serde(deserialize_with = "lenient_string")]
    pub manual_slab_action_validity: String,
    /// Days (sent as text by the example) or a date; not sent for `AS_PER_TIER_STRATEGY`.
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub manual_slab_action_validity_upto: String,
    #[serde(deserialize_with = "lenient_opt_bool", skip_serializing_if = "Option::is_none")]
    pub reassess_tier_on_next_activity: Option<bool>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub slab_change_reason: String,
}

impl TierAdjustment {
    /// The adjustment that puts a member on the primary's tier, as the guide's member example:
    /// `AS_PER_TIER_STRATEGY`, no `…Upto`. `None` for a line not to send.
    pub fn match_primary(program_id: i64, line: &MatchLine) -> Option<TierAdjustment> {
        Some(TierAdjustment {
            program_id: Some(program_id),
            slab_action: line.step.action()?.into(),
            to_slab_name: line.to.clone(),
            manual_slab_action_validity: "AS_PER_TIER_STRATEGY".into(),
            manual_slab_action_validity_upto: String::new(),
            reassess_tier_on_next_activity: None,
            slab_change_reason: MATCH_REASON.into(),
        })
    }
}

/// `sideEffects[]` of the answer: the `upgraded…` fields also carry a downgrade's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TierSideEffect {
    #[serde(deserialize_with = "lenient_string")]
    pub entity_type: String,
    #[serde(deserialize_with = "lenient_string")]
    pub previous_slab_name: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub previous_slab_number: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub upgraded_slab_name: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub upgraded_slab_number: Option<i64>,
    /// Like `30th Nov, 2025`, not ISO: shown as it is.
    #[serde(deserialize_with = "lenient_string")]
    pub slab_expiry_date: String,
    #[serde(rename = "type", deserialize_with = "lenient_string")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TierAdjusted {
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub program_id: Option<i64>,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<Id>,
    #[serde(deserialize_with = "or_default")]
    pub side_effects: Vec<TierSideEffect>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

impl TierAdjusted {
    /// "Arjun Sharma: Silver → Gold (until 30th Nov, 2025)".
    pub fn words(&self, member: &str) -> String {
        match self.side_effects.iter().find(|s| s.kind == "slab").or(self.side_effects.first()) {
            Some(s) => {
                let until = match s.slab_expiry_date.trim() {
                    "" => String::new(),
                    d => format!(" (until {d})"),
                };
                format!("{member}: {} → {}{until}", s.previous_slab_name, s.upgraded_slab_name)
            }
            None => format!("{member}: changed."),
        }
    }
}

/// The words for an error of the adjustment of `member` to `tier`; else
/// [`ApiError::headline`].
pub fn adjust_words(e: &ApiError, member: &str, tier: &str) -> String {
    let ApiError::Api { code: Some(code), message, .. } = e else { return e.headline() };
    match code {
        3045 => "This member's tier cannot be changed by hand (e.g. their account is flagged).".into(),
        8923 => format!("The program has no tier named {tier}."),
        8925 => format!("{tier} is not above {member}'s current tier."),
        8015 => "No such customer.".into(),
        1101 => "This program is not one the platform knows.".into(),
        400 if message.to_ascii_lowercase().contains("user group") => {
            "Manual tier changes are not available for user groups.".into()
        }
        8917 | 8920 | 8921 | 11030 => {
            format!("The console sent an adjustment the platform did not accept (code {code}): please report it.")
        }
        _ => e.headline(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(name: &str, serial: Option<i64>) -> PointsSummary {
        PointsSummary {
            program_id: Some(973),
            current_slab: name.into(),
            slab_s_no: serial,
            ..PointsSummary::default()
        }
    }

    #[test]
    fn a_members_tiers_are_read_from_the_customer_get() {
        let q = MemberTiersQuery { customer_id: 700100002 };
        assert_eq!(format!("{}?{}", q.path(), q.to_query_string()), "/v2/customers/700100002?source=INSTORE&embed=mlp");
        assert!(MemberTiersQuery::embeds_programs("source=INSTORE&embed=mlp"));
        assert!(MemberTiersQuery::embeds_programs("embed=points,MLP"));
        assert!(!MemberTiersQuery::embeds_programs("source=INSTORE&includedAllUserGroup2=true"));
        let m: MemberLoyalty = serde_json::from_str(
            r#"{"id": 700100002, "loyaltyProgramDetails": [{"programId": 973, "currentSlab": "Silver", "slabSNo": 1,
                "loyaltyPoints": 500}], "warnings": []}"#,
        )
        .unwrap();
        assert_eq!(m.program(973).map(|p| p.current_slab.as_str()), Some("Silver"));
        assert!(m.program(983).is_none());
        let none: MemberLoyalty = serde_json::from_str(r#"{"loyaltyProgramDetails": null}"#).unwrap();
        assert!(none.loyalty_program_details.is_empty());
        let e = |c| ApiError::Api { status: 400, code: Some(c), message: String::new() };
        assert_eq!(read_words(&e(8015)), "No such customer.");
        assert_eq!(read_words(&e(8089)), "Not enrolled in this program.");
        assert_eq!(read_words(&e(1620)), "This customer is not a member of the group.");
    }

    #[test]
    fn matching_goes_up_down_or_skips() {
        let gold = tier("Gold", Some(2));
        let (silver, platinum) = (tier("Silver", Some(1)), tier("Platinum", Some(3)));
        let also_gold = tier("Gold", Some(2));
        let plan = match_plan(
            &gold,
            &[
                (700100002, "Arjun Sharma", Some(&silver)),
                (700100003, "Kavya Sharma", Some(&platinum)),
                (700100004, "Dev Sharma", Some(&also_gold)),
                (700100005, "Unread", None),
            ],
        );
        let steps: Vec<TierStep> = plan.iter().map(|l| l.step).collect();
        assert_eq!(steps, [TierStep::Upgrade, TierStep::Downgrade, TierStep::Same, TierStep::Unknown]);
        assert_eq!(
            match_confirmation(&plan),
            "Arjun Sharma goes up from Silver to Gold; Kavya Sharma goes down from Platinum to Gold. Each member's \
             tier is changed on its own; some may fail. Their tier then lasts as the program's rules say."
        );
        assert_eq!(skipped_words(&plan[2]).unwrap(), "Dev Sharma: already Gold");
        assert!(skipped_words(&plan[0]).is_none());
        let up = TierAdjustment::match_primary(973, &plan[0]).unwrap();
        assert_eq!(
            serde_json::to_value(&up).unwrap(),
            serde_json::json!({"programId": 973, "slabAction": "UPGRADE", "toSlabName": "Gold",
                "manualSlabActionValidity": "AS_PER_TIER_STRATEGY", "slabChangeReason": "Matched to the primary member's tier"})
        );
        assert_eq!(TierAdjustment::match_primary(973, &plan[1]).unwrap().slab_action, "DOWNGRADE");
        assert!(
            TierAdjustment::match_primary(973, &plan[2]).is_none()
                && TierAdjustment::match_primary(973, &plan[3]).is_none()
        );
        assert_eq!(step(&tier("Gold", None), &tier("Gold", None)), TierStep::Same, "same name without serials");
        assert!(match_confirmation(&plan[2..3]).starts_with("Every selected member is already"));
        let q = TierAdjustQuery::customer(700100002);
        assert_eq!(q.to_query_string(), "source=INSTORE&identifierName=id&identifierValue=700100002&type=CUSTOMER");
        assert_eq!(TierAdjustQuery::from_query_string(&q.to_query_string()), q);
    }

    #[test]
    fn the_outcome_and_every_documented_code_in_words() {
        let done = TierAdjusted {
            side_effects: vec![TierSideEffect {
                previous_slab_name: "Silver".into(),
                upgraded_slab_name: "Gold".into(),
                slab_expiry_date: "30th Nov, 2025".into(),
                kind: "slab".into(),
                ..TierSideEffect::default()
            }],
            ..TierAdjusted::default()
        };
        assert_eq!(done.words("Arjun Sharma"), "Arjun Sharma: Silver → Gold (until 30th Nov, 2025)");
        let e = |c, m: &str| ApiError::Api { status: 400, code: Some(c), message: m.into() };
        let w = |c| adjust_words(&e(c, ""), "Arjun Sharma", "Gold");
        assert_eq!(w(3045), "This member's tier cannot be changed by hand (e.g. their account is flagged).");
        assert_eq!(w(8923), "The program has no tier named Gold.");
        assert_eq!(w(8925), "Gold is not above Arjun Sharma's current tier.");
        assert_eq!(w(8015), "No such customer.");
        assert_eq!(w(1101), "This program is not one the platform knows.");
        for c in [8917, 8920, 8921, 11030] {
            assert!(w(c).contains(&format!("code {c}")), "{c}");
        }
        assert_eq!(
            adjust_words(&e(400, "Manual tier adjustments aren't available for user groups"), "x", "y"),
            "Manual tier changes are not available for user groups."
        );
        assert_eq!(w(1), e(1, "").headline());
    }
}
