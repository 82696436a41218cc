//! The seeds of a group's value, the same on every start. Every group with points gets a
//! ledger whose events add up to its wallet in each program: its newest bills (purchases and
//! returns, as the transactions list shows them, up to 1,500: the benchmark group's is long),
//! a member's transfer in, a yearly expiry, and either an opening balance or redemptions for
//! the rest; its summary's redeemed, expired, returned and lifetime points agree. The Sharma
//! Family (3920001) also has goodwill requests (2 pending by another user, 1 approved, 1
//! rejected), a transfer to the Okafor Household, promised points and members on other tiers
//! than their primary; trackers are counted from the bills; rewards are linked to reward
//! groups by name (4 to "Family Movie Night", one also to "Kids Corner").

use gc_core::platform::read::Id;
use gc_core::points::schedules::{ScheduledPoints, Tracker};
use gc_core::rewards::wire::{Reward, RewardLink};

use super::state::{GoodwillRecord, LedgerRecord, Promised, APPROVED, PENDING, REJECTED};
use crate::emulator::account::DOCS_GROUP_ID;
use crate::emulator::dates::{days_from_civil, iso_from_millis, parse_instant};
use crate::emulator::history::newest_transactions;
use crate::emulator::store::Store;

pub const SHARMA: u64 = 3_920_001;
pub const OKAFOR: u64 = 3_920_002;
/// The seeded requests' maker: another user than the demo's own credentials, so those can
/// decide them.
pub const OTHER_MAKER: &str = "basic:member.care";
/// The goodwill requests seeded on the Sharma Family: two pending, one approved, one rejected.
pub const PENDING_REQUESTS: [u64; 2] = [13_044_649, 13_044_650];
pub const APPROVED_REQUEST: u64 = 13_044_651;
pub const REJECTED_REQUEST: u64 = 13_044_652;
/// The Sharma Family's goodwill already granted, and its transfer to the Okafor Household.
const SHARMA_GOODWILL: f64 = 100.0;
const SHARMA_TO_OKAFOR: f64 = 50.0;
/// What the first secondary member of each family moved into the group wallet.
pub const CONTRIBUTED: f64 = 120.0;
/// The most bills a seeded ledger credits.
const MAX_BILLS: usize = 1500;

const DAY_MS: i64 = 86_400_000;

fn at_day(y: i64, m: u32, d: u32, hour: i64) -> i64 {
    days_from_civil(y, m, d) * DAY_MS + hour * 3_600_000
}

/// An event before it gets its id.
struct Event {
    at: i64,
    event: &'static str,
    program_id: i64,
    points: f64,
    opening: bool,
    party: Option<i64>,
    member: Option<u64>,
    bill: Option<u64>,
    reason: String,
}

impl Event {
    fn new(at: i64, event: &'static str, program_id: i64, points: f64, party: Option<i64>) -> Event {
        Event { at, event, program_id, points, opening: false, party, member: None, bill: None, reason: String::new() }
    }
}

pub fn seed(store: &mut Store) {
    let ids: Vec<u64> = store.groups().filter(|g| !g.points_summaries.is_empty()).map(|g| g.id).collect();
    let mut next_id = 600_000_000;
    for gid in ids {
        seed_group(store, gid, &mut next_id);
    }
    seed_goodwill(store);
    seed_promised(store);
    store.set_rewards(rewards());
}

