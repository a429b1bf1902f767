//! Getting a finished video onto disk by every route Flow has had (reference section 4):
//! the legacy signed `fifeUrl`, the tRPC redirect to a signed CDN URL, and the inline base64
//! answer. Credentials go only to Flow's own hosts; the signed URLs get none.

use std::path::Path;

use futures_util::StreamExt;
use reqwest::header::{CONTENT_TYPE, LOCATION};
use reqwest::{Method, Url};
use tokio::fs::File;
use tokio::io::{AsyncWriteExt, BufWriter};

use super::inline::InlineDecoder;
use super::{FlowClient, MediaRef, WEB_ORIGIN, classify};
use crate::provider::error::ProviderError;
use crate::provider::http::{read_capped, retry_after, transport};
use crate::provider::transfer::{self, Progress};

/// Which route a download took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadRoute {
    /// The legacy `fifeUrl` from the poll answer.
    SignedUrl,
    /// `media.getMediaUrlRedirect` → 307 → signed CDN URL.
    Redirect,
    /// `GET /v1/media/{name}` with the video as base64 inside JSON.
    Inline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Downloaded {
    pub bytes: u64,
    pub resumed_from: u64,
    pub route: DownloadRoute,
}

/// Answers from a signed URL: a 403 or 400 there means the signature expired.
fn classify_signed(status: u16, wait: Option<std::time::Duration>, body: &[u8]) -> ProviderError {
    match status {
        400 | 401 | 403 | 410 => ProviderError::NotFound(format!(
            "the signed download link was refused (HTTP {status})"
        )),
        _ => classify::classify(status, wait, body),
    }
}

