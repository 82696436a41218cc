//! What every request passes before any route reads it, outermost first: the security
//! headers on whatever comes back, then its `Host` (421), its path (400), a write's origin and
//! type (403), CORS for `--cors-origin` pages (API paths only, emulator only), and the table of
//! the console's calls (404, 405). README, "Security", lists what each one stops.

pub mod headers;
pub mod origin;
pub mod paths;

use std::sync::Arc;
use std::time::Duration;

use axum::{
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, Method},
    middleware::{from_fn, from_fn_with_state, Next},
    response::Response,
    Router,
};
use tower::{Layer, ServiceExt};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use origin::Origins;

pub fn apply(app: Router, origins: Origins) -> Router {
    let cors = cors(origins.cors_origins());
    let origins = Arc::new(origins);
    app.layer(from_fn(paths::calls))
        .layer(from_fn_with_state(cors, cors_for_api))
        .layer(from_fn_with_state(origins.clone(), origin::writes))
        .layer(from_fn(paths::plain_paths))
        .layer(from_fn_with_state(origins, origin::host))
        .layer(from_fn(headers::security_headers))
}

/// `--cors-origin` pages may call the emulated API: exactly those origins, with the headers
/// the console sends, and Retry-After readable. None by default, like the platform.
fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let list: Vec<HeaderValue> = origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(list))
            .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::ACCEPT,
                HeaderName::from_static("x-cap-api-oauth-token"),
            ])
            .expose_headers([header::RETRY_AFTER])
            .max_age(Duration::from_secs(600)),
    )
}

async fn cors_for_api(State(cors): State<Option<CorsLayer>>, req: Request, next: Next) -> Response {
    match cors {
        Some(layer) if gc_core::platform::endpoints::is_api_path(req.uri().path()) => {
            layer.layer(next).oneshot(req).await.unwrap_or_else(|never| match never {})
        }
        _ => next.run(req).await,
    }
}
