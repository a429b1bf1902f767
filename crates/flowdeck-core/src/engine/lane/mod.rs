//! A lane: the one task that owns an account's client. Every take dealt to it is submitted,
//! polled and downloaded here and nowhere else, so no other account's credentials can ever
//! touch its videos.
//!
//! The lane is a few small parts, each with its own state and a `due / start / on_done` shape:
//! the [`submitter`] (creates), the [`poller`] (status calls), the [`downloads`], the
//! [`lookups`] (lost creates looked up in the listing), the [`probe`] (account checks) and the
//! [`health`]. `tick` starts what each part says is due; `finished` hands a job's result to its
//! part and acts on what the part says.

pub use super::report::LaneReport;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::Shared;
use super::download;
use super::events::{Event, LaneHealth};
use super::poll::{self, PollOutcome};
use super::record::Recorder;
use super::shield::shield;
use super::submit::{self, InFlight, SubmitOutcome};
use crate::model::{AccountId, BatchId, TakeId, TakeState};
use crate::provider::flow::Presence;
use crate::provider::{AccountStatus, Client, Lookup as Found, ProviderError, RemoteRef};
use crate::store::ledger::{Change, TakeRecord};
use downloads::Downloads;
use health::Health;
use jobs::{Done, Job};
use lookups::Lookups;
use poller::Poller;
use probe::Probe;
use submitter::Submitter;

mod browser;
mod commands;
mod downloads;
mod finish;
mod health;
mod jobs;
mod lookups;
mod poller;
mod probe;
mod reconcile;
mod recover;
mod resume;
mod submitter;

/// What the coordinator tells a lane.
pub enum LaneCmd {
    /// Takes of one scene, already recorded as Assigned to this account.
    Assign(Vec<TakeRecord>),
    /// A resumed take (Generating, or Ready for download).
    Adopt(Box<TakeRecord>),
    /// Stop sending creates; hand back what was not sent.
    StopSubmitting,
    /// Drop unsent takes of a batch.
    Cancel(BatchId),
    /// A new client after "sign in again".
    Replace(Arc<Client>),
    /// The user resumes a held or paused account.
    Release,
    /// Held as the service held it in an earlier session.
    Hold(crate::message::Message),
    Shutdown,
}

/// A lane to start: one account.
pub struct LaneSpec {
    pub name: AccountId,
    pub client: Arc<Client>,
    pub concurrency: usize,
}

struct Lane {
    name: AccountId,
    client: Arc<Client>,
    shared: Arc<Shared>,
    rec: Recorder,
    health: Health,
    submitter: Submitter,
    poller: Poller,
    downloads: Downloads,
    lookups: Lookups,
    probe: Probe,
    tasks: JoinSet<Done>,
    /// The account's browser, for providers that work through one.
    presence: Option<watch::Receiver<Presence>>,
    /// The health and count last reported to the coordinator.
    reported: Option<(LaneHealth, u32)>,
    /// The Flow project last reported to the coordinator.
    project: Option<String>,
}

/// Starts a lane task; returns its command channel.
pub fn spawn(
    shared: Arc<Shared>,
    spec: LaneSpec,
    reports: UnboundedSender<LaneReport>,
) -> UnboundedSender<LaneCmd> {
    let (tx, rx) = unbounded_channel();
    let mut lane = Lane::new(shared, spec, reports);
    lane.watch_browser();
    if lane.browser_ok() {
        lane.check_account();
    }
    tokio::spawn(lane.run(rx));
    tx
}

impl Lane {
    fn new(shared: Arc<Shared>, spec: LaneSpec, reports: UnboundedSender<LaneReport>) -> Lane {
        let now = Instant::now();
        Lane {
            rec: Recorder {
                ledger: shared.ledger.clone(),
                reports,
            },
            health: Health::new(spec.name.clone()),
            submitter: Submitter::new(spec.concurrency, now),
            poller: Poller::new(now, shared.cfg.poll_interval),
            downloads: Downloads::new(now),
            lookups: Lookups::default(),
            probe: Probe::new(now, shared.cfg.poll_interval),
            name: spec.name,
            client: spec.client,
            shared,
            tasks: JoinSet::new(),
            reported: None,
            presence: None,
            project: None,
        }
    }

