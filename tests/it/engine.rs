//! The engine against the simulator, Flow accounts through the bridge and stand-in
//! extensions: lanes, ownership, faults, lost answers found again, quota, policy, holds,
//! browsers that come and go.

use crate::kit;
use flowdeck::words::Said;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use flowdeck::engine::{BatchCounts, Engine, EngineConfig, Event, LaneHealth, LaneSpec};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Resolution, Scene, TakeState};
use flowdeck::provider::Client;
use flowdeck::sim::{Faults, RunningSim};
use flowdeck::store::ledger::Ledger;
use kit::engine::{
    all_done, fast, flow_lane, gemini_lane, start, submit_and_wait, until_finished, wait_for,
};
use kit::*;
use tokio::sync::mpsc::UnboundedReceiver;

fn lanes(sim: &RunningSim, b: &Browsers, concurrency: usize) -> Vec<LaneSpec> {
    lanes_flow(
        sim,
        b,
        &(0..b.secrets.len()).collect::<Vec<_>>(),
        concurrency,
    )
}

fn lanes_flow(
    sim: &RunningSim,
    b: &Browsers,
    which: &[usize],
    concurrency: usize,
) -> Vec<LaneSpec> {
    which
        .iter()
        .map(|&i| flow_lane(sim, b, i, concurrency))
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
        caps: Default::default(),
    }
}

