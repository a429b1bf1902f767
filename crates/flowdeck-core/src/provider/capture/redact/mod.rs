//! Redaction of one captured call, request and answer, before it touches the disk. Pure: text
//! in, text out.
//!
//! A body is read as deeply as it goes: a batchexecute answer is split into its chunks, and a
//! string that holds JSON (an `f.req`, a payload) is decoded and redacted inside, so a secret or a
//! prompt is found however many times it was escaped. Text that cannot be read (a page, a cut
//! answer) is redacted as text.
//!
//! Always removed: values under secret-named keys (`at`, `token`, `cookie`, `signature`, `key`…),
//! the `xsrf` entry's token, every URL's query (signed links), cookie and `name=value` secrets,
//! bearer tokens, API keys, `at`-shaped tokens, long opaque runs (reCAPTCHA tokens, session
//! cookies, signatures, base64 data) and e-mail addresses. Unless the user keeps prompts: the
//! prompts (text slots `[[["…"]]]`, a reference prompt's text parts, a record's prompt slots,
//! `prompt`/`text`/`input` fields) are replaced by their length wherever they show up, and so is
//! every other free text, except an error's own message.

use serde_json::Value;

use crate::provider::flow::envelope;

/// What stands where a secret was.
pub const REMOVED: &str = "<removed>";

/// Values and decoded strings are followed this deep; deeper is removed whole.
const MAX_DEPTH: usize = 48;

/// A prompt shorter than this is hidden only where a whole string is that prompt: a short word
/// inside other text gives nothing away.
const MIN_INSIDE: usize = 4;

/// One capture's redaction: learns its prompts first (from the request and the answer), then
/// redacts each part.
#[derive(Debug, Clone, Default)]
pub struct Redaction {
    keep_prompts: bool,
    /// Longest first, so a prompt that contains another is hidden whole.
    prompts: Vec<String>,
}

impl Redaction {
    /// `keep_prompts`: the user chose to include prompts (`[report] include_prompts`).
    pub fn new(keep_prompts: bool) -> Redaction {
        Redaction {
            keep_prompts,
            prompts: Vec::new(),
        }
    }

    /// Learns the prompts `text` carries, so that each is hidden wherever it shows up.
    pub fn learn(&mut self, text: &str) {
        if self.keep_prompts {
            return;
        }
        let mut found = Vec::new();
        learn_text(text, &mut found, 0);
        for p in found {
            if !p.trim().is_empty() && !is_marker(&p) && !self.prompts.contains(&p) {
                self.prompts.push(p);
            }
        }
        self.prompts
            .sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    }

    /// A body (request or answer) with every secret removed and, unless kept, every prompt and
    /// other free text replaced by its length.
    pub fn body(&self, text: &str) -> String {
        let out = match decode(text) {
            Doc::Plain => self.plain(text),
            doc => self.doc(doc, 0),
        };
        crate::secret::redact(&out)
    }

    /// A sentence of flowdeck's own (an error): secrets removed and the learned prompts hidden;
    /// its other words stay.
    pub fn sentence(&self, text: &str) -> String {
        let out = secrets(text);
        let out = if self.keep_prompts {
            out
        } else {
            self.hide_inside(&out)
        };
        crate::secret::redact(&out)
    }

    fn doc(&self, doc: Doc<'_>, depth: usize) -> String {
        match doc {
            Doc::Json(v) => self.value(&v, None, depth + 1).to_string(),
            Doc::Batch(pieces) => pieces
                .into_iter()
                .map(|p| match p {
                    Piece::Noise(n) => self.plain(n),
                    Piece::Chunk(v) => self.value(&v, None, depth + 1).to_string(),
                })
                .collect(),
            Doc::Plain => String::new(),
        }
    }

