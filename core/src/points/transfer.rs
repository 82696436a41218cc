//! Moving points between a member and a group, or between two groups (docs/platform-api.md,
//! "Points transfer pre-check", "Points transfer"): the one request both calls send, built for
//! the three directions; the pre-check's answer; the transfer's record; the checks before
//! sending; the words for their codes; and what a lost answer turned out to be.

use serde::{Deserialize, Serialize};

use crate::group::member_list::Member;
use crate::group::wire::{GroupDetails, GroupStatus};
use crate::platform::error::ApiError;
use crate::platform::fields::FieldError;
use crate::platform::query::DEFAULT_SOURCE;
use crate::platform::read::{
    full_name, lenient_bool, lenient_f64, lenient_i64, lenient_id, lenient_string, or_default, write_number,
    ApiWarning, Id,
};
use crate::points::checks::{self, points_text, program_name, PointsProblem};
use crate::points::wire::PointsSummary;

pub const CUSTOMER: &str = "CUSTOMER";
pub const USERGROUP2: &str = "USERGROUP2";

/// One side of a transfer: a member (a customer id) or a group (its id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Member(u64),
    Group(u64),
}

impl Party {
    pub fn id(self) -> u64 {
        match self {
            Party::Member(id) | Party::Group(id) => id,
        }
    }

    pub fn is_group(self) -> bool {
        matches!(self, Party::Group(_))
    }

    /// `fromEntity` / `toEntity`, named by id. A customer side carries the source, and so does
    /// every receiver (the newest example's group receiver does; it is harmless).
    fn entity(self, receiver: bool) -> TransferEntity {
        let (kind, source) = match self {
            Party::Member(_) => (CUSTOMER, true),
            Party::Group(_) => (USERGROUP2, receiver),
        };
        TransferEntity {
            kind: kind.into(),
            identifier_type: "id".into(),
            identifier_value: self.id().to_string(),
            source: if source { DEFAULT_SOURCE.into() } else { String::new() },
            account_id: String::new(),
        }
    }
}

/// `fromEntity`, `toEntity` and (without a type) `transferredBy`. Identifier values are text in
/// every example; a number is read as its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferEntity {
    /// `CUSTOMER` or `USERGROUP2`; empty on `transferredBy`.
    #[serde(rename = "type", deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(deserialize_with = "lenient_string")]
    pub identifier_type: String,
    #[serde(deserialize_with = "lenient_string")]
    pub identifier_value: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Never sent by the console; read from the docs' examples.
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub account_id: String,
}

/// The body of both `POST /v2/points/userGroup2/isTransferrable` and `…/transfer`. Never
/// `groupProgramTransfer`, `code` or `toEntry` (docs/platform-api.md, "Points transfer").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct PointsTransfer {
    /// Spelt `Tobe` by the request; the answer's spelling is read too. A number with decimals
    /// in the 2022 example; the console sends a whole number.
    #[serde(
        rename = "pointsTobeTransferred",
        alias = "pointsToBeTransferred",
        deserialize_with = "lenient_f64",
        serialize_with = "write_number"
    )]
    pub points: Option<f64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub program_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub transferred_by: Option<TransferEntity>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub from_entity: Option<TransferEntity>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub to_entity: Option<TransferEntity>,
}

impl PointsTransfer {
    /// `points` of `program_id` from `from` to `to`, authorised by the customer `by` (the member
    /// who gives, or the giving group's primary member: [`authoriser`]).
    pub fn new(from: Party, to: Party, by: u64, program_id: i64, points: u32, notes: Option<&str>) -> PointsTransfer {
        PointsTransfer {
            points: Some(points as f64),
            program_id: Some(program_id),
            notes: notes.map(str::trim).unwrap_or("").to_string(),
            transferred_by: Some(TransferEntity {
                kind: String::new(),
                identifier_type: "id".into(),
                identifier_value: by.to_string(),
                source: DEFAULT_SOURCE.into(),
                account_id: String::new(),
            }),
            from_entity: Some(from.entity(false)),
            to_entity: Some(to.entity(true)),
        }
    }
}

