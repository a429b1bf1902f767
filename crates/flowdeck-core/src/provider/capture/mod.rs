//! Answers flowdeck could not read, kept for a bug report. A client hands each surprise (an
//! answer in a shape it does not know, a payload that lacks what the caller needs, a failure it
//! cannot classify) to the [`CaptureSink`] it was given; the sink keeps it as a [`Capture`], with
//! every secret removed and the prompts hidden unless the user keeps them (`redact`). Nothing
//! here sends anything anywhere.

pub mod redact;

use serde::{Deserialize, Serialize};

use crate::provider::error::ProviderError;
use redact::Redaction;

/// One answer flowdeck could not read, as the client saw it: raw, so it must go nowhere but
/// to a sink, which redacts it before keeping it.
#[derive(Debug, Clone, Copy)]
pub struct Surprise<'a> {
    /// `flow`, `gemini` or `vertex`.
    pub provider: &'static str,
    /// The call: Flow's RPC id.
    pub rpc: &'a str,
    /// Where it went: Flow's `source-path`.
    pub route: &'a str,
    pub status: u16,
    /// What was sent (Flow: the `f.req`, with `__CAPTCHA__` where the page put its token).
    pub request: Option<&'a str>,
    /// The answer's body, or with `payload` the payload the codec decoded from it.
    pub body: &'a str,
    /// The answer parsed, but its payload lacks what the caller needs: `body` is that payload.
    pub payload: bool,
    pub error: &'a ProviderError,
}

/// Where a client puts its surprises. Keeping one never fails the call: a capture that cannot
/// be kept is logged and dropped.
pub trait CaptureSink: Send + Sync + std::fmt::Debug {
    fn capture(&self, s: &Surprise<'_>);
}

/// A capture's request, answer and problem are cut to these many bytes (after redaction), so
/// one file stays small enough to attach.
const REQUEST_CAP: usize = 48 << 10;
const BODY_CAP: usize = 192 << 10;
const PROBLEM_CAP: usize = 2 << 10;

/// One kept surprise, redacted: what a capture file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capture {
    /// The flowdeck version that saw it.
    pub flowdeck: String,
    /// When, in UTC (RFC 3339).
    pub time: String,
    pub provider: String,
    pub rpc: String,
    pub route: String,
    pub status: u16,
    /// What flowdeck made of it.
    pub problem: String,
    /// `hidden` (replaced by their length) or `included`.
    pub prompts: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    /// `answer` (the whole body) or `payload` (the decoded payload that lacked something).
    pub body_is: String,
    pub body: String,
    /// A part was longer than a capture keeps and was cut.
    #[serde(default)]
    pub cut: bool,
}

const HIDDEN: &str = "hidden";
const INCLUDED: &str = "included";

impl Capture {
    /// `s` redacted; `time` is when it was seen.
    pub fn of(s: &Surprise<'_>, keep_prompts: bool, time: String) -> Capture {
        let mut r = Redaction::new(keep_prompts);
        if let Some(q) = s.request {
            r.learn(q);
        }
        r.learn(s.body);
        Capture {
            flowdeck: env!("CARGO_PKG_VERSION").to_string(),
            time,
            provider: s.provider.to_string(),
            rpc: r.sentence(s.rpc),
            route: r.sentence(s.route),
            status: s.status,
            problem: r.sentence(&problem(s.error, s.body)),
            prompts: if keep_prompts { INCLUDED } else { HIDDEN }.into(),
            request: s.request.map(|q| r.body(q)),
            body_is: if s.payload { "payload" } else { "answer" }.into(),
            body: r.body(s.body),
            cut: false,
        }
        .capped()
    }

    /// The capture redacted once more, under today's choice about prompts: one kept while the
    /// user included prompts loses them once they no longer do.
    pub fn redacted_again(&self, keep_prompts: bool) -> Capture {
        let keep = keep_prompts && self.prompts == INCLUDED;
        let mut r = Redaction::new(keep);
        if let Some(q) = &self.request {
            r.learn(q);
        }
        r.learn(&self.body);
        Capture {
            rpc: r.sentence(&self.rpc),
            route: r.sentence(&self.route),
            problem: r.sentence(&self.problem),
            prompts: if keep { INCLUDED } else { HIDDEN }.into(),
            request: self.request.as_deref().map(|q| r.body(q)),
            body: r.body(&self.body),
            ..self.clone()
        }
        .capped()
    }