    fn value(&self, v: &Value, key: Option<&str>, depth: usize) -> Value {
        if depth > MAX_DEPTH || (key.is_some_and(is_secret_key) && !v.is_null()) {
            return Value::String(REMOVED.into());
        }
        match v {
            Value::String(s) => Value::String(match decode(s) {
                Doc::Plain => self.leaf(s, key),
                doc => self.doc(doc, depth + 1),
            }),
            Value::Array(a) => {
                let mut out: Vec<Value> =
                    a.iter().map(|x| self.value(x, None, depth + 1)).collect();
                // `["xsrf","<the page's at>",…]`
                if a.first().and_then(Value::as_str) == Some("xsrf") && out.len() > 1 {
                    out[1] = Value::String(REMOVED.into());
                }
                Value::Array(out)
            }
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (secrets(k), self.value(x, Some(k), depth + 1)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// One string of a JSON value.
    fn leaf(&self, s: &str, key: Option<&str>) -> String {
        if is_marker(s) {
            return s.to_string();
        }
        if !self.keep_prompts && self.is_prompt(s) {
            return hidden("prompt", s);
        }
        let out = secrets(s);
        if self.keep_prompts {
            return out;
        }
        if hides(&out) && !key.is_some_and(keeps_words) {
            return hidden("text", s);
        }
        self.hide_inside(&out)
    }

    /// Text that is not JSON: a page, noise between chunks, an answer cut short.
    fn plain(&self, text: &str) -> String {
        let out = secrets(text);
        if self.keep_prompts {
            return out;
        }
        hide_quoted_prose(&self.hide_inside(&out))
    }

    fn is_prompt(&self, s: &str) -> bool {
        self.prompts
            .iter()
            .any(|p| s == p || (p.chars().count() >= MIN_INSIDE && s.contains(p.as_str())))
    }

    fn hide_inside(&self, s: &str) -> String {
        let mut out = s.to_string();
        for p in self
            .prompts
            .iter()
            .filter(|p| p.chars().count() >= MIN_INSIDE)
        {
            if out.contains(p.as_str()) {
                out = out.replace(p.as_str(), &hidden("prompt", p));
            }
        }
        out
    }
}

/// What stands where a prompt or other text was: its kind and length.
fn hidden(kind: &str, s: &str) -> String {
    format!("<{kind}: {} chars>", s.chars().count())
}

/// A mark this module left, so a capture redacted again stays as it was.
fn is_marker(s: &str) -> bool {
    s == REMOVED
        || (s.starts_with("<prompt: ") || s.starts_with("<text: ")) && s.ends_with(" chars>")
}

/// Prose, unless it is one of this module's marks.
fn hides(s: &str) -> bool {
    is_prose(s) && !is_marker(s)
}

/// A text read as far as it goes.
enum Doc<'a> {
    Json(Value),
    /// A batchexecute answer: `)]}'`, length lines and JSON chunks.
    Batch(Vec<Piece<'a>>),
    Plain,
}

enum Piece<'a> {
    Noise(&'a str),
    Chunk(Value),
}

fn decode(text: &str) -> Doc<'_> {
    let t = text.trim_start();
    if t.starts_with(")]}'") {
        let mut pieces = Vec::new();
        let mut at = 0;
        for chunk in envelope::chunks(text) {
            let Ok(v) = serde_json::from_str::<Value>(chunk) else {
                // Left in the noise around it, redacted as text.
                continue;
            };
            let start = (chunk.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            if start > at {
                pieces.push(Piece::Noise(&text[at..start]));
            }
            pieces.push(Piece::Chunk(v));
            at = start + chunk.len();
        }
        if at < text.len() {
            pieces.push(Piece::Noise(&text[at..]));
        }
        return Doc::Batch(pieces);
    }
    if (t.starts_with('[') || t.starts_with('{'))
        && let Ok(v) = serde_json::from_str::<Value>(t)
    {
        return Doc::Json(v);
    }
    Doc::Plain
}

fn learn_text(text: &str, found: &mut Vec<String>, depth: usize) {
    match decode(text) {
        Doc::Json(v) => learn_value(&v, found, depth + 1),
        Doc::Batch(pieces) => {
            for p in pieces {
                if let Piece::Chunk(v) = p {
                    learn_value(&v, found, depth + 1);
                }
            }
        }
        Doc::Plain => {}
    }
}

fn learn_value(v: &Value, found: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::String(s) => learn_text(s, found, depth + 1),
        Value::Array(a) => {
            slot_prompts(a, found);
            a.iter().for_each(|x| learn_value(x, found, depth + 1));
        }
        Value::Object(o) => {
            for (k, x) in o {
                if let (true, Some(s)) = (is_prompt_key(k), x.as_str()) {
                    found.push(s.to_string());
                }
                learn_value(x, found, depth + 1);
            }
        }
        _ => {}
    }
}

/// The places Flow's requests and records put a prompt (reference section 3).
fn slot_prompts(a: &[Value], found: &mut Vec<String>) {
    let mut take = |v: Option<&Value>| {
        if let Some(Value::String(s)) = v {
            found.push(s.clone());
        }
    };
    // A text slot: `[[["<text>"]]]` (the `f.req` envelope `[[["<rpcid>",…]]]` has more).
    if let [Value::Array(b)] = a
        && let [Value::Array(c)] = b.as_slice()
        && let [text @ Value::String(_)] = c.as_slice()
    {
        take(Some(text));
    }
    // A reference prompt: `[null,null,[["<text>"],[null,[["<media>","<label>"]]],…]]`.
    if let [Value::Null, Value::Null, Value::Array(parts)] = a
        && parts.iter().any(is_chip)
    {
        for p in parts {
            if let Value::Array(x) = p
                && let [s @ Value::String(_)] = x.as_slice()
            {
                take(Some(s));
            }
        }
    }
    // A record `[idA, pid, idB, kind, null, DETAILS, null, MEDIA_INFO]`: the prompt at
    // DETAILS[1] and MEDIA_INFO[0][7].
    if a.len() >= 6 && a[0].is_string() && a[5].is_array() {
        take(a[5].get(1));
        take(a.get(7).and_then(|i| i.pointer("/0/7")));
    }
}

/// An image chip of a reference prompt: `[null,[["<media>","<label>"]]]`.
fn is_chip(v: &Value) -> bool {
    matches!(v.as_array().map(Vec::as_slice),
        Some([Value::Null, Value::Array(inner)]) if inner.first().is_some_and(Value::is_array))
}

fn normal_key(k: &str) -> String {
    k.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_prompt_key(k: &str) -> bool {
    matches!(
        normal_key(k).as_str(),
        "prompt" | "text" | "input" | "negativeprompt" | "instruction"
    )
}

/// Keys whose value is a credential, whatever it looks like.
fn is_secret_key(k: &str) -> bool {
    let k = normal_key(k);
    matches!(
        k.as_str(),
        "at" | "sid" | "key" | "sig" | "auth" | "authorization" | "session" | "credentials"
    ) || [
        "token",
        "secret",
        "password",
        "passwd",
        "cookie",
        "signature",
        "captcha",
        "apikey",
        "privatekey",
        "credential",
        "bearer",
    ]
    .iter()
    .any(|w| k.contains(w))
}

/// Keys whose words are the service's own (an error's message), kept when prose is hidden.
fn keeps_words(k: &str) -> bool {
    matches!(
        normal_key(k).as_str(),
        "message" | "status" | "reason" | "domain" | "@type" | "description" | "detail"
    )
}

/// Words, not an id or a code: a space between letters.
fn is_prose(s: &str) -> bool {
    s.chars().any(char::is_whitespace) && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Every quoted string in `text` that holds prose, replaced by its length (for text that could
/// not be read as JSON).
fn hide_quoted_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        let mut escaped = false;
        let close = after.char_indices().find_map(|(i, c)| {
            let end = !escaped && c == '"';
            escaped = !escaped && c == '\\';
            end.then_some(i)
        });
        let Some(close) = close else {
            // An unclosed quote: the rest is one string.
            let inner = after;
            out.push_str(&if hides(inner) {
                hidden("text", inner)
            } else {
                inner.to_string()
            });
            return out;
        };
        let inner = &after[..close];
        if hides(inner) {
            out.push_str(&hidden("text", inner));
        } else {
            out.push_str(inner);
        }
        out.push('"');
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

mod text;

pub use text::secrets;

#[cfg(test)]
mod tests;
