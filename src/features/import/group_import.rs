//! `/groups/import`, the views: choosing a CSV file and its preview, then the import's progress and results.

use gc_core::import::{CsvFile, DEFAULT_CONCURRENCY, ImportJob, MAX_CONCURRENCY, Role, RowCheck, check_rows, invalid_count, plan_rows};

use gc_core::import;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::import::run::{load_file, picked_file, RunControls, RunProgress, RunView};
use crate::ui::import::tables::{preview_rows, PreviewTable, ResultsTable};
use crate::ui::text_field::TextField;
use crate::ui::import::runner::{CreateGroups, Runner};
use crate::state::settings::use_settings;

type GroupRunner = Runner<CreateGroups>;

#[component]
pub fn GroupImport() -> impl IntoView {
    let runner = Runner::new(CreateGroups);
    // Set by "Start import": the progress heading takes the focus once it is shown.
    let focus_run = StoredValue::new(false);
    view! {
        <h1>"Import groups from a CSV file"</h1>
        {move || match runner.shown() {
            Some(_) => view! { <ImportRun runner focus_run /> }.into_any(),
            None => view! { <ImportSetup runner focus_run /> }.into_any(),
        }}
    }
}

/// Choosing the file, its columns and the preview, up to "Start import".
#[component]
fn ImportSetup(runner: GroupRunner, focus_run: StoredValue<bool>) -> impl IntoView {
    let store = use_settings();
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
        let parse = |bytes: &[u8]| import::parse(bytes).map_err(|e| e.to_string());
        load_file(f, parse, file, file_error, move || {
            skip_invalid.set(false);
            file_seq.update(|n| *n += 1);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(f) = picked_file(&ev) {
            load(f);
        }
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
            f.as_ref().map(|(name, csv)| {
                checks.with_untracked(|c| ImportJob::new(js_sys::Date::now(), name, plan_rows(csv, c), conc))
            })
        });
        if let Some(job) = job {
            focus_run.set_value(true);
            runner.start(job);
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
                    on:click=move |_| crate::ui::download::text_file("groups-template.csv", "text/csv", import::TEMPLATE_CSV)>
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
fn ImportRun(runner: GroupRunner, focus_run: StoredValue<bool>) -> impl IntoView {
    let run = RunView::new(runner);
    let file_name = runner.peek(|j| j.plan.file_name.clone()).unwrap_or_default();
    let heading = move || match (run.finished(), run.cancelled(), run.paused()) {
        (true, true, _) => "Import cancelled",
        (true, false, _) => "Import finished",
        (false, true, _) => "Cancelling: waiting for the requests already sent",
        (false, false, true) => "Import paused",
        _ => "Importing",
    };
    let retryable = move || runner.with_job(ImportJob::has_retryable).unwrap_or(false);
    let results_name = format!("{}-results.csv", file_name_stem(&file_name));
    let rows = runner.rows();

    // Keyboard and screen-reader users land on the progress, not on a button that is gone.
    Effect::new(move |_| {
        if focus_run.get_value() {
            focus_run.set_value(false);
            crate::ui::focus_by_id("import-run-title");
        }
    });

    view! {
        <section class="import-run" aria-labelledby="import-run-title">
            <h2 id="import-run-title" tabindex="-1">{heading} " — " {file_name}</h2>
            {move || runner.restored().then(|| view! {
                <div class="alert alert--info" role="status">
                    <p class="alert__headline">"This import was interrupted when the page closed. Rows that had already been created are not sent again; a row whose answer never arrived is looked up first."</p>
                </div>
            })}
            <RunProgress run label="Import progress" />
            <div class="form__actions">
                {move || if run.finished() {
                    view! {
                        {retryable().then(|| view! {
                            <button type="button" class="button" on:click=move |_| runner.act(ImportJob::retry_failed)>"Retry failed rows"</button>
                        })}
                        <button type="button" class="button" on:click=move |_| runner.discard()>"New import"</button>
                    }.into_any()
                } else {
                    view! { <RunControls run resume_label="Resume import" /> }.into_any()
                }}
                <button type="button" class="button" on:click=move |_| run.download(&results_name)>"Download results"</button>
            </div>
            {move || run.paused_with_notice().then(|| view! {
                <p><A href=gc_core::console::routes::link::settings()>"Open Settings"</A></p>
            })}
            <ResultsTable rows cancelled=Signal::derive(move || run.cancelled()) headings=GROUP_HEADINGS
                id_heading="Group ID" />
        </section>
    }
}

/// The results table's columns for a row of groups.
const GROUP_HEADINGS: &[&str] = &["Row", "External ID", "Group name"];

fn file_name_stem(name: &str) -> String {
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    if stem.is_empty() {
        "import".into()
    } else {
        stem.to_string()
    }
}
