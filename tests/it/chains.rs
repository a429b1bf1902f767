//! Chained scenes ("continue from scene N") through the engine against the simulator: a
//! chained scene waits for the scene it continues, runs on the account that made it, extends
//! that very video (Omni's continuation of its interaction, Veo's extension of its file on
//! Vertex; on Flow, an image→video call from its last frame), and fails with the earlier
//! scene's reason when that one fails. Omni and Veo answer an extension with the whole longer
//! video: its file, sidecar, Queue event and export say it holds the scenes before it.

use crate::kit;
use flowdeck::words::Said;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use flowdeck::engine::{Engine, EngineConfig, Event, LaneSpec};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene, TakeState};
use flowdeck::provider::RemoteRef;
use flowdeck::sim::{Faults, RunningSim, SimConfig};
use flowdeck::store::ledger::{Ledger, TakeRecord};
use kit::engine::{all_done, fast, flow_lane, start, submit_and_wait, until_finished, wait_for};
use kit::{
    Browsers, gemini_client, gemini_only, lossy, made_from, sim, vertex_client, vertex_only,
};

/// For `sim`: Gemini API keys g1 and g2 and Vertex projects v1 and v2 (no Flow accounts), each
/// scene's video [`CLIP`] bytes, made in 0.4 s.
fn story(c: &mut SimConfig) {
    gemini_only(c, &["g1", "g2"]);
    vertex_only(c, &["v1", "v2"]);
    c.generation_time = Duration::from_millis(400);
    c.video_bytes = Some(CLIP);
}

fn config() -> EngineConfig {
    EngineConfig {
        max_downloads: 2,
        ..fast()
    }
}

/// One lane per account, each running one take at a time (so the first copies spread).
fn lanes(sim: &RunningSim, names: &[&str]) -> Vec<LaneSpec> {
    names
        .iter()
        .map(|&name| {
            let i = sim
                .accounts()
                .iter()
                .position(|a| a.name == name)
                .expect("account");
            let client = if name.starts_with('g') {
                gemini_client(sim, i)
            } else {
                vertex_client(sim, name, None)
            };
            LaneSpec {
                name: name.into(),
                client: Arc::new(client),
                concurrency: 1,
            }
        })
        .collect()
}

/// Scenes in order; `continues[i]` is what scene i+1 continues.
fn spec(out: PathBuf, model: Model, scenes: &[(&str, Option<u32>)], copies: u8) -> BatchSpec {
    BatchSpec {
        label: "story".into(),
        scenes: scenes
            .iter()
            .map(|(prompt, continues)| Scene {
                continues: *continues,
                ..Scene::new(*prompt, model.clone(), Aspect::Landscape, copies)
            })
            .collect(),
        out_dir: out,
        template: "{batch}/{scene:03}_{take}.mp4".into(),
        accounts: Vec::new(),
        mode: Mode::Parallel,
        caps: Default::default(),
    }
}

/// A take's sidecar.
fn sidecar(t: &TakeRecord) -> serde_json::Value {
    let path = flowdeck::store::naming::sidecar_of(t.path.as_deref().expect("file"));
    serde_json::from_slice(&std::fs::read(&path).expect("sidecar")).expect("json")
}

/// Bytes of one scene's video in these tests (`video_bytes`).
const CLIP: u64 = 300_000;

/// Every chained take's file holds its whole chain: as many clips' bytes as scenes, its sidecar
/// and its Done event name them, and the export points every take of a chain at the chain's
/// last file.
async fn extensions_hold_their_chains(
    ledger: &Ledger,
    batch: i64,
    takes: &[TakeRecord],
    seen: &[Event],
) {
    for t in takes {
        let scenes: Vec<u32> = (1..=t.scene_index).collect();
        assert_eq!(
            t.bytes,
            Some(CLIP * u64::from(t.scene_index)),
            "take {} (scene {}) is the whole story so far",
            t.id,
            t.scene_index
        );
        let v = sidecar(t);
        let done = seen
            .iter()
            .filter_map(|e| match e {
                Event::Take(u) => Some(u),
                _ => None,
            })
            .rfind(|u| u.take == t.id && u.state == TakeState::Done)
            .expect("done");
        if t.continues.is_some() {
            assert_eq!(v["holds_scenes"], serde_json::json!(scenes), "{v}");
            assert_eq!(done.holds, scenes);
        } else {
            assert!(v.get("holds_scenes").is_none(), "{v}");
            assert!(done.holds.is_empty());
        }
    }
    let csv = flowdeck::ops::export::export(ledger, batch, None, flowdeck::i18n::say)
        .await
        .expect("export");
    let text = std::fs::read_to_string(csv).expect("csv");
    let mut rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = rows.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let last = takes.iter().map(|t| t.scene_index).max().expect("takes");
    for row in rows.records() {
        let row = row.expect("row");
        let copy: u32 = row[col("copy")].parse().expect("copy");
        let end = takes
            .iter()
            .find(|t| t.scene_index == last && t.copy == copy)
            .expect("the chain's last take");
        assert_eq!(
            &row[col("chain_file")],
            end.path.as_deref().expect("file").display().to_string(),
            "take {} points at its chain's final file",
            &row[col("take")]
        );
    }
}