/// Every Done take is on disk, byte-identical to what the simulator served, with a sidecar.
async fn check_files(sim: &RunningSim, ledger: &Ledger, batch: i64) -> usize {
    let takes = ledger.batch_takes(batch).await.expect("takes");
    let mut paths = HashSet::new();
    let mut done = 0;
    for t in takes.iter().filter(|t| t.state == TakeState::Done) {
        let remote = serde_json::to_value(t.remote.as_ref().expect("remote")).expect("json");
        let media = media_key(&remote);
        let path = t.path.clone().expect("path");
        assert!(paths.insert(path.clone()), "two takes share {path:?}");
        assert_same_bytes(sim, &media, &path);
        let sidecar = std::fs::read_to_string(path.with_extension("json")).expect("sidecar");
        assert!(sidecar.contains(&t.prompt));
        let fields: serde_json::Value = serde_json::from_str(&sidecar).expect("sidecar json");
        assert!(
            fields["submitted_at"]
                .as_str()
                .is_some_and(|s| s.len() >= 20),
            "{sidecar}"
        );
        for secret in sim.accounts().iter().map(|a| a.secret.expose().to_string()) {
            assert!(!sidecar.contains(&secret));
        }

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
    let b = Browsers::start(sim).await;
    let (engine, mut events, ledger, out) = start(cfg, lanes(sim, &b, concurrency)).await;
    let (batch, counts, seen) =
        submit_and_wait(&engine, &mut events, batch(out, prompts, copies)).await;
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
    assert_clean(&report);
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
    let sim = sim(|_| {}).await;
    let (ledger, batch, counts, events) = run_batch(&sim, fast(), 4, &prompts(12), 2).await;
    assert_eq!(counts, all_done(24));
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
        assert_eq!(
            a.captcha_mints, a.create_calls,
            "{}: one token per create",
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
    let sim = sim(|c| {
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
    let sim = sim(|c| {
        // Every kind is asserted below: each is forced on its first calls, then kept at a
        // rate that does not chain throttles (each one in a row doubles the account's
        // cool-down from 5 s; at 45 % a run once cooled every account past the 90 s limit).
        c.faults = Faults {
            slow: 0.0,
            lost_answer: 0.2,
            lost_first: 2,
            create_429: 0.1,
            throttle_first: 2,
            quiet_cut: 0.25,
            cut_first: 2,
            quiet_first: 1,
            ..Faults::chaos()
        };
        c.generation_time = Duration::from_millis(1500);
        c.video_bytes = Some(600_000);
    })
    .await;
    let (ledger, batch, counts, events) = run_batch(&sim, fast(), 4, &prompts(12), 2).await;
    assert_eq!(counts, all_done(24));
    assert_eq!(check_files(&sim, &ledger, batch).await, 24);
    assert_each_created_once(&sim, &ledger, 2).await;
    let f = sim.report().faults;
    assert!(
        f.poll_5xx > 0
            && f.create_429 > 0
            && f.cut_downloads > 0
            && f.quiet_cuts > 0
            && f.lost_answers > 0,
        "faults were not exercised: {f:?}"
    );
    // Every lost answer was found again in its account's listing, none made twice.
    let found: u32 = events
        .iter()
        .map(|e| match e {
            Event::Reconciled { found, .. } => *found,
            _ => 0,
        })
        .sum();
    assert!(found > 0, "lost answers were not looked up");
    assert_eq!(sim.report().videos_created(), 24);
}

#[tokio::test]
async fn quota_on_one_account_moves_its_work_to_the_others() {
    let sim = sim(|_| {}).await;
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
async fn a_refusal_fails_only_its_take() {
    let sim = sim(|_| {}).await;
    let mut p = prompts(6);
    p[2] = "a scene that is #unsafe to make".into();
    p[4] = "a scene that is #blocked at submit".into();
    let (ledger, batch, counts, events) = run_batch(&sim, fast(), 4, &p, 1).await;
    assert_eq!((counts.done, counts.failed), (4, 2));
    check_files(&sim, &ledger, batch).await;
    let takes = ledger.batch_takes(batch).await.expect("takes");
    let failed_with = |prompt: &str, class: &str, words: &str| {
        let t = takes.iter().find(|t| t.prompt == prompt).expect("take");
        assert_eq!(t.error_class.as_deref(), Some(class));
        assert!(
            t.error
                .as_ref()
                .map(|m| m.said())
                .as_deref()
                .is_some_and(|e| e.contains(words)),
            "{t:?}"
        );
    };
    failed_with(&p[2], "policy", "PUBLIC_ERROR_UNSAFE_GENERATION");
    failed_with(&p[4], "invalid", "safety filter");
    // The lanes went on: no lane was paused.
    assert!(!any_lane_paused(&events));
}

/// Whether a lane was paused or held on the way.
fn any_lane_paused(events: &[Event]) -> bool {
    events.iter().any(|e| {
        matches!(
            e,
            Event::Lane {
                health: LaneHealth::Paused { .. } | LaneHealth::Held { .. },
                ..
            }
        )
    })
}

#[tokio::test]
async fn sequential_mode_runs_one_take_at_a_time_in_order() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let (engine, mut events, _ledger, out) = start(fast(), lanes(&sim, &b, 4)).await;
    let mut spec = batch(out, &prompts(4), 1);
    spec.mode = Mode::Sequential;
    let (_, counts, seen) = submit_and_wait(&engine, &mut events, spec).await;
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

/// "Run next" puts a waiting scene (all its copies) before the rest: the account makes it as
/// soon as it is free, and the others keep their order.
#[tokio::test]
async fn run_next_moves_a_waiting_scene_to_the_front() {
    let sim = sim(|c| c.generation_time = Duration::from_millis(1200)).await;
    let b = Browsers::start(&sim).await;
    // One account making one video at a time: the queue order is the making order.
    let (engine, mut events, ledger, out) = start(fast(), lanes_flow(&sim, &b, &[0], 1)).await;
    let batch_id = engine
        .submit(batch(out, &prompts(5), 2))
        .await
        .expect("submit");
    wait_for(
        &mut events,
        |e| matches!(e, Event::Take(u) if u.state == TakeState::Generating),
    )
    .await;
    let takes = ledger.batch_takes(batch_id).await.expect("takes");
    let of_scene = |n: u32| -> Vec<i64> {
        takes
            .iter()
            .filter(|t| t.scene_index == n)
            .map(|t| t.id)
            .collect()
    };
    let moved = engine.run_next(of_scene(4)[1]).await.expect("run next");
    assert_eq!(moved, of_scene(4), "both copies of scene 4 move");
    // A take that is already being made is not waiting: nothing moves.
    let first = of_scene(1)[0];
    assert_eq!(
        engine.run_next(first).await.expect("asked"),
        Vec::<i64>::new()
    );
    let (counts, seen) = until_finished(&mut events).await;
    assert_eq!(counts.done, 10);
    let mut order = Vec::new();
    for e in &seen {
        if let Event::Take(u) = e
            && u.state == TakeState::Submitting
            && order.last() != Some(&u.scene)
        {
            order.push(u.scene);
        }
    }
    // Scene 1's first copy was being made when asked (its Submitting came before `seen`); its
    // second copy was still waiting, so scene 4 goes before it too.
    assert_eq!(
        order,
        [4, 1, 2, 3, 5],
        "scene 4 next, then the rest in order"
    );
}

#[tokio::test]
async fn a_take_past_its_deadline_is_kept_and_can_be_checked_again() {
    let sim = sim(|c| c.generation_time = Duration::from_millis(1500)).await;
    let b = Browsers::start(&sim).await;
    let cfg = EngineConfig {
        deadline: Duration::from_millis(400),
        ..fast()
    };
    let (engine, mut events, ledger, out) = start(cfg, lanes(&sim, &b, 2)).await;
    let (batch_id, counts, _) =
        submit_and_wait(&engine, &mut events, batch(out, &prompts(1), 1)).await;
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
async fn a_signed_out_browser_pauses_its_account_alone_until_it_signs_in_again() {
    let sim = sim(|c| c.generation_time = Duration::from_millis(1200)).await;
    let b = Browsers::start(&sim).await;
    let (engine, mut events, ledger, out) = start(fast(), lanes(&sim, &b, 2)).await;
    let batch_id = engine
        .submit(batch(out, &prompts(9), 1))
        .await
        .expect("submit");
    // Wait until bob has something generating, then sign him out in his browser.
    wait_for(&mut events, |e| {
        matches!(e, Event::Take(u) if u.state == TakeState::Generating && u.account.as_deref() == Some("bob"))
    })
    .await;
    sim.sign_out("bob");
    wait_for(&mut events, |e| {
        matches!(e, Event::Lane { account, health: LaneHealth::NeedsSignIn { reason }, .. }
            if account == "bob" && reason.said().contains("sign in to Flow again"))
    })
    .await;
    // Bob's videos wait for him; he signs in again in that browser; flowdeck notices.
    sim.sign_in_again("bob");
    let (counts, _) = until_finished(&mut events).await;
    assert_eq!(counts.done, 9);
    assert_eq!(check_files(&sim, &ledger, batch_id).await, 9);
    assert_each_created_once(&sim, &ledger, 1).await;
}

#[tokio::test]
async fn unusual_activity_holds_the_account_until_the_user_resumes_it() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    // Only alice is dealt work at first; her first create is refused.
    sim.set_faults(Faults {
        refuse_token: 1.0,
        ..Faults::default()
    });
    let (engine, mut events, ledger, out) = start(fast(), lanes_flow(&sim, &b, &[0], 2)).await;
    let batch_id = engine
        .submit(batch(out, &prompts(2), 1))
        .await
        .expect("submit");
    wait_for(&mut events, |e| {
        matches!(e, Event::Lane { account, health: LaneHealth::Held { reason }, .. }
            if account == "alice" && reason.said().contains("unusual activity"))
    })
    .await;
    sim.set_faults(Faults::default());
    // Held: nothing more goes out for alice, whatever the wait.
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        sim.report().account("alice").expect("alice").create_calls,
        0
    );
    // Another account takes the work meanwhile; the refused take is made once.
    engine
        .add_lane(lanes_flow(&sim, &b, &[1], 2).remove(0))
        .expect("bob");
    let (counts, _) = until_finished(&mut events).await;
    assert_eq!(counts.done, 2);
    assert_eq!(sim.report().account("bob").expect("bob").videos_created, 2);
    assert_each_created_once(&sim, &ledger, 1).await;
    check_files(&sim, &ledger, batch_id).await;
    // The user resumes alice.
    engine.release("alice".into()).expect("release");
    wait_for(&mut events, |e| {
        matches!(e, Event::Lane { account, health: LaneHealth::Ready, .. } if account == "alice")
    })
    .await;
}

#[tokio::test]
async fn a_browser_that_is_not_connected_takes_no_work_until_it_is() {
    let sim = sim(|_| {}).await;
    let mut b = Browsers::start(&sim).await;
    // carol's browser is closed.
    b.standins.truncate(2);
    let mut carol = b.bridge.presence("carol");
    tokio::time::timeout(Duration::from_secs(5), carol.wait_for(|p| !p.connected))
        .await
        .expect("carol leaves")
        .expect("presence");
    let (engine, mut events, ledger, out) = start(fast(), lanes(&sim, &b, 2)).await;
    let (batch_id, counts, seen) =
        submit_and_wait(&engine, &mut events, batch(out, &prompts(6), 1)).await;
    assert_eq!(counts.done, 6);
    assert_eq!(
        sim.report().account("carol").expect("carol").create_calls,
        0
    );
    assert!(seen.iter().any(|e| matches!(e,
        Event::Lane { account, health: LaneHealth::WaitingForBrowser { .. }, .. } if account == "carol")));
    check_files(&sim, &ledger, batch_id).await;
    // carol's browser opens: her lane is ready again and takes work.
    let (_, secret) = b.secrets[2].clone();
    let _carol = flowdeck::sim::standin::StandIn::connect(
        &b.bridge.ws_url(),
        "carol",
        secret,
        sim.page("carol").expect("carol"),
    );
    ready_again_makes_a_video(&sim, &engine, &mut events, "carol").await;
}

/// Once `account`'s lane is ready again, a batch for it alone is made there.
async fn ready_again_makes_a_video(
    sim: &RunningSim,
    engine: &Engine,
    events: &mut UnboundedReceiver<Event>,
    account: &str,
) {
    wait_for(
        events,
        |e| matches!(e, Event::Lane { account: a, health: LaneHealth::Ready, .. } if a == account),
    )
    .await;
    let spec = BatchSpec {
        accounts: vec![account.into()],
        ..batch(temp_dir(account), &prompts(1), 1)
    };
    let (_, counts, _) = submit_and_wait(engine, events, spec).await;
    assert_eq!(counts.done, 1);
    let made = sim
        .report()
        .account(account)
        .expect("account")
        .videos_created;
    assert_eq!(made, 1);
}

/// Google sends bob's browser to "Confirm it's you": his lane says it needs him and gets no
/// work while the others finish the batch; once the check is cleared it comes back by itself.
#[tokio::test]
async fn an_account_google_wants_to_see_gets_no_work_until_its_page_is_normal() {
    let sim = sim(|_| {}).await;
    sim.challenge("bob");
    let b = Browsers::start(&sim).await;
    let (engine, mut events, ledger, out) = start(fast(), lanes(&sim, &b, 2)).await;
    let (batch_id, counts, seen) =
        submit_and_wait(&engine, &mut events, batch(out, &prompts(6), 1)).await;
    assert_eq!(counts.done, 6);
    assert!(seen.iter().any(|e| matches!(e,
        Event::Lane { account, health: LaneHealth::NeedsYou { reason }, .. }
            if account == "bob" && reason.said().contains("/about"))));
    assert!(
        !seen.iter().any(|e| matches!(e,
            Event::Take(u) if u.account.as_deref() == Some("bob"))),
        "no take was dealt to bob"
    );
    let bob = sim.report().account("bob").cloned().expect("bob");
    assert_eq!((bob.create_calls, bob.captcha_mints), (0, 0));
    check_files(&sim, &ledger, batch_id).await;
    assert_each_created_once(&sim, &ledger, 1).await;
    // bob finishes Google's check in his browser: the extension sees Flow normal again.
    sim.clear_challenge("bob");
    ready_again_makes_a_video(&sim, &engine, &mut events, "bob").await;
}

#[tokio::test]
async fn a_browser_signed_in_as_someone_else_gets_nothing_sent() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let mut specs = lanes_flow(&sim, &b, &[0], 2);
    let bob = &sim.accounts()[1];
    // The account expects another Google account than the one its browser is signed in to.
    let wrong = flowdeck::provider::flow::FlowClient::new(
        flow_config(&sim),
        Arc::new(b.bridge.link(&bob.name)),
        Some(bob.project_id.clone()),
        Some("studio@example.com".into()),
    )
    .expect("client");
    specs.push(LaneSpec {
        name: bob.name.clone(),
        client: Arc::new(Client::Flow(wrong)),
        concurrency: 2,
    });
    let (engine, mut events, ledger, out) = start(fast(), specs).await;
    let (_, counts, seen) = submit_and_wait(&engine, &mut events, batch(out, &prompts(4), 1)).await;
    assert_eq!(counts.done, 4);
    assert!(seen.iter().any(|e| matches!(e,
        Event::Lane { account, health: LaneHealth::WaitingForBrowser { reason }, .. }
            if account == "bob" && reason.said().contains("bob@sim.flowdeck.test") && reason.said().contains("studio@example.com"))));
    let bob = sim.report().account("bob").cloned().expect("bob");
    assert_eq!((bob.create_calls, bob.captcha_mints), (0, 0));
    assert_each_created_once(&sim, &ledger, 1).await;
}

#[tokio::test]
async fn a_crash_after_sending_is_reconciled_on_resume_without_paying_twice() {
    let sim = sim(|c| c.generation_time = Duration::from_millis(400)).await;
    let b = Browsers::start(&sim).await;
    let dir = temp_dir("crash");
    let ledger_path = dir.join("ledger.sqlite3");
    // Every answer is lost; flowdeck "crashes" (stops) before it looks the takes up.
    sim.set_faults(Faults {
        lost_answer: 1.0,
        ..Faults::default()
    });
    let slow_lookup = || {
        let mut specs = lanes_flow(&sim, &b, &[0], 4);
        let a = &sim.accounts()[0];
        specs[0].client = Arc::new(Client::Flow(b.client_with(
            &sim,
            0,
            flowdeck::provider::flow::FlowConfig {
                reconcile_after: Duration::from_secs(3600),
                ..flow_config(&sim)
            },
        )));
        let _ = a;
        specs
    };
    let ledger = Ledger::open(&ledger_path).expect("ledger");
    let (engine, mut events) = Engine::start(fast(), ledger, slow_lookup())
        .await
        .expect("engine");
    let batch_id = engine
        .submit(batch(dir.join("out"), &prompts(2), 2))
        .await
        .expect("submit");
    let mut uncertain = 0;
    while uncertain < 4 {
        if let Some(Event::Take(u)) = events.recv().await
            && u.state == TakeState::Uncertain
        {
            uncertain += 1;
        }
    }
    engine.shutdown();
    drop(events);
    sim.set_faults(Faults::default());
    assert_eq!(sim.report().videos_created(), 4, "made and charged once");

    // One more take is recorded as sent (with its request) but never reached Flow: the
    // listing proves it absent, so it is queued and made.
    let ledger = Ledger::open(&ledger_path).expect("ledger");
    let (b2, mut takes) = ledger
        .create_batch(batch(dir.join("out"), &["never sent".to_string()], 1))
        .await
        .expect("batch");
    let t = takes.remove(0);
    let request = flowdeck::provider::flow::RequestRef {
        project: sim.accounts()[0].project_id.clone(),
        u1: "00000000-0000-4000-8000-000000000001".into(),
        u2: "00000000-0000-4000-8000-000000000002".into(),
        batch: Some("00000000-0000-4000-8000-000000000003".into()),
        images: None,
    };
    for (to, change) in [
        (
            TakeState::Assigned,
            flowdeck::store::ledger::Change {
                account: Some("alice".into()),
                ..Default::default()
            },
        ),
        (
            TakeState::Submitting,
            flowdeck::store::ledger::Change {
                submitted: true,
                request: Some(request.to_token()),
                ..Default::default()
            },
        ),
    ] {
        ledger
            .transition(t.id, to, change)
            .await
            .expect("transition");
    }

    // The next start: resume looks them up in alice's project listing.
    let (engine, mut events) = Engine::start(fast(), ledger.clone(), lanes_flow(&sim, &b, &[0], 4))
        .await
        .expect("engine");
    let resumed = engine.resume().await.expect("resume");
    assert!(
        resumed.contains(&batch_id) && resumed.contains(&b2),
        "{resumed:?}"
    );
    let (mut found, mut absent) = (0, 0);
    let mut finished = HashSet::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while finished.len() < 2 {
        match tokio::time::timeout_at(deadline, events.recv())
            .await
            .expect("in time")
            .expect("events")
        {
            Event::Reconciled {
                found: f,
                absent: a,
                ..
            } => {
                found += f;
                absent += a;
            }
            Event::BatchFinished { batch, counts } => {
                assert_eq!(counts.uncertain + counts.failed, 0, "{counts:?}");
                finished.insert(batch);
            }
            _ => {}
        }
    }
    assert_eq!((found, absent), (4, 1));
    assert_eq!(check_files(&sim, &ledger, batch_id).await, 4);
    assert_eq!(check_files(&sim, &ledger, b2).await, 1);
    assert_eq!(sim.report().videos_created(), 5, "nothing paid twice");
    assert_each_created_once(&sim, &ledger, 2).await;
}

#[tokio::test]
async fn cancel_stops_dealing_and_retry_submits_a_failed_take_again() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let cfg = EngineConfig {
        submit_spacing: Duration::from_millis(300),
        ..fast()
    };
    let (engine, mut events, ledger, out) = start(cfg, lanes(&sim, &b, 1)).await;
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
    let (b2, counts, _) = submit_and_wait(&engine, &mut events, batch(out, &p, 1)).await;
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
    let sim = sim(|c| {
        c.accounts = vec!["f1".into(), "f2".into()];
        c.gemini_accounts = vec!["g1".into(), "g2".into()];
        c.faults = Faults {
            slow: 0.0,
            // Cuts are asserted below: at 20 % alone, one run in ~90 saw none.
            cut_first: 2,
            ..Faults::chaos()
        };
        c.generation_time = Duration::from_millis(800);
        c.video_bytes = Some(400_000);
    })
    .await;
    let b = Browsers::start(&sim).await;
    let mut specs = lanes_flow(&sim, &b, &[0, 1], 3);
    for name in ["g1", "g2"] {
        specs.push(gemini_lane(&sim, name, 3));
    }
    let (engine, mut events, ledger, out) = start(fast(), specs).await;
    // Omni Flash runs on both: Flow's `abra` keys, the Gemini API's Interactions.
    let mut spec = batch(out, &prompts(10), 2);
    for s in &mut spec.scenes {
        s.model = Model::OmniFlash;
    }
    let (batch_id, counts, _) = submit_and_wait(&engine, &mut events, spec).await;
    assert_eq!(counts, all_done(20));
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

/// A folder that takes no files is refused before anything is paid for; one that stops taking
/// files after the videos were made fails those takes at once, saying why (no endless retry),
/// and a retry once it is fixed fetches the same videos without making them again.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn an_unwritable_folder_is_refused_up_front_and_fails_downloads_at_once() {
    let sim = sim(|c| c.generation_time = Duration::from_millis(1200)).await;
    let b = Browsers::start(&sim).await;
    let (engine, mut events, ledger, out) = start(fast(), lanes(&sim, &b, 2)).await;
    // sysfs takes no new files, whoever asks (root included).
    let refused = engine
        .submit(batch(PathBuf::from("/sys/kernel"), &prompts(2), 1))
        .await
        .expect_err("an unwritable folder is refused");
    assert!(
        refused.said().contains("is not writable") && refused.said().contains("nothing was sent"),
        "{refused:?}"
    );
    assert_eq!(sim.report().videos_created(), 0);

    let batch_id = engine
        .submit(batch(out.clone(), &prompts(2), 1))
        .await
        .expect("submit");
    // The batch's own folder becomes one that refuses files while the videos generate.
    std::os::unix::fs::symlink("/sys/kernel", out.join("test")).expect("symlink");
    let started = std::time::Instant::now();
    let (counts, seen) = until_finished(&mut events).await;
    assert_eq!((counts.done, counts.failed), (0, 2), "{counts:?}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "failed at once, not after retries"
    );
    for t in ledger.batch_takes(batch_id).await.expect("takes") {
        let error = t.error.expect("a reason");
        assert!(
            error.said().contains("cannot write the video into") && error.said().contains("retry"),
            "{error:?}"
        );
    }
    assert!(!any_lane_paused(&seen));

    std::fs::remove_file(out.join("test")).expect("unlink");
    assert_eq!(engine.retry_failed(batch_id).await.expect("retry"), 2);
    let (counts, _) = until_finished(&mut events).await;
    assert_eq!(counts.done, 2, "{counts:?}");
    assert_eq!(check_files(&sim, &ledger, batch_id).await, 2);
    assert_eq!(
        sim.report().videos_created(),
        2,
        "fetched again, not made again"
    );
}

/// Scenes made from images over two accounts, with lost answers and throttling: each account
/// uploads its own copy of each picture once, every video is made from its own account's
/// uploads, every lost create is found again (never made twice), and each sidecar names its
/// images.
#[tokio::test]
async fn image_scenes_over_two_accounts_each_with_its_own_uploads() {
    let sim = sim(|c| {
        c.faults = lossy();
    })
    .await;
    let b = Browsers::start(&sim).await;
    let (engine, mut events, ledger, out) = start(fast(), lanes_flow(&sim, &b, &[0, 1], 2)).await;
    let pics = temp_dir("engine-images");
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images");
    for (from, to) in [
        ("wide.png", "dawn.png"),
        ("tall.jpg", "dusk.jpg"),
        ("square.webp", "hero.webp"),
    ] {
        std::fs::copy(fixtures.join(from), pics.join(to)).expect("copy");
    }
    let scene = |prompt: &str, inputs: flowdeck::model::Inputs| Scene {
        inputs,
        ..Scene::new(prompt, Model::OmniFlash, Aspect::Landscape, 2)
    };
    let start = |f: &str| flowdeck::model::Inputs {
        start: Some(pics.join(f)),
        ..Default::default()
    };
    let mut spec = batch(out, &[], 2);
    spec.scenes = vec![
        scene("the harbour wakes", start("dawn.png")),
        scene("the harbour sleeps", start("dusk.jpg")),
        scene(
            "a day in one shot",
            flowdeck::model::Inputs {
                start: Some(pics.join("dawn.png")),
                end: Some(pics.join("dusk.jpg")),
                ..Default::default()
            },
        ),
        scene(
            "our hero at the harbour",
            flowdeck::model::Inputs {
                references: vec![pics.join("hero.webp"), pics.join("dawn.png")],
                ..Default::default()
            },
        ),
    ];
    let (batch_id, counts, _) = submit_and_wait(&engine, &mut events, spec).await;
    assert_eq!(counts.done, 8, "{counts:?}");
    assert_eq!(check_files(&sim, &ledger, batch_id).await, 8);
    assert_each_created_once(&sim, &ledger, 2).await;
    let report = sim.report();
    assert!(report.faults.lost_answers > 0);
    assert_eq!(report.videos_created(), 8);
    for a in &report.accounts {
        assert!(
            a.uploads <= 3,
            "{}: {} uploads of 3 pictures",
            a.name,
            a.uploads
        );
    }
    for m in &report.media {
        assert!(!m.from_images.is_empty(), "{} was made from text", m.prompt);
    }
    // Each take's sidecar names the pictures it was made from.
    for t in ledger.batch_takes(batch_id).await.expect("takes") {
        let path = t.path.clone().expect("path");
        let sidecar: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("json")).expect("sidecar"),
        )
        .expect("json");
        assert_eq!(sidecar["images"], serde_json::json!(t.inputs), "{sidecar}");
    }
}

