//! The server behind `make demo` and `make serve`: static console files with SPA fallback,
//! `/healthz`, and the platform API — emulated here (default), or forwarded to the real
//! platform with `--upstream`.

mod app;
mod emulator;
mod guard;
mod json;
mod limits;
mod proxy;
mod runtime_config;
mod serve;
mod static_files;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use clap::Parser;
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use emulator::faults::Fault;

#[derive(Debug, Clone, Parser)]
#[command(name = "gc-server", version, about = "Group Console server and platform API emulator")]
pub struct Args {
    /// Address to bind; loopback by default so the demo is not exposed to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Allow a --host that other machines can reach (anything but loopback). They then act
    /// with the demo account, or with the proxy's server-held credentials.
    #[arg(long)]
    pub allow_remote: bool,
    /// Port to listen on (0: any free port, printed in the banner).
    #[arg(long, env = "PORT", default_value_t = 8080)]
    pub port: u16,
    /// The console's release build to serve (`make dist` writes it).
    #[arg(long, default_value = "dist")]
    pub dist: PathBuf,
    /// Serve only the API, not dist/ (integration tests).
    #[arg(long)]
    pub no_static: bool,

    // ---- who may call
    /// The origin browsers see the console at, e.g. https://console.example.com (behind a
    /// CDN or TLS proxy): its host name is answered and its pages may write (repeatable).
    #[arg(long, value_name = "URL")]
    pub public_origin: Vec<String>,
    /// Another name this server answers to, NAME or NAME:PORT, e.g. the origin's own name
    /// that a CDN sends as Host (repeatable). The bound address, localhost and 127.0.0.1 on
    /// the bound port always are; any other Host gets 421.
    #[arg(long, value_name = "NAME")]
    pub allowed_host: Vec<String>,
    /// At most N connections at once; more wait until one closes.
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub max_connections: usize,
    /// Seconds a request's headers may take (tests shorten it).
    #[arg(long, default_value_t = 10, hide = true)]
    pub header_timeout_secs: u64,
    /// Seconds a connection may stay with nothing moving and no answer being worked on.
    #[arg(long, default_value_t = 60, hide = true)]
    pub idle_timeout_secs: u64,

    // ---- emulator
    /// The org's maximum group size (CONF_MAX_FLEET_GROUP_SIZE).
    #[arg(long, default_value_t = 30_000)]
    pub max_group_size: i64,
    /// A group stays ACTIVE, without a primary, when its primary member leaves (orgs with
    /// CONF_DISABLE_GROUP_DEACTIVATION_ON_PRIMARY_MEMBER_EXIT); by default it becomes INACTIVE.
    #[arg(long)]
    pub keep_group_on_primary_exit: bool,
    /// Basic-auth username of the demo account.
    #[arg(long, default_value = "marketer")]
    pub demo_user: String,
    /// Password of the demo account (clients send its MD5 hex).
    #[arg(long, default_value = "loyalty")]
    pub demo_password: String,
    /// OAuth client key of the demo account.
    #[arg(long, default_value = "demo-key")]
    pub demo_oauth_key: String,
    /// OAuth client secret of the demo account.
    #[arg(long, default_value = "demo-secret")]
    pub demo_oauth_secret: String,
    /// Lifetime of generated OAuth tokens.
    #[arg(long, default_value_t = 300)]
    pub token_ttl_secs: u64,
    /// A page on this origin (a console served elsewhere, e.g. http://127.0.0.1:5173) may
    /// call the emulated API: CORS headers for exactly it, and its writes (repeatable). By
    /// default no CORS headers, like the platform.
    #[arg(long, value_name = "ORIGIN")]
    pub cors_origin: Vec<String>,
    /// At most N API requests a minute per credential; beyond, 429 with Retry-After.
    #[arg(long, value_name = "N")]
    pub rate_limit: Option<u32>,
    /// Delay every API answer by N milliseconds.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub latency_ms: u64,
    /// Load and save all state in this JSON file (created from the seeds if missing).
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// How long a `hang` fault keeps a request unanswered before closing the connection
    /// (at most 600).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(0..=600))]
    pub hang_secs: u64,
    /// Arm a fault at startup, e.g. `html500:2` (repeatable; kinds: html500, truncated,
    /// hang, status, reset).
    #[arg(long, value_name = "KIND:COUNT")]
    pub fault: Vec<String>,

