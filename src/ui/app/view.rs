//! Drawing the window: the tab bar, the sidebar beside the current screen, banners, and the
//! dialog over everything.

use crate::ui::focus::button;
use iced::widget::button::{self};
use iced::widget::{column, container, mouse_area, opaque, row, rule, space, stack, text};
use iced::{Color, Element, Fill};

use super::{Key, Message, Running, Screen};
use crate::ui::thumbs::{self, Thumb};
use crate::ui::{lanes, queue, style};

impl Running {
    fn tabs(&self) -> Element<'_, Message> {
        let mut tabs = row![text("flowdeck").size(20), space::horizontal().width(24)]
            .spacing(6)
            .align_y(iced::Center);
        for screen in Screen::ALL {
            let label = screen.label();
            let count = match screen {
                Screen::Queue => {
                    let moving: usize = self
                        .board
                        .batches
                        .keys()
                        .map(|b| self.board.batch_counts(*b).moving)
                        .sum();
                    if moving > 0 {
                        format!("{label} ({moving})")
                    } else {
                        label
                    }
                }
                _ => label,
            };
            tabs = tabs.push(
                button(text(count).size(14))
                    .style(if self.screen == screen {
                        style::button_primary
                    } else {
                        button::text
                    })
                    .on_press(Message::Show(screen)),
            );
        }
        if let Some((_, Some(c))) = &self.last {
            let total = c.done + c.failed + c.timed_out + c.uncertain + c.canceled;
            tabs = tabs
                .push(space::horizontal())
                .push(text(crate::t!("last-batch", done = c.done, total = total)).size(13));
        }
        container(tabs)
            .padding([8, 12])
            .width(Fill)
            .style(style::panel)
            .into()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let welcoming = self.welcoming();
        let screen: Element<'_, Message> = match self.screen {
            Screen::Compose if welcoming => self.welcome.view().map(Message::Welcome),
            Screen::Compose => {
                let busy = self.board.batches.values().any(|b| b.finished.is_none());
                self.compose
                    .view(&self.choices, busy, &self.thumbs)
                    .map(Message::Compose)
            }
            Screen::Queue => queue::view(&self.board, self.now, &self.thumbs).map(Message::Queue),
            Screen::History => self.history.view(&self.thumbs).map(Message::History),
            Screen::Accounts => self
                .accounts
                .view(&self.started.settings, &self.board, self.keyring.as_deref())
                .map(Message::Accounts),
            Screen::Settings => self.settings.view().map(Message::Settings),
        };
        let mut main = column![].spacing(8);
        for (i, b) in self.banners.iter().enumerate() {
            main = main.push(
                container(
                    row![
                        text(b).size(13).width(Fill),
                        button(text("×").size(13))
                            .style(button::text)
                            .on_press(Message::Dismiss(i))
                    ]
                    .align_y(iced::Center),
                )
                .padding([6, 12])
                .style(style::banner),
            );
        }
        if let Some(u) = &self.unopened {
            main = main.push(
                container(
                    row![
                        text(&u.why).size(13).width(Fill),
                        button(text(crate::t!("copy-path")).size(13))
                            .style(style::button_secondary)
                            .on_press(Message::CopyPath(u.path.clone())),
                        button(text("×").size(13))
                            .style(button::text)
                            .on_press(Message::DismissUnopened)
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                )
                .padding([6, 12])
                .style(style::banner),
            );
        }
        let main = main.push(screen).padding([8, 0]);
        let sidebar = container(lanes::view(&self.board, self.now).map(Message::Lanes))
            .width(290)
            .height(Fill)
            .style(style::panel);
        let main = container(main).width(Fill).padding([0, 8]);
        // The welcome has the width to itself: the sidebar would only say there is nothing.
        let body = column![
            self.tabs(),
            if welcoming {
                row![main]
            } else {
                row![sidebar, rule::vertical(1), main]
            }
            .height(Fill)
        ];
        let dialog = match (&self.confirm, &self.revise, self.thumbs.preview()) {
            (Some(c), _, _) => Some(super::spend::view(c)),
            (None, Some(r), _) => Some(r.view().map(Message::Revise)),
            (None, None, Some((path, thumb))) => Some(preview(path, thumb)),
            (None, None, None) => self.accounts.dialog().map(|d| d.map(Message::Accounts)),
        };
        match dialog {
            Some(dialog) => modal(body, dialog, Message::Key(Key::Escape)),
            None => body.into(),
        }
    }
}

/// The preview's picture is at most this tall: the dialog fits a window of 1240×700.
const PREVIEW_TALLEST: f32 = 480.0;

/// A finished video's first frame, larger, with what can be done with the file.
fn preview<'a>(path: &'a std::path::Path, thumb: &'a Thumb) -> Element<'a, Message> {
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let picture: Element<'a, Message> = match thumb {
        // As wide as the dialog (a smaller video is scaled up), no taller than fits the window.
        Thumb::Ready {
            handle,
            width,
            height,
        } => {
            let wide = thumbs::PREVIEW as f32;
            let tall = (wide * *height as f32 / (*width).max(1) as f32).min(PREVIEW_TALLEST);
            iced::widget::image(handle.clone())
                .width(wide)
                .height(tall)
                .content_fit(iced::ContentFit::Contain)
                .into()
        }
        Thumb::Loading => text(crate::t!("preview-decoding"))
            .style(style::muted)
            .into(),
        Thumb::Failed(why) => text(crate::t!("preview-none", why = why.as_str()))
            .style(style::danger)
            .into(),
    };
    container(
        column![
            text(name).size(16),
            container(picture).id("preview-picture").center_x(Fill),
            row![
                space::horizontal(),
                button(text(crate::t!("preview-play")))
                    .style(style::button_primary)
                    .on_press(Message::Queue(queue::Message::Open(path.to_path_buf()))),
                button(text(crate::t!("preview-show-in-folder")))
                    .style(style::button_secondary)
                    .on_press(Message::Queue(queue::Message::Reveal(path.to_path_buf()))),
                button(text(crate::t!("close")))
                    .style(style::button_secondary)
                    .on_press(Message::ClosePreview),
            ]
            .spacing(8),
        ]
        .spacing(10),
    )
    .padding(16)
    .max_width(760)
    .style(style::card)
    .into()
}

/// A dialog over the window; clicking outside closes it (Escape too).
fn modal<'a>(
    base: impl Into<Element<'a, Message>>,
    content: Element<'a, Message>,
    on_blur: Message,
) -> Element<'a, Message> {
    stack![
        base.into(),
        opaque(
            mouse_area(container(opaque(content)).center(Fill).style(|_| {
                container::Style {
                    background: Some(
                        Color {
                            a: 0.55,
                            ..Color::BLACK
                        }
                        .into(),
                    ),
                    ..container::Style::default()
                }
            }))
            .on_press(on_blur)
        )
    ]
    .into()
}
