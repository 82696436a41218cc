//! One error type for everything a request can end in, with the words a marketer reads.
//!
//! Error bodies, as the platform really sends them (shared/api-docs/README.md). The pages list
//! codes, not bodies, so every shape seen on the platform's pages is read:
//! - v2: `{"errors": [{"code": 1633, "message": "…", "status": false}], …}`
//! - `{"message": "…"}`
//! - rewards: `{"status": {"success": false, "code": 12012, "message": "…"}}`
//! - `{}` with a 400, `{"success": false}`: no words at all, so the HTTP status speaks
//! - not JSON (an HTML error page from a gateway): named by its status
//! Our own proxy answers `{"proxyError": "unreachable" | "timeout", "message": "…"}` with 502/504.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Which call failed: decides which form field an API code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    CreateGroup,
    UpdateGroup,
    GetGroup,
    CreateRewardGroup,
    OauthToken,
}

/// A form field an error can be shown next to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    ExternalId,
    GroupName,
    MaxGroupSize,
    RewardName,
    RewardRank,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The platform answered with an error (any status but those below).
    Api { status: u16, code: Option<i64>, message: String },
    /// 401 / 403: the credentials in Settings are missing, wrong or lack access.
    Auth { status: u16, code: Option<i64>, message: String },
    /// 429: too many requests; `retry_after` in seconds when the platform said.
    RateLimited { retry_after: Option<u64> },
    /// Our same-origin proxy could not reach the platform (502) or gave up waiting (504).
    ProxyUnreachable { status: u16, timeout: bool },
    /// The body is not JSON at all, e.g. an HTML error page.
    NotJson { status: u16, snippet: String },
    /// JSON that breaks off before its end.
    Truncated { status: u16 },
    /// JSON, but not the shape we expect: `path` names the field.
    Unreadable { status: u16, path: String, reason: String },
    /// fetch failed with no status: offline, DNS, or a cross-origin call the browser blocked.
    Network { detail: String },
    /// No answer within the timeout (seconds).
    Timeout { secs: u32 },
}

