//! Members' own tiers in a real browser with a mocked platform: read one member at a time
//! when asked, shown beside the primary's; "Match the primary's tier" says who goes up or down
//! before anything is sent, sends one adjustment per member and shows one result each; a failed
//! read leaves the tiers read-only, a refusal says why with its code, a lost answer is read
//! again and never resent; a group above 50 members says why there are none; and the Points
//! tab says once that a group's tier cannot be changed by hand.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::RefCell;
use std::rc::Rc;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MEMBERS: &str = include_str!("../core/fixtures/members-response-basic.json");
const FATHER: u64 = 568077466;
const MOTHER: u64 = 568077476;

/// Group 3918893 (the docs' example, two programs) with the members example's two members:
/// Father the primary, Mother a member; `active` active members in all.
fn group(active: u32) -> String {
    let mut g: serde_json::Value = serde_json::from_str(GROUP_3918893).unwrap();
    g["fleetGroupUsers"] = serde_json::json!([
        {"userId": FATHER, "primaryMember": true, "active": true},
        {"userId": MOTHER, "primaryMember": false, "active": true},
    ]);
    g["totalActiveMembers"] = active.into();
    g.to_string()
}

fn customer(id: u64, tier_973: (&str, i64)) -> String {
    serde_json::json!({
        "id": id,
        "loyaltyProgramDetails": [
            {"programId": 973, "currentSlab": tier_973.0, "slabSNo": tier_973.1, "loyaltyPoints": 500},
            {"programId": 983, "currentSlab": "Topaz", "slabSNo": 1, "loyaltyPoints": 20},
        ],
        "warnings": [],
    })
    .to_string()
}

const ADJUSTED: &str = r#"{"programId": 973, "entityId": 568077476, "sideEffects": [{"entityType": "USER",
    "previousSlabName": "Silver", "previousSlabNumber": 1, "upgradedSlabName": "Gold", "upgradedSlabNumber": 2,
    "slabExpiryDate": "30th Nov, 2025", "type": "slab"}], "warnings": []}"#;

/// What the mocked platform does: how it answers Mother's read and the adjustment, and when
/// each customer read arrived.
#[derive(Default)]
struct Platform {
    mother_read: Option<Reply>,
    adjust: Option<Reply>,
    active: Option<u32>,
    /// Mother's tier in 973 once an adjustment was received (the platform carried it out).
    adjusted: bool,
    read_at: Vec<(u64, f64)>,
}

type Shared = Rc<RefCell<Platform>>;

fn install(platform: Shared) -> MockFetch {
    MockFetch::install(move |call| {
        let url = &call.url;
        let mut p = platform.borrow_mut();
        if url.contains("/v2/slab/manualSlabAdjustment") {
            // A refusal changes nothing; an answer lost on the way back still did the change.
            if !matches!(p.adjust, Some(Reply::Json(..))) {
                p.adjusted = true;
            }
            return p.adjust.clone().unwrap_or(Reply::Json(200, ADJUSTED.into()));
        }
        if url.contains("/v2/customers/") {
            let id = if url.contains(&MOTHER.to_string()) { MOTHER } else { FATHER };
            p.read_at.push((id, js_sys::Date::now()));
            if id == FATHER {
                return Reply::Json(200, customer(FATHER, ("Gold", 2)));
            }
            if let Some(r) = p.mother_read.clone() {
                return r;
            }
            return Reply::Json(200, customer(MOTHER, if p.adjusted { ("Gold", 2) } else { ("Silver", 1) }));
        }
        if url.contains("/v2/userGroup2/members") {
            return Reply::Json(200, MEMBERS.into());
        }
        Reply::Json(200, group(p.active.unwrap_or(2)))
    })
}

async fn open_members(platform: Shared) -> (web_sys::HtmlElement, MockFetch) {
    let mock = install(platform);
    clear_storage();
    navigate_to("/groups/3918893/members");
    let host = mount(group_console::boot::app::App);
    assert!(wait_for(|| host.query_selector("table.members-list").ok().flatten().is_some()).await, "members listed");
    (host, mock)
}

