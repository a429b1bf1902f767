//! The spending cap every paid tool requires, checked before anything is sent: each video is
//! priced at the dearest account that could make it, and only accounts billed in a unit the
//! cap names may run it (a cap in credits alone keeps the dollar-billed APIs out, and the
//! other way round), so no call can spend what the caller did not bound.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use super::reply::Refusal;
use crate::model::{AccountId, Shot};
use crate::provider::Client;
use crate::words::Said;

/// The most a call may spend. At least one is required.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
pub struct Cap {
    /// The most Flow credits this call may spend (Flow accounts bill in credits). Without it,
    /// Flow accounts are not used.
    #[serde(default)]
    pub max_credits: Option<i64>,
    /// The most US dollars this call may spend (Gemini API and Vertex AI accounts bill in
    /// money). Without it, those accounts are not used.
    #[serde(default)]
    pub max_dollars: Option<f64>,
}

/// What a call would cost at most, and on which accounts.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub credits: i64,
    pub dollars: f64,
    /// The accounts that may run it (capped in their unit, price known).
    pub accounts: Vec<AccountId>,
}

impl Cap {
    pub fn check_given(&self) -> Result<(), Refusal> {
        if self.max_credits.is_none() && self.max_dollars.is_none() {
            return Err(Refusal::input(crate::t!("mcp-cap-required")));
        }
        if self.max_credits.is_some_and(|c| c < 0)
            || self.max_dollars.is_some_and(|d| !d.is_finite() || d < 0.0)
        {
            return Err(Refusal::input(crate::t!("mcp-cap-negative")));
        }
        Ok(())
    }

    /// Whether this cap lets `client`'s unit be spent.
    fn covers(&self, client: &Client) -> bool {
        if bills_credits(client) {
            self.max_credits.is_some()
        } else {
            self.max_dollars.is_some()
        }
    }

    /// Prices `shots` on the `asked` accounts (all when empty) within this cap; refuses, with
    /// nothing sent, a video no capped account can make or a total over the cap.
    pub fn price(
        &self,
        shots: &[Shot],
        lanes: &[(AccountId, Arc<Client>)],
        asked: &[String],
    ) -> Result<Priced, Refusal> {
        self.check_given()?;
        let usable: Vec<&(AccountId, Arc<Client>)> = lanes
            .iter()
            .filter(|(name, _)| asked.is_empty() || asked.contains(name))
            .collect();
        let mut priced = Priced {
            credits: 0,
            dollars: 0.0,
            accounts: Vec::new(),
        };
        for shot in shots {
            // Dearest per unit: the engine deals the video to whichever account is free, so each
            // unit's cap must hold it.
            let (mut credits, mut dollars): (Option<i64>, Option<f64>) = (None, None);
            let mut why_not = Vec::new();
            for (name, client) in &usable {
                let price = match client.supports(shot) {
                    Err(m) => Err(m.said()),
                    Ok(()) if !self.covers(client) => Err(crate::t!(
                        "mcp-cap-unit-missing",
                        unit = if bills_credits(client) {
                            "credits"
                        } else {
                            "dollars"
                        }
                    )),
                    Ok(()) => Price::of(client, shot).ok_or_else(|| crate::t!("mcp-price-unknown")),
                };
                match price {
                    Ok(p) => {
                        if !priced.accounts.contains(name) {
                            priced.accounts.push(name.clone());
                        }
                        match p {
                            Price::Credits(c) => credits = Some(credits.map_or(c, |d| d.max(c))),
                            Price::Dollars(c) => dollars = Some(dollars.map_or(c, |d| d.max(c))),
                        }
                    }
                    Err(why) => why_not.push(format!("{name}: {why}")),
                }
            }
            if credits.is_none() && dollars.is_none() {
                return Err(Refusal::input(crate::t!(
                    "mcp-no-account-can",
                    model = shot.model.name(),
                    why = why_not.join("; ")
                )));
            }
            priced.credits += credits.unwrap_or(0);
            priced.dollars += dollars.unwrap_or(0.0);
        }
        let over_credits = self.max_credits.is_some_and(|c| priced.credits > c);
        let over_dollars = self.max_dollars.is_some_and(|d| priced.dollars > d + 1e-9);
        if over_credits || over_dollars {
            return Err(Refusal::cap(crate::t!(
                "mcp-over-cap",
                credits = priced.credits,
                dollars = format!("{:.2}", priced.dollars),
                max_credits = self
                    .max_credits
                    .map_or_else(|| "-".to_string(), |c| c.to_string()),
                max_dollars = self
                    .max_dollars
                    .map_or_else(|| "-".to_string(), |d| format!("{d:.2}"))
            )));
        }
        Ok(priced)
    }
}

/// Flow bills in credits; the Gemini API and Vertex AI in money.
pub fn bills_credits(client: &Client) -> bool {
    matches!(client, Client::Flow(_))
}

/// One video's price on one account, in its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Price {
    Credits(i64),
    Dollars(f64),
}

impl Price {
    fn of(client: &Client, shot: &Shot) -> Option<Price> {
        client
            .estimated_cost(shot)
            .map(Price::Credits)
            .or_else(|| client.estimated_usd(shot).map(Price::Dollars))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Aspect, Model};
    use crate::provider::gemini::{GeminiClient, GeminiConfig};

    fn key(name: &str) -> (AccountId, Arc<Client>) {
        let client = GeminiClient::new(GeminiConfig::default(), crate::secret::Secret::new("k"))
            .expect("a client");
        (name.to_string(), Arc::new(Client::Gemini(client)))
    }

    fn cap(credits: Option<i64>, dollars: Option<f64>) -> Cap {
        Cap {
            max_credits: credits,
            max_dollars: dollars,
        }
    }

    #[test]
    fn a_cap_is_required_and_no_video_is_priced_over_it() {
        let lanes = [key("gem"), key("other")];
        let shots = vec![Shot::new(Model::OmniFlash, Aspect::Landscape); 3];
        let one = lanes[0].1.estimated_usd(&shots[0]).expect("a price");
        assert_eq!(
            cap(None, None)
                .price(&shots, &lanes, &[])
                .map(|_| ())
                .unwrap_err()
                .class,
            "input"
        );
        assert_eq!(
            cap(None, Some(-1.0))
                .price(&shots, &lanes, &[])
                .unwrap_err()
                .class,
            "input"
        );
        // Dollars uncapped: the keys may not be used at all.
        let e = cap(Some(1_000), None)
            .price(&shots, &lanes, &[])
            .unwrap_err();
        assert_eq!(e.class, "input");
        let e = cap(None, Some(one * 2.5))
            .price(&shots, &lanes, &[])
            .unwrap_err();
        assert_eq!(e.class, "cap");
        let p = cap(None, Some(one * 3.0))
            .price(&shots, &lanes, &[])
            .expect("within");
        assert!((p.dollars - one * 3.0).abs() < 1e-9, "{p:?}");
        assert_eq!(p.accounts, ["gem", "other"]);
        let p = cap(None, Some(10.0))
            .price(&shots, &lanes, &["other".into()])
            .expect("one");
        assert_eq!(p.accounts, ["other"]);
    }
}
