//! Never pay twice: a create that may have reached the service is never sent again by itself,
//! and a failure before anything was sent never leaves a take "may exist".

use crate::kit;
use flowdeck::words::Said;

use std::sync::Arc;
use std::time::Duration;

use flowdeck::engine::{BatchCounts, Event, LaneHealth, LaneSpec};
use flowdeck::model::{Model, TakeState};
use flowdeck::provider::Client;
use flowdeck::provider::vertex::{Credentials, VertexConfig};
use flowdeck::sim::Faults;
use kit::engine::{all_done, fast, gemini_lane, omni_batch, start, submit_and_wait};
use kit::{arg, gemini_only, sim, temp_dir};

/// A 503 that comes after the service made the video is not proof of "not made": the take is
/// Uncertain and is not sent again, on this account or another.
#[tokio::test]
async fn an_error_after_the_service_took_a_create_is_never_sent_again() {
    let sim = sim(|c| {
        gemini_only(c, &["g1", "g2"]);
        c.generation_time = Duration::from_millis(200);
        c.video_bytes = Some(50_000);
        c.faults = Faults {
            create_5xx: 1.0,
            ..Faults::default()
        };
    })
    .await;
    let lanes = vec![gemini_lane(&sim, "g1", 2), gemini_lane(&sim, "g2", 2)];
    let (engine, mut events, ledger, out) = start(fast(), lanes).await;
    let (batch, counts, _) =
        submit_and_wait(&engine, &mut events, omni_batch("paid-once", out, 3)).await;
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
                .as_ref()
                .map(|m| m.said())
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
    let sim = sim(|c| {
        gemini_only(c, &["g1"]);
        c.vertex_accounts = vec!["v1".into()];
        c.gemini_models = vec![
            "gemini-omni-1.2-flash".into(),
            "veo-3.1-fast-generate-preview".into(),
        ];
        c.generation_time = Duration::from_millis(200);
        c.video_bytes = Some(50_000);
    })
    .await;
    let dir = temp_dir("paid-once-pre");
    // v1's key file names a token endpoint nobody listens on.
    let mut key: serde_json::Value =
        serde_json::from_str(sim.account("v1").expect("v1").secret.expose()).expect("json");
    let dead = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    key["token_uri"] = format!("http://{}/token", dead.local_addr().expect("addr")).into();
    drop(dead);
    let key_path = dir.join("v1.json");
    std::fs::write(&key_path, key.to_string()).expect("key");
    let unspaced = VertexConfig {
        submit_spacing: Some(Duration::ZERO),
        ..VertexConfig::default()
    };
    let vertex = kit::vertex_client_with(&sim, "v1", unspaced, Credentials::KeyFile(key_path));
    let lanes = vec![
        LaneSpec {
            name: "v1".into(),
            client: Arc::new(Client::Vertex(vertex)),
            concurrency: 4,
        },
        gemini_lane(&sim, "g1", 2),
    ];
    let (engine, mut events, _ledger, out) = start(fast(), lanes).await;
    let mut spec = omni_batch("paid-once", out, 4);
    for s in &mut spec.scenes {
        s.model = Model::Veo31Fast;
    }
    let (_, counts, seen) = submit_and_wait(&engine, &mut events, spec).await;
    engine.shutdown();
    assert_eq!(counts, all_done(4));
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
    let sim = sim(|c| gemini_only(c, &["g1"])).await;
    let s = kit::child::setup(&sim, temp_dir("paid-once-lock"), "");
    let file = kit::write(&s.dir, "one.txt", b"a single scene\n");
    let held =
        flowdeck::store::lock::EngineLock::acquire(&s.dir.join("data"), "flowdeck run other.txt")
            .expect("lock");
    let run = |out: &str| s.flowdeck(["run", arg(&file), "--model", "omni-flash", "--out", out]);
    run("/tmp/flowdeck-unused")
        .await
        .code(2)
        .stderr_has("flowdeck run other.txt")
        .stderr_has("flowdeck status");
    s.flowdeck(["resume"]).await.code(2);
    s.flowdeck(["status"]).await.success();
    assert_eq!(sim.report().videos_created(), 0, "nothing was sent");
    drop(held);
    run(arg(&s.dir.join("out"))).await.success();
}

/// `--out out` is stored as an absolute folder, so resuming from elsewhere writes to the same
/// place; `--json`'s summary lists what did not end on disk.
#[tokio::test]
async fn a_relative_output_folder_is_stored_absolute() {
    let sim = sim(|c| {
        gemini_only(c, &["g1"]);
        c.video_bytes = Some(50_000);
    })
    .await;
    let s = kit::child::setup(&sim, temp_dir("paid-once-out"), "");
    std::fs::write(s.dir.join("one.txt"), "a single scene\na #blocked scene\n").expect("prompts");
    let run = s
        .flowdeck([
            "run",
            "one.txt",
            "--model",
            "omni-flash",
            "--out",
            "out",
            "--json",
        ])
        .current_dir(&s.dir)
        .await;
    run.code(1);
    // The summary alone says what did not end on disk, and why.
    let summary: serde_json::Value =
        serde_json::from_str(run.stdout.lines().last().expect("a summary")).expect("json");
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