/// A finished Flow video upscaled to 1080p and to 4K: each a new take on the account that
/// made it, its file next to the original, the 4K one charged 50 credits; what cannot be
/// upscaled says why.
#[tokio::test]
async fn a_finished_flow_video_is_upscaled_on_its_own_account_next_to_the_original() {
    let sim = sim(|c| c.generation_time = Duration::from_millis(300)).await;
    let b = Browsers::start(&sim).await;
    let (engine, mut events, ledger, out) = start(fast(), lanes_flow(&sim, &b, &[0, 1], 2)).await;
    let (first, counts, _) = submit_and_wait(
        &engine,
        &mut events,
        batch(out, &["a lighthouse at dusk".to_string()], 1),
    )
    .await;
    assert_eq!(counts.done, 1);
    let original = ledger.batch_takes(first).await.expect("takes").remove(0);
    let original_path = original.path.clone().expect("path");
    let account = original.account.clone().expect("account");
    let credits = |s: &RunningSim| s.report().account(&account).expect("acct").credits;
    let before = credits(&sim);

    for (to, suffix, cost) in [
        (Resolution::P1080, "_upsampled", 0),
        (Resolution::K4, "_4k_upsampled", 50),
    ] {
        let batch = engine.upscale(original.id, to).await.expect("upscale");
        let (counts, _) = until_finished(&mut events).await;
        assert_eq!(counts.done, 1, "{to}");
        let up = ledger.batch_takes(batch).await.expect("takes").remove(0);
        assert_eq!(
            up.account.as_deref(),
            Some(account.as_str()),
            "on its own account"
        );
        let path = up.path.clone().expect("path");
        assert_eq!(
            path.parent(),
            original_path.parent(),
            "next to the original"
        );
        assert!(
            path.to_string_lossy().contains(to.as_str()),
            "{}",
            path.display()
        );
        let remote = serde_json::to_value(up.remote.as_ref().expect("remote")).expect("json");
        let name = media_key(&remote);
        assert!(name.ends_with(suffix), "{name}");
        assert_same_bytes(&sim, &name, &path);
        let sidecar = std::fs::read_to_string(path.with_extension("json")).expect("sidecar");
        assert!(sidecar.contains("upscale_of"), "{sidecar}");
        assert_eq!(before - credits(&sim), cost, "{to}: what it cost");
    }
    let report = sim.report();
    assert!(report.ownership_violations.is_empty());
    assert_eq!(report.videos_created(), 3);
    // 720p is not an upscale; an upscale is not upscaled again.
    let e = engine
        .upscale(original.id, Resolution::P720)
        .await
        .expect_err("720p");
    assert!(e.said().contains("1080p or 4K"), "{e:?}");
    let latest = ledger.batches().await.expect("batches")[0].id;
    let up = ledger.batch_takes(latest).await.expect("takes").remove(0);
    let e = engine
        .upscale(up.id, Resolution::K4)
        .await
        .expect_err("already 4K");
    assert!(e.said().contains("only 720p videos made on Flow"), "{e:?}");
    assert_eq!(sim.report().videos_created(), 3, "nothing more was made");
}