/// Who authorises moving points out of `from`: the member themself, or the group's active
/// primary member (our reading); `None` for a group without one, which gives nothing.
pub fn authoriser(from: Party, group_primary: Option<u64>) -> Option<u64> {
    match from {
        Party::Member(id) => Some(id),
        Party::Group(_) => group_primary,
    }
}

/// The active primary member of a group, from its GET.
pub fn active_primary(members: &[Member]) -> Option<u64> {
    members.iter().find(|m| m.primary_member && m.active).map(|m| m.user_id.0)
}

// ------------------------------------------------------------------ the pre-check's answer

/// `data[0]` of the pre-check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferCheck {
    #[serde(alias = "pointsTobeTransferred", deserialize_with = "lenient_f64", serialize_with = "write_number")]
    pub points_to_be_transferred: Option<f64>,
    #[serde(deserialize_with = "lenient_bool")]
    pub transferrable: bool,
}

/// The pre-check's answer (`data` is absent on a refusal, which comes as an error).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferCheckAnswer {
    #[serde(deserialize_with = "or_default")]
    pub data: Vec<TransferCheck>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
    #[serde(deserialize_with = "or_default")]
    pub errors: Vec<ApiWarning>,
}

impl TransferCheckAnswer {
    /// Whether the platform agrees to move the points.
    pub fn agrees(&self) -> bool {
        self.data.first().is_some_and(|d| d.transferrable)
    }

    /// What the dialog shows before its Send button enables, for `asked` points.
    pub fn words(&self, asked: u32) -> String {
        match self.data.first() {
            Some(d) if d.transferrable => match d.points_to_be_transferred {
                Some(p) if p != asked as f64 => {
                    format!("The platform agrees to move {} points, not {}.", points_text(p), points_text(asked as f64))
                }
                _ => format!("The platform agrees: {} points can move.", points_text(asked as f64)),
            },
            _ => "The platform says these points cannot be moved now (no reason given).".into(),
        }
    }
}

// ------------------------------------------------------------------ the transfer's answer

/// A customer side of a transfer record (`transferredFrom` / `transferredTo`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferCustomer {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub first_name: String,
    #[serde(deserialize_with = "lenient_string")]
    pub last_name: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub external_id: String,
}

impl TransferCustomer {
    pub fn name(&self) -> String {
        full_name(&self.first_name, &self.last_name)
    }
}

/// A group side of a transfer record (`transferredFromUserGroup2` / `transferredToUserGroup2`):
/// any field may be missing (the 2022 sample has no name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferGroup {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub external_id: String,
    pub group_status: GroupStatus,
    #[serde(deserialize_with = "or_default")]
    pub fleet_group_users: Vec<Member>,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub created_by: Option<Id>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub created_on: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub group_name: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub max_group_size: Option<i64>,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub life_time_purchases: Option<f64>,
}

/// `pointsTransferBreakupByEarningPrograms[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferBreakup {
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub program_id: Option<i64>,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub deducted_points: Option<f64>,
    /// What the source still holds in that program.
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub program_current_points: Option<f64>,
}

/// `data[0]` of the transfer's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferRecord {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub to_entity_id: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub to_entity_type: String,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub from_entity_id: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub from_entity_type: String,
    /// `yyyy-MM-dd HH:mm:ss`, zone not stated: shown as it is.
    #[serde(deserialize_with = "lenient_string")]
    pub points_transfer_date: String,
    /// May differ from the points asked (the docs' sample: 1 asked, 2.0 moved).
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub points_transferred: Option<f64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub transfer_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub transfer_type: String,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub transferred_from: Option<TransferCustomer>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub transferred_to: Option<TransferCustomer>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub transferred_from_user_group2: Option<TransferGroup>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub transferred_to_user_group2: Option<TransferGroup>,
    #[serde(deserialize_with = "lenient_string")]
    pub notes: String,
    #[serde(deserialize_with = "lenient_string")]
    pub program_name: String,
    #[serde(deserialize_with = "or_default")]
    pub points_transfer_breakup_by_earning_programs: Vec<TransferBreakup>,
}

