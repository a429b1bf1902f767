//! A lane's background jobs (check, create, status call, download, listing): each is started
//! shielded, so a panic comes back as a value naming what the job was doing.

use super::lookups::Lookup;
use super::*;

pub(super) enum Done {
    /// A job panicked (a bug): what it was doing, and the panic's message.
    Panicked(Job, String),
    Submitted(usize, SubmitOutcome),
    Polled(PollOutcome),
    Downloaded(Box<TakeRecord>, Result<(), ProviderError>),
    Checked(Result<AccountStatus, ProviderError>),
    Reconciled(Vec<Lookup>, Result<Vec<Found>, ProviderError>),
}

/// What a background job was doing, so its bookkeeping can be undone if it panics.
pub(super) enum Job {
    Check,
    /// `n` creates of these takes.
    Submit(usize, Vec<TakeId>),
    Poll,
    Download(TakeId),
    Lookup(Vec<Lookup>),
}

impl Lane {
    /// Checks the account, unless a check is out.
    pub(super) fn check_account(&mut self) {
        if self.probe.start() {
            self.spawn_check();
        }
    }

    /// Starts a check ([`Probe::start`] said it may).
    pub(super) fn spawn_check(&mut self) {
        let client = self.client.clone();
        self.tasks.spawn(shield(
            async move { Done::Checked(client.check().await) },
            |m| Done::Panicked(Job::Check, m),
        ));
    }

    /// Sends the next group, spaced after the one before.
    pub(super) fn start_submit(&mut self, now: Instant) {
        let (least, client) = (self.shared.cfg.submit_spacing, self.client.clone());
        let Some(group) = self
            .submitter
            .start(now, |model| least.max(client.submit_spacing(model)))
        else {
            return;
        };
        let n = group.len();
        let (rec, deadline) = (self.rec.clone(), self.shared.cfg.deadline);
        let ids = group.iter().map(|t| t.id).collect();
        self.tasks.spawn(shield(
            async move { Done::Submitted(n, submit::submit(rec, client, group, deadline).await) },
            move |m| Done::Panicked(Job::Submit(n, ids), m),
        ));
    }

    /// One status call for everything generating.
    pub(super) fn start_poll(&mut self) {
        let items = self.poller.start();
        let (rec, client) = (self.rec.clone(), self.client.clone());
        self.tasks.spawn(shield(
            async move { Done::Polled(poll::poll(rec, client, items).await) },
            |m| Done::Panicked(Job::Poll, m),
        ));
    }

    /// The downloads that are due.
    pub(super) fn start_downloads(&mut self, now: Instant) {
        for (take, remote) in self.downloads.start(now) {
            let (shared, rec, client, progress) = (
                self.shared.clone(),
                self.rec.clone(),
                self.client.clone(),
                self.downloads.progress(),
            );
            let id = take.id;
            self.tasks.spawn(shield(
                async move {
                    let (take, result) =
                        download::download(shared, rec, client, take, remote, progress).await;
                    Done::Downloaded(Box::new(take), result)
                },
                move |m| Done::Panicked(Job::Download(id), m),
            ));
        }
    }

    /// Looks up the lost creates that are due, in one listing.
    pub(super) fn start_lookups(&mut self, now: Instant) {
        let due = self.lookups.start(now);
        let (client, ledger) = (self.client.clone(), self.shared.ledger.clone());
        let again = due.clone();
        self.tasks.spawn(shield(
            async move {
                let tokens: Vec<String> = due
                    .iter()
                    .map(|l| l.take.request.clone().unwrap_or_default())
                    .collect();
                let result = match reconcile::claimed(&ledger, &due).await {
                    Ok(claimed) => client.reconcile(&tokens, &claimed).await,
                    Err(e) => Err(e),
                };
                Done::Reconciled(due, result)
            },
            move |m| Done::Panicked(Job::Lookup(again), m),
        ));
    }
}
