//! One provider-neutral face over the per-service clients, so lanes treat every account the
//! same way. Each value serves exactly one account.

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::error::ProviderError;
use super::flow::{self, CreateRequest, FlowClient, MediaRef};
use super::transfer::Progress;
use crate::model::{RemoteState, Shot};

/// The remote handle of one video, as the ledger keeps it (JSON). Never a credential.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "provider", rename_all = "lowercase")]
pub enum RemoteRef {
    Flow(MediaRef),
}

impl RemoteRef {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(s: &str) -> Result<RemoteRef, String> {
        serde_json::from_str(s).map_err(|e| format!("unreadable remote id in the ledger: {e}"))
    }

    /// The ids to show and to put in a sidecar.
    pub fn ids(&self) -> serde_json::Value {
        match self {
            RemoteRef::Flow(m) => serde_json::json!({
                "provider": "flow", "media": m.name, "project": m.project_id, "scene": m.scene_id,
            }),
        }
    }
}

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
    /// A download link to use, when the status carried one.
    pub hint: Option<String>,
}

/// What `accounts check` and the lanes show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountStatus {
    pub email: Option<String>,
    pub credits: i64,
    pub tier: String,
    pub can_refresh: bool,
}

/// A signed-in client for one account of some provider.
pub enum Client {
    Flow(FlowClient),
}

impl Client {
    pub fn provider(&self) -> &'static str {
        match self {
            Client::Flow(_) => "flow",
        }
    }

    /// Videos one create call can ask for.
    pub fn max_per_create(&self) -> usize {
        match self {
            Client::Flow(_) => 4,
        }
    }

    /// Whether this account can make such a video (checked before spending anything).
    pub fn supports(&self, shot: &Shot) -> Result<(), String> {
        match self {
            Client::Flow(_) => flow::models::model_key(shot, &flow::PaygateTier::One).map(|_| ()),
        }
    }

    /// Credits one video of this model is expected to cost, when the provider bills in credits.
    pub fn estimated_cost(&self, shot: &Shot) -> Option<i64> {
        match self {
            Client::Flow(_) => flow::models::model_key(shot, &flow::PaygateTier::One)
                .ok()
                .map(|k| flow::models::credit_cost(&k)),
        }
    }

    pub async fn create(
        &self,
        prompt: &str,
        shot: &Shot,
        seeds: &[u32],
    ) -> Result<Submitted, ProviderError> {
        match self {
            Client::Flow(c) => {
                let created = c
                    .create(&CreateRequest {
                        prompt,
                        shot,
                        seeds,
                    })
                    .await?;
                Ok(Submitted {
                    refs: created.media.into_iter().map(RemoteRef::Flow).collect(),
                    remaining_credits: created.remaining_credits,
                })
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
                let media: Vec<MediaRef> = refs
                    .iter()
                    .map(|r| match r {
                        RemoteRef::Flow(m) => m.clone(),
                    })
                    .collect();
                let result = c.poll(&media).await?;
                let statuses = result
                    .media
                    .into_iter()
                    .map(|m| RemoteStatus {
                        state: m.state,
                        failure: m.failure.map(|f| f.to_error()),
                        hint: m.video_url,
                    })
                    .collect();
                Ok((statuses, result.remaining_credits))
            }
        }
    }

    /// Downloads into `dest` (a `.part` file), resuming where the route allows.
    /// Returns the file's length.
    pub async fn download(
        &self,
        remote: &RemoteRef,
        hint: Option<&str>,
        dest: &Path,
        progress: Progress<'_>,
    ) -> Result<u64, ProviderError> {
        match (self, remote) {
            (Client::Flow(c), RemoteRef::Flow(m)) => {
                Ok(c.download(m, hint, dest, progress).await?.bytes)
            }
        }
    }

    pub async fn check(&self) -> Result<AccountStatus, ProviderError> {
        match self {
            Client::Flow(c) => {
                let info = c.check().await?;
                Ok(AccountStatus {
                    email: info.email,
                    credits: info.credits,
                    tier: info.tier.label().to_string(),
                    can_refresh: info.can_refresh,
                })
            }
        }
    }

    pub async fn token_time_left(&self) -> Option<Duration> {
        match self {
            Client::Flow(c) => c.token_time_left().await,
        }
    }
}
