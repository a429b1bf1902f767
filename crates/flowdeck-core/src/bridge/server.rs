//! The bridge's HTTP side: the pairing page and the WebSocket every extension connects to.
//! Nothing here logs a request header: a browser sends all of 127.0.0.1's cookies here. What
//! a peer says before it has authenticated reaches the log only through `shown`, and what it
//! is told does not depend on which accounts are paired.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Extension, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc;

use super::gate::{Ticket, UNTRUSTED_BYTES};
use super::protocol::{FIELD_CAP, FromBrowser, ToBrowser, VERSION};
use super::{Inner, Outcome, Session, lock, page, proof, shown};
use crate::provider::flow::protocol as flow_protocol;
use crate::provider::flow::transport::{PageError, Presence};

/// A browser that says nothing for this long after connecting is dropped.
const HANDSHAKE: Duration = Duration::from_secs(10);

/// What a browser that cannot authenticate is told, whatever the reason: an account that is not
/// paired and a wrong secret read the same, so no answer tells which accounts exist.
const NOT_KNOWN: &str = "flowdeck does not know this browser's pairing (the account was removed, \
renamed or paired again, or the secret is wrong): pair this browser again";

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
    if let Some(ticket) = req.extensions().get::<Arc<Ticket>>() {
        ticket.headed();
    }
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
    let html = page::pairing(&code, inner.offer_state(&code), &inner.config.page);
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
    Extension(ticket): Extension<Arc<Ticket>>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if let Err(why) = origin_allowed(&headers) {
        inner.refuse(why);
        return StatusCode::FORBIDDEN.into_response();
    }
    // Answers can be large once authenticated; before that the door allows 64 KiB in all.
    ws.max_message_size(64 << 20)
        .on_upgrade(move |socket| session(inner, socket, ticket))
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

/// Closes a connection, saying `why` to the log and to the peer (or `told`, when the peer must
/// hear less).
async fn refuse(inner: &Inner, mut socket: WebSocket, why: String, told: Option<&str>) {
    let reason = told.map_or_else(|| why.clone(), str::to_string);
    send(&mut socket, &ToBrowser::Refused { reason }).await;
    socket.close().await.ok();
    inner.refuse(why);
}

/// The next message of a peer that has not authenticated: none when it says nothing in time,
/// sends too much, or has a field over [`FIELD_CAP`] (then the log says which).
async fn next_untrusted(
    socket: &mut WebSocket,
    ticket: &Ticket,
) -> Result<Option<FromBrowser>, String> {
    let m = next_message(socket, HANDSHAKE).await;
    if ticket.over_budget() {
        return Err(format!(
            "a connection sent more than {} KiB before authenticating",
            UNTRUSTED_BYTES >> 10
        ));
    }
    match m {
        Some(m) if m.oversized() => Err(format!(
            "a connection sent a field over {FIELD_CAP} bytes before authenticating"
        )),
        m => Ok(m),
    }
}

async fn session(inner: Arc<Inner>, mut socket: WebSocket, ticket: Arc<Ticket>) {
    let first = match next_untrusted(&mut socket, &ticket).await {
        Ok(m) => m,
        Err(why) => return refuse(&inner, socket, why, None).await,
    };
    match first {
        Some(FromBrowser::Pair { v, code, nonce }) if v == VERSION => {
            pair(&inner, socket, &ticket, &code, &nonce).await
        }
        Some(FromBrowser::Hello {
            v,
            account,
            nonce,
            email,
            blocked,
            agent,
        }) if v == VERSION => {
            let said = Presence {
                connected: true,
                email,
                blocked,
                extension: super::version::of_agent(agent.as_deref()),
            };
            hello(inner, socket, ticket, account, nonce, said).await
        }
        Some(FromBrowser::Pair { v, .. } | FromBrowser::Hello { v, .. }) => {
            let why = format!(
                "the extension speaks bridge version {v}, this flowdeck {VERSION}: update the older one"
            );
            refuse(&inner, socket, why, None).await
        }
        _ => {
            let why = "a connection did not introduce itself";
            refuse(&inner, socket, why.into(), None).await
        }
    }
}

