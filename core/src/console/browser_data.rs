//! What the console keeps in this browser: every storage key it writes (named here once), what
//! each holds in words for Settings' list, and what "Forget this browser's data" says it removed.
//!
//! Every key starts with `gc.`: forgetting removes them all, including any a later version adds,
//! and leaves other data of the origin alone.

use super::{activity, recent};
use crate::points::goodwill_list;

/// What every key of the console starts with.
pub const PREFIX: &str = "gc.";
/// Non-secret settings (hosts, sign-in name, client key, limits): localStorage.
pub const SETTINGS: &str = "gc.settings";
/// Secrets (password hash, token, client secret): sessionStorage, or localStorage when remembered.
pub const SECRETS: &str = "gc.secrets";
/// Groups and reward groups created, viewed or edited.
pub const RECENT: &str = "gc.recent";
/// What was searched for on the Find page.
pub const RECENT_SEARCHES: &str = "gc.recent-searches";
/// The bulk import's plan (written once) and progress.
pub const IMPORT_PLAN: &str = "gc.import.plan";
pub const IMPORT_PROGRESS: &str = "gc.import.progress";
const ACTIVITY: &str = "gc.activity.";
const ADD_MEMBERS: &str = "gc.members.add.";
const GOODWILL: &str = "gc.goodwill.";
/// The award and expiry strategies last used per program for a manual issue.
pub const ISSUE_STRATEGIES: &str = "gc.issue.strategies";
const ISSUE: &str = "gc.issue.sent.";

/// This browser's actions on a group.
pub fn activity_key(group_id: u64) -> String {
    format!("{ACTIVITY}{group_id}")
}

/// An adding of members to a group: its plan and its progress.
pub fn add_members_keys(group_id: u64) -> (String, String) {
    (format!("{ADD_MEMBERS}{group_id}.plan"), format!("{ADD_MEMBERS}{group_id}.progress"))
}

/// The goodwill requests this browser made for a group on an API host (`api_base` as
/// Settings has it; empty is the console's own origin): the same group id on another cluster
/// is another group.
pub fn goodwill_key(api_base: &str, group_id: u64) -> String {
    format!("{GOODWILL}{}.{group_id}", api_host(api_base))
}

/// A manual issue of points to a group, kept from before it is sent until its outcome is known
/// (`points::issue::SentIssue`), per API host as the goodwill requests.
pub fn issue_key(api_base: &str, group_id: u64) -> String {
    format!("{ISSUE}{}.{group_id}", api_host(api_base))
}

/// The host of `api_base` as Settings has it, lower case; `same-origin` when empty.
fn api_host(api_base: &str) -> String {
    let base = api_base.trim();
    let rest = base.split_once("://").map_or(base, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    if host.is_empty() {
        "same-origin".into()
    } else {
        host
    }
}

pub fn is_console_key(key: &str) -> bool {
    key.starts_with(PREFIX)
}

/// Where the browser keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// Kept until removed.
    Local,
    /// Gone when the tab closes.
    Session,
}

impl Storage {
    pub fn name(self) -> &'static str {
        match self {
            Storage::Local => "localStorage",
            Storage::Session => "sessionStorage",
        }
    }

    pub fn lasts(self) -> &'static str {
        match self {
            Storage::Local => "until removed",
            Storage::Session => "until this tab closes",
        }
    }
}

