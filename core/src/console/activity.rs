//! "What did I change yesterday": this browser's actions on a group (members added, removed or
//! moved, permissions changed, the group deleted), each with its outcome, kept by the console
//! in localStorage and exported as CSV.

use serde::{Deserialize, Serialize};

use crate::platform::csv_writer::{Cell, CsvWriter};

/// Kept per group; older entries fall off.
pub const MAX_ENTRIES: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    AddMembers,
    RemoveMember,
    MoveMembers,
    ChangePermissions,
    DeleteGroup,
    EditGroup,
}

impl ActivityKind {
    pub fn label(self) -> &'static str {
        match self {
            ActivityKind::AddMembers => "Added members",
            ActivityKind::RemoveMember => "Removed a member",
            ActivityKind::MoveMembers => "Moved members",
            ActivityKind::ChangePermissions => "Changed permissions",
            ActivityKind::DeleteGroup => "Deleted the group",
            ActivityKind::EditGroup => "Edited the group",
        }
    }
}

/// One action and how it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    /// Epoch milliseconds.
    pub at: f64,
    pub kind: ActivityKind,
    /// What was done, in words ("700100002 by mobile 919876500002").
    pub what: String,
    /// How it ended ("done", "2 of 3 added; 1 failed: 1636 already a member").
    pub outcome: String,
    /// Everything went as asked.
    #[serde(default)]
    pub ok: bool,
}

/// Adds `entry` on top, keeping at most [`MAX_ENTRIES`].
pub fn push(log: &mut Vec<ActivityEntry>, entry: ActivityEntry) {
    log.insert(0, entry);
    log.truncate(MAX_ENTRIES);
}

/// Reads the stored log; anything unreadable is an empty log, not an error.
pub fn parse(stored: Option<&str>) -> Vec<ActivityEntry> {
    stored.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default()
}

/// The log as CSV (through the one writer, `platform::csv_writer`); `when` writes a time.
pub fn to_csv(log: &[ActivityEntry], when: impl Fn(f64) -> String) -> String {
    let mut w = CsvWriter::new(["when", "action", "what", "outcome", "ok"]);
    for e in log {
        let at = when(e.at);
        w.row([
            Cell::Text(&at),
            Cell::Text(e.kind.label()),
            Cell::Text(&e.what),
            Cell::Text(&e.outcome),
            Cell::Text(if e.ok { "yes" } else { "no" }),
        ]);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(at: f64, what: &str) -> ActivityEntry {
        ActivityEntry { at, kind: ActivityKind::RemoveMember, what: what.into(), outcome: "done".into(), ok: true }
    }

    #[test]
    fn newest_first_and_capped() {
        let mut log = Vec::new();
        for i in 0..(MAX_ENTRIES + 5) {
            push(&mut log, entry(i as f64, "x"));
        }
        assert_eq!(log.len(), MAX_ENTRIES);
        assert_eq!(log[0].at, (MAX_ENTRIES + 4) as f64);
    }

    #[test]
    fn round_trips_and_survives_garbage() {
        let log = vec![entry(1.0, "a")];
        let json = serde_json::to_string(&log).unwrap();
        assert_eq!(parse(Some(&json)), log);
        assert!(parse(Some("{")).is_empty());
        assert!(parse(None).is_empty());
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let csv = to_csv(&[entry(0.0, "a, \"b\"")], |_| "2026-11-29 10:00".into());
        assert_eq!(
            csv,
            "\u{feff}when,action,what,outcome,ok\r\n2026-11-29 10:00,Removed a member,\"a, \"\"b\"\"\",done,yes\r\n"
        );
    }
}
