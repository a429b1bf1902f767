//! The messages flowdeck and the browser extension exchange over the bridge's WebSocket, as
//! JSON text frames. Pure data: the server, the stand-in extension and the tests share it.
//!
//! ```text
//!  extension                         flowdeck
//!  hello {account, nonce, email, blocked, agent} ──▶   (agent: the extension's version)
//!                                ◀── challenge {nonce, proof}      proof = HMAC(secret, …)
//!  (checks the proof: an impostor
//!   on the port cannot make it)
//!  auth {proof}                  ──▶
//!                                ◀── welcome {account, origin, rpcs, actions, app}  (app: flowdeck's)
//!                                ◀── call {id, rpcid, freq, path, captcha}
//!  result {id, status, body, email} ─▶
//!  status {email, blocked}         ──▶   (who is signed in; where Google sent the tab, if
//!                                          only the person can go on: "Confirm it's you")
//! ```
//! Pairing replaces `hello` with `pair {code, nonce}`, once the person has typed flowdeck's
//! check code into the extension's popup. Both sides hold key = PBKDF2(check code, code), and
//! flowdeck proves it first (`challenge`), then the extension (`auth`); only then does flowdeck
//! answer `paired {account, secret}`, and the extension reconnects with `hello`.
//!
//! Before a peer has authenticated, every text it sends is at most [`FIELD_CAP`] bytes.

use serde::{Deserialize, Serialize};

/// Bumped when a message changes meaning; both sides refuse another version.
pub const VERSION: u32 = 2;

/// The longest text a field may hold before its peer has authenticated (an account name is at
/// most 40 characters, an email 254 bytes, a nonce or proof 64 hex digits).
pub const FIELD_CAP: usize = 320;

/// What the extension sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromBrowser {
    /// Completes a pairing started by `flowdeck bridge pair`, once the person confirmed it.
    Pair {
        v: u32,
        code: String,
        nonce: String,
    },
    /// Opens an authenticated session for a paired account.
    Hello {
        v: u32,
        account: String,
        nonce: String,
        /// The Google account the browser is signed in to, when a Flow tab told it.
        #[serde(default)]
        email: Option<String>,
        #[serde(default)]
        agent: Option<String>,
        /// Where Google sent the Flow tab, when it waits for the person (see `Status`).
        #[serde(default)]
        blocked: Option<String>,
    },
    Auth {
        proof: String,
    },
    /// The answer to one call.
    Result {
        id: u64,
        #[serde(default)]
        status: Option<u16>,
        #[serde(default)]
        body: Option<String>,
        #[serde(default)]
        error: Option<PageError>,
        #[serde(default)]
        email: Option<String>,
        /// Whether the page had issued the request (every answer carries it; `false` only
        /// from before the POST).
        #[serde(default)]
        sent: Option<bool>,
    },
    /// The signed-in account changed (or was first seen), or the page started or stopped
    /// waiting for the person.
    Status {
        #[serde(default)]
        email: Option<String>,
        /// Where Google sent the Flow tab while only the person can go on ("Confirm it's
        /// you" at `/about`, an account check, `/unavailable`); absent once the page is normal.
        #[serde(default)]
        blocked: Option<String>,
    },
    Ping,
}

pub use crate::provider::flow::transport::{PageError, PageErrorKind};

/// What flowdeck sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToBrowser {
    Paired {
        account: String,
        secret: String,
    },
    Challenge {
        nonce: String,
        proof: String,
    },
    Welcome {
        account: String,
        /// The Flow origin whose tabs the extension works on.
        origin: String,
        /// The RPC ids and reCAPTCHA actions this flowdeck calls (its protocol table, with the
        /// user's `flow-protocol.toml`): the extension runs those it ships with, and asks its
        /// person before running any other.
        #[serde(default)]
        rpcs: Vec<String>,
        #[serde(default)]
        actions: Vec<String>,
        /// This flowdeck's version: the extension tells its person when it is another.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        app: Option<String>,
    },
    /// Why a connection is being closed.
    Refused {
        reason: String,
    },
    /// Run one batchexecute call in the Flow tab.
    Call {
        id: u64,
        rpcid: String,
        /// The `f.req` value, with `__CAPTCHA__` where the token goes.
        freq: String,
        /// `source-path`, e.g. `/project/<id>`.
        path: String,
        /// The reCAPTCHA action to mint a token for, right before the request.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        captcha: Option<String>,
        /// How long the page may take before it answers what it knows (sent or not): a little
        /// less than flowdeck waits, so the page's account of a stuck call arrives first.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within_ms: Option<u64>,
    },
    Pong,
}

