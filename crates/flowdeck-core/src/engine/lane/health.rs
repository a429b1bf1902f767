//! A lane's health: whether its account may send creates, poll, or nothing now, and how each
//! failure, cool-down, browser change, panic or user action moves it.

use std::time::{Duration, Instant};

use crate::engine::backoff::backoff;
use crate::engine::events::LaneHealth;
use crate::model::AccountId;
use crate::provider::ProviderError;

/// Jobs that may panic before the lane stops taking work and says so.
const PANICS_BEFORE_PAUSE: u32 = 3;

pub(super) struct Health {
    /// The lane's account, for the log.
    name: AccountId,
    now: LaneHealth,
    cooldown_until: Option<Instant>,
    /// Failures in a row that cool the account down, each wait longer than the last.
    failures_in_row: u32,
    /// Jobs that panicked so far.
    panics: u32,
}

impl Health {
    pub fn new(name: AccountId) -> Health {
        Health {
            name,
            now: LaneHealth::Ready,
            cooldown_until: None,
            failures_in_row: 0,
            panics: 0,
        }
    }

    pub fn get(&self) -> &LaneHealth {
        &self.now
    }

    pub fn is_ready(&self) -> bool {
        self.now == LaneHealth::Ready
    }

    /// Status calls, downloads and lookups may go out (the account is signed in, its browser
    /// is there).
    pub fn polls_allowed(&self) -> bool {
        !matches!(
            self.now,
            LaneHealth::NeedsSignIn { .. }
                | LaneHealth::WaitingForBrowser { .. }
                | LaneHealth::NeedsYou { .. }
        )
    }

    /// An account check may go out: there is no browser, or it is not known to be away.
    pub fn browser_ok(&self, browser: bool) -> bool {
        !browser
            || !matches!(
                self.now,
                LaneHealth::WaitingForBrowser { .. } | LaneHealth::NeedsYou { .. }
            )
    }

    pub fn signed_out(&self) -> bool {
        matches!(self.now, LaneHealth::NeedsSignIn { .. })
    }

    /// Ends a cool-down that is over.
    pub fn tick(&mut self, now: Instant) {
        if let Some(until) = self.cooldown_until
            && now >= until
        {
            self.cooldown_until = None;
            if matches!(self.now, LaneHealth::CoolingDown { .. }) {
                self.now = LaneHealth::Ready;
            }
        }
    }

    pub fn next_wake(&self) -> Option<Instant> {
        self.cooldown_until
    }

    pub fn set(&mut self, health: LaneHealth) {
        if health != self.now {
            let reason = health
                .reason()
                .map(|r| r.log().to_string())
                .unwrap_or_default();
            tracing::info!(lane = %self.name, health = health.label(), %reason, "lane health");
        }
        self.now = health;
    }

    fn cool_down(&mut self, wait: Duration) {
        let until = Instant::now() + wait;
        self.cooldown_until = Some(self.cooldown_until.map_or(until, |u| u.max(until)));
        if self.now == LaneHealth::Ready || matches!(self.now, LaneHealth::CoolingDown { .. }) {
            self.set(LaneHealth::CoolingDown {
                seconds: wait.as_secs().max(1),
            });
        }
    }

    /// Cools down for the next wait of a backoff starting at `first`.
    fn back_off(&mut self, first: Duration, cap: Duration) {
        let wait = backoff(first, self.failures_in_row, cap);
        self.failures_in_row += 1;
        self.cool_down(wait);
    }

    /// Health after an error, for creates, status calls, downloads, checks and lookups alike.
    pub fn absorb(&mut self, e: &ProviderError) {
        match e {
            ProviderError::Throttled { retry_after, .. } => {
                let wait = retry_after.unwrap_or_else(|| {
                    backoff(
                        Duration::from_secs(5),
                        self.failures_in_row,
                        Duration::from_secs(120),
                    )
                });
                self.failures_in_row += 1;
                self.cool_down(wait);
            }
            ProviderError::QuotaReached(m) => {
                self.set(LaneHealth::OutOfCredits { reason: m.clone() })
            }
            ProviderError::Captcha(m) => self.set(LaneHealth::Paused {
                reason: crate::msg!("lane-captcha", why = m.clone()),
            }),
            ProviderError::Flagged(m) => self.set(LaneHealth::Held { reason: m.clone() }),
            ProviderError::Browser(_) => {
                self.back_off(Duration::from_secs(5), Duration::from_secs(120))
            }
            ProviderError::AccountDenied(m) => self.set(LaneHealth::Paused { reason: m.clone() }),
            ProviderError::SignInAgain(m) => {
                self.set(LaneHealth::NeedsSignIn { reason: m.clone() })
            }
            ProviderError::Unauthorized => self.set(LaneHealth::NeedsSignIn {
                reason: crate::msg!("lane-credentials-refused"),
            }),
            ProviderError::Ledger(m) => self.set(LaneHealth::Paused { reason: m.clone() }),
            _ => {}
        }
    }

    /// A create made videos: the account works.
    pub fn created(&mut self) {
        self.failures_in_row = 0;
    }

