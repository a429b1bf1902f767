//! What the ledger holds, as Rust values (takes, batches, changes) and which transitions
//! between take states it allows.

use std::path::PathBuf;
use std::sync::Arc;

use time::OffsetDateTime;

use crate::model::{
    Aspect, BatchId, Hint, Inputs, Mode, Model, RemoteRef, Resolution, Shot, Source, TakeId,
    TakeState,
};

/// The ledger refused or failed; its own text is for the log, [`LedgerError::message`] for
/// a person.
#[derive(Debug, Clone)]
pub enum LedgerError {
    Sql(Arc<rusqlite::Error>),
    Illegal {
        take: TakeId,
        from: String,
        to: TakeState,
    },
    Other(crate::message::Message),
}

impl LedgerError {
    /// For a log line.
    pub fn log(&self) -> String {
        self.message().log().to_string()
    }

    pub fn message(&self) -> crate::message::Message {
        match self {
            LedgerError::Sql(e) => crate::msg!("ledger-failed", why = e.to_string()),
            LedgerError::Illegal { take, from, to } => crate::msg!(
                "ledger-illegal",
                take = *take,
                from = from.as_str(),
                to = to.to_string()
            ),
            LedgerError::Other(m) => crate::msg!("ledger-failed", why = m.clone()),
        }
    }
}

/// A ledger failure inside a provider call (recording a create) is the provider's "ledger"
/// class: it proves nothing about the video, and it stops the account.
impl From<LedgerError> for crate::provider::ProviderError {
    fn from(e: LedgerError) -> crate::provider::ProviderError {
        crate::provider::ProviderError::Ledger(e.message())
    }
}

impl From<rusqlite::Error> for LedgerError {
    fn from(e: rusqlite::Error) -> Self {
        LedgerError::Sql(Arc::new(e))
    }
}

pub type Result<T> = std::result::Result<T, LedgerError>;

/// The states a take may come from to reach `to`. Nothing leads back to Submitting except
/// Assigned, and nothing leads to Assigned except Queued: a take that was sent is never sent
/// again by the program. An Uncertain take goes back to Queued only when the provider's own
/// listing proved it was never made, and on to Generating when the listing found it.
pub fn sources(to: TakeState) -> &'static [TakeState] {
    use TakeState::*;
    match to {
        Queued => &[Assigned, Submitting, Uncertain],
        Assigned => &[Queued],
        Submitting => &[Assigned],
        Generating => &[Submitting, Generating, TimedOut, Uncertain],
        Ready => &[Generating, Ready, Downloading, TimedOut, Failed],
        Downloading => &[Ready],
        Done => &[Downloading],
        // From Uncertain only once the listing was consulted (proven absent too often, or its
        // project gone), which the transition itself checks.
        Failed => &[
            Uncertain,
            Queued,
            Assigned,
            Submitting,
            Generating,
            Ready,
            Downloading,
            TimedOut,
        ],
        TimedOut => &[Generating],
        Uncertain => &[Submitting],
        Canceled => &[Queued, Assigned],
    }
}

/// How hard a commit waits for the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Every commit is on disk (fsync) before it returns: survives a power cut.
    Full,
    /// WAL without a sync per commit: survives a crash of flowdeck, not of the machine.
    Normal,
}

