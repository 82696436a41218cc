//! "Give goodwill points" on the Points tab (`POST /v2/requests`): a *request*, which waits for
//! someone's approval. The dialog checks before anything is sent and says in words what it will
//! ask. Then the goodwill requests this browser made (the platform cannot list a group's), each
//! with its state in words and, while it waits, "Approve" and "Reject" (`/v1.1/request/approve`,
//! `/reject`) beside the maker-checker caveat. A request whose answer was lost is kept as such
//! with its reference and asked again only by choice; an approval whose answer was lost reads
//! the balance again and says what it found. States and words: gc_core::points::goodwill_list.

use std::sync::Arc;
use std::time::Duration;

use gc_core::group::wire::GroupDetails;
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::ApiError;
use gc_core::platform::read::Id;
use gc_core::points::checks::{self, no_actions_reason};
use gc_core::points::goodwill::{
    self as gw, check_goodwill, decision_code_words, decision_words, Decided, DecisionRequest, GoodwillField,
    GoodwillForm, GoodwillProblem, GoodwillRequest, MAKER_CHECKER, OWN_LIST_ONLY,
};
use gc_core::points::goodwill_list::{self as list, KeptRequest, LostApproval, RequestState};
use leptos::prelude::*;

use crate::api;
use crate::boot::parts::{dialog_body, page_part};
use crate::features::group::context::GroupRefresh;
use crate::state::goodwill as kept;
use crate::state::settings::use_settings;
use crate::ui::alerts::ErrorAlert;
use crate::ui::dialog::Dialog;
use crate::ui::focus_by_id;
use crate::ui::form::{Form, SubmitButton};
use crate::ui::intl;
use crate::ui::text_field::TextField;

fn group_name(group: &GroupDetails) -> String {
    match group.group_name.trim() {
        "" => format!("group {}", group.id.0),
        name => name.to_string(),
    }
}

/// Focus moves to what just appeared, once it is drawn.
fn focus_soon(id: &'static str) {
    set_timeout(move || focus_by_id(id), Duration::ZERO);
}

// ------------------------------------------------------------------ asking

/// What the ask dialog was opened for.
#[derive(Debug, Clone, PartialEq)]
enum Asking {
    New,
    /// "Ask again anyway" on a request whose answer was lost: its values, a new reference.
    Again(KeptRequest),
}

/// The checked request, with what the console keeps of it.
#[derive(Debug, Clone)]
struct Ask {
    request: GoodwillRequest,
    kept: KeptRequest,
    /// The lost request this one asks again.
    again_of: Option<String>,
}

/// What came of a request that was sent: made (waiting) or its answer lost.
#[derive(Debug, Clone)]
struct Asked {
    entry: KeptRequest,
    /// The browser kept it in its list (storage may be off).
    stored: bool,
}

/// The Points tab's "Give goodwill points" button and its dialog.
#[component]
pub fn GiveGoodwill(group: Arc<GroupDetails>) -> impl IntoView {
    let asking = RwSignal::new(None::<Asking>);
    let warm = move || leptos::task::spawn_local(points_goodwill::fetch());
    view! {
        <button type="button" class="button" aria-haspopup="dialog" on:pointerenter=move |_| warm() on:focus=move |_| warm()
            on:click=move |_| asking.set(Some(Asking::New))>
            "Give goodwill points"
        </button>
        <AskDialog group asking id="goodwill-dialog" />
    }
}

#[component]
fn AskDialog(group: Arc<GroupDetails>, asking: RwSignal<Option<Asking>>, id: &'static str) -> impl IntoView {
    let open = Signal::derive(move || asking.with(Option::is_some));
    let close = Callback::new(move |_| asking.set(None));
    view! {
        <Dialog open on_close=close title="Give goodwill points" id>
            {
                let group = group.clone();
                move || asking.get().map(|a| dialog_body({
                    let group = group.clone();
                    move || points_goodwill::load(group.clone(), a.clone(), close)
                }))
            }
        </Dialog>
    }
}

// The request form travels apart from the tab's code (gc_core::console::routes::DIALOG_PARTS).
page_part!(dialog points_goodwill, |group: Arc<GroupDetails>, asking: Asking, close: Callback<()>| view! {
    <AskForm group asking close />
});

