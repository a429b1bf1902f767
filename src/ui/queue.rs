//! Queue: every batch of this session with its takes, what each is doing, and what can be
//! done about it.

use std::path::PathBuf;
use std::time::Instant;

use crate::ui::focus::button;
use iced::widget::button::{self};
use iced::widget::{column, container, progress_bar, row, scrollable, space, text};
use iced::{Element, Fill};

use super::board::{BatchView, Board, Filter, TakeRow};
use super::thumbs::{Thumb, Thumbs};

/// Rows shown per page of a batch.
pub const PAGE: usize = 50;
use super::style;
use crate::model::{BatchId, TakeId, TakeState};

#[derive(Debug, Clone)]
pub enum Message {
    Open(PathBuf),
    /// Show a finished video's first frame larger.
    Preview(PathBuf),
    Reveal(PathBuf),
    Retry(TakeId),
    /// Make this waiting scene before the others.
    RunNext(TakeId),
    /// The engine moved these takes to the front (none: it was no longer waiting).
    MovedNext(Result<Vec<TakeId>, String>),
    /// Open the Revise dialog for a finished Gemini Omni video.
    Revise(TakeId),
    /// Ask how to upscale a finished Flow video.
    Upscale(TakeId),
    Pause(BatchId, bool),
    Cancel(BatchId),
    RetryFailed(BatchId),
    Page(BatchId, usize),
    Filter(BatchId, Filter),
}

fn detail<'a>(t: &'a TakeRow, now: Instant, next: bool) -> Element<'a, Message> {
    let since = now.saturating_duration_since(t.since).as_secs();
    match t.state {
        TakeState::Queued if next => text(crate::t!("queue-next-in-line"))
            .size(13)
            .style(style::muted)
            .into(),
        // Waiting for a cap to be raised: which cap, its limit and what is spent.
        TakeState::Queued if t.held_by_budget() => text(
            crate::visible::one_line(&t.message.as_ref().map(crate::i18n::say).unwrap_or_default())
                .into_owned(),
        )
        .size(13)
        .style(style::muted)
        .into(),
        // The state column says what; this says for how long.
        TakeState::Generating | TakeState::Submitting => {
            text(crate::t!("queue-for", time = style::clock(since)))
                .size(13)
                .style(style::muted)
                .into()
        }
        TakeState::Downloading => {
            let (done, total) = t.progress.unwrap_or((0, None));
            let label = match total {
                Some(total) => crate::t!(
                    "queue-of-total",
                    done = style::bytes(done),
                    total = style::bytes(total)
                ),
                None => style::bytes(done),
            };
            row![
                progress_bar(0.0..=1.0, t.fraction().unwrap_or(0.0))
                    .girth(10)
                    .length(120),
                text(label).size(12),
            ]
            .spacing(8)
            .align_y(iced::Center)
            .into()
        }
        TakeState::Done => text(
            t.path
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default(),
        )
        .size(13)
        .style(style::muted)
        .into(),
        TakeState::Failed | TakeState::Uncertain | TakeState::TimedOut => text(
            crate::visible::one_line(&t.message.as_ref().map(crate::i18n::say).unwrap_or_default())
                .into_owned(),
        )
        .size(13)
        .style(style::danger)
        .into(),
        _ => space::horizontal().width(0).into(),
    }
}

/// Width of a row's thumbnail (16:9 frames are 36 high, 9:16 ones 114).
const THUMB: f32 = 64.0;

/// A finished take's first frame, which opens the preview; an empty box of the same width
/// otherwise, so the columns line up.
fn thumbnail<'a>(t: &'a TakeRow, thumbs: &'a Thumbs) -> Element<'a, Message> {
    let frame = t.path.as_ref().filter(|_| t.state == TakeState::Done);
    match frame.and_then(|p| Some((p, thumbs.get(p)?))) {
        Some((path, Thumb::Ready { handle, .. })) => button(
            iced::widget::image(handle.clone())
                .width(THUMB)
                .content_fit(iced::ContentFit::Contain),
        )
        .padding(0)
        .style(button::text)
        .on_press(Message::Preview(path.clone()))
        .into(),
        _ => space::horizontal().width(THUMB).into(),
    }
}

