//! "Issue points" on the Points tab (`POST /v2/customers/bulk/manualCurrencyAllocate`, lookup
//! entity `USERGROUP2`): points tied to one of the group's bills or to a completed target,
//! computed by an award strategy and expiring by an expiry strategy, for the org named in
//! Settings. Checked before anything is sent, confirmed in words, answered item by item (a 207
//! Multi-Status included). Nothing is issued twice: the issue is kept in this browser with its
//! `uniqueId` before it goes out, a lost answer reads the group's ledger and says what it found,
//! and a resend carries the same `uniqueId` (a 6006 then means an earlier attempt went through —
//! also when the browser itself sent the request again after a dropped connection).
//! The platform takes this call with Basic credentials only: with OAuth the tab says so and
//! offers nothing. Rules and words: gc_core::points::issue.

use std::sync::Arc;
use std::time::Duration;

use gc_core::console::browser_data::{issue_key, ISSUE_STRATEGIES};
use gc_core::console::routes::link;
use gc_core::group::wire::{GroupDetails, GroupKey};
use gc_core::history::ledger::{is_empty_page, LedgerAnswer, LedgerQuery};
use gc_core::history::wire::{Transaction, TransactionType, TransactionsQuery};
use gc_core::members::add::group_words;
use gc_core::platform::error::ApiError;
use gc_core::platform::format::plain_number;
use gc_core::points::checks;
use gc_core::points::issue::{
    self as rules, activity_what, after_lost_answer, check_issue, needs_basic, unique_id, unreadable_ledger_words,
    AllocateAnswer, IssueEvent, IssueField, IssueForm, IssueProblem, SentIssue, Strategies, StrategyPair,
};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::boot::parts::{dialog_body, page_part};
use crate::features::group::context::GroupRefresh;
use crate::state::settings::{use_settings, SettingsStore};
use crate::state::storage::{self, Store};
use crate::ui::alerts::ErrorAlert;
use crate::ui::dialog::Dialog;
use crate::ui::focus_by_id;
use crate::ui::form::SubmitButton;
use crate::ui::intl;
use crate::ui::text_field::TextField;

/// Bills offered a page at a time, newest first.
const BILLS_PAGE: u32 = 10;

/// Focus moves to what just appeared, once it is drawn.
fn focus_soon(id: &'static str) {
    set_timeout(move || focus_by_id(id), Duration::ZERO);
}

// ------------------------------------------------------------------ what this browser keeps

fn kept_key(store: SettingsStore, group_id: u64) -> String {
    issue_key(&store.for_request().public.api_base_url, group_id)
}

/// The issue confirmed for this group whose outcome is not known yet.
fn kept_issue(store: SettingsStore, group_id: u64) -> Option<SentIssue> {
    SentIssue::parse(storage::get(Store::Local, &kept_key(store, group_id)).as_deref(), group_id)
}

/// Kept before it goes out, so a resend — even after a reload — carries the same `uniqueId`.
fn keep(store: SettingsStore, group_id: u64, sent: &SentIssue) {
    if let Ok(json) = serde_json::to_string(sent) {
        storage::set(Store::Local, &kept_key(store, group_id), &json);
    }
}

/// The outcome is known: nothing is left to resend.
fn settle(store: SettingsStore, group_id: u64) {
    storage::remove(Store::Local, &kept_key(store, group_id));
}

fn strategies() -> Strategies {
    Strategies::parse(storage::get(Store::Local, ISSUE_STRATEGIES).as_deref())
}

fn remember(sent: &SentIssue) {
    let item = &sent.item;
    if let (Some(program), Some(award), Some(expiry)) =
        (item.program_id, item.award_strategy_id, item.expiry_strategy_id)
    {
        let mut s = strategies();
        s.remember(program, StrategyPair { award: award as u64, expiry: expiry as u64 });
        storage::set(Store::Local, ISSUE_STRATEGIES, &s.to_json());
    }
}

