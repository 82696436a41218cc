//! One error type for everything a request can end in, with the words a marketer reads.
//!
//! Error bodies, as the platform really sends them (docs/platform-api.md). The pages list
//! codes, not bodies, so every shape seen on the platform's pages is read:
//! - v2: `{"errors": [{"code": 1633, "message": "…", "status": false}], …}`
//! - `{"message": "…"}`
//! - rewards: `{"status": {"success": false, "code": 12012, "message": "…"}}`
//! - `{}` with a 400, `{"success": false}`: no words at all, so the HTTP status speaks
//! - not JSON (an HTML error page from a gateway): named by its status; JSON cut short is
//!   "truncated", a different trouble (the connection dropped), worth a retry
//! - 401 and 403 are credentials problems whatever the body says
//! - a 2xx with a non-empty `errors`, `"success": false` or the rewards refusal is an error too
//!
//! Our own proxy answers `{"proxyError": "unreachable" | "timeout", "message": "…"}` with 502/504.

use std::borrow::Cow;

use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;

use crate::platform::endpoints::CallId;

/// The most of one answer the console reads (32 MB). A larger one is refused before it is read
/// into memory: by its `Content-Length` when given, else counted as it arrives.
pub const MAX_ANSWER_BYTES: u64 = 32 * 1024 * 1024;

/// Whether an answer's `Content-Length` already says it is larger than [`MAX_ANSWER_BYTES`].
/// A missing or unreadable length says nothing: the body is then counted as it arrives.
pub fn declared_too_large(content_length: Option<&str>) -> bool {
    content_length.and_then(|v| v.trim().parse::<u64>().ok()).is_some_and(|n| n > MAX_ANSWER_BYTES)
}

