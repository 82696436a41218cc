//! Issuing points to a group by hand, tied to a bill or a target (docs/platform-api.md, "Manual
//! issue"): the items of `POST /v2/customers/bulk/manualCurrencyAllocate`, its answer (HTTP 200,
//! or 207 when some items failed) read item by item with their side effects, the checks before
//! sending, and the words for its codes; the issue as confirmed (kept until its outcome is
//! known, so a resend carries the same `uniqueId`), what the ledger says after a lost answer,
//! and the strategies remembered per program.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::console::settings::AuthMode;
use crate::group::wire::GroupDetails;
use crate::history::ledger::{LedgerAnswer, LedgerEntry};
use crate::platform::error::ApiError;
use crate::platform::fields::{self, FieldError, NumberKind};
use crate::platform::format::{group_digits, parse_date};
use crate::platform::read::{
    lenient_f64, lenient_i64, lenient_id, lenient_string, or_default, write_number, ApiWarning, Id,
};
use crate::points::checks::{self, points_text};

/// The event of a bill, and of a completed target.
pub const BILL_EVENT: &str = "TransactionAdd";
pub const TARGET_EVENT: &str = "TargetCompleted";
/// A fixed award: the strategy does not compute on an amount.
pub const FIXED_AWARD: f64 = -1.0;
/// At most this many items in one call.
pub const MAX_ITEMS: usize = 10;
/// `uniqueId`: our limit, so any platform keeps it whole.
pub const MAX_UNIQUE_ID: usize = 64;

/// `lookupParams`: for a group, its entity type and id and nothing else; the docs' group example
/// also sends a mobile number, read here but never sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct LookupParams {
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub identifier_type: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub identifier_value: String,
    #[serde(deserialize_with = "lenient_string")]
    pub entity_type: String,
    /// A number, as the group example sends it (the field table says text).
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<Id>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub account_id: String,
}

/// One item of the body (a JSON list of 1 to 10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct AllocateItem {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub org_id: Option<Id>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub program_id: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub award_strategy_id: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub expiry_strategy_id: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub promotion_id: Option<i64>,
    #[serde(
        deserialize_with = "lenient_f64",
        serialize_with = "write_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub source_value: Option<f64>,
    #[serde(deserialize_with = "lenient_string")]
    pub event_name: String,
    /// The bill's transaction id, or the target's achieved id: text.
    #[serde(deserialize_with = "lenient_string")]
    pub event_source_id: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub currency_type: String,
    /// Made once before the first attempt and reused by every resend: a repeat then fails with
    /// 6006 instead of issuing twice.
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub unique_id: String,
    #[serde(deserialize_with = "or_default")]
    pub lookup_params: LookupParams,
}

/// What a manual issue is tied to.
#[derive(Debug, Clone, PartialEq)]
pub enum IssueEvent {
    /// A bill of the group, by its transaction id (shown by its bill number).
    Bill { transaction_id: String, bill_number: String },
    /// A completed target, by its achieved id.
    Target { achieved_id: String },
}

/// The checked values of the issue dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueInput {
    pub org_id: u64,
    pub program_id: i64,
    pub award_strategy_id: u64,
    pub expiry_strategy_id: u64,
    pub event: IssueEvent,
    /// The bill's amount (editable), or -1 for a target.
    pub source_value: f64,
}

impl AllocateItem {
    /// The one item the console sends: for group `group_id`, with the `unique_id` made for
    /// this issue ([`unique_id`]).
    pub fn for_group(group_id: u64, input: &IssueInput, unique_id: &str) -> AllocateItem {
        let (event_name, event_source_id) = match &input.event {
            IssueEvent::Bill { transaction_id, .. } => (BILL_EVENT, transaction_id.clone()),
            IssueEvent::Target { achieved_id } => (TARGET_EVENT, achieved_id.clone()),
        };
        AllocateItem {
            org_id: Some(Id(input.org_id)),
            program_id: Some(input.program_id),
            award_strategy_id: Some(input.award_strategy_id as i64),
            expiry_strategy_id: Some(input.expiry_strategy_id as i64),
            promotion_id: Some(-1),
            source_value: Some(input.source_value),
            event_name: event_name.into(),
            event_source_id,
            currency_type: "REGULAR".into(),
            unique_id: unique_id.into(),
            lookup_params: LookupParams {
                entity_type: crate::points::transfer::USERGROUP2.into(),
                group_id: Some(Id(group_id)),
                ..LookupParams::default()
            },
        }
    }
}

/// A `uniqueId` for one issue to a group: `gc-<group>-<random hex>`, at most 64 characters.
pub fn unique_id(group_id: u64, random: u64) -> String {
    let id = format!("gc-{group_id}-{random:016x}");
    id.chars().take(MAX_UNIQUE_ID).collect()
}

