//! Compose's picture slots: each scene's start image, end image and reference images. Click a
//! slot to choose a picture for it (a file dialog where one can open), or drop a picture on
//! the window and it goes to the slot last clicked. Pictures are kept per prompt, like the
//! options an imported file gives a scene.

use std::path::PathBuf;

use iced::widget::{column, container, image, row, scrollable, text};
use iced::{Element, Fill};

use super::{Action, Compose, Message};
use crate::model::MAX_REFERENCES;
use crate::store::import::{self, SceneDraft};
use crate::ui::focus::button;
use crate::ui::style;
use crate::ui::thumbs::{Thumb, Thumbs};

/// Which picture of a scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Start,
    End,
    Reference,
}

impl Slot {
    /// The slot for a message's selector.
    fn code(self) -> &'static str {
        match self {
            Slot::Start => "start",
            Slot::End => "end",
            Slot::Reference => "reference",
        }
    }

    fn label(self) -> String {
        match self {
            Slot::Start => crate::t!("slot-start"),
            Slot::End => crate::t!("slot-end"),
            Slot::Reference => crate::t!("slot-reference"),
        }
    }
}

impl Compose {
    /// A slot was clicked: it takes the next picture, chosen in a dialog where one can open.
    pub(super) fn arm(&mut self, prompt: String, slot: Slot) -> Action {
        self.armed = Some((prompt, slot));
        self.error = None;
        match &self.dialogs {
            Ok(()) => Action::Run(iced::Task::perform(
                crate::ui::platform::pick_picture(),
                Message::Chosen,
            )),
            Err(_) => {
                self.notice = Some(crate::msg!("slots-drop-hint"));
                self.picture_path.get_or_insert_with(String::new);
                Action::Run(iced::widget::operation::focus("picture-path"))
            }
        }
    }

    /// A picture for the slot last clicked (dropped, or chosen in the dialog).
    pub(super) fn put_picture(&mut self, path: PathBuf) {
        let Some((prompt, slot)) = self.armed.clone() else {
            self.error = Some(crate::t!("slots-click-first"));
            return;
        };
        if let Err(why) = import::check_picture(&path) {
            self.error = Some(crate::t!("slots-cannot-send", why = crate::i18n::say(&why)));
            return;
        }
        let draft = self
            .imported
            .entry(prompt.clone())
            .or_insert_with(|| SceneDraft {
                prompt,
                ..SceneDraft::default()
            });
        match slot {
            Slot::Start => draft.inputs.start = Some(path),
            Slot::End => draft.inputs.end = Some(path),
            Slot::Reference if draft.inputs.references.len() >= MAX_REFERENCES => {
                self.error = Some(crate::t!("slots-too-many", max = MAX_REFERENCES));
                return;
            }
            Slot::Reference => draft.inputs.references.push(path),
        }
        self.error = None;
    }

    /// Takes a picture out of a scene (`index` among its references).
    pub(super) fn unset(&mut self, prompt: &str, slot: Slot, index: usize) {
        if let Some(d) = self.imported.get_mut(prompt) {
            match slot {
                Slot::Start => d.inputs.start = None,
                Slot::End => d.inputs.end = None,
                Slot::Reference if index < d.inputs.references.len() => {
                    d.inputs.references.remove(index);
                }
                Slot::Reference => {}
            }
        }
    }

    /// Every picture the scenes carry (for thumbnails).
    pub fn pictures(&self) -> Vec<PathBuf> {
        self.imported
            .values()
            .flat_map(|d| d.inputs.files().cloned().collect::<Vec<_>>())
            .collect()
    }

