//! `/reward-groups`: the reward-group catalogue, a page at a time — filtered by state,
//! searched by name as you type, sorted by rank or by name. What the list shows lives in the
//! address (`gc_core::rewards::catalogue::CatalogueView`), so back, forward and a shared link
//! show the same list.

use std::time::Duration;

use gc_core::platform::error::ApiError;
use gc_core::rewards::catalogue::{ACTIVE_FILTERS, CataloguePage, CatalogueSort, CatalogueView, SortedHere, next_page_to_read};
use gc_core::console::routes::link;
use gc_core::console::settings::Settings;
use gc_core::rewards::wire::RewardGroup;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api;
use crate::ui::alerts::ErrorAlert;
use crate::ui::pager::Pager;
use crate::ui::segmented::Segmented;
use crate::ui::text_field::{TextField, TextValue};
use crate::ui::timestamp::Timestamp;
use crate::ui::intl;
use crate::state::settings::use_settings;
use crate::ui::scroll_box::ScrollBox;

/// How long typing pauses before the search is sent.
const SEARCH_DELAY: Duration = Duration::from_millis(300);

#[component]
pub fn RewardGroups() -> impl IntoView {
    let location = use_location();
    let shown = Memo::new(move |_| CatalogueView::from_query(&location.search.get()));
    let navigate = use_navigate();
    let go = Callback::new(move |next: CatalogueView| {
        navigate(&next.href(), NavigateOptions { scroll: false, ..Default::default() })
    });
    let store = use_settings();
    // A resource sends one view's request at a time, the latest view's next: an older answer
    // never replaces a newer one (a slow answer does hold up the next request).
    let list = LocalResource::new(move || {
        let view = shown.get();
        let settings = store.for_request();
        async move { fetch_page(&settings, &view).await.map(|page| (view, page)) }
    });
    let (loading, set_loading) = signal(false);

    view! {
        <h1>"Reward groups"</h1>
        <p class="page-actions">
            <A href=link::reward_group_new() attr:class="button button--primary">"New reward group"</A>
        </p>
        <CatalogueControls shown go />
        <p class="catalogue__loading" role="status">{move || loading.get().then_some("Loading reward groups…")}</p>
        <Transition set_pending=set_loading fallback=|| ()>
            {move || list.get().map(|answer| match answer {
                Ok((view, page)) => view! { <CatalogueResults view page /> }.into_any(),
                Err(error) => view! { <ErrorAlert error on_retry=Callback::new(move |_| list.refetch()) /> }.into_any(),
            })}
        </Transition>
    }
}

/// The view's page: the platform's page in rank order, or every matching group sorted by
/// name here (the platform cannot sort by name).
async fn fetch_page(settings: &Settings, view: &CatalogueView) -> Result<CataloguePage, ApiError> {
    if view.sort == CatalogueSort::Rank {
        let answer = api::rewards::list_reward_groups(settings, &view.rank_query()).await?;
        return Ok(CataloguePage::from_platform(view, answer));
    }
    let (mut all, mut page, mut matching) = (Vec::new(), 0, None);
    loop {
        let answer = api::rewards::list_reward_groups(settings, &view.all_query(page)).await?;
        let next = next_page_to_read(&answer, page);
        matching = answer.paging_dto.as_ref().and_then(|p| p.total_elements).or(matching);
        all.extend(answer.group_ro_list);
        match next {
            Some(n) => page = n,
            None => break,
        }
    }
    Ok(CataloguePage::sorted_by_name(view, all, matching))
}

/// State, order and name search. Each change is a new address (and a history entry).
#[component]
fn CatalogueControls(shown: Memo<CatalogueView>, go: Callback<CatalogueView>) -> impl IntoView {
    let sorts = CatalogueSort::ALL.into_iter().map(|s| (s, s.label())).collect::<Vec<_>>();
    view! {
        <form class="catalogue__controls" role="search" aria-label="Reward groups" novalidate
            on:submit=|ev| ev.prevent_default()>
            <Segmented legend="Show" name="reward-active" choices=ACTIVE_FILTERS.to_vec()
                selected=Signal::derive(move || shown.read().active)
                on_choose=Callback::new(move |active| go.run(shown.get_untracked().with_active(active))) />
            <Segmented legend="Sort by" name="reward-sort" choices=sorts
                selected=Signal::derive(move || shown.read().sort)
                on_choose=Callback::new(move |sort| go.run(shown.get_untracked().with_sort(sort))) />
            <NameSearch shown go />
        </form>
    }
}

/// The name search, sent once typing pauses. The field shows what the user typed until the
/// address moves elsewhere (back, forward, a link): then it shows the address's search.
#[component]
fn NameSearch(shown: Memo<CatalogueView>, go: Callback<CatalogueView>) -> impl IntoView {
    let typed = RwSignal::new(None::<String>);
    let waiting = RwSignal::new(false);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let send = move || {
        waiting.set(false);
        let view = shown.get_untracked();
        let name = typed.get_untracked().unwrap_or_default();
        if name.trim() != view.name {
            go.run(view.with_name(&name));
        }
    };
    let value = TextValue::new(
        Signal::derive(move || match typed.get() {
            Some(t) if waiting.get() || t.trim() == shown.read().name => t,
            _ => shown.read().name.clone(),
        }),
        SignalSetter::map(move |text: String| {
            typed.set(Some(text));
            waiting.set(true);
            if let Some(t) = timer.get_value() {
                t.clear();
            }
            timer.set_value(set_timeout_with_handle(send, SEARCH_DELAY).ok());
        }),
    );
    on_cleanup(move || {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
    });
    view! {
        <TextField id="reward-search" label="Search by name" value hint="Part of the name, any case." />
    }
}

