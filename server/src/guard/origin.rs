//! Only its own origin: the names this server answers to (`Host`, else 421), and writes only
//! from its own pages (`Origin` or `Sec-Fetch-Site`) sent as JSON (else 403). A request with
//! neither `Origin` nor `Sec-Fetch-Site` comes from no browser page (curl, a script): its
//! writes are served as they come.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::Response,
};

use crate::json::plain_error;

/// One name a `Host` header may carry; `port: None` takes it on any port.
#[derive(Debug, Clone, PartialEq)]
struct HostName {
    name: String,
    port: Option<u16>,
}

/// Who may call: the names this server answers to, and the origins whose pages may write.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    hosts: Vec<HostName>,
    /// `--public-origin` and `--cors-origin` values, as browsers write an `Origin`.
    writers: Vec<String>,
    /// `--cors-origin` values alone.
    cors: Vec<String>,
}

impl Origins {
    /// The bound address and loopback names on its port, then `--public-origin URL`s (their
    /// host on any port, and their pages may write), `--allowed-host NAME[:PORT]`s, and
    /// `--cors-origin URL`s (their pages may write; they are not names of this server).
    pub fn new(
        bound: SocketAddr,
        public_origins: &[String],
        allowed_hosts: &[String],
        cors_origins: &[String],
    ) -> Result<Origins, String> {
        let port = Some(bound.port());
        let mut o = Origins::default();
        for name in [host_text(bound.ip()), "localhost".into(), "127.0.0.1".into(), "[::1]".into()] {
            o.hosts.push(HostName { name, port });
        }
        for url in public_origins {
            let (origin, host) = parse_origin("--public-origin", url)?;
            o.hosts.push(HostName { name: host, port: None });
            o.writers.push(origin);
        }
        for h in allowed_hosts {
            let parsed = parse_host(h).filter(|(name, _)| !name.contains(['/', '@', '?', '#'])).ok_or_else(|| {
                format!("--allowed-host {h}: give a host name, optionally with :PORT (no scheme, no path)")
            })?;
            o.hosts.push(HostName { name: parsed.0, port: parsed.1 });
        }
        for url in cors_origins {
            let origin = parse_origin("--cors-origin", url)?.0;
            o.writers.push(origin.clone());
            o.cors.push(origin);
        }
        Ok(o)
    }

    /// The `--cors-origin` origins, as browsers write them.
    pub fn cors_origins(&self) -> &[String] {
        &self.cors
    }

    /// Whether `host` (a `Host` header or a request line's authority) names this server.
    pub fn allows_host(&self, host: &str) -> bool {
        let Some((name, port)) = parse_host(host) else { return false };
        // Without a port the browser means HTTP's default.
        let port = port.unwrap_or(80);
        self.hosts.iter().any(|h| h.name == name && h.port.is_none_or(|p| p == port))
    }

    /// Whether a page of `origin` may write to this server when it was asked for as `host`.
    fn allows_writer(&self, origin: &str, host: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        let host = host.to_ascii_lowercase();
        origin == format!("http://{host}") || origin == format!("https://{host}") || self.writers.contains(&origin)
    }
}

fn host_text(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// `name[:port]` (IPv6 in brackets), the name lowercased; `None` if it is not that shape.
fn parse_host(text: &str) -> Option<(String, Option<u16>)> {
    let text = text.trim().to_ascii_lowercase();
    let (name, port) = if text.starts_with('[') {
        let end = text.find(']')?;
        let rest = &text[end + 1..];
        let port = match rest.strip_prefix(':') {
            Some(p) => Some(p.parse().ok()?),
            None if rest.is_empty() => None,
            None => return None,
        };
        (text[..=end].to_string(), port)
    } else {
        match text.rsplit_once(':') {
            Some((n, p)) => (n.to_string(), Some(p.parse().ok()?)),
            None => (text, None),
        }
    };
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    Some((name, port))
}

/// `https://console.example.com` → (that origin as a browser writes it, its host name).
fn parse_origin(flag: &str, url: &str) -> Result<(String, String), String> {
    let u = reqwest::Url::parse(url).map_err(|e| format!("{flag} {url} is not a URL: {e}"))?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return Err(format!("{flag} {url} must be http(s)://host[:port]"));
    }
    if u.path() != "/" || u.query().is_some() || u.fragment().is_some() || !u.username().is_empty() {
        return Err(format!("{flag} {url}: give the origin only, e.g. https://console.example.com (no path)"));
    }
    let host = u.host_str().unwrap_or_default().to_ascii_lowercase();
    Ok((u.origin().ascii_serialization().to_ascii_lowercase(), host))
}

/// A request's `Host` (or its request line's authority) must name this server: a page of
/// another site whose name points at this address (DNS rebinding) gets 421.
pub async fn host(State(origins): State<Arc<Origins>>, req: Request, next: Next) -> Response {
    let header_host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    let authority = req.uri().authority().map(|a| a.as_str());
    let named = header_host.or(authority);
    let ok = named.is_some_and(|h| origins.allows_host(h)) && authority.is_none_or(|a| origins.allows_host(a));
    if ok {
        return next.run(req).await;
    }
    let message = match named {
        Some(h) => format!(
            "This server does not answer to the name {h:?}. Open the console at its own address (see --public-origin and --allowed-host)."
        ),
        None => "A request must name this server in its Host header.".to_string(),
    };
    plain_error(StatusCode::MISDIRECTED_REQUEST, &message)
}

