//! A program speaking the bridge's protocol on a raw WebSocket, to play what the stand-in
//! extension never would: chosen headers, made-up hellos, guessed proofs.

use std::time::Duration;

use flowdeck::bridge::protocol::{FromBrowser, ToBrowser, VERSION};
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The origin an extension's page connects from.
pub const EXTENSION: &str = "chrome-extension://abc";

/// A connection to `url` from `origin` (and, if given, naming `host`).
pub async fn connect(url: &str, origin: &str, host: Option<&str>) -> Result<Socket, String> {
    let mut req = url.into_client_request().expect("request");
    req.headers_mut()
        .insert("origin", origin.parse().expect("origin"));
    if let Some(h) = host {
        req.headers_mut().insert("host", h.parse().expect("host"));
    }
    tokio_tungstenite::connect_async(req)
        .await
        .map(|(s, _)| s)
        .map_err(|e| e.to_string())
}

pub async fn say(s: &mut Socket, m: FromBrowser) {
    s.send(Message::Text(m.to_text().into()))
        .await
        .expect("send");
}

/// The next message (5 s at most).
pub async fn hear(s: &mut Socket) -> ToBrowser {
    tokio::time::timeout(Duration::from_secs(5), next_text(s))
        .await
        .expect("an answer")
        .expect("a message")
}

/// The next message, or why there is none.
pub async fn next_text(s: &mut Socket) -> Result<ToBrowser, String> {
    loop {
        match s.next().await {
            Some(Ok(Message::Text(t))) => return ToBrowser::parse(t.as_str()),
            Some(Ok(_)) => continue,
            Some(Err(e)) => return Err(e.to_string()),
            None => return Err("closed".into()),
        }
    }
}

/// A hello as `account` with the sender's `nonce`, saying the browser is signed in as `email`
/// and its Flow tab was sent to `blocked`.
pub fn hello(
    account: &str,
    nonce: &str,
    email: Option<&str>,
    blocked: Option<&str>,
) -> FromBrowser {
    FromBrowser::Hello {
        v: VERSION,
        account: account.into(),
        nonce: nonce.into(),
        email: email.map(str::to_string),
        agent: None,
        blocked: blocked.map(str::to_string),
    }
}

/// Says `first`; if challenged, answers with `answer(the challenge's nonce)` and gives what
/// the bridge says then; if not, gives what it said instead as the error.
pub async fn answer_challenge(
    s: &mut Socket,
    first: FromBrowser,
    answer: impl FnOnce(&str) -> FromBrowser,
) -> Result<ToBrowser, ToBrowser> {
    say(s, first).await;
    match hear(s).await {
        ToBrowser::Challenge { nonce, .. } => {
            say(s, answer(&nonce)).await;
            Ok(hear(s).await)
        }
        other => Err(other),
    }
}
