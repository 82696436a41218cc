//! dist/ with SPA fallback: a path without a file extension (a console route such as
//! `/groups/3918893`) gets index.html so deep links load; a missing asset stays a 404.
//! Cache headers follow what a CDN should do: trunk's hashed assets are immutable,
//! index.html and config.json are revalidated every time. The build writes brotli-11 and
//! gzip-9 copies beside the hashed assets (`name.wasm.br`, `name.wasm.gz`): those are sent
//! as they are, to clients that accept them, instead of compressing on every request.

use std::path::Path;

use axum::{
    body::Body,
    http::{header, HeaderValue, Request, Response, StatusCode},
};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub fn service(
    dist: &Path,
) -> impl tower::Service<Request<Body>, Response = Response<Body>, Error = std::convert::Infallible, Future = impl Send>
       + Clone
       + Send
       + Sync
       + 'static {
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let index = ServeFile::new(dist.join("index.html"));
    tower::service_fn(move |req: Request<Body>| {
        let files = files.clone();
        let index = index.clone();
        async move {
            let path = req.uri().path().to_string();
            let is_route = !path.rsplit('/').next().unwrap_or("").contains('.');
            let mut res = if is_route { index.oneshot(req).await } else { files.oneshot(req).await }
                .map(|r| r.map(Body::new))
                .unwrap_or_else(|e| match e {});
            let cache = if res.status() != StatusCode::OK {
                "no-store"
            } else if is_route || path.ends_with(".html") || path.ends_with("config.json") {
                "no-cache"
            } else if is_hashed(&path) {
                "public, max-age=31536000, immutable"
            } else {
                "public, max-age=3600"
            };
            res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            res.extensions_mut().insert(crate::guard::headers::ConsoleFile);
            if res.headers().contains_key(header::CONTENT_ENCODING) {
                // A precompressed copy: caches must key it by the encoding asked for.
                res.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            }
            Ok(res)
        }
    })
}

/// trunk names assets `name-<hash>.ext`, the hash a 64-bit number in hex without leading
/// zeros (so 16 digits, sometimes fewer: 12 or more is taken as a hash).
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .map(|(_, h)| (12..=16).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_names_are_recognised() {
        assert!(super::is_hashed("/group-console-4f2a9c1e0b7d3a55_bg.wasm"));
        // A hash with a leading zero is written with 15 digits.
        assert!(super::is_hashed("/group-console-7593940f6153a06_bg.wasm"));
        assert!(super::is_hashed("/group-console-4f2a9c1e0b7d3a55.js"));
        assert!(!super::is_hashed("/favicon.svg"));
        assert!(!super::is_hashed("/config.json"));
    }
}