    // ---- proxy
    /// Forward /v2/, /v3/oauth/ and /api_gateway/ to this platform host instead of emulating.
    #[arg(long, value_name = "URL")]
    pub upstream: Option<String>,
    /// Host for /api_gateway/ (reward groups), when it differs from --upstream.
    #[arg(long, value_name = "URL")]
    pub reward_upstream: Option<String>,
    /// Seconds to wait for the platform's answer before a 504.
    #[arg(long, default_value_t = 30)]
    pub upstream_timeout_secs: u64,
    /// Server-held Basic credentials: the username (the till ID).
    #[arg(long, value_name = "U")]
    pub basic_user: Option<String>,
    /// File holding the Basic password in plain text (hashed here with MD5).
    #[arg(long, value_name = "F")]
    pub basic_password_file: Option<PathBuf>,
    /// File holding the MD5 hex of the Basic password.
    #[arg(long, value_name = "F")]
    pub basic_password_md5_file: Option<PathBuf>,
    /// Server-held OAuth client key.
    #[arg(long, value_name = "K")]
    pub oauth_key: Option<String>,
    /// File holding the OAuth client secret.
    #[arg(long, value_name = "F")]
    pub oauth_secret_file: Option<PathBuf>,
}

impl Args {
    /// The defaults with extra flags, e.g. `Args::with(&["--port", "0", "--no-static"])`.
    pub fn with(flags: &[&str]) -> Args {
        Args::parse_from(std::iter::once("gc-server").chain(flags.iter().copied()))
    }
}

/// Runs when the server stops: writes what the data file does not have yet.
type OnStop = Arc<dyn Fn() + Send + Sync>;

pub struct Server {
    listener: TcpListener,
    router: Router,
    limits: serve::Limits,
    banner: Vec<String>,
    on_stop: Option<OnStop>,
}

#[derive(Debug)]
pub struct StartError(String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// A server started with [`Server::spawn`]; it stops when this is dropped or stopped.
pub struct Running {
    addr: SocketAddr,
    stop: Option<watch::Sender<bool>>,
    task: Option<tokio::task::JoinHandle<()>>,
    on_stop: Option<OnStop>,
}

impl Running {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting and closes every open connection.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(true);
        }
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
        if let Some(f) = self.on_stop.take() {
            f();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(true);
        }
        if let Some(f) = self.on_stop.take() {
            f();
        }
    }
}

impl Server {
    pub async fn bind(args: Args) -> Result<Server, StartError> {
        check_host(&args)?;
        let addr = format!("{}:{}", args.host, args.port);
        let listener = TcpListener::bind(&addr).await.map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                StartError(format!(
                    "port {} on {} is already in use. Stop the other server or pick another port: PORT=8081 make demo",
                    args.port, args.host
                ))
            } else {
                StartError(format!("cannot listen on {addr}: {e}"))
            }
        })?;
        let bound = listener.local_addr().map_err(|e| StartError(format!("cannot listen on {addr}: {e}")))?;
        let (router, info, on_stop) = app::build(&args, bound)?;
        let limits = serve::Limits {
            max_connections: args.max_connections,
            header_timeout: Duration::from_secs(args.header_timeout_secs.max(1)),
            idle_timeout: Duration::from_secs(args.idle_timeout_secs.max(1)),
        };
        let mut banner = vec![];
        if !args.no_static {
            banner.push(format!("  serving the console from {}", args.dist.display()));
        }
        banner.push("  health check: {url}healthz".to_string());
        banner.extend(info);
        Ok(Server { listener, router, limits, banner, on_stop })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("bound listener has an address")
    }

    /// First line exactly `Group Console: http://HOST:PORT/` (tests parse it), then details.
    pub fn banner(&self) -> String {
        let url = format!("http://{}/", self.local_addr());
        let mut out = format!("Group Console: {url}\n");
        for line in &self.banner {
            out.push_str(&line.replace("{url}", &url));
            out.push('\n');
        }
        out
    }

    pub fn print_banner(&self) {
        print!("{}", self.banner());
    }

    /// Serves until Ctrl-C or SIGTERM (how test harnesses stop it), then writes the data
    /// file if it is behind.
    pub async fn run(self) -> std::io::Result<()> {
        let (stop, stopped) = watch::channel(false);
        let serving = tokio::spawn(serve::serve(self.listener, self.router, self.limits, stopped));
        stop_signal().await;
        let _ = stop.send(true);
        let _ = serving.await;
        if let Some(f) = self.on_stop {
            f();
        }
        Ok(())
    }

    /// Serves in the background (tests).
    pub fn spawn(self) -> Running {
        let addr = self.local_addr();
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(serve::serve(self.listener, self.router, self.limits, stopped));
        Running { addr, stop: Some(stop), task: Some(task), on_stop: self.on_stop }
    }
}

/// Loopback only, unless `--allow-remote` says otherwise: anyone who reaches the demo (or a
/// proxy holding credentials) acts with its account.
fn check_host(args: &Args) -> Result<(), StartError> {
    let host = args.host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if loopback || args.allow_remote {
        return Ok(());
    }
    Err(StartError(format!(
        "--host {} lets other machines reach this server, and with it the demo account or the proxy's credentials. \
         Add --allow-remote if that is what you want (and --allowed-host NAME for the names they use).",
        args.host
    )))
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
