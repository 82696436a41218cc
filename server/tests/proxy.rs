//! Proxy mode: a gc-server with `--upstream` in front of a second gc-server (the emulator).

mod common;

use std::time::{Duration, Instant};

use common::{demo_basic, start, Api};
use gc_core::platform::auth::md5_hex;
use serde_json::{json, Value};

const GET: &str = "/v2/userGroup2?id=3918893&programDetails=true&expirySchedules=true";

async fn upstream_log(upstream: &gc_server::Running) -> Vec<Value> {
    let (_, log) = Api::control(&upstream.url()).get("/__emulator/requests").await;
    log.as_array().unwrap().clone()
}

#[tokio::test]
async fn forwards_unchanged_with_the_browsers_credentials() {
    let up = start(&[]).await;
    let proxy = start(&["--upstream", &up.url()]).await;
    let direct = Api::basic(&up).raw(reqwest::Method::GET, GET, None).await.text().await.unwrap();
    let res = Api::basic(&proxy).raw(reqwest::Method::GET, GET, None).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    assert_eq!(res.text().await.unwrap(), direct, "byte for byte");

    // Method, body, status and error bodies pass through; so do the reward paths.
    let (status, b) =
        Api::basic(&proxy).post("/v2/userGroup2", json!({"externalId": "via-proxy", "maxGroupSize": 3})).await;
    assert_eq!((status, b["entity"].as_i64()), (200, Some(3962909)));
    let (status, b) = Api::basic(&proxy).put("/v2/userGroup2", json!({"id": 1, "groupName": "x"})).await;
    assert_eq!((status, b["errors"][0]["code"].as_i64()), (400, Some(1632)));
    let (status, b) =
        Api::basic(&proxy).post("/api_gateway/rewards/core/v1/group/create", json!({"name": "Via proxy"})).await;
    assert_eq!((status, b["id"].as_i64()), (200, Some(2412)));
    let (status, _) = Api::anonymous(&proxy).get(GET).await;
    assert_eq!(status, 401);

    let log = upstream_log(&up).await;
    let seen: Vec<(&str, &str, &str)> = log
        .iter()
        .map(|r| (r["method"].as_str().unwrap(), r["path"].as_str().unwrap(), r["auth"].as_str().unwrap()))
        .collect();
    assert_eq!(seen[1], ("GET", "/v2/userGroup2", "basic:marketer"));
    assert_eq!(log[1]["query"], "id=3918893&programDetails=true&expirySchedules=true");
    assert_eq!(log[2]["body"]["externalId"], "via-proxy");
    assert_eq!(seen[4], ("POST", "/api_gateway/rewards/core/v1/group/create", "basic:marketer"));
    assert_eq!(seen[5].2, "none");
    // No control endpoints and no seeds of its own: /__emulator is not the API.
    let res = reqwest::get(format!("{}/__emulator/groups", proxy.url())).await.unwrap();
    assert_eq!(res.status().as_u16(), 404);
    // Compressed for a browser that takes gzip (the stream is read to its end and past it).
    let res = Api::basic(&proxy).request(reqwest::Method::GET, GET, &[("Accept-Encoding", "gzip")], None).await;
    assert_eq!((res.status().as_u16(), res.headers()["content-encoding"].to_str().unwrap()), (200, "gzip"));
    assert!(!res.bytes().await.expect("the whole compressed answer").is_empty());
}

#[tokio::test]
async fn retry_after_and_oauth_token_requests_pass_through() {
    let up = start(&["--rate-limit", "1"]).await;
    let proxy = start(&["--upstream", &up.url()]).await;
    let (status, t) = Api::at(&proxy.url())
        .post("/v3/oauth/token/generate", json!({"key": "demo-key", "secret": "demo-secret"}))
        .await;
    assert_eq!(status, 200);
    assert!(t["data"]["accessToken"].is_string());
    let api = Api::basic(&proxy);
    assert_eq!(api.get(GET).await.0, 200);
    let res = api.raw(reqwest::Method::GET, GET, None).await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers().get("retry-after").is_some());
}

#[tokio::test]
async fn the_30000_member_group_streams_through() {
    let up = start(&[]).await;
    let proxy = start(&["--upstream", &up.url()]).await;
    let (status, g) = Api::basic(&proxy).get("/v2/userGroup2?id=5000000").await;
    assert_eq!(status, 200);
    assert_eq!(g["fleetGroupUsers"].as_array().unwrap().len(), 30_000);
}

