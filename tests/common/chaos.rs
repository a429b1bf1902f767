//! One chaos round: a batch run by the `flowdeck` binary with every simulator fault on,
//! killed with SIGKILL at random moments and resumed until it finishes; then every loss,
//! duplicate and corrupt file is counted. Shared by the CI test and the benchmark.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use flowdeck::sim::{Faults, RunningSim, SimConfig};
use flowdeck::store::ledger::Ledger;
use sha2::{Digest, Sha256};

use super::child::{self, command, output, setup};

#[derive(Debug, Default, Clone)]
pub struct Outcome {
    pub takes: usize,
    pub done: usize,
    /// Takes not on disk at the end (paid for and not brought home, or never made).
    pub lost: usize,
    /// Takes made more than once (from the simulator's own count).
    pub submitted_twice: usize,
    /// Files whose bytes differ from what the simulator served.
    pub corrupt: usize,
    pub kills: u32,
    pub resumes: u32,
    pub wall: Duration,
    pub leftovers: usize,
    pub violations: usize,
    pub leaks: usize,
    /// Takes left Uncertain whose create never arrived, sent again by an explicit retry.
    pub uncertain_retried: usize,
}

pub struct Round {
    pub scenes: usize,
    pub copies: u8,
    pub kills: u32,
    pub faults: bool,
    pub seed: u64,
}

pub fn faults() -> Faults {
    Faults {
        slow_ms: 200,
        ..Faults::chaos()
    }
}

/// Awaits `work` until `deadline`; past it, fails with every unfinished take's state (the
/// child is killed when its future is dropped).
pub async fn within<T>(
    deadline: Instant,
    db: &std::path::Path,
    work: impl std::future::Future<Output = T>,
) -> T {
    match tokio::time::timeout_at(deadline.into(), work).await {
        Ok(v) => v,
        Err(_) => panic!(
            "the round did not finish in time; unfinished takes:\n{}",
            unfinished(db)
        ),
    }
}

/// Every take not on disk: id, state, account and last error, a line each.
pub fn unfinished(db: &std::path::Path) -> String {
    let Ok(c) = rusqlite::Connection::open(db) else {
        return "(no ledger)".into();
    };
    let Ok(mut q) = c.prepare(
        "SELECT id, state, COALESCE(account, '-'), COALESCE(error, '') FROM takes WHERE state != 'done' ORDER BY id",
    ) else {
        return "(the ledger cannot be read)".into();
    };
    let rows = q.query_map([], |r| {
        Ok(format!(
            "  take {}: {} on {} {}",
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?
        ))
    });
    rows.map(|rows| rows.flatten().collect::<Vec<_>>().join("\n"))
        .unwrap_or_default()
}

