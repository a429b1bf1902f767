//! `flowdeck revise`: a finished Gemini Omni video, changed by a new instruction. Runs on the
//! account that made it (no other key may name its interaction), as a new one-scene batch.

use std::collections::HashSet;
use std::path::PathBuf;

use clap::Args;

use super::context::{Context, Exit};
use super::lanes::prepare;
use super::run::output;
use super::watch::{Ending, Watch, settle};
use crate::engine::{Engine, revise};
use crate::model::BatchSpec;
use crate::store::ledger::TakeRecord;
use crate::words::Said;

#[derive(Debug, Args)]
pub struct ReviseArgs {
    /// The finished take to revise, by id (see `flowdeck status --batch N`).
    take: i64,
    /// What to change, e.g. "make it night, keep the camera move".
    instruction: String,
    /// Videos to make from the instruction.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=4))]
    copies: u8,
    /// Print one JSON event per line instead of progress bars.
    #[arg(long)]
    json: bool,
}

pub async fn run(config: Option<PathBuf>, args: ReviseArgs) -> Result<i32, Exit> {
    let (instruction, copies) = (args.instruction.clone(), args.copies);
    one_off(
        config,
        "flowdeck revise",
        args.take,
        args.json,
        |take| revise::batch(take, &instruction, copies),
        |engine, take| {
            let instruction = args.instruction.clone();
            async move { engine.revise(take, instruction, copies).await }
        },
    )
    .await
}

/// A one-scene batch made from a finished take on the account that made it (a revision, an
/// upscale): checked with the engine's own words before any browser or key is touched, then
/// followed like `run`.
pub(super) async fn one_off<F>(
    config: Option<PathBuf>,
    what: &str,
    take_id: i64,
    json: bool,
    spec: impl FnOnce(&TakeRecord) -> Result<BatchSpec, crate::message::Message>,
    send: impl FnOnce(Engine, i64) -> F,
) -> Result<i32, Exit>
where
    F: std::future::Future<Output = Result<crate::model::BatchId, crate::engine::EngineError>>,
{
    let mut ctx = Context::load(config)?;
    let _lock = ctx.engine_lock(what)?;
    let ledger = ctx.ledger()?;
    let take = ledger
        .take(take_id)
        .await
        .map_err(|e| Exit::failed(e.said()))?
        .ok_or_else(|| Exit::usage(crate::t!("no-such-take", take = take_id)))?;
    let spec = spec(&take).map_err(Exit::usage)?;
    let out_dir = spec.out_dir.clone();
    let (lanes, _) = prepare(&mut ctx, &ledger, &spec.accounts).await?;
    let (engine, mut events) = super::lanes::start(&ctx, ledger, lanes).await?;
    let batch = send(engine.clone(), take.id)
        .await
        .map_err(|e| Exit::usage(e.said()))?;
    let mut watch = Watch::new(output(json), HashSet::from([batch]));
    watch.holds = Some(crate::ops::holds::Holds::at(&ctx.paths.data_dir));
    watch.out_dir = Some(out_dir.clone());
    let ending = watch.follow(&engine, &mut events).await;
    settle().await;
    let code = watch.summary(&ending, Some(&out_dir));
    if ending != Ending::Aborted {
        engine.shutdown();
    }
    Ok(code)
}
