//! `cancel`: stop a batch of this server. Nothing more is sent; videos already being made are
//! still brought home (they are paid for). Costs nothing.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Call;
use crate::mcp::reply::Refusal;

pub const NAME: &str = "cancel";

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// The batch id to stop.
    pub batch: i64,
}

pub fn tool() -> rmcp::model::Tool {
    super::describe::<Input>(
        NAME,
        "Stop a batch this flowdeck is making: its waiting videos are canceled and never sent; \
         videos already being made are still downloaded, since they are paid for. Costs \
         nothing. Follow the end with batch_status.",
    )
}

pub async fn run(args: Value, call: Call<'_>) -> Result<Value, Refusal> {
    let input: Input = super::read(NAME, args)?;
    let run = call.folder.run.lock().await;
    let Some(r) = run.as_ref().filter(|r| r.batches.contains(&input.batch)) else {
        drop(run);
        // Said after the usual check, so a folder another flowdeck holds is named first.
        call.folder.ledger().await?;
        return Err(Refusal::input(crate::t!(
            "mcp-not-running-here",
            batch = input.batch
        )));
    };
    r.engine
        .cancel(input.batch)
        .map_err(|e| Refusal::said("failed", &e.message()))?;
    Ok(json!({
        "batch": input.batch,
        "canceled": true,
        "message": crate::t!("mcp-canceled", batch = input.batch),
    }))
}
