//! Issue 23's attacks, each refused in both modes (the emulator, and the proxy in front of a
//! second emulator): another Host (DNS rebinding), writes from another site or not as JSON,
//! paths that escape (dot segments, encoded / and \, //), methods and paths the console never
//! calls, framing and sniffing (the headers), the demo's control routes, fault bodies, big
//! bodies, slow headers, idle and too many connections, and the proxy's OAuth renewals.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::{demo_basic, start, Api};
use gc_core::platform::endpoints::{self, CALLS};
use gc_server::{Args, Running, Server};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const GET: &str = "/v2/userGroup2?id=3918893";
const CREATE: &str = r#"{"externalId": "csrf_1", "maxGroupSize": 3}"#;

/// A console build to serve: index.html and one hashed asset.
fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>console</title>").unwrap();
    std::fs::write(dir.path().join("app-0123456789abcdef.js"), "console.log(1)").unwrap();
    dir
}

async fn serve(flags: &[&str]) -> Running {
    let mut all = vec!["--port", "0"];
    all.extend_from_slice(flags);
    Server::bind(Args::with(&all)).await.expect("server starts").spawn()
}

/// The emulator with the console's files, and a proxy (with the console's files and
/// server-held Basic credentials, the setting the issue attacked) in front of a second one.
struct Both {
    emulator: Running,
    proxy: Running,
    upstream: Running,
    _dist: tempfile::TempDir,
    _secret: tempfile::TempDir,
}

async fn both() -> Both {
    let d = dist();
    let dist = d.path().to_str().unwrap().to_string();
    let secret = tempfile::tempdir().unwrap();
    let pw = secret.path().join("pw");
    std::fs::write(&pw, "loyalty").unwrap();
    let upstream = start(&[]).await;
    let emulator = serve(&["--dist", &dist]).await;
    let proxy = serve(&[
        "--dist",
        &dist,
        "--upstream",
        &upstream.url(),
        "--basic-user",
        "marketer",
        "--basic-password-file",
        pw.to_str().unwrap(),
    ])
    .await;
    Both { emulator, proxy, upstream, _dist: d, _secret: secret }
}

