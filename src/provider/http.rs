//! HTTP plumbing every provider shares: sending, size-capped reading, and mapping transport
//! failures onto [`ProviderError`].

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::provider::error::ProviderError;
use crate::secret::redact;

/// A browser's user agent: Flow sits behind Google's front end, which treats unknown clients
/// with more suspicion.
pub const USER_AGENT: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                              Chrome/131.0.0.0 Safari/537.36";

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
        .map_err(|e| ProviderError::Local(format!("cannot build the HTTP client: {e}")))
}

/// Maps a transport error. A connection that never opened proves the request did not arrive;
/// anything later may have reached the server.
pub fn transport(err: reqwest::Error) -> ProviderError {
    let connect = err.is_connect();
    let timeout = err.is_timeout();
    // The URL can carry a signature or key: never print it.
    let text = redact(&error_chain(&err.without_url()));
    if connect {
        ProviderError::Unreachable(text)
    } else if timeout {
        ProviderError::NoAnswer(format!("timed out ({text})"))
    } else {
        ProviderError::NoAnswer(text)
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
            ProviderError::NoAnswer(m) => ProviderError::NoAnswer(format!("answer cut off: {m}")),
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
