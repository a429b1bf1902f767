//! Peak memory of `flowdeck run` while it downloads one 1 GiB video, and 100 × 10 MB videos,
//! next to the same run with tiny videos, side by side in one run. Each figure is the peak RSS
//! of that `flowdeck` process alone (wait4); its Flow accounts are stand-in browsers on its
//! bridge. At scale (issue 28): the same for 1,000, 2,000 and 3,000 takes of 2 MiB over 10
//! accounts, 4 at once each, and the growth per additional 1,000 takes. Prints figures;
//! asserts nothing.
//!
//!     cargo bench --bench download_memory [-- --quick]
//!
//! Unix only: the figures come from wait4.

#[cfg(unix)]
#[path = "../tests/it/kit/child.rs"]
mod child;

#[cfg(unix)]
use std::time::{Duration, Instant};

#[cfg(unix)]
use flowdeck::sim::{RunningSim, SimConfig};

#[cfg(unix)]
const BIN: &str = env!("CARGO_BIN_EXE_flowdeck");

/// Runs `flowdeck run` for `takes` videos of `bytes` each; returns (peak RSS in KiB, seconds).
#[cfg(unix)]
async fn measure(takes: usize, bytes: u64) -> (i64, f64) {
    let batch = Batch {
        accounts: 2,
        generation: Duration::from_millis(200),
        engine: "concurrency = 32\nmax_downloads = 8",
    };
    let r = measure_with(&batch, takes, bytes).await;
    (r.peak, r.secs)
}

/// What one `flowdeck run` used.
#[cfg(unix)]
struct Used {
    /// Peak RSS, KiB.
    peak: i64,
    /// Wall time, seconds.
    secs: f64,
    /// CPU time (user + system), seconds.
    cpu: f64,
}

/// How a batch is made: accounts, generation time, the settings' `[engine]` lines.
#[cfg(unix)]
struct Batch {
    accounts: usize,
    generation: Duration,
    engine: &'static str,
}

#[cfg(unix)]
async fn measure_with(batch: &Batch, takes: usize, bytes: u64) -> Used {
    let sim = RunningSim::start(SimConfig {
        accounts: (1..=batch.accounts).map(|i| format!("bench{i}")).collect(),
        generation_time: batch.generation,
        video_bytes: Some(bytes),
        credits: 10_000_000,
        ..SimConfig::default()
    })
    .await
    .expect("simulator");
    let dir = std::env::temp_dir().join(format!("flowdeck-bench-mem-{}", uuid::Uuid::new_v4()));
    // The settings file, and a stand-in browser per account that connects to the child's
    // bridge; kept alive until the child has finished.
    let setup = child::setup(&sim, dir.clone(), batch.engine);
    let prompts: String = (1..=takes).map(|i| format!("scene {i}\n")).collect();
    std::fs::write(dir.join("p.txt"), prompts).expect("prompts");
    let started = Instant::now();
    // Reaped below with wait4, which also gives this process's own peak memory.
    #[allow(clippy::zombie_processes)]
    let child = std::process::Command::new(BIN)
        .args(["run", "p.txt", "--out", "out", "--config"])
        .arg(&setup.config)
        .current_dir(&dir)
        .envs(setup.envs.iter().cloned())
        .env_remove("FLOWDECK_CONFIG")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("runs");
    let pid = child.id() as libc::pid_t;
    let (status, usage) = tokio::task::spawn_blocking(move || {
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waits for our own child and fills structs we own.
        unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        (status, usage)
    })
    .await
    .expect("wait");
    let secs = started.elapsed().as_secs_f64();
    drop(setup);
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "flowdeck run failed"
    );
    std::fs::remove_dir_all(&dir).ok();
    let time = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Used {
        peak: usage.ru_maxrss,
        secs,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
    }
}

#[cfg(unix)]
fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mib = |k: i64| k as f64 / 1024.0;
    let (tiny, tiny_s) = rt.block_on(measure(1, 64 << 10));
    println!(
        "download_memory: 1 tiny video        peak RSS {:7.1} MiB ({tiny_s:.1} s)",
        mib(tiny)
    );
    let (big, big_s) = rt.block_on(measure(1, if quick { 256 << 20 } else { 1 << 30 }));
    let label = if quick { "256 MiB" } else { "1 GiB" };
    println!(
        "download_memory: 1 × {label:<8}         peak RSS {:7.1} MiB ({big_s:.1} s)  growth {:5.1} MiB (target < 32)",
        mib(big),
        mib(big - tiny)
    );
    let (tiny100, t100_s) = rt.block_on(measure(100, 64 << 10));
    let (many, many_s) = rt.block_on(measure(100, 10 << 20));
    println!(
        "download_memory: 100 tiny videos     peak RSS {:7.1} MiB ({t100_s:.1} s)",
        mib(tiny100)
    );
    println!(
        "download_memory: 100 × 10 MB         peak RSS {:7.1} MiB ({many_s:.1} s)  growth {:5.1} MiB over 100 tiny, {:5.1} MiB over 1 tiny (target < 32)",
        mib(many),
        mib(many - tiny100),
        mib(many - tiny)
    );
    // At scale: 10 accounts, 4 at once each (makespan's batch), 2 MiB videos.
    let scale = Batch {
        accounts: 10,
        generation: Duration::from_millis(if quick { 500 } else { 1000 }),
        engine: "concurrency = 4\nmax_downloads = 40",
    };
    let sizes: &[usize] = if quick {
        &[400, 1000]
    } else {
        &[1000, 2000, 3000]
    };
    let mut runs = Vec::new();
    for &n in sizes {
        let u = rt.block_on(measure_with(&scale, n, 2 << 20));
        println!(
            "download_memory: {n:>5} takes × 2 MiB, M=10 C=4  peak RSS {:7.1} MiB ({:.1} s, CPU {:.1} s){}",
            mib(u.peak),
            u.secs,
            u.cpu,
            if n == 2000 { " (target <= 150)" } else { "" }
        );
        runs.push((n, u));
    }
    if let (Some((n0, a)), Some((n1, b))) = (runs.first(), runs.last()) {
        let per = 1000.0 / (n1 - n0) as f64;
        println!(
            "download_memory: per additional 1,000 takes: peak RSS {:+5.1} MiB, CPU {:+5.2} s ({n0} → {n1} takes)",
            mib(b.peak - a.peak) * per,
            (b.cpu - a.cpu) * per
        );
    }
}

#[cfg(not(unix))]
fn main() {
    println!("download_memory: peak RSS is read with wait4, on Unix only");
}
