//! DOM helpers for the browser tests: mount into a fresh element, find things the way a
//! user does (by label or visible text), and let the reactive system settle.
#![allow(dead_code)]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

thread_local! {
    static MOUNTED: std::cell::RefCell<Option<(Owner, Box<dyn std::any::Any>)>> = Default::default();
}

/// Mounts a view into a new <div>, unmounting the previous test's view first: a router
/// left alive would keep handling link clicks (tests must not see each other).
pub fn mount<F, N>(f: F) -> HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    if let Some((owner, handle)) = MOUNTED.with(|m| m.borrow_mut().take()) {
        drop(handle);
        owner.cleanup();
    }
    for old in all(&document().body().unwrap(), "[data-test-host]") {
        old.remove();
    }
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    host.set_attribute("data-test-host", "").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let owner = Owner::new();
    let handle = owner.with(|| leptos::mount::mount_to(host.clone(), f));
    MOUNTED.with(|m| *m.borrow_mut() = Some((owner, Box::new(handle))));
    host
}

pub fn navigate_to(path: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

/// One microtask: enough for synchronous effects.
pub async fn tick() {
    let p = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// A few macrotasks: enough for router navigation and spawned tasks.
pub async fn settle() {
    for _ in 0..5 {
        sleep_ms(0).await;
    }
}

pub async fn sleep_ms(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Waits until `cond` holds, up to ~2 s (for responses from a mocked fetch).
pub async fn wait_for(mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..200 {
        if cond() {
            return true;
        }
        sleep_ms(10).await;
    }
    cond()
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.unchecked_into()).collect()
}

pub fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

pub fn link_by_text(root: &Element, label: &str) -> HtmlElement {
    all(root, "a")
        .into_iter()
        .find(|a| a.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no link reads {label:?}"))
        .unchecked_into()
}

pub fn button(root: &Element, label: &str) -> web_sys::HtmlButtonElement {
    all(root, "button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button reads {label:?}"))
        .unchecked_into()
}

/// The control a visible `<label>` with this text points at.
pub fn label_for(root: &Element, label: &str) -> Option<HtmlElement> {
    let l = all(root, "label").into_iter().find(|l| l.text_content().unwrap_or_default().trim() == label)?;
    let id = l.get_attribute("for")?;
    document().get_element_by_id(&id).map(|e| e.unchecked_into())
}

pub fn input(root: &Element, label: &str) -> HtmlInputElement {
    label_for(root, label).unwrap_or_else(|| panic!("no field labelled {label:?}")).unchecked_into()
}

/// Types into a field as a user would: sets the value and fires `input`.
pub fn type_into(root: &Element, label: &str, value: &str) {
    let el = input(root, label);
    el.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

// ------------------------------------------------------------------ fetch mock

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// One request the page sent.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub url: String,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

impl Call {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// How the mock answers.
#[derive(Clone)]
pub enum Reply {
    Json(u16, String),
    Text(u16, String, &'static str),
    /// Never answers until `MockFetch::release` (to see the page while a request is in flight).
    Hold,
    /// A response made by the test (its own headers, a body that streams).
    Response(Rc<dyn Fn() -> web_sys::Response>),
}

type Responder = Box<dyn Fn(&Call) -> Reply>;

/// Replaces `window.fetch`: records every call and answers from `respond`.
#[derive(Clone)]
pub struct MockFetch {
    pub calls: Rc<RefCell<Vec<Call>>>,
    held: Rc<RefCell<Vec<js_sys::Function>>>,
    /// Hold the app's `/config.json` request (a deployment's presets arriving late) instead of
    /// answering 404.
    hold_config: Rc<std::cell::Cell<bool>>,
}

pub fn json_response(status: u16, body: &str, content_type: &str) -> web_sys::Response {
    let init = web_sys::ResponseInit::new();
    init.set_status(status);
    let headers = web_sys::Headers::new().unwrap();
    headers.set("Content-Type", content_type).unwrap();
    init.set_headers(&headers);
    web_sys::Response::new_with_opt_str_and_init(Some(body), &init).unwrap()
}

impl MockFetch {
    pub fn install(respond: impl Fn(&Call) -> Reply + 'static) -> MockFetch {
        let respond: Rc<Responder> = Rc::new(Box::new(respond));
        let mock = MockFetch { calls: Rc::default(), held: Rc::default(), hold_config: Rc::default() };
        let (calls, held, hold_config) = (mock.calls.clone(), mock.held.clone(), mock.hold_config.clone());
        let f = Closure::<dyn Fn(web_sys::Request) -> js_sys::Promise>::new(move |req: web_sys::Request| {
            let (calls, held, respond, hold_config) =
                (calls.clone(), held.clone(), respond.clone(), hold_config.clone());
            wasm_bindgen_futures::future_to_promise(async move {
                let body = match req.text() {
                    Ok(p) => wasm_bindgen_futures::JsFuture::from(p)
                        .await
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default(),
                    Err(_) => String::new(),
                };
                let mut headers = Vec::new();
                if let Ok(Some(it)) = js_sys::try_iter(&req.headers()) {
                    for pair in it.flatten() {
                        let pair: js_sys::Array = pair.unchecked_into();
                        headers.push((
                            pair.get(0).as_string().unwrap_or_default(),
                            pair.get(1).as_string().unwrap_or_default(),
                        ));
                    }
                }
                let call = Call { method: req.method(), url: req.url(), body, headers };
                // The app asks for its deployment config at start: not an API call.
                if call.url.ends_with("/config.json") {
                    if !hold_config.get() {
                        return Ok(json_response(404, "", "text/plain").into());
                    }
                    let p = js_sys::Promise::new(&mut |resolve, _| held.borrow_mut().push(resolve));
                    return wasm_bindgen_futures::JsFuture::from(p).await;
                }
                calls.borrow_mut().push(call.clone());
                match respond(&call) {
                    Reply::Json(status, body) => Ok(json_response(status, &body, "application/json").into()),
                    Reply::Text(status, body, ct) => Ok(json_response(status, &body, ct).into()),
                    Reply::Response(make) => Ok(make().into()),
                    Reply::Hold => {
                        let p = js_sys::Promise::new(&mut |resolve, _| held.borrow_mut().push(resolve));
                        wasm_bindgen_futures::JsFuture::from(p).await
                    }
                }
            })
        });
        js_sys::Reflect::set(&js_sys::global(), &"fetch".into(), f.as_ref()).unwrap();
        f.forget();
        mock
    }

    /// From now on the app's `/config.json` request waits for [`MockFetch::release`].
    pub fn hold_config(&self) {
        self.hold_config.set(true);
    }

    /// Answers the oldest held request.
    pub fn release(&self, status: u16, body: &str) {
        let resolve = self.held.borrow_mut().remove(0);
        resolve.call1(&JsValue::NULL, &json_response(status, body, "application/json")).unwrap();
    }

    pub fn count(&self) -> usize {
        self.calls.borrow().len()
    }

    pub fn last(&self) -> Call {
        self.calls.borrow().last().cloned().expect("no request was sent")
    }
}

/// The docs' GET example for group 3918893.
pub const GROUP_3918893: &str = include_str!("../../core/fixtures/get-response-3918893.json");

/// Clears storage so settings and recent work from one test do not leak into the next.
pub fn clear_storage() {
    let w = web_sys::window().unwrap();
    w.local_storage().unwrap().unwrap().clear().unwrap();
    w.session_storage().unwrap().unwrap().clear().unwrap();
}

pub fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

pub fn submit(form_root: &Element) {
    let form: web_sys::HtmlFormElement = form_root.query_selector("form").unwrap().expect("a form").unchecked_into();
    form.request_submit().unwrap();
}

/// Opens the console at `path` with empty storage, as a first visit does.
pub async fn open(path: &str) -> HtmlElement {
    clear_storage();
    navigate_to(path);
    let host = mount(group_console::boot::app::App);
    settle().await;
    host
}

/// The text under a field: its error when invalid, else its hint.
pub fn message_for(host: &HtmlElement, label: &str) -> String {
    let field = input(host, label);
    let ids = field.get_attribute("aria-describedby").unwrap_or_default();
    let msg_id = ids.split_whitespace().next().unwrap_or_default().to_string();
    document().get_element_by_id(&msg_id).and_then(|e| e.text_content()).unwrap_or_default()
}

pub fn active_id() -> String {
    document().active_element().map(|e| e.id()).unwrap_or_default()
}
