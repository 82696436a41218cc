//! Proxy mode (`--upstream URL`): the console's calls (`endpoints::CALLS`, and nothing else:
//! guard/paths.rs answers other paths and methods) are forwarded to the platform from the
//! console's own origin, so the browser needs no CORS. Method, path, query, body, status,
//! `Content-Type` and `Retry-After` pass unchanged; response bodies stream, each chunk within
//! the upstream timeout. With server-held credentials the browser's are dropped and the
//! server's added. Only method, path and status are logged, never credentials or bodies.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode},
    response::Response,
    routing::{on, MethodFilter},
    Router,
};
use bytes::Bytes;
use futures_util::StreamExt;
use gc_core::platform::auth::{TokenResponse, OAUTH_HEADER};
use gc_core::platform::endpoints::{self, Host, Lookup};
use serde_json::json;

/// However many 401s the platform sends, the server's OAuth token is renewed for them at
/// most this often (an expired token is still renewed when it expires).
pub const RENEW_AT_MOST_EVERY: Duration = Duration::from_secs(30);

/// Credentials the server adds to every forwarded call.
pub enum Creds {
    /// The whole `Authorization: Basic …` value.
    Basic {
        user: String,
        header: String,
    },
    OAuth {
        key: String,
        secret: String,
        token: tokio::sync::Mutex<Token>,
    },
}

/// The server's OAuth token: the one in use, when it is renewed, and when a 401 last renewed it.
#[derive(Default)]
pub struct Token {
    current: Option<(String, Instant)>,
    renewed_for_401: Option<Instant>,
}

pub struct Proxy {
    client: reqwest::Client,
    upstream: String,
    reward_upstream: String,
    timeout: Duration,
    creds: Option<Creds>,
}

impl Proxy {
    pub fn new(
        upstream: &str,
        reward_upstream: Option<&str>,
        timeout: Duration,
        creds: Option<Creds>,
    ) -> Result<Proxy, String> {
        let check = |u: &str| -> Result<String, String> {
            let url = reqwest::Url::parse(u).map_err(|e| format!("--upstream {u} is not a URL: {e}"))?;
            if url.scheme() != "http" && url.scheme() != "https" {
                return Err(format!("--upstream {u} must start with https:// or http://"));
            }
            Ok(u.trim_end_matches('/').to_string())
        };
        let upstream = check(upstream)?;
        let reward_upstream = match reward_upstream {
            Some(r) => check(r)?,
            None => upstream.clone(),
        };
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeout)
            .build()
            .map_err(|e| format!("cannot set up the HTTP client: {e}"))?;
        Ok(Proxy { client, upstream, reward_upstream, timeout, creds })
    }

    pub fn holds_credentials(&self) -> bool {
        self.creds.is_some()
    }

    /// For the banner: where calls go and whose credentials they carry (never a secret).
    pub fn describe(&self) -> Vec<String> {
        let creds = match &self.creds {
            None => "from the browser (Settings in the console)".to_string(),
            Some(Creds::Basic { user, .. }) => format!("held by this server: Basic, user {user}"),
            Some(Creds::OAuth { key, .. }) => format!("held by this server: OAuth, key {key}"),
        };
        vec![
            format!("  proxy: /v2/, /v1.1/request/ and /v3/oauth/ -> {}", self.upstream),
            format!("  proxy: /api_gateway/ -> {}", self.reward_upstream),
            format!("  credentials: {creds}"),
        ]
    }
}

/// A route for each of the console's calls, all forwarded.
pub fn router(proxy: Arc<Proxy>) -> Router {
    let mut r = Router::new();
    for call in &endpoints::CALLS {
        let method = match call.method {
            endpoints::Method::Get => MethodFilter::GET,
            endpoints::Method::Post => MethodFilter::POST,
            endpoints::Method::Put => MethodFilter::PUT,
            endpoints::Method::Delete => MethodFilter::DELETE,
        };
        for pattern in call.patterns() {
            r = r.route(&pattern, on(method, forward));
        }
    }
    r.with_state(proxy)
}