impl Both {
    fn modes(&self) -> [(&'static str, &Running); 2] {
        [("emulator", &self.emulator), ("proxy", &self.proxy)]
    }

    /// What reached the emulator behind the proxy, or the emulator itself.
    async fn log(&self, mode: &str) -> Vec<Value> {
        let s = if mode == "proxy" { &self.upstream } else { &self.emulator };
        Api::control(&s.url()).get("/__emulator/requests").await.1.as_array().unwrap().clone()
    }

    async fn clear_logs(&self) {
        for s in [&self.emulator, &self.upstream] {
            Api::control(&s.url()).send(reqwest::Method::DELETE, "/__emulator/requests", None).await;
        }
    }
}

/// One request written by hand (reqwest would resolve dot segments before sending); the
/// status line's code and the body.
async fn raw(addr: SocketAddr, method: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: {}\r\nConnection: close\r\n\r\n",
        demo_basic()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

// ---------------------------------------------------------------- only its own origin

#[tokio::test]
async fn another_host_name_gets_421_on_every_route_in_both_modes() {
    let b = both().await;
    for (mode, s) in b.modes() {
        for path in [GET, "/", "/groups/3918893", "/app-0123456789abcdef.js", "/healthz"] {
            let res = Api::basic(s).request(reqwest::Method::GET, path, &[("Host", "rebind.evil.example")], None).await;
            assert_eq!(res.status().as_u16(), 421, "{mode} {path}");
            let body: Value = res.json().await.unwrap();
            assert!(body["errors"][0]["message"].as_str().unwrap().contains("rebind.evil.example"), "{body}");
            // The same request by its own name is served.
            let res = Api::basic(s).request(reqwest::Method::GET, path, &[], None).await;
            assert_eq!(res.status().as_u16(), 200, "{mode} {path}");
        }
        let port = s.addr().port();
        for ok in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
            let res = Api::basic(s).request(reqwest::Method::GET, GET, &[("Host", &ok)], None).await;
            assert_eq!(res.status().as_u16(), 200, "{mode} {ok}");
        }
        let res = Api::basic(s).request(reqwest::Method::GET, GET, &[("Host", "localhost:1")], None).await;
        assert_eq!(res.status().as_u16(), 421, "{mode}: another port");
    }
    // Only the requests by its own names went out with the server's credentials.
    let upstream = b.log("proxy").await;
    assert_eq!(upstream.len(), 3, "{upstream:?}");
    assert!(upstream.iter().all(|r| r["path"] == "/v2/userGroup2"));
}

#[tokio::test]
async fn public_origin_and_allowed_host_add_names() {
    let s = start(&["--public-origin", "https://console.example.com", "--allowed-host", "origin.internal:8443"]).await;
    let api = Api::basic(&s);
    for (host, status) in [
        ("console.example.com", 200),
        ("CONSOLE.example.com:443", 200),
        ("origin.internal:8443", 200),
        ("origin.internal:8444", 421),
        ("console.example.com.evil.example", 421),
    ] {
        let res = api.request(reqwest::Method::GET, GET, &[("Host", host)], None).await;
        assert_eq!(res.status().as_u16(), status, "{host}");
    }
    // Behind a CDN the browser's Origin is the public one, whatever Host the CDN sends.
    let (status, _) = api
        .send_with(
            reqwest::Method::POST,
            "/v2/userGroup2",
            CREATE,
            &[("Host", "origin.internal:8443"), ("Origin", "https://console.example.com")],
        )
        .await;
    assert_eq!(status, 200);
    let bad =
        Server::bind(Args::with(&["--port", "0", "--no-static", "--public-origin", "https://x.example/app"])).await;
    assert!(bad.err().unwrap().to_string().contains("no path"));
}

#[tokio::test]
async fn cross_site_and_text_plain_writes_get_403_in_both_modes() {
    let b = both().await;
    for (mode, s) in b.modes() {
        let api = Api::basic(s);
        let own = s.url();
        // The issue's attack: a cross-site text/plain POST (a form or no-cors fetch).
        let attack = api
            .request(
                reqwest::Method::POST,
                "/v2/userGroup2",
                &[("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"), ("Content-Type", "text/plain")],
                Some(CREATE),
            )
            .await;
        assert_eq!(attack.status().as_u16(), 403, "{mode}");
        let why: Value = attack.json().await.unwrap();
        assert!(why["errors"][0]["message"].as_str().unwrap().contains("another site"), "{mode}: {why}");
        // Cross-site even as JSON, by Origin or by Sec-Fetch-Site alone.
        for headers in [
            vec![("Origin", "https://evil.example")],
            vec![("Sec-Fetch-Site", "cross-site")],
            vec![("Sec-Fetch-Site", "same-site")],
            vec![("Origin", "null")],
        ] {
            let (status, _) = api.send_with(reqwest::Method::POST, "/v2/userGroup2", CREATE, &headers).await;
            assert_eq!(status, 403, "{mode} {headers:?}");
        }
        let (status, _) = api
            .send_with(
                reqwest::Method::PUT,
                "/v2/userGroup2",
                r#"{"id": 3918893}"#,
                &[("Origin", "https://evil.example")],
            )
            .await;
        assert_eq!(status, 403, "{mode}: PUT");
        let res = api
            .request(reqwest::Method::DELETE, "/v2/userGroup2?id=3918893", &[("Sec-Fetch-Site", "cross-site")], None)
            .await;
        assert_eq!(res.status().as_u16(), 403, "{mode}: DELETE");
        // Its own page, but not JSON.
        let res = api
            .request(
                reqwest::Method::POST,
                "/v2/userGroup2",
                &[("Origin", &own), ("Content-Type", "text/plain;charset=UTF-8")],
                Some(CREATE),
            )
            .await;
        assert_eq!(res.status().as_u16(), 403, "{mode}");
        let why: Value = res.json().await.unwrap();
        assert!(why["errors"][0]["message"].as_str().unwrap().contains("application/json"), "{mode}: {why}");
        assert!(b.log(mode).await.iter().all(|r| r["method"] == "GET"), "{mode}: no write got through");

        // What the console sends is served: its own Origin (or Sec-Fetch-Site: same-origin)
        // with JSON, and a DELETE without a body.
        let ext = format!(r#"{{"externalId": "own_{mode}", "maxGroupSize": 3}}"#);
        let (status, _) = api.send_with(reqwest::Method::POST, "/v2/userGroup2", &ext, &[("Origin", &own)]).await;
        assert_eq!(status, 200, "{mode}");
        let ext = format!(r#"{{"externalId": "own2_{mode}", "maxGroupSize": 3}}"#);
        let (status, _) =
            api.send_with(reqwest::Method::POST, "/v2/userGroup2", &ext, &[("Sec-Fetch-Site", "same-origin")]).await;
        assert_eq!(status, 200, "{mode}");
        let leave = "/v2/userGroup2/3920001/leave?source=INSTORE&identifierName=mobile&identifierValue=919876500002";
        let res = api.request(reqwest::Method::DELETE, leave, &[("Origin", &own)], None).await;
        assert_eq!(res.status().as_u16(), 200, "{mode}: a DELETE without a body");
        // No browser page at all (curl, a script): served as before, whatever the type.
        let ext = format!(r#"{{"externalId": "curl_{mode}", "maxGroupSize": 3}}"#);
        let res =
            api.request(reqwest::Method::POST, "/v2/userGroup2", &[("Content-Type", "text/plain")], Some(&ext)).await;
        assert_eq!(res.status().as_u16(), 200, "{mode}");
    }
}

// ---------------------------------------------------------------- only its own paths

#[tokio::test]
async fn paths_that_escape_get_400_before_anything_reads_them_in_both_modes() {
    let b = both().await;
    for (mode, s) in b.modes() {
        for path in [
            "/v2/%2e%2e/__emulator/requests",
            "/v2/%2E%2E/__emulator/requests",
            "/v2/../__emulator/requests",
            "/v2/.%2e/__emulator/requests",
            "/v2/userGroup2%2f..%2f..%2f__emulator%2frequests",
            "/v2/userGroup2%2Fsearch?q=a",
            "/v2\\..\\__emulator\\requests",
            "/v2/%5c../__emulator/requests",
            "//v2/userGroup2?id=3918893",
            "/v2//userGroup2?id=3918893",
            "/api_gateway/core/v1/group/%2e%2e/%2e%2e/%2e%2e/__emulator/requests",
        ] {
            let (status, body) = raw(s.addr(), "GET", path).await;
            assert_eq!(status, 400, "{mode} {path}: {body}");
            assert!(body.contains("Refused"), "{mode} {path}: {body}");
        }
    }
    assert!(b.log("proxy").await.is_empty(), "nothing reached the platform");
    assert!(b.log("emulator").await.is_empty(), "nothing reached the emulated API");
}

#[tokio::test]
async fn only_the_consoles_calls_pass_other_methods_405_other_paths_404() {
    let b = both().await;
    for (mode, s) in b.modes() {
        for (method, path) in [
            ("TRACE", "/v2/userGroup2"),
            ("PATCH", "/v2/userGroup2"),
            ("OPTIONS", "/v2/userGroup2"),
            ("POST", "/v2/userGroup2/search"),
            ("DELETE", "/api_gateway/rewards/core/v1/group/2402"),
        ] {
            let (status, body) = raw(s.addr(), method, path).await;
            assert_eq!(status, 405, "{mode} {method} {path}: {body}");
        }
        for path in ["/v2/customers", "/v2/userGroup2/", "/v3/oauth/other", "/v2/anything", "/api_gateway/x/group"] {
            let (status, body) = raw(s.addr(), "GET", path).await;
            assert_eq!(status, 404, "{mode} {path}: {body}");
            assert!(body.contains("No such API endpoint"), "{mode} {path}: {body}");
        }
        let res = Api::basic(s).request(reqwest::Method::TRACE, "/v2/userGroup2", &[], None).await;
        assert_eq!(res.headers()["allow"], "POST, PUT, GET, DELETE", "{mode}");
    }
    assert!(b.log("proxy").await.is_empty(), "TRACE and the rest never went upstream (with credentials)");
    assert!(b.log("emulator").await.is_empty());
}

/// The emulator's router is the table: each call has its handler (a 404 "No such API
/// endpoint" or a 405 would say it has none), and the proxy forwards each one.
#[tokio::test]
async fn every_call_in_the_table_is_answered_and_forwarded() {
    let b = both().await;
    for (mode, s) in b.modes() {
        b.clear_logs().await;
        let mut sent = vec![];
        for call in &CALLS {
            for pattern in call.patterns() {
                let id = if call.host == endpoints::Host::Reward { "2402" } else { "3918893" };
                let path = endpoints::fill(&pattern, &[id]);
                let method: reqwest::Method = call.method.as_str().parse().unwrap();
                let body = if call.method == endpoints::Method::Get || call.method == endpoints::Method::Delete {
                    None
                } else {
                    Some("{}")
                };
                let res = Api::basic(s).raw(method, &format!("{path}?id=3918893"), body).await;
                let status = res.status().as_u16();
                let text = res.text().await.unwrap();
                assert!(status != 405 && !text.contains("No such API endpoint"), "{mode} {pattern}: {status} {text}");
                sent.push((call.method.as_str(), path));
            }
        }
        let log = b.log(mode).await;
        let seen: Vec<(&str, &str)> =
            log.iter().map(|r| (r["method"].as_str().unwrap(), r["path"].as_str().unwrap())).collect();
        let want: Vec<(&str, &str)> = sent.iter().map(|(m, p)| (*m, p.as_str())).collect();
        assert_eq!(seen, want, "{mode}");
    }
}

// ---------------------------------------------------------------- headers

#[tokio::test]
async fn every_answer_forbids_framing_and_sniffing_and_api_answers_are_sandboxed() {
    let b = both().await;
    for (mode, s) in b.modes() {
        let api = Api::basic(s);
        for (path, sandboxed) in [
            ("/", false),
            ("/groups/3918893", false),
            ("/app-0123456789abcdef.js", false),
            ("/missing-0123456789abcdef.js", false),
            (GET, true),
            ("/v2/userGroup2?id=1", true),
            ("/v2/nothing", true),
            ("/healthz", true),
        ] {
            let res = api.request(reqwest::Method::GET, path, &[], None).await;
            let h = res.headers();
            assert_eq!(h["x-frame-options"], "DENY", "{mode} {path}");
            assert_eq!(h["x-content-type-options"], "nosniff", "{mode} {path}");
            assert_eq!(h["referrer-policy"], "no-referrer", "{mode} {path}");
            let csp = h["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("frame-ancestors 'none'"), "{mode} {path}: {csp}");
            assert_eq!(csp.contains("sandbox"), sandboxed, "{mode} {path}: {csp}");
        }
        // Error answers too: unauthenticated, refused by a guard.
        for res in [
            Api::anonymous(s).request(reqwest::Method::GET, GET, &[], None).await,
            api.request(reqwest::Method::GET, GET, &[("Host", "evil.example")], None).await,
            api.request(reqwest::Method::TRACE, "/v2/userGroup2", &[], None).await,
        ] {
            let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
            assert!(csp.contains("sandbox") && csp.contains("frame-ancestors 'none'"), "{mode}: {csp}");
            assert_eq!(res.headers()["x-frame-options"], "DENY");
        }
    }
}

// ---------------------------------------------------------------- the demo stays a demo

#[tokio::test]
async fn control_routes_need_their_header_and_send_no_cors() {
    let s = start(&["--cors-origin", "http://console.example:5173"]).await;
    let url = format!("{}/__emulator/faults", s.url());
    let fault = json!({"kind": "status", "status": 200, "contentType": "text/html", "body": "<script>x</script>"});
    // A page's request, even from the CORS origin: no header, refused, nothing armed.
    let res = reqwest::Client::new()
        .post(&url)
        .header("Origin", "http://console.example:5173")
        .header("Content-Type", "application/json")
        .body(fault.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert!(res.headers().get("access-control-allow-origin").is_none());
    let (_, armed) = Api::control(&s.url()).get("/__emulator/faults").await;
    assert_eq!(armed["armed"], json!([]));
    // A preflight for the header gets no CORS answer, so a browser never sends it.
    let res = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, &url)
        .header("Origin", "http://console.example:5173")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "x-gc-emulator-control,content-type")
        .send()
        .await
        .unwrap();
    assert!(res.headers().keys().all(|k| !k.as_str().starts_with("access-control-")), "{:?}", res.headers());
    // With the header (tests, scripts): served, still without CORS headers.
    let res = reqwest::Client::new()
        .get(&url)
        .header("Origin", "http://console.example:5173")
        .header("X-GC-Emulator-Control", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers().keys().all(|k| !k.as_str().starts_with("access-control-")));
    // A cross-site write with the header is still a cross-site write.
    let res = reqwest::Client::new()
        .delete(format!("{}/__emulator/requests", s.url()))
        .header("Origin", "https://evil.example")
        .header("X-GC-Emulator-Control", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
}

#[tokio::test]
async fn a_fault_body_is_served_sandboxed_and_never_sniffed() {
    let s = start(&[]).await;
    let html = "<!doctype html><script>localStorage.getItem('gc.secrets')</script>";
    let (status, _) = Api::control(&s.url())
        .post("/__emulator/faults", json!({"kind": "status", "status": 200, "contentType": "text/html", "body": html}))
        .await;
    assert_eq!(status, 200);
    let res = Api::basic(&s).raw(reqwest::Method::GET, GET, None).await;
    assert_eq!(res.headers()["content-type"], "text/html");
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.split(';').any(|d| d.trim() == "sandbox"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.text().await.unwrap(), html);
    // The html500 fault's page too.
    Api::control(&s.url()).post("/__emulator/faults", json!({"kind": "html500"})).await;
    let res = Api::basic(&s).raw(reqwest::Method::GET, GET, None).await;
    assert_eq!(res.status().as_u16(), 500);
    assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("sandbox"));
}

#[tokio::test]
async fn the_fault_list_and_hang_counts_are_bounded() {
    let s = start(&[]).await;
    let control = Api::control(&s.url());
    let (status, b) = control.post("/__emulator/faults", json!({"kind": "hang", "count": 21})).await;
    assert_eq!(status, 400, "{b}");
    let (status, _) = control.post("/__emulator/faults", json!({"kind": "hang", "count": 20})).await;
    assert_eq!(status, 200);
    let (status, _) = control.post("/__emulator/faults", json!({"kind": "hang"})).await;
    assert_eq!(status, 400, "the 21st hanging request");
    let (status, _) = control.post("/__emulator/faults", json!({"kind": "html500", "count": 1001})).await;
    assert_eq!(status, 400);
    let many: Vec<Value> = (0..99).map(|_| json!({"kind": "html500"})).collect();
    let (status, _) = control.post("/__emulator/faults", json!(many)).await;
    assert_eq!(status, 200, "100 armed");
    let (status, b) = control.post("/__emulator/faults", json!({"kind": "html500"})).await;
    assert_eq!(status, 400, "the 101st: {b}");
    assert_eq!(control.get("/__emulator/faults").await.1["armed"].as_array().unwrap().len(), 100);
    let err = Server::bind(Args::with(&["--port", "0", "--no-static", "--fault", "hang:50"])).await.err().unwrap();
    assert!(err.to_string().contains("at most 20"), "{err}");
}

#[tokio::test]
async fn a_host_other_machines_can_reach_needs_allow_remote() {
    let err = Server::bind(Args::with(&["--host", "0.0.0.0", "--port", "0", "--no-static"])).await.err().unwrap();
    assert!(err.to_string().contains("--allow-remote"), "{err}");
    for loopback in ["127.0.0.1", "localhost", "::1"] {
        let bound = Server::bind(Args::with(&["--host", loopback, "--port", "0", "--no-static"])).await;
        // ::1 may be missing on a host without IPv6; what matters is that it is not refused.
        if let Err(e) = bound {
            assert!(!e.to_string().contains("--allow-remote"), "{loopback}: {e}");
        }
    }
    let s = Server::bind(Args::with(&["--host", "0.0.0.0", "--allow-remote", "--port", "0", "--no-static"]))
        .await
        .unwrap()
        .spawn();
    let local = format!("http://127.0.0.1:{}/healthz", s.addr().port());
    assert_eq!(reqwest::get(local).await.unwrap().status().as_u16(), 200);
}

// ---------------------------------------------------------------- limits

#[tokio::test]
async fn a_5_mb_body_gets_413_and_nothing_is_logged_in_both_modes() {
    let b = both().await;
    let big = format!(r#"{{"externalId": "big", "groupName": "{}"}}"#, "x".repeat(5 * 1024 * 1024));
    for (mode, s) in b.modes() {
        for api in [Api::basic(s), Api::anonymous(s)] {
            let res = api.raw(reqwest::Method::POST, "/v2/userGroup2", Some(&big)).await;
            assert_eq!(res.status().as_u16(), 413, "{mode}");
            let why: Value = res.json().await.unwrap();
            assert!(why["errors"][0]["message"].as_str().unwrap().contains("1024 KB"), "{why}");
        }
        // Without a Content-Length (chunked): cut off at 1 MB all the same.
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> = (0..5).map(|_| Ok(vec![b' '; 1024 * 1024])).collect();
        let res = reqwest::Client::new()
            .post(format!("{}/v2/userGroup2", s.url()))
            .header("Authorization", demo_basic())
            .header("Content-Type", "application/json")
            .body(reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 413, "{mode}: chunked");
        assert!(b.log(mode).await.is_empty(), "{mode}: nothing logged, nothing forwarded");
    }
}

#[tokio::test]
async fn the_request_log_keeps_at_most_4_kb_of_a_body() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    api.post("/v2/userGroup2", json!({"externalId": "small", "maxGroupSize": 3})).await;
    api.post("/v2/userGroup2", json!({"externalId": "large", "groupName": "y".repeat(5000)})).await;
    let (_, log) = Api::control(&s.url()).get("/__emulator/requests").await;
    assert_eq!(log[0]["body"]["externalId"], "small");
    let kept = log[1]["body"].as_str().unwrap();
    assert!(kept.contains("not kept") && kept.len() < 100, "{kept}");
}

/// Headers that never finish: hyper's timer closes the connection after 10 s (the default).
#[tokio::test]
async fn headers_that_never_finish_are_cut_off_after_10_s() {
    let s = start(&[]).await;
    let mut c = TcpStream::connect(s.addr()).await.unwrap();
    let started = Instant::now();
    c.write_all(format!("GET /healthz HTTP/1.1\r\nHost: {}\r\nX-Slow: ", s.addr()).as_bytes()).await.unwrap();
    let mut buf = vec![];
    let read = tokio::time::timeout(Duration::from_secs(15), c.read_to_end(&mut buf)).await;
    let took = started.elapsed();
    assert!(read.is_ok(), "still open after 15 s");
    assert!(took >= Duration::from_secs(9) && took < Duration::from_secs(12), "closed after {took:?}");
    // Meanwhile, and after, others are served.
    assert_eq!(reqwest::get(format!("{}/healthz", s.url())).await.unwrap().status().as_u16(), 200);
}

/// A client that stops reading a big answer: nothing moves, and after the idle time (a hidden
/// flag shortens the 60 s) the connection is closed instead of held.
#[tokio::test]
async fn a_connection_where_nothing_moves_is_closed() {
    let s = start(&["--idle-timeout-secs", "1"]).await;
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut c = socket.connect(s.addr()).await.unwrap();
    let req = format!(
        "GET /v2/userGroup2?id=5000000 HTTP/1.1\r\nHost: {}\r\nAuthorization: {}\r\n\r\n",
        s.addr(),
        demo_basic()
    );
    c.write_all(req.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut got = vec![];
    let _ = tokio::time::timeout(Duration::from_secs(10), c.read_to_end(&mut got)).await.expect("closed");
    let text = String::from_utf8_lossy(&got);
    let length: usize = text
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length: ").map(|n| n.trim().parse().unwrap()))
        .unwrap_or(usize::MAX);
    assert!(got.len() < length, "the whole answer came ({} bytes): the connection was not closed", got.len());
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_slot() {
    let s = start(&["--max-connections", "2"]).await;
    let first = TcpStream::connect(s.addr()).await.unwrap();
    let _second = TcpStream::connect(s.addr()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let third = tokio::spawn({
        let url = format!("{}/healthz", s.url());
        async move { reqwest::get(url).await.unwrap().status().as_u16() }
    });
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(!third.is_finished(), "a third connection was served while two were open");
    drop(first);
    let status = tokio::time::timeout(Duration::from_secs(5), third).await.expect("served once a slot was free");
    assert_eq!(status.unwrap(), 200);
}

#[tokio::test]
async fn a_stalled_upstream_body_times_out_in_the_proxy() {
    // A platform that sends the head and half its body, then nothing.
    let platform = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = platform.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut c, _)) = platform.accept().await else { break };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = c.read(&mut buf).await;
                let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\": ";
                let _ = c.write_all(head.as_bytes()).await;
                tokio::time::sleep(Duration::from_secs(30)).await;
            });
        }
    });
    let proxy = start(&["--upstream", &format!("http://{addr}"), "--upstream-timeout-secs", "1"]).await;
    let started = Instant::now();
    let res = Api::basic(&proxy).raw(reqwest::Method::GET, GET, None).await;
    assert_eq!(res.status().as_u16(), 200);
    let body = tokio::time::timeout(Duration::from_secs(10), res.bytes()).await.expect("not held open");
    assert!(body.is_err(), "the answer broke off");
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
}

