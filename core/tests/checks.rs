//! The checks the console runs before it adds members or changes permissions, at their
//! boundaries, and the words a marketer reads for each refusal.

use gc_core::members::wire::*;

use gc_core::members::permissions::*;

use gc_core::members::checks::*;

use gc_core::group::member_list::Member;
use gc_core::group::wire::{GroupDetails, GroupStatus};
use gc_core::platform::read::Id;

fn member(id: u64, primary: bool, active: bool) -> Member {
    Member { user_id: Id(id), group_id: None, default_group: true, primary_member: primary, active }
}

fn perms(list: &[Permission]) -> PermissionSet {
    list.iter().copied().collect()
}

// ------------------------------------------------------------------ pasted customer ids

#[test]
fn ids_one_per_line_or_separated_by_commas_semicolons_and_blanks() {
    assert_eq!(parse_customer_ids("1\n2\r\n3"), Ok(vec![1, 2, 3]));
    assert_eq!(parse_customer_ids("1,2;3 4\t5"), Ok(vec![1, 2, 3, 4, 5]));
    assert_eq!(
        parse_customer_ids(" 566998132 , 567219877 ;\n\n 564662499,\n"),
        Ok(vec![566998132, 567219877, 564662499])
    );
    assert_eq!(parse_customer_ids("18446744073709551615"), Ok(vec![u64::MAX]));
}

#[test]
fn nothing_pasted_is_one_problem() {
    for text in ["", "   ", "\n\n", ", ; ,"] {
        assert_eq!(parse_customer_ids(text), Err(vec![IdListProblem::Empty]), "{text:?}");
    }
    assert_eq!(IdListProblem::Empty.to_string(), "Enter at least one customer ID.");
}