/// Writes (anything but GET and HEAD) from a browser page must come from this server's own
/// pages (or a `--cors-origin`), and carry their body as JSON. A write with no body (a
/// DELETE) needs no content type.
pub async fn writes(State(origins): State<Arc<Origins>>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    match write_refusal(&origins, req.method(), req.headers()) {
        None => next.run(req).await,
        Some(why) => plain_error(StatusCode::FORBIDDEN, &why),
    }
}

fn write_refusal(origins: &Origins, method: &Method, headers: &HeaderMap) -> Option<String> {
    let text = |name: &str| headers.get(name).map(|v| v.to_str().unwrap_or("?").trim().to_string());
    let origin = text("origin");
    let site = text("sec-fetch-site");
    if origin.is_none() && site.is_none() {
        return None; // not a browser page: curl, a script, a server
    }
    let host = text("host").unwrap_or_default();
    let own = match (&origin, &site) {
        (Some(o), _) => origins.allows_writer(o, &host),
        (None, Some(s)) => s.eq_ignore_ascii_case("same-origin"),
        (None, None) => true,
    };
    if !own {
        let from = origin.or(site.map(|s| format!("Sec-Fetch-Site: {s}"))).unwrap_or_default();
        return Some(format!(
            "Refused: a {method} from another site ({from}). Only the console's own pages may change data here."
        ));
    }
    let has_body = text("content-length").is_some_and(|n| n != "0") || headers.contains_key(header::TRANSFER_ENCODING);
    let content_type = text("content-type");
    let is_json = content_type
        .as_deref()
        .is_some_and(|t| t.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("application/json"));
    let needs_json =
        has_body || content_type.is_some() || matches!(*method, Method::POST | Method::PUT | Method::PATCH);
    if needs_json && !is_json {
        return Some(format!(
            "Refused: a {method} must send its body as Content-Type: application/json (this one: {}).",
            content_type.as_deref().unwrap_or("none")
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origins() -> Origins {
        Origins::new(
            "127.0.0.1:8080".parse().unwrap(),
            &["https://Console.Example.com".into()],
            &["origin.internal".into(), "10.0.0.5:9000".into()],
            &["http://127.0.0.1:5173".into()],
        )
        .unwrap()
    }

    #[test]
    fn host_names() {
        let o = origins();
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
            "console.example.com",
            "console.example.com:443",
            "origin.internal:8080",
            "10.0.0.5:9000",
        ] {
            assert!(o.allows_host(ok), "{ok}");
        }
        for refused in [
            "rebind.evil.example",
            "rebind.evil.example:8080",
            "localhost:8081",
            "localhost",
            "127.0.0.1",
            "10.0.0.5:9001",
            "evil.console.example.com",
            "console.example.com.evil",
            "",
            "127.0.0.1:8080:1",
            "[::1",
        ] {
            assert!(!o.allows_host(refused), "{refused}");
        }
    }

    #[test]
    fn writers() {
        let o = origins();
        let h = |pairs: &[(&'static str, &str)]| {
            let mut m = HeaderMap::new();
            for (k, v) in pairs {
                m.insert(*k, v.parse().unwrap());
            }
            m
        };
        let json = ("content-type", "application/json; charset=utf-8");
        let post = Method::POST;
        let host = ("host", "127.0.0.1:8080");
        assert_eq!(write_refusal(&o, &post, &h(&[host, ("origin", "http://127.0.0.1:8080"), json])), None);
        assert_eq!(write_refusal(&o, &post, &h(&[host, ("origin", "https://console.example.com"), json])), None);
        assert_eq!(write_refusal(&o, &post, &h(&[host, ("origin", "http://127.0.0.1:5173"), json])), None);
        assert_eq!(write_refusal(&o, &post, &h(&[host, ("sec-fetch-site", "same-origin"), json])), None);
        // No browser page: served as it comes, whatever its type.
        assert_eq!(write_refusal(&o, &post, &h(&[host, ("content-type", "text/plain")])), None);
        // A DELETE without a body needs no type.
        assert_eq!(
            write_refusal(
                &o,
                &Method::DELETE,
                &h(&[host, ("origin", "http://127.0.0.1:8080"), ("content-length", "0")])
            ),
            None
        );
        for (headers, word) in [
            (h(&[host, ("origin", "https://evil.example"), json]), "another site"),
            (h(&[host, ("origin", "null"), json]), "another site"),
            (h(&[host, ("sec-fetch-site", "cross-site"), json]), "another site"),
            (h(&[host, ("sec-fetch-site", "same-site"), json]), "another site"),
            (h(&[host, ("origin", "http://127.0.0.1:8080"), ("content-type", "text/plain")]), "application/json"),
            (h(&[host, ("origin", "http://127.0.0.1:8080")]), "application/json"),
        ] {
            let why = write_refusal(&o, &post, &headers).unwrap_or_default();
            assert!(why.contains(word), "{headers:?}: {why}");
        }
    }

    #[test]
    fn flags_are_checked() {
        let bound = "127.0.0.1:1".parse().unwrap();
        assert!(Origins::new(bound, &["https://x.example/app".into()], &[], &[]).is_err());
        assert!(Origins::new(bound, &["ftp://x.example".into()], &[], &[]).is_err());
        assert!(Origins::new(bound, &[], &["https://x.example".into()], &[]).is_err());
        assert!(Origins::new(bound, &[], &[], &["x.example".into()]).is_err());
    }
}
