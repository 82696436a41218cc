//! What the emulator keeps of a group's value besides the GET's points summaries (which are
//! the group wallets): customers' wallets and tiers per program, each group's ledger, trackers
//! and promised points, the goodwill requests with who made them, the manual issues' seen
//! `uniqueId`s, and the id counters. Kept in the data file with the groups.

use std::collections::{BTreeMap, BTreeSet};

use gc_core::points::schedules::{ScheduledPoints, Tracker};
use serde::{Deserialize, Serialize};

/// The first ids the emulator gives (after the seeds): the docs' transfer example answered
/// 1037706 and the goodwill example 13044649.
pub const FIRST_TRANSFER_ID: i64 = 1_037_707;
pub const FIRST_GOODWILL_ID: u64 = 13_044_649;
pub const FIRST_EVENT_LOG_ID: i64 = 640_000_000;

/// A customer's wallet in one program: what their customer GET's `loyaltyProgramDetails`
/// answer (points, and their tier as a serial number in the program's ladder).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wallet {
    pub program_id: i64,
    pub points: f64,
    pub lifetime: f64,
    /// 1 = the program's first tier.
    pub slab: i64,
}

/// One event of a group wallet, compact; answered in the ledger's shape (ledger.rs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerRecord {
    /// `eventLogId`.
    pub id: i64,
    /// Epoch milliseconds.
    pub at: i64,
    /// `eventName`: `TransactionAdd`, `PointsTransfer`, …
    pub event: String,
    pub program_id: i64,
    /// Signed: a credit is positive, a debit negative.
    pub points: f64,
    /// An opening balance rather than a credit.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub opening: bool,
    /// The ledger's `customerId`: the negative group id, another party's id, a program id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<i64>,
    /// The member behind the event (`customerDetails`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<u64>,
    /// The bill (`transactionDetails`), by its transaction id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill: Option<u64>,
    /// A goodwill request's reason (`eventDetails.reason`), a transfer's notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl LedgerRecord {
    pub fn kind(&self) -> &'static str {
        match (self.opening, self.points < 0.0) {
            (true, _) => "OPENING_BALANCE",
            (false, true) => "DEBIT",
            (false, false) => "CREDIT",
        }
    }
}

pub const PENDING: &str = "PENDING";
pub const APPROVED: &str = "APPROVED";
pub const REJECTED: &str = "REJECTED";

/// A goodwill request and who made it (the maker may not decide it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GoodwillRecord {
    pub id: u64,
    pub group_id: u64,
    pub program_id: i64,
    pub points: f64,
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comments: String,
    /// The request-level comments (the console's reference).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub request_comments: String,
    /// `basic:<user>` or `oauth:<key>`, as the request log names identities.
    pub maker: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_value: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated_comments: String,
    pub created_at: i64,
}

/// A group's promised points: what the promised-points schedule answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Promised {
    #[serde(default)]
    pub schedule: Vec<ScheduledPoints>,
    #[serde(default)]
    pub trigger_based: Vec<ScheduledPoints>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PointsState {
    /// Customers whose wallets were seeded or changed; others have their default wallets.
    #[serde(default)]
    pub wallets: BTreeMap<u64, Vec<Wallet>>,
    #[serde(default)]
    pub ledgers: BTreeMap<u64, Vec<LedgerRecord>>,
    #[serde(default)]
    pub trackers: BTreeMap<u64, Vec<Tracker>>,
    #[serde(default)]
    pub promised: BTreeMap<u64, Promised>,
    #[serde(default)]
    pub goodwill: Vec<GoodwillRecord>,
    /// Every manual issue's `uniqueId` seen: a repeat fails with 6006.
    #[serde(default)]
    pub unique_ids: BTreeSet<String>,
    pub next_transfer_id: i64,
    pub next_goodwill_id: u64,
    pub next_event_log_id: i64,
}

impl Default for PointsState {
    fn default() -> Self {
        PointsState {
            wallets: BTreeMap::new(),
            ledgers: BTreeMap::new(),
            trackers: BTreeMap::new(),
            promised: BTreeMap::new(),
            goodwill: vec![],
            unique_ids: BTreeSet::new(),
            next_transfer_id: FIRST_TRANSFER_ID,
            next_goodwill_id: FIRST_GOODWILL_ID,
            next_event_log_id: FIRST_EVENT_LOG_ID,
        }
    }
}

impl PointsState {
    pub fn take_event_id(&mut self) -> i64 {
        self.next_event_log_id += 1;
        self.next_event_log_id - 1
    }

    pub fn take_transfer_id(&mut self) -> i64 {
        self.next_transfer_id += 1;
        self.next_transfer_id - 1
    }

    pub fn take_goodwill_id(&mut self) -> u64 {
        while self.goodwill.iter().any(|g| g.id == self.next_goodwill_id) {
            self.next_goodwill_id += 1;
        }
        self.next_goodwill_id += 1;
        self.next_goodwill_id - 1
    }

    /// Appends an event to a group's ledger (kept in time order).
    pub fn write(&mut self, group: u64, record: LedgerRecord) {
        let ledger = self.ledgers.entry(group).or_default();
        let at = ledger.partition_point(|r| (r.at, r.id) <= (record.at, record.id));
        ledger.insert(at, record);
    }

    pub fn ledger(&self, group: u64) -> &[LedgerRecord] {
        self.ledgers.get(&group).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn goodwill_of(&self, group: u64) -> impl Iterator<Item = &GoodwillRecord> {
        self.goodwill.iter().filter(move |g| g.group_id == group)
    }
}