fn seed_group(store: &mut Store, gid: u64, next_id: &mut i64) {
    let Some(g) = store.group(gid).cloned() else { return };
    let view = store.members(gid);
    let created = parse_instant(&g.created_on).unwrap_or(0);
    let first_program = g.points_summaries.first().and_then(|s| s.program_id);
    let bills = newest_transactions(&g, &view, MAX_BILLS);
    let newest = bills.first().map(|(at, _)| *at).unwrap_or(created + DAY_MS);
    let docs = gid == DOCS_GROUP_ID;
    let active: Vec<u64> = view.records.iter().filter(|r| r.active).map(|r| r.user_id).collect();
    let contributor = view.records.iter().find(|r| r.active && !r.primary_member).map(|r| r.user_id);
    let mut events: Vec<Event> = vec![];

    // The bills: purchases credit what they issued, returns take back what they returned.
    for (at, t) in &bills {
        let p = t.point_summary.as_ref();
        let (event, points) = if t.kind == "RETURN" {
            ("ReturnBill", -p.and_then(|p| p.returned_points).unwrap_or(0.0))
        } else {
            ("TransactionAdd", p.and_then(|p| p.issued_points).unwrap_or(0.0))
        };
        if points == 0.0 {
            continue;
        }
        let program_id = p.and_then(|p| p.program_id).or(first_program).unwrap_or(973);
        let mut e = Event::new(*at, event, program_id, points, Some(-(gid as i64)));
        e.member = t.customer_id.map(|c| c.0);
        e.bill = t.id.map(|i| i.0);
        events.push(e);
    }
    if let (Some(program_id), Some(member), false) = (first_program, contributor, docs) {
        let mut e = Event::new(created + 21 * DAY_MS, "PointsTransfer", program_id, CONTRIBUTED, Some(member as i64));
        e.member = Some(member);
        e.reason = "Moved into the family wallet".into();
        events.push(e);
        super::contribute(store, gid, member, CONTRIBUTED);
    }
    if gid == SHARMA {
        let mut e =
            Event::new(at_day(2026, 10, 20, 9), "AllocateGoodwillPoints", 973, SHARMA_GOODWILL, Some(-(gid as i64)));
        e.reason = "Billing error".into();
        events.push(e);
        let mut e =
            Event::new(at_day(2026, 9, 12, 14), "PointsTransfer", 973, -SHARMA_TO_OKAFOR, Some(-(OKAFOR as i64)));
        e.reason = "Cousins' holiday pool".into();
        events.push(e);
    }
    if gid == OKAFOR {
        let mut e =
            Event::new(at_day(2026, 9, 12, 14), "PointsTransfer", 973, SHARMA_TO_OKAFOR, Some(-(SHARMA as i64)));
        e.reason = "Cousins' holiday pool".into();
        events.push(e);
    }

    // Each program's rest: an expiry, then an opening balance or redemptions.
    let mut summaries = g.points_summaries.clone();
    for s in summaries.iter_mut() {
        let Some(program_id) = s.program_id else { continue };
        let balance = s.loyalty_points.unwrap_or(0.0);
        let sum: f64 = events.iter().filter(|e| e.program_id == program_id).map(|e| e.points).sum();
        let expired = if docs || balance < 100.0 { 0.0 } else { (balance * 0.02).floor() };
        if expired > 0.0 {
            let e = Event::new(at_day(2026, 4, 5, 2), "PointsExpiry", program_id, -expired, Some(program_id));
            events.push(e);
        }
        let rest = balance - (sum - expired);
        let mut opening = Event::new(created, "UserGroup2Create", program_id, rest.max(0.0), Some(-(gid as i64)));
        opening.opening = true;
        events.push(opening);
        let mut redeemed = 0.0;
        if rest < 0.0 {
            // Three redemptions by members in turn, spread over the group's life.
            let total = -rest;
            let parts = if total >= 3.0 { 3 } else { 1 };
            for k in 0..parts {
                let share = if k + 1 == parts { total - redeemed } else { (total / parts as f64).floor() };
                redeemed += share;
                let at = created + (newest - created) * (k as i64 + 1) / (parts as i64 + 1) + 3_600_000;
                let mut e = Event::new(at, "PointsRedemption", program_id, -share, Some(-(gid as i64)));
                e.member = active.get(k % active.len().max(1)).copied();
                events.push(e);
            }
        }
        if !docs {
            let mine = || events.iter().filter(|e| e.program_id == program_id);
            s.redeemed = Some(redeemed);
            s.expired = Some(expired);
            s.returned = Some(-mine().filter(|e| e.event == "ReturnBill").map(|e| e.points).sum::<f64>());
            s.lifetime_points = Some(mine().filter(|e| e.points > 0.0).map(|e| e.points).sum());
        }
    }
    if !docs {
        if let Some(list) = store.group_points_mut(gid) {
            *list = summaries;
        }
    }

    events.sort_by_key(|e| e.at);
    let ledger: Vec<LedgerRecord> = events
        .into_iter()
        .map(|e| {
            *next_id += 1;
            LedgerRecord {
                id: *next_id,
                at: e.at,
                event: e.event.into(),
                program_id: e.program_id,
                points: e.points,
                opening: e.opening,
                party: e.party,
                member: e.member,
                bill: e.bill,
                reason: e.reason,
            }
        })
        .collect();
    let trackers = trackers(gid, &g.created_on, &bills);
    let points = store.points_mut();
    points.ledgers.insert(gid, ledger);
    if !trackers.is_empty() {
        points.trackers.insert(gid, trackers);
    }
}

