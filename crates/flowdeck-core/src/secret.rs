//! Credentials and the redaction of text that might contain one.
//!
//! A [`Secret`] prints `***` through `Debug` and `Display`, so a secret cannot reach a log line,
//! an error message or a panic by accident; the only way to read it is [`Secret::expose`], which
//! is easy to find in review.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Arc, Mutex};

/// A session cookie, bearer token or API key.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Arc<str>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Arc::from(value.into()))
    }

    /// The secret itself, for the one place that puts it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Environment variables that hold an account's secret (`secret_env`). The processes flowdeck
/// starts (the browser opener and the browser it starts, a token command) never inherit them.
static IN_ENV: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// Notes that `var` holds a secret, so that no child process is given it.
pub fn held_in_env(var: &str) {
    IN_ENV
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(var.to_string());
}

/// Values moved out of the environment at start (see [`move_env_into_memory`]).
static FROM_ENV: Mutex<BTreeMap<String, String>> = Mutex::new(BTreeMap::new());

/// Moves the values of `vars` from this process's environment into memory, so no process
/// started later inherits them, whoever starts it (flowdeck, or a library it uses, such as
/// `gcloud` run for Application Default Credentials). [`env_value`] still reads them.
///
/// # Safety
///
/// No other thread may be reading or writing the environment: call it before any is started.
pub unsafe fn move_env_into_memory(vars: &[String]) {
    let mut kept = FROM_ENV.lock().unwrap_or_else(|p| p.into_inner());
    for var in vars {
        held_in_env(var);
        if let Ok(value) = std::env::var(var) {
            kept.insert(var.clone(), value);
            // SAFETY: the caller promises no other thread touches the environment.
            unsafe { std::env::remove_var(var) };
        }
    }
}

/// An account's secret from its variable: the value moved into memory at start, else the
/// environment's.
pub fn env_value(var: &str) -> Option<String> {
    let kept = FROM_ENV
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(var)
        .cloned();
    kept.or_else(|| std::env::var(var).ok())
}

/// The variables noted by [`held_in_env`].
pub fn env_holders() -> Vec<String> {
    IN_ENV
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .cloned()
        .collect()
}

/// Markers after which a credential-like value follows. The value (up to the next delimiter)
/// is replaced by `***`; the marker stays, so a redacted excerpt still says what was there.
const MARKERS: &[&str] = &[
    "ya29.",
    "Bearer ",
    "bearer ",
    "session-token=",
    "session-token.0=",
    "session-token.1=",
    "session-token.2=",
    "session-token.3=",
    "AIza",
    "key=",
    "Signature=",
    "x-goog-api-key: ",
    "\"access_token\":\"",
    "\"token\":\"",
    // Flow in the browser: the page's `at` token, reCAPTCHA tokens, Google's session cookies.
    "AIQ-",
    "0cAFcWeA",
    "SID=",
    "SAPISID=",
    "\"xsrf\",\"",
    // OAuth, as a token command (gcloud and the like) may print it on its error output: refresh
    // tokens (`1//0…`), client secrets, ID tokens, in form, JSON and YAML spellings.
    "1//0",
    "GOCSPX-",
    "refresh_token=",
    "\"refresh_token\":\"",
    "\"refresh_token\": \"",
    "refresh_token: ",
    "client_secret=",
    "\"client_secret\":\"",
    "\"client_secret\": \"",
    "client_secret: ",
    "id_token=",
    "\"id_token\":\"",
    "\"id_token\": \"",
    "\"access_token\": \"",
    "access_token=",
];

fn is_value_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'~' | b'+' | b'/' | b'%' | b'=')
}

/// Replaces every credential-looking value in `text` with `***`.
///
/// Used on anything that came from the network before it is logged or shown: response
/// excerpts, URLs, command output.
pub fn redact(text: &str) -> String {
    // Most text holds no marker at all: a substring search per marker finds that far faster
    // than the scan below (an MCP answer for a 1,000-take batch is ~300 KB of JSON).
    if !MARKERS.iter().any(|m| text.contains(m)) {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    'scan: while i < bytes.len() {
        for marker in MARKERS {
            if bytes[i..].starts_with(marker.as_bytes()) {
                let start = i + marker.len();
                let mut end = start;
                while end < bytes.len() && is_value_byte(bytes[end]) {
                    end += 1;
                }
                if end > start {
                    out.push_str(marker);
                    out.push_str("***");
                    i = end;
                    continue 'scan;
                }
            }
        }
        // Copy one whole character (text is UTF-8; markers are ASCII).
        let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + ch_len]);
        i += ch_len;
    }
    out
}

/// The first `max` characters of `text`, redacted, on one line: what an error may carry.
pub fn excerpt(text: &str, max: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect();
    let mut s = redact(&one_line);
    if text.chars().count() > max {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Secret::new("ya29.very-secret");
        assert_eq!(format!("{s:?}"), "***");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(s.expose(), "ya29.very-secret");
    }

    #[test]
    fn redact_removes_tokens_cookies_keys_and_signatures() {
        let text = "auth ya29.a0AfB_xyz-123 cookie __Secure-next-auth.session-token=eyJhbGc.abc; \
                    url https://x/y?Expires=1&Signature=AbC%2Fd&key=AIzaSyD-123 Bearer abc.def";
        let r = redact(text);
        for leaked in ["a0AfB_xyz", "eyJhbGc", "AbC%2Fd", "SyD-123", "abc.def"] {
            assert!(!r.contains(leaked), "{leaked} survived in {r}");
        }
        assert!(r.contains("ya29.***"));
        assert!(r.contains("session-token=***"));
        let flow = redact(
            r#"[["xsrf","AIQ-Vx9:123"]] at=AIQ-abc:1 token 0cAFcWeAxyz Cookie: SID=abc; __Secure-1PSID=def; SAPISID=ghi"#,
        );
        for leaked in [
            "Vx9",
            "AIQ-abc",
            "0cAFcWeAxyz",
            "SID=abc",
            "PSID=def",
            "SAPISID=ghi",
        ] {
            assert!(!flow.contains(leaked), "{leaked} survived in {flow}");
        }
        assert!(r.contains("Expires=1"));
    }

    #[test]
    fn redact_removes_oauth_refresh_tokens_and_client_secrets() {
        let said = "ERROR: refresh failed for 1//0gAbC-dEf_123 \
                    body: grant_type=refresh_token&refresh_token=1//03xyz&client_secret=GOCSPX-s3cr3t \
                    {\"refresh_token\": \"rt-json\", \"client_secret\":\"cs-json\", \"id_token\":\"eyJid\"} \
                    refresh_token: rt-yaml access_token=at-form";
        let r = redact(said);
        for leaked in [
            "gAbC-dEf_123",
            "03xyz",
            "s3cr3t",
            "rt-json",
            "cs-json",
            "eyJid",
            "rt-yaml",
            "at-form",
        ] {
            assert!(!r.contains(leaked), "{leaked} survived in {r}");
        }
        assert!(
            r.contains("1//0***") && r.contains("refresh_token: ***"),
            "{r}"
        );
        assert!(r.contains("grant_type=refresh_token&"), "{r}");
    }

    #[test]
    fn redact_keeps_unicode_text() {
        assert_eq!(redact("Cảnh quay ở Hà Nội"), "Cảnh quay ở Hà Nội");
    }

    #[test]
    fn excerpt_is_bounded_and_single_line() {
        let e = excerpt("line one\nline two with ya29.secret", 20);
        assert!(!e.contains('\n'));
        assert!(e.ends_with('…'));
        assert!(excerpt("x ya29.secret", 100).contains("ya29.***"));
    }
}
