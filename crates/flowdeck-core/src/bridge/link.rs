//! One account's end of the bridge: the [`Transport`] its Flow client calls through. It can
//! only reach the browser paired with that account.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{oneshot, watch};

use super::protocol::ToBrowser;
use super::{Inner, Outcome, lock};
use crate::provider::flow::transport::{
    Answer, Call, CallFuture, Presence, Transport, TransportError,
};

pub struct BrowserLink {
    inner: Arc<Inner>,
    account: String,
}

impl BrowserLink {
    pub(super) fn new(inner: Arc<Inner>, account: &str) -> BrowserLink {
        BrowserLink {
            inner,
            account: account.to_string(),
        }
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    async fn run(&self, call: Call) -> Result<Answer, TransportError> {
        let id = self.inner.next_id();
        let (tx, rx) = oneshot::channel();
        let timeout = self.inner.config.call_timeout;
        // The page answers what it knows a little before flowdeck stops waiting.
        let within = timeout
            .saturating_sub(timeout / 10)
            .max(Duration::from_secs(1));
        let sent = self.inner.with_session(&self.account, |s| {
            lock(&s.pending).insert(id, tx);
            s.tx.send(ToBrowser::Call {
                id,
                rpcid: call.rpcid,
                freq: call.freq,
                path: call.path,
                captcha: call.captcha,
                within_ms: Some(within.as_millis() as u64),
            })
            .is_ok()
        });
        if sent != Some(true) {
            return Err(TransportError::NotConnected(crate::msg!(
                "bridge-not-connected",
                account = self.account.as_str()
            )));
        }
        match tokio::time::timeout(timeout, rx).await {
            Ok(Ok(Outcome::Answer { status, body })) => Ok(Answer { status, body }),
            Ok(Ok(Outcome::Page(e))) => Err(TransportError::Page(e)),
            Ok(Err(_)) => Err(TransportError::Lost(crate::msg!("bridge-disconnected"))),
            Err(_) => {
                self.inner.with_session(&self.account, |s| {
                    lock(&s.pending).remove(&id);
                });
                Err(TransportError::Lost(crate::msg!(
                    "bridge-no-answer",
                    seconds = timeout.as_secs()
                )))
            }
        }
    }
}

impl Transport for BrowserLink {
    fn call(&self, call: Call) -> CallFuture<'_> {
        Box::pin(self.run(call))
    }

    fn presence(&self) -> watch::Receiver<Presence> {
        self.inner.presence(&self.account)
    }
}