/// A `uniqueId` nobody else's issue is likely to carry: 64 random bits.
fn random_u64() -> u64 {
    let half = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    (half() << 32) | half()
}

// ------------------------------------------------------------------ the button

/// The Points tab's "Issue points" button and its dialog; with OAuth credentials, the words
/// why there is none. Closing the dialog after points were issued reads the group again,
/// which refreshes the cards.
#[component]
pub fn IssuePoints(group: Arc<GroupDetails>) -> impl IntoView {
    let store = use_settings();
    let basic_only = move || needs_basic(store.settings.get().effective(&store.config.get()).public.auth_mode);
    let open = RwSignal::new(false);
    let issued = StoredValue::new(false);
    let refresh = use_context::<GroupRefresh>();
    let close = Callback::new(move |_| {
        open.set(false);
        // Reading the group again redraws the tab, this dialog with it: only once it is closed.
        if issued.get_value() {
            issued.set_value(false);
            if let Some(GroupRefresh(cb)) = refresh {
                cb.run(());
            }
        }
    });
    let warm = move || leptos::task::spawn_local(points_issue::fetch());
    view! {
        {move || match basic_only() {
            Some(words) => view! { <p class="points-actions__note" id="issue-needs-basic">{words}</p> }.into_any(),
            None => view! {
                <button type="button" class="button" aria-haspopup="dialog" on:pointerenter=move |_| warm() on:focus=move |_| warm()
                    on:click=move |_| open.set(true)>
                    "Issue points"
                </button>
            }.into_any(),
        }}
        <Dialog open=open.into() on_close=close title="Issue points" id="issue-dialog">
            {
                let group = group.clone();
                move || dialog_body({
                    let group = group.clone();
                    move || points_issue::load(group.clone(), issued, close)
                })
            }
        </Dialog>
    }
}

// The dialog's code travels apart from the tab's (gc_core::console::routes::DIALOG_PARTS).
page_part!(dialog points_issue, |group: Arc<GroupDetails>, issued: StoredValue<bool>, close: Callback<()>| view! {
    <IssueFlow group issued close />
});

// ------------------------------------------------------------------ the flow

/// What the dialog does with a confirmed issue.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// Send it (again after a lost answer or a failure: the same `uniqueId`).
    Send,
    /// Only read the ledger again.
    Look,
}

/// What came of a step.
#[derive(Debug, Clone)]
enum Outcome {
    /// The platform answered (200 or 207): item by item.
    Answered(AllocateAnswer),
    /// The whole request was refused: nothing was issued.
    Refused(ApiError),
    /// The answer was lost (`lost`: how; none when only the ledger was read again), and the
    /// ledger as read after it.
    Lost { lost: Option<ApiError>, ledger: Result<LedgerAnswer, ApiError> },
}

/// The newest page of the group's ledger; an empty ledger (11003) is an empty page.
async fn read_ledger(store: SettingsStore, group_id: u64) -> Result<LedgerAnswer, ApiError> {
    match api::history::ledger(&store.for_request(), &LedgerQuery::new(group_id)).await {
        Err(e) if is_empty_page(&e) => Ok(LedgerAnswer::default()),
        other => other,
    }
}