/// Pairing: both sides prove they hold the key made from the check code the person typed
/// into the popup (flowdeck first), and only then does the secret go to the browser. The
/// pairing link alone is worth nothing.
async fn pair(inner: &Inner, mut socket: WebSocket, ticket: &Ticket, code: &str, theirs: &str) {
    const GONE: &str = "a pairing code that is unknown, used or expired was refused";
    if theirs.len() < 16 {
        let why = "refused a pairing with a short nonce";
        return refuse(inner, socket, why.into(), None).await;
    }
    let Some(key) = inner.pairing_key(code).await else {
        return refuse(inner, socket, GONE.into(), None).await;
    };
    let nonce = proof::new_nonce();
    let challenge = ToBrowser::Challenge {
        proof: proof::pair_server_proof(&key, theirs, &nonce),
        nonce: nonce.clone(),
    };
    if !send(&mut socket, &challenge).await {
        return;
    }
    let expected = proof::pair_browser_proof(&key, &nonce, theirs);
    match next_untrusted(&mut socket, ticket).await {
        Ok(Some(FromBrowser::Auth { proof: p })) if proof::same(&p, &expected) => {}
        Ok(_) => {
            let why = "a browser did not prove the check code of a pairing";
            return refuse(inner, socket, why.into(), None).await;
        }
        Err(why) => return refuse(inner, socket, why, None).await,
    }
    let Some((account, secret)) = inner.redeem(code) else {
        return refuse(inner, socket, GONE.into(), None).await;
    };
    tracing::info!(%account, "bridge: pairing confirmed; waiting for the browser to connect");
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
    ticket: Arc<Ticket>,
    account: String,
    browser_nonce: String,
    said: Presence,
) {
    if browser_nonce.len() < 16 {
        let why = "refused a browser with a short nonce";
        return refuse(&inner, socket, why.into(), None).await;
    }
    // An account nobody paired gets a challenge all the same (from a secret nobody holds), so
    // the answer is the same as for a wrong secret.
    let known = inner.secret(&account);
    let secret = known.clone().unwrap_or_else(proof::new_secret);
    let nonce = proof::new_nonce();
    let challenge = ToBrowser::Challenge {
        proof: proof::server_proof(&secret, &browser_nonce, &nonce),
        nonce: nonce.clone(),
    };
    if !send(&mut socket, &challenge).await {
        return;
    }
    let expected = proof::browser_proof(&secret, &nonce, &browser_nonce);
    let who = shown(&account, 40);
    match next_untrusted(&mut socket, &ticket).await {
        Ok(Some(FromBrowser::Auth { proof: p }))
            if known.is_some() && proof::same(&p, &expected) => {}
        Ok(_) if known.is_none() => {
            let why = format!("refused a browser for \"{who}\": that account is not paired");
            return refuse(&inner, socket, why, Some(NOT_KNOWN)).await;
        }
        Ok(_) => {
            let why = format!("refused a browser for \"{who}\": wrong pairing secret");
            return refuse(&inner, socket, why, Some(NOT_KNOWN)).await;
        }
        Err(why) => return refuse(&inner, socket, why, None).await,
    }
    ticket.trust();
    let table = flow_protocol::current();
    let welcome = ToBrowser::Welcome {
        account: account.clone(),
        origin: inner.config.origin.clone(),
        rpcs: table.rpc.values().into_iter().cloned().collect(),
        actions: table.actions.values().into_iter().cloned().collect(),
        app: Some(super::version::APP.to_string()),
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
    loop {
        let m = tokio::select! {
            m = stream.next() => m,
            () = inner.closed.cancelled() => break,
        };
        let Some(Ok(m)) = m else { break };
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
