//! What `flowdeck mcp` adds to reading a batch: the MCP tool round trip of `batch_status` on a
//! 1,000-take batch (a JSON-RPC request on the server's standard input to its answer on
//! standard output, one call at a time), next to the same batch read two other ways in the
//! same run: the ledger read alone, in process (what the tool itself starts from), and
//! `flowdeck status --batch 1 --json` as a script would run it (a process per read). Mean,
//! p50 and p99 of each, and the ratios. Prints figures; asserts nothing.
//!
//!     cargo bench --bench mcp [-- --quick]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene};
use flowdeck::store::ledger::Ledger;
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_flowdeck");
const TAKES: usize = 1_000;

struct Stats {
    mean: f64,
    p50: f64,
    p99: f64,
}

/// In milliseconds.
fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let at = |q: f64| ms(samples[((samples.len() - 1) as f64 * q).round() as usize]);
    Stats {
        mean: samples.iter().map(|d| ms(*d)).sum::<f64>() / samples.len() as f64,
        p50: at(0.50),
        p99: at(0.99),
    }
}

/// A data folder whose ledger holds one batch of [`TAKES`] takes (250 scenes × 4 copies),
/// and settings with no account (reading a batch needs none).
async fn folder() -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("flowdeck-bench-mcp-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("data")).expect("dir");
    let config = dir.join("config.toml");
    std::fs::write(&config, "").expect("settings");
    let ledger = Ledger::open(&dir.join("data/ledger.sqlite3")).expect("ledger");
    let scenes = (0..TAKES / 4)
        .map(|i| {
            Scene::new(
                format!("scene {i}: a harbour at dawn, gulls, a boat leaving, slow dolly"),
                Model::Veo31Fast,
                Aspect::Landscape,
                4,
            )
        })
        .collect();
    ledger
        .create_batch(BatchSpec {
            label: "bench".into(),
            scenes,
            out_dir: dir.join("videos"),
            template: "{batch}/{scene:03}_{slug}_{take}.mp4".into(),
            accounts: Vec::new(),
            mode: Mode::Parallel,
            caps: Default::default(),
        })
        .await
        .expect("batch");
    (dir, config)
}

fn flowdeck(dir: &Path, config: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .arg("--config")
        .arg(config)
        .env("FLOWDECK_DATA_DIR", dir.join("data"))
        .env("FLOWDECK_KEYRING", "off")
        .env("FLOWDECK_LANG", "en");
    c
}

/// `flowdeck mcp`, initialised, spoken to line by line.
struct Server {
    child: std::process::Child,
    input: std::process::ChildStdin,
    output: BufReader<std::process::ChildStdout>,
    id: u64,
}

impl Server {
    fn start(dir: &Path, config: &Path) -> Server {
        let mut child = flowdeck(dir, config, &["mcp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("flowdeck mcp starts");
        let input = child.stdin.take().expect("stdin");
        let output = BufReader::new(child.stdout.take().expect("stdout"));
        let mut s = Server {
            child,
            input,
            output,
            id: 0,
        };
        s.ask(
            "initialize",
            json!({"protocolVersion": "2025-11-25", "capabilities": {},
                   "clientInfo": {"name": "bench", "version": "0"}}),
        );
        s.send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        s
    }

    fn send(&mut self, v: Value) {
        writeln!(self.input, "{v}").expect("write");
        self.input.flush().expect("flush");
    }

    /// One request and its answer.
    fn ask(&mut self, method: &str, params: Value) -> Value {
        self.id += 1;
        let id = self.id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let mut line = String::new();
            assert!(
                self.output.read_line(&mut line).expect("read") > 0,
                "server ended"
            );
            let v: Value = serde_json::from_str(&line).expect("JSON-RPC");
            if v["id"] == id {
                return v;
            }
        }
    }

    fn batch_status(&mut self) -> Duration {
        let started = Instant::now();
        let v = self.ask(
            "tools/call",
            json!({"name": "batch_status", "arguments": {"batch": 1}}),
        );
        let took = started.elapsed();
        let takes = v["result"]["structuredContent"]["takes"]
            .as_array()
            .map(Vec::len);
        assert_eq!(
            takes,
            Some(TAKES),
            "{}",
            &v.to_string()[..300.min(v.to_string().len())]
        );
        took
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let n = if quick { 20 } else { 200 };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (dir, config) = rt.block_on(folder());
    let ledger = Ledger::open(&dir.join("data/ledger.sqlite3")).expect("ledger");
    let mut server = Server::start(&dir, &config);
    let status = |c: &Path| {
        let started = Instant::now();
        let out = flowdeck(&dir, c, &["status", "--batch", "1", "--json"])
            .output()
            .expect("status runs");
        assert!(out.status.success());
        started.elapsed()
    };
    let read = || {
        let started = Instant::now();
        let takes = rt.block_on(ledger.current_takes(1)).expect("takes");
        assert_eq!(takes.len(), TAKES);
        started.elapsed()
    };
    for _ in 0..5 {
        server.batch_status();
        status(&config);
        read();
    }
    let (mut m, mut s, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..n {
        r.push(read());
        m.push(server.batch_status());
        s.push(status(&config));
    }
    let (m, s, r) = (stats(m), stats(s), stats(r));
    println!(
        "mcp: batch_status on a {TAKES}-take batch, {n} calls each, alternating, one at a time"
    );
    for (what, x) in [
        ("ledger read alone (in process)", &r),
        ("MCP tools/call batch_status   ", &m),
        ("flowdeck status --json (spawn)", &s),
    ] {
        println!(
            "mcp: {what}  mean {:8.2} ms  p50 {:8.2} ms  p99 {:8.2} ms",
            x.mean, x.p50, x.p99
        );
    }
    println!(
        "mcp: MCP round trip / ledger read alone {:.2}×; / flowdeck status --json {:.2}×",
        m.mean / r.mean,
        m.mean / s.mean
    );
    drop(server);
    std::fs::remove_dir_all(&dir).ok();
}
