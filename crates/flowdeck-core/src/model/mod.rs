//! The shared vocabulary: plain data with no I/O, used by every layer.

pub mod budget;
mod failure;
mod inputs;
pub mod remote;

use std::fmt;
use std::str::FromStr;

pub use budget::{Amount, CapScope, Caps, Held, Spend};
pub use failure::{FailClass, Failure};
pub use inputs::{InputKind, Inputs, MAX_REFERENCES};
pub use remote::{Api, Hint, MediaRef, RemoteRef, Source};

use serde::{Deserialize, Serialize};

/// Frame orientation of a video. Veo makes 16:9 and 9:16 only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Aspect {
    #[default]
    Landscape,
    Portrait,
}

impl Aspect {
    pub fn ratio(self) -> &'static str {
        match self {
            Aspect::Landscape => "16:9",
            Aspect::Portrait => "9:16",
        }
    }
}

impl fmt::Display for Aspect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Aspect::Landscape => "landscape",
            Aspect::Portrait => "portrait",
        })
    }
}

impl FromStr for Aspect {
    type Err = crate::message::Message;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "landscape" | "16:9" | "horizontal" => Ok(Aspect::Landscape),
            "portrait" | "9:16" | "vertical" => Ok(Aspect::Portrait),
            other => Err(crate::msg!("model-unknown-aspect", value = other)),
        }
    }
}

/// A video model, named the same way whichever provider runs it.
///
/// `Raw` carries a provider's own id (a Flow `videoModelKey` such as `veo_3_1_t2v_fast`),
/// which the provider accepts as is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Model {
    #[default]
    Veo31Fast,
    Veo31,
    Veo31Lite,
    Veo3Fast,
    Veo3,
    /// Gemini Omni Flash (Flow's `abra` family).
    OmniFlash,
    Raw(String),
}

impl Model {
    /// The neutral models, in the order a menu lists them.
    pub const NEUTRAL: [Model; 6] = [
        Model::Veo31Fast,
        Model::Veo31,
        Model::Veo31Lite,
        Model::OmniFlash,
        Model::Veo3Fast,
        Model::Veo3,
    ];

    pub fn name(&self) -> &str {
        match self {
            Model::Veo31Fast => "veo-3.1-fast",
            Model::Veo31 => "veo-3.1",
            Model::Veo31Lite => "veo-3.1-lite",
            Model::Veo3Fast => "veo-3-fast",
            Model::Veo3 => "veo-3",
            Model::OmniFlash => "omni-flash",
            Model::Raw(id) => id,
        }
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Model {
    type Err = crate::message::Message;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty() {
            return Err(crate::msg!("model-name-empty"));
        }
        let neutral = Model::NEUTRAL
            .iter()
            .find(|m| m.name().eq_ignore_ascii_case(t));
        Ok(match (neutral, t.to_ascii_lowercase().as_str()) {
            (Some(m), _) => m.clone(),
            (None, "veo-3.0-fast") => Model::Veo3Fast,
            (None, "veo-3.0") => Model::Veo3,
            // A slip in a name a user can choose is answered with that name, not sent as a
            // provider's own id (which would be refused later, in the provider's terms).
            (None, lower) if near_name(lower).is_some() => {
                let model = near_name(lower).map_or("", Model::name);
                return Err(crate::msg!("model-did-you-mean", value = t, model = model));
            }
            _ if t
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-/".contains(c)) =>
            {
                Model::Raw(t.to_string())
            }
            _ => return Err(crate::msg!("model-not-a-name", value = t)),
        })
    }
}

/// The model a user can choose whose name `typed` is one slip away from (two for the longer
/// names): a letter missing, added, changed or two swapped.
fn near_name(typed: &str) -> Option<&'static Model> {
    Model::NEUTRAL.iter().find(|m| {
        let name = m.name();
        let most = if name.len() > 6 { 2 } else { 1 };
        edits(typed, name) <= most
    })
}

/// Edits (insert, delete, change, swap of neighbours) that turn `a` into `b`.
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

impl Serialize for Model {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Model {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        // The message travels as its stored form; the settings reader reads it back.
        s.parse()
            .map_err(|m: crate::message::Message| serde::de::Error::custom(m.to_stored()))
    }
}

/// Output resolution. Every model makes 720p; some make 360p, 1080p and 4K.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Resolution {
    #[serde(rename = "360p")]
    P360,
    #[default]
    #[serde(rename = "720p")]
    P720,
    #[serde(rename = "1080p")]
    P1080,
    #[serde(rename = "4k")]
    K4,
}

