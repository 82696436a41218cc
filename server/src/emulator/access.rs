//! Authentication as the platform does it: `Authorization: Basic base64(user:md5hex(pw))`,
//! or `X-CAP-API-OAUTH-TOKEN` with a token from `POST /v3/oauth/token/generate`; plus the
//! per-credential rate limit (`--rate-limit`).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::{body::Bytes, extract::State, http::HeaderMap, http::StatusCode, response::Response};
use gc_core::platform::auth::{md5_hex, parse_basic, OAUTH_HEADER};
use serde_json::{json, Value};

use super::{json_response, parse_body, Shared};

/// Who a request is from.
#[derive(Debug, Clone, PartialEq)]
pub enum Identity {
    /// Valid Basic credentials: the username.
    Basic(String),
    /// A valid token: the OAuth key it was generated for.
    OAuth(String),
    /// No credentials at all.
    None,
    /// Credentials that are wrong or expired: the 401 message.
    Invalid(String),
}

impl Identity {
    /// For `/__emulator/requests`: who, never the credentials.
    pub fn label(&self) -> String {
        match self {
            Identity::Basic(u) => format!("basic:{u}"),
            Identity::OAuth(k) => format!("oauth:{k}"),
            Identity::None => "none".into(),
            Identity::Invalid(_) => "invalid".into(),
        }
    }

    /// Rate limits count per Basic username or per OAuth key; the rest share "anonymous".
    pub fn limiter_key(&self) -> String {
        match self {
            Identity::Basic(_) | Identity::OAuth(_) => self.label(),
            _ => "anonymous".into(),
        }
    }
}

pub struct Auth {
    user: String,
    password_md5: String,
    oauth_key: String,
    oauth_secret: String,
    ttl: Duration,
    tokens: Mutex<HashMap<String, (String, Instant)>>,
    counter: Mutex<crate::emulator::rng::XorShift>,
}

impl Auth {
    pub fn new(user: &str, password: &str, oauth_key: &str, oauth_secret: &str, ttl: Duration) -> Auth {
        let seed = crate::emulator::dates::now_millis() as u64 ^ 0x9E37_79B9_7F4A_7C15;
        Auth {
            user: user.into(),
            password_md5: md5_hex(password),
            oauth_key: oauth_key.into(),
            oauth_secret: oauth_secret.into(),
            ttl,
            tokens: Mutex::new(HashMap::new()),
            counter: Mutex::new(crate::emulator::rng::XorShift(seed.max(1))),
        }
    }

    pub fn identify(&self, headers: &HeaderMap) -> Identity {
        // An empty token header counts as none (the Basic header may still be there).
        let token = headers.get(OAUTH_HEADER).map(|t| t.to_str().unwrap_or("?").trim()).filter(|t| !t.is_empty());
        if let Some(token) = token {
            let tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
            return match tokens.get(token) {
                Some((key, expires)) if *expires > Instant::now() => Identity::OAuth(key.clone()),
                Some(_) => Identity::Invalid("OAuth token expired: generate a new one".into()),
                None => Identity::Invalid("Invalid OAuth token".into()),
            };
        }
        let Some(header) = headers.get(axum::http::header::AUTHORIZATION) else { return Identity::None };
        match parse_basic(header.to_str().unwrap_or("")) {
            Some((user, hash)) if user == self.user && hash.eq_ignore_ascii_case(&self.password_md5) => {
                Identity::Basic(user)
            }
            Some(_) => Identity::Invalid("Invalid username or password".into()),
            None => Identity::Invalid("Unsupported Authorization header: use Basic".into()),
        }
    }

    /// A new token for the right key and secret.
    pub fn issue(&self, key: &str, secret: &str) -> Option<String> {
        if key != self.oauth_key || secret != self.oauth_secret {
            return None;
        }
        let token = {
            let mut rng = self.counter.lock().unwrap_or_else(|e| e.into_inner());
            format!("{:016x}{:016x}", rng.next(), rng.next())
        };
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        tokens.retain(|_, (_, exp)| *exp > now);
        tokens.insert(token.clone(), (key.to_string(), now + self.ttl));
        Some(token)
    }

    pub fn ttl_secs(&self) -> u64 {
        self.ttl.as_secs()
    }
}

/// `POST /v3/oauth/token/generate` with `{"key", "secret"}`; no authentication.
pub async fn generate_token(State(emu): Shared, body: Bytes) -> Response {
    let body = parse_body(&body).unwrap_or(Value::Null);
    let key = body.get("key").and_then(Value::as_str);
    let secret = body.get("secret").and_then(Value::as_str);
    let (Some(key), Some(secret)) = (key, secret) else {
        return json_response(
            StatusCode::BAD_REQUEST,
            &json!({"data": null, "errors": [{"code": 400, "message": "key and secret are required"}]}),
        );
    };
    match emu.auth.issue(key, secret) {
        Some(token) => json_response(
            StatusCode::OK,
            &json!({"data": {"accessToken": token, "ttlSeconds": emu.auth.ttl_secs()}, "errors": null}),
        ),
        None => json_response(
            StatusCode::UNAUTHORIZED,
            &json!({"data": null, "errors": [{"code": 401, "message": "Invalid key or secret"}]}),
        ),
    }
}

/// At most N requests in any 60-second window per key (a sliding window).
pub struct RateLimiter {
    per_minute: Option<u32>,
    hits: HashMap<String, VecDeque<Instant>>,
}

impl RateLimiter {
    pub fn new(per_minute: Option<u32>) -> RateLimiter {
        RateLimiter { per_minute, hits: HashMap::new() }
    }

    /// `Err(seconds)` until the oldest request in the window leaves it.
    pub fn check(&mut self, key: &str) -> Result<(), u64> {
        let Some(limit) = self.per_minute else { return Ok(()) };
        let now = Instant::now();
        let window = Duration::from_secs(60);
        let hits = self.hits.entry(key.to_string()).or_default();
        while hits.front().is_some_and(|t| now.duration_since(*t) >= window) {
            hits.pop_front();
        }
        if hits.len() as u64 >= limit as u64 {
            let wait = hits.front().map(|t| window.saturating_sub(now.duration_since(*t))).unwrap_or(window);
            return Err(wait.as_secs_f64().ceil().max(1.0) as u64);
        }
        hits.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limiter_counts_per_key() {
        let mut r = RateLimiter::new(Some(2));
        assert!(r.check("a").is_ok());
        assert!(r.check("a").is_ok());
        let wait = r.check("a").unwrap_err();
        assert!((1..=60).contains(&wait));
        assert!(r.check("b").is_ok());
        assert!(RateLimiter::new(None).check("a").is_ok());
    }
}
