//! What the points dialogs (move, goodwill, issue) check alike before sending: a whole number
//! of points, a program the group is in, a group that may act, a note within its limit; and
//! the group's programs as the dialogs offer them.

use std::fmt;

use crate::group::wire::GroupStatus;
use crate::platform::fields::{self, FieldError, NumberKind, MAX_INT};
use crate::platform::format::{group_digits, plain_number};
use crate::points::wire::PointsSummary;

/// Notes, reasons and comments: the platform gives no limit; ours, so a note always fits.
pub const MAX_NOTE_UNITS: usize = 255;

/// What is wrong with a number of points typed by a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointsProblem {
    Empty,
    NotANumber,
    Decimal,
    BelowOne,
    /// Above [`MAX_INT`]: the platform keeps points in a Java int.
    TooMany,
}

impl fmt::Display for PointsProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PointsProblem::Empty => "Enter the number of points.",
            PointsProblem::NotANumber => "Enter a whole number of points, like 500.",
            PointsProblem::Decimal => "Whole points only: no decimals.",
            PointsProblem::BelowOne => "Enter at least 1 point.",
            PointsProblem::TooMany => "That is more points than the platform takes at once.",
        })
    }
}

impl std::error::Error for PointsProblem {}

/// A number of points as typed: digits only, at least 1, at most [`MAX_INT`].
pub fn whole_points(raw: &str) -> Result<u32, PointsProblem> {
    if raw.trim().is_empty() {
        return Err(PointsProblem::Empty);
    }
    match fields::whole_number(raw, NumberKind::Rank) {
        Ok(n) if n > MAX_INT as u64 => Err(PointsProblem::TooMany),
        Ok(n) => Ok(n as u32),
        Err(FieldError::Decimal(_)) => Err(PointsProblem::Decimal),
        Err(FieldError::BelowOne(_)) => Err(PointsProblem::BelowOne),
        Err(_) => Err(PointsProblem::NotANumber),
    }
}

/// A note, reason or comment: trimmed, at most [`MAX_NOTE_UNITS`] UTF-16 units. `what` names
/// it in the "Enter …" message when it is required.
pub fn note(raw: &str, label: &'static str, what: &'static str, required: bool) -> Result<Option<String>, FieldError> {
    fields::text(raw, label, what, required, MAX_NOTE_UNITS)
}

/// One program of a group (or a member), as a dialog offers it.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub id: i64,
    pub title: String,
    /// Redeemable points (`loyaltyPoints`), when given.
    pub points: Option<f64>,
}

/// The programs of `summaries` (a group's `pointsSummaries`, a member's loyalty programs), in
/// their order: the first is the dialogs' default. Items without a program id are left out.
pub fn programs(summaries: &[PointsSummary]) -> Vec<Program> {
    summaries
        .iter()
        .filter_map(|s| {
            let id = s.program_id?;
            Some(Program { id, title: title_of(s, id), points: s.loyalty_points })
        })
        .collect()
}

fn title_of(s: &PointsSummary, id: i64) -> String {
    match s.program_title.trim() {
        "" => format!("program {id}"),
        t => t.to_string(),
    }
}

/// The summary of program `id`, if the wallet is in it.
pub fn program(summaries: &[PointsSummary], id: i64) -> Option<&PointsSummary> {
    summaries.iter().find(|s| s.program_id == Some(id))
}

/// The program's name as the words say it: its title in `summaries`, else "program 973".
pub fn program_name(summaries: &[PointsSummary], id: i64) -> String {
    program(summaries, id).map(|s| title_of(s, id)).unwrap_or_else(|| format!("program {id}"))
}

/// Why a group offers no points actions, said once on the Points tab; `None` when it is
/// active.
pub fn no_actions_reason(status: GroupStatus) -> Option<&'static str> {
    match status {
        // As for every change the console offers (features::group::context::can_change): a
        // status the platform did not give is no reason to refuse; the platform still decides.
        GroupStatus::Active | GroupStatus::Unknown => None,
        GroupStatus::Inactive => Some("This group is inactive: its points cannot be moved, credited or issued."),
        GroupStatus::Deleted => Some("This group was deleted: its points cannot be moved, credited or issued."),
    }
}

