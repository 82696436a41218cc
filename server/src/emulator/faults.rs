//! Fault injection for tests: the next N matching API requests fail in a chosen way — an
//! HTML 500 page, JSON cut in half, no answer, any status and body, or a dropped connection.
//! With `afterHandler`, a dropped connection or no answer comes after the request was carried
//! out (a write whose answer was lost: it must not be carried out twice).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::{
    body::Body,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::{Deserialize, Serialize};

use crate::serve::ConnControl;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultKind {
    Html500,
    Truncated,
    Hang,
    Status,
    Reset,
}

/// `POST /__emulator/faults` body (also a list of them).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    pub kind: FaultKind,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// Only requests with this method (any case); all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Only requests to exactly this path; all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// `reset` or `hang` after the request was handled (its effect happens, its answer is
    /// lost); `truncated` always runs the handler.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_handler: bool,
}

fn one() -> u32 {
    1
}

/// Bounds, so that arming faults cannot grow the emulator or hold its connections without
/// end: how many may be armed, how many requests one may hit, and how many may `hang` (each
/// holds a connection for `--hang-secs`).
pub const MAX_ARMED: usize = 100;
pub const MAX_COUNT: u32 = 1000;
pub const MAX_HANG_COUNT: u32 = 20;

impl Fault {
    /// `--fault kind:count` (count defaults to 1).
    pub fn parse_flag(s: &str) -> Result<Fault, String> {
        let (kind, count) = s.split_once(':').unwrap_or((s, "1"));
        let kind: FaultKind = serde_json::from_value(serde_json::Value::String(kind.trim().to_lowercase()))
            .map_err(|_| format!("--fault {s}: the kind must be html500, truncated, hang, status or reset"))?;
        let count = count.trim().parse().map_err(|_| format!("--fault {s}: the count must be a number"))?;
        let fault = Fault {
            kind,
            count,
            status: None,
            body: None,
            content_type: None,
            retry_after: None,
            method: None,
            path: None,
            after_handler: false,
        };
        fault.check().map_err(|e| format!("--fault {s}: {e}"))?;
        Ok(fault)
    }

    fn check(&self) -> Result<(), String> {
        let most = if self.kind == FaultKind::Hang { MAX_HANG_COUNT } else { MAX_COUNT };
        if self.count > most {
            return Err(format!("a {:?} fault's count is at most {most}", self.kind).to_lowercase());
        }
        if self.status.is_some_and(|s| !(200..=599).contains(&s)) {
            return Err("the status must be 200 to 599".into());
        }
        if self.after_handler && !matches!(self.kind, FaultKind::Reset | FaultKind::Hang) {
            return Err("afterHandler goes with reset or hang (truncated always runs the handler)".into());
        }
        Ok(())
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.count > 0
            && self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path.as_deref().is_none_or(|p| p == path)
    }
}

/// The armed faults, first armed first used.
#[derive(Default)]
pub struct Faults(Mutex<Vec<Fault>>);

impl Faults {
    fn list(&self) -> std::sync::MutexGuard<'_, Vec<Fault>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds `faults` (all or none) and answers the armed list.
    pub fn arm(&self, faults: Vec<Fault>) -> Result<Vec<Fault>, String> {
        faults.iter().try_for_each(Fault::check)?;
        let mut list = self.list();
        let faults: Vec<Fault> = faults.into_iter().filter(|f| f.count > 0).collect();
        if list.len() + faults.len() > MAX_ARMED {
            return Err(format!("at most {MAX_ARMED} faults can be armed at once ({} are)", list.len()));
        }
        let hanging: u32 = list.iter().chain(&faults).filter(|f| f.kind == FaultKind::Hang).map(|f| f.count).sum();
        if hanging > MAX_HANG_COUNT {
            return Err(format!("at most {MAX_HANG_COUNT} hanging requests can be armed at once"));
        }
        list.extend(faults);
        Ok(list.clone())
    }

    pub fn armed(&self) -> Vec<Fault> {
        self.list().clone()
    }

    pub fn clear(&self) -> usize {
        let mut list = self.list();
        let n = list.len();
        list.clear();
        n
    }

    /// Uses up one of the first matching fault's count.
    pub fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut list = self.list();
        let i = list.iter().position(|f| f.matches(method, path))?;
        list[i].count -= 1;
        let fault = list[i].clone();
        if list[i].count == 0 {
            list.remove(i);
        }
        Some(fault)
    }
}

const HTML_500: &str = "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p><hr><address>gateway</address></body></html>\n";

/// The real answer's body cut in half, as 200 JSON.
pub async fn truncate(real: Response) -> Response {
    let bytes = axum::body::to_bytes(real.into_body(), usize::MAX).await.unwrap_or_default();
    let mut cut = bytes.len() / 2;
    // Cut on a character boundary so the half is still text.
    while cut > 0 && (bytes[cut] & 0xC0) == 0x80 {
        cut -= 1;
    }
    super::json_bytes(StatusCode::OK, bytes[..cut].to_vec())
}

/// Every kind but `truncated`, which needs the real answer (see [`truncate`]).
pub async fn respond(fault: &Fault, hang: Duration, conn: Option<Arc<ConnControl>>) -> Response {
    match fault.kind {
        FaultKind::Html500 => {
            let mut res = (StatusCode::INTERNAL_SERVER_ERROR, HTML_500).into_response();
            res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            res
        }
        // Cut by `truncate` in the gate, which has the real answer; never reaches here.
        FaultKind::Truncated => StatusCode::OK.into_response(),
        FaultKind::Status => {
            let status =
                fault.status.and_then(|s| StatusCode::from_u16(s).ok()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body = fault.body.clone().unwrap_or_default();
            let content_type = fault.content_type.clone().unwrap_or_else(|| {
                if serde_json::from_str::<serde_json::Value>(&body).is_ok() {
                    "application/json"
                } else {
                    "text/plain; charset=utf-8"
                }
                .into()
            });
            let mut res = Response::new(Body::from(body));
            *res.status_mut() = status;
            if let Ok(v) = HeaderValue::from_str(&content_type) {
                res.headers_mut().insert(header::CONTENT_TYPE, v);
            }
            if let Some(r) = fault.retry_after {
                res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(r));
            }
            res
        }
        FaultKind::Hang => {
            tokio::time::sleep(hang).await;
            close(conn, false).await
        }
        FaultKind::Reset => close(conn, true).await,
    }
}

/// Closes the connection without an answer (a reset sends RST instead of FIN) and never
/// returns: the connection task drops this request with the connection.
async fn close(conn: Option<Arc<ConnControl>>, reset: bool) -> Response {
    match conn {
        Some(c) => {
            c.close(reset);
            std::future::pending::<Response>().await
        }
        // Not behind our accept loop (cannot happen in gc-server): the nearest thing.
        None => StatusCode::BAD_GATEWAY.into_response(),
    }
}
