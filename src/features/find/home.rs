//! `/`: find a group without knowing its ID — search by name, ID, external ID or the primary
//! member's mobile, e-mail or card; filter by an extended field; look one up exactly; list a
//! customer's groups — and return to recent work. The search lives in the address
//! (`/?q=sharma`), so back, forward and a shared link show the same results.
//!
//! What the page does once the user searches or looks something up (the requests, reading the
//! platform's answers, the results) is a part of its own, `find` (below): a first visit of `/`
//! shows the forms and recent work without it, and fetches it when the pointer or the focus
//! reaches a form, or with the page for an address that holds a search.

use gc_core::console::recent::{RecentAction, RecentItem, RecentKind};
use gc_core::console::routes::link;
use gc_core::find::lookup::{customer_query, lookup_key, CustomerBy, Finding, LookupBy};
use gc_core::find::wire::{CustomerGroupsQuery, SearchError};
use gc_core::group::wire::GroupKey;
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::{ApiError, Field};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::boot::parts::{in_part, results_load_failed, PageLoadError};
use crate::state::settings::use_settings;
use crate::ui::alerts::ErrorAlert;
use crate::ui::form::{Form, FormFailure, SubmitButton};
use crate::ui::latest::Latest;
use crate::ui::text_field::TextField;

/// Typing pauses this long before the search goes out: a search per keystroke would be
/// mostly wasted requests against the platform's rate limit.
const DEBOUNCE_MS: u64 = 300;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1>"Find a group"</h1>
        <GroupSearch />
        <div class="find__more" on:pointerenter=|_| prefetch_find() on:focusin=|_| prefetch_find()>
            <ExactLookup />
            <CustomerGroupsFinder />
        </div>
        <RecentWork />
    }
}

/// Segmented radio choices (the look-up's "Group ID / External ID / …").
fn choices<T: Copy + PartialEq + Send + Sync + 'static>(
    name: &'static str,
    all: impl IntoIterator<Item = T>,
    label: fn(T) -> &'static str,
    chosen: RwSignal<T>,
) -> impl IntoView {
    all.into_iter()
        .map(|choice| {
            let id = format!("{name}-{}", label(choice).to_ascii_lowercase().replace([' ', '-'], "-"));
            view! {
                <span class="segmented__option">
                    <input type="radio" name=name id=id.clone() prop:checked=move || chosen.get() == choice
                        on:change=move |_| chosen.set(choice) />
                    <label for=id>{label(choice)}</label>
                </span>
            }
        })
        .collect_view()
}

