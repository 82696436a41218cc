//! The group page's Members tab: the current members a page at a time from the platform
//! (`GET /v2/userGroup2/members`), in the order and join dates the platform can filter by,
//! with the actions on them — add, remove, move, permissions — and CSV export of a page or of
//! every page. The page, its size, order and dates live in the tab's address.

pub mod add;
pub mod move_to;
pub mod permissions;
pub mod record;
pub mod remove;
pub mod selection;
pub mod tiers;

use std::collections::BTreeMap;
use std::sync::Arc;

use gc_core::members::list::{card_numbers, MemberListState, MemberOrder, PAGE_SIZES};
use gc_core::members::permissions::permission_words;

use gc_core::console::routes::{link, GroupTab};
use gc_core::group::wire::GroupDetails;
use gc_core::members::list;
use gc_core::members::wire::{GroupMember, MembersResponse};
use gc_core::platform::query::page_view;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::features::group::members::add::AddMembers;

use crate::ui::alerts::ErrorAlert;

use crate::features::group::members::record::MembersTable;

use crate::features::group::members::move_to::MovePanel;

use crate::ui::pager::Pager;

use crate::features::group::members::permissions::PermissionsPanel;

use self::selection::{MemberAction, Selection};
use crate::api;
use crate::features::group::context::{GroupRefresh, GroupTabArgs};
use crate::features::group::members::remove::RemovePanel;
use crate::state::settings::use_settings;
use crate::ui::intl;
use crate::ui::latest::Latest;
use crate::ui::scroll_box::ScrollBox;

/// The Members tab (`gc_core::group_tabs!`).
pub fn tab(tab: GroupTabArgs) -> impl IntoView {
    let can_change = tab.can_change();
    view! { <MembersTab group=tab.group can_change /> }
}

#[component]
fn MembersTab(group: Arc<GroupDetails>, can_change: bool) -> impl IntoView {
    let store = use_settings();
    let location = use_location();
    let navigate = use_navigate();
    let id = group.id.0;
    let state = Memo::new(move |_| MemberListState::from_query(location.search.get().trim_start_matches('?')));
    let go = StoredValue::new(move |s: MemberListState| {
        let q = s.to_query();
        let base = link::group_tab(id, GroupTab::Members);
        let href = if q.is_empty() { base } else { format!("{base}?{q}") };
        navigate(&href, NavigateOptions { scroll: false, ..Default::default() })
    });
    let set = move |f: &dyn Fn(&mut MemberListState)| {
        let mut s = state.get_untracked();
        f(&mut s);
        go.with_value(|go| go(s));
    };
    let list = Latest::follow(state, move |s: MemberListState| {
        let settings = store.for_request();
        async move { Some(api::members::list_members(&settings, &s.request(id)).await) }
    });
    let selection: Selection = RwSignal::new(BTreeMap::new());
    tiers::MemberTiers::provide(&group);
    let action = RwSignal::new(None::<MemberAction>);
    // A finished action refreshes the list at once, and the group (its counts, capacity and
    // status, on every tab) once its dialog is closed: refreshing the group redraws the page,
    // which would take the dialog and its results away.
    let changed = StoredValue::new(false);
    let done = Callback::new(move |_| {
        list.refetch();
        changed.set_value(true);
    });
    let refresh_group = use_context::<GroupRefresh>();
    Effect::watch(
        move || action.with(Option::is_some),
        move |open, _, _| {
            if !*open && changed.get_value() {
                changed.set_value(false);
                if let Some(GroupRefresh(cb)) = refresh_group {
                    cb.run(());
                }
            }
        },
        false,
    );
    // Add members calls back only once its dialog is closed on a finished adding.
    let added = Callback::new(move |_| {
        list.refetch();
        if let Some(GroupRefresh(cb)) = refresh_group {
            cb.run(());
        }
    });
    let selected = move || selection.with(|s| s.values().cloned().collect::<Vec<_>>());

    view! {
        <section class="members" aria-labelledby="members-title">
            <div class="members__top">
                <h2 id="members-title">"Members"</h2>
                {can_change.then(|| view! {
                    <div class="members__actions">
                        <AddMembers group=group.clone() on_done=added />
                        <button type="button" class="button" disabled=move || selection.with(BTreeMap::is_empty)
                            on:click=move |_| action.set(Some(MemberAction::Move(selected())))>
                            {move || format!("Move selected ({})", selection.with(BTreeMap::len))}
                        </button>
                        <button type="button" class="button" disabled=move || selection.with(BTreeMap::is_empty)
                            on:click=move |_| action.set(Some(MemberAction::Permissions(selected())))>
                            {move || format!("Permissions of selected ({})", selection.with(BTreeMap::len))}
                        </button>
                    </div>
                })}
            </div>
            <ListControls state set />
            <tiers::TiersPanel selection can_change />
            <p class="loading" role="status">{move || list.loading().then_some("Loading members…")}</p>
            {move || list.get().map(|(s, answer)| match answer {
                Ok(page) => view! { <MemberPage group_id=id state=s page selection action can_change /> }.into_any(),
                Err(error) => view! { <ErrorAlert error on_retry=Callback::new(move |_| list.refetch()) /> }.into_any(),
            })}
            <ExportAll group_id=id size_limit=group.size_limit() state />
            {can_change.then(|| view! {
                <RemovePanel group=group.clone() action on_done=done />
                <MovePanel group=group.clone() action selection on_done=done />
                <PermissionsPanel group_id=id action selection on_done=done />
            })}
        </section>
        <details class="members__record">
            <summary>"Every membership on the group's record, including members who left"</summary>
            <MembersTable group=group.clone() />
        </details>
    }
}

