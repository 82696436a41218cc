//! "Add members" on the Members tab: customer IDs typed, pasted or read from a CSV file, each
//! checked against the group before anything is sent (those who cannot be added stop the
//! batch, or are left out on request), the batch's role, default group and permissions, a
//! confirmation in words, then the join through the import engine (progress,
//! Pause / Resume / Cancel, resumed after a reload, a result per member, Retry failed, the
//! results file).

use std::sync::Arc;

use gc_core::group::wire::GroupDetails;
use gc_core::import::ImportJob;
use gc_core::members::add::{
    activity_words, check_members, entries_from_text, group_words, join_summary, leave_out_offer, left_out,
    left_out_heading, plan_members, preview_words, read_member_file, ready_items, refused_count, refused_words,
    JoinOptions, MemberCheck, MemberEntry, MemberFile, MEMBERS_TEMPLATE_CSV,
};
use gc_core::members::permissions::{Permission, PermissionSet};
use leptos::prelude::*;

use crate::ui::dialog::Dialog;
use crate::ui::focus_by_id;
use crate::ui::import::run::{load_file, picked_file, RunControls, RunProgress, RunView};
use crate::ui::import::runner::{AddToGroup, Runner};
use crate::ui::import::tables::{short, ResultsTable};
use crate::ui::scroll_box::ScrollBox;
use crate::ui::text_field::TextField;

type AddRunner = Runner<AddToGroup>;

const IDS_FIELD: &str = "add-members-ids";
const RUN_TITLE: &str = "add-members-run-title";
const CONFIRM_BUTTON: &str = "add-members-confirm";
const OPEN_BUTTON: &str = "add-members-open";