#[tokio::test]
async fn server_held_basic_credentials_replace_the_browsers() {
    let up = start(&[]).await;
    let dir = tempfile::tempdir().unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "loyalty\n").unwrap();
    let proxy =
        start(&["--upstream", &up.url(), "--basic-user", "marketer", "--basic-password-file", pw.to_str().unwrap()])
            .await;
    let (status, g) = Api::anonymous(&proxy).get(GET).await;
    assert_eq!((status, g["id"].as_i64()), (200, Some(3918893)));
    // A browser's own (wrong) credentials are dropped, not forwarded.
    let (status, _) = Api::with_header(&proxy, "Authorization", "Basic d3Jvbmc6d3Jvbmc=").get(GET).await;
    assert_eq!(status, 200);
    let log = upstream_log(&up).await;
    assert!(log.iter().all(|r| r["auth"] == "basic:marketer"), "{log:?}");

    let md5 = dir.path().join("md5");
    std::fs::write(&md5, md5_hex("loyalty")).unwrap();
    let proxy2 = start(&[
        "--upstream",
        &up.url(),
        "--basic-user",
        "marketer",
        "--basic-password-md5-file",
        md5.to_str().unwrap(),
    ])
    .await;
    assert_eq!(Api::anonymous(&proxy2).get(GET).await.0, 200);

    let (status, cfg) = Api::at(&proxy.url()).get("/config.json").await;
    assert_eq!((status, cfg["authProvidedByServer"].clone()), (200, json!(true)));
}

#[tokio::test]
async fn server_held_oauth_credentials_generate_and_renew_the_token() {
    let up = start(&["--token-ttl-secs", "2"]).await;
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "demo-secret").unwrap();
    let proxy =
        start(&["--upstream", &up.url(), "--oauth-key", "demo-key", "--oauth-secret-file", secret.to_str().unwrap()])
            .await;
    let api = Api::with_header(&proxy, "X-CAP-API-OAUTH-TOKEN", "browser-token");
    assert_eq!(api.get(GET).await.0, 200);
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    assert_eq!(api.get(GET).await.0, 200, "renewed after expiry");
    let log = upstream_log(&up).await;
    let api_calls: Vec<&Value> = log.iter().filter(|r| r["path"] == "/v2/userGroup2").collect();
    assert_eq!(api_calls.len(), 2);
    assert!(api_calls.iter().all(|r| r["auth"] == "oauth:demo-key"), "{log:?}");
    let token_calls = log.iter().filter(|r| r["path"] == "/v3/oauth/token/generate").count();
    assert_eq!(token_calls, 2);

    // A wrong secret: the proxy says so with a 401 of its own.
    let bad = dir.path().join("bad");
    std::fs::write(&bad, "nope").unwrap();
    let proxy =
        start(&["--upstream", &up.url(), "--oauth-key", "demo-key", "--oauth-secret-file", bad.to_str().unwrap()])
            .await;
    let (status, b) = Api::anonymous(&proxy).get(GET).await;
    assert_eq!((status, b["errors"][0]["code"].as_i64()), (401, Some(401)));
}

#[tokio::test]
async fn a_401_from_upstream_renews_the_token_once_and_retries() {
    let up = start(&[]).await;
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "demo-secret\n").unwrap();
    let proxy =
        start(&["--upstream", &up.url(), "--oauth-key", "demo-key", "--oauth-secret-file", secret.to_str().unwrap()])
            .await;
    assert_eq!(Api::anonymous(&proxy).get(GET).await.0, 200);
    // The platform refuses the (still fresh) token once, as if it had been revoked.
    Api::control(&up.url())
        .post("/__emulator/faults", json!({"kind": "status", "status": 401, "body": "{}", "path": "/v2/userGroup2"}))
        .await;
    assert_eq!(Api::anonymous(&proxy).get(GET).await.0, 200);
    let log = upstream_log(&up).await;
    let paths: Vec<&str> = log.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["/v3/oauth/token/generate", "/v2/userGroup2", "/v2/userGroup2", "/v3/oauth/token/generate", "/v2/userGroup2"]
    );
    // Banner: the key may show, the secret never.
    let banner = gc_server::Server::bind(gc_server::Args::with(&[
        "--port",
        "0",
        "--no-static",
        "--upstream",
        &up.url(),
        "--oauth-key",
        "demo-key",
        "--oauth-secret-file",
        secret.to_str().unwrap(),
    ]))
    .await
    .unwrap()
    .banner();
    assert!(banner.contains("demo-key") && !banner.contains("demo-secret"), "{banner}");
}

