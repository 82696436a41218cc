//! The import engine for any kind of row: steps of one or more rows, retries, 429 waits, pause/resume/cancel, saving.

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::pace::{time_left_ms, Counts};
use crate::platform::error::ApiError;
use crate::platform::read::ApiWarning;
use crate::platform::send_once::{Delivery, Failure, Next};

/// Sends at most this many steps at once, whatever the user asks for.
pub const MAX_CONCURRENCY: u32 = 8;
pub const DEFAULT_CONCURRENCY: u32 = 2;
/// A row that keeps failing for a transient reason is given up after this many attempts.
pub const MAX_ATTEMPTS: u32 = 5;
/// First retry after 1 s, then 2 s, 4 s, 8 s… never more than 30 s.
pub const BACKOFF_BASE_MS: f64 = 1_000.0;
pub const BACKOFF_CAP_MS: f64 = 30_000.0;
/// A 429 without Retry-After: wait a minute (the platform's limits are per minute).
pub const RATE_LIMIT_DEFAULT_WAIT_MS: f64 = 60_000.0;
/// Bumped when the saved shape changes: an older save is then discarded, not misread.
pub const STATE_VERSION: u32 = 1;

/// The note on a row a look-up found on the platform (so it was not sent again).
const ALREADY_THERE: &str =
    "Already on the platform: an earlier request for this row went through without its answer arriving. Not sent again.";

/// One row's part of a request, for one kind of import (a group to create, a member to add).
/// Plain data that may cross threads: the page keeps the job in reactive storage.
pub trait RowRequest: Clone + PartialEq + Debug + Send + Sync + 'static + Serialize + DeserializeOwned {
    /// What the tables and the results file show of a row, skipped rows included.
    type Label: RowLabel;
    /// The platform's answer when what the row creates is there already (1633 a group, 1636 a member).
    const EXISTS_CODE: i64;
    /// Rows one request carries at most.
    const MAX_BATCH: usize;
    const WORDS: Words;
}

/// A row's label, saved in the plan beside its request (its fields sit in the plan row's JSON).
pub trait RowLabel: Clone + PartialEq + Debug + Default + Send + Sync + 'static + Serialize + DeserializeOwned {
    /// The results file's columns for it, between `row` and `outcome`.
    const COLUMNS: &'static [&'static str];
    fn cells(&self) -> Vec<&str>;
}

/// The words that name a kind's things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// A row carried out ("created").
    pub done: &'static str,
    /// The results file's column for what a done row made ("groupId").
    pub id_column: &'static str,
    /// While "exists" on a retry is being checked.
    pub exists_now: &'static str,
    /// The results file's message for a row whose answer was lost when the import was cancelled.
    pub unknown_when_cancelled: &'static str,
}

/// One row of the import as planned when it starts (saved once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound = "")]
pub struct PlanRow<R: RowRequest> {
    pub row: u64,
    #[serde(flatten)]
    pub label: R::Label,
    /// What is sent; `None` for a skipped (invalid) row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<R>,
    /// Why a skipped row was skipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound = "")]
pub struct Plan<R: RowRequest> {
    pub version: u32,
    /// Identifies the import (its start, epoch ms): the saved progress must name the same.
    pub id: f64,
    pub file_name: String,
    pub rows: Vec<PlanRow<R>>,
}

/// Where a row is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "s", rename_all = "camelCase")]
pub enum RowStatus {
    Pending,
    /// A request is out (or was, when the page went away: then the outcome is unknown).
    Sending,
    /// Carried out (saved as "created", the name it had when groups were all there was).
    #[serde(rename = "created")]
    Done {
        /// What the platform made of it, when it says (a group's id).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<u64>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        warnings: Vec<ApiWarning>,
        /// Set when the row was found on the platform instead of being carried out by our answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// `transient` failures are tried again until [`MAX_ATTEMPTS`].
    Failed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<u16>,
        message: String,
        transient: bool,
    },
    /// Invalid in the file and skipped by the user.
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RowState {
    #[serde(flatten)]
    pub status: RowStatus,
    /// Its attempts so far, and whether an earlier one may have gone through unseen.
    #[serde(flatten)]
    pub delivery: Delivery,
    /// Not before this time (epoch ms): the backoff after a transient failure.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_before: f64,
}

fn is_zero(n: &f64) -> bool {
    *n == 0.0
}

/// A row's outcome, as the table and the results file name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Skipped,
    Failed,
    Sending,
    /// Its request's answer never arrived, and the import stopped before looking.
    Unknown,
    NotSent,
    Retrying,
    Pending,
}

impl Outcome {
    /// In one word: created (or what the kind calls it), failed, skipped, retrying, sending,
    /// pending, unknown, or "not sent".
    pub fn word<R: RowRequest>(self) -> &'static str {
        match self {
            Outcome::Done => R::WORDS.done,
            Outcome::Skipped => "skipped",
            Outcome::Failed => "failed",
            Outcome::Sending => "sending",
            Outcome::Unknown => "unknown",
            Outcome::NotSent => "not sent",
            Outcome::Retrying => "retrying",
            Outcome::Pending => "pending",
        }
    }
}

impl RowState {
    fn new(status: RowStatus) -> RowState {
        RowState { status, delivery: Delivery::default(), not_before: 0.0 }
    }

    /// Nothing more will happen to this row.
    pub fn is_final(&self) -> bool {
        match &self.status {
            RowStatus::Done { .. } | RowStatus::Skipped => true,
            RowStatus::Failed { transient, .. } => !transient || self.delivery.attempts >= MAX_ATTEMPTS,
            RowStatus::Pending | RowStatus::Sending => false,
        }
    }