#[component]
fn IssueFlow(group: Arc<GroupDetails>, issued: StoredValue<bool>, close: Callback<()>) -> impl IntoView {
    let store = use_settings();
    let group_id = group.id.0;
    let name = group_words(&group);
    // An issue whose answer was lost earlier (this dialog closed, the page reloaded) comes back
    // first: it is looked up in the ledger before anything else can be sent.
    let earlier = kept_issue(store, group_id);
    let confirmed = RwSignal::new(earlier.clone());
    let editing = RwSignal::new(earlier.is_none());

    let action = {
        let name = name.clone();
        Action::new_local(move |(sent, step): &(SentIssue, Step)| {
            let (mut sent, step, name) = (sent.clone(), *step, name.clone());
            async move {
                let settings = store.for_request();
                let outcome = match step {
                    Step::Look => Outcome::Lost { lost: None, ledger: read_ledger(store, group_id).await },
                    Step::Send => {
                        sent.sent_at = js_sys::Date::now();
                        keep(store, group_id, &sent);
                        confirmed.set(Some(sent.clone()));
                        match api::points::issue_points(&settings, std::slice::from_ref(&sent.item)).await {
                            Ok(answer) => {
                                settle(store, group_id);
                                remember(&sent);
                                Outcome::Answered(answer)
                            }
                            Err(e) if e.outcome_unknown() => {
                                Outcome::Lost { lost: Some(e), ledger: read_ledger(store, group_id).await }
                            }
                            Err(e) => {
                                settle(store, group_id);
                                Outcome::Refused(e)
                            }
                        }
                    }
                };
                log(store, group_id, &sent, &outcome, step, &name, issued);
                focus_soon("issue-outcome");
                (sent, outcome)
            }
        })
    };
    // The earlier issue is looked up at once.
    if let Some(sent) = earlier {
        action.dispatch((sent, Step::Look));
    }
    let pending = action.pending();
    let outcome = move || action.value().get().filter(|_| !pending.get());
    let send = Callback::new(move |step: Step| {
        if !pending.get_untracked() {
            if let Some(sent) = confirmed.get_untracked() {
                action.dispatch((sent, step));
            }
        }
    });
    let change = Callback::new(move |_| {
        confirmed.set(None);
        action.value().set(None);
        editing.set(true);
        focus_soon("issue-program");
    });
    let forget = Callback::new(move |_| {
        settle(store, group_id);
        change.run(());
    });
    let on_confirm = Callback::new(move |sent: SentIssue| {
        confirmed.set(Some(sent));
        editing.set(false);
        focus_soon("issue-confirm-title");
    });

    let name_for_outcome = name.clone();
    view! {
        <div hidden=move || !editing.get()>
            <Details group=group.clone() on_confirm close />
        </div>
        {move || (!editing.get()).then(|| confirmed.get()).flatten().map(|sent| {
            let answered = outcome().map(|(_, o)| o);
            let name = name_for_outcome.clone();
            let looking = pending.get() && action.input().with(|i| matches!(i, Some((_, Step::Look))));
            match answered {
                None if looking => view! {
                    <p class="loading" role="status">"Reading the group's ledger to see whether the points were issued…"</p>
                }.into_any(),
                None => view! { <Confirmation sent pending=pending.into() send change /> }.into_any(),
                Some(o) => view! { <OutcomeView sent outcome=o name send change forget close /> }.into_any(),
            }
        })}
    }
}

/// The activity log's entry for an outcome, and whether the cards need reading again.
fn log(
    store: SettingsStore,
    group_id: u64,
    sent: &SentIssue,
    outcome: &Outcome,
    step: Step,
    name: &str,
    issued: StoredValue<bool>,
) {
    let what = activity_what(sent);
    let (words, ok) = match outcome {
        Outcome::Answered(answer) => {
            let items = answer.outcomes(name);
            let ok = items.iter().all(|i| i.issued);
            (items.into_iter().map(|i| i.words).collect::<Vec<_>>().join(" "), ok)
        }
        Outcome::Refused(e) => (format!("not issued: {} ({})", rules::words(e), e.technical()), false),
        Outcome::Lost { ledger: Ok(ledger), .. } => {
            let found = after_lost_answer(ledger, sent);
            if found.issued() {
                settle(store, group_id);
            }
            (format!("answer lost: {}", found.words(sent)), found.issued())
        }
        Outcome::Lost { ledger: Err(e), .. } => (unreadable_ledger_words(e), false),
    };
    if ok {
        issued.set_value(true);
    }
    // Looking again is no action on the group, unless it settles one.
    if step != Step::Look || ok {
        crate::state::activity::record(group_id, "Issued points", what, words, ok);
    }
}

// ------------------------------------------------------------------ the form

