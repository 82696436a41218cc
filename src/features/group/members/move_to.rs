//! Moving members to another group (`POST /v2/userGroup2/transfer`). The target is found with
//! the same search as the Find page; before anything is sent the dialog says that points stay
//! behind and refuses what the platform would (the primary member, a full or inactive
//! target). Each member is moved with a call of their own, so the result is per member.
//! "Move their points too": once they have moved, each member's contributed points follow
//! through a points transfer from this group to the target (pre-check, then transfer, one
//! member at a time), one result per member.

use std::sync::Arc;

use gc_core::find::wire::SearchQuery;
use gc_core::group::wire::GroupDetails;
use gc_core::members::list::member_label;
use gc_core::members::moving::check_move;
use gc_core::members::wire::{GroupMember, TransferRequest};
use gc_core::platform::error::ApiError;
use gc_core::platform::read::Id;
use gc_core::points::checks::{self, points_text, program_name};
use gc_core::points::move_points::follow_plan;
use gc_core::points::transfer::{
    active_primary, check_transfer, words_naming, Party, Side, TransferInput, TransferProblem,
};
use leptos::prelude::*;

use crate::api;
use crate::features::group::members::selection::{dialog_for, MemberAction, Selection};
use crate::features::group::points::move_points::{group_title, send_transfer, with_programs, Sent, TargetChoices};
use crate::state::settings::use_settings;
use crate::ui::alerts::ErrorAlert;
use crate::ui::dialog::Dialog;
use crate::ui::latest::Latest;
use crate::ui::status_badge::StatusBadge;
use crate::ui::text_field::TextField;

#[component]
pub fn MovePanel(
    group: Arc<GroupDetails>,
    action: RwSignal<Option<MemberAction>>,
    selection: Selection,
    on_done: Callback<()>,
) -> impl IntoView {
    let (members, open, close) = dialog_for(action, |a| match a {
        MemberAction::Move(m) => Some(m.clone()),
        _ => None,
    });
    view! {
        <Dialog open on_close=close title="Move members to another group" id="move-dialog">
            {
                let group = group.clone();
                move || members.get().map(|m| view! { <MoveForm group=group.clone() members=m selection on_done close /> })
            }
        </Dialog>
    }
}

/// How one member's move ended.
#[derive(Clone)]
struct Moved {
    member: GroupMember,
    result: Result<(), ApiError>,
}

