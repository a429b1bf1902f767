//! The log on standard error (`-v`, `FLOWDECK_LOG`). Libraries log what they carry: at debug
//! and trace the WebSocket library prints every bridge frame (signed video links, the page's
//! tokens, pairing proofs) and the HTTP libraries print URLs. So other crates are heard at
//! `info` at most, whatever level is asked for; and every line, flowdeck's own too, is
//! redacted and has its control characters shown before it is written.

use std::io::Write;

use tracing::Level;
use tracing_subscriber::filter::{FilterExt, filter_fn};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// The most another crate may say: these levels carry no payloads in the libraries flowdeck
/// uses.
const OTHERS_AT_MOST: Level = Level::INFO;

/// Whether an event from `target` at `level` may be logged at all.
pub fn allowed(target: &str, level: &Level) -> bool {
    ours(target) || *level <= OTHERS_AT_MOST
}

/// flowdeck's own crates: the front ends, the core and the simulator.
fn ours(target: &str) -> bool {
    let krate = target.split("::").next().unwrap_or_default();
    matches!(krate, "flowdeck" | "flowdeck_core" | "flowdeck_sim")
}

/// One log line as it is written: secrets replaced, control characters shown (a peer's text
/// cannot forge a line or steer the terminal), one line break at the end.
pub fn cleaned(line: &str) -> String {
    let body = line.strip_suffix('\n').unwrap_or(line);
    let mut out = crate::visible::one_line(&crate::secret::redact(body)).into_owned();
    out.push('\n');
    out
}

/// Standard error, one cleaned event per write (the formatter writes each event whole).
struct Stderr;

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let line = cleaned(&String::from_utf8_lossy(buf));
        std::io::stderr().lock().write_all(line.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

/// A log file, one cleaned event per write.
struct Cleaned(std::fs::File);

impl Write for Cleaned {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let line = cleaned(&String::from_utf8_lossy(buf));
        self.0.write_all(line.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// The log file's name in the log folder.
pub const LOG_FILE: &str = "flowdeck.log";

/// A log file past this size is moved to `flowdeck.log.1` (the one before is dropped) when
/// flowdeck starts: two files at most.
const ROTATE_AT: u64 = 8 << 20;

/// Opens `dir/flowdeck.log` for appending (user-only, never through a link), moving a large
/// one aside first when it can: on Windows a log another flowdeck (or a viewer) has open
/// cannot be moved, and the log goes on in it rather than not at all.
fn log_file(dir: &std::path::Path) -> std::io::Result<std::fs::File> {
    crate::store::private::create_dir(dir)?;
    let path = dir.join(LOG_FILE);
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() > ROTATE_AT) {
        std::fs::rename(&path, dir.join(format!("{LOG_FILE}.1"))).ok();
    }
    let file = crate::store::private::options_no_follow()
        .append(true)
        .create(true)
        .open(&path)?;
    crate::store::private::restrict_open(&file)?;
    Ok(file)
}

/// Starts logging: `FLOWDECK_LOG` (a filter such as `debug` or `flowdeck::bridge=trace`) when
/// set, else `level`, on standard error; and flowdeck's own lines at `info` (lanes and their
/// health, lost videos' ids, bugs) in `dir`'s log file, for a bug report after the window is
/// closed. A log file that cannot be opened leaves standard error alone.
pub fn init(level: &str, dir: Option<&std::path::Path>) {
    let asked = EnvFilter::try_from_env("FLOWDECK_LOG").unwrap_or_else(|_| EnvFilter::new(level));
    let ceiling = || filter_fn(|meta| allowed(meta.target(), meta.level()));
    let layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(|| Stderr)
        .with_filter(asked.and(ceiling()));
    let file = dir.and_then(|d| log_file(d).ok()).map(|f| {
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(Cleaned(f)))
            .with_filter(EnvFilter::new("info").and(ceiling()))
    });
    tracing_subscriber::registry().with(layer).with(file).init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_crates_stop_at_info_and_flowdeck_says_all() {
        assert!(!allowed("tungstenite::protocol", &Level::TRACE));
        assert!(!allowed("hyper_util::client::legacy::pool", &Level::DEBUG));
        assert!(allowed("reqwest::connect", &Level::INFO));
        assert!(allowed("flowdeck::cli::run", &Level::TRACE));
        assert!(allowed("flowdeck_core::bridge::server", &Level::TRACE));
        assert!(allowed("flowdeck_sim::standin", &Level::TRACE));
        assert!(!allowed("flowdeckish", &Level::TRACE));
    }

    #[test]
    fn a_big_log_that_cannot_be_moved_aside_is_still_written() {
        let dir = std::env::temp_dir().join(format!("flowdeck-logs-{}", uuid::Uuid::new_v4()));
        crate::store::private::create_dir(&dir).expect("dir");
        let big = std::fs::File::create(dir.join(LOG_FILE)).expect("log");
        big.set_len(ROTATE_AT + 1).expect("grow");
        // What it would be moved to cannot be replaced (as an open file on Windows).
        std::fs::create_dir_all(dir.join(format!("{LOG_FILE}.1/held"))).expect("in the way");
        let mut f = log_file(&dir).expect("the log opens anyway");
        f.write_all(b"line\n").expect("write");
        let len = std::fs::metadata(dir.join(LOG_FILE)).expect("meta").len();
        assert_eq!(len, ROTATE_AT + 1 + 5);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_line_is_redacted_and_stays_one_line() {
        let line = cleaned("GET https://cdn/x?Expires=1&Signature=abc\u{1b}]0;t\u{7}\nforged\n");
        assert_eq!(line.matches('\n').count(), 1, "{line}");
        assert!(!line.contains("abc") && !line.contains('\u{1b}'), "{line}");
    }
}