/// One account, one lane: what a test of a single account's money path needs.
async fn one_account(
    sim: &RunningSim,
) -> (Browsers, Engine, UnboundedReceiver<Event>, Ledger, PathBuf) {
    let b = Browsers::start(sim).await;
    let (engine, events, ledger, out) = start(fast(), lanes_flow(sim, &b, &[0], 4)).await;
    (b, engine, events, ledger, out)
}

/// Flow names every workflow by the create's batch uuid (`meta[5]`), which the copies sent
/// together share: a lost answer to a two-copy create is found, both videos come home, and
/// nothing is sent again.
#[tokio::test]
async fn a_lost_two_copy_create_is_found_by_its_batch_and_never_paid_twice() {
    let sim = alice_with(|f| f.lost_first = 1).await;
    let (_b, engine, mut events, ledger, out) = one_account(&sim).await;
    let (batch, counts, seen) =
        submit_and_wait(&engine, &mut events, batch(out, &prompts(1), 2)).await;
    engine.shutdown();
    assert_eq!(counts.done, 2, "{counts:?}");
    assert_eq!(sim.report().videos_created(), 2, "found, not made again");
    assert_eq!(sim.report().faults.lost_answers, 1);
    let found: u32 = seen
        .iter()
        .map(|e| match e {
            Event::Reconciled { found, .. } => *found,
            _ => 0,
        })
        .sum();
    assert_eq!(found, 2);
    assert_eq!(check_files(&sim, &ledger, batch).await, 2);
    assert_each_created_once(&sim, &ledger, 2).await;
}

