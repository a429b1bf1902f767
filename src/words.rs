//! How the engine's facts are said in the user's language: a take's state, an account's
//! health, what a take starts from, a cost. Front ends only (the window and the command line);
//! the engine returns the facts.

use crate::engine::{LaneHealth, Origin};
use crate::i18n::{dollars, number, say};
use crate::model::{AccountId, TakeState};
use crate::ops::cost::Cost;
use crate::t;

/// A take's state in words (`status --json` keeps the stable English names).
pub fn state(s: TakeState) -> String {
    say(&s.message())
}

/// An account's health in words (the engine's `label` is for logs).
pub fn health(h: &LaneHealth) -> String {
    match h {
        LaneHealth::Ready => t!("health-ready"),
        LaneHealth::CoolingDown { seconds } => {
            let seconds = *seconds;
            t!("health-cooling", seconds = seconds)
        }
        LaneHealth::NeedsSignIn { .. } => t!("health-sign-in"),
        LaneHealth::OutOfCredits { .. } => t!("health-out-of-credits"),
        LaneHealth::Paused { .. } => t!("health-paused"),
        LaneHealth::WaitingForBrowser { .. } => t!("health-waiting-browser"),
        LaneHealth::Held { .. } => t!("health-held"),
        LaneHealth::NeedsYou { .. } => t!("health-needs-you"),
    }
}

/// An account's health with its reason when it has one: the reason says more.
pub fn health_why(h: &LaneHealth) -> String {
    h.reason().map_or_else(|| health(h), say)
}

/// Why a batch's queued takes wait: each account with its health, or that none may take it.
pub fn stalled(lanes: &[(AccountId, LaneHealth)]) -> String {
    if lanes.is_empty() {
        return t!("stall-no-account");
    }
    lanes
        .iter()
        .map(|(name, h)| format!("{name}: {}", health_why(h)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a take starts from, for its row: "continues scene 2, start: shore.png"; None when
/// only its prompt.
pub fn origin(o: &Origin) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(n) = o.continues {
        parts.push(t!("continues-scene", scene = n));
    }
    parts.extend(o.pictures.iter().map(say));
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A cost in words: "about 40 credits and $0.80", or the account's usual price.
pub fn cost(c: &Cost) -> String {
    let mut parts = Vec::new();
    if c.credits > 0 {
        parts.push(t!("cost-credits", credits = number(c.credits)));
    }
    if c.usd > 0.0 {
        parts.push(dollars(c.usd));
    }
    let and = t!("cost-and");
    let sum = parts.join(&format!(" {and} "));
    match (parts.is_empty(), c.unknown) {
        (true, _) => t!("cost-usual-price"),
        (false, 0) => t!("cost-about", sum = sum),
        (false, n) => t!("cost-about-some-unknown", sum = sum, unknown = n),
    }
}

/// What the engine, a provider or the store said, in the user's language.
pub trait Said {
    fn said(&self) -> String;
}

impl Said for crate::message::Message {
    fn said(&self) -> String {
        say(self)
    }
}

macro_rules! said_by_message {
    ($($t:ty => $how:ident),* $(,)?) => {
        $(impl Said for $t {
            fn said(&self) -> String {
                say(&self.$how())
            }
        })*
    };
}

said_by_message!(
    crate::provider::ProviderError => message,
    crate::engine::EngineError => message,
    crate::store::ledger::LedgerError => message,
    crate::store::lock::LockError => message,
    crate::store::secrets::SecretError => message,
    crate::bridge::BridgeError => message,
    crate::store::config::ConfigError => to_message,
    crate::store::import::ImportError => to_message,
);

/// [`Said::said`] as a function, for `map_err(said)`.
pub fn said(e: impl Said) -> String {
    e.said()
}

/// The pairing page's words, in the language spoken now.
pub fn pairing_page() -> crate::bridge::page::PageWords {
    crate::bridge::page::PageWords {
        lang: crate::i18n::current().code().to_string(),
        title: crate::t!("pair-page-title"),
        waiting: crate::t!("pair-page-waiting"),
        then: crate::t!("pair-page-then"),
        missing: crate::t!("pair-page-missing"),
        per_profile: crate::t!("pair-page-per-profile"),
        expired: crate::t!("pair-page-expired"),
        gone: crate::t!("pair-page-gone"),
        not_running: crate::t!("pair-page-not-running"),
    }
}

/// A batch's state as the ledger keeps it (`active`, `finished`, `canceled`), in words.
pub fn batch_state(state: &str) -> String {
    match state {
        "active" => crate::t!("batch-active"),
        "finished" => crate::t!("batch-finished"),
        "canceled" => crate::t!("batch-cancelled"),
        other => other.to_string(),
    }
}
