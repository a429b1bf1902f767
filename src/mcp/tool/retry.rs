//! `retry`: send failed videos again (a failed download is fetched again for free; anything
//! else is a new paid video), within a cap like generate's.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Call;
use crate::mcp::cap::Cap;
use crate::mcp::folder::Folder;
use crate::mcp::reply::Refusal;
use crate::model::TakeState;

pub const NAME: &str = "retry";

/// The most takes one call may retry.
const MOST_TAKES: usize = 1_000;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// Takes to retry, by id (batch_status lists them).
    #[serde(default)]
    pub takes: Vec<i64>,
    /// Retry every failed take of this batch.
    #[serde(default)]
    pub batch: Option<i64>,
    /// The spending cap (required: at least one of max_credits and max_dollars).
    #[serde(flatten)]
    pub cap: Cap,
}

pub fn tool() -> rmcp::model::Tool {
    super::describe::<Input>(
        NAME,
        "Retry failed videos, by take id or every failed one of a batch. A video whose \
         download failed is fetched again (free); any other is SENT AGAIN AND PAID AGAIN, \
         including ones the service refused for its content policy (change the prompt \
         instead). A cap is required (max_credits and/or max_dollars) and the takes are priced \
         against it before anything is sent. Answers at once; follow with batch_status.",
    )
}

pub async fn run(args: Value, call: Call<'_>) -> Result<Value, Refusal> {
    let input: Input = super::read(NAME, args)?;
    input.cap.check_given()?;
    if input.takes.len() > MOST_TAKES {
        return Err(Refusal::input(crate::t!(
            "mcp-too-many-takes",
            most = MOST_TAKES
        )));
    }
    let ledger = call.folder.ledger().await?;
    let mut ids: BTreeSet<i64> = input.takes.iter().copied().collect();
    if let Some(batch) = input.batch {
        let takes = ledger.current_takes(batch).await?;
        if takes.is_empty() {
            return Err(Refusal::input(crate::t!("no-such-batch", batch = batch)));
        }
        ids.extend(
            takes
                .iter()
                .filter(|t| t.state == TakeState::Failed)
                .map(|t| t.id),
        );
    }
    if ids.is_empty() {
        return Err(Refusal::input(crate::t!("mcp-retry-what")));
    }
    let mut takes = Vec::new();
    for id in &ids {
        let take = ledger.take(*id).await?.ok_or_else(|| {
            let take = *id;
            Refusal::input(crate::t!("no-such-take", take = take))
        })?;
        takes.push(take);
    }
    let shots: Vec<_> = takes.iter().map(|t| t.shot()).collect();
    let mut run = call.folder.running().await?;
    let Some(r) = run.as_mut() else {
        return Err(Refusal::failed(crate::t!("mcp-engine-gone")));
    };
    if let Err(e) = input.cap.price(&shots, &r.accounts.lanes, &[]) {
        Folder::settle(&mut run);
        return Err(e);
    }
    let mut retried = Vec::new();
    for t in &takes {
        match r.engine.retry(t.id).await {
            Ok(new) => {
                call.folder.follow(r, t.batch);
                retried.push(json!({"take": t.id, "now": new, "batch": t.batch}));
            }
            Err(e) => {
                let error = crate::i18n::say(&e.message());
                retried.push(json!({"take": t.id, "error": error}));
            }
        }
    }
    Folder::settle(&mut run);
    Ok(json!({ "retried": retried }))
}