/// The transfer's answer: the v2 envelope around one record. A record that is absent still
/// means the points moved (the balances then tell how many).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct TransferAnswer {
    #[serde(deserialize_with = "or_default")]
    pub data: Vec<TransferRecord>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
    #[serde(deserialize_with = "or_default")]
    pub errors: Vec<ApiWarning>,
}

impl TransferAnswer {
    pub fn record(&self) -> Option<&TransferRecord> {
        self.data.first()
    }

    /// "Moved 500 points of DocDemoDefaultProgram from Priya Sharma to The Sharma Family
    /// (transfer 1037706)." The points are the answer's when it gives them.
    pub fn words(&self, asked: u32, program: &str, from: &str, to: &str) -> String {
        let record = self.record();
        let points = record.and_then(|r| r.points_transferred).unwrap_or(asked as f64);
        let id = record.and_then(|r| r.transfer_id).map(|id| format!(" (transfer {id})")).unwrap_or_default();
        format!("Moved {} points of {program} from {from} to {to}{id}.", points_text(points))
    }
}

// ------------------------------------------------------------------ checks before sending

/// A wallet points leave or reach, as the dialog knows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side<'a> {
    pub party: Party,
    /// "The Sharma Family", "Priya Sharma".
    pub name: &'a str,
    /// A member's side is `Active`.
    pub status: GroupStatus,
    /// The wallet's programs: a group's `pointsSummaries`, a member's loyalty programs (their
    /// customer GET); `None` when not known (the pre-check then decides).
    pub programs: Option<&'a [PointsSummary]>,
    /// A group's active primary member.
    pub primary: Option<u64>,
}

impl<'a> Side<'a> {
    pub fn group(g: &'a GroupDetails) -> Side<'a> {
        Side {
            party: Party::Group(g.id.0),
            name: g.group_name.trim(),
            status: g.group_status,
            programs: Some(&g.points_summaries),
            primary: active_primary(&g.fleet_group_users),
        }
    }

    pub fn member(id: u64, name: &'a str, programs: Option<&'a [PointsSummary]>) -> Side<'a> {
        Side { party: Party::Member(id), name, status: GroupStatus::Active, programs, primary: None }
    }

    fn title(&self) -> String {
        match (self.name.trim(), self.party) {
            ("", Party::Group(id)) => format!("Group {id}"),
            ("", Party::Member(id)) => format!("Customer {id}"),
            (name, _) => name.to_string(),
        }
    }
}

/// What the dialog holds when Check or Send is pressed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransferInput<'a> {
    pub source: Side<'a>,
    pub destination: Side<'a>,
    pub program_id: i64,
    pub points: &'a str,
    pub notes: &'a str,
}

/// The dialog's fields a problem is shown next to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferField {
    Points,
    Program,
    /// The member or group on the other side.
    Counterpart,
    Notes,
    /// The dialog as a whole (the group itself cannot give).
    Whole,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TransferProblem {
    Points(PointsProblem),
    Notes(FieldError),
    /// The giving group is not active: [`checks::no_actions_reason`].
    SourceCannotAct(&'static str),
    NoAuthoriser,
    SameWallet,
    ReceiverNotActive {
        name: String,
        status: GroupStatus,
    },
    ReceiverNotInProgram {
        name: String,
        program: String,
        member: bool,
    },
    SourceNotInProgram {
        name: String,
        program: String,
    },
    MoreThanHeld {
        name: String,
        held: f64,
        program: String,
    },
    NothingToMove {
        name: String,
        held: f64,
        program: String,
    },
}

impl TransferProblem {
    pub fn field(&self) -> TransferField {
        match self {
            TransferProblem::Points(_) | TransferProblem::MoreThanHeld { .. } => TransferField::Points,
            TransferProblem::NothingToMove { .. } | TransferProblem::SourceNotInProgram { .. } => {
                TransferField::Program
            }
            TransferProblem::Notes(_) => TransferField::Notes,
            TransferProblem::SameWallet
            | TransferProblem::ReceiverNotActive { .. }
            | TransferProblem::ReceiverNotInProgram { .. } => TransferField::Counterpart,
            TransferProblem::SourceCannotAct(_) | TransferProblem::NoAuthoriser => TransferField::Whole,
        }
    }
}

impl std::fmt::Display for TransferProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TransferProblem::Points(p) => p.fmt(f),
            TransferProblem::Notes(e) => e.fmt(f),
            TransferProblem::SourceCannotAct(why) => f.write_str(why),
            TransferProblem::NoAuthoriser => {
                f.write_str("This group has no primary member, so nobody can authorise moving its points.")
            }
            TransferProblem::SameWallet => f.write_str("Choose another group: points cannot move to the same group."),
            TransferProblem::ReceiverNotActive { name, status } => {
                let state = if *status == GroupStatus::Deleted { "deleted" } else { "inactive" };
                write!(f, "{name} is {state} and cannot receive points.")
            }
            TransferProblem::ReceiverNotInProgram { name, program, member: false } => {
                write!(f, "{name} is not in {program}, so it cannot receive its points.")
            }
            TransferProblem::ReceiverNotInProgram { name, program, member: true } => {
                write!(f, "{name} is not enrolled in {program}, so they cannot receive its points.")
            }
            TransferProblem::SourceNotInProgram { name, program } => {
                write!(f, "{name} holds no points of {program}: there is nothing to move.")
            }
            TransferProblem::MoreThanHeld { name, held, program } => write!(
                f,
                "{name} holds {} points of {program}: you can move at most {}.",
                points_text(*held),
                points_text(held.floor())
            ),
            TransferProblem::NothingToMove { name, held, program } => {
                write!(f, "{name} holds {} points of {program}: there is nothing to move.", points_text(*held))
            }
        }
    }
}

