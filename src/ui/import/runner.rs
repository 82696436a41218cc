//! Runs an import in the page (saves it, sends each step, aborts on leave); a kind of import plugs in with ImportKind.

use std::future::Future;

use gc_core::console::browser_data;
use gc_core::console::settings::Settings;
use gc_core::group::wire::{CreateGroupRequest, GetGroupQuery, GroupKey};
use gc_core::import::{found_group, Done, Found, ImportJob, PlanRow, RowRequest, RowState, Step};
use gc_core::members::add::{found_members, join_outcomes};
use gc_core::members::wire::JoinItem;
use gc_core::platform::error::ApiError;
use gc_core::platform::send_once::Next;
use leptos::prelude::*;

use crate::api;
use crate::state::settings::{use_settings, SettingsStore};
use crate::state::storage::{self, Store};

/// What one kind of import sends, and where it is saved.
pub trait ImportKind: Copy + Send + Sync + 'static {
    type Request: RowRequest;
    /// localStorage keys of the saved plan (written once) and progress (after every change).
    fn plan_key(self) -> String;
    fn progress_key(self) -> String;

    /// Sends a step's rows (at most `Request::MAX_BATCH`) in one request: the answer's outcome
    /// for each row, in order, or the error that failed the whole request.
    fn send(
        self,
        settings: &Settings,
        requests: &[Self::Request],
    ) -> impl Future<Output = Result<Vec<Result<Done, ApiError>>, ApiError>>;

    /// Looks the rows up after an answer was lost: what the platform has for each, in order.
    fn look_up(
        self,
        settings: &Settings,
        requests: &[Self::Request],
    ) -> impl Future<Output = Result<Vec<Found>, ApiError>>;
}

fn now() -> f64 {
    js_sys::Date::now()
}

type Job<K> = ImportJob<<K as ImportKind>::Request>;

/// The import the page shows, copyable into closures and tasks.
pub struct Runner<K: ImportKind> {
    kind: K,
    job: StoredValue<Option<Job<K>>>,
    /// One signal per row: a row's change repaints its own table row only.
    cells: StoredValue<Vec<RwSignal<RowState>>>,
    /// Bumped on every change: counts, buttons and notices follow it.
    version: RwSignal<u64>,
    /// Which import is shown (its id): the results table is built once per import.
    shown: RwSignal<Option<f64>>,
    /// Ticks twice a second while the import runs (time left, the 429 countdown).
    now: RwSignal<f64>,
    saved_ok: RwSignal<bool>,
    /// Restored from storage and not resumed yet: "Resume import" / "Discard".
    restored: RwSignal<bool>,
    store: SettingsStore,
    owner: StoredValue<Option<Owner>>,
}

impl<K: ImportKind> Clone for Runner<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: ImportKind> Copy for Runner<K> {}

impl<K: ImportKind> Runner<K> {
    /// The runner of the page being built: shows an import saved by an earlier visit (paused,
    /// or finished with its results), and keeps it going while it runs.
    pub fn new(kind: K) -> Self {
        let runner = Runner {
            kind,
            job: StoredValue::new(None),
            cells: StoredValue::new(Vec::new()),
            version: RwSignal::new(0),
            shown: RwSignal::new(None),
            now: RwSignal::new(now()),
            saved_ok: RwSignal::new(true),
            restored: RwSignal::new(false),
            store: use_settings(),
            owner: StoredValue::new(Owner::current()),
        };
        let saved = storage::get(Store::Local, &kind.plan_key()).zip(storage::get(Store::Local, &kind.progress_key()));
        if let Some(job) = saved.and_then(|(plan, progress)| ImportJob::restore(&plan, &progress)) {
            runner.restored.set(!job.is_finished());
            runner.show(job);
        }
        // Retries and 429 waits come due with time: look twice a second while an import runs.
        if let Ok(handle) = set_interval_with_handle(
            move || {
                if runner.job.with_value(|j| j.as_ref().is_some_and(|j| !j.progress.paused && !j.is_finished())) {
                    runner.now.set(now());
                    runner.pump();
                }
            },
            std::time::Duration::from_millis(500),
        ) {
            on_cleanup(move || handle.clear());
        }
        runner
    }

    /// Reads the import shown, and follows its changes.
    pub fn with_job<T>(self, f: impl FnOnce(&Job<K>) -> T) -> Option<T> {
        self.version.track();
        self.job.with_value(|j| j.as_ref().map(f))
    }