/// One kind of thing kept, with how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    Credentials,
    Settings,
    RecentSearches(usize),
    RecentGroups(usize),
    ActivityLog {
        groups: usize,
        actions: usize,
    },
    /// A bulk import's plan or progress.
    Import,
    AddMembers {
        groups: usize,
    },
    /// The goodwill requests this browser made.
    GoodwillRequests {
        groups: usize,
        requests: usize,
    },
    /// The strategy IDs last used to issue points.
    IssueStrategies,
    /// Manual issues of points whose outcome is not known yet (their answer was lost).
    IssuesAwaited {
        groups: usize,
    },
    /// A `gc.` key this version does not write (an older or newer version did).
    Other(usize),
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Kept {
    /// For Settings' list: "3 recent searches".
    pub fn words(&self) -> String {
        match self {
            Kept::Credentials => "Saved credentials".into(),
            Kept::Settings => "Settings: hosts, sign-in name, limits".into(),
            Kept::RecentSearches(n) => count(*n, "recent search", "recent searches"),
            Kept::RecentGroups(n) => count(*n, "recent group", "recent groups"),
            Kept::ActivityLog { groups, actions } => {
                format!(
                    "Activity log: {} on {}",
                    count(*actions, "action", "actions"),
                    count(*groups, "group", "groups")
                )
            }
            Kept::Import => "A saved bulk import".into(),
            Kept::AddMembers { groups } => format!("Saved adding of members: {}", count(*groups, "group", "groups")),
            Kept::GoodwillRequests { groups, requests } => format!(
                "Goodwill requests: {} on {}",
                count(*requests, "request", "requests"),
                count(*groups, "group", "groups")
            ),
            Kept::IssueStrategies => "Strategy IDs for issuing points".into(),
            Kept::IssuesAwaited { groups } => {
                format!("Issues of points whose answer was lost: {}", count(*groups, "group", "groups"))
            }
            Kept::Other(n) => count(*n, "other item of an earlier version", "other items of an earlier version"),
        }
    }

    /// For "Removed: …": "saved credentials", "3 recent searches".
    fn removed(&self) -> String {
        match self {
            Kept::Credentials => "saved credentials".into(),
            Kept::Settings => "settings".into(),
            Kept::ActivityLog { groups, actions } => {
                format!(
                    "the activity log ({} on {})",
                    count(*actions, "action", "actions"),
                    count(*groups, "group", "groups")
                )
            }
            Kept::Import => "a saved bulk import".into(),
            Kept::AddMembers { groups } => format!("saved adding of members ({})", count(*groups, "group", "groups")),
            Kept::GoodwillRequests { groups, requests } => format!(
                "the goodwill requests ({} on {})",
                count(*requests, "request", "requests"),
                count(*groups, "group", "groups")
            ),
            Kept::IssueStrategies => "the strategy IDs for issuing points".into(),
            Kept::IssuesAwaited { groups } => {
                format!("issues of points whose answer was lost ({})", count(*groups, "group", "groups"))
            }
            other => other.words(),
        }
    }
}

/// What a storage keeps for the console, from all its `(key, value)` pairs: a line per kind,
/// in a fixed order.
pub fn inventory(storage: Storage, items: &[(String, String)]) -> Vec<(Kept, Storage)> {
    let (mut credentials, mut settings, mut import) = (false, false, false);
    let (mut searches, mut groups) = (None, None);
    let (mut logs, mut actions, mut adding, mut other) = (0, 0, std::collections::BTreeSet::new(), 0);
    let (mut goodwill_groups, mut goodwill_requests) = (0, 0);
    let (mut strategies, mut issues) = (false, 0);
    for (key, value) in items.iter().filter(|(k, _)| is_console_key(k)) {
        match key.as_str() {
            SECRETS => credentials = true,
            SETTINGS => settings = true,
            RECENT => groups = Some(recent::parse(Some(value)).len()),
            RECENT_SEARCHES => searches = Some(recent::parse_searches(Some(value)).len()),
            IMPORT_PLAN | IMPORT_PROGRESS => import = true,
            k if k.strip_prefix(ACTIVITY).is_some_and(|id| id.parse::<u64>().is_ok()) => {
                logs += 1;
                actions += activity::parse(Some(value)).len();
            }
            k if k.starts_with(ADD_MEMBERS) && (k.ends_with(".plan") || k.ends_with(".progress")) => {
                adding.insert(k.trim_end_matches(".plan").trim_end_matches(".progress").to_string());
            }
            k if k
                .strip_prefix(GOODWILL)
                .and_then(|k| k.rsplit_once('.'))
                .is_some_and(|(_, id)| id.parse::<u64>().is_ok()) =>
            {
                goodwill_groups += 1;
                goodwill_requests += goodwill_list::parse(Some(value)).len();
            }
            ISSUE_STRATEGIES => strategies = true,
            k if k
                .strip_prefix(ISSUE)
                .and_then(|k| k.rsplit_once('.'))
                .is_some_and(|(_, id)| id.parse::<u64>().is_ok()) =>
            {
                issues += 1
            }
            _ => other += 1,
        }
    }
    let kept = [
        credentials.then_some(Kept::Credentials),
        settings.then_some(Kept::Settings),
        searches.map(Kept::RecentSearches),
        groups.map(Kept::RecentGroups),
        (logs > 0).then_some(Kept::ActivityLog { groups: logs, actions }),
        (goodwill_groups > 0)
            .then_some(Kept::GoodwillRequests { groups: goodwill_groups, requests: goodwill_requests }),
        strategies.then_some(Kept::IssueStrategies),
        (issues > 0).then_some(Kept::IssuesAwaited { groups: issues }),
        import.then_some(Kept::Import),
        (!adding.is_empty()).then_some(Kept::AddMembers { groups: adding.len() }),
        (other > 0).then_some(Kept::Other(other)),
    ];
    kept.into_iter().flatten().map(|k| (k, storage)).collect()
}

