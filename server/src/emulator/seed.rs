//! The seeded data, the same on every start: the docs' example group 3918893 exactly as
//! the platform's GET example shows it, small families (one inactive, one deleted, one with
//! room to add), a full fleet, the benchmark groups, a group with three programs and many
//! expiry dates, a group full of hostile HTML for XSS tests, and 25 reward groups. Members'
//! names and identifiers are in customers.rs; ledgers, goodwill requests, promised points and
//! rewards in points/seed.rs.

use gc_core::points::wire::{ExpiredPoints, ExpirySchedule, PointsSummary, RenewInfo, UpgradeStrategy, UpgradeValues};

use gc_core::group::wire::{ExtendedFields, GroupDetails};

use gc_core::platform::read::Id;

use gc_core::rewards::wire::RewardGroup;
use serde_json::{json, Number, Value};

use crate::emulator::account::{DOCS_GROUP_ID, GROUP_WRITER, ORG_ID, REWARD_WRITER};
use crate::emulator::dates::{date_string, days_from_civil};
use crate::emulator::store::{GeneratedMembers, Group, HistoryPlan, MemberRecord, Members, Store, DELETED, INACTIVE};

/// The docs' GET example, verbatim (user-group-get.txt).
const DOCS_GROUP: &str = include_str!("seed_3918893.json");
/// "Next expiry" dates of the multi-program group are counted from this fixed day, so they
/// stay upcoming for a while whatever day the tests run.
pub const REFERENCE_DAY: (i64, u32, u32) = (2026, 12, 1);

pub const BENCH_30000_ID: u64 = 5_000_000;
pub const BENCH_300_ID: u64 = 5_000_300;
pub const HOSTILE_ID: u64 = 6_666_666;
pub const INACTIVE_ID: u64 = 3_920_005;
pub const DELETED_ID: u64 = 3_920_006;
pub const OPEN_ID: u64 = 3_920_007;

/// One line per seeded group, for the startup banner.
pub const SEED_NOTES: &[(u64, &str)] = &[
    (DOCS_GROUP_ID, "uat_ug_10_txn: the docs' GET example (3 active + 1 exited, 2 programs, warning 1656)"),
    (3_920_001, "family_sharma: family, 3 active + 1 exited, primary Priya Sharma 700100001 (919876500001)"),
    (3_920_002, "family_okafor: family, 3 of 4 members (room for one), primary member 700200001"),
    (3_920_003, "family_lindqvist: family, 2 members, no primary member"),
    (3_920_004, "family_nguyen: family, 5 of 6 members, primary member 700400001"),
    (INACTIVE_ID, "family_mensah: INACTIVE, its primary member 700600001 left; 2 members remain"),
    (DELETED_ID, "family_kowalski: DELETED, every member exited"),
    (OPEN_ID, "team_open: 2 of 10 members, room to add (free customers 790000001-790000020, 820000000-820099999)"),
    (3_920_010, "fleet_northwind: fleet at its size limit (6 of 6), company details, has a hierarchy"),
    (3_930_001, "atlas_travel_club: 3 programs, 15 expiry schedules (3 past, upcoming from 2026-12-01)"),
    (BENCH_30000_ID, "bench_30000: 30,000 members (29,750 active, 250 exited), maxGroupSize 30000"),
    (BENCH_300_ID, "bench_300: 300 members (290 active, 10 exited)"),
    (HOSTILE_ID, "hostile_html: HTML and script in name, external id, program title, extended fields"),
];

