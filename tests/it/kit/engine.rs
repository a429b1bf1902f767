//! The engine on a ledger of its own, for the tests that drive it directly: brisk settings,
//! lanes for the simulator's accounts, and waiting on its events.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use flowdeck::engine::{BatchCounts, Engine, EngineConfig, Event, LaneSpec};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene};
use flowdeck::provider::Client;
use flowdeck::provider::gemini::{GeminiClient, GeminiConfig};
use flowdeck::sim::RunningSim;
use flowdeck::store::ledger::Ledger;
use tokio::sync::mpsc::UnboundedReceiver;

use super::{Browsers, temp_dir};

/// Sends 20 ms apart, polls every 100 ms, four downloads at once, a minute's deadline.
pub fn fast() -> EngineConfig {
    EngineConfig {
        submit_spacing: Duration::from_millis(20),
        poll_interval: Duration::from_millis(100),
        max_downloads: 4,
        deadline: Duration::from_secs(60),
    }
}

/// An engine over `lanes` on a fresh ledger: the engine, its events, the ledger, and a
/// folder for the videos.
pub async fn start(
    cfg: EngineConfig,
    lanes: Vec<LaneSpec>,
) -> (Engine, UnboundedReceiver<Event>, Ledger, PathBuf) {
    let dir = temp_dir("engine");
    let ledger = Ledger::open(&dir.join("ledger.sqlite3")).expect("ledger");
    let (engine, events) = Engine::start(cfg, ledger.clone(), lanes)
        .await
        .expect("engine");
    (engine, events, ledger, dir.join("out"))
}

/// A lane for the simulator's Flow account `i`, through its browser.
pub fn flow_lane(sim: &RunningSim, b: &Browsers, i: usize, concurrency: usize) -> LaneSpec {
    LaneSpec {
        name: sim.accounts()[i].name.clone(),
        client: Arc::new(Client::Flow(b.client(sim, i))),
        concurrency,
    }
}

/// A lane for the simulator's Gemini API key `name`.
pub fn gemini_lane(sim: &RunningSim, name: &str, concurrency: usize) -> LaneSpec {
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
        concurrency,
    }
}

/// Submits `spec` and waits until the batch finishes: its id, its counts and the events on
/// the way.
pub async fn submit_and_wait(
    engine: &Engine,
    events: &mut UnboundedReceiver<Event>,
    spec: BatchSpec,
) -> (i64, BatchCounts, Vec<Event>) {
    let batch = engine.submit(spec).await.expect("submit");
    let (counts, seen) = until_finished(events).await;
    (batch, counts, seen)
}

/// The counts of a batch whose `n` takes are all done.
pub fn all_done(n: u32) -> BatchCounts {
    BatchCounts {
        done: n,
        ..BatchCounts::default()
    }
}

/// Collects events until the batch finishes (or 90 s pass: then says where it stuck).
pub async fn until_finished(events: &mut UnboundedReceiver<Event>) -> (BatchCounts, Vec<Event>) {
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    loop {
        let Ok(e) = tokio::time::timeout_at(deadline, events.recv()).await else {
            panic!("the batch did not finish in time:\n{}", stuck(&seen));
        };
        let e = e.expect("events flow");
        if let Event::BatchFinished { counts, .. } = &e {
            let c = counts.clone();
            seen.push(e);
            return (c, seen);
        }
        seen.push(e);
    }
}

/// Each take's last state and each lane's last health, then the whole story of each take
/// that did not finish.
fn stuck(seen: &[Event]) -> String {
    let mut last = std::collections::BTreeMap::new();
    for e in seen {
        match e {
            Event::Take(u) => {
                last.insert(
                    format!("take {:>3}", u.take),
                    format!("{:?} {:?}", u.state, u.message),
                );
            }
            Event::Lane {
                account,
                health,
                in_flight,
            } => {
                last.insert(
                    format!("lane {account}"),
                    format!("{health:?}, {in_flight} in flight"),
                );
            }
            _ => {}
        }
    }
    let mut lines: Vec<String> = last.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let stuck: Vec<i64> = last
        .iter()
        .filter(|(k, v)| k.starts_with("take") && !v.starts_with("Done"))
        .filter_map(|(k, _)| k.trim_start_matches("take").trim().parse().ok())
        .collect();
    for e in seen {
        if let Event::Take(u) = e
            && stuck.contains(&u.take)
        {
            lines.push(format!(
                "  take {}: {:?} on {:?} {:?}",
                u.take, u.state, u.account, u.message
            ));
        }
    }
    lines.join("\n")
}

/// Waits for an event that `pick` accepts (30 s at most).
pub async fn wait_for(events: &mut UnboundedReceiver<Event>, mut pick: impl FnMut(&Event) -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let e = tokio::time::timeout_at(deadline, events.recv())
            .await
            .expect("in time")
            .expect("events");
        if pick(&e) {
            return;
        }
    }
}

/// A batch of `n` Omni Flash scenes, one copy each, in parallel, with no caps of its own.
pub fn omni_batch(label: &str, out: PathBuf, n: usize) -> BatchSpec {
    BatchSpec {
        label: label.into(),
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
        caps: Default::default(),
    }
}
