//! The browser's own limits, in a real browser with a mocked platform: an answer over 32 MB is
//! refused in words and not read into memory, "Export all members" stops at the group's size
//! limit, and "Forget this browser's data" removes what the console kept, and says what.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TOO_LARGE: &str = "The platform's answer is larger than 32 MB";

/// Waits up to ~10 s: reading 32 MB takes a moment.
async fn eventually(mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..1000 {
        if cond() {
            return true;
        }
        sleep_ms(10).await;
    }
    cond()
}

/// A body that never ends: one megabyte each time it is read (nothing is made ahead of a
/// read). Counts the reads, and notes when the reader gives up on it.
fn endless(reads: Rc<Cell<u32>>, cancelled: Rc<Cell<bool>>) -> web_sys::ReadableStream {
    let source = js_sys::Object::new();
    let pull = Closure::<dyn FnMut(JsValue)>::new(move |controller: JsValue| {
        reads.set(reads.get() + 1);
        let enqueue: js_sys::Function = js_sys::Reflect::get(&controller, &"enqueue".into()).unwrap().unchecked_into();
        enqueue.call1(&controller, &js_sys::Uint8Array::new_with_length(1 << 20)).unwrap();
    });
    let cancel = Closure::<dyn FnMut()>::new(move || cancelled.set(true));
    js_sys::Reflect::set(&source, &"pull".into(), pull.as_ref()).unwrap();
    js_sys::Reflect::set(&source, &"cancel".into(), cancel.as_ref()).unwrap();
    pull.forget();
    cancel.forget();
    let strategy = js_sys::Object::new();
    js_sys::Reflect::set(&strategy, &"highWaterMark".into(), &0.into()).unwrap();
    let class: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &"ReadableStream".into()).unwrap().unchecked_into();
    js_sys::Reflect::construct(&class, &js_sys::Array::of2(&source, &strategy)).unwrap().unchecked_into()
}

/// Every API call answered 200 with an endless body, and `content_length` when given.
fn huge_answers(content_length: Option<&'static str>) -> (Rc<Cell<u32>>, Rc<Cell<bool>>) {
    let (reads, cancelled) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(false)));
    let (r, c) = (reads.clone(), cancelled.clone());
    MockFetch::install(move |_| {
        let (r, c) = (r.clone(), c.clone());
        Reply::Response(Rc::new(move || {
            let init = web_sys::ResponseInit::new();
            init.set_status(200);
            let headers = web_sys::Headers::new().unwrap();
            headers.set("Content-Type", "application/json").unwrap();
            if let Some(n) = content_length {
                headers.set("Content-Length", n).unwrap();
            }
            init.set_headers(&headers);
            let body = endless(r.clone(), c.clone());
            web_sys::Response::new_with_opt_readable_stream_and_init(Some(&body), &init).unwrap()
        }))
    });
    (reads, cancelled)
}

fn page_text(host: &web_sys::HtmlElement) -> String {
    host.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_answer_whose_length_is_over_32_mb_is_refused_without_reading_it() {
    let (reads, _) = huge_answers(Some("33554433"));
    let host = open("/groups/3918893").await;
    assert!(eventually(|| page_text(&host).contains(TOO_LARGE)).await, "refused in words: {}", page_text(&host));
    assert_eq!(reads.get(), 0, "not a byte of the body was read");
    assert!(all(&host, "button").iter().any(|b| b.text_content().unwrap_or_default() == "Retry"));
}

#[wasm_bindgen_test]
async fn an_answer_without_a_length_is_read_up_to_32_mb_and_no_further() {
    let (reads, cancelled) = huge_answers(None);
    let host = open("/groups/3918893").await;
    assert!(eventually(|| page_text(&host).contains(TOO_LARGE)).await, "refused in words: {}", page_text(&host));
    assert!(cancelled.get(), "the rest of the answer was refused");
    // 32 reads of 1 MB reach the cap; the 33rd passes it.
    assert!((33..=34).contains(&reads.get()), "{} MB read", reads.get());
}

// ------------------------------------------------------------------ Export all members

thread_local! {
    static SAVED: RefCell<Vec<web_sys::Blob>> = const { RefCell::new(Vec::new()) };
}

/// Keeps every file the page offers for download instead of downloading it.
fn catch_downloads() {
    let url = js_sys::Reflect::get(&js_sys::global(), &"URL".into()).unwrap();
    let keep = Closure::<dyn Fn(web_sys::Blob) -> String>::new(|blob| {
        SAVED.with(|s| s.borrow_mut().push(blob));
        "blob:caught".to_string()
    });
    js_sys::Reflect::set(&url, &"createObjectURL".into(), keep.as_ref()).unwrap();
    keep.forget();
    let stop = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let a = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if a.is_some_and(|a| a.has_attribute("download")) {
            ev.prevent_default();
        }
    });
    document().add_event_listener_with_callback_and_bool("click", stop.as_ref().unchecked_ref(), true).unwrap();
    stop.forget();
}

fn param(url: &str, name: &str) -> u32 {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0)
}