/// The take a chained take continues: the same copy of the earlier scene.
fn parent<'a>(takes: &'a [TakeRecord], t: &TakeRecord) -> &'a TakeRecord {
    let n = t.continues.expect("chained");
    takes
        .iter()
        .find(|p| p.scene_index == n && p.copy == t.copy)
        .expect("the earlier take")
}

/// A 4-scene chain, two copies, over two Gemini accounts with throttled creates, failing
/// polls and cut downloads: every scene comes home, each chained copy on the account that made
/// the copy it continues, made by extending that copy's interaction, nothing made twice.
#[tokio::test]
async fn a_four_scene_chain_over_two_accounts_stays_on_each_copy_s_account() {
    let sim = sim(|c| {
        story(c);
        c.faults = Faults {
            poll_5xx: 0.2,
            create_429: 0.2,
            retry_after_secs: 0,
            cut_first: 2,
            ..Faults::default()
        };
    })
    .await;
    let (engine, mut events, ledger, out) = start(config(), lanes(&sim, &["g1", "g2"])).await;
    let scenes = [
        ("she opens the door", None),
        ("she steps into the rain", Some(1)),
        ("she crosses the street", Some(2)),
        ("she reaches the café", Some(3)),
    ];
    let (batch, counts, seen) = submit_and_wait(
        &engine,
        &mut events,
        spec(out, Model::OmniFlash, &scenes, 2),
    )
    .await;
    assert_eq!(counts, all_done(8));
    let takes = ledger.batch_takes(batch).await.expect("takes");
    let report = sim.report();
    assert!(report.ownership_violations.is_empty(), "{report:?}");
    assert_eq!(report.videos_created(), 8, "nothing is made twice");
    let interaction = |t: &TakeRecord| match t.remote.clone().expect("remote") {
        RemoteRef::Omni { interaction } => interaction,
        other => panic!("not an Omni take: {other:?}"),
    };
    // The simulator's media per interaction prompt (each prompt is made once per copy).
    let mut chained = 0;
    for t in takes.iter().filter(|t| t.continues.is_some()) {
        let p = parent(&takes, t);
        assert_eq!(t.state, TakeState::Done);
        assert_eq!(
            t.account, p.account,
            "take {} (scene {}) ran on another account than the copy it continues",
            t.id, t.scene_index
        );
        // It said it extends (a continuation names no task).
        let made: Vec<_> = report
            .media
            .iter()
            .filter(|m| m.prompt == format!("Extend the video: {}", t.prompt) && m.extends)
            .filter(|m| m.previous.as_deref() == Some(interaction(p).as_str()))
            .collect();
        assert_eq!(made.len(), 1, "take {} extends its own earlier copy", t.id);
        assert_eq!(Some(&made[0].owner), t.account.as_ref());
        chained += 1;
    }
    assert_eq!(chained, 6);
    // The two copies went their own ways: both accounts made a chain.
    let per_account: HashMap<_, usize> = takes.iter().fold(HashMap::new(), |mut m, t| {
        *m.entry(t.account.clone()).or_default() += 1;
        m
    });
    assert_eq!(per_account.len(), 2, "{per_account:?}");
    for t in &takes {
        let path = t.path.as_ref().expect("a file");
        assert!(path.is_file(), "{} is missing", path.display());
    }
    let f = report.faults;
    assert!(
        f.poll_5xx > 0 && f.cut_downloads > 0,
        "faults were not exercised: {f:?}"
    );
    extensions_hold_their_chains(&ledger, batch, &takes, &seen).await;
}