fn field_id(field: IssueField) -> &'static str {
    match field {
        IssueField::Whole => "issue-problem",
        IssueField::Program => "issue-program",
        IssueField::AwardStrategy => "issue-award",
        IssueField::ExpiryStrategy => "issue-expiry",
        IssueField::Event => "issue-event",
        IssueField::SourceValue => "issue-amount",
    }
}

/// The bill chosen from the group's transactions: its transaction id and bill number.
type Bill = (String, String);

#[component]
fn Details(group: Arc<GroupDetails>, on_confirm: Callback<SentIssue>, close: Callback<()>) -> impl IntoView {
    let store = use_settings();
    let group_id = group.id.0;
    let name = group_words(&group);
    let programs = checks::programs(&group.points_summaries);
    let first_program = programs.first().map(|p| p.id).unwrap_or_default();
    let pair = move |program: i64| strategies().get(program);
    let text = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    let program = RwSignal::new(first_program);
    let award = RwSignal::new(text(pair(first_program).map(|p| p.award)));
    let expiry = RwSignal::new(text(pair(first_program).map(|p| p.expiry)));
    let by_bill = RwSignal::new(true);
    let bill = RwSignal::new(None::<Bill>);
    let amount = RwSignal::new(String::new());
    let achieved = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let org_id = Memo::new(move |_| store.settings.with(|s| s.public.org_id));

    let this = StoredValue::new(group.clone());
    let checked = Memo::new(move |_| {
        let event = match (by_bill.get(), bill.get()) {
            (true, Some((transaction_id, bill_number))) => IssueEvent::Bill { transaction_id, bill_number },
            (true, None) => IssueEvent::Bill { transaction_id: String::new(), bill_number: String::new() },
            (false, _) => IssueEvent::Target { achieved_id: achieved.get() },
        };
        this.with_value(|g| {
            check_issue(
                g,
                &IssueForm {
                    org_id: org_id.get(),
                    program_id: program.get(),
                    award_strategy: &award.read(),
                    expiry_strategy: &expiry.read(),
                    event,
                    source_value: &amount.read(),
                },
            )
        })
    });
    let problem = move |field: IssueField| {
        checked.with(|c| c.as_ref().err()?.iter().find(|p| p.field() == field).map(IssueProblem::to_string))
    };
    let error = move |field: IssueField| Signal::derive(move || problem(field).filter(|_| tried.get()));

    let review = move || {
        tried.set(true);
        match checked.get_untracked() {
            Err(problems) => match problems.first().map(IssueProblem::field) {
                Some(IssueField::Event) if !by_bill.get_untracked() => focus_by_id("issue-target"),
                Some(field) => focus_by_id(field_id(field)),
                None => {}
            },
            Ok(input) => {
                let id = unique_id(group_id, random_u64());
                on_confirm.run(this.with_value(|g| SentIssue::new(g, &input, &id, &group_words(g))));
            }
        }
    };
    let choose_program = move |id: i64| {
        program.set(id);
        // The strategies last used with this program, when there are some.
        if let Some(p) = pair(id) {
            award.set(p.award.to_string());
            expiry.set(p.expiry.to_string());
        }
    };
    let whole = Signal::derive(move || problem(IssueField::Whole).filter(|_| tried.get()));
    let program_error = error(IssueField::Program);
    let event_error = error(IssueField::Event);
    // No bill chosen is said under the choice; no target ID, under its field.
    let bill_error = move || event_error.get().filter(|_| by_bill.get());
    let target_error = Signal::derive(move || event_error.get().filter(|_| !by_bill.get()));
    let intro = format!(
        "Issue points to {name}, tied to one of its bills or to a completed target. The platform computes how many \
         by the award strategy; they expire by the expiry strategy."
    );

    view! {
        <form class="form issue-form" novalidate on:submit=move |ev| { ev.prevent_default(); review(); }>
            <p>{intro}</p>
            <OrgLine group_id org_id />
            {move || whole.get().map(|w| view! {
                <p class="alert alert--error" id="issue-problem" role="alert" tabindex="-1">{w}</p>
            })}
            {if programs.is_empty() {
                view! { <p class="alert alert--error" role="alert">"This group is in no loyalty program, so it cannot be issued points."</p> }.into_any()
            } else {
                view! {
                    <div class="field" class:field--invalid=move || program_error.get().is_some()>
                        <label for="issue-program">"Program"</label>
                        <select id="issue-program" aria-describedby="issue-program-msg"
                            aria-invalid=move || if program_error.get().is_some() { "true" } else { "false" }
                            prop:value=move || program.get().to_string()
                            on:change=move |ev| choose_program(event_target_value(&ev).parse().unwrap_or_default())>
                            {programs.iter().map(|p| view! {
                                <option value=p.id.to_string() selected=p.id == first_program>
                                    {format!("{} ({} points now)", p.title, intl::opt_number(p.points))}
                                </option>
                            }).collect_view()}
                        </select>
                        <p id="issue-program-msg" class=move || if program_error.get().is_some() { "field__error" } else { "field__hint" }>
                            {move || program_error.get().unwrap_or_else(|| "The group's programs, with the points it holds in each.".into())}
                        </p>
                    </div>
                }.into_any()
            }}
            <fieldset class="issue-form__tie" id="issue-event" tabindex="-1" aria-describedby="issue-event-msg">
                <legend>"Tied to"</legend>
                <div class="field--checkbox">
                    <input type="radio" name="issue-tie" id="issue-tie-bill" prop:checked=move || by_bill.get()
                        on:change=move |_| by_bill.set(true) />
                    <label for="issue-tie-bill">"A bill of this group"</label>
                </div>
                <div class="field--checkbox">
                    <input type="radio" name="issue-tie" id="issue-tie-target" prop:checked=move || !by_bill.get()
                        on:change=move |_| by_bill.set(false) />
                    <label for="issue-tie-target">"A completed target"</label>
                </div>
                <p id="issue-event-msg" class=move || if bill_error().is_some() { "field__error" } else { "field__hint" }>
                    {move || bill_error().unwrap_or_else(|| "The points stay linked to it: a returned bill takes them back.".into())}
                </p>
            </fieldset>
            <div hidden=move || !by_bill.get()>
                <Bills group_id bill amount />
                <TextField id="issue-amount" label="Bill amount" value=amount inputmode="decimal"
                    error=error(IssueField::SourceValue)
                    hint="The amount the award strategy computes on: the bill's, or another you enter." />
            </div>
            <div hidden=move || by_bill.get()>
                <TextField id="issue-target" label="Target's achieved ID" value=achieved
                    error=target_error hint="The ID the platform gave the completed target. The award is the strategy's fixed one." />
            </div>
            <TextField id="issue-award" label="Award strategy ID" value=award inputmode="numeric" required=true
                error=error(IssueField::AwardStrategy) hint="Decides how many points, e.g. 111523. Remembered per program." />
            <TextField id="issue-expiry" label="Expiry strategy ID" value=expiry inputmode="numeric" required=true
                error=error(IssueField::ExpiryStrategy) hint="Decides when they expire, e.g. 111581." />
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Review the issue"</button>
                <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
            </div>
        </form>
    }
}

