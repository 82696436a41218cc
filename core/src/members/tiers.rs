//! Members' tiers (docs/platform-api.md, "Tiers: the group's and its members'", reading "Member
//! tiers"): a member's tier per program, read from their customer GET with `embed=mlp`
//! (`loyaltyProgramDetails[]`, items named like the group's `pointsSummaries`); "Match the
//! primary's tier" planned member by member; the manual tier adjustment it sends (one customer
//! at a time, `type=CUSTOMER`) and its answer; and the words for their codes.

use serde::{Deserialize, Serialize};

use crate::group::wire::GroupDetails;
use crate::platform::endpoints;
use crate::platform::error::ApiError;
use crate::platform::query::{QueryParams, QueryWriter, DEFAULT_SOURCE};
use crate::platform::read::{lenient_i64, lenient_id, lenient_opt_bool, lenient_string, or_default, ApiWarning, Id};
use crate::points::transfer::active_primary;
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

// ------------------------------------------------------------------ the Members tab's board

/// Start-to-start spacing of the console's tier calls (reads and adjustments): one call per
/// 700 ms at most, so reading a family of 50 leaves most of a 100-calls-a-minute key (the
/// platform's usual limit) to the marketer's other work.
pub const PACE_MS: u32 = 700;

/// "Member tiers are shown for groups of up to 50 members: …" for a group of `active` members.
pub fn too_many_words(active: u64) -> String {
    format!(
        "{TOO_MANY_MEMBERS} Each member's tier is a call of its own to the platform, and this group has {active} \
         active members."
    )
}

/// The members whose tiers are read: the group's active members (primary first, then as the
/// GET lists them), or why none are read.
pub fn members_to_read(group: &GroupDetails) -> Result<Vec<u64>, String> {
    let active = group.active_members();
    if active as usize > MAX_MEMBERS {
        return Err(too_many_words(active));
    }
    let mut ids: Vec<u64> = group.fleet_group_users.iter().filter(|m| m.active).map(|m| m.user_id.0).collect();
    ids.dedup();
    if ids.is_empty() {
        return Err("This group has no active members whose tiers could be read.".into());
    }
    if let Some(p) = active_primary(&group.fleet_group_users) {
        ids.retain(|&id| id != p);
        ids.insert(0, p);
    }
    Ok(ids)
}

/// One member's read.
#[derive(Debug, Clone, PartialEq)]
pub enum TierRead {
    /// Not read yet (reads are paced).
    Waiting,
    Read(MemberLoyalty),
    Failed(ApiError),
}

/// Every active member's tiers as read (one call each), and the primary's among them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TierBoard {
    pub primary: Option<u64>,
    /// In reading order, the primary first.
    pub reads: Vec<(u64, TierRead)>,
}

/// The plan of "Match the primary's tier" in one program, for the selected members.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchPlan {
    pub program_id: i64,
    /// The primary's tier: the one matched.
    pub tier: String,
    /// One line per selected member who is not the primary and is in the program.
    pub lines: Vec<MatchLine>,
    /// Selected, but the primary: their tier is the one matched.
    pub primary_selected: bool,
    /// Selected members who are not in the program: nothing to match.
    pub not_enrolled: Vec<String>,
}

impl MatchPlan {
    /// The lines that are sent, one call each.
    pub fn to_send(&self) -> impl Iterator<Item = &MatchLine> {
        self.lines.iter().filter(|l| l.step.action().is_some())
    }

    /// Why a selected member is not sent, one sentence each.
    pub fn not_sent(&self, program: &str) -> Vec<String> {
        let mut out = Vec::new();
        if self.primary_selected {
            out.push(format!("The primary member: theirs is the tier matched ({}).", self.tier));
        }
        out.extend(self.lines.iter().filter_map(skipped_words));
        out.extend(self.not_enrolled.iter().map(|n| format!("{n}: not in {program}, so there is no tier to match.")));
        out
    }
}

