//! Finding a create whose answer was lost: every workflow in the project listing (`Zzl0ze`)
//! names the batch uuid its create carried (`meta[5]`, the `[batch, n]` tail), which flowdeck
//! records before sending, so a video made from a lost answer is found (and never paid for
//! twice); one the listing does not hold, long enough after it was sent, provably was never
//! made. A listing that cannot be read whole proves nothing.

use std::collections::{BTreeMap, HashSet};

use super::classify::CallKind;
use super::refs::{Api, MediaRef, RequestRef};
use super::{FlowClient, records, requests};
use crate::provider::error::ProviderError;

/// What the listing says about one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The video exists: the take goes on from here.
    Made(MediaRef),
    /// The listing, read whole, has no video of this request.
    Absent,
    /// The project it was sent to no longer exists (Flow answers NOT_FOUND for it): whatever
    /// was made there is gone with it, and nothing proves it was never made.
    ProjectGone,
}

impl FlowClient {
    /// Looks each request up in its project's listing. `claimed` names videos other takes
    /// already hold (copies of one create share a batch uuid), which are never handed out
    /// twice. The caller waits [`FlowConfig::reconcile_after`](super::FlowConfig) after
    /// sending before trusting `Absent`.
    pub async fn reconcile(
        &self,
        asked: &[RequestRef],
        claimed: &HashSet<String>,
    ) -> Result<Vec<Found>, ProviderError> {
        let mut by_project: BTreeMap<&str, Option<Vec<records::Listed>>> = BTreeMap::new();
        for r in asked {
            if by_project.contains_key(r.project.as_str()) {
                continue;
            }
            let read = |p: &serde_json::Value| {
                records::listing(p).map_err(|why| ProviderError::Unexpected {
                    status: 200,
                    excerpt: format!("{}: {why}", super::protocol::current().rpc.listing),
                })
            };
            let listing = match self
                .rpc_read(requests::listing(&r.project), CallKind::Read, read)
                .await
            {
                Ok(listing) => Some(listing.workflows),
                Err(ProviderError::NotFound(_)) => {
                    self.forget_project(&r.project);
                    None
                }
                Err(e) => return Err(e),
            };
            by_project.insert(&r.project, listing);
        }
        Ok(match_requests(asked, &by_project, claimed))
    }
}

/// Pairs requests with listed videos: a video counts for a request when its `meta[5]` is the
/// request's batch uuid or one of its item uuids (all random, so either is proof). The copies
/// of one create share the batch: they take its videos in the order they were made, each
/// video once.
fn match_requests(
    asked: &[RequestRef],
    by_project: &BTreeMap<&str, Option<Vec<records::Listed>>>,
    claimed: &HashSet<String>,
) -> Vec<Found> {
    let mut used: HashSet<&str> = claimed.iter().map(String::as_str).collect();
    asked
        .iter()
        .map(|r| {
            let Some(Some(listed)) = by_project.get(r.project.as_str()) else {
                return Found::ProjectGone;
            };
            let ours = |tag: &str| {
                r.batch.as_deref() == Some(tag) || tag == r.u1.as_str() || tag == r.u2.as_str()
            };
            let pick = listed
                .iter()
                .filter(|l| ours(&l.batch) && !used.contains(l.media.as_str()))
                .min_by_key(|l| l.created);
            match pick {
                Some(l) => {
                    used.insert(&l.media);
                    Found::Made(MediaRef {
                        name: l.media.clone(),
                        project_id: r.project.clone(),
                        workflow: Some(l.workflow.clone()),
                        api: Api::Batchexecute,
                    })
                }
                None => Found::Absent,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(batch: &str, u1: &str) -> RequestRef {
        RequestRef {
            project: "p".into(),
            u1: u1.into(),
            u2: format!("{u1}-2"),
            batch: Some(batch.into()),
            images: None,
        }
    }

    fn listed(media: &str, batch: &str, at: i64) -> records::Listed {
        records::Listed {
            media: media.into(),
            workflow: format!("wf-{media}"),
            batch: batch.into(),
            created: (at, 0),
        }
    }

    fn names(found: &[Found]) -> Vec<String> {
        found
            .iter()
            .map(|f| match f {
                Found::Made(m) => m.name.clone(),
                Found::Absent => "absent".into(),
                Found::ProjectGone => "gone".into(),
            })
            .collect()
    }

    /// Two copies of one create share its batch: each gets one of its videos, in the order
    /// they were made, a video another take holds is never handed out again, and a third copy
    /// with nothing left is absent.
    #[test]
    fn copies_of_one_create_share_its_batch_and_take_one_video_each() {
        let listing = vec![
            listed("m2", "B", 20),
            listed("other", "X", 5),
            listed("m1", "B", 10),
            listed("m3", "B", 30),
        ];
        let projects = BTreeMap::from([("p", Some(listing))]);
        let claimed = HashSet::from(["m1".to_string()]);
        let found = match_requests(
            &[asked("B", "U1"), asked("B", "U2"), asked("B", "U3")],
            &projects,
            &claimed,
        );
        assert_eq!(names(&found), ["m2", "m3", "absent"]);
    }

    /// An entry that echoes an item uuid (an older reading) still proves the video exists; a
    /// gone project proves nothing either way.
    #[test]
    fn an_item_uuid_also_matches_and_a_gone_project_is_its_own_answer() {
        let projects = BTreeMap::from([("p", Some(vec![listed("m9", "U7", 1)]))]);
        let none = HashSet::new();
        assert_eq!(
            names(&match_requests(&[asked("B", "U7")], &projects, &none)),
            ["m9"]
        );
        let gone = BTreeMap::from([("p", None)]);
        assert_eq!(
            names(&match_requests(&[asked("B", "U7")], &gone, &none)),
            ["gone"]
        );
    }
}
