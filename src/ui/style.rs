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

/// WCAG's contrast ratio between two colours (1 to 21; text needs 4.5).
pub fn contrast(a: Color, b: Color) -> f32 {
    fn channel(v: f32) -> f32 {
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    }
    let lum = |c: Color| 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The backgrounds text sits on: the window, the side panel and cards.
fn grounds(theme: &Theme) -> [Color; 3] {
    let p = theme.extended_palette();
    [
        p.background.base.color,
        p.background.weakest.color,
        p.background.weak.color,
    ]
}

/// `from` moved a fraction `t` of the way to `toward` (its own alpha kept).
fn mix(from: Color, toward: Color, t: f32) -> Color {
    Color {
        r: from.r + (toward.r - from.r) * t,
        g: from.g + (toward.g - from.g) * t,
        b: from.b + (toward.b - from.b) * t,
        a: from.a,
    }
}

/// Minimum contrast every coloured word and dot gets, with a little margin over 4.5.
const READABLE: f32 = 4.6;

/// `color`, lightened (dark themes) or darkened (light ones) just enough to read at 4.5:1 on
/// every background of `theme`: the palette's own accents are too dim on dark cards.
fn readable(theme: &Theme, color: Color) -> Color {
    let grounds = grounds(theme);
    let toward = if theme.extended_palette().is_dark {
        Color::WHITE
    } else {
        Color::BLACK
    };
    let opaque = Color { a: 1.0, ..color };
    (0..=20)
        .map(|step| mix(opaque, toward, step as f32 / 20.0))
        .find(|c| grounds.iter().all(|g| contrast(*c, *g) >= READABLE))
        .unwrap_or(toward)
}

/// The colours words and dots take, by what they mean, each readable on the theme.
#[derive(Debug, Clone, Copy)]
pub struct Tones {
    pub success: Color,
    pub danger: Color,
    pub warning: Color,
    pub active: Color,
    pub muted: Color,
}

pub fn tones(theme: &Theme) -> Tones {
    let p = theme.extended_palette();
    Tones {
        success: readable(theme, p.success.base.color),
        danger: readable(theme, p.danger.base.color),
        warning: readable(theme, p.warning.base.color),
        active: readable(theme, p.primary.base.color),
        muted: readable(theme, p.background.strong.text),
    }
}

/// Colour of a take's state word.
pub fn take_state(theme: &Theme, state: TakeState) -> text::Style {
    let t = tones(theme);
    let color = match state {
        TakeState::Done => t.success,
        TakeState::Failed | TakeState::Uncertain => t.danger,
        TakeState::TimedOut => t.warning,
        TakeState::Generating
        | TakeState::Submitting
        | TakeState::Downloading
        | TakeState::Ready => t.active,
        TakeState::Queued | TakeState::Assigned | TakeState::Canceled => t.muted,
    };
    text::Style { color: Some(color) }
}

/// Colour of a lane's health dot and word.
pub fn health_color(theme: &Theme, health: &LaneHealth) -> Color {
    let t = tones(theme);
    match health {
        LaneHealth::Ready => t.success,
        LaneHealth::CoolingDown { .. }
        | LaneHealth::Paused { .. }
        | LaneHealth::WaitingForBrowser { .. } => t.warning,
        LaneHealth::NeedsSignIn { .. }
        | LaneHealth::OutOfCredits { .. }
        | LaneHealth::Held { .. }
        | LaneHealth::NeedsYou { .. } => t.danger,
    }
}

/// Muted secondary text.
pub fn muted(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(tones(theme).muted),
    }
}

pub fn success(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(tones(theme).success),
    }
}

pub fn danger(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(tones(theme).danger),
    }
}

pub fn warning(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(tones(theme).warning),
    }
}

/// A button style whose words read on its background (iced's own greys and its light-theme
/// primary give under 4.5:1): the palette's text colour when it reads, else black or white.
fn legible(mut s: iced::widget::button::Style) -> iced::widget::button::Style {
    if let Some(iced::Background::Color(bg)) = s.background
        && contrast(s.text_color, bg) < 4.5
    {
        let (black, white) = (contrast(Color::BLACK, bg), contrast(Color::WHITE, bg));
        s.text_color = if black >= white {
            Color::BLACK
        } else {
            Color::WHITE
        };
        if black.max(white) < 4.5 {
            // Neither reads on this shade: darken it (or lighten it) under white (black) words.
            let toward = if black >= white {
                Color::WHITE
            } else {
                Color::BLACK
            };
            if let Some(c) = (1..=10)
                .map(|k| mix(bg, toward, k as f32 / 10.0))
                .find(|c| contrast(s.text_color, *c) >= READABLE)
            {
                s.background = Some(c.into());
            }
        }
    }
    s
}

