//! The bridge: a WebSocket server on loopback that the flowdeck browser extension connects to,
//! one connection per paired browser profile (one profile = one Flow account).
//!
//! Each Flow account's client holds a [`BrowserLink`] for that account only, so every call of
//! a video it made goes through that account's browser and no other. Every connection proves it
//! holds the account's pairing secret (and flowdeck proves it back), web pages are turned away
//! by their `Origin`, and nothing from a request's headers is ever logged (a browser sends all
//! of 127.0.0.1's cookies to the pairing page, whatever the port). A pairing completes only
//! once the person typed flowdeck's check code into the extension's popup. Before a peer has
//! authenticated it is bounded (see `gate`): time, bytes, how many at once; what it says is
//! logged short, escaped and rate-limited, and nothing it is told reveals which accounts exist.

mod gate;
mod link;
pub mod page;
pub mod proof;
pub mod protocol;
mod server;
pub mod version;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::JoinHandle;

pub use link::BrowserLink;

use crate::provider::flow::transport::{PageError, Presence};
use crate::secret::Secret;

/// The port the bridge listens on unless `[bridge] port` says otherwise.
pub const DEFAULT_PORT: u16 = 47615;

#[derive(Debug, Clone)]
pub struct BridgeConfig {
    /// 0 picks a free port (tests, the demo).
    pub port: u16,
    /// The Flow origin the extension works on.
    pub origin: String,
    /// How long a call may take in the browser, token mint included.
    pub call_timeout: Duration,
    /// The pairing page's words (the front end's language).
    pub page: page::PageWords,
}

impl Default for BridgeConfig {
    fn default() -> Self {
        BridgeConfig {
            port: DEFAULT_PORT,
            origin: crate::provider::flow::DEFAULT_ORIGIN.to_string(),
            call_timeout: Duration::from_secs(150),
            page: page::PageWords::default(),
        }
    }
}

#[derive(Debug)]
pub enum BridgeError {
    Bind { port: u16, reason: String },
    PairingTimedOut(u64),
    Stopped,
}

impl BridgeError {
    /// What happened, for a person (the front ends put it into words).
    pub fn message(&self) -> crate::message::Message {
        match self {
            BridgeError::Bind { port, reason } => {
                crate::msg!("bridge-bind", port = *port, why = reason.as_str())
            }
            BridgeError::PairingTimedOut(seconds) => {
                crate::msg!("bridge-pairing-timed-out", seconds = *seconds)
            }
            BridgeError::Stopped => crate::msg!("bridge-stopped"),
        }
    }
}

/// A call's answer or why there is none, as the connection task hands it back.
pub(crate) enum Outcome {
    Answer { status: u16, body: String },
    Page(PageError),
}

/// One authenticated browser connection.
pub(crate) struct Session {
    pub id: u64,
    pub tx: mpsc::UnboundedSender<protocol::ToBrowser>,
    pub pending: Arc<Mutex<HashMap<u64, oneshot::Sender<Outcome>>>>,
}

/// A pairing offered to the browser whose person types its check code.
struct Offer {
    account: String,
    secret: Secret,
    /// The code the person carries to the extension's popup.
    check: String,
    /// What both sides prove they hold: the check code, stretched (`proof::pairing_key`),
    /// once a browser asked.
    key: Option<Secret>,
    expires: Instant,
    /// Set once the secret went to a browser; fired when that browser connects with it.
    delivered: bool,
    done: Option<oneshot::Sender<Presence>>,
}

pub(crate) struct Inner {
    pub config: BridgeConfig,
    pub port: u16,
    /// Paired accounts and their secrets.
    book: Mutex<HashMap<String, Secret>>,
    sessions: Mutex<HashMap<String, Session>>,
    presence: Mutex<HashMap<String, watch::Sender<Presence>>>,
    offers: Mutex<HashMap<String, Offer>>,
    /// Connections turned away, with why (no secrets, no headers).
    refusals: Mutex<Refusals>,
    next_id: AtomicU64,
    /// Cancelled when the bridge is dropped: every browser's connection ends with it, so a
    /// bridge started again in the same process (`flowdeck mcp` between batches) gets the
    /// browsers back instead of leaving them talking to the one that is gone.
    pub closed: tokio_util::sync::CancellationToken,
}

