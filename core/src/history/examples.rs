//! The docs' example answers of the History tab's three calls (tier changes, transactions, the
//! points ledger), read by the reader a real answer goes through. The console draws them off
//! the page while its first answers are on their way: the browser compiles wasm a function at
//! a time, on its first call, and the tab's first three tables cost about 25 ms of compiling
//! after their answers were in hand (see src/features/group/history/warm.rs).

use crate::history::ledger::LedgerAnswer;
use crate::history::wire::{SlabHistoryResponse, TransactionsResponse};
use crate::platform::error::parse_success;

pub fn tier_changes() -> SlabHistoryResponse {
    parse_success(200, include_str!("../../fixtures/slab-history-response.json")).unwrap_or_default()
}

pub fn transactions() -> TransactionsResponse {
    parse_success(200, include_str!("../../fixtures/transactions-response.json")).unwrap_or_default()
}

pub fn ledger() -> LedgerAnswer {
    parse_success(200, include_str!("../../fixtures/points/ledger-response-group.json")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    // A sample that stops reading (a fixture edited, a field's type changed) would leave the
    // warm-up drawing empty tables, which compile nothing of the rows.
    #[test]
    fn every_example_reads_with_its_rows() {
        let tiers = tier_changes();
        assert_eq!(tiers.data.len(), 3);
        assert!(tiers.data.iter().all(|c| !c.changed_on.is_empty()));
        let tx = transactions();
        assert_eq!(tx.data.len(), 1);
        assert!(tx.data[0].customer_id.is_some());
        let ledger = ledger();
        assert_eq!(ledger.ledger_entries.len(), 3);
        assert!(ledger.ledger_entries.iter().all(|e| !e.event_name.is_empty()));
    }
}
