//! A stand-in for the flowdeck browser extension, for the demo, the tests and the benchmarks:
//! one simulated browser profile, signed in to the simulator's Flow origin with a session
//! cookie, that speaks the bridge protocol and runs each call the way the extension runs it in
//! the tab (read `WIZ_global_data`, mint a token through the page's reCAPTCHA, substitute it,
//! POST with the page's cookie, reload once on a stale `at`).

use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::sync::{Mutex, mpsc, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::bridge::proof;
use crate::bridge::protocol::{FromBrowser, ToBrowser, VERSION};
use crate::provider::flow::transport::{
    Answer, CAPTCHA, Call, CallFuture, PageError, PageErrorKind, Presence, Transport,
    TransportError,
};
use crate::secret::Secret;
use crate::sim::state::{SESSION_COOKIE, SITE_KEY};

/// What the tab's `WIZ_global_data` says.
#[derive(Debug, Clone)]
struct Wiz {
    at: String,
    fsid: String,
    bl: String,
    hl: String,
    email: Option<String>,
    /// The page it was read from.
    path: String,
}

fn page_error(kind: PageErrorKind, message: impl Into<String>) -> PageError {
    PageError {
        kind,
        message: message.into(),
    }
}

/// One browser profile's Flow tab.
pub struct Page {
    http: reqwest::Client,
    origin: String,
    cookie: Secret,
    tab: Mutex<Option<Wiz>>,
    /// Token mints are serialised, as overlapping ones interfere.
    mint: Mutex<()>,
}

impl Page {
    /// A profile signed in to `origin` with `session` (the simulator's session cookie).
    pub fn new(origin: &str, session: &Secret) -> Page {
        Page {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            origin: origin.trim_end_matches('/').to_string(),
            cookie: Secret::new(format!("{SESSION_COOKIE}={}", session.expose())),
            tab: Mutex::new(None),
            mint: Mutex::new(()),
        }
    }

    /// Opens (or reloads) the tab on `path` and reads the page's data.
    async fn load(&self, path: &str) -> Result<Wiz, PageError> {
        let html = self
            .http
            .get(format!("{}{path}", self.origin))
            .header("cookie", self.cookie.expose())
            .send()
            .await
            .map_err(|e| page_error(PageErrorKind::NoTab, e.to_string()))?
            .text()
            .await
            .map_err(|e| page_error(PageErrorKind::NoTab, e.to_string()))?;
        let wiz: Value = html
            .split_once("window.WIZ_global_data = ")
            .and_then(|(_, rest)| rest.split_once(";</script>"))
            .and_then(|(json, _)| serde_json::from_str(json).ok())
            .ok_or_else(|| page_error(PageErrorKind::NotReady, "no WIZ_global_data"))?;
        let text = |k: &str| wiz.get(k).and_then(Value::as_str).map(str::to_string);
        let Some(at) = text("SNlM0e") else {
            return Err(page_error(
                PageErrorKind::SignedOut,
                "the tab shows Flow signed out",
            ));
        };
        if path.starts_with("/project/") && !html.contains("grecaptcha") {
            return Err(page_error(
                PageErrorKind::NotReady,
                "grecaptcha.enterprise never loaded",
            ));
        }
        let wiz = Wiz {
            at,
            fsid: text("FdrFJe").unwrap_or_default(),
            bl: text("cfb2h").unwrap_or_default(),
            hl: text("EP").unwrap_or_else(|| "en".into()),
            email: text("oPEP7c"),
            path: path.to_string(),
        };
        *self.tab.lock().await = Some(wiz.clone());
        Ok(wiz)
    }

    /// The tab, on a project page when the call needs one.
    async fn tab_for(&self, call: &Call) -> Result<Wiz, PageError> {
        let want_project = call.captcha.is_some();
        if let Some(w) = self.tab.lock().await.clone()
            && (!want_project || w.path == call.path)
        {
            return Ok(w);
        }
        let path = if want_project {
            call.path.as_str()
        } else {
            "/"
        };
        self.load(path).await
    }

    /// Who the tab says is signed in (loading it when needed).
    pub async fn email(&self) -> Option<String> {
        if let Some(w) = self.tab.lock().await.as_ref() {
            return w.email.clone();
        }
        self.load("/").await.ok().and_then(|w| w.email)
    }

    /// What the page's `grecaptcha.enterprise.execute(key, {action})` does.
    async fn mint_token(&self, action: &str) -> Result<String, PageError> {
        let _one_at_a_time = self.mint.lock().await;
        let r = self
            .http
            .post(format!("{}/sim/recaptcha", self.origin))
            .header("cookie", self.cookie.expose())
            .json(&serde_json::json!({"key": SITE_KEY, "action": action}))
            .send()
            .await
            .map_err(|e| page_error(PageErrorKind::Captcha, e.to_string()))?;
        if !r.status().is_success() {
            return Err(page_error(
                PageErrorKind::Captcha,
                format!("HTTP {}", r.status()),
            ));
        }
        let v: Value = r
            .json()
            .await
            .map_err(|e| page_error(PageErrorKind::Captcha, e.to_string()))?;
        v.get("token")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| page_error(PageErrorKind::Captcha, "no token"))
    }

    /// Runs one call in the tab: status and body as the page's `fetch` saw them.
    pub async fn execute(&self, call: &Call) -> Result<Answer, PageError> {
        let mut wiz = self.tab_for(call).await?;
        let mut reloaded = false;
        loop {
            let mut freq = call.freq.clone();
            if let Some(action) = &call.captcha {
                let token = self.mint_token(action).await?;
                freq = freq.replace(CAPTCHA, &token);
            }
            let reqid = 100_000 + fastrand::u32(..900_000);
            let resp = self
                .http
                .post(format!(
                    "{}/_/AiSandboxAngularFrontend/data/batchexecute",
                    self.origin
                ))
                .query(&[
                    ("rpcids", call.rpcid.as_str()),
                    ("source-path", call.path.as_str()),
                    ("bl", wiz.bl.as_str()),
                    ("f.sid", wiz.fsid.as_str()),
                    ("hl", wiz.hl.as_str()),
                    ("_reqid", &reqid.to_string()),
                    ("rt", "c"),
                ])
                .header("cookie", self.cookie.expose())
                .header("x-same-domain", "1")
                .form(&[("f.req", freq.as_str()), ("at", wiz.at.as_str())])
                .send()
                .await
                .map_err(|e| page_error(PageErrorKind::Network, e.to_string()))?;
            let status = resp.status().as_u16();
            let body = resp
                .text()
                .await
                .map_err(|e| page_error(PageErrorKind::Network, e.to_string()))?;
            // A stale page: reload the tab once and send again with its fresh token.
            if status == 400 && body.contains("\"xsrf\"") && !reloaded {
                reloaded = true;
                wiz = self.load(&wiz.path.clone()).await?;
                continue;
            }
            return Ok(Answer { status, body });
        }
    }
}

