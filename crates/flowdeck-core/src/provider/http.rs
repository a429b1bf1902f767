//! HTTP plumbing every provider shares: sending, size-capped reading, and mapping transport
//! failures onto [`ProviderError`].

use crate::message::{Arg, Message};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::provider::error::ProviderError;
use crate::secret::redact;

/// flowdeck says what it is: it never poses as a browser (Flow's own calls go through the
/// user's real browser; these requests are the Gemini API, Vertex AI and video downloads).
pub const USER_AGENT: &str = concat!("flowdeck/", env!("CARGO_PKG_VERSION"));

/// A client that never follows redirects (each hop is decided by the caller, so credentials
/// can never ride along to another host) and carries no default credentials.
pub fn client(idle_timeout: Duration) -> Result<reqwest::Client, ProviderError> {
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(15))
        .read_timeout(idle_timeout)
        .pool_idle_timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| ProviderError::Local(crate::msg!("net-no-client", why = e.to_string())))
}

/// Maps a transport error. A connection that never opened proves the request did not arrive;
/// anything later may have reached the server.
pub fn transport(err: reqwest::Error) -> ProviderError {
    let connect = err.is_connect();
    let timeout = err.is_timeout();
    let host = err
        .url()
        .and_then(|u| u.host_str())
        .map_or_else(|| Arg::from(crate::msg!("net-the-service")), Arg::from);
    // The URL can carry a signature or key: never print it.
    let text = redact(&error_chain(&err.without_url()));
    if connect {
        ProviderError::Unreachable(unreachable_in_words(host, &text))
    } else if timeout {
        ProviderError::NoAnswer(crate::msg!("net-timed-out", why = text))
    } else {
        ProviderError::NoAnswer(Message::verbatim(text))
    }
}

/// A connection that failed, said the way a person can act on it (the library's chain of
/// errors is for the log).
fn unreachable_in_words(host: Arg, chain: &str) -> Message {
    let c = chain.to_ascii_lowercase();
    if c.contains("dns") || c.contains("lookup address") || c.contains("name or service") {
        crate::msg!("net-not-found", host = host)
    } else if c.contains("refused") {
        crate::msg!("net-refused", host = host)
    } else if c.contains("certificate") || c.contains("tls") || c.contains("ssl") {
        crate::msg!("net-tls", host = host)
    } else if c.contains("timed out") || c.contains("timeout") {
        crate::msg!("net-timeout", host = host)
    } else if c.contains("unreachable") {
        crate::msg!("net-unreachable", host = host)
    } else {
        crate::msg!("net-other", host = host)
    }
}

fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut s = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        s.push_str(": ");
        s.push_str(&e.to_string());
        source = e.source();
    }
    s
}

/// `Retry-After` in seconds (the HTTP-date form is rare on these APIs and ignored).
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v = headers.get(RETRY_AFTER)?.to_str().ok()?;
    let secs: u64 = v.trim().parse().ok()?;
    Some(Duration::from_secs(secs.min(3600)))
}

/// Reads a whole answer, refusing one larger than `cap` bytes. A cut body is `NoAnswer`: the
/// status line arrived but the content (for a create, the ids of what was made) did not.
pub async fn read_capped(resp: reqwest::Response, cap: usize) -> Result<Bytes, ProviderError> {
    let status = resp.status().as_u16();
    if let Some(len) = resp.content_length()
        && len > cap as u64
    {
        return Err(too_large(status, cap));
    }
    let mut body = BytesMut::new();
    let mut stream = resp.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| match transport(e) {
            ProviderError::NoAnswer(m) => {
                ProviderError::NoAnswer(crate::msg!("net-answer-cut-off", why = m))
            }
            other => other,
        })?;
        if body.len() + chunk.len() > cap {
            return Err(too_large(status, cap));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn too_large(status: u16, cap: usize) -> ProviderError {
    ProviderError::Unexpected {
        status,
        excerpt: format!("answer larger than {} MiB", cap >> 20),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_failures_are_said_in_words() {
        let dns = "error sending request: client error (Connect): dns error: failed to lookup \
                   address information: Name or service not known";
        let said = |chain: &str| unreachable_in_words("api.example".into(), chain);
        assert_eq!(
            said(dns),
            crate::msg!("net-not-found", host = "api.example")
        );
        assert_eq!(
            said("tcp connect error: Connection refused (os error 111)").key,
            "net-refused"
        );
        assert_eq!(
            said("invalid peer certificate: UnknownIssuer").key,
            "net-tls"
        );
    }

    #[tokio::test]
    async fn a_refused_connection_names_the_host_and_not_the_library() {
        // Port 1 on loopback: nothing listens there.
        let c = client(Duration::from_secs(5)).expect("client");
        let err = c
            .get("http://127.0.0.1:1/v1beta/models?key=secret")
            .send()
            .await
            .expect_err("refused");
        let e = transport(err);
        assert!(matches!(e, ProviderError::Unreachable(_)), "{e:?}");
        assert_eq!(
            e.message(),
            crate::msg!("net-refused", host = "127.0.0.1"),
            "{e:?}"
        );
        assert!(!format!("{e:?}").contains("secret"), "{e:?}");
    }
}
