//! The command line: argument definitions and dispatch. Each command lives in its own file.

mod sim;

use clap::{Parser, Subcommand};

/// flowdeck: scene prompts in, Veo videos out, over several accounts at once.
#[derive(Debug, Parser)]
#[command(name = "flowdeck", version, about)]
pub struct Cli {
    /// Log more (repeat for even more): -v info, -vv debug.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a local server that speaks Flow's protocol, and print its accounts.
    Sim(sim::SimArgs),
}

/// Runs the parsed command; returns the process exit code.
pub async fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Sim(args) => sim::run(args).await,
    }
}
