//! A big ledger: 100,000 takes in 2,000 batches (the last one still waiting). The reads a
//! person waits for — `flowdeck status`, the window's start to its first painted frame, and
//! resume finding the unfinished work — timed on that ledger and, side by side in the same
//! run, on a copy as it was before migration 10's indices and on one without any index.
//! Release build; prints figures, asserts nothing. `-- --quick`: 20,000 takes in 400
//! batches, fewer runs.
//!
//!     cargo bench --bench big_ledger

#[path = "support/ledger.rs"]
mod ledger;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use flowdeck::store::ledger::Ledger;
use flowdeck::ui::{App, boot};
use iced_test::core::renderer::Headless;
use iced_test::core::{Size, mouse, renderer as core_renderer};
use iced_test::runtime::user_interface::{Cache, UserInterface};

const BIN: &str = env!("CARGO_BIN_EXE_flowdeck");
const TAKES_PER_BATCH: usize = 50;
/// What migration 10 added.
const NEW_INDICES: [&str; 2] = ["takes_batch_state", "takes_retry_of"];

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}

/// `flowdeck status` on the data folder `data`, as a person types it.
fn status(data: &Path, config: &Path) -> Duration {
    let start = Instant::now();
    let out = Command::new(BIN)
        .arg("status")
        .arg("--config")
        .arg(config)
        .env("FLOWDECK_DATA_DIR", data)
        .env("FLOWDECK_KEYRING", "off")
        .env("FLOWDECK_LANG", "en")
        .output()
        .expect("status runs");
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// What `resume` (and the engine's start) does to find the work left: the unfinished takes,
/// the uncertain ones, and each of their batches' takes.
fn resume(rt: &tokio::runtime::Runtime, data: &Path) -> (Duration, usize) {
    rt.block_on(async {
        let start = Instant::now();
        let ledger = Ledger::open(&data.join("ledger.sqlite3")).expect("ledger");
        let mut found = ledger.unfinished().await.expect("unfinished");
        found.extend(ledger.uncertain().await.expect("uncertain"));
        let mut batches: Vec<_> = found.iter().map(|t| t.batch).collect();
        batches.dedup();
        for b in batches {
            ledger.current_takes(b).await.expect("takes");
        }
        (start.elapsed(), found.len())
    })
}

/// The window's own start (`ui::boot::start`: settings, ledger, bridge, engine, resume) to
/// its first frame built, laid out, drawn and rasterised at 1280×820.
fn window(data: &Path, config: &Path) -> Duration {
    // One runtime per start, dropped after, so no engine of an earlier start keeps running.
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    // SAFETY: set while no other thread of this process reads the environment (the runtime
    // above is idle).
    unsafe { std::env::set_var("FLOWDECK_DATA_DIR", data) };
    let start = Instant::now();
    let started = rt
        .block_on(boot::start(boot::Options {
            demo: false,
            config: Some(config.to_path_buf()),
            theme: None,
            language: None,
        }))
        .expect("window starts");
    let app = App::ready(started);
    let mut renderer = iced_test::futures::futures::executor::block_on(
        <iced_test::renderer::Renderer as Headless>::new(
            iced::Font::with_name("Fira Sans"),
            iced::Pixels(16.0),
            Some("tiny-skia"),
        ),
    )
    .expect("renderer");
    let theme = iced::Theme::Light;
    let mut ui = UserInterface::build(
        app.view(),
        Size::new(1280.0, 820.0),
        Cache::default(),
        &mut renderer,
    );
    ui.draw(
        &mut renderer,
        &theme,
        &core_renderer::Style {
            text_color: theme.palette().text,
        },
        mouse::Cursor::Unavailable,
    );
    let _ = renderer.screenshot(Size::new(1280, 820), 1.0, theme.palette().background);
    let took = start.elapsed();
    drop(ui);
    drop(app);
    drop(rt);
    took
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (batches, runs) = if quick { (400, 3) } else { (2_000, 11) };
    let takes = batches * TAKES_PER_BATCH;
    let dir = std::env::temp_dir().join(format!("flowdeck-bench-ledger-{}", std::process::id()));
    let (with, before, without) = (
        dir.join("with/data"),
        dir.join("before/data"),
        dir.join("without/data"),
    );
    for d in [&with, &before, &without] {
        std::fs::create_dir_all(d).expect("dir");
    }
    let config = dir.join("config.toml");
    // No account (nothing to sign in to); a bridge on any free port.
    std::fs::write(&config, "[bridge]\nport = 0\n").expect("settings");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let built = Instant::now();
    let l = rt.block_on(ledger::fill(
        &with.join("ledger.sqlite3"),
        batches,
        TAKES_PER_BATCH,
        1,
    ));
    drop(l);
    let ledger_in = |d: &Path| d.join("ledger.sqlite3");
    // As a ledger was before migration 10, and with no index at all.
    let added = copy_without(&ledger_in(&with), &ledger_in(&before), |n| {
        NEW_INDICES.contains(&n)
    });
    let dropped = copy_without(&ledger_in(&with), &ledger_in(&without), |_| true);
    let size = std::fs::metadata(with.join("ledger.sqlite3"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "big_ledger: {takes} takes in {batches} batches ({} MiB, built in {:.1} s); before = without {}; none = without {}",
        size >> 20,
        built.elapsed().as_secs_f64(),
        added.join(", "),
        dropped.join(", ")
    );
    type Runs = Vec<[Duration; 3]>;
    let (mut s, mut r, mut w): (Runs, Runs, Runs) = (Vec::new(), Vec::new(), Vec::new());
    let mut found = 0;
    // Warm the page cache for each, then take turns.
    for data in [&with, &before, &without] {
        status(data, &config);
    }
    for _ in 0..runs {
        let mut one = |data: &PathBuf| {
            let st = status(data, &config);
            let (rs, n) = resume(&rt, data);
            found = n;
            (st, rs, window(data, &config))
        };
        let a = one(&with);
        let b = one(&before);
        let c = one(&without);
        s.push([a.0, b.0, c.0]);
        r.push([a.1, b.1, c.1]);
        w.push([a.2, b.2, c.2]);
    }
    for (name, target, v) in [
        ("flowdeck status            ", "150", &s),
        ("window start → first frame ", "800", &w),
        ("resume: find the work left ", "200", &r),
    ] {
        let [a, b, c] = [0, 1, 2].map(|i| median(v.iter().map(|x| x[i]).collect()));
        println!(
            "big_ledger: {name} median {a:7.1} ms with the indices, {b:7.1} before migration 10 ({:.2}×), {c:7.1} with none ({:.2}×); target ≤ {target} ms",
            b / a,
            c / a
        );
    }
    println!("big_ledger: resume found {found} takes to finish; {runs} runs each, alternating");
    std::fs::remove_dir_all(&dir).ok();
}

/// Indices the ledger's migrations make (the tables' own keys stay).
fn indices(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .expect("indices");
    stmt.query_map([], |r| r.get(0))
        .expect("indices")
        .collect::<rusqlite::Result<_>>()
        .expect("indices")
}

/// A copy of the ledger at `from` at `to`, without the indices `drop` picks; their names.
fn copy_without(from: &Path, to: &Path, drop: impl Fn(&str) -> bool) -> Vec<String> {
    let conn = rusqlite::Connection::open(from).expect("sqlite");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    std::mem::drop(conn);
    std::fs::copy(from, to).expect("copy");
    let conn = rusqlite::Connection::open(to).expect("sqlite");
    let names: Vec<String> = indices(&conn).into_iter().filter(|n| drop(n)).collect();
    for n in &names {
        conn.execute_batch(&format!("DROP INDEX {n}"))
            .expect("drop");
    }
    names
}
