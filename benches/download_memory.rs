//! Peak memory of `flowdeck run` while it downloads a 1 GiB video, next to the same run with
//! a tiny video, side by side in one run. Prints figures; asserts nothing.
//!
//!     cargo bench --bench download_memory

use std::process::Stdio;
use std::time::{Duration, Instant};

use flowdeck::sim::{RunningSim, SimConfig};

const BIN: &str = env!("CARGO_BIN_EXE_flowdeck");

/// Runs `flowdeck run` for one take of `bytes` and returns (peak RSS in KiB, seconds).
async fn measure(bytes: u64) -> (i64, f64) {
    let sim = RunningSim::start(SimConfig {
        accounts: vec!["bench".into()],
        generation_time: Duration::from_millis(200),
        video_bytes: Some(bytes),
        ..SimConfig::default()
    })
    .await
    .expect("simulator");
    let dir = std::env::temp_dir().join(format!("flowdeck-bench-mem-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let a = &sim.accounts()[0];
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[flow]\nlabs_url = \"{}\"\napi_url = \"{}\"\n[engine]\npoll_interval_secs = 0.1\nsubmit_spacing_secs = 0\n\
             [[accounts]]\nname = \"bench\"\nsecret_env = \"FD_BENCH\"\nproject_id = \"{}\"\n",
            sim.labs_url(),
            sim.api_url(),
            a.project_id
        ),
    )
    .expect("config");
    std::fs::write(dir.join("p.txt"), "one scene\n").expect("prompts");
    let started = Instant::now();
    // Run it in a fresh process whose only child is flowdeck, so RUSAGE_CHILDREN is its peak.
    let status = tokio::process::Command::new(BIN)
        .args(["run", "p.txt", "--out", "out", "--config", "config.toml"])
        .current_dir(&dir)
        .env("FD_BENCH", a.secret.expose())
        .env("FLOWDECK_DATA_DIR", dir.join("data"))
        .env("FLOWDECK_KEYRING", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .await
        .expect("runs");
    let secs = started.elapsed().as_secs_f64();
    assert!(status.success(), "flowdeck run failed");
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    std::fs::remove_dir_all(&dir).ok();
    (usage.ru_maxrss, secs)
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    // RUSAGE_CHILDREN keeps the largest child so far: measure the small run first.
    let (small_kib, small_s) = rt.block_on(measure(64 << 10));
    let (big_kib, big_s) = rt.block_on(measure(1 << 30));
    println!(
        "download_memory: tiny video   peak RSS {:>7.1} MiB  ({small_s:.1} s)",
        small_kib as f64 / 1024.0
    );
    println!(
        "download_memory: 1 GiB video  peak RSS {:>7.1} MiB  ({big_s:.1} s, {:.0} MiB/s)",
        big_kib as f64 / 1024.0,
        1024.0 / big_s
    );
    println!(
        "download_memory: growth for 1 GiB: {:.1} MiB",
        (big_kib - small_kib) as f64 / 1024.0
    );
}