/// Flow was seen answering NOT_FOUND to a generate it had queued and went on to make: that is
/// a lost answer, looked up, never a failure to forget.
#[tokio::test]
async fn a_generate_answered_not_found_is_looked_up_and_its_videos_come_home() {
    let sim = alice_with(|f| f.queued_not_found_first = 1).await;
    let (_b, engine, mut events, ledger, out) = one_account(&sim).await;
    let (batch, counts, _) =
        submit_and_wait(&engine, &mut events, batch(out, &prompts(1), 2)).await;
    engine.shutdown();
    assert_eq!(sim.report().faults.queued_not_found, 1);
    assert_eq!(counts.done, 2, "{counts:?}");
    assert_eq!(sim.report().videos_created(), 2);
    assert_eq!(check_files(&sim, &ledger, batch).await, 2);
}

/// A create the listing keeps proving never made is sent again a few times, then fails with
/// the reason: it never circles forever.
#[tokio::test]
async fn a_create_never_made_is_sent_again_a_few_times_then_fails_with_the_reason() {
    let sim = sim(|c| c.accounts = vec!["alice".into()]).await;
    let (_b, engine, mut events, ledger, out) = one_account(&sim).await;
    let (batch, counts, _) = submit_and_wait(
        &engine,
        &mut events,
        batch(out, &["a storm that never arrives #dropped".into()], 1),
    )
    .await;
    engine.shutdown();
    assert_eq!(counts.failed, 1, "{counts:?}");
    assert_eq!(
        sim.report().faults.dropped,
        4,
        "sent once and again three times"
    );
    assert_eq!(sim.report().videos_created(), 0);
    let take = &ledger.batch_takes(batch).await.expect("takes")[0];
    assert_eq!(take.error_class.as_deref(), Some("absent"));
    assert!(
        take.error
            .as_ref()
            .map(|m| m.said())
            .as_deref()
            .is_some_and(|e| e.contains('3')),
        "{take:?}"
    );
}

