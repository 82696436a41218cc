//! Reading the points summaries: where a program's tier stands against its upgrade
//! threshold, and which expiry comes next.

use crate::platform::format::parse_date;
use crate::points::wire::{ExpirySchedule, PointsSummary, UpgradeStrategy};

#[derive(Debug, Clone, PartialEq)]
pub struct TierProgress {
    pub current: String,
    /// None at the top tier (the API sends `nextSlab: ""`, `nextSlabSerialNumber: -1`).
    pub next: Option<String>,
    pub current_value: Option<f64>,
    pub threshold: Option<f64>,
    pub gap: Option<f64>,
    /// 0.0..=1.0 toward the threshold, when both ends are known.
    pub fraction: Option<f64>,
    /// "current points", "lifetime purchases", … in words.
    pub based_on: String,
    pub valid_upto: String,
}

/// `group_gap` is the response's top-level `gapToUpgrade`. It names no program, so it is
/// used only for a summary without its own `upgradeStrategies`, and only when this is the
/// one program that has a next tier (our reading; the docs' example fits it).
pub fn tier_progress(summary: &PointsSummary, all: &[PointsSummary], group_gap: &[UpgradeStrategy]) -> TierProgress {
    let next = Some(summary.next_slab.trim().to_string()).filter(|s| !s.is_empty());
    let only_upgradable = all.iter().filter(|s| !s.next_slab.trim().is_empty()).count() == 1;
    let strategy = summary
        .upgrade_strategies
        .first()
        .or_else(|| (next.is_some() && only_upgradable).then(|| group_gap.first()).flatten());
    let values = strategy.and_then(|s| s.customer_upgrade_entity_values.clone()).unwrap_or_default();
    let threshold = strategy.and_then(|s| s.upgrade_threshold);
    let current_value = values.current_value;
    let gap = values.gap_to_upgrade.or_else(|| Some(threshold? - current_value?));
    let fraction = match (current_value, threshold) {
        (Some(c), Some(t)) if t > 0.0 => Some((c / t).clamp(0.0, 1.0)),
        _ => None,
    };
    TierProgress {
        current: summary.current_slab.clone(),
        next: if strategy.is_some() || next.is_some() { next } else { None },
        current_value,
        threshold,
        gap,
        fraction: if summary.next_slab.trim().is_empty() { None } else { fraction },
        based_on: strategy.map(|s| words(&s.upgrade_based_on)).unwrap_or_default(),
        valid_upto: values.value_valid_upto,
    }
}

/// A program's name for the group page: its title from the points summaries, else its id.
pub fn program_name(summaries: &[PointsSummary], id: Option<i64>) -> String {
    summaries
        .iter()
        .find(|s| s.program_id == id && id.is_some() && !s.program_title.trim().is_empty())
        .map(|s| s.program_title.clone())
        .or_else(|| id.map(|i| format!("Program {i}")))
        .unwrap_or_else(|| "Program not given".into())
}

/// "CURRENT_POINTS" → "current points".
pub fn words(constant: &str) -> String {
    constant.trim().to_ascii_lowercase().replace('_', " ")
}

