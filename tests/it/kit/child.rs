//! Running the `flowdeck` binary as a child process against a simulator in this process:
//! a settings file and environment for the simulator's accounts, following its JSON events,
//! and killing it only between sends.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use flowdeck::bridge::proof;
use flowdeck::sim::RunningSim;
use flowdeck::sim::standin::StandIn;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, Command};

pub struct Setup {
    pub dir: PathBuf,
    pub config: PathBuf,
    pub envs: Vec<(String, String)>,
    /// The port the child's bridge listens on.
    pub bridge_port: u16,
    /// One stand-in extension per Flow account, (re)connecting to the child's bridge
    /// whenever a child runs; drop them to leave the accounts without a browser.
    pub standins: Vec<StandIn>,
}

impl Setup {
    pub fn ledger(&self) -> PathBuf {
        self.dir.join("data/ledger.sqlite3")
    }
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A settings file naming the simulator's accounts (secrets in environment variables: a
/// Flow account's pairing secret, a Gemini account's key), and a stand-in extension per Flow
/// account that connects to the child's bridge.
pub fn setup(sim: &RunningSim, dir: PathBuf, extra_engine: &str) -> Setup {
    std::fs::create_dir_all(&dir).expect("dir");
    let port = free_port();
    let mut toml = format!(
        "[flow]\norigin = \"{}\"\ngenerate_spacing_secs = 0.05\nreconcile_after_secs = 0.3\n\n\
         [bridge]\nport = {port}\nwait_secs = 10\n\n[gemini]\napi_url = \"{}\"\n\n\
         [vertex]\napi_url = \"{}\"\nstorage_url = \"{}\"\nsubmit_spacing_secs = 0.05\n\n\
         [engine]\nsubmit_spacing_secs = 0.05\npoll_interval_secs = 0.2\n{extra_engine}\n",
        sim.flow_origin(),
        sim.api_url(),
        sim.vertex_url(),
        sim.storage_url(),
    );
    let mut envs = vec![
        (
            "FLOWDECK_DATA_DIR".to_string(),
            dir.join("data").display().to_string(),
        ),
        ("FLOWDECK_KEYRING".to_string(), "off".to_string()),
    ];
    let mut standins = Vec::new();
    for (i, a) in sim.accounts().iter().enumerate() {
        if a.provider == "vertex" {
            // The service-account key stays in its own file; the settings name its path.
            let key = dir.join(format!("{}-key.json", a.name));
            std::fs::write(&key, a.secret.expose()).expect("key file");
            toml.push_str(&format!(
                "\n[[accounts]]\nname = \"{}\"\nprovider = \"vertex\"\nproject = \"{}\"\n\
                 location = \"us-central1\"\ncredentials = \"{}\"\n",
                a.name,
                a.project_id,
                key.display()
            ));
            continue;
        }
        toml.push_str(&format!(
            "\n[[accounts]]\nname = \"{}\"\nprovider = \"{}\"\nsecret_env = \"FD_TEST_ACC{i}\"\n",
            a.name, a.provider
        ));
        let secret = if a.provider == "flow" {
            toml.push_str(&format!(
                "project_id = \"{}\"\nemail = \"{}\"\n",
                a.project_id, a.email
            ));
            let secret = proof::new_secret();
            standins.push(StandIn::connect(
                &format!("ws://127.0.0.1:{port}/bridge"),
                &a.name,
                secret.clone(),
                sim.page(&a.name).expect("account"),
            ));
            secret
        } else {
            a.secret.clone()
        };
        envs.push((format!("FD_TEST_ACC{i}"), secret.expose().to_string()));
    }
    let config = dir.join("config.toml");
    std::fs::write(&config, toml).expect("config");
    Setup {
        dir,
        config,
        envs,
        bridge_port: port,
        standins,
    }
}

/// The binary, speaking English whatever this machine's language (the tests read its words).
pub fn english(bin: &str) -> Command {
    let mut c = Command::new(bin);
    c.env("FLOWDECK_LANG", "en");
    c
}

pub fn command(bin: &str, s: &Setup, args: &[&str]) -> Command {
    let mut c = english(bin);
    c.args(args)
        .arg("--config")
        .arg(&s.config)
        .envs(s.envs.iter().cloned())
        .env_remove("FLOWDECK_CONFIG");
    c.kill_on_drop(true);
    c
}

pub async fn output(mut c: Command) -> (i32, String, String) {
    let out = c.stdin(Stdio::null()).output().await.expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// Reads the child's JSON events until `until` says stop (false if the output ended first).
pub async fn follow(child: &mut Child, mut until: impl FnMut(&serde_json::Value) -> bool) -> bool {
    let Some(stdout) = child.stdout.as_mut() else {
        return false;
    };
    let mut lines = BufReader::new(stdout).lines();
    loop {
        match tokio::time::timeout(Duration::from_secs(60), lines.next_line()).await {
            Ok(Ok(Some(line))) => {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line)
                    && until(&v)
                {
                    return true;
                }
            }
            _ => return false,
        }
    }
}

/// The child's output, line by line.
pub fn lines_of(child: &mut Child) -> Lines<BufReader<tokio::process::ChildStdout>> {
    BufReader::new(child.stdout.take().expect("stdout piped")).lines()
}

/// Reads `lines` into `seen`, each line within a minute of the last, until `stop` accepts
/// one; false if the output ended (or stalled) first.
pub async fn read_until(
    lines: &mut Lines<BufReader<tokio::process::ChildStdout>>,
    seen: &mut String,
    mut stop: impl FnMut(&str) -> bool,
) -> bool {
    while let Ok(Ok(Some(line))) =
        tokio::time::timeout(Duration::from_secs(60), lines.next_line()).await
    {
        seen.push_str(&line);
        seen.push('\n');
        if stop(&line) {
            return true;
        }
    }
    false
}

/// The pairing link `flowdeck bridge pair` prints on its first line, the check code on its
/// second (for the extension's popup), and the rest of its output to read once it is done.
pub async fn pairing_url(
    child: &mut Child,
) -> (String, String, BufReader<tokio::process::ChildStdout>) {
    let mut lines = BufReader::new(child.stdout.take().expect("stdout piped"));
    let mut first = String::new();
    let mut second = String::new();
    for line in [&mut first, &mut second] {
        tokio::time::timeout(Duration::from_secs(30), lines.read_line(line))
            .await
            .expect("the pairing link in time")
            .expect("read");
    }
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no link in {first:?}"))
        .to_string();
    let check = second
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .find(|w| {
            w.len() == 9
                && w.as_bytes()[4] == b'-'
                && w.chars()
                    .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase())
        })
        .unwrap_or_else(|| panic!("no check code in {second:?}"))
        .to_string();
    (url, check, lines)
}