/// The page called directly, without the bridge (for measuring what the bridge adds).
pub struct DirectPage {
    page: Arc<Page>,
    presence: watch::Sender<Presence>,
}

impl DirectPage {
    pub async fn new(page: Arc<Page>) -> DirectPage {
        let email = page.email().await;
        DirectPage {
            page,
            presence: watch::channel(Presence {
                connected: true,
                email,
            })
            .0,
        }
    }
}

impl Transport for DirectPage {
    fn call(&self, call: Call) -> CallFuture<'_> {
        Box::pin(async move { self.page.execute(&call).await.map_err(TransportError::Page) })
    }

    fn presence(&self) -> watch::Receiver<Presence> {
        self.presence.subscribe()
    }
}

/// A connected stand-in extension; dropping it disconnects it for good.
pub struct StandIn {
    task: JoinHandle<()>,
    pub page: Arc<Page>,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.task.abort();
    }
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens the bridge's WebSocket as an extension does (its origin is the extension's).
async fn open(ws_url: &str) -> Result<Socket, String> {
    let mut req = ws_url.into_client_request().map_err(|e| e.to_string())?;
    req.headers_mut().insert(
        "origin",
        "chrome-extension://flowdeckstandin"
            .parse()
            .map_err(|_| "bad origin".to_string())?,
    );
    let (socket, _) = tokio_tungstenite::connect_async(req)
        .await
        .map_err(|e| e.to_string())?;
    Ok(socket)
}

async fn send(socket: &mut Socket, m: &FromBrowser) -> Result<(), String> {
    socket
        .send(Message::Text(m.to_text().into()))
        .await
        .map_err(|e| e.to_string())
}

async fn receive(socket: &mut Socket) -> Result<ToBrowser, String> {
    loop {
        let m = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .map_err(|_| "the bridge said nothing".to_string())?
            .ok_or("the bridge closed the connection")?
            .map_err(|e| e.to_string())?;
        match m {
            Message::Text(t) => return ToBrowser::parse(t.as_str()),
            Message::Close(_) => return Err("the bridge closed the connection".into()),
            _ => {}
        }
    }
}