fn proxy_error(status: StatusCode, kind: &str, message: &str) -> Response {
    crate::json::json_response(status, &json!({"proxyError": kind, "message": message}))
}

async fn forward(State(p): State<Arc<Proxy>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_string();
    // guard/ checked the raw path and found the call; checked again here, where the URL is
    // built, so that this never forwards a path that is not plainly one of the console's calls.
    let call = match (crate::guard::paths::unsafe_path(&path), endpoints::lookup(parts.method.as_str(), &path)) {
        (None, Lookup::Call(call)) => call,
        _ => return crate::json::v2_error(StatusCode::NOT_FOUND, 404, "No such API endpoint"),
    };
    let base = if call.host == Host::Reward { &p.reward_upstream } else { &p.upstream };
    let url = match parts.uri.query() {
        Some(q) => format!("{base}{path}?{q}"),
        None => format!("{base}{path}"),
    };
    let res = match crate::limits::read_body(&parts.headers, body).await {
        Ok(body) => {
            let mut headers = HeaderMap::new();
            let mut pass: Vec<HeaderName> = vec![header::CONTENT_TYPE, header::ACCEPT];
            if p.creds.is_none() {
                pass.push(header::AUTHORIZATION);
                pass.push(HeaderName::from_static("x-cap-api-oauth-token"));
            }
            for name in pass {
                if let Some(v) = parts.headers.get(&name) {
                    headers.insert(name, v.clone());
                }
            }
            match p.send(&parts.method, &url, headers, body).await {
                Ok(r) => passthrough(r, p.timeout),
                Err(e) => e,
            }
        }
        Err(refused) => refused,
    };
    eprintln!("proxy: {} {} -> {}", parts.method, path, res.status().as_u16());
    res
}

