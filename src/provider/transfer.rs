//! Streams a video from a URL into a `.part` file, resuming with HTTP Range, without ever
//! holding the whole video in memory.

use std::path::Path;

use futures_util::StreamExt;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_RANGE, CONTENT_TYPE, RANGE};
use tokio::fs::OpenOptions;
use tokio::io::{AsyncSeekExt, AsyncWriteExt, BufWriter};

use crate::provider::error::ProviderError;
use crate::provider::http::{read_capped, retry_after, transport};

/// Called with (bytes in the file so far, total size when known).
pub type Progress<'a> = &'a mut (dyn FnMut(u64, Option<u64>) + Send);

/// Turns a refusal (status, Retry-After, body) into an error; each host has its own.
pub type Classifier = fn(u16, Option<std::time::Duration>, &[u8]) -> ProviderError;

/// Writes are gathered into blocks this large before they reach the file.
const WRITE_BUFFER: usize = 512 << 10;

/// What a finished download produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fetched {
    /// Length of the file now.
    pub bytes: u64,
    /// Bytes that were already in the file and were kept.
    pub resumed_from: u64,
}

/// The length of a partly downloaded file, or 0.
pub async fn existing_len(path: &Path) -> u64 {
    tokio::fs::metadata(path).await.map_or(0, |m| m.len())
}

/// Downloads `request` (a GET built by the caller, with whatever headers that host needs)
/// into `path`, continuing after the bytes already there.
///
/// On a cut connection the bytes received so far stay in the file and the error says so;
/// calling again resumes. The caller checks the content.
pub async fn fetch_to_file(
    request: reqwest::RequestBuilder,
    path: &Path,
    classify: Classifier,
    progress: Progress<'_>,
) -> Result<Fetched, ProviderError> {
    match fetch_or_redirect(request, path, classify, progress).await? {
        Fetch::Done(f) => Ok(f),
        Fetch::Redirect(_) => Err(ProviderError::Unexpected {
            status: 302,
            excerpt: "the download link redirected again".into(),
        }),
    }
}

/// What one hop of a download gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetch {
    Done(Fetched),
    /// A 3xx: the `Location`, for the caller to judge (and to decide which headers go there).
    Redirect(String),
}

/// Like [`fetch_to_file`], but a redirect is handed back instead of followed: whether
/// credentials may go to the next host is the caller's decision, not the HTTP client's.
pub async fn fetch_or_redirect(
    request: reqwest::RequestBuilder,
    path: &Path,
    classify: Classifier,
    progress: Progress<'_>,
) -> Result<Fetch, ProviderError> {
    let have = existing_len(path).await;
    let request = if have > 0 {
        request.header(RANGE, format!("bytes={have}-"))
    } else {
        request
    };
    let resp = request.send().await.map_err(transport)?;
    let status = resp.status();
    let (offset, total) = match status {
        StatusCode::PARTIAL_CONTENT => {
            let (start, total) =
                content_range(resp.headers()).ok_or_else(|| ProviderError::Unexpected {
                    status: 206,
                    excerpt: "partial answer without a usable Content-Range".into(),
                })?;
            if start != have {
                return Err(ProviderError::Unexpected {
                    status: 206,
                    excerpt: format!("asked to resume at byte {have}, got byte {start}"),
                });
            }
            (have, total)
        }
        StatusCode::OK => (0, resp.content_length()),
        s if s.is_redirection() => {
            let location = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| ProviderError::Unexpected {
                    status: s.as_u16(),
                    excerpt: "redirect without a Location".into(),
                })?;
            return Ok(Fetch::Redirect(location.to_string()));
        }
        StatusCode::RANGE_NOT_SATISFIABLE => {
            let total = resp
                .headers()
                .get(CONTENT_RANGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("bytes */"))
                .and_then(|v| v.parse::<u64>().ok());
            if total == Some(have) {
                return Ok(Fetch::Done(Fetched {
                    bytes: have,
                    resumed_from: have,
                }));
            }
            // What we have does not fit the remote file: start over next time.
            tokio::fs::remove_file(path).await.ok();
            return Err(ProviderError::Transient(
                "the partial file did not match the video; starting it again".into(),
            ));
        }
        other => {
            let wait = retry_after(resp.headers());
            let body = read_capped(resp, 64 << 10).await.unwrap_or_default();
            return Err(classify(other.as_u16(), wait, &body));
        }
    };
    if let Some(ct) = resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        && ct.starts_with("text/html")
    {
        return Err(ProviderError::Unexpected {
            status: status.as_u16(),
            excerpt: "a web page came back instead of a video (the sign-in page?)".into(),
        });
    }

    let mut file = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(path)
        .await?;
    file.set_len(offset).await?;
    file.seek(std::io::SeekFrom::Start(offset)).await?;
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, file);
    let mut written = offset;
    progress(written, total);
    let mut stream = resp.bytes_stream();
    let mut cut = None;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => {
                out.write_all(&chunk).await?;
                written += chunk.len() as u64;
                progress(written, total);
            }
            Err(e) => {
                cut = Some(transport(e));
                break;
            }
        }
    }
    // Keep what arrived, so the next attempt resumes instead of starting over.
    out.flush().await?;
    if let Some(err) = cut {
        let total = total.map_or_else(|| "?".into(), |t| t.to_string());
        return Err(ProviderError::Transient(format!(
            "download cut at byte {written} of {total} ({err})"
        )));
    }
    if let Some(total) = total
        && written != total
    {
        return Err(ProviderError::Transient(format!(
            "download ended at byte {written} of {total}"
        )));
    }
    Ok(Fetch::Done(Fetched {
        bytes: written,
        resumed_from: offset,
    }))
}

/// `Content-Range: bytes START-END/TOTAL` → (START, TOTAL if known).
fn content_range(headers: &reqwest::header::HeaderMap) -> Option<(u64, Option<u64>)> {
    let v = headers.get(CONTENT_RANGE)?.to_str().ok()?;
    let rest = v.strip_prefix("bytes ")?;
    let (range, total) = rest.split_once('/')?;
    let (start, _end) = range.split_once('-')?;
    Some((start.parse().ok()?, total.parse().ok()))
}
/// Streams an answer carrying a base64 video into `dest`, decoding as it arrives, so the
/// video never sits in memory whole. A cut answer is a transient failure (asked again whole:
/// an inline answer cannot resume).
pub async fn save_inline(
    resp: reqwest::Response,
    mut decoder: crate::provider::inline::InlineDecoder,
    dest: &Path,
    progress: Progress<'_>,
) -> Result<u64, ProviderError> {
    let status = resp.status().as_u16();
    let mut out = BufWriter::with_capacity(WRITE_BUFFER, tokio::fs::File::create(dest).await?);
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
    Ok(written)
}
