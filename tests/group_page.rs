//! The group page's components mounted with the docs' example for group 3918893, and with
//! sparse and hostile variants: nothing crashes, nothing from the API becomes HTML.
#![cfg(target_arch = "wasm32")]

mod support;

use std::sync::Arc;

use gc_core::group::member_list::Member;
use gc_core::group::wire::GroupDetails;

use gc_core::platform::read::Id;
use group_console::features::group::header::GroupHeader;
use group_console::features::group::members::record::MembersTable;
use group_console::features::group::points::card::PointsCard;
use leptos::prelude::*;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

const MEMBERS: &str = include_str!("../core/fixtures/members-response-basic.json");

wasm_bindgen_test_configure!(run_in_browser);

fn example() -> GroupDetails {
    serde_json::from_str(GROUP_3918893).unwrap()
}

fn in_router<V: IntoView + 'static>(f: impl FnOnce() -> V + 'static) -> impl IntoView {
    let inner = f().into_any();
    view! { <leptos_router::components::Router>{inner}</leptos_router::components::Router> }
}

#[wasm_bindgen_test]
async fn header_reads_the_documented_group() {
    let g = Arc::new(example());
    let host = mount(move || in_router(move || view! { <GroupHeader group=g /> }));
    tick().await;
    let t = host.text_content().unwrap();
    assert_eq!(text(&host, "h1"), "uatUserGroup10Transactions");
    assert!(t.contains("uat_ug_10_txn"));
    assert_eq!(text(&host, ".badge"), "ACTIVE");
    assert!(t.contains("70,100"), "lifetime purchases with a thousands separator: {t}");
    let time = host.query_selector("time").unwrap().unwrap();
    assert_eq!(time.get_attribute("title").as_deref(), Some("2025-11-03T05:23:40Z"), "ISO on hover");
}

#[wasm_bindgen_test]
async fn members_table_filters_and_counts() {
    let g = Arc::new(example());
    let host = mount(move || in_router(move || view! { <MembersTable group=g /> }));
    tick().await;
    let headers: Vec<String> = all(&host, "th").iter().map(|h| h.text_content().unwrap()).collect();
    for h in ["User ID", "Role", "Default group", "Status"] {
        assert!(headers.iter().any(|x| x.starts_with(h)), "column {h}: {headers:?}");
    }
    assert_eq!(all(&host, "tbody tr[aria-rowindex]").len(), 4);
    assert!(text(&host, "label[for=members-filter-exited]").contains("Exited (1)"));
    let exited: web_sys::HtmlElement = host.query_selector("#members-filter-exited").unwrap().unwrap().unchecked_into();
    exited.click();
    settle().await;
    let rows = all(&host, "tbody tr[aria-rowindex]");
    assert_eq!(rows.len(), 1);
    assert!(rows[0].text_content().unwrap().contains("564662499"));
    assert!(rows[0].text_content().unwrap().contains("Exited"));
}

#[wasm_bindgen_test]
async fn sorting_by_user_id_orders_the_rows_and_says_so() {
    let g = Arc::new(example());
    let host = mount(move || in_router(move || view! { <MembersTable group=g /> }));
    tick().await;
    button(&host, "User ID↕").click();
    settle().await;
    let first = all(&host, "tbody tr[aria-rowindex] td")[0].text_content().unwrap();
    assert_eq!(first, "564662499");
    let th = all(&host, "th")[0].clone();
    assert_eq!(th.get_attribute("aria-sort").as_deref(), Some("ascending"));
}

