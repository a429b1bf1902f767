//! `flowdeck doctor`: does each account still work the way flowdeck expects? Only read-only
//! calls (credits, model lists, a listing, a token), each answer checked against the shapes
//! flowdeck reads, so a user learns before spending that a service moved. Both services
//! flowdeck first spoke were retired within three months; this is how the next move shows.

use serde::Serialize;

use super::client::Client;
use super::error::ProviderError;
use super::flow::{Advisory, Examined};
use crate::message::Message;

/// One account's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", content = "detail", rename_all = "snake_case")]
pub enum Verdict {
    /// Every read-only call answered in a shape flowdeck knows.
    Works(Message),
    /// The reads a paid video depends on work; some that only help (credits, model lists)
    /// did not answer as flowdeck reads them. The account is used with the built-in
    /// catalogue and the service's own answers decide.
    WorksWithWarnings {
        summary: Message,
        warnings: Vec<Advisory>,
    },
    /// The credentials or the browser's Google session must be renewed.
    SignedOut(Message),
    /// A Flow account whose browser is not connected: nothing could be asked.
    NoBrowser(Message),
    /// The service answered in a shape flowdeck does not know: it may have moved.
    UnknownShape(Message),
    /// The service could not be reached or failed for now; asking later may work.
    Unreachable(Message),
    /// The service answered clearly, and the answer means this account cannot make videos
    /// (no model, API disabled, access denied, out of quota).
    Refused(Message),
}

impl Verdict {
    /// What the lane and `flowdeck doctor` show, in one line.
    pub fn line(&self) -> Message {
        match self {
            Verdict::Works(s) => crate::msg!("doctor-works", detail = s.clone()),
            Verdict::WorksWithWarnings { summary, warnings } => {
                let reads: Vec<&str> = warnings.iter().map(|w| w.rpc.as_str()).collect();
                let reads = reads.join(", ");
                crate::msg!(
                    "doctor-works-warned",
                    detail = summary.clone(),
                    reads = reads
                )
            }
            Verdict::SignedOut(s) => crate::msg!("doctor-signed-out", detail = s.clone()),
            Verdict::NoBrowser(s) => crate::msg!("doctor-not-checked", detail = s.clone()),
            Verdict::UnknownShape(s) => crate::msg!("doctor-unknown-shape", detail = s.clone()),
            Verdict::Unreachable(s) => crate::msg!("doctor-unreachable", detail = s.clone()),
            Verdict::Refused(s) => crate::msg!("doctor-refused", detail = s.clone()),
        }
    }

    pub fn works(&self) -> bool {
        matches!(self, Verdict::Works(_) | Verdict::WorksWithWarnings { .. })
    }

    /// Whether a batch should not start on this account: it would fail or spend blindly.
    /// A missing browser is waited for and a network hiccup retried, as always.
    pub fn blocks(&self) -> bool {
        matches!(
            self,
            Verdict::SignedOut(_) | Verdict::UnknownShape(_) | Verdict::Refused(_)
        )
    }

    /// The verdict an error of the read-only calls gives.
    pub fn from_error(e: &ProviderError) -> Verdict {
        match e {
            ProviderError::Unauthorized | ProviderError::SignInAgain(_) => {
                Verdict::SignedOut(e.message())
            }
            ProviderError::Browser(m) => Verdict::NoBrowser(m.clone()),
            ProviderError::Unexpected { status, excerpt } => Verdict::UnknownShape(crate::msg!(
                "doctor-answer",
                status = *status,
                excerpt = excerpt.as_str()
            )),
            ProviderError::Transient(_)
            | ProviderError::NoAnswer(_)
            | ProviderError::Throttled { .. }
            | ProviderError::Io(_)
            | ProviderError::Unreachable(_) => Verdict::Unreachable(e.message()),
            _ => Verdict::Refused(e.message()),
        }
    }
}

impl Client {
    /// Runs the account's read-only calls and judges the answers. Spends nothing and changes
    /// nothing on the service (a Flow project is not created here).
    pub async fn doctor(&self) -> Verdict {
        if let Some(p) = self.presence() {
            let p = p.borrow().clone();
            if let Some(problem) = self.browser_problem(&p) {
                return Verdict::NoBrowser(problem);
            }
        }
        let plain = |r: Result<Message, ProviderError>| {
            r.map(|summary| Examined {
                summary,
                warnings: Vec::new(),
            })
        };
        let answer = match self {
            Client::Flow(c) => c.doctor().await,
            Client::Gemini(c) => plain(c.doctor().await),
            Client::Vertex(c) => plain(c.doctor().await),
        };
        match answer {
            Ok(e) if e.warnings.is_empty() => Verdict::Works(e.summary),
            Ok(e) => Verdict::WorksWithWarnings {
                summary: e.summary,
                warnings: e.warnings,
            },
            Err(e) => Verdict::from_error(&e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_gives_the_verdict_a_user_can_act_on() {
        type Expect = fn(&Verdict) -> bool;
        let cases: Vec<(ProviderError, Expect)> = vec![
            (ProviderError::Unauthorized, |v| {
                matches!(v, Verdict::SignedOut(_))
            }),
            (ProviderError::SignInAgain(Message::verbatim("x")), |v| {
                matches!(v, Verdict::SignedOut(_))
            }),
            (ProviderError::Browser(Message::verbatim("no tab")), |v| {
                matches!(v, Verdict::NoBrowser(_))
            }),
            (
                ProviderError::Unexpected {
                    status: 200,
                    excerpt: "nzlxg: no balance".into(),
                },
                |v| matches!(v, Verdict::UnknownShape(d) if d.arg("excerpt") == Some(&crate::message::Arg::Text("nzlxg: no balance".into()))),
            ),
            (ProviderError::Transient(Message::verbatim("503")), |v| {
                matches!(v, Verdict::Unreachable(_))
            }),
            (
                ProviderError::NotFound(Message::verbatim("no model")),
                |v| matches!(v, Verdict::Refused(_)),
            ),
            (
                ProviderError::AccountDenied(Message::verbatim("region")),
                |v| matches!(v, Verdict::Refused(_)),
            ),
        ];
        for (e, want) in cases {
            let v = Verdict::from_error(&e);
            assert!(want(&v), "{e:?} gave {v:?}");
        }
        let x = || Message::verbatim("x");
        let shape = Verdict::UnknownShape(x());
        assert!(shape.line().key == "doctor-unknown-shape" && shape.blocks());
        assert!(!Verdict::NoBrowser(x()).blocks());
        assert!(!Verdict::Unreachable(x()).blocks());
    }
}