/// The platform takes manual issues with Basic credentials only: with OAuth the action is off,
/// and says why. A proxy that holds the credentials may hold either: the platform decides.
pub fn needs_basic(mode: AuthMode) -> Option<&'static str> {
    match mode {
        AuthMode::Basic | AuthMode::Server => None,
        AuthMode::OauthToken | AuthMode::OauthClient => {
            Some("Issue points needs Basic credentials (till and password): the platform takes no other.")
        }
    }
}

// ------------------------------------------------------------------ the answer

/// A side effect of an item: points (`type: "points"`) or an alternate currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct SideEffect {
    #[serde(deserialize_with = "lenient_string")]
    pub entity_type: String,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub raw_awarded_points: Option<f64>,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub awarded_points: Option<f64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    #[serde(rename = "type", deserialize_with = "lenient_string")]
    pub kind: String,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub raw_awarded_value: Option<f64>,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub awarded_value: Option<f64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub alternate_currency_identifier: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub alternate_currency_name: String,
}

/// One item of the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct AllocateResult {
    /// `SUCCESS`; `FAILED` in the table, `FAILURE` in the example.
    #[serde(deserialize_with = "lenient_string")]
    pub status: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub event_log_id: Option<i64>,
    /// The customer or group credited.
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub http_status: Option<i64>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub side_effects: Vec<SideEffect>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ApiWarning>,
}

impl AllocateResult {
    pub fn succeeded(&self) -> bool {
        self.status.trim().eq_ignore_ascii_case("SUCCESS")
    }

    /// The points awarded: the side effects of type `points`.
    pub fn points(&self) -> f64 {
        self.side_effects.iter().filter(|s| s.kind == "points").filter_map(|s| s.awarded_points).sum()
    }

    /// 6006: the `uniqueId` was used before: an earlier attempt of the same issue went through.
    pub fn already_issued(&self) -> bool {
        self.errors.iter().any(|e| e.code == Some(6006))
    }

    /// "Issued 500 points to The Sharma Family (event 634510809)." / "Not issued: …".
    pub fn words(&self, group: &str) -> String {
        if self.succeeded() {
            let event = self.event_log_id.filter(|id| *id > 0).map(|id| format!(" (event {id})")).unwrap_or_default();
            return format!("Issued {} points to {group}{event}.", points_text(self.points()));
        }
        let first = self.errors.first();
        let why = item_words(first.and_then(|e| e.code), first.map(|e| e.message.as_str()).unwrap_or(""));
        format!("Not issued: {why}")
    }
}

/// `{total, success, failures, data[], warnings}`, read whenever the status is 200 or 207.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct AllocateAnswer {
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub success: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub failures: Option<i64>,
    #[serde(deserialize_with = "or_default")]
    pub data: Vec<AllocateResult>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

impl AllocateAnswer {
    pub fn failed(&self) -> impl Iterator<Item = &AllocateResult> {
        self.data.iter().filter(|r| !r.succeeded())
    }
}

// ------------------------------------------------------------------ checks before sending

/// What the issue dialog holds.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueForm<'a> {
    /// From Settings.
    pub org_id: Option<u64>,
    pub program_id: i64,
    pub award_strategy: &'a str,
    pub expiry_strategy: &'a str,
    pub event: IssueEvent,
    /// The bill's amount as shown (editable); ignored for a target.
    pub source_value: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueField {
    Whole,
    Program,
    AwardStrategy,
    ExpiryStrategy,
    Event,
    SourceValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum IssueProblem {
    GroupCannotAct(&'static str),
    NoOrgId,
    NotInProgram { program: i64 },
    Strategy(IssueField, FieldError),
    NoEvent,
    SourceValue,
}

impl IssueProblem {
    pub fn field(&self) -> IssueField {
        match self {
            IssueProblem::GroupCannotAct(_) | IssueProblem::NoOrgId => IssueField::Whole,
            IssueProblem::NotInProgram { .. } => IssueField::Program,
            IssueProblem::Strategy(field, _) => *field,
            IssueProblem::NoEvent => IssueField::Event,
            IssueProblem::SourceValue => IssueField::SourceValue,
        }
    }
}

impl std::fmt::Display for IssueProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IssueProblem::GroupCannotAct(why) => f.write_str(why),
            IssueProblem::NoOrgId => f.write_str("Set the org ID in Settings: the platform needs it to issue points."),
            IssueProblem::NotInProgram { program } => {
                write!(f, "This group is not in program {program}: choose one of its programs.")
            }
            IssueProblem::Strategy(_, FieldError::NotANumber(_) | FieldError::Decimal(_)) => {
                f.write_str("Enter the strategy's ID: a whole number, like 111523.")
            }
            IssueProblem::Strategy(_, FieldError::BelowOne(_)) => f.write_str("A strategy ID is at least 1."),
            IssueProblem::Strategy(_, e) => e.fmt(f),
            IssueProblem::NoEvent => f.write_str("Choose a bill, or enter the target's achieved ID."),
            IssueProblem::SourceValue => f.write_str("Enter the bill's amount: a number above 0."),
        }
    }
}