pub fn store() -> Store {
    let groups = vec![
        docs_group(),
        family(
            3_920_001,
            "family_sharma",
            "The Sharma Family",
            5,
            &[
                (700_100_001, true, true),
                (700_100_002, false, true),
                (700_100_003, false, true),
                (700_100_004, false, false),
            ],
            &[("family_type", json!("nuclear")), ("ug_primary_user", json!("Priya Sharma"))],
        ),
        family(
            3_920_002,
            "family_okafor",
            "Okafor Household",
            4,
            &[(700_200_001, true, true), (700_200_002, false, true), (700_200_003, false, true)],
            &[("family_type", json!("extended")), ("ug_status", json!("Active"))],
        ),
        family(
            3_920_003,
            "family_lindqvist",
            "Lindqvist Family",
            4,
            &[(700_300_001, false, true), (700_300_002, false, true)],
            &[],
        ),
        family(
            3_920_004,
            "family_nguyen",
            "Nguyen Family",
            6,
            &[
                (700_400_001, true, true),
                (700_400_002, false, true),
                (700_400_003, false, true),
                (700_400_004, false, true),
                (700_400_005, false, true),
            ],
            &[("family_type", json!("nuclear")), ("platinum", json!(2))],
        ),
        with_status(
            family(
                INACTIVE_ID,
                "family_mensah",
                "Mensah Family",
                5,
                &[(700_600_001, true, false), (700_600_002, false, true), (700_600_003, false, true)],
                &[("family_type", json!("nuclear"))],
            ),
            INACTIVE,
        ),
        with_status(
            family(
                DELETED_ID,
                "family_kowalski",
                "Kowalski Family",
                4,
                &[(700_700_001, true, false), (700_700_002, false, false)],
                &[],
            ),
            DELETED,
        ),
        family(
            OPEN_ID,
            "team_open",
            "Open Team Sales",
            10,
            &[(700_800_001, true, true), (700_800_002, false, true)],
            &[("ug_status", json!("Active"))],
        ),
        fleet(),
        multi_program(),
        bench(BENCH_30000_ID, "bench_30000", "Benchmark 30k", 30_000, 30_000, 250, 800_000_000),
        bench(BENCH_300_ID, "bench_300", "Benchmark 300", 500, 300, 10, 810_000_000),
        hostile(),
    ];
    let mut store = Store::new(groups, reward_groups());
    crate::emulator::points::seed::seed(&mut store);
    store
}

fn with_status(mut g: Group, status: &str) -> Group {
    g.group_status = status.into();
    g
}

fn docs_group() -> Group {
    let raw: Value = serde_json::from_str(DOCS_GROUP).expect("the docs' example is JSON");
    let d: GroupDetails = serde_json::from_value(raw.clone()).expect("the docs' example reads as GroupDetails");
    Group {
        id: d.id.0,
        external_id: d.external_id,
        group_name: d.group_name,
        group_status: d.group_status.as_str().to_string(),
        created_by: d.created_by.map(|i| i.0).unwrap_or(GROUP_WRITER),
        created_on: d.created_on,
        max_group_size: d.max_group_size.unwrap_or(0),
        life_time_purchases: raw["lifeTimePurchases"].as_number().cloned().unwrap_or_else(|| Number::from(0)),
        members: Members::List(
            d.fleet_group_users
                .iter()
                .map(|m| {
                    let permissions = if m.primary_member { PRIMARY } else { SECONDARY };
                    MemberRecord {
                        default_group: m.default_group,
                        ..record(m.user_id.0, m.primary_member, m.active, permissions, "2025-11-03")
                    }
                })
                .collect(),
        ),
        extended_fields: d.extended_fields,
        points_summaries: d.points_summaries,
        expired_points: d.expired_points,
        expiry_schedules: d.expiry_schedules,
        company_details: None,
        has_hierarchy: false,
        history: Some(HistoryPlan { tier_changes: 6, transactions: 12 }),
    }
}

/// The org's default loyalty program, which every created group joins ("Groups you create
/// will be added to the default loyalty program of the org automatically").
pub const DEFAULT_PROGRAM: (i64, &str, &str) = (973, "DocDemoDefaultProgram", "Default program for DocDemo");

/// A program summary at `points`, in `slab` (name, description, serial number), with the
/// next slab's name, description, serial number and points threshold if there is one.
fn summary(
    group: u64,
    program: (i64, &str, &str),
    points: f64,
    slab: (&str, &str, i64),
    next: Option<(&str, &str, i64, f64)>,
    tier_expiry: &str,
) -> PointsSummary {
    let upgrade = next.map(|(_, _, _, threshold)| UpgradeStrategy {
        upgrade_based_on: "CURRENT_POINTS".into(),
        upgrade_threshold: Some(threshold),
        customer_upgrade_entity_values: Some(UpgradeValues {
            current_value: Some(points),
            gap_to_upgrade: Some((threshold - points).max(0.0)),
            value_valid_upto: tier_expiry.into(),
        }),
    });
    PointsSummary {
        redeemed: Some(0.0),
        expired: Some(0.0),
        returned: Some(0.0),
        adjusted: Some(0.0),
        lifetime_points: Some(points),
        loyalty_points: Some(points),
        user_group2_id: Some(Id(group)),
        current_slab: slab.0.into(),
        current_slab_description: slab.1.into(),
        next_slab: next.map(|n| n.0).unwrap_or("").into(),
        next_slab_serial_number: Some(next.map(|n| n.2).unwrap_or(-1)),
        next_slab_description: next.map(|n| n.1).unwrap_or("").into(),
        slab_s_no: Some(slab.2),
        slab_expiry_date: format!("{tier_expiry}T23:59:59Z"),
        program_id: Some(program.0),
        delayed_points: Some(0.0),
        delayed_returned_points: Some(0.0),
        delayed_expired_points: Some(0.0),
        total_available_points: Some(points),
        total_returned_points: Some(0.0),
        linked_partner_programs: vec![],
        program_title: program.1.into(),
        program_description: program.2.into(),
        program_points_to_currency_ratio: Some(1.0),
        upgrade_strategies: upgrade.into_iter().collect(),
        gap_to_renew_summary: Some(RenewInfo {
            tier_expiry_date: tier_expiry.into(),
            renew_confirmed: false,
            renew_strategies: vec![],
        }),
        points_contribution_to_group: Some(0.0),
    }
}

