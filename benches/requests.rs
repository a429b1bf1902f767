//! Request efficiency: status calls per finished take and HTTP requests per take, flowdeck's
//! batched polling (one status call per account per interval) next to polling each take on
//! its own (what the tool flowdeck replaces did), same takes, interval and concurrency, each
//! against its own simulator. Prints figures; asserts nothing.
//!
//!     cargo bench --bench requests [-- --quick]

use std::sync::Arc;
use std::time::{Duration, Instant};

use flowdeck::engine::{Engine, EngineConfig, Event, LaneSpec};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, RemoteState, Scene, Shot};
use flowdeck::provider::Client;
use flowdeck::provider::flow::{CreateRequest, FlowClient, FlowConfig, FlowCredential};
use flowdeck::sim::{Report, RunningSim, SimConfig};
use flowdeck::store::ledger::Ledger;
use tokio::sync::Semaphore;

const INTERVAL: Duration = Duration::from_millis(250);
const GENERATION: Duration = Duration::from_secs(3);

fn client(sim: &RunningSim, i: usize) -> FlowClient {
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

async fn start_sim(m: usize) -> RunningSim {
    RunningSim::start(SimConfig {
        accounts: (1..=m).map(|i| format!("acc{i}")).collect(),
        generation_time: GENERATION,
        video_bytes: Some(256 << 10),
        ..SimConfig::default()
    })
    .await
    .expect("sim")
}

fn temp() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("flowdeck-bench-requests-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&d).expect("dir");
    d
}

async fn flowdeck(n: usize, m: usize, c: usize) -> (Report, f64) {
    let sim = start_sim(m).await;
    let dir = temp();
    let ledger = Ledger::open(&dir.join("l.sqlite3")).expect("ledger");
    let lanes = (0..m)
        .map(|i| LaneSpec {
            name: sim.accounts()[i].name.clone(),
            client: Arc::new(Client::Flow(client(&sim, i))),
            concurrency: c,
        })
        .collect();
    let cfg = EngineConfig {
        submit_spacing: Duration::from_millis(10),
        poll_interval: INTERVAL,
        max_downloads: 8,
        deadline: Duration::from_secs(600),
    };
    let (engine, mut events) = Engine::start(cfg, ledger, lanes).await.expect("engine");
    let scenes = (1..=n)
        .map(|i| Scene::new(format!("scene {i}"), Model::Veo31Fast, Aspect::Landscape, 1))
        .collect();
    let started = Instant::now();
    engine
        .submit(BatchSpec {
            label: "b".into(),
            scenes,
            out_dir: dir.join("out"),
            template: "{scene:03}_{take}".into(),
            accounts: Vec::new(),
            mode: Mode::Parallel,
        })
        .await
        .expect("submit");
    while !matches!(
        events.recv().await,
        Some(Event::BatchFinished { .. }) | None
    ) {}
    let wall = started.elapsed().as_secs_f64();
    engine.shutdown();
    std::fs::remove_dir_all(dir).ok();
    (sim.report(), wall)
}

/// Each take on its own: create, then a status call for it alone every interval, then download.
async fn per_take(n: usize, m: usize, c: usize) -> (Report, f64) {
    let sim = start_sim(m).await;
    let dir = temp();
    let clients: Vec<Arc<FlowClient>> = (0..m).map(|i| Arc::new(client(&sim, i))).collect();
    let gates: Vec<Arc<Semaphore>> = (0..m).map(|_| Arc::new(Semaphore::new(c))).collect();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..n {
        let (cl, gate, dir) = (clients[i % m].clone(), gates[i % m].clone(), dir.clone());
        tasks.push(tokio::spawn(async move {
            let _slot = gate.acquire_owned().await.expect("gate");
            let shot = Shot::new(Model::Veo31Fast, Aspect::Landscape);
            let prompt = format!("scene {i}");
            let media = cl
                .create(&CreateRequest {
                    prompt: &prompt,
                    shot: &shot,
                    seeds: &[1],
                })
                .await
                .expect("create")
                .media;
            let url = loop {
                tokio::time::sleep(INTERVAL).await;
                let r = cl.poll(&media).await.expect("poll");
                if r.media[0].state == RemoteState::Succeeded {
                    break r.media[0].video_url.clone();
                }
            };
            let mut progress = |_: u64, _: Option<u64>| {};
            cl.download(
                &media[0],
                url.as_deref(),
                &dir.join(format!("{i}.part")),
                &mut progress,
            )
            .await
            .expect("download");
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let wall = started.elapsed().as_secs_f64();
    std::fs::remove_dir_all(dir).ok();
    (sim.report(), wall)
}

fn figures(r: &Report, n: usize) -> (f64, f64) {
    let polls: u64 = r.accounts.iter().map(|a| a.polls).sum();
    let requests: u64 = r.accounts.iter().map(|a| a.requests).sum::<u64>() + r.cdn_requests;
    (polls as f64 / n as f64, requests as f64 / n as f64)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (n, m, c) = if quick { (12, 3, 4) } else { (48, 3, 4) };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (ours, ours_wall) = rt.block_on(flowdeck(n, m, c));
    let (theirs, theirs_wall) = rt.block_on(per_take(n, m, c));
    let (op, ot) = figures(&ours, n);
    let (tp, tt) = figures(&theirs, n);
    println!(
        "requests: N={n} takes over M={m} accounts, C={c} at once, G={:.0} s, status every {:.2} s",
        GENERATION.as_secs_f64(),
        INTERVAL.as_secs_f64()
    );
    println!(
        "requests: flowdeck (one status call per account) : {op:5.2} status calls/take, {ot:5.2} HTTP requests/take, {ours_wall:.1} s"
    );
    println!(
        "requests: each take polled on its own            : {tp:5.2} status calls/take, {tt:5.2} HTTP requests/take, {theirs_wall:.1} s"
    );
    println!(
        "requests: flowdeck makes {:.1}× fewer status calls and {:.1}× fewer requests",
        tp / op,
        tt / ot
    );
}
