//! The Revise dialog: a new instruction for a finished Gemini Omni video. The service keeps the
//! earlier video as context, so the instruction says what to change, not the whole scene.

use crate::ui::focus::{after, button, cycling};
use iced::widget::{column, container, pick_list, row, space, text, text_input};
use iced::{Element, Fill};

use super::style;
use crate::model::TakeId;

#[derive(Debug, Clone)]
pub enum Message {
    Instruction(String),
    Copies(u8),
    Send,
    Close,
}

/// What the window should do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    None,
    Close,
    Send {
        take: TakeId,
        instruction: String,
        copies: u8,
    },
}

#[derive(Debug, Clone)]
pub struct Revise {
    pub take: TakeId,
    /// The take as its row names it (scene.copy, "002.2").
    name: String,
    /// The earlier prompt, shown so the user knows what they are changing.
    original: String,
    account: String,
    pub instruction: String,
    pub copies: u8,
    /// Set while the engine records the new batch, so a double click sends once.
    pub sending: bool,
    pub error: Option<String>,
}

impl Revise {
    pub fn new(take: TakeId, name: String, original: String, account: String) -> Revise {
        Revise {
            take,
            name,
            original,
            account,
            instruction: String::new(),
            copies: 1,
            sending: false,
            error: None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Instruction(s) => {
                self.instruction = s;
                self.error = None;
                Action::None
            }
            Message::Copies(n) => {
                self.copies = n;
                Action::None
            }
            Message::Close => Action::Close,
            Message::Send if self.sending => Action::None,
            Message::Send if self.instruction.trim().is_empty() => {
                self.error = Some(crate::t!("revise-say-how"));
                Action::None
            }
            Message::Send => {
                self.sending = true;
                Action::Send {
                    take: self.take,
                    instruction: self.instruction.trim().to_string(),
                    copies: self.copies,
                }
            }
        }
    }

    /// The engine refused the revision; the dialog stays open with the reason.
    pub fn refused(&mut self, why: String) {
        self.sending = false;
        self.error = Some(why);
    }

    pub fn view(&self) -> Element<'_, Message> {
        const COPIES: [u8; 4] = [1, 2, 3, 4];
        container(
            column![
                text(crate::t!("revise-title", take = self.name.as_str())).size(18),
                text(crate::t!("revise-was", prompt = self.original.as_str()))
                    .size(13)
                    .style(style::muted),
                text_input(&crate::t!("revise-placeholder"), &self.instruction)
                    .id("revise-input")
                    .on_input(Message::Instruction)
                    .on_submit(Message::Send),
                row![
                    text(crate::t!("revise-videos")).size(13),
                    cycling(
                        pick_list(COPIES, Some(self.copies), Message::Copies).text_size(13),
                        after(&COPIES, &self.copies).map(Message::Copies)
                    ),
                ]
                .spacing(8)
                .align_y(iced::Center),
                text(crate::t!("revise-explain", account = self.account.as_str()))
                    .size(12)
                    .style(style::muted),
                self.error
                    .as_ref()
                    .map(|e| text(e).size(13).style(style::danger)),
                row![
                    space::horizontal(),
                    button(text(crate::t!("cancel-esc")))
                        .style(style::button_secondary)
                        .on_press(Message::Close),
                    button(text(crate::t!("revise-send")))
                        .style(style::button_primary)
                        .on_press_maybe((!self.sending).then_some(Message::Send)),
                ]
                .spacing(10),
            ]
            .spacing(14)
            .width(Fill),
        )
        .padding(20)
        .width(520)
        .style(style::card)
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_instruction_is_refused_and_a_second_send_waits() {
        let mut r = Revise::new(4, "001.4".into(), "a fox".into(), "g1".into());
        assert_eq!(r.update(Message::Send), Action::None);
        assert!(r.error.is_some());
        r.update(Message::Instruction("  at night ".into()));
        r.update(Message::Copies(2));
        assert_eq!(
            r.update(Message::Send),
            Action::Send {
                take: 4,
                instruction: "at night".into(),
                copies: 2
            }
        );
        assert_eq!(r.update(Message::Send), Action::None);
        r.refused("no".into());
        assert!(!r.sending);
        assert_eq!(r.update(Message::Close), Action::Close);
    }
}
