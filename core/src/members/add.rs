//! Adding members through the import engine: customers typed, pasted or read from a CSV file,
//! each checked against the group, the join's answer per member, and what a look-up found.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::group::wire::{GroupDetails, GroupStatus};
use crate::import::{read, CsvError, CsvRow, Done, Found, ImportJob, PlanRow, RowLabel, RowRequest, RowStatus, Words};
use crate::members::checks::{check_capacity, check_join, id_items, JoinProblem};
use crate::members::permissions::{Permission, PermissionSet};
use crate::members::wire::{BatchResponse, JoinItem};
use crate::platform::error::ApiError;

impl RowRequest for JoinItem {
    type Label = MemberLabel;
    const EXISTS_CODE: i64 = 1636;
    /// The platform states no limit; 100 keeps one answer small and one lost answer cheap to check.
    const MAX_BATCH: usize = 100;
    const WORDS: Words = Words {
        done: "added",
        id_column: "groupId",
        exists_now: "Already a member now: checking whether an earlier attempt added this customer.",
        unknown_when_cancelled: "A request was sent but its answer never arrived, and adding was cancelled before checking: look at the group's members before adding this customer again.",
    };
}

/// What the preview and the results show of a customer: the ID as it was written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberLabel {
    #[serde(default)]
    pub customer_id: String,
}

impl RowLabel for MemberLabel {
    const COLUMNS: &'static [&'static str] = &["customerId"];

    fn cells(&self) -> Vec<&str> {
        vec![&self.customer_id]
    }
}

/// The file behind "Download template".
pub const MEMBERS_TEMPLATE_CSV: &str = "customerId,primary,permissions\r\n\
790000001,,\r\n\
790000002,,allow_points_redemption block_points_transfer\r\n";

/// One customer as the user gave it: an item of the typed list, or a row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberEntry {
    /// The item's place in the typed list, or the file's row number.
    pub row: u64,
    /// The customer ID as written (trimmed).
    pub text: String,
    /// The file's `primary` cell, when not empty.
    pub primary: Option<String>,
    /// The file's `permissions` cell, when not empty.
    pub permissions: Option<String>,
}

/// The customers of a typed or pasted list (one per line, or separated by commas, semicolons
/// or spaces), numbered from 1.
pub fn entries_from_text(text: &str) -> Vec<MemberEntry> {
    id_items(text)
        .into_iter()
        .map(|i| MemberEntry { row: i.position as u64, text: i.token, primary: None, permissions: None })
        .collect()
}

/// A CSV file of customers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFile {
    pub entries: Vec<MemberEntry>,
    /// Columns the file has that are not read (names, notes).
    pub ignored: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MemberColumn {
    Customer,
    Primary,
    Permissions,
}

fn member_column(header: &str) -> Option<MemberColumn> {
    let key: String = header.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).flat_map(char::to_lowercase).collect();
    match key.as_str() {
        "customerid" | "userid" => Some(MemberColumn::Customer),
        "primary" | "primarymember" => Some(MemberColumn::Primary),
        "permissions" => Some(MemberColumn::Permissions),
        _ => None,
    }
}

/// Reads a CSV file of customers: a `customerId` (or `userId`) column, and optionally
/// `primary` and `permissions`; other columns are ignored. The encoding, separator and row
/// numbers are read as for a file of groups.
pub fn read_member_file(bytes: &[u8]) -> Result<MemberFile, String> {
    let (_, header, rows) = read(bytes).map_err(|e| e.to_string())?;
    let mut columns: Vec<(MemberColumn, usize)> = Vec::new();
    let mut ignored = Vec::new();
    for (i, name) in header.iter().enumerate() {
        match member_column(name) {
            Some(c) if columns.iter().any(|(known, _)| *known == c) => {
                return Err(CsvError::DuplicateColumn(name.clone()).to_string())
            }
            Some(c) => columns.push((c, i)),
            None if !name.is_empty() => ignored.push(name.clone()),
            None => {}
        }
    }
    let at = |c: MemberColumn| columns.iter().find(|(known, _)| *known == c).map(|(_, i)| *i);
    let Some(customer) = at(MemberColumn::Customer) else {
        return Err("The file has no customerId column. The first line must name the columns: customerId, and optionally primary and permissions (see the template).".into());
    };
    if rows.is_empty() {
        return Err("The file has a header line but no customers.".into());
    }
    let cell = |row: &CsvRow, i: Option<usize>| {
        i.and_then(|i| row.values.get(i)).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
    };
    let entries = rows
        .iter()
        .map(|r| MemberEntry {
            row: r.row,
            text: cell(r, Some(customer)).unwrap_or_default(),
            primary: cell(r, at(MemberColumn::Primary)),
            permissions: cell(r, at(MemberColumn::Permissions)),
        })
        .collect();
    Ok(MemberFile { entries, ignored })
}

/// What the dialog sets for the whole batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinOptions {
    pub primary: bool,
    pub default_group: bool,
    pub permissions: PermissionSet,
}

/// A customer's verdict: the item to send, or every reason it cannot be sent.
pub type MemberCheck = Result<JoinItem, Vec<String>>;

