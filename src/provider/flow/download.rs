//! A finished video onto disk: its pre-signed `flow-content.google` link (from `as29s`) is
//! fetched by a plain HTTP client with no cookie and no credential of any kind, resuming with
//! Range; an expired or refused link is re-signed once.

use std::path::Path;
use std::time::Instant;

use reqwest::Url;

use super::FlowClient;
use super::create::{Api, MediaRef};
use crate::provider::error::ProviderError;
use crate::provider::transfer::{self, Progress};

/// Answers from a signed link: 400/401/403/410 there mean the signature expired or was
/// refused, a link problem to fix by re-signing, never a sign that the account is bad.
fn classify_signed(status: u16, wait: Option<std::time::Duration>, _body: &[u8]) -> ProviderError {
    match status {
        400 | 401 | 403 | 410 => ProviderError::NotFound(format!(
            "the signed download link was refused (HTTP {status})"
        )),
        404 => ProviderError::NotFound("the video is not at its signed link".into()),
        429 => ProviderError::Throttled {
            retry_after: wait,
            reason: "HTTP 429 from the video host".into(),
        },
        s if s >= 500 => ProviderError::Transient(format!("the video host answered HTTP {s}")),
        s => ProviderError::Unexpected {
            status: s,
            excerpt: "the video host refused the download".into(),
        },
    }
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
            return Err(ProviderError::NotFound(
                "this video was made through Flow's old API, retired in September 2026".into(),
            ));
        }
        let cached = {
            let st = self.state();
            st.links
                .get(&media.name)
                .filter(|(_, at)| at.elapsed() < self.config.link_life)
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
            .ok_or_else(|| ProviderError::Transient("Flow has no download link for it yet".into()))
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