pub fn button_primary(
    theme: &Theme,
    status: iced::widget::button::Status,
) -> iced::widget::button::Style {
    legible(iced::widget::button::primary(theme, status))
}

pub fn button_secondary(
    theme: &Theme,
    status: iced::widget::button::Status,
) -> iced::widget::button::Style {
    legible(iced::widget::button::secondary(theme, status))
}

pub fn button_danger(
    theme: &Theme,
    status: iced::widget::button::Status,
) -> iced::widget::button::Style {
    legible(iced::widget::button::danger(theme, status))
}

/// "1.5 MiB", "230 KiB".
pub fn bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!(
            "{} MiB",
            crate::i18n::decimal(n as f64 / (1 << 20) as f64, 1)
        )
    } else {
        format!("{} KiB", n.div_ceil(1024))
    }
}

/// "1:05", "12:00".
pub fn clock(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// `s` cut to `n` characters, with an ellipsis when cut, on one line with its control
/// characters shown (a prompt or a file name can hold any).
pub fn shorten(s: &str, n: usize) -> String {
    let s = crate::visible::one_line(s);
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every coloured word and status dot reads at 4.5:1 or better on every background it can
    /// sit on, in both themes, computed from the themes' own palettes.
    #[test]
    fn every_text_and_status_colour_reads_at_4_5_to_1() {
        for theme in [Theme::Light, Theme::Dark] {
            let t = tones(&theme);
            let mut colours = vec![
                ("success", t.success),
                ("danger", t.danger),
                ("warning", t.warning),
                ("active", t.active),
                ("muted", t.muted),
            ];
            for s in TakeState::ALL {
                colours.push((
                    s.as_str(),
                    take_state(&theme, s).color.unwrap_or(Color::BLACK),
                ));
            }
            let reason = crate::message::Message::verbatim("");
            for h in [
                LaneHealth::Ready,
                LaneHealth::CoolingDown { seconds: 1 },
                LaneHealth::NeedsSignIn {
                    reason: reason.clone(),
                },
                LaneHealth::Paused {
                    reason: reason.clone(),
                },
                LaneHealth::Held { reason },
            ] {
                colours.push(("lane", health_color(&theme, &h)));
            }
            let p = theme.extended_palette();
            colours.push(("text", p.background.base.text));
            for (name, colour) in colours {
                for ground in grounds(&theme) {
                    let ratio = contrast(colour, ground);
                    assert!(
                        ratio >= 4.5,
                        "{theme:?}: {name} {colour:?} on {ground:?} is {ratio:.2}:1"
                    );
                }
            }
            // Buttons: their words on their own background (or on the window's, when none).
            use iced::widget::button;
            type ButtonStyle = fn(&Theme, button::Status) -> button::Style;
            let buttons: [(&str, ButtonStyle); 4] = [
                ("primary", button_primary),
                ("secondary", button_secondary),
                ("danger", button_danger),
                ("text", button::text),
            ];
            for (name, style) in buttons {
                let s = style(&theme, button::Status::Active);
                let grounds: Vec<Color> = match s.background {
                    Some(iced::Background::Color(c)) => vec![c],
                    _ => grounds(&theme).to_vec(),
                };
                for g in grounds {
                    let ratio = contrast(s.text_color, g);
                    assert!(ratio >= 4.5, "{theme:?}: {name} button is {ratio:.2}:1");
                }
            }
            // The banner's own pair.
            assert!(
                contrast(p.warning.weak.text, p.warning.weak.color) >= 4.5,
                "{theme:?} banner"
            );
        }
    }

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 0.01);
        // The dark theme's old "done" on its card: about 1.35:1.
        let ratio = contrast(
            Color::from_rgb8(0x12, 0x66, 0x4F),
            Color::from_rgb8(0x43, 0x47, 0x4E),
        );
        assert!((1.3..1.4).contains(&ratio), "{ratio}");
    }
}
