//! The window at scale. A Queue of 20,000 takes over 10 accounts while the engine's events
//! stream in (40 takes moving at once, 10 accounts × 4): update + view + layout per frame,
//! median and p99; then paging and wheel-scrolling the Queue, switching tabs, and opening
//! History on a ledger of 500 batches. Last, the peak RSS of the window's process with a
//! 2,000-take batch on screen (every take through to a real video on disk, thumbnails
//! decoded as the window asks for them), against the same window with no batch and with
//! 4,000, each in a process of its own (its `VmHWM`). Release build; prints figures, asserts
//! nothing. `-- --quick`: part of the stream, fewer repeats.
//!
//!     cargo bench --bench scale_window

#[path = "../tests/it/kit/window/idle.rs"]
mod idle;
#[path = "support/ledger.rs"]
mod ledger;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flowdeck::engine::{Event, LaneHealth, TakeUpdate};
use flowdeck::model::TakeState;
use flowdeck::ui::{App, Message, Screen, history, queue};
use iced_test::core::renderer::Headless;
use iced_test::core::{Point, Size, clipboard, mouse, renderer as core_renderer};
use iced_test::runtime::user_interface::{Cache, UserInterface};

const ACCOUNTS: usize = 10;
/// Takes moving at once: 10 accounts × 4.
const AT_ONCE: i64 = 40;
const SIZE: Size = Size::new(1280.0, 820.0);

type Renderer = iced_test::renderer::Renderer;

fn renderer() -> Renderer {
    iced_test::futures::futures::executor::block_on(<Renderer as Headless>::new(
        iced::Font::with_name("Fira Sans"),
        iced::Pixels(16.0),
        Some("tiny-skia"),
    ))
    .expect("renderer")
}

fn names() -> Vec<String> {
    (0..ACCOUNTS).map(|i| format!("acc{i}")).collect()
}

fn temp(what: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "flowdeck-bench-scale-{what}-{}",
        std::process::id()
    ))
}

fn update(take: i64, state: TakeState, videos: &Path) -> Event {
    Event::Take(TakeUpdate {
        take,
        batch: 1,
        scene: take as u32,
        copy: 1,
        account: Some(format!("acc{}", take as usize % ACCOUNTS)),
        state,
        message: (state == TakeState::Failed).then(|| {
            flowdeck::message::Message::verbatim("refused (PUBLIC_ERROR_UNSAFE_GENERATION)")
        }),
        path: (state == TakeState::Done).then(|| videos.join(format!("{take}.mp4"))),
        bytes: (state == TakeState::Done).then_some(3 << 20),
        failure: None,
        revisable: false,
        upscalable: false,
        holds: Vec::new(),
    })
}

/// The batch announced, then the engine's events as the link delivers them (one burst per
/// 50 ms): each burst moves the next [`AT_ONCE`] takes one step further, with download
/// progress and lane health for every account.
fn bursts(takes: i64, videos: &Path) -> Vec<Vec<Event>> {
    let infos = (1..=takes)
        .map(|t| {
            idle::info(
                t,
                t as u32,
                &format!("scene {t}: a quiet harbour at dawn, gulls, slow pan"),
            )
        })
        .collect();
    let mut out = vec![vec![Event::Batch {
        batch: 1,
        label: "series".into(),
        takes: infos,
        resumed: false,
    }]];
    let phases = [
        TakeState::Assigned,
        TakeState::Submitting,
        TakeState::Generating,
        TakeState::Ready,
        TakeState::Downloading,
        TakeState::Done,
    ];
    let chunks = takes / AT_ONCE;
    for step in 0..chunks + phases.len() as i64 {
        let mut burst = Vec::new();
        for (p, &phase) in phases.iter().enumerate() {
            let chunk = step - p as i64;
            if !(0..chunks).contains(&chunk) {
                continue;
            }
            for t in chunk * AT_ONCE + 1..=(chunk + 1) * AT_ONCE {
                let state = if phase == TakeState::Done && t % 50 == 0 {
                    TakeState::Failed
                } else {
                    phase
                };
                burst.push(update(t, state, videos));
            }
        }
        let downloading = (step - 4).max(0) * AT_ONCE;
        for a in 0..ACCOUNTS {
            burst.push(Event::Progress {
                account: format!("acc{a}"),
                takes: (downloading + 1..=downloading + AT_ONCE)
                    .filter(|t| *t as usize % ACCOUNTS == a && *t <= takes)
                    .map(|t| (t, 1 << 20, Some(3 << 20)))
                    .collect(),
            });
            burst.push(Event::Lane {
                account: format!("acc{a}"),
                health: LaneHealth::Ready,
                in_flight: 4,
            });
        }
        out.push(burst);
    }
    out
}

