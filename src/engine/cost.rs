//! What sending videos again would cost, in the words both front ends show before they ask.

use crate::model::Shot;
use crate::provider::Client;

/// The cost of several takes, each on its own account, summed per unit ("about 40 credits and
/// $0.80"), or that the price is unknown.
pub fn total<'a>(items: impl IntoIterator<Item = (&'a Client, Shot)>) -> String {
    let (mut credits, mut usd, mut unknown) = (0i64, 0f64, 0);
    for (client, shot) in items {
        if let Some(c) = client.estimated_cost(&shot) {
            credits += c;
        } else if let Some(d) = client.estimated_usd(&shot) {
            usd += d;
        } else {
            unknown += 1;
        }
    }
    let mut parts = Vec::new();
    if credits > 0 {
        parts.push(format!("{credits} credits"));
    }
    if usd > 0.0 {
        parts.push(format!("${usd:.2}"));
    }
    match (parts.is_empty(), unknown) {
        (true, _) => "the account's usual price again".into(),
        (false, 0) => format!("about {}", parts.join(" and ")),
        (false, n) => format!(
            "about {} (and {n} at a price flowdeck does not know)",
            parts.join(" and ")
        ),
    }
}
