//! Moving members to another group: what is refused before anything is sent (the platform's
//! 1624 for the primary member, 1638 for a full target, and moving to the same or an inactive
//! group), and the outcome per member.

use std::fmt;

use crate::group::wire::{GroupDetails, GroupStatus};
use crate::members::list::member_label;
use crate::members::wire::GroupMember;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveProblem {
    SameGroup,
    TargetNotActive,
    /// The primary member can never be moved (the platform's 1624).
    Primary(String),
    /// Already in the target group.
    AlreadyThere(String),
    /// The target has room for `room`; `moving` asked for.
    NoRoom {
        room: u64,
        moving: usize,
    },
}

impl fmt::Display for MoveProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoveProblem::SameGroup => f.write_str("Choose another group: the members are in this one already."),
            MoveProblem::TargetNotActive => f.write_str("That group is not active: members cannot be moved into it."),
            MoveProblem::Primary(who) => write!(
                f,
                "{who} is the primary member and cannot be moved. Unselect them, or remove them instead (which deactivates this group)."
            ),
            MoveProblem::AlreadyThere(who) => write!(f, "{who} is a member of that group already."),
            MoveProblem::NoRoom { room, moving } => write!(
                f,
                "That group has room for {room} more member{}; {moving} would be moved. Move fewer, or raise its maximum size first.",
                if *room == 1 { "" } else { "s" }
            ),
        }
    }
}

/// Everything that stops `members` of group `from` moving to `target`, checked before sending.
pub fn check_move(members: &[GroupMember], from: u64, target: &GroupDetails) -> Result<(), Vec<MoveProblem>> {
    let mut problems = Vec::new();
    if target.id.0 == from {
        problems.push(MoveProblem::SameGroup);
    }
    if !matches!(target.group_status, GroupStatus::Active | GroupStatus::Unknown) {
        problems.push(MoveProblem::TargetNotActive);
    }
    for m in members {
        if m.is_primary() {
            problems.push(MoveProblem::Primary(member_label(m)));
        }
        if target.fleet_group_users.iter().any(|u| u.active && u.user_id == m.fleet_user_id) {
            problems.push(MoveProblem::AlreadyThere(member_label(m)));
        }
    }
    if let Some(room) = target.room() {
        if (members.len() as u64) > room {
            problems.push(MoveProblem::NoRoom { room, moving: members.len() });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::member_list::Member;
    use crate::platform::read::Id;

    fn member(id: u64, primary: bool) -> GroupMember {
        GroupMember {
            fleet_user_id: Id(id),
            first_name: format!("M{id}"),
            primary_member: primary,
            ..Default::default()
        }
    }

    fn target(max: i64, active: &[u64]) -> GroupDetails {
        GroupDetails {
            id: Id(2),
            group_status: GroupStatus::Active,
            max_group_size: Some(max),
            fleet_group_users: active
                .iter()
                .map(|&u| Member { user_id: Id(u), active: true, ..Default::default() })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn members_with_room_move() {
        assert_eq!(check_move(&[member(10, false), member(11, false)], 1, &target(4, &[20, 21])), Ok(()));
    }

    #[test]
    fn each_reason_is_said() {
        let mut t = target(3, &[20, 11]);
        let problems = check_move(&[member(10, true), member(11, false)], 1, &t).unwrap_err();
        assert!(problems.contains(&MoveProblem::Primary("M10 (10)".into())));
        assert!(problems.contains(&MoveProblem::AlreadyThere("M11 (11)".into())));
        assert!(problems.contains(&MoveProblem::NoRoom { room: 1, moving: 2 }));
        assert!(problems[0].to_string().contains("cannot be moved"));
        t.group_status = GroupStatus::Inactive;
        t.id = Id(1);
        let problems = check_move(&[member(12, false)], 1, &t).unwrap_err();
        assert_eq!(problems[..2], [MoveProblem::SameGroup, MoveProblem::TargetNotActive]);
    }

    #[test]
    fn a_size_the_platform_did_not_give_is_not_checked() {
        // As when adding members (membership::check_join): the platform checks its own limit.
        assert_eq!(check_move(&[member(10, false)], 1, &target(0, &[20, 21])), Ok(()));
    }

    #[test]
    fn room_is_counted_at_the_boundary() {
        assert!(check_move(&[member(10, false)], 1, &target(3, &[20, 21])).is_ok());
        assert_eq!(
            check_move(&[member(10, false)], 1, &target(2, &[20, 21])),
            Err(vec![MoveProblem::NoRoom { room: 0, moving: 1 }])
        );
        assert_eq!(
            MoveProblem::NoRoom { room: 1, moving: 2 }.to_string().split(';').next(),
            Some("That group has room for 1 more member")
        );
    }
}
