//! Reading the platform's dates and numbers for display. The browser does the
//! locale-specific part (Intl); what is decided here is what a value *is*.

/// A date as the API sends it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DateValue {
    /// "2026-04-27": a calendar day, shown as that day in every time zone (read as an
    /// instant, it would show as 26 April west of Greenwich).
    Day { year: i32, month: u32, day: u32 },
    /// "2025-11-03T05:23:40Z": an instant, shown in the viewer's local time.
    Instant { epoch_ms: f64 },
}

/// Parses `YYYY-MM-DD` or an ISO 8601 date-time with `Z` or a `±HH:MM` offset (fractional
/// seconds allowed). Anything else is `None` and is shown as the API sent it.
pub fn parse_date(s: &str) -> Option<DateValue> {
    let s = s.trim();
    // Split after "YYYY-MM-DD" only where that is a character boundary: any text can arrive.
    let (date, rest) = if s.len() > 10 && s.is_char_boundary(10) { s.split_at(10) } else { (s, "") };
    let mut parts = date.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some()
        || date.len() != 10
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
    {
        return None;
    }
    if rest.is_empty() {
        return Some(DateValue::Day { year, month, day });
    }
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let (time, offset_min) = if let Some(t) = rest.strip_suffix('Z') {
        (t, 0i64)
    } else if let Some(pos) = rest.rfind(['+', '-']) {
        let (t, off) = rest.split_at(pos);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let (h, m) = off[1..].split_once(':').unwrap_or((&off[1..], "0"));
        let (h, m) = (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
        // Real offsets are within ±18:00; a bound also keeps the arithmetic from overflowing.
        if !(0..=23).contains(&h) || !(0..=59).contains(&m) {
            return None;
        }
        (t, sign * (h * 60 + m))
    } else {
        return None;
    };
    let mut hms = time.split(':');
    let h: i64 = hms.next()?.parse().ok()?;
    let m: i64 = hms.next()?.parse().ok()?;
    let sec: f64 = hms.next().unwrap_or("0").parse().ok()?;
    if h > 23 || m > 59 || !(0.0..61.0).contains(&sec) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let epoch_ms = ((days * 86_400 + h * 3600 + m * 60 - offset_min * 60) as f64 + sec) * 1000.0;
    Some(DateValue::Instant { epoch_ms })
}

/// Days since 1970-01-01 (Howard Hinnant's civil-from-days, inverted).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year as i64 - 1 } else { year as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl DateValue {
    /// Milliseconds for ordering and comparing with "now" (a day counts from its start, UTC).
    pub fn sort_key(&self) -> f64 {
        match *self {
            DateValue::Day { year, month, day } => days_from_civil(year, month, day) as f64 * 86_400_000.0,
            DateValue::Instant { epoch_ms } => epoch_ms,
        }
    }
}

/// A number as plain text without a locale: whole numbers without ".0", others with up to
/// two decimals (CSV export; the screen uses the browser's locale).
pub fn plain_number(n: f64) -> String {
    if !n.is_finite() {
        return String::new();
    }
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `30000` → "30,000": for messages that name a limit, in the console's English wording.
pub fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_date_is_a_calendar_day() {
        assert_eq!(parse_date("2026-04-27"), Some(DateValue::Day { year: 2026, month: 4, day: 27 }));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2024-02-29"), Some(DateValue::Day { year: 2024, month: 2, day: 29 }));
    }

    #[test]
    fn an_iso_date_time_is_an_instant() {
        // 2025-11-03T05:23:40Z = 1762147420 s since the epoch.
        assert_eq!(parse_date("2025-11-03T05:23:40Z"), Some(DateValue::Instant { epoch_ms: 1_762_147_420_000.0 }));
        assert_eq!(parse_date("2025-11-03T10:53:40+05:30"), parse_date("2025-11-03T05:23:40Z"));
        assert_eq!(parse_date("2125-11-19T23:59:59.500Z").map(|d| d.sort_key() % 1000.0), Some(500.0));
    }

    #[test]
    fn junk_is_not_a_date() {
        for s in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-04-27T25:00:00Z",
            "2026-04-27Tnoon",
            "2026-4-7",
            "2026-04-2é",
            "0 0a𑌪Ꭰ",
            "2026-04-27T00:00:00+99999999999999999:00",
            "2026-04-27T00:00:00+24:00",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn numbers_without_raw_floats() {
        assert_eq!(plain_number(54500.0), "54500");
        assert_eq!(plain_number(12.5), "12.5");
        assert_eq!(plain_number(0.126), "0.13");
        assert_eq!(plain_number(f64::NAN), "");
        assert_eq!(group_digits(30000), "30,000");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000_000), "1,000,000");
    }
}
