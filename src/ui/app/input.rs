//! The keyboard's shortcuts and files dropped on the window.

use super::*;
use crate::store::import;

impl Running {
    pub(super) fn on_key(&mut self, k: Key) -> Task<Message> {
        match k {
            Key::Tab { shift: true } => iced::widget::operation::focus_previous(),
            Key::Tab { shift: false } => iced::widget::operation::focus_next(),
            Key::Escape if self.confirm.is_some() => {
                self.confirm = None;
                Task::none()
            }
            Key::Escape if self.revise.is_some() => {
                self.revise = None;
                Task::none()
            }
            Key::Escape if self.thumbs.preview().is_some() => {
                self.thumbs.close_preview();
                Task::none()
            }
            Key::Escape => self.update(Message::Accounts(accounts::Message::Close)),
            Key::Import => {
                self.screen = Screen::Compose;
                self.update(Message::Compose(compose::Message::Import))
            }
            Key::Generate if self.screen == Screen::Compose => {
                self.update(Message::Compose(compose::Message::Generate))
            }
            Key::Generate => Task::none(),
        }
    }

    pub(super) fn on_file_dropped(&mut self, path: PathBuf) -> Task<Message> {
        if import::is_prompt_file(&path) {
            self.screen = Screen::Compose;
            return self.update(Message::Compose(compose::Message::ImportFile(path)));
        }
        // A picture goes to the scene slot last clicked in Compose.
        if crate::picture::is_picture_name(&path) {
            self.screen = Screen::Compose;
            return self.update(Message::Compose(compose::Message::Picture(path)));
        }
        self.banners.push(crate::t!(
            "banner-not-a-file",
            path = path.display().to_string(),
            kinds = crate::i18n::say(&import::kinds_in_words())
        ));
        Task::none()
    }
}