/// Waits up to ~6 s: the reads are paced 700 ms apart.
async fn wait_long(mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..600 {
        if cond() {
            return true;
        }
        sleep_ms(10).await;
    }
    cond()
}

fn find_button(root: &web_sys::Element, label: &str) -> Option<web_sys::HtmlButtonElement> {
    all(root, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .map(|b| b.unchecked_into())
}

fn button_in(root: &web_sys::Element, label: &str) -> web_sys::HtmlButtonElement {
    find_button(root, label).unwrap_or_else(|| panic!("no button {label:?}"))
}

fn calls(mock: &MockFetch, part: &str) -> Vec<Call> {
    mock.calls.borrow().iter().filter(|c| c.url.contains(part)).cloned().collect()
}

/// The tier cell of a member's row.
fn tier_of(id: u64) -> String {
    let name = document().get_element_by_id(&format!("member-name-{id}")).expect("the member's row");
    let row = name.closest("tr").unwrap().unwrap();
    text(&row, ".member-tiers__cell")
}

async fn show_tiers(host: &web_sys::HtmlElement) {
    button_in(host, "Show members' tiers").click();
    assert!(
        wait_long(|| host.text_content().unwrap_or_default().contains("Tiers of 2 members read.")).await,
        "both members read"
    );
}

async fn open_match(host: &web_sys::HtmlElement) -> web_sys::Element {
    let pick: web_sys::HtmlInputElement =
        document().get_element_by_id(&format!("member-pick-{MOTHER}")).unwrap().unchecked_into();
    pick.click();
    settle().await;
    let open = button_in(host, "Match the primary's tier (1 selected)");
    assert!(!open.disabled());
    open.click();
    settle().await;
    document().get_element_by_id("match-tiers-dialog").expect("the dialog")
}

#[wasm_bindgen_test]
async fn tiers_are_read_one_member_at_a_time_when_asked_and_shown_beside_the_primarys() {
    let platform = Shared::default();
    let (host, mock) = open_members(platform.clone()).await;
    settle().await;
    assert!(calls(&mock, "/v2/customers/").is_empty(), "nothing is read before the user asks");
    assert!(host.query_selector(".member-tiers__cell").unwrap().is_none(), "no tier column yet");
    assert!(host.text_content().unwrap().contains("2 calls, one at a time"));
    show_tiers(&host).await;
    let reads = calls(&mock, "/v2/customers/");
    assert_eq!(reads.len(), 2);
    assert!(reads[0].url.contains(&format!("/v2/customers/{FATHER}?source=INSTORE&embed=mlp")), "{}", reads[0].url);
    assert!(reads[1].url.contains(&format!("/v2/customers/{MOTHER}?source=INSTORE&embed=mlp")), "{}", reads[1].url);
    let at = platform.borrow().read_at.clone();
    assert!(at[1].1 - at[0].1 >= 650.0, "paced: {} ms apart", at[1].1 - at[0].1);
    let heads: Vec<String> = all(&host, "table.members-list th").iter().map(|h| h.text_content().unwrap()).collect();
    assert!(heads.iter().any(|h| h == "Tier"), "{heads:?}");
    assert_eq!(tier_of(FATHER), "DocDemoDefaultProgram: GoldGroup Loyalty Program: Topaz");
    assert_eq!(
        tier_of(MOTHER),
        "DocDemoDefaultProgram: Silver (primary: Gold)Group Loyalty Program: Topaz (as the primary)"
    );
    assert!(find_button(&host, "Show members' tiers").is_none());
}

#[wasm_bindgen_test]
async fn match_says_who_goes_up_first_then_sends_one_adjustment_per_member_and_shows_each_result() {
    let platform = Shared::default();
    let (host, mock) = open_members(platform.clone()).await;
    show_tiers(&host).await;
    let d = open_match(&host).await;
    // The program is chosen in the dialog; the first is the default.
    let first: web_sys::HtmlInputElement = document().get_element_by_id("match-program-973").unwrap().unchecked_into();
    assert!(first.checked());
    let said = d.text_content().unwrap();
    assert!(said.contains("In DocDemoDefaultProgram, the primary member's tier is Gold."), "{said}");
    assert!(said.contains("Mother goes up from Silver to Gold. Each member's tier is changed on its own"), "{said}");
    assert!(calls(&mock, "manualSlabAdjustment").is_empty(), "nothing sent before the confirmation");
    // In the other program Mother is already on the primary's tier: nothing to send there.
    let other: web_sys::HtmlInputElement = document().get_element_by_id("match-program-983").unwrap().unchecked_into();
    other.click();
    settle().await;
    assert!(d.text_content().unwrap().contains("Mother: already Topaz"));
    assert!(button_in(&d, "Nothing to change").disabled());
    first.click();
    settle().await;
    button_in(&d, "Change 1 tier").click();
    assert!(wait_long(|| d.text_content().unwrap().contains("Mother: Silver → Gold (until 30th Nov, 2025)")).await);
    let sent = calls(&mock, "manualSlabAdjustment");
    assert_eq!(sent.len(), 1, "one call for the one member");
    assert_eq!(sent[0].method, "POST");
    assert!(
        sent[0].url.ends_with(&format!(
            "/v2/slab/manualSlabAdjustment?source=INSTORE&identifierName=id&identifierValue={MOTHER}&type=CUSTOMER"
        )),
        "{}",
        sent[0].url
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&sent[0].body).unwrap(),
        serde_json::json!({"programId": 973, "slabAction": "UPGRADE", "toSlabName": "Gold",
            "manualSlabActionValidity": "AS_PER_TIER_STRATEGY", "slabChangeReason": "Matched to the primary member's tier"})
    );
    assert_eq!(all(&d, ".outcomes li").len(), 1, "one result per member sent");
    assert!(tier_of(MOTHER).starts_with("DocDemoDefaultProgram: Gold (as the primary)"));
    let log = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("gc.activity.3918893").unwrap();
    let log = log.unwrap_or_default();
    assert!(log.contains("Matched members' tiers") && log.contains("1 changed"), "{log}");
}

