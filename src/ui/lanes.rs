//! The sidebar: one card per account lane, always visible.

use crate::ui::board::LaneLook;
use std::time::Instant;

use crate::ui::focus::button;
use iced::widget::{column, container, row, scrollable, space, text};

use iced::{Element, Fill};

use super::board::{Board, LaneNow, LaneView, Tone};
use super::style;
use crate::engine::LaneHealth;

#[derive(Debug, Clone)]
pub enum Message {
    /// "Sign in again" on a Gemini lane whose key stopped working.
    SignInAgain(String),
    /// "Connect a browser" on a Flow lane waiting for its browser.
    Connect(String),
    /// "Resume" on a lane held after Flow flagged unusual activity (or paused).
    Resume(String),
}

/// A bar of an account's takes this session: on disk (solid), being made (light), the rest
/// (the track). It moves when a take is sent, not only when one is downloaded.
fn split_bar<'a>(on_disk: u32, making: u32, dealt: u32) -> Element<'a, Message> {
    let part = |n: u32, fill: fn(&iced::Theme) -> iced::Color| {
        container(space().height(8))
            .width(iced::Length::FillPortion(n.min(u32::from(u16::MAX)) as u16))
            .style(move |t| container::Style {
                background: Some(fill(t).into()),
                ..container::Style::default()
            })
    };
    let mut bar = row![];
    if on_disk > 0 {
        bar = bar.push(part(on_disk, |t| style::tones(t).active));
    }
    if making > 0 {
        bar = bar.push(part(making, |t| style::tones(t).active.scale_alpha(0.35)));
    }
    let rest = dealt.saturating_sub(on_disk + making);
    if rest > 0 || dealt == 0 {
        bar = bar.push(part(rest.max(1), |t| {
            t.extended_palette().background.strong.color
        }));
    }
    container(bar)
        .width(Fill)
        .clip(true)
        .style(|_| container::Style {
            border: iced::Border {
                radius: 4.0.into(),
                ..iced::Border::default()
            },
            ..container::Style::default()
        })
        .into()
}

