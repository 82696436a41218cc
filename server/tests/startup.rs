//! Starting the server: the banner, clear startup errors, health, static files beside the API.

mod common;

use common::{start, Api};
use gc_server::{Args, Server};

fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>console</title>").unwrap();
    dir
}

#[tokio::test]
async fn banner_first_line_is_the_url_then_credentials_and_seeds() {
    let d = dist();
    let server = Server::bind(Args::with(&["--port", "0", "--dist", d.path().to_str().unwrap()])).await.unwrap();
    let port = server.local_addr().port();
    let banner = server.banner();
    let first = banner.lines().next().unwrap();
    assert_eq!(first, format!("Group Console: http://127.0.0.1:{port}/"));
    assert!(banner.contains("\"marketer\"") && banner.contains("\"loyalty\""));
    assert!(banner.contains("\"demo-key\"") && banner.contains("\"demo-secret\""));
    for id in ["3918893", "5000000", "5000300", "6666666"] {
        assert!(banner.contains(id), "{id} not listed");
    }
}

#[tokio::test]
async fn startup_errors_are_clear() {
    let taken = start(&[]).await;
    let port = taken.addr().port().to_string();
    let err = Server::bind(Args::with(&["--port", &port, "--no-static"])).await.err().unwrap().to_string();
    assert!(err.contains("already in use"), "{err}");
    let err =
        Server::bind(Args::with(&["--port", "0", "--dist", "/nonexistent/dist"])).await.err().unwrap().to_string();
    assert!(err.contains("/nonexistent/dist/index.html") && err.contains("make dist"), "{err}");
}

#[tokio::test]
async fn console_and_api_share_the_origin() {
    let d = dist();
    let s = Server::bind(Args::with(&["--port", "0", "--dist", d.path().to_str().unwrap()])).await.unwrap().spawn();
    let health = reqwest::get(format!("{}/healthz", s.url())).await.unwrap();
    assert_eq!((health.status().as_u16(), health.text().await.unwrap()), (200, "ok".to_string()));
    let page = reqwest::get(format!("{}/groups/3918893", s.url())).await.unwrap().text().await.unwrap();
    assert!(page.contains("<title>console</title>"), "deep links get index.html");
    let (status, g) = Api::basic(&s).get("/v2/userGroup2?id=3918893").await;
    assert_eq!((status, g["id"].as_i64()), (200, Some(3918893)));
    // Unknown API paths are the API's JSON 404, not the console page.
    let (status, b) = Api::basic(&s).get("/v2/nothingHere").await;
    assert_eq!((status, b["errors"][0]["code"].as_i64()), (404, Some(404)));
    // No config.json in dist: 404 as before.
    let res = reqwest::get(format!("{}/config.json", s.url())).await.unwrap();
    assert_eq!(res.status().as_u16(), 404);
}

/// The build's brotli and gzip copies are sent as they are (never compressed again), by the
/// encoding the client accepts; without a copy, or to a client that takes neither, the file.
#[tokio::test]
async fn precompressed_copies_are_sent_to_clients_that_accept_them() {
    let d = dist();
    let asset = "page_home-0123456789abcdef.wasm";
    std::fs::write(d.path().join(asset), b"\0asm plain").unwrap();
    std::fs::write(d.path().join(format!("{asset}.br")), b"brotli copy").unwrap();
    std::fs::write(d.path().join(format!("{asset}.gz")), b"gzip copy").unwrap();
    let s = Server::bind(Args::with(&["--port", "0", "--dist", d.path().to_str().unwrap()])).await.unwrap().spawn();
    let client = reqwest::Client::builder().no_gzip().no_brotli().build().unwrap();
    let get = |accept: &'static str| {
        let req = client.get(format!("{}/{asset}", s.url()));
        async move {
            let res = req.header("accept-encoding", accept).send().await.unwrap();
            let encoding = res.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_string());
            let vary = res.headers().get("vary").map(|v| v.to_str().unwrap().to_string());
            (encoding, vary, res.bytes().await.unwrap().to_vec())
        }
    };
    let (encoding, vary, body) = get("gzip, deflate, br").await;
    assert_eq!((encoding.as_deref(), body.as_slice()), (Some("br"), &b"brotli copy"[..]));
    assert!(vary.is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")));
    let (encoding, _, body) = get("gzip").await;
    assert_eq!((encoding.as_deref(), body.as_slice()), (Some("gzip"), &b"gzip copy"[..]));
    let (encoding, _, body) = get("identity").await;
    assert_eq!((encoding, body.as_slice()), (None, &b"\0asm plain"[..]));
}
