//! The emulated platform API: user groups (create, update, get, search, members, join, leave,
//! transfer, permissions, delete, tier history, transactions), a customer's groups and tiers,
//! a group's value (points transfer, goodwill, manual issue, ledger, trackers, promised points,
//! expiry schedule, a member's tier adjustment: points/), reward groups and their rewards,
//! OAuth token generation, and the layer in front of them that logs, delays, injects faults,
//! rate-limits and authenticates every call the way the platform does (docs/platform-api.md).

pub mod access;
pub mod account;
pub mod control;
pub mod customers;
pub mod dates;
pub mod faults;
pub mod groups;
pub mod history;
pub mod members;
pub mod points;
pub mod rewards;
pub mod rng;
pub mod search;
pub mod seed;
pub mod store;

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::Response,
    routing::{on, MethodFilter, MethodRouter},
    Router,
};
use gc_core::platform::endpoints::{self, Call, CallId};
use serde_json::Value;

use crate::emulator::store::Store;
pub use crate::json::{bad_request, json_bytes, json_response, parse_body, plain_error, v2_error};
use access::{Auth, Identity, RateLimiter};
use faults::Faults;

/// What the emulator is started with (from the command line).
#[derive(Debug, Clone)]
pub struct Options {
    pub max_group_size: i64,
    pub rate_limit: Option<u32>,
    pub latency: Duration,
    pub hang: Duration,
    /// CONF_DISABLE_GROUP_DEACTIVATION_ON_PRIMARY_MEMBER_EXIT: the group stays active.
    pub keep_group_on_primary_exit: bool,
}

/// Everything the handlers share.
pub struct Emu {
    pub store: Mutex<Store>,
    pub auth: Auth,
    pub limiter: Mutex<RateLimiter>,
    pub faults: Faults,
    pub log: control::RequestLog,
    pub opts: Options,
    /// One data-file write at a time, so an older snapshot never lands after a newer one.
    write_lock: Mutex<()>,
}

impl Emu {
    pub fn new(store: Store, auth: Auth, faults: Faults, opts: Options) -> Emu {
        Emu {
            store: Mutex::new(store),
            auth,
            limiter: Mutex::new(RateLimiter::new(opts.rate_limit)),
            faults,
            log: control::RequestLog::default(),
            opts,
            write_lock: Mutex::new(()),
        }
    }

    /// Writes the data file if anything changed (blocking: call off the async threads or
    /// at shutdown).
    pub fn flush(&self) {
        let _one_at_a_time = self.write_lock.lock().unwrap_or_else(|e| e.into_inner());
        let snapshot = self.store().take_snapshot();
        if let Some((path, bytes)) = snapshot {
            if let Err(e) = bytes.and_then(|b| crate::emulator::store::write_atomically(&path, &b)) {
                eprintln!("gc-server: cannot write {}: {e}", path.display());
            }
        }
    }

    /// With `--data`: a task that writes the file after changes, coalescing bursts. It holds
    /// the state weakly, so it ends with the server.
    pub fn start_writer(self: &Arc<Self>) {
        let store = self.store();
        if !store.has_data_file() {
            return;
        }
        let wake = store.waker();
        drop(store);
        let emu = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                wake.notified().await;
                let Some(emu) = emu.upgrade() else { break };
                let _ = tokio::task::spawn_blocking(move || emu.flush()).await;
            }
        });
    }

    /// The store, even if a handler panicked while holding it (the data is still usable).
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub type Shared = State<Arc<Emu>>;

/// The API routes, one per call of the console's table (`endpoints::CALLS`; other methods
/// and paths never get here, guard/paths.rs answers them), plus `/__emulator/` control routes.
pub fn router(emu: Arc<Emu>) -> Router {
    let mut api = Router::new();
    for call in &endpoints::CALLS {
        for pattern in call.patterns() {
            api = api.route(&pattern, handler(call));
        }
    }
    let api = api.route_layer(middleware::from_fn_with_state(emu.clone(), gate));
    // API answers are compressed fast, not small: brotli or best gzip of the 3 MB member
    // list takes half a second in a debug build. The outer layer leaves them alone.
    let fast = tower_http::compression::CompressionLayer::new().no_br().quality(tower_http::CompressionLevel::Fastest);
    api.merge(control::router()).with_state(emu).layer(fast)
}

