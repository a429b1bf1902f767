//! Streams a video from a URL into a `.part` file, resuming with HTTP Range, without ever
//! holding the whole video in memory. The bytes are hashed as they arrive and the file is
//! synced through the handle that wrote it, so filing a download never reads it again.

use std::path::Path;

use bytes::Bytes;
use futures_util::StreamExt;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_RANGE, CONTENT_TYPE, RANGE};
use sha2::{Digest, Sha256};

use crate::provider::error::ProviderError;
use crate::provider::http::{read_capped, retry_after, transport};

/// Called with (bytes in the file so far, total size when known).
pub type Progress<'a> = &'a mut (dyn FnMut(u64, Option<u64>) + Send);

/// Turns a refusal (status, Retry-After, body) into an error; each host has its own.
pub type Classifier = fn(u16, Option<std::time::Duration>, &[u8]) -> ProviderError;

/// Writes are gathered into blocks this large before they reach the file.
const WRITE_BUFFER: usize = 512 << 10;

/// The most a download may bring when the host does not say how much it sends: far more than
/// any generated clip (a 4K, 60 s video is well under 1 GiB), small enough that a host
/// streaming without end cannot fill the disk.
pub const UNSIZED_CAP: u64 = 8 << 30;

/// What a finished download produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// Length of the file now.
    pub bytes: u64,
    /// Bytes that were already in the file and were kept.
    pub resumed_from: u64,
    /// SHA-256 of the whole file, hex.
    pub sha256: String,
}

/// What the writing thread is told.
enum Block {
    Bytes(Bytes),
    /// The download is whole: flush, sync, and give the hash.
    Finish,
}

/// The open `.part` file. A blocking thread of its own writes and hashes what it is given
/// (plain file writes, the hash off the async workers); the async side only counts, refuses to
/// grow past `cap`, and syncs at the end through the handle that wrote (Windows refuses to
/// flush a read-only handle).
struct Sink {
    tx: tokio::sync::mpsc::Sender<Block>,
    /// Taken when it has ended.
    worker: Option<tokio::task::JoinHandle<std::io::Result<Option<String>>>>,
    written: u64,
    cap: u64,
}

/// Blocks in flight between the download and its writing thread.
const QUEUED_BLOCKS: usize = 16;

impl Sink {
    /// Opens `path` keeping its first `keep` bytes (hashed again, as the new bytes follow).
    async fn open(path: &Path, keep: u64, cap: u64) -> Result<Sink, ProviderError> {
        let path = path.to_path_buf();
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Block>(QUEUED_BLOCKS);
        let (opened_tx, opened_rx) = tokio::sync::oneshot::channel();
        let worker = tokio::task::spawn_blocking(move || {
            use std::io::{Seek, Write};
            let open = || -> std::io::Result<(std::fs::File, Sha256)> {
                let mut file = std::fs::OpenOptions::new()
                    .create(true)
                    .read(true)
                    .write(true)
                    .truncate(false)
                    .open(&path)?;
                file.set_len(keep)?;
                let hash = hash_all(&mut file)?;
                file.seek(std::io::SeekFrom::Start(keep))?;
                Ok((file, hash))
            };
            let (file, mut hash) = match open() {
                Ok(v) => {
                    let _ = opened_tx.send(Ok(()));
                    v
                }
                Err(e) => {
                    let _ = opened_tx.send(Err(std::io::Error::new(e.kind(), e.to_string())));
                    return Err(e);
                }
            };
            let mut out = std::io::BufWriter::with_capacity(WRITE_BUFFER, file);
            while let Some(block) = rx.blocking_recv() {
                match block {
                    Block::Bytes(b) => {
                        hash.update(&b);
                        out.write_all(&b)?;
                    }
                    Block::Finish => {
                        out.flush()?;
                        out.get_ref().sync_all()?;
                        return Ok(Some(hex::encode(hash.finalize())));
                    }
                }
            }
            // Cut or refused: keep what arrived, so the next attempt resumes from it.
            out.flush()?;
            Ok(None)
        });
        opened_rx
            .await
            .map_err(|_| ProviderError::Local(crate::msg!("download-writer-stopped")))??;
        Ok(Sink {
            tx,
            worker: Some(worker),
            written: keep,
            cap,
        })
    }

    async fn write(&mut self, bytes: Bytes) -> Result<(), ProviderError> {
        let after = self.written + bytes.len() as u64;
        if after > self.cap {
            return Err(ProviderError::Unexpected {
                status: 200,
                excerpt: format!("the video host sent more than {} bytes", self.cap),
            });
        }
        if self.tx.send(Block::Bytes(bytes)).await.is_err() {
            // The writer failed (disk full, permission): its error says why.
            return Err(self
                .stop()
                .await
                .err()
                .unwrap_or_else(|| ProviderError::Local(crate::msg!("download-writer-stopped"))));
        }
        self.written = after;
        Ok(())
    }

