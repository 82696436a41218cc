//! "Recent work": groups and reward groups created, viewed or edited, newest first, at most
//! 20, kept in localStorage by the console.

use serde::{Deserialize, Serialize};

use crate::platform::small_json::{self, fields, or_default, Json, Repeated};

pub const MAX_RECENT: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecentKind {
    Group,
    RewardGroup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecentAction {
    Created,
    Viewed,
    Edited,
    /// Deleted from this console: the list keeps it, marked, so the marketer sees it is gone.
    Deleted,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecentItem {
    pub kind: RecentKind,
    pub id: u64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub external_id: String,
    pub action: RecentAction,
    /// Epoch milliseconds.
    pub at: f64,
}

/// Adds `item` on top; an older entry for the same group moves up rather than repeating.
pub fn push(list: &mut Vec<RecentItem>, item: RecentItem) {
    list.retain(|r| !(r.kind == item.kind && r.id == item.id));
    list.insert(0, item);
    list.truncate(MAX_RECENT);
}

/// Reads the stored list (at most [`MAX_RECENT`], whatever was stored); anything unreadable is
/// an empty list, not an error. Read as serde's derives read it, with the small reader: the
/// Find page shows the list as it opens and Settings counts it, neither with serde_json's
/// code (see platform::small_json).
pub fn parse(stored: Option<&str>) -> Vec<RecentItem> {
    let mut list = stored.and_then(|s| small_json::list(s, RecentItem::read)).unwrap_or_default();
    list.truncate(MAX_RECENT);
    list
}

impl RecentItem {
    fn read(json: &Json) -> Option<RecentItem> {
        let [kind, id, name, external_id, action, at] =
            fields(json, ["kind", "id", "name", "externalId", "action", "at"], Repeated::Refused)?;
        Some(RecentItem {
            kind: match kind?.as_str()? {
                "group" => RecentKind::Group,
                "reward_group" => RecentKind::RewardGroup,
                _ => return None,
            },
            id: id?.as_u64()?,
            name: or_default(name, small_json::string)?,
            external_id: or_default(external_id, small_json::string)?,
            action: match action?.as_str()? {
                "created" => RecentAction::Created,
                "viewed" => RecentAction::Viewed,
                "edited" => RecentAction::Edited,
                "deleted" => RecentAction::Deleted,
                _ => return None,
            },
            at: at?.as_f64()?,
        })
    }
}

/// Searches kept one click away on the Find page (mobiles and e-mails among them: few, and
/// "Forget this browser's data" in Settings removes them).
pub const MAX_RECENT_SEARCHES: usize = 8;

/// Adds a search on top; the same words (in any case) move up rather than repeating.
pub fn push_search(list: &mut Vec<String>, term: &str) {
    let term = term.trim();
    if term.is_empty() {
        return;
    }
    list.retain(|t| !t.eq_ignore_ascii_case(term));
    list.insert(0, term.to_string());
    list.truncate(MAX_RECENT_SEARCHES);
}

/// Reads the stored searches (at most [`MAX_RECENT_SEARCHES`], whatever was stored); anything
/// unreadable is none.
pub fn parse_searches(stored: Option<&str>) -> Vec<String> {
    let mut list = stored.and_then(|s| small_json::list(s, small_json::string)).unwrap_or_default();
    list.truncate(MAX_RECENT_SEARCHES);
    list
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::platform::small_json::arbitrary::{self, records, text, Shape};

    const NAMES: &[&str] = &["kind", "id", "name", "externalId", "action", "at", "external_id", "other"];
    const WORDS: &[&str] = &["group", "reward_group", "created", "viewed", "edited", "deleted", "Group", "sharma"];

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2048),
            ..ProptestConfig::default()
        })]

        /// The stored lists read as serde_json read them (the list of searches too).
        #[test]
        fn stored_lists_read_as_serde_did(text in prop_oneof![
            records(
                vec![
                    ("kind", arbitrary::word(&["group", "reward_group"])),
                    ("id", arbitrary::whole()),
                    ("name", arbitrary::string()),
                    ("externalId", arbitrary::string()),
                    ("action", arbitrary::word(&["created", "viewed", "edited", "deleted"])),
                    ("at", arbitrary::float()),
                ],
                NAMES,
                WORDS,
            ),
            text(NAMES, WORDS, Shape::List),
        ]) {
            let mut serde: Vec<RecentItem> = serde_json::from_str(&text).unwrap_or_default();
            serde.truncate(MAX_RECENT);
            let ours = parse(Some(&text));
            prop_assert_eq!(ours.len(), serde.len());
            for (a, b) in ours.iter().zip(&serde) {
                prop_assert!(arbitrary::same_f64(a.at, b.at), "{} and {}", a.at, b.at);
                prop_assert_eq!(a, &RecentItem { at: a.at, ..b.clone() });
            }
            let mut serde: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
            serde.truncate(MAX_RECENT_SEARCHES);
            prop_assert_eq!(parse_searches(Some(&text)), serde);
        }
    }

    #[test]
    fn what_the_console_writes_reads_back() {
        let list: Vec<RecentItem> = (0..25)
            .map(|id| RecentItem { at: 1.7335e12 + id as f64 * 0.5, ..item(id, RecentAction::Deleted) })
            .collect();
        let stored = serde_json::to_string(&list).unwrap();
        assert_eq!(parse(Some(&stored)), list[..MAX_RECENT]);
        let searches = vec!["sharma \"fleet\"".to_string(), "919876500002".into()];
        assert_eq!(parse_searches(Some(&serde_json::to_string(&searches).unwrap())), searches);
    }

    fn item(id: u64, action: RecentAction) -> RecentItem {
        RecentItem {
            kind: RecentKind::Group,
            id,
            name: format!("g{id}"),
            external_id: String::new(),
            action,
            at: id as f64,
        }
    }

    #[test]
    fn newest_first_without_repeats_and_capped_at_twenty() {
        let mut list = Vec::new();
        for id in 0..25 {
            push(&mut list, item(id, RecentAction::Created));
        }
        assert_eq!(list.len(), MAX_RECENT);
        assert_eq!(list[0].id, 24);
        assert_eq!(list[19].id, 5);
        push(&mut list, item(10, RecentAction::Viewed));
        assert_eq!(list.len(), MAX_RECENT);
        assert_eq!((list[0].id, list[0].action), (10, RecentAction::Viewed));
        assert_eq!(list.iter().filter(|r| r.id == 10).count(), 1);
    }

    #[test]
    fn a_reward_group_and_a_group_with_the_same_id_are_different_entries() {
        let mut list = vec![item(7, RecentAction::Created)];
        push(&mut list, RecentItem { kind: RecentKind::RewardGroup, ..item(7, RecentAction::Created) });
        assert_eq!(list.len(), 2);
    }

    #[test]
    fn unreadable_storage_is_an_empty_list() {
        assert!(parse(Some("not json")).is_empty());
        assert!(parse(None).is_empty());
    }

    #[test]
    fn searches_move_up_ignore_case_and_are_capped() {
        let mut list = Vec::new();
        for t in ["sharma", "okafor", " Sharma ", ""] {
            push_search(&mut list, t);
        }
        assert_eq!(list, ["Sharma", "okafor"]);
        for i in 0..20 {
            push_search(&mut list, &format!("q{i}"));
        }
        assert_eq!(list.len(), MAX_RECENT_SEARCHES);
        assert_eq!(list[0], "q19");
        assert_eq!(parse_searches(Some("not json")), Vec::<String>::new());
        // A list stored longer (by hand, or an older version) is read only up to the cap.
        let long = serde_json::to_string(&(0..50).map(|i| format!("q{i}")).collect::<Vec<_>>()).unwrap();
        assert_eq!(parse_searches(Some(&long)).len(), MAX_RECENT_SEARCHES);
        let items: Vec<RecentItem> = (0..50).map(|id| item(id, RecentAction::Viewed)).collect();
        assert_eq!(parse(Some(&serde_json::to_string(&items).unwrap())).len(), MAX_RECENT);
    }
}
