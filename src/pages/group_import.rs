//! `/groups/import`: create many groups from a CSV file. The file is read and every row
//! checked with the create form's rules before anything is sent; then one request per row,
//! a few at a time, through the same `api::create_group` as the form. The import's state is
//! saved in localStorage before each request leaves and after each answer, so a reload or
//! a closed tab loses nothing and sends nothing twice (a row whose answer never arrived is
//! looked up by external ID before it is sent again). The rules live in `gc_core::import`.

use gc_core::error::ApiError;
use gc_core::import::{
    self, check_rows, invalid_count, progress_words, time_left_ms, CsvFile, ImportJob, Role, RowCheck, RowState, Step,
    DEFAULT_CONCURRENCY, MAX_CONCURRENCY,
};
use gc_core::types::{CreateGroupRequest, GetGroupQuery, GroupKey};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::import_tables::{preview_rows, PreviewTable, ResultsTable};
use crate::components::TextField;
use crate::settings_store::{use_settings, SettingsStore};

const PLAN_KEY: &str = "gc.import.plan";
const PROGRESS_KEY: &str = "gc.import.progress";
/// Larger files are refused before reading (the browser would hold them in memory twice).
const MAX_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

fn now() -> f64 {
    js_sys::Date::now()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Everything the running import needs, copyable into closures and tasks.
#[derive(Clone, Copy)]
struct Ctl {
    job: StoredValue<Option<ImportJob>>,
    /// One signal per row: a row's change repaints its own table row only.
    cells: StoredValue<Vec<RwSignal<RowState>>>,
    /// Bumped on every change: counts, buttons and notices follow it.
    version: RwSignal<u64>,
    /// Which import is shown (its id): the results table is built once per import.
    shown: RwSignal<Option<f64>>,
    /// Completion times (epoch ms) for the estimate of time left.
    completions: StoredValue<Vec<f64>>,
    now: RwSignal<f64>,
    saved_ok: RwSignal<bool>,
    /// Restored from storage and not resumed yet: "Resume import" / "Discard".
    restored: RwSignal<bool>,
    /// Set by "Start import": the progress heading takes the focus once it is shown.
    focus_run: StoredValue<bool>,
    store: SettingsStore,
    owner: StoredValue<Option<Owner>>,
}

impl Ctl {
    fn save_plan(self) {
        let ok = self.job.with_value(|j| match (j, local_storage()) {
            (Some(j), Some(s)) => s.set_item(PLAN_KEY, &j.plan_json()).is_ok(),
            _ => false,
        });
        self.saved_ok.set(ok);
    }

    fn save_progress(self) {
        let ok = self.job.with_value(|j| match (j, local_storage()) {
            (Some(j), Some(s)) => s.set_item(PROGRESS_KEY, &j.progress_json()).is_ok(),
            _ => false,
        });
        if !ok {
            self.saved_ok.set(false);
        }
    }

    /// Shows a (new or restored) import.
    fn show(self, job: ImportJob) {
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
        self.completions.set_value(Vec::new());
        self.shown.set(Some(id));
        self.version.update(|v| *v += 1);
    }

    fn discard(self) {
        if let Some(s) = local_storage() {
            let _ = s.remove_item(PLAN_KEY);
            let _ = s.remove_item(PROGRESS_KEY);
        }
        self.job.set_value(None);
        self.cells.set_value(Vec::new());
        self.shown.set(None);
        self.restored.set(false);
        self.version.update(|v| *v += 1);
    }

    /// Applies a change to import `id` (ignored if another import is shown by now), saves
    /// it, repaints the rows it names, and sends whatever is due next.
    fn change<R>(self, id: f64, rows: &[usize], f: impl FnOnce(&mut ImportJob) -> R) -> Option<R> {
        let out = self.job.try_update_value(|j| j.as_mut().filter(|j| j.plan.id == id).map(f)).flatten()?;
        self.save_progress();
        self.sync(rows);
        self.version.update(|v| *v += 1);
        Some(out)
    }

    fn sync(self, rows: &[usize]) {
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
    }

    /// Starts every row that is due: marks them Sending and saves that before any request
    /// leaves, so a reload knows their outcome is unknown.
    fn pump(self) {
        let t = now();
        let started = self.job.try_update_value(|j| {
            let j = j.as_mut()?;
            j.clear_wait(t);
            let due = j.due(t);
            let steps: Vec<(usize, Step)> = due.into_iter().filter_map(|i| j.start(i).map(|s| (i, s))).collect();
            Some((j.plan.id, steps))
        });
        let Some(Some((id, steps))) = started else { return };
        if steps.is_empty() {
            return;
        }
        let rows: Vec<usize> = steps.iter().map(|(i, _)| *i).collect();
        self.save_progress();
        self.sync(&rows);
        self.version.update(|v| *v += 1);
        let Some(owner) = self.owner.get_value() else { return };
        for (i, step) in steps {
            // One child owner per row: its request is aborted if the page goes away (the row
            // stays "Sending" in storage and is looked up after), and it is freed when done.
            let child = owner.child();
            let done = child.clone();
            child.with(|| {
                leptos::task::spawn_local_scoped_with_cancellation(async move {
                    self.run(id, i, step).await;
                    done.cleanup();
                })
            });
        }
    }

    async fn run(self, id: f64, i: usize, step: Step) {
        let settings = self.store.settings.get_untracked();
        let req: CreateGroupRequest = match step {
            Step::Send(req) => req,
            Step::LookUp(external_id) => {
                let query = GetGroupQuery::basic(GroupKey::ExternalId(external_id));
                match api::get_group(&settings, &query).await {
                    Ok(group) => {
                        self.finish(id, i, |j| {
                            j.looked_up(i, Some(&group));
                        });
                        return;
                    }
                    // 1632: no such group, so the earlier request did not create it.
                    Err(e) if e.code() == Some(1632) => match self.change(id, &[i], |j| j.looked_up(i, None)) {
                        Some(Some(req)) => req,
                        _ => return,
                    },
                    Err(e) => return self.failed(id, i, e),
                }
            }
        };
        match api::create_group(&settings, &req).await {
            Ok(res) => {
                crate::recent_store::record_created_group(&req, &res);
                self.finish(id, i, |j| j.created(i, res.entity.0, res.warnings));
            }
            Err(e) => self.failed(id, i, e),
        }
    }

    fn failed(self, id: f64, i: usize, e: ApiError) {
        let t = now();
        let is_final = self.change(id, &[i], |j| {
            j.failed(i, &e, t);
            j.progress.rows[i].is_final()
        });
        if is_final == Some(true) {
            self.completions.update_value(|c| c.push(t));
        }
        self.pump();
    }

    fn finish(self, id: f64, i: usize, f: impl FnOnce(&mut ImportJob)) {
        if self.change(id, &[i], f).is_some() {
            self.completions.update_value(|c| {
                c.push(now());
                if c.len() > 40 {
                    c.drain(..20);
                }
            });
        }
        self.pump();
    }

    fn act(self, f: impl FnOnce(&mut ImportJob)) {
        let Some(id) = self.job.with_value(|j| j.as_ref().map(|j| j.plan.id)) else { return };
        let all: Vec<usize> = self.cells.with_value(|c| (0..c.len()).collect());
        self.change(id, &all, f);
        self.pump();
    }
}

/// Reads the chosen or dropped file.
async fn read_file(file: web_sys::File) -> Result<(String, Vec<u8>), String> {
    if file.size() > MAX_FILE_BYTES {
        return Err("The file is larger than 20 MB. Split it into smaller files.".into());
    }
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The file could not be read. Choose it again.".to_string())?;
    Ok((file.name(), js_sys::Uint8Array::new(&buf).to_vec()))
}

#[component]
pub fn GroupImport() -> impl IntoView {
    let store = use_settings();
    let ctl = Ctl {
        job: StoredValue::new(None),
        cells: StoredValue::new(Vec::new()),
        version: RwSignal::new(0),
        shown: RwSignal::new(None),
        completions: StoredValue::new(Vec::new()),
        now: RwSignal::new(now()),
        saved_ok: RwSignal::new(true),
        restored: RwSignal::new(false),
        focus_run: StoredValue::new(false),
        store,
        owner: StoredValue::new(Owner::current()),
    };

    // An import saved by an earlier visit comes back paused (or finished, with its results).
    if let Some(s) = local_storage() {
        let plan = s.get_item(PLAN_KEY).ok().flatten();
        let progress = s.get_item(PROGRESS_KEY).ok().flatten();
        if let Some(job) = plan.zip(progress).and_then(|(p, q)| ImportJob::restore(&p, &q)) {
            ctl.restored.set(!job.is_finished());
            ctl.show(job);
        }
    }

    // Retries and 429 waits come due with time: look twice a second while an import runs.
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let active = ctl.job.with_value(|j| j.as_ref().is_some_and(|j| !j.progress.paused && !j.is_finished()));
            if active {
                ctl.now.set(now());
                ctl.pump();
            }
        },
        std::time::Duration::from_millis(500),
    ) {
        on_cleanup(move || handle.clear());
    }

    view! {
        <h1>"Import groups from a CSV file"</h1>
        {move || match ctl.shown.get() {
            Some(_) => view! { <ImportRun ctl /> }.into_any(),
            None => view! { <ImportSetup ctl /> }.into_any(),
        }}
    }
}

