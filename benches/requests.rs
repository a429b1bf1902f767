//! Request efficiency: status calls (`jwpduf`), signing calls (`as29s`) and creates per
//! finished take, and every HTTP request per take, flowdeck's batched polling (one status call
//! per account per interval for all its videos) next to polling each take on its own (what the
//! tool flowdeck replaces did), same takes, interval and concurrency, each against its own
//! simulator and through the browser bridge. Prints figures; asserts nothing.
//!
//!     cargo bench --bench requests [-- --quick]

#[path = "support/browsers.rs"]
mod browsers;
#[path = "support/makespan.rs"]
mod makespan;

use std::sync::Arc;
use std::time::{Duration, Instant};

use browsers::{Browsers, flow_config};
use flowdeck::engine::{Engine, EngineConfig, Event, LaneSpec};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene};
use flowdeck::provider::Client;
use flowdeck::sim::{Report, RunningSim, SimConfig};
use flowdeck::store::ledger::Ledger;

const INTERVAL: Duration = Duration::from_millis(250);
const GENERATION: Duration = Duration::from_secs(3);
const SPACING: Duration = Duration::from_millis(10);
const VIDEO: u64 = 256 << 10;

async fn start_sim(m: usize) -> RunningSim {
    RunningSim::start(SimConfig {
        accounts: (1..=m).map(|i| format!("acc{i}")).collect(),
        generation_time: GENERATION,
        video_bytes: Some(VIDEO),
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
    make(n, 1, 4, m, c).await
}

/// `n` scenes of `copies` each, a create carrying up to `per_create` copies.
async fn make(n: usize, copies: u8, per_create: usize, m: usize, c: usize) -> (Report, f64) {
    let sim = start_sim(m).await;
    let browsers = Browsers::start(&sim).await;
    let dir = temp();
    let ledger = Ledger::open(&dir.join("l.sqlite3")).expect("ledger");
    let lanes = (0..m)
        .map(|i| LaneSpec {
            name: sim.accounts()[i].name.clone(),
            client: Arc::new(Client::Flow(browsers.client_with(
                &sim,
                i,
                flowdeck::provider::flow::FlowConfig {
                    copies_per_create: per_create,
                    ..flow_config(&sim, SPACING)
                },
            ))),
            concurrency: c,
        })
        .collect();
    let cfg = EngineConfig {
        submit_spacing: SPACING,
        poll_interval: INTERVAL,
        max_downloads: 8,
        deadline: Duration::from_secs(600),
    };
    let (engine, mut events) = Engine::start(cfg, ledger, lanes).await.expect("engine");
    let scenes = (1..=n)
        .map(|i| {
            Scene::new(
                format!("scene {i}"),
                Model::Veo31Fast,
                Aspect::Landscape,
                copies,
            )
        })
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
            caps: Default::default(),
        })
        .await
        .expect("submit");
    while !matches!(
        events.recv().await,
        Some(Event::BatchFinished { .. }) | None
    ) {}
    let wall = started.elapsed().as_secs_f64();
    engine.shutdown();
    drop(browsers);
    std::fs::remove_dir_all(dir).ok();
    (sim.report(), wall)
}

/// Per take: status calls, signing calls, creates, and HTTP requests (everything with the
/// account's cookie: page loads, reCAPTCHA mints, batchexecute; plus the CDN's).
struct PerTake {
    polls: f64,
    signs: f64,
    creates: f64,
    requests: f64,
}

fn figures(r: &Report, n: usize) -> PerTake {
    let sum = |f: fn(&flowdeck::sim::report::AccountReport) -> u64| -> f64 {
        r.accounts.iter().map(f).sum::<u64>() as f64 / n as f64
    };
    PerTake {
        polls: sum(|a| a.polls),
        signs: sum(|a| a.signs),
        creates: sum(|a| a.create_calls),
        requests: sum(|a| a.requests) + r.cdn_requests as f64 / n as f64,
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (n, m, c) = if quick { (12, 3, 4) } else { (48, 3, 4) };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (ours, ours_wall) = rt.block_on(flowdeck(n, m, c));
    let (theirs, theirs_wall) =
        rt.block_on(makespan::per_take(n, m, c, GENERATION, VIDEO, INTERVAL));
    let o = figures(&ours, n);
    let t = figures(&theirs, n);
    println!(
        "requests: N={n} takes over M={m} accounts, C={c} at once, G={:.0} s, status every {:.2} s",
        GENERATION.as_secs_f64(),
        INTERVAL.as_secs_f64()
    );
    for (label, f, wall) in [
        ("flowdeck (one status call per account)", &o, ours_wall),
        ("each take polled on its own           ", &t, theirs_wall),
    ] {
        println!(
            "requests: {label}: {:5.2} status calls/take, {:4.2} signing calls/take, {:4.2} creates/take, {:5.2} HTTP requests/take, {wall:.1} s",
            f.polls, f.signs, f.creates, f.requests
        );
    }
    println!(
        "requests: flowdeck makes {:.1}× fewer status calls and {:.1}× fewer requests",
        t.polls / o.polls,
        t.requests / o.requests
    );
    // Copies of a scene in one create (one reCAPTCHA token) next to one create per copy.
    let scenes = if quick { 3 } else { 12 };
    let videos = scenes * 4;
    for (label, per_create) in [("one create per copy", 1), ("copies in one create", 4)] {
        let (r, wall) = rt.block_on(make(scenes, 4, per_create, m, c));
        let per = |f: fn(&flowdeck::sim::report::AccountReport) -> u64| {
            r.accounts.iter().map(f).sum::<u64>() as f64 / videos as f64
        };
        println!(
            "copies: {scenes} scenes × 4 copies, {label:<20}: {:.2} reCAPTCHA mints/video, {:.2} creates/video, {wall:.1} s",
            per(|a| a.captcha_mints),
            per(|a| a.create_calls),
        );
    }
}