    /// Reads the import shown, once.
    pub fn peek<T>(self, f: impl FnOnce(&Job<K>) -> T) -> Option<T> {
        self.job.with_value(|j| j.as_ref().map(f))
    }

    /// The id of the import shown, if any.
    pub fn shown(self) -> Option<f64> {
        self.shown.get()
    }

    /// The time, ticking while the import runs.
    pub fn now(self) -> f64 {
        self.now.get()
    }

    /// False once the browser refused to save the progress.
    pub fn saved_ok(self) -> bool {
        self.saved_ok.get()
    }

    pub fn restored(self) -> bool {
        self.restored.get()
    }

    /// Every planned row with its state signal, for the results table.
    pub fn rows(self) -> Vec<(PlanRow<K::Request>, RwSignal<RowState>)> {
        self.job.with_value(|j| {
            self.cells.with_value(|cells| {
                j.as_ref().map(|j| j.plan.rows.iter().cloned().zip(cells.iter().copied()).collect()).unwrap_or_default()
            })
        })
    }

    /// Starts a new import: shown, saved, and its first steps sent.
    pub fn start(self, job: Job<K>) {
        self.show(job);
        self.save_plan();
        self.save_progress();
        self.pump();
    }

    /// Goes on with an import restored from storage.
    pub fn resume_restored(self) {
        self.restored.set(false);
        self.act(ImportJob::resume);
    }

    /// Forgets the import shown, and its save.
    pub fn discard(self) {
        storage::remove(Store::Local, &self.kind.plan_key());
        storage::remove(Store::Local, &self.kind.progress_key());
        self.job.set_value(None);
        self.cells.set_value(Vec::new());
        self.shown.set(None);
        self.restored.set(false);
        self.version.update(|v| *v += 1);
    }

    /// A user's action on the whole import (pause, resume, cancel, retry failed rows).
    pub fn act<T>(self, f: impl FnOnce(&mut Job<K>) -> T) {
        let Some(id) = self.peek(|j| j.plan.id) else { return };
        let all: Vec<usize> = self.cells.with_value(|c| (0..c.len()).collect());
        self.change(id, &all, f);
        self.pump();
    }

    fn save_plan(self) {
        let ok = self.peek(|j| storage::set(Store::Local, &self.kind.plan_key(), &j.plan_json())).unwrap_or(false);
        self.saved_ok.set(ok);
    }

    fn save_progress(self) {
        if !self.peek(|j| storage::set(Store::Local, &self.kind.progress_key(), &j.progress_json())).unwrap_or(false) {
            self.saved_ok.set(false);
        }
    }

    fn show(self, job: Job<K>) {
        let id = job.plan.id;
        // Owned by the page, not by whatever view called this (the setup view that starts
        // an import is gone a moment later, and would take the signals with it).
        let make = || job.progress.rows.iter().map(|s| RwSignal::new(s.clone())).collect::<Vec<_>>();
        let cells = match self.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.cells.set_value(cells);
        self.job.set_value(Some(job));
        self.shown.set(Some(id));
        self.version.update(|v| *v += 1);
    }

    /// Applies a change to import `id` (ignored if another import is shown by now), saves
    /// it and repaints the rows it names.
    fn change<T>(self, id: f64, rows: &[usize], f: impl FnOnce(&mut Job<K>) -> T) -> Option<T> {
        let out = self.job.try_update_value(|j| j.as_mut().filter(|j| j.plan.id == id).map(f)).flatten()?;
        self.changed(rows);
        Some(out)
    }

    /// Saves the job and repaints the rows a change touched.
    fn changed(self, rows: &[usize]) {
        self.save_progress();
        self.job.with_value(|j| {
            let Some(j) = j else { return };
            self.cells.with_value(|cells| {
                for &i in rows {
                    if let (Some(cell), Some(state)) = (cells.get(i), j.progress.rows.get(i)) {
                        cell.set(state.clone());
                    }
                }
            });
        });
        self.version.update(|v| *v += 1);
    }