impl Resolution {
    pub const ALL: [Resolution; 4] = [
        Resolution::P360,
        Resolution::P720,
        Resolution::P1080,
        Resolution::K4,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::P360 => "360p",
            Resolution::P720 => "720p",
            Resolution::P1080 => "1080p",
            Resolution::K4 => "4k",
        }
    }
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Resolution {
    type Err = crate::message::Message;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "360p" | "360" => Ok(Resolution::P360),
            "720p" | "720" => Ok(Resolution::P720),
            "1080p" | "1080" => Ok(Resolution::P1080),
            "4k" | "2160p" => Ok(Resolution::K4),
            other => Err(crate::msg!("model-unknown-resolution", value = other)),
        }
    }
}

/// Seconds of video some model can make (each provider says which of these a model takes).
pub const DURATIONS: [u8; 4] = [4, 6, 8, 10];

/// What one video should look like: everything a provider checks before accepting it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Shot {
    pub model: Model,
    pub aspect: Aspect,
    /// Seconds; the model's default (8) when absent.
    pub duration: Option<u8>,
    /// 720p when absent.
    pub resolution: Option<Resolution>,
    /// What the video starts from besides the prompt.
    pub inputs: InputKind,
}

impl Shot {
    pub fn new(model: Model, aspect: Aspect) -> Shot {
        Shot {
            model,
            aspect,
            duration: None,
            resolution: None,
            inputs: InputKind::Text,
        }
    }

    pub fn seconds(&self) -> u8 {
        self.duration.unwrap_or(8)
    }

    pub fn resolution(&self) -> Resolution {
        self.resolution.unwrap_or_default()
    }
}

/// Where a remote generation job stands, as any provider reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemoteState {
    /// Accepted, waiting for a worker.
    Pending,
    /// Being generated.
    Running,
    /// Finished; the video can be downloaded.
    Succeeded,
    /// Finished without a video.
    Failed,
    /// Cancelled remotely.
    Canceled,
    /// A status nobody has documented; keep polling.
    Unknown,
}

impl RemoteState {
    pub fn is_final(self) -> bool {
        matches!(
            self,
            RemoteState::Succeeded | RemoteState::Failed | RemoteState::Canceled
        )
    }
}

/// Ledger row id of a batch.
pub type BatchId = i64;
/// Ledger row id of a take.
pub type TakeId = i64;

/// An account's name: unique in the configuration, and how the ledger refers to it (never
/// by its secret).
pub type AccountId = String;

/// Where a take is in its life (see ARCHITECTURE.md, "A take's life").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TakeState {
    /// Waiting to be dealt to an account.
    Queued,
    /// Dealt to an account's lane, not sent yet.
    Assigned,
    /// The create call is being sent. A crash here leaves the take Uncertain.
    Submitting,
    /// Made remotely; being generated.
    Generating,
    /// Finished remotely; waiting for its download.
    Ready,
    /// Being downloaded (a `.part` file may hold some of it).
    Downloading,
    /// On disk, verified.
    Done,
    /// Will not produce a video (policy, invalid request…); the reason is kept.
    Failed,
    /// Still not finished at the deadline; kept and re-checkable.
    TimedOut,
    /// Sent, but no answer came back: it may exist and may have cost credits, so it is never
    /// sent again automatically.
    Uncertain,
    /// Never sent, and the batch was cancelled.
    Canceled,
}

impl TakeState {
    /// The state as a message (its name in the user's language).
    pub fn message(self) -> crate::message::Message {
        use TakeState::*;
        crate::message::Message::new(match self {
            Queued => "state-queued",
            Assigned => "state-assigned",
            Submitting => "state-submitting",
            Generating => "state-generating",
            Ready => "state-ready",
            Downloading => "state-downloading",
            Done => "state-done",
            Failed => "state-failed",
            TimedOut => "state-timed-out",
            Uncertain => "state-uncertain",
            Canceled => "state-canceled",
        })
    }
}

impl TakeState {
    pub const ALL: [TakeState; 11] = [
        TakeState::Queued,
        TakeState::Assigned,
        TakeState::Submitting,
        TakeState::Generating,
        TakeState::Ready,
        TakeState::Downloading,
        TakeState::Done,
        TakeState::Failed,
        TakeState::TimedOut,
        TakeState::Uncertain,
        TakeState::Canceled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TakeState::Queued => "queued",
            TakeState::Assigned => "assigned",
            TakeState::Submitting => "submitting",
            TakeState::Generating => "generating",
            TakeState::Ready => "ready",
            TakeState::Downloading => "downloading",
            TakeState::Done => "done",
            TakeState::Failed => "failed",
            TakeState::TimedOut => "timed_out",
            TakeState::Uncertain => "uncertain",
            TakeState::Canceled => "canceled",
        }
    }

    pub fn parse(s: &str) -> Option<TakeState> {
        TakeState::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// No more work will happen on it in this run.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            TakeState::Done
                | TakeState::Failed
                | TakeState::TimedOut
                | TakeState::Uncertain
                | TakeState::Canceled
        )
    }

    /// Sent to the service at some point (so it may have cost credits).
    pub fn was_submitted(self) -> bool {
        matches!(
            self,
            TakeState::Submitting
                | TakeState::Generating
                | TakeState::Ready
                | TakeState::Downloading
                | TakeState::Done
                | TakeState::TimedOut
                | TakeState::Uncertain
        )
    }
}