#[tokio::test]
async fn server_held_oauth_renews_at_most_once_per_30_s_however_many_401s() {
    let up = start(&[]).await;
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "demo-secret").unwrap();
    let proxy =
        start(&["--upstream", &up.url(), "--oauth-key", "demo-key", "--oauth-secret-file", secret.to_str().unwrap()])
            .await;
    assert_eq!(Api::anonymous(&proxy).get(GET).await.0, 200);
    // The platform refuses every token for a while.
    Api::control(&up.url())
        .post(
            "/__emulator/faults",
            json!({"kind": "status", "status": 401, "body": "{}", "count": 200, "path": "/v2/userGroup2"}),
        )
        .await;
    let many = (0..10).map(|_| {
        let p = Api::anonymous(&proxy);
        async move { p.get(GET).await.0 }
    });
    let statuses = futures_util::future::join_all(many).await;
    assert!(statuses.iter().all(|s| *s == 401), "{statuses:?}");
    for _ in 0..5 {
        assert_eq!(Api::anonymous(&proxy).get(GET).await.0, 401);
    }
    let (_, log) = Api::control(&up.url()).get("/__emulator/requests").await;
    let tokens = log.as_array().unwrap().iter().filter(|r| r["path"] == endpoints::OAUTH_TOKEN).count();
    assert_eq!(tokens, 2, "the first token and one renewal: {log}");
}
