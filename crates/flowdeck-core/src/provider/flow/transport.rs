//! How a Flow call reaches flow.google.com: through a transport that runs it inside the user's
//! signed-in tab. The client builds every request and parses every answer; a transport only
//! carries text. Today's transport is the browser bridge (`crate::bridge`); a future one is a
//! new implementation of [`Transport`], not a rewrite of the client.

use std::future::Future;
use std::pin::Pin;

use serde::{Deserialize, Serialize};

use crate::message::Message;
use tokio::sync::watch;

/// One batchexecute call, ready to run in the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// `rpcids`, e.g. `YhhmEf`.
    pub rpcid: String,
    /// The `f.req` value; `__CAPTCHA__` marks where a fresh reCAPTCHA token goes.
    pub freq: String,
    /// `source-path`, e.g. `/project/<id>`.
    pub path: String,
    /// The reCAPTCHA action to mint a token for right before sending, for generate calls.
    pub captcha: Option<String>,
}

/// What came back from Flow, untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// Why the page could not run a call, and whether the request may have left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageError {
    pub kind: PageErrorKind,
    #[serde(default)]
    pub message: String,
    /// The extension's own word on whether the page had issued the request when this went
    /// wrong: `Some(false)` only from code that runs before the POST. Absent (an older
    /// extension) proves nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent: Option<bool>,
}

impl PageError {
    /// True only when the extension says the request was not sent and the kind agrees: a tab
    /// closed or moved while a generate was out is never "not sent", whatever it looks like.
    pub fn proves_not_sent(&self) -> bool {
        self.sent == Some(false) && self.kind.proves_not_sent()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageErrorKind {
    /// No Flow tab could be found or opened.
    NoTab,
    /// The tab shows Flow signed out (no `SNlM0e`).
    SignedOut,
    /// The page did not get ready (`SNlM0e`, `cfb2h`, `grecaptcha.enterprise`) in time.
    NotReady,
    /// The page could not mint a reCAPTCHA token.
    Captcha,
    /// `fetch` failed: the request may or may not have reached Flow.
    Network,
    /// The page went away (closed, navigated, crashed) or stopped answering while the call was
    /// in it: the request may have reached Flow.
    Interrupted,
    /// The extension did not understand the call.
    BadCall,
    /// The tab's address and the page disagree about which of the browser's Google accounts
    /// it is (`/u/<n>`, `authuser`, the page's own index): sent as nobody rather than as the
    /// wrong account. The message says what disagreed (`/u/1 ≠ /u/0`).
    AccountUnclear,
    /// Google sent the tab to a page only the person can clear: "Confirm it's you"
    /// (`/about`), an account check, `/unavailable`, `/unsupported-country`; or answered the
    /// call with a redirect there instead of running it. The message says where.
    NeedsYou,
    /// The extension runs only the Flow calls flowdeck makes, on Flow's own pages: this one
    /// named an RPC id or reCAPTCHA action it does not know (one a `flow-protocol.toml` adds
    /// runs once its person allows it in the popup) or another path. Nothing was sent.
    NotAllowed,
    /// A kind this flowdeck does not know (a newer extension).
    #[serde(other)]
    Other,
}

impl PageErrorKind {
    /// True when the request certainly did not leave the page (or was turned away at the
    /// door, before Flow ran it).
    pub fn proves_not_sent(self) -> bool {
        !matches!(
            self,
            PageErrorKind::Network | PageErrorKind::Interrupted | PageErrorKind::Other
        )
    }
}

/// Why an account that Google sent to a check gets no work, in words.
pub fn needs_you(place: &str) -> Message {
    crate::msg!("flow-needs-you", place = place)
}

/// Why a call has no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No browser is connected for this account: nothing was sent.
    NotConnected(Message),
    /// The page said why it could not run the call.
    Page(PageError),
    /// The call was handed to the browser and nothing came back (the connection dropped, or
    /// no answer in time): Flow may have received it.
    Lost(Message),
}

/// The browser's side of an account, as the bridge last heard it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Presence {
    pub connected: bool,
    /// The Google account the browser is signed in to; `None` when unknown or signed out.
    pub email: Option<String>,
    /// Where Google sent the Flow tab when only the person can go on ("Confirm it's you" at
    /// `/about`, an account check, a region block); `None` while the page is normal.
    pub blocked: Option<String>,
    /// The version flowdeck's extension said it is (see `bridge::version`).
    pub extension: Option<String>,
}

pub type CallFuture<'a> = Pin<Box<dyn Future<Output = Result<Answer, TransportError>> + Send + 'a>>;

/// Carries calls for exactly one account.
pub trait Transport: Send + Sync {
    fn call(&self, call: Call) -> CallFuture<'_>;

    /// Follows whether the account's browser is connected and who it is signed in as.
    fn presence(&self) -> watch::Receiver<Presence>;
}

/// Where a generate call's reCAPTCHA token goes; the page replaces every occurrence with a
/// token it mints right before sending.
pub const CAPTCHA: &str = "__CAPTCHA__";
