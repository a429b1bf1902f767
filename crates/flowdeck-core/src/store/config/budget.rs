//! `[budget]`: spending caps over all accounts, and per account in
//! `[budget.accounts.NAME]`, each optional.
//!
//! ```toml
//! [budget]
//! batch_credits = 200     # one batch, over all its accounts
//! day_dollars = 5.0       # one local day, over all accounts
//!
//! [budget.accounts.alice]
//! day_credits = 100       # what alice may spend in a day
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::Caps;

/// The four caps of one scope: a batch's and a day's, in credits and dollars.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_credits: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_dollars: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_credits: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_dollars: Option<f64>,
}

impl Limits {
    pub fn batch(&self) -> Caps {
        Caps {
            credits: self.batch_credits,
            usd: self.batch_dollars,
        }
    }

    pub fn day(&self) -> Caps {
        Caps {
            credits: self.day_credits,
            usd: self.day_dollars,
        }
    }

    pub fn is_none(&self) -> bool {
        self.batch().is_none() && self.day().is_none()
    }

    /// The first value that is not a cap (negative, or not a number), by its key.
    pub fn wrong(&self) -> Option<&'static str> {
        let credits = [
            ("batch_credits", self.batch_credits),
            ("day_credits", self.day_credits),
        ];
        let dollars = [
            ("batch_dollars", self.batch_dollars),
            ("day_dollars", self.day_dollars),
        ];
        credits
            .iter()
            .find(|(_, v)| v.is_some_and(|v| v < 0))
            .map(|(k, _)| *k)
            .or_else(|| {
                dollars
                    .iter()
                    .find(|(_, v)| v.is_some_and(|v| !v.is_finite() || v < 0.0))
                    .map(|(k, _)| *k)
            })
    }
}

/// The whole section. Over all accounts, the same four keys as [`Limits`] (spelled out: serde
/// cannot flatten a table that refuses unknown keys).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BudgetSection {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_credits: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_dollars: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_credits: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_dollars: Option<f64>,
    /// Per account, by name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub accounts: BTreeMap<String, Limits>,
}

impl BudgetSection {
    /// The caps over all accounts.
    pub fn overall(&self) -> Limits {
        Limits {
            batch_credits: self.batch_credits,
            batch_dollars: self.batch_dollars,
            day_credits: self.day_credits,
            day_dollars: self.day_dollars,
        }
    }

    pub fn set_overall(&mut self, l: Limits) {
        self.batch_credits = l.batch_credits;
        self.batch_dollars = l.batch_dollars;
        self.day_credits = l.day_credits;
        self.day_dollars = l.day_dollars;
    }

    /// Whether any cap is set at all (without one, the engine counts nothing).
    pub fn any(&self) -> bool {
        !self.overall().is_none() || self.accounts.values().any(|l| !l.is_none())
    }

    /// An account's own caps (none when it has none).
    pub fn account(&self, name: &str) -> Limits {
        self.accounts.get(name).copied().unwrap_or_default()
    }
}