/// The handler of each call (a call without one does not compile).
fn handler(call: &Call) -> MethodRouter<Arc<Emu>> {
    let method = match call.method {
        endpoints::Method::Get => MethodFilter::GET,
        endpoints::Method::Post => MethodFilter::POST,
        endpoints::Method::Put => MethodFilter::PUT,
        endpoints::Method::Delete => MethodFilter::DELETE,
    };
    match call.id {
        CallId::CreateGroup => on(method, groups::create),
        CallId::UpdateGroup => on(method, groups::update),
        CallId::GetGroup => on(method, groups::get),
        CallId::DeleteGroup => on(method, members::delete),
        CallId::SearchGroups => on(method, search::search),
        CallId::ExtendedFieldSearch => on(method, search::extended_field_search),
        CallId::Customer => on(method, search::customer),
        CallId::CustomerLookup => on(method, search::customer_lookup),
        CallId::Members => on(method, members::list),
        CallId::JoinMembers => on(method, members::join),
        CallId::LeaveGroup => on(method, members::leave),
        CallId::TransferMembers => on(method, members::transfer),
        CallId::UpdatePermissions => on(method, members::permissions),
        CallId::SlabHistory => on(method, history::slab_history),
        CallId::Transactions => on(method, history::transactions),
        CallId::OauthToken => on(method, access::generate_token),
        CallId::CreateRewardGroup => on(method, rewards::create),
        CallId::ListRewardGroups => on(method, rewards::list),
        CallId::GetRewardGroup => on(method, rewards::get_one),
        CallId::UpdateRewardGroup => on(method, rewards::update),
        CallId::TransferPointsCheck => on(method, points::transfer::check_transfer),
        CallId::TransferPoints => on(method, points::transfer::transfer),
        CallId::CreateGoodwill => on(method, points::goodwill::create),
        CallId::ApproveRequest => on(method, points::goodwill::approve),
        CallId::RejectRequest => on(method, points::goodwill::reject),
        CallId::IssuePoints => on(method, points::issue::allocate),
        CallId::PointsLedger => on(method, points::ledger::ledger),
        CallId::Trackers => on(method, points::schedules::trackers),
        CallId::PromisedPoints => on(method, points::schedules::promised),
        CallId::ExpirySchedule => on(method, points::schedules::expiry),
        CallId::AdjustTier => on(method, points::tiers::adjust),
        CallId::RewardsOfGroup => on(method, rewards::rewards_of_group),
    }
}

/// A text field as a Java server reads it: strings as they are, numbers and booleans as
/// their text (Jackson coerces scalars), `None` for absent or null, `Err` for objects/arrays.
pub fn text_field(body: &Value, name: &str) -> Result<Option<String>, ()> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(Some(v.to_string())),
        Some(_) => Err(()),
    }
}

/// An integer sent as a number (`6`, `6.0`) or as a numeric string (`"6"`, as the update
/// example sends its id); anything else is not an integer.
pub fn int_value(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => {
            n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
        }
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

/// JavaScript's `String.length`: the docs' 50-character limits are counted this way.
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// In front of every API route: read the body (bounded), log, delay, fault, rate limit,
/// authenticate.
async fn gate(State(emu): Shared, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match crate::limits::read_body(&parts.headers, body).await {
        Ok(b) => b,
        Err(refused) => return refused,
    };
    let path = parts.uri.path().to_string();
    let is_token = path == endpoints::OAUTH_TOKEN;
    let identity = emu.auth.identify(&parts.headers);
    emu.log.push(control::LoggedRequest {
        method: parts.method.to_string(),
        path: path.clone(),
        query: parts.uri.query().unwrap_or("").to_string(),
        // The token request carries the secret in its body: neither is logged.
        auth: if is_token { "none".into() } else { identity.label() },
        body: if is_token { Value::Null } else { crate::limits::logged_body(&bytes) },
    });
    if !emu.opts.latency.is_zero() {
        tokio::time::sleep(emu.opts.latency).await;
    }
    let conn = parts.extensions.get::<Arc<crate::serve::ConnControl>>().cloned();
    let req = Request::from_parts(parts, Body::from(bytes));
    match emu.faults.take(req.method().as_str(), &path) {
        // Cut whatever the request would have got, be it the group or a 401.
        Some(f) if f.kind == faults::FaultKind::Truncated => {
            faults::truncate(admit(&emu, &identity, is_token, req, next).await).await
        }
        // The request is carried out, then its answer is lost.
        Some(f) if f.after_handler => {
            drop(admit(&emu, &identity, is_token, req, next).await);
            faults::respond(&f, emu.opts.hang, conn).await
        }
        Some(f) => faults::respond(&f, emu.opts.hang, conn).await,
        None => admit(&emu, &identity, is_token, req, next).await,
    }
}

/// Rate limit and authentication, then the endpoint.
async fn admit(emu: &Emu, identity: &Identity, is_token: bool, req: Request, next: Next) -> Response {
    // The token endpoint needs no credentials, so it is not counted against any of them.
    if !is_token {
        let verdict = emu.limiter.lock().unwrap_or_else(|e| e.into_inner()).check(&identity.limiter_key());
        if let Err(retry_after) = verdict {
            let limit = emu.opts.rate_limit.unwrap_or(0);
            let mut res = plain_error(
                StatusCode::TOO_MANY_REQUESTS,
                &format!("Too many requests: at most {limit} a minute. Try again in {retry_after} s."),
            );
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            return res;
        }
        match identity {
            Identity::Basic(_) | Identity::OAuth(_) => {}
            Identity::None => {
                return plain_error(
                    StatusCode::UNAUTHORIZED,
                    "Authentication required: send Authorization: Basic base64(username:md5(password)) or X-CAP-API-OAUTH-TOKEN",
                )
            }
            Identity::Invalid(message) => return plain_error(StatusCode::UNAUTHORIZED, message),
        }
    }
    next.run(req).await
}
