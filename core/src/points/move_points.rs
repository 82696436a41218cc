//! The "Move points" dialog's own rules, beside the transfer's wire (`transfer.rs`): its three
//! directions, the confirmation and the balances in words, what reading the wallets and the
//! ledger again says after a lost answer, and the plan of "Move their points too" (each moved
//! member's contribution follows them, one transfer per member).

use std::collections::BTreeSet;

use crate::history::ledger::LedgerEntry;
use crate::points::checks::points_text;
use crate::points::transfer::{after_lost_answer, LostTransfer, Party};

/// Which way the points go, seen from the group whose page is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    MemberToGroup,
    GroupToMember,
    GroupToGroup,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::MemberToGroup, Direction::GroupToMember, Direction::GroupToGroup];

    pub fn label(self) -> &'static str {
        match self {
            Direction::MemberToGroup => "From a member to this group",
            Direction::GroupToMember => "From this group to a member",
            Direction::GroupToGroup => "From this group to another group",
        }
    }

    /// For element ids.
    pub fn slug(self) -> &'static str {
        match self {
            Direction::MemberToGroup => "member-to-group",
            Direction::GroupToMember => "group-to-member",
            Direction::GroupToGroup => "group-to-group",
        }
    }

    /// The other side is one of the group's members (else another group).
    pub fn with_member(self) -> bool {
        !matches!(self, Direction::GroupToGroup)
    }

    /// `(from, to)` for this group and the other side's id (a customer, or another group).
    pub fn parties(self, group: u64, other: u64) -> (Party, Party) {
        match self {
            Direction::MemberToGroup => (Party::Member(other), Party::Group(group)),
            Direction::GroupToMember => (Party::Group(group), Party::Member(other)),
            Direction::GroupToGroup => (Party::Group(group), Party::Group(other)),
        }
    }

    /// Said next to the other side's field while nothing is chosen.
    pub fn choose_words(self) -> &'static str {
        match self {
            Direction::MemberToGroup => "Choose the member whose points move to the group.",
            Direction::GroupToMember => "Choose the member who receives the points.",
            Direction::GroupToGroup => "Find and choose the group that receives the points.",
        }
    }
}

/// "Move 500 points of DocDemoDefaultProgram from Priya Sharma to The Sharma Family."
pub fn confirmation(points: u32, program: &str, from: &str, to: &str) -> String {
    format!("Move {} points of {program} from {from} to {to}.", points_text(points as f64))
}

/// "Arjun Sharma holds 200 points of DocDemoDefaultProgram."; a wallet outside the program
/// "Arjun Sharma holds no points of DocDemoDefaultProgram."
pub fn holds_words(name: &str, points: Option<f64>, program: &str) -> String {
    match points {
        Some(p) => format!("{name} holds {} points of {program}.", points_text(p)),
        None => format!("{name} holds no points of {program}."),
    }
}

/// The balances read after a transfer: "The Sharma Family now holds 250 points of
/// DocDemoDefaultProgram; Priya Sharma 1,000." Sides that could not be read are left out;
/// `None` when neither could.
pub fn balances_words(program: &str, sides: [(&str, Option<f64>); 2]) -> Option<String> {
    let known: Vec<(&str, f64)> = sides.iter().filter_map(|(n, p)| Some((*n, (*p)?))).collect();
    let (first, rest) = known.split_first()?;
    let mut s = format!("{} now holds {} points of {program}", first.0, points_text(first.1));
    for (name, p) in rest {
        s.push_str(&format!("; {name} {}", points_text(*p)));
    }
    s.push('.');
    Some(s)
}

// ------------------------------------------------------------------ a lost answer

/// What the console reads right before a transfer and again when its answer is lost: the
/// source's and the receiver's balance in the program, and the newest entries of a group
/// side's ledger (`None` for what could not be read).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    pub source: Option<f64>,
    pub receiver: Option<f64>,
    pub ledger: Option<Vec<LedgerEntry>>,
}