#[wasm_bindgen_test]
async fn thirty_thousand_members_render_only_the_rows_in_view() {
    let mut g = example();
    g.fleet_group_users = (0..30_000u64)
        .map(|i| Member {
            user_id: Id(700_000_000 + i),
            group_id: None,
            default_group: true,
            primary_member: i == 0,
            active: i % 10 != 0,
        })
        .collect();
    let g = Arc::new(g);
    let host = mount(move || in_router(move || view! { <MembersTable group=g /> }));
    settle().await;
    let rendered = all(&host, "tbody tr[aria-rowindex]").len();
    assert!(rendered > 5 && rendered < 60, "rendered {rendered} rows");
    assert_eq!(host.query_selector("table").unwrap().unwrap().get_attribute("aria-rowcount").as_deref(), Some("30001"));
    let scroller: web_sys::HtmlElement =
        host.query_selector(".members-table__scroll").unwrap().unwrap().unchecked_into();
    // The test page has no stylesheet: give the box the height and overflow group.css gives it.
    scroller.style().set_property("height", "440px").unwrap();
    scroller.style().set_property("overflow-y", "auto").unwrap();
    scroller.set_scroll_top(40 * 20_000);
    scroller.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    settle().await;
    let t = host.query_selector("tbody").unwrap().unwrap().text_content().unwrap();
    assert!(t.contains("700020000"), "scrolled rows are rendered");
    assert!(all(&host, "tbody tr[aria-rowindex]").len() < 60);
}

#[wasm_bindgen_test]
async fn points_cards_show_tier_points_and_progress() {
    let g = example();
    let all_s = g.points_summaries.clone();
    let (diamond, topaz) = (all_s[0].clone(), all_s[1].clone());
    let gap = g.gap_to_upgrade.clone();
    let (a2, g2) = (all_s.clone(), gap.clone());
    let host = mount(move || {
        in_router(move || {
            view! {
                <PointsCard summary=diamond all=a2 group_gap=g2 />
                <PointsCard summary=topaz all=all_s group_gap=gap />
            }
        })
    });
    tick().await;
    let cards = all(&host, ".points-card");
    let first = cards[0].text_content().unwrap();
    assert!(
        first.contains("DocDemoDefaultProgram") && first.contains("Diamond") && first.contains("54,500"),
        "{first}"
    );
    assert!(first.contains("top tier"));
    assert!(!first.contains("54500.0"), "no raw floats");
    let second = cards[1].text_content().unwrap();
    assert!(second.contains("Topaz → Coral"), "{second}");
    assert!(second.contains("2,000 to Coral"), "{second}");
    assert!(second.contains("4,000"), "delayed points: {second}");
    assert_eq!(cards[1].query_selector("progress").unwrap().unwrap().get_attribute("value").as_deref(), Some("0"));
}

#[wasm_bindgen_test]
async fn a_sparse_response_shows_dashes_and_empty_states() {
    let g: GroupDetails = serde_json::from_str(
        r#"{"id": 42, "externalId": null, "groupName": null, "groupStatus": null, "fleetGroupUsers": null,
            "maxGroupSize": null, "pointsSummaries": [{"programTitle": null, "loyaltyPoints": null, "currentSlab": null}],
            "extendedFields": null, "warnings": null, "createdOn": null}"#,
    )
    .unwrap();
    let g = Arc::new(g);
    let s = g.points_summaries.clone();
    let (g1, g2) = (g.clone(), g.clone());
    let host = mount(move || {
        in_router(move || {
            view! {
                <GroupHeader group=g1 />
                <MembersTable group=g2 />
                <PointsCard summary=s[0].clone() all=s.clone() group_gap=vec![] />
            }
        })
    });
    tick().await;
    let t = host.text_content().unwrap();
    assert!(t.contains("(no name)"));
    assert!(t.contains("No members yet"), "{t}");
    assert!(t.contains("—"));
    assert!(t.contains("Program"));
}

#[wasm_bindgen_test]
async fn html_in_names_is_shown_as_text() {
    let mut g = example();
    g.group_name = "<img src=x onerror=\"window.__pwned=1\">".into();
    g.external_id = "\"><script>window.__pwned=2</script>".into();
    g.points_summaries[0].program_title = "<b>bold</b>".into();
    g.extended_fields.insert("ug_status".into(), serde_json::Value::String("<i>x</i>".into()));
    let s = g.points_summaries.clone();
    let g = Arc::new(g);
    let host = mount(move || {
        in_router(move || {
            view! {
                <GroupHeader group=g />
                <PointsCard summary=s[0].clone() all=s.clone() group_gap=vec![] />
            }
        })
    });
    settle().await;
    assert_eq!(text(&host, "h1"), "<img src=x onerror=\"window.__pwned=1\">");
    assert!(host.query_selector("img, script, b, i").unwrap().is_none(), "no element from API text");
    assert!(js_sys::Reflect::get(&js_sys::global(), &"__pwned".into()).unwrap().is_undefined());
}