    async fn run(mut self, mut cmds: UnboundedReceiver<LaneCmd>) {
        loop {
            self.tick().await;
            self.report_status();
            let wake = self.next_wake();
            let mut presence = self.presence.clone();
            let browser = async {
                match presence.as_mut() {
                    Some(p) => p.changed().await.is_ok(),
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                cmd = cmds.recv() => match cmd {
                    None | Some(LaneCmd::Shutdown) => break,
                    Some(cmd) => self.command(cmd).await,
                },
                Some(done) = self.tasks.join_next(), if !self.tasks.is_empty() => match done {
                    Ok(done) => self.finished(done).await,
                    Err(e) => tracing::error!(lane = %self.name, "a lane task failed: {e}"),
                },
                alive = browser => {
                    if alive {
                        self.browser_changed();
                    } else {
                        self.presence = None;
                    }
                }
                _ = tokio::time::sleep_until(wake.into()) => {}
            }
        }
        self.tasks.abort_all();
    }

    /// Starts whatever work is due, part by part.
    async fn tick(&mut self) {
        let now = Instant::now();
        self.health.tick(now);
        if !self.can_submit() && self.submitter.has_unsent() {
            self.hand_back().await;
        }
        self.submitter.tick(now);
        if self.submitter.due(now, self.health.is_ready()) {
            self.start_submit(now);
        }
        self.ask_for_work(now);
        let allowed = self.health.polls_allowed();
        if self.poller.due(now, allowed) {
            self.start_poll();
        }
        if allowed && self.downloads.due(now) {
            self.start_downloads(now);
        }
        if self.probe.due(now, self.signed_out_in_browser()) && self.probe.start_look(now) {
            self.spawn_check();
        }
        if self.lookups.due(now, allowed) {
            self.start_lookups(now);
        }
        if let Some(takes) = self.downloads.progress_due(now) {
            self.report(LaneReport::Event(Event::Progress {
                account: self.name.clone(),
                takes,
            }));
        }
    }

    /// The earliest time a part has something to do.
    fn next_wake(&self) -> Instant {
        let now = Instant::now();
        let ready = self.health.is_ready();
        [
            self.submitter.next_wake(ready),
            self.poller.next_wake(),
            self.health.next_wake(),
            self.downloads.next_wake(),
            self.lookups.next_wake(),
            self.probe.next_wake(self.signed_out_in_browser()),
        ]
        .into_iter()
        .flatten()
        .min()
        .map_or(now + Duration::from_secs(3600), |t| t.max(now))
    }

    /// Asks the coordinator for work when a create could go out now.
    fn ask_for_work(&mut self, now: Instant) {
        let (ready, generating) = (self.health.is_ready(), self.poller.len());
        let per_create = self.client.max_per_create();
        if let Some(slots) = self.submitter.wants(now, ready, generating, per_create) {
            self.report(LaneReport::Want {
                account: self.name.clone(),
                slots,
            });
        }
    }

    fn can_submit(&self) -> bool {
        self.submitter.open(self.health.is_ready())
    }

    /// Signed out in a browser that is still connected: looked at again from time to time.
    fn signed_out_in_browser(&self) -> bool {
        self.health.signed_out() && self.presence.is_some()
    }

    fn browser_ok(&self) -> bool {
        self.health.browser_ok(self.presence.is_some())
    }

    /// After a pause: poll and download what waits, now.
    fn work_now(&mut self) {
        let now = Instant::now();
        self.poller.now(now);
        self.downloads.now(now);
    }

    fn in_flight(&self) -> u32 {
        (self.submitter.in_flight() + self.poller.len() + self.downloads.len() + self.lookups.len())
            as u32
    }

    fn report(&self, r: LaneReport) {
        self.rec.reports.send(r).ok();
    }

    fn report_status(&mut self) {
        let now = (self.health.get().clone(), self.in_flight());
        if self.reported.as_ref() != Some(&now) {
            self.report(LaneReport::Status {
                account: self.name.clone(),
                health: now.0.clone(),
                in_flight: now.1,
            });
            self.reported = Some(now);
        }
    }
}

#[cfg(test)]
mod tests;
