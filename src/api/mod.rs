//! The one way the console calls the platform: builds the URL, adds authentication, JSON
//! headers and a timeout, and maps every outcome to `gc_core::platform::error::ApiError`. Pages never
//! build headers or read error bodies themselves.

mod credentials;
mod history;
mod members;
mod reward_groups;
mod search;

use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use gc_core::console::settings::{AuthMode, Settings};
use gc_core::group::wire::{
    CreateGroupRequest, CreateGroupResponse, GetGroupQuery, GroupDetails, GroupIdOnly, UpdateGroupRequest, UpdatedGroup,
};
use gc_core::platform::error::{
    declared_too_large, error_from_response, parse_success, ApiError, Endpoint, MAX_ANSWER_BYTES,
};
use gc_core::rewards::wire::{RewardGroup, RewardGroupRequest};
use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

pub use credentials::forget_token;
pub(crate) use credentials::header_at_hand;
pub use history::{slab_history, transactions};
pub use members::{delete_group, join_members, leave_group, list_members, transfer_members, update_permissions};
pub use reward_groups::{get_reward_group, list_reward_groups, update_reward_group};
pub use search::{customer_groups, search_by_extended_fields, search_groups};

use gc_core::platform::endpoints::{GROUP as GROUP_PATH, REWARD_GROUP_CREATE};

pub async fn create_group(settings: &Settings, req: &CreateGroupRequest) -> Result<CreateGroupResponse, ApiError> {
    let url = format!("{}{GROUP_PATH}", settings.public.api_base());
    send(settings, Endpoint::CreateGroup, Method::POST, &url, Some(to_json(req))).await
}

pub async fn update_group(settings: &Settings, req: &UpdateGroupRequest) -> Result<UpdatedGroup, ApiError> {
    let url = format!("{}{GROUP_PATH}", settings.public.api_base());
    send(settings, Endpoint::UpdateGroup, Method::PUT, &url, Some(to_json(req))).await
}

pub async fn get_group(settings: &Settings, query: &GetGroupQuery) -> Result<GroupDetails, ApiError> {
    let url = group_url(settings, &query.to_query_string());
    warm_up_group_reading();
    // A deep link's answer may be on its way already (src/route_data.rs).
    let first = match crate::route_data::take_group(&url) {
        Some(early) => {
            let raw = early.await.unwrap_or_else(|_| Err(network("the request was cancelled")));
            crate::perf::mark("gc-group-response");
            raw.and_then(|raw| finish_with(raw, GroupDetails::from_answer))
        }
        None => get_group_once(settings, &url).await,
    };
    let group = again_if_token_expired(settings, first, || get_group_once(settings, &url)).await;
    crate::perf::mark("gc-group-parsed");
    group
}

/// The ID of the group `query` finds (a look-up by external ID or primary member), without
/// reading the rest of the answer.
pub async fn find_group_id(settings: &Settings, query: &GetGroupQuery) -> Result<u64, ApiError> {
    let url = group_url(settings, &query.to_query_string());
    send::<GroupIdOnly>(settings, Endpoint::GetGroup, Method::GET, &url, None).await.map(|g| g.id.0)
}

/// The group GET's address for a query string (`GetGroupQuery::to_query_string`).
pub(crate) fn group_url(settings: &Settings, query: &str) -> String {
    format!("{}{GROUP_PATH}?{query}", settings.public.api_base())
}

/// Once: the group answer's reading code compiled while the first answer is on its way (the
/// task runs as soon as this request waits for the network; see GroupDetails::warm_up).
fn warm_up_group_reading() {
    static DONE: AtomicBool = AtomicBool::new(false);
    if !DONE.swap(true, Ordering::Relaxed) {
        leptos::task::spawn_local(async { GroupDetails::warm_up() });
    }
}

pub async fn create_reward_group(settings: &Settings, req: &RewardGroupRequest) -> Result<RewardGroup, ApiError> {
    let url = reward_url(settings, REWARD_GROUP_CREATE);
    send(settings, Endpoint::CreateRewardGroup, Method::POST, &url, Some(to_json(req))).await
}

/// Every reward-group call: Settings' reward host and path prefix, then `rest` (`/group…`).
fn reward_url(settings: &Settings, rest: &str) -> String {
    let prefix = settings.public.reward_path_prefix.trim().trim_end_matches('/');
    format!("{}{prefix}{rest}", settings.public.reward_base())
}

/// A `/v2/…` call on the API host, with its query string when there is one.
fn api_url(settings: &Settings, path: &str, query: &str) -> String {
    let sep = if query.is_empty() { "" } else { "?" };
    format!("{}{path}{sep}{query}", settings.public.api_base())
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    // Our request types are plain structs of strings, numbers and maps: always serializable.
    serde_json::to_string(v).unwrap_or_default()
}

