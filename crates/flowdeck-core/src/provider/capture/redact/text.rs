//! Credentials in plain text: URL queries, `name=value` secrets, bearer tokens, e-mail
//! addresses and token-shaped runs, whatever text they sit in. Pure.

use super::{REMOVED, is_secret_key};

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