/// Choosing the file, its columns and the preview, up to "Start import".
#[component]
fn ImportSetup(ctl: Ctl) -> impl IntoView {
    let store = ctl.store;
    let file = RwSignal::new(None::<(String, CsvFile)>);
    // Bumped per file read: the column list is built once per file (ticking keeps focus).
    let file_seq = RwSignal::new(0u32);
    let file_error = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);
    let skip_invalid = RwSignal::new(false);
    let concurrency = RwSignal::new(DEFAULT_CONCURRENCY.to_string());
    let limit = move || store.settings.with(|s| s.public.max_group_size_limit);
    let checks = Memo::new(move |_| file.with(|f| f.as_ref().map(|(_, f)| check_rows(f, limit())).unwrap_or_default()));
    let invalid = move || checks.with(|c| invalid_count(c));
    let conc_value =
        move || concurrency.with(|c| c.trim().parse::<u32>().ok().filter(|n| (1..=MAX_CONCURRENCY).contains(n)));
    let conc_error = Signal::derive(move || {
        conc_value().is_none().then(|| format!("Enter a whole number from 1 to {MAX_CONCURRENCY}."))
    });

    let load = move |f: web_sys::File| {
        leptos::task::spawn_local(async move {
            let outcome = read_file(f)
                .await
                .and_then(|(name, bytes)| import::parse(&bytes).map(|csv| (name, csv)).map_err(|e| e.to_string()));
            match outcome {
                Ok(loaded) => {
                    file_error.set(None);
                    skip_invalid.set(false);
                    file.set(Some(loaded));
                    file_seq.update(|n| *n += 1);
                }
                Err(message) => {
                    file.set(None);
                    file_error.set(Some(message));
                }
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            load(f);
        }
        // The same file, edited, can be chosen again.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
            load(f);
        }
    };
    let on_dragover = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    };

    let can_start = move || {
        let c = checks.get();
        let ok = c.iter().filter(|r| r.is_ok()).count();
        ok > 0 && (ok == c.len() || skip_invalid.get()) && conc_value().is_some()
    };
    let start = move |_| {
        if !can_start() {
            return;
        }
        let Some(conc) = conc_value() else { return };
        let job = file.with_untracked(|f| {
            f.as_ref().map(|(name, csv)| checks.with_untracked(|c| ImportJob::new(now(), name, csv, c, conc)))
        });
        if let Some(job) = job {
            ctl.focus_run.set_value(true);
            ctl.show(job);
            ctl.save_plan();
            ctl.save_progress();
            ctl.pump();
        }
    };

    view! {
        <section class="import-setup" aria-labelledby="import-file-title">
            <h2 id="import-file-title">"1. Choose the file"</h2>
            <p>
                "One group per row. The first line names the columns: "
                <code>"externalId"</code>", "<code>"groupName"</code>" (optional) and "<code>"maxGroupSize"</code>
                "; any other column is sent as an extended field of that name. UTF-8, separated by commas or semicolons."
            </p>
            <div class="import-drop" class:import-drop--over=move || dragging.get()
                on:dragover=on_dragover on:dragleave=move |_| dragging.set(false) on:drop=on_drop>
                <label for="import-file">"CSV file"</label>
                <input id="import-file" type="file" accept=".csv,text/csv" aria-describedby="import-file-hint" on:change=on_pick />
                <p id="import-file-hint" class="field__hint">"Choose a file, or drop it here."</p>
            </div>
            <p>
                <button type="button" class="button"
                    on:click=move |_| crate::download::text_file("groups-template.csv", "text/csv", import::TEMPLATE_CSV)>
                    "Download template"
                </button>
            </p>
            {move || file_error.get().map(|m| view! {
                <div class="alert alert--error" role="alert"><p class="alert__headline">{m}</p></div>
            })}
        </section>
        {move || {
            file_seq.track();
            file.with_untracked(|f| f.as_ref().map(|(name, csv)| (name.clone(), csv.columns.clone()))).map(|(name, columns)| view! {
                <section class="import-setup" aria-labelledby="import-columns-title">
                    <h2 id="import-columns-title">"2. Check the columns of " {name}</h2>
                    <fieldset class="import-columns">
                        <legend>"Columns to import"</legend>
                        {columns.into_iter().enumerate().map(|(i, c)| {
                            let known = c.role != Role::Extended;
                            let id = format!("import-col-{i}");
                            view! {
                                <div class="field--checkbox">
                                    <input type="checkbox" id=id.clone() disabled=known
                                        prop:checked=move || file.with(|f| f.as_ref().is_some_and(|(_, f)| f.columns[i].included))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            file.update(|f| if let Some((_, f)) = f { f.set_included(i, on) });
                                        } />
                                    <label for=id>{c.label(i)}</label>
                                </div>
                            }
                        }).collect_view()}
                        <p class="field__hint">"externalId, groupName and maxGroupSize are always imported. Untick a column to leave that extended field out."</p>
                    </fieldset>
                </section>
            })
        }}
        {move || file.with(|f| f.is_some()).then(|| view! {
            <section class="import-setup" aria-labelledby="import-check-title">
                <h2 id="import-check-title">"3. Check the rows and start"</h2>
                <p class="import-summary" class:import-summary--invalid={move || invalid() > 0}>
                    {move || {
                        let total = checks.with(Vec::len);
                        match invalid() {
                            0 => format!("{total} rows, all ready to import."),
                            1 => format!("{total} rows: 1 row has errors."),
                            n => format!("{total} rows: {n} rows have errors."),
                        }
                    }}
                </p>
                {move || (invalid() > 0).then(|| view! {
                    <div class="field--checkbox">
                        <input type="checkbox" id="import-skip" prop:checked=move || skip_invalid.get()
                            on:change=move |ev| skip_invalid.set(event_target_checked(&ev)) />
                        <label for="import-skip">"Skip invalid rows"</label>
                        <p class="field__hint">"Rows with errors are not sent and are listed as skipped in the results. Or fix them in the file and choose it again."</p>
                    </div>
                })}
                <div class="import-concurrency">
                    <TextField id="import-concurrency" label="Concurrency" value=concurrency error=conc_error inputmode="numeric"
                        hint=format!("Requests sent at once, 1 to {MAX_CONCURRENCY}. The platform's rate limit counts them all.") />
                </div>
                <div class="form__actions">
                    <button type="button" class="button button--primary" disabled=move || !can_start() on:click=start>
                        "Start import"
                    </button>
                </div>
                {move || (invalid() > 0 && !skip_invalid.get()).then(|| view! {
                    <p class="field__hint">"The import cannot start while rows have errors: fix them in the file, or tick “Skip invalid rows”."</p>
                })}
                {move || checks.with(|c: &Vec<RowCheck>| file.with_untracked(|f| f.as_ref().map(|(_, f)| {
                    let rows = preview_rows(f, c);
                    view! { <PreviewTable>{rows}</PreviewTable> }
                })))}
            </section>
        })}
    }
}