/// Everything the engine needs about one take, with its scene and batch.
#[derive(Debug, Clone, PartialEq)]
pub struct TakeRecord {
    pub id: TakeId,
    pub batch: BatchId,
    /// 1-based.
    pub scene_index: u32,
    /// 1-based.
    pub copy: u32,
    pub prompt: String,
    pub scene_name: Option<String>,
    pub model: Model,
    pub aspect: Aspect,
    pub seed: u32,
    pub state: TakeState,
    pub account: Option<String>,
    /// The service's handle of its video, once made.
    pub remote: Option<RemoteRef>,
    /// Where the finished video's bytes are, as its last status said.
    pub hint: Option<Hint>,
    pub error_class: Option<String>,
    /// The service's own reason code for the error, when it gave one (see
    /// [`crate::model::Failure`]).
    pub error_code: Option<String>,
    pub error: Option<crate::message::Message>,
    /// Absolute path of the video (set when its download begins).
    pub path: Option<PathBuf>,
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
    pub submitted_at: Option<OffsetDateTime>,
    pub updated_at: Option<OffsetDateTime>,
    pub retry_of: Option<TakeId>,
    pub batch_label: String,
    pub out_dir: PathBuf,
    pub template: String,
    pub duration: Option<u8>,
    pub resolution: Option<Resolution>,
    /// What its create carried, recorded before sending (the provider's opaque token), so a
    /// create whose answer was lost can be looked up.
    pub request: Option<String>,
    /// What it is made from besides its prompt and pictures: a revision's or an upscale's
    /// earlier video, or (once dealt) the video a chained scene continues.
    pub source: Option<Source>,
    /// The scene's start/end frames or reference images.
    pub inputs: Inputs,
    /// The earlier scene (1-based) whose video this take's scene continues.
    pub continues: Option<u32>,
}

impl TakeRecord {
    /// Its batch, scene and copy.
    pub fn place(&self) -> (crate::model::BatchId, u32, u32) {
        (self.batch, self.scene_index, self.copy)
    }

    pub fn shot(&self) -> Shot {
        Shot {
            model: self.model.clone(),
            aspect: self.aspect,
            duration: self.duration,
            resolution: self.resolution,
            inputs: crate::model::InputKind::of(
                self.continues.is_some(),
                self.source.is_some(),
                &self.inputs,
            ),
        }
    }
}

/// What a transition changes besides the state. `None` leaves a column as it was.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub account: Option<String>,
    pub remote: Option<RemoteRef>,
    pub hint: Option<Hint>,
    /// `(class, message)`.
    pub error: Option<(String, crate::message::Message)>,
    /// The service's reason code that goes with `error` (a new error replaces the code, even
    /// with none).
    pub error_code: Option<String>,
    pub clear_error: bool,
    pub path: Option<PathBuf>,
    pub bytes: Option<u64>,
    pub sha256: Option<String>,
    pub submitted: bool,
    pub request: Option<String>,
    /// The provider's own listing was consulted: only then may an Uncertain take move on
    /// (to Generating when found, to Queued when proven never made).
    pub reconciled: bool,
    /// What its create is expected to cost (set when it is dealt); counted as spent once
    /// the service accepted the create, or may have.
    pub cost: Option<crate::model::Spend>,
}

impl Change {
    pub fn error(class: &str, message: crate::message::Message) -> Change {
        Change {
            error: Some((class.to_string(), message)),
            ..Change::default()
        }
    }

    /// An error with the service's own reason code, when it gave one.
    pub fn error_with_code(
        class: &str,
        code: Option<String>,
        message: crate::message::Message,
    ) -> Change {
        Change {
            error_code: code,
            ..Change::error(class, message)
        }
    }

    /// A provider's failure: its class, code and message.
    pub fn failure(e: &crate::provider::ProviderError) -> Change {
        Change::error_with_code(e.class(), e.code(), e.message())
    }
}

/// A batch's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchMeta {
    pub id: BatchId,
    pub label: String,
    pub accounts: Vec<String>,
    pub mode: Mode,
    pub state: String,
    pub out_dir: PathBuf,
    /// The batch's own spending caps.
    pub caps: crate::model::Caps,
}

/// One batch with counts per state.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchSummary {
    pub id: BatchId,
    pub label: String,
    pub created_at: Option<OffsetDateTime>,
    pub out_dir: PathBuf,
    pub state: String,
    pub counts: Vec<(TakeState, u32)>,
    /// The first few finished videos, in scene order (History shows their first frames).
    pub videos: Vec<PathBuf>,
}

impl BatchSummary {
    /// Finished videos listed per batch.
    pub const VIDEOS: usize = 6;

    pub fn count(&self, state: TakeState) -> u32 {
        self.counts
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| *n)
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}
