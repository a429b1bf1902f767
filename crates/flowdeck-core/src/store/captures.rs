//! The capture folder (`captures` in the data folder): answers flowdeck could not read,
//! redacted, one JSON file each, the newest [`KEEP`] kept. `flowdeck report` gathers them.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::config::Settings;
use super::paths::Paths;
use crate::provider::capture::{Capture, CaptureSink, Surprise};

/// How many captures the folder keeps; older ones are deleted as new ones come.
pub const KEEP: usize = 50;

static SEQUENCE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// The same surprise (one call, status and kind of body) is kept once in this long by one
/// sink, so a call repeated every few seconds (a poll) cannot push every other capture out.
const QUIET: Duration = Duration::from_secs(600);

/// The capture folder of one data folder.
#[derive(Debug)]
pub struct Captures {
    dir: PathBuf,
    keep_prompts: bool,
    /// When each surprise was last kept.
    last: Mutex<HashMap<String, Instant>>,
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

impl Captures {
    pub fn new(dir: PathBuf, keep_prompts: bool) -> Captures {
        Captures {
            dir,
            keep_prompts,
            last: Mutex::default(),
        }
    }

    /// True when the same surprise was kept less than [`QUIET`] ago.
    fn seen_lately(&self, s: &Surprise<'_>) -> bool {
        let key = format!("{}/{}/{}/{}", s.provider, s.rpc, s.status, s.payload);
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if last
            .get(&key)
            .is_some_and(|t| now.duration_since(*t) < QUIET)
        {
            return true;
        }
        last.insert(key, now);
        false
    }

    /// The sink the clients of this data folder hand their surprises to.
    pub fn sink(paths: &Paths, settings: &Settings) -> Arc<dyn CaptureSink> {
        Arc::new(Captures::new(
            paths.captures(),
            settings.report.include_prompts,
        ))
    }

    /// Writes `c` (whole or not at all) and deletes the oldest beyond [`KEEP`].
    pub fn keep(&self, c: &Capture) -> std::io::Result<PathBuf> {
        crate::store::private::create_dir(&self.dir)?;
        let stamp = now()
            .format(time::macros::format_description!(
                "[year][month][day]T[hour][minute][second].[subsecond digits:9]Z"
            ))
            .unwrap_or_default();
        let rpc: String = c
            .rpc
            .chars()
            .filter(|ch| ch.is_ascii_alphanumeric() || *ch == '-' || *ch == '_')
            .take(40)
            .collect();
        // The time first, so names sort as the captures came; the count tells apart two of
        // one instant.
        let n = SEQUENCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % 1_000_000;
        let name = format!("{stamp}-{n:06}-{}-{rpc}.json", c.provider);
        let file = self.dir.join(name);
        let tmp = file.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(c).map_err(std::io::Error::other)?;
        crate::store::private::write(&tmp, text.as_bytes())?;
        std::fs::rename(&tmp, &file)?;
        for old in files(&self.dir).into_iter().skip(KEEP) {
            // Another client may have deleted it first.
            let _ = std::fs::remove_file(old);
        }
        Ok(file)
    }
}

impl CaptureSink for Captures {
    fn capture(&self, s: &Surprise<'_>) {
        if self.seen_lately(s) {
            return;
        }
        let mut c = Capture::of(s, self.keep_prompts, rfc3339(now()));
        // A file named in the problem says no more with the home folder as `~`.
        if let Some(home) = directories::BaseDirs::new()
            .map(|b| b.home_dir().display().to_string())
            .filter(|h| h.len() > 1)
        {
            c.problem = c.problem.replace(&home, "~");
        }
        match self.keep(&c) {
            Ok(file) => tracing::info!(
                file = %file.display(),
                rpc = %c.rpc,
                "kept an answer flowdeck could not read (see `flowdeck report`)"
            ),
            Err(e) => {
                tracing::warn!(error = %e, "could not keep an answer flowdeck could not read")
            }
        }
    }
}

/// The capture files in `dir`, newest first (their names start with the time).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort_by(|a, b| b.file_name().cmp(&a.file_name()));
    out
}

/// The newest `n` readable captures in `dir`, newest first, and how many files it holds.
pub fn newest(dir: &Path, n: usize) -> (Vec<Capture>, usize) {
    let all = files(dir);
    let read = all
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|b| serde_json::from_slice::<Capture>(&b).ok())
        .take(n)
        .collect();
    (read, all.len())
}

/// The one file `flowdeck report` writes: the captures (redacted once more under today's
/// setting), the version, the system and the kinds of account in use. Never a secret, an
/// account's name or its e-mail address.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// This file's layout.
    pub report: u32,
    pub flowdeck: String,
    /// `linux x86_64`, …
    pub os: String,
    pub made: String,
    /// Accounts in the settings, by provider.
    pub providers: BTreeMap<String, usize>,
    /// `hidden` or `included`, as the settings say now.
    pub prompts: String,
    /// Captures in the folder, of which `captures` holds the newest.
    pub kept: usize,
    pub captures: Vec<Capture>,
}

impl Report {
    /// `flowdeck-report-<time>.json`, in the folder flowdeck runs in.
    pub fn default_file() -> PathBuf {
        let stamp = now()
            .format(time::macros::format_description!(
                "[year][month][day]-[hour][minute][second]"
            ))
            .unwrap_or_default();
        PathBuf::from(format!("flowdeck-report-{stamp}.json"))
    }

    /// The report of the newest `last` captures in `dir`.
    pub fn gather(dir: &Path, settings: &Settings, last: usize) -> Report {
        let (found, kept) = newest(dir, last);
        let keep = settings.report.include_prompts;
        let mut providers = BTreeMap::new();
        for a in &settings.accounts {
            *providers.entry(a.provider.to_string()).or_default() += 1;
        }
        Report {
            report: 1,
            flowdeck: env!("CARGO_PKG_VERSION").to_string(),
            os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
            made: rfc3339(now()),
            providers,
            prompts: if keep { "included" } else { "hidden" }.into(),
            kept,
            captures: found.iter().map(|c| c.redacted_again(keep)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::ProviderError;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("fd-captures-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    fn surprise<'a>(body: &'a str, e: &'a ProviderError) -> Surprise<'a> {
        Surprise {
            provider: "flow",
            rpc: "nzlxg",
            route: "/",
            status: 200,
            request: Some("[]"),
            body,
            payload: false,
            error: e,
        }
    }

    #[test]
    fn the_folder_keeps_the_newest_fifty_and_a_repeated_surprise_once() {
        let dir = temp("keep");
        let c = Captures::new(dir.clone(), false);
        let e = ProviderError::Unexpected {
            status: 200,
            excerpt: "x".into(),
        };
        for i in 0..KEEP + 5 {
            let rpc = format!("rpc{i}");
            c.capture(&Surprise {
                rpc: &rpc,
                ..surprise(&format!("[{i}]"), &e)
            });
        }
        let (found, kept) = newest(&dir, 3);
        assert_eq!(kept, KEEP);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].body, format!("[{}]", KEEP + 4), "newest first");
        // The same call failing the same way again (a poll every few seconds): kept once.
        let _ = std::fs::remove_dir_all(&dir);
        for i in 0..3 {
            c.capture(&surprise(&format!("[{i}]"), &e));
        }
        c.capture(&Surprise {
            status: 500,
            ..surprise("[]", &e)
        });
        assert_eq!(newest(&dir, 10).1, 2);
        let _ = std::fs::remove_dir_all(dir);
    }
}
