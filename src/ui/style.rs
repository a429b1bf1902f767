//! Small look-and-feel helpers shared by the screens.

use iced::widget::{container, text};
use iced::{Border, Color, Theme};

use crate::engine::LaneHealth;
use crate::model::TakeState;

/// A card: the theme's weak background with a rounded border.
pub fn card(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(p.background.weak.color.into()),
        border: Border {
            radius: 8.0.into(),
            width: 1.0,
            color: p.background.strong.color,
        },
        ..container::Style::default()
    }
}

/// The sidebar and top bar.
pub fn panel(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(p.background.weakest.color.into()),
        ..container::Style::default()
    }
}

/// A warning or notice strip.
pub fn banner(theme: &Theme) -> container::Style {
    let p = theme.extended_palette();
    container::Style {
        background: Some(p.warning.weak.color.into()),
        text_color: Some(p.warning.weak.text),
        border: Border {
            radius: 6.0.into(),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// Colour of a take's state word. On dark themes the "strong" shades are the dim ones.
pub fn take_state(theme: &Theme, state: TakeState) -> text::Style {
    let p = theme.extended_palette();
    let green = if p.is_dark {
        p.success.base.color
    } else {
        p.success.strong.color
    };
    let color = match state {
        TakeState::Done => green,
        TakeState::Failed | TakeState::Uncertain => p.danger.base.color,
        TakeState::TimedOut => p.warning.strong.color,
        TakeState::Generating
        | TakeState::Submitting
        | TakeState::Downloading
        | TakeState::Ready => p.primary.strong.color,
        TakeState::Queued | TakeState::Assigned | TakeState::Canceled => p.background.strong.text,
    };
    text::Style { color: Some(color) }
}

/// Colour of a lane's health dot and word.
pub fn health_color(theme: &Theme, health: &LaneHealth) -> Color {
    let p = theme.extended_palette();
    match health {
        LaneHealth::Ready if p.is_dark => p.success.base.color,
        LaneHealth::Ready => p.success.strong.color,
        LaneHealth::CoolingDown { .. } => p.warning.base.color,
        LaneHealth::NeedsSignIn { .. } | LaneHealth::OutOfCredits { .. } => p.danger.base.color,
        LaneHealth::Paused { .. } | LaneHealth::WaitingForBrowser { .. } => p.warning.strong.color,
        LaneHealth::Held { .. } => p.danger.base.color,
    }
}

/// Muted secondary text.
pub fn muted(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().background.strong.text),
    }
}

pub fn success(theme: &Theme) -> text::Style {
    let p = theme.extended_palette();
    text::Style {
        color: Some(if p.is_dark {
            p.success.base.color
        } else {
            p.success.strong.color
        }),
    }
}

pub fn danger(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().danger.base.color),
    }
}

pub fn warning(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().warning.strong.color),
    }
}

/// "1.5 MiB", "230 KiB".
pub fn bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1 << 20) as f64)
    } else {
        format!("{} KiB", n.div_ceil(1024))
    }
}

/// "1:05", "12:00".
pub fn clock(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}