/// Group 3918893 (size limit 6) whose member list never ends: every page is full, and the
/// platform says it holds a million.
fn never_ending_members(call: &Call) -> Reply {
    if !call.url.contains("/v2/userGroup2/members") {
        return Reply::Json(200, GROUP_3918893.into());
    }
    let (offset, limit) = (param(&call.url, "offset"), param(&call.url, "limit"));
    let data: Vec<_> = (offset..offset + limit)
        .map(|i| {
            serde_json::json!({"fleetUserId": 700_000_000 + i, "firstName": "Member", "lastName": i.to_string(),
            "joinedOn": "2026-02-12", "role": "SECONDARY", "pointsContributed": -500})
        })
        .collect();
    Reply::Json(
        200,
        serde_json::json!({"pagination": {"limit": limit, "offset": offset, "total": 1_000_000}, "data": data})
            .to_string(),
    )
}

#[wasm_bindgen_test]
async fn export_all_members_stops_at_the_groups_size_limit() {
    catch_downloads();
    let mock = MockFetch::install(never_ending_members);
    let host = open("/groups/3918893/members").await;
    assert!(eventually(|| host.query_selector("table.members-list").ok().flatten().is_some()).await, "members listed");
    let before = mock.calls.borrow().iter().filter(|c| c.url.contains("/members")).count();
    button(&host, "Export all members (CSV)").click();
    assert!(eventually(|| SAVED.with(|s| !s.borrow().is_empty())).await, "a file was offered");
    let blob = SAVED.with(|s| s.borrow_mut().pop()).unwrap();
    let bytes = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.unwrap();
    let csv = String::from_utf8(js_sys::Uint8Array::new(&bytes).to_vec()).unwrap();
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 6, "the header and the group's 6 members: {csv}");
    assert!(lines[6].starts_with("700000005,Member 5,") && lines[6].ends_with(",-500"), "{}", lines[6]);
    let export: Vec<Call> =
        mock.calls.borrow().iter().filter(|c| c.url.contains("/members")).skip(before).cloned().collect();
    assert_eq!(
        export.len(),
        1,
        "one request, for no more than 6: {:?}",
        export.iter().map(|c| &c.url).collect::<Vec<_>>()
    );
    assert_eq!((param(&export[0].url, "offset"), param(&export[0].url, "limit")), (0, 6));
    assert!(
        page_text(&host).contains(
            "The platform lists 1,000,000 members, more than the group's size limit: the file has the first 6."
        ),
        "{}",
        page_text(&host)
    );
}

// ------------------------------------------------------------------ Forget this browser's data

fn keys(storage: web_sys::Storage) -> Vec<String> {
    (0..storage.length().unwrap()).filter_map(|i| storage.key(i).unwrap()).collect()
}

#[wasm_bindgen_test]
async fn forget_this_browsers_data_removes_what_the_console_kept_and_says_what() {
    MockFetch::install(|_| Reply::Json(200, "{}".into()));
    clear_storage();
    let w = web_sys::window().unwrap();
    let (local, session) = (w.local_storage().unwrap().unwrap(), w.session_storage().unwrap().unwrap());
    local.set_item("gc.settings", r#"{"username":"marketer","authMode":"basic"}"#).unwrap();
    session.set_item("gc.secrets", r#"{"passwordMd5":"ea2c0ea1a08add3a75273e7f32f05f7a"}"#).unwrap();
    local.set_item("gc.recent-searches", r#"["919876500001","priya.sharma@example.com"]"#).unwrap();
    local.set_item("gc.recent", r#"[{"kind":"group","id":3918893,"name":"x","action":"viewed","at":1}]"#).unwrap();
    local
        .set_item("gc.activity.3918893", r#"[{"at":1,"kind":"remove_member","what":"a","outcome":"done","ok":true}]"#)
        .unwrap();
    local.set_item("gc.import.plan", "{}").unwrap();
    local.set_item("gc.import.progress", "{}").unwrap();
    local.set_item("gc.members.add.3918893.plan", "{}").unwrap();
    local.set_item("not-the-console", "stays").unwrap();
    navigate_to("/settings");
    let host = mount(group_console::boot::app::App);
    settle().await;
    assert_eq!(input(&host, "Username").value(), "marketer");
    let rows: Vec<String> =
        all(&host, ".browser-data tbody tr").iter().map(|r| r.text_content().unwrap_or_default()).collect();
    assert_eq!(
        rows,
        [
            "Settings: hosts, sign-in name, limitslocalStorage (until removed)",
            "2 recent searcheslocalStorage (until removed)",
            "1 recent grouplocalStorage (until removed)",
            "Activity log: 1 action on 1 grouplocalStorage (until removed)",
            "A saved bulk importlocalStorage (until removed)",
            "Saved adding of members: 1 grouplocalStorage (until removed)",
            "Saved credentialssessionStorage (until this tab closes)",
        ]
    );
    assert_eq!(
        all(&host, "button").iter().filter(|b| b.text_content().unwrap_or_default().contains("Forget")).count(),
        1
    );

    button(&host, "Forget this browser's data").click();
    settle().await;
    assert_eq!(
        text(&host, ".browser-data [role=status]"),
        "Removed: settings, 2 recent searches, 1 recent group, the activity log (1 action on 1 group), a saved bulk \
         import, saved adding of members (1 group), saved credentials."
    );
    assert_eq!(keys(local), ["not-the-console"], "only the console's keys went");
    assert!(keys(session).is_empty());
    assert!(page_text(&host).contains("This browser keeps nothing for the console."));
    assert_eq!(input(&host, "Username").value(), "", "the form shows no saved sign-in");
}
