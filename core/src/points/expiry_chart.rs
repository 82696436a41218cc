//! Points expiring per month for the months ahead, per program: the numbers behind the group
//! page's expiry chart, its table alternative and its summary in words.
//!
//! An entry counts in the month its date names as the platform writes it (`2027-03-31T23:59:59+05:30`
//! is March 2027 wherever the marketer sits): the platform's expiry runs on its calendar.

use crate::platform::format::{parse_date, plain_number, DateValue};
use crate::points::wire::ExpirySchedule;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// One program's points per month.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub program: Option<i64>,
    pub points: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MonthlyExpiry {
    /// (year, month 1–12), from the current month on.
    pub months: Vec<(i32, u32)>,
    /// Programs in the order they first appear in the schedules; only those with points ahead.
    pub series: Vec<Series>,
}

impl MonthlyExpiry {
    /// Points expiring in month `i`, all programs together.
    pub fn month_total(&self, i: usize) -> f64 {
        self.series.iter().map(|s| s.points[i]).sum()
    }

    pub fn total(&self) -> f64 {
        (0..self.months.len()).map(|i| self.month_total(i)).sum()
    }

    /// The month with the most points expiring (the earliest of equals), if any expire.
    pub fn peak(&self) -> Option<usize> {
        (0..self.months.len()).filter(|&i| self.month_total(i) > 0.0).fold(None, |best: Option<usize>, i| match best {
            Some(b) if self.month_total(b) >= self.month_total(i) => Some(b),
            _ => Some(i),
        })
    }
}

/// "Mar 2027".
pub fn month_label((year, month): (i32, u32)) -> String {
    format!("{} {year}", MONTHS[(month.clamp(1, 12) - 1) as usize])
}

/// The date an entry names, as (year, month, day).
fn written_day(s: &ExpirySchedule) -> Option<(i32, u32, u32)> {
    let text = if s.expiry_date.trim().is_empty() { &s.expiry_date_iso } else { &s.expiry_date };
    let date = text.trim();
    // The calendar day as written, even for a date-time with an offset.
    let day_part = date.get(..10).unwrap_or(date);
    match parse_date(day_part)? {
        DateValue::Day { year, month, day } => {
            parse_date(date)?;
            Some((year, month, day))
        }
        DateValue::Instant { .. } => None,
    }
}

/// Points expiring in each of `months` months from `today` (year, month, day) on, by program.
/// Entries before today have expired already and are left out, as are unreadable dates.
pub fn monthly_expiry(schedules: &[ExpirySchedule], today: (i32, u32, u32), months: usize) -> MonthlyExpiry {
    let (ty, tm, _) = today;
    let month_list: Vec<(i32, u32)> = (0..months as i32)
        .map(|k| {
            let idx = ty * 12 + (tm as i32 - 1) + k;
            (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
        })
        .collect();
    let mut series: Vec<Series> = Vec::new();
    for s in schedules {
        let Some(day) = written_day(s) else { continue };
        if day < today {
            continue;
        }
        let Some(i) = month_list.iter().position(|&(y, m)| (y, m) == (day.0, day.1)) else { continue };
        let points = s.points.filter(|p| p.is_finite()).unwrap_or(0.0);
        let entry = match series.iter_mut().position(|x| x.program == s.program_id) {
            Some(j) => &mut series[j],
            None => {
                series.push(Series { program: s.program_id, points: vec![0.0; months] });
                series.last_mut().expect("just pushed")
            }
        };
        entry.points[i] += points;
    }
    series.retain(|s| s.points.iter().any(|p| *p > 0.0));
    MonthlyExpiry { months: month_list, series }
}

/// The chart in one sentence, for screen readers and for anyone who reads faster than they
/// look. Numbers are written plainly; `name` gives a program's name.
pub fn summary(chart: &MonthlyExpiry, name: impl Fn(Option<i64>) -> String) -> String {
    let span = chart.months.len();
    let Some(peak) = chart.peak() else {
        return format!("No points expire in the next {span} months.");
    };
    let mut out = format!(
        "{} points expire in the next {span} months; the most in {}: {}.",
        plain_number(chart.total()),
        month_label(chart.months[peak]),
        plain_number(chart.month_total(peak))
    );
    if chart.series.len() > 1 {
        let parts: Vec<String> = chart
            .series
            .iter()
            .map(|s| format!("{} {}", name(s.program), plain_number(s.points.iter().sum())))
            .collect();
        out.push_str(&format!(" By program: {}.", parts.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(date: &str, points: f64, program: i64) -> ExpirySchedule {
        ExpirySchedule {
            points: Some(points),
            expiry_date: date.into(),
            program_id: Some(program),
            ..Default::default()
        }
    }

    #[test]
    fn twelve_months_from_the_current_one_across_a_year_end() {
        let c = monthly_expiry(&[], (2026, 11, 29), 12);
        assert_eq!(c.months.first(), Some(&(2026, 11)));
        assert_eq!(c.months[2], (2027, 1));
        assert_eq!(c.months.last(), Some(&(2027, 10)));
        assert_eq!(summary(&c, |_| String::new()), "No points expire in the next 12 months.");
    }

    #[test]
    fn points_land_in_the_month_their_date_names_per_program() {
        let schedules = [
            entry("2026-12-31T23:59:59+05:30", 100.0, 1),
            entry("2026-12-01", 50.0, 1),
            entry("2027-03-15", 500.0, 2),
            entry("2026-11-28", 999.0, 1), // yesterday: expired already
            entry("2027-11-01", 999.0, 1), // beyond the 12 months
            entry("soon", 999.0, 1),       // unreadable
        ];
        let c = monthly_expiry(&schedules, (2026, 11, 29), 12);
        assert_eq!(c.series.len(), 2);
        assert_eq!(c.series[0].program, Some(1));
        assert_eq!(c.series[0].points[1], 150.0);
        assert_eq!(c.series[1].points[4], 500.0);
        assert_eq!(c.total(), 650.0);
        assert_eq!(c.peak(), Some(4));
        let words = summary(&c, |p| format!("P{}", p.unwrap_or(0)));
        assert_eq!(
            words,
            "650 points expire in the next 12 months; the most in Mar 2027: 500. By program: P1 150, P2 500."
        );
    }

    #[test]
    fn today_still_counts() {
        let c = monthly_expiry(&[entry("2026-11-29", 7.0, 1)], (2026, 11, 29), 12);
        assert_eq!(c.month_total(0), 7.0);
    }

    #[test]
    fn programs_without_points_ahead_are_left_out() {
        let c = monthly_expiry(&[entry("2020-01-01", 5.0, 9)], (2026, 11, 29), 12);
        assert!(c.series.is_empty());
        assert_eq!(c.peak(), None);
    }

    #[test]
    fn labels() {
        assert_eq!(month_label((2027, 3)), "Mar 2027");
        assert_eq!(month_label((2026, 12)), "Dec 2026");
    }
}
