//! The lanes a command runs on: the accounts asked for (or every enabled one), Flow accounts'
//! browsers waited for, and which models each offers read before any work is dealt.

use std::time::Duration;

use super::context::{Context, Exit};
use crate::ops::setup;
use crate::store::config::ProviderKind;
use crate::store::ledger::Ledger;
use crate::words::Said;

/// The accounts and why each cannot be used.
pub type Problems = Vec<(String, crate::message::Message)>;

/// Lanes for a run: Flow accounts through the bridge (started here, then waited on up to
/// `[bridge] wait_secs` for their browsers), Gemini accounts with their keys.
pub async fn prepare(
    ctx: &mut Context,
    ledger: &Ledger,
    names: &[String],
) -> Result<(Vec<crate::engine::LaneSpec>, Problems), Exit> {
    prepare_waiting(ctx, ledger, names, None).await
}

/// [`prepare`], waiting only for the browsers of `wait_for` when it is given (a retry waits
/// for the accounts its takes belong to, not for every browser).
pub async fn prepare_waiting(
    ctx: &mut Context,
    ledger: &Ledger,
    names: &[String],
    wait_for: Option<&[String]>,
) -> Result<(Vec<crate::engine::LaneSpec>, Problems), Exit> {
    if ctx.settings.accounts.is_empty() {
        let file = ctx.paths.config_file.display().to_string();
        return Err(Exit::usage(crate::t!("cli-no-accounts", file = file)));
    }
    let mut down = None;
    let bridge = if setup::needs_bridge(&ctx.settings, names) {
        match ctx.0.bridge().await {
            Ok(b) => Some(b),
            // Without the bridge the other accounts still work; Flow's sit out, saying why.
            // A bridge that cannot start is a setting to change: exit 2 when nothing is left.
            Err(e) if !only_flow(ctx, names) => {
                down = Some(e.message);
                None
            }
            Err(e) => return Err(Exit::usage(e.message)),
        }
    } else {
        None
    };
    let (lanes, mut problems) = ctx.lanes(ledger, names).await;
    if let Some(why) = &down {
        for (account, reason) in &mut problems {
            if ctx
                .settings
                .account(account)
                .is_some_and(|a| a.provider == ProviderKind::Flow)
            {
                *reason = crate::msg!("cli-bridge-down", why = why.clone());
            }
        }
    }
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
            .filter(|l| wait_for.is_none_or(|w| w.contains(&l.name)))
            .map(|l| l.name.clone())
            .collect();
        let wait = Duration::from_secs(ctx.settings.bridge.wait_secs);
        for a in super::bridge::wait_for_browsers(bridge, &flow, wait).await {
            tell!(
                "flowdeck: {}",
                crate::t!("cli-browser-missing", account = a)
            );
        }
        // Another version of the extension still works; the person is told to update one.
        for lane in &lanes {
            let version = lane
                .client
                .presence()
                .and_then(|p| crate::bridge::version::mismatch(&p.borrow()));
            if let Some(v) = version {
                tell!("flowdeck: {}: {}", lane.name, v.said());
            }
        }
    }
    // So a batch an account cannot run is refused up front with the reason, not sent to fail.
    crate::ops::session::read_models(&lanes, Duration::from_secs(20)).await;
    Ok((lanes, problems))
}

/// Whether every account `names` chooses (every enabled one when empty) is a Flow account.
fn only_flow(ctx: &Context, names: &[String]) -> bool {
    ctx.settings
        .accounts
        .iter()
        .filter(|a| names.contains(&a.name) || names.is_empty() && a.enabled)
        .all(|a| a.provider == ProviderKind::Flow)
}

/// Starts the engine on `lanes`, the accounts a service held in an earlier session held again
/// (until `flowdeck accounts resume`).
pub async fn start(
    ctx: &Context,
    ledger: Ledger,
    lanes: Vec<crate::engine::LaneSpec>,
) -> Result<
    (
        crate::engine::Engine,
        tokio::sync::mpsc::UnboundedReceiver<crate::engine::Event>,
    ),
    Exit,
> {
    let (engine, events) = crate::engine::Engine::start(
        crate::engine::EngineConfig::from(&ctx.settings.engine),
        ledger,
        lanes,
    )
    .await
    .map_err(|e| Exit::usage(e.said()))?;
    crate::ops::holds::Holds::at(&ctx.paths.data_dir).apply(&engine);
    engine
        .set_budget(ctx.settings.budget.clone())
        .map_err(|e| Exit::usage(e.said()))?;
    Ok((engine, events))
}
