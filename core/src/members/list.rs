//! The Members tab's list: which page, how big, in which order and joined when — as the
//! tab's address says (`/groups/5000000/members?page=3&size=100&order=primary`) — and the
//! member's facts in the words and the CSV a marketer reads.

use crate::members::wire::{GroupMember, MembersQuery};

use crate::platform::csv_writer::{Cell, CsvWriter};
use crate::platform::query::{QueryParams, QueryWriter, SortOrder};

/// Page sizes offered; the platform serves at most 1,000 members a request.
pub const PAGE_SIZES: [u32; 5] = [20, 50, 100, 500, 1000];
pub const DEFAULT_PAGE_SIZE: u32 = 50;

/// The orders the platform offers: by join date, or the primary member first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MemberOrder {
    #[default]
    Newest,
    Oldest,
    PrimaryFirst,
}

impl MemberOrder {
    pub const ALL: [MemberOrder; 3] = [MemberOrder::Newest, MemberOrder::Oldest, MemberOrder::PrimaryFirst];

    pub fn label(self) -> &'static str {
        match self {
            MemberOrder::Newest => "Newest first",
            MemberOrder::Oldest => "Oldest first",
            MemberOrder::PrimaryFirst => "Primary member first",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            MemberOrder::Newest => "newest",
            MemberOrder::Oldest => "oldest",
            MemberOrder::PrimaryFirst => "primary",
        }
    }
}

/// What the Members tab shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberListState {
    /// 1-based.
    pub page: u32,
    pub size: u32,
    pub order: MemberOrder,
    /// Joined on or after / on or before, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Default for MemberListState {
    fn default() -> Self {
        MemberListState { page: 1, size: DEFAULT_PAGE_SIZE, order: MemberOrder::Newest, from: None, to: None }
    }
}

fn day(v: Option<&str>) -> Option<String> {
    v.map(str::trim)
        .filter(|d| {
            matches!(crate::platform::format::parse_date(d), Some(crate::platform::format::DateValue::Day { .. }))
        })
        .map(str::to_string)
}

impl MemberListState {
    /// Reads the tab's query string; anything unreadable is the default.
    pub fn from_query(qs: &str) -> Self {
        let p = QueryParams::parse(qs);
        let d = MemberListState::default();
        MemberListState {
            page: p.text("page").and_then(|v| v.parse().ok()).filter(|n| *n >= 1).unwrap_or(d.page),
            size: p.text("size").and_then(|v| v.parse().ok()).filter(|n| PAGE_SIZES.contains(n)).unwrap_or(d.size),
            order: MemberOrder::ALL.into_iter().find(|o| Some(o.slug()) == p.text("order")).unwrap_or(d.order),
            from: day(p.text("from")),
            to: day(p.text("to")),
        }
    }

    /// The query string for the tab's address (defaults left out); empty for the default.
    pub fn to_query(&self) -> String {
        let d = MemberListState::default();
        let mut w = QueryWriter::new();
        w.opt("page", (self.page != d.page).then_some(self.page))
            .opt("size", (self.size != d.size).then_some(self.size))
            .opt("order", (self.order != d.order).then_some(self.order.slug()))
            .opt("from", self.from.as_deref())
            .opt("to", self.to.as_deref());
        w.finish()
    }

    /// The request for this page.
    pub fn request(&self, group_id: u64) -> MembersQuery {
        let mut q = MembersQuery::new(group_id);
        q.include_card_details = true;
        q.limit = self.size;
        q.offset = (self.page - 1).saturating_mul(self.size);
        q.primary_first = self.order == MemberOrder::PrimaryFirst;
        q.sort_order = Some(if self.order == MemberOrder::Oldest { SortOrder::Asc } else { SortOrder::Desc });
        q.from_date = self.from.as_ref().map(|d| format!("{d} 00:00:00"));
        q.to_date = self.to.as_ref().map(|d| format!("{d} 23:59:59"));
        q
    }

    /// Another page of the same list.
    pub fn page(&self, page: u32) -> Self {
        MemberListState { page: page.max(1), ..self.clone() }
    }
}

