//! Only its own paths: a request path that could mean another path once decoded or resolved
//! (dot segments, raw or `%2e`; `\` or `%5c`; `//`; an encoded `/`) is refused with 400 before
//! anything reads it, and an API path must be one of the console's calls
//! (`gc_core::platform::endpoints::CALLS`): another method there is 405, another path 404.

use axum::{
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::Response,
};
use gc_core::platform::endpoints::{self, Lookup};

use crate::json::{plain_error, v2_error};

/// Why a raw request path is refused, if it is.
pub fn unsafe_path(path: &str) -> Option<&'static str> {
    if !path.starts_with('/') {
        return Some("the path must start with /");
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains('\\') || lower.contains("%5c") {
        return Some("the path holds a backslash");
    }
    if lower.contains("%2f") {
        return Some("the path holds an encoded /");
    }
    // An encoded % would decode into another escape on a second reading.
    if lower.contains("%25") {
        return Some("the path holds an encoded %");
    }
    if lower.contains("//") {
        return Some("the path holds an empty segment (//)");
    }
    let dot_segment = |s: &str| matches!(s.replace("%2e", ".").as_str(), "." | "..");
    if lower.split('/').any(dot_segment) {
        return Some("the path holds a dot segment (. or ..)");
    }
    None
}

/// 400 for a path that is not plainly itself (every route, static files too).
pub async fn plain_paths(req: Request, next: Next) -> Response {
    match unsafe_path(req.uri().path()) {
        None => next.run(req).await,
        Some(why) => plain_error(StatusCode::BAD_REQUEST, &format!("Refused: {why}.")),
    }
}

/// API paths: the console's calls pass (with the call in the request's extensions), other
/// methods on their paths get 405, anything else under an API prefix 404.
pub async fn calls(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if !endpoints::is_api_path(path) {
        return next.run(req).await;
    }
    match endpoints::lookup(req.method().as_str(), path) {
        Lookup::Call(call) => {
            let mut req = req;
            req.extensions_mut().insert(call);
            next.run(req).await
        }
        Lookup::OtherMethod(methods) => {
            let allowed = methods.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", ");
            let mut res = plain_error(
                StatusCode::METHOD_NOT_ALLOWED,
                &format!("{} is not one of this path's methods ({allowed}).", req.method()),
            );
            if let Ok(v) = HeaderValue::from_str(&allowed) {
                res.headers_mut().insert(header::ALLOW, v);
            }
            res
        }
        Lookup::Unknown => v2_error(StatusCode::NOT_FOUND, 404, "No such API endpoint"),
    }
}

#[cfg(test)]
mod tests {
    use super::unsafe_path;

    #[test]
    fn paths_that_could_mean_another_path_are_refused() {
        for bad in [
            "/v2/../__emulator/requests",
            "/v2/%2e%2e/__emulator/requests",
            "/v2/%2E%2E/__emulator/requests",
            "/v2/.%2e/x",
            "/v2/%2e/userGroup2",
            "/v2/./userGroup2",
            "/v2/userGroup2/..",
            "/v2/userGroup2%2f..%2fx",
            "/v2/userGroup2%2Fsearch",
            "/v2\\..\\x",
            "/v2/%5c../x",
            "//evil.example/v2/userGroup2",
            "/v2//userGroup2",
            "/v2/%252e%252e/x",
            "v2/userGroup2",
        ] {
            assert!(unsafe_path(bad).is_some(), "{bad}");
        }
        for ok in
            ["/", "/v2/userGroup2", "/v2/userGroup2/3920001/leave", "/group-console-0123.js", "/a.b/c..d", "/v2/x%20y"]
        {
            assert_eq!(unsafe_path(ok), None, "{ok}");
        }
    }
}
