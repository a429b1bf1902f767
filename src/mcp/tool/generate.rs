//! `generate`: scenes in, a batch id out at once; the engine makes the videos in the
//! background. Spends credits or money, so a cap is required and checked first.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Call;
use crate::mcp::cap::Cap;
use crate::mcp::folder::Folder;
use crate::mcp::reply::Refusal;
use crate::mcp::scenes::{self, Options, SceneInput};
use crate::model::{BatchSpec, Mode};

pub const NAME: &str = "generate";

/// The most characters of a batch's label.
const MOST_LABEL: usize = 100;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// The scenes, in order (1 to 200).
    pub scenes: Vec<SceneInput>,
    /// What every scene takes where it says nothing, and which accounts may run them.
    #[serde(default)]
    pub options: Options,
    /// The spending cap (required: at least one of max_credits and max_dollars).
    #[serde(flatten)]
    pub cap: Cap,
    /// Absolute path of the folder the videos go into (default: the user's setting, else
    /// Videos/flowdeck).
    #[serde(default)]
    pub out_dir: Option<String>,
    /// A name for the batch (default: "mcp" and the time).
    #[serde(default)]
    pub label: Option<String>,
    /// Make the videos one at a time, in order (default: in parallel over the accounts).
    #[serde(default)]
    pub sequential: bool,
    /// Wait up to this many seconds (0 to 600, default 0: answer at once) for the batch to
    /// finish, with progress notifications when the request carries a progress token.
    #[serde(default)]
    #[schemars(range(min = 0, max = 600))]
    pub wait_seconds: u64,
}

pub fn tool() -> rmcp::model::Tool {
    super::describe::<Input>(
        NAME,
        "Make videos from scenes. THIS SPENDS the user's credits (Flow) or money (Gemini API, \
         Vertex AI): a cap is required, max_credits and/or max_dollars. Before anything is \
         sent, each video is priced at the dearest account that could make it; if the total \
         is over the cap the call is refused and nothing is sent. Only accounts billed in a \
         unit you capped are used. Call estimate first to choose the cap. Answers at once \
         with the batch id; the videos are made in the background (follow them with \
         batch_status). flowdeck never pays twice for a video and keeps every paid one.",
    )
}

pub async fn run(args: Value, call: Call<'_>) -> Result<Value, Refusal> {
    let input: Input = super::read(NAME, args)?;
    input.cap.check_given()?;
    if input.wait_seconds > crate::mcp::progress::MOST_WAIT_SECS {
        let most = crate::mcp::progress::MOST_WAIT_SECS;
        return Err(Refusal::input(crate::t!("mcp-wait", most = most)));
    }
    if input
        .label
        .as_ref()
        .is_some_and(|l| l.trim().is_empty() || l.chars().count() > MOST_LABEL)
    {
        return Err(Refusal::input(crate::t!("mcp-label", most = MOST_LABEL)));
    }
    let scenes = scenes::scenes(&input.scenes, &input.options)?;
    let shots = scenes::shots(&scenes);
    let mut run = call.folder.running().await?;
    let Some(r) = run.as_mut() else {
        return Err(Refusal::failed(crate::t!("mcp-engine-gone")));
    };
    let out_dir = scenes::out_dir(input.out_dir.as_deref(), &r.ctx.settings);
    let priced = out_dir.and_then(|dir| {
        let priced = input
            .cap
            .price(&shots, &r.accounts.lanes, &input.options.accounts)?;
        Ok((dir, priced))
    });
    let (out_dir, priced) = match priced {
        Ok(p) => p,
        Err(e) => {
            // Nothing was sent: the folder is let go again if nothing else runs.
            Folder::settle(&mut run);
            return Err(e);
        }
    };
    let spec = BatchSpec {
        label: input.label.clone().unwrap_or_else(label),
        scenes,
        out_dir: out_dir.clone(),
        template: r.ctx.settings.output.template.clone(),
        accounts: priced.accounts.clone(),
        mode: if input.sequential {
            Mode::Sequential
        } else {
            Mode::Parallel
        },
        // Beside the check above, the engine holds any take that would cross the cap once
        // the service's own charges are known ("held by budget").
        caps: crate::model::Caps {
            credits: input.cap.max_credits,
            usd: input.cap.max_dollars,
        },
    };
    let label = spec.label.clone();
    let batch = match r.engine.submit(spec).await {
        Ok(b) => b,
        Err(e) => {
            Folder::settle(&mut run);
            return Err(Refusal::said("input", &e.message()));
        }
    };
    call.folder.follow(r, batch);
    let ledger = r.ledger.clone();
    drop(run);
    let started = json!({
        "batch": batch,
        "label": label,
        "videos": shots.len(),
        "out_dir": out_dir,
        "accounts": priced.accounts,
        "most_it_can_cost": { "credits": priced.credits, "dollars": (priced.dollars * 100.0).round() / 100.0 },
        "cap": { "max_credits": input.cap.max_credits, "max_dollars": input.cap.max_dollars },
        "message": crate::t!("mcp-started", batch = batch, videos = shots.len()),
    });
    if input.wait_seconds == 0 {
        return Ok(started);
    }
    crate::mcp::progress::wait(
        call.folder,
        &ledger,
        batch,
        input.wait_seconds,
        call.context,
    )
    .await;
    let mut status = super::batch_status::status(call, &ledger, batch).await?;
    status["most_it_can_cost"] = started["most_it_can_cost"].clone();
    Ok(status)
}

/// "mcp_" and the time, as `run` names a batch after its file and the time.
fn label() -> String {
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year]-[month]-[day]_[hour][minute][second]"
        ))
        .unwrap_or_default();
    format!("mcp_{stamp}")
}