impl TierBoard {
    /// The board before any read: every member waiting.
    pub fn new(primary: Option<u64>, members: &[u64]) -> TierBoard {
        TierBoard { primary, reads: members.iter().map(|&id| (id, TierRead::Waiting)).collect() }
    }

    pub fn set(&mut self, member: u64, read: TierRead) {
        match self.reads.iter_mut().find(|(id, _)| *id == member) {
            Some((_, r)) => *r = read,
            None => self.reads.push((member, read)),
        }
    }

    pub fn read(&self, member: u64) -> Option<&TierRead> {
        self.reads.iter().find(|(id, _)| *id == member).map(|(_, r)| r)
    }

    /// (read or failed, all): for the progress.
    pub fn progress(&self) -> (usize, usize) {
        (self.reads.iter().filter(|(_, r)| !matches!(r, TierRead::Waiting)).count(), self.reads.len())
    }

    pub fn finished(&self) -> bool {
        let (done, all) = self.progress();
        done == all
    }

    /// The members whose read failed.
    pub fn failed(&self) -> Vec<u64> {
        self.reads.iter().filter(|(_, r)| matches!(r, TierRead::Failed(_))).map(|(id, _)| *id).collect()
    }

    /// A member's summary in a program, when read and enrolled.
    pub fn summary(&self, member: u64, program_id: i64) -> Option<&PointsSummary> {
        match self.read(member)? {
            TierRead::Read(m) => m.program(program_id),
            _ => None,
        }
    }

    /// The programs to show: the group's (`group`, its `pointsSummaries`' programs as the
    /// dialogs offer them), else those the primary is in.
    pub fn programs(&self, group: &[crate::points::checks::Program]) -> Vec<(i64, String)> {
        if !group.is_empty() {
            return group.iter().map(|p| (p.id, p.title.clone())).collect();
        }
        let primary = self.primary.and_then(|p| match self.read(p) {
            Some(TierRead::Read(m)) => Some(crate::points::checks::programs(&m.loyalty_program_details)),
            _ => None,
        });
        primary.unwrap_or_default().into_iter().map(|p| (p.id, p.title)).collect()
    }

    /// Why the tiers of `program` are read-only ("Match the primary's tier" not offered), in
    /// words; `None` when matching can be offered.
    pub fn read_only_reason(&self, program_id: i64, program: &str) -> Option<String> {
        if let Some(why) = self.read_only() {
            return Some(why);
        }
        match self.primary.and_then(|p| self.summary(p, program_id)) {
            Some(s) if !s.current_slab.trim().is_empty() => None,
            _ => Some(format!("The primary member has no tier in {program}: there is no tier to match.")),
        }
    }

    /// Why no program's tiers can be matched (still reading, a read failed, no primary), in
    /// words; `None` when it depends on the program.
    pub fn read_only(&self) -> Option<String> {
        if !self.finished() {
            return Some("The tiers are still being read.".into());
        }
        let failed = self.failed().len();
        if failed > 0 {
            let whose = if failed == 1 { "1 member's tier".to_string() } else { format!("{failed} members' tiers") };
            return Some(format!(
                "{whose} could not be read, so the tiers are shown read-only. Read them again to match them."
            ));
        }
        if self.primary.is_none() {
            return Some("This group has no active primary member: there is no tier to match.".into());
        }
        None
    }

    /// A member's cell: one line per program (`programs`, from [`programs`](Self::programs)),
    /// named when there are several; one line when the read failed or is still to come.
    pub fn cell(&self, member: u64, programs: &[(i64, String)]) -> Vec<String> {
        match (self.read(member), programs) {
            (None, _) | (Some(TierRead::Read(_)), []) => vec!["—".into()],
            (Some(TierRead::Waiting | TierRead::Failed(_)), _) => vec![self.cell_words(member, 0)],
            (Some(TierRead::Read(_)), [(id, _)]) => vec![self.cell_words(member, *id)],
            (Some(TierRead::Read(_)), several) => {
                several.iter().map(|(id, title)| format!("{title}: {}", self.cell_words(member, *id))).collect()
            }
        }
    }