thread_local! {
    /// Set when a finished adding is closed: the refreshed group rebuilds the tab, and the
    /// rebuilt button takes the focus back (the browser gave it to the button that is gone).
    static REFOCUS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Focus moves once the view that holds the element is painted.
fn focus_soon(id: &'static str) {
    request_animation_frame(move || focus_by_id(id));
}

/// The "Add members" button and its dialog; `on_done` refreshes the list and the group once a
/// finished adding is closed (its results stay readable until then).
#[component]
pub fn AddMembers(group: Arc<GroupDetails>, on_done: Callback<()>) -> impl IntoView {
    let group_id = group.id.0;
    let runner = Runner::new(AddToGroup { group_id });
    let run = RunView::new(runner);
    let open = RwSignal::new(false);
    let finished = move || runner.shown().is_some() && run.finished();

    // An adding that comes to its end is logged, and its results heading takes the focus.
    Effect::new(move |was: Option<bool>| {
        let now = finished();
        if now && was == Some(false) {
            if let Some((what, outcome, ok)) = runner.peek(activity_words) {
                crate::state::activity::record(group_id, "Added members", what, outcome, ok);
            }
            focus_soon(RUN_TITLE);
        }
        now
    });

    let show = move |_| {
        open.set(true);
        focus_soon(if runner.shown().is_some() { RUN_TITLE } else { IDS_FIELD });
    };
    let close = Callback::new(move |_| {
        open.set(false);
        if finished() {
            runner.discard();
            REFOCUS.with(|r| r.set(true));
            on_done.run(());
        }
    });
    if REFOCUS.with(|r| r.replace(false)) {
        focus_soon(OPEN_BUTTON);
    }
    let label = move || if runner.restored() { "Resume adding members" } else { "Add members" };
    let title = format!("Add members to {}", group_words(&group));
    view! {
        <button type="button" id=OPEN_BUTTON class="button button--primary" on:click=show>{label}</button>
        <Dialog open=open.into() on_close=close title id="add-members">
            {
                let group = group.clone();
                move || match runner.shown() {
                    Some(_) => view! { <AddRun runner run /> }.into_any(),
                    None => view! { <AddSetup group=group.clone() runner /> }.into_any(),
                }
            }
        </Dialog>
    }
}

/// The customers, the batch's options, the preview with each customer's check, and the
/// confirmation.
#[component]
fn AddSetup(group: Arc<GroupDetails>, runner: AddRunner) -> impl IntoView {
    let ids = RwSignal::new(String::new());
    let file = RwSignal::new(None::<(String, MemberFile)>);
    let file_error = RwSignal::new(None::<String>);
    let chose_primary = RwSignal::new(false);
    let default_group = RwSignal::new(true);
    let redeem = RwSignal::new(true);
    let transfer = RwSignal::new(true);
    // None while choosing; on the confirmation, whether the customers who cannot be added
    // are left out (the offer was taken) or there are none.
    let confirming = RwSignal::new(None::<bool>);
    let leaving_out = move || confirming.get() == Some(true);

    let entries = Memo::new(move |_| {
        file.with(|f| match f {
            Some((_, f)) => f.entries.clone(),
            None => ids.with(|t| entries_from_text(t)),
        })
    });
    let had_primary = group.fleet_group_users.iter().any(|m| m.primary_member);
    // The primary role is offered for one customer, to a group that never had a primary.
    let primary_possible = move || !had_primary && entries.with(Vec::len) == 1;
    let options = Memo::new(move |_| JoinOptions {
        primary: chose_primary.get() && primary_possible(),
        default_group: default_group.get(),
        permissions: PermissionSet::new()
            .with(if redeem.get() { Permission::AllowPointsRedemption } else { Permission::BlockPointsRedemption })
            .with(if transfer.get() { Permission::AllowPointsTransfer } else { Permission::BlockPointsTransfer }),
    });
    let checks = {
        let group = group.clone();
        Memo::new(move |_| entries.with(|e| check_members(e, &options.get(), &group)))
    };
    let ready = {
        let group = group.clone();
        Memo::new(move |_| checks.with(|c| ready_items(c, &group, leaving_out())))
    };
    let offer = {
        let group = group.clone();
        Memo::new(move |_| checks.with(|c| leave_out_offer(c, &group)))
    };
    // A file's customers are judged in the preview, not in the list it replaces.
    let ids_error =
        Signal::derive(move || file.with(Option::is_none).then(|| checks.with(|c| refused_words(c))).flatten());

    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(f) = picked_file(&ev) {
            load_file(f, read_member_file, file, file_error, || ());
        }
    };

    let summary = {
        let group = group.clone();
        move || ready.with(|r| r.as_ref().ok().map(|items| join_summary(&group, items)))
    };
    let count = move || ready.with(|r| r.as_ref().map(Vec::len).unwrap_or(0));
    let confirm_label =
        move || if count() == 1 { "Add 1 customer".to_string() } else { format!("Add {} customers", count()) };
    let start = move |_| {
        if ready.with_untracked(Result::is_err) {
            return;
        }
        let name = file.with_untracked(|f| f.as_ref().map(|(n, _)| n.clone())).unwrap_or_else(|| "typed list".into());
        // Those left out are planned without a request: skipped, and listed so in the results.
        let rows = entries.with_untracked(|e| checks.with_untracked(|c| plan_members(e, c)));
        // One request at a time: the platform fills the group in the order given.
        runner.start(ImportJob::new(js_sys::Date::now(), &name, rows, 1));
        focus_soon(RUN_TITLE);
    };
    let room = {
        let group = group.clone();
        move || {
            let active = group.active_members();
            match (group.size_limit(), group.room()) {
                (Some(max), Some(free)) => format!("The group has {active} of {max} members: room for {free} more."),
                _ => format!("The group has {active} members."),
            }
        }
    };
    let from_file = move || file.with(Option::is_some);

    view! {
        <div class="add-members" hidden=move || confirming.get().is_some()>
            <p class="add-members__room">{room}</p>
            <TextField id=IDS_FIELD label="Customer IDs" value=ids rows=5 error=ids_error
                hint=Signal::derive(move || match file.with(|f| f.as_ref().map(|(n, _)| n.clone())) {
                    Some(name) => format!("The file {name} is used instead of this list: remove it to use the IDs typed here."),
                    None => "One per line, or separated by commas.".to_string(),
                }) />
            <div class="add-members__file">
                <label for="add-members-file">"Choose a CSV file"</label>
                <input id="add-members-file" type="file" accept=".csv,text/csv" aria-describedby="add-members-file-hint" on:change=on_pick />
                <p id="add-members-file-hint" class="field__hint">
                    "A column " <code>"customerId"</code> " (or " <code>"userId"</code> "); optionally " <code>"primary"</code>
                    " (yes for the primary member) and " <code>"permissions"</code> " (the platform's words, separated by spaces), which replace the choices below for that row."
                </p>
                <p class="add-members__file-actions">
                    <button type="button" class="button button--small"
                        on:click=move |_| crate::ui::download::text_file("members-template.csv", "text/csv", MEMBERS_TEMPLATE_CSV)>
                        "Download template"
                    </button>
                    {move || file.with(|f| f.as_ref().map(|(name, f)| {
                        let ignored = (!f.ignored.is_empty()).then(|| format!(" Columns not read: {}.", f.ignored.join(", ")));
                        view! {
                            <span class="add-members__file-name">{format!("Using {name}: {} rows.", f.entries.len())}{ignored}</span>
                            <button type="button" class="button button--small" on:click=move |_| file.set(None)>"Remove the file"</button>
                        }
                    }))}
                </p>
                {move || file_error.get().map(|m| view! {
                    <div class="alert alert--error" role="alert"><p class="alert__headline">{m}</p></div>
                })}
            </div>
            <BatchOptions chose_primary primary_possible=Signal::derive(primary_possible) had_primary default_group redeem transfer />
            {move || (!entries.with(Vec::is_empty)).then(|| view! {
                <MemberPreview entries checks from_file=Signal::derive(from_file) />
            })}
            <div class="form__actions">
                <button type="button" class="button button--primary" disabled=move || ready.with(Result::is_err)
                    on:click=move |_| { confirming.set(Some(false)); focus_soon(CONFIRM_BUTTON); }>"Continue"</button>
                {move || offer.get().map(|label| view! {
                    <button type="button" class="button"
                        on:click=move |_| { confirming.set(Some(true)); focus_soon(CONFIRM_BUTTON); }>{label}</button>
                })}
            </div>
        </div>
        {move || confirming.get().map(|leave_out| view! {
            <section class="add-members__confirm" aria-labelledby="add-members-confirm-title">
                <h3 id="add-members-confirm-title">"Confirm"</h3>
                <p id="add-members-summary">{summary.clone()}</p>
                {leave_out.then(|| view! { <LeftOut entries checks /> })}
                <div class="form__actions">
                    <button type="button" id=CONFIRM_BUTTON class="button button--primary"
                        aria-describedby=if leave_out { "add-members-summary add-members-left-out" } else { "add-members-summary" }
                        on:click=start>{confirm_label}</button>
                    <button type="button" class="button" on:click=move |_| { confirming.set(None); focus_soon(IDS_FIELD); }>"Back"</button>
                </div>
            </section>
        })}
    }
}