    /// A create failed. A failure the account may get over by itself waits longer each time,
    /// so a broken account hands its work to the others instead of spinning.
    pub fn submit_failed(&mut self, e: &ProviderError) {
        if matches!(
            e,
            ProviderError::Transient(_)
                | ProviderError::Unreachable(_)
                | ProviderError::NoAnswer(_)
                | ProviderError::Unexpected { .. }
                | ProviderError::Local(_)
                | ProviderError::Io(_)
        ) {
            self.back_off(Duration::from_secs(2), Duration::from_secs(60));
        }
        self.absorb(e);
    }

    /// A job panicked (a bug): a lane whose jobs keep panicking stops taking work, and says so.
    pub fn panicked(&mut self, message: &str) {
        self.panics += 1;
        if self.panics >= PANICS_BEFORE_PAUSE {
            self.set(LaneHealth::Paused {
                reason: crate::msg!(
                    "lane-panics",
                    times = self.panics,
                    error = message.to_string()
                ),
            });
        }
    }

    /// The account's browser is away or at a check only the person can clear (`needs_you`).
    /// A hold or an empty account stays what it is; the browser can wait.
    pub fn browser_problem(&mut self, reason: crate::message::Message, needs_you: bool) {
        if !matches!(
            self.now,
            LaneHealth::Held { .. } | LaneHealth::OutOfCredits { .. }
        ) {
            self.set(if needs_you {
                LaneHealth::NeedsYou { reason }
            } else {
                LaneHealth::WaitingForBrowser { reason }
            });
        }
    }

    /// The browser is fine again; true when that ends a wait for it (or for a sign-in).
    pub fn browser_back(&mut self) -> bool {
        let waited = matches!(
            self.now,
            LaneHealth::WaitingForBrowser { .. }
                | LaneHealth::NeedsSignIn { .. }
                | LaneHealth::NeedsYou { .. }
        );
        if waited {
            self.set(LaneHealth::Ready);
        }
        waited
    }

    /// An account check passed; true when the account was signed out (signed in again in
    /// the browser).
    pub fn checked(&mut self) -> bool {
        let was_out = self.signed_out();
        if was_out {
            self.set(LaneHealth::Ready);
        }
        was_out
    }

    /// A new secret: what a sign-in or a refusal stopped may go on.
    pub fn replaced(&mut self) {
        if matches!(
            self.now,
            LaneHealth::NeedsSignIn { .. } | LaneHealth::Paused { .. }
        ) {
            self.set(LaneHealth::Ready);
        }
    }

