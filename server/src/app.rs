//! Puts the app together from the command line: the emulator (state, auth, faults) or the
//! proxy (upstreams, server-held credentials), then health, static files, the guards every
//! request passes (guard/), compression.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::{routing::get, Router};

use crate::emulator::{self, seed, store};
use crate::{guard, proxy, runtime_config, static_files, Args, Fault, OnStop, StartError};

/// The whole app for a server bound at `bound`, the banner lines that describe it, and what
/// to do when it stops.
pub fn build(args: &Args, bound: SocketAddr) -> Result<(Router, Vec<String>, Option<OnStop>), StartError> {
    if args.upstream.is_some() && !args.cors_origin.is_empty() {
        return Err(StartError(
            "--cors-origin is an emulator setting: the proxy never answers other sites (it may hold credentials)"
                .into(),
        ));
    }
    let origins =
        guard::Origins::new(bound, &args.public_origin, &args.allowed_host, &args.cors_origin).map_err(StartError)?;
    let (app, info, on_stop) = match &args.upstream {
        Some(upstream) => {
            let (app, info) = proxy_app(args, upstream)?;
            (app, info, None)
        }
        None => emulator_app(args)?,
    };
    let mut app = app.route("/healthz", get(|| async { "ok" }));
    if !args.no_static {
        let index = args.dist.join("index.html");
        if !index.is_file() {
            return Err(StartError(format!(
                "{} not found: build the console first with `make dist` (or pass --dist DIR)",
                index.display()
            )));
        }
        app = app.fallback_service(static_files::service(&args.dist));
    }
    let app = guard::apply(app, origins);
    // Compressed like a CDN would, so `make bench` measures a realistic transfer.
    Ok((app.layer(tower_http::compression::CompressionLayer::new()), info, on_stop))
}

fn emulator_app(args: &Args) -> Result<(Router, Vec<String>, Option<OnStop>), StartError> {
    let proxy_only = [
        ("--reward-upstream", args.reward_upstream.is_some()),
        ("--basic-user", args.basic_user.is_some()),
        ("--basic-password-file", args.basic_password_file.is_some()),
        ("--basic-password-md5-file", args.basic_password_md5_file.is_some()),
        ("--oauth-key", args.oauth_key.is_some()),
        ("--oauth-secret-file", args.oauth_secret_file.is_some()),
    ];
    if let Some((flag, _)) = proxy_only.iter().find(|(_, set)| *set) {
        return Err(StartError(format!("{flag} needs --upstream URL (it is a proxy setting)")));
    }
    let faults = args.fault.iter().map(|f| Fault::parse_flag(f)).collect::<Result<Vec<_>, _>>().map_err(StartError)?;
    let store = match &args.data {
        Some(path) => store::Store::open(path, seed::store).map_err(StartError)?,
        None => seed::store(),
    };
    let mut info = vec![];
    let mut modes = vec![if args.cors_origin.is_empty() {
        "no CORS, like the platform".to_string()
    } else {
        format!("CORS for {}", args.cors_origin.join(", "))
    }];
    if let Some(n) = args.rate_limit {
        modes.push(format!("at most {n} requests a minute per credential"));
    }
    if args.latency_ms > 0 {
        modes.push(format!("{} ms latency", args.latency_ms));
    }
    if args.keep_group_on_primary_exit {
        modes.push("groups stay active when their primary member leaves".into());
    }
    match &args.data {
        Some(p) => modes.push(format!("state in {}", p.display())),
        None => modes.push("state in memory".into()),
    }
    info.push(format!("  API: emulated on this origin ({})", modes.join(", ")));
    info.push(format!(
        "  demo credentials: Basic username \"{}\", password \"{}\"; OAuth key \"{}\", secret \"{}\"",
        args.demo_user, args.demo_password, args.demo_oauth_key, args.demo_oauth_secret
    ));
    info.push("  seeded groups:".into());
    for (id, note) in seed::SEED_NOTES {
        if store.group(*id).is_some() {
            info.push(format!("    {id}  {note}"));
        }
    }
    let rewards = store.reward_groups();
    let ids = || rewards.iter().map(|r| r.id.0);
    match (ids().min(), ids().max()) {
        (Some(first), Some(last)) => info.push(format!("  reward groups: {} (ids {first}–{last})", rewards.len())),
        _ => info.push("  reward groups: none".into()),
    }
    info.push("  test controls: {url}__emulator/ (faults, groups, reward-groups, requests)".into());
    if !faults.is_empty() {
        info.push(format!("  armed faults: {}", args.fault.join(", ")));
    }
    let auth = emulator::access::Auth::new(
        &args.demo_user,
        &args.demo_password,
        &args.demo_oauth_key,
        &args.demo_oauth_secret,
        Duration::from_secs(args.token_ttl_secs),
    );
    let opts = emulator::Options {
        max_group_size: args.max_group_size,
        rate_limit: args.rate_limit,
        latency: Duration::from_millis(args.latency_ms),
        hang: Duration::from_secs(args.hang_secs),
        keep_group_on_primary_exit: args.keep_group_on_primary_exit,
    };
    let armed = emulator::faults::Faults::default();
    armed.arm(faults).map_err(|e| StartError(format!("--fault: {e}")))?;
    let emu = Arc::new(emulator::Emu::new(store, auth, armed, opts));
    emu.start_writer();
    let flush = emu.clone();
    let on_stop: OnStop = Arc::new(move || flush.flush());
    Ok((emulator::router(emu), info, Some(on_stop)))
}

