//! Engine calls whose only news is an error (retries, upscales), for every handler that sends one.

use iced::Task;

use super::Message;
use crate::words::Said;

/// An engine call whose only news is an error, which becomes a banner.
pub(super) fn engine_chore<T>(
    call: impl std::future::Future<Output = Result<T, crate::engine::EngineError>> + Send + 'static,
) -> Task<Message> {
    Task::perform(
        async move { call.await.map(|_| ()).map_err(|e| e.said()) },
        Message::Done,
    )
}