    /// Failed for good.
    pub fn is_failed(&self) -> bool {
        matches!(self.status, RowStatus::Failed { .. }) && self.is_final()
    }

    /// Waiting for its retry.
    pub fn is_retrying(&self) -> bool {
        matches!(self.status, RowStatus::Failed { .. }) && !self.is_final()
    }

    /// Gave up for a reason that may pass: "Retry failed rows" gives it another round.
    pub fn is_retryable(&self) -> bool {
        matches!(self.status, RowStatus::Failed { transient: true, .. }) && self.is_final()
    }

    pub fn outcome(&self, cancelled: bool) -> Outcome {
        match &self.status {
            RowStatus::Done { .. } => Outcome::Done,
            RowStatus::Skipped => Outcome::Skipped,
            RowStatus::Failed { .. } if self.is_final() => Outcome::Failed,
            RowStatus::Sending => Outcome::Sending,
            _ if cancelled && self.delivery.verify => Outcome::Unknown,
            _ if cancelled => Outcome::NotSent,
            RowStatus::Failed { .. } => Outcome::Retrying,
            RowStatus::Pending => Outcome::Pending,
        }
    }

    /// Ready to go out at `now`.
    fn is_due(&self, now: f64) -> bool {
        (self.status == RowStatus::Pending || self.is_retrying()) && self.not_before <= now
    }
}

/// The changing half of the import (saved after every change).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub version: u32,
    pub id: f64,
    /// Steps (requests) out at once.
    pub concurrency: u32,
    #[serde(default)]
    pub paused: bool,
    #[serde(default)]
    pub cancelled: bool,
    /// No request before this time (epoch ms): the platform said 429.
    #[serde(default)]
    pub wait_until: f64,
    /// Why the import is paused or waiting, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    pub rows: Vec<RowState>,
}

/// One request the runner makes now, for one or more rows: send them, or look them up first
/// (an earlier attempt's outcome is unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct Step<R> {
    pub next: Next,
    pub rows: Vec<usize>,
    /// The rows' requests, in the same order.
    pub requests: Vec<R>,
}

/// What the answer to a send said about one of its rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Done {
    pub id: Option<u64>,
    pub warnings: Vec<ApiWarning>,
}

