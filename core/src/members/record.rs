//! The members table's logic: filter, search, sort, the rows in view, and CSV export of
//! what is shown. Indices, not copies: a 30,000-member view is a Vec<u32>.

use std::ops::Range;

use crate::group::member_list::Member;
use crate::platform::csv_writer::{Cell, CsvWriter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MemberFilter {
    #[default]
    All,
    Active,
    Exited,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    UserId,
    Role,
    DefaultGroup,
    Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub ascending: bool,
}

pub fn role(m: &Member) -> &'static str {
    if m.primary_member {
        "Primary member"
    } else {
        "Member"
    }
}

pub fn default_group(m: &Member) -> &'static str {
    if m.default_group {
        "Yes"
    } else {
        "No"
    }
}

pub fn status(m: &Member) -> &'static str {
    if m.active {
        "Active"
    } else {
        "Exited"
    }
}

/// (all, active, exited)
pub fn counts(members: &[Member]) -> (usize, usize, usize) {
    let active = members.iter().filter(|m| m.active).count();
    (members.len(), active, members.len() - active)
}

/// The rows to show, in order. `search` matches anywhere in the user ID's digits.
/// Without a chosen sort, the API's order is kept.
pub fn view(members: &[Member], filter: MemberFilter, search: &str, sort: Option<Sort>) -> Vec<u32> {
    let needle = search.trim();
    let mut idx: Vec<u32> = members
        .iter()
        .enumerate()
        .filter(|(_, m)| match filter {
            MemberFilter::All => true,
            MemberFilter::Active => m.active,
            MemberFilter::Exited => !m.active,
        })
        .filter(|(_, m)| needle.is_empty() || contains_digits(m.user_id.0, needle))
        .map(|(i, _)| i as u32)
        .collect();
    if let Some(Sort { key, ascending }) = sort {
        // Stable, with the user id as tie-breaker so equal roles keep a predictable order.
        idx.sort_by(|&a, &b| {
            let (a, b) = (&members[a as usize], &members[b as usize]);
            let primary = match key {
                SortKey::UserId => a.user_id.cmp(&b.user_id),
                SortKey::Role => b.primary_member.cmp(&a.primary_member),
                SortKey::DefaultGroup => b.default_group.cmp(&a.default_group),
                SortKey::Status => b.active.cmp(&a.active),
            };
            let ord = primary.then(a.user_id.cmp(&b.user_id));
            if ascending {
                ord
            } else {
                ord.reverse()
            }
        });
    }
    idx
}

fn contains_digits(id: u64, needle: &str) -> bool {
    // Avoid allocating 30,000 strings per keystroke for the common whole-number case.
    if let Ok(n) = needle.parse::<u64>() {
        if n == id {
            return true;
        }
    }
    id.to_string().contains(needle)
}

/// The rows to render for a scroll position: those in the viewport plus `overscan` on each
/// side, clamped to the list.
pub fn window(scroll_top: f64, viewport: f64, row_height: f64, total: usize, overscan: usize) -> Range<usize> {
    if total == 0 || row_height <= 0.0 {
        return 0..0;
    }
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let shown = (viewport.max(0.0) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(total);
    let end = (first + shown + overscan).min(total);
    start..end.max(start)
}

/// CSV of the shown rows, with the table's column headers and words (through the one writer,
/// `platform::csv_writer`, as every export).
pub fn to_csv(members: &[Member], rows: &[u32]) -> String {
    let mut w = CsvWriter::new(["User ID", "Role", "Default group", "Status"]);
    for &i in rows {
        let m = &members[i as usize];
        w.row([m.user_id.0.into(), Cell::Text(role(m)), Cell::Text(default_group(m)), Cell::Text(status(m))]);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::read::Id;

    fn m(id: u64, active: bool, primary: bool, default: bool) -> Member {
        Member { user_id: Id(id), group_id: None, default_group: default, primary_member: primary, active }
    }

    fn sample() -> Vec<Member> {
        vec![
            m(566998132, true, true, true),
            m(567219877, true, false, true),
            m(567219954, true, false, true),
            m(564662499, false, false, false),
        ]
    }

    #[test]
    fn filter_and_counts_agree() {
        let ms = sample();
        assert_eq!(counts(&ms), (4, 3, 1));
        assert_eq!(view(&ms, MemberFilter::Active, "", None), vec![0, 1, 2]);
        assert_eq!(view(&ms, MemberFilter::Exited, "", None), vec![3]);
        assert_eq!(view(&ms, MemberFilter::All, "", None).len(), 4);
    }

    #[test]
    fn search_matches_part_of_the_user_id() {
        let ms = sample();
        assert_eq!(view(&ms, MemberFilter::All, "5672198", None), vec![1]);
        assert_eq!(view(&ms, MemberFilter::All, " 99 ", None), vec![0, 2, 3]);
        assert_eq!(view(&ms, MemberFilter::All, "566998132", None), vec![0]);
        assert!(view(&ms, MemberFilter::Active, "564662499", None).is_empty());
    }

    #[test]
    fn sorts_both_ways_with_a_stable_tie_break() {
        let ms = sample();
        let asc = Sort { key: SortKey::UserId, ascending: true };
        assert_eq!(view(&ms, MemberFilter::All, "", Some(asc)), vec![3, 0, 1, 2]);
        assert_eq!(view(&ms, MemberFilter::All, "", Some(Sort { ascending: false, ..asc })), vec![2, 1, 0, 3]);
        let status = Sort { key: SortKey::Status, ascending: true };
        assert_eq!(view(&ms, MemberFilter::All, "", Some(status)), vec![0, 1, 2, 3]);
        let role = Sort { key: SortKey::Role, ascending: true };
        assert_eq!(view(&ms, MemberFilter::All, "", Some(role))[0], 0, "primary member first");
    }

    #[test]
    fn window_covers_the_viewport_plus_overscan() {
        assert_eq!(window(0.0, 400.0, 40.0, 30_000, 5), 0..16);
        assert_eq!(window(4000.0, 400.0, 40.0, 30_000, 5), 95..116);
        assert_eq!(window(1_199_600.0, 400.0, 40.0, 30_000, 5), 29_985..30_000);
        assert_eq!(window(10.0, 400.0, 40.0, 0, 5), 0..0);
        assert_eq!(window(9e9, 400.0, 40.0, 3, 5), 3..3);
    }

    #[test]
    fn csv_lists_the_shown_rows_in_order() {
        let ms = sample();
        let csv = to_csv(&ms, &[3, 0]);
        assert_eq!(csv, "\u{feff}User ID,Role,Default group,Status\r\n564662499,Member,No,Exited\r\n566998132,Primary member,Yes,Active\r\n");
    }
}
