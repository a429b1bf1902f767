//! What sending videos again would cost, summed per unit; both front ends say it before they
//! ask.

use crate::model::Shot;
use crate::provider::Client;

/// The cost of several takes: credits (Flow), US dollars (the Gemini API, Vertex AI), and how
/// many have a price flowdeck does not know.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cost {
    pub credits: i64,
    pub usd: f64,
    pub unknown: u32,
}

/// Sums the cost of several takes, each on its own account.
pub fn total<'a>(items: impl IntoIterator<Item = (&'a Client, Shot)>) -> Cost {
    let mut cost = Cost::default();
    for (client, shot) in items {
        if let Some(c) = client.estimated_cost(&shot) {
            cost.credits += c;
        } else if let Some(d) = client.estimated_usd(&shot) {
            cost.usd += d;
        } else {
            cost.unknown += 1;
        }
    }
    cost
}
