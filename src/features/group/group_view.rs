//! `/groups/:id/:tab?`: everything the platform knows about a group, read at a glance, in
//! tabs — Overview (capacity, extended fields, the platform's notes), Members, Points (cards,
//! expiry, tier gaps) and History. Each tab has its own address, so a deep link and the back
//! button work; the group is fetched once for all of them.

use std::sync::Arc;

use gc_core::platform::error::ApiError;
use gc_core::console::recent::{RecentAction, RecentKind};
use gc_core::console::routes::{GroupTab, link};
use gc_core::group::wire::{GetGroupQuery, GroupDetails, GroupKey, GroupStatus};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::group_header::{json_text, ExtendedFieldList};
use crate::components::{
    ActivityLog, CapacityMeter, DeleteGroup, ErrorAlert, ExpiryChart, ExpirySchedules, GroupHeader, GroupHistory, GroupRefresh, MembersTab, PointsCard,
    RenewStrategies, TextField, WarningList,
};
use crate::settings_store::use_settings;

/// The tier-gap options the group was asked for: (days ahead for the upgrade, for the renewal).
type Gaps = (Option<u32>, Option<u32>);

#[component]
pub fn GroupView() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.trim().parse::<u64>().ok()));
    let tab = Memo::new(move |_| GroupTab::from_slug(params.read().get("tab").as_deref()));
    // Kept across tabs and reloads of the group: the options actually requested.
    let gaps = RwSignal::new((None::<u32>, None::<u32>));

    move || match id.get() {
        None => view! {
            <h1>"Group not found"</h1>
            <p>"A group address ends in the group's numeric ID, like /groups/3918893. " <A href=link::home()>"Find a group"</A></p>
        }
        .into_any(),
        Some(id) => view! { <GroupLoader id tab gaps /> }.into_any(),
    }
}