impl StandIn {
    /// Pairs through a pairing URL (`http://127.0.0.1:<port>/pair/<code>`), as the extension
    /// does when its content script finds the code. Returns the account and its secret.
    pub async fn pair(pairing_url: &str) -> Result<(String, Secret), String> {
        let rest = pairing_url
            .strip_prefix("http://")
            .ok_or("not a pairing URL")?;
        let (host, code) = rest.split_once("/pair/").ok_or("not a pairing URL")?;
        let mut socket = open(&format!("ws://{host}/bridge")).await?;
        send(
            &mut socket,
            &FromBrowser::Pair {
                v: VERSION,
                code: code.to_string(),
            },
        )
        .await?;
        match receive(&mut socket).await? {
            ToBrowser::Paired { account, secret } => Ok((account, Secret::new(secret))),
            ToBrowser::Refused { reason } => Err(reason),
            other => Err(format!("unexpected answer {other:?}")),
        }
    }

    /// Connects for `account` and keeps reconnecting (every 200 ms) until dropped.
    pub fn connect(ws_url: &str, account: &str, secret: Secret, page: Arc<Page>) -> StandIn {
        let (ws_url, account) = (ws_url.to_string(), account.to_string());
        let p = page.clone();
        let task = tokio::spawn(async move {
            loop {
                if let Err(e) = Self::session(&ws_url, &account, &secret, &p).await {
                    tracing::debug!(%account, "stand-in extension: {e}");
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
        StandIn { task, page }
    }

    /// Connects once and serves calls until the connection ends.
    pub async fn session(
        ws_url: &str,
        account: &str,
        secret: &Secret,
        page: &Arc<Page>,
    ) -> Result<(), String> {
        let mut socket = open(ws_url).await?;
        let nonce = proof::new_nonce();
        send(
            &mut socket,
            &FromBrowser::Hello {
                v: VERSION,
                account: account.to_string(),
                nonce: nonce.clone(),
                email: page.email().await,
                agent: Some("flowdeck stand-in".into()),
            },
        )
        .await?;
        let ToBrowser::Challenge {
            nonce: server_nonce,
            proof: server_proof,
        } = receive(&mut socket).await?
        else {
            return Err("refused before the challenge".into());
        };
        // An impostor on the port cannot answer our nonce: never run its calls.
        if !proof::same(
            &server_proof,
            &proof::server_proof(secret, &nonce, &server_nonce),
        ) {
            return Err("the bridge could not prove it holds the pairing secret".into());
        }
        send(
            &mut socket,
            &FromBrowser::Auth {
                proof: proof::browser_proof(secret, &server_nonce, &nonce),
            },
        )
        .await?;
        match receive(&mut socket).await? {
            ToBrowser::Welcome { .. } => {}
            ToBrowser::Refused { reason } => return Err(reason),
            other => return Err(format!("unexpected answer {other:?}")),
        }
        let (mut sink, mut stream) = socket.split();
        let (tx, mut rx) = mpsc::unbounded_channel::<FromBrowser>();
        let writer = tokio::spawn(async move {
            while let Some(m) = rx.recv().await {
                if sink.send(Message::Text(m.to_text().into())).await.is_err() {
                    break;
                }
            }
        });
        while let Some(Ok(m)) = stream.next().await {
            let Message::Text(t) = m else {
                continue;
            };
            if let Ok(ToBrowser::Call {
                id,
                rpcid,
                freq,
                path,
                captcha,
            }) = ToBrowser::parse(t.as_str())
            {
                let (page, tx) = (page.clone(), tx.clone());
                tokio::spawn(async move {
                    let call = Call {
                        rpcid,
                        freq,
                        path,
                        captcha,
                    };
                    let result = page.execute(&call).await;
                    let email = page.email().await;
                    let message = match result {
                        Ok(a) => FromBrowser::Result {
                            id,
                            status: Some(a.status),
                            body: Some(a.body),
                            error: None,
                            email,
                        },
                        Err(e) => FromBrowser::Result {
                            id,
                            status: None,
                            body: None,
                            error: Some(e),
                            email,
                        },
                    };
                    tx.send(message).ok();
                });
            }
        }
        writer.abort();
        Err("the bridge closed the connection".into())
    }
}