#[wasm_bindgen_test]
async fn a_failed_read_says_so_for_that_member_and_leaves_the_tiers_read_only() {
    let platform = Shared::default();
    platform.borrow_mut().mother_read = Some(Reply::Json(
        400,
        r#"{"warnings": [], "errors": [{"status": false, "code": 8015, "message": "Customer not found"}]}"#.into(),
    ));
    let (host, mock) = open_members(platform.clone()).await;
    show_tiers(&host).await;
    assert_eq!(tier_of(MOTHER), "Not read: No such customer.");
    assert!(tier_of(FATHER).starts_with("DocDemoDefaultProgram: Gold"));
    let text = host.text_content().unwrap();
    assert!(text.contains("1 member's tier could not be read, so the tiers are shown read-only."), "{text}");
    let pick: web_sys::HtmlInputElement =
        document().get_element_by_id(&format!("member-pick-{MOTHER}")).unwrap().unchecked_into();
    pick.click();
    settle().await;
    assert!(button_in(&host, "Match the primary's tier (1 selected)").disabled(), "read-only");
    // Reading again asks only for the failed one.
    platform.borrow_mut().mother_read = None;
    button_in(&host, "Read the failed ones again").click();
    assert!(wait_long(|| tier_of(MOTHER).starts_with("DocDemoDefaultProgram: Silver")).await);
    assert_eq!(calls(&mock, "/v2/customers/").len(), 3);
    assert!(wait_for(|| !button_in(&host, "Match the primary's tier (1 selected)").disabled()).await);
}

