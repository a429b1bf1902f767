//! What sending videos again would cost, in the words both front ends show before they ask
//! (in the user's language: `i18n` is a leaf both layers may use).

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
        parts.push(crate::t!(
            "cost-credits",
            credits = crate::i18n::number(credits)
        ));
    }
    if usd > 0.0 {
        parts.push(crate::i18n::dollars(usd));
    }
    let and = crate::t!("cost-and");
    let sum = parts.join(&format!(" {and} "));
    match (parts.is_empty(), unknown) {
        (true, _) => crate::t!("cost-usual-price"),
        (false, 0) => crate::t!("cost-about", sum = sum),
        (false, n) => crate::t!("cost-about-some-unknown", sum = sum, unknown = n),
    }
}
