//! `/groups/:id/:tab?`: everything the platform knows about a group, read at a glance, in
//! tabs (the table `gc_core::group_tabs!`): Overview, Members, Points and History. Each tab has
//! its own address, so a deep link and the back button work; the group is fetched once for all
//! of them. The tabs but the Overview travel in chunks of their own (parts), fetched when a
//! tab's link is pointed at or focused; until a tab's code is there, its panel is empty and the
//! status line under the tabs says "Loading…".

use std::sync::Arc;

use gc_core::console::recent::{RecentAction, RecentKind};
use gc_core::console::routes::{link, GroupTab};
use gc_core::group::wire::{GroupDetails, GroupStatus};
use gc_core::platform::error::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use crate::api;
use crate::features::group::context::{Gaps, GroupRefresh, GroupTabArgs};
use crate::features::group::header::GroupHeader;
use crate::features::group::{history, members, overview, points};
use crate::state::settings::use_settings;
use crate::ui::alerts::ErrorAlert;

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
        let query = api::group::group_page_query(id, gaps.get());
        let settings = store.for_request();
        // The group answer's reader is this page's code, not the shell's: it is compiled here,
        // while the answer is on its way.
        crate::boot::warm_up::group_reading();
        async move {
            let group = api::group::get_group(&settings, &query).await.map(Arc::new);
            if let Ok(g) = &group {
                // A deleted group stays marked as such in the recent list, even after it is viewed.
                let action = if g.group_status == GroupStatus::Deleted { RecentAction::Deleted } else { RecentAction::Viewed };
                crate::state::recent::record(RecentKind::Group, g.id.0, &g.group_name, &g.external_id, action);
            }
            group
        }
    });
    // A change made on a tab (members added, removed, moved) shows on every tab.
    provide_context(GroupRefresh(Callback::new(move |_| group.refetch())));
    // Members' names, read once for all tabs (the first view that names members asks).
    provide_context(crate::features::group::member_names::Names::default());
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
    let args = GroupTabArgs { group: group.clone(), gaps };
    let panel = move || match tab.get() {
        None => view! {
            <p class="notice" role="alert">
                "This group page has no such tab. " <A href=link::group(id)>"Open the overview"</A>
            </p>
        }
        .into_any(),
        Some(tab) => tab_panel(tab, args.clone()),
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

// Each tab of the table: its view, in a part of its own unless it comes with the page.
macro_rules! tab_parts {
    ($($tab:ident $slug:literal $label:literal $part:ident $($view:ident)::+ $($warm:ident)::+;)*) => {
        $(tab_part!($part, $($view)::+, $($warm)::+);)*

        /// The tab's view: at once when it comes with the page, else once its part is there
        /// (a `Suspend`, which the page's Transition counts as pending).
        fn tab_panel(tab: GroupTab, args: GroupTabArgs) -> AnyView {
            match tab {
                $(GroupTab::$tab => tab_view!($part, $($view)::+, args),)*
            }
        }

        /// Fetches the code of a tab, for the route's data (a deep link to the tab) and a tab
        /// link's pointer or focus.
        pub fn prefetch_tab(tab: GroupTab) {
            match tab {
                $(GroupTab::$tab => tab_fetch!($part),)*
            }
        }
    };
}

macro_rules! tab_part {
    (page, $($view:ident)::+, $($warm:ident)::+) => {};
    ($part:ident, $($view:ident)::+, none) => {
        crate::boot::parts::page_part!($part, |args: GroupTabArgs| $($view)::+(args));
    };
    ($part:ident, $($view:ident)::+, $($warm:ident)::+) => {
        crate::boot::parts::page_part!($part, |args: GroupTabArgs| $($view)::+(args), warm $($warm)::+);
    };
}

macro_rules! tab_view {
    (page, $($view:ident)::+, $args:expr) => { $($view)::+($args).into_any() };
    ($part:ident, $($view:ident)::+, $args:expr) => { Suspend::new($part::load($args)).into_any() };
}

macro_rules! tab_fetch {
    (page) => {{}};
    ($part:ident) => { leptos::task::spawn_local($part::fetch()) };
}

gc_core::group_tabs!(tab_parts);

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
        crate::ui::focus_by_id(&format!("group-tab-{}", tab.label().to_ascii_lowercase()));
    };
    view! {
        <div class="group-tabs" role="tablist" aria-label="Group" on:keydown=on_key>
            {GroupTab::ALL.iter().map(|&tab| {
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