/// The one customer ID in `text`, by the pasted list's own rule.
fn customer_id(text: &str) -> Option<u64> {
    match id_items(text).as_slice() {
        [item] => item.id,
        _ => None,
    }
}

fn yes_or_no(cell: &str) -> Option<bool> {
    match cell.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "primary" => Some(true),
        "no" | "n" | "false" | "0" | "member" | "secondary" => Some(false),
        _ => None,
    }
}

/// Every customer judged before anything is sent: a whole number, not repeated, not already an
/// active member, a valid `primary` and `permissions` cell, at most one primary (and none when
/// the group has or had one), and room in the group (`maxGroupSize` minus active members: the
/// customers past it are refused, in order).
pub fn check_members(entries: &[MemberEntry], options: &JoinOptions, group: &GroupDetails) -> Vec<MemberCheck> {
    let active: HashMap<u64, bool> = group.fleet_group_users.iter().map(|m| (m.user_id.0, m.active)).collect();
    let mut first_seen: HashMap<u64, u64> = HashMap::new();
    let mut checks: Vec<(Option<JoinItem>, Vec<String>)> = entries
        .iter()
        .map(|e| {
            let mut problems = Vec::new();
            let id = customer_id(&e.text);
            match id {
                None if e.text.is_empty() => problems.push("No customer ID in this row.".to_string()),
                None => problems.push(format!("“{}” is not a customer ID: customer IDs are whole numbers.", e.text)),
                Some(id) => {
                    if let Some(first) = first_seen.get(&id) {
                        problems.push(format!("{id} is also number {first} in the list: each customer is added once."));
                    } else {
                        first_seen.insert(id, e.row);
                    }
                    if active.get(&id) == Some(&true) {
                        problems.push(JoinProblem::AlreadyMember { user_id: id }.to_string());
                    }
                }
            }
            let primary = match e.primary.as_deref().map(|c| (c, yes_or_no(c))) {
                None => options.primary,
                Some((_, Some(p))) => p,
                Some((c, None)) => {
                    problems.push(format!(
                        "Primary: “{c}” is not yes or no. Write yes for the primary member, or leave it empty."
                    ));
                    false
                }
            };
            let permissions = match &e.permissions {
                None => options.permissions,
                Some(cell) => {
                    let words = cell.split(|c: char| c == ',' || c == ';' || c == '|' || c.is_whitespace());
                    match PermissionSet::from_values(words.filter(|w| !w.is_empty())).and_then(PermissionSet::check) {
                        Ok(set) => set,
                        Err(error) => {
                            problems.push(format!("Permissions: {error}"));
                            options.permissions
                        }
                    }
                }
            };
            let item = id.map(|id| JoinItem {
                primary_member: primary,
                default_group: Some(options.default_group),
                ..JoinItem::member(id, permissions)
            });
            (item, problems)
        })
        .collect();

    if group.group_status != GroupStatus::Active {
        let words = JoinProblem::GroupNotActive(group.group_status).to_string();
        checks.iter_mut().for_each(|(_, p)| p.push(words.clone()));
    }
    let had_primary = group.fleet_group_users.iter().any(|m| m.primary_member);
    let primaries = checks.iter().filter(|(i, _)| i.as_ref().is_some_and(|i| i.primary_member)).count();
    for (n, (_, problems)) in
        checks.iter_mut().filter(|(i, _)| i.as_ref().is_some_and(|i| i.primary_member)).enumerate()
    {
        if had_primary {
            problems.push(JoinProblem::GroupHasPrimary.to_string());
        } else if n > 0 {
            problems.push(JoinProblem::MoreThanOnePrimary { count: primaries }.to_string());
        }
    }
    if let (Some(max), Some(free)) = (group.size_limit(), group.room()) {
        let adding = checks.iter().filter(|(_, p)| p.is_empty()).count();
        // The batch's verdict, given to each customer beyond the room, in order.
        if let Err(problem) = check_capacity(max, free, adding) {
            for (_, problems) in
                checks.iter_mut().filter(|(_, p)| p.is_empty()).skip(usize::try_from(free).unwrap_or(usize::MAX))
            {
                problems.push(format!("Over capacity: {problem}"));
            }
        }
    }
    checks
        .into_iter()
        .map(|(item, problems)| match item {
            Some(item) if problems.is_empty() => Ok(item),
            _ => Err(problems),
        })
        .collect()
}

/// How many customers cannot be sent.
pub fn refused_count(checks: &[MemberCheck]) -> usize {
    checks.iter().filter(|c| c.is_err()).count()
}

/// The preview's line: how many customers, and how many cannot be added ("none" when no one can).
pub fn preview_words(checks: &[MemberCheck]) -> String {
    let (total, n) = (checks.len(), refused_count(checks));
    let noun = if total == 1 { "customer" } else { "customers" };
    match n {
        0 => format!("{total} {noun}, all ready to add."),
        1 if total == 1 => "1 customer: it cannot be added.".to_string(),
        n if n == total => format!("{total} {noun}: none can be added."),
        n => format!("{total} {noun}: {n} cannot be added."),
    }
}

