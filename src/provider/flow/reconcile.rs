//! Finding a create whose answer was lost: the project listing (`Zzl0ze`) echoes the client
//! uuid each video was asked with, so a video made from a lost answer is found (and never paid
//! for twice), and one the listing does not hold, long enough after it was sent, provably was
//! never made.

use std::collections::BTreeMap;

use super::classify::CallKind;
use super::create::{Api, MediaRef, RequestRef};
use super::{FlowClient, records, requests};
use crate::provider::error::ProviderError;

/// What the listing says about one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The video exists: the take goes on from here.
    Made(MediaRef),
    /// The listing has no video with this request's uuids.
    Absent,
}

impl FlowClient {
    /// Looks each request up in its project's listing. The caller waits
    /// [`FlowConfig::reconcile_after`](super::FlowConfig) after sending before trusting
    /// `Absent`.
    pub async fn reconcile(&self, asked: &[RequestRef]) -> Result<Vec<Found>, ProviderError> {
        let mut by_project: BTreeMap<&str, Vec<records::Listed>> = BTreeMap::new();
        for r in asked {
            if by_project.contains_key(r.project.as_str()) {
                continue;
            }
            let payload = self
                .rpc(requests::listing(&r.project), CallKind::Read)
                .await?;
            if !payload.is_array() {
                return Err(ProviderError::Transient(
                    "Flow answered the project listing with nothing; it proves nothing".into(),
                ));
            }
            by_project.insert(&r.project, records::listed(&payload));
        }
        Ok(asked
            .iter()
            .map(|r| {
                by_project
                    .get(r.project.as_str())
                    .and_then(|l| {
                        l.iter()
                            .find(|x| x.client_uuid == r.u1 || x.client_uuid == r.u2)
                    })
                    .map_or(Found::Absent, |x| {
                        Found::Made(MediaRef {
                            name: x.media.clone(),
                            project_id: r.project.clone(),
                            workflow: Some(x.workflow.clone()),
                            api: Api::Batchexecute,
                        })
                    })
            })
            .collect())
    }
}