    /// The user resumes a held or paused account; true when it was one.
    pub fn released(&mut self) -> bool {
        let held = matches!(
            self.now,
            LaneHealth::Held { .. } | LaneHealth::Paused { .. }
        );
        if held {
            tracing::info!(lane = %self.name, "resumed by the user");
            self.set(LaneHealth::Ready);
        }
        held
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    fn health() -> Health {
        Health::new("a".into())
    }

    fn throttled(after: Option<Duration>) -> ProviderError {
        ProviderError::Throttled {
            retry_after: after,
            reason: crate::message::Message::verbatim("429"),
        }
    }

    #[test]
    fn a_throttled_account_cools_down_for_the_wait_asked_then_is_ready_again() {
        let mut h = health();
        let start = Instant::now();
        h.absorb(&throttled(Some(Duration::from_secs(30))));
        assert_eq!(h.get(), &LaneHealth::CoolingDown { seconds: 30 });
        assert!(!h.is_ready() && h.polls_allowed());
        let until = h.next_wake().expect("a cool-down end");
        assert!(until >= start + Duration::from_secs(30));
        // A shorter wait asked later does not shorten the cool-down.
        h.absorb(&throttled(Some(Duration::from_secs(1))));
        assert_eq!(h.next_wake(), Some(until));
        h.tick(until - Duration::from_millis(1));
        assert!(!h.is_ready());
        h.tick(until);
        assert!(h.is_ready() && h.next_wake().is_none());
    }

    #[test]
    fn a_cool_down_ending_does_not_end_a_hold() {
        let mut h = health();
        h.absorb(&throttled(Some(Duration::from_secs(5))));
        h.absorb(&ProviderError::Flagged(crate::message::Message::verbatim(
            "unusual activity",
        )));
        assert!(matches!(h.get(), LaneHealth::Held { .. }));
        h.tick(Instant::now() + Duration::from_secs(60));
        assert!(matches!(h.get(), LaneHealth::Held { .. }));
        assert!(h.released() && h.is_ready());
        assert!(!h.released(), "a ready account is not released");
    }

    #[test]
    fn failed_creates_cool_down_longer_each_time_until_one_works() {
        let mut h = health();
        let wait = |h: &Health| h.next_wake().expect("cooling") - Instant::now();
        h.submit_failed(&ProviderError::Transient(
            crate::message::Message::verbatim("503"),
        ));
        assert!(wait(&h) <= Duration::from_millis(2500));
        for _ in 0..5 {
            h.submit_failed(&ProviderError::Unreachable(
                crate::message::Message::verbatim("refused"),
            ));
        }
        // 2 s · 2⁵ = 64 s, capped at 60 s, ±25%.
        assert!(wait(&h) >= Duration::from_secs(40), "{:?}", wait(&h));
        h.tick(Instant::now() + Duration::from_secs(100));
        h.created();
        h.submit_failed(&ProviderError::Transient(
            crate::message::Message::verbatim("503"),
        ));
        assert!(
            wait(&h) <= Duration::from_millis(2500),
            "the count starts over"
        );
        // A refusal of the prompt says nothing about the account.
        let mut h = health();
        h.submit_failed(&ProviderError::InvalidRequest(
            crate::message::Message::verbatim("bad"),
        ));
        assert!(h.is_ready() && h.next_wake().is_none());
    }

    #[test]
    fn a_ledger_that_cannot_be_written_pauses_the_account_without_a_cool_down() {
        let mut h = health();
        let full = crate::message::Message::verbatim("disk full");
        h.submit_failed(&ProviderError::Ledger(full.clone()));
        assert!(matches!(h.get(), LaneHealth::Paused { reason } if *reason == full));
        assert!(h.next_wake().is_none());
        let mut h = health();
        h.submit_failed(&ProviderError::Local(crate::message::Message::verbatim(
            "a file",
        )));
        assert!(matches!(h.get(), LaneHealth::CoolingDown { .. }));
    }

    #[test]
    fn errors_move_the_account_to_what_fixes_them() {
        let is = |h: &LaneHealth, e: &ProviderError| match e {
            ProviderError::QuotaReached(_) => matches!(h, LaneHealth::OutOfCredits { .. }),
            ProviderError::Captcha(_) | ProviderError::AccountDenied(_) => {
                matches!(h, LaneHealth::Paused { .. })
            }
            ProviderError::SignInAgain(_) | ProviderError::Unauthorized => {
                matches!(h, LaneHealth::NeedsSignIn { .. })
            }
            ProviderError::Browser(_) => matches!(h, LaneHealth::CoolingDown { .. }),
            _ => h == &LaneHealth::Ready,
        };
        let cases = [
            ProviderError::QuotaReached(crate::message::Message::verbatim("none")),
            ProviderError::Captcha(crate::message::Message::verbatim("no token")),
            ProviderError::AccountDenied(crate::message::Message::verbatim("region")),
            ProviderError::SignInAgain(crate::message::Message::verbatim("expired")),
            ProviderError::Unauthorized,
            ProviderError::Browser(crate::message::Message::verbatim("no tab")),
            ProviderError::NotFound(crate::message::Message::verbatim("gone")),
        ];
        for e in cases {
            let mut h = health();
            h.absorb(&e);
            assert!(is(h.get(), &e), "{e:?}: {:?}", h.get());
        }
        let mut h = health();
        h.absorb(&ProviderError::Unauthorized);
        assert!(!h.polls_allowed() && h.signed_out());
        assert!(h.checked() && h.is_ready(), "a passing check signs it in");
        assert!(!h.checked());
    }

    #[test]
    fn the_browser_going_and_coming_back() {
        let mut h = health();
        assert!(h.browser_ok(true) && h.browser_ok(false));
        h.browser_problem(crate::message::Message::verbatim("not connected"), false);
        assert!(matches!(h.get(), LaneHealth::WaitingForBrowser { .. }));
        assert!(!h.polls_allowed() && !h.browser_ok(true) && h.browser_ok(false));
        h.browser_problem(crate::message::Message::verbatim("confirm it's you"), true);
        assert!(matches!(h.get(), LaneHealth::NeedsYou { .. }));
        assert!(h.browser_back() && h.is_ready());
        assert!(!h.browser_back(), "nothing was waiting");
        // A hold outlasts the browser's comings and goings.
        h.absorb(&ProviderError::Flagged(crate::message::Message::verbatim(
            "unusual",
        )));
        h.browser_problem(crate::message::Message::verbatim("not connected"), false);
        assert!(matches!(h.get(), LaneHealth::Held { .. }));
        assert!(!h.browser_back());
        assert!(matches!(h.get(), LaneHealth::Held { .. }));
    }

    #[test]
    fn a_new_secret_clears_a_sign_in_or_a_pause_but_not_a_hold() {
        let mut h = health();
        h.absorb(&ProviderError::SignInAgain(
            crate::message::Message::verbatim("expired"),
        ));
        h.replaced();
        assert!(h.is_ready());
        h.absorb(&ProviderError::Flagged(crate::message::Message::verbatim(
            "unusual",
        )));
        h.replaced();
        assert!(matches!(h.get(), LaneHealth::Held { .. }));
    }

    #[test]
    fn the_third_panic_pauses_the_lane() {
        let mut h = health();
        h.panicked("one");
        h.panicked("two");
        assert!(h.is_ready());
        h.panicked("three");
        assert!(matches!(h.get(), LaneHealth::Paused { reason } if reason.en().contains("three")));
    }
}