impl ApiError {
    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Api { status, .. }
            | ApiError::Auth { status, .. }
            | ApiError::ProxyUnreachable { status, .. }
            | ApiError::NotJson { status, .. }
            | ApiError::Truncated { status }
            | ApiError::Unreadable { status, .. } => Some(*status),
            ApiError::RateLimited { .. } => Some(429),
            ApiError::Network { .. } | ApiError::Timeout { .. } => None,
        }
    }

    /// The platform's error code, when it sent one.
    pub fn code(&self) -> Option<i64> {
        match self {
            ApiError::Api { code, .. } | ApiError::Auth { code, .. } => *code,
            _ => None,
        }
    }

    /// The platform's own message, when it sent one.
    pub fn api_message(&self) -> Option<&str> {
        match self {
            ApiError::Api { message, .. } | ApiError::Auth { message, .. } if !message.is_empty() => {
                Some(message)
            }
            _ => None,
        }
    }

    /// Worth trying again without changing anything: network, timeout, 5xx, 429.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network { .. }
            | ApiError::Timeout { .. }
            | ApiError::RateLimited { .. }
            | ApiError::ProxyUnreachable { .. }
            | ApiError::Truncated { .. } => true,
            ApiError::Api { status, .. } | ApiError::NotJson { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// What happened, in plain words.
    pub fn headline(&self) -> String {
        match self {
            ApiError::Api { status, code, message } => match (code, *status) {
                (Some(1633), _) => "A group with this external ID already exists.".into(),
                (Some(1632), _) => "The platform does not know this group.".into(),
                (Some(1634), _) => "The external ID is missing.".into(),
                (Some(1638), _) => "The group is full: it is at its maximum size.".into(),
                (Some(1639), _) => "The maximum group size is above the org's limit.".into(),
                (Some(1640), _) => "The maximum group size must be at least 1.".into(),
                (Some(1643), _) => "There is nothing to update: no field changed.".into(),
                (Some(12012), _) => "A reward group with this name already exists.".into(),
                (_, 404) => "The platform has no such group or address (404).".into(),
                (_, s) if s >= 500 => "The platform had a problem and could not finish the request.".into(),
                _ if !message.is_empty() => format!("The platform refused the request: {message}"),
                _ => "The platform refused the request.".into(),
            },
            ApiError::Auth { status: 401, .. } => {
                "The platform did not accept the credentials. Check them in Settings.".into()
            }
            ApiError::Auth { .. } => {
                "These credentials may not do this. Check them in Settings, or ask for access to the User Group resource.".into()
            }
            ApiError::RateLimited { retry_after: Some(s) } => {
                format!("Rate limited: the platform allows only so many requests a minute. Try again in {s} s.")
            }
            ApiError::RateLimited { retry_after: None } => {
                "Rate limited: the platform allows only so many requests a minute. Try again in a minute.".into()
            }
            ApiError::ProxyUnreachable { timeout: false, .. } => {
                "The platform could not be reached through the proxy.".into()
            }
            ApiError::ProxyUnreachable { timeout: true, .. } => {
                "The platform could not be reached through the proxy: it did not answer in time.".into()
            }
            ApiError::NotJson { status, .. } => {
                format!("The server answered with a page instead of data (HTTP {status}).")
            }
            ApiError::Truncated { status } => {
                format!("The answer broke off before its end (HTTP {status}). The connection may have dropped.")
            }
            ApiError::Unreadable { path, .. } => {
                format!("The platform's answer could not be read: the field {path} is not what the API documents.")
            }
            ApiError::Network { .. } => "Could not reach the platform: the network is down, or the API refused a \
                 cross-origin call (CORS). Deploy the console behind the same-origin proxy, see README."
                .into(),
            ApiError::Timeout { secs } => format!("The platform did not answer within {secs} seconds."),
        }
    }

    /// Status, code and the platform's message, for support.
    pub fn technical(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.status() {
            parts.push(format!("HTTP {s}"));
        }
        if let Some(c) = self.code() {
            parts.push(format!("code {c}"));
        }
        match self {
            ApiError::Api { message, .. } | ApiError::Auth { message, .. } if !message.is_empty() => {
                parts.push(message.clone())
            }
            ApiError::NotJson { snippet, .. } if !snippet.is_empty() => parts.push(format!("body: {snippet}")),
            ApiError::Unreadable { reason, .. } => parts.push(reason.clone()),
            ApiError::Network { detail } if !detail.is_empty() => parts.push(detail.clone()),
            _ => {}
        }
        parts.join(" · ")
    }

    /// Points the user to Settings (credentials).
    pub fn is_auth(&self) -> bool {
        matches!(self, ApiError::Auth { .. })
    }

    /// The form field this error belongs next to, if any.
    pub fn field(&self, endpoint: Endpoint) -> Option<Field> {
        let ApiError::Api { status, code, .. } = self else { return None };
        match (endpoint, code, status) {
            (Endpoint::CreateGroup | Endpoint::UpdateGroup, Some(1633 | 1634), _) => Some(Field::ExternalId),
            (Endpoint::CreateGroup | Endpoint::UpdateGroup, Some(1639 | 1640), _) => Some(Field::MaxGroupSize),
            (Endpoint::CreateRewardGroup, Some(12012), _) => Some(Field::RewardName),
            // "400 Group name must not be null": the reward page lists 400 as a code.
            (Endpoint::CreateRewardGroup, Some(400), _) | (Endpoint::CreateRewardGroup, None, 400) => {
                Some(Field::RewardName)
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.headline())
    }
}

impl std::error::Error for ApiError {}

/// The first `{code, message}` an error body carries, in any of the shapes above.
pub fn envelope(body: &Value) -> (Option<i64>, String) {
    let code_of = |v: &Value| match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_string();
    if let Some(first) = body.get("errors").and_then(Value::as_array).and_then(|a| a.first()) {
        return match first {
            Value::String(s) => (None, s.clone()),
            o => (o.get("code").and_then(code_of), text(o.get("message"))),
        };
    }
    if let Some(status) = body.get("status").filter(|s| s.is_object()) {
        let code = status.get("code").and_then(code_of);
        let message = text(status.get("message"));
        if code.is_some() || !message.is_empty() {
            return (code, message);
        }
    }
    (body.get("code").and_then(code_of), text(body.get("message")))
}

/// Reads a non-2xx answer.
pub fn error_from_response(status: u16, body: &str, retry_after: Option<&str>) -> ApiError {
    if status == 429 {
        return ApiError::RateLimited { retry_after: retry_after.and_then(|r| r.trim().parse().ok()) };
    }
    let json = match serde_json::from_str::<Value>(body) {
        Ok(v) => v,
        Err(e) if e.is_eof() && !body.trim().is_empty() => return ApiError::Truncated { status },
        Err(_) if body.trim().is_empty() => Value::Null,
        Err(_) => return ApiError::NotJson { status, snippet: snippet(body) },
    };
    if let Some(kind) = json.get("proxyError").and_then(Value::as_str) {
        return ApiError::ProxyUnreachable { status, timeout: kind == "timeout" };
    }
    let (code, message) = envelope(&json);
    if status == 401 || status == 403 {
        ApiError::Auth { status, code, message }
    } else {
        ApiError::Api { status, code, message }
    }
}

/// Reads a 2xx answer as `T`, naming the field that does not fit. A 2xx that carries a
/// non-empty `errors` list and does not read as `T` is the platform's error in disguise.
pub fn parse_success<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_str(body);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok(v),
        Err(e) => {
            let inner = e.inner();
            if inner.is_eof() && !body.trim().is_empty() {
                return Err(ApiError::Truncated { status });
            }
            if inner.is_syntax() || inner.is_eof() {
                return Err(ApiError::NotJson { status, snippet: snippet(body) });
            }
            if let Ok(v) = serde_json::from_str::<Value>(body) {
                let has_errors = v.get("errors").and_then(Value::as_array).is_some_and(|a| !a.is_empty());
                if has_errors || v.get("success") == Some(&Value::Bool(false)) {
                    let (code, message) = envelope(&v);
                    return Err(ApiError::Api { status, code, message });
                }
            }
            let path = e.path().to_string();
            let path = if path == "." { "(the whole answer)".to_string() } else { path };
            Err(ApiError::Unreadable { status, path, reason: inner.to_string() })
        }
    }
}

/// The start of a non-JSON body, as plain text on one line (HTML tags dropped), for support.
fn snippet(body: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(if c.is_whitespace() { ' ' } else { c }),
            _ => {}
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut s = words.join(" ");
    if s.chars().count() > 120 {
        s = s.chars().take(120).collect::<String>() + "…";
    }
    s
}
