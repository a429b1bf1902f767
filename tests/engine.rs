//! The engine against the simulator over HTTP: lanes, ownership, faults, quota, policy.

mod common;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use common::*;
use flowdeck::engine::{BatchCounts, Engine, EngineConfig, Event, LaneHealth, LaneSpec};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene, TakeState};
use flowdeck::provider::Client;
use flowdeck::provider::flow::WireGeneration;
use flowdeck::sim::{Faults, RunningSim};
use flowdeck::store::ledger::Ledger;
use tokio::sync::mpsc::UnboundedReceiver;

fn fast() -> EngineConfig {
    EngineConfig {
        submit_spacing: Duration::from_millis(20),
        poll_interval: Duration::from_millis(100),
        max_downloads: 4,
        deadline: Duration::from_secs(60),
    }
}

fn lanes(sim: &RunningSim, concurrency: usize) -> Vec<LaneSpec> {
    (0..sim.accounts().len())
        .map(|i| LaneSpec {
            name: sim.accounts()[i].name.clone(),
            client: Arc::new(Client::Flow(client(sim, i))),
            concurrency,
        })
        .collect()
}

fn batch(out: PathBuf, prompts: &[String], copies: u8) -> BatchSpec {
    BatchSpec {
        label: "test".into(),
        scenes: prompts
            .iter()
            .map(|p| Scene::new(p.clone(), Model::Veo31Fast, Aspect::Landscape, copies))
            .collect(),
        out_dir: out,
        template: "{batch}/{scene:03}_{slug}_{take}.mp4".into(),
        accounts: Vec::new(),
        mode: Mode::Parallel,
    }
}

/// Collects events until the batch finishes (or 60 s pass).
async fn until_finished(events: &mut UnboundedReceiver<Event>) -> (BatchCounts, Vec<Event>) {
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let e = tokio::time::timeout_at(deadline, events.recv())
            .await
            .expect("the batch finished in time")
            .expect("events flow");
        if let Event::BatchFinished { counts, .. } = &e {
            let c = counts.clone();
            seen.push(e);
            return (c, seen);
        }
        seen.push(e);
    }
}

/// Every Done take is on disk, byte-identical to what the simulator served, with a sidecar.
async fn check_files(sim: &RunningSim, ledger: &Ledger, batch: i64) -> usize {
    let takes = ledger.batch_takes(batch).await.expect("takes");
    let mut paths = HashSet::new();
    let mut done = 0;
    for t in takes.iter().filter(|t| t.state == TakeState::Done) {
        let remote: serde_json::Value =
            serde_json::from_str(t.remote.as_deref().expect("remote")).expect("json");
        let media = remote["name"]
            .as_str()
            .or(remote["operation"].as_str())
            .expect("remote id");
        let path = t.path.clone().expect("path");
        assert!(paths.insert(path.clone()), "two takes share {path:?}");
        assert_same_bytes(sim, media, &path);
        let sidecar = std::fs::read_to_string(path.with_extension("json")).expect("sidecar");
        assert!(sidecar.contains(&t.prompt));
        for secret in sim.accounts().iter().map(|a| a.secret.expose().to_string()) {
            assert!(!sidecar.contains(&secret));
        }
        assert!(!sidecar.contains("ya29"));
        assert_eq!(
            t.sha256.as_deref(),
            Some(
                flowdeck::engine::sha256(&path)
                    .await
                    .expect("hash")
                    .as_str()
            )
        );
        done += 1;
    }
    done
}

async fn run_batch(
    sim: &RunningSim,
    cfg: EngineConfig,
    concurrency: usize,
    prompts: &[String],
    copies: u8,
) -> (Ledger, i64, BatchCounts, Vec<Event>) {
    let dir = temp_dir("engine");
    let ledger = Ledger::open(&dir.join("ledger.sqlite3")).expect("ledger");
    let (engine, mut events) = Engine::start(cfg, ledger.clone(), lanes(sim, concurrency))
        .await
        .expect("engine");
    let batch = engine
        .submit(batch(dir.join("out"), prompts, copies))
        .await
        .expect("submit");
    let (counts, seen) = until_finished(&mut events).await;
    engine.shutdown();
    (ledger, batch, counts, seen)
}