#[component]
fn GroupLoader(id: u64, tab: Memo<Option<GroupTab>>, gaps: RwSignal<Gaps>) -> impl IntoView {
    let store = use_settings();
    let group = LocalResource::new(move || {
        let (up, renew) = gaps.get();
        let mut query = GetGroupQuery::full(GroupKey::Id(id));
        query.gap_to_upgrade_for = up;
        query.gap_to_renew_for = renew;
        let settings = store.for_request();
        async move {
            let group = api::get_group(&settings, &query).await.map(Arc::new);
            if let Ok(g) = &group {
                // A deleted group stays marked as such in the recent list, even after it is viewed.
                let action = if g.group_status == GroupStatus::Deleted { RecentAction::Deleted } else { RecentAction::Viewed };
                crate::recent_store::record(RecentKind::Group, g.id.0, &g.group_name, &g.external_id, action);
            }
            group
        }
    });
    // A change made on a tab (members added, removed, moved) shows on every tab.
    provide_context(GroupRefresh(Callback::new(move |_| group.refetch())));
    // Pending while the group is fetched again (the page stays as it was) or a tab's code is
    // on its way: the status line under the tabs says so.
    let busy = RwSignal::new(false);
    view! {
        <Transition fallback=move || view! { <LoadingGroup id /> } set_pending=busy>
            {move || group.get().map(|res| match res {
                Ok(g) => view! { <GroupPage group=g tab gaps busy=busy.read_only() /> }.into_any(),
                Err(e) => view! { <GroupError id error=e on_retry=Callback::new(move |_| group.refetch()) /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn LoadingGroup(id: u64) -> impl IntoView {
    view! {
        <div class="loading" role="status">
            <h1>{format!("Group {id}")}</h1>
            <p>"Loading the group’s members and points…"</p>
        </div>
    }
}

#[component]
fn GroupError(id: u64, error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let body = if error.is_not_found() {
        view! {
            <div class="notice" role="alert">
                <p>{format!("The platform has no group with ID {id}.")}</p>
                <p>"Check the ID, or " <A href=link::home()>"look the group up by its external ID"</A> "."</p>
            </div>
        }
        .into_any()
    } else {
        view! { <ErrorAlert error on_retry /> }.into_any()
    };
    view! {
        <h1>{format!("Group {id}")}</h1>
        {body}
    }
}

#[component]
fn GroupPage(group: Arc<GroupDetails>, tab: Memo<Option<GroupTab>>, gaps: RwSignal<Gaps>, busy: ReadSignal<bool>) -> impl IntoView {
    let id = group.id.0;
    let panel = {
        let group = group.clone();
        move || match tab.get() {
            None => view! {
                <p class="notice" role="alert">
                    "This group page has no such tab. " <A href=link::group(id)>"Open the overview"</A>
                </p>
            }
            .into_any(),
            Some(GroupTab::Overview) => view! { <OverviewTab group=group.clone() /> }.into_any(),
            Some(GroupTab::Members) => Suspend::new(group_members::load(group.clone(), can_change(&group))).into_any(),
            Some(GroupTab::Points) => Suspend::new(group_points::load(group.clone(), gaps)).into_any(),
            Some(GroupTab::History) => Suspend::new(group_history::load(group.clone())).into_any(),
        }
    };
    view! {
        <GroupHeader group=group.clone() />
        <StatusNotice status=group.group_status />
        <GroupTabs id current=tab />
        <p class="loading group-tabs__status" role="status">{move || busy.get().then_some("Loading…")}</p>
        <div class="group-tabs__panel" role="tabpanel" id="group-tabpanel" tabindex="0"
            aria-labelledby=move || format!("group-tab-{}", tab.get().unwrap_or(GroupTab::Overview).label().to_ascii_lowercase())>
            {panel}
        </div>
    }
}

// The tabs but the Overview travel in chunks of their own (a first visit of a group fetches
// the tab it opens), fetched when a tab's link is pointed at or focused; until a tab's code is
// there, its panel is empty and the status line under the tabs says "Loading…".
crate::page_chunks::page_part!(group_members, |group: Arc<GroupDetails>, can_change: bool| view! { <MembersTab group can_change /> });
crate::page_chunks::page_part!(group_points, |group: Arc<GroupDetails>, gaps: RwSignal<Gaps>| view! { <PointsTab group gaps /> });
crate::page_chunks::page_part!(group_history, |group: Arc<GroupDetails>| {
    let group_id = group.id.0;
    view! { <GroupHistory group /> <ActivityLog group_id /> }
});

/// Fetches the code of a tab, for the route's data (a deep link to the tab) and a tab link's
/// pointer or focus.
pub fn prefetch_tab(tab: GroupTab) {
    use leptos::task::spawn_local;
    match tab {
        GroupTab::Overview => {}
        GroupTab::Members => spawn_local(group_members::fetch()),
        GroupTab::Points => spawn_local(group_points::fetch()),
        GroupTab::History => spawn_local(group_history::fetch()),
    }
}

/// A group that cannot be changed says so at the top, in words.
#[component]
fn StatusNotice(status: GroupStatus) -> impl IntoView {
    let words = match status {
        GroupStatus::Inactive => Some((
            "This group is inactive.",
            "The platform deactivates a group when its primary member leaves. Its members can no longer use the group's points, and the group cannot be changed.",
        )),
        GroupStatus::Deleted => {
            Some(("This group was deleted.", "It is kept on the platform for the record; it cannot be changed."))
        }
        GroupStatus::Active | GroupStatus::Unknown => None,
    };
    words.map(|(headline, detail)| {
        view! {
            <div class="notice notice--status" role="note">
                <p><strong>{headline}</strong> " " {detail}</p>
            </div>
        }
    })
}

/// Whether changes can be offered: only an active group can be edited or managed.
fn can_change(group: &GroupDetails) -> bool {
    matches!(group.group_status, GroupStatus::Active | GroupStatus::Unknown)
}

/// The tab list: links (each tab has an address), with the arrow keys moving between them as
/// the ARIA tabs pattern has it.
#[component]
fn GroupTabs(id: u64, current: Memo<Option<GroupTab>>) -> impl IntoView {
    let navigate = use_navigate();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let now = current.get_untracked().unwrap_or(GroupTab::Overview);
        let i = GroupTab::ALL.iter().position(|t| *t == now).unwrap_or(0);
        let last = GroupTab::ALL.len() - 1;
        let next = match ev.key().as_str() {
            "ArrowRight" => if i == last { 0 } else { i + 1 },
            "ArrowLeft" => if i == 0 { last } else { i - 1 },
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        let tab = GroupTab::ALL[next];
        navigate(&link::group_tab(id, tab), NavigateOptions { scroll: false, ..Default::default() });
        crate::components::focus_by_id(&format!("group-tab-{}", tab.label().to_ascii_lowercase()));
    };
    view! {
        <div class="group-tabs" role="tablist" aria-label="Group" on:keydown=on_key>
            {GroupTab::ALL.into_iter().map(|tab| {
                let selected = move || current.get().unwrap_or(GroupTab::Overview) == tab;
                view! {
                    <a class="group-tabs__tab" role="tab" href=link::group_tab(id, tab)
                        id=format!("group-tab-{}", tab.label().to_ascii_lowercase())
                        aria-controls="group-tabpanel"
                        on:pointerenter=move |_| prefetch_tab(tab) on:focus=move |_| prefetch_tab(tab)
                        aria-selected=move || selected().to_string()
                        tabindex=move || if selected() { "0" } else { "-1" }>
                        {tab.label()}
                    </a>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
fn OverviewTab(group: Arc<GroupDetails>) -> impl IntoView {
    let id = group.id.0;
    let company = group.company_details.clone().filter(|c| c.as_object().is_some_and(|o| !o.is_empty()));
    view! {
        <CapacityMeter active=group.active_members() max=group.size_limit() />
        <WarningList warnings=group.warnings.clone() done="loaded" />
        {can_change(&group).then(|| view! {
            <p class="page-actions">
                <A href=link::group_edit(id) attr:class="button">"Edit group"</A>
                <DeleteGroup group=group.clone() />
            </p>
        })}
        <ExtendedFieldList fields=group.extended_fields.clone() />
        {company.map(|c| view! {
            <section aria-labelledby="company-title">
                <h2 id="company-title">"Company"</h2>
                <dl class="facts">
                    {c.as_object().into_iter().flatten().map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{json_text(v)}</dd> }).collect_view()}
                </dl>
            </section>
        })}
    }
}

#[component]
fn PointsTab(group: Arc<GroupDetails>, gaps: RwSignal<Gaps>) -> impl IntoView {
    let summaries = group.points_summaries.clone();
    view! {
        <section class="points" aria-labelledby="points-title">
            <h2 id="points-title">"Points by program"</h2>
            {if summaries.is_empty() {
                view! { <p class="empty">"No loyalty program reports points for this group yet."</p> }.into_any()
            } else {
                view! {
                    <div class="points__cards">
                        {summaries.iter().cloned().map(|s| view! {
                            <PointsCard summary=s all=summaries.clone() group_gap=group.gap_to_upgrade.clone() />
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
        </section>
        <section class="expiry" aria-labelledby="expiry-title">
            <h2 id="expiry-title">"Points expiry"</h2>
            <ExpiryChart schedules=group.expiry_schedules.clone() summaries=summaries.clone() />
            <ExpirySchedules schedules=group.expiry_schedules.clone() expired=group.expired_points.clone() summaries=summaries.clone() />
        </section>
        <TierGaps group=group.clone() gaps />
    }
}

/// gapToUpgradeFor / gapToRenewFor are days ahead of today (0 = today), as the platform's
/// customer pages define the same-named options: the points still needed as of that day.
#[component]
fn TierGaps(group: Arc<GroupDetails>, gaps: RwSignal<Gaps>) -> impl IntoView {
    let (asked_up, asked_renew) = gaps.get_untracked();
    let days = |n: Option<u32>| RwSignal::new(n.map(|n| n.to_string()).unwrap_or_default());
    let (up_days, renew_days) = (days(asked_up), days(asked_renew));
    let check = |v: String| match v.trim() {
        "" => Ok(None),
        s => s.parse::<u32>().map(Some).map_err(|_| "Enter a whole number of days: 0 for today, 30 for a month ahead."),
    };
    let up_error = Signal::derive(move || check(up_days.get()).err().map(String::from));
    let renew_error = Signal::derive(move || check(renew_days.get()).err().map(String::from));
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let (Ok(up), Ok(renew)) = (check(up_days.get_untracked()), check(renew_days.get_untracked())) {
            gaps.set((up, renew));
        }
    };
    let upgrade = group.gap_to_upgrade.clone();
    let renew = group.gap_to_renew.clone();
    view! {
        <section class="gap-controls" aria-labelledby="gap-title">
            <h2 id="gap-title">"Tier gaps"</h2>
            <form on:submit=apply novalidate>
                <p class="field__hint">"Ask the platform how many points the group still needs, as of a day ahead (0 is today)."</p>
                <div class="gap-controls__row">
                    <TextField id="gap-upgrade" label="Points needed to upgrade within … days" value=up_days
                        inputmode="numeric" error=up_error hint="Days ahead, e.g. 0 or 30." />
                    <TextField id="gap-renew" label="Points needed to renew within … days" value=renew_days
                        inputmode="numeric" error=renew_error hint="Days ahead, e.g. 0 or 30." />
                    <button type="submit" class="button">"Update"</button>
                </div>
            </form>
            {asked_up.map(|n| view! {
                <h3>{format!("To upgrade, as of {}", days_words(n))}</h3>
                {if upgrade.is_empty() {
                    view! { <p class="empty">"The platform reports no upgrade gap."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {upgrade.iter().map(|u| {
                                let v = u.customer_upgrade_entity_values.clone().unwrap_or_default();
                                view! { <li>{format!(
                                    "{} to go (threshold {}, now {}; based on {})",
                                    crate::intl::opt_number(v.gap_to_upgrade),
                                    crate::intl::opt_number(u.upgrade_threshold),
                                    crate::intl::opt_number(v.current_value),
                                    gc_core::points::summary::words(&u.upgrade_based_on),
                                )}</li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            })}
            {asked_renew.map(|n| view! {
                <h3>{format!("To renew, as of {}", days_words(n))}</h3>
                {match &renew {
                    Some(r) => view! {
                        <p>{format!(
                            "{}; the tier ends {}.",
                            if r.renew_confirmed { "Renewal confirmed" } else { "Not renewed yet" },
                            crate::intl::date(&r.tier_expiry_date)
                        )}</p>
                        <RenewStrategies strategies=r.renew_strategies.clone() />
                    }.into_any(),
                    None => view! { <p class="empty">"The platform reports no renewal gap."</p> }.into_any(),
                }}
            })}
        </section>
    }
}

fn days_words(n: u32) -> String {
    match n {
        0 => "today".into(),
        1 => "tomorrow".into(),
        n => format!("{n} days from today"),
    }
}
