//! How the Accounts screen looks: the list, the add form for the chosen provider, and the
//! dialogs.

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
        let mut list = column![text("Accounts").size(18)].spacing(10);
        if settings.accounts.is_empty() {
            list = list.push(text("No accounts yet. Add one below.").style(style::muted));
        }
        for a in &settings.accounts {
            let lane = board.lanes.get(&a.name);
            let status = lane.map_or("not running".to_string(), |l| l.state_word().0);
            let secret = match (&a.secret_env, keyring) {
                (Some(v), _) => format!("${v}"),
                (None, Some(_)) => "this session only".to_string(),
                (None, None) => "keyring".to_string(),
            };
            let secret = match a.provider {
                ProviderKind::Flow => a
                    .email
                    .clone()
                    .unwrap_or_else(|| "no browser paired".into()),
                ProviderKind::Gemini => format!("key: {secret}"),
                ProviderKind::Vertex => format!(
                    "{} · {}",
                    a.project.as_deref().unwrap_or("no project"),
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
                    text(status).size(13),
                    space::horizontal(),
                    button(text("Check").size(12))
                        .style(style::button_secondary)
                        .on_press(Message::Check(a.name.clone())),
                    button(text("Rename").size(12))
                        .style(style::button_secondary)
                        .on_press(Message::Open(Dialog::Rename {
                            account: a.name.clone(),
                            new_name: a.name.clone(),
                        })),
                    match a.provider {
                        ProviderKind::Flow => Some(
                            button(text("Connect a browser").size(12))
                                .style(style::button_secondary)
                                .on_press(Message::Pair(a.name.clone())),
                        ),
                        ProviderKind::Gemini => Some(
                            button(text("New key").size(12))
                                .style(style::button_secondary)
                                .on_press(Message::Open(Dialog::SignIn {
                                    account: a.name.clone(),
                                    secret: String::new(),
                                })),
                        ),
                        // Its credentials live in a key file or gcloud, not in flowdeck.
                        ProviderKind::Vertex => None,
                    },
                    button(text("Remove").size(12))
                        .style(style::button_danger)
                        .on_press(Message::Open(Dialog::Remove {
                            account: a.name.clone(),
                        })),
                ]
                .spacing(8)
                .align_y(iced::Center)
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
            text("Name").size(13),
            text_input("e.g. studio-1", &self.name)
                .id("account-name")
                .on_input(Message::Name)
                .width(200)
        ]
        .spacing(4);
        let provider_field = column![
            text("Provider").size(13),
            cycling(
                pick_list(&PROVIDERS[..], Some(self.provider), Message::Provider),
                after(&PROVIDERS, &self.provider).map(Message::Provider)
            )
        ]
        .spacing(4);
        let form = match self.provider {
            ProviderKind::Flow => column![
                text("Add an account").size(18),
                row![
                    name_field,
                    provider_field,
                    column![
                        text("Google account (optional)").size(13),
                        text_input("the email its browser is signed in as", &self.email)
                            .id("account-email")
                            .on_input(Message::Email)
                            .width(Fill)
                    ]
                    .spacing(4),
                ]
                .spacing(12),
                text(
                    "Flow has no public API: flowdeck drives it through your own signed-in \
                     browser. Install the flowdeck extension in a Chrome profile signed in to \
                     this Google account (chrome://extensions → Developer mode → Load unpacked → \
                     the extension folder), then add the account and open the link it shows in \
                     that profile."
                )
                .size(12)
                .style(style::muted),
                row![
                    column![
                        text("Flow project id (optional)").size(13),
                        text_input("a new project is made when empty", &self.project)
                            .on_input(Message::Project)
                            .width(360)
                    ]
                    .spacing(4),
                    space::horizontal(),
                    button(text("Add and connect a browser"))
                        .style(style::button_primary)
                        .on_press_maybe((!self.busy).then_some(Message::Add)),
                ]
                .spacing(12)
                .align_y(iced::Bottom),
            ],
            ProviderKind::Gemini => column![
                text("Add an account").size(18),
                row![
                    name_field,
                    provider_field,
                    column![
                        text("API key").size(13),
                        text_input("AIza… key from aistudio.google.com/apikey", &self.secret)
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
                    .map(|w| text(format!("Note: {w}.")).size(13).style(style::warning)),
            )
            .push(
                row![
                    space::horizontal(),
                    button(text("Check"))
                        .style(style::button_secondary)
                        .on_press_maybe((!self.busy).then_some(Message::CheckNew)),
                    button(text("Add account"))
                        .style(style::button_primary)
                        .on_press_maybe((!self.busy).then_some(Message::Add)),
                ]
                .spacing(12)
                .align_y(iced::Bottom),
            ),
            ProviderKind::Vertex => column![
                text("Add an account").size(18),
                row![
                    name_field,
                    provider_field,
                    column![
                        text("Google Cloud project").size(13),
                        text_input("my-project-id", &self.project)
                            .id("account-project")
                            .on_input(Message::Project)
                            .width(Fill)
                    ]
                    .spacing(4),
                    column![
                        text("Location").size(13),
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
                        text("Service-account key file (optional)").size(13),
                        row![
                            text_input("empty: Application Default Credentials", &self.key_file)
                                .id("account-key-file")
                                .on_input(Message::KeyFile)
                                .width(Fill),
                            button(text("Choose…").size(13))
                                .style(style::button_secondary)
                                .on_press(Message::PickKeyFile),
                        ]
                        .spacing(8),
                    ]
                    .spacing(4)
                    .width(Fill),
                    button(text("Check"))
                        .style(style::button_secondary)
                        .on_press_maybe((!self.busy).then_some(Message::CheckNew)),
                    button(text("Add account"))
                        .style(style::button_primary)
                        .on_press_maybe((!self.busy).then_some(Message::Add)),
                ]
                .spacing(12)
                .align_y(iced::Bottom),
                text(
                    "Veo on Vertex AI bills the project. Enable the Vertex AI API in it and give \
                     the service account the Vertex AI User role (and Storage Object Viewer on \
                     the output bucket, if you set one). Only the key file's path is kept; \
                     without one, flowdeck uses gcloud's Application Default Credentials."
                )
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
            Some(Ok(s)) => Some(text(format!("Signed in: {s}")).size(13)),
            Some(Err(e)) => Some(text(e).size(13).style(style::danger)),
            None => None,
        })
        // A Vertex account keeps no secret in flowdeck, so the keyring does not matter to it.
        .push(
            keyring
                .filter(|_| self.provider != ProviderKind::Vertex)
                .map(|k| {
                    text(format!(
                        "No keyring ({k}): secrets added here last for this session only."
                    ))
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

    /// The open dialog, if any, drawn over the screen.
    pub fn dialog(&self) -> Option<Element<'_, Message>> {
        let d = self.dialog.as_ref()?;
        let (title, body, confirm): (String, Element<'_, Message>, &str) = match d {
            Dialog::Rename { account, new_name } => (
                format!("Rename {account}"),
                text_input("new name", new_name)
                    .id("dialog-input")
                    .on_input(Message::DialogInput)
                    .on_submit(Message::Confirm)
                    .into(),
                "Rename",
            ),
            Dialog::Remove { account } => (
                format!("Remove {account}?"),
                text("Its keyring entry is deleted. Videos already on disk stay.").into(),
                "Remove",
            ),
            Dialog::SignIn { account, secret } => (
                format!("New API key: {account}"),
                text_input("paste the new key", secret)
                    .id("dialog-input")
                    .secure(true)
                    .on_input(Message::DialogInput)
                    .on_submit(Message::Confirm)
                    .into(),
                "Save",
            ),
            Dialog::Pair {
                account,
                url,
                outcome,
            } => {
                let status: Element<'_, Message> = match outcome {
                    None => text("Waiting for the flowdeck extension in that browser…")
                        .size(13)
                        .into(),
                    Some(Ok(s)) => text(s).size(13).style(style::success).into(),
                    Some(Err(e)) => text(e).size(13).style(style::danger).into(),
                };
                (
                    format!("Connect a browser: {account}"),
                    column![
                        text(
                            "Open this link in the Chrome profile that is signed in to this \
                             account's Google account and has the flowdeck extension:"
                        )
                        .size(13),
                        row![
                            // Editable so it can be selected; edits are ignored.
                            text_input("", url)
                                .id("pair-url")
                                .on_input(Message::DialogInput)
                                .width(Fill),
                            button(text("Copy").size(13))
                                .style(style::button_secondary)
                                .on_press(Message::CopyLink(url.clone())),
                            button(text("Open").size(13))
                                .style(style::button_secondary)
                                .on_press(Message::OpenLink(url.clone())),
                        ]
                        .spacing(8),
                        text(
                            "Open it in the right profile: the link pairs whichever browser \
                             opens it first. It works once, for 10 minutes."
                        )
                        .size(12)
                        .style(style::muted),
                        status,
                    ]
                    .spacing(8)
                    .into(),
                    "",
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
                            button(text("Close  (Esc)"))
                                .style(style::button_primary)
                                .on_press(Message::Close),
                        ]
                    } else {
                        row![
                            space::horizontal(),
                            button(text("Cancel  (Esc)"))
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
            .width(480)
            .style(style::card)
            .into(),
        )
    }
}