fn prompts(n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| format!("scene number {i}: a quiet harbour at dawn"))
        .collect()
}

async fn assert_each_created_once(sim: &RunningSim, ledger: &Ledger, copies: usize) {
    let report = sim.report();
    assert!(
        report.ownership_violations.is_empty(),
        "{:?}",
        report.ownership_violations
    );
    assert!(
        report.credential_leaks.is_empty(),
        "{:?}",
        report.credential_leaks
    );
    assert!(
        report.duplicated_prompts(copies).is_empty(),
        "paid twice: {:?}",
        report.duplicated_prompts(copies)
    );
    for (take, n) in ledger.created_counts().await.expect("counts") {
        assert_eq!(n, 1, "take {take} was sent {n} times");
    }
}

#[tokio::test]
async fn three_accounts_twelve_scenes_two_copies_all_on_disk() {
    let sim = sim(WireGeneration::Current, |_| {}).await;
    let (ledger, batch, counts, events) = run_batch(&sim, fast(), 4, &prompts(12), 2).await;
    assert_eq!(
        counts,
        BatchCounts {
            done: 24,
            ..BatchCounts::default()
        }
    );
    assert_eq!(check_files(&sim, &ledger, batch).await, 24);
    assert_eq!(sim.report().videos_created(), 24);
    assert_each_created_once(&sim, &ledger, 2).await;
    // All three accounts worked, each polling in batches.
    let report = sim.report();
    for a in &report.accounts {
        assert!(a.videos_created > 0, "{} did nothing", a.name);
        assert!(
            a.polled_media > a.polls,
            "{} never polled more than one video per call",
            a.name
        );
    }
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Lane { in_flight, .. } if *in_flight > 0))
    );
}

#[tokio::test]
async fn download_progress_is_reported_and_throttled() {
    let sim = sim(WireGeneration::Current, |c| {
        c.accounts = vec!["solo".into()];
        c.video_bytes = Some(40 << 20);
    })
    .await;
    let started = std::time::Instant::now();
    let (_, _, counts, events) = run_batch(&sim, fast(), 2, &prompts(1), 2).await;
    let elapsed = started.elapsed().as_secs_f64();
    assert_eq!(counts.done, 2);
    let progress: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::Progress { takes, .. } => Some(takes.clone()),
            _ => None,
        })
        .collect();
    assert!(!progress.is_empty(), "no progress events");
    // At most ~10 a second for the one lane.
    assert!(
        (progress.len() as f64) <= elapsed * 10.0 + 2.0,
        "{} events in {elapsed:.1} s",
        progress.len()
    );
    assert!(
        progress
            .iter()
            .flatten()
            .any(|(_, done, total)| *total == Some(40 << 20) && *done < 40 << 20)
    );
}

#[tokio::test]
async fn the_same_batch_with_every_fault_on() {
    let sim = sim(WireGeneration::Current, |c| {
        c.faults = Faults {
            slow: 0.0,
            ..Faults::chaos()
        };
        c.token_ttl = Duration::from_millis(1000);
        c.generation_time = Duration::from_millis(1500);
        c.video_bytes = Some(600_000);
    })
    .await;
    let (ledger, batch, counts, _) = run_batch(&sim, fast(), 4, &prompts(12), 2).await;
    assert_eq!(
        counts,
        BatchCounts {
            done: 24,
            ..BatchCounts::default()
        }
    );
    assert_eq!(check_files(&sim, &ledger, batch).await, 24);
    assert_each_created_once(&sim, &ledger, 2).await;
    let f = sim.report().faults;
    assert!(
        f.poll_5xx > 0 && f.create_429 > 0 && f.cut_downloads > 0,
        "faults were not exercised: {f:?}"
    );
    let exchanges: u64 = sim
        .report()
        .accounts
        .iter()
        .map(|a| a.session_exchanges)
        .sum();
    assert!(exchanges > 6, "tokens were renewed only {exchanges} times");
}

#[tokio::test]
async fn the_legacy_generation_runs_end_to_end() {
    let sim = sim(WireGeneration::Legacy, |_| {}).await;
    let (ledger, batch, counts, _) = run_batch(&sim, fast(), 2, &prompts(4), 2).await;
    assert_eq!(counts.done, 8);
    assert_eq!(check_files(&sim, &ledger, batch).await, 8);
    assert_each_created_once(&sim, &ledger, 2).await;
}