pub fn signal(pid: u32, sig: &str) {
    std::process::Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(pid.to_string())
        .status()
        .expect("kill");
}

pub fn ledger_count(db: &Path, state: &str) -> i64 {
    let c = rusqlite::Connection::open(db).expect("ledger");
    c.query_row(
        "SELECT COUNT(*) FROM takes WHERE state = ?1",
        [state],
        |r| r.get(0),
    )
    .expect("count")
}

/// SIGKILL at a moment when no create is on the wire: freeze the process, look at the
/// ledger, and kill only if no take is Submitting (a kill during a send rightly leaves the
/// take Uncertain, which is tested on its own). Returns how many freezes it took.
pub async fn kill_between_sends(child: &mut Child, db: &Path) -> u32 {
    let pid = child.id().expect("pid");
    for attempt in 1..=500 {
        signal(pid, "STOP");
        if ledger_count(db, "submitting") == 0 {
            child.kill().await.expect("SIGKILL");
            return attempt;
        }
        signal(pid, "CONT");
        tokio::time::sleep(Duration::from_millis(3)).await;
    }
    panic!("a create was always on the wire");
}

pub fn state_is(v: &serde_json::Value, state: &str) -> bool {
    v["event"] == "take" && v["state"] == state
}

/// Every file under `dir`.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out
}
