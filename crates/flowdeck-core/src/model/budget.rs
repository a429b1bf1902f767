//! Spending caps: what a batch, an account or a day may spend, and what was spent. Plain
//! data; the engine's gate ([`crate::engine`]) does the sums.

use serde::{Deserialize, Serialize};

use super::AccountId;

/// At most this much: credits (Flow) and dollars (the APIs). `None`: no cap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Caps {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd: Option<f64>,
}

// Caps are validated finite (settings, flags): equality is total in practice.
impl Eq for Caps {}

impl Caps {
    pub fn is_none(&self) -> bool {
        self.credits.is_none() && self.usd.is_none()
    }

    /// The tighter of two caps, per currency.
    pub fn tightest(self, other: Caps) -> Caps {
        fn least<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<T> {
            match (a, b) {
                (Some(a), Some(b)) => Some(if b < a { b } else { a }),
                (a, b) => a.or(b),
            }
        }
        Caps {
            credits: least(self.credits, other.credits),
            usd: least(self.usd, other.usd),
        }
    }
}

/// What was (or would be) spent: credits and dollars.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Spend {
    pub credits: i64,
    pub usd: f64,
}

impl Spend {
    pub fn is_zero(&self) -> bool {
        self.credits == 0 && self.usd == 0.0
    }
}

impl std::ops::Add for Spend {
    type Output = Spend;
    fn add(self, o: Spend) -> Spend {
        Spend {
            credits: self.credits + o.credits,
            usd: self.usd + o.usd,
        }
    }
}

impl std::ops::AddAssign for Spend {
    fn add_assign(&mut self, o: Spend) {
        *self = *self + o;
    }
}

impl std::ops::Mul<u32> for Spend {
    type Output = Spend;
    fn mul(self, n: u32) -> Spend {
        Spend {
            credits: self.credits * i64::from(n),
            usd: self.usd * f64::from(n),
        }
    }
}

/// Which cap: a batch's, a batch's on one account, the day's, or one account's day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "scope", content = "account", rename_all = "snake_case")]
pub enum CapScope {
    Batch,
    BatchAccount(AccountId),
    Day,
    DayAccount(AccountId),
}

/// An amount in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "unit", content = "amount", rename_all = "snake_case")]
pub enum Amount {
    Credits(i64),
    Dollars(f64),
}

/// A cap that a take's create would cross: which, its limit, and what is spent (counting
/// the creates in flight).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Held {
    pub cap: CapScope,
    pub limit: Amount,
    pub spent: Amount,
}

/// The message key of a take held by budget.
pub const HELD_KEY: &str = "budget-held";

impl Held {
    /// "held by budget", naming the cap, its limit and what is spent.
    pub fn message(&self) -> crate::message::Message {
        crate::msg!(
            "budget-held",
            cap = self.cap.message(),
            limit = self.limit.message(),
            spent = self.spent.message()
        )
    }
}

impl CapScope {
    pub fn message(&self) -> crate::message::Message {
        match self {
            CapScope::Batch => crate::msg!("budget-cap-batch"),
            CapScope::BatchAccount(a) => crate::msg!("budget-cap-batch-account", account = a),
            CapScope::Day => crate::msg!("budget-cap-day"),
            CapScope::DayAccount(a) => crate::msg!("budget-cap-day-account", account = a),
        }
    }
}

impl Amount {
    pub fn message(&self) -> crate::message::Message {
        match *self {
            Amount::Credits(n) => {
                crate::msg!("budget-credits", credits = crate::message::count(n as f64))
            }
            Amount::Dollars(usd) => {
                crate::msg!("budget-dollars", usd = format!("{usd:.2}"))
            }
        }
    }
}