#[tokio::test]
async fn quota_on_one_account_moves_its_work_to_the_others() {
    let sim = sim(WireGeneration::Current, |_| {}).await;
    // alice can pay for one create of two videos, then runs out.
    sim.set_credits("alice", 40);
    let (ledger, batch, counts, events) = run_batch(&sim, fast(), 4, &prompts(10), 2).await;
    assert_eq!(counts.done, 20);
    assert_eq!(check_files(&sim, &ledger, batch).await, 20);
    assert_each_created_once(&sim, &ledger, 2).await;
    assert!(events.iter().any(|e| matches!(e,
        Event::Lane { account, health: LaneHealth::OutOfCredits { .. }, .. } if account == "alice")));
    let alice = sim.report().account("alice").cloned().expect("alice");
    assert!(alice.videos_created <= 2);
}

#[tokio::test]
async fn a_policy_rejection_fails_only_its_take() {
    let sim = sim(WireGeneration::Current, |_| {}).await;
    let mut p = prompts(6);
    p[2] = "a scene that is #unsafe to make".into();
    p[4] = "a scene that is #blocked at submit".into();
    let (ledger, batch, counts, events) = run_batch(&sim, fast(), 4, &p, 1).await;
    assert_eq!((counts.done, counts.failed), (4, 2));
    check_files(&sim, &ledger, batch).await;
    let failed: Vec<_> = ledger
        .batch_takes(batch)
        .await
        .expect("takes")
        .into_iter()
        .filter(|t| t.state == TakeState::Failed)
        .collect();
    for t in &failed {
        assert_eq!(t.error_class.as_deref(), Some("policy"));
        assert!(
            t.error
                .as_deref()
                .is_some_and(|e| e.contains("PUBLIC_ERROR_UNSAFE_GENERATION"))
        );
    }
    // The lanes went on: no lane was paused.
    assert!(!events.iter().any(|e| matches!(
        e,
        Event::Lane {
            health: LaneHealth::Paused { .. },
            ..
        }
    )));
}

async fn start(
    sim: &RunningSim,
    cfg: EngineConfig,
    lanes: Vec<LaneSpec>,
) -> (Engine, UnboundedReceiver<Event>, Ledger, PathBuf) {
    let dir = temp_dir("engine");
    let ledger = Ledger::open(&dir.join("ledger.sqlite3")).expect("ledger");
    let (engine, events) = Engine::start(cfg, ledger.clone(), lanes)
        .await
        .expect("engine");
    let _ = sim;
    (engine, events, ledger, dir.join("out"))
}

#[tokio::test]
async fn sequential_mode_runs_one_take_at_a_time_in_order() {
    let sim = sim(WireGeneration::Current, |_| {}).await;
    let (engine, mut events, _ledger, out) = start(&sim, fast(), lanes(&sim, 4)).await;
    let mut spec = batch(out, &prompts(4), 1);
    spec.mode = Mode::Sequential;
    engine.submit(spec).await.expect("submit");
    let (counts, seen) = until_finished(&mut events).await;
    assert_eq!(counts.done, 4);
    let mut generating = HashSet::new();
    let mut order = Vec::new();
    for e in &seen {
        if let Event::Take(u) = e {
            match u.state {
                TakeState::Submitting => {
                    assert!(
                        generating.is_empty(),
                        "a second take was sent while one was generating"
                    );
                    order.push(u.scene);
                }
                TakeState::Generating => {
                    generating.insert(u.take);
                }
                TakeState::Ready | TakeState::Failed => {
                    generating.remove(&u.take);
                }
                _ => {}
            }
        }
    }
    assert_eq!(order, [1, 2, 3, 4]);
}