/// A scene that fails takes the scenes continuing it (and theirs) down with its reason,
/// without sending them; the rest of the batch goes on. Chains that cannot be are refused
/// before anything is sent.
#[tokio::test]
async fn a_failed_scene_fails_the_scenes_that_continue_it_with_its_reason() {
    let sim = sim(story).await;
    let (engine, mut events, ledger, out) = start(config(), lanes(&sim, &["g1", "g2"])).await;
    let scenes = [
        ("a #blocked opening", None),
        ("what follows", Some(1)),
        ("and after that", Some(2)),
        ("a scene of its own", None),
    ];
    let (batch, counts, _) = submit_and_wait(
        &engine,
        &mut events,
        spec(out.clone(), Model::OmniFlash, &scenes, 1),
    )
    .await;
    assert_eq!((counts.done, counts.failed), (1, 3), "{counts:?}");
    let takes = ledger.batch_takes(batch).await.expect("takes");
    let by_scene = |n: u32| takes.iter().find(|t| t.scene_index == n).expect("take");
    let first = by_scene(1).error.clone().expect("a reason");
    let second = by_scene(2).error.clone().expect("a reason");
    assert!(
        second.said().starts_with(&format!(
            "scene 1 (take {}), which it continues, failed: ",
            by_scene(1).id
        )) && second.said().ends_with(&first.said()),
        "{second:?}"
    );
    let third = by_scene(3).error.clone().expect("a reason");
    assert!(
        third.said().starts_with(&format!(
            "scene 2 (take {}), which it continues, failed: scene 1",
            by_scene(2).id
        )),
        "{third:?}"
    );
    assert_eq!(by_scene(4).state, TakeState::Done);
    // Only the independent scene was made (the blocked one was refused at its create).
    assert_eq!(sim.report().videos_created(), 1);
    // A batch whose last take is failed by its chain still finishes.
    let (chain_only, counts, _) = submit_and_wait(
        &engine,
        &mut events,
        spec(out.clone(), Model::OmniFlash, &scenes[..2], 1),
    )
    .await;
    assert_eq!((counts.done, counts.failed), (0, 2), "{counts:?}");
    let takes = ledger.batch_takes(chain_only).await.expect("takes");
    assert!(takes.iter().all(|t| t.state == TakeState::Failed));

    // Refused up front, with the scene named.
    let refused = |scenes: Vec<Scene>| {
        let mut s = spec(out.clone(), Model::OmniFlash, &[], 1);
        s.scenes = scenes;
        s
    };
    let omni = |p: &str, c: Option<u32>| Scene {
        continues: c,
        ..Scene::new(p, Model::OmniFlash, Aspect::Landscape, 1)
    };
    let e = engine
        .submit(refused(vec![omni("a", Some(2)), omni("b", None)]))
        .await
        .unwrap_err()
        .said();
    assert!(
        e.contains("scene 1: it continues scene 2, but a scene can only continue an earlier one"),
        "{e}"
    );
    let mut portrait = omni("b", Some(1));
    portrait.aspect = Aspect::Portrait;
    let e = engine
        .submit(refused(vec![omni("a", None), portrait]))
        .await
        .unwrap_err()
        .said();
    assert!(
        e.contains("scene 2: it continues scene 1, so it is made the same way"),
        "{e}"
    );
    assert_eq!(sim.report().videos_created(), 1, "nothing more was sent");
}