/// What "Forget this browser's data" says: "Removed: saved credentials, 3 recent searches, …".
pub fn removed_words(removed: &[(Kept, Storage)]) -> String {
    if removed.is_empty() {
        return "Nothing to remove: this browser kept nothing for the console.".into();
    }
    let list: Vec<String> = removed.iter().map(|(k, _)| k.removed()).collect();
    format!("Removed: {}.", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn every_key_the_console_writes_is_counted_in_words() {
        let (plan, progress) = add_members_keys(3918893);
        let local = items(&[
            (SETTINGS, "{}"),
            (SECRETS, r#"{"passwordMd5":"x"}"#),
            (RECENT_SEARCHES, r#"["sharma","919876500001","priya@example.com"]"#),
            (
                RECENT,
                r#"[{"kind":"group","id":1,"action":"viewed","at":1},{"kind":"group","id":2,"action":"created","at":2}]"#,
            ),
            (&activity_key(3918893), r#"[{"at":1,"kind":"remove_member","what":"a","outcome":"done"}]"#),
            (
                &activity_key(5000000),
                r#"[{"at":1,"kind":"add_members","what":"a","outcome":"done"},{"at":2,"kind":"delete_group","what":"b","outcome":"done"}]"#,
            ),
            (
                &goodwill_key("https://EU.api.capillarytech.com/", 3920001),
                r#"[{"ref":"7F3A19C2","id":13044653,"programId":973,"points":500,"at":1,"state":"pending"},
                    {"ref":"00000001","programId":973,"points":5,"at":1,"state":"lost"}]"#,
            ),
            (ISSUE_STRATEGIES, r#"{"973":{"award":111523,"expiry":111581}}"#),
            (&issue_key("", 3920001), "{}"),
            (IMPORT_PLAN, "{}"),
            (IMPORT_PROGRESS, "{}"),
            (&plan, "{}"),
            (&progress, "{}"),
            ("gc.someday", "x"),
            ("another-app", "kept"),
        ]);
        let kept = inventory(Storage::Local, &local);
        let words: Vec<String> = kept.iter().map(|(k, _)| k.words()).collect();
        assert_eq!(
            words,
            [
                "Saved credentials",
                "Settings: hosts, sign-in name, limits",
                "3 recent searches",
                "2 recent groups",
                "Activity log: 3 actions on 2 groups",
                "Goodwill requests: 2 requests on 1 group",
                "Strategy IDs for issuing points",
                "Issues of points whose answer was lost: 1 group",
                "A saved bulk import",
                "Saved adding of members: 1 group",
                "1 other item of an earlier version",
            ]
        );
        assert!(kept.iter().all(|(_, s)| *s == Storage::Local));
        assert_eq!(
            removed_words(&kept),
            "Removed: saved credentials, settings, 3 recent searches, 2 recent groups, the activity log (3 actions on \
             2 groups), the goodwill requests (2 requests on 1 group), the strategy IDs for issuing points, issues of \
             points whose answer was lost (1 group), a saved bulk import, saved adding of members (1 group), 1 other \
             item of an earlier version."
        );
        assert!(!is_console_key("another-app") && is_console_key(&activity_key(1)));
    }

    #[test]
    fn goodwill_requests_are_kept_per_api_host_and_group() {
        assert_eq!(
            goodwill_key("https://EU.api.capillarytech.com/", 3920001),
            "gc.goodwill.eu.api.capillarytech.com.3920001"
        );
        assert_eq!(goodwill_key("http://127.0.0.1:8080/api", 7), "gc.goodwill.127.0.0.1:8080.7");
        assert_eq!(goodwill_key(" ", 7), "gc.goodwill.same-origin.7");
        assert_eq!(
            issue_key("https://EU.api.capillarytech.com/", 3920001),
            "gc.issue.sent.eu.api.capillarytech.com.3920001"
        );
        assert_eq!(issue_key("", 7), "gc.issue.sent.same-origin.7");
        assert!(is_console_key(&goodwill_key("", 7)));
        let two = items(&[(&goodwill_key("", 1), "[]"), (&goodwill_key("https://x.example", 1), "{broken")]);
        assert_eq!(
            inventory(Storage::Local, &two),
            [(Kept::GoodwillRequests { groups: 2, requests: 0 }, Storage::Local)]
        );
        assert_eq!(
            Kept::GoodwillRequests { groups: 1, requests: 1 }.words(),
            "Goodwill requests: 1 request on 1 group"
        );
    }

    #[test]
    fn secrets_in_the_session_and_nothing_at_all() {
        let session = inventory(Storage::Session, &items(&[(SECRETS, "{}"), (RECENT_SEARCHES, r#"["x"]"#)]));
        assert_eq!(session, [(Kept::Credentials, Storage::Session), (Kept::RecentSearches(1), Storage::Session)]);
        assert_eq!(Kept::RecentSearches(1).words(), "1 recent search");
        assert!(inventory(Storage::Local, &items(&[("other", "x")])).is_empty());
        assert_eq!(removed_words(&[]), "Nothing to remove: this browser kept nothing for the console.");
    }
}