/// Order, join dates and page size: the filters the platform offers.
#[component]
fn ListControls(
    state: Memo<MemberListState>,
    set: impl Fn(&dyn Fn(&mut MemberListState)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let from = RwSignal::new(state.get_untracked().from.unwrap_or_default());
    let to = RwSignal::new(state.get_untracked().to.unwrap_or_default());
    let apply_dates = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (f, t) = (from.get_untracked(), to.get_untracked());
        set(&|s| {
            s.from = (!f.is_empty()).then(|| f.clone());
            s.to = (!t.is_empty()).then(|| t.clone());
            s.page = 1;
        });
    };
    view! {
        <div class="members__controls">
            <div class="field field--inline">
                <label for="members-order">"Order"</label>
                <select id="members-order" prop:value=move || format!("{:?}", state.get().order)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(o) = MemberOrder::ALL.into_iter().find(|o| format!("{o:?}") == v) {
                            set(&|s| { s.order = o; s.page = 1; });
                        }
                    }>
                    {MemberOrder::ALL.into_iter().map(|o| view! { <option value=format!("{o:?}")>{o.label()}</option> }).collect_view()}
                </select>
            </div>
            <form class="members__dates" on:submit=apply_dates>
                <div class="field field--inline">
                    <label for="members-from">"Joined from"</label>
                    <input id="members-from" type="date" bind:value=from />
                </div>
                <div class="field field--inline">
                    <label for="members-to">"Joined until"</label>
                    <input id="members-to" type="date" bind:value=to />
                </div>
                <button type="submit" class="button">"Apply dates"</button>
            </form>
            <div class="field field--inline">
                <label for="members-size">"Per page"</label>
                <select id="members-size" prop:value=move || state.get().size.to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                            set(&|s| { s.size = n; s.page = 1; });
                        }
                    }>
                    {PAGE_SIZES.into_iter().map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                </select>
            </div>
        </div>
    }
}

