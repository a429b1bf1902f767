//! `estimate`: what a batch would make and cost, per account and provider, and what cannot
//! run and why, before anything is sent. Costs nothing.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Call;
use crate::mcp::reply::Refusal;
use crate::mcp::scenes::{self, Options, SceneInput};
use crate::words::Said;

pub const NAME: &str = "estimate";

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// The scenes, in order (1 to 200).
    pub scenes: Vec<SceneInput>,
    /// What every scene takes where it says nothing, and which accounts may run them.
    #[serde(default)]
    pub options: Options,
}

pub fn tool() -> rmcp::model::Tool {
    super::describe::<Input>(
        NAME,
        "Price a batch before running it: how many videos the scenes make, what they would \
         cost on each account if that account made them all (credits for Flow, US dollars for \
         the Gemini API and Vertex AI), the same per provider, which accounts cannot make \
         them and why (with a model they could make instead), and which scenes no account can \
         make. Sends nothing and costs nothing. Use the figures to set generate's cap.",
    )
}

pub async fn run(args: Value, call: Call<'_>) -> Result<Value, Refusal> {
    let input: Input = super::read(NAME, args)?;
    let scenes = scenes::scenes(&input.scenes, &input.options)?;
    let shots = scenes::shots(&scenes);
    let held = call.folder.accounts().await?;
    let accounts = held.accounts();
    let asked = &input.options.accounts;
    let lanes: Vec<_> = accounts
        .lanes
        .iter()
        .filter(|(n, _)| asked.is_empty() || asked.contains(n))
        .collect();
    let mut rows = Vec::new();
    let mut providers: BTreeMap<&str, (i64, f64, u32)> = BTreeMap::new();
    for (name, client) in &lanes {
        let can: Vec<_> = shots
            .iter()
            .filter(|s| client.supports(s).is_ok())
            .cloned()
            .collect();
        let cost = crate::ops::cost::total(can.iter().map(|s| (client.as_ref(), s.clone())));
        let out = crate::ops::fit::sits_out(client, &shots);
        let p = providers.entry(client.provider()).or_default();
        p.0 = p.0.max(cost.credits);
        p.1 = p.1.max(cost.usd);
        p.2 = p.2.max(can.len() as u32);
        rows.push(json!({
            "account": name,
            "provider": client.provider(),
            "videos_it_can_make": can.len(),
            "credits_if_all_here": crate::mcp::cap::bills_credits(client).then_some(cost.credits),
            "dollars_if_all_here": (!crate::mcp::cap::bills_credits(client)).then_some(round(cost.usd)),
            "videos_without_known_price": cost.unknown,
            "cannot_run": out.as_ref().map(|o| o.why.said()),
            "could_make_instead": out.and_then(|o| o.instead).map(|m| m.name().to_string()),
        }));
    }
    let cannot: Vec<Value> = scenes
        .iter()
        .enumerate()
        .filter(|(_, s)| !lanes.iter().any(|(_, c)| c.supports(&s.shot()).is_ok()))
        .map(|(i, s)| {
            let why: Vec<String> = lanes
                .iter()
                .filter_map(|(n, c)| {
                    c.supports(&s.shot())
                        .err()
                        .map(|m| format!("{n}: {}", m.said()))
                })
                .collect();
            json!({"scene": i + 1, "why": why.join("; ")})
        })
        .collect();
    let unusable: Vec<Value> = accounts
        .problems
        .iter()
        .filter(|(n, _)| asked.is_empty() || asked.contains(n))
        .map(|(n, why)| json!({"account": n, "why": why.said()}))
        .collect();
    let providers: serde_json::Map<String, Value> = providers
        .into_iter()
        .map(|(p, (credits, usd, videos))| {
            let cost = if p == "flow" {
                json!({"credits": credits})
            } else {
                json!({"dollars": round(usd)})
            };
            (
                p.to_string(),
                json!({"videos_it_can_make": videos, "most_if_all_here": cost}),
            )
        })
        .collect();
    Ok(json!({
        "scenes": scenes.len(),
        "videos": shots.len(),
        "accounts": rows,
        "providers": providers,
        "scenes_no_account_can_make": cannot,
        "unusable_accounts": unusable,
    }))
}

/// Dollars to the cent.
fn round(usd: f64) -> f64 {
    (usd * 100.0).round() / 100.0
}
