//! `list_batches`: the batches in the ledger, newest first, with their counts. Free.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Call;
use crate::mcp::reply::Refusal;

pub const NAME: &str = "list_batches";

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// How many batches, newest first (1 to 200, default 20).
    #[serde(default)]
    #[schemars(range(min = 1, max = 200))]
    pub limit: Option<usize>,
}

pub fn tool() -> rmcp::model::Tool {
    super::describe::<Input>(
        NAME,
        "List the batches flowdeck knows (from any session: this assistant, the window or the \
         command line), newest first: batch id, label, state (active or finished), output \
         folder, and how many videos are in each state. Costs nothing. Use batch_status for \
         one batch's videos.",
    )
}

pub async fn run(args: Value, call: Call<'_>) -> Result<Value, Refusal> {
    let input: Input = super::read(NAME, args)?;
    let limit = input.limit.unwrap_or(20);
    if !(1..=200).contains(&limit) {
        return Err(Refusal::input(crate::t!("mcp-limit", most = 200)));
    }
    let ledger = call.folder.ledger().await?;
    let mut batches = ledger.batches().await?;
    batches.sort_by_key(|b| std::cmp::Reverse(b.id));
    batches.truncate(limit);
    let mut rows = Vec::new();
    for b in &batches {
        let counts: serde_json::Map<String, Value> = b
            .counts
            .iter()
            .map(|(s, n)| (s.as_str().to_string(), (*n).into()))
            .collect();
        rows.push(json!({
            "batch": b.id,
            "label": b.label,
            "state": b.state,
            "running_here": call.folder.is_running(b.id).await,
            "out_dir": b.out_dir,
            "videos": b.total(),
            "counts": counts,
        }));
    }
    Ok(json!({ "batches": rows }))
}
