//! The one way the console calls the platform. Every call is a line of the table
//! (`gc_core::platform::endpoints::CALLS`): [`send`] takes its id, and the table gives its
//! method, path and host; then come authentication, JSON headers, a timeout, and every outcome
//! mapped to `ApiError`. A route's early request ([`prefetch`]) is answered here too, so the
//! page that asks for the same address gets it without asking again. After this file, a file
//! per domain with one thin function per call. Pages never build headers or read error bodies.

pub mod config;
pub mod credentials;
pub mod find;
pub mod group;
pub mod history;
pub mod members;
pub mod points;
pub mod rewards;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gc_core::console::settings::{AuthMode, Settings};
use gc_core::platform::endpoints::{self, CallId, Host};
use gc_core::platform::error::{
    answer_text, declared_too_large, error_from_response, parse_success, ApiError, MAX_ANSWER_BYTES,
};
use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::state::settings::SettingsStore;

/// The address of `call`: its path with the `{…}` segments filled by `values`, then `query`;
/// on the API host, or for a reward call on the reward host under Settings' reward path.
pub fn url(settings: &Settings, call: CallId, values: &[&str], query: &str) -> String {
    let line = endpoints::call(call);
    let path = endpoints::fill(line.path, values);
    let sep = if query.is_empty() { "" } else { "?" };
    match line.host {
        Host::Api => format!("{}{path}{sep}{query}", settings.public.api_base()),
        Host::Reward => {
            let prefix = settings.public.reward_path_prefix.trim().trim_end_matches('/');
            format!("{}{prefix}{path}{sep}{query}", settings.public.reward_base())
        }
    }
}

/// Sends one call of the table with the settings' credentials, and reads its answer as `T`.
async fn send<T: DeserializeOwned>(
    settings: &Settings,
    call: CallId,
    values: &[&str],
    query: &str,
    body: Option<String>,
) -> Result<T, ApiError> {
    send_with(settings, call, values, query, body, parse_success).await
}

