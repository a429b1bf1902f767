//! The bridge's HTTP side: the pairing page and the WebSocket every extension connects to.
//! Nothing here logs a request header: a browser sends all of 127.0.0.1's cookies here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc;

use super::protocol::{FromBrowser, ToBrowser, VERSION};
use super::{Inner, Outcome, Session, lock, page, proof};
use crate::provider::flow::transport::{PageError, Presence};

/// A browser that says nothing for this long after connecting is dropped.
const HANDSHAKE: Duration = Duration::from_secs(10);

pub(super) fn router(inner: Arc<Inner>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/pair/{code}", get(pair_page))
        .route("/pair/{code}/state", get(pair_state))
        .route("/bridge", get(connect))
        .layer(middleware::from_fn_with_state(inner.clone(), only_local))
        .with_state(inner)
}

/// Only requests addressed to this machine by name: a page on another host name that resolves
/// here (DNS rebinding) is turned away.
async fn only_local(State(inner): State<Arc<Inner>>, req: Request, next: Next) -> Response {
    if local_host(&inner, req.headers()) {
        return next.run(req).await;
    }
    if req.uri().path() == "/bridge" {
        inner.refuse("refused a connection addressed to another host name".into());
    }
    StatusCode::MISDIRECTED_REQUEST.into_response()
}

fn local_host(inner: &Inner, headers: &HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let port = inner.port;
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
    .iter()
    .any(|h| h == host)
}

async fn home() -> Response {
    Html(page::HOME).into_response()
}

async fn pair_page(State(inner): State<Arc<Inner>>, Path(code): Path<String>) -> Response {
    let html = page::pairing(&code, inner.port, inner.offer_state(&code));
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        Html(html),
    )
        .into_response()
}