fn strategy(raw: &str, field: IssueField, what: &'static str) -> Result<u64, IssueProblem> {
    if raw.trim().is_empty() {
        return Err(IssueProblem::Strategy(field, FieldError::Required(what)));
    }
    fields::whole_number(raw, NumberKind::Rank).map_err(|e| IssueProblem::Strategy(field, e))
}

/// The issue dialog's checks: an active group, one of its programs, the org id set, strategy
/// ids whole and above 0, a bill or a target id, and a bill amount above 0 (a target sends the
/// fixed -1).
pub fn check_issue(group: &GroupDetails, form: &IssueForm) -> Result<IssueInput, Vec<IssueProblem>> {
    let mut problems = vec![];
    if let Some(why) = checks::no_actions_reason(group.group_status) {
        problems.push(IssueProblem::GroupCannotAct(why));
    }
    if form.org_id.is_none() {
        problems.push(IssueProblem::NoOrgId);
    }
    if checks::program(&group.points_summaries, form.program_id).is_none() {
        problems.push(IssueProblem::NotInProgram { program: form.program_id });
    }
    let award = strategy(form.award_strategy, IssueField::AwardStrategy, "the award strategy's ID");
    let expiry = strategy(form.expiry_strategy, IssueField::ExpiryStrategy, "the expiry strategy's ID");
    let event = match &form.event {
        IssueEvent::Bill { transaction_id, .. } if transaction_id.trim().is_empty() => Err(IssueProblem::NoEvent),
        IssueEvent::Target { achieved_id } if achieved_id.trim().is_empty() => Err(IssueProblem::NoEvent),
        IssueEvent::Bill { transaction_id, bill_number } => Ok(IssueEvent::Bill {
            transaction_id: transaction_id.trim().into(),
            bill_number: bill_number.trim().into(),
        }),
        IssueEvent::Target { achieved_id } => Ok(IssueEvent::Target { achieved_id: achieved_id.trim().into() }),
    };
    let value = match &form.event {
        IssueEvent::Target { .. } => Ok(FIXED_AWARD),
        IssueEvent::Bill { .. } => form
            .source_value
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0)
            .ok_or(IssueProblem::SourceValue),
    };
    match (award, expiry, event, value, form.org_id) {
        (Ok(award), Ok(expiry), Ok(event), Ok(source_value), Some(org_id)) if problems.is_empty() => Ok(IssueInput {
            org_id,
            program_id: form.program_id,
            award_strategy_id: award,
            expiry_strategy_id: expiry,
            event,
            source_value,
        }),
        (award, expiry, event, value, _) => {
            problems.extend([award.err(), expiry.err(), event.err(), value.err()].into_iter().flatten());
            Err(problems)
        }
    }
}

/// "Issue points to The Sharma Family for bill 2152312071 (5,000.00) in DocDemoDefaultProgram,
/// computed by award strategy 111523, expiring by 111581? The number of points is decided by
/// the strategy."
pub fn confirmation(input: &IssueInput, group: &str, program: &str) -> String {
    format!(
        "Issue points to {group} for {} in {program}, computed by award strategy {}, expiring by {}? The number \
         of points is decided by the strategy.",
        event_words(input),
        input.award_strategy_id,
        input.expiry_strategy_id
    )
}

/// What the points are tied to: "bill GC-1 (5,000.00)" (by its bill number, else its
/// transaction id) or "target 77".
pub fn event_words(input: &IssueInput) -> String {
    match &input.event {
        IssueEvent::Bill { transaction_id, bill_number } => {
            let bill = if bill_number.is_empty() { transaction_id } else { bill_number };
            format!("bill {bill} ({})", amount_text(input.source_value))
        }
        IssueEvent::Target { achieved_id } => format!("target {achieved_id}"),
    }
}

/// An amount of money as the confirmation says it: `5,000.00`, `−12.50`.
pub fn amount_text(n: f64) -> String {
    if !n.is_finite() {
        return String::new();
    }
    let sign = if n < 0.0 { "−" } else { "" };
    let cents = (n.abs() * 100.0).round() as u64;
    format!("{sign}{}.{:02}", group_digits(cents / 100), cents % 100)
}

/// The activity log's line: "bill GC-1 (5,000.00) in DocDemoDefaultProgram (award strategy
/// 111523, expiry strategy 111581; reference gc-…)". The reference finds it on the platform.
pub fn activity_what(sent: &SentIssue) -> String {
    let id = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "?".into());
    format!(
        "{} in {} (award strategy {}, expiry strategy {}; reference {})",
        sent.what,
        sent.program,
        id(sent.item.award_strategy_id),
        id(sent.item.expiry_strategy_id),
        sent.item.unique_id
    )
}

// ------------------------------------------------------------------ one issue, sent