/// The confirmation's list of the customers left out, each with why.
#[component]
fn LeftOut(entries: Memo<Vec<MemberEntry>>, checks: Memo<Vec<MemberCheck>>) -> impl IntoView {
    let dropped = entries.with_untracked(|e| checks.with_untracked(|c| left_out(e, c)));
    view! {
        <div id="add-members-left-out">
            <p>{left_out_heading(dropped.len())}</p>
            <ul>
                {dropped.into_iter().map(|(who, why)| view! { <li><strong>{short(&who)}</strong>": " {why}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// Role, default group and the two permissions, for the whole batch.
#[component]
fn BatchOptions(
    chose_primary: RwSignal<bool>,
    primary_possible: Signal<bool>,
    had_primary: bool,
    default_group: RwSignal<bool>,
    redeem: RwSignal<bool>,
    transfer: RwSignal<bool>,
) -> impl IntoView {
    let primary = move || chose_primary.get() && primary_possible.get();
    let role_hint = if had_primary {
        "This group has (or had) a primary member: the role cannot be given again."
    } else {
        "Primary member: for one customer at a time, in a group without one."
    };
    view! {
        <fieldset class="segmented" aria-describedby="add-members-role-hint">
            <legend>"Role"</legend>
            {choice("add-members-role", "Member", move || !primary(), move || chose_primary.set(false), || false)}
            {choice("add-members-role", "Primary member", primary, move || chose_primary.set(true),
                move || !primary_possible.get())}
        </fieldset>
        <p id="add-members-role-hint" class="field__hint">{role_hint}</p>
        <div class="field--checkbox">
            <input type="checkbox" id="add-members-default" aria-describedby="add-members-default-hint"
                prop:checked=move || default_group.get() on:change=move |ev| default_group.set(event_target_checked(&ev)) />
            <label for="add-members-default">"Default group"</label>
            <p id="add-members-default-hint" class="field__hint">"The group becomes their default group for group transactions."</p>
        </div>
        {allow_or_block("add-members-redeem", "Redeeming group points", redeem)}
        {allow_or_block("add-members-transfer", "Transferring group points", transfer)}
    }
}

/// One radio of a segmented choice.
fn choice(
    name: &'static str,
    label: &'static str,
    checked: impl Fn() -> bool + Send + Sync + 'static,
    pick: impl Fn() + Send + Sync + 'static,
    disabled: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let id = format!("{name}-{}", label.to_ascii_lowercase().replace(' ', "-"));
    view! {
        <span class="segmented__option">
            <input type="radio" name=name id=id.clone() prop:checked=checked
                disabled=disabled on:change=move |_| pick() />
            <label for=id>{label}</label>
        </span>
    }
}

/// Allow or Block for one permission: one of the two is always chosen, never both.
fn allow_or_block(name: &'static str, legend: &'static str, allow: RwSignal<bool>) -> impl IntoView {
    view! {
        <fieldset class="segmented">
            <legend>{legend}</legend>
            {choice(name, "Allow", move || allow.get(), move || allow.set(true), || false)}
            {choice(name, "Block", move || !allow.get(), move || allow.set(false), || false)}
        </fieldset>
    }
}

/// Every customer with its check: "Ready", or each reason it cannot be added.
#[component]
fn MemberPreview(
    entries: Memo<Vec<MemberEntry>>,
    checks: Memo<Vec<MemberCheck>>,
    from_file: Signal<bool>,
) -> impl IntoView {
    let summary = move || checks.with(|c| preview_words(c));
    view! {
        <p class="import-summary" class:import-summary--invalid=move || checks.with(|c| refused_count(c) > 0) role="status">{summary}</p>
        <ScrollBox class="import-table-wrap add-members__preview" label="Customers and their check, scrollable">
            <table class="import-table">
                <caption>"Customers and their check"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{move || if from_file.get() { "Row" } else { "Item" }}</th>
                        <th scope="col">"Customer ID"</th>
                        <th scope="col">"Check"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || entries.with(|e| checks.with(|c| e.iter().zip(c).map(|(entry, check)| {
                        let verdict = match check {
                            Ok(_) => view! { <span class="badge badge--ok">"Ready"</span> }.into_any(),
                            Err(problems) => view! {
                                <ul class="import-problems">
                                    {problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                                </ul>
                            }.into_any(),
                        };
                        let text = if entry.text.is_empty() { "—".to_string() } else { short(&entry.text) };
                        view! {
                            <tr class:import-row--invalid=check.is_err()>
                                <td class="num">{entry.row}</td>
                                <td class="import-id">{text}</td>
                                <td class="import-details">{verdict}</td>
                            </tr>
                        }
                    }).collect_view()))}
                </tbody>
            </table>
        </ScrollBox>
    }
}

/// The adding under way, or its results per member.
#[component]
fn AddRun(runner: AddRunner, run: RunView<AddToGroup>) -> impl IntoView {
    let heading = move || {
        let c = run.counts();
        match (run.finished(), run.cancelled(), run.paused()) {
            (true, cancelled, _) => format!(
                "{}: {} added, {} failed{}{}",
                if cancelled { "Cancelled" } else { "Done" },
                c.done,
                c.failed,
                if cancelled { format!(", {} not sent", c.remaining) } else { String::new() },
                if c.skipped > 0 { format!(", {} left out", c.skipped) } else { String::new() }
            ),
            (false, true, _) => "Cancelling: waiting for the request already sent".into(),
            (false, false, true) => "Adding members: paused".into(),
            _ => "Adding members…".into(),
        }
    };
    let from_file = runner.peek(|j| j.plan.file_name != "typed list").unwrap_or(false);
    let headings: &'static [&'static str] = if from_file { &["Row", "Customer ID"] } else { &["Item", "Customer ID"] };
    let rows = runner.rows();
    view! {
        <section class="import-run" aria-labelledby=RUN_TITLE>
            <h3 id=RUN_TITLE tabindex="-1">{heading}</h3>
            {move || runner.restored().then(|| view! {
                <div class="alert alert--info" role="status">
                    <p class="alert__headline">"Adding these members was interrupted when the page closed. Customers already added are not sent again; those whose answer never arrived are looked up first."</p>
                </div>
            })}
            <RunProgress run label="Adding progress" />
            <div class="form__actions">
                {move || if run.finished() {
                    (run.counts().failed > 0).then(|| view! {
                        <button type="button" class="button" on:click=move |_| runner.act(ImportJob::retry_every_failed)>"Retry failed"</button>
                    }).into_any()
                } else {
                    view! { <RunControls run resume_label="Resume adding" /> }.into_any()
                }}
                <button type="button" class="button" on:click=move |_| run.download("add-members-results.csv")>"Download results"</button>
            </div>
            <ResultsTable rows cancelled=Signal::derive(move || run.cancelled()) headings />
        </section>
    }
}