fn field_id(field: GoodwillField) -> &'static str {
    match field {
        GoodwillField::Program => "goodwill-program",
        GoodwillField::Points => "goodwill-points",
        GoodwillField::Reason => "goodwill-reason",
        GoodwillField::Comments => "goodwill-comments",
        GoodwillField::Whole => "goodwill-problem",
    }
}

/// A reference nobody else's request is likely to carry.
fn random_u32() -> u32 {
    (js_sys::Math::random() * 4_294_967_296.0) as u32
}

#[component]
fn AskForm(group: Arc<GroupDetails>, asking: Asking, close: Callback<()>) -> impl IntoView {
    let store = use_settings();
    let group_id = group.id.0;
    let name = group_name(&group);
    let programs = checks::programs(&group.points_summaries);
    let again = match asking {
        Asking::Again(lost) => Some(lost),
        Asking::New => None,
    };
    let start = again.as_ref().map(KeptRequest::input);
    let first_program = programs.first().map(|p| p.id).unwrap_or_default();
    let program = RwSignal::new(start.as_ref().map_or(first_program, |s| s.program_id));
    let points = RwSignal::new(start.as_ref().map(|s| s.points.to_string()).unwrap_or_default());
    let reason = RwSignal::new(start.as_ref().map(|s| s.reason.clone()).unwrap_or_default());
    let comments = RwSignal::new(start.as_ref().and_then(|s| s.comments.clone()).unwrap_or_default());
    let tried = RwSignal::new(false);
    let confirming = RwSignal::new(None::<Ask>);

    let this = StoredValue::new(group.clone());
    let checked = Memo::new(move |_| {
        this.with_value(|g| {
            check_goodwill(
                g,
                &GoodwillForm {
                    program_id: program.get(),
                    points: &points.read(),
                    reason: &reason.read(),
                    comments: &comments.read(),
                },
            )
        })
    });
    let problem = move |field: GoodwillField| {
        checked.with(|c| c.as_ref().err()?.iter().find(|p| p.field() == field).map(GoodwillProblem::to_string))
    };
    // Messages after the first attempt (a text past its limit shows it at once in its counter).
    let error = move |field: GoodwillField| Signal::derive(move || problem(field).filter(|_| tried.get()));

    let form = {
        let name = name.clone();
        Form::new(CallId::CreateGoodwill, &[], move |ask: Ask| {
            let settings = store.for_request();
            let name = name.clone();
            async move {
                let mut entry = ask.kept.clone();
                entry.at = js_sys::Date::now();
                let reference = entry.reference.clone();
                // Kept before it goes out: a page closed now still leaves its reference.
                let stored = kept::update(&settings, group_id, |l| {
                    list::begin(l, entry.clone());
                    true
                });
                let what = format!("{} for {name} (ref {reference}): {}", entry.what(), entry.reason);
                let answer = api::points::ask_goodwill(&settings, &ask.request).await;
                let mark_again = |l: &mut Vec<KeptRequest>| {
                    if let Some(old) = &ask.again_of {
                        list::asked_again(l, old, &reference);
                    }
                };
                let result = match answer {
                    Ok(created) => {
                        let id = created.created_id.map(|i| i.0);
                        kept::update(&settings, group_id, |l| {
                            list::created(l, &reference, id);
                            mark_again(l);
                            true
                        });
                        entry.id = id;
                        entry.state = RequestState::Pending;
                        let outcome = match id {
                            Some(id) => format!("request {id} waits for approval"),
                            None => "made; the platform gave no request number".to_string(),
                        };
                        crate::state::activity::record(group_id, "Asked for goodwill", what, outcome, true);
                        Ok(Asked { entry, stored })
                    }
                    Err(e) if e.outcome_unknown() => {
                        kept::update(&settings, group_id, |l| {
                            list::lost(l, &reference);
                            mark_again(l);
                            true
                        });
                        entry.state = RequestState::Lost;
                        let outcome = format!("answer lost ({}): look for ref {reference}", e.headline());
                        crate::state::activity::record(group_id, "Asked for goodwill", what, outcome, false);
                        Ok(Asked { entry, stored })
                    }
                    Err(e) => {
                        // A clear refusal: nothing was made, nothing is kept.
                        kept::update(&settings, group_id, |l| {
                            list::refused(l, &reference);
                            true
                        });
                        let outcome = format!("not made: {} ({})", gw::words(&e), e.technical());
                        crate::state::activity::record(group_id, "Asked for goodwill", what, outcome, false);
                        Err(e)
                    }
                };
                focus_soon("goodwill-outcome");
                result
            }
        })
    };

    let again_of = again.as_ref().map(|r| r.reference.clone());
    let review = move || {
        tried.set(true);
        match checked.get_untracked() {
            Err(problems) => {
                if let Some(p) = problems.first() {
                    focus_by_id(field_id(p.field()));
                }
            }
            Ok(input) => {
                let reference = gw::reference(random_u32());
                let program = this.with_value(|g| checks::program_name(&g.points_summaries, input.program_id));
                confirming.set(Some(Ask {
                    request: GoodwillRequest::new(group_id, &input, &reference),
                    kept: KeptRequest::sending(&input, &program, &reference, js_sys::Date::now()),
                    again_of: again_of.clone(),
                }));
                focus_soon("goodwill-confirm-title");
            }
        }
    };
    let send = move || {
        if let Some(ask) = confirming.get_untracked() {
            form.submit(Ok(ask));
        }
    };
    let change = move |_| {
        confirming.set(None);
        focus_soon("goodwill-points");
    };
    // The lost request, asked again by choice: the same values under a new reference.
    let ask_again = move |lost: KeptRequest| {
        let input = lost.input();
        let reference = gw::reference(random_u32());
        let ask = Ask {
            request: GoodwillRequest::new(group_id, &input, &reference),
            kept: KeptRequest::sending(&input, &lost.program, &reference, js_sys::Date::now()),
            again_of: Some(lost.reference.clone()),
        };
        confirming.set(Some(ask.clone()));
        form.submit(Ok(ask));
    };

    let whole = checked.with_untracked(|c| {
        c.as_ref().err()?.iter().find(|p| p.field() == GoodwillField::Whole).map(GoodwillProblem::to_string)
    });
    let intro = format!(
        "Ask for goodwill points for {name}. The platform makes a request: the points arrive only when someone approves it."
    );
    let program_error = error(GoodwillField::Program);
    let name_for_outcome = name.clone();
    view! {
        <div hidden=move || form.done().is_some()>
            {again.as_ref().map(|lost| view! { <p class="consequences">{list::asking_again_words(lost)}</p> })}
            {whole.map(|w| view! { <p class="alert alert--error" id="goodwill-problem" role="alert" tabindex="-1">{w}</p> })}
            <form class="form goodwill-form" novalidate hidden=move || confirming.with(Option::is_some)
                on:submit=move |ev| { ev.prevent_default(); review(); }>
                <p>{intro}</p>
                {if programs.is_empty() {
                    view! { <p class="alert alert--error" role="alert">"This group is in no loyalty program, so it cannot be given points."</p> }.into_any()
                } else {
                    view! {
                        <div class="field" class:field--invalid=move || program_error.get().is_some()>
                            <label for="goodwill-program">"Program"</label>
                            <select id="goodwill-program" aria-describedby="goodwill-program-msg"
                                aria-invalid=move || if program_error.get().is_some() { "true" } else { "false" }
                                prop:value=move || program.get().to_string()
                                on:change=move |ev| program.set(event_target_value(&ev).parse().unwrap_or_default())>
                                {programs.iter().map(|p| {
                                    let chosen = p.id == program.get_untracked();
                                    view! {
                                        <option value=p.id.to_string() selected=chosen>
                                            {format!("{} ({} points now)", p.title, intl::opt_number(p.points))}
                                        </option>
                                    }
                                }).collect_view()}
                            </select>
                            <p id="goodwill-program-msg" class=move || if program_error.get().is_some() { "field__error" } else { "field__hint" }>
                                {move || program_error.get().unwrap_or_else(|| "The group's programs, with the points it holds in each.".into())}
                            </p>
                        </div>
                    }.into_any()
                }}
                <TextField id="goodwill-points" label="Points" value=points inputmode="numeric" required=true
                    error=error(GoodwillField::Points) hint="A whole number of points, like 500." />
                <TextField id="goodwill-reason" label="Reason" value=reason required=true max_units=checks::MAX_NOTE_UNITS
                    error=error(GoodwillField::Reason) hint="Why the group gets them, e.g. Late delivery complaint." />
                <TextField id="goodwill-comments" label="Comments (optional)" value=comments rows=2
                    max_units=checks::MAX_NOTE_UNITS error=error(GoodwillField::Comments)
                    hint="Kept with the request for whoever approves it." />
                <div class="form__actions">
                    <button type="submit" class="button button--primary">"Review the request"</button>
                    <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
                </div>
            </form>
            {move || confirming.get().map(|ask| {
                let retry = Callback::new(move |_| send());
                view! {
                    <form class="form goodwill-confirm" novalidate on:submit=move |ev| { ev.prevent_default(); send(); }>
                        <h3 id="goodwill-confirm-title" tabindex="-1">"Confirm the request"</h3>
                        <p id="goodwill-confirmation">{gw::confirmation(ask.kept.points, &ask.kept.program, &name_for_outcome)}</p>
                        <p class="field__hint">{format!(
                            "Its comments carry “{}”, so that it can be found in the platform's screens.",
                            ask.kept.reference_comment()
                        )}</p>
                        {move || form.failure().map(|error| {
                            let words = gw::words(&error);
                            view! { <ErrorAlert error words on_retry=retry /> }
                        })}
                        <div class="form__actions">
                            <SubmitButton pending=form.pending() label="Send the request" busy="Sending…" id="goodwill-send" />
                            <button type="button" class="button" disabled=move || form.pending().get() on:click=change>"Change"</button>
                        </div>
                    </form>
                }
            })}
        </div>
        {move || form.done().map(|(_, asked)| {
            let kept_note = (!asked.stored).then(|| view! {
                <p class="field__hint field__hint--warning">"This browser could not keep it in its list of goodwill requests (its storage is off or full)."</p>
            });
            if asked.entry.state == RequestState::Lost {
                let lost = asked.entry.clone();
                view! {
                    <div class="consequences" role="status" id="goodwill-outcome" tabindex="-1">
                        <p><strong>"The answer was lost."</strong></p>
                        <p>{list::lost_words(&lost.reference)}</p>
                    </div>
                    {kept_note}
                    <div class="form__actions">
                        <button type="button" class="button" disabled=move || form.pending().get()
                            on:click=move |_| ask_again(lost.clone())>
                            {move || if form.pending().get() { "Sending…" } else { "Ask again anyway" }}
                        </button>
                        <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p class="result result--ok" role="status" id="goodwill-outcome" tabindex="-1">
                        {list::asked_words(&asked.entry, &name)}
                    </p>
                    {kept_note}
                    <div class="form__actions">
                        <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button>
                    </div>
                }.into_any()
            }
        })}
    }
}