/// What the typed list says when some customers cannot be added, and what the user can do:
/// fix them, remove them, or leave them out (offered only while someone can still be added).
pub fn refused_words(checks: &[MemberCheck]) -> Option<String> {
    let (total, n) = (checks.len(), refused_count(checks));
    match n {
        0 => None,
        1 if total == 1 => Some("This customer cannot be added: see the check below.".into()),
        n if n == total => Some(format!("None of the {total} customers can be added: see each customer's check below.")),
        n => Some(format!(
            "{n} of {total} cannot be added: see each customer's check below. Fix {them} or remove {them} from the list, or leave {them} out.",
            them = if n == 1 { "it" } else { "them" }
        )),
    }
}

/// The batch to send, checked once more as a whole by `membership::check_join` (the rules
/// the platform applies); else every reason in words. Without `leave_out`, a customer who
/// cannot be added stops the whole batch; with it, those customers are left out (the plan
/// lists them as skipped) and the others are sent — when there are any.
pub fn ready_items(
    checks: &[MemberCheck],
    group: &GroupDetails,
    leave_out: bool,
) -> Result<Vec<JoinItem>, Vec<String>> {
    if checks.is_empty() {
        return Err(vec!["Enter at least one customer ID.".into()]);
    }
    let items: Vec<JoinItem> = checks.iter().filter_map(|c| c.as_ref().ok().cloned()).collect();
    if items.is_empty() || (items.len() < checks.len() && !leave_out) {
        return Err(refused_words(checks).into_iter().collect());
    }
    check_join(&items, group).map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    Ok(items)
}

/// The offer to go on without the customers who cannot be added: "Leave out the 1 that
/// cannot be added", "Leave out the 3 that cannot be added". None when everyone can be added,
/// or no one can (there would be nothing to send).
pub fn leave_out_offer(checks: &[MemberCheck], group: &GroupDetails) -> Option<String> {
    let n = refused_count(checks);
    (n > 0 && ready_items(checks, group, true).is_ok()).then(|| format!("Leave out the {n} that cannot be added"))
}

/// The confirmation's words for the customers left out: "1 customer is left out and not
/// sent:", "3 customers are left out and not sent:".
pub fn left_out_heading(n: usize) -> String {
    if n == 1 {
        "1 customer is left out and not sent:".to_string()
    } else {
        format!("{n} customers are left out and not sent:")
    }
}

/// Each customer left out, as written (or "Row 5" for a row without an ID), with why.
pub fn left_out(entries: &[MemberEntry], checks: &[MemberCheck]) -> Vec<(String, String)> {
    entries
        .iter()
        .zip(checks)
        .filter_map(|(e, c)| {
            let problems = c.as_ref().err()?;
            let who = if e.text.is_empty() { format!("Row {}", e.row) } else { e.text.clone() };
            Some((who, problems.join(" ")))
        })
        .collect()
}

/// The adding's rows, in the order given: each customer with its item, or, left out, with
/// why (the engine skips a row without a request and the results list it as skipped).
pub fn plan_members(entries: &[MemberEntry], checks: &[MemberCheck]) -> Vec<PlanRow<JoinItem>> {
    entries
        .iter()
        .zip(checks)
        .map(|(e, check)| PlanRow {
            row: e.row,
            label: MemberLabel { customer_id: e.text.clone() },
            request: check.as_ref().ok().cloned(),
            problems: check.as_ref().err().cloned().unwrap_or_default(),
        })
        .collect()
}

/// The join's answer, one outcome per item sent, in order: added (with the group it joined), or
/// failed with the item's own code and words. The answer's items are matched by customer; the
/// outcomes stop at the first customer the answer does not mention (the engine looks those up).
pub fn join_outcomes(requests: &[JoinItem], answer: &BatchResponse) -> Vec<Result<Done, ApiError>> {
    let mut out = Vec::with_capacity(requests.len());
    for (i, req) in requests.iter().enumerate() {
        let at_place = answer.response.get(i).filter(|item| item.user_id() == Some(req.user_id));
        let Some(item) = at_place.or_else(|| answer.response.iter().find(|item| item.user_id() == Some(req.user_id)))
        else {
            break;
        };
        out.push(if item.failed() {
            Err(item.error().unwrap_or_else(|| ApiError::Api {
                status: 200,
                code: None,
                message: "The platform did not add this customer and did not say why.".into(),
            }))
        } else {
            Ok(Done { id: item.result.as_ref().and_then(|r| r.group_id).map(|g| g.0), warnings: item.warnings.clone() })
        });
    }
    out
}

/// What a look-up of the group found for customers whose join answer was lost: an active
/// member was added (by that earlier attempt: the checks refused anyone already in); anyone
/// else was not, and is sent again.
pub fn found_members(requests: &[JoinItem], group: &GroupDetails) -> Vec<Found> {
    requests
        .iter()
        .map(|req| {
            let active = group.fleet_group_users.iter().any(|m| m.user_id == req.user_id && m.active);
            if active {
                Found::Ours { id: Some(group.id.0) }
            } else {
                Found::Absent
            }
        })
        .collect()
}