/// Three trackers counted from the bills: their amount, their items and the visits.
fn trackers(gid: u64, created_on: &str, bills: &[(i64, gc_core::history::wire::Transaction)]) -> Vec<Tracker> {
    let Some((newest, _)) = bills.first() else { return vec![] };
    let regular = || bills.iter().filter(|(_, t)| t.kind == "REGULAR");
    let amount: f64 = regular().filter_map(|(_, t)| t.amount()).sum();
    let items: f64 = regular().filter_map(|(_, t)| t.basket_size).sum();
    let visits = regular().count() as f64;
    let made = |k: u64, name: &str, condition: &str, kind: &str, value: f64| Tracker {
        id: Some(Id(12_446 + (gid % 100_000) * 3 + k)),
        name: name.into(),
        condition_id: Some(Id(638 + k)),
        kind: kind.into(),
        value: Some((value * 100.0).round() / 100.0),
        updated_on: iso_from_millis(*newest),
        condition_name: condition.into(),
        period_start_date: created_on.into(),
        period_end_date: "2125-12-31T23:59:59Z".into(),
    };
    vec![
        made(0, "BillAmount_Tracker", "Purchase value", "BILL_AMOUNT", amount),
        made(1, "TransactionTotalQuantity_Tracker", "TransactionQuantity_Tracker", "BILL_TOTAL_QTY", items),
        made(2, "Visits_Tracker", "Store visits", "CUSTOMER_VISITS", visits),
    ]
}

fn seed_goodwill(store: &mut Store) {
    let request = |id: u64, points: f64, reason: &str, status: &str, day: (i64, u32, u32)| GoodwillRecord {
        id,
        group_id: SHARMA,
        program_id: 973,
        points,
        reason: reason.into(),
        comments: String::new(),
        request_comments: format!("Group Console ref {:08X}", id),
        maker: OTHER_MAKER.into(),
        status: status.into(),
        approved_value: (status == APPROVED).then_some(points),
        updated_comments: String::new(),
        created_at: at_day(day.0, day.1, day.2, 11),
    };
    let points = store.points_mut();
    points.goodwill = vec![
        request(PENDING_REQUESTS[0], 500.0, "Late delivery complaint", PENDING, (2026, 11, 25)),
        request(PENDING_REQUESTS[1], 250.0, "Birthday gesture", PENDING, (2026, 11, 27)),
        request(APPROVED_REQUEST, SHARMA_GOODWILL, "Billing error", APPROVED, (2026, 10, 19)),
        request(REJECTED_REQUEST, 1000.0, "Duplicate complaint", REJECTED, (2026, 10, 2)),
    ];
    points.next_goodwill_id = REJECTED_REQUEST + 1;
}

