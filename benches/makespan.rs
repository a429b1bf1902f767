//! Makespan against the ideal: N takes over M accounts, C at once each, against the simulator
//! with a fixed generation time G. Wall time from submit to the last file on disk, divided by
//! ceil(N / (M·C))·G + the time to download the bytes at loopback speed (measured in the same
//! run). Also the status and HTTP requests per take. Prints figures; asserts nothing.
//!
//!     cargo bench --bench makespan [-- --quick]

use std::sync::Arc;
use std::time::{Duration, Instant};

use flowdeck::engine::{Engine, EngineConfig, Event, LaneSpec};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene};
use flowdeck::provider::Client;
use flowdeck::provider::flow::{FlowClient, FlowConfig, FlowCredential};
use flowdeck::sim::{RunningSim, SimConfig};
use flowdeck::store::ledger::Ledger;

const VIDEO: u64 = 2 << 20;

/// Loopback download speed, bytes per second, from one big download off the simulator's CDN.
async fn loopback_speed() -> f64 {
    let sim = RunningSim::start(SimConfig {
        accounts: vec!["speed".into()],
        generation_time: Duration::from_millis(10),
        video_bytes: Some(256 << 20),
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let c = flow_client(&sim, 0);
    let shot = flowdeck::model::Shot::new(Model::Veo31Fast, Aspect::Landscape);
    let media = c
        .create(&flowdeck::provider::flow::CreateRequest {
            prompt: "speed",
            shot: &shot,
            seeds: &[1],
        })
        .await
        .expect("create")
        .media;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let polled = c.poll(&media).await.expect("poll");
    let dir = std::env::temp_dir().join(format!("flowdeck-bench-speed-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let dest = dir.join("v.part");
    let mut progress = |_: u64, _: Option<u64>| {};
    let started = Instant::now();
    let d = c
        .download(
            &media[0],
            polled.media[0].video_url.as_deref(),
            &dest,
            &mut progress,
        )
        .await
        .expect("download");
    let speed = d.bytes as f64 / started.elapsed().as_secs_f64();
    std::fs::remove_dir_all(dir).ok();
    speed
}

fn flow_client(sim: &RunningSim, i: usize) -> FlowClient {
    let a = &sim.accounts()[i];
    FlowClient::new(
        FlowConfig {
            labs_url: sim.labs_url(),
            api_url: sim.api_url(),
            ..FlowConfig::default()
        },
        FlowCredential::SessionCookie(a.secret.clone()),
        Some(a.project_id.clone()),
    )
    .expect("client")
}

struct Figures {
    wall: f64,
    ideal: f64,
    status_per_take: f64,
    requests_per_take: f64,
}

async fn run(n: usize, m: usize, c: usize, g: Duration, speed: f64) -> Figures {
    let sim = RunningSim::start(SimConfig {
        accounts: (1..=m).map(|i| format!("acc{i}")).collect(),
        generation_time: g,
        video_bytes: Some(VIDEO),
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let dir =
        std::env::temp_dir().join(format!("flowdeck-bench-makespan-{}", uuid::Uuid::new_v4()));
    let ledger = Ledger::open(&dir.join("ledger.sqlite3")).expect("ledger");
    let lanes = (0..m)
        .map(|i| LaneSpec {
            name: sim.accounts()[i].name.clone(),
            client: Arc::new(Client::Flow(flow_client(&sim, i))),
            concurrency: c,
        })
        .collect();
    let cfg = EngineConfig {
        submit_spacing: Duration::from_millis(10),
        poll_interval: Duration::from_millis(100),
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
    let waves = n.div_ceil(m * c) as f64;
    let ideal = waves * g.as_secs_f64() + (n as f64 * VIDEO as f64) / speed;
    let report = sim.report();
    let polls: u64 = report.accounts.iter().map(|a| a.polls).sum();
    let requests: u64 =
        report.accounts.iter().map(|a| a.requests).sum::<u64>() + report.cdn_requests;
    std::fs::remove_dir_all(dir).ok();
    Figures {
        wall,
        ideal,
        status_per_take: polls as f64 / n as f64,
        requests_per_take: requests as f64 / n as f64,
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let speed = rt.block_on(loopback_speed());
    println!(
        "makespan: loopback download speed {:.0} MiB/s",
        speed / (1 << 20) as f64
    );
    let cases: &[(usize, usize, usize, u64)] = if quick {
        &[(60, 3, 4, 2000)]
    } else {
        &[(60, 3, 4, 2000), (600, 10, 4, 2000)]
    };
    for &(n, m, c, g) in cases {
        let f = rt.block_on(run(n, m, c, Duration::from_millis(g), speed));
        println!(
            "makespan: N={n} M={m} C={c} G={:.1}s  wall {:.2} s  ideal {:.2} s  ratio {:.3} (target <= 1.10)  status calls/take {:.2}  HTTP requests/take {:.2}",
            g as f64 / 1000.0,
            f.wall,
            f.ideal,
            f.wall / f.ideal,
            f.status_per_take,
            f.requests_per_take
        );
    }
}
