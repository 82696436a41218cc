//! `gc-server`: serves the console's dist/ and the platform API (emulated, or forwarded with
//! `--upstream`) on one origin.

use clap::Parser;
use gc_server::{Args, Server};

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let server = match Server::bind(args).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gc-server: {e}");
            std::process::exit(2);
        }
    };
    server.print_banner();
    if let Err(e) = server.run().await {
        eprintln!("gc-server: {e}");
        std::process::exit(1);
    }
}
