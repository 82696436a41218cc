//! Fault injection (each kind, filters, the startup flag) and `--data` persistence.

mod common;

use std::time::{Duration, Instant};

use common::{start, Api};
use serde_json::{json, Value};

const GET: &str = "/v2/userGroup2?id=3918893";

async fn arm(base: &str, fault: Value) -> Value {
    let (status, b) = Api::control(base).post("/__emulator/faults", fault).await;
    assert_eq!(status, 200, "{b}");
    b
}

#[tokio::test]
async fn html500_then_back_to_normal() {
    let s = start(&[]).await;
    let b = arm(&s.url(), json!({"kind": "html500", "count": 2})).await;
    assert_eq!(b["armed"][0]["kind"], "html500");
    let api = Api::basic(&s);
    for _ in 0..2 {
        let res = api.raw(reqwest::Method::GET, GET, None).await;
        assert_eq!(res.status().as_u16(), 500);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        assert!(res.text().await.unwrap().contains("<html>"));
    }
    assert_eq!(api.get(GET).await.0, 200);
}

#[tokio::test]
async fn truncated_is_the_real_json_cut_in_half() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let full = api.raw(reqwest::Method::GET, GET, None).await.text().await.unwrap();
    arm(&s.url(), json!({"kind": "truncated"})).await;
    let res = api.raw(reqwest::Method::GET, GET, None).await;
    assert_eq!(res.status().as_u16(), 200);
    let cut = res.text().await.unwrap();
    assert!(full.starts_with(&cut) && !cut.is_empty());
    assert!(cut.len() <= full.len() / 2 + 1);
    assert!(serde_json::from_str::<Value>(&cut).unwrap_err().is_eof());
}

#[tokio::test]
async fn status_fault_sends_any_shape() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    arm(&s.url(), json!({"kind": "status", "status": 429, "body": "{}", "retryAfter": 2})).await;
    let res = api.raw(reqwest::Method::GET, GET, None).await;
    assert_eq!(res.status().as_u16(), 429);
    assert_eq!(res.headers()["retry-after"], "2");
    assert_eq!(res.headers()["content-type"], "application/json");
    assert_eq!(res.text().await.unwrap(), "{}");

    arm(
        &s.url(),
        json!({"kind": "status", "status": 503, "body": "down for maintenance", "contentType": "text/plain"}),
    )
    .await;
    let res = api.raw(reqwest::Method::GET, GET, None).await;
    assert_eq!((res.status().as_u16(), res.headers()["content-type"].to_str().unwrap()), (503, "text/plain"));

    arm(&s.url(), json!({"kind": "status", "status": 400, "body": "{\"success\":false}"})).await;
    let (status, b) = api.get(GET).await;
    assert_eq!((status, b), (400, json!({"success": false})));
}

#[tokio::test]
async fn faults_match_method_and_path() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    arm(&s.url(), json!({"kind": "status", "status": 502, "method": "post", "path": "/v2/userGroup2"})).await;
    assert_eq!(api.get(GET).await.0, 200, "a GET does not match");
    assert_eq!(
        api.post("/api_gateway/core/v1/group/create", json!({"name": "n"})).await.0,
        200,
        "another path does not match"
    );
    assert_eq!(api.post("/v2/userGroup2", json!({"externalId": "f", "maxGroupSize": 2})).await.0, 502);
    let (_, groups) = Api::control(&s.url()).get("/__emulator/groups").await;
    assert!(groups.as_array().unwrap().iter().all(|g| g["externalId"] != "f"), "a faulted create creates nothing");
    // Arm, list, clear.
    arm(&s.url(), json!([{"kind": "html500", "count": 5}, {"kind": "reset"}])).await;
    let control = Api::control(&s.url());
    assert_eq!(control.get("/__emulator/faults").await.1["armed"].as_array().unwrap().len(), 2);
    let (_, cleared) = control.send(reqwest::Method::DELETE, "/__emulator/faults", None).await;
    assert_eq!(cleared["cleared"], 2);
    assert_eq!(api.get(GET).await.0, 200);
    let (status, _) = control.post("/__emulator/faults", json!({"kind": "meltdown"})).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn reset_drops_the_connection() {
    let s = start(&[]).await;
    arm(&s.url(), json!({"kind": "reset"})).await;
    let client = reqwest::Client::new();
    let err = client.get(format!("{}{GET}", s.url())).send().await.expect_err("no answer");
    assert!(!err.is_status(), "{err}");
    let (status, _) = Api::basic(&s).get(GET).await;
    assert_eq!(status, 200, "only the next request");
}