#[wasm_bindgen_test]
async fn a_refused_adjustment_says_why_with_its_code_and_offers_another_try() {
    let platform = Shared::default();
    platform.borrow_mut().adjust = Some(Reply::Json(
        400,
        r#"{"warnings": [], "errors": [{"status": false, "code": 3045, "message": "Tier adjustment is not allowed"}]}"#
            .into(),
    ));
    let (host, mock) = open_members(platform.clone()).await;
    show_tiers(&host).await;
    let d = open_match(&host).await;
    button_in(&d, "Change 1 tier").click();
    assert!(wait_long(|| d.text_content().unwrap().contains("Not changed")).await);
    let said = d.text_content().unwrap();
    assert!(
        said.contains("Mother: This member's tier cannot be changed by hand (e.g. their account is flagged).")
            && said.contains("code 3045"),
        "{said}"
    );
    assert_eq!(calls(&mock, "manualSlabAdjustment").len(), 1, "no automatic retry");
    platform.borrow_mut().adjust = None;
    button_in(&d, "Try again for the ones not changed").click();
    assert!(wait_long(|| d.text_content().unwrap().contains("Mother: Silver → Gold")).await);
    assert_eq!(calls(&mock, "manualSlabAdjustment").len(), 2);
    assert_eq!(all(&d, ".outcomes li").len(), 1, "still one result for Mother");
}

#[wasm_bindgen_test]
async fn a_lost_answer_is_checked_by_reading_the_member_again_and_never_resent() {
    let platform = Shared::default();
    // The platform carries the change out, but its answer breaks off.
    platform.borrow_mut().adjust = Some(Reply::Text(200, r#"{"programId": 973, "sideEff"#.into(), "application/json"));
    let (host, mock) = open_members(platform.clone()).await;
    show_tiers(&host).await;
    let d = open_match(&host).await;
    button_in(&d, "Change 1 tier").click();
    assert!(wait_long(|| d.text_content().unwrap().contains("the answer was lost")).await);
    let said = d.text_content().unwrap();
    assert!(
        said.contains("Mother: the answer was lost, but their tier is now Gold: the change went through."),
        "{said}"
    );
    assert_eq!(calls(&mock, "manualSlabAdjustment").len(), 1, "not resent");
    assert_eq!(calls(&mock, &format!("/v2/customers/{MOTHER}")).len(), 2, "read again after the lost answer");
    assert!(find_button(&d, "Try again for the ones not changed").is_none());
}

#[wasm_bindgen_test]
async fn a_group_above_50_members_says_why_tiers_are_not_shown() {
    let platform = Shared::default();
    platform.borrow_mut().active = Some(51);
    let (host, mock) = open_members(platform).await;
    settle().await;
    let text = host.text_content().unwrap();
    assert!(text.contains("Member tiers are shown for groups of up to 50 members."), "{text}");
    assert!(text.contains("this group has 51 active members"), "{text}");
    assert!(find_button(&host, "Show members' tiers").is_none());
    assert!(calls(&mock, "/v2/customers/").is_empty());
}

#[wasm_bindgen_test]
async fn the_points_tab_says_once_that_a_groups_tier_cannot_be_changed_by_hand() {
    let _mock = install(Shared::default());
    let host = open("/groups/3918893/points").await;
    assert!(wait_for(|| all(&host, ".points-card").len() == 2).await, "two programs, two cards");
    let notes = all(&host, ".points__tier-note");
    assert_eq!(notes.len(), 1, "said once, not per card");
    assert_eq!(notes[0].text_content().unwrap(), gc_core::members::tiers::GROUP_TIER_NOTE);
    let tier_buttons: Vec<String> = all(&host, "button")
        .iter()
        .map(|b| b.text_content().unwrap_or_default())
        .filter(|t| t.to_lowercase().contains("tier"))
        .collect();
    assert!(tier_buttons.is_empty(), "no group-level tier control: {tier_buttons:?}");
}
