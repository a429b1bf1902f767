//! The bridge's door. Every connection comes in here, and until it has proved it holds a
//! pairing secret it is held to a deadline, a byte budget and a place among a few others: a
//! flood of half-sent requests or of huge hellos costs the bridge a few small connections, not
//! its file descriptors or its memory, and the paired browser (whose request arrives whole,
//! at once) still gets in.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Sleep;
use tokio_util::sync::{CancellationToken, WaitForCancellationFutureOwned};
use tower_service::Service;

use super::lock;

/// Connections that have not authenticated, at most. A new one pushes the oldest out (one
/// still sending its request head first, so a flood of those never pushes out a browser that
/// is half-way through proving itself).
pub const UNTRUSTED: usize = 64;
/// The request head must be in within this.
pub const HEAD_TIME: Duration = Duration::from_secs(5);
/// From the connection to its proof: request, WebSocket handshake, hello, challenge, answer.
pub const UNTRUSTED_TIME: Duration = Duration::from_secs(20);
/// What a connection may send before it has authenticated: a request head with the cookies a
/// browser keeps for 127.0.0.1, and the handshake's few short messages.
pub const UNTRUSTED_BYTES: usize = 64 << 10;

/// One connection's standing at the door, shared by its reader and its handler.
pub struct Ticket {
    evict: CancellationToken,
    read: AtomicUsize,
    headed: AtomicBool,
    trusted: AtomicBool,
}

impl Ticket {
    /// Its request head is in.
    pub fn headed(&self) {
        self.headed.store(true, Ordering::Relaxed);
    }

    /// It proved it holds a pairing secret: no more limits.
    pub fn trust(&self) {
        self.trusted.store(true, Ordering::Relaxed);
    }

    /// It was cut off for sending more than an unauthenticated connection may.
    pub fn over_budget(&self) -> bool {
        self.read.load(Ordering::Relaxed) > UNTRUSTED_BYTES
    }

    fn trusted(&self) -> bool {
        self.trusted.load(Ordering::Relaxed)
    }
}

/// The connections not yet authenticated, oldest first.
#[derive(Default)]
struct Gate {
    waiting: Mutex<Vec<Weak<Ticket>>>,
}

impl Gate {
    fn admit(&self) -> Arc<Ticket> {
        let ticket = Arc::new(Ticket {
            evict: CancellationToken::new(),
            read: AtomicUsize::new(0),
            headed: AtomicBool::new(false),
            trusted: AtomicBool::new(false),
        });
        let mut waiting = lock(&self.waiting);
        waiting.retain(|w| {
            w.upgrade()
                .is_some_and(|t| !t.trusted() && !t.evict.is_cancelled())
        });
        if waiting.len() >= UNTRUSTED {
            let oldest = waiting
                .iter()
                .position(|w| {
                    w.upgrade()
                        .is_some_and(|t| !t.headed.load(Ordering::Relaxed))
                })
                .unwrap_or(0);
            if let Some(t) = waiting.remove(oldest).upgrade() {
                t.evict.cancel();
            }
        }
        waiting.push(Arc::downgrade(&ticket));
        ticket
    }
}

/// A connection's socket, which ends it when its ticket runs out (pushed out, too slow, too
/// much sent) for as long as it has not authenticated.
struct Guarded {
    tcp: TcpStream,
    ticket: Arc<Ticket>,
    deadline: Pin<Box<Sleep>>,
    evicted: Pin<Box<WaitForCancellationFutureOwned>>,
}

impl Guarded {
    fn new(tcp: TcpStream, ticket: Arc<Ticket>) -> Guarded {
        Guarded {
            tcp,
            deadline: Box::pin(tokio::time::sleep(UNTRUSTED_TIME)),
            evicted: Box::pin(ticket.evict.clone().cancelled_owned()),
            ticket,
        }
    }

    /// Why an unauthenticated connection ends now, if it does (registering for the wake-ups).
    fn ended(&mut self, cx: &mut Context<'_>) -> Option<io::Error> {
        if self.ticket.trusted() {
            return None;
        }
        if self.evicted.as_mut().poll(cx).is_ready() {
            return Some(io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "pushed out by newer connections",
            ));
        }
        if self.deadline.as_mut().poll(cx).is_ready() {
            return Some(io::Error::new(
                io::ErrorKind::TimedOut,
                "not authenticated in time",
            ));
        }
        None
    }
}

impl AsyncRead for Guarded {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Some(e) = this.ended(cx) {
            return Poll::Ready(Err(e));
        }
        let before = buf.filled().len();
        ready!(Pin::new(&mut this.tcp).poll_read(cx, buf))?;
        if !this.ticket.trusted() {
            let n = buf.filled().len() - before;
            let total = this.ticket.read.fetch_add(n, Ordering::Relaxed) + n;
            if total > UNTRUSTED_BYTES {
                return Poll::Ready(Err(io::Error::other("sent too much before authenticating")));
            }
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().tcp).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().tcp).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_shutdown(cx)
    }
}

/// Accepts connections for `app` until the task is dropped. Each serves requests (the head
/// of each within `HEAD_TIME`, an idle wait for the next one included) or becomes a
/// WebSocket; its ticket rides in the request's extensions for the handler to mark.
pub async fn serve(listener: TcpListener, app: Router) {
    let gate = Gate::default();
    loop {
        let tcp = match listener.accept().await {
            Ok((tcp, _)) => tcp,
            Err(e) => {
                // Out of file descriptors, most likely: some close soon.
                tracing::debug!("bridge: accepting a connection failed: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let ticket = gate.admit();
        let io = TokioIo::new(Guarded::new(tcp, ticket.clone()));
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ticket.clone());
            app.clone().call(req.map(axum::body::Body::new))
        });
        tokio::spawn(async move {
            let served = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIME)
                .serve_connection(io, service)
                .with_upgrades()
                .await;
            if let Err(e) = served {
                tracing::trace!("bridge: a connection ended: {e}");
            }
        });
    }
}
