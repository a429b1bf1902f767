//! Peak memory of `flowdeck run` while it downloads one 1 GiB video, and 100 × 10 MB videos,
//! next to the same run with tiny videos, side by side in one run. Each figure is the peak RSS
//! of that `flowdeck` process alone (wait4); its Flow accounts are stand-in browsers on its
//! bridge. Prints figures; asserts nothing.
//!
//!     cargo bench --bench download_memory [-- --quick]

#[path = "../tests/it/kit/child.rs"]
mod child;

use std::time::{Duration, Instant};

use flowdeck::sim::{RunningSim, SimConfig};

const BIN: &str = env!("CARGO_BIN_EXE_flowdeck");

/// Runs `flowdeck run` for `takes` videos of `bytes` each; returns (peak RSS in KiB, seconds).
async fn measure(takes: usize, bytes: u64) -> (i64, f64) {
    let accounts = 2;
    let sim = RunningSim::start(SimConfig {
        accounts: (1..=accounts).map(|i| format!("bench{i}")).collect(),
        generation_time: Duration::from_millis(200),
        video_bytes: Some(bytes),
        ..SimConfig::default()
    })
    .await
    .expect("simulator");
    let dir = std::env::temp_dir().join(format!("flowdeck-bench-mem-{}", uuid::Uuid::new_v4()));
    // The settings file, and a stand-in browser per account that connects to the child's
    // bridge; kept alive until the child has finished.
    let setup = child::setup(&sim, dir.clone(), "concurrency = 32\nmax_downloads = 8");
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
    (usage.ru_maxrss, secs)
}

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
}
