//! Chains: a scene that continues an earlier one waits for that scene's video, goes to the
//! account that made it (the video is that account's, and only it may extend it), and fails
//! with the reason when the earlier video cannot come.

use super::Coordinator;
use crate::model::{AccountId, Source, TakeId, TakeState};
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
    Broken {
        parent: Option<TakeId>,
        why: crate::message::Message,
    },
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
                why: crate::msg!("chain-scene-missing", scene = n),
            };
        };
        let broken = |what: crate::message::Message| Link::Broken {
            parent: Some(parent),
            why: crate::msg!("chain-broken", scene = n, take = parent, what = what),
        };
        match t.state {
            TakeState::Done => match &t.account {
                Some(account) => Link::Ready {
                    parent,
                    account: account.clone(),
                },
                None => broken(crate::msg!("chain-no-account")),
            },
            TakeState::Failed => broken(crate::msg!("chain-failed")),
            TakeState::TimedOut => broken(crate::msg!("chain-timed-out")),
            TakeState::Canceled => broken(crate::msg!("chain-canceled")),
            TakeState::Uncertain if !t.reconciling => broken(crate::msg!("chain-uncertain")),
            _ => Link::Waiting,
        }
    }

    /// Fails the waiting takes whose earlier scene will not come, with its reason.
    pub(super) async fn settle_chains(&mut self) {
        let broken: Vec<(usize, Option<TakeId>, crate::message::Message)> = self
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
                Some(r) => crate::msg!("chain-broken-because", why = why, reason = r),
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
    /// (`previous`) and its file (`inputs.video`) where the service extends videos, or its last
    /// frame as the start image where it does not (Flow). An error says why it cannot go.
    pub(super) async fn attach_parent(
        &self,
        take: &mut TakeRecord,
    ) -> Result<(), crate::message::Message> {
        let Link::Ready { parent, account } = self.link(take) else {
            return Ok(());
        };
        let record = match self.shared.ledger.take(parent).await {
            Ok(Some(r)) => r,
            Ok(None) => return Err(crate::msg!("ledger-no-take", take = parent)),
            Err(e) => return Err(e.message()),
        };
        let by_frame = self
            .lanes
            .get(&account)
            .is_some_and(|l| l.client.continues_from_last_frame());
        if by_frame {
            let video = record
                .path
                .ok_or_else(|| crate::msg!("chain-no-file", take = parent))?;
            take.inputs.start = Some(last_frame(video).await.map_err(|e| {
                let scene = record.scene_index;
                crate::msg!("chain-no-last-frame", scene = scene, error = e)
            })?);
            return Ok(());
        }
        let Some(remote) = record.remote else {
            return Err(crate::msg!("chain-no-remote", take = parent));
        };
        take.source = Some(Source::Extend(remote));
        take.inputs.video = record.path;
        Ok(())
    }
}

/// Decodes the last frame of `video` into a PNG beside it (written whole, then renamed), and
/// gives its path.
async fn last_frame(
    video: std::path::PathBuf,
) -> Result<std::path::PathBuf, crate::message::Message> {
    tokio::task::spawn_blocking(move || {
        let frame = crate::frames::read(&video, crate::frames::Which::Last)?;
        let png = frame.png()?;
        let path = crate::store::naming::last_frame_of(&video);
        let part = path.with_extension("png.part");
        let cannot = |file: &std::path::Path, e: std::io::Error| {
            let (file, error) = (file.display().to_string(), e.to_string());
            crate::msg!("cannot-write", file = file, error = error)
        };
        std::fs::write(&part, png).map_err(|e| cannot(&part, e))?;
        std::fs::rename(&part, &path).map_err(|e| cannot(&path, e))?;
        Ok(path)
    })
    .await
    .map_err(|e| crate::msg!("frame-reader-stopped", error = e.to_string()))?
}
