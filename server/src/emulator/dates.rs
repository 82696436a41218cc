//! Calendar arithmetic without a date crate: days since 1970-01-01 ↔ civil dates
//! (Howard Hinnant's algorithms) and the ISO 8601 strings the platform sends.

use std::time::{SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01 for a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 } as i64;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

/// `YYYY-MM-DD`
pub fn date_string(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDTHH:MM:SSZ` for epoch milliseconds (the reward-group `…DateTime` fields).
pub fn iso_from_millis(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}Z", date_string(days), rem / 3600, rem % 3600 / 60, rem % 60)
}

pub fn now_millis() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// An ISO 8601 date-time as the `ug_registration_date` extended field expects:
/// `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`. A bare date is refused: the
/// field's type is a date-time.
pub fn is_iso_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() < 17 || !digits(0..4) || b[4] != b'-' || !digits(5..7) || b[7] != b'-' || !digits(8..10) {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(99);
    let (y, m, d) = (num(0..4) as i64, num(5..7), num(8..10));
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return false;
    }
    if !(b[10] == b'T' || b[10] == b't') || !digits(11..13) || b[13] != b':' || !digits(14..16) {
        return false;
    }
    if num(11..13) > 23 || num(14..16) > 59 {
        return false;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        if !digits(i + 1..i + 3) || num(i + 1..i + 3) > 59 {
            return false;
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            i = start;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return false;
            }
        }
    }
    match &s[i..] {
        "Z" | "z" => true,
        zone => {
            let z = zone.as_bytes();
            z.len() == 6
                && (z[0] == b'+' || z[0] == b'-')
                && z[1..3].iter().all(u8::is_ascii_digit)
                && z[3] == b':'
                && z[4..6].iter().all(u8::is_ascii_digit)
        }
    }
}

/// Epoch milliseconds of a date or date-time as query filters send them: `YYYY-MM-DD`
/// (midnight UTC), `YYYY-MM-DD HH:MM[:SS]` (the members page's form, UTC), or ISO 8601 with
/// `T` and an optional `Z` or `±HH:MM`. `None` for anything else.
pub fn parse_instant(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(0..4)?, num(5..7)? as u32, num(8..10)? as u32);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let day_ms = days_from_civil(y, m, d) * 86_400_000;
    if b.len() == 10 {
        return Some(day_ms);
    }
    if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 16 || b[13] != b':' {
        return None;
    }
    let (h, min) = (num(11..13)?, num(14..16)?);
    let mut i = 16;
    let mut sec = 0;
    if b.get(i) == Some(&b':') {
        sec = num(i + 1..i + 3)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
    }
    if h > 23 || min > 59 || sec > 60 {
        return None;
    }
    let offset_min = match &s[i..] {
        "" | "Z" | "z" => 0,
        zone if zone.len() == 6 && matches!(zone.as_bytes()[0], b'+' | b'-') && zone.as_bytes()[3] == b':' => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            sign * (num(i + 1..i + 3)? * 60 + num(i + 4..i + 6)?)
        }
        _ => return None,
    };
    Some(day_ms + ((h * 60 + min - offset_min) * 60 + sec) * 1000)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_of_dates_and_date_times() {
        let day = days_from_civil(2023, 1, 31) * 86_400_000;
        assert_eq!(parse_instant("2023-01-31"), Some(day));
        assert_eq!(parse_instant("2023-01-31 23:59:59"), Some(day + 86_399_000));
        assert_eq!(parse_instant("2023-01-31T10:00:00Z"), Some(day + 36_000_000));
        assert_eq!(parse_instant("2023-01-31T10:00:00.123+05:30"), Some(day + 36_000_000 - 19_800_000));
        assert_eq!(parse_instant("2023-01-31T10:00"), Some(day + 36_000_000));
        for bad in [
            "",
            "2023-02-30",
            "2023-1-31",
            "31-01-2023",
            "2023-01-31T25:00:00Z",
            "2023-01-31Tnoon",
            "2023-01-31T10:00:00+5",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
    }

    #[test]
    fn matches_the_reward_docs_example() {
        assert_eq!(iso_from_millis(1_742_180_327_987), "2025-03-17T02:58:47Z");
        assert_eq!(iso_from_millis(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn civil_round_trips() {
        for z in [-800_000i64, -1, 0, 1, 59, 60, 365, 10_957, 20_789, 56_000, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(date_string(days_from_civil(2024, 2, 29) + 1), "2024-03-01");
        assert_eq!(date_string(days_from_civil(2125, 11, 3)), "2125-11-03");
    }

    #[test]
    fn iso_date_times() {
        assert!(is_iso_date_time("2025-11-10T15:10:00Z"));
        assert!(is_iso_date_time("2025-11-10T15:10Z"));
        assert!(is_iso_date_time("2025-11-10T15:10:00.123+05:30"));
        assert!(!is_iso_date_time("2025-11-10"));
        assert!(!is_iso_date_time("2025-02-30T15:10:00Z"));
        assert!(!is_iso_date_time("2025-11-10T25:10:00Z"));
        assert!(!is_iso_date_time("yesterday"));
        assert!(!is_iso_date_time("2025-11-10T15:10:00"));
    }
}