    /// Keeps what arrived (a later attempt resumes from it).
    async fn keep(mut self) -> Result<(), ProviderError> {
        self.stop().await.map(|_| ())
    }

    /// Closes the queue and waits for the writer; what it returns, once.
    async fn stop(&mut self) -> Result<Option<String>, ProviderError> {
        let (tx, _) = tokio::sync::mpsc::channel(1);
        drop(std::mem::replace(&mut self.tx, tx));
        match self.worker.take() {
            None => Ok(None),
            Some(worker) => match worker.await {
                Ok(r) => Ok(r?),
                Err(e) => Err(ProviderError::Local(crate::msg!(
                    "download-writer-failed",
                    why = e.to_string()
                ))),
            },
        }
    }

    /// Flushes and syncs: the file is whole and durable.
    async fn finish(mut self, resumed_from: u64) -> Result<Fetched, ProviderError> {
        let _ = self.tx.send(Block::Finish).await;
        let sha256 = self
            .stop()
            .await?
            .ok_or_else(|| ProviderError::Local(crate::msg!("download-writer-stopped")))?;
        Ok(Fetched {
            bytes: self.written,
            resumed_from,
            sha256,
        })
    }
}

/// Hashes everything `r` holds from where it stands.
fn hash_all(r: &mut impl std::io::Read) -> std::io::Result<Sha256> {
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            return Ok(hash);
        }
        hash.update(&buf[..n]);
    }
}

/// A file's SHA-256 (hex), read off the async threads: for a file that was whole before this
/// download began.
pub async fn sha256_file(path: &Path) -> Result<String, ProviderError> {
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let hash = hash_all(&mut std::fs::File::open(&path)?)?;
        Ok::<_, std::io::Error>(hex::encode(hash.finalize()))
    })
    .await
    .map_err(|e| ProviderError::Local(crate::msg!("download-hash-failed", why = e.to_string())))?
    .map_err(ProviderError::from)
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
    match answer(resp, have, path, classify).await? {
        Answer::Body(resp, offset, total) => {
            not_a_web_page(&resp)?;
            Ok(Fetch::Done(
                stream_into(resp, path, offset, total, progress).await?,
            ))
        }
        Answer::Ended(fetch) => Ok(fetch),
    }
}

/// What the status line says to do with an answer.
enum Answer {
    /// Bytes follow, to be written from `offset` (of `total`, when known).
    Body(reqwest::Response, u64, Option<u64>),
    /// Nothing to read: a redirect, or the file was already whole.
    Ended(Fetch),
}

/// Reads the status of an answer to a download that already has `have` bytes on disk.
async fn answer(
    resp: reqwest::Response,
    have: u64,
    path: &Path,
    classify: Classifier,
) -> Result<Answer, ProviderError> {
    match resp.status() {
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
            Ok(Answer::Body(resp, have, total))
        }
        StatusCode::OK => {
            let total = resp.content_length();
            Ok(Answer::Body(resp, 0, total))
        }
        s if s.is_redirection() => {
            let location = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| ProviderError::Unexpected {
                    status: s.as_u16(),
                    excerpt: "redirect without a Location".into(),
                })?;
            Ok(Answer::Ended(Fetch::Redirect(location.to_string())))
        }
        StatusCode::RANGE_NOT_SATISFIABLE => already_whole(&resp, have, path).await,
        other => {
            let wait = retry_after(resp.headers());
            let body = read_capped(resp, 64 << 10).await.unwrap_or_default();
            Err(classify(other.as_u16(), wait, &body))
        }
    }
}

/// A 416 to a resumed download: the file is whole when the remote one is as long as ours.
async fn already_whole(
    resp: &reqwest::Response,
    have: u64,
    path: &Path,
) -> Result<Answer, ProviderError> {
    let total = resp
        .headers()
        .get(CONTENT_RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("bytes */"))
        .and_then(|v| v.parse::<u64>().ok());
    if total == Some(have) {
        return Ok(Answer::Ended(Fetch::Done(Fetched {
            bytes: have,
            resumed_from: have,
            sha256: sha256_file(path).await?,
        })));
    }
    // What we have does not fit the remote file: start over next time.
    tokio::fs::remove_file(path).await.ok();
    Err(ProviderError::Transient(crate::msg!(
        "download-part-mismatch"
    )))
}

/// A web page where a video should be (the sign-in page, most likely) is no video.
fn not_a_web_page(resp: &reqwest::Response) -> Result<(), ProviderError> {
    match resp
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    {
        Some(ct) if ct.starts_with("text/html") => Err(ProviderError::Unexpected {
            status: resp.status().as_u16(),
            excerpt: "a web page came back instead of a video (the sign-in page?)".into(),
        }),
        _ => Ok(()),
    }
}