    /// A member's tier in a program as their cell says it: "Silver (primary: Gold)",
    /// "Gold (as the primary)", "Gold" for the primary, or why there is none.
    pub fn cell_words(&self, member: u64, program_id: i64) -> String {
        let read = match self.read(member) {
            None => return "—".into(),
            Some(TierRead::Waiting) => return "Reading…".into(),
            Some(TierRead::Failed(e)) => return format!("Not read: {}", read_words(e)),
            Some(TierRead::Read(m)) => m,
        };
        let Some(own) = read.program(program_id) else { return "Not in this program".into() };
        let tier = match own.current_slab.trim() {
            "" => return "No tier".into(),
            t => t,
        };
        if Some(member) == self.primary {
            return tier.to_string();
        }
        match self.primary.and_then(|p| self.summary(p, program_id)) {
            Some(p) if !p.current_slab.trim().is_empty() => match step(p, own) {
                TierStep::Same => format!("{tier} (as the primary)"),
                _ => format!("{tier} (primary: {})", p.current_slab.trim()),
            },
            _ => tier.to_string(),
        }
    }

    /// "Match the primary's tier" in `program_id` for the selected members (id, name), or why
    /// it cannot be offered.
    pub fn plan(&self, program_id: i64, program: &str, selected: &[(u64, String)]) -> Result<MatchPlan, String> {
        if let Some(why) = self.read_only_reason(program_id, program) {
            return Err(why);
        }
        let primary_id = self.primary.unwrap_or_default();
        let primary = self.summary(primary_id, program_id).cloned().unwrap_or_default();
        let others: Vec<&(u64, String)> = selected.iter().filter(|(id, _)| *id != primary_id).collect();
        let enrolled = |id: u64| !matches!(self.read(id), Some(TierRead::Read(m)) if m.program(program_id).is_none());
        let not_enrolled: Vec<String> =
            others.iter().filter(|(id, _)| !enrolled(*id)).map(|(_, name)| name.clone()).collect();
        let members: Vec<(u64, &str, Option<&PointsSummary>)> = others
            .iter()
            .filter(|(id, _)| enrolled(*id))
            .map(|(id, name)| (*id, name.as_str(), self.summary(*id, program_id)))
            .collect();
        Ok(MatchPlan {
            program_id,
            tier: primary.current_slab.trim().to_string(),
            lines: match_plan(&primary, &members),
            primary_selected: selected.iter().any(|(id, _)| *id == primary_id),
            not_enrolled,
        })
    }

    /// After a change went through: the member's tier in the program is what the answer says
    /// (its `upgraded…` fields), else the target of the line.
    pub fn changed(&mut self, line: &MatchLine, program_id: i64, answer: Option<&TierAdjusted>) {
        let effect = answer.and_then(|a| a.side_effects.iter().find(|s| s.kind == "slab").or(a.side_effects.first()));
        let primary_serial = self.primary.and_then(|p| self.summary(p, program_id)).and_then(|p| p.slab_s_no);
        let (name, serial) = match effect {
            Some(e) if !e.upgraded_slab_name.trim().is_empty() => {
                (e.upgraded_slab_name.clone(), e.upgraded_slab_number)
            }
            _ => (line.to.clone(), primary_serial),
        };
        if let Some((_, TierRead::Read(m))) = self.reads.iter_mut().find(|(id, _)| *id == line.member) {
            if let Some(s) = m.loyalty_program_details.iter_mut().find(|s| s.program_id == Some(program_id)) {
                s.current_slab = name;
                s.slab_s_no = serial;
            }
        }
    }
}

/// How one member's adjustment ended.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchResult {
    /// "Arjun Sharma: Silver → Gold (until 30th Nov, 2025)".
    Changed(String),
    /// Refused: the words, and the status, code and message for support.
    Refused { words: String, technical: String },
    /// The answer was lost; a fresh read of the member says whether it went through.
    Lost { changed: bool, words: String },
    /// Refused as not a step up or down (8925), and a fresh read shows the member already on
    /// the tier: e.g. an earlier attempt went through (a browser may itself resend a request
    /// whose connection dropped).
    Already(String),
}