    /// Starts every step that is due; their rows are saved as being sent before any request
    /// leaves, so a reload knows their outcome is unknown.
    fn pump(self) {
        let t = now();
        let Some(Some((id, steps))) = self.job.try_update_value(|j| j.as_mut().map(|j| (j.plan.id, j.start_due(t))))
        else {
            return;
        };
        if steps.is_empty() {
            return;
        }
        let rows: Vec<usize> = steps.iter().flat_map(|s| s.rows.iter().copied()).collect();
        self.changed(&rows);
        let Some(owner) = self.owner.get_value() else { return };
        for step in steps {
            // One child owner per step: its request is aborted if the page goes away (the
            // rows stay "Sending" in storage and are looked up after), and it is freed when done.
            let child = owner.child();
            let done = child.clone();
            child.with(|| {
                leptos::task::spawn_local_scoped_with_cancellation(async move {
                    self.run(id, step).await;
                    done.cleanup();
                })
            });
        }
    }

    async fn run(self, id: f64, mut step: Step<K::Request>) {
        let settings = self.store.for_request();
        loop {
            let rows = step.rows.clone();
            match step.next {
                Next::LookUp => {
                    let found = self.kind.look_up(&settings, &step.requests).await;
                    let t = now();
                    let send = self.change(id, &rows, |j| match found {
                        Ok(found) => j.looked_up(&rows, found, t),
                        Err(e) => {
                            j.failed(&rows, &e, t);
                            None
                        }
                    });
                    match send.flatten() {
                        Some(send) => step = send,
                        None => break,
                    }
                }
                Next::Send => {
                    let answer = self.kind.send(&settings, &step.requests).await;
                    let t = now();
                    self.change(id, &rows, |j| match answer {
                        Ok(outcomes) => j.answered(&rows, outcomes, t),
                        Err(e) => j.failed(&rows, &e, t),
                    });
                    break;
                }
            }
        }
        self.pump();
    }
}

/// Creating groups: one `POST /v2/userGroup2` per row, through the create form's own call.
#[derive(Clone, Copy)]
pub struct CreateGroups;

impl ImportKind for CreateGroups {
    type Request = CreateGroupRequest;

    fn plan_key(self) -> String {
        browser_data::IMPORT_PLAN.into()
    }

    fn progress_key(self) -> String {
        browser_data::IMPORT_PROGRESS.into()
    }

    async fn send(
        self,
        settings: &Settings,
        requests: &[CreateGroupRequest],
    ) -> Result<Vec<Result<Done, ApiError>>, ApiError> {
        // A step is one row: the platform creates one group per request.
        let Some(req) = requests.first() else { return Ok(Vec::new()) };
        let res = api::group::create_group(settings, req).await?;
        crate::state::recent::record_created_group(req, &res);
        Ok(vec![Ok(Done { id: Some(res.entity.0), warnings: res.warnings })])
    }

    async fn look_up(self, settings: &Settings, requests: &[CreateGroupRequest]) -> Result<Vec<Found>, ApiError> {
        let Some(req) = requests.first() else { return Ok(Vec::new()) };
        let query = GetGroupQuery::basic(GroupKey::ExternalId(req.external_id.clone()));
        match api::group::get_group(settings, &query).await {
            Ok(group) => Ok(vec![found_group(req, Some(&group))]),
            // No such group: the earlier request did not create it.
            Err(e) if e.is_not_found() => Ok(vec![found_group(req, None)]),
            Err(e) => Err(e),
        }
    }
}

/// Adding members to one group: up to `JoinItem::MAX_BATCH` customers per
/// `POST /v2/userGroup2/join`, saved under the group's own keys (an adding interrupted on one
/// group's page is resumed there, and never mixed up with another group's).
#[derive(Clone, Copy)]
pub struct AddToGroup {
    pub group_id: u64,
}

impl ImportKind for AddToGroup {
    type Request = JoinItem;

    fn plan_key(self) -> String {
        browser_data::add_members_keys(self.group_id).0
    }

    fn progress_key(self) -> String {
        browser_data::add_members_keys(self.group_id).1
    }

    async fn send(self, settings: &Settings, requests: &[JoinItem]) -> Result<Vec<Result<Done, ApiError>>, ApiError> {
        let answer = api::members::join_members(settings, &GroupKey::Id(self.group_id), requests).await?;
        Ok(join_outcomes(requests, &answer))
    }

    /// One GET of the group: its `fleetGroupUsers` say who is an active member now.
    async fn look_up(self, settings: &Settings, requests: &[JoinItem]) -> Result<Vec<Found>, ApiError> {
        let group = api::group::get_group(settings, &GetGroupQuery::basic(GroupKey::Id(self.group_id))).await?;
        Ok(found_members(requests, &group))
    }
}
