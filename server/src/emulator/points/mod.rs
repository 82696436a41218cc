//! A group's value, emulated (docs/platform-api.md, "A group's value" and its readings):
//! moving points (transfer.rs), goodwill requests and their decisions (goodwill.rs), the manual
//! issue (issue.rs), the ledger (ledger.rs), trackers, promised points and the expiry schedule
//! (schedules.rs), members' tiers (tiers.rs), with their seeds (seed.rs) and state (state.rs).
//!
//! Balances stay consistent: a group's wallet is its GET's `pointsSummaries` item, a customer's
//! is their customer GET's `loyaltyProgramDetails` item, and every change to either writes the
//! group's ledger. The helpers below are the only way the handlers change a wallet.

pub mod goodwill;
pub mod issue;
pub mod ledger;
pub mod schedules;
pub mod seed;
pub mod state;
pub mod tiers;
pub mod transfer;

use gc_core::points::wire::PointsSummary;

use crate::emulator::dates::now_millis;
use crate::emulator::store::{MemberRecord, Store};
use state::{LedgerRecord, Wallet};

/// The org's loyalty programs: id, title, and the names of their tiers from the first up.
pub const PROGRAMS: &[(i64, &str, &[&str])] = &[
    (973, "DocDemoDefaultProgram", &["Silver", "Gold", "Platinum", "Diamond"]),
    (983, "Group Loyalty Program", &["Topaz", "Coral", "Pearl", "Sapphire"]),
    (991, "Partner Miles", &["Explorer", "Voyager", "Navigator"]),
    (666, "<b>bold</b><script>alert(2)</script>", &["<i>Bronze</i>", "<u>Gold</u>", "<s>Platinum</s>"]),
];

/// The org's default program, which every customer is in.
pub const DEFAULT_PROGRAM: i64 = 973;

/// Seeded tiers of named members where they differ from the formula, so "Match the primary's
/// tier" has work: (customer, program, tier serial).
const TIERS: &[(u64, i64, i64)] = &[
    // The Sharma Family: Priya (primary) Gold, Arjun Silver, Kavya Platinum, Dev Silver.
    (700_100_001, 973, 2),
    (700_100_002, 973, 1),
    (700_100_003, 973, 3),
    (700_100_004, 973, 1),
    // Okafor Household: all Gold but Emeka.
    (700_200_001, 973, 2),
    (700_200_002, 973, 2),
    (700_200_003, 973, 1),
    // Nguyen Family: Linh (primary) Platinum, Thao Gold, Bao Silver.
    (700_400_001, 973, 3),
    (700_400_002, 973, 3),
    (700_400_003, 973, 2),
    (700_400_004, 973, 3),
    (700_400_005, 973, 1),
];

pub fn program(id: i64) -> Option<(&'static str, &'static [&'static str])> {
    PROGRAMS.iter().find(|p| p.0 == id).map(|p| (p.1, p.2))
}

/// The name of tier `serial` (from 1) of a program.
pub fn tier_name(program_id: i64, serial: i64) -> String {
    let ladder = program(program_id).map(|p| p.1).unwrap_or(&[]);
    usize::try_from(serial - 1)
        .ok()
        .and_then(|i| ladder.get(i))
        .map(|s| s.to_string())
        .unwrap_or_else(|| format!("Tier {serial}"))
}

/// The program's title as a group's summary names it, else the org's.
pub fn program_title(summaries: &[PointsSummary], program_id: i64) -> String {
    summaries
        .iter()
        .find(|s| s.program_id == Some(program_id) && !s.program_title.is_empty())
        .map(|s| s.program_title.clone())
        .or_else(|| program(program_id).map(|p| p.0.to_string()))
        .unwrap_or_else(|| format!("Program {program_id}"))
}

// ------------------------------------------------------------------ group wallets

/// A group's redeemable points in a program (`loyaltyPoints`); `None` when it is not in it.
pub fn group_balance(store: &Store, group: u64, program_id: i64) -> Option<f64> {
    let g = store.group(group)?;
    g.points_summaries.iter().find(|s| s.program_id == Some(program_id)).map(|s| s.loyalty_points.unwrap_or(0.0))
}

/// Adds `delta` (negative to take) to a group's wallet: `loyaltyPoints`,
/// `totalAvailablePoints`, the CURRENT_POINTS upgrade gap, and with `lifetime` its
/// `lifetimePoints`. Answers the new balance, `None` when the group is not in the program.
pub fn credit_group(store: &mut Store, group: u64, program_id: i64, delta: f64, lifetime: bool) -> Option<f64> {
    let summaries = store.group_points_mut(group)?;
    let s = summaries.iter_mut().find(|s| s.program_id == Some(program_id))?;
    let points = s.loyalty_points.unwrap_or(0.0) + delta;
    s.loyalty_points = Some(points);
    s.total_available_points = Some(s.total_available_points.unwrap_or(0.0) + delta);
    if lifetime && delta > 0.0 {
        s.lifetime_points = Some(s.lifetime_points.unwrap_or(0.0) + delta);
    }
    for u in s.upgrade_strategies.iter_mut().filter(|u| u.upgrade_based_on == "CURRENT_POINTS") {
        if let Some(v) = u.customer_upgrade_entity_values.as_mut() {
            v.current_value = Some(points);
            v.gap_to_upgrade = u.upgrade_threshold.map(|t| (t - points).max(0.0));
        }
    }
    Some(points)
}

/// Writes an event to a group's ledger, now; answers its `eventLogId`.
pub struct Entry<'a> {
    pub event: &'a str,
    pub program_id: i64,
    pub points: f64,
    pub party: Option<i64>,
    pub member: Option<u64>,
    pub bill: Option<u64>,
    pub reason: String,
}