#[tokio::test]
async fn a_take_past_its_deadline_is_kept_and_can_be_checked_again() {
    let sim = sim(WireGeneration::Current, |c| {
        c.generation_time = Duration::from_millis(1500)
    })
    .await;
    let cfg = EngineConfig {
        deadline: Duration::from_millis(400),
        ..fast()
    };
    let (engine, mut events, ledger, out) = start(&sim, cfg, lanes(&sim, 2)).await;
    let batch_id = engine
        .submit(batch(out, &prompts(1), 1))
        .await
        .expect("submit");
    let (counts, _) = until_finished(&mut events).await;
    assert_eq!(counts.timed_out, 1);
    let take = ledger.batch_takes(batch_id).await.expect("takes")[0].clone();
    assert_eq!(take.state, TakeState::TimedOut);
    assert!(take.remote.is_some(), "the remote id is kept");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let again = engine.retry(take.id).await.expect("re-check");
    assert_eq!(
        again, take.id,
        "a re-check is the same take, not a new submit"
    );
    let (counts, _) = until_finished(&mut events).await;
    assert_eq!(counts.done, 1);
    assert_eq!(sim.report().videos_created(), 1);
}

#[tokio::test]
async fn a_signed_out_account_pauses_alone_and_resumes_after_signing_in_again() {
    let sim = sim(WireGeneration::Current, |c| {
        c.generation_time = Duration::from_millis(800)
    })
    .await;
    let (engine, mut events, ledger, out) = start(&sim, fast(), lanes(&sim, 2)).await;
    let batch_id = engine
        .submit(batch(out, &prompts(9), 1))
        .await
        .expect("submit");
    // Wait until bob has something generating, then kill his session.
    loop {
        let e = events.recv().await.expect("events");
        if matches!(&e, Event::Take(u) if u.state == TakeState::Generating && u.account.as_deref() == Some("bob"))
        {
            break;
        }
    }
    sim.revoke_session("bob");
    let mut signed_out = false;
    let mut others_done = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !(signed_out && others_done >= 3) {
        let e = tokio::time::timeout_at(deadline, events.recv())
            .await
            .expect("in time")
            .expect("events");
        match &e {
            Event::Lane {
                account,
                health: LaneHealth::NeedsSignIn { reason },
                ..
            } if account == "bob" => {
                assert!(
                    reason.contains("sign in") || reason.contains("ACCESS_TOKEN_REFRESH_NEEDED"),
                    "{reason}"
                );
                signed_out = true;
            }
            Event::Take(u) if u.state == TakeState::Done && u.account.as_deref() != Some("bob") => {
                others_done += 1
            }
            _ => {}
        }
    }
    // Bob's videos wait for him; sign in again with a new cookie.
    let cookie = sim.renew_session("bob").expect("renewed");
    let b = &sim.accounts()[1];
    let client = flowdeck::provider::flow::FlowClient::new(
        flow_config(&sim),
        flowdeck::provider::flow::FlowCredential::SessionCookie(cookie),
        Some(b.project_id.clone()),
    )
    .expect("client");
    engine
        .replace_client("bob".into(), Arc::new(Client::Flow(client)))
        .expect("replace");
    let (counts, _) = until_finished(&mut events).await;
    assert_eq!(counts.done, 9);
    assert_eq!(check_files(&sim, &ledger, batch_id).await, 9);
    assert_each_created_once(&sim, &ledger, 1).await;
}

#[tokio::test]
async fn a_captcha_failure_pauses_only_that_account() {
    let sim = sim(WireGeneration::Current, |c| c.require_captcha = true).await;
    let good = "printf 'tok-'; od -An -N8 -tx8 /dev/urandom | tr -d ' '";
    let mut specs = Vec::new();
    for (i, cmd) in [(0, good), (1, "echo broken >&2; exit 1"), (2, good)] {
        let cfg = flowdeck::provider::flow::FlowConfig {
            captcha_command: Some(cmd.into()),
            ..flow_config(&sim)
        };
        specs.push(LaneSpec {
            name: sim.accounts()[i].name.clone(),
            client: Arc::new(Client::Flow(client_with(&sim, i, cfg))),
            concurrency: 2,
        });
    }
    let (engine, mut events, ledger, out) = start(&sim, fast(), specs).await;
    let batch_id = engine
        .submit(batch(out, &prompts(6), 1))
        .await
        .expect("submit");
    let (counts, seen) = until_finished(&mut events).await;
    assert_eq!(counts.done, 6);
    assert!(seen.iter().any(|e| matches!(e,
        Event::Lane { account, health: LaneHealth::Paused { reason }, .. } if account == "bob" && reason.contains("captcha"))));
    assert_eq!(sim.report().account("bob").expect("bob").videos_created, 0);
    assert_each_created_once(&sim, &ledger, 1).await;
    check_files(&sim, &ledger, batch_id).await;
}

