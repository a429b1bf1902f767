//! `flowdeck accounts check`: each account's browser, who it is signed in as, plan, credits
//! and models, read through the same clients a run uses.

use std::time::Duration;

use crate::cli::context::{Context, Exit};
use crate::ops::setup;
use crate::store::config::{AccountEntry, ProviderKind};
use crate::visible::one_line;
use crate::words::Said;

/// How long a check waits for a paired browser to connect.
const OPEN_BROWSER_SECS: u64 = 5;

pub async fn check(ctx: &mut Context, names: Vec<String>) -> Result<i32, Exit> {
    let chosen: Vec<&AccountEntry> = if names.is_empty() {
        ctx.settings.accounts.iter().collect()
    } else {
        let mut v = Vec::new();
        for n in &names {
            v.push(
                ctx.settings
                    .account(n)
                    .ok_or_else(|| Exit::usage(crate::t!("no-such-account", account = n)))?,
            );
        }
        v
    };
    if chosen.is_empty() {
        return Err(Exit::usage(crate::t!("cli-no-accounts-to-check")));
    }
    let chosen: Vec<AccountEntry> = chosen.into_iter().cloned().collect();
    let names: Vec<String> = chosen.iter().map(|a| a.name.clone()).collect();
    let bridge = if setup::needs_bridge(&ctx.settings, &names) {
        Some(ctx.bridge().await?)
    } else {
        None
    };
    if let Some(b) = &bridge {
        let paired = setup::pairings(&ctx.settings, &ctx.secrets).await;
        let flow: Vec<String> = chosen
            .iter()
            .filter(|a| paired.contains_key(&a.name))
            .map(|a| a.name.clone())
            .collect();
        // An open browser's extension connects within moments (it tries every 3 s); a
        // check does not wait a run's time for one that is closed.
        let wait = Duration::from_secs(ctx.settings.bridge.wait_secs.min(OPEN_BROWSER_SECS));
        crate::cli::bridge::wait_for_browsers(b, &flow, wait).await;
    }
    let projects = std::collections::HashMap::new();
    let links = bridge.as_deref().map(|bridge| setup::FlowLinks {
        bridge,
        projects: &projects,
        captures: Some(ctx.captures()),
    });
    let mut bad = 0;
    for a in &chosen {
        let client = setup::client(&ctx.settings, &ctx.secrets, a, links.as_ref()).await;
        // Another version of the extension still works; the person is told to update one.
        let version = client
            .as_ref()
            .ok()
            .and_then(|c| c.presence())
            .and_then(|p| crate::bridge::version::mismatch(&p.borrow()));
        let result = match client {
            Err(e) => Err(e.said()),
            Ok(client) => match client.presence().map(|p| p.borrow().clone()) {
                Some(p) if client.browser_problem(&p).is_some() => Err(client
                    .browser_problem(&p)
                    .map(|m| m.said())
                    .unwrap_or_default()),
                _ => client.check().await.map_err(|e| e.said()),
            },
        };
        match result {
            Ok(s) => {
                let credits = s.credits.map_or(String::new(), |c| {
                    crate::t!("cost-credits", credits = crate::i18n::number(c))
                });
                let browser = if a.provider == ProviderKind::Flow {
                    format!("{}, ", crate::t!("cli-browser-connected"))
                } else {
                    String::new()
                };
                say!(
                    "{:<16} {:<4} {browser}{:<32} {:<8} {credits}",
                    a.name,
                    crate::t!("cli-check-ok"),
                    one_line(s.email.as_deref().unwrap_or("-")),
                    one_line(&s.tier.said()),
                );
                let models = one_line(&s.models.join(", ")).into_owned();
                let makes = match (&s.models_from, s.models.is_empty()) {
                    (Some(from), true) => {
                        Some(crate::t!("cli-makes-built-in", from = one_line(from)))
                    }
                    (Some(from), false) => Some(crate::t!(
                        "cli-makes-from",
                        models = models.as_str(),
                        from = one_line(from)
                    )),
                    (None, false) => Some(crate::t!("cli-makes", models = models.as_str())),
                    (None, true) => None,
                };
                if let Some(makes) = makes {
                    say!("{:<16}      {makes}", "");
                }
                if let Some(v) = &version {
                    say!("{:<16}      {}", "", one_line(&v.said()));
                }
                for w in &s.warnings {
                    let warning = crate::t!(
                        "cli-check-warning",
                        rpc = one_line(&w.rpc),
                        detail = one_line(&w.detail.said()).into_owned()
                    );
                    say!("{:<16}      {warning}", "");
                }
            }
            Err(e) => {
                bad += 1;
                say!(
                    "{:<16} {:<4} {}",
                    a.name,
                    crate::t!("cli-check-fail"),
                    one_line(&e)
                );
            }
        }
    }
    Ok(if bad > 0 { 1 } else { 0 })
}
