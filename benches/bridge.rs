//! What the browser bridge costs. (1) Round trip per RPC: the same read call (`nzlxg`, the
//! credit balance) made N times through a `BrowserLink` over the bridge's WebSocket to a
//! stand-in extension, and directly on a stand-in page without the bridge, alternating, same
//! run, same simulator; mean, p50 and p99 per call for both and the difference. (2) Makespan
//! against the ideal (the `makespan` bench's definition) for a batch whose every call goes
//! through the bridge. Prints figures; asserts nothing.
//!
//!     cargo bench --bench bridge [-- --quick]

#[path = "support/browsers.rs"]
mod browsers;
#[path = "support/makespan.rs"]
mod makespan;

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

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(round_trip(if quick { 300 } else { 2000 }));
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
