//! The coordinator's spending gate: a create is dealt only when its estimated cost fits
//! under every cap (counting the creates already in flight); a queued take that fits on no
//! account it may use waits, "held by budget", until a cap is raised.

use std::collections::{BTreeMap, BTreeSet};

use super::Coordinator;
use crate::engine::EngineError;
pub(crate) use crate::engine::budget::Books;
use crate::engine::events::Event;
use crate::model::{BatchId, Caps, Held, Spend, TakeId, TakeState};
use crate::store::ledger::TakeRecord;

/// The ledger's `error_class` of a take held by budget.
pub(crate) const CLASS: &str = "budget";

impl Coordinator {
    /// What `t`'s create is expected to cost on `account`: Flow's credits by model, an
    /// API's price × seconds.
    pub(super) fn cost(&self, t: &TakeRecord, account: &str) -> Spend {
        let Some(l) = self.lanes.get(account) else {
            return Spend::default();
        };
        let shot = t.shot();
        Spend {
            credits: l.client.estimated_cost(&shot).unwrap_or(0),
            usd: l.client.estimated_usd(&shot).unwrap_or(0.0),
        }
    }

    /// Spending now, when any cap applies to the queue (`None`: nothing to count); `Err`
    /// when the ledger cannot say, and then nothing is dealt.
    pub(super) async fn books(&self) -> Result<Option<Books>, ()> {
        let capped = self.budget.any() || self.batches.values().any(|b| !b.meta.caps.is_none());
        if self.queue.is_empty() || !capped {
            return Ok(None);
        }
        let batches: BTreeSet<BatchId> = self.queue.iter().map(|t| t.batch).collect();
        let mut books = Books::load(&self.shared.ledger, batches)
            .await
            .map_err(|e| tracing::error!("cannot count what was spent: {}", e.log()))?;
        for t in self.takes.values() {
            if matches!(t.state, TakeState::Assigned | TakeState::Submitting)
                && let (Some(cost), Some(account)) = (t.cost, &t.account)
            {
                books.add(t.batch, account, cost);
            }
        }
        Ok(Some(books))
    }

    /// The cap `t` would cross on `account`, if any.
    fn over(&self, t: &TakeRecord, account: &str, books: &Books) -> Option<Held> {
        let caps = self
            .batches
            .get(&t.batch)
            .map_or(Caps::default(), |b| b.meta.caps);
        books.check(&self.budget, t.batch, caps, account, self.cost(t, account))
    }

    pub(super) fn fits(&self, t: &TakeRecord, account: &str, books: Option<&Books>) -> bool {
        books.is_none_or(|b| self.over(t, account, b).is_none())
    }

    /// Counts a take being dealt, so the next one in the same pass sees it.
    pub(super) fn reserve(&self, t: &TakeRecord, account: &str, books: Option<&mut Books>) {
        if let Some(b) = books {
            b.add(t.batch, account, self.cost(t, account));
        }
    }

    /// Why `t` fits on none of the accounts that may make it (the first account's cap), or
    /// `None` when one could.
    fn held_by(&self, t: &TakeRecord, books: &Books) -> Option<Held> {
        let b = self.batches.get(&t.batch)?;
        let shot = t.shot();
        let mut first = None;
        for (name, l) in &self.lanes {
            let allowed = b.meta.accounts.is_empty() || b.meta.accounts.contains(name);
            if !allowed || l.client.supports(&shot).is_err() {
                continue;
            }
            match self.over(t, name, books) {
                None => return None,
                Some(h) => {
                    first.get_or_insert(h);
                }
            }
        }
        first
    }

    /// Marks the queued takes that no account may make within the caps (in the ledger, with
    /// the cap named, and in an event), and lets go those that fit again.
    pub(super) async fn hold_by_budget(&mut self, books: Option<&Books>) {
        // Without caps, a take marked held in an earlier session loses its mark when dealt.
        if books.is_none() && self.held.is_empty() {
            return;
        }
        let mut changes: Vec<(TakeId, BatchId, Option<Held>)> = Vec::new();
        for t in &self.queue {
            if self
                .batches
                .get(&t.batch)
                .is_none_or(|b| b.paused || b.canceled)
            {
                continue;
            }
            let now = books.and_then(|books| self.held_by(t, books));
            let marked = t.error_class.as_deref() == Some(CLASS);
            let same = match (&now, self.held.get(&t.id)) {
                (Some(h), Some(old)) => h.cap == old.cap && h.limit == old.limit,
                (None, None) => !marked,
                _ => false,
            };
            if !same {
                changes.push((t.id, t.batch, now));
            }
        }
        let mut held: Vec<(BatchId, Held, Vec<TakeId>)> = Vec::new();
        let mut released: BTreeMap<BatchId, Vec<TakeId>> = BTreeMap::new();
        for (id, batch, now) in changes {
            let message = now.as_ref().map(Held::message);
            if let Err(e) = self
                .shared
                .ledger
                .set_budget_hold(id, message.clone())
                .await
            {
                tracing::warn!(take = id, "cannot note a budget hold: {}", e.log());
            }
            if let Some(t) = self.queue.iter_mut().find(|t| t.id == id) {
                t.error_class = message.is_some().then(|| CLASS.to_string());
                t.error = message;
            }
            match now {
                Some(h) => {
                    self.held.insert(id, h.clone());
                    match held
                        .iter_mut()
                        .find(|(b, o, _)| *b == batch && o.cap == h.cap && o.limit == h.limit)
                    {
                        Some((_, _, takes)) => takes.push(id),
                        None => held.push((batch, h, vec![id])),
                    }
                }
                None => {
                    if self.held.remove(&id).is_some() {
                        released.entry(batch).or_default().push(id);
                    }
                }
            }
        }
        for (batch, h, takes) in held {
            self.emit(Event::BudgetHeld {
                batch,
                takes,
                cap: h.cap,
                limit: h.limit,
                spent: h.spent,
            });
        }
        for (batch, takes) in released {
            self.emit(Event::BudgetReleased { batch, takes });
        }
    }

    /// New caps of a batch's own, kept in the ledger.
    pub(super) async fn set_batch_caps(
        &mut self,
        batch: BatchId,
        caps: Caps,
    ) -> Result<(), EngineError> {
        self.load_batch(batch).await?;
        self.shared.ledger.set_batch_caps(batch, caps).await?;
        if let Some(b) = self.batches.get_mut(&batch) {
            b.meta.caps = caps;
        }
        self.idle = None;
        Ok(())
    }
}