impl FlowClient {
    /// Downloads a finished video into `dest` (a `.part` file), resuming after the bytes
    /// already there when the route allows it. `signed_url` is the `fifeUrl` from the last
    /// poll, when the answer had one.
    pub async fn download(
        &self,
        media: &MediaRef,
        signed_url: Option<&str>,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<Downloaded, ProviderError> {
        if let Some(url) = signed_url {
            return self.download_signed(media, url, dest, progress).await;
        }
        if self.credential.can_refresh() {
            match self.download_redirect(media, dest, progress).await {
                Ok(d) => return Ok(d),
                // A network problem: try the same route again later rather than the slow one.
                Err(e) if e.is_retryable() => return Err(e),
                Err(e) => {
                    tracing::info!(media = %media.name, error = %e, "redirect route failed; trying the inline route");
                }
            }
        }
        self.download_inline(media, dest, progress).await
    }

    async fn download_signed(
        &self,
        media: &MediaRef,
        url: &str,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<Downloaded, ProviderError> {
        let first = self.fetch_signed(url, dest, progress).await;
        let fetched = match first {
            // The signature may have expired since the poll: ask for a fresh link once.
            Err(ProviderError::NotFound(_)) => {
                let fresh = self.poll(std::slice::from_ref(media)).await?;
                let url = fresh
                    .media
                    .first()
                    .and_then(|m| m.video_url.clone())
                    .ok_or_else(|| {
                        ProviderError::NotFound("the video has no download link any more".into())
                    })?;
                self.fetch_signed(&url, dest, progress).await?
            }
            other => other?,
        };
        Ok(Downloaded {
            bytes: fetched.bytes,
            resumed_from: fetched.resumed_from,
            route: DownloadRoute::SignedUrl,
        })
    }

    /// A plain GET with the credential-free client.
    async fn fetch_signed(
        &self,
        url: &str,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<transfer::Fetched, ProviderError> {
        let url = Url::parse(url).map_err(|_| ProviderError::Unexpected {
            status: 200,
            excerpt: "the download link is not a URL".into(),
        })?;
        transfer::fetch_to_file(self.cdn.get(url), dest, classify_signed, progress).await
    }

    async fn download_redirect(
        &self,
        media: &MediaRef,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<Downloaded, ProviderError> {
        let resp = self
            .labs_request(Method::GET, "trpc/media.getMediaUrlRedirect")?
            .query(&[
                ("name", media.name.as_str()),
                ("mediaUrlType", "MEDIA_URL_TYPE_FULL_MEDIA"),
            ])
            .timeout(self.config.request_timeout)
            .send()
            .await
            .map_err(transport)?;
        let status = resp.status().as_u16();
        if (300..400).contains(&status) {
            let location = resp
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| ProviderError::Unexpected {
                    status,
                    excerpt: "redirect without a Location".into(),
                })?;
            let base = Url::parse(&self.config.labs_url).map_err(|_| {
                ProviderError::Local("labs_url in the settings is not a URL".into())
            })?;
            let target = base.join(location).map_err(|_| ProviderError::Unexpected {
                status,
                excerpt: "the redirect Location is not a URL".into(),
            })?;
            let fetched =
                transfer::fetch_to_file(self.cdn.get(target), dest, classify_signed, progress)
                    .await?;
            return Ok(Downloaded {
                bytes: fetched.bytes,
                resumed_from: fetched.resumed_from,
                route: DownloadRoute::Redirect,
            });
        }
        let html = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("text/html"));
        let wait = retry_after(resp.headers());
        let body = read_capped(resp, 1 << 20).await?;
        Err(if html || status == 401 || status == 403 {
            ProviderError::SignInAgain(
                "the session cookie no longer opens downloads (the sign-in page came back)".into(),
            )
        } else if (200..300).contains(&status) {
            ProviderError::NotFound("the redirect route gave no download link".into())
        } else {
            classify::classify(status, wait, &body)
        })
    }

    async fn download_inline(
        &self,
        media: &MediaRef,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<Downloaded, ProviderError> {
        // The same token renewal as every API call, but the answer is streamed, not buffered.
        let mut attempt = 0;
        let resp = loop {
            let (token, id) = self.bearer().await?;
            let resp = self
                .http
                .get(self.config.api(&format!("v1/media/{}", media.name)))
                .query(&[("clientContext.tool", "PINHOLE")])
                .bearer_auth(token.expose())
                .header(reqwest::header::ORIGIN, WEB_ORIGIN)
                .send()
                .await
                .map_err(transport)?;
            if resp.status().as_u16() == 401 {
                self.invalidate(id).await;
                attempt += 1;
                if attempt < 2 {
                    continue;
                }
                return Err(self.refused_after_refresh());
            }
            break resp;
        };
        let status = resp.status().as_u16();
        if !(200..300).contains(&status) {
            let wait = retry_after(resp.headers());
            let body = read_capped(resp, 1 << 20).await?;
            return Err(classify::classify(status, wait, &body));
        }
        let mut out = BufWriter::with_capacity(512 << 10, File::create(dest).await?);
        let mut decoder = InlineDecoder::default();
        let mut decoded = Vec::with_capacity(64 << 10);
        let mut written = 0u64;
        let mut stream = resp.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| {
                ProviderError::Transient(format!(
                    "inline download cut at byte {written}: {}",
                    transport(e)
                ))
            })?;
            decoder
                .feed(&chunk, &mut decoded)
                .map_err(|m| ProviderError::Unexpected { status, excerpt: m })?;
            written += decoded.len() as u64;
            if written > self.config.inline_cap {
                return Err(ProviderError::Unexpected {
                    status,
                    excerpt: format!(
                        "inline video larger than {} MiB",
                        self.config.inline_cap >> 20
                    ),
                });
            }
            out.write_all(&decoded).await?;
            decoded.clear();
            progress(written, None);
            if decoder.finished() {
                break;
            }
        }
        decoder
            .finish(&mut decoded)
            .map_err(|m| ProviderError::Transient(format!("inline download: {m}")))?;
        out.write_all(&decoded).await?;
        written += decoded.len() as u64;
        out.flush().await?;
        progress(written, Some(written));
        Ok(Downloaded {
            bytes: written,
            resumed_from: 0,
            route: DownloadRoute::Inline,
        })
    }
}
