//! Time per frame of the window under a burst of engine events for 1,000 takes over 5
//! accounts: update (applying the events), view + layout, and drawing, side by side.
//! Release build; prints figures, asserts nothing.
//!
//!     cargo bench --bench ui_frame

#[path = "../tests/it/kit/window/idle.rs"]
mod idle;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use flowdeck::engine::{Event, LaneHealth, TakeUpdate};
use flowdeck::model::TakeState;
use flowdeck::ui::{App, Message, Screen};
use iced_test::core::renderer::Headless;
use iced_test::core::{Size, mouse, renderer as core_renderer};
use iced_test::runtime::user_interface::{Cache, UserInterface};

const TAKES: i64 = 1000;
const ACCOUNTS: usize = 5;

fn app(rt: &tokio::runtime::Runtime) -> App {
    let dir = std::env::temp_dir().join(format!("flowdeck-bench-ui-{}", uuid::Uuid::new_v4()));
    let names: Vec<String> = (0..ACCOUNTS).map(|i| format!("acc{i}")).collect();
    idle::idle_app(rt, &dir, &names, Vec::new())
}

fn update(take: i64, state: TakeState) -> Event {
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
        path: (state == TakeState::Done)
            .then(|| PathBuf::from(format!("/v/{take:04}_scene_1.mp4"))),
        bytes: (state == TakeState::Done).then_some(3 << 20),
        failure: None,
        revisable: false,
        upscalable: false,
        holds: Vec::new(),
    })
}

/// Events in the order a busy engine sends them, in 50 ms batches as the link delivers them.
fn bursts() -> Vec<Vec<Event>> {
    let takes = (1..=TAKES)
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
        label: "bench".into(),
        takes,
        resumed: false,
    }]];
    for phase in [
        TakeState::Assigned,
        TakeState::Submitting,
        TakeState::Generating,
        TakeState::Ready,
        TakeState::Downloading,
    ] {
        out.push((1..=TAKES).map(|t| update(t, phase)).collect());
    }
    for round in 1..=10u64 {
        let mut b: Vec<Event> = (0..ACCOUNTS)
            .map(|a| Event::Progress {
                account: format!("acc{a}"),
                takes: (1..=TAKES)
                    .filter(|t| *t as usize % ACCOUNTS == a)
                    .map(|t| (t, round * (300 << 10), Some(3 << 20)))
                    .collect(),
            })
            .collect();
        b.extend((0..ACCOUNTS).map(|a| Event::Lane {
            account: format!("acc{a}"),
            health: LaneHealth::Ready,
            in_flight: 200,
        }));
        out.push(b);
    }
    out.push(
        (1..=TAKES)
            .map(|t| {
                update(
                    t,
                    if t % 50 == 0 {
                        TakeState::Failed
                    } else {
                        TakeState::Done
                    },
                )
            })
            .collect(),
    );
    out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let mut app = app(&rt);
    let _ = app.update(Message::Show(Screen::Queue));
    let size = Size::new(1280.0, 820.0);
    let mut renderer = iced_test::futures::futures::executor::block_on(
        <iced_test::renderer::Renderer as Headless>::new(
            iced::Font::with_name("Fira Sans"),
            iced::Pixels(16.0),
            Some("tiny-skia"),
        ),
    )
    .expect("renderer");
    let theme = iced::Theme::Light;
    let style = core_renderer::Style {
        text_color: theme.palette().text,
    };
    // The window keeps its widget cache between frames; so does this loop.
    let mut cache = Cache::default();
    let (mut t_update, mut t_view, mut t_layout, mut t_draw) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let bursts = bursts();
    let events: usize = bursts.iter().map(Vec::len).sum();
    // Each burst, then a quiet frame (a redraw with nothing new), as the window sees them.
    for burst in bursts.into_iter().flat_map(|b| [Some(b), None]) {
        let start = Instant::now();
        if let Some(burst) = burst {
            let _ = app.update(Message::Engine(burst));
        }
        t_update.push(start.elapsed());
        let start = Instant::now();
        let element = app.view();
        t_view.push(start.elapsed());
        let start = Instant::now();
        let mut ui = UserInterface::build(element, size, std::mem::take(&mut cache), &mut renderer);
        t_layout.push(start.elapsed());
        let start = Instant::now();
        ui.draw(&mut renderer, &theme, &style, mouse::Cursor::Unavailable);
        let _ = renderer.screenshot(
            iced_test::core::Size::new(1280, 820),
            1.0,
            theme.palette().background,
        );
        t_draw.push(start.elapsed());
        cache = ui.into_cache();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let frames = t_update.len();
    let total: Vec<Duration> = (0..frames)
        .map(|i| t_update[i] + t_view[i] + t_layout[i] + t_draw[i])
        .collect();
    println!(
        "ui_frame: {TAKES} takes over {ACCOUNTS} accounts, {events} events, {frames} frames (queue screen, 1280x820)"
    );
    for (name, v) in [
        ("update", &t_update),
        ("view", &t_view),
        ("layout", &t_layout),
        ("draw+raster", &t_draw),
        ("whole frame", &total),
    ] {
        println!(
            "ui_frame: {name:<12} median {:7.2} ms  max {:7.2} ms",
            ms(median(v.clone())),
            ms(*v.iter().max().expect("some"))
        );
    }
}
