//! Makespan against the ideal: N takes over M Flow accounts (each through its own browser on
//! the bridge), C at once each, against the simulator with a fixed generation time G. Wall
//! time from submit to the last file on disk, divided by ceil(N / (M·C))·G + the time to
//! download the bytes at loopback speed (measured in the same run). Also the status calls,
//! signing calls and HTTP requests per take, and for the scale case (issue 28: 2,000 takes
//! over 10 accounts) the status calls per take of the same batch with each take polled on its
//! own, in the same run. Prints figures; asserts nothing.
//!
//!     cargo bench --bench makespan [-- --quick]

#[path = "support/browsers.rs"]
mod browsers;
#[path = "support/makespan.rs"]
mod makespan;

use std::time::Duration;

struct Case {
    n: usize,
    m: usize,
    c: usize,
    g: u64,
    target: f64,
    /// Also poll each take on its own, for the status calls per take.
    per_take: bool,
}

const fn case(n: usize, m: usize, c: usize, g: u64, target: f64, per_take: bool) -> Case {
    Case {
        n,
        m,
        c,
        g,
        target,
        per_take,
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let speed = rt.block_on(makespan::loopback_speed(256 << 20));
    println!(
        "makespan: loopback download speed {:.0} MiB/s",
        speed / (1 << 20) as f64
    );
    let cases: &[Case] = if quick {
        &[
            case(60, 3, 4, 2000, 1.10, false),
            case(400, 10, 4, 1000, 1.05, true),
        ]
    } else {
        &[
            case(60, 3, 4, 2000, 1.10, false),
            case(600, 10, 4, 2000, 1.10, false),
            case(2000, 10, 4, 2000, 1.05, true),
        ]
    };
    for k in cases {
        let (n, m, c) = (k.n, k.m, k.c);
        let g = Duration::from_millis(k.g);
        let f = rt.block_on(makespan::run(n, m, c, g, speed));
        println!(
            "makespan: N={n} M={m} C={c} G={:.1}s  wall {:.2} s  ideal {:.2} s  ratio {:.3} (target <= {:.2})  status calls/take {:.2}  signing calls/take {:.2}  HTTP requests/take {:.2}",
            g.as_secs_f64(),
            f.wall,
            f.ideal,
            f.wall / f.ideal,
            k.target,
            f.polls_per_take,
            f.signs_per_take,
            f.requests_per_take
        );
        // The waves alone, without the download time the ideal adds serially.
        let waves = n.div_ceil(m * c) as f64 * g.as_secs_f64();
        println!(
            "makespan: N={n} M={m} C={c} wall / (waves × G alone = {waves:.2} s) {:.3}",
            f.wall / waves
        );
        if k.per_take {
            let (r, wall) = rt.block_on(makespan::per_take(
                n,
                m,
                c,
                g,
                makespan::VIDEO,
                makespan::POLL,
            ));
            let theirs = r.accounts.iter().map(|a| a.polls).sum::<u64>() as f64 / n as f64;
            println!(
                "makespan: N={n} M={m} C={c} the same batch, each take polled on its own: status calls/take {theirs:.2} ({wall:.2} s)  flowdeck/per-take {:.3} (target <= 1/C = {:.3})",
                f.polls_per_take / theirs,
                1.0 / c as f64
            );
        }
    }
}