/// An issue as confirmed: the item (with the `uniqueId` made for this confirmation) and its
/// words, kept in this browser from before the first attempt until its outcome is known, so a
/// resend after a lost answer (even after a reload) carries the same `uniqueId`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentIssue {
    pub item: AllocateItem,
    /// "bill GC-1 (5,000.00)" ([`event_words`]).
    pub what: String,
    /// The program's name.
    pub program: String,
    /// The confirmation the user accepted.
    pub confirmation: String,
    /// When it was (last) sent, epoch ms: the ledger is searched from here.
    pub sent_at: f64,
}

impl SentIssue {
    pub fn new(group: &GroupDetails, input: &IssueInput, unique_id: &str, group_name: &str) -> SentIssue {
        let program = checks::program_name(&group.points_summaries, input.program_id);
        SentIssue {
            item: AllocateItem::for_group(group.id.0, input, unique_id),
            what: event_words(input),
            confirmation: confirmation(input, group_name, &program),
            program,
            sent_at: 0.0,
        }
    }

    /// What this browser kept, if it still reads as an issue of group `group_id` (anything
    /// else is dropped, never sent).
    pub fn parse(stored: Option<&str>, group_id: u64) -> Option<SentIssue> {
        let sent: SentIssue = serde_json::from_str(stored?).ok()?;
        let params = &sent.item.lookup_params;
        let ours = params.entity_type == crate::points::transfer::USERGROUP2
            && params.group_id == Some(Id(group_id))
            && !sent.item.unique_id.is_empty();
        ours.then_some(sent)
    }
}

/// How one item of an answer ended, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOutcome {
    pub issued: bool,
    pub words: String,
}

impl AllocateAnswer {
    /// Each item's outcome, in the answer's order. A 6006 (the `uniqueId` seen before) means an
    /// earlier attempt of this very issue went through: the console makes a new random
    /// reference per confirmation, so only its own resend can meet it — after a lost answer, or
    /// unseen: Chromium sends a POST again by itself when the connection it reused drops before
    /// the answer (the emulator's `reset` fault shows it). An answer without items is no proof
    /// either way.
    pub fn outcomes(&self, group: &str) -> Vec<ItemOutcome> {
        if self.data.is_empty() {
            return vec![ItemOutcome { issued: false, words: NO_ITEMS.into() }];
        }
        self.data
            .iter()
            .map(|r| match r {
                r if r.already_issued() => ItemOutcome { issued: true, words: ALREADY_ISSUED.into() },
                r => ItemOutcome { issued: r.succeeded(), words: r.words(group) },
            })
            .collect()
    }
}

pub const NO_ITEMS: &str =
    "The platform answered without a result for this issue: look at the group's ledger before sending again.";
pub const ALREADY_ISSUED: &str = "An earlier attempt went through: the platform already has these points (same \
    reference). Nothing was issued twice.";

// ------------------------------------------------------------------ after a lost answer

/// A ledger entry up to this long before the send still counts as the send's: the platform's
/// clock and the browser's may differ. Erring this way never issues twice; at worst the user
/// is told the points were issued and shown where to look.
pub const CLOCK_MARGIN_MS: f64 = 5.0 * 60_000.0;

/// What the ledger says about an issue whose answer was lost.
#[derive(Debug, Clone, PartialEq)]
pub enum LostIssue {
    /// A credit of this bill (or a manual issue, for a target) in the program, from the send
    /// on.
    Issued { points: Option<f64>, event_log_id: Option<i64> },
    /// Nothing of it in the newest entries; `still_processing` when the platform warned
    /// (11002) that some events are not in the ledger yet.
    NotSeen { still_processing: bool },
}

/// Reads the newest page of the group's ledger (newest first) for the issue `sent`.
pub fn after_lost_answer(ledger: &LedgerAnswer, sent: &SentIssue) -> LostIssue {
    let found = ledger.ledger_entries.iter().find(|e| is_issue_of(e, sent));
    match found {
        Some(e) => LostIssue::Issued { points: e.net_points(), event_log_id: e.event_log_id },
        None => LostIssue::NotSeen { still_processing: ledger.still_processing() },
    }
}

fn is_issue_of(entry: &LedgerEntry, sent: &SentIssue) -> bool {
    let item = &sent.item;
    let recent = match parse_date(entry.date()) {
        Some(d) => d.sort_key() >= sent.sent_at - CLOCK_MARGIN_MS,
        // A date we cannot read cannot prove the entry old: count it (never issue twice).
        None => true,
    };
    let credit = entry.kinds().iter().any(|k| k.eq_ignore_ascii_case("CREDIT"))
        || (entry.entry_details.is_empty() && entry.net_points().is_some_and(|p| p > 0.0));
    let in_program = entry.entry_details.iter().all(|d| d.program_id.is_none())
        || entry.entry_details.iter().any(|d| d.program_id == item.program_id);
    let manual = entry.event_name == LEDGER_EVENT;
    let tied = match item.event_name.as_str() {
        BILL_EVENT => {
            entry.transaction_details.transaction_id.is_some_and(|t| t.0.to_string() == item.event_source_id.trim())
        }
        _ => manual || entry.event_name == TARGET_EVENT,
    };
    recent && credit && in_program && tied
}