#[test]
fn every_item_that_is_not_an_id_is_reported_with_its_place() {
    let problems = parse_customer_ids("12\nabc 13\n0 -5 +7 1.5 12a 18446744073709551616").unwrap_err();
    let tokens: Vec<(usize, usize, &str)> = problems
        .iter()
        .map(|p| match p {
            IdListProblem::NotAnId { position, line, token } => (*position, *line, token.as_str()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        tokens,
        [
            (2, 2, "abc"),
            (4, 3, "0"),
            (5, 3, "-5"),
            (6, 3, "+7"),
            (7, 3, "1.5"),
            (8, 3, "12a"),
            (9, 3, "18446744073709551616"),
        ]
    );
    assert_eq!(
        problems[0].to_string(),
        "Item 2 (line 2), “abc”, is not a customer ID: customer IDs are whole numbers."
    );
}

#[test]
fn repeats_are_reported_with_where_they_first_appeared() {
    let problems = parse_customer_ids("7, 8\n7\n8 8").unwrap_err();
    assert_eq!(
        problems,
        [
            IdListProblem::Repeated { position: 3, line: 2, id: 7, first_position: 1 },
            IdListProblem::Repeated { position: 4, line: 3, id: 8, first_position: 2 },
            IdListProblem::Repeated { position: 5, line: 3, id: 8, first_position: 2 },
        ]
    );
    assert_eq!(problems[0].to_string(), "Item 3 (line 2), 7, is already in the list as item 1.");
    // The same number written with leading zeros is the same customer.
    assert!(matches!(parse_customer_ids("7\n007").unwrap_err()[0], IdListProblem::Repeated { id: 7, .. }));
}

// ------------------------------------------------------------------ capacity

#[test]
fn capacity_is_max_size_minus_active_members() {
    let room = |max: i64, active: i64| {
        GroupDetails { max_group_size: Some(max), total_active_members: Some(active), ..Default::default() }.room()
    };
    assert_eq!(room(6, 4), Some(2));
    assert_eq!(room(6, 7), Some(0), "over the limit already");
    assert_eq!(room(0, 3), None, "0 is no limit given");
    assert_eq!(check_capacity(6, 2, 0), Ok(()));
    assert_eq!(check_capacity(6, 2, 2), Ok(()), "exactly filling the group is allowed");
    assert_eq!(check_capacity(6, 2, 3), Err(JoinProblem::NotEnoughRoom { free: 2, adding: 3, max: 6 }));
    assert_eq!(check_capacity(6, 1, 1), Ok(()));
    assert_eq!(check_capacity(6, 0, 1), Err(JoinProblem::GroupFull { max: 6 }));
    assert_eq!(check_capacity(30_000, 250, 250), Ok(()));
    assert_eq!(
        JoinProblem::NotEnoughRoom { free: 2, adding: 3, max: 6 }.to_string(),
        "The group has room for 2 more members (at most 6), and you are adding 3."
    );
    assert_eq!(
        JoinProblem::NotEnoughRoom { free: 1, adding: 2, max: 6 }.to_string(),
        "The group has room for 1 more member (at most 6), and you are adding 2."
    );
    assert_eq!(
        JoinProblem::GroupFull { max: 6 }.to_string(),
        "The group is full: it already has 6 active members, its maximum."
    );
}

// ------------------------------------------------------------------ already a member

#[test]
fn active_members_are_refused_and_exited_ones_may_come_back() {
    let members = [member(1, true, true), member(2, false, true), member(3, false, false)];
    assert_eq!(check_not_members(&[3, 4], &members), Ok(()));
    assert_eq!(
        check_not_members(&[2, 3, 1], &members),
        Err(vec![JoinProblem::AlreadyMember { user_id: 2 }, JoinProblem::AlreadyMember { user_id: 1 }])
    );
    assert_eq!(check_not_members(&[], &members), Ok(()));
    assert_eq!(JoinProblem::AlreadyMember { user_id: 2 }.to_string(), "Customer 2 is already a member of this group.");
}

// ------------------------------------------------------------------ primary member

#[test]
fn at_most_one_primary_and_none_when_the_group_has_one() {
    let m = |id| JoinItem::member(id, PermissionSet::new());
    let p = |id| JoinItem::primary(id, PermissionSet::new());
    assert_eq!(check_primary(&[m(1), m(2)], true), Ok(()));
    assert_eq!(check_primary(&[], false), Ok(()));
    assert_eq!(check_primary(&[p(1), m(2)], false), Ok(()));
    assert_eq!(check_primary(&[p(1), m(2)], true), Err(JoinProblem::GroupHasPrimary));
    assert_eq!(check_primary(&[p(1), p(2)], false), Err(JoinProblem::MoreThanOnePrimary { count: 2 }));
    assert_eq!(check_primary(&[p(1), p(2), p(3)], true), Err(JoinProblem::MoreThanOnePrimary { count: 3 }));
    assert_eq!(
        JoinProblem::MoreThanOnePrimary { count: 2 }.to_string(),
        "A group has one primary member, and 2 customers are marked as primary."
    );
    assert!(JoinProblem::GroupHasPrimary.to_string().contains("add these customers as members"));
}

// ------------------------------------------------------------------ permissions

#[test]
fn allow_and_block_of_one_kind_are_refused_together() {
    use Permission::*;
    assert_eq!(perms(&[]).check(), Ok(perms(&[])));
    assert!(perms(&[AllowPointsRedemption, AllowPointsTransfer]).check().is_ok());
    assert!(perms(&[AllowPointsRedemption, BlockPointsTransfer]).check().is_ok());
    assert!(perms(&[BlockPointsRedemption, BlockPointsTransfer]).check().is_ok());
    assert_eq!(
        perms(&[AllowPointsRedemption, BlockPointsRedemption]).check(),
        Err(PermissionError::Conflict(PermissionKind::Redemption))
    );
    assert_eq!(
        perms(&[AllowPointsTransfer, BlockPointsTransfer, AllowPointsRedemption]).check(),
        Err(PermissionError::Conflict(PermissionKind::Transfer))
    );
    assert_eq!(
        PermissionError::Conflict(PermissionKind::Transfer).to_string(),
        "Choose either allow or block for transferring points, not both."
    );
    // Where both arrive anyway (the emulator), the block wins.
    assert_eq!(
        perms(&[AllowPointsRedemption, BlockPointsRedemption, AllowPointsTransfer]).block_wins(),
        perms(&[BlockPointsRedemption, AllowPointsTransfer])
    );
}

#[test]
fn permission_words_are_read_in_any_case_and_unknown_ones_are_named() {
    assert_eq!(Permission::parse(" ALLOW_POINTS_TRANSFER "), Some(Permission::AllowPointsTransfer));
    assert_eq!(Permission::parse("allow_points"), None);
    assert_eq!(
        PermissionSet::from_values(["allow_points_transfer", "redeem_everything"]),
        Err(PermissionError::Unknown("redeem_everything".into()))
    );
    assert_eq!(
        PermissionError::Unknown("redeem_everything".into()).to_string(),
        "“redeem_everything” is not a permission the platform knows."
    );
    for p in Permission::ALL {
        assert_eq!(Permission::parse(p.as_str()), Some(p));
    }
}

#[test]
fn permission_lists_keep_their_form() {
    let set = perms(&[Permission::BlockPointsTransfer, Permission::AllowPointsRedemption]);
    assert_eq!(
        serde_json::to_string(&set.to_list()).unwrap(),
        r#"["allow_points_redemption","block_points_transfer"]"#
    );
    assert_eq!(serde_json::to_string(&set.to_text()).unwrap(), r#""allow_points_redemption,block_points_transfer""#);
    let read: PermissionList = serde_json::from_str(r#"" allow_points_redemption , ,block_points_transfer""#).unwrap();
    assert_eq!((read.set(), read.as_text), (Ok(set), true));
    let odd: PermissionList = serde_json::from_str(r#"["allow_points_transfer", "gold", null]"#).unwrap();
    assert_eq!(odd.values, ["allow_points_transfer", "gold"]);
    assert_eq!(odd.known(), perms(&[Permission::AllowPointsTransfer]));
    assert!(odd.set().is_err());
    let none: PermissionList = serde_json::from_str("null").unwrap();
    assert!(none.values.is_empty());
}

#[test]
fn each_item_with_bad_permissions_is_named() {
    let good = JoinItem::member(1, perms(&[Permission::AllowPointsRedemption]));
    let conflict = JoinItem::member(2, perms(&[Permission::AllowPointsTransfer, Permission::BlockPointsTransfer]));
    let mut unknown = JoinItem::member(3, PermissionSet::new());
    unknown.permissions.values.push("gold".into());
    assert_eq!(check_permissions(std::slice::from_ref(&good)), Ok(()));
    let problems = check_permissions(&[good, conflict, unknown]).unwrap_err();
    assert_eq!(
        problems,
        [
            JoinProblem::Permissions { user_id: 2, error: PermissionError::Conflict(PermissionKind::Transfer) },
            JoinProblem::Permissions { user_id: 3, error: PermissionError::Unknown("gold".into()) },
        ]
    );
    assert_eq!(problems[0].to_string(), "Customer 2: Choose either allow or block for transferring points, not both.");
}

// ------------------------------------------------------------------ all together

fn docs_group() -> GroupDetails {
    let text = std::fs::read_to_string(format!("{}/fixtures/get-response-3918893.json", env!("CARGO_MANIFEST_DIR")));
    serde_json::from_str(&text.unwrap()).unwrap()
}

#[test]
fn a_batch_against_the_docs_group() {
    // 3918893: 3 active of at most 6, a primary, 564662499 exited.
    let g = docs_group();
    let add = |ids: &[u64]| ids.iter().map(|&id| JoinItem::member(id, PermissionSet::new())).collect::<Vec<_>>();
    assert_eq!(check_join(&add(&[1, 2, 564662499]), &g), Ok(()), "3 free places, the exited member may return");
    assert_eq!(
        check_join(&add(&[1, 2, 3, 4]), &g),
        Err(vec![JoinProblem::NotEnoughRoom { free: 3, adding: 4, max: 6 }])
    );
    // Someone already in does not count against the room, but is named.
    assert_eq!(
        check_join(&add(&[1, 2, 3, 567219877]), &g),
        Err(vec![JoinProblem::AlreadyMember { user_id: 567219877 }])
    );
    let mut items = add(&[1]);
    items.push(JoinItem::primary(2, perms(&[Permission::AllowPointsRedemption, Permission::BlockPointsRedemption])));
    assert_eq!(
        check_join(&items, &g),
        Err(vec![
            JoinProblem::GroupHasPrimary,
            JoinProblem::Permissions { user_id: 2, error: PermissionError::Conflict(PermissionKind::Redemption) },
        ])
    );
}

#[test]
fn nothing_can_join_a_group_that_is_not_active() {
    let mut g = docs_group();
    g.group_status = GroupStatus::Inactive;
    let items = [JoinItem::member(1, PermissionSet::new())];
    assert_eq!(check_join(&items, &g), Err(vec![JoinProblem::GroupNotActive(GroupStatus::Inactive)]));
    g.group_status = GroupStatus::Deleted;
    let words = check_join(&items, &g).unwrap_err()[0].to_string();
    assert_eq!(words, "This group was deleted: members can no longer be added.");
}

#[test]
fn a_group_whose_primary_left_takes_no_new_primary() {
    let mut g = docs_group();
    g.fleet_group_users[0].active = false;
    g.total_active_members = Some(2);
    let items = [JoinItem::primary(1, PermissionSet::new())];
    assert_eq!(check_join(&items, &g), Err(vec![JoinProblem::GroupHasPrimary]));
    g.fleet_group_users.retain(|m| !m.primary_member);
    assert_eq!(check_join(&items, &g), Ok(()));
}
