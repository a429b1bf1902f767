//! `list_accounts`: each account with its state, provider, models, credits and what it spent
//! today. Read-only calls to the services; costs nothing.

use std::collections::HashMap;
use std::time::Duration;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Call;
use crate::mcp::reply::Refusal;
use crate::words::Said;

pub const NAME: &str = "list_accounts";

/// How long one account's read-only check may take.
const CHECK_LIMIT: Duration = Duration::from_secs(20);

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {}

pub fn tool() -> rmcp::model::Tool {
    super::describe::<Input>(
        NAME,
        "List the video accounts flowdeck is set up with: name, provider (flow: Google Flow \
         through the user's browser, billed in credits; gemini: the Gemini API, billed in US \
         dollars; vertex: Vertex AI, billed in US dollars), state (ready, disabled, unusable, \
         or while a batch runs the engine's view: cooling_down, out_of_credits, \
         waiting_for_browser, held…) with the reason, the models it offers, its credits (Flow) \
         and what it spent today as recorded by flowdeck. Makes only read-only calls; costs \
         nothing.",
    )
}

pub async fn run(args: Value, call: Call<'_>) -> Result<Value, Refusal> {
    let _: Input = super::read(NAME, args)?;
    let settings = call.folder.load()?.settings.clone();
    let held = call.folder.accounts().await?;
    let accounts = held.accounts();
    let checks = accounts.lanes.iter().map(|(name, client)| async move {
        let checked = tokio::time::timeout(CHECK_LIMIT, client.check()).await;
        (name.clone(), checked)
    });
    let checks: HashMap<_, _> = futures_util::future::join_all(checks)
        .await
        .into_iter()
        .collect();
    // What the services accepted today (the user's local day), as the budget counts it.
    let spent: HashMap<String, crate::model::Spend> = match held.ledger() {
        Some(ledger) => ledger.spent_today().await?.into_iter().collect(),
        None => HashMap::new(),
    };
    let seen = call.folder.seen();
    let mut rows = Vec::new();
    for a in &settings.accounts {
        let name = a.name.as_str();
        let lane = accounts.lanes.iter().find(|(n, _)| n == name);
        let problem = accounts.problems.iter().find(|(n, _)| n == name);
        let (mut state, mut reason) = match (a.enabled, lane, problem) {
            (false, _, _) => ("disabled".to_string(), None),
            (_, _, Some((_, why))) => ("unusable".to_string(), Some(why.said())),
            (_, Some(_), _) => ("ready".to_string(), None),
            _ => ("unusable".to_string(), None),
        };
        let (mut credits, mut models) = (None, Vec::new());
        match checks.get(name) {
            Some(Ok(Ok(status))) => {
                credits = status.credits;
                models = status.models.clone();
            }
            Some(Ok(Err(e))) => {
                state = "unusable".into();
                reason = Some(e.message().said());
            }
            Some(Err(_)) => reason = Some(crate::t!("mcp-check-slow")),
            None => {}
        }
        if let Some(health) = seen.health.get(name) {
            state = health.label().to_string();
            reason = health.reason().map(|m| m.said()).or(reason);
        }
        let credits = seen.credits.get(name).copied().or(credits);
        let today = spent.get(name).copied().unwrap_or_default();
        rows.push(json!({
            "account": name,
            "provider": a.provider.to_string(),
            "state": state,
            "reason": reason,
            "models": models,
            "credits": credits,
            "spent_today": { "credits": today.credits, "dollars": (today.usd * 100.0).round() / 100.0 },
        }));
    }
    Ok(json!({ "accounts": rows }))
}