/// A listing whose shape moved cannot prove anything absent: the lost create stays Uncertain
/// and is not sent again.
#[tokio::test]
async fn a_listing_that_cannot_be_read_whole_never_proves_a_video_absent() {
    let sim = sim(|c| {
        c.accounts = vec!["alice".into()];
        c.faults.lost_first = 1;
        c.listing_drift = true;
    })
    .await;
    let (_b, engine, _events, ledger, out) = one_account(&sim).await;
    let batch = engine
        .submit(batch(out, &prompts(1), 2))
        .await
        .expect("submit");
    // Several lookups' worth of time (each waits 0.3 s after sending, then backs off).
    tokio::time::sleep(Duration::from_secs(4)).await;
    engine.shutdown();
    let report = sim.report();
    assert!(
        report.account("alice").expect("alice").listings >= 1,
        "looked up"
    );
    assert_eq!(report.account("alice").expect("alice").create_calls, 1);
    assert_eq!(report.videos_created(), 2);
    let takes = ledger.batch_takes(batch).await.expect("takes");
    assert!(
        takes.iter().all(|t| t.state == TakeState::Uncertain),
        "{takes:?}"
    );
}

/// The project the client remembers was deleted in Flow (or belongs to another machine's
/// ledger): a new one is made, the batch is delivered, and the new project is kept.
#[tokio::test]
async fn a_project_flow_no_longer_has_is_replaced_before_anything_is_sent() {
    let sim = sim(|c| c.accounts = vec!["alice".into()]).await;
    let old = sim.accounts()[0].project_id.clone();
    sim.delete_project(&old);
    let (_b, engine, mut events, ledger, out) = one_account(&sim).await;
    let (batch, counts, _) =
        submit_and_wait(&engine, &mut events, batch(out, &prompts(2), 1)).await;
    engine.shutdown();
    assert_eq!(counts.done, 2, "{counts:?}");
    assert_eq!(check_files(&sim, &ledger, batch).await, 2);
    let kept = ledger.account_projects().await.expect("projects");
    let new = kept.get("alice").expect("a project is kept");
    assert_ne!(new, &old);
    assert_eq!(sim.projects_of("alice"), std::slice::from_ref(new));
}

