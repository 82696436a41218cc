//! Our own accept loop (instead of `axum::serve`) so that a fault can close one connection
//! without an answer, or reset it, and so that stopping a server closes its open
//! connections too (a proxy's pooled connection then sees the upstream gone).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::{body::Body, Router};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

/// Put into every request's extensions: lets a handler drop its own connection.
#[derive(Default)]
pub struct ConnControl {
    notify: Notify,
    reset: AtomicBool,
}

impl ConnControl {
    /// Closes the connection this request came on; `reset` sends RST instead of FIN.
    pub fn close(&self, reset: bool) {
        self.reset.store(reset, Ordering::SeqCst);
        self.notify.notify_one();
    }
}

/// Serves until `shutdown` turns true or its sender is dropped.
pub async fn serve(listener: TcpListener, router: Router, mut shutdown: watch::Receiver<bool>) {
    loop {
        let accepted = tokio::select! {
            r = listener.accept() => r,
            _ = shutdown.wait_for(|stop| *stop) => break,
        };
        match accepted {
            Ok((stream, _)) => {
                tokio::spawn(connection(stream, router.clone(), shutdown.clone()));
            }
            // Out of file descriptors and the like: wait a little rather than spin.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

async fn connection(stream: TcpStream, router: Router, mut shutdown: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    // A second handle on the socket, so a reset can set SO_LINGER=0 after hyper owns it.
    let Ok(std_stream) = stream.into_std() else { return };
    let Ok(second) = std_stream.try_clone() else { return };
    let Ok(stream) = TcpStream::from_std(std_stream) else { return };
    let ctl = Arc::new(ConnControl::default());
    let for_requests = ctl.clone();
    let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
        req.extensions_mut().insert(for_requests.clone());
        router.clone().oneshot(req.map(Body::new))
    });
    let conn = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = conn => {}
        _ = ctl.notify.notified() => {
            if ctl.reset.load(Ordering::SeqCst) {
                let _ = socket2::SockRef::from(&second).set_linger(Some(Duration::ZERO));
            }
        }
        _ = shutdown.wait_for(|stop| *stop) => {}
    }
    // Dropping the connection and `second` closes the socket.
}
