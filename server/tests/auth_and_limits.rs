//! Basic and OAuth authentication, 401s, token expiry, rate limits, CORS for a --cors-origin,
//! latency, and the request log's view of credentials.

mod common;

use std::time::{Duration, Instant};

use common::{start, Api};
use gc_core::platform::auth::{basic_header, md5_hex, OAUTH_HEADER};
use serde_json::{json, Value};

const GET: &str = "/v2/userGroup2?id=3918893";

async fn token(base: &str, key: &str, secret: &str) -> (u16, Value) {
    Api::at(base).post("/v3/oauth/token/generate", json!({"key": key, "secret": secret})).await
}

#[tokio::test]
async fn basic_auth_with_the_md5_of_the_password() {
    let s = start(&[]).await;
    let (status, _) = Api::basic(&s).get(GET).await;
    assert_eq!(status, 200);
    // The plain password instead of its MD5, a wrong password, garbage: 401.
    for header in [
        basic_header("marketer", "loyalty"),
        basic_header("marketer", &md5_hex("nope")),
        "Basic !!!".into(),
        "Bearer x".into(),
    ] {
        let (status, b) = Api::with_header(&s, "Authorization", &header).get(GET).await;
        assert_eq!(status, 401, "{header}");
        assert_eq!(b["errors"][0]["code"], 401);
        assert!(b["errors"][0]["message"].is_string());
    }
}

#[tokio::test]
async fn no_credentials_is_401_on_every_endpoint() {
    let s = start(&[]).await;
    let api = Api::anonymous(&s);
    for (method, path) in [
        ("GET", GET),
        ("POST", "/v2/userGroup2"),
        ("PUT", "/v2/userGroup2"),
        ("POST", "/api_gateway/core/v1/group/create"),
    ] {
        let res = api.raw(method.parse().unwrap(), path, Some("{}")).await;
        assert_eq!(res.status().as_u16(), 401, "{method} {path}");
        let b: Value = res.json().await.unwrap();
        assert_eq!(b["errors"][0]["code"], 401);
    }
}