/// Runs one round with the binary at `bin`, in a fresh folder under `dir`.
pub async fn round(bin: &str, dir: PathBuf, r: &Round) -> Outcome {
    let mut rng = fastrand::Rng::with_seed(r.seed);
    let sim = RunningSim::start(SimConfig {
        accounts: vec!["f1".into(), "f2".into()],
        gemini_accounts: vec!["g1".into()],
        generation_time: Duration::from_millis(1200),
        video_bytes: Some(1 << 20),
        faults: if r.faults {
            faults()
        } else {
            Faults::default()
        },
        seed: r.seed,
        ..SimConfig::default()
    })
    .await
    .expect("simulator");
    let s = setup(&sim, dir, "max_downloads = 3");
    let prompts: String = (1..=r.scenes)
        .map(|i| format!("chaos scene {i}: a harbour at dawn\n"))
        .collect();
    let file = s.dir.join("scenes.txt");
    std::fs::write(&file, prompts).expect("prompts");
    let out = s.dir.join("out");
    let db = s.ledger();
    let started = Instant::now();
    // A round that has not finished by then has hung: it fails, saying what each unfinished
    // take was doing, instead of waiting until CI kills it.
    let deadline = started + Duration::from_secs(60 + 10 * r.scenes as u64 * u64::from(r.copies));
    let mut outcome = Outcome::default();
    let copies = r.copies.to_string();
    let run_args = [
        "run",
        file.to_str().expect("utf8"),
        "--out",
        out.to_str().expect("utf8"),
        "--copies",
        &copies,
        "--json",
    ];
    let mut first = true;
    for _ in 0..r.kills {
        let args: Vec<&str> = if first {
            run_args.to_vec()
        } else {
            vec!["resume", "--json"]
        };
        let mut child = command(bin, &s, &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Wait until the batch exists, then a random moment.
        assert!(
            child::follow(&mut child, |v| v["event"] == "batch").await,
            "the run never started"
        );
        tokio::time::sleep(Duration::from_millis(rng.u64(100..1500))).await;
        if child.try_wait().ok().flatten().is_none() && db.exists() {
            child::kill_between_sends(&mut child, &db).await;
            outcome.kills += 1;
        }
        first = false;
        outcome.resumes += 1;
    }
    // Then resume until it is all done (faults can need more than one pass).
    for _ in 0..6 {
        let args: Vec<&str> = if first {
            run_args.to_vec()
        } else {
            vec!["resume"]
        };
        first = false;
        let (code, _, _) = within(deadline, &db, output(command(bin, &s, &args))).await;
        outcome.resumes += 1;
        if code == 0 {
            break;
        }
    }
    let ledger = Ledger::open(&db).expect("ledger");
    // Takes left Uncertain by a kill inside the ledger's commit of "Submitting": if the
    // simulator never made them, nothing was paid and the user's explicit retry sends them
    // once; if it did, a paid video was lost (counted below).
    let uncertain: Vec<_> = ledger
        .batch_takes(1)
        .await
        .expect("takes")
        .into_iter()
        .filter(|t| t.state == flowdeck::model::TakeState::Uncertain)
        .collect();
    if !uncertain.is_empty() {
        let report = sim.report();
        let never_made: Vec<String> = uncertain
            .iter()
            .filter(|t| {
                report.media.iter().filter(|m| m.prompt == t.prompt).count() < usize::from(r.copies)
            })
            .map(|t| t.id.to_string())
            .collect();
        outcome.uncertain_retried = never_made.len();
        if !never_made.is_empty() {
            let mut args = vec!["retry"];
            args.extend(never_made.iter().map(String::as_str));
            within(deadline, &db, output(command(bin, &s, &args))).await;
        }
    }
    outcome.wall = started.elapsed();
    let takes = ledger.current_takes(1).await.expect("takes");
    outcome.takes = takes.len();
    for t in &takes {
        let Some(path) = t
            .path
            .as_ref()
            .filter(|_| t.state == flowdeck::model::TakeState::Done)
        else {
            outcome.lost += 1;
            continue;
        };
        outcome.done += 1;
        let remote = serde_json::to_value(&t.remote).unwrap_or_default();
        let expected = sim.expected_video(&media_key(&remote)).map(|v| v.to_vec());
        let got = std::fs::read(path).ok();
        let sha = got.as_ref().map(|b| hex::encode(Sha256::digest(b)));
        if expected.is_none() || got != expected || sha != t.sha256 {
            outcome.corrupt += 1;
        }
    }
    let report = sim.report();
    let mut made = std::collections::BTreeMap::<&str, usize>::new();
    for m in &report.media {
        *made.entry(m.prompt.as_str()).or_default() += 1;
    }
    outcome.submitted_twice = made
        .values()
        .map(|n| n.saturating_sub(usize::from(r.copies)))
        .sum();
    outcome.violations = report.ownership_violations.len();
    outcome.leaks = report.credential_leaks.len();
    outcome.leftovers = child::walk(&out)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "part"))
        .count();
    outcome
}

/// The simulator's key for a take's video, from the take's remote id (Flow media, a Gemini
/// operation or interaction, a Vertex operation's sample).
pub fn media_key(remote: &serde_json::Value) -> String {
    if let (Some(op), Some(i)) = (remote["operation"].as_str(), remote["sample"].as_u64()) {
        return format!("{op}#{i}");
    }
    remote["name"]
        .as_str()
        .or(remote["operation"].as_str())
        .or(remote["interaction"].as_str())
        .unwrap_or_default()
        .to_string()
}