/// [`send`] with a reader of the answer's own (the group GET's).
async fn send_with<T>(
    settings: &Settings,
    call: CallId,
    values: &[&str],
    query: &str,
    body: Option<String>,
    read: fn(u16, &str) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let url = url(settings, call, values, query);
    let method = match endpoints::call(call).method {
        endpoints::Method::Get => Method::GET,
        endpoints::Method::Post => Method::POST,
        endpoints::Method::Put => Method::PUT,
        endpoints::Method::Delete => Method::DELETE,
    };
    let once =
        || async { fetch_raw(settings, method.clone(), &url, body.clone()).await.and_then(|raw| finish(raw, read)) };
    let first = once().await;
    match first {
        // With client-key OAuth, a 401 means the token expired early: a new one, one more try.
        Err(ApiError::Auth { status: 401, .. }) if settings.public.auth_mode == AuthMode::OauthClient => {
            credentials::forget_token();
            once().await
        }
        other => other,
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    // Our request types are plain structs of strings, numbers and maps: always serializable.
    serde_json::to_string(v).unwrap_or_default()
}

// ------------------------------------------------------------------ early answers

/// An answer as it came: status, body text and Retry-After.
type RawAnswer = (u16, String, Option<String>);

/// A route's early GET, sent with the browser's plain `fetch`: the shell carries none of the
/// request code the pages bring (gloo-net's builder, the capped reading, the error mapping).
/// The page reads the answer with that code, under the timeout and cap of any answer; the
/// timeout runs from when the page takes it.
struct Early {
    controller: web_sys::AbortController,
    response: js_sys::Promise,
}

impl Early {
    /// Sends a GET of `url` that accepts JSON, with `header`; `None` if the browser cannot.
    fn send(url: &str, header: Option<(&'static str, String)>) -> Option<Early> {
        let controller = web_sys::AbortController::new().ok()?;
        let headers = web_sys::Headers::new().ok()?;
        headers.append("Accept", "application/json").ok()?;
        if let Some((name, value)) = header {
            headers.append(name, &value).ok()?;
        }
        let init = web_sys::RequestInit::new();
        init.set_method("GET");
        init.set_headers(&headers);
        init.set_signal(Some(&controller.signal()));
        let request = web_sys::Request::new_with_str_and_init(url, &init).ok()?;
        let response = web_sys::window()?.fetch_with_request(&request);
        Some(Early { controller, response })
    }

    /// The answer, read as [`fetch_text`] reads one (status, Retry-After, the body capped).
    async fn read(self, timeout_secs: u32) -> Result<RawAnswer, ApiError> {
        let Early { controller, response } = self;
        let response = async move {
            match wasm_bindgen_futures::JsFuture::from(response).await {
                Ok(res) => Ok(gloo_net::http::Response::from(res.unchecked_into::<web_sys::Response>())),
                // As gloo-net says it: the error's own words ("TypeError: Failed to fetch").
                Err(e) => Err(e
                    .dyn_ref::<js_sys::Error>()
                    .map_or_else(|| "the request failed".to_string(), |e| String::from(e.to_string()))),
            }
        };
        read_under_timeout(controller, timeout_secs, response).await
    }
}

/// The latest route's early request: waiting for config.json (`sent` empty), or sent to its
/// address (which depends on the settings config.json gives).
struct Waiting {
    /// Which route's: one matched later replaces it.
    route: u32,
    sent: Option<(String, Early)>,
}

thread_local! {
    /// At most one early request waits: a route starts one as the router matches it, and the
    /// next route's replaces it.
    static EARLY: RefCell<Option<Waiting>> = const { RefCell::new(None) };
    static ROUTES: Cell<u32> = const { Cell::new(0) };
}

/// Starts `GET {api host}{path_and_query}` now, before the page that needs it has its code: as
/// soon as the deployment's config is read, with the credentials at hand (a client key's token
/// is left to the page's own request, whose code the shell does not carry). The page's first
/// request for the same address then takes this answer instead of asking again.
pub fn prefetch(store: SettingsStore, path_and_query: String) {
    let route = ROUTES.with(|n| n.replace(n.get().wrapping_add(1)));
    EARLY.with(|e| *e.borrow_mut() = Some(Waiting { route, sent: None }));
    config::after_config(move || {
        let settings = store.for_request();
        let Some(header) = credentials::header_at_hand(&settings) else { return };
        let url = format!("{}{path_and_query}", settings.public.api_base());
        EARLY.with(|e| {
            // Still wanted: neither taken by the page nor replaced by another route's.
            if let Some(waiting) = e.borrow_mut().as_mut().filter(|w| w.route == route && w.sent.is_none()) {
                waiting.sent = Early::send(&url, header).map(|early| (url, early));
            }
        });
    });
}

/// The early request for `url`, if one was sent to exactly that address. Asking always ends
/// the wait: an early request not yet sent (config.json still on its way) is then not sent at
/// all, so the page's own request is the only one.
fn take_early(url: &str) -> Option<Early> {
    let (sent_to, early) = EARLY.with(|e| e.borrow_mut().take())?.sent?;
    (sent_to == url).then_some(early)
}

/// Forgets a prefetch that no page took (the router matched another route).
pub fn forget_prefetch() {
    EARLY.with(|e| e.borrow_mut().take());
}

// ------------------------------------------------------------------ the request

/// One request with the settings' credentials; the answer unread. A GET whose early answer is
/// on its way takes that instead.
async fn fetch_raw(
    settings: &Settings,
    method: Method,
    url: &str,
    body: Option<String>,
) -> Result<RawAnswer, ApiError> {
    if method == Method::GET {
        if let Some(early) = take_early(url) {
            return early.read(settings.public.timeout_secs).await;
        }
    }
    let settings = &config::settled(settings).await;
    let header = credentials::header(settings).await?;
    fetch_raw_with(settings, method, url, body, header).await
}

/// One request with `header` (`header_at_hand`, or the one `credentials::header` made); the
/// answer unread.
async fn fetch_raw_with(
    settings: &Settings,
    method: Method,
    url: &str,
    body: Option<String>,
    header: Option<(&'static str, String)>,
) -> Result<RawAnswer, ApiError> {
    // gloo-net joins the URL's own query and the builder's with "&" even when the builder's is
    // empty (`?id=7&`): it is given the pairs instead.
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let pairs = gc_core::platform::query::pairs(query);
    let mut req = RequestBuilder::new(path)
        .query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .method(method)
        .header("Accept", "application/json");
    if let Some((name, value)) = header {
        req = req.header(name, &value);
    }
    fetch_text(req, body, settings.public.timeout_secs).await
}

fn finish<T>(
    (status, text, retry_after): RawAnswer,
    read: fn(u16, &str) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        read(status, &text)
    } else {
        Err(error_from_response(status, &text, retry_after.as_deref()))
    }
}

/// Runs the fetch under a timeout (AbortController) and reads the whole body as text.
/// The request is also aborted when the view that started it goes away.
async fn fetch_text(req: RequestBuilder, body: Option<String>, timeout_secs: u32) -> Result<RawAnswer, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| network("AbortController unavailable"))?;
    let req = req.abort_signal(Some(&controller.signal()));
    let req = match body {
        Some(b) => req.header("Content-Type", "application/json").body(b),
        None => req.build(),
    }
    .map_err(|e| network(&e.to_string()))?;
    read_under_timeout(controller, timeout_secs, async { req.send().await.map_err(|e| e.to_string()) }).await
}

