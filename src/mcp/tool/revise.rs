//! `revise`: a finished Gemini Omni video changed by a new instruction, as a new one-scene
//! batch on the account that made it. Paid like any video, so a cap is required.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Call;
use crate::mcp::cap::Cap;
use crate::mcp::folder::Folder;
use crate::mcp::reply::Refusal;

pub const NAME: &str = "revise";

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// The finished Omni take to revise, by id (batch_status lists them).
    pub take: i64,
    /// What to change, e.g. "make it night, keep the camera move" (at most 5,000 characters).
    pub instruction: String,
    /// Videos to make from the instruction (1 to 4, default 1).
    #[serde(default)]
    #[schemars(range(min = 1, max = 4))]
    pub copies: Option<u8>,
    /// The spending cap (required: at least one of max_credits and max_dollars).
    #[serde(flatten)]
    pub cap: Cap,
}

pub fn tool() -> rmcp::model::Tool {
    super::describe::<Input>(
        NAME,
        "Revise a finished Gemini Omni video (model omni-flash) with a new instruction: a new \
         video on the same account that keeps what the instruction does not change. THIS \
         SPENDS money like a new video: a cap is required (max_dollars; max_credits for \
         accounts billed in credits) and checked first. Answers at once with the new batch \
         id; follow it with batch_status.",
    )
}

pub async fn run(args: Value, call: Call<'_>) -> Result<Value, Refusal> {
    let input: Input = super::read(NAME, args)?;
    input.cap.check_given()?;
    let copies = input.copies.unwrap_or(1);
    if !(1..=4).contains(&copies) {
        return Err(Refusal::input(crate::t!("mcp-copies", value = copies)));
    }
    crate::store::import::prompt_fits(&input.instruction)
        .map_err(|m| Refusal::said("input", &m))?;
    let ledger = call.folder.ledger().await?;
    let take = ledger
        .take(input.take)
        .await?
        .ok_or_else(|| Refusal::input(crate::t!("no-such-take", take = input.take)))?;
    let spec = crate::engine::revise::batch(&take, &input.instruction, copies)
        .map_err(|m| Refusal::said("input", &m))?;
    let shots = crate::mcp::scenes::shots(&spec.scenes);
    let mut run = call.folder.running().await?;
    let Some(r) = run.as_mut() else {
        return Err(Refusal::failed(crate::t!("mcp-engine-gone")));
    };
    let priced = match input.cap.price(&shots, &r.accounts.lanes, &spec.accounts) {
        Ok(p) => p,
        Err(e) => {
            Folder::settle(&mut run);
            return Err(e);
        }
    };
    let batch = match r
        .engine
        .revise(take.id, input.instruction.clone(), copies)
        .await
    {
        Ok(b) => b,
        Err(e) => {
            Folder::settle(&mut run);
            return Err(Refusal::said("input", &e.message()));
        }
    };
    call.folder.follow(r, batch);
    Ok(json!({
        "batch": batch,
        "videos": shots.len(),
        "account": take.account,
        "most_it_can_cost": { "credits": priced.credits, "dollars": (priced.dollars * 100.0).round() / 100.0 },
        "message": crate::t!("mcp-started", batch = batch, videos = shots.len()),
    }))
}