/// The last refusals, and how many were logged this minute.
struct Refusals {
    last: VecDeque<String>,
    minute: Instant,
    logged: u32,
    unlogged: u64,
}

/// Refusals kept (for `Bridge::refusals`), and logged per minute at most.
const REFUSALS_KEPT: usize = 100;
const REFUSALS_LOGGED: u32 = 10;

impl Refusals {
    fn new() -> Refusals {
        Refusals {
            last: VecDeque::new(),
            minute: Instant::now(),
            logged: 0,
            unlogged: 0,
        }
    }

    fn note(&mut self, why: String) {
        if self.minute.elapsed() >= Duration::from_secs(60) {
            if self.unlogged > 0 {
                tracing::warn!(
                    "bridge: {} more connections were refused in the last minute (not logged one by one)",
                    self.unlogged
                );
            }
            self.minute = Instant::now();
            (self.logged, self.unlogged) = (0, 0);
        }
        if self.logged < REFUSALS_LOGGED {
            tracing::warn!("bridge: {why}");
            self.logged += 1;
        } else {
            self.unlogged += 1;
        }
        if self.last.len() == REFUSALS_KEPT {
            self.last.pop_front();
        }
        self.last.push_back(why);
    }
}

/// Text a peer sent, as it may appear in a log line: at most `max` characters, control and
/// text-direction characters written out (`\n`, `\u{1b}`, `\u{202e}`), so it can neither forge
/// a line nor steer a terminal.
pub(crate) fn shown(said: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in said.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the browser says Google sent its Flow tab (a path or a host name): shown to people,
/// so kept short and on one line.
fn place(said: &str) -> String {
    crate::secret::excerpt(said, 80)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Inner {
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed) + 1
    }

    pub fn secret(&self, account: &str) -> Option<Secret> {
        lock(&self.book).get(account).cloned()
    }

    fn presence_tx(&self, account: &str) -> watch::Sender<Presence> {
        lock(&self.presence)
            .entry(account.to_string())
            .or_insert_with(|| watch::channel(Presence::default()).0)
            .clone()
    }

    pub fn presence(&self, account: &str) -> watch::Receiver<Presence> {
        self.presence_tx(account).subscribe()
    }

    /// Records who the browser says it is signed in as.
    pub fn set_email(&self, account: &str, email: Option<String>) {
        self.presence_tx(account).send_if_modified(|p| {
            let changed = p.email != email;
            p.email = email;
            changed
        });
    }

    /// Records what the browser says of itself: who is signed in, and where Google sent its
    /// Flow tab if only the person can go on.
    pub fn set_status(&self, account: &str, email: Option<String>, blocked: Option<String>) {
        let blocked = blocked.as_deref().map(place);
        self.presence_tx(account).send_if_modified(|p| {
            let changed = p.email != email || p.blocked != blocked;
            if p.blocked != blocked {
                tracing::info!(%account, blocked = blocked.as_deref().unwrap_or("no"), "bridge: the browser's Flow page");
            }
            p.email = email;
            p.blocked = blocked;
            changed
        });
    }

    /// Notes a refusal (its words carry peer text only through [`shown`]).
    pub fn refuse(&self, why: String) {
        lock(&self.refusals).note(why);
    }

    /// Makes `session` the account's connection, closing any older one.
    pub fn register(&self, account: &str, session: Session, said: Presence) {
        let old = lock(&self.sessions).insert(account.to_string(), session);
        drop(old);
        let now = Presence {
            connected: true,
            blocked: said.blocked.as_deref().map(place),
            ..said
        };
        self.presence_tx(account).send_replace(now.clone());
        lock(&self.offers).retain(|_, o| {
            if o.account == account && o.delivered {
                if let Some(done) = o.done.take() {
                    done.send(now.clone()).ok();
                }
                return false;
            }
            true
        });
    }

    /// The connection `id` ended; the account is disconnected unless a newer one replaced it.
    pub fn unregister(&self, account: &str, id: u64) {
        let mut sessions = lock(&self.sessions);
        if sessions.get(account).is_some_and(|s| s.id == id) {
            sessions.remove(account);
            drop(sessions);
            self.presence_tx(account)
                .send_modify(|p| p.connected = false);
        }
    }

    pub fn with_session<T>(&self, account: &str, f: impl FnOnce(&Session) -> T) -> Option<T> {
        lock(&self.sessions).get(account).map(f)
    }

    /// The key of a live, unused pairing code (stretched once, off the async threads).
    pub async fn pairing_key(&self, code: &str) -> Option<Secret> {
        let check = {
            let offers = lock(&self.offers);
            let offer = offers.get(code)?;
            if offer.delivered || Instant::now() > offer.expires {
                return None;
            }
            if let Some(key) = &offer.key {
                return Some(key.clone());
            }
            offer.check.clone()
        };
        let salt = code.to_string();
        let key = tokio::task::spawn_blocking(move || proof::pairing_key(&check, &salt))
            .await
            .ok()?;
        if let Some(offer) = lock(&self.offers).get_mut(code) {
            offer.key = Some(key.clone());
        }
        Some(key)
    }

    /// Hands out the secret of a live, unused pairing code (once its key was proved).
    pub fn redeem(&self, code: &str) -> Option<(String, Secret)> {
        let mut offers = lock(&self.offers);
        let offer = offers.get_mut(code)?;
        if offer.delivered || Instant::now() > offer.expires {
            return None;
        }
        offer.delivered = true;
        lock(&self.book).insert(offer.account.clone(), offer.secret.clone());
        Some((offer.account.clone(), offer.secret.clone()))
    }

    /// What the pairing page shows until the extension takes over: waiting, expired, or gone
    /// (used, withdrawn, or never offered).
    pub fn offer_state(&self, code: &str) -> &'static str {
        match lock(&self.offers).get(code) {
            Some(o) if Instant::now() > o.expires => "expired",
            Some(o) if !o.delivered => "waiting",
            _ => "gone",
        }
    }
}

