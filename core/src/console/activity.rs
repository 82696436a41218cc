//! "What did I change yesterday": this browser's actions on a group (members added, removed or
//! moved, permissions changed, the group deleted), each with its outcome, kept by the console
//! in localStorage and exported as CSV.

use serde::{Deserialize, Serialize};

use crate::platform::csv_writer::{Cell, CsvWriter};
use crate::platform::small_json::{self, fields, or_default, Json, Repeated};

/// Kept per group; older entries fall off.
pub const MAX_ENTRIES: usize = 200;

/// One action and how it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityEntry {
    /// Epoch milliseconds.
    pub at: f64,
    /// The action, as the log names it ("Removed a member"): each action names itself, so a
    /// new one adds nothing here.
    #[serde(default)]
    pub action: String,
    /// What was done, in words ("700100002 by mobile 919876500002").
    pub what: String,
    /// How it ended ("done", "2 of 3 added; 1 failed: 1636 already a member").
    pub outcome: String,
    /// Everything went as asked.
    #[serde(default)]
    pub ok: bool,
}

/// Logs written before actions named themselves kept a `kind` word instead: read as its name.
fn named(kind: &str) -> &str {
    match kind {
        "add_members" => "Added members",
        "remove_member" => "Removed a member",
        "move_members" => "Moved members",
        "change_permissions" => "Changed permissions",
        "delete_group" => "Deleted the group",
        "edit_group" => "Edited the group",
        other => other,
    }
}

/// Adds `entry` on top, keeping at most [`MAX_ENTRIES`].
pub fn push(log: &mut Vec<ActivityEntry>, entry: ActivityEntry) {
    log.insert(0, entry);
    log.truncate(MAX_ENTRIES);
}

/// Reads the stored log; anything unreadable is an empty log, not an error. Read as serde's
/// derives read it (an entry with the `kind` of an older log beside it), with the small
/// reader: Settings counts the log without serde_json's code (see platform::small_json).
pub fn parse(stored: Option<&str>) -> Vec<ActivityEntry> {
    stored.and_then(|s| small_json::list(s, ActivityEntry::read)).unwrap_or_default()
}

impl ActivityEntry {
    fn read(json: &Json) -> Option<ActivityEntry> {
        let [at, action, what, outcome, ok, kind] =
            fields(json, ["at", "action", "what", "outcome", "ok", "kind"], Repeated::Refused)?;
        let kind = match kind {
            None | Some(Json::Null) => None,
            Some(k) => Some(k.as_str()?),
        };
        let mut entry = ActivityEntry {
            at: at?.as_f64()?,
            action: or_default(action, small_json::string)?,
            what: small_json::string(what?)?,
            outcome: small_json::string(outcome?)?,
            ok: or_default(ok, Json::as_bool)?,
        };
        if entry.action.is_empty() {
            entry.action = named(kind.unwrap_or("")).to_string();
        }
        Some(entry)
    }
}

/// The log as CSV (through the one writer, `platform::csv_writer`); `when` writes a time.
pub fn to_csv(log: &[ActivityEntry], when: impl Fn(f64) -> String) -> String {
    let mut w = CsvWriter::new(["when", "action", "what", "outcome", "ok"]);
    for e in log {
        let at = when(e.at);
        w.row([
            Cell::Text(&at),
            Cell::Text(&e.action),
            Cell::Text(&e.what),
            Cell::Text(&e.outcome),
            Cell::Text(if e.ok { "yes" } else { "no" }),
        ]);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::platform::small_json::arbitrary::{self, records};

    /// How the log was read before the small reader: the reference it must agree with.
    fn parse_with_serde(stored: Option<&str>) -> Vec<ActivityEntry> {
        #[derive(Deserialize)]
        struct Stored {
            #[serde(flatten)]
            entry: ActivityEntry,
            #[serde(default)]
            kind: Option<String>,
        }
        let stored: Vec<Stored> = stored.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
        stored
            .into_iter()
            .map(|Stored { mut entry, kind }| {
                if entry.action.is_empty() {
                    entry.action = named(kind.as_deref().unwrap_or("")).to_string();
                }
                entry
            })
            .collect()
    }

    const NAMES: &[&str] = &["at", "action", "kind", "what", "outcome", "ok", "other"];
    const KINDS: &[&str] =
        &["add_members", "remove_member", "move_members", "change_permissions", "delete_group", "edit_group"];
    const WORDS: &[&str] = &[
        "add_members",
        "remove_member",
        "move_members",
        "change_permissions",
        "delete_group",
        "edit_group",
        "Moved members",
        "",
        "done",
    ];

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2048),
            ..ProptestConfig::default()
        })]

        /// The stored log reads as serde_json read it, logs with kinds among them.
        #[test]
        fn the_stored_log_reads_as_serde_did(text in records(
            vec![
                ("at", arbitrary::float()),
                ("action", arbitrary::word(&["Moved members", "Issued points", ""])),
                ("kind", arbitrary::word(KINDS)),
                ("what", arbitrary::string()),
                ("outcome", arbitrary::string()),
                ("ok", arbitrary::flag()),
            ],
            NAMES,
            WORDS,
        )) {
            let serde = parse_with_serde(Some(&text));
            let ours = parse(Some(&text));
            prop_assert_eq!(ours.len(), serde.len());
            for (a, b) in ours.iter().zip(&serde) {
                prop_assert!(arbitrary::same_f64(a.at, b.at), "{} and {}", a.at, b.at);
                prop_assert_eq!(a, &ActivityEntry { at: a.at, ..b.clone() });
            }
        }
    }

    #[test]
    fn what_the_console_writes_reads_back_exactly() {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as f64;
        let log: Vec<_> = (0..3).map(|i| entry(now + f64::from(i), "919876500002 by mobile")).collect();
        assert_eq!(parse(Some(&serde_json::to_string(&log).unwrap())), log);
    }

    fn entry(at: f64, what: &str) -> ActivityEntry {
        ActivityEntry { at, action: "Removed a member".into(), what: what.into(), outcome: "done".into(), ok: true }
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
    fn a_log_written_with_kinds_reads_with_their_names() {
        let old = r#"[{"at": 2, "kind": "move_members", "what": "a", "outcome": "done", "ok": true}]"#;
        let log = parse(Some(old));
        assert_eq!(log[0].action, "Moved members");
        assert_eq!(log[0].what, "a");
        assert!(!serde_json::to_string(&log).unwrap().contains("kind"), "written with the name only");
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
