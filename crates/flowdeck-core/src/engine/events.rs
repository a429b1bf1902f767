//! The typed events both front ends consume. Progress is throttled at the source.

use std::path::PathBuf;

use serde::Serialize;

use crate::message::Message;
use crate::model::{AccountId, BatchId, Failure, TakeId, TakeState};

/// An account lane's condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "health", rename_all = "snake_case")]
pub enum LaneHealth {
    Ready,
    /// Throttled: no creates until the wait is over.
    CoolingDown {
        seconds: u64,
    },
    /// The secret no longer works; in-flight videos wait for a new one.
    NeedsSignIn {
        reason: Message,
    },
    /// No credits or quota left: no more creates this run.
    OutOfCredits {
        reason: Message,
    },
    /// reCAPTCHA or the account was refused; creates wait.
    Paused {
        reason: Message,
    },
    /// The account's browser is not connected (or is signed in as someone else): nothing is
    /// sent until it is back.
    WaitingForBrowser {
        reason: Message,
    },
    /// The service flagged unusual activity: held until the user resumes the account.
    Held {
        reason: Message,
    },
    /// Google sent the account's browser to a check only the person can clear ("Confirm it's
    /// you", an access page): no work until the page is normal again, then on by itself.
    NeedsYou {
        reason: Message,
    },
}

impl LaneHealth {
    /// Creates may be sent (now or after the cool-down).
    pub fn can_submit_eventually(&self) -> bool {
        matches!(self, LaneHealth::Ready | LaneHealth::CoolingDown { .. })
    }

    /// A stable name, for logs.
    pub fn label(&self) -> &'static str {
        match self {
            LaneHealth::Ready => "ready",
            LaneHealth::CoolingDown { .. } => "cooling_down",
            LaneHealth::NeedsSignIn { .. } => "needs_sign_in",
            LaneHealth::OutOfCredits { .. } => "out_of_credits",
            LaneHealth::Paused { .. } => "paused",
            LaneHealth::WaitingForBrowser { .. } => "waiting_for_browser",
            LaneHealth::Held { .. } => "held",
            LaneHealth::NeedsYou { .. } => "needs_you",
        }
    }

    pub fn reason(&self) -> Option<&Message> {
        match self {
            LaneHealth::NeedsSignIn { reason }
            | LaneHealth::OutOfCredits { reason }
            | LaneHealth::Paused { reason }
            | LaneHealth::WaitingForBrowser { reason }
            | LaneHealth::Held { reason }
            | LaneHealth::NeedsYou { reason } => Some(reason),
            _ => None,
        }
    }
}

/// A take changed state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TakeUpdate {
    pub take: TakeId,
    pub batch: BatchId,
    pub scene: u32,
    pub copy: u32,
    pub account: Option<AccountId>,
    pub state: TakeState,
    /// The reason of a failure, or a note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    /// For a failed take or one that waits for a reason: its stable class and the service's
    /// code, for scripts (`"class"`, `"code"` beside `"message"`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// A finished Gemini Omni video, which a new instruction can revise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub revisable: bool,
    /// A finished 720p Flow video, which Flow can upscale.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub upscalable: bool,
    /// The scenes whose seconds its file holds, when it is an extension that holds the videos
    /// before it (see [`crate::engine::holds`]); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holds: Vec<u32>,
}

/// Counts at the end of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BatchCounts {
    pub done: u32,
    pub failed: u32,
    pub timed_out: u32,
    pub uncertain: u32,
    pub canceled: u32,
    /// Still queued (e.g. every account ran out of credits).
    pub queued: u32,
}

/// A take as announced at the start of a batch (for queues and progress totals).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TakeInfo {
    pub take: TakeId,
    pub scene: u32,
    pub copy: u32,
    pub prompt: String,
    pub state: TakeState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountId>,
    /// Why it failed, for takes that already have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    /// Its class and the service's code, as in [`TakeUpdate`].
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
    /// A finished Gemini Omni video, which a new instruction can revise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub revisable: bool,
    /// A finished 720p Flow video, which Flow can upscale.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub upscalable: bool,
    /// What it starts from besides its prompt.
    #[serde(skip_serializing_if = "Origin::is_empty")]
    pub from: Origin,
    /// The scenes whose seconds its file holds (as in [`TakeUpdate`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holds: Vec<u32>,
}

/// What a take starts from besides its prompt: the scene it continues, and its pictures by
/// file name.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Origin {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continues: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<Message>,
}

impl Origin {
    pub fn is_empty(&self) -> bool {
        self.continues.is_none() && self.pictures.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// A batch is known to the engine (new or resumed).
    Batch {
        batch: BatchId,
        label: String,
        takes: Vec<TakeInfo>,
        resumed: bool,
    },
    Take(TakeUpdate),
    /// A failed take was retried as a new take.
    Retried {
        batch: BatchId,
        old: TakeId,
        new: TakeInfo,
    },
    /// Download progress of one lane's takes: (take, bytes so far, total when known).
    Progress {
        account: AccountId,
        takes: Vec<(TakeId, u64, Option<u64>)>,
    },
    Lane {
        account: AccountId,
        #[serde(flatten)]
        health: LaneHealth,
        in_flight: u32,
    },
    /// What the account's last answer said about it.
    Credits {
        account: AccountId,
        #[serde(skip_serializing_if = "Option::is_none")]
        credits: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tier: Option<Message>,
        /// A Flow account's plan.
        #[serde(skip_serializing_if = "Option::is_none")]
        plan: Option<crate::provider::flow::Plan>,
        #[serde(skip_serializing_if = "Option::is_none")]
        email: Option<String>,
    },
    /// Queued takes that no account can take now (all out of credits, signed out or paused).
    Stalled {
        batch: BatchId,
        queued: u32,
        lanes: Vec<(AccountId, LaneHealth)>,
    },
    BatchFinished {
        batch: BatchId,
        counts: BatchCounts,
    },
    /// Nothing is in flight and nothing will be dealt (all done, or stopping finished).
    Idle,
    Notice {
        message: Message,
    },
    /// Queued takes that wait because their create would cross a spending cap: nothing is
    /// sent for them until the cap is raised (or spending falls, e.g. a new day).
    BudgetHeld {
        batch: BatchId,
        takes: Vec<TakeId>,
        cap: crate::model::CapScope,
        limit: crate::model::Amount,
        spent: crate::model::Amount,
    },
    /// Takes held by budget that now fit: they are dealt again.
    BudgetReleased {
        batch: BatchId,
        takes: Vec<TakeId>,
    },
    /// Creates whose answer was lost, looked up in the account's own listing: `found` were
    /// made (they go on, no second charge), `absent` never were (queued again).
    Reconciled {
        account: AccountId,
        found: u32,
        absent: u32,
    },
}