impl FromBrowser {
    pub fn parse(text: &str) -> Result<FromBrowser, String> {
        serde_json::from_str(text).map_err(|e| format!("unreadable message: {e}"))
    }

    /// True when a message a peer sends before authenticating has a field over [`FIELD_CAP`].
    pub fn oversized(&self) -> bool {
        let fields: Vec<&String> = match self {
            FromBrowser::Pair { code, nonce, .. } => vec![code, nonce],
            FromBrowser::Hello {
                account,
                nonce,
                email,
                agent,
                blocked,
                ..
            } => [
                Some(account),
                Some(nonce),
                email.as_ref(),
                agent.as_ref(),
                blocked.as_ref(),
            ]
            .into_iter()
            .flatten()
            .collect(),
            FromBrowser::Auth { proof } => vec![proof],
            _ => Vec::new(),
        };
        fields.iter().any(|f| f.len() > FIELD_CAP)
    }
}

impl ToBrowser {
    pub fn parse(text: &str) -> Result<ToBrowser, String> {
        serde_json::from_str(text).map_err(|e| format!("unreadable message: {e}"))
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl FromBrowser {
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_have_the_documented_shape() {
        let hello = FromBrowser::parse(
            r#"{"type":"hello","v":2,"account":"acc1","nonce":"ab","email":"a@b.c"}"#,
        )
        .expect("hello");
        assert_eq!(
            hello,
            FromBrowser::Hello {
                v: 2,
                account: "acc1".into(),
                nonce: "ab".into(),
                email: Some("a@b.c".into()),
                agent: None,
                blocked: None,
            }
        );
        // An older extension's status says nothing of the page: nothing is blocked.
        assert_eq!(
            FromBrowser::parse(r#"{"type":"status","email":"a@b.c"}"#).expect("status"),
            FromBrowser::Status {
                email: Some("a@b.c".into()),
                blocked: None
            }
        );
        assert_eq!(
            FromBrowser::parse(r#"{"type":"status","email":"a@b.c","blocked":"/about"}"#)
                .expect("status"),
            FromBrowser::Status {
                email: Some("a@b.c".into()),
                blocked: Some("/about".into())
            }
        );
        for (kind, expected) in [
            ("account_unclear", PageErrorKind::AccountUnclear),
            ("needs_you", PageErrorKind::NeedsYou),
            ("not_allowed", PageErrorKind::NotAllowed),
        ] {
            let text = format!(r#"{{"type":"result","id":4,"error":{{"kind":"{kind}"}}}}"#);
            let Ok(FromBrowser::Result { error: Some(e), .. }) = FromBrowser::parse(&text) else {
                panic!("{text} does not parse")
            };
            assert_eq!(e.kind, expected);
            assert!(e.kind.proves_not_sent(), "{kind}: nothing ran");
        }
        let r = FromBrowser::parse(
            r#"{"type":"result","id":3,"error":{"kind":"teleported","message":"?"}}"#,
        )
        .expect("unknown kinds parse");
        let FromBrowser::Result { error: Some(e), .. } = r else {
            panic!("not a result: {r:?}")
        };
        assert_eq!(e.kind, PageErrorKind::Other);
        assert!(!e.kind.proves_not_sent());
        assert!(PageErrorKind::SignedOut.proves_not_sent());
        let call = ToBrowser::Call {
            id: 1,
            rpcid: "YhhmEf".into(),
            freq: "[]".into(),
            path: "/project/p".into(),
            captcha: Some("VIDEO_GENERATION".into()),
            within_ms: Some(140_000),
        };
        let text = call.to_text();
        assert!(text.contains(r#""type":"call""#), "{text}");
        assert_eq!(ToBrowser::parse(&text).expect("round trip"), call);
        assert!(FromBrowser::parse("[1,2]").is_err());
        // Long fields before authentication are refused, short ones pass.
        let hello = |account: String| FromBrowser::Hello {
            v: VERSION,
            account,
            nonce: "ab".repeat(16),
            email: None,
            agent: None,
            blocked: None,
        };
        assert!(!hello("acc1".into()).oversized());
        assert!(hello("x".repeat(FIELD_CAP + 1)).oversized());
        assert!(
            FromBrowser::Auth {
                proof: "0".repeat(FIELD_CAP + 1)
            }
            .oversized()
        );
        // An older flowdeck's welcome names no calls.
        let w =
            ToBrowser::parse(r#"{"type":"welcome","account":"a","origin":"o"}"#).expect("welcome");
        assert!(matches!(w, ToBrowser::Welcome { rpcs, .. } if rpcs.is_empty()));
    }
}