/// Members "Export all members" asks for in one request (the platform serves at most 1,000).
pub const EXPORT_PAGE_SIZE: u32 = 1000;

/// The most members "Export all members" reads: the group's size limit (a group cannot hold
/// more), else the org's limit from Settings. An answer that goes on past it is not followed.
pub fn export_cap(group_limit: Option<u64>, org_limit: u32) -> u64 {
    group_limit.unwrap_or(org_limit as u64).max(1)
}

/// The first request of "Export all members": the list's order and dates, from the start.
pub fn export_first(state: &MemberListState, group_id: u64, cap: u64) -> MembersQuery {
    let mut q = MemberListState { size: EXPORT_PAGE_SIZE, page: 1, ..state.clone() }.request(group_id);
    q.limit = q.limit.min(cap.min(u32::MAX as u64) as u32);
    q
}

/// After a page of "Export all members" (`got` members answered to `query`, `have` read in
/// all, the platform's `total` when it gives one): the next request, or `None` when the
/// export is done — at the end of the list, at the total, or at `cap` members.
pub fn export_next(query: &MembersQuery, got: usize, have: u64, total: Option<u64>, cap: u64) -> Option<MembersQuery> {
    let done = got == 0 || got < query.limit as usize || total.is_some_and(|t| have >= t) || have >= cap;
    if done {
        return None;
    }
    let mut next = query.at(query.offset.saturating_add(got as u32));
    next.limit = next.limit.min((cap - have).min(u32::MAX as u64) as u32);
    Some(next)
}

/// What "Export all members" says when the platform listed more members than the group may
/// hold, so the file stopped at its size limit.
pub fn export_cut_words(listed: u64, cap: u64) -> Option<String> {
    (listed > cap).then(|| {
        format!(
            "The platform lists {} members, more than the group's size limit: the file has the first {}.",
            crate::platform::format::group_digits(listed),
            crate::platform::format::group_digits(cap)
        )
    })
}

/// A member as the dialogs name them: "Priya Sharma (700100001)", or "Customer 700100001".
pub fn member_label(m: &GroupMember) -> String {
    let name = m.name();
    if name.is_empty() {
        format!("Customer {}", m.fleet_user_id)
    } else {
        format!("{name} ({})", m.fleet_user_id)
    }
}

/// The member's card numbers, from their identifiers and cards.
pub fn card_numbers(m: &GroupMember) -> Vec<String> {
    let mut out: Vec<String> = m
        .identifiers
        .iter()
        .filter(|i| i.kind.eq_ignore_ascii_case("cardnumber"))
        .map(|i| i.value.clone())
        .chain(m.cards.iter().map(|c| c.card_number.clone()))
        .filter(|c| !c.is_empty())
        .collect();
    out.dedup();
    out
}

pub const CSV_HEADER: [&str; 9] =
    ["customerId", "name", "mobile", "email", "cards", "role", "joinedOn", "permissions", "pointsContributed"];

