//! The engine's events as a subscription, batched: at most one message every 50 ms, so a
//! burst of thousands of events costs a handful of updates and redraws.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use iced::Subscription;
use iced::futures::{SinkExt, Stream};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::engine::Event;

const BATCH_EVERY: Duration = Duration::from_millis(50);

/// The engine's event receiver, handed to the subscription once. Identified by `id`, so the
/// subscription stays the same one across updates.
#[derive(Clone)]
pub struct EventSource {
    id: u64,
    rx: Arc<Mutex<Option<UnboundedReceiver<Event>>>>,
}

impl std::fmt::Debug for EventSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EventSource({})", self.id)
    }
}

impl Hash for EventSource {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl EventSource {
    pub fn new(rx: UnboundedReceiver<Event>) -> EventSource {
        EventSource {
            id: fastrand::u64(..),
            rx: Arc::new(Mutex::new(Some(rx))),
        }
    }

    pub fn subscription(&self) -> Subscription<Vec<Event>> {
        Subscription::run_with(self.clone(), stream)
    }
}

fn stream(source: &EventSource) -> impl Stream<Item = Vec<Event>> + use<> {
    let rx = source.rx.lock().unwrap_or_else(|p| p.into_inner()).take();
    iced::stream::channel(16, async move |mut output| {
        let Some(mut rx) = rx else {
            return;
        };
        while let Some(first) = rx.recv().await {
            let mut batch = vec![first];
            // Take whatever else is already there, then give the window a breath.
            while let Ok(e) = rx.try_recv() {
                batch.push(e);
            }
            if output.send(batch).await.is_err() {
                return;
            }
            tokio::time::sleep(BATCH_EVERY).await;
        }
    })
}