/// The ledger's name for a manual issue.
pub const LEDGER_EVENT: &str = "BulkAllocatePoints";

impl LostIssue {
    /// What the console says, for `sent.what` ("bill GC-1 (5,000.00)").
    pub fn words(&self, sent: &SentIssue) -> String {
        let what = &sent.what;
        match self {
            LostIssue::Issued { points, event_log_id } => {
                let points = points.filter(|p| *p > 0.0).map(|p| format!("{} points", points_text(p)));
                let event = event_log_id.filter(|id| *id > 0).map(|id| format!(" (event {id})")).unwrap_or_default();
                format!(
                    "The points were issued: the group's ledger shows {} for {what}{event}, entered after you sent. \
                     Nothing more was sent.",
                    points.unwrap_or_else(|| "a credit".into())
                )
            }
            LostIssue::NotSeen { still_processing: false } => format!(
                "The points were not issued: the group's ledger shows nothing for {what} since you sent. Send again? \
                 It goes with the same reference, so the platform refuses it if the first attempt went through after all."
            ),
            LostIssue::NotSeen { still_processing: true } => format!(
                "Not sure yet: the group's ledger shows nothing for {what}, but the platform is still processing some \
                 events. Look again in a minute, or send again with the same reference (the platform refuses it if \
                 the first attempt went through)."
            ),
        }
    }

    pub fn issued(&self) -> bool {
        matches!(self, LostIssue::Issued { .. })
    }
}

/// The ledger could not be read after a lost answer.
pub fn unreadable_ledger_words(e: &ApiError) -> String {
    format!(
        "The answer was lost, and the group's ledger could not be read to see whether the points were issued ({}). \
         Look again, or send again with the same reference: the platform refuses it if the first attempt went through.",
        crate::history::ledger::words(e).trim_end_matches('.')
    )
}

// ------------------------------------------------------------------ strategies remembered

/// At most this many programs' strategies are remembered.
pub const MAX_REMEMBERED: usize = 100;

/// The award and expiry strategies last used for each program, so the dialog offers them
/// again (they are the org's, the same for every group).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Strategies(BTreeMap<String, StrategyPair>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyPair {
    pub award: u64,
    pub expiry: u64,
}

impl Strategies {
    /// What was kept; anything unreadable is forgotten.
    pub fn parse(stored: Option<&str>) -> Strategies {
        stored.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default()
    }

    pub fn get(&self, program_id: i64) -> Option<StrategyPair> {
        self.0.get(&program_id.to_string()).copied()
    }