/// The search box and its results, and the extended-field filter under "More filters".
#[component]
fn GroupSearch() -> impl IntoView {
    let store = use_settings();
    let location = use_location();
    let navigate = use_navigate();
    let finding = Memo::new(move |_| Finding::from_query(location.search.get().trim_start_matches('?')));
    let in_address = match finding.get_untracked() {
        Finding::Text { q, .. } => q,
        _ => String::new(),
    };
    // A first visit's static search box (index.html) may hold what the user typed already.
    let carried = crate::boot::loading_shell::typed_search();
    let typed = RwSignal::new(carried.as_ref().map_or_else(|| in_address.clone(), |c| c.text.clone()));
    let attempted = RwSignal::new(false);
    let go = move |f: Finding, replace: bool| {
        navigate(&f.href(), NavigateOptions { replace, scroll: false, ..Default::default() })
    };
    let go = StoredValue::new(go);

    // Too long shows at once (the counter is red); "type something" only after a try.
    let field_error = Signal::derive(move || match Finding::text(&typed.get()) {
        Err(e @ SearchError::TooLong { .. }) => Some(e.to_string()),
        Err(e) if attempted.get() => Some(e.to_string()),
        _ => None,
    });

    let timer = StoredValue::new(None::<TimeoutHandle>);
    let stop_timer = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
    };
    // Searching as the user types: the latest text, once typing pauses; the address is
    // replaced rather than pushed, so Back does not step through every keystroke.
    let on_input = Callback::new(move |text: String| {
        stop_timer();
        if let Ok(f) = Finding::text(&text) {
            let run = move || go.with_value(|go| go(f, true));
            timer.set_value(set_timeout_with_handle(run, std::time::Duration::from_millis(DEBOUNCE_MS)).ok());
        }
    });
    if let Some(carried) = carried {
        if carried.text != in_address {
            on_input.run(carried.text);
        }
        if carried.focused {
            // The router mounts this view in the task that removes the shell, so a microtask
            // finds the box there, before a keystroke can land on the page's body.
            queue_microtask(|| crate::ui::focus_by_id("search-text"));
        }
    }
    let submit = move || {
        stop_timer();
        attempted.set(true);
        match Finding::text(&typed.get_untracked()) {
            Ok(f) => {
                if let Finding::Text { q, .. } = &f {
                    crate::state::recent::record_search(q);
                }
                go.with_value(|go| go(f, false));
            }
            Err(_) => crate::ui::focus_by_id("search-text"),
        }
    };

    // A newer address aborts the search still out and only its answer is shown. A bare `/`
    // asks nothing (and needs no part).
    let results = Latest::follow(finding, move |finding: Finding| {
        let settings = store.for_request();
        async move {
            if finding == Finding::Nothing {
                return None;
            }
            match in_part!(find::search(settings, finding)) {
                Ok(search) => search.await.map(Ok),
                Err(e) => Some(Err(e)),
            }
        }
    });
    let server_error = move || {
        results
            .get()
            .and_then(|(_, r)| r.ok()?.err())
            .filter(|e| e.field(CallId::SearchGroups) == Some(Field::SearchText))
    };
    let error = Signal::derive(move || field_error.get().or_else(|| server_error().map(|e| e.headline())));

    view! {
        <section class="find" aria-labelledby="search-title" on:pointerenter=|_| prefetch_find()
            on:focusin=|_| prefetch_find()>
            <h2 id="search-title" class="visually-hidden">"Search"</h2>
            <form class="form find__search" role="search" novalidate on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <TextField id="search-text" label="Search groups" value=typed error input_role="searchbox"
                    max_units=gc_core::platform::fields::MAX_TEXT_UNITS on_input
                    hint="A group's name, ID or external ID, or its primary member's mobile, e-mail or card number." />
                <div class="form__actions">
                    <button type="submit" class="button button--primary">"Search"</button>
                </div>
            </form>
            <ExtendedFieldFilter finding />
            <p class="loading" role="status">{move || results.loading().then_some("Searching…")}</p>
            {move || results.get().map(|(finding, answer)| match answer {
                Ok(Ok(found)) => in_part_view(async move { in_part!(find::answer(finding, found)) }),
                Ok(Err(e)) if e.field(CallId::SearchGroups) == Some(Field::SearchText) => ().into_any(),
                Ok(Err(error)) => view! { <ErrorAlert error on_retry=Callback::new(move |_| results.refetch()) /> }.into_any(),
                Err(PageLoadError) => results_load_failed(),
            })}
        </section>
    }
}