async fn pair_state(State(inner): State<Arc<Inner>>, Path(code): Path<String>) -> Response {
    let body = serde_json::json!({ "state": inner.offer_state(&code) }).to_string();
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// Web pages send their own origin with a WebSocket; an extension sends
/// `chrome-extension://…`. A local program may send none (it still needs the secret).
fn origin_allowed(headers: &HeaderMap) -> Result<(), String> {
    match headers.get(header::ORIGIN).map(|o| o.to_str()) {
        None => Ok(()),
        Some(Ok(o)) if o.starts_with("chrome-extension://") => Ok(()),
        Some(Ok(o)) => Err(format!(
            "refused a connection from a web page (origin {})",
            crate::secret::excerpt(o, 80)
        )),
        Some(Err(_)) => Err("refused a connection with an unreadable origin".into()),
    }
}

async fn connect(
    State(inner): State<Arc<Inner>>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if let Err(why) = origin_allowed(&headers) {
        inner.refuse(why);
        return StatusCode::FORBIDDEN.into_response();
    }
    ws.max_message_size(64 << 20)
        .on_upgrade(move |socket| session(inner, socket))
}

async fn send(socket: &mut WebSocket, m: &ToBrowser) -> bool {
    socket.send(Message::Text(m.to_text().into())).await.is_ok()
}

/// Reads the next text message, within `limit`.
async fn next_message(socket: &mut WebSocket, limit: Duration) -> Option<FromBrowser> {
    let read = async {
        while let Some(Ok(m)) = socket.recv().await {
            match m {
                Message::Text(t) => return FromBrowser::parse(t.as_str()).ok(),
                Message::Close(_) => return None,
                _ => {}
            }
        }
        None
    };
    tokio::time::timeout(limit, read).await.ok().flatten()
}

async fn refuse(inner: &Inner, mut socket: WebSocket, why: String) {
    send(
        &mut socket,
        &ToBrowser::Refused {
            reason: why.clone(),
        },
    )
    .await;
    socket.close().await.ok();
    inner.refuse(why);
}

async fn session(inner: Arc<Inner>, mut socket: WebSocket) {
    match next_message(&mut socket, HANDSHAKE).await {
        Some(FromBrowser::Pair { v, code }) if v == VERSION => pair(&inner, socket, &code).await,
        Some(FromBrowser::Hello {
            v,
            account,
            nonce,
            email,
            blocked,
            ..
        }) if v == VERSION => {
            let said = Presence {
                connected: true,
                email,
                blocked,
            };
            hello(inner, socket, account, nonce, said).await
        }
        Some(FromBrowser::Pair { v, .. } | FromBrowser::Hello { v, .. }) => {
            refuse(
                &inner,
                socket,
                format!("the extension speaks bridge version {v}, this flowdeck {VERSION}: update the older one"),
            )
            .await
        }
        _ => refuse(&inner, socket, "a connection did not introduce itself".into()).await,
    }
}

async fn pair(inner: &Inner, mut socket: WebSocket, code: &str) {
    let Some((account, secret)) = inner.redeem(code) else {
        refuse(
            inner,
            socket,
            "a pairing code that is unknown, used or expired was refused".into(),
        )
        .await;
        return;
    };
    tracing::info!(%account, "bridge: pairing code redeemed; waiting for the browser to connect");
    send(
        &mut socket,
        &ToBrowser::Paired {
            account,
            secret: secret.expose().to_string(),
        },
    )
    .await;
    socket.close().await.ok();
}

async fn hello(
    inner: Arc<Inner>,
    mut socket: WebSocket,
    account: String,
    browser_nonce: String,
    said: Presence,
) {
    let Some(secret) = inner.secret(&account) else {
        let why = format!("refused a browser for \"{account}\": that account is not paired");
        refuse(&inner, socket, why).await;
        return;
    };
    if browser_nonce.len() < 16 {
        refuse(
            &inner,
            socket,
            "refused a browser with a short nonce".into(),
        )
        .await;
        return;
    }
    let nonce = proof::new_nonce();
    let challenge = ToBrowser::Challenge {
        proof: proof::server_proof(&secret, &browser_nonce, &nonce),
        nonce: nonce.clone(),
    };
    if !send(&mut socket, &challenge).await {
        return;
    }
    let expected = proof::browser_proof(&secret, &nonce, &browser_nonce);
    match next_message(&mut socket, HANDSHAKE).await {
        Some(FromBrowser::Auth { proof: p }) if proof::same(&p, &expected) => {}
        _ => {
            let why = format!("refused a browser for \"{account}\": wrong pairing secret");
            refuse(&inner, socket, why).await;
            return;
        }
    }
    let welcome = ToBrowser::Welcome {
        account: account.clone(),
        origin: inner.config.origin.clone(),
    };
    if !send(&mut socket, &welcome).await {
        return;
    }
    tracing::info!(%account, "bridge: browser connected");
    serve(inner, socket, account, said).await;
}

/// Carries calls and answers for one authenticated browser until it goes away.
async fn serve(inner: Arc<Inner>, socket: WebSocket, account: String, said: Presence) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<ToBrowser>();
    let pending: Arc<Mutex<HashMap<u64, tokio::sync::oneshot::Sender<Outcome>>>> = Arc::default();
    let id = inner.next_id();
    inner.register(
        &account,
        Session {
            id,
            tx: tx.clone(),
            pending: pending.clone(),
        },
        said,
    );
    let writer = tokio::spawn(async move {
        while let Some(m) = rx.recv().await {
            if sink.send(Message::Text(m.to_text().into())).await.is_err() {
                break;
            }
        }
        sink.close().await.ok();
    });
    while let Some(Ok(m)) = stream.next().await {
        let text = match m {
            Message::Text(t) => t,
            Message::Close(_) => break,
            _ => continue,
        };
        match FromBrowser::parse(text.as_str()) {
            Ok(FromBrowser::Result {
                id,
                status,
                body,
                error,
                email,
                sent,
            }) => {
                if email.is_some() {
                    inner.set_email(&account, email);
                }
                let outcome = match (error, status) {
                    (Some(e), _) => Outcome::Page(PageError {
                        sent: sent.or(e.sent),
                        ..e
                    }),
                    (None, Some(status)) => Outcome::Answer {
                        status,
                        body: body.unwrap_or_default(),
                    },
                    (None, None) => continue,
                };
                if let Some(waiter) = lock(&pending).remove(&id) {
                    waiter.send(outcome).ok();
                }
            }
            Ok(FromBrowser::Status { email, blocked }) => {
                inner.set_status(&account, email, blocked)
            }
            Ok(FromBrowser::Ping) => {
                tx.send(ToBrowser::Pong).ok();
            }
            Ok(_) => {}
            Err(e) => tracing::debug!(%account, "bridge: {e}"),
        }
    }
    inner.unregister(&account, id);
    drop(tx);
    writer.abort();
    tracing::info!(%account, "bridge: browser disconnected");
}
