//! What a tool answers: structured JSON (and the same as text) on success; on a refusal, an
//! error result a model can read (`error`: the sentence, `class`: what kind, in English).
//! Every answer is redacted on its way out, whatever a message carried.

use rmcp::model::{CallToolResult, ContentBlock};
use serde_json::Value;

use crate::words::Said;

/// Why a tool did nothing (or stopped): a kind a script can test and the words.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// `input` (fix the call), `busy` (another flowdeck holds the data folder), `cap` (over the
    /// spending cap), `failed` (something went wrong while working).
    pub class: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn input(message: impl Into<String>) -> Refusal {
        Refusal {
            class: "input",
            message: message.into(),
        }
    }

    pub fn failed(message: impl Into<String>) -> Refusal {
        Refusal {
            class: "failed",
            message: message.into(),
        }
    }

    pub fn cap(message: impl Into<String>) -> Refusal {
        Refusal {
            class: "cap",
            message: message.into(),
        }
    }

    /// A message of the core, said in the user's language.
    pub fn said(class: &'static str, m: &crate::message::Message) -> Refusal {
        Refusal {
            class,
            message: m.said(),
        }
    }
}

impl From<crate::cli::Exit> for Refusal {
    fn from(e: crate::cli::Exit) -> Refusal {
        // Exit code 2 is a setting or an input to change; 1 a failure while working.
        if e.code == 2 {
            Refusal::input(e.message)
        } else {
            Refusal::failed(e.message)
        }
    }
}

impl From<crate::store::ledger::LedgerError> for Refusal {
    fn from(e: crate::store::ledger::LedgerError) -> Refusal {
        Refusal::said("failed", &e.message())
    }
}

/// A tool's answer as MCP sends it, redacted.
pub fn result(answer: Result<Value, Refusal>) -> CallToolResult {
    match answer {
        Ok(v) => {
            let v = clean(v);
            CallToolResult::structured(v)
        }
        Err(r) => {
            let v = clean(serde_json::json!({"error": r.message, "class": r.class}));
            let mut result = CallToolResult::structured_error(v);
            // The sentence first, for clients that show only text.
            result
                .content
                .insert(0, ContentBlock::text(clean_text(&r.message)));
            result
        }
    }
}

/// `v` with every string redacted (a credential-looking value becomes `***`). Most answers
/// hold none: one look at the whole text says so without walking every string.
fn clean(v: Value) -> Value {
    let text = v.to_string();
    if crate::secret::redact(&text) == text {
        return v;
    }
    clean_each(v)
}

fn clean_each(v: Value) -> Value {
    match v {
        Value::String(s) => Value::String(clean_text(&s)),
        Value::Array(items) => Value::Array(items.into_iter().map(clean_each).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, clean_each(v))).collect())
        }
        other => other,
    }
}

fn clean_text(s: &str) -> String {
    crate::secret::redact(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_any_string_are_hidden_and_refusals_keep_their_class() {
        let r = result(Ok(
            serde_json::json!({"url": "https://x/v.mp4?Signature=abc123",
            "nested": [{"why": "key=AIzaSECRET"}]}),
        ));
        let text = serde_json::to_string(&r).unwrap_or_default();
        assert!(
            !text.contains("abc123") && !text.contains("AIzaSECRET"),
            "{text}"
        );
        let r = result(Err(Refusal::cap("over the cap")));
        assert_eq!(r.is_error, Some(true));
        assert_eq!(
            r.structured_content.as_ref().map(|v| v["class"].clone()),
            Some(serde_json::json!("cap"))
        );
    }
}