/// One page of members: selection, each member's facts, and the row's own actions.
#[component]
fn MemberPage(
    group_id: u64,
    state: MemberListState,
    page: MembersResponse,
    selection: Selection,
    action: RwSignal<Option<MemberAction>>,
    can_change: bool,
) -> impl IntoView {
    let offset = (state.page - 1) * state.size;
    let view = page_view(offset, page.data.len(), state.size, page.pagination.as_ref());
    let href = |p: Option<u32>| {
        p.map(|o| {
            let s = state.page(o / state.size + 1);
            let q = s.to_query();
            let base = link::group_tab(group_id, GroupTab::Members);
            if q.is_empty() {
                base
            } else {
                format!("{base}?{q}")
            }
        })
    };
    let members = Arc::new(page.data);
    crate::perf::mark_next_frame("gc-member-rows-painted");
    if members.is_empty() {
        let filtered = state.from.is_some() || state.to.is_some();
        return view! {
            <p class="empty">{if filtered { "No member joined in these dates." } else { "This group has no members yet." }}</p>
        }
        .into_any();
    }
    let all_on_page = {
        let members = members.clone();
        move || members.iter().all(|m| selection.with(|s| s.contains_key(&m.fleet_user_id.0)))
    };
    let toggle_page = {
        let members = members.clone();
        let all = all_on_page.clone();
        move |_| {
            let on = !all();
            selection.update(|s| {
                for m in members.iter() {
                    if on {
                        s.insert(m.fleet_user_id.0, m.clone());
                    } else {
                        s.remove(&m.fleet_user_id.0);
                    }
                }
            })
        }
    };
    let export_page = {
        let members = members.clone();
        move |_| {
            let csv = gc_core::members::list::to_csv(&members);
            crate::ui::download::text_file(
                &format!("group-{group_id}-members-page-{}.csv", state.page),
                "text/csv",
                &csv,
            );
        }
    };
    view! {
        <Pager first=view.first last=view.last total=view.total noun="members" previous=href(view.previous) next=href(view.next) />
        // Mobiles and e-mails never wrap: on a narrow screen the table scrolls sideways.
        <ScrollBox class="members-list__scroll" label="Members, scrollable">
            <table class="members-list">
                <caption class="visually-hidden">"Members of this group"</caption>
                <thead>
                    <tr>
                        {can_change.then(|| view! {
                            <th scope="col" class="members-list__pick">
                                <input type="checkbox" id="members-pick-page" prop:checked=all_on_page on:change=toggle_page />
                                <label for="members-pick-page">"All on this page"</label>
                            </th>
                        })}
                        <th scope="col">"Name"</th>
                        <th scope="col">"Mobile, e-mail, card"</th>
                        <th scope="col">"Role"</th>
                        <tiers::TierHeading />
                        <th scope="col">"Joined on"</th>
                        <th scope="col">"Permissions"</th>
                        <th scope="col" class="num">"Points contributed"</th>
                        {can_change.then(|| view! { <th scope="col">"Actions"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {members.iter().cloned().map(|m| view! { <MemberRow m selection action can_change /> }).collect_view()}
                </tbody>
            </table>
        </ScrollBox>
        <p><button type="button" class="button" on:click=export_page>"Export this page (CSV)"</button></p>
    }
    .into_any()
}

#[component]
fn MemberRow(
    m: GroupMember,
    selection: Selection,
    action: RwSignal<Option<MemberAction>>,
    can_change: bool,
) -> impl IntoView {
    let id = m.fleet_user_id.0;
    let name = m.name();
    let name = if name.is_empty() { format!("Customer {id}") } else { name };
    // The checkbox is named by the member's name in the row: a visible label.
    let pick_id = format!("member-pick-{id}");
    let contact: Vec<String> =
        [m.mobile.clone(), m.email.clone()].into_iter().chain(card_numbers(&m)).filter(|s| !s.is_empty()).collect();
    let primary = m.is_primary();
    let perms = permission_words(m.permissions.known());
    let (for_remove, for_perms, for_pick) = (m.clone(), m.clone(), m.clone());
    view! {
        <tr class:members-list__row--primary=primary>
            {can_change.then(|| view! {
                <td class="members-list__pick">
                    <input type="checkbox" id=pick_id.clone() aria-labelledby=format!("member-name-{id}")
                        prop:checked=move || selection.with(|s| s.contains_key(&id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let m = for_pick.clone();
                            selection.update(|s| { if on { s.insert(id, m); } else { s.remove(&id); } });
                        } />
                </td>
            })}
            <td>
                <span class="members-list__name" id=format!("member-name-{id}")>{name.clone()}</span>
                <span class="muted">{format!("Customer {id}")}</span>
            </td>
            <td>{contact.into_iter().map(|c| view! { <span class="members-list__contact">{c}</span> }).collect_view()}</td>
            <td>{if primary { view! { <span class="badge badge--ok">"Primary member"</span> }.into_any() } else { "Member".into_any() }}</td>
            <tiers::TierCell member=id />
            <td class="nowrap">{intl::date(&m.joined_on)}</td>
            <td>{perms}</td>
            <td class="num">{intl::opt_number(m.points_contributed)}</td>
            {can_change.then(|| view! {
                <td class="members-list__row-actions">
                    <button type="button" class="button button--small" aria-label=format!("Remove {name}")
                        on:click=move |_| action.set(Some(MemberAction::Remove(for_remove.clone())))>"Remove"</button>
                    <button type="button" class="button button--small" aria-label=format!("Permissions of {name}")
                        on:click=move |_| action.set(Some(MemberAction::Permissions(vec![for_perms.clone()])))>"Permissions"</button>
                </td>
            })}
        </tr>
    }
}

/// Every member of the group as one CSV file, fetched a thousand at a time with progress, and
/// never past the group's size limit (`list::export_next`).
#[component]
fn ExportAll(group_id: u64, size_limit: Option<u64>, state: Memo<MemberListState>) -> impl IntoView {
    let store = use_settings();
    let progress = RwSignal::new(None::<(usize, Option<u64>)>);
    let failure = RwSignal::new(None::<gc_core::platform::error::ApiError>);
    let cut = RwSignal::new(None::<String>);
    let cancelled = StoredValue::new(false);
    let export = move || {
        if progress.get_untracked().is_some() {
            return;
        }
        cancelled.set_value(false);
        failure.set(None);
        cut.set(None);
        progress.set(Some((0, None)));
        let settings = store.for_request();
        let cap = list::export_cap(size_limit, settings.public.max_group_size_limit);
        let mut query = list::export_first(&state.get_untracked(), group_id, cap);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let mut all: Vec<GroupMember> = Vec::new();
            let mut listed = 0;
            loop {
                if cancelled.get_value() {
                    progress.set(None);
                    return;
                }
                match api::members::list_members(&settings, &query).await {
                    Ok(page) => {
                        let total = page.pagination.as_ref().and_then(|p| p.total).map(|t| t.max(0) as u64);
                        listed = listed.max(total.unwrap_or(0));
                        let total = total.map(|t| t.min(cap));
                        let got = page.data.len();
                        all.extend(page.data);
                        all.truncate(cap as usize);
                        progress.set(Some((all.len(), total)));
                        match list::export_next(&query, got, all.len() as u64, total, cap) {
                            Some(next) => query = next,
                            None => break,
                        }
                    }
                    Err(e) => {
                        failure.set(Some(e));
                        progress.set(None);
                        return;
                    }
                }
            }
            crate::ui::download::text_file(&format!("group-{group_id}-members.csv"), "text/csv", &list::to_csv(&all));
            cut.set(list::export_cut_words(listed, cap));
            progress.set(None);
        });
    };
    view! {
        <div class="members__export">
            <button type="button" class="button" disabled=move || progress.get().is_some() on:click=move |_| export()>
                "Export all members (CSV)"
            </button>
            {move || progress.get().map(|(n, total)| view! {
                <progress max=total.unwrap_or(0).max(1).to_string() value=n.to_string() aria-label="Export progress"></progress>
                <span role="status">{match total {
                    Some(t) => format!("Exporting… {} of {} members", intl::number(n as f64), intl::number(t as f64)),
                    None => format!("Exporting… {} members", intl::number(n as f64)),
                }}</span>
                <button type="button" class="button" on:click=move |_| cancelled.set_value(true)>"Cancel export"</button>
            })}
            {move || failure.get().map(|error| view! { <ErrorAlert error on_retry=Callback::new(move |_| export()) /> })}
            <p role="status">{move || cut.get()}</p>
        </div>
    }
}
