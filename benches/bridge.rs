//! What the browser bridge costs. (1) Round trip per RPC: the same read call (`nzlxg`, the
//! credit balance) made N times through a `BrowserLink` over the bridge's WebSocket to a
//! stand-in extension, and directly on a stand-in page without the bridge, alternating, same
//! run, same simulator; mean, p50 and p99 per call for both and the difference. (2) Makespan
//! against the ideal (the `makespan` bench's definition) for a batch whose every call goes
//! through the bridge. (3) At scale (issue 28): 10 browsers, 4 calls in flight on each, the
//! same call bridged and direct with the same concurrency, alternating rounds; p50 and p99 of
//! both and what the bridge adds. Prints figures; asserts nothing.
//!
//!     cargo bench --bench bridge [-- --quick]

#[path = "support/browsers.rs"]
mod browsers;
#[path = "support/makespan.rs"]
mod makespan;

use std::sync::Arc;
use std::time::{Duration, Instant};

use browsers::Browsers;
use flowdeck::provider::flow::requests;
use flowdeck::provider::flow::transport::Transport;
use flowdeck::sim::standin::DirectPage;
use flowdeck::sim::{RunningSim, SimConfig};

/// One `nzlxg` call through `t`, timed.
async fn timed_call(t: &dyn Transport) -> Duration {
    let started = Instant::now();
    let answer = t.call(requests::credits()).await.expect("an answer");
    let took = started.elapsed();
    assert_eq!(answer.status, 200, "nzlxg answered {}", answer.status);
    took
}

struct Stats {
    mean: f64,
    p50: f64,
    p99: f64,
}

/// In microseconds.
fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    let at = |q: f64| us(samples[((samples.len() - 1) as f64 * q).round() as usize]);
    Stats {
        mean: samples.iter().map(|d| us(*d)).sum::<f64>() / samples.len() as f64,
        p50: at(0.50),
        p99: at(0.99),
    }
}

async fn round_trip(n: usize) {
    let sim = RunningSim::start(SimConfig {
        accounts: vec!["rt".into()],
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let browsers = Browsers::start(&sim).await;
    let bridged = browsers.link(&sim, 0);
    let direct = DirectPage::new(sim.page("rt").expect("page")).await;
    // Both tabs loaded and every connection warm before measuring.
    for _ in 0..50 {
        timed_call(&bridged).await;
        timed_call(&direct).await;
    }
    let (mut b, mut d) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        d.push(timed_call(&direct).await);
        b.push(timed_call(&bridged).await);
    }
    let (b, d) = (stats(b), stats(d));
    println!(
        "bridge: round trip of one read RPC (nzlxg), {n} calls each, alternating, one at a time"
    );
    println!(
        "bridge: direct on the page       mean {:7.1} µs  p50 {:7.1} µs  p99 {:7.1} µs",
        d.mean, d.p50, d.p99
    );
    println!(
        "bridge: through the bridge       mean {:7.1} µs  p50 {:7.1} µs  p99 {:7.1} µs",
        b.mean, b.p50, b.p99
    );
    println!(
        "bridge: overhead per call        mean {:+7.1} µs  p50 {:+7.1} µs  p99 {:+7.1} µs  (ratio bridged/direct: mean {:.2}, p50 {:.2})",
        b.mean - d.mean,
        b.p50 - d.p50,
        b.p99 - d.p99,
        b.mean / d.mean,
        b.p50 / d.p50
    );
}

/// One round: `in_flight` tasks per transport, each making `calls` calls one after another;
/// every call's time.
async fn round(transports: &[Arc<dyn Transport>], in_flight: usize, calls: usize) -> Vec<Duration> {
    let mut tasks = Vec::new();
    for t in transports {
        for _ in 0..in_flight {
            let t = t.clone();
            tasks.push(tokio::spawn(async move {
                let mut took = Vec::with_capacity(calls);
                for _ in 0..calls {
                    took.push(timed_call(t.as_ref()).await);
                }
                took
            }));
        }
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("task"));
    }
    all
}

/// `browsers` accounts, each with its browser on the bridge and its page called directly,
/// `in_flight` calls at once on each; `rounds` alternating rounds of `calls` per task.
async fn at_scale(browsers: usize, in_flight: usize, rounds: usize, calls: usize) {
    let sim = RunningSim::start(SimConfig {
        accounts: (1..=browsers).map(|i| format!("rt{i}")).collect(),
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let standins = Browsers::start(&sim).await;
    let mut bridged: Vec<Arc<dyn Transport>> = Vec::new();
    let mut direct: Vec<Arc<dyn Transport>> = Vec::new();
    for (i, a) in sim.accounts().iter().enumerate() {
        bridged.push(Arc::new(standins.link(&sim, i)));
        direct.push(Arc::new(
            DirectPage::new(sim.page(&a.name).expect("page")).await,
        ));
    }
    // Every tab loaded and every connection warm before measuring.
    round(&bridged, in_flight, 20).await;
    round(&direct, in_flight, 20).await;
    let (mut b, mut d) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        d.extend(round(&direct, in_flight, calls).await);
        b.extend(round(&bridged, in_flight, calls).await);
    }
    let count = b.len();
    let (b, d) = (stats(b), stats(d));
    println!(
        "bridge: at scale, {browsers} browsers × {in_flight} calls in flight each, {count} calls each way in {rounds} alternating rounds"
    );
    println!(
        "bridge: at scale, direct on the page   mean {:7.1} µs  p50 {:7.1} µs  p99 {:7.1} µs",
        d.mean, d.p50, d.p99
    );
    println!(
        "bridge: at scale, through the bridge   mean {:7.1} µs  p50 {:7.1} µs  p99 {:7.1} µs",
        b.mean, b.p50, b.p99
    );
    println!(
        "bridge: at scale, added per call       mean {:+7.1} µs  p50 {:+7.1} µs  p99 {:+7.1} µs (target p99 <= 2000 µs)",
        b.mean - d.mean,
        b.p50 - d.p50,
        b.p99 - d.p99,
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(round_trip(if quick { 300 } else { 2000 }));
    if quick {
        rt.block_on(at_scale(10, 4, 2, 50));
    } else {
        rt.block_on(at_scale(10, 4, 4, 250));
    }
    let (n, m, c, g) = if quick {
        (24, 3, 4, Duration::from_millis(800))
    } else {
        (60, 3, 4, Duration::from_secs(2))
    };
    let speed = rt.block_on(makespan::loopback_speed(256 << 20));
    let f = rt.block_on(makespan::run(n, m, c, g, speed));
    println!(
        "bridge: makespan through the bridge, N={n} M={m} C={c} G={:.1}s: wall {:.2} s  ideal {:.2} s  ratio {:.3}  (loopback {:.0} MiB/s; status calls/take {:.2}, signing calls/take {:.2}, HTTP requests/take {:.2})",
        g.as_secs_f64(),
        f.wall,
        f.ideal,
        f.wall / f.ideal,
        speed / (1 << 20) as f64,
        f.polls_per_take,
        f.signs_per_take,
        f.requests_per_take
    );
}