/// Which group's ledger is read: the giving group's (its entry is −N), else the receiving
/// group's (+N).
pub fn ledger_side(from: Party, to: Party) -> Option<(u64, f64)> {
    match (from, to) {
        (Party::Group(g), _) => Some((g, -1.0)),
        (_, Party::Group(g)) => Some((g, 1.0)),
        _ => None,
    }
}

/// What the second reading says about a transfer whose answer was lost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finding {
    pub verdict: LostTransfer,
    /// The ledger has a new `PointsTransfer` entry of the points (`None`: not readable).
    pub in_ledger: Option<bool>,
}

/// How many `PointsTransfer` entries of `sign` × `points` the ledger gained between the two
/// readings (`None`: a ledger was not read).
pub fn new_transfers(points: u32, before: &Reading, after: &Reading, sign: f64) -> Option<usize> {
    let (old, new) = (before.ledger.as_ref()?, after.ledger.as_ref()?);
    let seen: BTreeSet<i64> = old.iter().filter_map(|e| e.event_log_id).collect();
    Some(
        new.iter()
            .filter(|e| {
                e.event_name == "PointsTransfer"
                    && e.event_log_id.is_none_or(|id| !seen.contains(&id))
                    && e.net_points() == Some(sign * points as f64)
            })
            .count(),
    )
}

/// The balances decide first (`transfer::after_lost_answer`); when they cannot (something else
/// moved the wallets too), a `PointsTransfer` entry of ±`points` that was not in the ledger
/// before says the points moved. A ledger entry the unchanged balances contradict leaves it
/// unclear.
pub fn judge_lost(points: u32, before: &Reading, after: &Reading, sign: f64) -> Finding {
    let verdict = after_lost_answer(points, (before.source, after.source), (before.receiver, after.receiver));
    let in_ledger = new_transfers(points, before, after, sign).map(|n| n > 0);
    let verdict = match (verdict, in_ledger) {
        (LostTransfer::Unclear { .. }, Some(true)) => LostTransfer::Moved,
        (LostTransfer::NotMoved, Some(true)) => LostTransfer::Unclear { source_change: 0.0 },
        (v, _) => v,
    };
    Finding { verdict, in_ledger }
}

impl Finding {
    pub fn moved(&self) -> bool {
        self.verdict == LostTransfer::Moved
    }

    /// What the dialog says, starting with why it looked.
    pub fn words(&self, points: u32, source: &str) -> String {
        let found = match (self.verdict, self.in_ledger) {
            (LostTransfer::Moved, Some(true)) => {
                "The points were moved (the ledger shows the transfer). Nothing more was sent.".to_string()
            }
            (LostTransfer::Unclear { source_change: 0.0 }, Some(true)) => format!(
                "Not sure: the balances are unchanged, yet the ledger shows a transfer of {} points. Look at \
                 the ledger before sending again.",
                points_text(points as f64)
            ),
            (v, _) => v.words(points, source),
        };
        format!("The answer to the transfer was lost, so the console read the balances again. {found}")
    }
}

/// After a transfer the platform answered: a warning when the readings show more than this one
/// transfer. A browser resends a request on its own when a reused connection drops before
/// any answer, so a transfer can be carried out twice although the console sent it once; the
/// ledger then shows it twice. Other changes to the source (a purchase meanwhile) are said
/// only when the ledger cannot tell.
pub fn after_answer_words(points: u32, before: &Reading, after: &Reading, sign: f64, source: &str) -> Option<String> {
    let n = points as f64;
    match new_transfers(points, before, after, sign) {
        Some(times) if times > 1 => Some(format!(
            "The ledger shows this transfer {times} times: it was carried out more than once (a browser resends a \
             request on its own when the connection drops before any answer). Look at the ledger, and move the \
             extra {} points back with Move points.",
            points_text(n * (times - 1) as f64)
        )),
        Some(1) => None,
        _ => {
            let change = after.source? - before.source?;
            (change != -n).then(|| {
                format!(
                    "{source} changed by {}, not {}: something else moved its points too, or the transfer was \
                     carried out twice. Look at the ledger.",
                    points_text(change),
                    points_text(-n)
                )
            })
        }
    }
}