/// Members as CSV (through the one writer, `platform::csv_writer`): the columns of the
/// Members tab.
pub fn to_csv(members: &[GroupMember]) -> String {
    let mut w = CsvWriter::new(CSV_HEADER);
    for m in members {
        let perms = m.permissions.known().iter().map(|p| p.as_str()).collect::<Vec<_>>().join(" ");
        let (name, cards) = (m.name(), card_numbers(m).join(" "));
        w.row([
            m.fleet_user_id.0.into(),
            Cell::Text(&name),
            Cell::Text(&m.mobile),
            Cell::Text(&m.email),
            Cell::Text(&cards),
            Cell::Text(if m.is_primary() { "primary" } else { "member" }),
            Cell::Text(&m.joined_on),
            Cell::Text(&perms),
            m.points_contributed.into(),
        ]);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_round_trips_and_leaves_defaults_out() {
        assert_eq!(MemberListState::default().to_query(), "");
        let s = MemberListState {
            page: 3,
            size: 100,
            order: MemberOrder::PrimaryFirst,
            from: Some("2026-01-01".into()),
            to: None,
        };
        assert_eq!(s.to_query(), "page=3&size=100&order=primary&from=2026-01-01");
        assert_eq!(MemberListState::from_query(&s.to_query()), s);
        // Unreadable values fall back to the defaults rather than failing.
        assert_eq!(MemberListState::from_query("page=0&size=7&order=x&from=soon"), MemberListState::default());
    }

    #[test]
    fn the_request_pages_orders_and_filters_as_the_platform_allows() {
        let s = MemberListState {
            page: 3,
            size: 100,
            order: MemberOrder::Oldest,
            from: Some("2026-01-01".into()),
            to: Some("2026-02-01".into()),
        };
        let q = s.request(5000000).to_query_string();
        assert!(q.contains("identifierValue=5000000") && q.contains("offset=200") && q.contains("limit=100"), "{q}");
        assert!(q.contains("sortOrder=ASC") && !q.contains("sortBy"), "{q}");
        assert!(q.contains("fromDate=2026-01-01+00%3A00%3A00") && q.contains("toDate=2026-02-01+23%3A59%3A59"), "{q}");
        assert!(q.contains("paginationDetails=true") && q.contains("includeCardDetails=true"));
        let p = MemberListState { order: MemberOrder::PrimaryFirst, ..Default::default() }.request(1).to_query_string();
        assert!(p.contains("sortBy=IS_PRIMARY") && p.contains("sortOrder=DESC"), "{p}");
    }

    #[test]
    fn export_all_stops_at_the_groups_size_limit_whatever_the_answers_say() {
        assert_eq!((export_cap(Some(6), 30_000), export_cap(None, 30_000)), (6, 30_000));
        let state = MemberListState { page: 4, size: 20, ..Default::default() };
        // A family of 6: one request of 6, and no second one even when the page came back full
        // and the platform claims more.
        let first = export_first(&state, 7, 6);
        assert_eq!((first.offset, first.limit), (0, 6));
        assert_eq!(export_next(&first, 6, 6, Some(50_000), 6), None);
        // A fleet of 2,500 that the platform says holds 1,000,000: 1,000 + 1,000 + 500, then done.
        let first = export_first(&state, 7, 2_500);
        assert_eq!((first.offset, first.limit), (0, 1000));
        let second = export_next(&first, 1000, 1000, Some(1_000_000), 2_500).unwrap();
        assert_eq!((second.offset, second.limit), (1000, 1000));
        let third = export_next(&second, 1000, 2000, Some(1_000_000), 2_500).unwrap();
        assert_eq!((third.offset, third.limit), (2000, 500));
        assert_eq!(export_next(&third, 500, 2500, Some(1_000_000), 2_500), None);
        // The list's own end: a short page, an empty one, or the total reached.
        assert_eq!(export_next(&first, 999, 999, None, 2_500), None);
        assert_eq!(export_next(&first, 0, 0, None, 2_500), None);
        assert_eq!(export_next(&first, 1000, 1000, Some(1000), 2_500), None);
        assert_eq!(
            export_cut_words(1_000_000, 2_500).as_deref(),
            Some(
                "The platform lists 1,000,000 members, more than the group's size limit: the file has the first 2,500."
            )
        );
        assert_eq!(export_cut_words(2_500, 2_500), None);
    }

    #[test]
    fn members_as_csv() {
        let m: GroupMember = serde_json::from_str(
            r#"{"fleetUserId": 7, "firstName": "Priya", "lastName": "Sharma, Jr", "mobile": "919876500001",
                "role": "PRIMARY", "joinedOn": "2026-02-12", "permissions": "allow_points_redemption,block_points_transfer",
                "pointsContributed": 12.5, "identifiers": [{"type": "cardnumber", "value": "GC7"}]}"#,
        )
        .unwrap();
        let csv = to_csv(&[m]);
        assert_eq!(
            csv,
            "\u{feff}customerId,name,mobile,email,cards,role,joinedOn,permissions,pointsContributed\r\n\
             7,\"Priya Sharma, Jr\",919876500001,,GC7,primary,2026-02-12,allow_points_redemption block_points_transfer,12.5\r\n"
        );
    }
}
