//! `flowdeck status`: batches and takes from the ledger.

use std::path::PathBuf;

use clap::Args;

use super::context::{Context, Exit};
use crate::model::TakeState;
use crate::words::Said;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Show the takes of this batch.
    #[arg(long)]
    batch: Option<i64>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// The last demo's ledger instead of yours.
    #[arg(long)]
    demo: bool,
}

pub async fn run(config: Option<PathBuf>, args: StatusArgs) -> Result<i32, Exit> {
    let ledger = Context::ledger_or_demo(config, args.demo)?;
    let fail = |e: crate::store::ledger::LedgerError| Exit::failed(e.said());
    if let Some(batch) = args.batch {
        let takes = ledger.batch_takes(batch).await.map_err(fail)?;
        if takes.is_empty() {
            return Err(Exit::usage(crate::t!("no-such-batch", batch = batch)));
        }
        if args.json {
            let rows: Vec<_> = takes
                .iter()
                .map(|t| {
                    // For scripts: a stable class and the service's code beside the words.
                    let failure = crate::model::Failure::of(t);
                    serde_json::json!({
                        "take": t.id, "scene": t.scene_index, "copy": t.copy, "state": t.state,
                        "account": t.account, "path": t.path, "bytes": t.bytes, "sha256": t.sha256,
                        "error": t.error, "retry_of": t.retry_of, "prompt": t.prompt,
                        "class": failure.as_ref().map(|f| f.class),
                        "code": failure.and_then(|f| f.code),
                        "held_by_budget": t.state == TakeState::Queued
                            && t.error_class.as_deref() == Some("budget"),
                    })
                })
                .collect();
            say!("{}", serde_json::Value::Array(rows));
            return Ok(0);
        }
        say!(
            "{:>6} {:>5} {:>4} {:<11} {:<12} {}",
            crate::t!("status-take"),
            crate::t!("status-scene"),
            crate::t!("status-copy"),
            crate::t!("status-state"),
            crate::t!("status-account"),
            crate::t!("status-file-or-reason"),
        );
        for t in &takes {
            let what = match t.state {
                TakeState::Done => t
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                _ => t.error.as_ref().map(|m| m.said()).unwrap_or_default(),
            };
            let what = crate::visible::one_line(&what);
            say!(
                "{:>6} {:>5} {:>4} {:<11} {:<12} {what}",
                t.id,
                t.scene_index,
                t.copy,
                crate::words::state(t.state),
                t.account.as_deref().unwrap_or("-"),
            );
        }
        return Ok(0);
    }
    let batches = ledger.batches().await.map_err(fail)?;
    if args.json {
        let rows: Vec<_> = batches
            .iter()
            .map(|b| {
                let counts: serde_json::Map<String, serde_json::Value> = b
                    .counts
                    .iter()
                    .map(|(s, n)| (s.as_str().to_string(), (*n).into()))
                    .collect();
                serde_json::json!({"batch": b.id, "label": b.label, "state": b.state,
                    "out_dir": b.out_dir, "counts": counts})
            })
            .collect();
        say!("{}", serde_json::Value::Array(rows));
        return Ok(0);
    }
    if batches.is_empty() {
        say!("{}", crate::t!("status-no-batches"));
        return Ok(0);
    }
    let mut rows = vec![vec![
        crate::t!("status-batch"),
        crate::t!("status-label"),
        crate::t!("status-state"),
        crate::t!("status-takes"),
        crate::t!("status-done"),
        crate::t!("status-failed"),
        crate::t!("status-unsettled"),
    ]];
    for b in &batches {
        let failed = b.count(TakeState::Failed)
            + b.count(TakeState::TimedOut)
            + b.count(TakeState::Uncertain);
        let unsettled =
            b.total() - b.count(TakeState::Done) - failed - b.count(TakeState::Canceled);
        // The whole name: an upscale's differs from its source's only at the end.
        rows.push(vec![
            b.id.to_string(),
            crate::visible::one_line(&b.label).into_owned(),
            crate::words::batch_state(&b.state),
            b.total().to_string(),
            b.count(TakeState::Done).to_string(),
            failed.to_string(),
            unsettled.to_string(),
        ]);
    }
    let right = [true, false, false, true, true, true, true];
    for line in super::table::lay_out(&rows, &right) {
        say!("{line}");
    }
    Ok(0)
}
