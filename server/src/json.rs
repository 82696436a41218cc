//! JSON answers as the platform writes them (its v2 error envelope, a bare errors list), and a
//! request's JSON body read: shared by the emulator, the proxy and the guards in front of both.

use axum::{
    body::{Body, Bytes},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use serde_json::{json, Value};

/// The platform's v2 error envelope with HTTP 400, as userGroup2 errors come.
pub fn bad_request(code: i64, message: &str) -> Response {
    v2_error(StatusCode::BAD_REQUEST, code, message)
}

/// The platform's v2 error envelope.
pub fn v2_error(status: StatusCode, code: i64, message: &str) -> Response {
    let body = json!({"errors": [{"code": code, "message": message, "status": false}], "warnings": []});
    json_response(status, &body)
}

/// A bare errors list, as for 401 and 429 (no body is documented for those).
pub fn plain_error(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({"errors": [{"code": status.as_u16(), "message": message}]}))
}

pub fn json_response<T: Serialize + ?Sized>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => json_bytes(status, bytes),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

pub fn json_bytes(status: StatusCode, bytes: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(bytes));
    *res.status_mut() = status;
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A JSON body; `Err(())` when it is not JSON at all.
pub fn parse_body(bytes: &Bytes) -> Result<Value, ()> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(bytes).map_err(|_| ())
}