/// An answer's bytes as text, decoded as `Response.text()` decodes them: UTF-8, a leading
/// byte-order mark dropped, each malformed sequence replaced by U+FFFD.
pub fn answer_text(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A form field an error can be shown next to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    ExternalId,
    GroupName,
    MaxGroupSize,
    RewardName,
    RewardRank,
    /// The Find page's look-up value (a group ID, external ID or primary member ID).
    LookupValue,
    /// The Find page's search box.
    SearchText,
    /// "Groups of a customer": the customer's ID, mobile or e-mail.
    CustomerValue,
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
    /// An answer larger than [`MAX_ANSWER_BYTES`]: refused, not read into memory.
    TooLarge { status: u16 },
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
            | ApiError::TooLarge { status }
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
            ApiError::Api { message, .. } | ApiError::Auth { message, .. } if !message.is_empty() => Some(message),
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

    /// The request may have been carried out although no readable answer came back: the
    /// answer was cut off or never arrived. A retry of a create can then meet 1633.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            ApiError::Timeout { .. } | ApiError::Truncated { .. } | ApiError::Network { .. } => true,
            ApiError::ProxyUnreachable { timeout, .. } => *timeout,
            ApiError::NotJson { status, .. } | ApiError::Unreadable { status, .. } | ApiError::TooLarge { status } => {
                (200..300).contains(status)
            }
            _ => false,
        }
    }

    /// The platform knows no such thing: 1632 (group id, external ID or primary member not
    /// valid) or a plain 404. Look-ups use it to tell "not there" from "could not look".
    pub fn is_not_found(&self) -> bool {
        self.code() == Some(1632) || (self.status() == Some(404) && !matches!(self, ApiError::Auth { .. }))
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
                // An application code in the body (transfer's missing fields), not the HTTP 403.
                (Some(403), _) => "A required value is missing from the request.".into(),
                (Some(1619), _) => "The platform does not know one of these groups, or it is not active.".into(),
                (Some(1620), _) => "This customer is not a member of the group.".into(),
                (Some(1622), _) => "These customers do not belong to the same company.".into(),
                (Some(1623), _) => "This customer is already a member of the other group.".into(),
                (Some(1624), _) => "The primary member cannot be moved to another group.".into(),
                (Some(1636), _) => "This customer is already a member of the group.".into(),
                (Some(1637), _) => "The group already has a primary member, and it cannot be replaced.".into(),
                (Some(1641), _) => "One of the permissions is not one the platform knows.".into(),
                (Some(1642), _) => "This customer is the primary member of another group.".into(),
                (Some(1645), _) => "The group details sent are not valid.".into(),
                (Some(1661), _) => "Choose at least one extended field to search by.".into(),
                (Some(8015), _) => "The platform has no customer with these details.".into(),
                (Some(8069), _) => "This customer was merged into another one: use the other customer's ID.".into(),
                (Some(91015), _) => "The search text is too long: at most 50 characters.".into(),
                (Some(91052), _) => "Type something to search for.".into(),
                // The reward-group get answers an unknown id so (our reading, docs/platform-api.md).
                (Some(404), _) if message.eq_ignore_ascii_case("Group not found") => {
                    "The platform has no reward group with this ID.".into()
                }
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
            ApiError::NotJson { status, snippet } if snippet.is_empty() => {
                format!("The server answered with an empty body instead of data (HTTP {status}).")
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
            ApiError::TooLarge { .. } => format!(
                "The platform's answer is larger than {} MB, more than the console reads: it was not read. \
                 Ask for less at a time (a smaller page, or narrower dates).",
                MAX_ANSWER_BYTES / (1024 * 1024)
            ),
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
    pub fn field(&self, endpoint: CallId) -> Option<Field> {
        let ApiError::Api { status, code, .. } = self else { return None };
        match (endpoint, code, status) {
            // An update's name is refused as a create's is.
            (CallId::UpdateRewardGroup, ..) => self.field(CallId::CreateRewardGroup),
            (CallId::CreateGroup | CallId::UpdateGroup, Some(1633 | 1634), _) => Some(Field::ExternalId),
            (CallId::CreateGroup | CallId::UpdateGroup, Some(1639 | 1640), _) => Some(Field::MaxGroupSize),
            // A look-up that finds nothing is about the value typed.
            (CallId::GetGroup, _, _) if self.is_not_found() => Some(Field::LookupValue),
            (CallId::SearchGroups, Some(91015 | 91052), _) => Some(Field::SearchText),
            (CallId::Customer | CallId::CustomerLookup, Some(8015), _)
            | (CallId::Customer | CallId::CustomerLookup, _, 404) => Some(Field::CustomerValue),
            (CallId::CreateRewardGroup, Some(12012), _) => Some(Field::RewardName),
            // "400 Group name must not be null" (the reward page lists 400 as a code): a field
            // gets the message only when the answer names it; a bare `400 {}` says nothing
            // about the name and is an alert with the status and Retry.
            (CallId::CreateRewardGroup, Some(400), _) | (CallId::CreateRewardGroup, None, 400)
                if self.api_message().is_some_and(|m| m.to_ascii_lowercase().contains("name")) =>
            {
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
    // Codes arrive as numbers, as text ("1633") and, from some gateways, as 1633.0.
    let code_of = |v: &Value| match v {
        Value::Number(n) => {
            n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
        }
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_string();
    // A bare JSON string is all words.
    if let Value::String(s) = body {
        return (None, s.clone());
    }
    // `errors` is a list; an object in its place is read as its only entry.
    let first_error = match body.get("errors") {
        Some(Value::Array(a)) => a.first(),
        Some(o @ Value::Object(_)) => Some(o),
        _ => None,
    };
    if let Some(first) = first_error {
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
        Ok(v) => Ok(v),
        Err(_) if body.trim().is_empty() => Ok(Value::Null),
        Err(e) => Err(not_json(status, body, &e)),
    };
    // 401 and 403 are about the credentials whatever the body: a gateway's HTML login page
    // or a broken body says no more than the status does.
    if status == 401 || status == 403 {
        let (code, message) = json.as_ref().map(envelope).unwrap_or_default();
        return ApiError::Auth { status, code, message };
    }
    let json = match json {
        Ok(v) => v,
        Err(e) => return e,
    };
    if let Some(kind) = json.get("proxyError").and_then(Value::as_str) {
        return ApiError::ProxyUnreachable { status, timeout: kind == "timeout" };
    }
    let (code, message) = envelope(&json);
    ApiError::Api { status, code, message }
}

/// Reads a 2xx answer as `T`, naming the field that does not fit. A 2xx that carries a
/// non-empty `errors` list or `"success": false` is the platform's error in disguise, even
/// when it reads as `T` (every field of the GET answer is optional, so `{"errors": […]}`
/// would read as an empty group).
pub fn parse_success<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    parse_answer(status, body, |text| serde_json::from_str(text).map(|v| (v, Cow::Borrowed(text))))
}

/// [`parse_success`] with a reader of the answer's own (the group GET's, whose 2.8 MB member
/// list has one: `GroupDetails::from_answer`). The reader returns the value and the text to
/// look at for the top level's `errors` and `success`.
pub fn parse_answer<T>(
    status: u16,
    body: &str,
    read: impl FnOnce(&str) -> serde_json::Result<(T, Cow<'_, str>)>,
) -> Result<T, ApiError> {
    match read(body) {
        Ok((v, top_level)) => {
            if let Some(e) = disguised_error(status, &top_level) {
                return Err(e);
            }
            // Every answer the platform documents is an object; serde would read a list into
            // a struct field by field (`[]` as an empty group).
            let first = body.trim_start().chars().next().unwrap_or(' ');
            if first != '{' {
                let got = match first {
                    '[' => "a list",
                    '"' => "text",
                    't' | 'f' => "true or false",
                    'n' => "null",
                    _ => "a number",
                };
                let reason = format!("expected an object, got {got}");
                return Err(ApiError::Unreadable { status, path: "(the whole answer)".into(), reason });
            }
            Ok(v)
        }
        Err(e) => {
            // The text before the type: a body cut short may fail on a field before its end,
            // and that is a broken answer, not a wrong field.
            if let Err(syntax) = serde_json::from_str::<IgnoredAny>(body) {
                return Err(not_json(status, body, &syntax));
            }
            if let Some(e) = disguised_error(status, body) {
                return Err(e);
            }
            let reason = e.to_string();
            let mut path = path_at(body, e.line(), e.column());
            // "missing field" is reported at the object's closing brace, after its last key:
            // the path is the object's own.
            if reason.starts_with("missing field") {
                let cut = path.rfind('.').unwrap_or(if path.ends_with(']') { path.len() } else { 0 });
                path.truncate(cut);
            }
            let path = if path.is_empty() { "(the whole answer)".to_string() } else { path };
            // serde_json ends its message with " at line L column C": the path says it better.
            let reason = reason.split(" at line ").next().unwrap_or(&reason).to_string();
            Err(ApiError::Unreadable { status, path, reason })
        }
    }
}

/// A body that is not JSON: cut short, or something else altogether.
fn not_json(status: u16, body: &str, e: &serde_json::Error) -> ApiError {
    if is_cut_short(body, e) {
        ApiError::Truncated { status }
    } else {
        ApiError::NotJson { status, snippet: snippet(body) }
    }
}

/// The text is the start of a JSON object or list that ends too soon. serde_json says "EOF
/// while parsing" for most cuts, but a cut right after a number's `-`, `.` or `e` is an
/// "invalid number" at the very end of the text: that is a cut too. Other text whose only
/// fault is at its end ("x") does not start like our answers do.
fn is_cut_short(body: &str, e: &serde_json::Error) -> bool {
    let text = body.trim();
    if text.is_empty() {
        return false;
    }
    if e.is_eof() {
        return true;
    }
    let at_end = offset_of(body, e.line(), e.column()) >= body.trim_end().len();
    at_end && text.starts_with(['{', '[']) && e.to_string().starts_with("invalid number")
}

/// The byte offset of serde_json's 1-based line and (byte) column.
fn offset_of(body: &str, line: usize, column: usize) -> usize {
    body.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>() + column
}

/// The platform's error inside a 2xx body: a non-empty top-level `errors`, `"success":
/// false`, or the rewards family's `"status": {"success": false, …}`. The text is searched
/// first so the usual answer (none of these keys) costs no second parse; when a key is
/// there, only the top level is kept, the rest skipped.
fn disguised_error(status: u16, body: &str) -> Option<ApiError> {
    if !body.contains("\"errors\"") && !body.contains("\"success\"") {
        return None;
    }
    #[derive(serde::Deserialize)]
    struct Top {
        #[serde(default)]
        errors: Option<Value>,
        #[serde(default)]
        success: Option<Value>,
        #[serde(default)]
        status: Option<Value>,
    }
    let top: Top = serde_json::from_str(body).ok()?;
    let has_errors = match &top.errors {
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        _ => false,
    };
    let refused = top.success == Some(Value::Bool(false))
        || top.status.as_ref().and_then(|s| s.get("success")) == Some(&Value::Bool(false));
    if !has_errors && !refused {
        return None;
    }
    let (code, message) = envelope(&serde_json::from_str(body).ok()?);
    Some(ApiError::Api { status, code, message })
}

/// The JSON path (`pointsSummaries[0].loyaltyPoints`) of the value at a 1-based line and
/// column, found by walking the text up to there. Only runs on an error, so the fast path
/// (serde_json straight into the types) carries no bookkeeping.
pub fn path_at(body: &str, line: usize, column: usize) -> String {
    enum Level {
        Object(Option<String>),
        Array(usize),
    }
    let offset = offset_of(body, line, column).saturating_sub(1);
    let bytes = body.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Level> = Vec::new();
    let mut i = 0;
    let mut last_string = String::new();
    while i < end {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                last_string = body.get(start..i.min(bytes.len())).unwrap_or("").to_string();
            }
            b':' => {
                if let Some(Level::Object(key)) = stack.last_mut() {
                    *key = Some(std::mem::take(&mut last_string));
                }
            }
            b',' => match stack.last_mut() {
                Some(Level::Array(n)) => *n += 1,
                Some(Level::Object(key)) => *key = None,
                None => {}
            },
            b'{' => stack.push(Level::Object(None)),
            b'[' => stack.push(Level::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for level in &stack {
        match level {
            Level::Object(Some(k)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Level::Object(None) => {}
            Level::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_errors() {
        let v2 =
            error_from_response(400, r#"{"errors":[{"code":1633,"message":"Group ID exists","status":false}]}"#, None);
        assert_eq!((v2.code(), v2.api_message()), (Some(1633), Some("Group ID exists")));
        assert_eq!(v2.field(CallId::CreateGroup), Some(Field::ExternalId));
        let msg = error_from_response(400, r#"{"message": "bad"}"#, None);
        assert_eq!((msg.code(), msg.api_message()), (None, Some("bad")));
        let rewards = error_from_response(
            400,
            r#"{"status":{"success":false,"code":12012,"message":"Group name must be unique"}}"#,
            None,
        );
        assert_eq!(rewards.code(), Some(12012));
        assert_eq!(rewards.field(CallId::CreateRewardGroup), Some(Field::RewardName));
        let empty = error_from_response(400, "{}", None);
        assert_eq!(empty, ApiError::Api { status: 400, code: None, message: String::new() });
        assert_eq!(empty.field(CallId::CreateRewardGroup), None);
        let success_false = error_from_response(500, r#"{"success": false}"#, None);
        assert_eq!(success_false.status(), Some(500));
        assert!(success_false.is_transient());
        assert!(matches!(
            error_from_response(502, "<html><h1>Bad gateway</h1></html>", None),
            ApiError::NotJson { status: 502, .. }
        ));
        assert_eq!(error_from_response(200, r#"{"entity": 1, "warn"#, None), ApiError::Truncated { status: 200 });
        assert!(error_from_response(401, r#"{"errors":[{"code":401,"message":"x"}]}"#, None).is_auth());
        assert!(error_from_response(403, "", None).is_auth());
        assert_eq!(error_from_response(429, "", Some("7")), ApiError::RateLimited { retry_after: Some(7) });
        assert_eq!(error_from_response(429, "", None), ApiError::RateLimited { retry_after: None });
        assert_eq!(
            error_from_response(502, r#"{"proxyError":"unreachable","message":"x"}"#, None),
            ApiError::ProxyUnreachable { status: 502, timeout: false }
        );
        assert_eq!(
            error_from_response(504, r#"{"proxyError":"timeout","message":"x"}"#, None),
            ApiError::ProxyUnreachable { status: 504, timeout: true }
        );
        assert!(ApiError::ProxyUnreachable { status: 502, timeout: false }
            .headline()
            .contains("could not be reached through the proxy"));
        assert!(ApiError::Network { detail: String::new() }.headline().contains("CORS"));
        assert!(ApiError::RateLimited { retry_after: Some(7) }.headline().contains("7 s"));
    }

    #[test]
    fn size_and_update_codes_land_on_their_fields() {
        for code in [1639, 1640] {
            let e = ApiError::Api { status: 400, code: Some(code), message: String::new() };
            assert_eq!(e.field(CallId::CreateGroup), Some(Field::MaxGroupSize));
            assert_eq!(e.field(CallId::UpdateGroup), Some(Field::MaxGroupSize));
        }
        let e = ApiError::Api { status: 400, code: Some(1634), message: String::new() };
        assert_eq!(e.field(CallId::CreateGroup), Some(Field::ExternalId));
        let e = ApiError::Api { status: 400, code: Some(1643), message: String::new() };
        assert_eq!(e.field(CallId::UpdateGroup), None);
        assert!(e.headline().contains("nothing to update"));
    }

    #[test]
    fn an_answer_over_32_mb_is_refused_in_words() {
        let e = ApiError::TooLarge { status: 200 };
        assert!(e.headline().starts_with("The platform's answer is larger than 32 MB, "), "{}", e.headline());
        assert!(e.headline().contains("Ask for less"));
        assert_eq!((e.status(), e.technical(), e.is_transient()), (Some(200), "HTTP 200".to_string(), false));
        // A create whose answer could not be read may have been carried out.
        assert!(e.outcome_unknown() && !ApiError::TooLarge { status: 500 }.outcome_unknown());
        assert!(declared_too_large(Some("33554433")) && declared_too_large(Some(" 40000000000 ")));
        for fine in [Some("33554432"), Some("0"), Some("lots"), Some(""), None] {
            assert!(!declared_too_large(fine), "{fine:?}");
        }
    }

    #[test]
    fn an_answer_reads_as_the_browser_reads_text() {
        assert_eq!(answer_text("{\"name\":\"Åsa – 家族\"}".as_bytes().to_vec()), "{\"name\":\"Åsa – 家族\"}");
        // The byte-order mark goes, once; one inside the text stays.
        assert_eq!(answer_text(b"\xEF\xBB\xBF{}".to_vec()), "{}");
        assert_eq!(answer_text(b"\xEF\xBB\xBF\xEF\xBB\xBF{}".to_vec()), "\u{FEFF}{}");
        // Bytes that are not UTF-8 become U+FFFD, and the rest is kept.
        assert_eq!(answer_text(b"{\"a\":\"\xFF\xC3\"}".to_vec()), "{\"a\":\"\u{FFFD}\u{FFFD}\"}");
        assert_eq!(answer_text(Vec::new()), "");
    }

    #[test]
    fn outcome_is_unknown_only_when_the_answer_was_lost() {
        assert!(ApiError::Timeout { secs: 15 }.outcome_unknown());
        assert!(ApiError::Truncated { status: 200 }.outcome_unknown());
        assert!(ApiError::ProxyUnreachable { status: 504, timeout: true }.outcome_unknown());
        assert!(!ApiError::ProxyUnreachable { status: 502, timeout: false }.outcome_unknown());
        assert!(!ApiError::NotJson { status: 500, snippet: String::new() }.outcome_unknown());
        assert!(!ApiError::Api { status: 400, code: Some(1633), message: String::new() }.outcome_unknown());
    }

    #[test]
    fn html_bodies_are_summarised_as_text() {
        match error_from_response(
            500,
            "<html><head><title>500</title></head><body><h1>Internal   Server Error</h1></body></html>",
            None,
        ) {
            ApiError::NotJson { snippet, .. } => assert_eq!(snippet, "500 Internal Server Error"),
            other => panic!("{other:?}"),
        }
    }
}
