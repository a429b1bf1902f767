//! Writes a take's transition to the ledger and then tells the coordinator: the order that
//! makes every state change durable before anything acts on it.

use tokio::sync::mpsc::UnboundedSender;

use super::events::{Event, TakeUpdate};
use super::report::LaneReport;
use crate::model::TakeState;
use crate::store::ledger::{Change, Ledger, LedgerError, TakeRecord};

#[derive(Clone)]
pub struct Recorder {
    pub ledger: Ledger,
    pub reports: UnboundedSender<LaneReport>,
}

impl Recorder {
    /// Marks a take that may have been sent Uncertain (never sent again by itself) and gives
    /// it back for a lookup; None when the ledger refused (the take stays as it was).
    pub async fn uncertain(
        &self,
        mut take: TakeRecord,
        why: crate::message::Message,
    ) -> Option<TakeRecord> {
        self.record(
            &mut take,
            TakeState::Uncertain,
            Change::error("uncertain", why),
        )
        .await
        .ok()
        .map(|()| take)
    }

    /// Commits the transition, then announces it. Updates `take` in place.
    pub async fn record(
        &self,
        take: &mut TakeRecord,
        to: TakeState,
        change: Change,
    ) -> Result<(), LedgerError> {
        self.record_holding(take, to, change, Vec::new()).await
    }

    /// As [`Recorder::record`], announcing the scenes the take's file holds.
    pub async fn record_holding(
        &self,
        take: &mut TakeRecord,
        to: TakeState,
        change: Change,
        holds: Vec<u32>,
    ) -> Result<(), LedgerError> {
        let message = change.error.as_ref().map(|(_, m)| m.clone());
        self.ledger.transition(take.id, to, change.clone()).await?;
        take.state = to;
        if let Some(a) = change.account {
            take.account = Some(a);
        }
        if let Some(r) = change.remote {
            take.remote = Some(r);
        }
        if change.hint.is_some() {
            take.hint = change.hint;
        }
        if change.clear_error {
            take.error = None;
            take.error_class = None;
            take.error_code = None;
        }
        if let Some((c, m)) = change.error {
            take.error_class = Some(c);
            take.error = Some(m);
            take.error_code = change.error_code;
        }
        if change.path.is_some() {
            take.path = change.path;
        }
        if change.bytes.is_some() {
            take.bytes = change.bytes;
        }
        if change.sha256.is_some() {
            take.sha256 = change.sha256;
        }
        if change.request.is_some() {
            take.request = change.request;
        }
        if change.submitted {
            // The ledger stamped its own copy; the sidecar is written from this one.
            take.submitted_at = Some(time::OffsetDateTime::now_utc());
        }
        self.announce(take, message, holds);
        Ok(())
    }

    fn announce(
        &self,
        take: &TakeRecord,
        message: Option<crate::message::Message>,
        holds: Vec<u32>,
    ) {
        self.reports
            .send(LaneReport::Event(Event::Take(TakeUpdate {
                take: take.id,
                batch: take.batch,
                scene: take.scene_index,
                copy: take.copy,
                account: take.account.clone(),
                state: take.state,
                message,
                failure: crate::model::Failure::of(take),
                path: take.path.clone(),
                bytes: take.bytes,
                revisable: super::revise::revisable(take),
                upscalable: super::revise::upscalable(take),
                holds,
            })))
            .ok();
    }
}
