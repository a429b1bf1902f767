//! Chains: a scene that continues an earlier one waits for that scene's video, goes to the
//! account that made it (the video is that account's, and only it may extend it), and fails
//! with the reason when the earlier video cannot come.

use super::Coordinator;
use crate::model::{AccountId, TakeId, TakeState};
use crate::store::ledger::{Change, TakeRecord};

/// Where a take stands with the scene it continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Link {
    /// It continues nothing.
    Free,
    /// The earlier video is not home yet.
    Waiting,
    /// The earlier video is home: this take may go to `account` only.
    Ready { parent: TakeId, account: AccountId },
    /// The earlier video will not come (without the user's help).
    Broken { parent: Option<TakeId>, why: String },
}

impl Coordinator {
    /// The take a chained take continues: the same copy of the earlier scene, or its first
    /// copy when it has fewer copies.
    pub(super) fn link(&self, take: &TakeRecord) -> Link {
        let Some(n) = take.continues else {
            return Link::Free;
        };
        let of_scene = |copy: u32| {
            self.takes
                .iter()
                .find(|(_, t)| t.batch == take.batch && t.scene == n && t.copy == copy)
        };
        let Some((&parent, t)) = of_scene(take.copy).or_else(|| of_scene(1)) else {
            return Link::Broken {
                parent: None,
                why: format!("scene {n}, which it continues, is not in this batch"),
            };
        };
        let broken = |what: &str| Link::Broken {
            parent: Some(parent),
            why: format!("scene {n} (take {parent}), which it continues, {what}"),
        };
        match t.state {
            TakeState::Done => match &t.account {
                Some(account) => Link::Ready {
                    parent,
                    account: account.clone(),
                },
                None => broken("has no account on record"),
            },
            TakeState::Failed => broken("failed"),
            TakeState::TimedOut => broken("timed out"),
            TakeState::Canceled => broken("was canceled"),
            TakeState::Uncertain if !t.reconciling => broken("may not exist (uncertain)"),
            _ => Link::Waiting,
        }
    }

    /// Fails the waiting takes whose earlier scene will not come, with its reason.
    pub(super) async fn settle_chains(&mut self) {
        let broken: Vec<(usize, Option<TakeId>, String)> = self
            .queue
            .iter()
            .enumerate()
            .filter_map(|(i, t)| match self.link(t) {
                Link::Broken { parent, why } => Some((i, parent, why)),
                _ => None,
            })
            .collect();
        for (i, parent, why) in broken.into_iter().rev() {
            let Some(mut take) = self.queue.remove(i) else {
                continue;
            };
            // The earlier take's own reason, so the user sees what to fix first.
            let reason = match parent {
                Some(p) => match self.shared.ledger.take(p).await {
                    Ok(Some(r)) => r.error,
                    _ => None,
                },
                None => None,
            };
            let message = match reason {
                Some(r) => format!("{why}: {r}"),
                None => why,
            };
            if self
                .record(
                    &mut take,
                    TakeState::Failed,
                    Change::error("chain", message),
                )
                .await
            {
                // It may have been the batch's last unsettled take.
                self.check_finished(take.batch).await;
            } else {
                self.queue.insert(i, take);
            }
        }
    }

    /// Gives a chained take what its create needs from the earlier take: that video's handle
    /// (`previous`) and its file (`inputs.video`). An error says why it cannot go.
    pub(super) async fn attach_parent(&self, take: &mut TakeRecord) -> Result<(), String> {
        let Link::Ready { parent, .. } = self.link(take) else {
            return Ok(());
        };
        let record = match self.shared.ledger.take(parent).await {
            Ok(Some(r)) => r,
            Ok(None) => return Err(format!("take {parent} is not in the ledger")),
            Err(e) => return Err(format!("take {parent} cannot be read: {e}")),
        };
        take.previous = record.remote;
        take.inputs.video = record.path;
        if take.previous.is_none() {
            return Err(format!("take {parent} has no remote handle on record"));
        }
        Ok(())
    }
}