/// What a look-up found for one row; the kind decides (for a group: `group::checks::is_own_group`).
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// Not there: the earlier attempt did nothing, so the row is sent.
    Absent,
    /// The row's own earlier attempt went through.
    Ours { id: Option<u64> },
    /// Something else holds it: the row fails as the send would have, with these words.
    Taken(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportJob<R: RowRequest> {
    pub plan: Plan<R>,
    pub progress: Progress,
    /// Steps whose answer is not recorded yet. Not saved: after a reload none are out.
    steps_out: usize,
    /// When rows settled (epoch ms, the latest few), for the time left. Not saved either.
    settled_at: Vec<f64>,
}

/// The delay before attempt `attempts + 1`, after `attempts` failures: 1 s, 2 s, 4 s… ≤ 30 s.
pub fn backoff_ms(attempts: u32) -> f64 {
    let exp = attempts.saturating_sub(1).min(16);
    (BACKOFF_BASE_MS * f64::from(1u32 << exp)).min(BACKOFF_CAP_MS)
}

impl<R: RowRequest> ImportJob<R> {
    /// A new import of the planned rows; those without a request are skipped (the page starts
    /// an import with invalid rows only when the user chose to skip them).
    pub fn new(id: f64, file_name: &str, rows: Vec<PlanRow<R>>, concurrency: u32) -> ImportJob<R> {
        let states = rows
            .iter()
            .map(|r| RowState::new(if r.request.is_some() { RowStatus::Pending } else { RowStatus::Skipped }))
            .collect();
        ImportJob {
            plan: Plan { version: STATE_VERSION, id, file_name: file_name.to_string(), rows },
            progress: Progress {
                version: STATE_VERSION,
                id,
                concurrency: concurrency.clamp(1, MAX_CONCURRENCY),
                paused: false,
                cancelled: false,
                wait_until: 0.0,
                notice: None,
                rows: states,
            },
            steps_out: 0,
            settled_at: Vec::new(),
        }
    }

    pub fn plan_json(&self) -> String {
        serde_json::to_string(&self.plan).unwrap_or_default()
    }

    pub fn progress_json(&self) -> String {
        serde_json::to_string(&self.progress).unwrap_or_default()
    }

    /// The import saved by an earlier page, if both halves read and belong together. It
    /// comes back paused; a row that was being sent has an unknown outcome and is looked up
    /// before it is sent again.
    pub fn restore(plan_json: &str, progress_json: &str) -> Option<ImportJob<R>> {
        let plan: Plan<R> = serde_json::from_str(plan_json).ok()?;
        let mut progress: Progress = serde_json::from_str(progress_json).ok()?;
        if plan.version != STATE_VERSION
            || progress.version != STATE_VERSION
            || plan.id != progress.id
            || plan.rows.len() != progress.rows.len()
        {
            return None;
        }
        for (state, row) in progress.rows.iter_mut().zip(&plan.rows) {
            if row.request.is_none() {
                state.status = RowStatus::Skipped;
            } else if state.status == RowStatus::Sending {
                state.status = RowStatus::Pending;
                state.delivery.verify = true;
            }
        }
        if !progress.cancelled {
            progress.paused = true;
            progress.notice = None;
        }
        progress.concurrency = progress.concurrency.clamp(1, MAX_CONCURRENCY);
        Some(ImportJob { plan, progress, steps_out: 0, settled_at: Vec::new() })
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for s in &self.progress.rows {
            match &s.status {
                RowStatus::Skipped => c.skipped += 1,
                RowStatus::Done { .. } => c.done += 1,
                RowStatus::Sending => c.sending += 1,
                _ if s.is_failed() => c.failed += 1,
                _ if s.is_retrying() => c.retrying += 1,
                _ => {}
            }
        }
        c.total = self.progress.rows.len() - c.skipped;
        c.remaining = c.total - c.done - c.failed;
        c
    }

    /// Nothing is out and nothing more will be sent.
    pub fn is_finished(&self) -> bool {
        let rows = &self.progress.rows;
        !rows.iter().any(|s| s.status == RowStatus::Sending)
            && (self.progress.cancelled || rows.iter().all(RowState::is_final))
    }

    /// Some row failed for a reason that may pass ("Retry failed rows" is worth offering).
    pub fn has_retryable(&self) -> bool {
        self.progress.rows.iter().any(RowState::is_retryable)
    }

    /// The steps that may start at `now`, in file order: rows that need the same next action
    /// share a step up to `MAX_BATCH`, and as many steps as the concurrency leaves room for;
    /// none while paused, cancelled or told to wait by a 429.
    fn plan_steps(&self, now: f64) -> Vec<(Next, Vec<usize>)> {
        let p = &self.progress;
        if p.paused || p.cancelled || now < p.wait_until {
            return Vec::new();
        }
        // Every row of a step out is Sending, so the count can never exceed them (a step
        // forgotten by a caller must not block the import for good).
        let sending = p.rows.iter().filter(|s| s.status == RowStatus::Sending).count();
        let mut room = (p.concurrency as usize).saturating_sub(self.steps_out.min(sending));
        let mut steps: Vec<(Next, Vec<usize>)> = Vec::new();
        for (i, s) in p.rows.iter().enumerate().filter(|(_, s)| s.is_due(now)) {
            let next = s.delivery.next();
            let open = steps.iter_mut().rev().find(|(n, _)| *n == next).filter(|(_, rows)| rows.len() < R::MAX_BATCH);
            if let Some((_, rows)) = open {
                rows.push(i);
            } else if room > 0 {
                steps.push((next, vec![i]));
                room -= 1;
            }
        }
        steps
    }

    /// The rows that would start at `now`, in file order.
    pub fn due(&self, now: f64) -> Vec<usize> {
        let mut rows: Vec<usize> = self.plan_steps(now).into_iter().flat_map(|(_, rows)| rows).collect();
        rows.sort_unstable();
        rows
    }

    /// Starts every step that may start at `now`: its rows are marked Sending (save before
    /// any request leaves, so that a reload knows their outcome is unknown).
    pub fn start_due(&mut self, now: f64) -> Vec<Step<R>> {
        self.clear_wait(now);
        self.plan_steps(now).into_iter().filter_map(|(_, rows)| self.start(&rows)).collect()
    }

    /// When something will next be due (epoch ms), for a timer; `None` if nothing waits.
    pub fn next_due_at(&self) -> Option<f64> {
        let p = &self.progress;
        if p.paused || p.cancelled {
            return None;
        }
        p.rows
            .iter()
            .filter(|s| s.status == RowStatus::Pending || s.is_retrying())
            .map(|s| s.not_before.max(p.wait_until))
            .min_by(f64::total_cmp)
    }

    /// Marks the rows as being sent in one step. They must need the same next action.
    fn start(&mut self, rows: &[usize]) -> Option<Step<R>> {
        let requests = rows.iter().map(|&i| self.plan.rows.get(i)?.request.clone()).collect::<Option<Vec<R>>>()?;
        let next = self.progress.rows[*rows.first()?].delivery.next();
        if rows.iter().any(|&i| self.progress.rows[i].delivery.next() != next) {
            return None;
        }
        for &i in rows {
            self.progress.rows[i].status = RowStatus::Sending;
        }
        self.steps_out += 1;
        Some(Step { next, rows: rows.to_vec(), requests })
    }

    fn step_over(&mut self) {
        self.steps_out = self.steps_out.saturating_sub(1);
    }

    /// The answer to a send step: one outcome per row, in the step's order. A row the
    /// answer does not mention is as good as lost: it is looked up before it is sent again.
    pub fn answered(&mut self, rows: &[usize], outcomes: Vec<Result<Done, ApiError>>, now: f64) {
        let mut outcomes = outcomes.into_iter();
        for &i in rows {
            match outcomes.next() {
                Some(Ok(done)) => self.done(i, done, None, now),
                Some(Err(e)) => self.row_failed(i, &e, now),
                None => {
                    if let Some(s) = self.progress.rows.get_mut(i) {
                        s.status = RowStatus::Pending;
                        s.delivery.verify = true;
                    }
                }
            }
        }
        self.step_over();
    }

    /// A step's request failed as a whole (no answer, or one that refused all of it).
    pub fn failed(&mut self, rows: &[usize], e: &ApiError, now: f64) {
        for &i in rows {
            self.row_failed(i, e, now);
        }
        self.step_over();
    }

    /// The answer to a look-up step: one verdict per row, in the step's order. Returns the
    /// step that sends the rows found absent (it takes over the look-up's place among the
    /// requests out). A row without a verdict is looked up again.
    pub fn looked_up(&mut self, rows: &[usize], found: Vec<Found>, now: f64) -> Option<Step<R>> {
        let mut found = found.into_iter();
        let mut absent = Vec::new();
        for &i in rows {
            let Some(state) = self.progress.rows.get_mut(i) else { continue };
            let Some(verdict) = found.next() else {
                state.status = RowStatus::Pending;
                continue;
            };
            state.delivery.looked_up();
            match verdict {
                Found::Absent => absent.push(i),
                Found::Ours { id } => self.done(i, Done { id, warnings: Vec::new() }, Some(ALREADY_THERE.into()), now),
                Found::Taken(message) => {
                    state.status =
                        RowStatus::Failed { code: Some(R::EXISTS_CODE), status: None, message, transient: false };
                    self.settled(now);
                }
            }
        }
        self.step_over();
        if absent.is_empty() {
            None
        } else {
            self.start(&absent)
        }
    }

    fn done(&mut self, i: usize, done: Done, note: Option<String>, now: f64) {
        let Some(state) = self.progress.rows.get_mut(i) else { return };
        state.status = RowStatus::Done { id: done.id, warnings: done.warnings, note };
        // Carried out: nothing hides behind the earlier attempts any more.
        state.delivery.looked_up();
        self.settled(now);
    }

    /// A request for row `i` failed. A 429 puts the row back and makes every row wait
    /// (Retry-After, else a minute) without counting an attempt; refused credentials pause
    /// the whole import (every row would fail the same way); a transient failure is retried
    /// after [`backoff_ms`]; anything else fails the row for good. Whether it is looked up
    /// before the next attempt is `send_once::Delivery`'s rule.
    fn row_failed(&mut self, i: usize, e: &ApiError, now: f64) {
        let p = &mut self.progress;
        let Some(state) = p.rows.get_mut(i) else { return };
        match e {
            ApiError::RateLimited { retry_after } => {
                let wait = retry_after.map(|s| s as f64 * 1000.0).unwrap_or(RATE_LIMIT_DEFAULT_WAIT_MS);
                state.status = RowStatus::Pending;
                p.wait_until = p.wait_until.max(now + wait);
                p.notice = Some(e.headline());
            }
            ApiError::Auth { .. } => {
                state.status = RowStatus::Pending;
                p.paused = true;
                p.notice = Some(e.headline());
            }
            _ => {
                let (transient, not_before, message) = match state.delivery.failed(e, R::EXISTS_CODE) {
                    // The look-up goes out at once: it sends nothing that could be refused again.
                    Failure::LookUpFirst => (true, now, R::WORDS.exists_now.to_string()),
                    Failure::Stands => {
                        let transient = e.is_transient();
                        let mut message = e.headline();
                        let technical = e.technical();
                        if !technical.is_empty() {
                            message = format!("{message} ({technical})");
                        }
                        (transient, if transient { now + backoff_ms(state.delivery.attempts) } else { 0.0 }, message)
                    }
                };
                state.not_before = not_before;
                state.status = RowStatus::Failed { code: e.code(), status: e.status(), message, transient };
                if state.is_final() {
                    self.settled(now);
                }
            }
        }
    }

    /// A row reached its outcome: remembered for the pace.
    fn settled(&mut self, now: f64) {
        self.settled_at.push(now);
        if self.settled_at.len() > 40 {
            self.settled_at.drain(..20);
        }
    }

    /// Milliseconds left at the recent pace, with any 429 wait; `None` until there is a pace.
    pub fn time_left(&self, now: f64) -> Option<f64> {
        time_left_ms(&self.settled_at, self.counts().remaining, now, self.progress.wait_until)
    }

    pub fn pause(&mut self) {
        self.progress.paused = true;
    }

    /// Resumes; a 429's wait still applies.
    pub fn resume(&mut self) {
        self.progress.paused = false;
        if self.progress.wait_until == 0.0 {
            self.progress.notice = None;
        }
    }

    /// Sends nothing more; requests already out finish and are recorded.
    pub fn cancel(&mut self) {
        self.progress.cancelled = true;
        self.progress.paused = false;
        self.progress.notice = None;
    }

    /// The 429 wait is over: clear its notice.
    pub fn clear_wait(&mut self, now: f64) {
        if self.progress.wait_until != 0.0 && now >= self.progress.wait_until {
            self.progress.wait_until = 0.0;
            if !self.progress.paused {
                self.progress.notice = None;
            }
        }
    }

    /// Rows that failed for a transient reason and gave up get another round of attempts
    /// (one whose answer was lost is still looked up first).
    pub fn retry_failed(&mut self) -> usize {
        let mut n = 0;
        for s in self.progress.rows.iter_mut().filter(|s| s.is_retryable()) {
            s.delivery.attempts = 0;
            s.not_before = 0.0;
            n += 1;
        }
        if n > 0 {
            self.progress.cancelled = false;
        }
        n
    }

    /// Every row that failed for good gets another attempt, refusals included: unlike a
    /// group's duplicate external ID, a member's refusal can pass (a customer registered, a
    /// place freed up). A row whose answer was lost is still looked up first.
    pub fn retry_every_failed(&mut self) -> usize {
        let mut n = 0;
        for s in self.progress.rows.iter_mut().filter(|s| s.is_failed()) {
            s.status = RowStatus::Pending;
            s.delivery.attempts = 0;
            s.not_before = 0.0;
            n += 1;
        }
        if n > 0 {
            self.progress.cancelled = false;
        }
        n
    }

    /// The row's outcome in words, for the table and the results file.
    pub fn outcome(&self, i: usize) -> &'static str {
        self.progress.rows[i].outcome(self.progress.cancelled).word::<R>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::wire::{CreateGroupRequest, GroupDetails};
    use crate::import::group_rows::{found_group, job_of, GroupLabel};
    use crate::import::results::results_csv;
    use crate::platform::read::Id;

    type GroupJob = ImportJob<CreateGroupRequest>;

    fn five() -> GroupJob {
        job_of("externalId,groupName,maxGroupSize\na,A,1\nb,B,2\n,bad,0\nc,C,3\nd,D,4\n", 2)
    }

    fn server_error() -> ApiError {
        ApiError::NotJson { status: 500, snippet: "Internal Server Error".into() }
    }

    fn refused(code: i64) -> ApiError {
        ApiError::Api { status: 400, code: Some(code), message: "refused".into() }
    }

    fn created(job: &mut GroupJob, i: usize, id: u64, warnings: Vec<ApiWarning>) {
        job.answered(&[i], vec![Ok(Done { id: Some(id), warnings })], 0.0);
    }

    fn group(id: u64, external_id: &str, name: &str, size: i64) -> GroupDetails {
        GroupDetails {
            id: Id(id),
            external_id: external_id.into(),
            group_name: name.into(),
            max_group_size: Some(size),
            ..Default::default()
        }
    }

    /// Looks row `i` up (it must need it) and records what the platform has.
    fn look_up(job: &mut GroupJob, i: usize, on_platform: Option<&GroupDetails>) -> Option<Step<CreateGroupRequest>> {
        let step = job.start(&[i]).expect("the row starts");
        assert_eq!(step.next, Next::LookUp);
        job.looked_up(&[i], vec![found_group(&step.requests[0], on_platform)], 0.0)
    }

    #[test]
    fn invalid_rows_are_skipped_and_rows_go_out_a_few_at_a_time_in_order() {
        let mut job = five();
        assert_eq!(job.counts(), Counts { total: 4, remaining: 4, skipped: 1, ..Default::default() });
        assert_eq!(job.due(0.0), [0, 1]);
        let first = job.plan.rows[0].request.clone().unwrap();
        assert_eq!(job.start(&[0]), Some(Step { next: Next::Send, rows: vec![0], requests: vec![first] }));
        assert_eq!(job.due(0.0), [1]);
        job.start(&[1]);
        assert!(job.due(0.0).is_empty(), "concurrency 2: two out");
        created(&mut job, 0, 11, vec![]);
        assert_eq!(job.due(0.0), [3], "the skipped row is never sent");
        assert_eq!(job.start(&[2]), None);
        let c = job.counts();
        assert_eq!((c.done, c.sending, c.remaining), (1, 1, 3));
    }

    #[test]
    fn transient_failures_back_off_and_give_up_after_max_attempts() {
        assert_eq!([1, 2, 3, 4, 5, 6, 7].map(backoff_ms), [1000.0, 2000.0, 4000.0, 8000.0, 16000.0, 30000.0, 30000.0]);
        let mut job = five();
        job.start(&[0]);
        job.failed(&[0], &server_error(), 10_000.0);
        let s = &job.progress.rows[0];
        // A 500 page is an answer: the group was not created, so no look-up is needed.
        assert_eq!((s.delivery.attempts, s.not_before, s.delivery.verify), (1, 11_000.0, false));
        assert!(s.is_retrying());
        assert_eq!(job.outcome(0), "retrying");
        assert_eq!(job.due(10_500.0), [1, 3], "not before its backoff");
        assert_eq!(job.due(11_000.0), [0, 1]);
        for n in 2..=MAX_ATTEMPTS {
            job.start(&[0]);
            job.failed(&[0], &ApiError::Timeout { secs: 15 }, 20_000.0);
            assert_eq!(job.progress.rows[0].delivery.attempts, n);
        }
        assert!(job.progress.rows[0].is_failed());
        assert_eq!(job.counts().failed, 1);
        assert!(!job.due(1e12).contains(&0));
        assert_eq!(job.outcome(0), "failed");
        // Given another round by the user.
        assert!(job.has_retryable());
        assert_eq!(job.retry_failed(), 1);
        assert_eq!(job.due(20_000.0)[0], 0);
    }

    #[test]
    fn an_unknown_outcome_is_looked_up_before_sending_again() {
        let mut job = five();
        job.start(&[0]);
        job.failed(&[0], &ApiError::Timeout { secs: 2 }, 0.0);
        // Not there: send it.
        let send = look_up(&mut job, 0, None).expect("sent after all");
        assert_eq!((send.next, send.rows.as_slice()), (Next::Send, &[0][..]));
        assert_eq!(send.requests[0].external_id, "a");
        assert!(!job.progress.rows[0].delivery.verify);
        assert_eq!(job.progress.rows[0].status, RowStatus::Sending);
        // There, with the row's values: it was ours.
        job.start(&[1]);
        job.failed(&[1], &ApiError::Network { detail: "reset".into() }, 0.0);
        assert_eq!(look_up(&mut job, 1, Some(&group(77, "b", "B", 2))), None);
        assert!(matches!(&job.progress.rows[1].status, RowStatus::Done { id: Some(77), note: Some(_), .. }));
        // There with other values: someone else's group.
        job.start(&[3]);
        job.failed(&[3], &ApiError::Truncated { status: 200 }, 0.0);
        assert_eq!(look_up(&mut job, 3, Some(&group(78, "c", "Other", 3))), None);
        assert!(matches!(&job.progress.rows[3].status, RowStatus::Failed { code: Some(1633), transient: false, .. }));
        // A 5xx with a JSON error or a refused connection through the proxy: no look-up needed.
        job.start(&[4]);
        job.failed(&[4], &ApiError::ProxyUnreachable { status: 502, timeout: false }, 0.0);
        assert!(!job.progress.rows[4].delivery.verify);
    }

    #[test]
    fn exists_on_a_retry_is_looked_up_before_it_counts_as_a_duplicate() {
        let mut job = five();
        job.start(&[0]);
        job.failed(&[0], &server_error(), 0.0);
        job.start(&[0]);
        job.failed(&[0], &ApiError::Api { status: 400, code: Some(1633), message: "Group ID exists".into() }, 1_000.0);
        assert!(job.progress.rows[0].is_retrying());
        assert_eq!(job.due(1_000.0), [0, 1]);
        look_up(&mut job, 0, Some(&group(9, "a", "A", 1)));
        assert_eq!(job.outcome(0), "created");
    }

    #[test]
    fn exists_and_other_refusals_are_final_and_not_retried() {
        let mut job = five();
        job.start(&[0]);
        job.failed(&[0], &ApiError::Api { status: 400, code: Some(1633), message: "Group ID exists".into() }, 0.0);
        let s = &job.progress.rows[0];
        assert!(s.is_failed() && !s.delivery.verify);
        assert!(
            matches!(&s.status, RowStatus::Failed { code: Some(1633), status: Some(400), transient: false, message } if message.contains("already exists") && message.contains("Group ID exists"))
        );
        assert!(!job.due(1e12).contains(&0));
        assert!(!job.has_retryable(), "a refusal is not worth retrying");
    }

    #[test]
    fn a_429_makes_every_row_wait_without_counting_an_attempt() {
        let mut job = five();
        job.start(&[0]);
        job.start(&[1]);
        job.failed(&[0], &ApiError::RateLimited { retry_after: Some(3) }, 5_000.0);
        let s = &job.progress.rows[0];
        assert_eq!((s.delivery.attempts, &s.status), (0, &RowStatus::Pending));
        assert_eq!(job.progress.wait_until, 8_000.0);
        assert!(job.progress.notice.as_deref().unwrap().contains("Rate limited"));
        assert!(job.due(7_999.0).is_empty(), "nothing is sent during the wait");
        assert_eq!(job.next_due_at(), Some(8_000.0));
        assert_eq!(job.due(8_000.0), [0]);
        job.clear_wait(8_000.0);
        assert_eq!((job.progress.wait_until, job.progress.notice.clone()), (0.0, None));
        // Without Retry-After: a minute.
        job.failed(&[1], &ApiError::RateLimited { retry_after: None }, 0.0);
        assert_eq!(job.progress.wait_until, 60_000.0);
    }

    #[test]
    fn refused_credentials_pause_the_import() {
        let mut job = five();
        job.start(&[0]);
        job.failed(&[0], &ApiError::Auth { status: 401, code: None, message: String::new() }, 0.0);
        assert!(job.progress.paused);
        assert_eq!(job.progress.rows[0].status, RowStatus::Pending);
        assert!(job.due(0.0).is_empty());
        job.resume();
        assert_eq!(job.due(0.0), [0, 1]);
        assert_eq!(job.progress.notice, None);
    }

    #[test]
    fn pause_resume_and_cancel() {
        let mut job = five();
        job.start(&[0]);
        job.pause();
        assert!(job.due(0.0).is_empty() && job.next_due_at().is_none());
        job.resume();
        assert_eq!(job.due(0.0), [1]);
        job.cancel();
        assert!(job.due(0.0).is_empty());
        assert!(!job.is_finished(), "a request is still out");
        created(&mut job, 0, 5, vec![]);
        assert!(job.is_finished());
        assert_eq!((job.outcome(0), job.outcome(1), job.outcome(2)), ("created", "not sent", "skipped"));
        // Cancelled with a row whose answer was lost: neither created nor "not sent".
        let mut job = five();
        job.start(&[0]);
        job.failed(&[0], &ApiError::Timeout { secs: 2 }, 0.0);
        job.cancel();
        assert_eq!(job.outcome(0), "unknown");
        assert!(results_csv(&job).contains(",unknown,,,The platform did not answer within 2 seconds."));
    }

    #[test]
    fn the_saved_state_round_trips_and_a_row_being_sent_is_looked_up_after_a_reload() {
        let mut job = five();
        job.start(&[0]);
        created(
            &mut job,
            0,
            42,
            vec![ApiWarning { status: Some(false), code: Some(91016), message: "bad field".into() }],
        );
        job.start(&[1]);
        job.start(&[3]);
        job.failed(&[3], &server_error(), 1.0);
        let (plan, progress) = (job.plan_json(), job.progress_json());
        let back = GroupJob::restore(&plan, &progress).expect("restores");
        assert!(back.progress.paused, "comes back paused: the user resumes it");
        assert_eq!(back.progress.rows[0], job.progress.rows[0]);
        assert_eq!(back.progress.rows[1].status, RowStatus::Pending);
        assert!(back.progress.rows[1].delivery.verify);
        assert_eq!(back.progress.rows[3], job.progress.rows[3]);
        assert_eq!(back.plan, job.plan);
        let mut back = back;
        back.resume();
        let step = back.start_due(0.0);
        assert_eq!(step[0].next, Next::LookUp);
        assert_eq!((step[0].rows.as_slice(), step[0].requests[0].external_id.as_str()), (&[1][..], "b"));
        // Compact: what is saved after every row stays small for 1,000 rows.
        assert!(progress.len() < 600, "{progress}");
        // Mismatched or unreadable halves are no import.
        let other = job_of("externalId,maxGroupSize\nz,1\n", 2);
        assert!(GroupJob::restore(&other.plan_json(), &progress).is_none());
        assert!(GroupJob::restore(&plan, "{").is_none());
        assert!(GroupJob::restore(&plan.replace("\"version\":1", "\"version\":0"), &progress).is_none());
    }

    #[test]
    fn an_import_saved_by_the_previous_version_reads_and_saves_the_same_shape() {
        let plan = r#"{"version":1,"id":5.0,"fileName":"saved.csv","rows":[{"row":2,"externalId":"fam_1","groupName":"Smiths","request":{"externalId":"fam_1","groupName":"Smiths","maxGroupSize":6}},{"row":3,"externalId":"","groupName":"x","problems":["External ID: Enter an external ID."]}]}"#;
        let progress = r#"{"version":1,"id":5.0,"concurrency":2,"paused":true,"cancelled":false,"waitUntil":0.0,"rows":[{"s":"created","id":800,"warnings":[{"status":false,"code":91016,"message":"bad"}]},{"s":"skipped"}]}"#;
        let job = GroupJob::restore(plan, progress).expect("restores");
        assert_eq!(job.plan.rows[0].label, GroupLabel { external_id: "fam_1".into(), group_name: "Smiths".into() });
        assert_eq!(job.plan.rows[1].problems, ["External ID: Enter an external ID."]);
        assert!(
            matches!(&job.progress.rows[0].status, RowStatus::Done { id: Some(800), warnings, note: None } if warnings.len() == 1)
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&job.plan_json()).unwrap(),
            serde_json::from_str::<serde_json::Value>(plan).unwrap()
        );
        let mut failed = five();
        failed.start(&[0]);
        failed.failed(&[0], &ApiError::Timeout { secs: 2 }, 0.0);
        assert_eq!(
            serde_json::to_value(&failed.progress.rows[0]).unwrap(),
            serde_json::json!({"s": "failed", "message": "The platform did not answer within 2 seconds.", "transient": true, "attempts": 1, "notBefore": 1000.0, "verify": true})
        );
    }

    #[test]
    fn concurrency_is_kept_within_bounds() {
        assert_eq!(job_of("externalId,maxGroupSize\na,1\n", 0).progress.concurrency, 1);
        assert_eq!(job_of("externalId,maxGroupSize\na,1\n", 100).progress.concurrency, MAX_CONCURRENCY);
    }

    #[test]
    fn a_thousand_rows_save_in_a_few_dozen_kilobytes() {
        let mut text = String::from("externalId,groupName,maxGroupSize\n");
        for i in 0..1000 {
            text.push_str(&format!("bench_{i:04},Bench group {i},6\n"));
        }
        let mut job = job_of(&text, 2);
        for i in 0..1000 {
            job.start(&[i]);
            created(&mut job, i, 4_000_000 + i as u64, vec![]);
        }
        assert!(job.is_finished());
        assert!(job.progress_json().len() < 40_000, "{}", job.progress_json().len());
    }

    #[test]
    fn time_left_follows_the_rows_as_they_settle() {
        let mut job = five();
        assert_eq!(job.time_left(0.0), None);
        for (i, t) in [(0, 1_000.0), (1, 2_000.0)] {
            job.start(&[i]);
            job.answered(&[i], vec![Ok(Done::default())], t);
        }
        assert_eq!(job.time_left(2_000.0), Some(2_000.0), "two rows left at a second each");
    }

    // ---- steps of several rows (adding members: up to 3 per request here)

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Member {
        user_id: u64,
    }

    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    struct MemberLabel {
        user: String,
    }

    impl RowLabel for MemberLabel {
        const COLUMNS: &'static [&'static str] = &["userId"];
        fn cells(&self) -> Vec<&str> {
            vec![&self.user]
        }
    }

    impl RowRequest for Member {
        type Label = MemberLabel;
        const EXISTS_CODE: i64 = 1636;
        const MAX_BATCH: usize = 3;
        const WORDS: Words =
            Words { done: "added", id_column: "userId", exists_now: "Checking.", unknown_when_cancelled: "Unknown." };
    }

    fn members(n: usize, concurrency: u32) -> ImportJob<Member> {
        let rows = (0..n)
            .map(|i| PlanRow {
                row: i as u64 + 2,
                label: MemberLabel { user: format!("{}", 100 + i) },
                request: Some(Member { user_id: 100 + i as u64 }),
                problems: Vec::new(),
            })
            .collect();
        ImportJob::new(1.0, "members.csv", rows, concurrency)
    }

    fn rows_of<R>(steps: &[Step<R>]) -> Vec<(Next, Vec<usize>)> {
        steps.iter().map(|s| (s.next, s.rows.clone())).collect()
    }

    fn added() -> Result<Done, ApiError> {
        Ok(Done::default())
    }

    #[test]
    fn rows_go_out_in_steps_of_up_to_the_batch_size_and_the_concurrency_counts_steps() {
        let mut job = members(8, 2);
        assert_eq!(job.due(0.0), [0, 1, 2, 3, 4, 5]);
        let steps = job.start_due(0.0);
        assert_eq!(rows_of(&steps), [(Next::Send, vec![0, 1, 2]), (Next::Send, vec![3, 4, 5])]);
        assert_eq!(steps[0].requests, [100, 101, 102].map(|user_id| Member { user_id }));
        assert!(job.start_due(0.0).is_empty(), "two steps out");
        job.answered(&[0, 1, 2], vec![added(), added(), added()], 0.0);
        assert_eq!(rows_of(&job.start_due(0.0)), [(Next::Send, vec![6, 7])]);
        assert_eq!(job.counts().done, 3);
    }

    #[test]
    fn a_step_whose_answer_is_lost_looks_up_every_row_of_it() {
        let mut job = members(3, 1);
        let step = job.start_due(0.0).remove(0);
        job.failed(&step.rows, &ApiError::Timeout { secs: 15 }, 0.0);
        for s in &job.progress.rows {
            assert!(s.delivery.verify && s.is_retrying(), "{s:?}");
        }
        assert!(job.start_due(999.0).is_empty(), "after the backoff");
        let look = job.start_due(1_000.0);
        assert_eq!(rows_of(&look), [(Next::LookUp, vec![0, 1, 2])]);
        // One was not carried out, one was, one belongs to another group: each row's verdict.
        let send = job.looked_up(
            &[0, 1, 2],
            vec![Found::Absent, Found::Ours { id: None }, Found::Taken("In another group.".into())],
            2_000.0,
        );
        let send = send.expect("the absent row is sent");
        assert_eq!((send.next, send.rows.clone()), (Next::Send, vec![0]));
        assert!(job.progress.rows.iter().all(|s| !s.delivery.verify));
        assert!(
            matches!(&job.progress.rows[1].status, RowStatus::Done { note: Some(n), .. } if n.starts_with("Already on the platform"))
        );
        assert!(
            matches!(&job.progress.rows[2].status, RowStatus::Failed { code: Some(1636), transient: false, message, .. } if message == "In another group.")
        );
        assert!(job.start_due(2_000.0).is_empty(), "the resend holds the look-up's place");
        job.answered(&send.rows, vec![added()], 3_000.0);
        assert!(job.is_finished());
        assert_eq!((job.outcome(0), job.outcome(1), job.outcome(2)), ("added", "added", "failed"));
    }

    #[test]
    fn a_per_row_outcome_list_with_one_failure_fails_only_that_row() {
        let mut job = members(3, 1);
        let step = job.start_due(0.0).remove(0);
        job.answered(&step.rows, vec![added(), Err(refused(8015)), added()], 0.0);
        assert!(matches!(job.progress.rows[0].status, RowStatus::Done { .. }));
        assert!(matches!(job.progress.rows[2].status, RowStatus::Done { .. }));
        assert!(job.progress.rows[1].is_failed());
        assert_eq!(job.counts(), Counts { total: 3, done: 2, failed: 1, ..Default::default() });
        assert!(job.is_finished());
        // "Exists" on a first attempt is a duplicate; an answer that leaves a row out is as
        // good as lost for that row.
        let mut job = members(3, 1);
        let step = job.start_due(0.0).remove(0);
        job.answered(&step.rows, vec![added(), Err(refused(1636))], 0.0);
        assert!(job.progress.rows[1].is_failed() && !job.progress.rows[1].delivery.verify);
        assert_eq!(
            (job.progress.rows[2].status.clone(), job.progress.rows[2].delivery.verify),
            (RowStatus::Pending, true)
        );
        assert_eq!(rows_of(&job.start_due(0.0)), [(Next::LookUp, vec![2])]);
    }

    #[test]
    fn exists_on_a_retry_of_a_step_looks_those_rows_up() {
        let mut job = members(2, 1);
        let step = job.start_due(0.0).remove(0);
        job.failed(&step.rows, &server_error(), 0.0);
        let step = job.start_due(1_000.0).remove(0);
        assert_eq!(step.next, Next::Send, "a 500 page is an answer: nothing to look up");
        job.answered(&step.rows, vec![Err(refused(1636)), added()], 1_000.0);
        assert!(job.progress.rows[0].delivery.verify && job.progress.rows[0].is_retrying());
        assert_eq!(rows_of(&job.start_due(1_000.0)), [(Next::LookUp, vec![0])], "at once");
    }

    #[test]
    fn rows_to_look_up_and_rows_to_send_go_in_separate_steps() {
        let mut job = members(5, 4);
        job.progress.rows[1].delivery.verify = true;
        job.progress.rows[3].delivery.verify = true;
        assert_eq!(rows_of(&job.start_due(0.0)), [(Next::Send, vec![0, 2, 4]), (Next::LookUp, vec![1, 3])]);
    }

    #[test]
    fn retry_failed_rows_resends_only_those() {
        let mut job = members(6, 2);
        // Row 1 keeps meeting a 503 and row 4 keeps losing its answer, until they give up.
        for round in 0..MAX_ATTEMPTS {
            let now = 100_000.0 * f64::from(round);
            for step in job.start_due(now) {
                let outcomes = step
                    .rows
                    .iter()
                    .map(|&i| match i {
                        1 => Err(ApiError::Api { status: 503, code: None, message: "busy".into() }),
                        4 => Err(ApiError::Timeout { secs: 15 }),
                        _ => added(),
                    })
                    .collect();
                match step.next {
                    Next::Send => job.answered(&step.rows, outcomes, now),
                    Next::LookUp => {
                        let absent = step.rows.iter().map(|_| Found::Absent).collect();
                        if let Some(send) = job.looked_up(&step.rows, absent, now) {
                            let outcomes = send.rows.iter().map(|_| Err(ApiError::Timeout { secs: 15 })).collect();
                            job.answered(&send.rows, outcomes, now);
                        }
                    }
                }
            }
        }
        assert!(job.is_finished(), "{:?}", job.progress.rows);
        assert_eq!(job.counts(), Counts { total: 6, done: 4, failed: 2, ..Default::default() });
        assert_eq!(job.retry_failed(), 2);
        // Only the two failed rows go out again; the one whose answer was lost is looked up first.
        assert_eq!(rows_of(&job.start_due(1e9)), [(Next::Send, vec![1]), (Next::LookUp, vec![4])]);
        assert!(job.start_due(1e9).is_empty());
    }
}