#[tokio::test]
async fn hang_answers_nothing_then_closes() {
    let s = start(&["--hang-secs", "1"]).await;
    arm(&s.url(), json!({"kind": "hang"})).await;
    let started = Instant::now();
    let err = reqwest::Client::new()
        .get(format!("{}{GET}", s.url()))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .expect_err("no answer");
    assert!(!err.is_timeout(), "closed after --hang-secs, before the client gave up: {err}");
    assert!(started.elapsed() >= Duration::from_millis(950));
}

#[tokio::test]
async fn fault_flag_arms_at_startup() {
    let s = start(&["--fault", "html500:1"]).await;
    assert_eq!(Api::basic(&s).get(GET).await.0, 500);
    assert_eq!(Api::basic(&s).get(GET).await.0, 200);
    let bad =
        gc_server::Server::bind(gc_server::Args::with(&["--port", "0", "--no-static", "--fault", "melt:1"])).await;
    assert!(bad.err().unwrap().to_string().contains("html500"));
}

#[tokio::test]
async fn data_file_round_trips_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state.json");
    let path = file.to_str().unwrap();
    let s = start(&["--data", path]).await;
    assert!(file.is_file(), "created from the seeds at start");
    let api = Api::basic(&s);
    let (_, created) = api
        .post(
            "/v2/userGroup2",
            json!({"externalId": "kept", "groupName": "Kept", "maxGroupSize": 4, "extendedFields": {"platinum": 3}}),
        )
        .await;
    api.put("/v2/userGroup2", json!({"id": 3920001, "groupName": "Renamed Sharma"})).await;
    api.post("/api_gateway/core/v1/group/create", json!({"name": "Saved reward", "rank": 4})).await;
    let (_, before) = api.get("/v2/userGroup2?id=5000000&programDetails=true").await;
    s.stop().await;
    // No temp file left behind.
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names, ["state.json"]);
    assert!(std::fs::metadata(&file).unwrap().len() < 1_000_000, "the 30,000 members are stored as a seed");

    let s = start(&["--data", path]).await;
    let api = Api::basic(&s);
    let (_, g) = api.get("/v2/userGroup2?externalId=kept").await;
    assert_eq!((g["id"].clone(), g["extendedFields"]["platinum"].clone()), (created["entity"].clone(), json!(3)));
    assert_eq!(api.get("/v2/userGroup2?id=3920001").await.1["groupName"], "Renamed Sharma");
    let (_, after) = api.get("/v2/userGroup2?id=5000000&programDetails=true").await;
    assert_eq!(before, after);
    // Counters continue where they were.
    let (_, next) = api.post("/v2/userGroup2", json!({"externalId": "next", "maxGroupSize": 4})).await;
    assert_eq!(next["entity"].as_i64(), created["entity"].as_i64().map(|n| n + 1));
    let (status, r) = api.post("/api_gateway/core/v1/group/create", json!({"name": "saved REWARD"})).await;
    assert_eq!((status, r["status"]["code"].as_i64()), (400, Some(12012)));
    let (_, r) = api.post("/api_gateway/core/v1/group/create", json!({"name": "Another"})).await;
    assert_eq!(r["id"], 2413);
}