/// The group as a marketer knows it: its name, else its external ID, else its ID.
pub fn group_words(group: &GroupDetails) -> String {
    [group.group_name.trim(), group.external_id.trim()]
        .into_iter()
        .find(|s| !s.is_empty())
        .map(String::from)
        .unwrap_or_else(|| format!("group {}", group.id.0))
}

/// "who may redeem and may not transfer points": a permission set in words.
pub fn may_words(set: PermissionSet) -> &'static str {
    let state = |allow, block| match (set.contains(allow), set.contains(block)) {
        (_, true) => Some(false),
        (true, false) => Some(true),
        (false, false) => None,
    };
    let redeem = state(Permission::AllowPointsRedemption, Permission::BlockPointsRedemption);
    let transfer = state(Permission::AllowPointsTransfer, Permission::BlockPointsTransfer);
    match (redeem, transfer) {
        (Some(true), Some(true)) => "who may redeem and transfer points",
        (Some(true), Some(false)) => "who may redeem and may not transfer points",
        (Some(false), Some(true)) => "who may not redeem but may transfer points",
        (Some(false), Some(false)) => "who may not redeem or transfer points",
        (Some(true), None) => "who may redeem points",
        (Some(false), None) => "who may not redeem points",
        (None, Some(true)) => "who may transfer points",
        (None, Some(false)) => "who may not transfer points",
        (None, None) => "with the program's default permissions",
    }
}

/// The confirmation: what will happen, in words. "Add 3 customers to The Sharma Family as
/// members who may redeem and may not transfer points. It will be their default group. The
/// group will have 6 of 6 members."
pub fn join_summary(group: &GroupDetails, items: &[JoinItem]) -> String {
    let n = items.len();
    let customers = if n == 1 { format!("customer {}", items[0].user_id.0) } else { format!("{n} customers") };
    let primary = items.iter().find(|i| i.primary_member);
    let role = match primary {
        Some(_) if n == 1 => "the primary member".to_string(),
        Some(p) => format!("members (customer {} as the primary member)", p.user_id.0),
        None if n == 1 => "a member".to_string(),
        None => "members".to_string(),
    };
    let sets: Vec<PermissionSet> = items.iter().map(|i| i.permissions.known()).collect();
    let may = if sets.windows(2).all(|w| w[0] == w[1]) {
        sets.first().map(|s| may_words(*s)).unwrap_or_default().to_string()
    } else {
        "with the permissions each row of the file gives".to_string()
    };
    let defaults: Vec<bool> = items.iter().map(|i| i.default_group.unwrap_or(true)).collect();
    let default = match (defaults.iter().all(|d| *d), defaults.iter().any(|d| *d)) {
        (true, _) => " It will be their default group.",
        (false, false) => " It will not be their default group.",
        (false, true) => "",
    };
    let after = group.active_members() + n as u64;
    let size = match group.max_group_size {
        Some(max) => format!("The group will have {after} of {max} members."),
        None => format!("The group will have {after} members."),
    };
    format!("Add {customers} to {} as {role} {may}.{default} {size}", group_words(group))
}

