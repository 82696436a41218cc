//! Headers on every answer: no framing (clickjacking), no type sniffing, no referrer. The
//! console's own files get the policy deploy/nginx.conf sends beside the page's CSP `<meta>`
//! (a `<meta>` cannot say `frame-ancestors`); every other answer (the API, proxied or
//! emulated, its errors and faults, the control routes) is sandboxed, so no HTML in it can
//! ever run on the console's origin.

use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

/// Marks an answer as one of the console's own files (static_files.rs).
#[derive(Debug, Clone, Copy)]
pub struct ConsoleFile;

pub const FILE_POLICY: &str = "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";
pub const API_POLICY: &str = "sandbox; default-src 'none'; frame-ancestors 'none'";

pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let policy = if res.extensions().get::<ConsoleFile>().is_some() { FILE_POLICY } else { API_POLICY };
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}