/// On Vertex AI the chained scene sends the earlier scene's file itself: the simulator reads
/// back which video it was sent, and it is that scene's own. Lite cannot continue, and says so
/// before anything is spent.
#[tokio::test]
async fn on_vertex_a_chained_scene_sends_the_earlier_scene_s_file() {
    let sim = sim(story).await;
    let (engine, mut events, ledger, out) = start(config(), lanes(&sim, &["v1", "v2"])).await;
    let scenes = [
        ("a lighthouse at dusk", None),
        ("the lamp turns on", Some(1)),
        ("a ship passes", Some(2)),
    ];
    let (batch, counts, seen) = submit_and_wait(
        &engine,
        &mut events,
        spec(out.clone(), Model::Veo31Fast, &scenes, 1),
    )
    .await;
    assert_eq!(counts.done, 3, "{counts:?}");
    let takes = ledger.batch_takes(batch).await.expect("takes");
    let report = sim.report();
    let media_of = |t: &TakeRecord| match t.remote.clone().expect("remote") {
        RemoteRef::Vertex { operation, sample } => {
            let id = operation.rsplit('/').next().expect("id").to_string();
            report
                .media
                .iter()
                .find(|m| m.name.ends_with(&format!("#{sample}")) && m.prompt == t.prompt)
                .unwrap_or_else(|| panic!("no media for operation {id}"))
                .clone()
        }
        other => panic!("not a Vertex take: {other:?}"),
    };
    for t in takes.iter().filter(|t| t.continues.is_some()) {
        let p = parent(&takes, t);
        assert_eq!(t.account, p.account);
        let m = media_of(t);
        assert!(m.extends);
        assert_eq!(
            m.previous,
            Some(media_of(p).name),
            "take {} sent another file",
            t.id
        );
        // Its sidecar says which scene it continues.
        let v = sidecar(t);
        assert_eq!(v["continues_scene"], p.scene_index, "{v}");
        assert!(v.get("upscale_of").is_none(), "{v}");
    }
    extensions_hold_their_chains(&ledger, batch, &takes, &seen).await;
    let mut lite = spec(out, Model::Veo31Lite, &scenes[..2], 1);
    lite.accounts = vec!["v1".into()];
    let e = engine.submit(lite).await.unwrap_err().said();
    assert!(
        e.contains("scene 2: no chosen account can make veo-3.1-lite")
            && e.contains("does not continue videos"),
        "{e}"
    );
    assert_eq!(sim.report().videos_created(), 3);
}

/// On Flow a chained scene starts from the earlier video's last frame, decoded here, saved
/// beside that video, uploaded by the account that made it and sent as the start image; lost
/// answers are looked up as for any create, and nothing is made twice.
#[tokio::test]
async fn on_flow_a_chained_scene_starts_from_the_earlier_video_s_last_frame() {
    let sim = sim(|c| {
        story(c);
        c.accounts = vec!["f1".into(), "f2".into()];
        c.gemini_accounts = vec![];
        c.vertex_accounts = vec![];
        c.faults = lossy();
    })
    .await;
    let b = Browsers::start(&sim).await;
    let specs = (0..2).map(|i| flow_lane(&sim, &b, i, 1)).collect();
    let (engine, mut events, ledger, out) = start(config(), specs).await;
    let scenes = [
        ("a lantern is lit", None),
        ("the lantern is carried out", Some(1)),
        ("the lantern reaches the boat", Some(2)),
    ];
    let (batch, counts, _) = submit_and_wait(
        &engine,
        &mut events,
        spec(out, Model::Veo31Fast, &scenes, 2),
    )
    .await;
    assert_eq!(counts.done, 6, "{counts:?}");
    let takes = ledger.batch_takes(batch).await.expect("takes");
    let report = sim.report();
    assert!(report.ownership_violations.is_empty(), "{report:?}");
    assert_eq!(report.videos_created(), 6, "nothing is made twice");
    assert!(report.faults.lost_answers > 0);
    let digest = |bytes: &[u8]| {
        use sha2::Digest;
        hex::encode(&sha2::Sha256::digest(bytes)[..8])
    };
    for t in takes.iter().filter(|t| t.continues.is_some()) {
        let p = parent(&takes, t);
        assert_eq!(
            t.account, p.account,
            "take {} left its chain's account",
            t.id
        );
        // The frame beside the earlier video is that video's last frame.
        let video = p.path.as_deref().expect("file");
        let frame = flowdeck::frames::read(video, flowdeck::frames::Which::Last)
            .expect("decodes")
            .png()
            .expect("png");
        let beside = std::fs::read(flowdeck::store::naming::last_frame_of(video)).expect("frame");
        assert_eq!(beside, frame);
        // The video was made from that very picture, uploaded by its own account.
        let made = report
            .media
            .iter()
            .find(|m| m.prompt == t.prompt && Some(&m.owner) == t.account.as_ref())
            .expect("made");
        let uploads: Vec<_> = made
            .from_images
            .iter()
            .map(|id| report.images.iter().find(|i| &i.id == id).expect("upload"))
            .collect();
        assert_eq!(uploads.len(), 1, "one start image");
        assert_eq!(uploads[0].digest, digest(&frame));
        assert_eq!(Some(&uploads[0].owner), t.account.as_ref());
        // Started from a frame, its file holds its own scene only.
        assert!(sidecar(t).get("holds_scenes").is_none());
    }
}