struct Frame {
    update: Duration,
    view: Duration,
    layout: Duration,
}

/// One frame: `message` applied, the view built and laid out (the cache kept, as the window
/// keeps it).
fn frame(
    app: &mut App,
    message: Option<Message>,
    cache: &mut Cache,
    renderer: &mut Renderer,
) -> (Frame, iced::Task<Message>) {
    let start = Instant::now();
    let task = match message {
        Some(m) => app.update(m),
        None => iced::Task::none(),
    };
    // The runtime asks for the subscriptions after every update.
    let _ = app.subscription();
    let update = start.elapsed();
    let start = Instant::now();
    let element = app.view();
    let view = start.elapsed();
    let start = Instant::now();
    let ui = UserInterface::build(element, SIZE, std::mem::take(cache), renderer);
    let layout = start.elapsed();
    *cache = ui.into_cache();
    (
        Frame {
            update,
            view,
            layout,
        },
        task,
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median, p99 and max, in milliseconds.
fn spread(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let at = |q: f64| ms(v[((v.len() - 1) as f64 * q).round() as usize]);
    (at(0.5), at(0.99), at(1.0))
}

fn print(what: &str, v: Vec<Duration>) {
    let (p50, p99, max) = spread(v);
    println!("scale_window: {what:<44} median {p50:7.2} ms  p99 {p99:7.2} ms  max {max:7.2} ms");
}

/// Item 3: the Queue of 20,000 takes, scrolling, tabs, History.
fn queue_and_tabs(quick: bool) {
    let takes: i64 = 20_000;
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = temp("queue");
    let mut app = idle::idle_app(&rt, &dir, &names(), Vec::new());
    let _ = app.update(Message::Show(Screen::Queue));
    let mut renderer = renderer();
    let mut cache = Cache::default();
    let mut all = bursts(takes, &dir.join("videos"));
    let events: usize = all.iter().map(Vec::len).sum();
    if quick {
        // The announcement, the first 60 bursts and the last 20 (a Queue mostly done).
        let tail = all.split_off(all.len() - 20);
        all.truncate(61);
        all.extend(tail);
    }
    let mut frames = Vec::new();
    for burst in all {
        frames.push(
            frame(
                &mut app,
                Some(Message::Engine(burst)),
                &mut cache,
                &mut renderer,
            )
            .0,
        );
    }
    let announce = frames.remove(0);
    println!(
        "scale_window: {takes} takes over {ACCOUNTS} accounts, {events} events in {} bursts{} (Queue, 1280x820)",
        frames.len() + 1,
        if quick {
            " (quick: part of the stream)"
        } else {
            ""
        }
    );
    println!(
        "scale_window: the batch announced (20,000 takes at once): update {:.2} ms, view + layout {:.2} ms",
        ms(announce.update),
        ms(announce.view + announce.layout)
    );
    print(
        "update + view + layout per frame",
        frames
            .iter()
            .map(|f| f.update + f.view + f.layout)
            .collect(),
    );
    print("  update", frames.iter().map(|f| f.update).collect());
    print("  view", frames.iter().map(|f| f.view).collect());
    print("  layout", frames.iter().map(|f| f.layout).collect());

    let repeats = if quick { 5 } else { 40 };
    // Paging through the batch (the Queue builds one page of rows).
    let pages: Vec<Duration> = (0..repeats)
        .map(|i| {
            let m = Message::Queue(queue::Message::Page(1, (i * 7) % 400));
            let (f, _) = frame(&mut app, Some(m), &mut cache, &mut renderer);
            f.update + f.view + f.layout
        })
        .collect();
    print("Queue: next page, update + view + layout", pages);
    // Wheel-scrolling the Queue: the event through the built interface, then the frame
    // drawn (recorded) and rasterised on the CPU.
    let theme = iced::Theme::Light;
    let style = core_renderer::Style {
        text_color: theme.palette().text,
    };
    let (mut handle, mut draw, mut raster) = (Vec::new(), Vec::new(), Vec::new());
    let mut ui = UserInterface::build(app.view(), SIZE, std::mem::take(&mut cache), &mut renderer);
    for i in 0..repeats {
        let dy = if i % 10 < 5 { -3.0 } else { 3.0 };
        let start = Instant::now();
        let mut messages = Vec::new();
        ui.update(
            &[iced::Event::Mouse(mouse::Event::WheelScrolled {
                delta: mouse::ScrollDelta::Lines { x: 0.0, y: dy },
            })],
            mouse::Cursor::Available(Point::new(640.0, 500.0)),
            &mut renderer,
            &mut clipboard::Null,
            &mut messages,
        );
        handle.push(start.elapsed());
        let start = Instant::now();
        ui.draw(&mut renderer, &theme, &style, mouse::Cursor::Unavailable);
        draw.push(start.elapsed());
        let start = Instant::now();
        let _ = renderer.screenshot(Size::new(1280, 820), 1.0, theme.palette().background);
        raster.push(start.elapsed());
    }
    cache = ui.into_cache();
    print(
        "Queue: wheel scroll, event + draw",
        handle.iter().zip(&draw).map(|(a, b)| *a + *b).collect(),
    );
    print("  full-window raster (tiny-skia, CPU)", raster);
    // Switching tabs.
    let screens = [
        Screen::History,
        Screen::Accounts,
        Screen::Settings,
        Screen::Compose,
        Screen::Queue,
    ];
    let tabs: Vec<Duration> = (0..repeats)
        .flat_map(|_| screens)
        .map(|s| {
            let (f, _) = frame(&mut app, Some(Message::Show(s)), &mut cache, &mut renderer);
            f.update + f.view + f.layout
        })
        .collect();
    print("switch tab, update + view + layout", tabs);
    drop(app);
    std::fs::remove_dir_all(&dir).ok();

    // History on a ledger of 500 batches (50 takes each).
    let dir = temp("history");
    std::fs::create_dir_all(&dir).expect("dir");
    let ledger = rt.block_on(ledger::fill(&dir.join("ledger.sqlite3"), 500, 50, 0));
    let mut app = idle::idle_app_on(&rt, &dir, &names(), Vec::new(), ledger.clone());
    let (mut read, mut shown) = (Vec::new(), Vec::new());
    for _ in 0..repeats.min(10) {
        let _ = app.update(Message::Show(Screen::Queue));
        let start = Instant::now();
        // What the window's History asks the ledger when it opens, then the screen.
        let batches = rt.block_on(ledger.batches()).map_err(|e| format!("{e:?}"));
        read.push(start.elapsed());
        let start = Instant::now();
        let _ = app.update(Message::History(history::Message::Loaded(batches)));
        let (f, _) = frame(
            &mut app,
            Some(Message::Show(Screen::History)),
            &mut cache,
            &mut renderer,
        );
        let _ = f;
        shown.push(start.elapsed());
    }
    print(
        "History, 500 batches: ledger read + screen built",
        read.iter().zip(&shown).map(|(a, b)| *a + *b).collect(),
    );
    print("  ledger read (Ledger::batches)", read);
    print("  update + view + layout", shown);
    drop(app);
    std::fs::remove_dir_all(&dir).ok();
}

/// Runs a task the window returned as its runtime would, giving back the decoded thumbnails.
fn run_thumbs(rt: &tokio::runtime::Runtime, app: &mut App, task: iced::Task<Message>) {
    use iced_test::futures::futures::StreamExt;
    let Some(stream) = iced_runtime::task::into_stream(task) else {
        return;
    };
    let actions: Vec<_> = rt.block_on(stream.collect());
    for a in actions {
        if let iced_runtime::Action::Output(m @ Message::Thumbs(_)) = a {
            let t = app.update(m);
            run_thumbs(rt, app, t);
        }
    }
}

/// The child: the window with a batch of `takes` (maybe none) on screen, every take
/// through to a video on disk; prints its peak RSS in KiB.
fn window_child(takes: i64) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = temp(&format!("rss-{takes}"));
    let videos = dir.join("videos");
    std::fs::create_dir_all(&videos).expect("dir");
    let clip = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sim/clip.mp4");
    for t in 1..=takes {
        // One clip, a name per take (links: the disk stays small).
        std::fs::hard_link(&clip, videos.join(format!("{t}.mp4")))
            .or_else(|_| std::fs::copy(&clip, videos.join(format!("{t}.mp4"))).map(|_| ()))
            .expect("video");
    }
    let mut app = idle::idle_app(&rt, &dir, &names(), Vec::new());
    let _ = app.update(Message::Show(Screen::Queue));
    let mut renderer = renderer();
    let mut cache = Cache::default();
    let theme = iced::Theme::Light;
    let style = core_renderer::Style {
        text_color: theme.palette().text,
    };
    let all = if takes > 0 {
        bursts(takes, &videos)
    } else {
        vec![Vec::new()]
    };
    for burst in all {
        let (_, task) = frame(
            &mut app,
            Some(Message::Engine(burst)),
            &mut cache,
            &mut renderer,
        );
        run_thumbs(&rt, &mut app, task);
        let mut ui =
            UserInterface::build(app.view(), SIZE, std::mem::take(&mut cache), &mut renderer);
        ui.draw(&mut renderer, &theme, &style, mouse::Cursor::Unavailable);
        let _ = renderer.screenshot(Size::new(1280, 820), 1.0, theme.palette().background);
        cache = ui.into_cache();
    }
    std::fs::remove_dir_all(&dir).ok();
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmHWM");
    println!("{hwm}");
}

/// Peak RSS of a child running [`window_child`] with `takes`, in MiB: its own high-water mark
/// (`VmHWM`, which it prints as it ends; a child's `wait4` figure starts from this process's
/// size when it forked).
fn peak_rss(takes: i64) -> f64 {
    let out = std::process::Command::new(std::env::current_exe().expect("exe"))
        .arg("--window-child")
        .arg(takes.to_string())
        .output()
        .expect("child");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kib: f64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("VmHWM");
    kib / 1024.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--window-child") {
        window_child(args[i + 1].parse().expect("takes"));
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    queue_and_tabs(quick);
    // Peak RSS varies by a few MiB from run to run (decoding threads, glyph caches): the
    // median of three children each.
    let tries = if quick { 1 } else { 3 };
    let rss: Vec<(i64, f64)> = [0, 2_000, 4_000]
        .into_iter()
        .map(|n| {
            let mut v: Vec<f64> = (0..tries).map(|_| peak_rss(n)).collect();
            v.sort_by(f64::total_cmp);
            (n, v[v.len() / 2])
        })
        .collect();
    for (n, mib) in &rss {
        println!(
            "scale_window: window peak RSS, {n:>5} takes on screen: {mib:6.1} MiB (target ≤ 250 MiB at 2,000)"
        );
    }
    println!(
        "scale_window: window RSS growth per 1,000 more takes (2,000 → 4,000): {:.1} MiB",
        (rss[2].1 - rss[1].1) / 2.0
    );
}