#[tokio::test]
async fn member_writes_statuses_and_renames_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state.json");
    let path = file.to_str().unwrap();
    let s = start(&["--data", path]).await;
    let api = Api::basic(&s);
    api.post("/v2/userGroup2/join?id=5000000", json!([{"userId": 820000001}])).await;
    api.post(
        "/v2/userGroup2/join?id=3920007",
        json!([{"userId": 790000001, "permissions": ["block_points_transfer"]}]),
    )
    .await;
    api.delete("/v2/userGroup2/3920002/leave?source=INSTORE&identifierName=mobile&identifierValue=919876500005").await;
    api.delete("/v2/userGroup2?id=3920004").await;
    api.put("/api_gateway/core/v1/group/2403", json!({"name": "Birthday Bonanza"})).await;
    let (_, big_before) = api.get("/v2/userGroup2?id=5000000").await;
    s.stop().await;
    assert!(std::fs::metadata(&file).unwrap().len() < 1_000_000, "still a seed plus the changes");

    let s = start(&["--data", path]).await;
    let api = Api::basic(&s);
    assert_eq!(api.get("/v2/userGroup2?id=5000000").await.1, big_before);
    let (_, m) = api
        .get("/v2/userGroup2/members?source=INSTORE&identifierName=id&identifierValue=3920007&sortBy=IS_PRIMARY")
        .await;
    let joined = m["data"].as_array().unwrap().iter().find(|x| x["fleetUserId"] == 790000001).unwrap();
    assert_eq!(joined["permissions"], "block_points_transfer");
    assert_eq!(api.get("/v2/userGroup2?id=3920002").await.1["groupStatus"], "INACTIVE");
    assert_eq!(api.get("/v2/userGroup2?id=3920004").await.1["groupStatus"], "DELETED");
    let (_, rewards) = Api::control(&s.url()).get("/__emulator/reward-groups").await;
    let renamed = rewards.as_array().unwrap().iter().find(|g| g["id"] == 2403).unwrap();
    assert_eq!((renamed["name"].as_str(), renamed["unlinkedByRename"].as_i64()), (Some("Birthday Bonanza"), Some(1)));
}

#[tokio::test]
async fn a_corrupt_data_file_is_a_clear_error_and_stays_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(&file, "{\"version\": 1, \"groups\": [").unwrap();
    let err = gc_server::Server::bind(gc_server::Args::with(&[
        "--port",
        "0",
        "--no-static",
        "--data",
        file.to_str().unwrap(),
    ]))
    .await
    .err()
    .expect("refuses to start");
    let msg = err.to_string();
    assert!(msg.contains("broken.json") && msg.contains("EOF"), "{msg}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "{\"version\": 1, \"groups\": [");
}

#[test]
fn the_binary_exits_2_on_a_corrupt_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    std::fs::write(&file, "not json").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gc-server"))
        .args(["--port", "0", "--no-static", "--data", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json") && err.contains("expected"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_with_a_data_file_keeps_every_group() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("burst.json");
    let path = file.to_str().unwrap();
    let s = start(&["--data", path]).await;
    let api = Api::basic(&s);
    let started = Instant::now();
    for pair in 0..300 {
        let (a, b) = tokio::join!(
            api.post("/v2/userGroup2", json!({"externalId": format!("d{pair}a"), "maxGroupSize": 3})),
            api.post("/v2/userGroup2", json!({"externalId": format!("d{pair}b"), "maxGroupSize": 3})),
        );
        assert_eq!((a.0, b.0), (200, 200));
    }
    let took = started.elapsed();
    s.stop().await;
    let saved: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let burst = saved["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["externalId"].as_str().unwrap().starts_with('d'))
        .count();
    assert_eq!(burst, 600, "every create is in the file after stop");
    assert!(took < Duration::from_secs(30), "600 creates took {took:?}");
    eprintln!("600 creates with --data: {took:?}");
}

#[test]
fn sigterm_writes_the_data_file_before_exiting() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state.json");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gc-server"))
        .args(["--port", "0", "--no-static", "--data", file.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let url = first.trim().strip_prefix("Group Console: ").unwrap().trim_end_matches('/').to_string();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let api = Api::at(&url);
        let api = Api { auth: Some(("Authorization", common::demo_basic())), ..api };
        let (status, _) = api.post("/v2/userGroup2", json!({"externalId": "before-term", "maxGroupSize": 2})).await;
        assert_eq!(status, 200);
    });
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("before-term"));
}
