//! Makespan against the ideal: N takes over M Flow accounts (each through its own browser on
//! the bridge), C at once each, against the simulator with a fixed generation time G. Wall
//! time from submit to the last file on disk, divided by ceil(N / (M·C))·G + the time to
//! download the bytes at loopback speed (measured in the same run). Also the status calls,
//! signing calls and HTTP requests per take. Prints figures; asserts nothing.
//!
//!     cargo bench --bench makespan [-- --quick]

#[path = "support/browsers.rs"]
mod browsers;
#[path = "support/makespan.rs"]
mod makespan;

use std::time::Duration;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let speed = rt.block_on(makespan::loopback_speed(256 << 20));
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
        let f = rt.block_on(makespan::run(n, m, c, Duration::from_millis(g), speed));
        println!(
            "makespan: N={n} M={m} C={c} G={:.1}s  wall {:.2} s  ideal {:.2} s  ratio {:.3} (target <= 1.10)  status calls/take {:.2}  signing calls/take {:.2}  HTTP requests/take {:.2}",
            g as f64 / 1000.0,
            f.wall,
            f.ideal,
            f.wall / f.ideal,
            f.polls_per_take,
            f.signs_per_take,
            f.requests_per_take
        );
    }
}