#[component]
fn MoveForm(
    group: Arc<GroupDetails>,
    members: Vec<GroupMember>,
    selection: Selection,
    on_done: Callback<()>,
    close: Callback<()>,
) -> impl IntoView {
    let store = use_settings();
    let from = group.id.0;
    let typed = RwSignal::new(String::new());
    let query = Memo::new(move |_| SearchQuery::new(&typed.get()).ok());
    let found = Latest::follow(query, move |q: Option<SearchQuery>| {
        let settings = store.for_request();
        async move { Some(api::find::search_groups(&settings, &q?).await) }
    });
    let target_id = RwSignal::new(None::<u64>);
    // The target's own record: its capacity and members, to check before sending.
    let target = Latest::follow(Memo::new(move |_| target_id.get()), move |id: Option<u64>| {
        let settings = store.for_request();
        // With its programs: "Move their points too" needs the program on both sides.
        async move { Some(api::group::get_group(&settings, &with_programs(id?)).await) }
    });
    let members = StoredValue::new(members);
    let problems =
        move || target.get().and_then(|(_, t)| t.ok()).map(|t| members.with_value(|m| check_move(m, from, &t)));
    let results = RwSignal::new(Vec::<Moved>::new());
    let running = RwSignal::new(false);
    let source = StoredValue::new(group.clone());
    let programs = checks::programs(&group.points_summaries);
    let follow = RwSignal::new(false);
    let follow_program = RwSignal::new(programs.first().map(|p| p.id).unwrap_or_default());
    let follow_results = RwSignal::new(Vec::<(String, bool, String)>::new());
    // Why the points could not follow to the chosen group (the members still can).
    let follow_problems = move || {
        if !follow.get() {
            return vec![];
        }
        let program = follow_program.get();
        let mut out = vec![];
        if source.with_value(|g| active_primary(&g.fleet_group_users).is_none()) {
            out.push(TransferProblem::NoAuthoriser.to_string());
        }
        if let Some((_, Ok(t))) = target.get() {
            if checks::program(&t.points_summaries, program).is_none() {
                let program = source.with_value(|g| program_name(&g.points_summaries, program));
                out.push(
                    TransferProblem::ReceiverNotInProgram { name: group_title(&t), program, member: false }.to_string(),
                );
            }
        }
        out
    };

    let move_them = move |only: Option<Vec<u64>>| {
        let Some(Ok(to)) = target.get_untracked().map(|(_, t)| t) else { return };
        if running.get_untracked() || problems().is_some_and(|p| p.is_err()) || !follow_problems().is_empty() {
            return;
        }
        let with_points = follow.get_untracked().then(|| follow_program.get_untracked());
        running.set(true);
        let settings = store.for_request();
        let todo: Vec<GroupMember> = members.with_value(|m| {
            m.iter().filter(|m| only.as_ref().is_none_or(|ids| ids.contains(&m.fleet_user_id.0))).cloned().collect()
        });
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let mut done: Vec<Moved> = results.get_untracked().into_iter().filter(|r| r.result.is_ok()).collect();
            let mut moved_now = vec![];
            for m in todo {
                let req =
                    TransferRequest { leave_group_id: Id(from), join_group_id: to.id, user_ids: vec![m.fleet_user_id] };
                let result = api::members::transfer_members(&settings, &req).await.map(|_| ());
                if result.is_ok() {
                    moved_now.push(m.clone());
                }
                done.push(Moved { member: m, result });
                results.set(done.clone());
            }
            let ok = done.iter().filter(|r| r.result.is_ok()).count();
            let failed: Vec<String> = done
                .iter()
                .filter_map(|r| r.result.as_ref().err().map(|e| format!("{}: {e}", member_label(&r.member))))
                .collect();
            let what = format!(
                "{} to group {} ({})",
                done.iter().map(|r| member_label(&r.member)).collect::<Vec<_>>().join(", "),
                to.id,
                to.group_name
            );
            let outcome = if failed.is_empty() {
                format!("{ok} moved")
            } else {
                format!("{ok} moved; {} failed: {}", failed.len(), failed.join("; "))
            };
            crate::state::activity::record(from, "Moved members", what, outcome, failed.is_empty());
            if let Some(program) = with_points {
                let group = source.get_value();
                follow_points(&settings, &group, &to, program, &moved_now, follow_results).await;
            }
            selection.update(|s| {
                for r in done.iter().filter(|r| r.result.is_ok()) {
                    s.remove(&r.member.fleet_user_id.0);
                }
            });
            running.set(false);
            on_done.run(());
            crate::ui::focus_by_id("move-results");
        });
    };
    let failed_ids = move || {
        results.with(|r| r.iter().filter(|r| r.result.is_err()).map(|r| r.member.fleet_user_id.0).collect::<Vec<_>>())
    };
    let count = members.with_value(Vec::len);

    view! {
        <p>{format!("Move {} from {}:", if count == 1 { "this member".to_string() } else { format!("these {count} members") }, group.group_name)}</p>
        <ul>{members.with_value(|m| m.iter().map(|m| view! { <li>{member_label(m)}</li> }).collect_view())}</ul>
        <div class="consequences" role="note">
            <p hidden=follow><strong>"Points stay behind."</strong>" What the members earned stays with " {group.group_name.clone()}
                "; their new group's points are shared with them from now on. Moving points is a separate transfer on the platform."</p>
            <p hidden=move || !follow.get()><strong>"Their points follow."</strong>" Once they have moved, the points each of them contributed move from "
                {group.group_name.clone()} " to the new group, one transfer per member, as far as the group's balance goes; the platform checks each first."</p>
        </div>
        <div hidden=move || !results.with(Vec::is_empty)>
            {(!programs.is_empty()).then(|| view! {
                <FollowChoice group=group.clone() members=members.get_value() programs=programs.clone() follow follow_program />
            })}
            {move || (!follow_problems().is_empty()).then(|| view! {
                <ul class="alert alert--error" role="alert">{follow_problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            })}
            <TextField id="move-search" label="Find the group to move them to" value=typed input_role="searchbox"
                hint="Its name, ID or external ID, or its primary member's mobile or e-mail." />
            {move || found.get().map(|(_, answer)| match answer {
                Ok(page) if page.data.is_empty() => view! { <p class="empty">"No group matches."</p> }.into_any(),
                Ok(page) => view! { <TargetChoices groups=page.data from target_id legend="Move them to" name="move-target" /> }.into_any(),
                Err(error) => view! { <ErrorAlert error /> }.into_any(),
            })}
            {move || target.get().map(|(_, t)| match t {
                Ok(t) => view! {
                    <p class="move__target">
                        "Moving to " <strong>{t.group_name.clone()}</strong> {format!(" (group {}) ", t.id)}
                        <StatusBadge status=t.group_status />
                        {format!(" · {} of {} members now", t.active_members(), t.max_group_size.map(|m| m.to_string()).unwrap_or_else(|| "?".into()))}
                    </p>
                }.into_any(),
                Err(error) => view! { <ErrorAlert error /> }.into_any(),
            })}
            {move || problems().and_then(|p| p.err()).map(|ps| view! {
                <ul class="alert alert--error" role="alert">{ps.into_iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}</ul>
            })}
            <div class="form__actions">
                <button type="button" class="button button--primary"
                    disabled=move || running.get() || problems().is_none_or(|p| p.is_err()) || !follow_problems().is_empty()
                    on:click=move |_| move_them(None)>
                    {move || if running.get() { "Moving…".to_string() } else { format!("Move {count} member{}", if count == 1 { "" } else { "s" }) }}
                </button>
                <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
            </div>
        </div>
        <div hidden=move || results.with(Vec::is_empty)>
            <h3 id="move-results" tabindex="-1">"Result"</h3>
            <ul class="outcomes">
                {move || results.get().into_iter().map(|r| view! {
                    <li>{member_label(&r.member)} ": " {match &r.result {
                        Ok(()) => view! { <span class="badge badge--ok">"Moved"</span> }.into_any(),
                        Err(e) => view! { <span class="badge badge--danger">"Not moved"</span> " " {e.headline()} " " <span class="muted">{e.technical()}</span> }.into_any(),
                    }}</li>
                }).collect_view()}
            </ul>
            {move || (!follow_results.with(Vec::is_empty)).then(|| view! {
                <h4>"Their points"</h4>
                <ul class="outcomes move__points">
                    {follow_results.get().into_iter().map(|(name, ok, words)| view! {
                        <li>{name} ": " {if ok {
                            view! { <span class="badge badge--ok">"Points moved"</span> }.into_any()
                        } else {
                            view! { <span class="badge badge--muted">"Points not moved"</span> }.into_any()
                        }} " " {words}</li>
                    }).collect_view()}
                </ul>
            })}
            <p class="loading" role="status">{move || (running.get() && follow.get()).then_some("Moving the members and their points…")}</p>
            <div class="form__actions">
                {move || (!failed_ids().is_empty() && !running.get()).then(|| view! {
                    <button type="button" class="button" on:click=move |_| move_them(Some(failed_ids()))>"Retry the failed ones"</button>
                })}
                <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button>
            </div>
        </div>
    }
}