/// The project is deleted while a video is being made in it: that take is reported as gone
/// (never sent again by itself), and the next scene goes to a new project.
#[tokio::test]
async fn a_project_deleted_during_a_run_is_reported_and_replaced() {
    let sim = sim(|c| {
        c.accounts = vec!["alice".into()];
        c.generation_time = Duration::from_millis(1500);
    })
    .await;
    let old = sim.accounts()[0].project_id.clone();
    let (_b, engine, mut events, ledger, out) = one_account(&sim).await;
    let mut spec = batch(out, &prompts(2), 1);
    spec.mode = Mode::Sequential;
    let batch = engine.submit(spec).await.expect("submit");
    wait_for(
        &mut events,
        |e| matches!(e, Event::Take(u) if u.state == TakeState::Generating),
    )
    .await;
    sim.delete_project(&old);
    let (counts, _) = until_finished(&mut events).await;
    engine.shutdown();
    assert_eq!((counts.done, counts.failed), (1, 1), "{counts:?}");
    let takes = ledger.batch_takes(batch).await.expect("takes");
    let gone = takes
        .iter()
        .find(|t| t.state == TakeState::Failed)
        .expect("failed");
    assert_eq!(gone.scene_index, 1);
    assert_eq!(gone.error_class.as_deref(), Some("not_found"));
    assert_eq!(sim.report().videos_created(), 2, "nothing sent twice");
    let kept = ledger.account_projects().await.expect("projects");
    assert_ne!(kept.get("alice"), Some(&old));
}

