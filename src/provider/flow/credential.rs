//! What a user pastes to add a Flow account, and how it goes back on the wire.

use crate::secret::Secret;

const COOKIE_NAMES: [&str; 2] = [
    "__Secure-next-auth.session-token",
    "next-auth.session-token",
];
/// NextAuth splits cookies longer than this into `.0`, `.1`, … chunks; we send them back the
/// same way so no header line is longer than a browser's.
const CHUNK: usize = 3800;

/// A Flow account's credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowCredential {
    /// The NextAuth session cookie: renews access tokens and opens the download redirect.
    SessionCookie(Secret),
    /// A bare `ya29.` access token: works for about an hour and cannot be renewed.
    Bearer(Secret),
}

impl FlowCredential {
    /// Accepts the cookie value itself, a whole `Cookie:` header (chunked cookies included)
    /// or a bare `ya29.` bearer token.
    pub fn parse(input: &str) -> Result<FlowCredential, String> {
        let mut text = input.trim();
        if text.is_empty() {
            return Err("the secret is empty: paste the session cookie from labs.google".into());
        }
        if let Some(rest) = strip_prefix_ci(text, "cookie:") {
            text = rest.trim();
        }
        if let Some(rest) = strip_prefix_ci(text, "authorization:") {
            text = rest.trim();
        }
        if let Some(rest) = strip_prefix_ci(text, "bearer ") {
            text = rest.trim();
        }
        if text.starts_with("ya29.") {
            if text.chars().any(char::is_whitespace) {
                return Err("the access token contains spaces: copy it again".into());
            }
            return Ok(FlowCredential::Bearer(Secret::new(text)));
        }
        if text.contains('=') && (text.contains(';') || text.contains("session-token")) {
            return session_from_header(text).map(FlowCredential::SessionCookie);
        }
        if text
            .chars()
            .any(|c| c.is_whitespace() || c == ';' || c == ',')
        {
            return Err(
                "this does not look like a session cookie: paste either the value of \
                 __Secure-next-auth.session-token or the whole Cookie header"
                    .into(),
            );
        }
        Ok(FlowCredential::SessionCookie(Secret::new(text)))
    }

    pub fn can_refresh(&self) -> bool {
        matches!(self, FlowCredential::SessionCookie(_))
    }

    /// The `Cookie` header value that carries the session, if this credential has one.
    pub(crate) fn cookie_header(&self) -> Option<String> {
        let FlowCredential::SessionCookie(value) = self else {
            return None;
        };
        let value = value.expose();
        let name = COOKIE_NAMES[0];
        if value.len() <= CHUNK {
            return Some(format!("{name}={value}"));
        }
        let parts: Vec<String> = value
            .as_bytes()
            .chunks(CHUNK)
            .enumerate()
            .map(|(i, c)| format!("{name}.{i}={}", String::from_utf8_lossy(c)))
            .collect();
        Some(parts.join("; "))
    }
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn session_from_header(header: &str) -> Result<Secret, String> {
    let pairs: Vec<(&str, &str)> = header
        .split(';')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    for name in COOKIE_NAMES {
        if let Some((_, v)) = pairs.iter().find(|(k, _)| *k == name)
            && !v.is_empty()
        {
            return Ok(Secret::new(*v));
        }
        let mut chunks: Vec<(usize, &str)> = pairs
            .iter()
            .filter_map(|(k, v)| {
                let index = k.strip_prefix(name)?.strip_prefix('.')?.parse().ok()?;
                Some((index, *v))
            })
            .collect();
        if !chunks.is_empty() {
            chunks.sort_by_key(|(i, _)| *i);
            if chunks
                .iter()
                .enumerate()
                .any(|(want, (got, _))| want != *got)
            {
                return Err(format!(
                    "the cookie {name} is split into chunks but some are missing: copy the whole \
                     Cookie header again"
                ));
            }
            let joined: String = chunks.iter().map(|(_, v)| *v).collect();
            return Ok(Secret::new(joined));
        }
    }
    Err(
        "the Cookie header has no __Secure-next-auth.session-token: copy it from a signed-in \
         labs.google (or flow.google.com) tab"
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cookie(c: &FlowCredential) -> &str {
        match c {
            FlowCredential::SessionCookie(s) => s.expose(),
            FlowCredential::Bearer(_) => panic!("expected a cookie"),
        }
    }

    #[test]
    fn accepts_a_bare_value_a_header_and_chunks() {
        let bare = FlowCredential::parse("  eyJhbGciOi.abc.def  ").expect("bare");
        assert_eq!(cookie(&bare), "eyJhbGciOi.abc.def");

        let header = FlowCredential::parse(
            "Cookie: _ga=GA1.1; __Secure-next-auth.session-token=eyJ.v1; other=x",
        )
        .expect("header");
        assert_eq!(cookie(&header), "eyJ.v1");

        let chunked = FlowCredential::parse(
            "__Secure-next-auth.session-token.1=WORLD; a=b; __Secure-next-auth.session-token.0=HELLO",
        )
        .expect("chunked");
        assert_eq!(cookie(&chunked), "HELLOWORLD");

        let plain = FlowCredential::parse("next-auth.session-token=abc; x=y").expect("plain name");
        assert_eq!(cookie(&plain), "abc");
    }

    #[test]
    fn accepts_bearers_and_says_they_cannot_refresh() {
        let b = FlowCredential::parse("Authorization: Bearer ya29.a0AfB").expect("bearer");
        assert!(matches!(b, FlowCredential::Bearer(_)));
        assert!(!b.can_refresh());
        assert!(b.cookie_header().is_none());
    }

    #[test]
    fn rejects_what_is_not_a_credential() {
        assert!(FlowCredential::parse("").is_err());
        assert!(FlowCredential::parse("_ga=1; sid=2").is_err());
        assert!(FlowCredential::parse("hello world").is_err());
        let e = FlowCredential::parse("__Secure-next-auth.session-token.1=B; z=1")
            .expect_err("missing chunk 0");
        assert!(e.contains("missing"));
    }

    #[test]
    fn long_cookies_go_back_in_chunks_that_parse_again() {
        let long = "x".repeat(9000);
        let c = FlowCredential::SessionCookie(Secret::new(long.clone()));
        let header = c.cookie_header().expect("header");
        assert!(header.contains(".0=") && header.contains(".2="));
        assert_eq!(FlowCredential::parse(&header).expect("again"), c);
    }
}
