//! The checks run before members are added: a pasted list of customer ids, room in the group,
//! customers already in it, one primary member, permissions that do not contradict.

use std::collections::HashMap;
use std::fmt;

use super::permissions::{PermissionError, PermissionSet};
use super::wire::JoinItem;
use crate::group::member_list::Member;
use crate::group::wire::{GroupDetails, GroupStatus};

/// Something in a pasted list of customer ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdListProblem {
    Empty,
    /// `position` counts the items from 1, `line` the lines from 1.
    NotAnId {
        position: usize,
        line: usize,
        token: String,
    },
    Repeated {
        position: usize,
        line: usize,
        id: u64,
        first_position: usize,
    },
}

impl fmt::Display for IdListProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdListProblem::Empty => f.write_str("Enter at least one customer ID."),
            IdListProblem::NotAnId { position, line, token } => write!(
                f,
                "Item {position} (line {line}), “{token}”, is not a customer ID: customer IDs are whole numbers."
            ),
            IdListProblem::Repeated { position, line, id, first_position } => {
                write!(f, "Item {position} (line {line}), {id}, is already in the list as item {first_position}.")
            }
        }
    }
}

impl std::error::Error for IdListProblem {}

/// One item of a pasted list of customer ids, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdItem {
    /// Counts the items from 1.
    pub position: usize,
    /// Counts the lines from 1.
    pub line: usize,
    pub token: String,
    /// The customer id, when the item is a positive whole number.
    pub id: Option<u64>,
}

/// Every item of a list pasted one per line or separated by commas, semicolons or spaces,
/// each read on its own (the add-members preview shows a check per item).
pub fn id_items(text: &str) -> Vec<IdItem> {
    let mut items = Vec::new();
    for (l, line) in text.lines().enumerate() {
        for token in line.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|t| !t.is_empty()) {
            let id = token.parse::<u64>().ok().filter(|&id| id > 0 && token.bytes().all(|b| b.is_ascii_digit()));
            items.push(IdItem { position: items.len() + 1, line: l + 1, token: token.to_string(), id });
        }
    }
    items
}

/// Reads customer ids pasted one per line or separated by commas, semicolons or spaces.
/// Every item that is not a positive whole number, and every repeat, is reported with its
/// place; the ids come back only when there is none.
pub fn parse_customer_ids(text: &str) -> Result<Vec<u64>, Vec<IdListProblem>> {
    let mut ids = Vec::new();
    let mut first: HashMap<u64, usize> = HashMap::new();
    let mut problems = Vec::new();
    let items = id_items(text);
    for IdItem { position, line, token, id } in &items {
        let (position, line) = (*position, *line);
        match id {
            Some(id) => match first.get(id) {
                Some(&first_position) => {
                    problems.push(IdListProblem::Repeated { position, line, id: *id, first_position })
                }
                None => {
                    first.insert(*id, position);
                    ids.push(*id);
                }
            },
            None => problems.push(IdListProblem::NotAnId { position, line, token: token.clone() }),
        }
    }
    if items.is_empty() {
        problems.push(IdListProblem::Empty);
    }
    if problems.is_empty() {
        Ok(ids)
    } else {
        Err(problems)
    }
}

/// Why a batch of new members would be refused, before it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinProblem {
    GroupNotActive(GroupStatus),
    GroupFull { max: u64 },
    NotEnoughRoom { free: u64, adding: usize, max: u64 },
    AlreadyMember { user_id: u64 },
    MoreThanOnePrimary { count: usize },
    GroupHasPrimary,
    Permissions { user_id: u64, error: PermissionError },
}

impl fmt::Display for JoinProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinProblem::GroupNotActive(GroupStatus::Deleted) => {
                f.write_str("This group was deleted: members can no longer be added.")
            }
            JoinProblem::GroupNotActive(_) => f.write_str("This group is not active: members can no longer be added."),
            JoinProblem::GroupFull { max } => {
                write!(f, "The group is full: it already has {max} active members, its maximum.")
            }
            JoinProblem::NotEnoughRoom { free, adding, max } => write!(
                f,
                "The group has room for {free} more {} (at most {max}), and you are adding {adding}.",
                if *free == 1 { "member" } else { "members" }
            ),
            JoinProblem::AlreadyMember { user_id } => write!(f, "Customer {user_id} is already a member of this group."),
            JoinProblem::MoreThanOnePrimary { count } => write!(
                f,
                "A group has one primary member, and {count} customers are marked as primary."
            ),
            JoinProblem::GroupHasPrimary => f.write_str(
                "The group already has (or had) a primary member, and the primary member cannot be replaced: add these customers as members.",
            ),
            JoinProblem::Permissions { user_id, error } => write!(f, "Customer {user_id}: {error}"),
        }
    }
}

impl std::error::Error for JoinProblem {}

/// Room for `adding` more, in a group of `max_group_size` with room for `free` more
/// ([`GroupDetails::room`]).
pub fn check_capacity(max_group_size: u64, free: u64, adding: usize) -> Result<(), JoinProblem> {
    if free == 0 {
        return Err(JoinProblem::GroupFull { max: max_group_size });
    }
    if adding as u64 > free {
        return Err(JoinProblem::NotEnoughRoom { free, adding, max: max_group_size });
    }
    Ok(())
}

/// The ids that are already active members (exited members may join again).
pub fn check_not_members(ids: &[u64], members: &[Member]) -> Result<(), Vec<JoinProblem>> {
    let active: std::collections::HashSet<u64> = members.iter().filter(|m| m.active).map(|m| m.user_id.0).collect();
    let problems: Vec<JoinProblem> =
        ids.iter().filter(|id| active.contains(id)).map(|&user_id| JoinProblem::AlreadyMember { user_id }).collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// At most one primary in the batch, and none when the group has (or had) one: the primary
/// role is never reassigned.
pub fn check_primary(items: &[JoinItem], group_has_primary: bool) -> Result<(), JoinProblem> {
    let count = items.iter().filter(|i| i.primary_member).count();
    match count {
        0 => Ok(()),
        1 if !group_has_primary => Ok(()),
        1 => Err(JoinProblem::GroupHasPrimary),
        _ => Err(JoinProblem::MoreThanOnePrimary { count }),
    }
}

/// Every item's permissions are known words, never both allow and block of one kind.
pub fn check_permissions(items: &[JoinItem]) -> Result<(), Vec<JoinProblem>> {
    let problems: Vec<JoinProblem> = items
        .iter()
        .filter_map(|i| {
            let error = i.permissions.set().and_then(PermissionSet::check).err()?;
            Some(JoinProblem::Permissions { user_id: i.user_id.0, error })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Every check of a batch against the group as `GET /v2/userGroup2` answered it.
pub fn check_join(items: &[JoinItem], group: &GroupDetails) -> Result<(), Vec<JoinProblem>> {
    let mut problems = Vec::new();
    if group.group_status != GroupStatus::Active {
        return Err(vec![JoinProblem::GroupNotActive(group.group_status)]);
    }
    let ids: Vec<u64> = items.iter().map(|i| i.user_id.0).collect();
    problems.extend(check_not_members(&ids, &group.fleet_group_users).err().unwrap_or_default());
    let has_primary = group.fleet_group_users.iter().any(|m| m.primary_member);
    problems.extend(check_primary(items, has_primary).err());
    problems.extend(check_permissions(items).err().unwrap_or_default());
    if let (Some(max), Some(free)) = (group.size_limit(), group.room()) {
        let adding = items.len() - problems.iter().filter(|p| matches!(p, JoinProblem::AlreadyMember { .. })).count();
        problems.extend(check_capacity(max, free, adding).err());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