/// What the activity log records of an adding that finished: what was asked, how it ended
/// (the customers left out named), and whether every customer was added.
pub fn activity_words(job: &ImportJob<JoinItem>) -> (String, String, bool) {
    let ids: Vec<&str> = job.plan.rows.iter().map(|r| r.label.customer_id.as_str()).collect();
    let shown = ids.iter().take(10).copied().collect::<Vec<_>>().join(", ");
    let more = if ids.len() > 10 { format!(" and {} more", ids.len() - 10) } else { String::new() };
    let what = format!("{} {}: {shown}{more}", ids.len(), if ids.len() == 1 { "customer" } else { "customers" });
    let c = job.counts();
    let mut outcome = format!("{} of {} added", c.done, c.total);
    let failures: Vec<String> = job
        .plan
        .rows
        .iter()
        .zip(&job.progress.rows)
        .filter(|(_, s)| s.is_failed())
        .map(|(r, s)| match &s.status {
            RowStatus::Failed { code: Some(code), .. } => format!("{} ({code})", r.label.customer_id),
            _ => r.label.customer_id.clone(),
        })
        .collect();
    if !failures.is_empty() {
        outcome.push_str(&format!("; {} failed: {}", failures.len(), failures.join(", ")));
    }
    let not_sent = c.total - c.done - failures.len();
    if not_sent > 0 {
        outcome.push_str(&format!("; {not_sent} not added (cancelled)"));
    }
    let left_out: Vec<String> = job
        .plan
        .rows
        .iter()
        .zip(&job.progress.rows)
        .filter(|(_, s)| s.status == RowStatus::Skipped)
        .map(|(r, _)| match r.label.customer_id.as_str() {
            "" => format!("row {}", r.row),
            id => id.to_string(),
        })
        .collect();
    if !left_out.is_empty() {
        outcome.push_str(&format!("; {} left out: {}", left_out.len(), left_out.join(", ")));
    }
    (what, outcome, c.done == c.total && left_out.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::member_list::Member;
    use crate::import::{results_csv, Counts};
    use crate::members::wire::{BatchItem, MembershipRecord};
    use crate::platform::read::{ApiWarning, Id};
    use crate::platform::send_once::Next;

    fn group(max: i64, members: &[(u64, bool, bool)]) -> GroupDetails {
        GroupDetails {
            id: Id(3920007),
            group_name: "The Sharma Family".into(),
            group_status: GroupStatus::Active,
            max_group_size: Some(max),
            fleet_group_users: members
                .iter()
                .map(|&(id, primary, active)| Member {
                    user_id: Id(id),
                    primary_member: primary,
                    active,
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    fn allow_redeem_block_transfer() -> JoinOptions {
        JoinOptions {
            primary: false,
            default_group: true,
            permissions: PermissionSet::new()
                .with(Permission::AllowPointsRedemption)
                .with(Permission::BlockPointsTransfer),
        }
    }

    fn problems(c: &MemberCheck) -> Vec<String> {
        c.clone().err().unwrap_or_default()
    }

    #[test]
    fn typed_ids_are_read_one_per_line_or_separated_and_each_is_checked() {
        let g = group(10, &[(1, true, true), (2, false, true), (3, false, false)]);
        let entries = entries_from_text("101, 102\n2\nabc;101\n3\n");
        assert_eq!(
            entries.iter().map(|e| (e.row, e.text.as_str())).collect::<Vec<_>>(),
            [(1, "101"), (2, "102"), (3, "2"), (4, "abc"), (5, "101"), (6, "3")]
        );
        let checks = check_members(&entries, &allow_redeem_block_transfer(), &g);
        assert!(checks[0].is_ok() && checks[1].is_ok());
        assert_eq!(problems(&checks[2]), ["Customer 2 is already a member of this group."]);
        assert_eq!(problems(&checks[3]), ["“abc” is not a customer ID: customer IDs are whole numbers."]);
        assert_eq!(problems(&checks[4]), ["101 is also number 1 in the list: each customer is added once."]);
        // Someone who left may join again.
        let item = checks[5].clone().unwrap();
        assert_eq!(
            serde_json::to_value(&item).unwrap(),
            serde_json::json!({"userId": 3, "primaryMember": false,
                "permissions": ["allow_points_redemption", "block_points_transfer"], "defaultGroup": true, "active": true})
        );
        assert_eq!(refused_count(&checks), 3);
        assert!(ready_items(&checks, &g, false).is_err(), "nothing is sent while a check fails");
    }

    #[test]
    fn customers_past_the_groups_room_are_refused_in_order() {
        // family_okafor: 3 of 4, room for one.
        let g = group(4, &[(1, true, true), (2, false, true), (3, false, true)]);
        let checks = check_members(&entries_from_text("790000001\n790000002"), &allow_redeem_block_transfer(), &g);
        assert!(checks[0].is_ok());
        assert_eq!(
            problems(&checks[1]),
            ["Over capacity: The group has room for 1 more member (at most 4), and you are adding 2."]
        );
        assert!(ready_items(&checks, &g, false).is_err());
        // A full group refuses everyone; refused customers do not take room.
        let full = group(2, &[(1, true, true), (2, false, true)]);
        let checks = check_members(&entries_from_text("5"), &allow_redeem_block_transfer(), &full);
        assert_eq!(
            problems(&checks[0]),
            ["Over capacity: The group is full: it already has 2 active members, its maximum."]
        );
        let checks = check_members(&entries_from_text("x 790000001"), &allow_redeem_block_transfer(), &g);
        assert!(checks[1].is_ok(), "the invalid item does not count against the room");
    }

    #[test]
    fn a_size_the_platform_did_not_give_is_left_to_the_platform() {
        // A group is made with a size of 1 or more: 0 or none is "not given", as when moving
        // members (moving::check_move), not "full".
        let unsized_groups =
            [group(0, &[(1, true, true)]), GroupDetails { max_group_size: None, ..group(4, &[(1, true, true)]) }];
        for g in unsized_groups {
            let checks = check_members(&entries_from_text("790000001 790000002"), &allow_redeem_block_transfer(), &g);
            assert!(checks.iter().all(|c| c.is_ok()), "{checks:?}");
            assert!(ready_items(&checks, &g, false).is_ok());
        }
    }

    #[test]
    fn one_primary_at_most_and_none_when_the_group_had_one() {
        let no_primary = group(10, &[(2, false, true)]);
        let primary = JoinOptions { primary: true, ..allow_redeem_block_transfer() };
        let checks = check_members(&entries_from_text("7"), &primary, &no_primary);
        let items = ready_items(&checks, &no_primary, false).unwrap();
        assert!(items[0].primary_member);
        let checks = check_members(&entries_from_text("7 8"), &primary, &no_primary);
        assert!(checks[0].is_ok());
        assert_eq!(problems(&checks[1]), ["A group has one primary member, and 2 customers are marked as primary."]);
        let left = group(10, &[(1, true, false)]);
        let checks = check_members(&entries_from_text("7"), &primary, &left);
        assert!(problems(&checks[0])[0].contains("cannot be replaced"), "{checks:?}");
    }

    #[test]
    fn an_inactive_group_refuses_everyone() {
        let mut g = group(10, &[]);
        g.group_status = GroupStatus::Inactive;
        let checks = check_members(&entries_from_text("7"), &allow_redeem_block_transfer(), &g);
        assert_eq!(problems(&checks[0]), ["This group is not active: members can no longer be added."]);
        assert_eq!(ready_items(&[], &g, false), Err(vec!["Enter at least one customer ID.".to_string()]));
    }

    #[test]
    fn the_csv_file_names_its_columns_and_rows_may_carry_their_own_role_and_permissions() {
        let f = read_member_file(
            "\u{feff}Name;Customer ID;Primary;Permissions\r\nAisha;790000001;yes;\r\nBen;790000002;;block_points_redemption|allow_points_transfer\r\n\r\nCy;790000003;maybe;allow_points_redemption block_points_redemption\r\n;;;\r\nDee;;;\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(f.ignored, ["Name"]);
        assert_eq!(f.entries.iter().map(|e| e.row).collect::<Vec<_>>(), [2, 3, 5, 7]);
        let g = group(10, &[]);
        let checks = check_members(&f.entries, &allow_redeem_block_transfer(), &g);
        let first = checks[0].clone().unwrap();
        assert!(first.primary_member);
        assert_eq!(first.permissions.values, ["allow_points_redemption", "block_points_transfer"], "the dialog's");
        let second = checks[1].clone().unwrap();
        assert!(!second.primary_member);
        assert_eq!(second.permissions.values, ["allow_points_transfer", "block_points_redemption"], "the row's own");
        assert_eq!(
            problems(&checks[2]),
            [
                "Primary: “maybe” is not yes or no. Write yes for the primary member, or leave it empty.",
                "Permissions: Choose either allow or block for redeeming points, not both."
            ]
        );
        assert_eq!(problems(&checks[3]), ["No customer ID in this row."]);
        // userId names the column too; the template reads cleanly.
        assert_eq!(read_member_file(b"userId\n5\n").unwrap().entries[0].text, "5");
        let t = read_member_file(MEMBERS_TEMPLATE_CSV.as_bytes()).unwrap();
        assert_eq!(refused_count(&check_members(&t.entries, &allow_redeem_block_transfer(), &g)), 0);
    }

    #[test]
    fn files_that_cannot_be_read_say_why() {
        assert!(read_member_file(b"").unwrap_err().contains("empty"));
        assert!(read_member_file(b"name,mobile\nx,1\n").unwrap_err().contains("no customerId column"));
        assert_eq!(read_member_file(b"customerId\n").unwrap_err(), "The file has a header line but no customers.");
        assert!(read_member_file(b"customerId,userId\n1,2\n").unwrap_err().contains("Two columns are named userId"));
        assert!(read_member_file(b"customerId\ncaf\xe9\n").unwrap_err().contains("CSV UTF-8"));
    }

    #[test]
    fn the_confirmation_says_what_will_happen() {
        let g = group(6, &[(1, true, true), (2, false, true), (3, false, true)]);
        let checks = check_members(&entries_from_text("7 8 9"), &allow_redeem_block_transfer(), &g);
        let items = ready_items(&checks, &g, false).unwrap();
        assert_eq!(
            join_summary(&g, &items),
            "Add 3 customers to The Sharma Family as members who may redeem and may not transfer points. It will be their default group. The group will have 6 of 6 members."
        );
        let no_primary = group(4, &[]);
        let options = JoinOptions {
            primary: true,
            default_group: false,
            permissions: PermissionSet::new()
                .with(Permission::BlockPointsRedemption)
                .with(Permission::BlockPointsTransfer),
        };
        let items =
            ready_items(&check_members(&entries_from_text("7"), &options, &no_primary), &no_primary, false).unwrap();
        assert_eq!(
            join_summary(&no_primary, &items),
            "Add customer 7 to The Sharma Family as the primary member who may not redeem or transfer points. It will not be their default group. The group will have 1 of 4 members."
        );
    }

    #[test]
    fn one_customer_already_a_member_is_left_out_on_request_and_the_rest_are_sent() {
        let g = group(10, &[(1, true, true), (2, false, true)]);
        let entries = entries_from_text("790000001\n2\n790000002");
        let options = allow_redeem_block_transfer();
        let checks = check_members(&entries, &options, &g);
        assert_eq!(preview_words(&checks), "3 customers: 1 cannot be added.");
        assert_eq!(
            refused_words(&checks).as_deref(),
            Some("1 of 3 cannot be added: see each customer's check below. Fix it or remove it from the list, or leave it out.")
        );
        // Not without asking: the whole batch waits.
        assert_eq!(ready_items(&checks, &g, false), Err(vec![refused_words(&checks).unwrap()]));
        assert_eq!(leave_out_offer(&checks, &g).as_deref(), Some("Leave out the 1 that cannot be added"));
        let items = ready_items(&checks, &g, true).unwrap();
        assert_eq!(items.iter().map(|i| i.user_id.0).collect::<Vec<_>>(), [790000001, 790000002]);
        assert_eq!(
            join_summary(&g, &items),
            "Add 2 customers to The Sharma Family as members who may redeem and may not transfer points. It will be their default group. The group will have 4 of 10 members."
        );
        assert_eq!(left_out_heading(1), "1 customer is left out and not sent:");
        assert_eq!(
            left_out(&entries, &checks),
            [("2".to_string(), "Customer 2 is already a member of this group.".to_string())]
        );

        // The plan keeps the customer left out, without a request: skipped, never sent.
        let plan = plan_members(&entries, &checks);
        assert_eq!(plan[1].request, None);
        assert_eq!(plan[1].problems, ["Customer 2 is already a member of this group."]);
        let mut job = ImportJob::new(1.0, "typed", plan, 1);
        assert_eq!(job.counts(), Counts { total: 2, remaining: 2, skipped: 1, ..Default::default() });
        let step = job.start_due(0.0).remove(0);
        assert_eq!(step.requests, items, "only the two who can be added are sent");
        let answer = BatchResponse::of(vec![
            BatchItem::done(record(790000001), record(790000001)),
            BatchItem::done(record(790000002), record(790000002)),
        ]);
        job.answered(&step.rows, join_outcomes(&step.requests, &answer), 0.0);
        assert!(job.is_finished());
        assert_eq!((job.outcome(0), job.outcome(1), job.outcome(2)), ("added", "skipped", "added"));
        let (what, outcome, ok) = activity_words(&job);
        assert_eq!(what, "3 customers: 790000001, 2, 790000002");
        assert_eq!(outcome, "2 of 2 added; 1 left out: 2");
        assert!(!ok, "not every customer asked for was added");
        let csv = results_csv(&job);
        assert!(
            csv.lines().any(|l| l.starts_with("2,2,skipped,,,Customer 2 is already a member of this group.")),
            "{csv}"
        );
    }

    #[test]
    fn the_offer_counts_every_customer_that_cannot_be_added_and_sends_those_that_fit() {
        // family_okafor: 3 of 4, room for one; a member, a word and a repeat besides.
        let g = group(4, &[(1, true, true), (2, false, true), (3, false, true)]);
        let entries = entries_from_text("790000001 2 abc 790000001 790000002");
        let checks = check_members(&entries, &allow_redeem_block_transfer(), &g);
        assert_eq!(refused_count(&checks), 4);
        assert_eq!(leave_out_offer(&checks, &g).as_deref(), Some("Leave out the 4 that cannot be added"));
        assert_eq!(left_out_heading(4), "4 customers are left out and not sent:");
        let items = ready_items(&checks, &g, true).unwrap();
        assert_eq!(items.iter().map(|i| i.user_id.0).collect::<Vec<_>>(), [790000001], "the first who fits");
        let named: Vec<String> = left_out(&entries, &checks).into_iter().map(|(who, _)| who).collect();
        assert_eq!(named, ["2", "abc", "790000001", "790000002"]);
        // A file's row without an ID is named by its row.
        let f = read_member_file(b"customerId,name\n790000001,Ana\n,Ben\n").unwrap();
        let checks = check_members(&f.entries, &allow_redeem_block_transfer(), &g);
        assert_eq!(left_out(&f.entries, &checks), [("Row 3".to_string(), "No customer ID in this row.".to_string())]);
    }

    #[test]
    fn when_no_one_can_be_added_it_says_so_and_offers_nothing_to_send() {
        let g = group(10, &[(1, true, true), (2, false, true)]);
        let checks = check_members(&entries_from_text("1 2"), &allow_redeem_block_transfer(), &g);
        assert_eq!(preview_words(&checks), "2 customers: none can be added.");
        assert_eq!(
            refused_words(&checks).as_deref(),
            Some("None of the 2 customers can be added: see each customer's check below.")
        );
        assert_eq!(leave_out_offer(&checks, &g), None);
        assert!(ready_items(&checks, &g, true).is_err(), "nothing to send, even leaving out");
        let one = check_members(&entries_from_text("2"), &allow_redeem_block_transfer(), &g);
        assert_eq!(preview_words(&one), "1 customer: it cannot be added.");
        assert_eq!(refused_words(&one).as_deref(), Some("This customer cannot be added: see the check below."));
        assert_eq!(leave_out_offer(&one, &g), None);
        // Everyone can be added: nothing to leave out.
        let fine = check_members(&entries_from_text("7"), &allow_redeem_block_transfer(), &g);
        assert_eq!((leave_out_offer(&fine, &g), refused_words(&fine)), (None, None));
        assert_eq!(preview_words(&fine), "1 customer, all ready to add.");
    }

    fn item(user: u64) -> JoinItem {
        JoinItem::member(user, PermissionSet::new().with(Permission::AllowPointsRedemption))
    }

    fn record(user: u64) -> MembershipRecord {
        MembershipRecord { user_id: Id(user), group_id: Some(Id(3920007)), active: true, ..Default::default() }
    }

    fn refusal(user: u64, code: i64, message: &str) -> BatchItem {
        BatchItem::refused(record(user), ApiWarning { status: Some(false), code: Some(code), message: message.into() })
    }

    fn job_of(users: &[u64]) -> ImportJob<JoinItem> {
        let entries = entries_from_text(&users.iter().map(u64::to_string).collect::<Vec<_>>().join("\n"));
        let checks: Vec<MemberCheck> = users.iter().map(|&u| Ok(item(u))).collect();
        ImportJob::new(1.0, "typed", plan_members(&entries, &checks), 2)
    }

    #[test]
    fn a_batch_with_one_refused_customer_fails_only_that_one_and_retry_sends_only_it() {
        let mut job = job_of(&[790000001, 790000002, 790000003]);
        let steps = job.start_due(0.0);
        assert_eq!(steps.len(), 1, "one request for the batch");
        let step = &steps[0];
        assert_eq!(step.requests.len(), 3);
        let answer = BatchResponse::of(vec![
            BatchItem::done(record(790000001), record(790000001)),
            refusal(790000002, 8015, "Customer not found"),
            BatchItem::done(record(790000003), record(790000003)),
        ]);
        job.answered(&step.rows, join_outcomes(&step.requests, &answer), 0.0);
        assert!(job.is_finished());
        assert_eq!(job.counts(), Counts { total: 3, done: 2, failed: 1, ..Default::default() });
        assert_eq!((job.outcome(0), job.outcome(1), job.outcome(2)), ("added", "failed", "added"));
        let RowStatus::Failed { code, message, .. } = &job.progress.rows[1].status else { panic!() };
        assert_eq!(*code, Some(8015));
        assert!(message.starts_with("The platform has no customer with these details."), "{message}");
        let (what, outcome, ok) = activity_words(&job);
        assert_eq!(what, "3 customers: 790000001, 790000002, 790000003");
        assert_eq!((outcome.as_str(), ok), ("2 of 3 added; 1 failed: 790000002 (8015)", false));

        assert_eq!(job.retry_every_failed(), 1);
        let steps = job.start_due(0.0);
        assert_eq!(steps.len(), 1);
        assert_eq!((steps[0].next, steps[0].requests.clone()), (Next::Send, vec![item(790000002)]));
        let answer = BatchResponse::of(vec![BatchItem::done(record(790000002), record(790000002))]);
        job.answered(&steps[0].rows, join_outcomes(&steps[0].requests, &answer), 0.0);
        assert_eq!(job.counts().done, 3);
        assert!(activity_words(&job).2);
    }

    #[test]
    fn a_lost_answer_looks_the_members_up_and_resends_only_the_absent() {
        let mut job = job_of(&[790000001, 790000002]);
        let step = job.start_due(0.0).remove(0);
        job.failed(&step.rows, &ApiError::Truncated { status: 200 }, 0.0);
        let look = job.start_due(10_000.0).remove(0);
        assert_eq!(look.next, Next::LookUp);
        // The platform added the first one before the answer broke off.
        let now = group(10, &[(790000001, false, true)]);
        let send = job.looked_up(&look.rows, found_members(&look.requests, &now), 10_000.0).expect("a resend");
        assert_eq!(send.requests, [item(790000002)], "only the absent customer is sent again");
        assert!(matches!(&job.progress.rows[0].status, RowStatus::Done { id: Some(3920007), note: Some(_), .. }));
        let answer = BatchResponse::of(vec![BatchItem::done(record(790000002), record(790000002))]);
        job.answered(&send.rows, join_outcomes(&send.requests, &answer), 10_000.0);
        assert!(job.is_finished());
        assert_eq!(job.counts().done, 2);
    }

    #[test]
    fn answers_are_matched_by_customer_and_a_customer_left_out_is_looked_up() {
        let requests = [item(1), item(2), item(3)];
        let answer =
            BatchResponse::of(vec![BatchItem::done(record(2), record(2)), BatchItem::done(record(1), record(1))]);
        let out = join_outcomes(&requests, &answer);
        assert_eq!(out.len(), 2, "the third is not mentioned");
        assert_eq!(out[0].as_ref().unwrap().id, Some(3920007));
        // A failed item without words still fails, in words.
        let bare = BatchItem { entity_id: Some(record(1)), ..Default::default() };
        let out = join_outcomes(&requests[..1], &BatchResponse::of(vec![bare]));
        assert!(out[0].as_ref().unwrap_err().headline().contains("did not say why"));
    }

    #[test]
    fn the_results_file_lists_each_customer_with_the_code_and_words() {
        let mut job = job_of(&[790000001, 790000002]);
        let step = job.start_due(0.0).remove(0);
        let answer = BatchResponse::of(vec![
            BatchItem::done(record(790000001), record(790000001)),
            refusal(790000002, 1636, "already a member"),
        ]);
        job.answered(&step.rows, join_outcomes(&step.requests, &answer), 0.0);
        let csv = results_csv(&job);
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        assert_eq!(lines.next(), Some("row,customerId,outcome,groupId,code,message,warnings"));
        assert_eq!(lines.next(), Some("1,790000001,added,3920007,,,"));
        let failed = lines.next().unwrap();
        assert!(
            failed.starts_with("2,790000002,failed,,1636,This customer is already a member of the group."),
            "{failed}"
        );
    }

    #[test]
    fn the_saved_plan_round_trips() {
        let job = job_of(&[5]);
        let back = ImportJob::<JoinItem>::restore(&job.plan_json(), &job.progress_json()).unwrap();
        assert_eq!(back.plan, job.plan);
        assert!(job.plan_json().contains(r#""customerId":"5""#));
    }
}
