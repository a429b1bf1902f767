//! Drawing Compose: the prompt editor, the shot's options, the accounts and the estimate.

use iced::widget::scrollable::{Direction, Scrollbar};
use iced::widget::text::LineHeight;
use iced::widget::{
    checkbox, column, container, pick_list, radio, responsive, row, scrollable, space, text,
    text_editor, text_input,
};

use crate::ui::page::{Stretch, page};

use super::*;

impl Compose {
    /// Compose: the page (prompts, pictures, options) scrolls when the window is too short
    /// for it; what Generate would make, the notes and Generate itself stay in sight below.
    pub fn view<'a>(
        &'a self,
        accounts: &'a [AccountChoice],
        busy: bool,
        thumbs: &'a crate::ui::thumbs::Thumbs,
    ) -> Element<'a, Message> {
        let scrolled = responsive(move |size| {
            let (parts, stretch) = self.page_parts(accounts, thumbs);
            scrollable(container(page(parts, stretch, size.height - 32.0, 12.0)).padding(16))
                .direction(Direction::Vertical(Scrollbar::new().spacing(4)))
                .height(Fill)
                .into()
        });
        column![scrolled, self.footer(accounts, busy)].into()
    }

    /// The page's parts, top to bottom, and which one stretches (the prompt editor).
    fn page_parts<'a>(
        &'a self,
        accounts: &'a [AccountChoice],
        thumbs: &'a crate::ui::thumbs::Thumbs,
    ) -> (Vec<Element<'a, Message>>, Stretch) {
        let editor = text_editor(&self.editor)
            .id("prompts")
            .placeholder(crate::t!("compose-placeholder"))
            .on_action(Message::Edit)
            .size(EDITOR_TEXT)
            .line_height(LineHeight::Relative(EDITOR_LINE))
            .padding(EDITOR_PADDING)
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
            text(crate::t!("compose-prompts")).size(18),
            text(if self.paragraphs {
                crate::t!("compose-per-paragraph")
            } else {
                crate::t!("compose-per-line")
            })
            .size(13)
            .style(style::muted),
            space::horizontal(),
            ring(
                checkbox(self.paragraphs)
                    .label(crate::t!("compose-paragraphs"))
                    .on_toggle(Message::Paragraphs)
            ),
            button(text(crate::t!("compose-import-button")))
                .style(style::button_secondary)
                .on_press(Message::Import),
        ]
        .spacing(12)
        .align_y(iced::Center);
        let durations = self.offered_durations(accounts);
        let resolutions = self.offered_resolutions(accounts);
        let options = row![
            column![
                text(crate::t!("compose-model")).size(13),
                cycling(
                    pick_list(&Model::NEUTRAL[..], Some(&self.model), Message::Model),
                    after(&Model::NEUTRAL, &self.model).map(Message::Model)
                )
            ]
            .spacing(4),
            column![
                text(crate::t!("compose-aspect")).size(13),
                cycling(
                    pick_list(&ASPECTS[..], Some(AspectWords(self.aspect)), |a| {
                        Message::Aspect(a.0)
                    }),
                    after(&ASPECTS, &AspectWords(self.aspect)).map(|a| Message::Aspect(a.0))
                )
            ]
            .spacing(4),
            column![
                text(crate::t!("compose-copies")).size(13),
                cycling(
                    pick_list(&COPIES[..], Some(self.copies), Message::Copies),
                    after(&COPIES, &self.copies).map(Message::Copies)
                )
            ]
            .spacing(4),
            column![
                text(crate::t!("compose-seconds")).size(13),
                cycling(
                    pick_list(durations.clone(), Some(self.duration), Message::Duration),
                    after(&durations, &self.duration).map(Message::Duration)
                )
            ]
            .spacing(4),
            column![
                text(crate::t!("compose-resolution")).size(13),
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
                text(crate::t!("compose-seed")).size(13),
                row![
                    ring(radio(
                        crate::t!("compose-seed-random"),
                        SeedMode::Random,
                        Some(self.seed_mode),
                        Message::SeedMode
                    )),
                    ring(radio(
                        crate::t!("compose-seed-fixed"),
                        SeedMode::Fixed,
                        Some(self.seed_mode),
                        Message::SeedMode
                    )),
                    text_input(&crate::t!("compose-seed-placeholder"), &self.seed)
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
                text(crate::t!("compose-mode")).size(13),
                row![
                    ring(radio(
                        crate::t!("compose-parallel"),
                        Mode::Parallel,
                        Some(self.mode),
                        Message::Mode
                    )),
                    ring(radio(
                        crate::t!("compose-sequential"),
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
            text(crate::t!("compose-output-folder")).size(13),
            text_input(&crate::t!("compose-folder-placeholder"), &self.out_dir)
                .on_input(Message::OutDir)
                .width(Fill),
        ]
        // Browse only where a folder dialog can open: elsewhere the path field is the way.
        .push(self.dialogs.is_ok().then(|| {
            button(text(crate::t!("compose-browse")))
                .style(style::button_secondary)
                .on_press(Message::Browse)
        }))
        .spacing(10)
        .align_y(iced::Center);
        let mut who = row![text(crate::t!("compose-accounts")).size(13)]
            .spacing(14)
            .align_y(iced::Center);
        if accounts.is_empty() {
            who = who.push(
                text(crate::t!("compose-no-accounts"))
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
                text(crate::t!("compose-prompt-file")).size(13),
                text_input(&crate::t!("compose-prompt-file-example"), p)
                    .id("import-path")
                    .on_input(Message::ImportPath)
                    .on_submit(Message::ImportTyped)
                    .width(Fill),
                button(text(crate::t!("compose-import")))
                    .style(style::button_secondary)
                    .on_press(Message::ImportTyped),
            ]
            .spacing(10)
            .align_y(iced::Center)
        });
        let bottom = container(column![options, folder, who].spacing(14))
            .padding(14)
            .style(style::card);
        let mut parts: Vec<Element<'a, Message>> = vec![head.into()];
        parts.extend(typed_import.map(Element::from));
        let stretch = Stretch {
            index: parts.len(),
            min: 2.0 * EDITOR_PADDING + EDITOR_MIN_LINES * EDITOR_TEXT * EDITOR_LINE,
        };
        parts.push(crate::ui::repaint::whole(editor, self.edits));
        parts.extend(self.slots_view(thumbs));
        parts.push(bottom.into());
        (parts, stretch)
    }

    /// What Generate would make, the notes, what just happened, and Generate: always in sight,
    /// Generate at the bottom right whatever comes and goes beside it.
    fn footer<'a>(&'a self, accounts: &'a [AccountChoice], busy: bool) -> Element<'a, Message> {
        let (line, warnings) = self.estimate(accounts);
        let mut summary = column![text(line).size(15)].spacing(4);
        for w in warnings {
            summary = summary.push(
                text(crate::t!("compose-note", text = w))
                    .size(13)
                    .style(style::warning),
            );
        }
        if let Some(n) = &self.notice {
            summary = summary.push(text(crate::i18n::say(n)).size(13).style(style::muted));
        }
        if let Some(e) = &self.error {
            summary = summary.push(text(e).size(14).style(style::danger));
        }
        // Without an account to make them, Generate is off and says why.
        let chosen = accounts.iter().any(|a| !self.excluded.contains(&a.name));
        if !chosen {
            summary = summary.push(
                text(if accounts.is_empty() {
                    crate::t!("compose-needs-account")
                } else {
                    crate::t!("compose-needs-chosen-account")
                })
                .size(13)
                .style(style::warning),
            );
        }
        let generate = button(
            text(if busy {
                crate::t!("compose-generate-more")
            } else {
                crate::t!("compose-generate")
            })
            .size(16),
        )
        .padding([10, 24])
        .style(style::button_primary)
        .on_press_maybe(chosen.then_some(Message::Generate));
        container(
            row![summary.width(Fill), generate]
                .spacing(16)
                .align_y(iced::Bottom),
        )
        .padding([10, 16])
        .width(Fill)
        .style(style::panel)
        .into()
    }
}

/// The prompt editor's text size, line height (relative) and padding, and the fewest lines
/// it shows however short the window.
const EDITOR_TEXT: f32 = 16.0;
const EDITOR_LINE: f32 = 1.3;
const EDITOR_PADDING: f32 = 6.0;
const EDITOR_MIN_LINES: f32 = 6.0;

/// An aspect as the menu says it, in the user's language ("landscape (16:9)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AspectWords(Aspect);

const ASPECTS: [AspectWords; 2] = [
    AspectWords(Aspect::Landscape),
    AspectWords(Aspect::Portrait),
];

impl std::fmt::Display for AspectWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self.0 {
            Aspect::Landscape => crate::t!("aspect-landscape"),
            Aspect::Portrait => crate::t!("aspect-portrait"),
        })
    }
}