fn card<'a>(lane: &'a LaneView, now: Instant, doing: LaneNow) -> Element<'a, Message> {
    let health = lane.health.clone();
    let dot_health = health.clone();
    let (word, tone) = lane.state_word();
    let state = match (&lane.health, tone) {
        (LaneHealth::CoolingDown { .. }, Tone::Health) => {
            crate::t!(
                "health-cooling-left",
                seconds = lane.cooldown_left(now).unwrap_or(0)
            )
        }
        _ => word,
    };
    if let Some(problem) = &lane.own.problem {
        return container(
            column![
                row![
                    text(&lane.name).size(15),
                    space::horizontal(),
                    text(&lane.own.provider).size(12).style(style::muted),
                ]
                .spacing(6),
                text(state).size(13).style(style::danger),
                text(problem).size(12).style(style::warning),
            ]
            .spacing(4),
        )
        .padding(10)
        .width(Fill)
        .style(style::card)
        .into();
    }
    let mut facts = vec![state];
    if let Some(t) = &lane.tier {
        facts.push(crate::i18n::say(t));
    }
    if let Some(c) = lane.credits {
        facts.push(crate::t!("lane-credits", credits = crate::i18n::number(c)));
    }
    let mut second = vec![crate::t!("lane-in-flight", n = lane.in_flight)];
    // A Flow account works through its browser: say whether it is there.
    if lane.own.provider == "flow" {
        let browser = match &health {
            LaneHealth::WaitingForBrowser { .. } => Some(crate::t!("lane-no-browser")),
            _ if lane.checked => Some(crate::t!("lane-browser-connected")),
            _ => None,
        };
        if let Some(b) = browser {
            second.insert(0, b);
        }
    }
    let version =
        lane.own.presence.as_ref().and_then(|p| {
            crate::bridge::version::mismatch(&p.borrow()).map(|m| crate::i18n::say(&m))
        });
    let (on_disk, making, dealt) = doing.split(lane);
    let (got, total) = (doing.got, doing.total);
    let mut session = crate::t!(
        "lane-this-session",
        done = on_disk,
        dealt = dealt,
        making = making
    );
    if total > 0 {
        session = crate::t!(
            "lane-and-downloading",
            counts = session,
            done = style::bytes(got),
            total = style::bytes(total)
        );
    }
    let dot = container(space().width(10).height(10)).style(move |t| container::Style {
        background: Some(
            match tone {
                Tone::Health => style::health_color(t, &dot_health),
                Tone::Quiet => style::tones(t).muted,
                Tone::Bad => style::tones(t).danger,
            }
            .into(),
        ),
        border: iced::Border {
            radius: 5.0.into(),
            ..iced::Border::default()
        },
        ..container::Style::default()
    });
    let header = row![
        dot,
        text(&lane.name).size(15),
        space::horizontal(),
        text(&lane.own.provider).size(12).style(style::muted),
    ]
    .spacing(6)
    .align_y(iced::Center);
    let mut body = column![
        header,
        text(facts.join(" · ")).size(13),
        text(second.join(" · ")).size(12).style(style::muted),
        row![
            text(crate::t!("lane-done", n = lane.done)).size(12),
            text(crate::t!("lane-failed", n = lane.failed))
                .size(12)
                .style(move |t| if lane.failed > 0 {
                    style::danger(t)
                } else {
                    style::muted(t)
                }),
        ]
        .spacing(10),
        split_bar(on_disk, making, dealt),
        text(session).size(12).style(style::muted),
    ]
    .spacing(4);
    if let Some(email) = &lane.email {
        body = body.push(
            text(crate::visible::one_line(email).into_owned())
                .size(11)
                .style(style::muted),
        );
    }
    // Calls go on with another version of the extension; the person is told to update it.
    if let Some(v) = version {
        body = body.push(text(v).size(12).style(style::warning));
    }
    // The start-up check's verdict: a line when all is well, the whole sentence when not.
    match &lane.own.doctor {
        Some(v) if v.works() => {
            body = body.push(
                text(crate::t!("lane-checked-works"))
                    .size(11)
                    .style(style::muted),
            );
        }
        Some(v) => {
            body = body.push(
                text(crate::visible::one_line(&crate::i18n::say(&v.line())).into_owned())
                    .size(12)
                    .style(style::warning),
            )
        }
        None => {}
    }
    if let Some(reason) = health.reason() {
        body = body.push(
            text(crate::visible::one_line(&crate::i18n::say(reason)).into_owned())
                .size(12)
                .style(style::warning),
        );
    }
    let flow = lane.own.provider == "flow";
    let action = match health {
        LaneHealth::NeedsSignIn { .. } if !flow => Some((
            crate::t!("lane-sign-in-again"),
            Message::SignInAgain(lane.name.clone()),
        )),
        LaneHealth::WaitingForBrowser { .. } => Some((
            crate::t!("lane-connect-browser"),
            Message::Connect(lane.name.clone()),
        )),
        LaneHealth::Held { .. } | LaneHealth::Paused { .. } => {
            Some((crate::t!("lane-resume"), Message::Resume(lane.name.clone())))
        }
        _ => None,
    };
    if let Some((label, message)) = action {
        body = body.push(
            button(text(label).size(13))
                .style(style::button_primary)
                .on_press(message),
        );
    }
    container(body)
        .padding(10)
        .width(Fill)
        .style(style::card)
        .into()
}

pub fn view(board: &Board, now: Instant) -> Element<'_, Message> {
    let mut cards = column![text(crate::t!("lanes-title")).size(16)].spacing(10);
    if board.lanes.is_empty() {
        cards = cards.push(text(crate::t!("lanes-none")).size(13).style(style::muted));
    }
    let doing = board.lanes_now();
    for lane in board.lanes.values() {
        let d = doing.get(lane.name.as_str()).copied().unwrap_or_default();
        cards = cards.push(card(lane, now, d));
    }
    scrollable(container(cards).padding(12)).height(Fill).into()
}