fn take_row<'a>(
    t: &'a TakeRow,
    now: Instant,
    next_up: &[TakeId],
    thumbs: &'a Thumbs,
) -> Element<'a, Message> {
    let state = t.state;
    let next = next_up.contains(&t.id);
    let mut actions = row![].spacing(6);
    if t.state == TakeState::Queued && !next {
        actions = actions.push(
            button(label(crate::t!("queue-run-next")))
                .style(style::button_secondary)
                .on_press(Message::RunNext(t.id)),
        );
    }
    if let (TakeState::Done, Some(p)) = (t.state, &t.path) {
        actions = actions
            .push(
                button(label(crate::t!("queue-open")))
                    .style(style::button_secondary)
                    .on_press(Message::Open(p.clone())),
            )
            .push(
                button(label(crate::t!("queue-folder")))
                    .style(style::button_secondary)
                    .on_press(Message::Reveal(p.clone())),
            );
    }
    if t.revisable {
        actions = actions.push(
            button(label(crate::t!("queue-revise")))
                .style(style::button_secondary)
                .on_press(Message::Revise(t.id)),
        );
    }
    if t.upscalable {
        actions = actions.push(
            button(label(crate::t!("queue-upscale")))
                .style(style::button_secondary)
                .on_press(Message::Upscale(t.id)),
        );
    }
    if t.can_retry() {
        actions = actions.push(
            button(label(crate::t!("queue-retry")))
                .style(style::button_secondary)
                .on_press(Message::Retry(t.id)),
        );
    }
    row![
        thumbnail(t, thumbs),
        text(super::board::take_name(t)).size(13).width(54),
        column![text(style::shorten(&t.prompt, 48)).size(13)]
            .push(
                crate::words::origin(&t.from)
                    .map(|f| text(style::shorten(&f, 56)).size(11).style(style::muted)),
            )
            // An extension's file is the story so far, not this scene alone.
            .push((!t.holds.is_empty()).then(|| {
                text(crate::i18n::holds(&t.holds))
                    .size(11)
                    .style(style::muted)
            }))
            .width(iced::FillPortion(3)),
        text(t.account.clone().unwrap_or_else(|| "–".into()))
            .size(13)
            .width(96),
        text(crate::words::state(state))
            .size(13)
            .width(92)
            .style(move |th| style::take_state(th, state)),
        container(detail(t, now, next)).width(iced::FillPortion(4)),
        // Too many for one line, the buttons wrap as buttons, never inside a label.
        container(actions.wrap().vertical_spacing(4).align_x(iced::Right))
            .width(190)
            .align_right(190),
    ]
    .spacing(10)
    .align_y(iced::Center)
    .into()
}

