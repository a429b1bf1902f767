//! `flowdeck doctor` for the front ends: each account's read-only checks, bounded in time, a
//! Flow account's browser given a moment to connect first.

use std::time::Duration;

use futures_util::future::join_all;

use crate::engine::LaneSpec;
use crate::provider::Client;
pub use crate::provider::doctor::Verdict;

/// The longest one account's checks may take.
const CHECK_TIME: Duration = Duration::from_secs(30);

/// One account's verdict, after waiting up to `browser_wait` for its browser (Flow).
pub async fn examine(client: &Client, browser_wait: Duration) -> Verdict {
    if let Some(mut presence) = client.presence() {
        let _ = tokio::time::timeout(browser_wait, presence.wait_for(|p| p.connected)).await;
    }
    match tokio::time::timeout(CHECK_TIME, client.doctor()).await {
        Ok(v) => v,
        Err(_) => {
            let seconds = CHECK_TIME.as_secs();
            Verdict::Unreachable(crate::msg!("doctor-no-answer", seconds = seconds))
        }
    }
}

/// Every lane's verdict, checked side by side, in the lanes' order.
pub async fn examine_all(lanes: &[LaneSpec], browser_wait: Duration) -> Vec<(String, Verdict)> {
    join_all(
        lanes
            .iter()
            .map(|l| async move { (l.name.clone(), examine(&l.client, browser_wait).await) }),
    )
    .await
}