/// Every check before the pre-check is sent (and again before the transfer): whole points,
/// more than 0, at most an int; no more than the source holds in the program (a group's
/// `loyaltyPoints`: promised points cannot move; a member's when known); the program on both
/// sides; a receiving group that is active; two different wallets; a giving group that is
/// active and has a primary member to authorise; notes within 255. All problems at once, each
/// for its field; else the request, ready for both calls.
pub fn check_transfer(input: &TransferInput) -> Result<PointsTransfer, Vec<TransferProblem>> {
    let (source, destination) = (&input.source, &input.destination);
    let mut problems = vec![];
    let program = [source.programs, destination.programs]
        .into_iter()
        .flatten()
        .find(|p| checks::program(p, input.program_id).is_some())
        .map(|p| program_name(p, input.program_id))
        .unwrap_or_else(|| format!("program {}", input.program_id));

    if source.party.is_group() {
        if let Some(why) = checks::no_actions_reason(source.status) {
            problems.push(TransferProblem::SourceCannotAct(why));
        } else if source.primary.is_none() {
            problems.push(TransferProblem::NoAuthoriser);
        }
    }
    let points = checks::whole_points(input.points);
    if let Err(p) = points {
        problems.push(TransferProblem::Points(p));
    }
    if source.party == destination.party {
        problems.push(TransferProblem::SameWallet);
    } else if destination.party.is_group() && destination.status != GroupStatus::Active {
        problems.push(TransferProblem::ReceiverNotActive { name: destination.title(), status: destination.status });
    } else if let Some(list) = destination.programs {
        if checks::program(list, input.program_id).is_none() {
            problems.push(TransferProblem::ReceiverNotInProgram {
                name: destination.title(),
                program: program.clone(),
                member: !destination.party.is_group(),
            });
        }
    }
    if let Some(list) = source.programs {
        match checks::program(list, input.program_id).map(|s| s.loyalty_points) {
            None => {
                problems.push(TransferProblem::SourceNotInProgram { name: source.title(), program: program.clone() })
            }
            Some(Some(held)) if held < 1.0 => {
                problems.push(TransferProblem::NothingToMove { name: source.title(), held, program: program.clone() })
            }
            Some(Some(held)) if points.is_ok_and(|p| p as f64 > held) => {
                problems.push(TransferProblem::MoreThanHeld { name: source.title(), held, program: program.clone() })
            }
            Some(_) => {}
        }
    }
    let notes = checks::note(input.notes, "Notes", "notes", false);
    if let Err(e) = &notes {
        problems.push(TransferProblem::Notes(e.clone()));
    }
    let by = authoriser(source.party, source.primary);
    match (points, notes, by) {
        (Ok(points), Ok(notes), Some(by)) if problems.is_empty() => {
            Ok(PointsTransfer::new(source.party, destination.party, by, input.program_id, points, notes.as_deref()))
        }
        _ => Err(problems),
    }
}

