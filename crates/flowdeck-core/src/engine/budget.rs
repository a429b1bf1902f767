//! The spending gate's sums: what was spent (from the ledger) plus what is reserved by
//! creates in flight, against every cap that applies to one create.

use std::collections::HashMap;

use crate::model::{AccountId, Amount, BatchId, CapScope, Caps, Held, Spend};
use crate::store::config::BudgetSection;
use crate::store::ledger::{Ledger, LedgerError};

/// Spending known at one moment: today's per account, and each batch's per account.
#[derive(Debug, Default, Clone)]
pub(crate) struct Books {
    today: HashMap<AccountId, Spend>,
    batches: HashMap<(BatchId, AccountId), Spend>,
}

impl Books {
    /// What the ledger says was spent today and on `batches`.
    pub async fn load(
        ledger: &Ledger,
        batches: impl IntoIterator<Item = BatchId>,
    ) -> Result<Books, LedgerError> {
        let mut books = Books::default();
        for (account, s) in ledger.spent_today().await? {
            *books.today.entry(account).or_default() += s;
        }
        for batch in batches {
            for (account, s) in ledger.spent_on(batch).await? {
                *books.batches.entry((batch, account)).or_default() += s;
            }
        }
        Ok(books)
    }

    /// Counts a create that is not in the ledger's spending yet (dealt, or being sent).
    pub fn add(&mut self, batch: BatchId, account: &str, cost: Spend) {
        *self.today.entry(account.to_string()).or_default() += cost;
        *self
            .batches
            .entry((batch, account.to_string()))
            .or_default() += cost;
    }

    fn day(&self) -> Spend {
        self.today.values().fold(Spend::default(), |a, &b| a + b)
    }

    fn batch(&self, batch: BatchId) -> Spend {
        self.batches
            .iter()
            .filter(|((b, _), _)| *b == batch)
            .fold(Spend::default(), |a, (_, &s)| a + s)
    }

    /// The first cap that a create costing `cost`, of `batch` on `account`, would cross:
    /// the batch's (its own or the settings', the tighter), the batch's on that account,
    /// the day's over all accounts, the account's day.
    pub fn check(
        &self,
        budget: &BudgetSection,
        batch: BatchId,
        batch_caps: Caps,
        account: &str,
        cost: Spend,
    ) -> Option<Held> {
        let own = budget.account(account);
        let key = (batch, account.to_string());
        [
            (
                CapScope::Batch,
                batch_caps.tightest(budget.overall().batch()),
                self.batch(batch),
            ),
            (
                CapScope::BatchAccount(account.to_string()),
                own.batch(),
                self.batches.get(&key).copied().unwrap_or_default(),
            ),
            (CapScope::Day, budget.overall().day(), self.day()),
            (
                CapScope::DayAccount(account.to_string()),
                own.day(),
                self.today.get(account).copied().unwrap_or_default(),
            ),
        ]
        .into_iter()
        .find_map(|(scope, caps, spent)| crosses(scope, caps, spent, cost))
    }
}

/// Whether spending `cost` on top of `spent` crosses `caps` (a cent's rounding forgiven).
fn crosses(cap: CapScope, caps: Caps, spent: Spend, cost: Spend) -> Option<Held> {
    if let Some(limit) = caps.credits
        && cost.credits > 0
        && spent.credits + cost.credits > limit
    {
        return Some(Held {
            cap,
            limit: Amount::Credits(limit),
            spent: Amount::Credits(spent.credits),
        });
    }
    if let Some(limit) = caps.usd
        && cost.usd > 0.0
        && spent.usd + cost.usd > limit + 1e-9
    {
        return Some(Held {
            cap,
            limit: Amount::Dollars(limit),
            spent: Amount::Dollars(spent.usd),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::config::Limits;

    fn credits(n: i64) -> Spend {
        Spend {
            credits: n,
            usd: 0.0,
        }
    }

    fn usd(x: f64) -> Spend {
        Spend { credits: 0, usd: x }
    }

    #[test]
    fn a_create_goes_up_to_the_cap_and_not_past_it() {
        let caps = Caps {
            credits: Some(100),
            usd: None,
        };
        let mut books = Books::default();
        let none = BudgetSection::default();
        for _ in 0..5 {
            assert_eq!(books.check(&none, 1, caps, "a", credits(20)), None);
            books.add(1, "a", credits(20));
        }
        let held = books.check(&none, 1, caps, "a", credits(20)).expect("held");
        assert_eq!(held.cap, CapScope::Batch);
        assert_eq!(held.limit, Amount::Credits(100));
        assert_eq!(held.spent, Amount::Credits(100));
        // Another batch has its own cap; a take that costs nothing in credits is not held.
        assert_eq!(books.check(&none, 2, caps, "a", credits(20)), None);
        assert_eq!(books.check(&none, 1, caps, "a", usd(3.0)), None);
    }

    #[test]
    fn the_day_counts_every_batch_and_an_account_cap_only_its_account() {
        let mut budget = BudgetSection {
            day_dollars: Some(5.0),
            ..BudgetSection::default()
        };
        budget.accounts.insert(
            "a".into(),
            Limits {
                day_credits: Some(30),
                batch_dollars: Some(1.0),
                ..Limits::default()
            },
        );
        let mut books = Books::default();
        books.add(1, "a", credits(20));
        books.add(2, "b", credits(500));
        books.add(2, "b", usd(4.0));
        let none = Caps::default();
        // a: 20 of 30 spent today, in any batch.
        let held = books
            .check(&budget, 3, none, "a", credits(20))
            .expect("held");
        assert_eq!(held.cap, CapScope::DayAccount("a".into()));
        assert_eq!(held.spent, Amount::Credits(20));
        assert_eq!(books.check(&budget, 3, none, "a", credits(10)), None);
        // b has no cap of its own.
        assert_eq!(books.check(&budget, 3, none, "b", credits(20)), None);
        // Dollars over all accounts: 4 of 5 spent.
        let held = books.check(&budget, 3, none, "b", usd(1.2)).expect("held");
        assert_eq!(held.cap, CapScope::Day);
        assert_eq!(books.check(&budget, 3, none, "b", usd(1.0)), None);
        // a's batch cap in dollars, per batch.
        let held = books.check(&budget, 3, none, "a", usd(1.01)).expect("held");
        assert_eq!(held.cap, CapScope::BatchAccount("a".into()));
    }

    #[test]
    fn the_tighter_batch_cap_wins() {
        let budget = BudgetSection {
            batch_credits: Some(50),
            ..BudgetSection::default()
        };
        let books = Books::default();
        let own = Caps {
            credits: Some(80),
            usd: None,
        };
        let held = books
            .check(&budget, 1, own, "a", credits(60))
            .expect("held");
        assert_eq!(held.limit, Amount::Credits(50));
        let own = Caps {
            credits: Some(10),
            usd: None,
        };
        let held = books
            .check(&budget, 1, own, "a", credits(20))
            .expect("held");
        assert_eq!(held.limit, Amount::Credits(10));
    }
}
