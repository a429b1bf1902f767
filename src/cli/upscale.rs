//! `flowdeck upscale`: a finished Flow video made again at 1080p or 4K by Flow's upscaler, on
//! the account that made it (only that account may name its video), its file next to the
//! original.

use std::collections::HashSet;
use std::path::PathBuf;

use clap::Args;

use super::context::{Context, Exit};
use super::run::{output, prepare};
use super::watch::{Ending, Watch, settle};
use crate::engine::{Engine, EngineConfig, revise};
use crate::model::Resolution;

#[derive(Debug, Args)]
pub struct UpscaleArgs {
    /// The finished take to upscale, by id (see `flowdeck status --batch N`).
    take: i64,
    /// 1080p, or 4k (4K costs 50 credits).
    #[arg(long, default_value = "1080p")]
    to: Resolution,
    /// Print one JSON event per line instead of progress bars.
    #[arg(long)]
    json: bool,
}

pub async fn run(config: Option<PathBuf>, args: UpscaleArgs) -> Result<i32, Exit> {
    let mut ctx = Context::load(config)?;
    let _lock = ctx.engine_lock("flowdeck upscale")?;
    let ledger = ctx.ledger()?;
    let take = ledger
        .take(args.take)
        .await
        .map_err(|e| Exit::failed(e.to_string()))?
        .ok_or_else(|| Exit::usage(format!("there is no take {}", args.take)))?;
    // Refused here, before any browser is touched, with the words the engine uses.
    let spec = revise::upscale_batch(&take, args.to).map_err(Exit::usage)?;
    let out_dir = spec.out_dir.clone();
    let (lanes, _) = prepare(&mut ctx, &ledger, &spec.accounts).await?;
    let (engine, mut events) =
        Engine::start(EngineConfig::from(&ctx.settings.engine), ledger, lanes)
            .await
            .map_err(|e| Exit::usage(e.to_string()))?;
    let batch = engine
        .upscale(take.id, args.to)
        .await
        .map_err(|e| Exit::usage(e.to_string()))?;
    let mut watch = Watch::new(output(args.json), HashSet::from([batch]));
    watch.out_dir = Some(out_dir.clone());
    let ending = watch.follow(&engine, &mut events).await;
    settle().await;
    let code = watch.summary(&ending, Some(&out_dir));
    if ending != Ending::Aborted {
        engine.shutdown();
    }
    Ok(code)
}