#[tokio::test]
async fn cancel_stops_dealing_and_retry_submits_a_failed_take_again() {
    let sim = sim(WireGeneration::Current, |_| {}).await;
    let cfg = EngineConfig {
        submit_spacing: Duration::from_millis(300),
        ..fast()
    };
    let (engine, mut events, ledger, out) = start(&sim, cfg, lanes(&sim, 1)).await;
    let batch_id = engine
        .submit(batch(out.clone(), &prompts(12), 1))
        .await
        .expect("submit");
    loop {
        if let Some(Event::Take(u)) = events.recv().await
            && u.state == TakeState::Generating
        {
            break;
        }
    }
    engine.cancel(batch_id).expect("cancel");
    let (counts, _) = until_finished(&mut events).await;
    assert!(counts.canceled > 0, "{counts:?}");
    assert_eq!(counts.done + counts.canceled, 12, "{counts:?}");
    assert_eq!(
        check_files(&sim, &ledger, batch_id).await as u32,
        counts.done,
        "in-flight videos still came home"
    );
    assert_eq!(sim.report().videos_created() as u32, counts.done);

    let mut p = prompts(2);
    p[1] = "#unsafe one".into();
    let b2 = engine.submit(batch(out, &p, 1)).await.expect("submit");
    let (counts, _) = until_finished(&mut events).await;
    assert_eq!(counts.failed, 1);
    assert_eq!(engine.retry_failed(b2).await.expect("retry"), 1);
    let (counts, _) = until_finished(&mut events).await;
    // It fails again (the prompt is still refused), but it was a new, deliberate submit.
    assert_eq!((counts.done, counts.failed), (1, 1));
    assert_eq!(
        sim.report()
            .media
            .iter()
            .filter(|m| m.prompt == "#unsafe one")
            .count(),
        2
    );
}

#[tokio::test]
async fn a_mixed_batch_over_flow_and_gemini_accounts_with_faults() {
    let sim = sim(WireGeneration::Current, |c| {
        c.accounts = vec!["f1".into(), "f2".into()];
        c.gemini_accounts = vec!["g1".into(), "g2".into()];
        c.faults = Faults {
            slow: 0.0,
            ..Faults::chaos()
        };
        c.token_ttl = Duration::from_millis(1000);
        c.generation_time = Duration::from_millis(800);
        c.video_bytes = Some(400_000);
    })
    .await;
    let mut specs = lanes_flow(&sim, &[0, 1], 3);
    for i in [2, 3] {
        let config = flowdeck::provider::gemini::GeminiConfig {
            api_url: sim.api_url(),
            ..Default::default()
        };
        let client =
            flowdeck::provider::gemini::GeminiClient::new(config, sim.accounts()[i].secret.clone())
                .expect("client");
        specs.push(LaneSpec {
            name: sim.accounts()[i].name.clone(),
            client: Arc::new(Client::Gemini(client)),
            concurrency: 3,
        });
    }
    let (engine, mut events, ledger, out) = start(&sim, fast(), specs).await;
    let batch_id = engine
        .submit(batch(out, &prompts(10), 2))
        .await
        .expect("submit");
    let (counts, _) = until_finished(&mut events).await;
    assert_eq!(
        counts,
        BatchCounts {
            done: 20,
            ..BatchCounts::default()
        }
    );
    assert_eq!(check_files(&sim, &ledger, batch_id).await, 20);
    assert_each_created_once(&sim, &ledger, 2).await;
    let report = sim.report();
    for name in ["f1", "f2", "g1", "g2"] {
        assert!(
            report.account(name).expect("account").videos_created > 0,
            "{name} made nothing"
        );
    }
    assert_eq!(report.videos_created(), 20);
    let f = report.faults;
    assert!(
        f.poll_5xx > 0 && f.cut_downloads > 0,
        "faults were not exercised: {f:?}"
    );
}

fn lanes_flow(sim: &RunningSim, which: &[usize], concurrency: usize) -> Vec<LaneSpec> {
    which
        .iter()
        .map(|&i| LaneSpec {
            name: sim.accounts()[i].name.clone(),
            client: Arc::new(Client::Flow(client(sim, i))),
            concurrency,
        })
        .collect()
}