// ------------------------------------------------------------------ words for the codes

/// The words for an error of the pre-check or the transfer (design: codes 422–8015), with
/// generic names for who authorises and whose points; else [`ApiError::headline`].
pub fn words(e: &ApiError) -> String {
    words_naming(e, "The member who authorises the transfer", "this wallet")
}

/// [`words`] naming who authorises (`Priya Sharma`) and the source (`The Sharma Family`).
pub fn words_naming(e: &ApiError, authoriser: &str, source: &str) -> String {
    let ApiError::Api { code: Some(code), message, .. } = e else { return e.headline() };
    match code {
        422 => "The number of points is missing or not accepted.".into(),
        434 if message.trim().is_empty() => "The platform did not accept who or what was named.".into(),
        434 => format!("The platform did not accept who or what was named: {}", message.trim()),
        807 => "This program moves points only in certain amounts (whole points, or multiples the program \
                sets). Try another number."
            .into(),
        830 => format!(
            "{authoriser} may not move points out of {source}. Check their permissions (allow points transfer)."
        ),
        885 => "The platform does not know this program.".into(),
        889 => "The platform could not move the points. The receiving group may be inactive or not take \
                transfers in this program, or the source may not hold enough."
            .into(),
        1206 => "The platform did not accept the source of the points.".into(),
        1207 => "The platform did not accept the receiver of the points.".into(),
        1208 => "The platform did not accept the kind of source or receiver.".into(),
        1645 => "The platform does not accept this group's details.".into(),
        8015 => "The platform has no customer with these details.".into(),
        _ => e.headline(),
    }
}

// ------------------------------------------------------------------ a lost answer

/// What reading the wallets again says about a transfer whose answer was lost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LostTransfer {
    /// The source fell and the receiver rose by the points: nothing more is sent.
    Moved,
    /// Neither changed: sending again is safe, if the user says so.
    NotMoved,
    /// Something else changed the balances: the ledger decides. `source_change` is the
    /// source's change (negative when it fell).
    Unclear { source_change: f64 },
}

/// Compares the balances before the send with those read after it (`None`: not readable, e.g.
/// a member whose details cannot be read).
pub fn after_lost_answer(
    points: u32,
    source: (Option<f64>, Option<f64>),
    receiver: (Option<f64>, Option<f64>),
) -> LostTransfer {
    let change = |(before, after): (Option<f64>, Option<f64>)| Some(after? - before?);
    let n = points as f64;
    match (change(source), change(receiver)) {
        (Some(s), r) if s == -n && r.is_none_or(|r| r == n) => LostTransfer::Moved,
        (s, Some(r)) if r == n && s.is_none() => LostTransfer::Moved,
        (Some(s), r) if s == 0.0 && r.is_none_or(|r| r == 0.0) => LostTransfer::NotMoved,
        (s, _) => LostTransfer::Unclear { source_change: s.unwrap_or(f64::NAN) },
    }
}