// ------------------------------------------------------------------ "Move their points too"

/// One member's share of "Move their points too".
#[derive(Debug, Clone, PartialEq)]
pub struct FollowLine {
    pub member: u64,
    pub name: String,
    /// What they contributed (`pointsContributed`), as read before they moved.
    pub contributed: f64,
    /// Whole points to move: their contribution, floored, as far as the group's balance goes.
    pub points: u32,
    /// Fewer than they contributed: the group holds no more.
    pub capped: bool,
}

/// Each moved member's contribution, floored, in order, while the giving group's balance in
/// the program lasts (`None`: not known, the pre-check decides).
pub fn follow_plan(members: &[(u64, String, Option<f64>)], balance: Option<f64>) -> Vec<FollowLine> {
    let mut left = balance.map(|b| b.max(0.0).floor());
    members
        .iter()
        .map(|(id, name, contributed)| {
            let contributed = contributed.unwrap_or(0.0).max(0.0);
            let want = contributed.floor().min(u32::MAX as f64);
            let points = left.map_or(want, |l| want.min(l));
            if let Some(l) = left.as_mut() {
                *l -= points;
            }
            FollowLine { member: *id, name: name.clone(), contributed, points: points as u32, capped: points < want }
        })
        .collect()
}

impl FollowLine {
    /// The transfer's notes, so the ledger says whose points these were.
    pub fn notes(&self) -> String {
        format!("Points of {}, moved with them", self.name)
    }

