//! `GET /config.json` in proxy mode: dist/config.json (or `{}`) with `authProvidedByServer`
//! telling the console whether the proxy adds credentials itself.

use std::path::PathBuf;
use std::sync::Arc;

use axum::{
    extract::State, http::header, http::HeaderValue, http::StatusCode, response::Response, routing::get, Router,
};
use serde_json::{Map, Value};

struct ConfigJson {
    file: PathBuf,
    auth_by_server: bool,
}

pub fn router(dist: PathBuf, auth_by_server: bool) -> Router {
    let state = Arc::new(ConfigJson { file: dist.join("config.json"), auth_by_server });
    Router::new().route("/config.json", get(config)).with_state(state)
}

/// Read on every request, so an edited config.json applies without a restart.
async fn config(State(c): State<Arc<ConfigJson>>) -> Response {
    let mut map = match tokio::fs::read(&c.file).await {
        Ok(bytes) => match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(m)) => m,
            _ => {
                eprintln!("gc-server: {} is not a JSON object; serving {{}} instead", c.file.display());
                Map::new()
            }
        },
        Err(_) => Map::new(),
    };
    map.insert("authProvidedByServer".into(), Value::Bool(c.auth_by_server));
    let mut res = crate::json::json_response(StatusCode::OK, &map);
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}