impl MatchResult {
    pub fn changed(&self) -> bool {
        matches!(self, MatchResult::Changed(_) | MatchResult::Lost { changed: true, .. } | MatchResult::Already(_))
    }

    /// After an 8925 the member is read again (`now`): already on the tier is not a failure.
    pub fn after_not_a_step(e: &ApiError, line: &MatchLine, now: Option<&PointsSummary>) -> MatchResult {
        match now.map(|s| s.current_slab.trim()) {
            Some(t) if t.eq_ignore_ascii_case(line.to.trim()) => MatchResult::Already(format!(
                "{}: already {t}. The platform refused the change as no step from their tier (code 8925), and their \
                 tier now reads {t}.",
                line.name
            )),
            _ => MatchResult::refused(e, line),
        }
    }

    /// A refusal of `line`'s adjustment.
    pub fn refused(e: &ApiError, line: &MatchLine) -> MatchResult {
        MatchResult::Refused { words: adjust_words(e, &line.name, &line.to), technical: e.technical() }
    }

    /// A lost answer, judged by the member's tier read again afterwards (`None`: that read
    /// failed too). Nothing is sent again either way.
    pub fn lost(line: &MatchLine, now: Option<&PointsSummary>) -> MatchResult {
        let name = &line.name;
        match now.map(|s| s.current_slab.trim()) {
            Some(t) if t.eq_ignore_ascii_case(line.to.trim()) => MatchResult::Lost {
                changed: true,
                words: format!(
                    "{name}: the answer was lost, but their tier is now {t}: the change went through. Nothing was \
                     sent again."
                ),
            },
            Some(t) => MatchResult::Lost {
                changed: false,
                words: format!(
                    "{name}: the answer was lost, and their tier is still {t}: it was not changed. Nothing was sent \
                     again."
                ),
            },
            None => MatchResult::Lost {
                changed: false,
                words: format!(
                    "{name}: the answer was lost, and their tier could not be read again: look at their tier before \
                     trying again. Nothing was sent again."
                ),
            },
        }
    }
}