    /// Remembers a program's pair (the oldest programs by id go past [`MAX_REMEMBERED`]).
    pub fn remember(&mut self, program_id: i64, pair: StrategyPair) {
        self.0.insert(program_id.to_string(), pair);
        while self.0.len() > MAX_REMEMBERED {
            let first = self.0.keys().next().cloned().unwrap_or_default();
            self.0.remove(&first);
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

// ------------------------------------------------------------------ words for the codes

/// The words for an item's code (or the whole request's).
pub fn item_words(code: Option<i64>, message: &str) -> String {
    let lower = message.to_ascii_lowercase();
    match code {
        Some(8136) if lower.contains("award strategy") => "The platform has no such award strategy.".into(),
        Some(8136) if lower.contains("expiry strategy") => "The platform has no such expiry strategy.".into(),
        Some(8136) if lower.contains("event not supported") || lower.contains("event is not supported") => {
            "This event cannot carry a manual issue.".into()
        }
        Some(8136) if lower.contains("alternate currency") => "The platform has no such alternate currency.".into(),
        Some(8136) if lower.contains("program") => "The platform does not know this program.".into(),
        Some(8136) => format!("Something named in the request was not found: {}", message.trim()),
        Some(8139) => "The platform has no such bill.".into(),
        Some(6006) => "These points were already issued (same reference).".into(),
        Some(c) if message.trim().is_empty() => format!("The platform refused it (code {c})."),
        Some(c) => format!("The platform refused it (code {c}): {}", message.trim()),
        None if message.trim().is_empty() => "The platform gave no reason.".into(),
        None => message.trim().to_string(),
    }
}

/// The words for an error of the whole call; else [`ApiError::headline`].
pub fn words(e: &ApiError) -> String {
    match e {
        ApiError::Api { code: Some(c @ (8136 | 8139 | 6006)), message, .. } => item_words(Some(*c), message),
        ApiError::Api { code: Some(400), status: 400, .. } => {
            "The platform found the request incomplete or invalid.".into()
        }
        _ => e.headline(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::wire::GroupStatus;
    use crate::points::wire::PointsSummary;

    fn sharma(status: GroupStatus) -> GroupDetails {
        GroupDetails {
            id: Id(3920001),
            group_status: status,
            points_summaries: vec![PointsSummary { program_id: Some(973), ..PointsSummary::default() }],
            ..GroupDetails::default()
        }
    }

    fn bill_form() -> IssueForm<'static> {
        IssueForm {
            org_id: Some(100737),
            program_id: 973,
            award_strategy: "111523",
            expiry_strategy: " 111581 ",
            event: IssueEvent::Bill { transaction_id: "2152312071".into(), bill_number: "GC-1".into() },
            source_value: "5000",
        }
    }

    #[test]
    fn one_item_names_the_group_and_keeps_its_unique_id() {
        let input = check_issue(&sharma(GroupStatus::Active), &bill_form()).unwrap();
        let id = unique_id(3920001, 0x7f3a_19c2_0000_0001);
        assert_eq!(id, "gc-3920001-7f3a19c200000001");
        let item = AllocateItem::for_group(3920001, &input, &id);
        assert_eq!(
            serde_json::to_value(&item).unwrap(),
            serde_json::json!({"orgId": 100737, "programId": 973, "awardStrategyId": 111523, "expiryStrategyId": 111581,
                "promotionId": -1, "sourceValue": 5000, "eventName": "TransactionAdd", "eventSourceId": "2152312071",
                "currencyType": "REGULAR", "uniqueId": "gc-3920001-7f3a19c200000001",
                "lookupParams": {"entityType": "USERGROUP2", "groupId": 3920001}})
        );
        let target = check_issue(
            &sharma(GroupStatus::Active),
            &IssueForm { event: IssueEvent::Target { achieved_id: " 77 ".into() }, source_value: "", ..bill_form() },
        )
        .unwrap();
        let item = AllocateItem::for_group(3920001, &target, "u");
        assert_eq!(
            (item.event_name.as_str(), item.event_source_id.as_str(), item.source_value),
            ("TargetCompleted", "77", Some(-1.0))
        );
        assert!(unique_id(u64::MAX, u64::MAX).len() <= MAX_UNIQUE_ID);
        assert_eq!(
            confirmation(&input, "The Sharma Family", "DocDemoDefaultProgram"),
            "Issue points to The Sharma Family for bill GC-1 (5,000.00) in DocDemoDefaultProgram, computed by award \
             strategy 111523, expiring by 111581? The number of points is decided by the strategy."
        );
    }

    #[test]
    fn the_dialog_checks_every_field() {
        let problems = check_issue(
            &sharma(GroupStatus::Deleted),
            &IssueForm {
                org_id: None,
                program_id: 1,
                award_strategy: "",
                expiry_strategy: "1.5",
                event: IssueEvent::Bill { transaction_id: " ".into(), bill_number: String::new() },
                source_value: "0",
            },
        )
        .unwrap_err();
        let fields: Vec<IssueField> = problems.iter().map(IssueProblem::field).collect();
        assert_eq!(
            fields,
            [
                IssueField::Whole,
                IssueField::Whole,
                IssueField::Program,
                IssueField::AwardStrategy,
                IssueField::ExpiryStrategy,
                IssueField::Event,
                IssueField::SourceValue
            ]
        );
        assert_eq!(problems[1].to_string(), "Set the org ID in Settings: the platform needs it to issue points.");
        assert_eq!(problems[3].to_string(), "Enter the award strategy's ID.");
        assert_eq!(problems[4].to_string(), "Enter the strategy's ID: a whole number, like 111523.");
        let zero = check_issue(&sharma(GroupStatus::Active), &IssueForm { award_strategy: "0", ..bill_form() });
        assert_eq!(zero.unwrap_err()[0].to_string(), "A strategy ID is at least 1.");
        let negative = check_issue(&sharma(GroupStatus::Active), &IssueForm { source_value: "-1", ..bill_form() });
        assert_eq!(negative.unwrap_err(), vec![IssueProblem::SourceValue], "only a target sends -1");
    }

    #[test]
    fn only_basic_credentials_may_issue() {
        assert_eq!(needs_basic(AuthMode::Basic), None);
        assert_eq!(needs_basic(AuthMode::Server), None);
        assert!(needs_basic(AuthMode::OauthClient).unwrap().contains("Basic"));
        assert!(needs_basic(AuthMode::OauthToken).is_some());
    }

    #[test]
    fn items_are_shown_one_by_one() {
        let ok = AllocateResult {
            status: "SUCCESS".into(),
            event_log_id: Some(634510809),
            side_effects: vec![
                SideEffect { kind: "points".into(), awarded_points: Some(500.0), ..SideEffect::default() },
                SideEffect { kind: "alternate_currency".into(), awarded_value: Some(3.0), ..SideEffect::default() },
            ],
            ..AllocateResult::default()
        };
        assert_eq!(ok.points(), 500.0);
        assert_eq!(ok.words("The Sharma Family"), "Issued 500 points to The Sharma Family (event 634510809).");
        let repeat = AllocateResult {
            status: "FAILURE".into(),
            errors: vec![ApiWarning { status: Some(false), code: Some(6006), message: "event already exists".into() }],
            ..AllocateResult::default()
        };
        assert!(!repeat.succeeded() && repeat.already_issued());
        assert_eq!(repeat.words("x"), "Not issued: These points were already issued (same reference).");
        let answer = AllocateAnswer { data: vec![ok, repeat], ..AllocateAnswer::default() };
        assert_eq!(answer.failed().count(), 1);
    }

    #[test]
    fn every_documented_code_has_its_words() {
        let w = item_words;
        assert_eq!(w(Some(8136), "Invalid program id passed"), "The platform does not know this program.");
        assert_eq!(w(Some(8136), "Award Strategy not found"), "The platform has no such award strategy.");
        assert_eq!(w(Some(8136), "Expiry strategy not found"), "The platform has no such expiry strategy.");
        assert_eq!(
            w(Some(8136), "Event not supported for manual allocation"),
            "This event cannot carry a manual issue."
        );
        assert_eq!(w(Some(8136), "Alternate currency not found"), "The platform has no such alternate currency.");
        assert_eq!(w(Some(8136), "Thing not found"), "Something named in the request was not found: Thing not found");
        assert_eq!(w(Some(8139), "bill with id 1 not found"), "The platform has no such bill.");
        assert_eq!(w(Some(6006), ""), "These points were already issued (same reference).");
        assert_eq!(w(Some(12), ""), "The platform refused it (code 12).");
        let e = ApiError::Api { status: 400, code: Some(8139), message: String::new() };
        assert_eq!(words(&e), "The platform has no such bill.");
        let other = ApiError::Api { status: 500, code: None, message: String::new() };
        assert_eq!(words(&other), other.headline());
    }

    fn sent(event: IssueEvent, value: &str) -> SentIssue {
        let form = IssueForm { event, source_value: value, ..bill_form() };
        let group = GroupDetails {
            group_name: "The Sharma Family".into(),
            points_summaries: vec![PointsSummary {
                program_id: Some(973),
                program_title: "DocDemoDefaultProgram".into(),
                ..PointsSummary::default()
            }],
            ..sharma(GroupStatus::Active)
        };
        let input = check_issue(&group, &form).unwrap();
        let mut s = SentIssue::new(&group, &input, "gc-3920001-00000000000000aa", "The Sharma Family");
        // 2026-11-30T12:00:00Z
        s.sent_at = 1_796_040_000_000.0;
        s
    }

    fn ledger(entries: serde_json::Value) -> LedgerAnswer {
        serde_json::from_value(serde_json::json!({"ledgerEntries": entries, "warnings": []})).unwrap()
    }

    fn manual(at: &str, bill: Option<u64>, program: i64, points: f64) -> serde_json::Value {
        serde_json::json!({
            "eventLogId": 900001, "eventName": "BulkAllocatePoints", "ledgerCreatedDateISO": at,
            "entryDetails": [{"ledgerEntryType": "CREDIT", "points": format!("{points:.3}"), "programId": program}],
            "netPointsOnEvent": format!("{points:.3}"),
            "transactionDetails": bill.map(|b| serde_json::json!({"transactionId": b})).unwrap_or(serde_json::json!({}))
        })
    }

    #[test]
    fn an_amount_reads_as_money() {
        assert_eq!(amount_text(5000.0), "5,000.00");
        assert_eq!(amount_text(1234.5), "1,234.50");
        assert_eq!(amount_text(0.005), "0.01");
        assert_eq!(amount_text(-12.5), "−12.50");
        assert_eq!(amount_text(f64::NAN), "");
    }

    #[test]
    fn what_was_sent_is_kept_with_its_words_and_read_back_only_for_its_group() {
        let s = sent(IssueEvent::Bill { transaction_id: "2152312071".into(), bill_number: "GC-1".into() }, "5000");
        assert_eq!(s.what, "bill GC-1 (5,000.00)");
        assert_eq!(s.program, "DocDemoDefaultProgram");
        assert!(s.confirmation.starts_with("Issue points to The Sharma Family for bill GC-1 (5,000.00) in DocDemo"));
        assert_eq!(
            activity_what(&s),
            "bill GC-1 (5,000.00) in DocDemoDefaultProgram (award strategy 111523, expiry strategy 111581; \
             reference gc-3920001-00000000000000aa)"
        );
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(SentIssue::parse(Some(&json), 3920001), Some(s.clone()));
        assert_eq!(SentIssue::parse(Some(&json), 3920002), None, "another group's issue is never sent from here");
        assert_eq!(SentIssue::parse(Some("{"), 3920001), None);
        assert_eq!(SentIssue::parse(None, 3920001), None);
        let target = sent(IssueEvent::Target { achieved_id: "77".into() }, "");
        assert_eq!(target.what, "target 77");
    }

    #[test]
    fn a_lost_answer_is_judged_by_the_ledger() {
        let bill = 2_100_392_000_100_001u64;
        let s = sent(IssueEvent::Bill { transaction_id: bill.to_string(), bill_number: "GC-1".into() }, "5000");
        // Entered a second after the send: issued.
        let answer = ledger(serde_json::json!([manual("2026-11-30T12:00:01Z", Some(bill), 973, 500.0)]));
        let found = after_lost_answer(&answer, &s);
        assert_eq!(found, LostIssue::Issued { points: Some(500.0), event_log_id: Some(900001) });
        assert!(found.issued());
        assert_eq!(
            found.words(&s),
            "The points were issued: the group's ledger shows 500 points for bill GC-1 (5,000.00) (event 900001), \
             entered after you sent. Nothing more was sent."
        );
        // Within the clocks' margin before the send: still counted (never issue twice).
        let early = ledger(serde_json::json!([manual("2026-11-30T11:57:00Z", Some(bill), 973, 500.0)]));
        assert!(after_lost_answer(&early, &s).issued());
        // Another bill, an older issue of this bill, another program, a debit: not this issue.
        let others = ledger(serde_json::json!([
            manual("2026-11-30T12:00:01Z", Some(bill + 1), 973, 500.0),
            manual("2026-11-30T11:00:00Z", Some(bill), 973, 500.0),
            manual("2026-11-30T12:00:01Z", Some(bill), 983, 500.0),
            {"eventName": "PointsExpiry", "ledgerCreatedDateISO": "2026-11-30T12:00:02Z",
             "entryDetails": [{"ledgerEntryType": "DEBIT", "points": "5.000", "programId": 973}],
             "transactionDetails": {"transactionId": bill}}
        ]));
        let none = after_lost_answer(&others, &s);
        assert_eq!(none, LostIssue::NotSeen { still_processing: false });
        assert!(none
            .words(&s)
            .starts_with("The points were not issued: the group's ledger shows nothing for bill GC-1"));
        assert!(none.words(&s).contains("same reference"));
        let mut processing = others.clone();
        processing.warnings =
            vec![ApiWarning { status: Some(false), code: Some(11002), message: "still processing".into() }];
        let wait = after_lost_answer(&processing, &s);
        assert_eq!(wait, LostIssue::NotSeen { still_processing: true });
        assert!(wait.words(&s).starts_with("Not sure yet"));
        // A target has no bill: a manual issue in the program since the send.
        let t = sent(IssueEvent::Target { achieved_id: "77".into() }, "");
        assert!(after_lost_answer(&ledger(serde_json::json!([manual("2026-11-30T12:00:01Z", None, 973, 500.0)])), &t)
            .issued());
        let purchase = serde_json::json!([{"eventName": "TransactionAdd", "ledgerCreatedDateISO": "2026-11-30T12:00:01Z",
            "entryDetails": [{"ledgerEntryType": "CREDIT", "points": "9.000", "programId": 973}]}]);
        assert!(!after_lost_answer(&ledger(purchase), &t).issued(), "a purchase is not a target's issue");
        let e = ApiError::Api { status: 500, code: None, message: String::new() };
        let words = unreadable_ledger_words(&e);
        assert!(words.starts_with("The answer was lost, and the group's ledger could not be read"), "{words}");
        assert!(words.contains("same reference"));
    }

    #[test]
    fn an_item_that_meets_its_own_reference_was_issued_by_an_earlier_attempt() {
        let answer: AllocateAnswer =
            serde_json::from_str(include_str!("../../fixtures/points/allocate-response-207.json")).unwrap();
        assert_eq!(
            answer.outcomes("The Sharma Family"),
            vec![
                ItemOutcome { issued: true, words: ALREADY_ISSUED.into() },
                ItemOutcome { issued: true, words: "Issued 100 points to The Sharma Family (event 634510809).".into() },
            ]
        );
        assert!(ALREADY_ISSUED.contains("Nothing was issued twice"));
        let mut refused = answer.clone();
        refused.data[0].errors[0].code = Some(8136);
        refused.data[0].errors[0].message = "Award Strategy not found for id 999".into();
        assert_eq!(
            refused.outcomes("x")[0],
            ItemOutcome { issued: false, words: "Not issued: The platform has no such award strategy.".into() }
        );
        let empty = AllocateAnswer::default().outcomes("x");
        assert_eq!(empty, vec![ItemOutcome { issued: false, words: NO_ITEMS.into() }]);
    }

    #[test]
    fn strategies_are_remembered_per_program() {
        let mut s = Strategies::parse(None);
        assert_eq!(s.get(973), None);
        s.remember(973, StrategyPair { award: 111523, expiry: 111581 });
        s.remember(983, StrategyPair { award: 1, expiry: 2 });
        s.remember(973, StrategyPair { award: 111524, expiry: 111581 });
        let back = Strategies::parse(Some(&s.to_json()));
        assert_eq!(back.get(973), Some(StrategyPair { award: 111524, expiry: 111581 }));
        assert_eq!(back.get(983), Some(StrategyPair { award: 1, expiry: 2 }));
        assert_eq!(Strategies::parse(Some("not json")), Strategies::default());
        for p in 0..(MAX_REMEMBERED as i64 + 5) {
            s.remember(10_000 + p, StrategyPair { award: 1, expiry: 1 });
        }
        assert_eq!(s.0.len(), MAX_REMEMBERED);
    }
}
