//! Credentials for each request, as the platform documents them. With a client key and
//! secret the console generates the OAuth token itself and keeps it in memory (never in
//! storage) until shortly before it expires.

use std::cell::RefCell;

use gc_core::console::settings::{AuthMode, Settings};
use gc_core::platform::auth::{basic_header, TokenRequest, TokenResponse, OAUTH_HEADER};
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::{error_from_response, parse_success, ApiError};
use gloo_net::http::{Method, RequestBuilder};

struct CachedToken {
    key: String,
    token: String,
    expires_at_ms: f64,
}

thread_local! {
    static TOKEN: RefCell<Option<CachedToken>> = const { RefCell::new(None) };
}

/// Drops the cached OAuth token (it was refused, or the settings changed).
pub fn forget_token() {
    TOKEN.with(|t| t.borrow_mut().take());
}

/// The header to send, if any.
pub async fn header(settings: &Settings) -> Result<Option<(&'static str, String)>, ApiError> {
    match header_at_hand(settings) {
        Some(header) => Ok(header),
        None => Ok(Some((OAUTH_HEADER, token(settings).await?))),
    }
}

/// The header when it needs no request of its own; `None` when a client key's token must be
/// generated first. Route data sends with this alone, so the token code stays out of the shell.
pub fn header_at_hand(settings: &Settings) -> Option<Option<(&'static str, String)>> {
    let p = &settings.public;
    let s = &settings.secrets;
    Some(match p.auth_mode {
        AuthMode::Basic if !p.username.is_empty() || !s.password_md5.is_empty() => {
            Some(("Authorization", basic_header(&p.username, &s.password_md5)))
        }
        AuthMode::OauthToken if !s.oauth_token.is_empty() => Some((OAUTH_HEADER, s.oauth_token.clone())),
        AuthMode::OauthClient if !p.client_key.is_empty() => return None,
        // No credentials: the platform's 401 then points the user to Settings.
        _ => None,
    })
}

async fn token(settings: &Settings) -> Result<String, ApiError> {
    let key = settings.public.client_key.clone();
    let now = js_sys::Date::now();
    let cached =
        TOKEN.with(|t| t.borrow().as_ref().filter(|c| c.key == key && c.expires_at_ms > now).map(|c| c.token.clone()));
    if let Some(token) = cached {
        return Ok(token);
    }
    let url = super::url(settings, CallId::OauthToken, &[], "");
    let body =
        serde_json::to_string(&TokenRequest { key: key.clone(), secret: settings.secrets.client_secret.clone() })
            .unwrap_or_default();
    let req = RequestBuilder::new(&url).method(Method::POST).header("Accept", "application/json");
    let (status, text, retry_after) = super::fetch_text(req, Some(body), settings.public.timeout_secs).await?;
    if !(200..300).contains(&status) {
        return Err(match error_from_response(status, &text, retry_after.as_deref()) {
            // A refused key/secret is a credentials problem whatever the status says.
            ApiError::Api { status, code, message } if (400..500).contains(&status) => {
                ApiError::Auth { status: 401, code, message }
            }
            other => other,
        });
    }
    let parsed: TokenResponse = parse_success(status, &text)?;
    let Some(data) = parsed.data else {
        return Err(ApiError::Auth { status: 401, code: None, message: "no token in the answer".into() });
    };
    // Renew a little early so a request never leaves with a token about to expire.
    let ttl_ms = (data.ttl_seconds as f64 * 1000.0 - 10_000.0).max(1000.0);
    TOKEN.with(|t| {
        *t.borrow_mut() = Some(CachedToken { key, token: data.access_token.clone(), expires_at_ms: now + ttl_ms })
    });
    Ok(data.access_token)
}