/// The activity log's entry for a run: what (the program, the tier, who) and the outcome, and
/// whether every member sent was changed.
pub fn activity_words(program: &str, plan: &MatchPlan, done: &[(MatchLine, MatchResult)]) -> (String, String, bool) {
    let who: Vec<String> = done.iter().map(|(l, _)| format!("{} ({} → {})", l.name, l.from, l.to)).collect();
    let what = format!("{program}, to the primary's tier {}: {}", plan.tier, who.join(", "));
    let changed = done.iter().filter(|(_, r)| r.changed()).count();
    let not: Vec<String> = done
        .iter()
        .filter(|(_, r)| !r.changed())
        .map(|(l, r)| match r {
            MatchResult::Refused { technical, .. } if !technical.is_empty() => format!("{} ({technical})", l.name),
            MatchResult::Lost { .. } => format!("{} (answer lost)", l.name),
            _ => l.name.clone(),
        })
        .collect();
    let skipped = plan.lines.iter().filter(|l| l.step.action().is_none()).count() + plan.not_enrolled.len();
    let mut outcome = format!("{changed} changed");
    if !not.is_empty() {
        outcome.push_str(&format!("; {} not changed: {}", not.len(), not.join(", ")));
    }
    if skipped > 0 {
        outcome.push_str(&format!("; {skipped} not sent"));
    }
    (what, outcome, not.is_empty())
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

    fn member(id: u64, primary: bool, active: bool) -> crate::group::member_list::Member {
        crate::group::member_list::Member { user_id: Id(id), primary_member: primary, active, ..Default::default() }
    }

    fn loyalty(tiers: &[(i64, &str, i64)]) -> TierRead {
        TierRead::Read(MemberLoyalty {
            loyalty_program_details: tiers
                .iter()
                .map(|&(program, name, serial)| PointsSummary {
                    program_id: Some(program),
                    current_slab: name.into(),
                    slab_s_no: Some(serial),
                    ..PointsSummary::default()
                })
                .collect(),
            ..MemberLoyalty::default()
        })
    }

    /// The Sharma family as the emulator seeds it: Priya (primary) Gold, Arjun Silver, Kavya
    /// Platinum, Dev Gold; all in 973, Kavya also in 983.
    fn sharma() -> TierBoard {
        let mut b = TierBoard::new(Some(1), &[1, 2, 3, 4]);
        b.set(1, loyalty(&[(973, "Gold", 2)]));
        b.set(2, loyalty(&[(973, "Silver", 1)]));
        b.set(3, loyalty(&[(973, "Platinum", 3), (983, "Coral", 2)]));
        b.set(4, loyalty(&[(973, "Gold", 2)]));
        b
    }

    #[test]
    fn the_tiers_of_up_to_50_active_members_are_read_primary_first() {
        let mut g = GroupDetails {
            fleet_group_users: vec![member(11, false, true), member(12, true, true), member(13, false, false)],
            ..GroupDetails::default()
        };
        assert_eq!(members_to_read(&g), Ok(vec![12, 11]), "the primary first, the exited member left out");
        g.fleet_group_users = (1..=50).map(|i| member(i, i == 1, true)).collect();
        assert_eq!(members_to_read(&g).unwrap().len(), 50);
        g.fleet_group_users.push(member(51, false, true));
        let why = members_to_read(&g).unwrap_err();
        assert!(why.starts_with(TOO_MANY_MEMBERS) && why.contains("this group has 51 active members"), "{why}");
        // The platform's count wins over the list it sent.
        g.fleet_group_users.truncate(3);
        g.total_active_members = Some(290);
        assert!(members_to_read(&g).unwrap_err().contains("290 active members"));
        g.total_active_members = None;
        g.fleet_group_users = vec![member(1, true, false)];
        assert!(members_to_read(&g).is_err(), "no active member, nothing to read");
    }

    #[test]
    fn each_members_cell_says_their_tier_beside_the_primarys() {
        let mut b = sharma();
        assert_eq!(b.cell_words(1, 973), "Gold", "the primary's own");
        assert_eq!(b.cell_words(2, 973), "Silver (primary: Gold)");
        assert_eq!(b.cell_words(3, 973), "Platinum (primary: Gold)");
        assert_eq!(b.cell_words(4, 973), "Gold (as the primary)");
        assert_eq!(b.cell_words(3, 983), "Coral", "the primary has no tier there to compare");
        assert_eq!(b.cell_words(2, 983), "Not in this program");
        assert_eq!(b.cell_words(9, 973), "—", "not a member read");
        let one = [(973, "DocDemoDefaultProgram".to_string())];
        let two = [(973, "DocDemoDefaultProgram".to_string()), (983, "Group Loyalty Program".to_string())];
        assert_eq!(b.cell(2, &one), ["Silver (primary: Gold)"]);
        assert_eq!(
            b.cell(3, &two),
            ["DocDemoDefaultProgram: Platinum (primary: Gold)", "Group Loyalty Program: Coral"]
        );
        assert_eq!(b.cell(3, &[]), ["—"], "no program known");
        assert_eq!(b.programs(&[]), [(973, "program 973".to_string())], "the primary's programs");
        b.set(4, TierRead::Waiting);
        assert_eq!(b.cell_words(4, 973), "Reading…");
        b.set(4, TierRead::Failed(ApiError::Api { status: 400, code: Some(8015), message: String::new() }));
        assert_eq!(b.cell_words(4, 973), "Not read: No such customer.");
        assert_eq!(b.cell(4, &two), ["Not read: No such customer."], "one line, not one per program");
    }

    #[test]
    fn matching_is_offered_only_when_every_tier_was_read() {
        let mut b = sharma();
        assert_eq!(b.read_only_reason(973, "DocDemoDefaultProgram"), None);
        assert_eq!(
            b.read_only_reason(983, "Group Loyalty Program").unwrap(),
            "The primary member has no tier in Group Loyalty Program: there is no tier to match."
        );
        b.set(2, TierRead::Waiting);
        assert_eq!(b.progress(), (3, 4));
        assert_eq!(b.read_only_reason(973, "P").unwrap(), "The tiers are still being read.");
        b.set(2, TierRead::Failed(ApiError::Timeout { secs: 30 }));
        assert_eq!(b.failed(), vec![2]);
        assert_eq!(
            b.read_only_reason(973, "P").unwrap(),
            "1 member's tier could not be read, so the tiers are shown read-only. Read them again to match them."
        );
        assert!(b.plan(973, "P", &[(3, "Kavya Sharma".into())]).is_err(), "no plan while read-only");
        b.set(3, TierRead::Failed(ApiError::Timeout { secs: 30 }));
        assert!(b.read_only_reason(973, "P").unwrap().starts_with("2 members' tiers could not be read"));
        let orphan = TierBoard { primary: None, reads: vec![(2, loyalty(&[(973, "Silver", 1)]))] };
        assert!(orphan.read_only_reason(973, "P").unwrap().contains("no active primary member"));
    }

    #[test]
    fn the_plan_goes_up_down_and_skips_the_primary_the_matched_and_the_unenrolled() {
        let mut b = sharma();
        b.set(5, loyalty(&[(983, "Coral", 2)]));
        let selected: Vec<(u64, String)> =
            [(1, "Priya Sharma"), (2, "Arjun Sharma"), (3, "Kavya Sharma"), (4, "Dev Sharma"), (5, "Meera Sharma")]
                .iter()
                .map(|(id, n)| (*id, n.to_string()))
                .collect();
        let plan = b.plan(973, "DocDemoDefaultProgram", &selected).unwrap();
        assert_eq!(plan.tier, "Gold");
        assert!(plan.primary_selected);
        let sent: Vec<(&str, Option<&str>)> = plan.to_send().map(|l| (l.name.as_str(), l.step.action())).collect();
        assert_eq!(sent, [("Arjun Sharma", Some("UPGRADE")), ("Kavya Sharma", Some("DOWNGRADE"))]);
        assert_eq!(
            match_confirmation(&plan.lines),
            "Arjun Sharma goes up from Silver to Gold; Kavya Sharma goes down from Platinum to Gold. Each member's \
             tier is changed on its own; some may fail. Their tier then lasts as the program's rules say."
        );
        assert_eq!(
            plan.not_sent("DocDemoDefaultProgram"),
            [
                "The primary member: theirs is the tier matched (Gold).",
                "Dev Sharma: already Gold",
                "Meera Sharma: not in DocDemoDefaultProgram, so there is no tier to match.",
            ]
        );
        let bodies: Vec<TierAdjustment> =
            plan.to_send().filter_map(|l| TierAdjustment::match_primary(973, l)).collect();
        assert_eq!(bodies.len(), 2);
        assert_eq!((bodies[1].slab_action.as_str(), bodies[1].to_slab_name.as_str()), ("DOWNGRADE", "Gold"));
        let only_matched = b.plan(973, "P", &[(4, "Dev Sharma".into())]).unwrap();
        assert_eq!(only_matched.to_send().count(), 0);
    }

    #[test]
    fn a_change_updates_the_board_and_a_retry_then_skips_that_member() {
        let mut b = sharma();
        let selected = [(2, "Arjun Sharma".to_string()), (3, "Kavya Sharma".to_string())];
        let plan = b.plan(973, "P", &selected).unwrap();
        let answer: TierAdjusted = serde_json::from_str(
            r#"{"programId": 973, "entityId": 2, "sideEffects": [{"entityType": "USER", "previousSlabName": "Silver",
                "previousSlabNumber": 1, "upgradedSlabName": "Gold", "upgradedSlabNumber": 2,
                "slabExpiryDate": "30th Nov, 2027", "type": "slab"}], "warnings": []}"#,
        )
        .unwrap();
        b.changed(&plan.lines[0], 973, Some(&answer));
        assert_eq!(b.cell_words(2, 973), "Gold (as the primary)");
        // No side effects in the answer: the target of the line, with the primary's serial.
        b.changed(&plan.lines[1], 973, None);
        assert_eq!(b.summary(3, 973).map(|s| (s.current_slab.as_str(), s.slab_s_no)), Some(("Gold", Some(2))));
        let again = b.plan(973, "P", &selected).unwrap();
        assert_eq!(again.to_send().count(), 0, "both already on Gold");
    }

    #[test]
    fn a_lost_answer_is_judged_by_a_fresh_read_and_never_resent() {
        let plan = sharma().plan(973, "DocDemoDefaultProgram", &[(2, "Arjun Sharma".into())]).unwrap();
        let line = &plan.lines[0];
        let now = |t: &str| PointsSummary { current_slab: t.into(), ..PointsSummary::default() };
        let went = MatchResult::lost(line, Some(&now("Gold")));
        assert!(went.changed());
        assert_eq!(
            went,
            MatchResult::Lost {
                changed: true,
                words: "Arjun Sharma: the answer was lost, but their tier is now Gold: the change went through. \
                        Nothing was sent again."
                    .into()
            }
        );
        let not = MatchResult::lost(line, Some(&now("Silver")));
        assert!(!not.changed());
        assert!(matches!(&not, MatchResult::Lost { words, .. } if words.contains("still Silver: it was not changed")));
        let unknown = MatchResult::lost(line, None);
        assert!(
            matches!(&unknown, MatchResult::Lost { changed: false, words } if words.contains("could not be read again"))
        );
        let step =
            ApiError::Api { status: 400, code: Some(8925), message: "Upgrade is only allowed to a tier above".into() };
        let already = MatchResult::after_not_a_step(&step, line, Some(&now("Gold")));
        assert!(already.changed());
        assert_eq!(
            already,
            MatchResult::Already(
                "Arjun Sharma: already Gold. The platform refused the change as no step from their tier (code 8925), \
                 and their tier now reads Gold."
                    .into()
            )
        );
        assert_eq!(
            MatchResult::after_not_a_step(&step, line, Some(&now("Silver"))),
            MatchResult::refused(&step, line),
            "still below: the refusal stands"
        );
        assert!(!MatchResult::after_not_a_step(&step, line, None).changed());
        let refused = MatchResult::refused(
            &ApiError::Api { status: 400, code: Some(3045), message: "Tier adjustment not allowed".into() },
            line,
        );
        assert_eq!(
            refused,
            MatchResult::Refused {
                words: "This member's tier cannot be changed by hand (e.g. their account is flagged).".into(),
                technical: "HTTP 400 · code 3045 · Tier adjustment not allowed".into()
            }
        );
    }

    #[test]
    fn the_activity_log_names_the_program_the_members_and_the_outcome() {
        let b = sharma();
        let plan = b
            .plan(
                973,
                "DocDemoDefaultProgram",
                &[(2, "Arjun Sharma".into()), (3, "Kavya Sharma".into()), (4, "Dev Sharma".into())],
            )
            .unwrap();
        let sent: Vec<MatchLine> = plan.to_send().cloned().collect();
        let ok = MatchResult::Changed("Arjun Sharma: Silver → Gold".into());
        let no = MatchResult::Refused { words: "x".into(), technical: "HTTP 400 · code 3045".into() };
        let (what, outcome, all_ok) =
            activity_words("DocDemoDefaultProgram", &plan, &[(sent[0].clone(), ok.clone()), (sent[1].clone(), no)]);
        assert_eq!(
            what,
            "DocDemoDefaultProgram, to the primary's tier Gold: Arjun Sharma (Silver → Gold), Kavya Sharma (Platinum → Gold)"
        );
        assert_eq!(outcome, "1 changed; 1 not changed: Kavya Sharma (HTTP 400 · code 3045); 1 not sent");
        assert!(!all_ok);
        let (_, outcome, all_ok) = activity_words("P", &plan, &[(sent[0].clone(), ok)]);
        assert_eq!((outcome.as_str(), all_ok), ("1 changed; 1 not sent", true));
    }
}
