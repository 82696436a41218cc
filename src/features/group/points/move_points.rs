//! "Move points" on the Points tab (`POST /v2/points/userGroup2/isTransferrable`, then
//! `…/transfer`): from a member to this group, from this group to a member, or to another group
//! found with the Find page's search. The platform's pre-check is asked first and its answer
//! shown; the transfer can be sent only while the dialog holds exactly what was checked. The
//! confirmation says it in words, the outcome names the transfer and the new balances. A lost
//! answer is never sent again on its own: the wallets and the ledger are read again, the dialog
//! says what they show, and sending again is the user's choice. [`send_transfer`] is shared
//! with the Move-members dialog ("Move their points too").

use std::sync::Arc;
use std::time::Duration;

use gc_core::console::settings::Settings;
use gc_core::find::wire::{GroupSummary, SearchQuery};
use gc_core::group::wire::{GetGroupQuery, GroupDetails, GroupKey};
use gc_core::history::ledger::{is_empty_page, LedgerQuery};
use gc_core::members::list::member_label;
use gc_core::members::tiers::{MemberLoyalty, MemberTiersQuery};
use gc_core::members::wire::{GroupMember, MembersQuery};
use gc_core::platform::error::ApiError;
use gc_core::points::checks::{self, points_text, program_name};
use gc_core::points::move_points::{
    after_answer_words, balances_words, confirmation, holds_words, judge_lost, ledger_side, Direction, Finding, Reading,
};
use gc_core::points::transfer::{
    check_transfer, words_naming, Party, PointsTransfer, Side, TransferAnswer, TransferField, TransferInput,
    TransferProblem,
};
use leptos::prelude::*;

use crate::api;
use crate::boot::parts::{dialog_body, page_part};
use crate::features::group::context::GroupRefresh;
use crate::state::settings::use_settings;
use crate::ui::alerts::ErrorAlert;
use crate::ui::dialog::Dialog;
use crate::ui::latest::Latest;
use crate::ui::status_badge::StatusBadge;
use crate::ui::text_field::TextField;

/// Members offered to choose from: one page of the members list, the primary member first.
const MEMBER_CHOICES: u32 = 100;

// ------------------------------------------------------------------ sending, shared

/// What came of one transfer.
#[derive(Debug, Clone)]
pub enum Sent {
    /// The platform's answer, the balances read after it, and a warning when they show more
    /// than this one transfer (`move_points::after_answer_words`).
    Moved(TransferAnswer, Reading, Option<String>),
    /// Refused, or failed with an answer: nothing moved.
    Refused(ApiError),
    /// The answer was lost: what reading the wallets and the ledger again found, and the
    /// balances then.
    Lost(ApiError, Finding, Reading),
}

impl Sent {
    /// The points (may) have moved: the group's cards are read again.
    pub fn changed_wallets(&self) -> bool {
        !matches!(self, Sent::Refused(_))
    }
}

/// A group's GET with its programs (`pointsSummaries`), without the rest of the page's.
pub fn with_programs(id: u64) -> GetGroupQuery {
    GetGroupQuery { program_details: true, ..GetGroupQuery::basic(GroupKey::Id(id)) }
}

async fn balance(settings: &Settings, party: Party, program: i64) -> Option<f64> {
    match party {
        Party::Group(id) => api::group::get_group(settings, &with_programs(id))
            .await
            .ok()
            .and_then(|g| checks::program(&g.points_summaries, program)?.loyalty_points),
        Party::Member(id) => api::members::member_tiers(settings, &MemberTiersQuery { customer_id: id })
            .await
            .ok()
            .and_then(|m| m.program(program)?.loyalty_points),
    }
}