    fn capped(mut self) -> Capture {
        for (text, cap) in [
            (&mut self.body, BODY_CAP),
            (&mut self.problem, PROBLEM_CAP),
            (&mut self.rpc, PROBLEM_CAP),
            (&mut self.route, PROBLEM_CAP),
        ] {
            self.cut |= cut(text, cap);
        }
        if let Some(q) = &mut self.request {
            self.cut |= cut(q, REQUEST_CAP);
        }
        self
    }
}

/// Cuts `text` to at most `cap` bytes (on a character boundary), marking the cut.
fn cut(text: &mut String, cap: usize) -> bool {
    if text.len() <= cap {
        return false;
    }
    let mut end = cap;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text.push('…');
    true
}

/// What flowdeck made of it. An "unexpected answer" that only repeats the start of the body
/// says nothing the capture's body does not, and could end inside a prompt: it is left out.
fn problem(e: &ProviderError, body: &str) -> String {
    match e {
        ProviderError::Unexpected { excerpt, .. }
            if !body.is_empty() && *excerpt == crate::secret::excerpt(body, 300) =>
        {
            String::new()
        }
        ProviderError::Unexpected { status, excerpt } => format!("HTTP {status}: {excerpt}"),
        other => other.log(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surprise<'a>(body: &'a str, request: &'a str, error: &'a ProviderError) -> Surprise<'a> {
        Surprise {
            provider: "flow",
            rpc: "YhhmEf",
            route: "/project/b150176f-aab8-4be8-8f82-2bc1023288df",
            status: 200,
            request: Some(request),
            body,
            payload: false,
            error,
        }
    }

    #[test]
    fn a_capture_is_redacted_with_its_request_s_prompts_and_cut_to_size() {
        let request = crate::provider::flow::envelope::freq(
            "YhhmEf",
            &serde_json::json!([[[[null, null, [[["a red kite"]]]], "k", 2]]]),
        );
        let body = format!(
            ")]}}'\n[[\"wrb.fr.v2\",\"YhhmEf\",\"{}\"]]\n{}",
            "a red kite",
            "x".repeat(300 << 10)
        );
        let e = ProviderError::Unexpected {
            status: 200,
            excerpt: crate::secret::excerpt(&body, 300),
        };
        let c = Capture::of(&surprise(&body, &request, &e), false, "t".into());
        assert!(!c.body.contains("red kite") && c.body.contains("<prompt: 10 chars>"));
        assert!(
            !c.request
                .as_deref()
                .unwrap_or_default()
                .contains("red kite")
        );
        assert_eq!(c.problem, "", "the excerpt repeats the body");
        assert!(c.cut && c.body.len() <= BODY_CAP + '…'.len_utf8());
        assert_eq!(
            (c.prompts.as_str(), c.body_is.as_str()),
            ("hidden", "answer")
        );

        let kept = Capture::of(&surprise(&body[..60], &request, &e), true, "t".into());
        assert!(kept.body.contains("red kite") && !kept.cut);
        // Redacted again once the user no longer includes prompts: they go.
        let again = kept.redacted_again(false);
        assert!(!again.body.contains("red kite") && again.prompts == "hidden");
        assert!(!again.request.unwrap_or_default().contains("red kite"));
    }

    #[test]
    fn the_problem_keeps_flowdeck_s_words_and_loses_secrets() {
        let e = ProviderError::Unexpected {
            status: 200,
            excerpt: "nzlxg: the credits answer has no balance".into(),
        };
        let c = Capture::of(&surprise("[]", "[]", &e), false, "t".into());
        assert_eq!(
            c.problem,
            "HTTP 200: nzlxg: the credits answer has no balance"
        );
    }
}
