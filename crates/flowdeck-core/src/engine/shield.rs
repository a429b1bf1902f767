//! A lane's background jobs must not take the lane down with them: a panic in one (a bug) is
//! caught and handed back as a value, so the lane can undo that job's bookkeeping and say so,
//! instead of waiting forever for a poll or a download that will never report.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;

/// Runs `work`; a panic becomes `on_panic(message)`.
pub async fn shield<T>(work: impl Future<Output = T>, on_panic: impl FnOnce(String) -> T) -> T {
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(v) => v,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".into());
            on_panic(message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_becomes_a_value_and_a_result_passes_through() {
        assert_eq!(shield(async { 7 }, |_| 0).await, 7);
        let caught = shield(async { panic!("boom {}", 1) }, |m| m).await;
        assert_eq!(caught, "boom 1");
    }
}
