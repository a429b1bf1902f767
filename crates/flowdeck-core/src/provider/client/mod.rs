//! One provider-neutral face over the per-service clients, so lanes treat every account the
//! same way. Each value serves exactly one account.

use std::path::Path;
use std::time::Duration;

use tokio::sync::watch;

use super::error::ProviderError;
use super::flow::{self, CreateRequest, FlowClient, Presence, RequestRef};
use super::gemini::{self, GeminiClient};
use super::transfer::{Fetched, Progress};
use super::vertex::{self, VertexClient};
pub use crate::model::RemoteRef;
use crate::model::{Hint, Inputs, RemoteState, Shot, Source};

mod status;
use status::{each_its_own, gemini_status, vertex_statuses, wrong_provider};

/// One create: what the engine asks a provider to make.
#[derive(Debug, Clone, Copy)]
pub struct CreateSpec<'a> {
    pub prompt: &'a str,
    pub shot: &'a Shot,
    /// One per video asked for.
    pub seeds: &'a [u32],
    /// What each video's create carries, recorded before sending ([`Client::prepare`]).
    pub requests: &'a [String],
    pub source: Option<&'a Source>,
    pub inputs: &'a Inputs,
}

impl<'a> CreateSpec<'a> {
    /// A scene made from its prompt alone.
    pub fn text(prompt: &'a str, shot: &'a Shot, seeds: &'a [u32], requests: &'a [String]) -> Self {
        CreateSpec {
            prompt,
            shot,
            seeds,
            requests,
            source: None,
            inputs: &NO_INPUTS,
        }
    }
}

static NO_INPUTS: Inputs = Inputs::NONE;

/// What a create made.
#[derive(Debug, Clone)]
pub struct Submitted {
    /// One per seed asked, in order; shorter if the service made fewer.
    pub refs: Vec<RemoteRef>,
    pub remaining_credits: Option<i64>,
}

/// One video's status.
#[derive(Debug, Clone)]
pub struct RemoteStatus {
    pub state: RemoteState,
    /// Why it failed, classified.
    pub failure: Option<ProviderError>,
    /// Where the finished video's bytes are, when the status said.
    pub hint: Option<Hint>,
}

/// What `accounts check` and the lanes show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStatus {
    pub email: Option<String>,
    /// Flow's credits; the Gemini API bills the project instead.
    pub credits: Option<i64>,
    pub tier: crate::message::Message,
    /// A Flow account's plan (what its Ultra-only models need).
    pub plan: Option<crate::provider::flow::Plan>,
    /// The Flow project videos go into (created on the first check when there was none).
    pub project: Option<String>,
    /// The video models the account can use.
    pub models: Vec<String>,
    /// Where `models` came from (a Flow read's id, or `built-in`), when the service says.
    pub models_from: Option<String>,
    /// Reads that only help (credits, model lists) and did not answer as flowdeck reads them.
    pub warnings: Vec<flow::Advisory>,
}

/// What a lost create's lookup found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// It was made: here it is.
    Made(RemoteRef),
    /// Provably never made.
    Absent,
    /// The place it was sent to is gone (a deleted Flow project): neither made nor absent can
    /// be proven, and nothing there can be fetched.
    Gone,
}

/// A signed-in client for one account of some provider. There is one per account, held in an
/// `Arc`, so the size difference between variants costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Client {
    Flow(FlowClient),
    Gemini(GeminiClient),
    Vertex(VertexClient),
}

/// Status calls one Gemini lane makes at once (the API has no batch status call).
const GEMINI_POLLS_AT_ONCE: usize = 4;

