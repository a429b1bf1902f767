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

/// `text` with every credential removed: URL queries, `name=value` secrets, bearer tokens,
/// e-mail addresses, then token-shaped runs.
pub fn secrets(text: &str) -> String {
    let out = strip_queries(text);
    let out = strip_pairs(&out);
    let out = strip_emails(&out);
    strip_runs(&out)
}

fn ends_value(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(
            b,
            b'"' | b'\'' | b'<' | b'>' | b'`' | b')' | b']' | b'}' | b',' | b'|'
        )
}

/// After `?` or `#`: a `name=` (or its `\u003d` escape) starts a query.
fn starts_query(rest: &str) -> bool {
    let name = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'%' | b'-'))
        .count();
    name > 0 && {
        let tail = &rest[name..];
        tail.starts_with('=')
            || tail.starts_with("\\u003d")
            || tail.starts_with("\\u003D")
            || tail.starts_with("\\\\u003d")
    }
}

/// Every query (and `#name=` fragment) after a path, up to the end of the link: signed links
/// carry their signature there.
fn strip_queries(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 1;
    while i < bytes.len() {
        if matches!(bytes[i], b'?' | b'#')
            && !bytes[i - 1].is_ascii_whitespace()
            && starts_query(&text[i + 1..])
        {
            let mut end = i + 1;
            while end < bytes.len() && !ends_value(bytes[end]) {
                end += 1;
            }
            // A JSON escape's backslash before the closing quote belongs to the quote.
            while end > i + 1 && bytes[end - 1] == b'\\' {
                end -= 1;
            }
            out.push_str(&text[copied..=i]);
            out.push_str(REMOVED);
            copied = end;
            i = end;
            continue;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// Names whose `name=value` value is a credential: Google's session cookies, the form's `at`,
/// tokens, keys and signatures.
fn is_secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("__secure-")
        || n.starts_with("__host-")
        || matches!(
            n.as_str(),
            "sid"
                | "hsid"
                | "ssid"
                | "apisid"
                | "sapisid"
                | "nid"
                | "osid"
                | "lsid"
                | "sidcc"
                | "at"
                | "key"
                | "sig"
                | "auth"
                | "session"
        )
        || is_secret_key(&n)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// `name=value` pairs whose name says the value is a credential (cookies, forms, headers), and
/// `Bearer <token>`.
fn strip_pairs(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let value_start = if bytes[i] == b'=' {
            let mut n = i;
            while n > 0 && is_name_byte(bytes[n - 1]) {
                n -= 1;
            }
            (n < i && is_secret_name(&text[n..i])).then_some(i + 1)
        } else if bytes[i..].starts_with(b"Bearer ") || bytes[i..].starts_with(b"bearer ") {
            Some(i + "Bearer ".len())
        } else {
            None
        };
        if let Some(start) = value_start {
            let mut end = start;
            while end < bytes.len() && !ends_value(bytes[end]) && !matches!(bytes[end], b'&' | b';')
            {
                end += 1;
            }
            while end > start && bytes[end - 1] == b'\\' {
                end -= 1;
            }
            if end > start {
                out.push_str(&text[copied..start]);
                out.push_str(REMOVED);
                copied = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// `someone@example.com` → `<email>`.
fn strip_emails(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'@' {
            let mut l = i;
            while l > copied
                && (bytes[l - 1].is_ascii_alphanumeric()
                    || matches!(bytes[l - 1], b'.' | b'_' | b'%' | b'+' | b'-'))
            {
                l -= 1;
            }
            let mut r = i + 1;
            while r < bytes.len()
                && (bytes[r].is_ascii_alphanumeric() || matches!(bytes[r], b'.' | b'-'))
            {
                r += 1;
            }
            while r > i + 1 && bytes[r - 1] == b'.' {
                r -= 1;
            }
            if l < i && text[i + 1..r].contains('.') {
                out.push_str(&text[copied..l]);
                out.push_str("<email>");
                copied = r;
                i = r;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

fn is_run_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'+' | b'=' | b':' | b'%')
}

/// Runs of token characters that are credentials by their shape.
fn strip_runs(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !is_run_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len() && is_run_byte(bytes[end]) {
            end += 1;
        }
        if is_token(&text[i..end]) {
            out.push_str(&text[copied..i]);
            out.push_str(REMOVED);
            copied = end;
        }
        i = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// A credential by its shape: an API key, an OAuth or JWT token, an `at` token, or a long
/// opaque run (reCAPTCHA tokens, session cookies, signatures, base64 data).
fn is_token(run: &str) -> bool {
    let run = run.trim_matches(['.', ':', '-', '=']);
    if (run.starts_with("AIza") && run.len() >= 30) || run.starts_with("ya29.") {
        return true;
    }
    if run.starts_with("eyJ") && run.matches('.').count() >= 2 {
        return true;
    }
    // The page's `at`: `<opaque>:<milliseconds>`.
    if let Some((head, tail)) = run.rsplit_once(':')
        && head.len() >= 8
        && tail.len() >= 6
        && tail.bytes().all(|b| b.is_ascii_digit())
        && head.bytes().any(|b| b.is_ascii_alphabetic())
        && head
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
    {
        return true;
    }
    run.split(['-', '_', '.', '~', '+', '=', ':', '%'])
        .any(opaque)
}

/// A piece no word or id looks like: long, with letters and digits mixed, or long in mixed
/// case. A uuid's pieces are 12 characters at most; model keys are words.
fn opaque(part: &str) -> bool {
    let count = |f: fn(&u8) -> bool| part.as_bytes().iter().filter(|b| f(b)).count();
    let (letters, digits) = (count(u8::is_ascii_alphabetic), count(u8::is_ascii_digit));
    let (upper, lower) = (count(u8::is_ascii_uppercase), count(u8::is_ascii_lowercase));
    (part.len() >= 16 && letters >= 3 && digits >= 3)
        || (part.len() >= 24 && upper >= 2 && lower >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CAPTCHA_TOKEN: &str = "03AFcWeA5mX9kQ2_vLr8Zt0P-4nYcBw7JdH1sTgE6uKaRqVx3yMiOoN2lF";
    const AT: &str = "AJvLN6M7cQ2xPz0Rk9TbW4:1733500000000";
    const SIGNATURE: &str = "Xk3mP9qR2sT7vW0yZ4aB6cD8eF1gH5jK";
    const PROMPT: &str = "con chó chạy tung tăng trên đồng cỏ";

    fn redact(keep: bool, parts: &[&str]) -> Vec<String> {
        let mut r = Redaction::new(keep);
        parts.iter().for_each(|p| r.learn(p));
        parts.iter().map(|p| r.body(p)).collect()
    }

    /// The UI's text→video request (sp1007/flowkit `boq_payloads.json`, key `YhhmEf`) with the
    /// token the page put where `__CAPTCHA__` was.
    fn request() -> String {
        let inner = json!([
            [[
                [null, null, [[[PROMPT]]]],
                "veo_3_1_t2v_lite_low_priority",
                2,
                null,
                [
                    null,
                    null,
                    null,
                    null,
                    "8E9A903E-A6B3-4BBE-A3C3-C3D46D0DC177",
                    "0880C7C8-6EE4-424A-8C10-2E7AD71D25E6"
                ]
            ]],
            [
                null,
                22,
                null,
                null,
                null,
                "b150176f-aab8-4be8-8f82-2bc1023288df",
                null,
                null,
                null,
                null,
                [CAPTCHA_TOKEN, 1]
            ],
            ["5FEEF245-2642-40F9-A6DB-A957297C7785", 2]
        ]);
        envelope::freq("YhhmEf", &inner)
    }

    /// An `as29s` answer: a record with the prompt in its slots and signed links escaped as
    /// Google escapes them.
    fn answer() -> String {
        let link = format!(
            "https://flow-content.google/video/0de740e0-3f9e-4e9e-bbff-a9764dfa220f?Expires=1765000000&KeyName=labs-flow-prod-cdn-key&Signature={SIGNATURE}"
        );
        let record = json!([
            "0de740e0-3f9e-4e9e-bbff-a9764dfa220f",
            "b150176f-aab8-4be8-8f82-2bc1023288df",
            "4229da67-4ff9-4c5c-bb58-db93c036bb94",
            null,
            null,
            [
                [1765000000, 5],
                PROMPT,
                null,
                null,
                null,
                null,
                [
                    null,
                    [["veo_3_1_t2v_fast", 1]],
                    [[null, null, [[[PROMPT]]]]]
                ],
                null,
                [3],
                1,
                link,
                [],
                null,
                4_200_000
            ],
            null,
            [[
                null,
                1,
                null,
                null,
                null,
                null,
                null,
                PROMPT,
                link,
                null,
                null,
                null,
                "veo_3_1_t2v_fast"
            ]]
        ]);
        let text = json!([record])
            .to_string()
            .replace('=', "\\u003d")
            .replace('&', "\\u0026");
        let entry = json!([
            ["wrb.fr", "as29s", text, null, null, null, "generic"],
            ["di", 87]
        ])
        .to_string();
        format!(
            ")]}}'\n\n{}\n{entry}\n25\n[[\"e\",4,null,null,300]]\n",
            entry.len()
        )
    }

    fn assert_gone(text: &str, secrets: &[&str]) {
        for s in secrets {
            assert!(!text.contains(s), "{s} survived in {text}");
        }
    }

    #[test]
    fn a_create_and_its_record_lose_the_token_the_signature_and_the_prompt() {
        let out = redact(false, &[&request(), &answer()]);
        for text in &out {
            assert_gone(
                text,
                &[CAPTCHA_TOKEN, SIGNATURE, "Signature", PROMPT, "chạy tung"],
            );
        }
        let (req, ans) = (&out[0], &out[1]);
        // What a bug report needs stays: ids, model keys, the status, where the link pointed.
        for kept in [
            "YhhmEf",
            "veo_3_1_t2v_lite_low_priority",
            "8E9A903E-A6B3-4BBE-A3C3-C3D46D0DC177",
        ] {
            assert!(req.contains(kept), "{kept} lost: {req}");
        }
        assert!(req.contains("<prompt: 35 chars>"), "{req}");
        for kept in [
            "wrb.fr",
            "0de740e0-3f9e-4e9e-bbff-a9764dfa220f",
            "https://flow-content.google/video/0de740e0-3f9e-4e9e-bbff-a9764dfa220f?<removed>",
            "4200000",
            "veo_3_1_t2v_fast",
        ] {
            assert!(ans.contains(kept), "{kept} lost: {ans}");
        }
        // Still an answer the codec reads, with the prompt's length where it was.
        let frame = envelope::parse(ans);
        let payload = frame
            .frame("as29s")
            .and_then(|f| f.payload.clone())
            .expect("payload");
        assert_eq!(payload[0][5][1], "<prompt: 35 chars>");
    }

    #[test]
    fn prompts_stay_when_the_user_keeps_them_and_secrets_still_go() {
        let out = redact(true, &[&request(), &answer()]);
        assert!(out[0].contains(PROMPT) && out[1].contains(PROMPT));
        for text in &out {
            assert_gone(text, &[CAPTCHA_TOKEN, SIGNATURE]);
        }
    }

    #[test]
    fn the_page_token_cookies_keys_and_addresses_go_in_every_shape() {
        let xsrf =
            format!(")]}}'\n\n60\n[[\"er\",null,null,null,null,400],[\"xsrf\",\"{AT}\",null]]\n");
        let form = format!(
            "f.req=%5B%5D&at={AT}&cookie=SID%3Dg.a000kQj; Cookie: SID=g.a000kQjiFqZ2x9; __Secure-1PSID=abc; HSID=AbCdEf"
        );
        let page = format!(
            "<html><p>Signed in as someone.else@gmail.com</p><script>var x = \"{AT}\";</script></html>"
        );
        let gemini = json!({"error": {"code": 400, "message": "API key not valid. Please pass a valid API key."},
            "x-goog-api-key": "AIzaSyD4x0-abcdefghijklmnopqrstuvwxy", "authorization": "Bearer ya29.a0AfB_xyz",
            "url": "https://generativelanguage.googleapis.com/v1beta/files/abc:download?alt=media&key=AIzaSyD4x0-abcdefghijklmnopqrstuvwxy"})
            .to_string();
        let out = redact(false, &[&xsrf, &form, &page, &gemini]);
        let all = out.join("\n");
        assert_gone(
            &all,
            &[
                "AJvLN6M7cQ2xPz0Rk9TbW4",
                "1733500000000",
                "g.a000kQj",
                "PSID=abc",
                "AbCdEf",
                "someone.else",
                "AIzaSyD4x0",
                "a0AfB_xyz",
            ],
        );
        // An error's own words are kept; the page's prose is not.
        assert!(out[3].contains("API key not valid"), "{}", out[3]);
        assert!(out[2].contains("<email>"), "{}", out[2]);
    }

    #[test]
    fn ids_codes_keys_and_times_are_not_mistaken_for_secrets() {
        let refusal = ")]}'\n\n193\n[[\"wrb.fr\",\"ogiZ0b\",null,null,null,[7,null,[[\"type.googleapis.com/google.rpc.ErrorInfo\",[\"PUBLIC_ERROR_UNUSUAL_ACTIVITY\"]]]],\"generic\"],[\"di\",429],[\"af.httprm\",429,\"-1234\",26]]\n25\n[[\"e\",4,null,null,229]]\n";
        assert_eq!(redact(false, &[refusal])[0], refusal);
        let words = "veo_3_1_interpolation_lite_low_priority 0de740e0-3f9e-4e9e-bbff-a9764dfa220f_4k_upsampled \
                     2026-12-06T10:15:00.123Z 20261206T101500Z PUBLIC_ERROR_PER_MODEL_DAILY_QUOTA_REACHED abra_t2v_8s_360p";
        assert_eq!(secrets(words), words);
    }

    #[test]
    fn a_cut_answer_and_a_short_prompt_are_hidden_too() {
        // A request whose prompt is one word, and an answer cut in the middle of its payload.
        let req = envelope::freq(
            "YhhmEf",
            &json!([[[[null, null, [[["lighthouse"]]]], "k", 2]]]),
        );
        let cut = format!(
            ")]}}'\n\n900\n[[\"wrb.fr\",\"YhhmEf\",\"[null,20,[[\\\"a lighthouse in fog\\\"]],\\\"lighthouse\\\",\\\"{CAPTCHA_TOKEN}"
        );
        let out = redact(false, &[&req, &cut]);
        assert!(out[0].contains("<prompt: 10 chars>"), "{}", out[0]);
        assert_gone(&out[1], &["lighthouse", CAPTCHA_TOKEN]);
    }

    #[test]
    fn reference_prompts_and_fields_named_prompt_are_learned() {
        let parts = json!([
            null,
            null,
            [
                ["our hero walks"],
                [null, [["MEDIA-1", "cat.png"]]],
                ["and waves"]
            ]
        ])
        .to_string();
        let vertex = json!({"instances": [{"prompt": "drone"}], "echo": "drone shot"}).to_string();
        let out = redact(false, &[&parts, &vertex]);
        assert_gone(&out.join(" "), &["hero", "waves", "drone"]);
        assert!(out[0].contains("MEDIA-1"), "{}", out[0]);
    }

    #[test]
    fn redacting_twice_changes_nothing_more() {
        let once = redact(false, &[&request(), &answer()]);
        let twice = redact(false, &[&once[0], &once[1]]);
        assert_eq!(once, twice);
    }

    #[test]
    fn sentences_keep_their_words_and_lose_secrets_and_prompts() {
        let mut r = Redaction::new(false);
        r.learn(&request());
        let s = r.sentence(&format!(
            "YhhmEf: the answer to \"{PROMPT}\" named no video; at={AT}"
        ));
        assert_eq!(
            s,
            "YhhmEf: the answer to \"<prompt: 35 chars>\" named no video; at=<removed>"
        );
    }
}
