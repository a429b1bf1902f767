//! A finished video onto disk: its pre-signed link from `as29s` — `flow-content.google/video/…`
//! (about 6 h) or, as Flow has also served, `*.googlevideo.com/videoplayback?…` (bound to the
//! browser's IP, about 2 h) — is fetched by a plain HTTP client with no cookie and no credential
//! of any kind, resuming with Range; an expired or refused link is re-signed through the
//! account's browser, never taken as a sign the account is bad.

use std::path::Path;
use std::time::Instant;

use reqwest::Url;

use super::FlowClient;
use super::refs::{Api, MediaRef};
use crate::provider::error::ProviderError;
use crate::provider::transfer::{self, Progress};

/// Answers from a signed link: 400/401/403/410 there mean the signature expired or was
/// refused, a link problem to fix by re-signing, never a sign that the account is bad.
fn classify_signed(status: u16, wait: Option<std::time::Duration>, _body: &[u8]) -> ProviderError {
    match status {
        400 | 401 | 403 | 410 => {
            ProviderError::NotFound(crate::msg!("download-link-refused", status = status))
        }
        404 => ProviderError::NotFound(crate::msg!("download-not-at-link")),
        429 => ProviderError::Throttled {
            retry_after: wait,
            reason: crate::msg!("download-host-busy"),
        },
        s if s >= 500 => ProviderError::Transient(crate::msg!("download-host-status", status = s)),
        s => ProviderError::Unexpected {
            status: s,
            excerpt: "the video host refused the download".into(),
        },
    }
}

/// How long a signed link stays good to start a download with: until the expiry it carries
/// (`Expires=` on flow-content.google links, about 6 h; `expire=` on googlevideo.com ones,
/// about 2 h), a minute early. `None` when it names none.
pub(super) fn lasts(url: &str, now: time::OffsetDateTime) -> Option<std::time::Duration> {
    let u = Url::parse(url).ok()?;
    let expires: i64 = u
        .query_pairs()
        .find(|(k, _)| k == "Expires" || k == "expire")?
        .1
        .parse()
        .ok()?;
    let left = expires - now.unix_timestamp() - 60;
    Some(std::time::Duration::from_secs(left.max(0) as u64))
}

/// Only https links (or http on this machine, for the simulator) are followed.
fn signed_url(url: &str) -> Result<Url, ProviderError> {
    let bad = || ProviderError::Unexpected {
        status: 200,
        excerpt: "Flow's download link is not an https URL".into(),
    };
    let u = Url::parse(url).map_err(|_| bad())?;
    let loopback = matches!(u.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    if u.scheme() == "https" || (u.scheme() == "http" && loopback) {
        Ok(u)
    } else {
        Err(bad())
    }
}

impl FlowClient {
    /// Downloads a finished video into `dest` (a `.part` file), resuming after the bytes
    /// already there.
    pub async fn download(
        &self,
        media: &MediaRef,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<transfer::Fetched, ProviderError> {
        if media.api == Api::Rest {
            return Err(ProviderError::NotFound(crate::msg!("flow-old-api-video")));
        }
        let cached = {
            let st = self.state();
            st.links
                .get(&media.name)
                .filter(|(_, until)| Instant::now() < *until)
                .map(|(u, _)| u.clone())
        };
        let fresh = cached.is_none();
        let url = match cached {
            Some(u) => u,
            None => self.link(media).await?,
        };
        match self.fetch(&url, dest, progress).await {
            // An old link may have expired: sign it again, once.
            Err(ProviderError::NotFound(_)) if !fresh => {
                self.state().links.remove(&media.name);
                let url = self.link(media).await?;
                self.fetch(&url, dest, progress).await
            }
            other => other,
        }
    }

    async fn link(&self, media: &MediaRef) -> Result<String, ProviderError> {
        self.sign(media)
            .await?
            .ok_or_else(|| ProviderError::Transient(crate::msg!("flow-no-link-yet")))
    }

    async fn fetch(
        &self,
        url: &str,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<transfer::Fetched, ProviderError> {
        let started = Instant::now();
        let result = transfer::fetch_to_file(
            self.cdn.get(signed_url(url)?),
            dest,
            classify_signed,
            progress,
        )
        .await;
        tracing::debug!(
            ms = started.elapsed().as_millis() as u64,
            ok = result.is_ok(),
            "signed download"
        );
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_lasts_until_the_expiry_it_carries_in_either_shape() {
        let now = time::OffsetDateTime::from_unix_timestamp(1_790_000_000).expect("time");
        let cdn = "https://flow-content.google/video/m?Expires=1790021600&KeyName=k&Signature=s";
        assert_eq!(
            lasts(cdn, now),
            Some(std::time::Duration::from_secs(21_540))
        );
        let gv = "https://rr4---sn-a5mekn6s.googlevideo.com/videoplayback?expire=1790007200&ei=x&ip=203.0.113.9&id=o-A&sig=AJ";
        assert_eq!(lasts(gv, now), Some(std::time::Duration::from_secs(7_140)));
        let past = "https://flow-content.google/video/m?Expires=1789999000&Signature=s";
        assert_eq!(lasts(past, now), Some(std::time::Duration::ZERO));
        assert_eq!(lasts("https://flow-content.google/video/m", now), None);
    }
}
