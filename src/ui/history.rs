//! History: past batches from the ledger, with counts; open a batch's folder; re-run its
//! failed takes; export its results as CSV.

use std::path::PathBuf;

use crate::ui::focus::button;
use iced::widget::{column, container, row, scrollable, space, text};
use iced::{Element, Fill};

use super::style;
use super::thumbs::{Thumb, Thumbs};
use crate::model::{BatchId, TakeState};
use crate::store::ledger::BatchSummary;

#[derive(Default)]
pub struct History {
    pub batches: Option<Result<Vec<BatchSummary>, String>>,
    /// The last export: which batch, and where it went or why it did not.
    pub exported: Option<(BatchId, Result<PathBuf, String>)>,
    /// The page of batches shown ([`PAGE`] a page, newest first).
    pub page: usize,
}

/// Batches shown per page: a year of history is thousands of batches.
pub const PAGE: usize = 25;

#[derive(Debug, Clone)]
pub enum Message {
    Refresh,
    Loaded(Result<Vec<BatchSummary>, String>),
    Page(usize),
    OpenFolder(PathBuf),
    RetryFailed(BatchId),
    Export(BatchId),
    Exported(BatchId, Result<PathBuf, String>),
    /// Show a finished video's first frame larger.
    Preview(PathBuf),
}

/// The first frames of a batch's first finished videos, each opening its preview.
fn strip<'a>(videos: &'a [PathBuf], thumbs: &'a Thumbs) -> Option<Element<'a, Message>> {
    let mut strip = row![].spacing(6);
    let mut any = false;
    for path in videos {
        if let Some(Thumb::Ready { handle, .. }) = thumbs.get(path) {
            any = true;
            strip = strip.push(
                button(
                    iced::widget::image(handle.clone())
                        .height(54)
                        .content_fit(iced::ContentFit::Contain),
                )
                .padding(0)
                .style(iced::widget::button::text)
                .on_press(Message::Preview(path.clone())),
            );
        }
    }
    any.then(|| strip.into())
}

impl History {
    /// The batches on the page shown, the page and how many pages.
    pub fn shown(&self) -> (&[BatchSummary], usize, usize) {
        let all = match &self.batches {
            Some(Ok(b)) => b.as_slice(),
            _ => &[],
        };
        let pages = all.len().div_ceil(PAGE).max(1);
        let page = self.page.min(pages - 1);
        let first = page * PAGE;
        (&all[first..(first + PAGE).min(all.len())], page, pages)
    }

    /// The first frames the page shown has.
    pub fn shown_videos(&self) -> Vec<PathBuf> {
        self.shown()
            .0
            .iter()
            .flat_map(|b| b.videos.iter().cloned())
            .collect()
    }

    pub fn view<'a>(&'a self, thumbs: &'a Thumbs) -> Element<'a, Message> {
        let head = row![
            text(crate::t!("history-title")).size(18),
            space::horizontal(),
            button(text(crate::t!("history-refresh")))
                .style(style::button_secondary)
                .on_press(Message::Refresh)
        ]
        .align_y(iced::Center);
        let mut list = column![head].spacing(10).padding(16);
        match &self.batches {
            None => list = list.push(text(crate::t!("history-loading")).style(style::muted)),
            Some(Err(e)) => list = list.push(text(e).style(style::danger)),
            Some(Ok(b)) if b.is_empty() => {
                list = list.push(text(crate::t!("history-none")).style(style::muted))
            }
            Some(Ok(all)) => {
                let (batches, page, pages) = self.shown();
                if pages > 1 {
                    let first = page * PAGE + 1;
                    let last = page * PAGE + batches.len();
                    list = list.push(
                        row![
                            space::horizontal(),
                            text(crate::t!(
                                "history-shown",
                                first = first,
                                last = last,
                                total = all.len()
                            ))
                            .size(12)
                            .style(style::muted),
                            button(text(crate::t!("queue-previous")).size(12))
                                .style(style::button_secondary)
                                .on_press_maybe((page > 0).then(|| Message::Page(page - 1))),
                            button(text(crate::t!("queue-next")).size(12))
                                .style(style::button_secondary)
                                .on_press_maybe(
                                    (page + 1 < pages).then(|| Message::Page(page + 1)),
                                ),
                        ]
                        .spacing(8)
                        .align_y(iced::Center),
                    );
                }
                for b in batches {
                    let failed = b.count(TakeState::Failed)
                        + b.count(TakeState::TimedOut)
                        + b.count(TakeState::Uncertain);
                    let when = b
                        .created_at
                        .and_then(|t| {
                            t.format(time::macros::format_description!(
                                "[year]-[month]-[day] [hour]:[minute]"
                            ))
                            .ok()
                        })
                        .unwrap_or_default();
                    let mut actions = row![
                        button(text(crate::t!("history-open-folder")).size(12))
                            .style(style::button_secondary)
                            .on_press(Message::OpenFolder(b.out_dir.clone())),
                        button(text(crate::t!("history-export")).size(12))
                            .style(style::button_secondary)
                            .on_press(Message::Export(b.id)),
                    ]
                    .spacing(6);
                    if b.count(TakeState::Failed) > 0 {
                        actions = actions.push(
                            button(text(crate::t!("queue-retry-failed")).size(12))
                                .style(style::button_secondary)
                                .on_press(Message::RetryFailed(b.id)),
                        );
                    }
                    let exported = match &self.exported {
                        Some((id, Ok(path))) if *id == b.id => Some(
                            text(crate::t!(
                                "history-saved",
                                path = path.display().to_string()
                            ))
                            .size(12)
                            .style(style::muted),
                        ),
                        Some((id, Err(e))) if *id == b.id => Some(
                            text(crate::t!("history-export-failed", why = e.as_str()))
                                .size(12)
                                .style(style::danger),
                        ),
                        _ => None,
                    };
                    list = list.push(
                        container(
                            column![
                                row![
                                    column![
                                        row![
                                            text(crate::t!(
                                                "batch-number",
                                                batch = b.id.to_string()
                                            ))
                                            .size(15)
                                            .style(style::muted),
                                            text(crate::visible::one_line(&b.label).into_owned())
                                                .size(15),
                                        ]
                                        .spacing(8),
                                        text(format!(
                                            "{when} · {} · {}",
                                            crate::words::batch_state(&b.state),
                                            b.out_dir.display()
                                        ))
                                        .size(12)
                                        .style(style::muted),
                                    ]
                                    .spacing(2)
                                    .width(Fill),
                                    text(crate::t!(
                                        "queue-on-disk",
                                        done = b.count(TakeState::Done),
                                        total = b.total()
                                    ))
                                    .size(13),
                                    text(if failed > 0 {
                                        crate::t!("history-failed", n = failed)
                                    } else {
                                        String::new()
                                    })
                                    .size(13)
                                    .style(style::danger),
                                    actions,
                                ]
                                .spacing(16)
                                .align_y(iced::Center),
                            ]
                            .push(strip(&b.videos, thumbs))
                            .push(exported)
                            .spacing(6),
                        )
                        .padding(10)
                        .style(style::card),
                    );
                }
            }
        }
        scrollable(list).height(Fill).into()
    }
}
