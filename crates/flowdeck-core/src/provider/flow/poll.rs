//! Where each video is: one `jwpduf` call for all of an account's videos in a project, then
//! `as29s` for those it calls rendered. A video is done only once `as29s` gives its `/video/`
//! link (the poster comes first), and a status nobody has documented keeps it waiting: a paid
//! render is never given up on a guess.

use std::collections::BTreeMap;
use std::time::Instant;

use super::classify::{CallKind, classify_public_error};
use super::records::{self, FailureNote, Progress, Record};
use super::refs::{Api, MediaRef};
use super::{FlowClient, requests};
use crate::model::RemoteState;
use crate::provider::error::ProviderError;

/// One video's status.
#[derive(Debug, Clone)]
pub struct PolledMedia {
    pub name: String,
    pub state: RemoteState,
    pub failure: Option<ProviderError>,
}

/// The answer to one poll.
#[derive(Debug, Clone, Default)]
pub struct PollResult {
    /// One per media asked about, in the same order.
    pub media: Vec<PolledMedia>,
    pub remaining_credits: Option<i64>,
}

/// What a failed status says, for people.
pub fn failure_error(note: &FailureNote) -> ProviderError {
    match &note.public_error {
        Some(code) => classify_public_error(code, None),
        None => ProviderError::Policy {
            reason: format!("FLOW_STATUS_{}", note.code.unwrap_or(4)),
            message: if note.texts.is_empty() {
                crate::msg!("flow-failed-no-reason")
            } else {
                crate::msg!("flow-failed-said", said = note.texts.join("; "))
            },
        },
    }
}

fn retired(name: &str) -> PolledMedia {
    PolledMedia {
        name: name.to_string(),
        state: RemoteState::Failed,
        failure: Some(ProviderError::NotFound(crate::msg!("flow-old-api-video"))),
    }
}

impl FlowClient {
    /// The status of every video in `media`, in the order asked.
    pub async fn poll(&self, media: &[MediaRef]) -> Result<PollResult, ProviderError> {
        let mut by_project: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for m in media.iter().filter(|m| m.api == Api::Batchexecute) {
            by_project.entry(&m.project_id).or_default().push(&m.name);
        }
        let mut found: Vec<Record> = Vec::new();
        let mut gone: Vec<&str> = Vec::new();
        let mut credits = None;
        for (project, ids) in &by_project {
            match self.rpc(requests::poll(project, ids), CallKind::Read).await {
                Ok(payload) => {
                    credits = records::credits_in(&payload).or(credits);
                    found.extend(records::records(&payload));
                }
                // Not found for the whole call says nothing about one video (keep waiting:
                // the deadline turns a lost one into TimedOut, which can be checked again),
                // unless the project itself is gone.
                Err(ProviderError::NotFound(_)) => {
                    if self.project_gone(project).await? {
                        gone.push(project);
                    }
                }
                Err(e) => return Err(e),
            }
        }
        let mut out = Vec::with_capacity(media.len());
        for m in media {
            if m.api == Api::Rest {
                out.push(retired(&m.name));
                continue;
            }
            if gone.contains(&m.project_id.as_str()) {
                out.push(PolledMedia {
                    name: m.name.clone(),
                    state: RemoteState::Failed,
                    failure: Some(ProviderError::NotFound(crate::msg!("lane-project-gone"))),
                });
                continue;
            }
            let record = found.iter().find(|r| r.media == m.name);
            let (state, failure) = match record.map(Record::progress) {
                None => (RemoteState::Unknown, None),
                Some(Progress::Running) => (RemoteState::Running, None),
                Some(Progress::Failed(note)) => (RemoteState::Failed, Some(failure_error(&note))),
                Some(Progress::Rendered) => match self.sign(m).await? {
                    Some(_) => (RemoteState::Succeeded, None),
                    None => (RemoteState::Running, None),
                },
            };
            out.push(PolledMedia {
                name: m.name.clone(),
                state,
                failure,
            });
        }
        Ok(PollResult {
            media: out,
            remaining_credits: credits,
        })
    }

    /// A freshly signed `/video/` link for `m` (`as29s`), or `None` while it has none yet.
    pub(crate) async fn sign(&self, m: &MediaRef) -> Result<Option<String>, ProviderError> {
        let payload = match self
            .rpc(requests::media(&m.project_id, &m.name), CallKind::Read)
            .await
        {
            Ok(p) => p,
            // Before the media is ready some answers are NOT_FOUND.
            Err(ProviderError::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        let record = records::records(&payload)
            .into_iter()
            .find(|r| r.media == m.name);
        if let Some(Progress::Failed(note)) = record.as_ref().map(Record::progress) {
            return Err(failure_error(&note));
        }
        let link = record.and_then(|r| r.video_url);
        if let Some(url) = &link {
            // Good until the link says it expires (a minute early), at most the set life.
            let life = super::download::lasts(url, time::OffsetDateTime::now_utc())
                .map_or(self.config.link_life, |d| d.min(self.config.link_life));
            self.state()
                .links
                .insert(m.name.clone(), (url.clone(), Instant::now() + life));
        }
        Ok(link)
    }
}
