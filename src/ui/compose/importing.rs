//! Importing a prompt file into Compose: the file dialog (or a typed path when there is
//! none), reading it off the window's thread, and its scenes into the editor.

use std::path::PathBuf;

use iced::Task;
use iced::widget::text_editor;

use super::{AccountChoice, Action, Compose, Message};
use crate::store::import::{self, SceneDraft, TextMode};
use crate::words::Said;

impl Compose {
    /// The file dialog, or a field to type the path in when the system has no dialog.
    pub(super) fn import(&mut self) -> Action {
        if let Err(why) = &self.dialogs {
            self.notice = Some(crate::msg!("compose-no-file-dialog", why = why.as_str()));
            self.import_path.get_or_insert_with(String::new);
            return Action::Run(iced::widget::operation::focus("import-path"));
        }
        Action::Run(Task::perform(
            super::super::platform::pick_prompts(),
            |p| match p {
                Some(p) => Message::ImportFile(p),
                None => Message::Imported(Err(String::new())),
            },
        ))
    }

    pub(super) fn import_typed(&mut self, accounts: &[AccountChoice], template: &str) -> Action {
        let typed = self.import_path.as_deref().unwrap_or("").trim();
        if typed.is_empty() {
            self.error = Some(crate::t!(
                "compose-type-a-path",
                kinds = crate::i18n::say(&import::kinds_in_words())
            ));
            return Action::None;
        }
        let path = PathBuf::from(typed);
        self.import_path = None;
        self.update(Message::ImportFile(path), accounts, template)
    }

    /// Reads the file off the window's thread.
    pub(super) fn import_file(&self, path: PathBuf) -> Action {
        let mode = if self.paragraphs {
            TextMode::Paragraphs
        } else {
            TextMode::Lines
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        Action::Run(Task::perform(
            async move {
                tokio::task::spawn_blocking(move || import::read_file(&path, mode))
                    .await
                    .map_err(|e| e.to_string())?
                    .map(|d| (name, d))
                    .map_err(|e| e.said())
            },
            Message::Imported,
        ))
    }

    /// The file's scenes become the editor's lines (their pictures kept beside them).
    pub(super) fn imported(&mut self, name: &str, drafts: Vec<SceneDraft>) {
        let text: Vec<&str> = drafts.iter().map(|d| d.prompt.as_str()).collect();
        self.editor = text_editor::Content::with_text(&text.join("\n"));
        self.edits += 1;
        self.paragraphs = false;
        let with_images = drafts.iter().filter(|d| !d.inputs.is_empty()).count();
        self.notice = Some(match with_images {
            0 => crate::msg!("compose-imported", scenes = drafts.len(), file = name),
            n => crate::msg!(
                "compose-imported-with-images",
                scenes = drafts.len(),
                file = name,
                pictured = n
            ),
        });
        self.imported = drafts.into_iter().map(|d| (d.prompt.clone(), d)).collect();
        self.error = None;
    }
}
