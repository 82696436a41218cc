//! Moving members to another group (`POST /v2/userGroup2/transfer`). The target is found with
//! the same search as the Find page; before anything is sent the dialog says that points stay
//! behind and refuses what the platform would (the primary member, a full or inactive
//! target). Each member is moved with a call of their own, so the result is per member.

use std::sync::Arc;

use gc_core::find::wire::{GroupSummary, SearchQuery};
use gc_core::group::wire::{GetGroupQuery, GroupDetails, GroupKey};
use gc_core::members::list::member_label;
use gc_core::members::moving::check_move;
use gc_core::members::wire::{GroupMember, TransferRequest};
use gc_core::platform::error::ApiError;
use gc_core::platform::read::Id;
use leptos::prelude::*;

use crate::api;
use crate::features::group::members::selection::{dialog_for, MemberAction, Selection};
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
        async move { Some(api::group::get_group(&settings, &GetGroupQuery::basic(GroupKey::Id(id?))).await) }
    });
    let members = StoredValue::new(members);
    let problems =
        move || target.get().and_then(|(_, t)| t.ok()).map(|t| members.with_value(|m| check_move(m, from, &t)));
    let results = RwSignal::new(Vec::<Moved>::new());
    let running = RwSignal::new(false);

    let move_them = move |only: Option<Vec<u64>>| {
        let Some(Ok(to)) = target.get_untracked().map(|(_, t)| t) else { return };
        if running.get_untracked() || problems().is_some_and(|p| p.is_err()) {
            return;
        }
        running.set(true);
        let settings = store.for_request();
        let todo: Vec<GroupMember> = members.with_value(|m| {
            m.iter().filter(|m| only.as_ref().is_none_or(|ids| ids.contains(&m.fleet_user_id.0))).cloned().collect()
        });
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let mut done: Vec<Moved> = results.get_untracked().into_iter().filter(|r| r.result.is_ok()).collect();
            for m in todo {
                let req =
                    TransferRequest { leave_group_id: Id(from), join_group_id: to.id, user_ids: vec![m.fleet_user_id] };
                let result = api::members::transfer_members(&settings, &req).await.map(|_| ());
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
            <p><strong>"Points stay behind."</strong>" What the members earned stays with " {group.group_name.clone()}
                "; their new group's points are shared with them from now on. Moving points is a separate transfer on the platform."</p>
        </div>
        <div hidden=move || !results.with(Vec::is_empty)>
            <TextField id="move-search" label="Find the group to move them to" value=typed input_role="searchbox"
                hint="Its name, ID or external ID, or its primary member's mobile or e-mail." />
            {move || found.get().map(|(_, answer)| match answer {
                Ok(page) if page.data.is_empty() => view! { <p class="empty">"No group matches."</p> }.into_any(),
                Ok(page) => view! { <TargetChoices groups=page.data from target_id /> }.into_any(),
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
                    disabled=move || running.get() || problems().is_none_or(|p| p.is_err())
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
            <div class="form__actions">
                {move || (!failed_ids().is_empty() && !running.get()).then(|| view! {
                    <button type="button" class="button" on:click=move |_| move_them(Some(failed_ids()))>"Retry the failed ones"</button>
                })}
                <button type="button" class="button button--primary" on:click=move |_| close.run(())>"Close"</button>
            </div>
        </div>
    }
}

/// The groups found, each a choice (this group itself is not offered).
#[component]
fn TargetChoices(groups: Vec<GroupSummary>, from: u64, target_id: RwSignal<Option<u64>>) -> impl IntoView {
    view! {
        <fieldset class="move__choices">
            <legend>"Move them to"</legend>
            {groups.into_iter().filter(|g| g.group_id.0 != from).map(|g| {
                let id = g.group_id.0;
                let input_id = format!("move-target-{id}");
                let title = if g.group_name.trim().is_empty() { g.group_external_id.clone() } else { g.group_name.clone() };
                view! {
                    <div class="field--checkbox">
                        <input type="radio" name="move-target" id=input_id.clone()
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
