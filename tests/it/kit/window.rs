//! The window around a real engine with no network, for the window's tests (iced_test's
//! Simulator on the real views and update functions): `Window::new()`, or
//! `Window::with_lanes(["alice"])` for an engine with alice's lane in it.

use flowdeck::words::Said;
use std::path::PathBuf;

use flowdeck::engine::{Event, LaneHealth, TakeInfo, TakeUpdate};
use flowdeck::model::TakeState;
use flowdeck::ui::App;

mod fixture;
pub mod idle;
pub use idle::info;
pub mod repaint;
pub use fixture::{Window, assigned, made_on_alice, paste};

pub const ACCOUNTS: [&str; 3] = ["alice", "bob", "carol"];

pub fn temp(tag: &str) -> PathBuf {
    super::temp_dir(&format!("ui-{tag}"))
}

/// The window with accounts that could not start (`problems`: name and why).
fn app_with(rt: &tokio::runtime::Runtime, problems: Vec<(String, String)>) -> App {
    let names: Vec<String> = ACCOUNTS.iter().map(|a| a.to_string()).collect();
    idle::idle_app(rt, &temp("app"), &names, problems)
}

/// Compose drawn alone, with no thumbnails decoded.
pub fn no_thumbs() -> &'static flowdeck::ui::thumbs::Thumbs {
    Box::leak(Box::default())
}

/// A batch as the engine announces it.
pub fn batch_of(batch: i64, label: &str, takes: Vec<TakeInfo>) -> Event {
    Event::Batch {
        batch,
        label: label.into(),
        takes,
        resumed: false,
    }
}

/// One queued take per prompt, take and scene numbered from 1.
pub fn scenes(prompts: &[&str]) -> Vec<TakeInfo> {
    (1..)
        .zip(prompts)
        .map(|(n, p)| info(n, n as u32, p))
        .collect()
}

/// Take `take` (of scene `take`) done on `account`, its file `path` of `bytes`.
pub fn done(take: i64, account: &str, path: PathBuf, bytes: u64) -> TakeUpdate {
    TakeUpdate {
        take,
        batch: 1,
        scene: take as u32,
        copy: 1,
        account: Some(account.into()),
        state: TakeState::Done,
        message: None,
        path: Some(path),
        bytes: Some(bytes),
        failure: None,
        revisable: false,
        upscalable: false,
        holds: Vec::new(),
    }
}

pub fn take(
    take: i64,
    scene: u32,
    state: TakeState,
    account: &str,
    message: Option<&str>,
) -> Event {
    Event::Take(TakeUpdate {
        take,
        batch: 1,
        scene,
        copy: 1,
        account: Some(account.into()),
        state,
        message: message.map(flowdeck::message::Message::verbatim),
        path: (state == TakeState::Done)
            .then(|| PathBuf::from("/videos/flowdeck/b/001_a-red-fox_1.mp4")),
        bytes: (state == TakeState::Done).then_some(3 << 20),
        failure: None,
        revisable: false,
        upscalable: false,
        holds: Vec::new(),
    })
}

/// A batch in every interesting state, as the engine would report it.
pub fn busy_events() -> Vec<Event> {
    let mut e = vec![batch_of(
        1,
        "scenes_2026-11-25",
        scenes(&[
            "A red fox walking through fresh snow",
            "Cảnh quay từ trên cao: phố cổ Hà Nội lúc bình minh",
            "A scene that is #unsafe to make",
            "Astronaut planting a tree on the moon",
        ]),
    )];
    // Assigned … Done for take 1, Assigned … Downloading for take 2.
    for &s in &TakeState::ALL[1..=6] {
        e.push(take(1, 1, s, "alice", None));
    }
    for &s in &TakeState::ALL[1..=5] {
        e.push(take(2, 2, s, "bob", None));
    }
    e.push(Event::Progress {
        account: "bob".into(),
        takes: vec![(2, 3 << 19, Some(3 << 20))],
    });
    for s in [
        TakeState::Assigned,
        TakeState::Submitting,
        TakeState::Generating,
    ] {
        e.push(take(3, 3, s, "carol", None));
    }
    // The reasons as the real code words them, in the language being spoken.
    let refused = flowdeck::provider::flow::classify::classify_public_error(
        "PUBLIC_ERROR_UNSAFE_GENERATION",
        None,
    )
    .said();
    e.push(take(3, 3, TakeState::Failed, "carol", Some(&refused)));
    e.push(take(4, 4, TakeState::Assigned, "alice", None));
    e.push(take(4, 4, TakeState::Generating, "alice", None));
    e.push(Event::Credits {
        account: "alice".into(),
        credits: Some(9_960),
        tier: Some(flowdeck::message::Message::verbatim("Pro")),
        plan: Some(flowdeck::provider::flow::Plan::Pro),
        email: Some("alice@example.com".into()),
    });
    e.push(Event::Lane {
        account: "alice".into(),
        health: LaneHealth::Ready,
        in_flight: 1,
    });
    e.push(Event::Lane {
        account: "bob".into(),
        health: LaneHealth::WaitingForBrowser {
            reason: flowdeck::msg!("flow-waiting-browser"),
        },
        in_flight: 1,
    });
    e.push(Event::Lane {
        account: "carol".into(),
        health: LaneHealth::CoolingDown { seconds: 30 },
        in_flight: 0,
    });
    e
}