/// Waits for the answer `response` brings and reads it (status, Retry-After, the body
/// capped), aborting `controller`'s request after `timeout_secs` or when the view that
/// waits goes away.
async fn read_under_timeout(
    controller: web_sys::AbortController,
    timeout_secs: u32,
    response: impl std::future::Future<Output = Result<gloo_net::http::Response, String>>,
) -> Result<RawAnswer, ApiError> {
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        let cb = Closure::once_into_js(move || {
            timed_out.set(true);
            controller.abort();
        });
        web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.unchecked_ref(),
                (timeout_secs.max(1) as i32).saturating_mul(1000),
            )
            .ok()
        })
    };
    let on_leave = send_wrapper::SendWrapper::new(controller.clone());
    leptos::prelude::on_cleanup(move || on_leave.abort());

    let outcome = async {
        let res = response.await?;
        let status = res.status();
        let retry_after = res.headers().get("retry-after");
        let text = capped_text(&res).await?;
        Ok::<_, String>((status, text, retry_after))
    }
    .await;
    if let (Some(id), Some(w)) = (timer, web_sys::window()) {
        w.clear_timeout_with_handle(id);
    }
    match outcome {
        Ok((status, Some(text), retry_after)) => Ok((status, text, retry_after)),
        Ok((status, None, _)) => {
            // Whatever is still on its way is not wanted.
            controller.abort();
            Err(ApiError::TooLarge { status })
        }
        Err(_) if timed_out.get() => Err(ApiError::Timeout { secs: timeout_secs }),
        Err(detail) => Err(network(&detail)),
    }
}

/// The body as text, or `None` when it is larger than `MAX_ANSWER_BYTES`: refused by its
/// Content-Length when that says so, else counted as it arrives and left unread past the cap
/// (a Content-Length counts the compressed bytes, the stream the bytes kept in memory).
///
/// The bytes are decoded here, at once, when the last one is in: a `Blob`'s `text()` (which
/// this used) answered in a later task, queued behind whatever the page was drawing, and on
/// the History tab each section's answer then waited 20–60 ms for its text.
async fn capped_text(res: &gloo_net::http::Response) -> Result<Option<String>, String> {
    use wasm_bindgen_futures::JsFuture;
    let failed = |e: JsValue| e.as_string().unwrap_or_else(|| "the answer could not be read".into());
    if declared_too_large(res.headers().get("content-length").as_deref()) {
        return Ok(None);
    }
    let Some(body) = res.body() else { return Ok(Some(String::new())) };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(failed)?;
        if js_sys::Reflect::get(&step, &"done".into()).map_or(true, |d| d.is_truthy()) {
            break;
        }
        let chunk: js_sys::Uint8Array = js_sys::Reflect::get(&step, &"value".into()).map_err(failed)?.unchecked_into();
        let (start, len) = (bytes.len(), chunk.length() as usize);
        if (start + len) as u64 > MAX_ANSWER_BYTES {
            let _ = reader.cancel();
            return Ok(None);
        }
        bytes.resize(start + len, 0);
        chunk.copy_to(&mut bytes[start..]);
    }
    Ok(Some(answer_text(bytes)))
}

fn network(detail: &str) -> ApiError {
    ApiError::Network { detail: detail.to_string() }
}