    /// Each scene written now with its slots; nothing while there are no prompts.
    pub(super) fn slots_view<'a>(&'a self, thumbs: &'a Thumbs) -> Option<Element<'a, Message>> {
        let text_now = self.editor.text();
        let drafts = import::parse("the prompts", "txt", text_now.as_bytes(), self.text_mode())
            .ok()
            .filter(|d| !d.is_empty())?;
        let mut list = column![].spacing(4);
        for (i, d) in drafts.into_iter().enumerate() {
            let kept = self.imported.get(&d.prompt);
            let inputs = kept.map(|k| k.inputs.clone()).unwrap_or_default();
            let prompt = d.prompt.clone();
            let mut slots = row![].spacing(6).align_y(iced::Center);
            if let Some(n) = kept.and_then(|k| k.continues) {
                slots = slots.push(
                    text(crate::t!("slots-continues", scene = n))
                        .size(12)
                        .style(style::muted),
                );
            } else {
                for (slot, path) in [(Slot::Start, &inputs.start), (Slot::End, &inputs.end)] {
                    slots = slots.push(self.slot(&prompt, slot, 0, path.clone(), thumbs));
                }
                for (j, r) in inputs.references.iter().enumerate() {
                    slots =
                        slots.push(self.slot(&prompt, Slot::Reference, j, Some(r.clone()), thumbs));
                }
                if inputs.references.len() < MAX_REFERENCES {
                    slots = slots.push(self.slot(&prompt, Slot::Reference, 0, None, thumbs));
                }
            }
            let problem = inputs.kind().err().map(|e| {
                text(format!("{}.", crate::i18n::say(&e)))
                    .size(12)
                    .style(style::danger)
            });
            list = list.push(
                row![
                    text(format!("{}", i + 1)).size(13).width(28),
                    column![text(style::shorten(&d.prompt, 60)).size(13)]
                        .push(problem)
                        .width(Fill),
                    slots,
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        // Where no file dialog opens: the path of a picture for the slot last clicked.
        let typed =
            self.picture_path
                .as_ref()
                .zip(self.armed.as_ref())
                .map(|(p, (prompt, slot))| {
                    row![
                        text(crate::t!(
                            "slots-path",
                            slot = slot.code(),
                            prompt = style::shorten(prompt, 40)
                        ))
                        .size(12),
                        iced::widget::text_input(&crate::t!("slots-path-example"), p)
                            .id("picture-path")
                            .on_input(Message::PicturePath)
                            .on_submit(Message::PictureTyped)
                            .size(13)
                            .width(Fill),
                        button(text(crate::t!("slots-path-use")).size(12))
                            .style(style::button_secondary)
                            .on_press(Message::PictureTyped),
                    ]
                    .spacing(8)
                    .align_y(iced::Center)
                });
        Some(
            column![
                text(crate::t!("slots-help")).size(12).style(style::muted),
                typed,
                container(scrollable(list).height(iced::Shrink)).max_height(180),
            ]
            .spacing(6)
            .into(),
        )
    }

    /// One slot: the picture's thumbnail and a remove button, or an empty slot to click.
    fn slot<'a>(
        &'a self,
        prompt: &str,
        slot: Slot,
        index: usize,
        path: Option<PathBuf>,
        thumbs: &'a Thumbs,
    ) -> Element<'a, Message> {
        let p = prompt.to_string();
        match path {
            Some(path) => {
                let picture: Element<'a, Message> = match thumbs.get(&path) {
                    Some(Thumb::Ready { handle, .. }) => image(handle.clone()).height(32).into(),
                    _ => text(
                        path.file_name()
                            .map(|f| f.to_string_lossy().to_string())
                            .unwrap_or_default(),
                    )
                    .size(11)
                    .into(),
                };
                let name = match slot {
                    Slot::Start => crate::t!("slot-name-start"),
                    Slot::End => crate::t!("slot-name-end"),
                    Slot::Reference => crate::t!("slot-name-reference"),
                };
                row![
                    column![text(name).size(10).style(style::muted), picture].spacing(1),
                    button(text("×").size(12))
                        .style(iced::widget::button::text)
                        .on_press(Message::Unset(p, slot, index)),
                ]
                .align_y(iced::Center)
                .into()
            }
            None => {
                let armed = self
                    .armed
                    .as_ref()
                    .is_some_and(|(a, s)| a == prompt && *s == slot);
                button(text(slot.label()).size(12))
                    .style(if armed {
                        style::button_primary
                    } else {
                        style::button_secondary
                    })
                    .on_press(Message::Arm(p, slot))
                    .into()
            }
        }
    }
}