#[tokio::test]
async fn upstream_stopped_is_502_json() {
    let up = start(&[]).await;
    let proxy = start(&["--upstream", &up.url()]).await;
    let api = Api::with_header(&proxy, "Authorization", &demo_basic());
    assert_eq!(api.get(GET).await.0, 200);
    up.stop().await;
    let (status, b) = api.get(GET).await;
    assert_eq!(status, 502);
    assert_eq!(
        b,
        json!({"proxyError": "unreachable", "message": "The platform could not be reached through the proxy."})
    );
}

#[tokio::test]
async fn slow_upstream_is_504_json() {
    let up = start(&["--latency-ms", "3000"]).await;
    let proxy = start(&["--upstream", &up.url(), "--upstream-timeout-secs", "1"]).await;
    let started = Instant::now();
    let (status, b) = Api::basic(&proxy).get(GET).await;
    assert_eq!(status, 504);
    assert_eq!(b["proxyError"], "timeout");
    assert!(b["message"].is_string());
    assert!(started.elapsed() < Duration::from_millis(2_900));
    let e = gc_core::platform::error::error_from_response(504, &b.to_string(), None);
    assert!(matches!(e, gc_core::platform::error::ApiError::ProxyUnreachable { timeout: true, .. }));
}

#[tokio::test]
async fn reward_upstream_gets_the_api_gateway_paths() {
    let api_host = start(&[]).await;
    let reward_host = start(&[]).await;
    let proxy = start(&["--upstream", &api_host.url(), "--reward-upstream", &reward_host.url()]).await;
    let (status, _) = Api::basic(&proxy).post("/api_gateway/core/v1/group/create", json!({"name": "Elsewhere"})).await;
    assert_eq!(status, 200);
    assert!(upstream_log(&api_host).await.is_empty());
    assert_eq!(upstream_log(&reward_host).await.len(), 1);
}

#[tokio::test]
async fn config_json_says_whether_the_server_holds_credentials() {
    let up = start(&[]).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(dir.path().join("config.json"), r#"{"apiBaseUrl": "", "note": "kept"}"#).unwrap();
    let dist = dir.path().to_str().unwrap();
    let server =
        gc_server::Server::bind(gc_server::Args::with(&["--port", "0", "--dist", dist, "--upstream", &up.url()]))
            .await
            .unwrap()
            .spawn();
    let (status, cfg) = Api::at(&server.url()).get("/config.json").await;
    assert_eq!(status, 200);
    assert_eq!(cfg, json!({"apiBaseUrl": "", "note": "kept", "authProvidedByServer": false}));
    let res = reqwest::get(format!("{}/groups/3918893", server.url())).await.unwrap();
    assert!(res.text().await.unwrap().contains("<title>t</title>"), "the console is served too");
}

#[tokio::test]
async fn credential_flags_are_checked_at_startup() {
    async fn bind(flags: Vec<&str>) -> Option<String> {
        let mut all = vec!["--port", "0", "--no-static"];
        all.extend(flags);
        gc_server::Server::bind(gc_server::Args::with(&all)).await.err().map(|e| e.to_string())
    }
    assert!(bind(vec!["--basic-user", "u"]).await.unwrap().contains("--upstream"));
    assert!(bind(vec!["--upstream", "http://127.0.0.1:9", "--basic-user", "u"]).await.unwrap().contains("password"));
    assert!(bind(vec![
        "--upstream",
        "http://127.0.0.1:9",
        "--basic-user",
        "u",
        "--basic-password-file",
        "/nonexistent/pw"
    ])
    .await
    .unwrap()
    .contains("/nonexistent/pw"));
    assert!(bind(vec!["--upstream", "ftp://x"]).await.unwrap().contains("https://"));
    assert!(bind(vec!["--upstream", "http://127.0.0.1:9", "--data", "x.json"]).await.unwrap().contains("--data"));
}