fn read_secret(path: &PathBuf, what: &str) -> Result<String, StartError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| StartError(format!("cannot read {what} from {}: {e}", path.display())))?;
    // A trailing newline from `echo pw > file` is not part of the password.
    let text = text.trim_end_matches(['\n', '\r']).to_string();
    if text.is_empty() {
        return Err(StartError(format!("{} is empty: it should hold the {what}", path.display())));
    }
    Ok(text)
}

fn server_creds(args: &Args) -> Result<Option<proxy::Creds>, StartError> {
    let basic =
        args.basic_user.is_some() || args.basic_password_file.is_some() || args.basic_password_md5_file.is_some();
    let oauth = args.oauth_key.is_some() || args.oauth_secret_file.is_some();
    if basic && oauth {
        return Err(StartError(
            "give either Basic (--basic-user …) or OAuth (--oauth-key …) credentials, not both".into(),
        ));
    }
    if basic {
        let Some(user) = &args.basic_user else {
            return Err(StartError("--basic-password-file / --basic-password-md5-file need --basic-user".into()));
        };
        let md5 = match (&args.basic_password_file, &args.basic_password_md5_file) {
            (Some(f), None) => gc_core::platform::auth::md5_hex(&read_secret(f, "Basic password")?),
            (None, Some(f)) => {
                let h = read_secret(f, "MD5 hex of the Basic password")?.trim().to_ascii_lowercase();
                if h.len() != 32 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Err(StartError(format!("{} does not hold a 32-digit MD5 hex", f.display())));
                }
                h
            }
            _ => {
                return Err(StartError(
                    "--basic-user needs exactly one of --basic-password-file or --basic-password-md5-file".into(),
                ))
            }
        };
        return Ok(Some(proxy::Creds::Basic {
            user: user.clone(),
            header: gc_core::platform::auth::basic_header(user, &md5),
        }));
    }
    if oauth {
        let (Some(key), Some(f)) = (&args.oauth_key, &args.oauth_secret_file) else {
            return Err(StartError("--oauth-key and --oauth-secret-file go together".into()));
        };
        let secret = read_secret(f, "OAuth client secret")?;
        return Ok(Some(proxy::Creds::OAuth { key: key.clone(), secret, token: Default::default() }));
    }
    Ok(None)
}

fn proxy_app(args: &Args, upstream: &str) -> Result<(Router, Vec<String>), StartError> {
    if let Some((flag, _)) =
        [("--data", args.data.is_some()), ("--fault", !args.fault.is_empty())].iter().find(|(_, set)| *set)
    {
        return Err(StartError(format!("{flag} is an emulator setting; it does nothing with --upstream")));
    }
    let creds = server_creds(args)?;
    let timeout = Duration::from_secs(args.upstream_timeout_secs.max(1));
    let p = proxy::Proxy::new(upstream, args.reward_upstream.as_deref(), timeout, creds).map_err(StartError)?;
    let info = p.describe();
    let auth_by_server = p.holds_credentials();
    let app = proxy::router(Arc::new(p)).merge(runtime_config::router(args.dist.clone(), auth_by_server));
    Ok((app, info))
}
