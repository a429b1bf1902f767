//! `flowdeck upscale`: a finished Flow video made again at 1080p or 4K by Flow's upscaler, on
//! the account that made it (only that account may name its video), its file next to the
//! original.

use std::path::PathBuf;

use clap::Args;

use super::context::Exit;
use crate::engine::revise;
use crate::model::Resolution;

#[derive(Debug, Args)]
pub struct UpscaleArgs {
    /// The finished take to upscale, by id (see `flowdeck status --batch N`).
    take: i64,
    /// 1080p, or 4k (4K costs 50 credits).
    #[arg(long, default_value = "1080p", value_parser = super::words::<Resolution>)]
    to: Resolution,
    /// Print one JSON event per line instead of progress bars.
    #[arg(long)]
    json: bool,
}

pub async fn run(config: Option<PathBuf>, args: UpscaleArgs) -> Result<i32, Exit> {
    let to = args.to;
    super::revise::one_off(
        config,
        "flowdeck upscale",
        args.take,
        args.json,
        |take| revise::upscale_batch(take, to),
        |engine, take| async move { engine.upscale(take, to).await },
    )
    .await
}