impl Client {
    pub fn provider(&self) -> &'static str {
        match self {
            Client::Flow(_) => "flow",
            Client::Gemini(_) => "gemini",
            Client::Vertex(_) => "vertex",
        }
    }

    /// Whether a chained scene starts from the earlier video's last frame here (as a start
    /// image) rather than the service's own extension of that video.
    pub fn continues_from_last_frame(&self) -> bool {
        matches!(self, Client::Flow(_))
    }

    /// Videos one create call can ask for.
    pub fn max_per_create(&self) -> usize {
        match self {
            Client::Flow(c) => c.config().copies_per_create.clamp(1, 4),
            // Veo 3.x makes one video per request on the Gemini API.
            Client::Gemini(_) => 1,
            Client::Vertex(_) => 4,
        }
    }

    /// Whether this account can make such a video (checked before spending anything, against
    /// what the account offers once that is known).
    pub fn supports(&self, shot: &Shot) -> Result<(), crate::message::Message> {
        match self {
            Client::Flow(c) => c.key_for(shot).map(|_| ()),
            Client::Gemini(c) => c.check_shot(shot).map(|_| ()),
            Client::Vertex(c) => c.check_shot(shot).map(|_| ()),
        }
    }

    /// Reads which models the account offers (once), so [`Client::supports`] can say before
    /// a batch starts. A failure leaves the check to the lane.
    pub async fn load_models(&self) -> Result<(), ProviderError> {
        match self {
            Client::Flow(c) => {
                // Both reads only help: a failure leaves the built-in catalogue.
                c.credits().await.ok();
                c.families().await.map(|_| ())
            }
            Client::Gemini(c) => c.catalog().await.map(|_| ()),
            Client::Vertex(c) => c.check().await.map(|_| ()),
        }
    }

    /// Resolutions this account can make with a model.
    pub fn resolutions(&self, model: &crate::model::Model) -> Vec<crate::model::Resolution> {
        match self {
            Client::Flow(_) => vec![crate::model::Resolution::P720],
            Client::Gemini(c) => c.resolutions(model),
            Client::Vertex(c) => c.resolutions(model),
        }
    }

    /// Seconds this account can make with a model.
    pub fn durations(&self, model: &crate::model::Model) -> Vec<u8> {
        match self {
            Client::Flow(c) => flow::models::durations(model, c.plan()).to_vec(),
            Client::Gemini(c) => c.durations(model),
            Client::Vertex(c) => c.durations(model),
        }
    }

    /// US dollars one video is expected to cost, for accounts billed in money.
    pub fn estimated_usd(&self, shot: &Shot) -> Option<f64> {
        match self {
            Client::Flow(_) => None,
            Client::Gemini(c) => c.estimated_usd(shot),
            Client::Vertex(c) => c.estimated_usd(shot),
        }
    }

    /// Credits one video of this model is expected to cost, when the provider bills in credits.
    pub fn estimated_cost(&self, shot: &Shot) -> Option<i64> {
        match self {
            Client::Flow(c) => c
                .key_for(shot)
                .ok()
                .map(|k| flow::models::credit_cost(&k.key, c.plan())),
            Client::Gemini(_) | Client::Vertex(_) => None,
        }
    }

    /// Least time between two creates of this account, after one of `model`.
    pub fn submit_spacing(&self, model: &crate::model::Model) -> Duration {
        match self {
            Client::Flow(c) => c.submit_spacing(),
            Client::Gemini(_) => Duration::ZERO,
            // Vertex's per-project quota is per model: 50 a minute on GA, 10 on previews.
            Client::Vertex(c) => c.submit_spacing(model),
        }
    }

    /// Follows the account's browser, for providers that work through one.
    pub fn presence(&self) -> Option<watch::Receiver<Presence>> {
        match self {
            Client::Flow(c) => Some(c.presence()),
            Client::Gemini(_) | Client::Vertex(_) => None,
        }
    }

    /// Why no call may go out now, given what the browser last said.
    pub fn browser_problem(&self, p: &Presence) -> Option<crate::message::Message> {
        match self {
            Client::Flow(c) => c.browser_problem(p),
            Client::Gemini(_) | Client::Vertex(_) => None,
        }
    }

    /// What `n` videos' creates will carry, as opaque tokens the ledger keeps before sending
    /// (Flow: the project and client uuids its listing echoes). A failure here proves nothing
    /// was sent.
    pub async fn prepare(&self, n: usize, inputs: &Inputs) -> Result<Vec<String>, ProviderError> {
        match self {
            Client::Flow(c) => Ok(c
                .prepare(n, inputs)
                .await?
                .iter()
                .map(RequestRef::to_token)
                .collect()),
            Client::Gemini(_) | Client::Vertex(_) => {
                Ok((0..n).map(|_| uuid::Uuid::new_v4().to_string()).collect())
            }
        }
    }

    /// How long until a model the service refused for its daily quota may be asked for
    /// again on this account, when one is resting.
    pub fn models_back_in(&self) -> Option<Duration> {
        match self {
            Client::Flow(c) => c.models_back_in(),
            Client::Gemini(_) | Client::Vertex(_) => None,
        }
    }

    /// The Flow project new videos go into now, when one is known (it changes when Flow no
    /// longer has the one in use).
    pub fn project(&self) -> Option<String> {
        match self {
            Client::Flow(c) => c.known_project(),
            Client::Gemini(_) | Client::Vertex(_) => None,
        }
    }

    /// Sends one create (every video made costs credits: the engine never sends one twice).
    /// `spec.source` names an earlier video of this account: a Gemini Omni revision, on Flow
    /// an upscale (the shot's resolution is the target), or with a shot from
    /// [`InputKind::Extend`](crate::model::InputKind) the scene a chain continues (Vertex sends
    /// its file, `inputs.video`).
    pub async fn create(&self, spec: &CreateSpec<'_>) -> Result<Submitted, ProviderError> {
        let CreateSpec {
            prompt,
            shot,
            seeds,
            requests,
            source,
            inputs,
        } = *spec;
        match self {
            Client::Vertex(_)
                if matches!(source, Some(Source::Revise { .. } | Source::Upscale(_))) =>
            {
                Err(ProviderError::InvalidRequest(crate::msg!(
                    "revise-omni-only"
                )))
            }
            Client::Vertex(c) => {
                // One request makes every copy; Vertex varies the first copy's seed per sample.
                let operation = c.create(prompt, shot, seeds, inputs).await?;
                Ok(Submitted {
                    refs: (0..seeds.len() as u32)
                        .map(|sample| RemoteRef::Vertex {
                            operation: operation.clone(),
                            sample,
                        })
                        .collect(),
                    remaining_credits: None,
                })
            }
            Client::Flow(c) => {
                // Flow's video calls take no seed; the take keeps its own for the records.
                let requests = requests
                    .iter()
                    .map(|t| RequestRef::from_token(t))
                    .collect::<Result<Vec<_>, _>>()?;
                if requests.len() != seeds.len() {
                    return Err(ProviderError::Local(crate::msg!(
                        "flow-one-request-per-video"
                    )));
                }
                // From an earlier video, Flow makes an upscale of it.
                match source {
                    None => {}
                    Some(Source::Upscale(RemoteRef::Flow(m))) => {
                        if requests.len() != 1 {
                            return Err(ProviderError::InvalidRequest(crate::msg!(
                                "upscale-one-video"
                            )));
                        }
                        let created = c.upscale(m, shot, &requests[0]).await?;
                        return Ok(Submitted {
                            refs: created.media.into_iter().map(RemoteRef::Flow).collect(),
                            remaining_credits: created.remaining_credits,
                        });
                    }
                    // A chain on Flow starts from the earlier video's last frame (a picture).
                    Some(_) => {
                        return Err(ProviderError::InvalidRequest(crate::msg!(
                            "upscale-flow-only"
                        )));
                    }
                }
                let created = c
                    .create(&CreateRequest {
                        prompt,
                        shot,
                        requests: &requests,
                    })
                    .await?;
                Ok(Submitted {
                    refs: created.media.into_iter().map(RemoteRef::Flow).collect(),
                    remaining_credits: created.remaining_credits,
                })
            }
            Client::Gemini(c) => {
                if seeds.len() != 1 {
                    return Err(ProviderError::InvalidRequest(crate::msg!(
                        "gemini-one-per-request"
                    )));
                }
                // A revision and a chain both continue an Omni interaction.
                let interaction = match source {
                    None => None,
                    Some(Source::Revise { interaction })
                    | Some(Source::Extend(RemoteRef::Omni { interaction })) => Some(interaction),
                    Some(Source::Extend(_)) => {
                        return Err(ProviderError::InvalidRequest(crate::msg!(
                            "omni-extend-not-omni"
                        )));
                    }
                    Some(Source::Upscale(_)) => {
                        return Err(ProviderError::InvalidRequest(crate::msg!(
                            "gemini-no-upscale"
                        )));
                    }
                };
                let made = c
                    .create(prompt, shot, interaction.map(String::as_str), inputs)
                    .await?;
                Ok(Submitted {
                    refs: vec![match made {
                        gemini::Made::Interaction(interaction) => RemoteRef::Omni { interaction },
                        gemini::Made::Operation(operation) => RemoteRef::Gemini { operation },
                    }],
                    remaining_credits: None,
                })
            }
        }
    }

    /// How long after sending a lost create can be looked for, when the provider can look.
    pub fn reconcile_after(&self) -> Option<Duration> {
        match self {
            Client::Flow(c) => Some(c.config().reconcile_after),
            Client::Gemini(_) | Client::Vertex(_) => None,
        }
    }

    /// Looks creates whose answer was lost up by their request tokens. `claimed` names the
    /// remote videos other takes already hold, never handed out twice.
    pub async fn reconcile(
        &self,
        requests: &[String],
        claimed: &[RemoteRef],
    ) -> Result<Vec<Lookup>, ProviderError> {
        match self {
            Client::Flow(c) => {
                let asked = requests
                    .iter()
                    .map(|t| RequestRef::from_token(t))
                    .collect::<Result<Vec<_>, _>>()?;
                let claimed = claimed
                    .iter()
                    .filter_map(|r| match r {
                        RemoteRef::Flow(m) => Some(m.name.clone()),
                        _ => None,
                    })
                    .collect();
                Ok(c.reconcile(&asked, &claimed)
                    .await?
                    .into_iter()
                    .map(|f| match f {
                        flow::Found::Made(m) => Lookup::Made(RemoteRef::Flow(m)),
                        flow::Found::Absent => Lookup::Absent,
                        flow::Found::ProjectGone => Lookup::Gone,
                    })
                    .collect())
            }
            Client::Gemini(_) | Client::Vertex(_) => {
                Err(ProviderError::Local(crate::msg!("lookup-not-offered")))
            }
        }
    }

    /// The status of many videos in one call; answers come in the order asked.
    pub async fn poll(
        &self,
        refs: &[RemoteRef],
    ) -> Result<(Vec<RemoteStatus>, Option<i64>), ProviderError> {
        match self {
            Client::Flow(c) => {
                let mut media = Vec::with_capacity(refs.len());
                for r in refs {
                    match r {
                        RemoteRef::Flow(m) => media.push(m.clone()),
                        other => return Err(wrong_provider(other)),
                    }
                }
                let result = c.poll(&media).await?;
                let statuses = result
                    .media
                    .into_iter()
                    .map(|m| RemoteStatus {
                        state: m.state,
                        failure: m.failure,
                        // Signed links stay in the client's memory, never in the ledger.
                        hint: None,
                    })
                    .collect();
                Ok((statuses, result.remaining_credits))
            }
            Client::Gemini(c) => {
                use futures_util::StreamExt;
                let answers: Vec<Result<RemoteStatus, ProviderError>> =
                    futures_util::stream::iter(refs.iter().cloned().map(|r| gemini_status(c, r)))
                        .buffered(GEMINI_POLLS_AT_ONCE)
                        .collect()
                        .await;
                Ok((each_its_own(answers)?, None))
            }
            Client::Vertex(c) => Ok((vertex_statuses(c, refs).await?, None)),
        }
    }

    /// Downloads into `dest` (a `.part` file, synced when this returns), resuming where the
    /// route allows. Returns its length and hash.
    pub async fn download(
        &self,
        remote: &RemoteRef,
        hint: Option<&Hint>,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<Fetched, ProviderError> {
        match (self, remote) {
            (Client::Flow(c), RemoteRef::Flow(m)) => c.download(m, dest, progress).await,
            (Client::Gemini(c), RemoteRef::Omni { interaction }) => {
                let delivered = match hint {
                    Some(Hint::Inline) => gemini::Delivered::Inline,
                    Some(Hint::Url(uri) | Hint::Stored(uri)) => gemini::Delivered::Uri(uri.clone()),
                    None => match c.interaction(interaction).await? {
                        gemini::Progress::Video(d) => d,
                        gemini::Progress::Failed(e) => return Err(e),
                        gemini::Progress::Running => {
                            return Err(ProviderError::Transient(crate::msg!("video-not-ready")));
                        }
                    },
                };
                c.download_interaction(interaction, &delivered, dest, progress)
                    .await
            }
            (Client::Gemini(c), RemoteRef::Gemini { operation }) => {
                let uri = match hint {
                    Some(Hint::Url(uri) | Hint::Stored(uri)) => uri.clone(),
                    Some(Hint::Inline) | None => match c.poll(operation).await? {
                        gemini::Operation::Ready(uri) => uri,
                        other => {
                            return Err(other.failure().unwrap_or_else(|| {
                                ProviderError::Transient(crate::msg!("video-not-ready"))
                            }));
                        }
                    },
                };
                c.download(&uri, dest, progress).await
            }
            (Client::Vertex(c), RemoteRef::Vertex { operation, sample }) => {
                let output = match hint {
                    Some(Hint::Stored(gs)) => Some(vertex::Output::Stored(gs.clone())),
                    Some(Hint::Inline) => Some(vertex::Output::Inline),
                    Some(Hint::Url(_)) | None => None,
                };
                c.download(operation, *sample as usize, output, dest, progress)
                    .await
            }
            (_, other) => Err(wrong_provider(other)),
        }
    }

    pub async fn check(&self) -> Result<AccountStatus, ProviderError> {
        match self {
            Client::Flow(c) => {
                let info = c.check().await?;
                Ok(AccountStatus {
                    email: info.email,
                    credits: info.credits,
                    tier: crate::message::Message::verbatim(info.plan.label()),
                    plan: Some(info.plan),
                    project: Some(info.project),
                    models: flow::models::user_names(&info.families, info.plan),
                    models_from: Some(info.families_from.rpc()),
                    warnings: info.warnings,
                })
            }
            Client::Gemini(c) => {
                let catalog = c.check().await?;
                Ok(AccountStatus {
                    email: None,
                    credits: None,
                    tier: crate::msg!("tier-api-key"),
                    plan: None,
                    project: None,
                    models: catalog
                        .video_models()
                        .iter()
                        .map(|m| m.to_string())
                        .collect(),
                    models_from: None,
                    warnings: Vec::new(),
                })
            }
            Client::Vertex(c) => {
                let checked = c.check().await?;
                Ok(AccountStatus {
                    email: None,
                    credits: None,
                    tier: crate::message::Message::verbatim(format!(
                        "Vertex AI · {} · {}",
                        checked.project.id, checked.project.location
                    )),
                    plan: None,
                    project: Some(checked.project.id),
                    models: checked.models,
                    models_from: None,
                    warnings: Vec::new(),
                })
            }
        }
    }
}