/// Both wallets' balances in the program and, with `ledger`, the newest entries of a group
/// side's ledger.
async fn read(settings: &Settings, from: Party, to: Party, program: i64, ledger: bool) -> Reading {
    let source = balance(settings, from, program).await;
    let receiver = balance(settings, to, program).await;
    let ledger = match ledger_side(from, to) {
        Some((group, _)) if ledger => match api::history::ledger(settings, &LedgerQuery::new(group)).await {
            Ok(answer) => Some(answer.ledger_entries),
            Err(e) if is_empty_page(&e) => Some(vec![]),
            Err(_) => None,
        },
        _ => None,
    };
    Reading { source, receiver, ledger }
}

/// Sends `req` once. The wallets and the ledger are read first and again after, so that a lost
/// answer is judged by them (`move_points::judge_lost`) and a transfer the browser resent on
/// its own is said (`after_answer_words`); the console never sends it a second time. `source`
/// names the giving wallet in the words.
pub async fn send_transfer(settings: &Settings, req: &PointsTransfer, from: Party, to: Party, source: &str) -> Sent {
    let program = req.program_id.unwrap_or_default();
    let points = req.points.unwrap_or_default() as u32;
    let sign = ledger_side(from, to).map_or(-1.0, |(_, sign)| sign);
    let before = read(settings, from, to, program, true).await;
    let sent = match api::points::transfer_points(settings, req).await {
        Err(e) if !e.outcome_unknown() => return Sent::Refused(e),
        sent => sent,
    };
    let after = read(settings, from, to, program, true).await;
    match sent {
        Ok(answer) => {
            let warning = after_answer_words(points, &before, &after, sign, source);
            Sent::Moved(answer, after, warning)
        }
        Err(e) => Sent::Lost(e, judge_lost(points, &before, &after, sign), after),
    }
}

/// A group as the words name it.
pub fn group_title(g: &GroupDetails) -> String {
    match g.group_name.trim() {
        "" => format!("Group {}", g.id),
        name => name.to_string(),
    }
}

fn member_name(m: &GroupMember) -> String {
    match m.name() {
        n if n.is_empty() => format!("Customer {}", m.fleet_user_id),
        n => n,
    }
}

// ------------------------------------------------------------------ the dialog

/// The "Move points" button and its dialog. Closing it after points (may have) moved reads
/// the group again, which refreshes the cards.
#[component]
pub fn MovePoints(group: Arc<GroupDetails>) -> impl IntoView {
    let open = RwSignal::new(false);
    let moved = StoredValue::new(false);
    let refresh = use_context::<GroupRefresh>();
    let close = Callback::new(move |_| {
        open.set(false);
        // Reading the group again redraws the tab, this dialog with it: only once it is closed.
        if moved.get_value() {
            moved.set_value(false);
            if let Some(GroupRefresh(cb)) = refresh {
                cb.run(());
            }
        }
    });
    let warm = move || leptos::task::spawn_local(points_move::fetch());
    view! {
        <button type="button" class="button" aria-haspopup="dialog" on:pointerenter=move |_| warm() on:focus=move |_| warm()
            on:click=move |_| open.set(true)>"Move points"</button>
        <Dialog open=open.into() on_close=close title="Move points" id="move-points-dialog">
            {
                let group = group.clone();
                move || dialog_body({
                    let group = group.clone();
                    move || points_move::load(group.clone(), moved, close)
                })
            }
        </Dialog>
    }
}

// The dialog's code travels apart from the tab's (gc_core::console::routes::DIALOG_PARTS).
page_part!(dialog points_move, |group: Arc<GroupDetails>, moved: StoredValue<bool>, close: Callback<()>| view! {
    <MoveForm group moved close />
});

/// Who and what the words name, fixed when the transfer is sent.
#[derive(Debug, Clone)]
struct Names {
    from: String,
    to: String,
    program: String,
    /// Who authorises: the giving member, or the giving group's primary member.
    authoriser: String,
}

/// One transfer as sent: the request, its two wallets and their names.
#[derive(Debug, Clone)]
struct Job {
    req: PointsTransfer,
    from: Party,
    to: Party,
    names: Names,
}

