//! `flowdeck doctor [NAMES] [--json]`: a credit-free check that each account still works the
//! way flowdeck expects, and the same check `flowdeck run` makes first.

use crate::words::Said;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::context::{Context, Exit};
use crate::engine::LaneSpec;
use crate::ops::doctor::{Verdict, examine_all};
use crate::provider::flow::protocol;

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Only these accounts (all when none are named).
    #[arg(value_name = "ACCOUNT")]
    names: Vec<String>,
    /// One JSON object per account instead of lines.
    #[arg(long)]
    json: bool,
}

pub async fn run(config: Option<PathBuf>, args: DoctorArgs) -> Result<i32, Exit> {
    match check(config, &args).await {
        // A script that asked for JSON gets JSON even when nothing could be checked.
        Err(e) if args.json => {
            say!(
                "{}",
                serde_json::json!({"error": e.message, "code": e.code})
            );
            Ok(e.code)
        }
        other => other,
    }
}

async fn check(config: Option<PathBuf>, args: &DoctorArgs) -> Result<i32, Exit> {
    let mut ctx = Context::load(config)?;
    for n in &args.names {
        if ctx.settings.account(n).is_none() {
            return Err(Exit::usage(crate::t!("no-such-account", account = n)));
        }
    }
    let ledger = ctx.ledger()?;
    let (lanes, problems) = super::lanes::prepare(&mut ctx, &ledger, &args.names).await?;
    let verdicts = examine_all(&lanes, Duration::ZERO).await;
    if !args.json {
        say!("{}", protocol_line());
    }
    let mut all_work = problems.is_empty();
    for (name, why) in &problems {
        print(args, name, "-", &Verdict::Refused(why.clone()));
    }
    for (lane, (name, verdict)) in lanes.iter().zip(&verdicts) {
        all_work &= verdict.works();
        print(args, name, lane.client.provider(), verdict);
    }
    Ok(if all_work { 0 } else { 1 })
}

fn print(args: &DoctorArgs, name: &str, provider: &str, verdict: &Verdict) {
    if args.json {
        let mut v = super::json::worded(serde_json::to_value(verdict).unwrap_or_default());
        v["account"] = serde_json::json!(name);
        v["provider"] = serde_json::json!(provider);
        let p = protocol::current();
        v["flow_protocol"] = serde_json::json!({
            "version": p.version,
            "override": p.overridden_by.as_ref().map(|f| f.display().to_string()),
        });
        say!("{v}");
    } else {
        say!(
            "{name:<16} {}",
            crate::visible::one_line(&verdict.line().said())
        );
    }
}

/// Which Flow protocol table is in use: the one built in, or with the user's override.
fn protocol_line() -> String {
    let p = protocol::current();
    let version = p.version.clone();
    match &p.overridden_by {
        Some(file) => {
            let file = file.display().to_string();
            crate::t!("doctor-protocol-override", version = version, file = file)
        }
        None => crate::t!("doctor-protocol", version = version),
    }
}

/// `flowdeck run`'s first step: prints each account's verdict and leaves out the accounts
/// that would fail or spend blindly (signed out, refused, or answering in an unknown shape).
pub async fn before_run(lanes: Vec<LaneSpec>, json: bool) -> Result<Vec<LaneSpec>, Exit> {
    let verdicts = examine_all(&lanes, Duration::ZERO).await;
    let mut kept = Vec::new();
    let mut blocked = Vec::new();
    for (lane, (name, verdict)) in lanes.into_iter().zip(verdicts) {
        if json {
            let mut v = super::json::worded(serde_json::to_value(&verdict).unwrap_or_default());
            v["event"] = serde_json::json!("doctor");
            v["account"] = serde_json::json!(name);
            say!("{v}");
        } else if !matches!(verdict, Verdict::Works(_)) {
            tell!(
                "flowdeck: doctor: {name}: {}",
                crate::visible::one_line(&verdict.line().said())
            );
        }
        if verdict.blocks() {
            blocked.push(name);
        } else {
            kept.push(lane);
        }
    }
    if kept.is_empty() {
        let accounts = blocked.join(", ");
        return Err(Exit::failed(crate::t!(
            "cli-doctor-none-passed",
            accounts = accounts
        )));
    }
    for name in &blocked {
        tell!(
            "flowdeck: {}",
            crate::t!("cli-doctor-skipping", account = name)
        );
    }
    Ok(kept)
}
