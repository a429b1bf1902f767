//! A stand-in for the flowdeck browser extension, for the demo, the tests and the benchmarks:
//! one simulated browser profile, signed in to the simulator's Flow origin with a session
//! cookie (one Google account, or several with its Flow tab under `/u/<n>/`), that speaks the
//! bridge protocol and runs each call the way the extension runs it in the tab (read
//! `WIZ_global_data`, refuse when the tab's address and the page disagree about the account,
//! mint a token through the page's reCAPTCHA, substitute it, POST with the page's cookie under
//! the tab's `/u/<n>`, reload once on a stale `at`), and notices, as the extension does, when
//! Google sends the tab to "Confirm it's you" and when the page is normal again.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::sync::{Mutex, mpsc, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::state::{SESSION_COOKIE, SITE_KEY};
use flowdeck_core::bridge::proof;
use flowdeck_core::bridge::protocol::{FromBrowser, ToBrowser, VERSION};
use flowdeck_core::provider::flow::transport::{
    Answer, CAPTCHA, Call, CallFuture, PageError, PageErrorKind, Presence, Transport,
    TransportError,
};
use flowdeck_core::secret::Secret;

/// What the tab's `WIZ_global_data` says.
#[derive(Debug, Clone)]
struct Wiz {
    at: String,
    fsid: String,
    bl: String,
    hl: String,
    email: Option<String>,
    /// The page it was read from (without the tab's `/u/<n>`).
    path: String,
}

/// A failure before the request left the page.
fn page_error(kind: PageErrorKind, message: impl Into<String>) -> PageError {
    PageError {
        kind,
        message: message.into(),
        sent: Some(false),
    }
}

/// A failure once the request may have left the page.
fn after_send(kind: PageErrorKind, message: impl Into<String>) -> PageError {
    PageError {
        sent: Some(true),
        ..page_error(kind, message)
    }
}

/// Pages only the person can get past, as the extension knows them: "Confirm it's you"
/// (`/about`) and region or access blocks.
const BLOCKED_PATHS: &[&str] = &["/about", "/unavailable", "/unsupported-country"];

