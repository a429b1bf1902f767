//! The lanes a command runs on: the accounts asked for (or every enabled one), Flow accounts'
//! browsers waited for, and which models each offers read before any work is dealt.

use std::time::Duration;

use super::context::{Context, Exit};
use crate::ops::setup;
use crate::store::ledger::Ledger;
use crate::words::Said;

/// Lanes for a run: Flow accounts through the bridge (started here, then waited on up to
/// `[bridge] wait_secs` for their browsers), Gemini accounts with their keys.
pub async fn prepare(
    ctx: &mut Context,
    ledger: &Ledger,
    names: &[String],
) -> Result<
    (
        Vec<crate::engine::LaneSpec>,
        Vec<(String, crate::message::Message)>,
    ),
    Exit,
> {
    if ctx.settings.accounts.is_empty() {
        let file = ctx.paths.config_file.display().to_string();
        return Err(Exit::usage(crate::t!("cli-no-accounts", file = file)));
    }
    let bridge = if setup::needs_bridge(&ctx.settings, names) {
        Some(ctx.bridge().await?)
    } else {
        None
    };
    let (lanes, problems) = ctx.lanes(ledger, names).await;
    if !names.is_empty() && !problems.is_empty() || lanes.is_empty() {
        let list: Vec<String> = problems
            .iter()
            .map(|(a, e)| format!("  {a}: {}", crate::visible::one_line(&e.said())))
            .collect();
        let list = list.join("\n");
        return Err(Exit::usage(crate::t!("cli-no-usable-account", list = list)));
    }
    if let Some(bridge) = &bridge {
        let flow: Vec<String> = lanes
            .iter()
            .filter(|l| l.client.presence().is_some())
            .map(|l| l.name.clone())
            .collect();
        let wait = Duration::from_secs(ctx.settings.bridge.wait_secs);
        for a in super::bridge::wait_for_browsers(bridge, &flow, wait).await {
            tell!(
                "flowdeck: {}",
                crate::t!("cli-browser-missing", account = a)
            );
        }
    }
    // So a batch an account cannot run is refused up front with the reason, not sent to fail.
    crate::ops::session::read_models(&lanes, Duration::from_secs(20)).await;
    Ok((lanes, problems))
}
