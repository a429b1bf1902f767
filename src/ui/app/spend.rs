//! Asking before money is spent again: retrying a take the service refused for its policy
//! (it will most likely be refused again, and each attempt is paid for), generating prompts
//! the last batch already made, or upscaling a video (which size, at what price). The question
//! shows what it would cost.

use std::collections::HashSet;

use crate::ui::focus::button;
use iced::widget::{column, container, row, text};
use iced::{Element, Task};

use super::{Message, Running, Screen};
use crate::model::{BatchId, BatchSpec, Resolution, TakeId, TakeState};
use crate::ops::cost;
use crate::store::ledger::TakeRecord;
use crate::ui::style;
use crate::words::Said;

/// Something that spends, waiting for a check or a yes.
#[derive(Debug, Clone)]
pub enum Spend {
    Retry(TakeId),
    /// A Flow upscale of a finished take.
    Upscale(TakeId, Resolution),
    RetryFailed(BatchId),
    Generate(Box<BatchSpec>),
}

/// The open question.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub title: String,
    pub question: String,
    pub yes: String,
    pub then: Spend,
    /// A second way to say yes.
    pub other: Option<(String, Spend)>,
}

fn refused_for_policy(t: &TakeRecord) -> bool {
    t.state == TakeState::Failed && t.error_class.as_deref() == Some("policy")
}

impl Running {
    /// Looks the takes a retry would send up in the ledger before anything is sent.
    pub(super) fn check_retry(&self, spend: Spend) -> Task<Message> {
        let ledger = self.started.ledger.clone();
        let lookup = spend.clone();
        Task::perform(
            async move {
                let takes = match lookup {
                    Spend::Retry(id) => ledger.take(id).await.map(|t| t.into_iter().collect()),
                    Spend::RetryFailed(batch) => ledger.current_takes(batch).await,
                    Spend::Generate(_) | Spend::Upscale(..) => Ok(Vec::new()),
                };
                takes.map_err(|e| e.said())
            },
            move |r| Message::SpendChecked(spend.clone(), r),
        )
    }

    /// A retry's takes are known: ask when any was refused for policy, else go on.
    pub(super) fn retry_checked(
        &mut self,
        spend: Spend,
        takes: Result<Vec<TakeRecord>, String>,
    ) -> Task<Message> {
        let takes = match takes {
            Ok(t) => t,
            Err(e) => {
                self.banners.push(e);
                return Task::none();
            }
        };
        let refused: Vec<&TakeRecord> = takes.iter().filter(|t| refused_for_policy(t)).collect();
        if refused.is_empty() {
            return self.carry_out(spend);
        }
        let price = cost::total(refused.iter().filter_map(|t| {
            let client = self.started.clients.get(t.account.as_deref()?)?;
            Some((client.as_ref(), t.shot()))
        }));
        let n = refused.len();
        let first = refused[0]
            .error
            .as_ref()
            .map(crate::i18n::say)
            .unwrap_or_default();
        self.confirm = Some(Confirm {
            question: crate::t!(
                "spend-refused",
                n = n,
                reason = crate::secret::excerpt(&first, 120),
                price = crate::words::cost(&price)
            ),
            title: crate::t!("spend-costs-again"),
            yes: crate::t!("spend-send-again"),
            then: spend,
            other: None,
        });
        Task::none()
    }

    /// Generate: ask first when prompts of the last batch are sent again.
    pub(super) fn generate(&mut self, spec: BatchSpec) -> Task<Message> {
        let last: HashSet<&str> = self
            .last
            .as_ref()
            .and_then(|(b, _)| self.board.batches.get(b))
            .map(|b| {
                b.takes
                    .iter()
                    .filter_map(|id| self.board.takes.get(id))
                    .map(|t| t.prompt.trim())
                    .collect()
            })
            .unwrap_or_default();
        let again = spec
            .scenes
            .iter()
            .filter(|s| last.contains(s.prompt.trim()))
            .count();
        if again == 0 {
            return self.carry_out(Spend::Generate(Box::new(spec)));
        }
        let chosen = |name: &String| spec.accounts.is_empty() || spec.accounts.contains(name);
        let price = cost::total(spec.scenes.iter().flat_map(|s| {
            let shot = s.shot();
            let client = self
                .started
                .clients
                .iter()
                .filter(|(n, _)| chosen(n))
                .map(|(_, c)| c.as_ref())
                .find(|c| c.supports(&shot).is_ok());
            std::iter::repeat_n(client.map(|c| (c, shot.clone())), usize::from(s.copies)).flatten()
        }));
        let scenes = spec.scenes.len();
        self.confirm = Some(Confirm {
            question: crate::t!(
                "spend-made-before",
                again = again,
                scenes = scenes,
                price = crate::words::cost(&price)
            ),
            title: crate::t!("spend-costs-again"),
            yes: crate::t!("spend-generate-again"),
            then: Spend::Generate(Box::new(spec)),
            other: None,
        });
        Task::none()
    }

    /// Sends what was asked for, without asking again.
    pub(super) fn carry_out(&mut self, spend: Spend) -> Task<Message> {
        let engine = self.started.engine.clone();
        match spend {
            Spend::Retry(take) => {
                super::chore::engine_chore(async move { engine.retry(take).await })
            }
            Spend::RetryFailed(batch) => {
                self.screen = Screen::Queue;
                super::chore::engine_chore(async move { engine.retry_failed(batch).await })
            }
            Spend::Generate(spec) => self.submit(*spec),
            Spend::Upscale(take, to) => {
                self.screen = Screen::Queue;
                super::chore::engine_chore(async move { engine.upscale(take, to).await })
            }
        }
    }

    /// Upscale: which size, and what each costs, before anything is sent.
    pub(super) fn ask_upscale(&mut self, take: TakeId) {
        let account = self
            .board
            .takes
            .get(&take)
            .and_then(|t| t.account.clone())
            .unwrap_or_default();
        self.confirm = Some(Confirm {
            title: crate::t!("spend-upscale"),
            question: crate::t!("spend-upscale-question", account = account),
            yes: crate::t!("spend-upscale-1080"),
            then: Spend::Upscale(take, Resolution::P1080),
            other: Some((
                crate::t!("spend-upscale-4k"),
                Spend::Upscale(take, Resolution::K4),
            )),
        });
    }
}

/// The question, over the window.
pub fn view(c: &Confirm) -> Element<'_, Message> {
    container(
        column![
            text(&c.title).size(18),
            text(&c.question).size(14),
            row![
                button(text(&c.yes))
                    .style(style::button_primary)
                    .on_press(Message::Confirm(true)),
            ]
            .push(c.other.as_ref().map(|(label, _)| {
                button(text(label))
                    .style(style::button_primary)
                    .on_press(Message::ConfirmOther)
            }))
            .push(
                button(text(crate::t!("cancel-esc")))
                    .style(style::button_secondary)
                    .on_press(Message::Confirm(false)),
            )
            .spacing(10),
        ]
        .spacing(14)
        .max_width(520),
    )
    .padding(20)
    .style(style::card)
    .into()
}