/// Points in words: `1,500`, `992.5`, `−40` (a true minus sign).
pub fn points_text(n: f64) -> String {
    let sign = if n < 0.0 { "−" } else { "" };
    let a = n.abs();
    let digits = if a.fract() == 0.0 && a < 1e15 { group_digits(a as u64) } else { plain_number(a) };
    format!("{sign}{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_whole_positive_and_within_an_int() {
        assert_eq!(whole_points(" 500 "), Ok(500));
        assert_eq!(whole_points("2147483647"), Ok(MAX_INT));
        assert_eq!(whole_points("2147483648"), Err(PointsProblem::TooMany));
        assert_eq!(whole_points("99999999999999999999999"), Err(PointsProblem::TooMany));
        assert_eq!(whole_points("10.5"), Err(PointsProblem::Decimal));
        assert_eq!(whole_points("500.0"), Err(PointsProblem::Decimal));
        assert_eq!(whole_points("0"), Err(PointsProblem::BelowOne));
        assert_eq!(whole_points("-3"), Err(PointsProblem::BelowOne));
        assert_eq!(whole_points("1,000"), Err(PointsProblem::NotANumber));
        assert_eq!(whole_points("1e3"), Err(PointsProblem::NotANumber));
        assert_eq!(whole_points("  "), Err(PointsProblem::Empty));
        assert_eq!(PointsProblem::Decimal.to_string(), "Whole points only: no decimals.");
        assert_eq!(PointsProblem::BelowOne.to_string(), "Enter at least 1 point.");
        assert_eq!(PointsProblem::TooMany.to_string(), "That is more points than the platform takes at once.");
    }

    #[test]
    fn notes_are_limited_to_255_units() {
        assert_eq!(note("  ", "Notes", "notes", false), Ok(None));
        assert_eq!(note(" hi ", "Notes", "notes", false), Ok(Some("hi".into())));
        assert_eq!(note(&"a".repeat(255), "Notes", "notes", false).map(|n| n.unwrap().len()), Ok(255));
        assert_eq!(note(&"😀".repeat(128), "Notes", "notes", false), Err(FieldError::TooLong("Notes", 256, 255)));
        assert_eq!(note("", "Reason", "a reason", true).unwrap_err().to_string(), "Enter a reason.");
    }

    #[test]
    fn programs_are_offered_in_order_with_their_titles() {
        let s = |id: Option<i64>, title: &str, points: f64| PointsSummary {
            program_id: id,
            program_title: title.into(),
            loyalty_points: Some(points),
            ..PointsSummary::default()
        };
        let list = [s(Some(973), "DocDemoDefaultProgram", 750.0), s(None, "x", 1.0), s(Some(983), " ", 20.0)];
        let p = programs(&list);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].id, p[0].title.as_str(), p[0].points), (973, "DocDemoDefaultProgram", Some(750.0)));
        assert_eq!(p[1].title, "program 983");
        assert_eq!(program_name(&list, 973), "DocDemoDefaultProgram");
        assert_eq!(program_name(&list, 1), "program 1");
        assert!(program(&list, 983).is_some() && program(&list, 991).is_none());
    }

    #[test]
    fn only_an_active_group_acts() {
        assert_eq!(no_actions_reason(GroupStatus::Active), None);
        assert!(no_actions_reason(GroupStatus::Inactive).unwrap().starts_with("This group is inactive"));
        assert!(no_actions_reason(GroupStatus::Deleted).unwrap().starts_with("This group was deleted"));
        assert_eq!(no_actions_reason(GroupStatus::Unknown), None, "a status not given is no reason to refuse");
    }

    #[test]
    fn points_in_words() {
        assert_eq!(points_text(1500.0), "1,500");
        assert_eq!(points_text(-40.0), "−40");
        assert_eq!(points_text(992.5), "992.5");
        assert_eq!(points_text(0.0), "0");
    }
}
