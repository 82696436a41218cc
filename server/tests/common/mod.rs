//! Shared by the integration tests: start a server in-process on port 0, call it over HTTP.
#![allow(dead_code)]

use gc_core::platform::auth::{basic_header, md5_hex};
use gc_server::{Args, Running, Server};
use serde_json::Value;

/// A server on a free loopback port, API only, with extra flags.
pub async fn start(flags: &[&str]) -> Running {
    let mut all = vec!["--host", "127.0.0.1", "--port", "0", "--no-static"];
    all.extend_from_slice(flags);
    Server::bind(Args::with(&all)).await.expect("server starts").spawn()
}

pub fn demo_basic() -> String {
    basic_header("marketer", &md5_hex("loyalty"))
}

/// A client that sends the given credential header on every call.
pub struct Api {
    pub base: String,
    pub client: reqwest::Client,
    pub auth: Option<(&'static str, String)>,
}

impl Api {
    pub fn basic(server: &Running) -> Api {
        Api { base: server.url(), client: reqwest::Client::new(), auth: Some(("Authorization", demo_basic())) }
    }

    pub fn anonymous(server: &Running) -> Api {
        Api { base: server.url(), client: reqwest::Client::new(), auth: None }
    }

    pub fn with_header(server: &Running, name: &'static str, value: &str) -> Api {
        Api { base: server.url(), client: reqwest::Client::new(), auth: Some((name, value.to_string())) }
    }

    pub fn at(base: &str) -> Api {
        Api { base: base.to_string(), client: reqwest::Client::new(), auth: None }
    }

    /// For the emulator's `/__emulator/` routes, which need their header.
    pub fn control(base: &str) -> Api {
        Api {
            base: base.to_string(),
            client: reqwest::Client::new(),
            auth: Some(("X-GC-Emulator-Control", "1".into())),
        }
    }

    fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut r = self.client.request(method, format!("{}{path}", self.base)).header("Accept", "application/json");
        if let Some((name, value)) = &self.auth {
            r = r.header(*name, value);
        }
        r
    }

    pub async fn send(&self, method: reqwest::Method, path: &str, body: Option<&str>) -> (u16, Value) {
        let mut r = self.req(method, path);
        if let Some(b) = body {
            r = r.header("Content-Type", "application/json").body(b.to_string());
        }
        let res = r.send().await.expect("request answered");
        let status = res.status().as_u16();
        let text = res.text().await.expect("body read");
        let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, json)
    }

    /// A JSON body with extra headers (a browser's Origin, Sec-Fetch-Site, …).
    pub async fn send_with(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &str,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut all = vec![("Content-Type", "application/json")];
        all.extend_from_slice(headers);
        let res = self.request(method, path, &all, Some(body)).await;
        let status = res.status().as_u16();
        let text = res.text().await.expect("body read");
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// Exactly these headers (besides the credential and Accept) and body.
    pub async fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> reqwest::Response {
        let mut r = self.req(method, path);
        for (name, value) in headers {
            r = r.header(*name, *value);
        }
        if let Some(b) = body {
            r = r.body(b.to_string());
        }
        r.send().await.expect("request answered")
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, Some(&body.to_string())).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::PUT, path, Some(&body.to_string())).await
    }

    pub async fn delete(&self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::DELETE, path, None).await
    }

    /// The emulator's view of one group (`/__emulator/groups`).
    pub async fn control_group(&self, id: u64) -> Value {
        let (_, groups) = Api::control(&self.base).get("/__emulator/groups").await;
        groups.as_array().unwrap().iter().find(|g| g["id"] == id).cloned().unwrap_or_else(|| panic!("no group {id}"))
    }

    pub async fn raw(&self, method: reqwest::Method, path: &str, body: Option<&str>) -> reqwest::Response {
        let mut r = self.req(method, path);
        if let Some(b) = body {
            r = r.header("Content-Type", "application/json").body(b.to_string());
        }
        r.send().await.expect("request answered")
    }
}

/// The first v2 error code of a body.
pub fn code(body: &Value) -> i64 {
    body["errors"][0]["code"].as_i64().unwrap_or_else(|| panic!("no error code in {body}"))
}

/// The codes of a body's warnings.
pub fn warning_codes(body: &Value) -> Vec<i64> {
    body["warnings"].as_array().map(|a| a.iter().filter_map(|w| w["code"].as_i64()).collect()).unwrap_or_default()
}
