//! How the Accounts screen looks: the list, the add form for the chosen provider, and the
//! dialogs.

use crate::ui::board::LaneLook;
use crate::ui::focus::{after, button, cycling};
use iced::widget::{column, container, pick_list, row, scrollable, space, text, text_input};
use iced::{Element, Fill};

use super::{Accounts, Dialog, Message, PROVIDERS};
use crate::store::config::{ProviderKind, Settings};
use crate::ui::board::Board;
use crate::ui::style;

impl Accounts {
    pub fn view<'a>(
        &'a self,
        settings: &'a Settings,
        board: &'a Board,
        keyring: Option<&'a str>,
    ) -> Element<'a, Message> {
        let mut list = column![text(crate::t!("accounts-title")).size(18)].spacing(10);
        if settings.accounts.is_empty() {
            list = list.push(text(crate::t!("accounts-none")).style(style::muted));
        }
        for a in &settings.accounts {
            let lane = board.lanes.get(&a.name);
            let status =
                lane.map_or_else(|| crate::t!("accounts-not-running"), |l| l.state_word().0);
            let secret = match (&a.secret_env, keyring) {
                (Some(v), _) => format!("${v}"),
                (None, Some(_)) => crate::t!("accounts-session-only"),
                (None, None) => crate::t!("accounts-keyring"),
            };
            let secret = match a.provider {
                ProviderKind::Flow => a
                    .email
                    .clone()
                    .unwrap_or_else(|| crate::t!("accounts-no-browser")),
                ProviderKind::Gemini => crate::t!("accounts-key", kept = secret),
                ProviderKind::Vertex => format!(
                    "{} · {}",
                    a.project
                        .clone()
                        .unwrap_or_else(|| crate::t!("accounts-no-project")),
                    a.location
                        .as_deref()
                        .unwrap_or(crate::provider::vertex::DEFAULT_LOCATION)
                ),
            };
            let mut line = column![
                row![
                    text(&a.name).size(15).width(130),
                    text(a.provider.to_string()).size(13).width(50),
                    text(secret).size(13).width(210).style(style::muted),
                    text(status).size(13).width(150),
                    button(text(crate::t!("accounts-check")).size(12))
                        .style(style::button_secondary)
                        .on_press(Message::Check(a.name.clone())),
                    button(text(crate::t!("accounts-rename")).size(12))
                        .style(style::button_secondary)
                        .on_press(Message::Open(Dialog::Rename {
                            account: a.name.clone(),
                            new_name: a.name.clone(),
                        })),
                    match a.provider {
                        ProviderKind::Flow => Some(
                            button(text(crate::t!("accounts-connect")).size(12))
                                .style(style::button_secondary)
                                .on_press(Message::Pair(a.name.clone())),
                        ),
                        ProviderKind::Gemini => Some(
                            button(text(crate::t!("accounts-new-key")).size(12))
                                .style(style::button_secondary)
                                .on_press(Message::Open(Dialog::SignIn {
                                    account: a.name.clone(),
                                    secret: String::new(),
                                })),
                        ),
                        // Its credentials live in a key file or gcloud, not in flowdeck.
                        ProviderKind::Vertex => None,
                    },
                    button(text(crate::t!("accounts-remove")).size(12))
                        .style(style::button_danger)
                        .on_press(Message::Open(Dialog::Remove {
                            account: a.name.clone(),
                        })),
                ]
                .spacing(8)
                .align_y(iced::Center)
                // A narrow window puts the buttons on a line of their own rather than
                // pushing them out of the card.
                .wrap()
                .vertical_spacing(6)
            ]
            .spacing(4);
            match self.checks.get(&a.name) {
                Some(Ok(s)) => line = line.push(text(s).size(13).style(style::muted)),
                Some(Err(e)) => line = line.push(text(e).size(13).style(style::danger)),
                None => {}
            }
            list = list.push(container(line).padding(10).width(Fill).style(style::card));
        }
        let name_field = column![
            text(crate::t!("accounts-name")).size(13),
            text_input(&crate::t!("accounts-name-placeholder"), &self.name)
                .id("account-name")
                .on_input(Message::Name)
                .width(200)
        ]
        .spacing(4);
        let provider_field = column![
            text(crate::t!("accounts-provider")).size(13),
            cycling(
                pick_list(&PROVIDERS[..], Some(self.provider), Message::Provider),
                after(&PROVIDERS, &self.provider).map(Message::Provider)
            )
        ]
        .spacing(4);
        let form = match self.provider {
            ProviderKind::Flow => column![
                text(crate::t!("accounts-add-title")).size(18),
                row![
                    name_field,
                    provider_field,
                    column![
                        text(crate::t!("accounts-google-account")).size(13),
                        text_input(&crate::t!("accounts-email-placeholder"), &self.email)
                            .id("account-email")
                            .on_input(Message::Email)
                            .width(Fill)
                    ]
                    .spacing(4),
                ]
                .spacing(12),
                text(crate::t!("accounts-flow-help"))
                    .size(12)
                    .style(style::muted),
                self.extension(),
                row![
                    column![
                        text(crate::t!("accounts-flow-project")).size(13),
                        text_input(
                            &crate::t!("accounts-flow-project-placeholder"),
                            &self.project
                        )
                        .on_input(Message::Project)
                        .width(360)
                    ]
                    .spacing(4),
                    space::horizontal(),
                    button(text(crate::t!("accounts-add-and-connect")))
                        .style(style::button_primary)
                        .on_press_maybe((!self.busy).then_some(Message::Add)),
                ]
                .spacing(12)
                .align_y(iced::Bottom),
            ],
            ProviderKind::Gemini => column![
                text(crate::t!("accounts-add-title")).size(18),
                row![
                    name_field,
                    provider_field,
                    column![
                        text(crate::t!("accounts-api-key")).size(13),
                        text_input(&crate::t!("accounts-api-key-placeholder"), &self.secret)
                            .id("account-secret")
                            .secure(true)
                            .on_input(Message::Secret)
                            .width(Fill)
                    ]
                    .spacing(4),
                ]
                .spacing(12),
            ]
            .push(
                (!self.secret.trim().is_empty())
                    .then(|| crate::provider::gemini::key_warning(&self.secret))
                    .flatten()
                    .map(|w| {
                        text(crate::t!("accounts-note", text = crate::i18n::say(&w)))
                            .size(13)
                            .style(style::warning)
                    }),
            )
            .push(
                row![
                    space::horizontal(),
                    button(text(crate::t!("accounts-check")))
                        .style(style::button_secondary)
                        .on_press_maybe((!self.busy).then_some(Message::CheckNew)),
                    button(text(crate::t!("accounts-add")))
                        .style(style::button_primary)
                        .on_press_maybe((!self.busy).then_some(Message::Add)),
                ]
                .spacing(12)
                .align_y(iced::Bottom),
            ),
            ProviderKind::Vertex => column![
                text(crate::t!("accounts-add-title")).size(18),
                row![
                    name_field,
                    provider_field,
                    column![
                        text(crate::t!("accounts-cloud-project")).size(13),
                        text_input(&crate::t!("accounts-cloud-project-example"), &self.project)
                            .id("account-project")
                            .on_input(Message::Project)
                            .width(Fill)
                    ]
                    .spacing(4),
                    column![
                        text(crate::t!("accounts-location")).size(13),
                        text_input(crate::provider::vertex::DEFAULT_LOCATION, &self.location)
                            .id("account-location")
                            .on_input(Message::Location)
                            .width(150)
                    ]
                    .spacing(4),
                ]
                .spacing(12),
                row![
                    column![
                        text(crate::t!("accounts-key-file")).size(13),
                        row![
                            text_input(&crate::t!("accounts-key-file-placeholder"), &self.key_file)
                                .id("account-key-file")
                                .on_input(Message::KeyFile)
                                .width(Fill),
                        ]
                        .push(self.no_dialogs.is_none().then(|| {
                            button(text(crate::t!("accounts-choose")).size(13))
                                .style(style::button_secondary)
                                .on_press(Message::PickKeyFile)
                        }))
                        .spacing(8),
                    ]
                    .spacing(4)
                    .width(Fill),
                    button(text(crate::t!("accounts-check")))
                        .style(style::button_secondary)
                        .on_press_maybe((!self.busy).then_some(Message::CheckNew)),
                    button(text(crate::t!("accounts-add")))
                        .style(style::button_primary)
                        .on_press_maybe((!self.busy).then_some(Message::Add)),
                ]
                .spacing(12)
                .align_y(iced::Bottom),
                text(crate::t!("accounts-vertex-help"))
                    .size(12)
                    .style(style::muted),
            ],
        }
        .push(
            self.form_error
                .as_ref()
                .map(|e| text(e).size(13).style(style::danger)),
        )
        .push(match &self.form_result {
            Some(Ok(s)) => Some(text(crate::t!("accounts-signed-in", who = s.as_str())).size(13)),
            Some(Err(e)) => Some(text(e).size(13).style(style::danger)),
            None => None,
        })
        // A Vertex account keeps no secret in flowdeck, so the keyring does not matter to it.
        .push(
            keyring
                .filter(|_| self.provider != ProviderKind::Vertex)
                .map(|k| {
                    text(crate::t!("accounts-no-keyring", why = k))
                        .size(13)
                        .style(style::warning)
                }),
        )
        .spacing(10);
        scrollable(
            column![
                list,
                container(form).padding(12).width(Fill).style(style::card)
            ]
            .spacing(16)
            .padding(16),
        )
        .height(Fill)
        .into()
    }

    /// Where the extension that came with this flowdeck is, for Chrome's "Load unpacked".
    fn extension(&self) -> Element<'_, Message> {
        match &self.extension {
            Some(dir) => row![
                text(crate::t!("accounts-extension-folder")).size(13),
                text(dir.display().to_string())
                    .size(13)
                    .font(iced::Font::MONOSPACE),
                button(text(crate::t!("accounts-open-folder")).size(12))
                    .style(style::button_secondary)
                    .on_press(Message::OpenFolder(dir.clone())),
            ]
            .spacing(8)
            .align_y(iced::Center)
            .wrap()
            .vertical_spacing(4)
            .into(),
            None => text(crate::t!("accounts-extension-missing"))
                .size(13)
                .style(style::warning)
                .into(),
        }
    }

    /// The open dialog, if any, drawn over the screen.
    pub fn dialog(&self) -> Option<Element<'_, Message>> {
        let d = self.dialog.as_ref()?;
        let (title, body, confirm): (String, Element<'_, Message>, String) = match d {
            Dialog::Rename { account, new_name } => (
                crate::t!("accounts-rename-title", account = account.as_str()),
                text_input(&crate::t!("accounts-new-name"), new_name)
                    .id("dialog-input")
                    .on_input(Message::DialogInput)
                    .on_submit(Message::Confirm)
                    .into(),
                crate::t!("accounts-rename"),
            ),
            Dialog::Remove { account } => (
                crate::t!("accounts-remove-title", account = account.as_str()),
                text(crate::t!("accounts-remove-explain")).into(),
                crate::t!("accounts-remove"),
            ),
            Dialog::SignIn { account, secret } => (
                crate::t!("accounts-new-key-title", account = account.as_str()),
                text_input(&crate::t!("accounts-paste-key"), secret)
                    .id("dialog-input")
                    .secure(true)
                    .on_input(Message::DialogInput)
                    .on_submit(Message::Confirm)
                    .into(),
                crate::t!("accounts-save"),
            ),
            Dialog::Pair {
                account,
                url,
                check,
                outcome,
            } => {
                let status: Element<'_, Message> = match outcome {
                    None => text(crate::t!("accounts-waiting-extension"))
                        .size(13)
                        .into(),
                    Some(Ok(s)) => text(s).size(13).style(style::success).into(),
                    Some(Err(e)) => text(e).size(13).style(style::danger).into(),
                };
                (
                    crate::t!("accounts-connect-title", account = account.as_str()),
                    column![
                        text(crate::t!("accounts-connect-help")).size(13),
                        // Editable so it can be selected; edits are ignored. A line of its
                        // own, as wide as the dialog: the whole link in sight.
                        text_input("", url)
                            .id("pair-url")
                            .on_input(Message::DialogInput)
                            .width(Fill),
                        row![
                            button(text(crate::t!("accounts-copy")).size(13))
                                .style(style::button_secondary)
                                .on_press(Message::CopyLink(url.clone())),
                            button(text(crate::t!("accounts-open")).size(13))
                                .style(style::button_secondary)
                                .on_press(Message::OpenLink(url.clone())),
                        ]
                        .spacing(8),
                        text(crate::t!("accounts-connect-code")).size(13),
                        text(check).size(24).font(iced::Font::MONOSPACE),
                        text(crate::t!("accounts-connect-once"))
                            .size(12)
                            .style(style::muted),
                        status,
                    ]
                    .spacing(8)
                    .into(),
                    String::new(),
                )
            }
        };
        Some(
            container(
                column![
                    text(title).size(18),
                    body,
                    self.dialog_error
                        .as_ref()
                        .map(|e| text(e).size(13).style(style::danger)),
                    if matches!(d, Dialog::Pair { .. }) {
                        row![
                            space::horizontal(),
                            button(text(crate::t!("close-esc")))
                                .style(style::button_primary)
                                .on_press(Message::Close),
                        ]
                    } else {
                        row![
                            space::horizontal(),
                            button(text(crate::t!("cancel-esc")))
                                .style(style::button_secondary)
                                .on_press(Message::Close),
                            button(text(confirm))
                                .style(style::button_primary)
                                .on_press_maybe((!self.busy).then_some(Message::Confirm)),
                        ]
                    }
                    .spacing(10),
                ]
                .spacing(14),
            )
            .padding(20)
            .width(if matches!(d, Dialog::Pair { .. }) {
                640
            } else {
                480
            })
            .style(style::card)
            .into(),
        )
    }
}
