//! Never pay twice: a create that may have reached the service is never sent again by itself,
//! and a failure before anything was sent never leaves a take "may exist".

use crate::kit;

use std::sync::Arc;
use std::time::Duration;

use flowdeck::engine::{BatchCounts, Engine, EngineConfig, Event, LaneHealth, LaneSpec};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene, TakeState};
use flowdeck::provider::Client;
use flowdeck::provider::gemini::{GeminiClient, GeminiConfig};
use flowdeck::provider::vertex::{Credentials, Project, VertexClient, VertexConfig};
use flowdeck::sim::{Faults, RunningSim, SimConfig};
use flowdeck::store::ledger::Ledger;
use kit::temp_dir;
use tokio::sync::mpsc::UnboundedReceiver;

fn fast() -> EngineConfig {
    EngineConfig {
        submit_spacing: Duration::from_millis(20),
        poll_interval: Duration::from_millis(100),
        max_downloads: 4,
        deadline: Duration::from_secs(60),
    }
}

fn gemini(sim: &RunningSim, name: &str) -> LaneSpec {
    let a = sim.account(name).expect("account");
    let config = GeminiConfig {
        api_url: sim.api_url(),
        ..Default::default()
    };
    LaneSpec {
        name: name.into(),
        client: Arc::new(Client::Gemini(
            GeminiClient::new(config, a.secret.clone()).expect("client"),
        )),
        concurrency: 2,
    }
}

fn omni_batch(out: std::path::PathBuf, n: usize) -> BatchSpec {
    BatchSpec {
        label: "paid-once".into(),
        scenes: (1..=n)
            .map(|i| {
                Scene::new(
                    format!("scene {i}: rain on a tin roof"),
                    Model::OmniFlash,
                    Aspect::Landscape,
                    1,
                )
            })
            .collect(),
        out_dir: out,
        template: "{scene:03}_{slug}_{take}.mp4".into(),
        accounts: Vec::new(),
        mode: Mode::Parallel,
    }
}

async fn until_finished(events: &mut UnboundedReceiver<Event>) -> (BatchCounts, Vec<Event>) {
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let e = tokio::time::timeout_at(deadline, events.recv())
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "the batch did not finish; last events: {:?}",
                    &seen[seen.len().saturating_sub(8)..]
                )
            })
            .expect("events flow");
        if let Event::BatchFinished { counts, .. } = &e {
            let c = counts.clone();
            seen.push(e);
            return (c, seen);
        }
        seen.push(e);
    }
}

