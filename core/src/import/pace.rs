//! The progress: its counts, their words, and the time left at the pace of the latest rows.

/// The counts shown above the progress bar. `done` are carried out; `failed` failed for good;
/// `remaining` is everything else that will be sent (or would have been, after Cancel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    pub remaining: usize,
    pub skipped: usize,
    pub sending: usize,
    pub retrying: usize,
}

/// Milliseconds left at the pace of the latest completions (epoch ms, oldest first; the last
/// 20 or so are enough), plus any 429 wait. `None` until two completions give a pace.
pub fn time_left_ms(completions: &[f64], remaining: usize, now: f64, wait_until: f64) -> Option<f64> {
    if remaining == 0 {
        return Some(0.0);
    }
    let recent = &completions[completions.len().saturating_sub(20)..];
    let (first, last) = (recent.first()?, recent.last()?);
    if recent.len() < 2 || last <= first {
        return None;
    }
    let per_row = (last - first) / (recent.len() - 1) as f64;
    Some(per_row * remaining as f64 + (wait_until - now).max(0.0))
}

/// "about 20 s left", "about 3 min left".
pub fn time_left_words(ms: f64) -> String {
    let s = (ms / 1000.0).ceil().max(1.0) as u64;
    if s < 60 {
        format!("about {s} s left")
    } else {
        format!("about {} min left", (s + 30) / 60)
    }
}

/// "12 of 47 done · 1 failed · 34 remaining · about 20 s left".
pub fn progress_words(c: &Counts, time_left: Option<f64>) -> String {
    let mut s = format!("{} of {} done · {} failed · {} remaining", c.done, c.total, c.failed, c.remaining);
    if c.remaining > 0 {
        if let Some(ms) = time_left {
            s.push_str(" · ");
            s.push_str(&time_left_words(ms));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_comes_from_the_recent_pace() {
        assert_eq!(time_left_ms(&[], 10, 0.0, 0.0), None);
        assert_eq!(time_left_ms(&[1000.0], 10, 0.0, 0.0), None);
        assert_eq!(time_left_ms(&[1000.0, 1500.0, 2000.0], 10, 2000.0, 0.0), Some(5000.0));
        assert_eq!(time_left_ms(&[1000.0, 1500.0], 0, 0.0, 0.0), Some(0.0));
        // A 429 wait adds to it.
        assert_eq!(time_left_ms(&[1000.0, 1500.0], 2, 2000.0, 12_000.0), Some(11_000.0));
        // Only the latest completions count: an early slow start is forgotten.
        let mut t = vec![0.0];
        t.extend((0..20).map(|i| 100_000.0 + i as f64 * 100.0));
        assert_eq!(time_left_ms(&t, 10, 0.0, 0.0), Some(1000.0));
        assert_eq!(time_left_words(400.0), "about 1 s left");
        assert_eq!(time_left_words(20_000.0), "about 20 s left");
        assert_eq!(time_left_words(185_000.0), "about 3 min left");
    }

    #[test]
    fn progress_in_words() {
        let c = Counts { total: 47, done: 12, failed: 1, remaining: 34, ..Default::default() };
        assert_eq!(progress_words(&c, Some(20_000.0)), "12 of 47 done · 1 failed · 34 remaining · about 20 s left");
        assert_eq!(progress_words(&c, None), "12 of 47 done · 1 failed · 34 remaining");
        let end = Counts { total: 47, done: 46, failed: 1, remaining: 0, ..Default::default() };
        assert_eq!(progress_words(&end, Some(0.0)), "46 of 47 done · 1 failed · 0 remaining");
    }
}
