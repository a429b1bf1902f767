//! Drawing Compose: the prompt editor, the shot's options, the accounts and the estimate.

use iced::widget::{
    checkbox, column, container, pick_list, radio, row, scrollable, space, text, text_editor,
    text_input,
};

use super::*;

impl Compose {
    pub fn view<'a>(
        &'a self,
        accounts: &'a [AccountChoice],
        busy: bool,
        thumbs: &'a crate::ui::thumbs::Thumbs,
    ) -> Element<'a, Message> {
        let editor = text_editor(&self.editor)
            .id("prompts")
            .placeholder("One scene per line, e.g.\nA lighthouse on a rocky coast at dawn, cinematic wide shot")
            .on_action(Message::Edit)
            .height(Fill)
            .key_binding(|kp| {
                if let keyboard::Key::Named(key::Named::Enter) = kp.key.as_ref()
                    && kp.modifiers.command()
                {
                    return Some(text_editor::Binding::Custom(Message::Generate));
                }
                text_editor::Binding::from_key_press(kp)
            });
        let head = row![
            text("Prompts").size(18),
            text(if self.paragraphs {
                "one scene per paragraph"
            } else {
                "one scene per line"
            })
            .size(13)
            .style(style::muted),
            space::horizontal(),
            ring(
                checkbox(self.paragraphs)
                    .label("Paragraphs")
                    .on_toggle(Message::Paragraphs)
            ),
            button(text("Import… (Ctrl+O)"))
                .style(style::button_secondary)
                .on_press(Message::Import),
        ]
        .spacing(12)
        .align_y(iced::Center);
        let durations = self.offered_durations(accounts);
        let resolutions = self.offered_resolutions(accounts);
        let options = row![
            column![
                text("Model").size(13),
                cycling(
                    pick_list(&Model::NEUTRAL[..], Some(&self.model), Message::Model),
                    after(&Model::NEUTRAL, &self.model).map(Message::Model)
                )
            ]
            .spacing(4),
            column![
                text("Aspect").size(13),
                cycling(
                    pick_list(&Aspect::ALL[..], Some(self.aspect), Message::Aspect),
                    after(&Aspect::ALL, &self.aspect).map(Message::Aspect)
                )
            ]
            .spacing(4),
            column![
                text("Copies").size(13),
                cycling(
                    pick_list(&COPIES[..], Some(self.copies), Message::Copies),
                    after(&COPIES, &self.copies).map(Message::Copies)
                )
            ]
            .spacing(4),
            column![
                text("Seconds").size(13),
                cycling(
                    pick_list(durations.clone(), Some(self.duration), Message::Duration),
                    after(&durations, &self.duration).map(Message::Duration)
                )
            ]
            .spacing(4),
            column![
                text("Resolution").size(13),
                cycling(
                    pick_list(
                        resolutions.clone(),
                        Some(self.resolution),
                        Message::Resolution
                    ),
                    after(&resolutions, &self.resolution).map(Message::Resolution)
                )
            ]
            .spacing(4),
            column![
                text("Seed").size(13),
                row![
                    ring(radio(
                        "Random",
                        SeedMode::Random,
                        Some(self.seed_mode),
                        Message::SeedMode
                    )),
                    ring(radio(
                        "Fixed",
                        SeedMode::Fixed,
                        Some(self.seed_mode),
                        Message::SeedMode
                    )),
                    text_input("seed", &self.seed)
                        .on_input_maybe(
                            (self.seed_mode == SeedMode::Fixed).then_some(Message::Seed)
                        )
                        .width(110),
                ]
                .spacing(10)
                .align_y(iced::Center),
            ]
            .spacing(4),
            column![
                text("Mode").size(13),
                row![
                    ring(radio(
                        "Parallel",
                        Mode::Parallel,
                        Some(self.mode),
                        Message::Mode
                    )),
                    ring(radio(
                        "Sequential",
                        Mode::Sequential,
                        Some(self.mode),
                        Message::Mode
                    )),
                ]
                .spacing(10),
            ]
            .spacing(4),
        ]
        .spacing(20)
        .align_y(iced::Bottom)
        .wrap()
        .vertical_spacing(10);
        let folder = row![
            text("Output folder").size(13),
            text_input("folder for the videos", &self.out_dir)
                .on_input(Message::OutDir)
                .width(Fill),
            button(text("Browse…"))
                .style(style::button_secondary)
                .on_press(Message::Browse),
        ]
        .spacing(10)
        .align_y(iced::Center);
        let mut who = row![text("Accounts").size(13)]
            .spacing(14)
            .align_y(iced::Center);
        if accounts.is_empty() {
            who = who.push(
                text("none yet: add one in Accounts")
                    .size(13)
                    .style(style::warning),
            );
        }
        for a in accounts {
            let name = a.name.clone();
            who = who.push(ring(
                checkbox(!self.excluded.contains(&a.name))
                    .label(&a.name)
                    .on_toggle(move |on| Message::Account(name.clone(), on)),
            ));
        }
        let typed_import = self.import_path.as_ref().map(|p| {
            row![
                text("Prompt file").size(13),
                text_input("/path/to/prompts.csv", p)
                    .id("import-path")
                    .on_input(Message::ImportPath)
                    .on_submit(Message::ImportTyped)
                    .width(Fill),
                button(text("Import"))
                    .style(style::button_secondary)
                    .on_press(Message::ImportTyped),
            ]
            .spacing(10)
            .align_y(iced::Center)
        });
        let (line, warnings) = self.estimate(accounts);
        let mut summary = column![text(line).size(15)].spacing(4);
        for w in warnings {
            summary = summary.push(text(format!("Note: {w}")).size(13).style(style::warning));
        }
        if let Some(n) = &self.notice {
            summary = summary.push(text(n).size(13).style(style::muted));
        }
        if let Some(e) = &self.error {
            summary = summary.push(text(e).size(14).style(style::danger));
        }
        let generate = button(
            text(if busy {
                "Generate more  (Ctrl+Enter)"
            } else {
                "Generate  (Ctrl+Enter)"
            })
            .size(16),
        )
        .padding([10, 24])
        .style(style::button_primary)
        .on_press(Message::Generate);
        let bottom = container(
            column![
                options,
                folder,
                who,
                row![summary.width(Fill), generate]
                    .spacing(16)
                    .align_y(iced::Center)
            ]
            .spacing(14),
        )
        .padding(14)
        .style(style::card);
        column![head, typed_import, container(editor).height(Fill),]
            .push(self.slots_view(thumbs))
            .push(scrollable(bottom).height(iced::Shrink))
            .spacing(12)
            .padding(16)
            .into()
    }
}