/// "Move their points too": the program whose points follow, and each member's share as read
/// before they move.
#[component]
fn FollowChoice(
    group: Arc<GroupDetails>,
    members: Vec<GroupMember>,
    programs: Vec<checks::Program>,
    follow: RwSignal<bool>,
    follow_program: RwSignal<i64>,
) -> impl IntoView {
    let source = group_title(&group);
    let summaries = group.points_summaries.clone();
    let shares: Vec<(u64, String, Option<f64>)> =
        members.iter().map(|m| (m.fleet_user_id.0, name_of(m), m.points_contributed)).collect();
    let plan = move || {
        let program = follow_program.get();
        let held = checks::program(&summaries, program).and_then(|s| s.loyalty_points);
        let name = program_name(&summaries, program);
        follow_plan(&shares, held).iter().map(|l| l.plan_words(&source, &name)).collect::<Vec<_>>()
    };
    view! {
        <div class="field--checkbox">
            <input type="checkbox" id="move-points-too" prop:checked=follow
                on:change=move |ev| follow.set(event_target_checked(&ev)) />
            <label for="move-points-too">"Move their points too"</label>
        </div>
        <div class="move__follow" hidden=move || !follow.get()>
            {(programs.len() > 1).then(|| view! {
                <div class="field">
                    <label for="move-points-too-program">"Program whose points follow"</label>
                    <select id="move-points-too-program" prop:value=move || follow_program.get().to_string()
                        on:change=move |ev| {
                            if let Ok(id) = event_target_value(&ev).parse::<i64>() {
                                follow_program.set(id)
                            }
                        }>
                        {programs.iter().map(|p| view! { <option value=p.id.to_string()>{p.title.clone()}</option> }).collect_view()}
                    </select>
                </div>
            })}
            <p>"The points each member contributed, as far as the group's balance goes (read again once they have moved):"</p>
            <ul>{move || plan().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
        </div>
    }
}

fn name_of(m: &GroupMember) -> String {
    match m.name() {
        n if n.is_empty() => format!("Customer {}", m.fleet_user_id),
        n => n,
    }
}

/// After the members moved: each one's contribution (read before they moved) from `group` to
/// `to` in `program`, one member at a time — the group read again for its balance, the
/// pre-check, then the transfer — with one result line per member.
async fn follow_points(
    settings: &gc_core::console::settings::Settings,
    group: &GroupDetails,
    to: &GroupDetails,
    program: i64,
    moved: &[GroupMember],
    out: RwSignal<Vec<(String, bool, String)>>,
) {
    let fresh = api::group::get_group(settings, &with_programs(group.id.0)).await.ok();
    let source = fresh.as_ref().unwrap_or(group);
    let (from_name, to_name) = (group_title(source), group_title(to));
    let program_words = program_name(&group.points_summaries, program);
    let held = checks::program(&source.points_summaries, program).and_then(|s| s.loyalty_points);
    let shares: Vec<(u64, String, Option<f64>)> =
        moved.iter().map(|m| (m.fleet_user_id.0, name_of(m), m.points_contributed)).collect();
    let authoriser = "The group's primary member";
    for line in follow_plan(&shares, held) {
        let n = line.points;
        let (ok, words) = if n == 0 {
            (true, line.plan_words(&from_name, &program_words))
        } else {
            let notes = line.notes();
            let input = TransferInput {
                source: Side::group(source),
                destination: Side::group(to),
                program_id: program,
                points: &n.to_string(),
                notes: &notes,
            };
            match check_transfer(&input) {
                Err(ps) => (false, ps.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")),
                Ok(req) => match api::points::check_transfer(settings, &req).await {
                    Ok(a) if a.agrees() => {
                        let sent =
                            send_transfer(settings, &req, Party::Group(source.id.0), Party::Group(to.id.0), &from_name)
                                .await;
                        let said = match &sent {
                            Sent::Moved(answer, _, warning) => {
                                let said = answer.words(n, &program_words, &from_name, &to_name);
                                (warning.is_none(), warning.as_ref().map_or(said.clone(), |w| format!("{said} {w}")))
                            }
                            Sent::Lost(_, f, _) => (
                                f.moved(),
                                format!("{} Use Move points on the Points tab to send again.", f.words(n, &from_name)),
                            ),
                            Sent::Refused(e) => {
                                (false, format!("{} ({})", words_naming(e, authoriser, &from_name), e.technical()))
                            }
                        };
                        let what = format!(
                            "{} points of {program_words} from {from_name} to {to_name}, with {}",
                            points_text(n as f64),
                            line.name
                        );
                        crate::state::activity::record(source.id.0, "Moved points", what, said.1.clone(), said.0);
                        said
                    }
                    Ok(a) => (false, a.words(n)),
                    Err(e) => (false, format!("{} ({})", words_naming(&e, authoriser, &from_name), e.technical())),
                },
            }
        };
        out.update(|o| o.push((line.name.clone(), ok && n > 0, words)));
    }
}