/// The schedule entry that expires next: the earliest on or after `today_ms` (a day counts
/// until its end). Entries without a readable date never qualify.
pub fn next_expiry(schedules: &[ExpirySchedule], now_ms: f64) -> Option<usize> {
    schedules
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let date = parse_date(if s.expiry_date_iso.is_empty() { &s.expiry_date } else { &s.expiry_date_iso })
                .or_else(|| parse_date(&s.expiry_date))?;
            let key = date.sort_key();
            (key + 86_400_000.0 > now_ms).then_some((i, key))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Indices of `schedules` by program, each program's entries in date order; programs in
/// the order they first appear.
pub fn by_program(schedules: &[ExpirySchedule]) -> Vec<(Option<i64>, Vec<usize>)> {
    let mut out: Vec<(Option<i64>, Vec<usize>)> = Vec::new();
    for (i, s) in schedules.iter().enumerate() {
        match out.iter_mut().find(|(p, _)| *p == s.program_id) {
            Some((_, v)) => v.push(i),
            None => out.push((s.program_id, vec![i])),
        }
    }
    let key = |s: &ExpirySchedule| {
        parse_date(&s.expiry_date_iso).or_else(|| parse_date(&s.expiry_date)).map(|d| d.sort_key()).unwrap_or(f64::MAX)
    };
    for (_, v) in out.iter_mut() {
        v.sort_by(|&a, &b| key(&schedules[a]).total_cmp(&key(&schedules[b])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::points::wire::UpgradeValues;

    fn diamond() -> PointsSummary {
        PointsSummary {
            current_slab: "Diamond".into(),
            next_slab: "".into(),
            next_slab_serial_number: Some(-1),
            ..Default::default()
        }
    }

    fn topaz() -> PointsSummary {
        PointsSummary {
            current_slab: "Topaz".into(),
            next_slab: "Coral".into(),
            upgrade_strategies: vec![UpgradeStrategy {
                upgrade_based_on: "CURRENT_POINTS".into(),
                upgrade_threshold: Some(2000.0),
                customer_upgrade_entity_values: Some(UpgradeValues {
                    current_value: Some(500.0),
                    gap_to_upgrade: Some(1500.0),
                    value_valid_upto: "2125-11-03".into(),
                }),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn progress_toward_the_next_tier() {
        let all = [diamond(), topaz()];
        let p = tier_progress(&all[1], &all, &[]);
        assert_eq!(p.next.as_deref(), Some("Coral"));
        assert_eq!((p.threshold, p.gap, p.fraction), (Some(2000.0), Some(1500.0), Some(0.25)));
        assert_eq!(p.based_on, "current points");
    }

    #[test]
    fn top_tier_has_no_next_and_no_bar() {
        let all = [diamond(), topaz()];
        let p = tier_progress(&all[0], &all, &all[1].upgrade_strategies);
        assert_eq!(p.next, None);
        assert_eq!(p.fraction, None);
    }

    #[test]
    fn group_gap_fills_in_for_the_only_upgradable_program() {
        let mut t = topaz();
        let gap = std::mem::take(&mut t.upgrade_strategies);
        let all = [diamond(), t.clone()];
        assert_eq!(tier_progress(&t, &all, &gap).gap, Some(1500.0));
        let two = [t.clone(), t.clone()];
        assert_eq!(tier_progress(&t, &two, &gap).gap, None, "ambiguous: which program?");
    }

    #[test]
    fn next_expiry_is_the_earliest_not_yet_past() {
        let s = |d: &str| ExpirySchedule { points: Some(1.0), expiry_date: d.into(), ..Default::default() };
        let list = [s("2125-11-03"), s("2026-04-27"), s("2020-01-01"), s("not a date")];
        let now = crate::platform::format::days_from_civil(2026, 1, 1) as f64 * 86_400_000.0;
        assert_eq!(next_expiry(&list, now), Some(1));
        let on_the_day = crate::platform::format::days_from_civil(2026, 4, 27) as f64 * 86_400_000.0 + 3_600_000.0;
        assert_eq!(next_expiry(&list, on_the_day), Some(1), "expires at the end of its day");
        assert_eq!(next_expiry(&list[2..], now), None);
    }

    #[test]
    fn schedules_grouped_by_program_in_date_order() {
        let s = |p: i64, d: &str| ExpirySchedule {
            points: Some(1.0),
            expiry_date: d.into(),
            program_id: Some(p),
            ..Default::default()
        };
        let list = [s(973, "2125-11-03"), s(983, "2026-01-01"), s(973, "2026-04-27")];
        assert_eq!(by_program(&list), vec![(Some(973), vec![2, 0]), (Some(983), vec![1])]);
    }
}
