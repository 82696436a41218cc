//! Component tests in headless Chromium:
//!   wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --mode no-install
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn shell_has_a_nav_landmark_linking_every_route() {
    let host = mount(group_console::boot::app::App);
    tick().await;
    let nav = host.query_selector("nav").unwrap().expect("a <nav> landmark");
    let hrefs: Vec<String> = all(&nav, "a").iter().map(|a| a.get_attribute("href").unwrap()).collect();
    let labelled: Vec<_> = gc_core::console::routes::ROUTES.iter().filter(|r| !r.nav.is_empty()).collect();
    assert!(labelled.len() >= 5, "the route table labels the main pages");
    for route in labelled {
        assert!(hrefs.iter().any(|h| h == route.path), "nav lacks a link to {}: {hrefs:?}", route.path);
        assert!(link_by_text(&host, route.nav).get_attribute("href").as_deref() == Some(route.path));
    }
}

#[wasm_bindgen_test]
async fn clicking_a_nav_link_shows_its_page_and_marks_it_current() {
    let host = mount(group_console::boot::app::App);
    tick().await;
    let link = link_by_text(&host, "Settings");
    link.click();
    settle().await;
    assert_eq!(text(&host, "h1"), "Settings");
    assert_eq!(link.get_attribute("aria-current").as_deref(), Some("page"));
    assert!(label_for(&host, "API base URL").is_some(), "settings form has its labelled fields");
}

#[wasm_bindgen_test]
async fn an_unknown_address_shows_the_not_found_page() {
    navigate_to("/no/such/page");
    let host = mount(group_console::boot::app::App);
    settle().await;
    assert_eq!(text(&host, "h1"), "Page not found");
}

#[wasm_bindgen_test]
async fn after_a_panic_a_banner_offers_a_reload() {
    mount(group_console::boot::app::App);
    for old in all(&document().body().unwrap(), "#panic-banner") {
        old.remove();
    }
    group_console::boot::app::show_panic_banner();
    group_console::boot::app::show_panic_banner(); // a second panic adds no second banner
    let banners = all(&document().body().unwrap(), "#panic-banner");
    assert_eq!(banners.len(), 1);
    let banner = &banners[0];
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(banner.text_content().unwrap().starts_with("Something went wrong"));
    let link = banner.query_selector("a").unwrap().expect("a reload link");
    assert_eq!(link.get_attribute("href"), web_sys::window().unwrap().location().href().ok());
    banner.remove();
}