pub fn write_ledger(store: &mut Store, group: u64, e: Entry) -> i64 {
    let points = store.points_mut();
    let id = points.take_event_id();
    points.write(
        group,
        LedgerRecord {
            id,
            at: now_millis(),
            event: e.event.into(),
            program_id: e.program_id,
            points: e.points,
            opening: false,
            party: e.party,
            member: e.member,
            bill: e.bill,
            reason: e.reason,
        },
    );
    id
}

/// Adds `delta` to what a current member contributed to the group (never below 0).
pub fn contribute(store: &mut Store, group: u64, member: u64, delta: f64) {
    let view = store.members(group);
    let Some(rec) = view.record(member).filter(|r| r.active) else { return };
    let points_contributed = (rec.points_contributed + delta).max(0.0);
    store.update_members(group, vec![MemberRecord { points_contributed, ..rec.clone() }]);
}

// ------------------------------------------------------------------ customer wallets

/// A customer's wallets: as changed, else their defaults — the default program and the
/// programs of every group they are or were in; 200 + 50 × (id mod 7) points in the default
/// program, 100 + 25 × (id mod 5) in the others; the seeded tier, else 1 + (id mod 3).
pub fn wallets(store: &Store, customer: u64) -> Vec<Wallet> {
    if let Some(w) = store.points().wallets.get(&customer) {
        return w.clone();
    }
    let mut programs = vec![DEFAULT_PROGRAM];
    for &g in store.groups_of(customer) {
        for p in
            store.group(g).map(|g| g.points_summaries.as_slice()).unwrap_or(&[]).iter().filter_map(|s| s.program_id)
        {
            if !programs.contains(&p) {
                programs.push(p);
            }
        }
    }
    programs
        .into_iter()
        .map(|program_id| {
            let points = if program_id == DEFAULT_PROGRAM {
                200.0 + 50.0 * (customer % 7) as f64
            } else {
                100.0 + 25.0 * (customer % 5) as f64
            };
            let steps = program(program_id).map(|p| p.1.len()).unwrap_or(3).max(1) as u64;
            let slab = TIERS
                .iter()
                .find(|t| t.0 == customer && t.1 == program_id)
                .map(|t| t.2)
                .unwrap_or((1 + customer % 3).min(steps) as i64);
            Wallet { program_id, points, lifetime: points * 2.0, slab }
        })
        .collect()
}

/// A customer's wallet in a program, to change; `None` when they are not enrolled in it.
pub fn wallet_mut(store: &mut Store, customer: u64, program_id: i64) -> Option<&mut Wallet> {
    if !store.points().wallets.contains_key(&customer) {
        let w = wallets(store, customer);
        store.points_mut().wallets.insert(customer, w);
    }
    store.points_mut().wallets.get_mut(&customer)?.iter_mut().find(|w| w.program_id == program_id)
}

/// The customer GET's `loyaltyProgramDetails[]`: the wallets in the group summaries' shape.
pub fn loyalty_details(store: &Store, customer: u64) -> Vec<PointsSummary> {
    wallets(store, customer)
        .into_iter()
        .map(|w| {
            let steps = program(w.program_id).map(|p| p.1.len() as i64).unwrap_or(3);
            let next = (w.slab < steps).then_some(w.slab + 1);
            PointsSummary {
                redeemed: Some(0.0),
                expired: Some(0.0),
                returned: Some(0.0),
                adjusted: Some(0.0),
                lifetime_points: Some(w.lifetime),
                loyalty_points: Some(w.points),
                current_slab: tier_name(w.program_id, w.slab),
                next_slab: next.map(|n| tier_name(w.program_id, n)).unwrap_or_default(),
                next_slab_serial_number: Some(next.unwrap_or(-1)),
                slab_s_no: Some(w.slab),
                slab_expiry_date: "2027-12-31T23:59:59Z".into(),
                program_id: Some(w.program_id),
                total_available_points: Some(w.points),
                program_title: program(w.program_id).map(|p| p.0.to_string()).unwrap_or_default(),
                ..PointsSummary::default()
            }
        })
        .collect()
}

/// `yyyy-MM-dd HH:mm:ss` in UTC, as the transfer answers its date.
pub fn plain_date_time(ms: i64) -> String {
    crate::emulator::dates::iso_from_millis(ms).replace('T', " ").trim_end_matches('Z').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_are_named_from_the_programs_ladder() {
        assert_eq!(tier_name(973, 1), "Silver");
        assert_eq!(tier_name(973, 4), "Diamond");
        assert_eq!(tier_name(973, 5), "Tier 5");
        assert_eq!(tier_name(1, 2), "Tier 2");
        assert_eq!(plain_date_time(0), "1970-01-01 00:00:00");
    }
}
