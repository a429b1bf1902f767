//! `flowdeck budget` (the caps and today's spending) and `flowdeck budget raise`: one file
//! per command.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::context::{Context, Exit};

mod raise;
mod show;

#[derive(Debug, Args)]
pub struct BudgetArgs {
    #[command(subcommand)]
    cmd: Option<BudgetCmd>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum BudgetCmd {
    /// Raise (or set) spending caps: the settings' `[budget]` (all accounts, or one with
    /// --account), or one batch's own with --batch. Takes held by budget go at the next
    /// `flowdeck resume` (or at once in the window).
    Raise(RaiseArgs),
}

#[derive(Debug, Args)]
pub struct RaiseArgs {
    /// The caps of this account only (`[budget.accounts.NAME]`).
    #[arg(long, value_name = "NAME", conflicts_with = "batch")]
    account: Option<String>,
    /// This batch's own caps (kept in the ledger): with --credits and --dollars.
    #[arg(long, value_name = "ID")]
    batch: Option<i64>,
    /// With --batch: at most this many credits for the batch.
    #[arg(long, value_name = "N", requires = "batch", value_parser = clap::value_parser!(i64).range(0..))]
    credits: Option<i64>,
    /// With --batch: at most this many dollars for the batch.
    #[arg(long, value_name = "X", requires = "batch", value_parser = dollars)]
    dollars: Option<f64>,
    /// Credits per batch.
    #[arg(long, value_name = "N", conflicts_with = "batch", value_parser = clap::value_parser!(i64).range(0..))]
    batch_credits: Option<i64>,
    /// Dollars per batch.
    #[arg(long, value_name = "X", conflicts_with = "batch", value_parser = dollars)]
    batch_dollars: Option<f64>,
    /// Credits per day (the local day).
    #[arg(long, value_name = "N", conflicts_with = "batch", value_parser = clap::value_parser!(i64).range(0..))]
    day_credits: Option<i64>,
    /// Dollars per day.
    #[arg(long, value_name = "X", conflicts_with = "batch", value_parser = dollars)]
    day_dollars: Option<f64>,
}

/// A number of dollars: finite, 0 or more.
pub fn dollars(s: &str) -> Result<f64, String> {
    match s.trim().trim_start_matches('$').parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(crate::t!("cli-budget-not-dollars", value = s)),
    }
}

pub async fn run(config: Option<PathBuf>, args: BudgetArgs) -> Result<i32, Exit> {
    let mut ctx = Context::load(config)?;
    match args.cmd {
        None => show::show(&ctx, args.json).await,
        Some(BudgetCmd::Raise(r)) => raise::raise(&mut ctx, r).await,
    }
}
