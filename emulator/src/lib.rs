//! The server behind `make demo` and `make serve`: static console files with SPA fallback,
//! `/healthz`, and the platform API (emulated here, or forwarded with `--upstream`).

mod static_files;

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::{routing::get, Router};
use clap::Parser;
use tokio::net::TcpListener;

#[derive(Debug, Clone, Parser)]
#[command(name = "gc-server", version, about = "Group Console server and platform API emulator")]
pub struct Args {
    /// Address to bind; loopback by default so the demo is not exposed to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on.
    #[arg(long, env = "PORT", default_value_t = 8080)]
    pub port: u16,
    /// The console's release build to serve (`make dist` writes it).
    #[arg(long, default_value = "dist")]
    pub dist: PathBuf,
    /// Serve only the API, not dist/ (integration tests).
    #[arg(long)]
    pub no_static: bool,
}

pub struct Server {
    listener: TcpListener,
    router: Router,
    args: Args,
}

#[derive(Debug)]
pub struct StartError(String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

impl Server {
    pub async fn bind(args: Args) -> Result<Server, StartError> {
        let router = router(&args)?;
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
        Ok(Server { listener, router, args })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("bound listener has an address")
    }

    pub fn print_banner(&self) {
        let addr = self.local_addr();
        println!("Group Console: http://{addr}/");
        if !self.args.no_static {
            println!("  serving the console from {}", self.args.dist.display());
        }
        println!("  health check: http://{addr}/healthz");
    }

    pub async fn run(self) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    }
}

pub fn router(args: &Args) -> Result<Router, StartError> {
    let mut app = Router::new().route("/healthz", get(|| async { "ok" }));
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
    // Compressed like a CDN would, so `make bench` measures a realistic transfer.
    Ok(app.layer(tower_http::compression::CompressionLayer::new()))
}
