//! What a lane tells the coordinator. Its own file: the recorder that writes each transition
//! sends these too, and the lane is built on the recorder, not the other way round.

use super::events::{Event, LaneHealth};
use crate::model::{AccountId, TakeId};
use crate::store::ledger::TakeRecord;

/// What a lane tells the coordinator.
pub enum LaneReport {
    /// Free for up to `slots` more takes now.
    Want {
        account: AccountId,
        slots: usize,
    },
    /// Takes handed back, already recorded as Queued.
    Returned {
        takes: Vec<TakeRecord>,
    },
    Status {
        account: AccountId,
        health: LaneHealth,
        in_flight: u32,
    },
    /// Uncertain takes being looked up (`active`), or given up on (left Uncertain).
    Reconciling {
        takes: Vec<TakeId>,
        active: bool,
    },
    /// The account's Flow project, to keep for the next run.
    Project {
        account: AccountId,
        project: String,
    },
    Event(Event),
}