// ------------------------------------------------------------------ the list

/// The goodwill requests this browser made for the group, newest first, each with its state in
/// words; "Approve" and "Reject" on those waiting, "Ask again anyway" on those whose answer was
/// lost. Shown for an inactive group only when it has some.
#[component]
pub fn GoodwillRequests(group: Arc<GroupDetails>) -> impl IntoView {
    let store = use_settings();
    let group_id = group.id.0;
    let can_act = no_actions_reason(group.group_status).is_none();
    // A page closed or reloaded while a request was out left it "sending": its answer is lost.
    let settings = store.for_request();
    kept::update(&settings, group_id, |l| list::interrupted(l, js_sys::Date::now(), settings.public.timeout_secs));
    let requests = Memo::new(move |_| kept::watch(&store.for_request(), group_id));
    let approving = RwSignal::new(None::<KeptRequest>);
    let rejecting = RwSignal::new(None::<KeptRequest>);
    let asking = RwSignal::new(None::<Asking>);
    let decidable = move || can_act && requests.with(|r| r.iter().any(KeptRequest::can_decide));
    view! {
        <section class="goodwill" aria-labelledby="goodwill-title" hidden=move || !can_act && requests.with(Vec::is_empty)>
            <h2 id="goodwill-title">"Goodwill requests"</h2>
            <p class="goodwill__own">{OWN_LIST_ONLY}</p>
            <p class="goodwill__caveat" id="goodwill-caveat" hidden=move || !decidable()>{MAKER_CHECKER}</p>
            {move || {
                let all = requests.get();
                if all.is_empty() {
                    view! { <p class="empty">{list::NONE_YET}</p> }.into_any()
                } else {
                    view! {
                        <ul class="goodwill-list" aria-labelledby="goodwill-title">
                            {all.into_iter().map(|r| view! { <RequestItem request=r can_act approving rejecting asking /> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <DecisionDialog group=group.clone() approve=true deciding=approving id="goodwill-approve-dialog" />
            <DecisionDialog group=group.clone() approve=false deciding=rejecting id="goodwill-reject-dialog" />
            <AskDialog group=group.clone() asking id="goodwill-again-dialog" />
        </section>
    }
}

fn state_class(state: RequestState) -> &'static str {
    match state {
        RequestState::Sending | RequestState::Pending => "goodwill-request__state--waiting",
        RequestState::Lost => "goodwill-request__state--lost",
        RequestState::Approved => "goodwill-request__state--approved",
        RequestState::Rejected | RequestState::DecidedElsewhere => "goodwill-request__state--decided",
    }
}

#[component]
fn RequestItem(
    request: KeptRequest,
    can_act: bool,
    approving: RwSignal<Option<KeptRequest>>,
    rejecting: RwSignal<Option<KeptRequest>>,
    asking: RwSignal<Option<Asking>>,
) -> impl IntoView {
    let r = request;
    let mut meta = vec![r.name(), format!("asked {}", intl::instant(r.at)), format!("ref {}", r.reference)];
    if !r.comments.is_empty() {
        meta.push(r.comments.clone());
    }
    let decide = (can_act && r.can_decide()).then(|| {
        let (a, b) = (r.clone(), r.clone());
        let warm = move || leptos::task::spawn_local(points_decide::fetch());
        view! {
            <div class="goodwill-request__actions" on:pointerover=move |_| warm() on:focusin=move |_| warm()>
                <button type="button" class="button button--small" aria-haspopup="dialog"
                    aria-label=format!("Approve {}", r.name()) aria-describedby="goodwill-caveat"
                    on:click=move |_| approving.set(Some(a.clone()))>"Approve"</button>
                <button type="button" class="button button--small" aria-haspopup="dialog"
                    aria-label=format!("Reject {}", r.name()) aria-describedby="goodwill-caveat"
                    on:click=move |_| rejecting.set(Some(b.clone()))>"Reject"</button>
            </div>
        }
    });
    let again = (can_act && r.can_ask_again()).then(|| {
        let lost = r.clone();
        view! {
            <div class="goodwill-request__actions">
                <button type="button" class="button button--small" aria-haspopup="dialog"
                    aria-label=format!("Ask again anyway for ref {}", r.reference)
                    on:click=move |_| asking.set(Some(Asking::Again(lost.clone())))>"Ask again anyway"</button>
            </div>
        }
    });
    view! {
        <li class="goodwill-request">
            <p class="goodwill-request__what"><strong>{r.what()}</strong>{(!r.reason.is_empty()).then(|| format!(" · {}", r.reason))}</p>
            <p class="goodwill-request__meta">{meta.join(" · ")}</p>
            <p class=format!("goodwill-request__state {}", state_class(r.state))>{r.words()}</p>
            {r.note.clone().map(|n| view! { <p class="goodwill-request__note">{n}</p> })}
            {decide}
            {again}
        </li>
    }
}

// ------------------------------------------------------------------ deciding

/// What came of an approve or a reject that had an answer, or whose answer was lost.
#[derive(Debug, Clone)]
enum Decision {
    /// Approved, rejected, or decided elsewhere (9052).
    Answered(Decided),
    /// An approval whose answer was lost, and what the balance said after.
    LostApproval(LostApproval),
    LostRejection,
}

#[component]
fn DecisionDialog(
    group: Arc<GroupDetails>,
    approve: bool,
    deciding: RwSignal<Option<KeptRequest>>,
    id: &'static str,
) -> impl IntoView {
    let refresh = use_context::<GroupRefresh>();
    // The group is read again once the dialog is closed on a decision that may have changed the
    // balance: reading it redraws the page, which would take the outcome away.
    let changed = StoredValue::new(false);
    let open = Signal::derive(move || deciding.with(Option::is_some));
    let close = Callback::new(move |_| {
        deciding.set(None);
        if changed.get_value() {
            changed.set_value(false);
            if let Some(GroupRefresh(cb)) = refresh {
                cb.run(());
            }
        }
    });
    let title = if approve { "Approve a goodwill request" } else { "Reject a goodwill request" };
    view! {
        <Dialog open on_close=close title id>
            {
                let group = group.clone();
                move || deciding.get().map(|r| dialog_body({
                    let group = group.clone();
                    move || points_decide::load(group.clone(), r.clone(), approve, changed, close)
                }))
            }
        </Dialog>
    }
}

// Approving and rejecting travel apart from the tab's code (gc_core::console::routes::DIALOG_PARTS).
page_part!(dialog points_decide, |group: Arc<GroupDetails>, request: KeptRequest, approve: bool, changed: StoredValue<bool>, close: Callback<()>| view! {
    <DecisionForm group request approve changed close />
});

/// The words for a decision that failed: an item's code (HTTP 200) in the decision's words.
fn decision_failure_words(e: &ApiError) -> String {
    match e {
        ApiError::Api { status: 200, code, message } => decision_code_words(*code, message),
        e => decision_words(e),
    }
}

#[component]
fn DecisionForm(
    group: Arc<GroupDetails>,
    request: KeptRequest,
    approve: bool,
    changed: StoredValue<bool>,
    close: Callback<()>,
) -> impl IntoView {
    let store = use_settings();
    let group_id = group.id.0;
    let name = group_name(&group);
    let comments = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let comments_error = Signal::derive(move || {
        let e = checks::note(&comments.read(), "The comments", "comments", false).err().map(|e| e.to_string());
        e.filter(|_| tried.get() || utf16_over(&comments.read()))
    });
    // The balance as the page shows it: an approval whose answer is lost is judged against it.
    let before = checks::program(&group.points_summaries, request.program_id).and_then(|s| s.loyalty_points);
    let action = if approve { "Approved goodwill" } else { "Rejected goodwill" };
    let call = if approve { CallId::ApproveRequest } else { CallId::RejectRequest };
    let form = {
        let r = request.clone();
        Form::new(call, &[], move |typed: String| {
            let settings = store.for_request();
            let r = r.clone();
            async move {
                let id = r.id.unwrap_or_default();
                let comments = match typed.trim() {
                    "" if approve => "Approved in Group Console",
                    "" => "Rejected in Group Console",
                    t => t,
                };
                let body = DecisionRequest::goodwill(Id(id), r.points, comments);
                let answer = if approve {
                    api::points::approve_request(&settings, &body).await
                } else {
                    api::points::reject_request(&settings, &body).await
                };
                let what = format!("{} ({}, ref {})", r.name(), r.what(), r.reference);
                let now = js_sys::Date::now();
                let result = match answer {
                    Ok(answer) => {
                        let outcome = answer.outcome(Id(id));
                        kept::update(&settings, group_id, |l| {
                            list::decided(l, id, approve, &outcome, now);
                            true
                        });
                        match &outcome {
                            Decided::Done { .. } => {
                                changed.set_value(true);
                                crate::state::activity::record(group_id, action, what, outcome.words(), true);
                                Ok(Decision::Answered(outcome))
                            }
                            elsewhere if elsewhere.decided_elsewhere() => {
                                changed.set_value(true);
                                let words = elsewhere.words();
                                crate::state::activity::record(group_id, action, what, words, false);
                                Ok(Decision::Answered(outcome))
                            }
                            Decided::Refused { code, message } => {
                                let words = format!("refused: {}", outcome.words());
                                crate::state::activity::record(group_id, action, what, words, false);
                                Err(ApiError::Api { status: 200, code: *code, message: message.clone() })
                            }
                        }
                    }
                    Err(e) if e.outcome_unknown() && approve => {
                        changed.set_value(true);
                        let query = api::group::group_page_query(group_id, (None, None));
                        let after = api::group::get_group(&settings, &query).await.ok().and_then(|g| {
                            checks::program(&g.points_summaries, r.program_id).and_then(|s| s.loyalty_points)
                        });
                        let found = list::after_lost_approval(r.points, before, after);
                        let words = found.words(r.points);
                        kept::update(&settings, group_id, |l| {
                            match found {
                                LostApproval::Approved { rose } => list::approved_after_lost_answer(l, id, rose, now),
                                _ => list::noted(l, id, &words),
                            }
                            true
                        });
                        crate::state::activity::record(group_id, action, what, words, found.approved());
                        Ok(Decision::LostApproval(found))
                    }
                    Err(e) if e.outcome_unknown() => {
                        changed.set_value(true);
                        kept::update(&settings, group_id, |l| {
                            list::noted(l, id, list::LOST_REJECTION);
                            true
                        });
                        crate::state::activity::record(group_id, action, what, list::LOST_REJECTION.into(), false);
                        Ok(Decision::LostRejection)
                    }
                    Err(e) => {
                        let words = format!("{} ({})", decision_failure_words(&e), e.technical());
                        crate::state::activity::record(group_id, action, what, words, false);
                        Err(e)
                    }
                };
                focus_soon("goodwill-decision-outcome");
                result
            }
        })
    };
    let submit = move || {
        tried.set(true);
        let typed = comments.get_untracked();
        let checked = checks::note(&typed, "The comments", "comments", false)
            .map(Option::unwrap_or_default)
            .map_err(|_| "goodwill-decision-comments".to_string());
        form.submit(checked);
    };
    let retry = Callback::new(move |_| submit());
    let again = move |typed: String| form.submit(Ok(typed));
    let (label, busy) =
        if approve { ("Approve the request", "Approving…") } else { ("Reject the request", "Rejecting…") };
    let again_label = if approve { "Approve again" } else { "Reject again" };
    let r = request.clone();
    view! {
        <form class="form" novalidate hidden=move || form.done().is_some()
            on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <p id="goodwill-decision-confirmation">{list::decision_confirmation(approve, &request, &name)}</p>
            <p class="consequences">{MAKER_CHECKER}</p>
            <TextField id="goodwill-decision-comments" label="Comments for the record (optional)" value=comments
                max_units=checks::MAX_NOTE_UNITS error=comments_error
                hint="Sent with the decision; the platform keeps them with the request." />
            {move || form.failure().map(|error| {
                let words = decision_failure_words(&error);
                view! { <ErrorAlert error words on_retry=retry /> }
            })}
            <div class="form__actions">
                <SubmitButton pending=form.pending() label busy />
                <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
            </div>
        </form>
        {move || form.done().map(|(typed, decision)| {
            let (words, settled) = match &decision {
                Decision::Answered(outcome) => (list::decided_words(approve, &r, outcome, &name), true),
                Decision::LostApproval(found) => (found.words(r.points), found.approved()),
                Decision::LostRejection => (list::LOST_REJECTION.to_string(), false),
            };
            let class = match &decision {
                Decision::Answered(Decided::Done { .. }) => "result result--ok",
                Decision::Answered(_) | Decision::LostApproval(LostApproval::Approved { .. }) => "result",
                _ => "consequences",
            };
            view! {
                <p class=class role="status" id="goodwill-decision-outcome" tabindex="-1">{words}</p>
                <div class="form__actions">
                    {(!settled).then(|| view! {
                        <button type="button" class="button" disabled=move || form.pending().get()
                            on:click=move |_| again(typed.clone())>
                            {move || if form.pending().get() { busy } else { again_label }}
                        </button>
                    })}
                    <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button>
                </div>
            }
        })}
    }
}

/// A comment past its limit says so as it is typed, as its counter does.
fn utf16_over(s: &str) -> bool {
    gc_core::platform::fields::utf16_len(s.trim()) > checks::MAX_NOTE_UNITS
}