/// Sends one request with the settings' credentials.
async fn send<T: DeserializeOwned + 'static>(
    settings: &Settings,
    endpoint: Endpoint,
    method: Method,
    url: &str,
    body: Option<String>,
) -> Result<T, ApiError> {
    let first = send_once(settings, endpoint, method.clone(), url, body.clone()).await;
    again_if_token_expired(settings, first, || send_once(settings, endpoint, method, url, body)).await
}

/// With client-key OAuth, a 401 means the token expired early: get a new one and try once more.
async fn again_if_token_expired<T, F: std::future::Future<Output = Result<T, ApiError>>>(
    settings: &Settings,
    first: Result<T, ApiError>,
    again: impl FnOnce() -> F,
) -> Result<T, ApiError> {
    match first {
        Err(ApiError::Auth { status: 401, .. }) if settings.public.auth_mode == AuthMode::OauthClient => {
            forget_token();
            again().await
        }
        other => other,
    }
}

async fn send_once<T: DeserializeOwned + 'static>(
    settings: &Settings,
    endpoint: Endpoint,
    method: Method,
    url: &str,
    body: Option<String>,
) -> Result<T, ApiError> {
    let raw = fetch_raw(settings, method, url, body).await;
    if endpoint == Endpoint::GetGroup {
        crate::perf::mark("gc-group-response");
    }
    raw.and_then(finish)
}

/// An answer as it came: status, body text and Retry-After.
pub(crate) type RawAnswer = (u16, String, Option<String>);

/// One request with the settings' credentials; the answer unread.
async fn fetch_raw(
    settings: &Settings,
    method: Method,
    url: &str,
    body: Option<String>,
) -> Result<RawAnswer, ApiError> {
    let settings = &crate::config::settled(settings).await;
    let header = credentials::header(settings).await?;
    fetch_raw_with(settings, method, url, body, header).await
}

/// One request with `header` (`header_at_hand`, or the one `credentials::header` made); the
/// answer unread.
pub(crate) async fn fetch_raw_with(
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

/// The group GET, read by its own reader (its member list is most of the answer).
async fn get_group_once(settings: &Settings, url: &str) -> Result<GroupDetails, ApiError> {
    let raw = fetch_raw(settings, Method::GET, url, None).await;
    crate::perf::mark("gc-group-response");
    raw.and_then(|raw| finish_with(raw, GroupDetails::from_answer))
}

fn finish<T: DeserializeOwned + 'static>(raw: RawAnswer) -> Result<T, ApiError> {
    finish_with(raw, parse_success)
}

fn finish_with<T>(
    (status, text, retry_after): RawAnswer,
    read: impl FnOnce(u16, &str) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        read(status, &text)
    } else {
        Err(error_from_response(status, &text, retry_after.as_deref()))
    }
}

/// Runs the fetch under a timeout (AbortController) and reads the whole body as text.
/// The request is also aborted when the view that started it goes away.
pub(crate) async fn fetch_text(
    req: RequestBuilder,
    body: Option<String>,
    timeout_secs: u32,
) -> Result<RawAnswer, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| network("AbortController unavailable"))?;
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

    let req = req.abort_signal(Some(&controller.signal()));
    let req = match body {
        Some(b) => req.header("Content-Type", "application/json").body(b),
        None => req.build(),
    }
    .map_err(|e| network(&e.to_string()))?;

    let outcome = async {
        let res = req.send().await.map_err(|e| e.to_string())?;
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
async fn capped_text(res: &gloo_net::http::Response) -> Result<Option<String>, String> {
    use wasm_bindgen_futures::JsFuture;
    let failed = |e: JsValue| e.as_string().unwrap_or_else(|| "the answer could not be read".into());
    if declared_too_large(res.headers().get("content-length").as_deref()) {
        return Ok(None);
    }
    let Some(body) = res.body() else { return Ok(Some(String::new())) };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let chunks = js_sys::Array::new();
    let mut size = 0u64;
    loop {
        let step = JsFuture::from(reader.read()).await.map_err(failed)?;
        if js_sys::Reflect::get(&step, &"done".into()).map_or(true, |d| d.is_truthy()) {
            break;
        }
        let chunk: js_sys::Uint8Array = js_sys::Reflect::get(&step, &"value".into()).map_err(failed)?.unchecked_into();
        size += chunk.length() as u64;
        if size > MAX_ANSWER_BYTES {
            let _ = reader.cancel();
            return Ok(None);
        }
        chunks.push(&chunk);
    }
    // The browser decodes the UTF-8, as `Response.text()` does.
    let blob = web_sys::Blob::new_with_u8_array_sequence(&chunks).map_err(failed)?;
    Ok(Some(JsFuture::from(blob.text()).await.map_err(failed)?.as_string().unwrap_or_default()))
}

fn network(detail: &str) -> ApiError {
    ApiError::Network { detail: detail.to_string() }
}