/// A 503 that comes after the service made the video is not proof of "not made": the take is
/// Uncertain and is not sent again, on this account or another.
#[tokio::test]
async fn an_error_after_the_service_took_a_create_is_never_sent_again() {
    let sim = RunningSim::start(SimConfig {
        accounts: vec![],
        gemini_accounts: vec!["g1".into(), "g2".into()],
        generation_time: Duration::from_millis(200),
        video_bytes: Some(50_000),
        faults: Faults {
            create_5xx: 1.0,
            ..Faults::default()
        },
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let dir = temp_dir("paid-once");
    let ledger = Ledger::open(&dir.join("ledger.sqlite3")).expect("ledger");
    let lanes = vec![gemini(&sim, "g1"), gemini(&sim, "g2")];
    let (engine, mut events) = Engine::start(fast(), ledger.clone(), lanes)
        .await
        .expect("engine");
    let batch = engine
        .submit(omni_batch(dir.join("out"), 3))
        .await
        .expect("submit");
    let (counts, _) = until_finished(&mut events).await;
    engine.shutdown();
    assert_eq!(
        counts,
        BatchCounts {
            uncertain: 3,
            ..BatchCounts::default()
        }
    );
    let report = sim.report();
    assert_eq!(report.faults.create_5xx, 3, "{:?}", report.faults);
    assert_eq!(
        report.videos_created(),
        3,
        "each made once, none sent again"
    );
    assert!(report.duplicated_prompts(1).is_empty());
    for t in ledger.current_takes(batch).await.expect("takes") {
        assert_eq!(t.state, TakeState::Uncertain);
        assert!(
            t.error
                .as_deref()
                .is_some_and(|e| e.contains("not sent again")),
            "{t:?}"
        );
    }
}

/// An account whose token cannot even be fetched sends nothing: its takes go back to the
/// queue for the others, and it cools down instead of draining the batch into "may exist".
#[tokio::test]
async fn a_failure_before_sending_leaves_takes_queued_for_the_other_accounts() {
    let sim = RunningSim::start(SimConfig {
        accounts: vec![],
        gemini_accounts: vec!["g1".into()],
        vertex_accounts: vec!["v1".into()],
        gemini_models: vec![
            "gemini-omni-1.2-flash".into(),
            "veo-3.1-fast-generate-preview".into(),
        ],
        generation_time: Duration::from_millis(200),
        video_bytes: Some(50_000),
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let dir = temp_dir("paid-once-pre");
    // v1's key file names a token endpoint nobody listens on.
    let mut key: serde_json::Value =
        serde_json::from_str(sim.account("v1").expect("v1").secret.expose()).expect("json");
    let dead = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    key["token_uri"] = format!("http://{}/token", dead.local_addr().expect("addr")).into();
    drop(dead);
    let key_path = dir.join("v1.json");
    std::fs::write(&key_path, key.to_string()).expect("key");
    let vertex = VertexClient::new(
        VertexConfig {
            api_url: sim.vertex_url(),
            storage_url: sim.storage_url(),
            submit_spacing: Some(Duration::ZERO),
            ..VertexConfig::default()
        },
        Project {
            id: sim.account("v1").expect("v1").project_id.clone(),
            location: "us-central1".into(),
        },
        Credentials::KeyFile(key_path),
    )
    .expect("client");
    let lanes = vec![
        LaneSpec {
            name: "v1".into(),
            client: Arc::new(Client::Vertex(vertex)),
            concurrency: 4,
        },
        gemini(&sim, "g1"),
    ];
    let ledger = Ledger::open(&dir.join("ledger.sqlite3")).expect("ledger");
    let (engine, mut events) = Engine::start(fast(), ledger.clone(), lanes)
        .await
        .expect("engine");
    let mut spec = omni_batch(dir.join("out"), 4);
    for s in &mut spec.scenes {
        s.model = Model::Veo31Fast;
    }
    engine.submit(spec).await.expect("submit");
    let (counts, seen) = until_finished(&mut events).await;
    engine.shutdown();
    assert_eq!(
        counts,
        BatchCounts {
            done: 4,
            ..BatchCounts::default()
        }
    );
    let report = sim.report();
    assert_eq!(report.account("g1").expect("g1").videos_created, 4);
    assert_eq!(
        report.account("v1").expect("v1").requests,
        0,
        "v1 sent nothing"
    );
    assert!(
        seen.iter().any(|e| matches!(e, Event::Lane { account, health: LaneHealth::CoolingDown { .. } | LaneHealth::NeedsSignIn { .. }, .. } if account == "v1")),
        "v1 was shown as not working"
    );
}

/// One process drives a data folder: a second `run` is refused with who holds it, while
/// `status` still reads the ledger.
#[tokio::test]
async fn a_second_flowdeck_on_the_same_ledger_is_refused_and_status_still_reads() {
    use kit::child::{command, output, setup};
    let sim = RunningSim::start(SimConfig {
        accounts: vec![],
        gemini_accounts: vec!["g1".into()],
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let s = setup(&sim, temp_dir("paid-once-lock"), "");
    let file = s.dir.join("one.txt");
    std::fs::write(&file, "a single scene\n").expect("prompts");
    let bin = env!("CARGO_BIN_EXE_flowdeck");
    let held =
        flowdeck::store::lock::EngineLock::acquire(&s.dir.join("data"), "flowdeck run other.txt")
            .expect("lock");
    let args = [
        "run",
        file.to_str().unwrap_or_default(),
        "--model",
        "omni-flash",
        "--out",
        "/tmp/flowdeck-unused",
    ];
    let (code, _, err) = output(command(bin, &s, &args)).await;
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("flowdeck run other.txt") && err.contains("flowdeck status"),
        "{err}"
    );
    let (code, _, err) = output(command(bin, &s, &["resume"])).await;
    assert_eq!(code, 2, "{err}");
    let (code, out, err) = output(command(bin, &s, &["status"])).await;
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(sim.report().videos_created(), 0, "nothing was sent");
    drop(held);
    let out_dir = s.dir.join("out").display().to_string();
    let args = [
        "run",
        file.to_str().unwrap_or_default(),
        "--model",
        "omni-flash",
        "--out",
        &out_dir,
    ];
    let (code, out, err) = output(command(bin, &s, &args)).await;
    assert_eq!(code, 0, "{out}{err}");
}

/// `--out out` is stored as an absolute folder, so resuming from elsewhere writes to the same
/// place; `--json`'s summary lists what did not end on disk.
#[tokio::test]
async fn a_relative_output_folder_is_stored_absolute() {
    use kit::child::{command, output, setup};
    let sim = RunningSim::start(SimConfig {
        accounts: vec![],
        gemini_accounts: vec!["g1".into()],
        video_bytes: Some(50_000),
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let s = setup(&sim, temp_dir("paid-once-out"), "");
    std::fs::write(s.dir.join("one.txt"), "a single scene\na #blocked scene\n").expect("prompts");
    let mut run = command(
        env!("CARGO_BIN_EXE_flowdeck"),
        &s,
        &[
            "run",
            "one.txt",
            "--model",
            "omni-flash",
            "--out",
            "out",
            "--json",
        ],
    );
    run.current_dir(&s.dir);
    let (code, out, err) = output(run).await;
    assert_eq!(code, 1, "{out}{err}");
    // The summary alone says what did not end on disk, and why.
    let summary: serde_json::Value =
        serde_json::from_str(out.lines().last().expect("a summary")).expect("json");
    assert_eq!(summary["event"], "summary");
    let not_done = summary["not_done"].as_array().expect("not_done");
    assert_eq!(not_done.len(), 1, "{summary}");
    assert_eq!(not_done[0]["prompt"], "a #blocked scene");
    assert_eq!(not_done[0]["state"], "failed");
    assert!(
        not_done[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("blocked")),
        "{summary}"
    );
    let db = rusqlite::Connection::open(s.ledger()).expect("ledger");
    let stored: String = db
        .query_row("SELECT out_dir FROM batches", [], |r| r.get(0))
        .expect("batch");
    assert_eq!(
        std::path::PathBuf::from(&stored),
        s.dir.join("out"),
        "{stored}"
    );
    assert!(
        kit::child::walk(&s.dir.join("out"))
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "mp4"))
    );
}