/// Writes the answer's bytes into `path` from `offset`; a cut or short answer keeps what
/// arrived (the next attempt resumes), a longer one than announced keeps nothing.
async fn stream_into(
    resp: reqwest::Response,
    path: &Path,
    offset: u64,
    total: Option<u64>,
    progress: Progress<'_>,
) -> Result<Fetched, ProviderError> {
    let cap = total.unwrap_or(UNSIZED_CAP);
    let mut sink = Sink::open(path, offset, cap).await?;
    progress(offset, total);
    let mut stream = resp.bytes_stream();
    let mut cut = None;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => {
                if let Err(e) = sink.write(chunk).await {
                    // Longer than announced (or unwritable): nothing of it can be trusted.
                    sink.keep().await.ok();
                    tokio::fs::remove_file(path).await.ok();
                    return Err(e);
                }
                progress(sink.written, total);
            }
            Err(e) => {
                cut = Some(transport(e));
                break;
            }
        }
    }
    let written = sink.written;
    if let Some(err) = cut {
        // Keep what arrived, so the next attempt resumes instead of starting over.
        sink.keep().await?;
        let total = total.map_or_else(|| "?".into(), |t| t.to_string());
        return Err(ProviderError::Transient(crate::msg!(
            "download-cut",
            byte = written,
            total = total,
            why = err.message()
        )));
    }
    if let Some(total) = total
        && written != total
    {
        sink.keep().await?;
        return Err(ProviderError::Transient(crate::msg!(
            "download-ended-early",
            byte = written,
            total = total
        )));
    }
    sink.finish(offset).await
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
) -> Result<Fetched, ProviderError> {
    let status = resp.status().as_u16();
    let mut sink = Sink::open(dest, 0, UNSIZED_CAP).await?;
    let mut decoded = Vec::with_capacity(64 << 10);
    let mut stream = resp.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            ProviderError::Transient(crate::msg!(
                "download-inline-cut",
                byte = sink.written,
                why = transport(e).message()
            ))
        })?;
        decoder
            .feed(&chunk, &mut decoded)
            .map_err(|m| ProviderError::Unexpected { status, excerpt: m })?;
        sink.write(Bytes::from(std::mem::take(&mut decoded)))
            .await?;
        progress(sink.written, None);
        if decoder.finished() {
            break;
        }
    }
    decoder
        .finish(&mut decoded)
        .map_err(|m| ProviderError::Transient(crate::msg!("download-inline-bad", why = m)))?;
    sink.write(Bytes::from(decoded)).await?;
    let fetched = sink.finish(0).await?;
    progress(fetched.bytes, Some(fetched.bytes));
    Ok(fetched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    /// A `.part` path in a folder removed when the guard drops (pass or fail).
    struct Scratch(std::path::PathBuf);

    impl Drop for Scratch {
        fn drop(&mut self) {
            std::fs::remove_dir_all(&self.0).ok();
        }
    }

    fn scratch(tag: &str) -> (Scratch, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("flowdeck-unit-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let part = dir.join("v.part");
        (Scratch(dir), part)
    }

    #[tokio::test]
    async fn a_sink_refuses_to_grow_past_its_cap() {
        let (_dir, path) = scratch("cap");
        let mut sink = Sink::open(&path, 0, 10).await.expect("open");
        sink.write(Bytes::from_static(b"12345678"))
            .await
            .expect("within the cap");
        let e = sink
            .write(Bytes::from_static(b"9abc"))
            .await
            .expect_err("past the cap");
        assert!(e.en().contains("more than 10 bytes"), "{e:?}");
        assert_eq!(sink.written, 8);
        sink.keep().await.expect("kept");
        assert_eq!(std::fs::read(&path).expect("read"), b"12345678");
        std::fs::remove_file(&path).ok();
    }

    #[tokio::test]
    async fn a_resumed_sink_hashes_the_kept_prefix_and_drops_the_rest() {
        let (_dir, path) = scratch("resume");
        std::fs::write(&path, b"hello, stale tail").expect("write");
        let mut sink = Sink::open(&path, 7, UNSIZED_CAP).await.expect("open");
        sink.write(Bytes::from_static(b"world"))
            .await
            .expect("write");
        let f = sink.finish(7).await.expect("finish");
        assert_eq!(std::fs::read(&path).expect("read"), b"hello, world");
        assert_eq!(f.sha256, hex::encode(Sha256::digest(b"hello, world")));
        assert_eq!((f.bytes, f.resumed_from), (12, 7));
        std::fs::remove_file(&path).ok();
    }
}