/// Where a redirect sends the tab, when it is a page only the person can get past.
fn blocked_place(location: &str) -> Option<String> {
    let path = match location.split_once("://") {
        Some((_, rest)) => {
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            if host.starts_with("accounts.google.") {
                return Some(host.to_string());
            }
            format!("/{path}")
        }
        None => location.to_string(),
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let rest = match path.strip_prefix("/u/").and_then(|r| r.split_once('/')) {
        Some((n, rest)) if n.parse::<u32>().is_ok() => format!("/{rest}"),
        _ => path.to_string(),
    };
    BLOCKED_PATHS.contains(&rest.as_str()).then_some(rest)
}

/// One browser profile's Flow tab.
pub struct Page {
    http: reqwest::Client,
    origin: String,
    cookie: Secret,
    /// The tab's place among the profile's Google accounts (`/u/<n>`); 0 is a plain tab.
    index: usize,
    tab: Mutex<Option<Wiz>>,
    /// Token mints are serialised, as overlapping ones interfere.
    mint: Mutex<()>,
    /// Where Google sent the tab while only the person can go on.
    blocked: std::sync::Mutex<Option<String>>,
    /// Who the last page loaded said is signed in, whether or not the tab could be used.
    seen_email: std::sync::Mutex<Option<String>>,
    /// The version the stand-in extension says it is (flowdeck's own, unless a test says).
    extension: std::sync::Mutex<String>,
}

impl Page {
    /// A profile signed in to `origin` with `session` (the simulator's session cookie).
    pub fn new(origin: &str, session: &Secret) -> Page {
        Page::signed_in(origin, &[session], 0)
    }

    /// A profile signed in to several Google accounts (their session cookies, in sign-in
    /// order), its Flow tab open as the one at `index` (under `/u/<index>/` when not 0).
    pub fn signed_in(origin: &str, sessions: &[&Secret], index: usize) -> Page {
        let jar: Vec<&str> = sessions.iter().map(|s| s.expose()).collect();
        Page {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            origin: origin.trim_end_matches('/').to_string(),
            cookie: Secret::new(format!("{SESSION_COOKIE}={}", jar.join(":"))),
            index,
            tab: Mutex::new(None),
            mint: Mutex::new(()),
            blocked: std::sync::Mutex::new(None),
            seen_email: std::sync::Mutex::new(None),
            extension: std::sync::Mutex::new(flowdeck_core::bridge::version::APP.into()),
        }
    }

    /// The version the stand-in extension says it is at its next connection.
    pub fn set_extension(&self, version: &str) {
        *self.extension.lock().unwrap_or_else(|p| p.into_inner()) = version.to_string();
    }

    fn extension(&self) -> String {
        self.extension
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The tab's `/u/<n>`, or nothing for a plain tab.
    fn prefix(&self) -> String {
        if self.index == 0 {
            String::new()
        } else {
            format!("/u/{}", self.index)
        }
    }

    /// Where Google sent the tab, while only the person can go on.
    pub fn blocked(&self) -> Option<String> {
        self.blocked
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn set_blocked(&self, place: Option<String>) {
        *self.blocked.lock().unwrap_or_else(|p| p.into_inner()) = place;
    }

    /// A redirect where a page or an answer should be: to a page only the person can get past
    /// (noted), or something else the tab cannot use.
    fn redirected(&self, resp: &reqwest::Response) -> PageError {
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default();
        match blocked_place(location) {
            Some(place) => {
                self.set_blocked(Some(place.clone()));
                page_error(PageErrorKind::NeedsYou, place)
            }
            None => page_error(
                PageErrorKind::NotReady,
                format!("HTTP {} to {location}", resp.status().as_u16()),
            ),
        }
    }

    /// Opens (or reloads) the tab on `path` and reads the page's data.
    async fn load(&self, path: &str) -> Result<Wiz, PageError> {
        let resp = self
            .http
            .get(format!("{}{}{path}", self.origin, self.prefix()))
            .header("cookie", self.cookie.expose())
            .send()
            .await
            .map_err(|e| page_error(PageErrorKind::NoTab, e.to_string()))?;
        if resp.status().is_redirection() {
            return Err(self.redirected(&resp));
        }
        let html = resp
            .text()
            .await
            .map_err(|e| page_error(PageErrorKind::NoTab, e.to_string()))?;
        let wiz: Value = html
            .split_once("window.WIZ_global_data = ")
            .and_then(|(_, rest)| rest.split_once(";</script>"))
            .and_then(|(json, _)| serde_json::from_str(json).ok())
            .ok_or_else(|| page_error(PageErrorKind::NotReady, "no WIZ_global_data"))?;
        let text = |k: &str| wiz.get(k).and_then(Value::as_str).map(str::to_string);
        *self.seen_email.lock().unwrap_or_else(|p| p.into_inner()) = text("oPEP7c");
        let Some(at) = text("SNlM0e") else {
            return Err(page_error(
                PageErrorKind::SignedOut,
                "the tab shows Flow signed out",
            ));
        };
        // The page's own place among the accounts must be the tab's.
        if let Some(own) = text("QrtxK").and_then(|q| q.parse::<usize>().ok())
            && own != self.index
        {
            return Err(page_error(
                PageErrorKind::AccountUnclear,
                format!("/u/{} ≠ /u/{own}", self.index),
            ));
        }
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
        self.set_blocked(None);
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
        match self.load("/").await {
            Ok(w) => w.email,
            Err(_) => self
                .seen_email
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone(),
        }
    }

    /// Looks at Flow again as the extension does while the tab waits for the person: true once
    /// the page is normal (and the tab reloaded on it).
    pub async fn page_is_normal(&self) -> bool {
        let path = self
            .tab
            .lock()
            .await
            .as_ref()
            .map_or_else(|| "/".to_string(), |w| w.path.clone());
        self.load(&path).await.is_ok()
    }

    /// What the page's `grecaptcha.enterprise.execute(key, {action})` does.
    async fn mint_token(&self, action: &str) -> Result<String, PageError> {
        let _one_at_a_time = self.mint.lock().await;
        let r = self
            .http
            .post(format!("{}{}/sim/recaptcha", self.origin, self.prefix()))
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
        let prefix = self.prefix();
        loop {
            let mut freq = call.freq.clone();
            if let Some(action) = &call.captcha {
                let token = self.mint_token(action).await?;
                freq = freq.replace(CAPTCHA, &token);
            }
            let reqid = 100_000 + fastrand::u32(..900_000);
            let source_path = format!("{prefix}{}", call.path);
            let resp = self
                .http
                .post(format!(
                    "{}{prefix}/_/AiSandboxAngularFrontend/data/batchexecute",
                    self.origin
                ))
                .query(&[
                    ("rpcids", call.rpcid.as_str()),
                    ("source-path", source_path.as_str()),
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
                .map_err(|e| after_send(PageErrorKind::Network, e.to_string()))?;
            // Turned away at the door (the extension posts with `redirect: "manual"`).
            if resp.status().is_redirection() {
                return Err(self.redirected(&resp));
            }
            let status = resp.status().as_u16();
            let body = resp
                .text()
                .await
                .map_err(|e| after_send(PageErrorKind::Network, e.to_string()))?;
            // A stale page: reload the tab once and send again with its fresh token.
            if status == 400 && body.contains("\"xsrf\"") && !reloaded {
                reloaded = true;
                wiz = self.load(&wiz.path.clone()).await?;
                continue;
            }
            self.set_blocked(None);
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
                blocked: None,
                extension: Some(flowdeck_core::bridge::version::APP.into()),
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

/// How often a tab that waits for the person is looked at again (the extension: seconds).
const WATCH_EVERY: Duration = Duration::from_millis(250);

/// Tells flowdeck where the page stands when that changed since it was last told.
async fn tell(
    page: &Page,
    tx: &mpsc::UnboundedSender<FromBrowser>,
    said: &std::sync::Mutex<Option<String>>,
) {
    let now = page.blocked();
    {
        let mut last = said.lock().unwrap_or_else(|p| p.into_inner());
        if *last == now {
            return;
        }
        *last = now.clone();
    }
    let email = page.email().await;
    tx.send(FromBrowser::Status {
        email,
        blocked: now,
    })
    .ok();
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
    /// Pairs through a pairing URL (`http://127.0.0.1:<port>/pair/<code>`) once its person
    /// typed flowdeck's check code, as the extension does: flowdeck must prove it knows the
    /// code before the stand-in proves it too. Returns the account and its secret.
    pub async fn pair(pairing_url: &str, check: &str) -> Result<(String, Secret), String> {
        let rest = pairing_url
            .strip_prefix("http://")
            .ok_or("not a pairing URL")?;
        let (host, code) = rest.split_once("/pair/").ok_or("not a pairing URL")?;
        let check: String = check
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let key = proof::pairing_key(&check, code);
        let mut socket = open(&format!("ws://{host}/bridge")).await?;
        let nonce = proof::new_nonce();
        send(
            &mut socket,
            &FromBrowser::Pair {
                v: VERSION,
                code: code.to_string(),
                nonce: nonce.clone(),
            },
        )
        .await?;
        let (server_nonce, server_proof) = match receive(&mut socket).await? {
            ToBrowser::Challenge { nonce, proof } => (nonce, proof),
            ToBrowser::Refused { reason } => return Err(reason),
            other => return Err(format!("unexpected answer {other:?}")),
        };
        if !proof::same(
            &server_proof,
            &proof::pair_server_proof(&key, &nonce, &server_nonce),
        ) {
            return Err("the pairing page could not prove it knows the check code".into());
        }
        send(
            &mut socket,
            &FromBrowser::Auth {
                proof: proof::pair_browser_proof(&key, &server_nonce, &nonce),
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
                agent: Some(format!("flowdeck-extension/{}", page.extension())),
                blocked: page.blocked(),
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
        let said = Arc::new(std::sync::Mutex::new(page.blocked()));
        let mut watch = tokio::time::interval(WATCH_EVERY);
        loop {
            let m = tokio::select! {
                m = stream.next() => m,
                // While the tab waits for the person, look at Flow again now and then, and
                // say so once the page is normal.
                _ = watch.tick() => {
                    if page.blocked().is_some() && page.page_is_normal().await {
                        tell(page, &tx, &said).await;
                    }
                    continue;
                }
            };
            let Some(Ok(m)) = m else {
                break;
            };
            let Message::Text(t) = m else {
                continue;
            };
            if let Ok(ToBrowser::Call {
                id,
                rpcid,
                freq,
                path,
                captcha,
                ..
            }) = ToBrowser::parse(t.as_str())
            {
                let (page, tx, said) = (page.clone(), tx.clone(), said.clone());
                tokio::spawn(async move {
                    let call = Call {
                        rpcid,
                        freq,
                        path,
                        captcha,
                    };
                    let result = page.execute(&call).await;
                    // Where the page stands goes first, so flowdeck knows it with the answer.
                    tell(&page, &tx, &said).await;
                    let email = page.email().await;
                    let message = match result {
                        Ok(a) => FromBrowser::Result {
                            id,
                            status: Some(a.status),
                            body: Some(a.body),
                            error: None,
                            email,
                            sent: Some(true),
                        },
                        Err(e) => FromBrowser::Result {
                            id,
                            status: None,
                            body: None,
                            sent: e.sent,
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