impl LostTransfer {
    pub fn words(&self, points: u32, source: &str) -> String {
        match self {
            LostTransfer::Moved => "The points were moved (the balances show it). Nothing more was sent.".into(),
            LostTransfer::NotMoved => "The points were not moved: the balances are unchanged. Send again?".into(),
            LostTransfer::Unclear { source_change } if source_change.is_finite() => format!(
                "Not sure: {source} changed by {}, not {}. Look at the ledger before sending again.",
                points_text(*source_change),
                points_text(-(points as f64))
            ),
            LostTransfer::Unclear { .. } => {
                "Not sure whether the points moved: the balances could not be read. Look at the ledger before sending again."
                    .into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(program: i64, title: &str, points: f64) -> PointsSummary {
        PointsSummary {
            program_id: Some(program),
            program_title: title.into(),
            loyalty_points: Some(points),
            ..PointsSummary::default()
        }
    }

    fn group(id: u64, name: &str, status: GroupStatus, points: f64, primary: Option<u64>) -> GroupDetails {
        GroupDetails {
            id: Id(id),
            group_name: name.into(),
            group_status: status,
            points_summaries: vec![summary(973, "DocDemoDefaultProgram", points)],
            fleet_group_users: primary
                .map(|p| Member { user_id: Id(p), primary_member: true, active: true, ..Member::default() })
                .into_iter()
                .collect(),
            ..GroupDetails::default()
        }
    }

    fn input<'a>(source: Side<'a>, destination: Side<'a>, points: &'a str) -> TransferInput<'a> {
        TransferInput { source, destination, program_id: 973, points, notes: "" }
    }

    #[test]
    fn a_member_gives_to_the_group_as_the_docs_example_names_them() {
        let sharma = group(3920001, "The Sharma Family", GroupStatus::Active, 750.0, Some(700100001));
        let arjun = [summary(973, "DocDemoDefaultProgram", 600.0)];
        let req = check_transfer(&TransferInput {
            notes: " Joined the family wallet ",
            ..input(Side::member(700100002, "Arjun Sharma", Some(&arjun)), Side::group(&sharma), "500")
        })
        .unwrap();
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            serde_json::json!({
                "pointsTobeTransferred": 500,
                "programId": 973,
                "notes": "Joined the family wallet",
                "transferredBy": {"identifierType": "id", "identifierValue": "700100002", "source": "INSTORE"},
                "fromEntity": {"type": "CUSTOMER", "identifierType": "id", "identifierValue": "700100002", "source": "INSTORE"},
                "toEntity": {"type": "USERGROUP2", "identifierType": "id", "identifierValue": "3920001", "source": "INSTORE"}
            })
        );
    }

    #[test]
    fn a_group_gives_through_its_primary_member() {
        let sharma = group(3920001, "The Sharma Family", GroupStatus::Active, 750.0, Some(700100001));
        let okafor = group(3920002, "Okafor Household", GroupStatus::Active, 900.0, Some(700200001));
        let req = check_transfer(&input(Side::group(&sharma), Side::group(&okafor), "300")).unwrap();
        let by = req.transferred_by.as_ref().unwrap();
        assert_eq!(by.identifier_value, "700100001");
        let from = req.from_entity.as_ref().unwrap();
        assert_eq!(
            (from.kind.as_str(), from.identifier_value.as_str(), from.source.as_str()),
            ("USERGROUP2", "3920001", "")
        );
        assert_eq!(req.to_entity.as_ref().unwrap().identifier_value, "3920002");
        // Group → member: the member receives, with a source.
        let req =
            check_transfer(&input(Side::group(&sharma), Side::member(700100003, "Kavya Sharma", None), "1")).unwrap();
        let to = req.to_entity.unwrap();
        assert_eq!((to.kind.as_str(), to.source.as_str()), ("CUSTOMER", "INSTORE"));
        assert!(!serde_json::to_string(&req.transferred_by).unwrap().contains("type"));
    }

