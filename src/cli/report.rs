//! `flowdeck report [--last N] [--out FILE]`: one file a user can attach to a bug report (the
//! newest captures of answers flowdeck could not read, its version, the system, the kinds of
//! account in use), said in words. Nothing is sent anywhere.

use std::path::PathBuf;

use clap::Args;

use super::context::{Context, Exit};
use crate::store::captures::{KEEP, Report};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// How many of the newest captures to put in.
    #[arg(long, value_name = "N", default_value_t = 10,
          value_parser = clap::value_parser!(u16).range(1..=KEEP as i64))]
    last: u16,
    /// Where to write (default: flowdeck-report-<time>.json in this folder).
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub async fn run(config: Option<PathBuf>, args: ReportArgs) -> Result<i32, Exit> {
    let ctx = Context::load(config)?;
    let folder = ctx.paths.captures();
    let report = Report::gather(&folder, &ctx.settings, usize::from(args.last));
    let file = args.out.unwrap_or_else(Report::default_file);
    let file = std::path::absolute(&file).unwrap_or(file);
    let shown = file.display().to_string();
    let text = serde_json::to_string_pretty(&report).map_err(|e| Exit::failed(e.to_string()))?;
    std::fs::write(&file, text).map_err(|e| {
        Exit::failed(crate::t!(
            "cli-report-cannot-write",
            file = shown.as_str(),
            error = e.to_string()
        ))
    })?;
    say!("{}", crate::t!("cli-report-written", file = shown));
    let providers = if report.providers.is_empty() {
        crate::t!("cli-report-no-providers")
    } else {
        report
            .providers
            .iter()
            .map(|(p, n)| format!("{p} ×{n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    say!(
        "{}",
        crate::t!(
            "cli-report-system",
            version = report.flowdeck.as_str(),
            os = report.os.as_str(),
            providers = providers
        )
    );
    let folder = folder.display().to_string();
    match (report.captures.first(), report.captures.last()) {
        (Some(newest), Some(oldest)) => {
            let count = report.captures.len();
            say!(
                "{}",
                crate::t!(
                    "cli-report-captures",
                    count = count,
                    kept = report.kept,
                    folder = folder,
                    first = oldest.time.as_str(),
                    last = newest.time.as_str()
                )
            );
            say!("{}", crate::t!("cli-report-removed"));
            if report.prompts == "included" {
                say!("{}", crate::t!("cli-report-prompts-included"));
            } else {
                say!("{}", crate::t!("cli-report-prompts-hidden"));
            }
        }
        _ => say!("{}", crate::t!("cli-report-no-captures", folder = folder)),
    }
    say!("{}", crate::t!("cli-report-nothing-sent"));
    Ok(0)
}
