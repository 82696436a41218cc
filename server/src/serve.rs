//! Our own accept loop (instead of `axum::serve`) so that a fault can close one connection
//! without an answer, or reset it, and so that stopping a server closes its open
//! connections too (a proxy's pooled connection then sees the upstream gone).
//!
//! Every connection is bounded: at most `max_connections` at once (the rest wait in the
//! kernel's queue), a request's headers must arrive within `header_timeout` (hyper's timer;
//! it runs whenever a connection waits for a request, so an idle kept-alive connection closes
//! then too), and a connection on which nothing moves for `idle_timeout` while no handler is
//! working on an answer (a client that stopped reading one) is closed.

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::{body::Body, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify, Semaphore};
use tokio::time::Instant;
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

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
}

/// Serves until `shutdown` turns true or its sender is dropped.
pub async fn serve(listener: TcpListener, router: Router, limits: Limits, mut shutdown: watch::Receiver<bool>) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    loop {
        let slot = tokio::select! {
            s = slots.clone().acquire_owned() => s,
            _ = shutdown.wait_for(|stop| *stop) => break,
        };
        let Ok(slot) = slot else { break };
        let accepted = tokio::select! {
            r = listener.accept() => r,
            _ = shutdown.wait_for(|stop| *stop) => break,
        };
        match accepted {
            Ok((stream, _)) => {
                let (router, shutdown) = (router.clone(), shutdown.clone());
                tokio::spawn(async move {
                    connection(stream, router, limits, shutdown).await;
                    drop(slot);
                });
            }
            // Out of file descriptors and the like: wait a little rather than spin.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

async fn connection(stream: TcpStream, router: Router, limits: Limits, mut shutdown: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    // A second handle on the socket, so a reset can set SO_LINGER=0 after hyper owns it.
    let Ok(std_stream) = stream.into_std() else { return };
    let Ok(second) = std_stream.try_clone() else { return };
    let Ok(stream) = TcpStream::from_std(std_stream) else { return };
    let ctl = Arc::new(ConnControl::default());
    let activity = Arc::new(Activity::new());
    let for_requests = (ctl.clone(), activity.clone());
    let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
        req.extensions_mut().insert(for_requests.0.clone());
        let working = Working::start(&for_requests.1);
        let answer = router.clone().oneshot(req.map(Body::new));
        async move {
            let res = answer.await;
            drop(working);
            res
        }
    });
    let io = TokioIo::new(Watched { inner: stream, activity: activity.clone() });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .serve_connection(io, service);
    tokio::select! {
        _ = conn => {}
        _ = ctl.notify.notified() => {
            if ctl.reset.load(Ordering::SeqCst) {
                let _ = socket2::SockRef::from(&second).set_linger(Some(Duration::ZERO));
            }
        }
        _ = activity.idle(limits.idle_timeout) => {}
        _ = shutdown.wait_for(|stop| *stop) => {}
    }
    // Dropping the connection and `second` closes the socket.
}

/// When a byte last moved on a connection, and how many handlers are working on answers.
struct Activity {
    start: Instant,
    last_ms: AtomicU64,
    working: AtomicUsize,
}

impl Activity {
    fn new() -> Activity {
        Activity { start: Instant::now(), last_ms: AtomicU64::new(0), working: AtomicUsize::new(0) }
    }

    fn touch(&self) {
        self.last_ms.store(self.start.elapsed().as_millis() as u64, Ordering::Relaxed);
    }

    /// Resolves once nothing has moved for `limit` while no handler was working.
    async fn idle(&self, limit: Duration) {
        loop {
            let last = self.start + Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
            let quiet = last.elapsed();
            let working = self.working.load(Ordering::Relaxed) > 0;
            if quiet >= limit && !working {
                return;
            }
            tokio::time::sleep(if working { limit } else { limit - quiet }).await;
        }
    }
}

/// A handler at work on this connection (counted while it lives).
struct Working(Arc<Activity>);

impl Working {
    fn start(activity: &Arc<Activity>) -> Working {
        activity.working.fetch_add(1, Ordering::Relaxed);
        Working(activity.clone())
    }
}

impl Drop for Working {
    fn drop(&mut self) {
        self.0.touch();
        self.0.working.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The socket, noting each read and write that moves bytes.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let r = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.activity.touch();
        }
        r
    }
}

impl AsyncWrite for Watched {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.inner).poll_write(cx, data);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.touch();
        }
        r
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let r = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.touch();
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