    #[test]
    fn every_check_before_sending_says_what_is_wrong_next_to_its_field() {
        let sharma = group(3920001, "The Sharma Family", GroupStatus::Active, 750.0, Some(700100001));
        let mensah = group(3920005, "The Mensah Family", GroupStatus::Inactive, 80.0, None);
        let kowalski = group(3920006, "Kowalski Family", GroupStatus::Deleted, 0.0, None);
        let mut okafor = group(3920002, "The Okafor Household", GroupStatus::Active, 900.0, Some(700200001));
        okafor.points_summaries[0].program_id = Some(983);
        let only = |r: Result<PointsTransfer, Vec<TransferProblem>>| {
            let mut p = r.unwrap_err();
            assert_eq!(p.len(), 1, "{p:?}");
            p.remove(0)
        };
        let from_sharma = |to, points| check_transfer(&input(Side::group(&sharma), to, points));

        let p = only(from_sharma(Side::group(&mensah), "10"));
        assert_eq!(p.to_string(), "The Mensah Family is inactive and cannot receive points.");
        assert_eq!(p.field(), TransferField::Counterpart);
        assert_eq!(
            only(from_sharma(Side::group(&kowalski), "10")).to_string(),
            "Kowalski Family is deleted and cannot receive points."
        );
        assert_eq!(
            only(from_sharma(Side::group(&okafor), "10")).to_string(),
            "The Okafor Household is not in DocDemoDefaultProgram, so it cannot receive its points."
        );
        assert_eq!(
            only(from_sharma(Side::group(&sharma), "10")).to_string(),
            "Choose another group: points cannot move to the same group."
        );
        let p = only(from_sharma(Side::member(1, "Arjun", None), "751"));
        assert_eq!(
            p.to_string(),
            "The Sharma Family holds 750 points of DocDemoDefaultProgram: you can move at most 750."
        );
        assert_eq!(p.field(), TransferField::Points);
        assert!(from_sharma(Side::member(1, "Arjun", None), "750").is_ok(), "all of it may move");
        assert_eq!(
            only(from_sharma(Side::member(1, "Arjun", None), "10.5")),
            TransferProblem::Points(PointsProblem::Decimal)
        );
        assert_eq!(
            only(from_sharma(Side::member(1, "Arjun", None), "0")),
            TransferProblem::Points(PointsProblem::BelowOne)
        );
        assert_eq!(
            only(from_sharma(Side::member(1, "Arjun", None), "2147483648")),
            TransferProblem::Points(PointsProblem::TooMany)
        );
        let long = "n".repeat(256);
        let p = only(check_transfer(&TransferInput {
            notes: &long,
            ..input(Side::group(&sharma), Side::member(1, "A", None), "1")
        }));
        assert_eq!(p.field(), TransferField::Notes);

        // A negative balance: nothing to move, whatever is typed.
        let mut overdrawn = sharma.clone();
        overdrawn.points_summaries[0].loyalty_points = Some(-40.0);
        let p = only(check_transfer(&input(Side::group(&overdrawn), Side::member(1, "A", None), "5")));
        assert_eq!(
            p.to_string(),
            "The Sharma Family holds −40 points of DocDemoDefaultProgram: there is nothing to move."
        );

        // The giving group: inactive, or without a primary member to authorise.
        let p = only(check_transfer(&input(Side::group(&mensah), Side::group(&sharma), "5")));
        assert_eq!(p.field(), TransferField::Whole);
        assert!(p.to_string().starts_with("This group is inactive"), "{p}");
        let lindqvist = group(3920003, "Lindqvist Family", GroupStatus::Active, 500.0, None);
        assert_eq!(
            only(check_transfer(&input(Side::group(&lindqvist), Side::group(&sharma), "5"))).to_string(),
            "This group has no primary member, so nobody can authorise moving its points."
        );

        // A member: their balance when known, unknown → the pre-check decides.
        let arjun = [summary(973, "DocDemoDefaultProgram", 200.0)];
        let p =
            only(check_transfer(&input(Side::member(2, "Arjun Sharma", Some(&arjun)), Side::group(&sharma), "201")));
        assert_eq!(p.to_string(), "Arjun Sharma holds 200 points of DocDemoDefaultProgram: you can move at most 200.");
        assert!(check_transfer(&input(Side::member(2, "Arjun Sharma", None), Side::group(&sharma), "5000")).is_ok());
        let elsewhere = [summary(983, "Group Loyalty Program", 200.0)];
        let p =
            only(check_transfer(&input(Side::member(2, "Arjun Sharma", Some(&elsewhere)), Side::group(&sharma), "5")));
        assert_eq!(p.to_string(), "Arjun Sharma holds no points of DocDemoDefaultProgram: there is nothing to move.");
        // A member receiving: in the program when known.
        let p = only(from_sharma(Side::member(2, "Arjun Sharma", Some(&elsewhere)), "5"));
        assert_eq!(
            p.to_string(),
            "Arjun Sharma is not enrolled in DocDemoDefaultProgram, so they cannot receive its points."
        );

        // Several at once.
        let r = check_transfer(&input(Side::group(&lindqvist), Side::group(&mensah), "x")).unwrap_err();
        assert_eq!(r.len(), 3, "{r:?}");
    }