/// A running bridge. Dropping it stops the server and disconnects every browser.
pub struct Bridge {
    inner: Arc<Inner>,
    addr: SocketAddr,
    task: JoinHandle<()>,
}

/// How long a newly paired browser gets to say who is signed in.
const EMAIL_WAIT: Duration = Duration::from_secs(10);

/// A pairing in progress.
pub struct Pairing {
    pub account: String,
    /// The one-time URL to open in the browser that should be paired.
    pub url: String,
    /// The code to show the person (never on the pairing page): they type it into the
    /// extension's popup, which is how the extension knows this is their flowdeck.
    pub check: String,
    done: oneshot::Receiver<Presence>,
    presence: watch::Receiver<Presence>,
}

impl Pairing {
    /// Waits until the browser that opened the URL has connected with its new secret.
    /// Returns who that browser is signed in as (waiting a few seconds more for it to say,
    /// when its first hello could not: it learns the Flow origin from flowdeck's welcome).
    pub async fn wait(self, timeout: Duration) -> Result<Presence, BridgeError> {
        let connected = match tokio::time::timeout(timeout, self.done).await {
            Ok(Ok(p)) => p,
            Ok(Err(_)) => return Err(BridgeError::Stopped),
            Err(_) => return Err(BridgeError::PairingTimedOut(timeout.as_secs())),
        };
        if connected.email.is_some() {
            return Ok(connected);
        }
        let mut presence = self.presence;
        Ok(
            tokio::time::timeout(EMAIL_WAIT, presence.wait_for(|p| p.email.is_some()))
                .await
                .ok()
                .and_then(Result::ok)
                .map_or(connected, |p| p.clone()),
        )
    }
}