/// The word a person reads (`as_str` is the stored and JSON name): one spelling everywhere.
impl fmt::Display for TakeState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TakeState::TimedOut => "timed out",
            TakeState::Canceled => "cancelled",
            other => other.as_str(),
        })
    }
}

/// How a batch's takes are spread over accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Every selected account works at once.
    #[default]
    Parallel,
    /// One take at a time, in order.
    Sequential,
}

/// Where a seed comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SeedChoice {
    #[default]
    Random,
    /// Copy `i` of a scene gets `seed + i`, so copies differ but runs repeat.
    Fixed(u32),
}

/// One scene as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scene {
    pub prompt: String,
    /// A short name for file names; the prompt's first words when absent.
    pub name: Option<String>,
    pub model: Model,
    pub aspect: Aspect,
    pub copies: u8,
    pub seed: SeedChoice,
    /// Seconds; the model's default (8) when absent.
    #[serde(default)]
    pub duration: Option<u8>,
    #[serde(default)]
    pub resolution: Option<Resolution>,
    /// What it is made from besides its prompt and pictures: a revision's or an upscale's
    /// earlier video.
    #[serde(default)]
    pub source: Option<Source>,
    /// Start/end frames or reference images.
    #[serde(default)]
    pub inputs: Inputs,
    /// "Continue from scene N": the 1-based number of an earlier scene of the same batch,
    /// whose video this one extends (on the account that made it).
    #[serde(default)]
    pub continues: Option<u32>,
}

impl Scene {
    /// A scene with a random seed and the model's default length and resolution.
    pub fn new(prompt: impl Into<String>, model: Model, aspect: Aspect, copies: u8) -> Scene {
        Scene {
            prompt: prompt.into(),
            name: None,
            model,
            aspect,
            copies,
            seed: SeedChoice::Random,
            duration: None,
            resolution: None,
            source: None,
            inputs: Inputs::default(),
            continues: None,
        }
    }

    pub fn shot(&self) -> Shot {
        Shot {
            model: self.model.clone(),
            aspect: self.aspect,
            duration: self.duration,
            resolution: self.resolution,
            inputs: InputKind::of(
                self.continues.is_some(),
                self.source.is_some(),
                &self.inputs,
            ),
        }
    }
}

/// A batch the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchSpec {
    /// Shown in lists and used for `{batch}` in file names.
    pub label: String,
    pub scenes: Vec<Scene>,
    pub out_dir: std::path::PathBuf,
    /// File-name template, e.g. `{batch}/{scene:03}_{slug}_{take}.mp4`.
    pub template: String,
    /// The accounts that may run it, by name.
    pub accounts: Vec<AccountId>,
    pub mode: Mode,
    /// The batch's own spending caps (besides the settings' `[budget]`), kept with it in the
    /// ledger so a resume keeps them.
    pub caps: Caps,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn models_parse_neutral_names_and_raw_ids() {
        assert_eq!("veo-3.1-fast".parse::<Model>(), Ok(Model::Veo31Fast));
        assert_eq!("VEO-3.1".parse::<Model>(), Ok(Model::Veo31));
        assert_eq!(
            "veo_3_1_t2v_fast_ultra".parse::<Model>(),
            Ok(Model::Raw("veo_3_1_t2v_fast_ultra".into()))
        );
        assert!("veo 3".parse::<Model>().is_err());
        assert!("".parse::<Model>().is_err());
    }

    #[test]
    fn a_slip_in_a_model_name_is_answered_with_the_name() {
        for (typed, meant) in [
            ("veo-3.1-fsat", "veo-3.1-fast"),
            ("omni-flsh", "omni-flash"),
            ("veo-31-fast", "veo-3.1-fast"),
        ] {
            let e = typed.parse::<Model>().expect_err(typed);
            assert_eq!(e.key, "model-did-you-mean", "{typed}");
            assert!(format!("{e:?}").contains(meant), "{typed}: {e:?}");
        }
        // Provider ids far from every name are taken as they are.
        for id in [
            "gemini-omni-1.2-flash",
            "veo-3.1-generate-001",
            "abra_t2v_8s",
        ] {
            assert_eq!(id.parse::<Model>(), Ok(Model::Raw(id.into())));
        }
    }

    #[test]
    fn aspects_parse_names_and_ratios() {
        assert_eq!("9:16".parse::<Aspect>(), Ok(Aspect::Portrait));
        assert_eq!("Landscape".parse::<Aspect>(), Ok(Aspect::Landscape));
        assert!("square".parse::<Aspect>().is_err());
    }
}