#[component]
fn CatalogueResults(view: CatalogueView, page: CataloguePage) -> impl IntoView {
    if page.rows.is_empty() {
        return view! { <EmptyCatalogue view span_pages=page.span.pages() past_end=page.span.is_past_end() /> }.into_any();
    }
    let span = page.span;
    let sort = view.sort;
    view! {
        <RewardGroupsTable rows=page.rows sort />
        {page.sorted_here.map(|s| view! { <NameSortNote sorted=s /> })}
        <Pager first=span.shown().map_or(1, |s| s.0) last=span.shown().map_or(0, |s| s.1) total=Some(span.total)
            noun="reward groups"
            previous=span.has_previous().then(|| view.with_page(span.page - 1).href())
            next=span.has_next().then(|| view.with_page(span.page + 1).href()) />
    }
    .into_any()
}

#[component]
fn RewardGroupsTable(rows: Vec<RewardGroup>, sort: CatalogueSort) -> impl IntoView {
    let sorted = move |by: CatalogueSort| if sort == by { "ascending" } else { "none" };
    view! {
        <ScrollBox class="catalogue__scroll" label="Reward groups">
            <table class="catalogue-table">
                <caption class="visually-hidden">"Reward groups"</caption>
                <thead>
                    <tr>
                        <th scope="col" aria-sort=sorted(CatalogueSort::Name)>"Name"</th>
                        <th scope="col" aria-sort=sorted(CatalogueSort::Rank)>"Rank"</th>
                        <th scope="col">"Active"</th>
                        <th scope="col">"Last updated"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|g| view! { <RewardGroupRow group=g /> }).collect_view()}
                </tbody>
            </table>
        </ScrollBox>
    }
}

#[component]
fn RewardGroupRow(group: RewardGroup) -> impl IntoView {
    let title = group.title();
    view! {
        <tr>
            <th scope="row"><A href=link::reward_group(group.id.0)>{title}</A></th>
            <td>{group.rank.map(|r| intl::number(r as f64)).unwrap_or_else(|| "—".into())}</td>
            <td>{if group.is_active { "Yes" } else { "No" }}</td>
            <td><Timestamp iso=group.last_updated_on_date_time.clone() epoch_ms=group.last_updated_on /></td>
        </tr>
    }
}

/// The platform sorts only by rank: say that the name order was made here, and over what.
#[component]
fn NameSortNote(sorted: SortedHere) -> impl IntoView {
    let n = |v: u64| intl::number(v as f64);
    let words = if sorted.complete() {
        format!(
            "Sorted by name in the console: the platform sorts only by rank, so all {} matching reward groups were read and sorted here.",
            n(sorted.read)
        )
    } else {
        format!(
            "Sorted by name in the console among the first {} of {} matching reward groups (the platform sorts only by rank, and the console reads at most {}). Search by name to narrow the list.",
            n(sorted.read),
            n(sorted.matching),
            n(sorted.read)
        )
    };
    view! { <p class="catalogue__note">{words}</p> }
}

/// Nothing to show: say why, and what to do next.
#[component]
fn EmptyCatalogue(view: CatalogueView, span_pages: u64, past_end: bool) -> impl IntoView {
    if past_end {
        let pages = match span_pages {
            1 => "1 page".to_string(),
            n => format!("{} pages", intl::number(n as f64)),
        };
        return view! {
            <div class="notice" role="status">
                <p>{format!("There is no page {} of this list: it has {pages}.", view.page as u64 + 1)}</p>
                <p><A href=view.with_page(0).href()>"Go to the first page"</A></p>
            </div>
        }
        .into_any();
    }
    if !view.is_narrowed() {
        return view! {
            <div class="notice" role="status">
                <p>"There are no reward groups yet."</p>
                <p><A href=link::reward_group_new()>"Create the first reward group"</A></p>
            </div>
        }
        .into_any();
    }
    let which = match view.active {
        None => "reward group",
        Some(true) => "active reward group",
        Some(false) => "inactive reward group",
    };
    let name = view.name.trim().to_string();
    let (words, hint) = if name.is_empty() {
        (format!("There are no {which}s."), "")
    } else {
        (format!("No {which} has “{name}” in its name."), "Check the spelling, or search for a shorter part of the name.")
    };
    let everything = CatalogueView { sort: view.sort, ..CatalogueView::default() };
    view! {
        <div class="notice" role="status">
            <p>{words} " " {hint}</p>
            <p><A href=everything.href()>"Show all reward groups"</A></p>
        </div>
    }
    .into_any()
}