/// The import under way (or finished): progress, controls and results.
#[component]
fn ImportRun(ctl: Ctl) -> impl IntoView {
    let counts = Memo::new(move |_| {
        ctl.version.track();
        ctl.job.with_value(|j| j.as_ref().map(ImportJob::counts).unwrap_or_default())
    });
    let flags = Memo::new(move |_| {
        ctl.version.track();
        ctl.job.with_value(|j| {
            j.as_ref().map(|j| {
                let p = &j.progress;
                (j.is_finished(), p.paused, p.cancelled, p.notice.clone(), p.wait_until)
            })
        })
    });
    let finished = move || flags.with(|f| f.as_ref().is_some_and(|f| f.0));
    let paused = move || flags.with(|f| f.as_ref().is_some_and(|f| f.1));
    let cancelled = Signal::derive(move || flags.with(|f| f.as_ref().is_some_and(|f| f.2)));
    let file_name = ctl.job.with_value(|j| j.as_ref().map(|j| j.plan.file_name.clone()).unwrap_or_default());

    let progress_text = move || {
        let c = counts.get();
        let t = ctl.now.get();
        let wait_until = flags.with(|f| f.as_ref().map(|f| f.4).unwrap_or(0.0));
        let left = ctl.completions.with_value(|done| time_left_ms(done, c.remaining, t, wait_until));
        let mut s = progress_words(&c, if finished() || paused() { None } else { left });
        if c.skipped > 0 {
            s.push_str(&format!(" · {} skipped", c.skipped));
        }
        s
    };
    let heading = move || match (finished(), cancelled.get(), paused()) {
        (true, true, _) => "Import cancelled",
        (true, false, _) => "Import finished",
        (false, true, _) => "Cancelling: waiting for the requests already sent",
        (false, false, true) => "Import paused",
        _ => "Importing",
    };
    let notice = move || {
        let (notice, wait_until) = flags.with(|f| f.as_ref().map(|f| (f.3.clone(), f.4)).unwrap_or_default());
        let t = ctl.now.get();
        if wait_until > t && !finished() {
            let secs = ((wait_until - t) / 1000.0).ceil();
            Some(format!("{} Waiting: sending resumes in {secs} s.", notice.unwrap_or_default()))
        } else {
            notice.filter(|_| !finished())
        }
    };
    let retryable = move || {
        ctl.version.track();
        ctl.job.with_value(|j| {
            j.as_ref().is_some_and(|j| {
                j.progress.rows.iter().any(|s| {
                    s.is_failed() && matches!(s.status, gc_core::import::RowStatus::Failed { transient: true, .. })
                })
            })
        })
    };
    let download = move |_| {
        if let Some(csv) = ctl.job.with_value(|j| j.as_ref().map(import::results_csv)) {
            let stem = file_name_stem(
                &ctl.job.with_value(|j| j.as_ref().map(|j| j.plan.file_name.clone()).unwrap_or_default()),
            );
            crate::download::text_file(&format!("{stem}-results.csv"), "text/csv", &csv);
        }
    };
    let rows = ctl.job.with_value(|j| {
        ctl.cells.with_value(|cells| {
            j.as_ref()
                .map(|j| j.plan.rows.iter().cloned().zip(cells.iter().copied()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });

    // Keyboard and screen-reader users land on the progress, not on a button that is gone.
    Effect::new(move |_| {
        if ctl.focus_run.get_value() {
            ctl.focus_run.set_value(false);
            crate::components::focus_by_id("import-run-title");
        }
    });

    view! {
        <section class="import-run" aria-labelledby="import-run-title">
            <h2 id="import-run-title" tabindex="-1">{heading} " — " {file_name}</h2>
            {move || ctl.restored.get().then(|| view! {
                <div class="alert alert--info" role="status">
                    <p class="alert__headline">"This import was interrupted when the page closed. Rows that had already been created are not sent again; a row whose answer never arrived is looked up first."</p>
                </div>
            })}
            <progress class="import-progress" max=move || counts.get().total.max(1).to_string()
                value=move || { let c = counts.get(); (c.done + c.failed).to_string() }
                aria-label="Import progress"></progress>
            <p class="import-progress__text">{progress_text}</p>
            {move || notice().map(|n| view! { <p class="import-notice" role="status">{n}</p> })}
            {move || (!ctl.saved_ok.get()).then(|| view! {
                <p class="import-notice import-notice--warning" role="alert">
                    "The browser did not let the console save the progress (storage full or disabled): do not reload this page until the import is finished."
                </p>
            })}
            <div class="form__actions">
                {move || {
                    if finished() {
                        view! {
                            {retryable().then(|| view! {
                                <button type="button" class="button" on:click=move |_| ctl.act(|j| { j.retry_failed(); })>"Retry failed rows"</button>
                            })}
                            <button type="button" class="button" on:click=move |_| ctl.discard()>"New import"</button>
                        }.into_any()
                    } else if ctl.restored.get() {
                        view! {
                            <button type="button" class="button button--primary"
                                on:click=move |_| { ctl.restored.set(false); ctl.act(ImportJob::resume) }>"Resume import"</button>
                            <button type="button" class="button" on:click=move |_| ctl.discard()>"Discard"</button>
                        }.into_any()
                    } else {
                        view! {
                            {if paused() {
                                view! { <button type="button" class="button button--primary" on:click=move |_| ctl.act(ImportJob::resume)>"Resume"</button> }.into_any()
                            } else {
                                view! { <button type="button" class="button" disabled=move || cancelled.get() on:click=move |_| ctl.act(ImportJob::pause)>"Pause"</button> }.into_any()
                            }}
                            <button type="button" class="button" disabled=move || cancelled.get() on:click=move |_| ctl.act(ImportJob::cancel)>"Cancel"</button>
                        }.into_any()
                    }
                }}
                <button type="button" class="button" on:click=download>"Download results"</button>
            </div>
            {move || flags.with(|f| f.as_ref().is_some_and(|f| f.1 && f.3.is_some())).then(|| view! {
                <p><A href="/settings">"Open Settings"</A></p>
            })}
            <ResultsTable rows cancelled />
        </section>
    }
}

fn file_name_stem(name: &str) -> String {
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    if stem.is_empty() {
        "import".into()
    } else {
        stem.to_string()
    }
}