/// The default-program summary of a newly created group: base tier, no points; its tier
/// does not expire (the docs' example uses dates 100 years ahead for that).
pub fn new_group_summary(group: u64, today: i64) -> PointsSummary {
    let (y, m, d) = crate::emulator::dates::civil_from_days(today);
    let expiry = format!("{:04}-{m:02}-{d:02}", y + 100);
    summary(group, DEFAULT_PROGRAM, 0.0, ("Silver", "Tier 1", 1), Some(("Gold", "Tier 2", 2, 2000.0)), &expiry)
}

const PRIMARY: &[&str] = &["allow_points_redemption", "allow_points_transfer"];
const SECONDARY: &[&str] = &["allow_points_redemption"];
const SECONDARY_NO_TRANSFER: &[&str] = &["allow_points_redemption", "block_points_transfer"];

fn record(user: u64, primary: bool, active: bool, permissions: &[&str], joined_on: &str) -> MemberRecord {
    MemberRecord::new(user, primary, active, permissions, joined_on)
}

/// Seeded members join over the weeks after the group was created, the primary first; every
/// other secondary may not transfer points.
fn people(created_on: &str, list: &[(u64, bool, bool)]) -> Vec<MemberRecord> {
    let day = crate::emulator::dates::parse_instant(created_on).unwrap_or(0).div_euclid(86_400_000);
    list.iter()
        .enumerate()
        .map(|(i, &(user, primary, active))| {
            let permissions = match (primary, i % 2) {
                (true, _) => PRIMARY,
                (false, 0) => SECONDARY_NO_TRANSFER,
                _ => SECONDARY,
            };
            record(user, primary, active, permissions, &date_string(day + 21 * i as i64))
        })
        .collect()
}