/// A chain survives a restart: the first run stops sending once the earlier scene is on its
/// way and brings it home; the next run resumes, and the waiting scene goes to the account that
/// made the earlier one (though another account is free) and extends that very video.
#[tokio::test]
async fn a_waiting_chained_scene_resumes_on_the_earlier_scene_s_account() {
    let sim = sim(story).await;
    let (engine, mut events, ledger, out) = start(config(), lanes(&sim, &["g2"])).await;
    let scenes = [
        ("the tide goes out", None),
        ("the tide comes back", Some(1)),
    ];
    let batch = engine
        .submit(spec(out, Model::OmniFlash, &scenes, 1))
        .await
        .expect("submit");
    // Once the first scene is sent, nothing new is sent; it still comes home.
    let mut stopped = false;
    wait_for(&mut events, |e| {
        let Event::Take(u) = e else {
            return false;
        };
        if u.scene == 1 && u.state == TakeState::Generating && !stopped {
            engine.stop_submitting().expect("stop");
            stopped = true;
        }
        u.scene == 1 && u.state == TakeState::Done
    })
    .await;
    engine.shutdown();
    let takes = ledger.batch_takes(batch).await.expect("takes");
    assert_eq!(
        takes[1].state,
        TakeState::Queued,
        "the chained scene waited"
    );

    // The next start, with a second account free: the chained scene still goes to g2.
    let (engine, mut events) = Engine::start(config(), ledger.clone(), lanes(&sim, &["g1", "g2"]))
        .await
        .expect("engine");
    assert!(engine.resume().await.expect("resume").contains(&batch));
    let (counts, _) = until_finished(&mut events).await;
    assert_eq!(counts.done, 2, "{counts:?}");
    let takes = ledger.batch_takes(batch).await.expect("takes");
    assert_eq!(takes[1].account.as_deref(), Some("g2"));
    let first = match takes[0].remote.clone().expect("remote") {
        RemoteRef::Omni { interaction } => interaction,
        other => panic!("{other:?}"),
    };
    let report = sim.report();
    let made = made_from(&report, "Extend the video: the tide comes back");
    assert!(made.extends);
    assert_eq!(made.previous.as_deref(), Some(first.as_str()));
    assert_eq!(report.videos_created(), 2);
}

/// On Flow a chained scene decodes the earlier video's last frame. A crafted video (its frame
/// table claims four billion frames; its boxes are whole, so it is downloaded like any other)
/// kept that decode spinning for minutes, and `resume` started it again. Now the chained take
/// fails at once with the reason, nothing more is sent, and the rest of the batch goes on.
#[tokio::test]
async fn on_flow_a_crafted_earlier_video_fails_the_chained_scene_at_once() {
    let crafted: &'static [u8] = Box::leak(kit::videos::claiming(u32::MAX).into_boxed_slice());
    let sim = sim(|c| {
        story(c);
        c.accounts = vec!["f1".into()];
        c.gemini_accounts = vec![];
        c.vertex_accounts = vec![];
        c.flow_clip = crafted;
    })
    .await;
    let b = Browsers::start(&sim).await;
    let specs = vec![flow_lane(&sim, &b, 0, 1)];
    let (engine, mut events, ledger, out) = start(config(), specs).await;
    let scenes = [
        ("a crafted harbour", None),
        ("the harbour at night", Some(1)),
        ("a scene of its own", None),
    ];
    let started = std::time::Instant::now();
    let (batch, counts, _) = submit_and_wait(
        &engine,
        &mut events,
        spec(out, Model::Veo31Fast, &scenes, 1),
    )
    .await;
    assert_eq!((counts.done, counts.failed), (2, 1), "{counts:?}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    let takes = ledger.batch_takes(batch).await.expect("takes");
    let chained = takes.iter().find(|t| t.scene_index == 2).expect("take");
    assert_eq!(chained.state, TakeState::Failed);
    let error = chained.error.as_ref().map(|m| m.said()).expect("a reason");
    assert!(
        error.starts_with("the last frame of scene 1 cannot be taken: its frame table claims"),
        "{error}"
    );
    assert_eq!(
        sim.report().videos_created(),
        2,
        "the chained scene was not sent"
    );
}
