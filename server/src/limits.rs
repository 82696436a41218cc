//! Bounded bodies and time: an API request's body is read only up to 1 MB and within 30 s
//! (413 or 408 instead, before anything parses or logs it), and the request log keeps at most
//! 4 KB of each body. The connection limits (header time, idle time, how many) are serve.rs's.

use std::time::Duration;

use axum::{
    body::{Body, Bytes},
    http::{header, HeaderMap, StatusCode},
    response::Response,
};
use futures_util::StreamExt;
use serde_json::Value;

use crate::json::plain_error;

/// The largest API request body: the console's biggest, a join or permissions batch of
/// 1,000 members, is about 150 KB.
pub const MAX_BODY: usize = 1024 * 1024;
/// How long a request body may take to arrive, whole.
pub const BODY_TIME: Duration = Duration::from_secs(30);
/// The most of a body the request log keeps.
pub const LOGGED_BODY: usize = 4 * 1024;

/// What an oversized body's remainder is read (and dropped) for, so that the client, still
/// sending, reads the 413 instead of a reset connection; beyond these the connection closes.
const DRAIN_BYTES: usize = 64 * 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(10);

/// The whole body, or the answer to send instead: 413 over `MAX_BODY` (at once when
/// Content-Length says so), 408 when it does not arrive within `BODY_TIME`.
pub async fn read_body(headers: &HeaderMap, body: Body) -> Result<Bytes, Response> {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let mut stream = body.into_data_stream();
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        tokio::spawn(drain(stream));
        return Err(too_large());
    }
    let mut buf = Vec::with_capacity(declared.unwrap_or(0) as usize);
    let deadline = tokio::time::Instant::now() + BODY_TIME;
    loop {
        match tokio::time::timeout_at(deadline, stream.next()).await {
            Ok(None) => return Ok(Bytes::from(buf)),
            Ok(Some(Ok(chunk))) => {
                if buf.len() + chunk.len() > MAX_BODY {
                    tokio::spawn(drain(stream));
                    return Err(too_large());
                }
                buf.extend_from_slice(&chunk);
            }
            Ok(Some(Err(_))) => return Err(plain_error(StatusCode::BAD_REQUEST, "The request body broke off.")),
            Err(_) => {
                return Err(plain_error(
                    StatusCode::REQUEST_TIMEOUT,
                    &format!("The request body did not arrive within {} seconds.", BODY_TIME.as_secs()),
                ))
            }
        }
    }
}

fn too_large() -> Response {
    plain_error(StatusCode::PAYLOAD_TOO_LARGE, &format!("Request body too large: at most {} KB.", MAX_BODY / 1024))
}

async fn drain(mut stream: axum::body::BodyDataStream) {
    let mut seen = 0;
    let _ = tokio::time::timeout(DRAIN_TIME, async {
        while let Some(Ok(chunk)) = stream.next().await {
            seen += chunk.len();
            if seen > DRAIN_BYTES {
                break;
            }
        }
    })
    .await;
}

/// A body as the request log keeps it: its JSON when it is at most `LOGGED_BODY` bytes (null
/// when it is not JSON), else a note of its size.
pub fn logged_body(bytes: &[u8]) -> Value {
    if bytes.len() > LOGGED_BODY {
        return Value::String(format!("({} bytes, over the log's {} KB: not kept)", bytes.len(), LOGGED_BODY / 1024));
    }
    crate::json::parse_body(&Bytes::copy_from_slice(bytes)).unwrap_or(Value::Null)
}