    /// The plan in words, before anything is sent.
    pub fn plan_words(&self, source: &str, program: &str) -> String {
        match (self.points, self.capped) {
            (0, false) => format!("{}: nothing to move (no points of their own in the group).", self.name),
            (0, true) => format!("{}: nothing to move, {source} holds no more points of {program}.", self.name),
            (n, false) => format!("{}: {} points.", self.name, points_text(n as f64)),
            (n, true) => format!(
                "{}: {} of their {} points, all that {source} still holds of {program}.",
                self.name,
                points_text(n as f64),
                points_text(self.contributed.floor())
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::ledger::LedgerEntry;

    #[test]
    fn each_direction_names_its_two_wallets() {
        assert_eq!(
            Direction::MemberToGroup.parties(3920001, 700100002),
            (Party::Member(700100002), Party::Group(3920001))
        );
        assert_eq!(
            Direction::GroupToMember.parties(3920001, 700100002),
            (Party::Group(3920001), Party::Member(700100002))
        );
        assert_eq!(Direction::GroupToGroup.parties(3920001, 3920002), (Party::Group(3920001), Party::Group(3920002)));
        assert!(Direction::GroupToMember.with_member() && !Direction::GroupToGroup.with_member());
        let slugs: BTreeSet<&str> = Direction::ALL.iter().map(|d| d.slug()).collect();
        assert_eq!(slugs.len(), 3, "ids stay distinct");
    }

    #[test]
    fn the_confirmation_and_the_balances_are_said_in_words() {
        assert_eq!(
            confirmation(500, "DocDemoDefaultProgram", "Priya Sharma", "The Sharma Family"),
            "Move 500 points of DocDemoDefaultProgram from Priya Sharma to The Sharma Family."
        );
        assert_eq!(confirmation(1500, "P", "A", "B"), "Move 1,500 points of P from A to B.");
        assert_eq!(
            holds_words("Arjun Sharma", Some(200.0), "DocDemoDefaultProgram"),
            "Arjun Sharma holds 200 points of DocDemoDefaultProgram."
        );
        assert_eq!(holds_words("Arjun", None, "P"), "Arjun holds no points of P.");
        assert_eq!(
            balances_words(
                "DocDemoDefaultProgram",
                [("The Sharma Family", Some(250.0)), ("Priya Sharma", Some(1000.0))]
            )
            .as_deref(),
            Some("The Sharma Family now holds 250 points of DocDemoDefaultProgram; Priya Sharma 1,000.")
        );
        assert_eq!(
            balances_words("P", [("A", None), ("B", Some(-40.0))]).as_deref(),
            Some("B now holds −40 points of P.")
        );
        assert_eq!(balances_words("P", [("A", None), ("B", None)]), None);
    }

    fn entry(id: i64, event: &str, net: f64) -> LedgerEntry {
        LedgerEntry {
            event_log_id: Some(id),
            event_name: event.into(),
            net_points_on_event: Some(net),
            ..LedgerEntry::default()
        }
    }

    fn reading(source: Option<f64>, receiver: Option<f64>, ledger: Option<Vec<LedgerEntry>>) -> Reading {
        Reading { source, receiver, ledger }
    }

    #[test]
    fn a_lost_answer_is_judged_by_the_balances_then_the_ledger() {
        let old = vec![entry(7, "PointsTransfer", -500.0), entry(6, "TransactionAdd", 40.0)];
        let before = reading(Some(750.0), Some(200.0), Some(old.clone()));

        // The balances say it.
        let moved = judge_lost(500, &before, &reading(Some(250.0), Some(700.0), None), -1.0);
        assert_eq!(moved, Finding { verdict: LostTransfer::Moved, in_ledger: None });
        assert!(moved.words(500, "The Sharma Family").contains("The points were moved (the balances show it)"));
        let not = judge_lost(500, &before, &reading(Some(750.0), Some(200.0), Some(old.clone())), -1.0);
        assert_eq!(not, Finding { verdict: LostTransfer::NotMoved, in_ledger: Some(false) });
        assert!(not.words(500, "x").ends_with("The points were not moved: the balances are unchanged. Send again?"));

        // A purchase landed meanwhile: the balances cannot tell, the new ledger entry can.
        let mut new = old.clone();
        new.insert(0, entry(9, "TransactionAdd", 30.0));
        new.insert(0, entry(8, "PointsTransfer", -500.0));
        let f = judge_lost(500, &before, &reading(Some(280.0), None, Some(new.clone())), -1.0);
        assert_eq!(f.verdict, LostTransfer::Moved);
        assert_eq!(
            f.words(500, "The Sharma Family"),
            "The answer to the transfer was lost, so the console read the balances again. The points were moved \
             (the ledger shows the transfer). Nothing more was sent."
        );
        // The old entry of the same size is not taken for the new one.
        let f = judge_lost(500, &before, &reading(Some(280.0), None, Some(old.clone())), -1.0);
        assert_eq!(f, Finding { verdict: LostTransfer::Unclear { source_change: -470.0 }, in_ledger: Some(false) });
        assert!(f.words(500, "The Sharma Family").contains("The Sharma Family changed by −470, not −500"));
        // A receiving group's ledger counts +N.
        let credit = vec![entry(3, "PointsTransfer", 500.0)];
        let f = judge_lost(500, &reading(None, None, Some(vec![])), &reading(None, None, Some(credit)), 1.0);
        assert_eq!(f.verdict, LostTransfer::Moved);
        // Unchanged balances and a new entry disagree: not sure.
        let f = judge_lost(500, &before, &reading(Some(750.0), Some(200.0), Some(new)), -1.0);
        assert_eq!(f.verdict, LostTransfer::Unclear { source_change: 0.0 });
        assert!(f.words(500, "x").contains("the balances are unchanged, yet the ledger shows a transfer of 500"));
        assert!(!f.moved());
    }

    #[test]
    fn a_transfer_carried_out_twice_is_said_after_its_answer() {
        let old = vec![entry(7, "PointsTransfer", 30.0)];
        let before = reading(Some(500.0), Some(750.0), Some(old.clone()));
        let twice =
            vec![entry(9, "PointsTransfer", 30.0), entry(8, "PointsTransfer", 30.0), entry(7, "PointsTransfer", 30.0)];
        let after = reading(Some(440.0), Some(810.0), Some(twice));
        assert_eq!(new_transfers(30, &before, &after, 1.0), Some(2));
        assert_eq!(
            after_answer_words(30, &before, &after, 1.0, "Priya Sharma").as_deref(),
            Some(
                "The ledger shows this transfer 2 times: it was carried out more than once (a browser resends a \
                 request on its own when the connection drops before any answer). Look at the ledger, and move the \
                 extra 30 points back with Move points."
            )
        );
        // Once, with a purchase meanwhile: nothing to say.
        let once = vec![entry(8, "PointsTransfer", 30.0), entry(7, "PointsTransfer", 30.0)];
        assert_eq!(after_answer_words(30, &before, &reading(Some(480.0), None, Some(once)), 1.0, "P"), None);
        // No ledger read: the balances speak.
        let (b, a) = (reading(Some(500.0), None, None), reading(Some(440.0), None, None));
        assert_eq!(
            after_answer_words(30, &b, &a, 1.0, "Priya Sharma").as_deref(),
            Some(
                "Priya Sharma changed by −60, not −30: something else moved its points too, or the transfer was \
                 carried out twice. Look at the ledger."
            )
        );
        assert_eq!(after_answer_words(30, &b, &reading(Some(470.0), None, None), 1.0, "P"), None);
        assert_eq!(
            after_answer_words(30, &b, &reading(None, None, None), 1.0, "P"),
            None,
            "nothing read, nothing said"
        );
    }

    #[test]
    fn the_ledger_read_is_the_giving_groups_else_the_receiving_ones() {
        assert_eq!(ledger_side(Party::Group(1), Party::Member(2)), Some((1, -1.0)));
        assert_eq!(ledger_side(Party::Group(1), Party::Group(3)), Some((1, -1.0)));
        assert_eq!(ledger_side(Party::Member(2), Party::Group(1)), Some((1, 1.0)));
        assert_eq!(ledger_side(Party::Member(2), Party::Member(3)), None);
    }

    #[test]
    fn moved_members_take_their_whole_contribution_while_the_group_holds_it() {
        let members = [
            (700100002, "Arjun Sharma".to_string(), Some(120.75)),
            (700100003, "Kavya Sharma".to_string(), None),
            (700100004, "Rohan Sharma".to_string(), Some(900.0)),
        ];
        let plan = follow_plan(&members, Some(750.0));
        let points: Vec<u32> = plan.iter().map(|l| l.points).collect();
        assert_eq!(points, [120, 0, 630], "floored, in order, capped by what is left");
        assert!(!plan[0].capped && !plan[1].capped && plan[2].capped);
        assert_eq!(plan[0].plan_words("The Sharma Family", "P"), "Arjun Sharma: 120 points.");
        assert_eq!(
            plan[1].plan_words("The Sharma Family", "P"),
            "Kavya Sharma: nothing to move (no points of their own in the group)."
        );
        assert_eq!(
            plan[2].plan_words("The Sharma Family", "P"),
            "Rohan Sharma: 630 of their 900 points, all that The Sharma Family still holds of P."
        );
        assert_eq!(plan[0].notes(), "Points of Arjun Sharma, moved with them");

        let dry = follow_plan(&members[..1], Some(-40.0));
        assert_eq!((dry[0].points, dry[0].capped), (0, true));
        assert_eq!(
            dry[0].plan_words("The Sharma Family", "P"),
            "Arjun Sharma: nothing to move, The Sharma Family holds no more points of P."
        );
        // The balance not known: the contributions as they are; the pre-check decides.
        assert_eq!(follow_plan(&members, None).iter().map(|l| l.points).collect::<Vec<_>>(), [120, 0, 900]);
        // A negative contribution moves nothing.
        assert_eq!(follow_plan(&[(1, "A".into(), Some(-5.0))], Some(10.0))[0].points, 0);
    }
}