    #[test]
    fn the_pre_check_answer_is_said_before_sending() {
        let yes: TransferCheckAnswer =
            serde_json::from_str(r#"{"data": [{"pointsTobeTransferred": 500.0, "transferrable": "true"}]}"#).unwrap();
        assert!(yes.agrees());
        assert_eq!(yes.words(500), "The platform agrees: 500 points can move.");
        let no: TransferCheckAnswer = serde_json::from_str(r#"{"data": [{"transferrable": false}]}"#).unwrap();
        assert!(!no.agrees());
        assert_eq!(no.words(500), "The platform says these points cannot be moved now (no reason given).");
        let none: TransferCheckAnswer = serde_json::from_str("{}").unwrap();
        assert!(!none.agrees());
        let other: TransferCheckAnswer =
            serde_json::from_str(r#"{"data": [{"pointsToBeTransferred": 10, "transferrable": true}]}"#).unwrap();
        assert_eq!(other.words(11), "The platform agrees to move 10 points, not 11.");
    }

    #[test]
    fn the_outcome_names_the_points_the_platform_moved() {
        let a: TransferAnswer =
            serde_json::from_str(r#"{"data": [{"pointsTransferred": 500.0, "transferId": 1037706}]}"#).unwrap();
        assert_eq!(
            a.words(500, "DocDemoDefaultProgram", "Priya Sharma", "The Sharma Family"),
            "Moved 500 points of DocDemoDefaultProgram from Priya Sharma to The Sharma Family (transfer 1037706)."
        );
        let bare: TransferAnswer = serde_json::from_str(r#"{"data": [], "warnings": []}"#).unwrap();
        assert_eq!(bare.words(1500, "P", "A", "B"), "Moved 1,500 points of P from A to B.");
    }

    #[test]
    fn every_documented_code_has_its_words() {
        let e = |code: i64, message: &str| ApiError::Api { status: 400, code: Some(code), message: message.into() };
        let cases = [
            (422, "The number of points is missing or not accepted."),
            (807, "This program moves points only in certain amounts"),
            (885, "The platform does not know this program."),
            (889, "The platform could not move the points."),
            (1206, "The platform did not accept the source of the points."),
            (1207, "The platform did not accept the receiver of the points."),
            (1208, "The platform did not accept the kind of source or receiver."),
            (1645, "The platform does not accept this group's details."),
            (8015, "The platform has no customer with these details."),
        ];
        for (code, start) in cases {
            assert!(words(&e(code, "x")).starts_with(start), "{code}: {}", words(&e(code, "x")));
        }
        assert_eq!(
            words(&e(434, "Invalid fromEntity.identifierType set in the request payload")),
            "The platform did not accept who or what was named: Invalid fromEntity.identifierType set in the request payload"
        );
        assert_eq!(
            words_naming(&e(830, ""), "Priya Sharma", "The Sharma Family"),
            "Priya Sharma may not move points out of The Sharma Family. Check their permissions (allow points transfer)."
        );
        // Another code, or no code: the general words.
        assert_eq!(words(&e(412, "odd")), e(412, "odd").headline());
        let auth = ApiError::Auth { status: 401, code: Some(422), message: String::new() };
        assert_eq!(words(&auth), auth.headline(), "a credentials problem is never a points problem");
    }

    #[test]
    fn a_lost_answer_is_judged_by_the_balances() {
        assert_eq!(after_lost_answer(500, (Some(750.0), Some(250.0)), (Some(200.0), Some(700.0))), LostTransfer::Moved);
        assert_eq!(after_lost_answer(500, (Some(750.0), Some(250.0)), (None, None)), LostTransfer::Moved);
        assert_eq!(after_lost_answer(500, (None, None), (Some(200.0), Some(700.0))), LostTransfer::Moved);
        assert_eq!(after_lost_answer(500, (Some(750.0), Some(750.0)), (Some(1.0), Some(1.0))), LostTransfer::NotMoved);
        let unclear = after_lost_answer(500, (Some(750.0), Some(450.0)), (Some(0.0), Some(300.0)));
        assert_eq!(unclear, LostTransfer::Unclear { source_change: -300.0 });
        assert_eq!(
            unclear.words(500, "The Sharma Family"),
            "Not sure: The Sharma Family changed by −300, not −500. Look at the ledger before sending again."
        );
        assert!(LostTransfer::Moved.words(1, "x").contains("Nothing more was sent"));
        assert!(after_lost_answer(5, (None, None), (None, None)).words(5, "x").contains("could not be read"));
    }
}