fn batch<'a>(
    board: &'a Board,
    b: &'a BatchView,
    now: Instant,
    thumbs: &'a Thumbs,
) -> Element<'a, Message> {
    let c = board.batch_counts(b.id);
    let failed = c.failed;
    let mut summary = crate::t!("queue-on-disk", done = c.done, total = c.total);
    if c.failed > 0 {
        summary.push_str(&crate::t!("queue-failed", n = c.failed));
    }
    if c.moving > 0 {
        summary.push_str(&crate::t!("queue-in-progress", n = c.moving));
    }
    if c.cancelled > 0 {
        summary.push_str(&crate::t!("queue-cancelled", n = c.cancelled));
    }
    if b.finished.is_some() {
        summary.push_str(&crate::t!("queue-finished"));
    } else if b.own.canceled && c.cancelled == 0 {
        summary.push_str(&crate::t!("queue-batch-cancelled"));
    } else if b.own.paused {
        summary.push_str(&crate::t!("queue-paused"));
    }
    let mut controls = row![].spacing(6);
    if b.finished.is_none() && !b.own.canceled {
        controls = controls
            .push(
                button(
                    text(if b.own.paused {
                        crate::t!("queue-resume")
                    } else {
                        crate::t!("queue-pause")
                    })
                    .size(12),
                )
                .style(style::button_secondary)
                .on_press(Message::Pause(b.id, !b.own.paused)),
            )
            .push(
                button(text(crate::t!("queue-cancel")).size(12))
                    .style(style::button_danger)
                    .on_press(Message::Cancel(b.id)),
            );
    }
    if failed > 0 {
        controls = controls.push(
            button(text(crate::t!("queue-retry-failed")).size(12))
                .style(style::button_secondary)
                .on_press(Message::RetryFailed(b.id)),
        );
    }
    let mut body = column![
        row![
            // The number `flowdeck export` and `flowdeck retry` take.
            text(crate::t!("batch-number", batch = b.id.to_string()))
                .size(16)
                .style(style::muted),
            text(crate::visible::one_line(&b.label).into_owned()).size(16),
            text(summary).size(13).style(style::muted),
            space::horizontal(),
            controls,
        ]
        .spacing(12)
        .align_y(iced::Center)
    ]
    .spacing(6);
    if b.resumed {
        body = body.push(
            text(crate::t!("queue-resumed"))
                .size(12)
                .style(style::muted),
        );
    }
    if let Some(lanes) = &b.stalled {
        let why = crate::words::stalled(lanes);
        body = body.push(
            text(crate::t!("queue-waiting", why = why))
                .size(13)
                .style(style::warning),
        );
    }
    let (rows, shown, page, pages) = page(board, b);
    if b.takes.len() > PAGE || b.own.filter != Filter::All {
        let mut filters = row![].spacing(4);
        for f in Filter::ALL {
            let label = f.label();
            filters = filters.push(
                button(text(label).size(12))
                    .style(if b.own.filter == f {
                        style::button_primary
                    } else {
                        button::text
                    })
                    .on_press(Message::Filter(b.id, f)),
            );
        }
        let said = if rows == 0 {
            crate::t!("queue-no-takes")
        } else {
            let (first, last) = (page * PAGE + 1, page * PAGE + shown.len());
            crate::t!("queue-rows", first = first, last = last, total = rows)
        };
        body = body.push(
            row![
                filters,
                space::horizontal(),
                text(said).size(12).style(style::muted),
                button(text(crate::t!("queue-previous")).size(12))
                    .style(style::button_secondary)
                    .on_press_maybe((page > 0).then(|| Message::Page(b.id, page - 1))),
                button(text(crate::t!("queue-next")).size(12))
                    .style(style::button_secondary)
                    .on_press_maybe((page + 1 < pages).then(|| Message::Page(b.id, page + 1))),
            ]
            .spacing(8)
            .align_y(iced::Center),
        );
    }
    for t in shown {
        body = body.push(take_row(t, now, &board.next_up, thumbs));
    }
    container(body)
        .padding(12)
        .width(Fill)
        .style(style::card)
        .into()
}

/// A batch's rows the filter keeps (how many), those on the page shown, the page and how
/// many pages. Only the page's rows are ever built.
fn page<'a>(board: &'a Board, b: &BatchView) -> (usize, Vec<&'a TakeRow>, usize, usize) {
    let kept = |id: &TakeId| board.takes.get(id).filter(|t| b.own.filter.keeps(t.state));
    // Every take is kept with no filter: the page is a slice, whatever the batch's size.
    let rows = if b.own.filter == Filter::All {
        b.takes.len()
    } else {
        b.takes.iter().filter(|id| kept(id).is_some()).count()
    };
    let pages = rows.div_ceil(PAGE).max(1);
    let page = b.own.page.min(pages - 1);
    let shown = if b.own.filter == Filter::All {
        let first = (page * PAGE).min(b.takes.len());
        let last = (first + PAGE).min(b.takes.len());
        b.takes[first..last].iter().filter_map(kept).collect()
    } else {
        b.takes
            .iter()
            .filter_map(kept)
            .skip(page * PAGE)
            .take(PAGE)
            .collect()
    };
    (rows, shown, page, pages)
}

/// The finished videos on the rows the Queue shows now: the thumbnails to have.
pub fn shown_videos(board: &Board) -> Vec<PathBuf> {
    board
        .batches
        .values()
        .flat_map(|b| page(board, b).1)
        .filter(|t| t.state == TakeState::Done)
        .filter_map(|t| t.path.clone())
        .collect()
}

pub fn view<'a>(board: &'a Board, now: Instant, thumbs: &'a Thumbs) -> Element<'a, Message> {
    if board.batches.is_empty() {
        return container(text(crate::t!("queue-empty")).style(style::muted))
            .padding(24)
            .into();
    }
    let mut list = column![].spacing(12).padding(16);
    for b in board.batches.values().rev() {
        list = list.push(batch(board, b, now, thumbs));
    }
    scrollable(list).height(Fill).into()
}

/// An action's label: on one line, whatever the language's words.
fn label<'a>(words: String) -> iced::widget::Text<'a> {
    text(words)
        .size(12)
        .wrapping(iced::widget::text::Wrapping::None)
}