fn fields(list: &[(&str, Value)]) -> ExtendedFields {
    list.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn base(id: u64, external_id: &str, name: &str, max: i64, created_on: &str, members: Members) -> Group {
    Group {
        id,
        external_id: external_id.into(),
        group_name: name.into(),
        group_status: "ACTIVE".into(),
        created_by: GROUP_WRITER,
        created_on: created_on.into(),
        max_group_size: max,
        life_time_purchases: Number::from(0),
        members,
        extended_fields: ExtendedFields::new(),
        points_summaries: vec![],
        expired_points: vec![],
        expiry_schedules: vec![],
        company_details: None,
        has_hierarchy: false,
        history: None,
    }
}

fn family(
    id: u64,
    ext: &str,
    name: &str,
    max: i64,
    people: &[(u64, bool, bool)],
    ext_fields: &[(&str, Value)],
) -> Group {
    let created = "2025-08-14T10:30:00Z";
    let mut g = base(id, ext, name, max, created, Members::List(self::people(created, people)));
    g.extended_fields = fields(ext_fields);
    g.history = Some(HistoryPlan { tier_changes: 10, transactions: 40 });
    g.life_time_purchases = Number::from(1200 + (id % 100) * 350);
    let points = 600.0 + (id % 10) as f64 * 150.0;
    g.points_summaries = vec![summary(
        id,
        DEFAULT_PROGRAM,
        points,
        ("Silver", "Tier 1", 1),
        Some(("Gold", "Tier 2", 2, 2000.0)),
        "2027-08-14",
    )];
    g.expiry_schedules = vec![schedule(points, days_from_civil(2027, 8, 14), 973)];
    g
}

fn fleet() -> Group {
    let id = 3_920_010;
    let created = "2025-02-01T08:00:00Z";
    let list: Vec<(u64, bool, bool)> = (0..6).map(|i| (700_900_001 + i, i == 0, true)).collect();
    let mut g =
        base(id, "fleet_northwind", "Northwind Logistics Fleet", 6, created, Members::List(people(created, &list)));
    g.history = Some(HistoryPlan { tier_changes: 24, transactions: 150 });
    g.extended_fields = fields(&[("fleet_region", json!("EMEA")), ("ug_status", json!("Active"))]);
    g.life_time_purchases = Number::from(482_300);
    g.points_summaries = vec![summary(
        id,
        DEFAULT_PROGRAM,
        15_800.0,
        ("Gold", "Tier 3", 3),
        Some(("Platinum", "Tier 4", 4, 25_000.0)),
        "2027-02-01",
    )];
    g.company_details = Some(json!({"companyName": "Northwind Logistics", "companyCode": "NWL-001"}));
    g.has_hierarchy = true;
    g
}

fn schedule(points: f64, day: i64, program: i64) -> ExpirySchedule {
    let date = date_string(day);
    ExpirySchedule {
        points: Some(points),
        expiry_date_iso: format!("{date}T00:00:00Z"),
        expiry_date: date,
        program_id: Some(program),
    }
}

fn multi_program() -> Group {
    let id = 3_930_001;
    let people = [
        (700_500_001, true, true),
        (700_500_002, false, true),
        (700_500_003, false, true),
        (700_500_004, false, false),
    ];
    let created = "2024-11-20T12:00:00Z";
    let members = Members::List(self::people(created, &people));
    let mut g = base(id, "atlas_travel_club", "Atlas Travel Club", 10, created, members);
    g.history = Some(HistoryPlan { tier_changes: 16, transactions: 60 });
    g.life_time_purchases = Number::from(96_450);
    g.extended_fields = fields(&[("ug_status", json!("Active")), ("platinum", json!(7))]);
    let partner = (991, "Partner Miles", "Miles earned with travel partners");
    let group_program = (983, "Group Loyalty Program", "Loyalty program for groups");
    g.points_summaries = vec![
        summary(
            id,
            DEFAULT_PROGRAM,
            18_250.0,
            ("Gold", "Tier 3", 3),
            Some(("Platinum", "Tier 4", 4, 25_000.0)),
            "2027-11-20",
        ),
        summary(
            id,
            group_program,
            4_200.0,
            ("Coral", "Tier 2", 2),
            Some(("Pearl", "Tier 3", 3, 5_000.0)),
            "2027-05-31",
        ),
        summary(
            id,
            partner,
            12_000.0,
            ("Explorer", "Tier 1", 1),
            Some(("Voyager", "Tier 2", 2, 15_000.0)),
            "2028-01-31",
        ),
    ];
    let r = days_from_civil(REFERENCE_DAY.0, REFERENCE_DAY.1, REFERENCE_DAY.2);
    let past = [
        (800.0, days_from_civil(2026, 3, 31), 973),
        (1_500.0, days_from_civil(2026, 6, 30), 991),
        (300.0, days_from_civil(2026, 9, 30), 983),
    ];
    let upcoming = [
        (1_200.0, 14, 973),
        (2_500.0, 30, 991),
        (700.0, 45, 983),
        (3_000.0, 75, 973),
        (4_000.0, 120, 991),
        (5_250.0, 181, 973),
        (1_800.0, 270, 983),
        (5_500.0, 365, 991),
        (8_800.0, 548, 973),
        (1_400.0, 640, 983),
        (9_000.0, 730, 991),
        (600.0, 900, 973),
    ];
    g.expiry_schedules = past
        .iter()
        .map(|&(p, d, prog)| schedule(p, d, prog))
        .chain(upcoming.iter().map(|&(p, off, prog)| schedule(p, r + off, prog)))
        .collect();
    g.expired_points = past
        .iter()
        .map(|&(p, d, prog)| ExpiredPoints {
            points: Some(p),
            expiry_date: date_string(d),
            expired_on: String::new(),
            program_id: Some(prog),
        })
        .collect();
    g.company_details = Some(json!({"companyName": "Atlas Travel Ltd", "companyCode": "ATL-204"}));
    g
}

fn bench(id: u64, ext: &str, name: &str, max: i64, count: u32, exited: u32, first_user: u64) -> Group {
    let members =
        Members::Generated(GeneratedMembers { first_user_id: first_user, count, exited, seed: id, changes: vec![] });
    let mut g = base(id, ext, name, max, "2025-01-15T06:00:00Z", members);
    // 32 tier changes, as the docs' example counts; three transactions per member.
    g.history = Some(HistoryPlan { tier_changes: 32, transactions: count * 3 });
    g.life_time_purchases = Number::from(count as u64 * 1_250);
    g.points_summaries =
        vec![summary(id, DEFAULT_PROGRAM, count as f64 * 40.0, ("Diamond", "Tier 8", 8), None, "2125-01-15")];
    g.expiry_schedules = vec![schedule(count as f64 * 10.0, days_from_civil(2027, 1, 15), 973)];
    g
}

fn hostile() -> Group {
    let id = HOSTILE_ID;
    let created = "2025-10-31T23:59:59Z";
    let members = people(created, &[(766_600_001, true, true), (766_600_002, false, true)]);
    let mut g =
        base(id, "\"><script>alert(1)</script>", "<img src=x onerror=alert(1)>", 5, created, Members::List(members));
    g.history = Some(HistoryPlan { tier_changes: 3, transactions: 5 });
    g.extended_fields = fields(&[
        ("ug_status", json!("<b>Active</b>")),
        ("metadata", json!("<script>alert(3)</script>")),
        ("group_avatar_url", json!("javascript:alert(4)")),
        ("fleet_region", json!("<img src=x onerror=alert(5)>")),
    ]);
    let program = (666, "<b>bold</b><script>alert(2)</script>", "<img src=x onerror=alert(7)>");
    let mut s = summary(
        id,
        program,
        1_000.0,
        ("<u>Gold</u>", "<i>Tier</i>", 2),
        Some(("<s>Platinum</s>", "<em>Next</em>", 3, 5_000.0)),
        "2027-10-31",
    );
    s.current_slab_description = "<script>alert(8)</script>".into();
    g.points_summaries = vec![s];
    g.expiry_schedules = vec![schedule(1_000.0, days_from_civil(2027, 10, 31), 666)];
    g.company_details =
        Some(json!({"companyName": "<iframe src=\"javascript:alert(6)\"></iframe>", "companyCode": "<b>X</b>"}));
    g
}

/// 25 reward groups, ids 2387–2411 (created ones start at 2412): some inactive, some without
/// a rank, updated in an order unlike their ids, so every sort and filter of the list shows.
fn reward_groups() -> Vec<RewardGroup> {
    const NAMES: [&str; 25] = [
        "Dining Delights",
        "Fuel Savers",
        "Family Movie Night",
        "Coffee Club",
        "Spa Escapes",
        "Tech Upgrades",
        "Grocery Boost",
        "Holiday Getaways",
        "Kids Corner",
        "Fitness First",
        "Book Lovers",
        "Pet Pals",
        "Green Choices",
        "Luxury Lounge",
        "Weekend Treats",
        "Travel Perks",
        "Birthday Bonus",
        "Student Saver",
        "Senior Specials",
        "Weekday Lunch",
        "Airport Fast Track",
        "Music Fans",
        "Home & Garden",
        "Gaming Zone",
        "Charity Match",
    ];
    NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let id = 2387 + i as u64;
            let rank = match id {
                2401 => Some(1),
                2402 => Some(2),
                _ if i % 6 == 4 => None,
                _ => Some((i as i64 * 7) % 12 + 1),
            };
            let created = 1_742_000_000_000 + i as i64 * 100_000;
            let mut r = reward(id, name, rank, created);
            r.is_active = i % 5 != 3;
            r.last_updated_on = Some(created + ((i as i64 * 37) % 25) * 3_600_000);
            r.last_updated_on_date_time = crate::emulator::dates::iso_from_millis(r.last_updated_on.unwrap_or(created));
            r
        })
        .collect()
}

fn reward(id: u64, name: &str, rank: Option<i64>, created_ms: i64) -> RewardGroup {
    let when = crate::emulator::dates::iso_from_millis(created_ms);
    RewardGroup {
        id: Id(id),
        org_id: Some(Id(ORG_ID)),
        name: name.into(),
        rank,
        is_active: true,
        created_by: Some(Id(REWARD_WRITER)),
        created_on: Some(created_ms),
        created_on_date_time: when.clone(),
        last_updated_by: Some(Id(REWARD_WRITER)),
        last_updated_on: Some(created_ms),
        last_updated_on_date_time: when,
    }
}
