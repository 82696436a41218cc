//! Component tests in headless Chromium:
//!   wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --mode no-install
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn shell_has_a_nav_landmark_linking_every_route() {
    let host = mount(group_console::app::App);
    tick().await;
    let nav = host.query_selector("nav").unwrap().expect("a <nav> landmark");
    let hrefs: Vec<String> = all(&nav, "a").iter().map(|a| a.get_attribute("href").unwrap()).collect();
    for route in ["/", "/groups/new", "/groups/import", "/reward-groups/new", "/settings"] {
        assert!(hrefs.iter().any(|h| h == route), "nav lacks a link to {route}: {hrefs:?}");
    }
}

#[wasm_bindgen_test]
async fn clicking_a_nav_link_shows_its_page_and_marks_it_current() {
    let host = mount(group_console::app::App);
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
    let host = mount(group_console::app::App);
    settle().await;
    assert_eq!(text(&host, "h1"), "Page not found");
}