impl Job {
    fn points(&self) -> u32 {
        self.req.points.unwrap_or_default() as u32
    }
}

type Checked = Result<PointsTransfer, Vec<(TransferField, String)>>;

#[component]
fn MoveForm(group: Arc<GroupDetails>, moved: StoredValue<bool>, close: Callback<()>) -> impl IntoView {
    let programs = checks::programs(&group.points_summaries);
    if programs.is_empty() {
        return view! {
            <p class="notice">"This group is in no loyalty program, so it holds no points to move."</p>
            <div class="form__actions">
                <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button>
            </div>
        }
        .into_any();
    }
    let store = use_settings();
    let group_id = group.id.0;
    let this = StoredValue::new(group.clone());
    let this_title = StoredValue::new(group_title(&group));
    let direction = RwSignal::new(Direction::MemberToGroup);
    let member_id = RwSignal::new(None::<u64>);
    let program_id = RwSignal::new(programs[0].id);
    let points = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let target_id = RwSignal::new(None::<u64>);
    let attempted = RwSignal::new(false);

    let members = Latest::follow(Memo::new(move |_| group_id), move |id: u64| {
        let settings = store.for_request();
        let query = MembersQuery { limit: MEMBER_CHOICES, primary_first: true, ..MembersQuery::new(id) };
        async move { Some(api::members::list_members(&settings, &query).await) }
    });
    let member_list = move || members.get().and_then(|(_, r)| r.ok()).map(|r| r.data).unwrap_or_default();
    let chosen_member =
        move || member_id.get().and_then(|id| member_list().into_iter().find(|m| m.fleet_user_id.0 == id));
    // The chosen member's own wallets (their customer GET): `None` until read, or unreadable.
    let loyalty = Latest::follow(Memo::new(move |_| member_id.get()), move |id: Option<u64>| {
        let settings = store.for_request();
        async move {
            let customer_id = id?;
            Some(api::members::member_tiers(&settings, &MemberTiersQuery { customer_id }).await)
        }
    });
    let loyalty_now =
        move || loyalty.get().filter(|(k, _)| *k == member_id.get()).map(|(_, r)| r.map_err(|e| e.headline()));
    let wallets = move || loyalty_now().and_then(Result::ok);

    // The receiving group, found as the Find page finds groups, then read with its programs.
    let query = Memo::new(move |_| SearchQuery::new(&typed.get()).ok());
    let found = Latest::follow(query, move |q: Option<SearchQuery>| {
        let settings = store.for_request();
        async move { Some(api::find::search_groups(&settings, &q?).await) }
    });
    let target = Latest::follow(Memo::new(move |_| target_id.get()), move |id: Option<u64>| {
        let settings = store.for_request();
        async move { Some(api::group::get_group(&settings, &with_programs(id?)).await.map(Arc::new)) }
    });
    let target_now = move || target.get().filter(|(k, _)| *k == target_id.get()).map(|(_, r)| r);
    let target_group = move || target_now().and_then(Result::ok);

    // Who and what the words name, as the dialog stands.
    let names = move || {
        let dir = direction.get();
        let program = this.with_value(|g| program_name(&g.points_summaries, program_id.get()));
        let list = member_list();
        let member = chosen_member().map(|m| member_name(&m)).unwrap_or_else(|| "the member".into());
        let other = match dir {
            Direction::GroupToGroup => {
                target_group().map(|t| group_title(&t)).unwrap_or_else(|| "the other group".into())
            }
            _ => member.clone(),
        };
        let primary = list.iter().find(|m| m.is_primary()).map(member_name);
        let (from, to) = match dir {
            Direction::MemberToGroup => (other, this_title.get_value()),
            _ => (this_title.get_value(), other),
        };
        let authoriser = match dir {
            Direction::MemberToGroup => member,
            _ => primary.unwrap_or_else(|| "The group's primary member".into()),
        };
        Names { from, to, program, authoriser }
    };

    // The request the dialog holds now, or what is wrong with it, field by field.
    let current = Memo::new(move |_| -> Checked {
        let dir = direction.get();
        let (points, notes) = (points.get(), notes.get());
        let wallets = wallets();
        let target = target_group();
        let member = chosen_member().map(|m| (m.fleet_user_id.0, member_name(&m)));
        let this = this.get_value();
        let here = Side::group(&this);
        let other = match (dir, &member, &target) {
            (Direction::GroupToGroup, _, Some(t)) => Some(Side::group(t)),
            (Direction::GroupToGroup, _, None) | (_, None, _) => None,
            (_, Some((id, name)), _) => {
                Some(Side::member(*id, name, wallets.as_ref().map(|w| w.loyalty_program_details.as_slice())))
            }
        };
        let Some(other) = other else {
            // Nothing chosen on the other side yet: that, and what is wrong with the rest.
            let mut problems = vec![(TransferField::Counterpart, dir.choose_words().to_string())];
            if dir != Direction::MemberToGroup && here.primary.is_none() {
                problems.push((TransferField::Whole, TransferProblem::NoAuthoriser.to_string()));
            }
            if let Err(p) = checks::whole_points(&points) {
                problems.push((TransferField::Points, p.to_string()));
            }
            if let Err(e) = checks::note(&notes, "Notes", "notes", false) {
                problems.push((TransferField::Notes, e.to_string()));
            }
            return Err(problems);
        };
        let (source, destination) = if dir == Direction::MemberToGroup { (other, here) } else { (here, other) };
        check_transfer(&TransferInput {
            source,
            destination,
            program_id: program_id.get(),
            points: &points,
            notes: &notes,
        })
        .map_err(|ps| ps.iter().map(|p| (p.field(), p.to_string())).collect())
    });
    let problem = move |field: TransferField| {
        current.with(|c| {
            let ps = c.as_ref().err()?;
            let words: Vec<&str> = ps.iter().filter(|(f, _)| *f == field).map(|(_, w)| w.as_str()).collect();
            (!words.is_empty()).then(|| words.join(" "))
        })
    };
    let nothing_chosen = move || {
        if direction.get() == Direction::GroupToGroup {
            target_id.get().is_none()
        } else {
            member_id.get().is_none()
        }
    };
    let points_error = Signal::derive(move || problem(TransferField::Points).filter(|_| attempted.get()));
    let notes_error = Signal::derive(move || problem(TransferField::Notes));
    let program_error = move || problem(TransferField::Program);
    // A choice is judged at once; "choose one" waits for an attempt.
    let counterpart_error =
        Signal::derive(move || problem(TransferField::Counterpart).filter(|_| attempted.get() || !nothing_chosen()));
    let whole_error = move || problem(TransferField::Whole);

    // The pre-check, and its answer while the dialog still holds what was checked.
    let precheck = Action::new_local(move |req: &PointsTransfer| {
        let req = req.clone();
        let settings = store.for_request();
        async move {
            let answer = api::points::check_transfer(&settings, &req).await;
            if answer.as_ref().is_ok_and(|a| a.agrees()) {
                // The button that sends appears with the answer: the keyboard goes there next.
                set_timeout(|| crate::ui::focus_by_id("move-points-send"), Duration::ZERO);
            }
            (req, answer)
        }
    });
    let checked = move || precheck.value().get().filter(|(req, _)| current.with(|c| c.as_ref().ok() == Some(req)));
    let agreed = move || checked().and_then(|(req, a)| a.ok().filter(|a| a.agrees()).map(|_| req));

    let transfer = Action::new_local(move |job: &Job| {
        let job = job.clone();
        let settings = store.for_request();
        async move {
            let sent = send_transfer(&settings, &job.req, job.from, job.to, &job.names.from).await;
            let n = job.points();
            let Names { from, to, program, authoriser } = &job.names;
            let what = format!("{} points of {program} from {from} to {to}", points_text(n as f64));
            let (outcome, ok) = match &sent {
                Sent::Moved(answer, _, warning) => {
                    let said = answer.words(n, program, from, to);
                    (warning.as_ref().map_or(said.clone(), |w| format!("{said} {w}")), warning.is_none())
                }
                Sent::Refused(e) => {
                    (format!("Not moved: {} ({})", words_naming(e, authoriser, from), e.technical()), false)
                }
                Sent::Lost(_, finding, _) => (finding.words(n, from), finding.moved()),
            };
            crate::state::activity::record(group_id, "Moved points", what, outcome, ok);
            if sent.changed_wallets() {
                moved.set_value(true);
            }
            set_timeout(|| crate::ui::focus_by_id("move-points-outcome"), Duration::ZERO);
            (job, sent)
        }
    });
    let sending = transfer.pending();
    let finished = move || {
        transfer.value().with(|v| match v {
            Some((_, Sent::Moved(..))) => true,
            Some((_, Sent::Lost(_, f, _))) => f.moved(),
            _ => false,
        })
    };
    // A refusal or an unclear lost answer, while the dialog still holds what was sent.
    let last_sent =
        move || transfer.value().get().filter(|(job, _)| current.with(|c| c.as_ref().ok() == Some(&job.req)));

    let check_now = move || {
        attempted.set(true);
        match current.get_untracked() {
            Err(problems) => {
                let Some((field, _)) = problems.first() else { return };
                let input = match field {
                    TransferField::Points => "move-points-points",
                    TransferField::Program => "move-points-program",
                    TransferField::Notes => "move-points-notes",
                    TransferField::Counterpart if direction.get_untracked() == Direction::GroupToGroup => {
                        "move-points-search"
                    }
                    TransferField::Counterpart => "move-points-member",
                    TransferField::Whole => "move-points-problem",
                };
                crate::ui::focus_by_id(input);
            }
            Ok(_) if precheck.pending().get_untracked() => {}
            Ok(req) => {
                precheck.dispatch(req);
            }
        }
    };
    let send = move || {
        if sending.get_untracked() {
            return;
        }
        let Some(req) = agreed() else { return };
        let dir = direction.get_untracked();
        let other = match dir {
            Direction::GroupToGroup => target_id.get_untracked(),
            _ => member_id.get_untracked(),
        };
        let Some(other) = other else { return };
        let (from, to) = dir.parties(group_id, other);
        transfer.dispatch(Job { req, from, to, names: names() });
    };
    let send_again = move |job: Job| {
        if !sending.get_untracked() {
            transfer.dispatch(job);
        }
    };

    let names_view = names;
    let summaries = this.with_value(|g| g.points_summaries.clone());
    let form = view! {
        <form class="form move-points" novalidate hidden=finished
            on:submit=move |ev| { ev.prevent_default(); check_now(); }>
            <fieldset class="move-points__direction">
                <legend>"Direction"</legend>
                {Direction::ALL.into_iter().map(|d| {
                    let id = format!("move-points-dir-{}", d.slug());
                    view! {
                        <div class="field--checkbox">
                            <input type="radio" name="move-points-direction" id=id.clone()
                                prop:checked=move || direction.get() == d
                                on:change=move |_| direction.set(d) />
                            <label for=id>{d.label()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <Show when=move || direction.get().with_member()
                fallback=move || view! { <TargetPicker typed found target_id from=group_id target=Signal::derive(target_now) error=counterpart_error /> }>
                <MemberPicker members member_id loyalty=Signal::derive(loyalty_now) program_id
                    summaries=summaries.clone() error=counterpart_error
                    retry=Callback::new(move |_| members.refetch()) />
            </Show>
            <ProgramPicker programs=programs.clone() program_id error=Signal::derive(program_error) />
            <TextField id="move-points-points" label="Points" value=points inputmode="numeric" error=points_error
                hint="Whole points, at most what the giving side holds." />
            <TextField id="move-points-notes" label="Notes (optional)" value=notes max_units=checks::MAX_NOTE_UNITS
                error=notes_error hint="Kept with the transfer in the platform's records." />
            {move || whole_error().map(|w| view! {
                <p class="alert alert--error" role="alert" id="move-points-problem" tabindex="-1">{w}</p>
            })}
            <p class="loading" role="status">{move || precheck.pending().get().then_some("Asking the platform whether the points can move…")}</p>
            {move || checked().map(|(req, answer)| {
                let n = req.points.unwrap_or_default() as u32;
                match answer {
                    Ok(a) if a.agrees() => view! { <p class="result result--ok" role="status">{a.words(n)}</p> }.into_any(),
                    Ok(a) => view! { <p class="alert alert--error" role="alert">{a.words(n)}</p> }.into_any(),
                    Err(error) => {
                        let n = names_view();
                        let words = words_naming(&error, &n.authoriser, &n.from);
                        view! { <ErrorAlert error words on_retry=Callback::new(move |_| check_now()) /> }.into_any()
                    }
                }
            })}
            {move || agreed().map(|req| {
                let n = names_view();
                let points = req.points.unwrap_or_default() as u32;
                view! {
                    <div class="consequences move-points__confirm" role="note" id="move-points-confirm">
                        <p><strong>{confirmation(points, &n.program, &n.from, &n.to)}</strong></p>
                        {(!req.notes.is_empty()).then(|| view! { <p>"Notes: " {req.notes.clone()}</p> })}
                        <p>{format!("Authorised by {}. There is no undo: moving them back is another transfer.", n.authoriser)}</p>
                    </div>
                }
            })}
            <p class="loading" role="status">{move || sending.get().then_some("Moving the points…")}</p>
            {move || last_sent().map(|(job, sent)| match sent {
                Sent::Refused(error) => {
                    let words = words_naming(&error, &job.names.authoriser, &job.names.from);
                    view! { <ErrorAlert error words on_retry=Callback::new(move |_| send_again(job.clone())) /> }.into_any()
                }
                Sent::Lost(_, finding, _) if !finding.moved() => {
                    let words = finding.words(job.points(), &job.names.from);
                    view! {
                        <div class="alert alert--error" role="alert">
                            <p class="alert__headline">{words}</p>
                            <div class="alert__actions">
                                <button type="button" class="button" disabled=move || sending.get()
                                    on:click=move |_| send_again(job.clone())>"Send again"</button>
                            </div>
                        </div>
                    }.into_any()
                }
                // The points moved: the outcome says so in place of the form.
                Sent::Moved(..) | Sent::Lost(..) => ().into_any(),
            })}
            <div class="form__actions">
                <button type="submit" class="button" class:button--primary=move || agreed().is_none()
                    disabled=move || precheck.pending().get() || sending.get()>
                    {move || if precheck.pending().get() { "Checking…" } else { "Check with the platform" }}
                </button>
                {move || agreed().map(|req| {
                    let n = points_text(req.points.unwrap_or_default());
                    view! {
                        <button type="button" id="move-points-send" class="button button--primary"
                            disabled=move || sending.get() on:click=move |_| send()>
                            {move || if sending.get() { "Moving…".to_string() } else { format!("Move {n} points") }}
                        </button>
                    }
                })}
                <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
            </div>
        </form>
    };
    view! {
        {form}
        {move || transfer.value().get().filter(|_| finished()).map(|(job, sent)| view! {
            <Outcome job sent close />
        })}
    }
    .into_any()
}

/// After the points moved: the platform's record in words and the balances read after it.
#[component]
fn Outcome(job: Job, sent: Sent, close: Callback<()>) -> impl IntoView {
    let n = job.points();
    let Names { from, to, program, .. } = &job.names;
    let (said, after, warning) = match &sent {
        Sent::Moved(answer, after, warning) => (answer.words(n, program, from, to), after.clone(), warning.clone()),
        Sent::Lost(_, finding, after) => (finding.words(n, from), after.clone(), None),
        Sent::Refused(_) => (String::new(), Reading::default(), None),
    };
    let balances = balances_words(program, [(from.as_str(), after.source), (to.as_str(), after.receiver)]);
    view! {
        <div class="move-points__outcome">
            <h3 id="move-points-outcome" tabindex="-1">"Outcome"</h3>
            <p class="result result--ok" role="status">{said}</p>
            {balances.map(|b| view! { <p>{b}</p> })}
            {warning.map(|w| view! { <p class="alert alert--error" role="alert">{w}</p> })}
            <div class="form__actions">
                <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button>
            </div>
        </div>
    }
}

/// The group's programs, each with what the group holds in it.
#[component]
fn ProgramPicker(
    programs: Vec<checks::Program>,
    program_id: RwSignal<i64>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let invalid = move || if error.read().is_some() { "true" } else { "false" };
    view! {
        <div class="field" class:field--invalid=move || error.read().is_some()>
            <label for="move-points-program">"Program"</label>
            <select id="move-points-program" aria-describedby="move-points-program-msg" aria-invalid=invalid
                prop:value=move || program_id.get().to_string()
                on:change=move |ev| {
                    if let Ok(id) = event_target_value(&ev).parse::<i64>() {
                        program_id.set(id);
                    }
                }>
                {programs.into_iter().map(|p| {
                    let held = p.points.map(|n| format!(" (the group holds {})", points_text(n))).unwrap_or_default();
                    view! { <option value=p.id.to_string()>{format!("{}{held}", p.title)}</option> }
                }).collect_view()}
            </select>
            <div class="field__below">
                <p id="move-points-program-msg" class=move || if error.read().is_some() { "field__error" } else { "field__hint" }>
                    {move || error.get().unwrap_or_else(|| "Points move within one program.".into())}
                </p>
            </div>
        </div>
    }
}

/// The member who gives or receives, from the group's members list, with their own balance
/// once read.
#[component]
fn MemberPicker(
    members: Latest<u64, Result<gc_core::members::wire::MembersResponse, ApiError>>,
    member_id: RwSignal<Option<u64>>,
    loyalty: Signal<Option<Result<MemberLoyalty, String>>>,
    program_id: RwSignal<i64>,
    summaries: Vec<gc_core::points::wire::PointsSummary>,
    error: Signal<Option<String>>,
    retry: Callback<()>,
) -> impl IntoView {
    let hint = Signal::derive(move || {
        let list = members.get().and_then(|(_, r)| r.ok()).map(|r| r.data).unwrap_or_default();
        let program = program_name(&summaries, program_id.get());
        let Some(m) = member_id.get().and_then(|id| list.iter().find(|m| m.fleet_user_id.0 == id).cloned()) else {
            return if list.len() as u32 >= MEMBER_CHOICES {
                format!("The first {MEMBER_CHOICES} members are listed, the primary member first.")
            } else {
                "Choose from the group's members.".into()
            };
        };
        match loyalty.get() {
            None => "Reading their balance…".into(),
            Some(Ok(l)) => {
                let held = l.program(program_id.get()).map(|p| p.loyalty_points.unwrap_or(0.0));
                holds_words(&member_name(&m), held, &program)
            }
            Some(Err(_)) => "Their balance could not be read: the platform's check decides.".into(),
        }
    });
    let invalid = move || if error.read().is_some() { "true" } else { "false" };
    view! {
        {move || match members.get() {
            None => view! { <p class="loading" role="status">"Loading the members…"</p> }.into_any(),
            Some((_, Err(error))) => view! { <ErrorAlert error on_retry=retry /> }.into_any(),
            Some((_, Ok(page))) if page.data.is_empty() => {
                view! { <p class="empty">"This group has no members to choose from."</p> }.into_any()
            }
            Some((_, Ok(page))) => view! {
                <div class="field" class:field--invalid=move || error.read().is_some()>
                    <label for="move-points-member">"Member"</label>
                    <select id="move-points-member" aria-describedby="move-points-member-msg" aria-invalid=invalid
                        prop:value=move || member_id.get().map(|id| id.to_string()).unwrap_or_default()
                        on:change=move |ev| member_id.set(event_target_value(&ev).parse::<u64>().ok())>
                        <option value="">"Choose a member"</option>
                        {page.data.iter().map(|m| {
                            let role = if m.is_primary() { ", primary member" } else { "" };
                            view! { <option value=m.fleet_user_id.0.to_string()>{format!("{}{role}", member_label(m))}</option> }
                        }).collect_view()}
                    </select>
                    <div class="field__below">
                        <p id="move-points-member-msg" class=move || if error.read().is_some() { "field__error" } else { "field__hint" }>
                            {move || error.get().unwrap_or_else(|| hint.get())}
                        </p>
                    </div>
                </div>
            }.into_any(),
        }}
    }
}

/// The receiving group: the Find page's search, the groups found as choices (this group left
/// out), then the chosen one's status and what it holds.
#[component]
fn TargetPicker(
    typed: RwSignal<String>,
    found: Latest<Option<SearchQuery>, Result<gc_core::find::wire::GroupSearchResponse, ApiError>>,
    target_id: RwSignal<Option<u64>>,
    from: u64,
    target: Signal<Option<Result<Arc<GroupDetails>, ApiError>>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <TextField id="move-points-search" label="Find the group to receive the points" value=typed input_role="searchbox"
            error hint="Its name, ID or external ID, or its primary member's mobile or e-mail." />
        {move || found.get().map(|(_, answer)| match answer {
            Ok(page) if page.data.iter().all(|g| g.group_id.0 == from) => {
                view! { <p class="empty">"No other group matches."</p> }.into_any()
            }
            Ok(page) => view! { <TargetChoices groups=page.data from target_id legend="Move the points to" name="move-points-target" /> }.into_any(),
            Err(error) => view! { <ErrorAlert error /> }.into_any(),
        })}
        {move || target.get().map(|t| match t {
            Ok(t) => {
                let held = t.points_summaries.iter().filter_map(|s| {
                    Some(format!("{} points of {}", points_text(s.loyalty_points?), s.program_title))
                }).collect::<Vec<_>>().join(", ");
                view! {
                    <p class="move-points__target">
                        "Receiving: " <strong>{group_title(&t)}</strong> {format!(" (group {}) ", t.id)}
                        <StatusBadge status=t.group_status />
                        {(!held.is_empty()).then(|| format!(" · holds {held}"))}
                    </p>
                }.into_any()
            }
            Err(error) => view! { <ErrorAlert error /> }.into_any(),
        })}
    }
}

/// The groups found, each a choice (this group itself is not offered): the Move points
/// dialog's and the Move-members dialog's. `name` names the radios and starts their ids.
#[component]
pub fn TargetChoices(
    groups: Vec<GroupSummary>,
    from: u64,
    target_id: RwSignal<Option<u64>>,
    legend: &'static str,
    name: &'static str,
) -> impl IntoView {
    view! {
        <fieldset class="move__choices">
            <legend>{legend}</legend>
            {groups.into_iter().filter(|g| g.group_id.0 != from).map(|g| {
                let id = g.group_id.0;
                let input_id = format!("{name}-{id}");
                let title = if g.group_name.trim().is_empty() { g.group_external_id.clone() } else { g.group_name.clone() };
                view! {
                    <div class="field--checkbox">
                        <input type="radio" name=name id=input_id.clone()
                            prop:checked=move || target_id.get() == Some(id)
                            on:change=move |_| target_id.set(Some(id)) />
                        <label for=input_id>
                            {format!("{title} (group {id}, {})", g.group_external_id)} " "
                            <StatusBadge status=g.group_status />
                        </label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