fn seed_promised(store: &mut Store) {
    let item = |points: f64, kind: &str, day: &str| ScheduledPoints {
        points: Some(points),
        program_id: Some(973),
        points_type: kind.into(),
        expiry_date: day.into(),
        expiry_date_iso: if day.is_empty() { String::new() } else { format!("{day}T00:00:00Z") },
    };
    let sharma = Promised {
        schedule: vec![item(150.0, "bill_regular", "2027-01-15")],
        trigger_based: vec![item(40.0, "customer_promotions", "")],
    };
    let okafor = Promised { schedule: vec![], trigger_based: vec![item(33.33, "line_item_regular", "")] };
    // The Sharma Family's promised points are not yet redeemable: available, not loyalty.
    if let Some(s) = store.group_points_mut(SHARMA).and_then(|l| l.iter_mut().find(|s| s.program_id == Some(973))) {
        s.delayed_points = Some(150.0);
        s.total_available_points = Some(s.loyalty_points.unwrap_or(0.0) + 150.0);
    }
    let points = store.points_mut();
    points.promised.insert(SHARMA, sharma);
    points.promised.insert(OKAFOR, okafor);
}

/// Rewards linked by name: four to "Family Movie Night" (2389; three ranked in it, one not),
/// one of them also to "Kids Corner" (2395), and a few elsewhere; and a full page of
/// [`BENCH_REWARDS`] in "Gaming Zone" (2410) for the bench's rewards table.
fn rewards() -> Vec<Reward> {
    let reward = |id: u64, name: &str, status: &str, rank: Option<i64>, groups: &[(&str, Option<i64>)]| Reward {
        id: Id(id),
        name: name.into(),
        enabled: Some(status != "ENDED"),
        status: status.into(),
        groups: groups.iter().map(|(g, r)| RewardLink { group_name: g.to_string(), group_rank: *r }).collect(),
        reward_rank: rank,
        start_time: "2026-01-01 00:00:00".into(),
        end_time: "2027-12-31 23:59:59".into(),
        start_date_time: "2026-01-01T00:00:00Z".into(),
        end_date_time: "2027-12-31T23:59:59Z".into(),
        kind: "VOUCHER".into(),
        redemption_type: "INSTANT".into(),
        priority: None,
    };
    vec![
        reward(5001, "Popcorn Combo", "LIVE", Some(12), &[("Family Movie Night", Some(2))]),
        reward(
            5002,
            "Free Movie Ticket",
            "LIVE",
            Some(3),
            &[("Family Movie Night", Some(1)), ("Kids Corner", Some(3))],
        ),
        reward(5003, "Kids Snack Pack", "LIVE", None, &[("Kids Corner", Some(1))]),
        reward(5004, "Drive-in Pass", "UPCOMING", None, &[("Family Movie Night", None)]),
        reward(5005, "Streaming Month", "ENDED", Some(20), &[("Family Movie Night", Some(3))]),
        reward(5006, "Coffee Voucher", "LIVE", Some(5), &[("Coffee Club", Some(1))]),
        reward(5007, "Spa Day", "LIVE", None, &[("Spa Escapes", None)]),
    ]
    .into_iter()
    .chain((0..BENCH_REWARDS).map(|i| {
        const KINDS: [&str; 8] = [
            "Arcade Credits",
            "Console Rental",
            "Game Pass",
            "Controller Discount",
            "VR Session",
            "Tournament Entry",
            "Headset Voucher",
            "Retro Night",
        ];
        let status = match i {
            _ if i % 7 == 0 => "ENDED",
            _ if i % 5 == 0 => "UPCOMING",
            _ => "LIVE",
        };
        // Stored out of rank order, every tenth without a rank, some also in "Music Fans".
        let rank = (i % 10 != 9).then_some(((i * 37) % 100 + 1) as i64);
        let mut links = vec![("Gaming Zone", rank)];
        if i % 6 == 0 {
            links.push(("Music Fans", Some((i % 9 + 1) as i64)));
        }
        let overall = (i % 3 != 0).then_some((i % 40 + 1) as i64);
        reward(5101 + i, &format!("{} {}", KINDS[(i % 8) as usize], i / 8 + 1), status, overall, &links)
    }))
    .collect()
}

/// Rewards in "Gaming Zone": one full page of the list (its `size` is 100).
pub const BENCH_REWARDS: u64 = 100;