/// Which org the issue names, and where that comes from. Unset: what to set, and the org this
/// group's ledger names, as a hint.
#[component]
fn OrgLine(group_id: u64, org_id: Memo<Option<u64>>) -> impl IntoView {
    let store = use_settings();
    move || match org_id.get() {
        Some(org) => view! {
            <p class="field__hint issue-form__org">
                {format!("For org {org}, as Settings names it. ")}
                <A href=link::settings()>"Change it in Settings"</A>
            </p>
        }
        .into_any(),
        None => {
            let seen = LocalResource::new(move || async move {
                let ledger = read_ledger(store, group_id).await.ok()?;
                ledger.ledger_entries.iter().find_map(|e| e.org_id).map(|o| o.0)
            });
            view! {
                <div class="consequences issue-form__org">
                    <p>"The platform needs the org's ID to issue points, and Settings has none. "
                        <A href=link::settings()>"Set the org ID in Settings"</A></p>
                    {move || seen.get().flatten().map(|org| view! {
                        <p class="field__hint">{format!("This group's ledger names org {org}.")}</p>
                    })}
                </div>
            }
            .into_any()
        }
    }
}

/// The group's bills, newest first, a page at a time; choosing one fills in its amount.
#[component]
fn Bills(group_id: u64, bill: RwSignal<Option<Bill>>, amount: RwSignal<String>) -> impl IntoView {
    let store = use_settings();
    let offset = RwSignal::new(0u32);
    let query = Memo::new(move |_| {
        let mut q = TransactionsQuery::new(GroupKey::Id(group_id)).at(offset.get());
        q.kind = Some(TransactionType::Regular);
        q.limit = BILLS_PAGE;
        q
    });
    let bills = crate::ui::latest::Latest::follow(query, move |q: TransactionsQuery| {
        let settings = store.for_request();
        async move { Some(api::history::transactions(&settings, &q).await) }
    });
    let choose = move |t: &Transaction| {
        let id = t.id.map(|i| i.0.to_string()).unwrap_or_default();
        bill.set(Some((id, t.bill_number().to_string())));
        amount.set(t.amount().map(plain_number).unwrap_or_default());
    };
    view! {
        <fieldset class="issue-bills">
            <legend>"Bill"</legend>
            <p class="loading" role="status">{move || bills.loading().then_some("Loading bills…")}</p>
            {move || bills.get().map(|(q, answer)| match answer {
                Ok(page) if page.data.is_empty() && q.offset == 0 => {
                    view! { <p class="empty">"This group has no bills: tie the points to a target instead."</p> }.into_any()
                }
                Ok(page) => {
                    let last = q.is_last_page(page.data.len());
                    let first = q.offset == 0;
                    view! {
                        <ul class="issue-bills__list">
                            {page.data.into_iter().filter(|t| t.id.is_some()).map(|t| {
                                let id = t.id.map(|i| i.0).unwrap_or_default();
                                let input_id = format!("issue-bill-{id}");
                                let number = match t.bill_number() { "" => format!("transaction {id}"), n => n.to_string() };
                                let words = format!("{number} · {} · {}", intl::date(t.date()), intl::opt_number(t.amount()));
                                let t = StoredValue::new(t);
                                view! {
                                    <li class="field--checkbox">
                                        <input type="radio" name="issue-bill" id=input_id.clone()
                                            prop:checked=move || bill.with(|b| b.as_ref().is_some_and(|b| b.0 == id.to_string()))
                                            on:change=move |_| t.with_value(choose) />
                                        <label for=input_id>{words}</label>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <div class="issue-bills__pages">
                            <button type="button" class="button" disabled=first
                                on:click=move |_| offset.update(|o| *o = o.saturating_sub(BILLS_PAGE))>"Newer bills"</button>
                            <button type="button" class="button" disabled=last
                                on:click=move |_| offset.update(|o| *o += BILLS_PAGE)>"Older bills"</button>
                        </div>
                    }.into_any()
                }
                Err(error) => view! {
                    <ErrorAlert error on_retry=Callback::new(move |_| bills.refetch()) />
                }.into_any(),
            })}
        </fieldset>
    }
}

// ------------------------------------------------------------------ confirmation and outcome

#[component]
fn Confirmation(sent: SentIssue, pending: Signal<bool>, send: Callback<Step>, change: Callback<()>) -> impl IntoView {
    view! {
        <form class="form issue-confirm" novalidate on:submit=move |ev| { ev.prevent_default(); send.run(Step::Send); }>
            <h3 id="issue-confirm-title" tabindex="-1">"Confirm the issue"</h3>
            <p id="issue-confirmation">{sent.confirmation.clone()}</p>
            <p class="field__hint">{format!(
                "It goes with the reference {}: the platform refuses a second issue with it, so sending again never issues twice.",
                sent.item.unique_id
            )}</p>
            <div class="form__actions">
                <SubmitButton pending label="Issue points" busy="Issuing…" id="issue-send" />
                <button type="button" class="button" disabled=move || pending.get() on:click=move |_| change.run(())>"Change"</button>
            </div>
        </form>
    }
}

#[component]
fn OutcomeView(
    sent: SentIssue,
    outcome: Outcome,
    name: String,
    send: Callback<Step>,
    change: Callback<()>,
    forget: Callback<()>,
    close: Callback<()>,
) -> impl IntoView {
    let close_button = move || {
        view! { <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button> }
    };
    match outcome {
        Outcome::Answered(answer) => {
            let items = answer.outcomes(&name);
            let all = items.iter().all(|i| i.issued);
            let multi = answer.failed().next().is_some();
            let lines = items
                .into_iter()
                .zip(answer.data.iter().map(Some).chain(std::iter::repeat(None)))
                .map(|(item, raw)| {
                    let detail = raw.and_then(|r| {
                        let e = r.errors.first()?;
                        let status = r.http_status.map(|s| format!("HTTP {s} · ")).unwrap_or_default();
                        let code = e.code.map(|c| format!("code {c}")).unwrap_or_default();
                        Some(format!("{status}{code}: {}", e.message.trim()))
                    });
                    view! {
                        <li>
                            {if item.issued {
                                view! { <span class="badge badge--ok">"Issued"</span> }.into_any()
                            } else {
                                view! { <span class="badge badge--danger">"Not issued"</span> }.into_any()
                            }}
                            " " {item.words}
                            {detail.map(|d| view! { " " <span class="muted">{d}</span> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h3 id="issue-outcome" tabindex="-1">"Result"</h3>
                <p class="field__hint">{sent.confirmation.clone()}</p>
                {multi.then(|| view! { <p>"The platform answered item by item:"</p> })}
                <div role="status"><ul class="outcomes">{lines}</ul></div>
                <div class="form__actions">
                    {(!all).then(|| view! {
                        <button type="button" class="button" on:click=move |_| change.run(())>"Change the details"</button>
                    })}
                    {close_button()}
                </div>
            }
            .into_any()
        }
        Outcome::Refused(error) => {
            let words = rules::words(&error);
            view! {
                <h3 id="issue-outcome" tabindex="-1">"Not issued"</h3>
                <p class="field__hint">{sent.confirmation.clone()}</p>
                <ErrorAlert error words on_retry=Callback::new(move |_| send.run(Step::Send)) />
                <div class="form__actions">
                    <button type="button" class="button" on:click=move |_| change.run(())>"Change the details"</button>
                    {close_button()}
                </div>
            }
            .into_any()
        }
        Outcome::Lost { lost, ledger } => {
            let how =
                lost.map(|e| format!("The answer to this issue was lost ({}).", e.headline().trim_end_matches('.')));
            let how = how.unwrap_or_else(|| "The answer to this issue was lost earlier.".into());
            let (words, issued) = match &ledger {
                Ok(l) => {
                    let found = after_lost_answer(l, &sent);
                    (found.words(&sent), found.issued())
                }
                Err(e) => (unreadable_ledger_words(e), false),
            };
            view! {
                <div class=if issued { "result result--ok" } else { "consequences" } role="status" id="issue-outcome" tabindex="-1">
                    <p><strong>{how}</strong></p>
                    <p class="field__hint">{sent.confirmation.clone()}</p>
                    <p>{words}</p>
                </div>
                <div class="form__actions">
                    {(!issued).then(|| view! {
                        <button type="button" class="button" on:click=move |_| send.run(Step::Send)>
                            "Send again (same reference)"
                        </button>
                        <button type="button" class="button" on:click=move |_| send.run(Step::Look)>"Look at the ledger again"</button>
                        <button type="button" class="button" on:click=move |_| forget.run(())>"Forget this issue"</button>
                    })}
                    {close_button()}
                </div>
            }
            .into_any()
        }
    }
}
