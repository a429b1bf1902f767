//! Makespan against the ideal, shared by the `makespan` and `bridge` benchmarks: N takes over
//! M Flow accounts (each through its own browser on the bridge), C at once each, against the
//! simulator with a fixed generation time G. Wall time from submit to the last file on disk,
//! divided by ceil(N / (M·C))·G + the time to download the bytes at loopback speed (measured
//! in the same run).

#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use flowdeck::engine::{Engine, EngineConfig, Event, LaneSpec};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, RemoteState, Scene, Shot};
use flowdeck::provider::Client;
use flowdeck::provider::flow::{CreateRequest, FlowClient};
use flowdeck::sim::{Report, RunningSim, SimConfig};
use flowdeck::store::ledger::Ledger;
use tokio::sync::Semaphore;

use crate::browsers::{Browsers, create_done, flow_config};

/// Size of every video of a makespan run.
pub const VIDEO: u64 = 2 << 20;
/// Least time between two creates of one account, in the engine and in the client.
pub const SPACING: Duration = Duration::from_millis(10);
/// Time between one account's status calls.
pub const POLL: Duration = Duration::from_millis(100);

/// Loopback download speed, bytes per second, from one download of `bytes` off the
/// simulator's CDN through a Flow client.
pub async fn loopback_speed(bytes: u64) -> f64 {
    let sim = RunningSim::start(SimConfig {
        accounts: vec!["speed".into()],
        generation_time: Duration::from_millis(10),
        video_bytes: Some(bytes),
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let browsers = Browsers::start(&sim).await;
    let c = browsers.client_with(&sim, 0, flow_config(&sim, SPACING));
    let media = create_done(&c, "speed").await;
    let dir = std::env::temp_dir().join(format!("flowdeck-bench-speed-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let dest = dir.join("v.part");
    let mut progress = |_: u64, _: Option<u64>| {};
    let started = Instant::now();
    let d = c
        .download(&media, &dest, &mut progress)
        .await
        .expect("download");
    let speed = d.bytes as f64 / started.elapsed().as_secs_f64();
    std::fs::remove_dir_all(dir).ok();
    speed
}

pub struct Figures {
    pub wall: f64,
    pub ideal: f64,
    /// `jwpduf` status calls per take.
    pub polls_per_take: f64,
    /// `as29s` signing calls per take.
    pub signs_per_take: f64,
    /// Requests with the account's cookie (page loads, reCAPTCHA mints, batchexecute) plus
    /// CDN requests, per take.
    pub requests_per_take: f64,
}

/// The ideal for N takes over M accounts, C at once each: ceil(N / (M·C)) waves of G, plus
/// the bytes at loopback speed.
pub fn ideal(n: usize, m: usize, c: usize, g: Duration, bytes: u64, speed: f64) -> f64 {
    let waves = n.div_ceil(m * c) as f64;
    waves * g.as_secs_f64() + (n as f64 * bytes as f64) / speed
}

/// A simulator with M Flow accounts, generation time G, videos of `bytes`, and credits for
/// thousands of takes.
pub async fn sim(m: usize, g: Duration, bytes: u64) -> RunningSim {
    RunningSim::start(SimConfig {
        accounts: (1..=m).map(|i| format!("acc{i}")).collect(),
        generation_time: g,
        video_bytes: Some(bytes),
        credits: 10_000_000,
        ..SimConfig::default()
    })
    .await
    .expect("sim")
}

pub async fn run(n: usize, m: usize, c: usize, g: Duration, speed: f64) -> Figures {
    let sim = sim(m, g, VIDEO).await;
    // The bridge and the stand-ins live until the engine is done.
    let browsers = Browsers::start(&sim).await;
    let dir =
        std::env::temp_dir().join(format!("flowdeck-bench-makespan-{}", uuid::Uuid::new_v4()));
    let ledger = Ledger::open(&dir.join("ledger.sqlite3")).expect("ledger");
    let lanes = (0..m)
        .map(|i| LaneSpec {
            name: sim.accounts()[i].name.clone(),
            client: Arc::new(Client::Flow(browsers.client_with(
                &sim,
                i,
                flow_config(&sim, SPACING),
            ))),
            concurrency: c,
        })
        .collect();
    let cfg = EngineConfig {
        submit_spacing: SPACING,
        poll_interval: POLL,
        max_downloads: m * c,
        deadline: Duration::from_secs(600),
    };
    let (engine, mut events) = Engine::start(cfg, ledger, lanes).await.expect("engine");
    let scenes = (1..=n)
        .map(|i| Scene::new(format!("scene {i}"), Model::Veo31Fast, Aspect::Landscape, 1))
        .collect();
    let spec = BatchSpec {
        label: "bench".into(),
        scenes,
        out_dir: dir.join("out"),
        template: "{batch}/{scene:04}_{take}.mp4".into(),
        accounts: Vec::new(),
        mode: Mode::Parallel,
        caps: Default::default(),
    };
    let started = Instant::now();
    engine.submit(spec).await.expect("submit");
    loop {
        match events.recv().await {
            Some(Event::BatchFinished { counts, .. }) => {
                assert_eq!(
                    counts.done as usize, n,
                    "not every take finished: {counts:?}"
                );
                break;
            }
            Some(_) => {}
            None => panic!("the engine stopped"),
        }
    }
    let wall = started.elapsed().as_secs_f64();
    engine.shutdown();
    drop(browsers);
    let report = sim.report();
    let sum = |f: fn(&flowdeck::sim::report::AccountReport) -> u64| -> f64 {
        report.accounts.iter().map(f).sum::<u64>() as f64 / n as f64
    };
    let requests = sum(|a| a.requests) + report.cdn_requests as f64 / n as f64;
    std::fs::remove_dir_all(dir).ok();
    Figures {
        wall,
        ideal: ideal(n, m, c, g, VIDEO, speed),
        polls_per_take: sum(|a| a.polls),
        signs_per_take: sum(|a| a.signs),
        requests_per_take: requests,
    }
}

/// The same batch without flowdeck's engine, each take on its own (what the tool flowdeck
/// replaces did): create, then a status call for it alone every `interval`, then download;
/// C at once per account. Returns the simulator's report and the wall time.
pub async fn per_take(
    n: usize,
    m: usize,
    c: usize,
    g: Duration,
    bytes: u64,
    interval: Duration,
) -> (Report, f64) {
    let sim = sim(m, g, bytes).await;
    let browsers = Browsers::start(&sim).await;
    let dir =
        std::env::temp_dir().join(format!("flowdeck-bench-per-take-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let clients: Vec<Arc<FlowClient>> = (0..m)
        .map(|i| Arc::new(browsers.client_with(&sim, i, flow_config(&sim, SPACING))))
        .collect();
    let gates: Vec<Arc<Semaphore>> = (0..m).map(|_| Arc::new(Semaphore::new(c))).collect();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..n {
        let (cl, gate, dir) = (clients[i % m].clone(), gates[i % m].clone(), dir.clone());
        tasks.push(tokio::spawn(async move {
            let _slot = gate.acquire_owned().await.expect("gate");
            let shot = Shot::new(Model::Veo31Fast, Aspect::Landscape);
            let prompt = format!("scene {i}");
            let requests = cl.prepare(1, &Default::default()).await.expect("prepare");
            let media = cl
                .create(&CreateRequest {
                    prompt: &prompt,
                    shot: &shot,
                    requests: &requests,
                })
                .await
                .expect("create")
                .media;
            loop {
                tokio::time::sleep(interval).await;
                let r = cl.poll(&media).await.expect("poll");
                if r.media[0].state == RemoteState::Succeeded {
                    break;
                }
            }
            let dest = dir.join(format!("{i}.part"));
            let mut progress = |_: u64, _: Option<u64>| {};
            cl.download(&media[0], &dest, &mut progress)
                .await
                .expect("download");
            // Only the count matters here: keep the disk free.
            std::fs::remove_file(dest).ok();
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let wall = started.elapsed().as_secs_f64();
    drop(browsers);
    std::fs::remove_dir_all(dir).ok();
    (sim.report(), wall)
}
