//! The first start: with no account set up, the window opens on a short welcome whose steps
//! each lead, in one click, to the demo or to the Accounts form for one provider.

use iced::widget::{column, container, row, scrollable, text};
use iced::{Border, Element, Fill, Theme};

use super::focus::button;
use super::style;
use crate::store::config::ProviderKind;

#[derive(Debug, Default)]
pub struct Welcome {
    /// The demo is starting: its step waits.
    pub starting: bool,
    /// Why the demo could not start, until it is tried again.
    pub failed: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    TryDemo,
    Add(ProviderKind),
}

pub enum Action {
    /// Start the demo in this window, in place of the empty setup.
    StartDemo,
    /// The Accounts screen with the add form for this provider.
    Add(ProviderKind),
}

impl Welcome {
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::TryDemo => {
                self.starting = true;
                self.failed = None;
                Action::StartDemo
            }
            Message::Add(provider) => Action::Add(provider),
        }
    }

    /// The demo did not start: said on its step, which can be tried again.
    pub fn demo_failed(&mut self, why: String) {
        self.starting = false;
        self.failed = Some(why);
    }

    pub fn view(&self) -> Element<'_, Message> {
        let demo_hint = if self.starting {
            crate::t!("welcome-demo-starting")
        } else {
            crate::t!("welcome-demo-hint")
        };
        let steps = column![
            step(
                crate::t!("welcome-demo"),
                demo_hint,
                (!self.starting).then_some(Message::TryDemo),
            ),
            step(
                crate::t!("welcome-flow"),
                crate::t!("welcome-flow-hint"),
                Some(Message::Add(ProviderKind::Flow)),
            ),
            step(
                crate::t!("welcome-gemini"),
                crate::t!("welcome-gemini-hint"),
                Some(Message::Add(ProviderKind::Gemini)),
            ),
            step(
                crate::t!("welcome-vertex"),
                crate::t!("welcome-vertex-hint"),
                Some(Message::Add(ProviderKind::Vertex)),
            ),
        ]
        .spacing(10);
        let page =
            column![
                text(crate::t!("welcome-title")).size(26),
                text(crate::t!("welcome-lead")).size(15).style(style::muted),
                steps,
            ]
            .push(self.failed.as_ref().map(|e| {
                text(crate::t!("welcome-demo-failed", why = e.as_str())).style(style::danger)
            }))
            .spacing(16)
            .max_width(680);
        scrollable(container(page).center_x(Fill).padding([32, 16]))
            .height(Fill)
            .into()
    }
}

/// One step: the whole card is the button, its title and a line saying what it leads to.
fn step<'a>(title: String, hint: String, press: Option<Message>) -> Element<'a, Message> {
    button(
        row![
            column![
                text(title).size(17),
                text(hint).size(13).style(style::muted)
            ]
            .spacing(4)
            .width(Fill),
            text("→").size(20),
        ]
        .spacing(12)
        .align_y(iced::Center),
    )
    .padding([12, 16])
    .width(Fill)
    .style(step_style)
    .on_press_maybe(press)
    .into()
}

/// A card that shows it can be clicked: its border takes the accent colour under the pointer.
fn step_style(theme: &Theme, status: iced::widget::button::Status) -> iced::widget::button::Style {
    use iced::widget::button::Status;
    let p = theme.extended_palette();
    let (background, border) = match status {
        Status::Hovered => (p.background.weak.color, p.primary.base.color),
        Status::Pressed => (p.background.strong.color, p.primary.base.color),
        Status::Active | Status::Disabled => (p.background.weak.color, p.background.strong.color),
    };
    iced::widget::button::Style {
        background: Some(background.into()),
        text_color: if status == Status::Disabled {
            style::tones(theme).muted
        } else {
            p.background.weak.text
        },
        border: Border {
            radius: 8.0.into(),
            width: 1.0,
            color: border,
        },
        ..iced::widget::button::Style::default()
    }
}