/// Flow's reasons drive what happens: a per-model daily quota rests that model on that
/// account only, access denied takes a model off an account; the takes go to an account that
/// may make them, no account is parked, and every video comes home once.
#[tokio::test]
async fn a_model_quota_or_denial_moves_that_model_to_other_accounts_and_no_more() {
    let sim = sim(|c| c.accounts = vec!["alice".into(), "bob".into()]).await;
    sim.set_model_quota("alice", "veo_3_1_fast", 0);
    sim.deny_family("bob", "abra");
    let b = Browsers::start(&sim).await;
    let (engine, mut events, ledger, out) = start(fast(), lanes(&sim, &b, 2)).await;
    let mut spec = batch(out, &prompts(4), 1);
    for (i, s) in spec.scenes.iter_mut().enumerate() {
        if i % 2 == 1 {
            s.model = Model::OmniFlash;
        }
    }
    let (batch, counts, seen) = submit_and_wait(&engine, &mut events, spec).await;
    engine.shutdown();
    assert_eq!(counts.done, 4, "{counts:?}");
    let report = sim.report();
    for m in &report.media {
        let fast = m.model.starts_with("veo_3_1");
        assert_eq!(m.owner, if fast { "bob" } else { "alice" }, "{m:?}");
    }
    assert_eq!(report.videos_created(), 4);
    assert!(
        !seen.iter().any(|e| matches!(
            e,
            Event::Lane {
                health: LaneHealth::OutOfCredits { .. } | LaneHealth::Paused { .. },
                ..
            }
        )),
        "no account is parked for one model"
    );
    assert_each_created_once(&sim, &ledger, 1).await;
    assert_eq!(check_files(&sim, &ledger, batch).await, 4);
}