async fn open_group(path: &str) -> (web_sys::HtmlElement, MockFetch) {
    let mock = MockFetch::install(|call| {
        if call.url.contains("/v2/userGroup2/members") {
            return Reply::Json(200, MEMBERS.into());
        }
        Reply::Json(200, GROUP_3918893.into())
    });
    clear_storage();
    navigate_to(path);
    let host = mount(group_console::boot::app::App);
    assert!(wait_for(|| host.query_selector("[role=tablist]").ok().flatten().is_some()).await, "the tabs show");
    (host, mock)
}

fn tab(host: &web_sys::HtmlElement, label: &str) -> web_sys::Element {
    all(host, "[role=tab]")
        .into_iter()
        .find(|t| t.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no tab {label}"))
}

#[wasm_bindgen_test]
async fn the_overview_tab_shows_capacity_notes_and_extended_fields() {
    let (host, _) = open_group("/groups/3918893").await;
    assert_eq!(tab(&host, "Overview").get_attribute("aria-selected").as_deref(), Some("true"));
    let panel = text(&host, "[role=tabpanel]");
    assert!(panel.contains("3 of 6 members"), "{panel}");
    assert!(panel.contains("no mapped hierarchy") && panel.contains("1656"), "warning in words: {panel}");
    assert!(panel.contains("usergroup2_automation_extended_field") && panel.contains("25"), "{panel}");
    assert!(link_by_text(&host, "Edit group").get_attribute("href").as_deref() == Some("/groups/3918893/edit"));
}

#[wasm_bindgen_test]
async fn each_tab_has_its_address_and_the_group_is_fetched_once() {
    let (host, mock) = open_group("/groups/3918893").await;
    let points: web_sys::HtmlElement = tab(&host, "Points").unchecked_into();
    assert_eq!(points.get_attribute("href").as_deref(), Some("/groups/3918893/points"));
    points.click();
    settle().await;
    assert_eq!(web_sys::window().unwrap().location().pathname().unwrap(), "/groups/3918893/points");
    assert_eq!(tab(&host, "Points").get_attribute("aria-selected").as_deref(), Some("true"));
    assert!(text(&host, "[role=tabpanel]").contains("Diamond"));
    let members: web_sys::HtmlElement = tab(&host, "Members").unchecked_into();
    members.click();
    assert!(
        wait_for(|| all(&host, "[role=tabpanel] table.members-list tbody tr").len() == 2).await,
        "the Members tab lists the members endpoint's page (Father and Mother)"
    );
    let calls = mock.calls.borrow();
    let group_gets = calls.iter().filter(|c| c.url.contains("/v2/userGroup2?")).count();
    assert_eq!(group_gets, 1, "one GET of the group for every tab: {calls:?}");
    assert!(calls.iter().any(|c| c.url.contains("/v2/userGroup2/members?")), "the members come a page at a time");
}

/// The Points tab offers its actions only for an active group, and says why there are none.
#[wasm_bindgen_test]
async fn the_points_tab_offers_actions_only_for_an_active_group() {
    let (host, _) = open_group("/groups/3918893/points").await;
    assert!(
        wait_for(|| host.query_selector("[role=group][aria-label='Points actions']").ok().flatten().is_some()).await
    );
    assert!(!text(&host, "[role=tabpanel]").contains("cannot be moved, credited or issued"));

    let inactive = GROUP_3918893.replace("\"groupStatus\": \"ACTIVE\"", "\"groupStatus\": \"INACTIVE\"");
    let _mock = MockFetch::install(move |_| Reply::Json(200, inactive.clone()));
    navigate_to("/groups/3918893/points");
    let host = mount(group_console::boot::app::App);
    let page = || host.text_content().unwrap_or_default();
    assert!(
        wait_for(|| page().contains("This group is inactive: its points cannot be moved, credited or issued.")).await,
        "{}",
        page()
    );
    assert!(host.query_selector("[role=group][aria-label='Points actions']").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_tabs() {
    let (host, _) = open_group("/groups/3918893/points").await;
    let list = host.query_selector("[role=tablist]").unwrap().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_bubbles(true);
    list.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    settle().await;
    assert_eq!(web_sys::window().unwrap().location().pathname().unwrap(), "/groups/3918893/history");
    assert_eq!(active_id(), "group-tab-history");
    assert_eq!(tab(&host, "History").get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(tab(&host, "Points").get_attribute("tabindex").as_deref(), Some("-1"));
}

#[wasm_bindgen_test]
async fn the_expiry_chart_has_a_summary_a_table_and_a_bar_per_program_month() {
    let schedules = vec![
        gc_core::points::wire::ExpirySchedule {
            points: Some(120.0),
            expiry_date: next_month_day(1),
            program_id: Some(973),
            ..Default::default()
        },
        gc_core::points::wire::ExpirySchedule {
            points: Some(30.0),
            expiry_date: next_month_day(3),
            program_id: Some(974),
            ..Default::default()
        },
    ];
    let host = mount(move || {
        view! { <group_console::features::group::points::expiry_chart::ExpiryChart schedules summaries=Vec::new() /> }
    });
    tick().await;
    let caption = text(&host, "figcaption");
    assert!(caption.starts_with("150 points expire in the next 12 months"), "{caption}");
    assert!(caption.contains("Program 973 120") && caption.contains("Program 974 30"), "{caption}");
    let svg = host.query_selector("svg").unwrap().unwrap();
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(svg.get_attribute("aria-labelledby").as_deref(), Some("expiry-chart-caption"));
    assert_eq!(all(&host, "svg rect").len(), 2, "one bar per program and month with points");
    assert_eq!(all(&host, "details table tbody tr").len(), 12, "a row per month in the table alternative");
}

/// A date in the month after the current one (so the chart counts it whatever day tests run).
fn next_month_day(day: u32) -> String {
    let d = js_sys::Date::new_0();
    let (y, m) = (d.get_full_year() as i32, d.get_month() + 1);
    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    format!("{y:04}-{m:02}-{day:02}")
}

/// Defect: a group page built before the deployment's config.json arrived sent the
/// credentials a browser kept from before the server took them over (the config says the
/// server holds them). Every request now waits for the config's word.
#[wasm_bindgen_test]
async fn a_group_opened_before_config_json_arrives_sends_no_stale_credentials() {
    let mock = MockFetch::install(|_| Reply::Json(200, GROUP_3918893.into()));
    mock.hold_config();
    clear_storage();
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    local.set_item("gc.settings", r#"{"authMode":"basic","username":"old-till","remember":true}"#).unwrap();
    local.set_item("gc.secrets", r#"{"passwordMd5":"0123456789abcdef0123456789abcdef"}"#).unwrap();
    navigate_to("/groups/3918893");
    let host = mount(group_console::boot::app::App);
    settle().await;
    assert_eq!(mock.count(), 0, "nothing is sent before the config is known");
    mock.release(200, r#"{"authProvidedByServer": true}"#);
    assert!(wait_for(|| text(&host, "h1") == "uatUserGroup10Transactions").await, "the group shows");
    let gets: Vec<Call> = mock.calls.borrow().iter().filter(|c| c.url.contains("/v2/userGroup2?")).cloned().collect();
    assert_eq!(gets.len(), 1, "the group is fetched once");
    assert_eq!(gets[0].header("Authorization"), None, "no credentials from the browser");
    clear_storage();
}