#[tokio::test]
async fn demo_credentials_can_be_changed_by_flags() {
    let s = start(&["--demo-user", "till1", "--demo-password", "pw"]).await;
    let (status, _) = Api::basic(&s).get(GET).await;
    assert_eq!(status, 401);
    let (status, _) = Api::with_header(&s, "Authorization", &basic_header("till1", &md5_hex("pw"))).get(GET).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn oauth_token_generate_and_use() {
    let s = start(&[]).await;
    let (status, b) = token(&s.url(), "demo-key", "demo-secret").await;
    assert_eq!(status, 200);
    assert_eq!(b["errors"], Value::Null);
    assert_eq!(b["data"]["ttlSeconds"], 300);
    let t = b["data"]["accessToken"].as_str().unwrap();
    let (status, g) = Api::with_header(&s, OAUTH_HEADER, t).get(GET).await;
    assert_eq!((status, g["id"].as_i64()), (200, Some(3918893)));
    let (status, _) = Api::with_header(&s, OAUTH_HEADER, "made-up").get(GET).await;
    assert_eq!(status, 401);

    let (status, b) = token(&s.url(), "demo-key", "wrong").await;
    assert_eq!(status, 401);
    assert_eq!(b, json!({"data": null, "errors": [{"code": 401, "message": "Invalid key or secret"}]}));
    let (status, _) = token(&s.url(), "other-key", "demo-secret").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn oauth_tokens_expire_after_the_ttl() {
    let s = start(&["--token-ttl-secs", "1"]).await;
    let (_, b) = token(&s.url(), "demo-key", "demo-secret").await;
    assert_eq!(b["data"]["ttlSeconds"], 1);
    let api = Api::with_header(&s, OAUTH_HEADER, b["data"]["accessToken"].as_str().unwrap());
    assert_eq!(api.get(GET).await.0, 200);
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let (status, b) = api.get(GET).await;
    assert_eq!(status, 401);
    assert!(b["errors"][0]["message"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn the_request_log_names_who_called_never_the_credentials() {
    let s = start(&[]).await;
    let (_, b) = token(&s.url(), "demo-key", "demo-secret").await;
    let t = b["data"]["accessToken"].as_str().unwrap().to_string();
    Api::basic(&s).post("/v2/userGroup2", json!({"externalId": "logged", "maxGroupSize": 3})).await;
    Api::with_header(&s, OAUTH_HEADER, &t).get(GET).await;
    Api::anonymous(&s).get(GET).await;
    Api::with_header(&s, "Authorization", "Basic eDp5").get(GET).await;
    let control = Api::control(&s.url());
    let (_, log) = control.get("/__emulator/requests").await;
    let auths: Vec<&str> = log.as_array().unwrap().iter().map(|r| r["auth"].as_str().unwrap()).collect();
    assert_eq!(auths, ["none", "basic:marketer", "oauth:demo-key", "none", "invalid"]);
    let text = log.to_string();
    assert!(!text.contains(&t) && !text.contains("demo-secret") && !text.contains(&md5_hex("loyalty")));
    assert_eq!(log[1]["method"], "POST");
    assert_eq!(log[1]["path"], "/v2/userGroup2");
    assert_eq!(log[1]["body"]["externalId"], "logged");
    assert_eq!(log[2]["query"], "id=3918893");
    control.send(reqwest::Method::DELETE, "/__emulator/requests", None).await;
    let (_, log) = control.get("/__emulator/requests").await;
    assert_eq!(log, json!([]));
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after_per_credential() {
    let s = start(&["--rate-limit", "3"]).await;
    let api = Api::basic(&s);
    for _ in 0..3 {
        assert_eq!(api.get(GET).await.0, 200);
    }
    let res = api.raw(reqwest::Method::GET, GET, None).await;
    assert_eq!(res.status().as_u16(), 429);
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "Retry-After {retry}");
    let b: Value = res.json().await.unwrap();
    assert_eq!(b["errors"][0]["code"], 429);
    // Another credential has its own budget.
    let (_, t) = token(&s.url(), "demo-key", "demo-secret").await;
    let oauth = Api::with_header(&s, OAUTH_HEADER, t["data"]["accessToken"].as_str().unwrap());
    assert_eq!(oauth.get(GET).await.0, 200);
}

/// CORS is opt-in: `--cors-origin` pages (and only they) get CORS headers and may write; by
/// default none at all, like the platform.
#[tokio::test]
async fn cors_headers_only_for_a_cors_origin() {
    let preflight = |base: String, origin: &'static str| async move {
        reqwest::Client::new()
            .request(reqwest::Method::OPTIONS, format!("{base}/v2/userGroup2"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "PUT")
            .header("Access-Control-Request-Headers", "authorization,content-type,x-cap-api-oauth-token")
            .send()
            .await
            .unwrap()
    };
    let no_cors = |res: &reqwest::Response| res.headers().keys().all(|k| !k.as_str().starts_with("access-control-"));

    let s = start(&["--cors-origin", "http://console.example:5173"]).await;
    let res = preflight(s.url(), "http://console.example:5173").await;
    assert!(res.status().is_success());
    let h = res.headers();
    assert_eq!(h["access-control-allow-origin"], "http://console.example:5173");
    let methods = h["access-control-allow-methods"].to_str().unwrap();
    for m in ["GET", "POST", "PUT", "DELETE"] {
        assert!(methods.contains(m), "{methods}");
    }
    let headers = h["access-control-allow-headers"].to_str().unwrap().to_ascii_lowercase();
    for name in ["authorization", "content-type", "accept", "x-cap-api-oauth-token"] {
        assert!(headers.contains(name), "{headers}");
    }
    let get = |base: String, origin: &'static str| async move {
        reqwest::Client::new().get(format!("{base}{GET}")).header("Origin", origin).send().await.unwrap()
    };
    let res = get(s.url(), "http://console.example:5173").await;
    assert_eq!(res.status().as_u16(), 401);
    assert_eq!(res.headers()["access-control-allow-origin"], "http://console.example:5173", "errors are readable too");
    assert!(res.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase()
        .contains("retry-after"));
    // Its writes are served; another site's preflight and reads get no CORS headers.
    let (status, _) = Api::basic(&s)
        .send_with(
            reqwest::Method::POST,
            "/v2/userGroup2",
            r#"{"externalId": "cors_1", "maxGroupSize": 2}"#,
            &[("Origin", "http://console.example:5173")],
        )
        .await;
    assert_eq!(status, 200);
    let allowed = |res: &reqwest::Response| res.headers().get("access-control-allow-origin").cloned();
    assert_eq!(allowed(&get(s.url(), "https://evil.example").await), None);
    assert_eq!(allowed(&preflight(s.url(), "https://evil.example").await), None);

    let s = start(&[]).await;
    let res = preflight(s.url(), "http://console.example:5173").await;
    assert!(no_cors(&res), "{:?}", res.headers());
    assert!(no_cors(&get(s.url(), "http://console.example:5173").await));
}

#[tokio::test]
async fn latency_delays_api_answers() {
    let s = start(&["--latency-ms", "400"]).await;
    let started = Instant::now();
    assert_eq!(Api::basic(&s).get(GET).await.0, 200);
    assert!(started.elapsed() >= Duration::from_millis(400));
    let started = Instant::now();
    reqwest::get(format!("{}/healthz", s.url())).await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(400), "only the API is delayed");
}