/// "More filters": groups whose extended field has a value.
#[component]
fn ExtendedFieldFilter(finding: Memo<Finding>) -> impl IntoView {
    let navigate = use_navigate();
    let (name0, value0, open) = match finding.get_untracked() {
        Finding::Field { name, value, .. } => (name, value, true),
        _ => (String::new(), String::new(), false),
    };
    let name = RwSignal::new(name0);
    let value = RwSignal::new(value0);
    let attempted = RwSignal::new(false);
    let name_error = Signal::derive(move || {
        (attempted.get() && name.read().trim().is_empty()).then(|| "Enter the extended field's name.".to_string())
    });
    let value_error = Signal::derive(move || {
        (attempted.get() && value.read().trim().is_empty()).then(|| "Enter the value to look for.".to_string())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let (n, v) = (name.get_untracked().trim().to_string(), value.get_untracked().trim().to_string());
        if n.is_empty() {
            return crate::ui::focus_by_id("filter-field");
        }
        if v.is_empty() {
            return crate::ui::focus_by_id("filter-value");
        }
        navigate(&Finding::Field { name: n, value: v, offset: 0 }.href(), NavigateOptions::default());
    };
    view! {
        <details class="find__filters" open=open>
            <summary>"More filters: an extended field"</summary>
            <form class="form find__filter-form" novalidate on:submit=submit>
                <TextField id="filter-field" label="Extended field" value=name error=name_error
                    hint="As your org names it, e.g. platinum or fleet_region." />
                <TextField id="filter-value" label="Value" value=value error=value_error />
                <div class="form__actions">
                    <button type="submit" class="button">"Search by field"</button>
                </div>
            </form>
        </details>
    }
}

/// Where a platform code on the look-up is shown.
const LOOKUP_FIELDS: &[(Field, &str)] = &[(Field::LookupValue, "lookup-value")];

/// A group by its ID (opened at once), its external ID or its primary member's customer ID
/// (looked up, then opened).
#[component]
fn ExactLookup() -> impl IntoView {
    let store = use_settings();
    let navigate = use_navigate();
    let by = RwSignal::new(LookupBy::GroupId);
    let value = RwSignal::new(String::new());
    let form = {
        let navigate = navigate.clone();
        Form::new(CallId::GetGroup, LOOKUP_FIELDS, move |key: GroupKey| {
            let settings = store.for_request();
            let navigate = navigate.clone();
            async move {
                let id = in_part!(find::group_id(settings, key)).map_err(code_missing)?.await?;
                navigate(&link::group(id), NavigateOptions::default());
                Ok(())
            }
        })
    };
    let checked = Memo::new(move |_| lookup_key(by.get(), &value.get()));
    let error = Signal::derive(move || {
        form.shown(checked.get().err().map(String::from), false).or_else(|| {
            form.server_error(Field::LookupValue, |key| lookup_key(by.get(), &value.get()).as_ref() == Ok(key))
                .map(|_| by.get().not_found().to_string())
        })
    });
    let submit = Callback::new(move |()| match checked.get_untracked() {
        // A group ID needs no look-up: the group page says if it does not exist.
        Ok(GroupKey::Id(id)) => navigate(&link::group(id), NavigateOptions::default()),
        other => form.submit(other.map_err(|_| "lookup-value".to_string())),
    });

    view! {
        <section class="find__box" aria-labelledby="lookup-title">
            <h2 id="lookup-title">"Look up by ID"</h2>
            <form class="form lookup" novalidate on:submit=move |ev| { ev.prevent_default(); submit.run(()); }>
                <fieldset class="segmented">
                    <legend>"Look up by"</legend>
                    {choices("lookup-by", LookupBy::ALL, LookupBy::label, by)}
                </fieldset>
                <TextField id="lookup-value" label=Signal::derive(move || by.get().label().to_string()) value error
                    inputmode=Signal::derive(move || (by.get() != LookupBy::ExternalId).then_some("numeric"))
                    hint=Signal::derive(move || by.get().hint().to_string()) />
                <FormFailure form on_retry=submit />
                <div class="form__actions">
                    <SubmitButton pending=form.pending() label="Find group" busy="Looking up…" />
                    <A href=link::group_new() attr:class="button">"New group"</A>
                </div>
            </form>
        </section>
    }
}

/// Where a platform code on "Groups of a customer" is shown.
const CUSTOMER_FIELDS: &[(Field, &str)] = &[(Field::CustomerValue, "customer-value")];

/// The groups a customer belongs to, as primary member or member.
#[component]
fn CustomerGroupsFinder() -> impl IntoView {
    let store = use_settings();
    let by = RwSignal::new(CustomerBy::CustomerId);
    let value = RwSignal::new(String::new());
    let form = Form::new(CallId::Customer, CUSTOMER_FIELDS, move |q: CustomerGroupsQuery| {
        let settings = store.for_request();
        async move { in_part!(find::customer_groups(settings, q)).map_err(code_missing)?.await }
    });
    let checked = Memo::new(move |_| customer_query(by.get(), &value.get()));
    let error = Signal::derive(move || {
        form.shown(checked.get().err().map(String::from), false).or_else(|| {
            form.server_error(Field::CustomerValue, |q| customer_query(by.get(), &value.get()).as_ref() == Ok(q))
                .map(|_| by.get().not_found().to_string())
        })
    });
    let submit = Callback::new(move |()| form.submit(checked.get_untracked().map_err(|_| "customer-value".to_string())));
    view! {
        <section class="find__box" aria-labelledby="customer-title">
            <h2 id="customer-title">"Groups of a customer"</h2>
            <form class="form" novalidate on:submit=move |ev| { ev.prevent_default(); submit.run(()); }>
                <fieldset class="segmented">
                    <legend>"Find the customer by"</legend>
                    {choices("customer-by", CustomerBy::ALL, CustomerBy::label, by)}
                </fieldset>
                <TextField id="customer-value" label=Signal::derive(move || by.get().field_label().to_string()) value error
                    hint=Signal::derive(move || by.get().hint().to_string()) />
                <FormFailure form on_retry=submit />
                <div class="form__actions">
                    <SubmitButton pending=form.pending() label="Show groups" busy="Looking up…" />
                </div>
            </form>
            {move || form.done().map(|(_, customer)| in_part_view(async move { in_part!(find::customer(customer)) }))}
        </section>
    }
}

/// Groups and reward groups created, viewed or edited here, and recent searches, newest first.
#[component]
fn RecentWork() -> impl IntoView {
    let items = crate::state::recent::load();
    let searches = crate::state::recent::searches();
    view! {
        <section class="recent" aria-labelledby="recent-title">
            <h2 id="recent-title">"Recent groups"</h2>
            {if items.is_empty() {
                view! { <p class="empty">"Groups you create, view or edit here will be listed here."</p> }.into_any()
            } else {
                view! { <ul class="recent__list">{items.into_iter().map(recent_line).collect_view()}</ul> }.into_any()
            }}
            {(!searches.is_empty()).then(|| view! {
                <h2 id="recent-searches-title">"Recent searches"</h2>
                <ul class="recent__list recent__list--inline" aria-labelledby="recent-searches-title">
                    {searches.into_iter().map(|q| {
                        let href = Finding::Text { q: q.clone(), offset: 0 }.href();
                        view! { <li><A href=href>{q}</A></li> }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

fn recent_line(item: RecentItem) -> impl IntoView {
    let action = match item.action {
        RecentAction::Created => "created",
        RecentAction::Viewed => "viewed",
        RecentAction::Edited => "edited",
        RecentAction::Deleted => "deleted",
    };
    let when = crate::ui::intl::instant(item.at);
    let title = if item.name.trim().is_empty() { item.external_id.clone() } else { item.name.clone() };
    let title = if title.trim().is_empty() { format!("{}", item.id) } else { title };
    match item.kind {
        RecentKind::Group if item.action == RecentAction::Deleted => view! {
            <li class="recent__item--gone">
                <A href=link::group(item.id)>{title}</A>
                " " <span class="badge badge--danger">"Deleted"</span>
                <span class="recent__meta">{format!(" · group {} · {action} {when}", item.id)}</span>
            </li>
        }
        .into_any(),
        RecentKind::Group => view! {
            <li>
                <A href=link::group(item.id)>{title}</A>
                <span class="recent__meta">{format!(" · group {} · {action} {when}", item.id)}</span>
            </li>
        }
        .into_any(),
        RecentKind::RewardGroup => view! {
            <li>
                <A href=link::reward_group(item.id)>{title}</A>
                <span class="recent__meta">{format!(" · reward group {} · {action} {when}", item.id)}</span>
            </li>
        }
        .into_any(),
    }
}

/// Fetches the `find` part's code: the pointer or the focus reached one of the page's forms, or
/// the address holds a search (route data). Nothing to do in a build without parts.
pub fn prefetch_find() {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        let _ = find::prefetch().await;
    });
}

/// A view that a function of the `find` part makes, once its code is there.
fn in_part_view(view: impl std::future::Future<Output = Result<AnyView, PageLoadError>> + 'static) -> AnyView {
    // The loader's future holds the browser's promise: not Send, and never needs to be.
    Suspend::new(send_wrapper::SendWrapper::new(async move { view.await.unwrap_or_else(|_| results_load_failed()) }))
        .into_any()
}

/// A form's request whose code could not be downloaded, said as the network failure it is
/// (the form offers Retry, which fetches it again).
fn code_missing(_: PageLoadError) -> ApiError {
    ApiError::Network { detail: "the console could not download this page's code".into() }
}

/// The `find` part: the page's requests, reading their answers, and the views of what they
/// found. Its name is core's `FIND_PART` (a part of `home` in core/routes.json, opened by `/`
/// with a query); scripts/split-wasm.mjs checks it.
mod find {
    use std::future::Future;
    use std::pin::Pin;

    use gc_core::console::settings::Settings;
    use gc_core::find::wire::{
        CustomerGroups, ExtendedFieldSearchQuery, ExtendedFieldSearchRequest, GroupSearchResponse, SearchQuery,
        DEFAULT_SEARCH_LIMIT,
    };
    use gc_core::group::wire::GetGroupQuery;
    use gc_core::platform::query::page_view;

    use super::*;
    use crate::api;
    use crate::features::find::results::GroupSearchResults;
    use crate::ui::pager::Pager;
    use crate::ui::status_badge::StatusBadge;

    type Answer<T> = Pin<Box<dyn Future<Output = T>>>;

    /// The search the address holds: `None` for one the platform would refuse (the page
    /// says why).
    #[cfg_attr(
        feature = "split",
        leptos::wasm_split::wasm_split(find, wasm_split_path = ::leptos::wasm_split, fallible, preload(prefetch))
    )]
    pub fn search(
        settings: Settings,
        finding: Finding,
    ) -> Result<Answer<Option<Result<GroupSearchResponse, ApiError>>>, PageLoadError> {
        Ok(Box::pin(async move {
            Some(match &finding {
                Finding::Nothing => return None,
                Finding::Text { q, offset } => {
                    api::find::search_groups(&settings, &SearchQuery::new(q).ok()?.at(*offset)).await
                }
                Finding::Field { name, value, offset } => {
                    let fields = [(name.clone(), serde_json::Value::String(value.clone()))].into_iter().collect();
                    let req = ExtendedFieldSearchRequest::new(fields).ok()?;
                    let page = ExtendedFieldSearchQuery { offset: *offset, ..Default::default() };
                    api::find::search_by_extended_fields(&settings, &req, &page).await
                }
            })
        }))
    }

    /// The ID of the group `key` finds (a look-up by external ID or primary member).
    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(find, wasm_split_path = ::leptos::wasm_split, fallible))]
    pub fn group_id(settings: Settings, key: GroupKey) -> Result<Answer<Result<u64, ApiError>>, PageLoadError> {
        Ok(Box::pin(async move { api::group::find_group_id(&settings, &GetGroupQuery::basic(key)).await }))
    }

    /// A customer and the groups they belong to.
    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(find, wasm_split_path = ::leptos::wasm_split, fallible))]
    pub fn customer_groups(
        settings: Settings,
        query: CustomerGroupsQuery,
    ) -> Result<Answer<Result<CustomerGroups, ApiError>>, PageLoadError> {
        Ok(Box::pin(async move { api::find::customer_groups(&settings, &query).await }))
    }

    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(find, wasm_split_path = ::leptos::wasm_split, fallible))]
    pub fn answer(finding: Finding, found: GroupSearchResponse) -> Result<AnyView, PageLoadError> {
        Ok(view! { <SearchAnswer finding found /> }.into_any())
    }

    #[cfg_attr(feature = "split", leptos::wasm_split::wasm_split(find, wasm_split_path = ::leptos::wasm_split, fallible))]
    pub fn customer(customer: CustomerGroups) -> Result<AnyView, PageLoadError> {
        Ok(view! { <CustomerGroupList customer /> }.into_any())
    }

    /// The groups found, with paging; or, when none, what to try instead.
    #[component]
    fn SearchAnswer(finding: Finding, found: GroupSearchResponse) -> impl IntoView {
        let what = match &finding {
            Finding::Text { q, .. } => format!("“{q}”"),
            Finding::Field { name, value, .. } => format!("{name} = “{value}”"),
            Finding::Nothing => String::new(),
        };
        if found.data.is_empty() {
            let suggestion = match finding {
                Finding::Field { .. } => "Check the field's name as your org defines it, and the value's spelling.",
                _ => "Try part of the group's name, its ID or external ID, or the primary member's whole mobile number with the country code, e-mail address or card number. Or look the group up by its ID below.",
            };
            return view! {
                <div class="empty find__none" role="status">
                    <p><strong>{format!("No group matches {what}.")}</strong></p>
                    <p>{suggestion}</p>
                </div>
            }
            .into_any();
        }
        let offset = match &finding {
            Finding::Text { offset, .. } | Finding::Field { offset, .. } => *offset,
            Finding::Nothing => 0,
        };
        let page = page_view(offset, found.data.len(), DEFAULT_SEARCH_LIMIT, found.pagination.as_ref());
        let previous = page.previous.map(|o| finding.at(o).href());
        let next = page.next.map(|o| finding.at(o).href());
        let remember = match &finding {
            Finding::Text { q, .. } => {
                let q = q.clone();
                Some(Callback::new(move |_| crate::state::recent::record_search(&q)))
            }
            _ => None,
        };
        view! {
            <Pager first=page.first last=page.last total=page.total noun="groups" previous next />
            <GroupSearchResults groups=found.data caption=format!("Groups matching {what}") on_open=remember.unwrap_or(Callback::new(|_| ())) />
        }
        .into_any()
    }

    #[component]
    fn CustomerGroupList(customer: CustomerGroups) -> impl IntoView {
        let who = match (customer.name(), customer.id) {
            (n, Some(id)) if !n.is_empty() => format!("{n} (customer {id})"),
            (n, None) if !n.is_empty() => n,
            (_, Some(id)) => format!("Customer {id}"),
            _ => "This customer".into(),
        };
        let groups = customer.groups().to_vec();
        view! {
            <div class="customer-groups" role="status">
                {if groups.is_empty() {
                    view! { <p>{format!("{who} is in no group.")}</p> }.into_any()
                } else {
                    view! {
                        <p>{format!("{who} is in {} group{}:", groups.len(), if groups.len() == 1 { "" } else { "s" })}</p>
                        <ul class="customer-groups__list">
                            {groups.into_iter().map(|g| {
                                let title = [g.group_name.trim(), g.group_external_id.trim()].into_iter().find(|t| !t.is_empty()).unwrap_or("").to_string();
                                let role = match (g.primary_member, g.active) {
                                    (_, false) => "left the group",
                                    (true, true) => "primary member",
                                    (false, true) => "member",
                                };
                                let joined = (!g.joined_on.is_empty()).then(|| format!(" · joined {}", crate::ui::intl::date(&g.joined_on)));
                                match g.group() {
                                    Some(id) => view! {
                                        <li>
                                            <A href=link::group(id.0)>{if title.is_empty() { format!("Group {}", id.0) } else { title }}</A>
                                            " " <StatusBadge status=g.group_status />
                                            <span class="recent__meta">{format!(" · {role}")}{joined}</span>
                                        </li>
                                    }.into_any(),
                                    None => view! { <li>{title}<span class="recent__meta">{format!(" · {role}")}</span></li> }.into_any(),
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </div>
        }
    }
}