impl Bridge {
    /// Listens on 127.0.0.1 only, with the secrets of the accounts paired so far.
    pub async fn start(
        config: BridgeConfig,
        paired: HashMap<String, Secret>,
    ) -> Result<Bridge, BridgeError> {
        let listener = TcpListener::bind(("127.0.0.1", config.port))
            .await
            .map_err(|e| BridgeError::Bind {
                port: config.port,
                reason: e.to_string(),
            })?;
        let addr = listener.local_addr().map_err(|e| BridgeError::Bind {
            port: config.port,
            reason: e.to_string(),
        })?;
        let inner = Arc::new(Inner {
            port: addr.port(),
            config,
            book: Mutex::new(paired),
            sessions: Mutex::new(HashMap::new()),
            presence: Mutex::new(HashMap::new()),
            offers: Mutex::new(HashMap::new()),
            refusals: Mutex::new(Refusals::new()),
            next_id: AtomicU64::new(0),
            closed: tokio_util::sync::CancellationToken::new(),
        });
        let task = tokio::spawn(gate::serve(listener, server::router(inner.clone())));
        Ok(Bridge { inner, addr, task })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `ws://127.0.0.1:<port>/bridge`, where extensions connect.
    pub fn ws_url(&self) -> String {
        format!("ws://{}/bridge", self.addr)
    }

    /// Adds or replaces an account's pairing secret.
    pub fn set_secret(&self, account: &str, secret: Secret) {
        lock(&self.inner.book).insert(account.to_string(), secret);
    }

    /// The link one Flow account's client uses; it carries calls for `account` only.
    pub fn link(&self, account: &str) -> BrowserLink {
        BrowserLink::new(self.inner.clone(), account)
    }

    pub fn presence(&self, account: &str) -> watch::Receiver<Presence> {
        self.inner.presence(account)
    }

    /// Offers a one-time pairing for `account` with `secret`, valid for `ttl`.
    pub fn offer_pairing(&self, account: &str, secret: Secret, ttl: Duration) -> Pairing {
        let code = proof::new_code();
        let check = proof::new_check();
        let shown = proof::shown_check(&check);
        let (tx, rx) = oneshot::channel();
        lock(&self.inner.offers).insert(
            code.clone(),
            Offer {
                account: account.to_string(),
                secret,
                check,
                key: None,
                expires: Instant::now() + ttl,
                delivered: false,
                done: Some(tx),
            },
        );
        Pairing {
            account: account.to_string(),
            url: format!("http://127.0.0.1:{}/pair/{code}", self.port()),
            check: shown,
            done: rx,
            presence: self.presence(account),
        }
    }

    /// The last connections refused, with the reason (for the log and the tests).
    pub fn refusals(&self) -> Vec<String> {
        lock(&self.inner.refusals).last.iter().cloned().collect()
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        self.task.abort();
        self.inner.closed.cancel();
        lock(&self.inner.sessions).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peer_text_is_cut_and_written_out_on_one_line() {
        assert_eq!(shown("eve\nERROR x", 40), r"eve\nERROR x");
        assert_eq!(shown("a\u{1b}[2Jb\u{202e}c", 40), r"a\u{1b}[2Jb\u{202e}c");
        assert_eq!(shown("abcdef", 3), "abc…");
        assert_eq!(shown("nöel", 40), "nöel");
    }

    #[test]
    fn refusals_are_kept_in_a_ring() {
        let mut r = Refusals::new();
        for i in 0..250 {
            r.note(format!("refusal {i}"));
        }
        assert_eq!(r.last.len(), REFUSALS_KEPT);
        assert_eq!(r.last.front().map(String::as_str), Some("refusal 150"));
        assert_eq!((r.logged, r.unlogged), (REFUSALS_LOGGED, 240));
    }
}
