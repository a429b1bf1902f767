//! `flowdeck export`: a batch's results as a CSV file.

use std::path::PathBuf;

use clap::Args;

use super::context::{Context, Exit};
use crate::words::Said;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The batch (its number in `flowdeck status`).
    batch: i64,
    /// Where to write (default: batch-N-results.csv in the batch's video folder); `-` for
    /// standard output.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The last demo's ledger instead of yours.
    #[arg(long)]
    demo: bool,
}

pub async fn run(config: Option<PathBuf>, args: ExportArgs) -> Result<i32, Exit> {
    let ledger = Context::ledger_or_demo(config, args.demo)?;
    if args.out.as_deref() == Some(std::path::Path::new("-")) {
        let takes = ledger
            .current_takes(args.batch)
            .await
            .map_err(|e| Exit::failed(e.said()))?;
        if takes.is_empty() {
            return Err(Exit::usage(crate::t!("no-such-batch", batch = args.batch)));
        }
        let text = crate::ops::export::results_csv(&takes, crate::i18n::say);
        // No byte-order mark in a pipe: it is for spreadsheet programs opening a file.
        let body = text.trim_start_matches('\u{feff}');
        // On a terminal, prompts' control characters are shown, not obeyed; a pipe or a file
        // gets the data as it is.
        let body = if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            crate::visible::lines(body)
        } else {
            body.into()
        };
        // A closed pipe (`| head`) is the reader's choice, not an error.
        let _ = std::io::Write::write_all(&mut std::io::stdout(), body.as_bytes());
        return Ok(0);
    }
    let path = crate::ops::export::export(&ledger, args.batch, args.out, crate::i18n::say)
        .await
        .map_err(|e| match e.key == "no-such-batch" {
            true => Exit::usage(e),
            false => Exit::failed(e),
        })?;
    say!("{}", path.display());
    Ok(0)
}