/// The platform's answer as it streams in; a chunk that does not come within `timeout` ends
/// it (the browser sees the answer break off instead of waiting without end).
fn passthrough(r: reqwest::Response, timeout: Duration) -> Response {
    let status = r.status();
    let upstream_headers = r.headers().clone();
    let chunks = futures_util::stream::unfold(Some(r.bytes_stream()), move |stream| async move {
        let mut stream = stream?;
        match tokio::time::timeout(timeout, stream.next()).await {
            Ok(Some(Ok(chunk))) => Some((Ok(chunk), Some(stream))),
            Ok(Some(Err(e))) => Some((Err(std::io::Error::other(e)), None)),
            Ok(None) => None,
            Err(_) => Some((Err(std::io::Error::other("the platform's answer stalled")), None)),
        }
    });
    // Fused: the compression layer polls once more after the end.
    let mut res = Response::new(Body::from_stream(chunks.fuse()));
    *res.status_mut() = status;
    let headers = res.headers_mut();
    for name in [header::CONTENT_TYPE, header::RETRY_AFTER] {
        if let Some(v) = upstream_headers.get(&name) {
            headers.insert(name, v.clone());
        }
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

impl Proxy {
    async fn send(
        &self,
        method: &Method,
        url: &str,
        mut headers: HeaderMap,
        body: Bytes,
    ) -> Result<reqwest::Response, Response> {
        match &self.creds {
            None => self.exchange(method, url, headers, body).await,
            Some(Creds::Basic { header, .. }) => {
                if let Ok(v) = HeaderValue::from_str(header) {
                    headers.insert(header::AUTHORIZATION, v);
                }
                self.exchange(method, url, headers, body).await
            }
            Some(Creds::OAuth { .. }) => {
                let token = self.token(None).await?;
                headers.insert(OAUTH_HEADER, token.clone());
                let res = self.exchange(method, url, headers.clone(), body.clone()).await?;
                if res.status() != StatusCode::UNAUTHORIZED {
                    return Ok(res);
                }
                // The token may have been revoked or expired early: renew it (at most once in
                // RENEW_AT_MOST_EVERY) and retry, unless it was not renewed.
                let renewed = self.token(Some(&token)).await?;
                if renewed == token {
                    return Ok(res);
                }
                headers.insert(OAUTH_HEADER, renewed);
                self.exchange(method, url, headers, body).await
            }
        }
    }

    /// One call upstream; the timeout covers the wait for the answer's head.
    async fn exchange(
        &self,
        method: &Method,
        url: &str,
        headers: HeaderMap,
        body: Bytes,
    ) -> Result<reqwest::Response, Response> {
        let req = self.client.request(method.clone(), url).headers(headers).body(body);
        match tokio::time::timeout(self.timeout, req.send()).await {
            Ok(Ok(r)) => Ok(r),
            Ok(Err(_)) => Err(proxy_error(
                StatusCode::BAD_GATEWAY,
                "unreachable",
                "The platform could not be reached through the proxy.",
            )),
            Err(_) => Err(proxy_error(
                StatusCode::GATEWAY_TIMEOUT,
                "timeout",
                &format!("The platform did not answer the proxy within {} seconds.", self.timeout.as_secs()),
            )),
        }
    }

    /// The server's OAuth token, generated on first use and renewed at 80% of its lifetime;
    /// `refused`: the platform answered 401 to this token, so renew it (if another request
    /// has not already, and if a 401 did not renew it within `RENEW_AT_MOST_EVERY`).
    async fn token(&self, refused: Option<&HeaderValue>) -> Result<HeaderValue, Response> {
        let Some(Creds::OAuth { key, secret, token }) = &self.creds else {
            return Err(proxy_error(StatusCode::BAD_GATEWAY, "unreachable", "No OAuth credentials"));
        };
        let mut slot = token.lock().await;
        let now = Instant::now();
        if let Some((t, renew_at)) = &slot.current {
            let fresh = now < *renew_at;
            let is_refused = refused.is_some_and(|r| r.as_bytes() == t.as_bytes());
            let renewed_lately = slot.renewed_for_401.is_some_and(|at| now.duration_since(at) < RENEW_AT_MOST_EVERY);
            if fresh && (!is_refused || renewed_lately) {
                return HeaderValue::from_str(t).map_err(|_| token_refused());
            }
        }
        if refused.is_some() {
            slot.renewed_for_401 = Some(now);
        }
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let body = Bytes::from(json!({"key": key, "secret": secret}).to_string());
        let url = format!("{}{}", self.upstream, endpoints::OAUTH_TOKEN);
        let res = self.exchange(&Method::POST, &url, headers, body).await?;
        let status = res.status();
        let text = match tokio::time::timeout(self.timeout, res.text()).await {
            Ok(Ok(t)) => t,
            _ => {
                return Err(proxy_error(
                    StatusCode::BAD_GATEWAY,
                    "unreachable",
                    "The platform's token answer broke off.",
                ))
            }
        };
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::BAD_REQUEST || status == StatusCode::FORBIDDEN {
            return Err(token_refused());
        }
        let data = serde_json::from_str::<TokenResponse>(&text).ok().and_then(|r| r.data);
        let Some(data) = data.filter(|_| status.is_success()) else {
            return Err(proxy_error(
                StatusCode::BAD_GATEWAY,
                "unreachable",
                &format!("The proxy could not get an OAuth token from the platform (HTTP {}).", status.as_u16()),
            ));
        };
        let value = HeaderValue::from_str(&data.access_token).map_err(|_| token_refused())?;
        let lifetime = Duration::from_secs(data.ttl_seconds).mul_f64(0.8);
        slot.current = Some((data.access_token, Instant::now() + lifetime));
        Ok(value)
    }
}

fn token_refused() -> Response {
    crate::json::plain_error(
        StatusCode::UNAUTHORIZED,
        "The platform refused the OAuth key or secret held by the proxy server.",
    )
}
