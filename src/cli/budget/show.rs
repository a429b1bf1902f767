//! `flowdeck budget`: the caps in force and what was spent today, per account and overall.

use std::collections::BTreeMap;

use crate::cli::context::{Context, Exit};
use crate::model::{Caps, Spend};
use crate::store::config::Limits;
use crate::words::Said;

pub async fn show(ctx: &Context, json: bool) -> Result<i32, Exit> {
    let ledger = ctx.ledger()?;
    let today: BTreeMap<String, Spend> = ledger
        .spent_today()
        .await
        .map_err(|e| Exit::failed(e.said()))?
        .into_iter()
        .collect();
    let budget = &ctx.settings.budget;
    let total = today.values().fold(Spend::default(), |a, &b| a + b);
    let mut names: Vec<String> = ctx
        .settings
        .accounts
        .iter()
        .map(|a| a.name.clone())
        .collect();
    for n in today.keys().filter(|n| !n.is_empty()) {
        if !names.contains(n) {
            names.push(n.clone());
        }
    }
    if json {
        let row = |limits: Limits, spent: Spend| serde_json::json!({"caps": limits, "spent_today": spent});
        let accounts: serde_json::Map<String, serde_json::Value> = names
            .iter()
            .map(|n| {
                let spent = today.get(n).copied().unwrap_or_default();
                (n.clone(), row(budget.account(n), spent))
            })
            .collect();
        let all = serde_json::json!({"overall": row(budget.overall(), total),
            "accounts": accounts});
        say!("{all}");
        return Ok(0);
    }
    let mut rows = vec![vec![
        String::new(),
        crate::t!("cli-budget-col-today"),
        crate::t!("cli-budget-col-day-cap"),
        crate::t!("cli-budget-col-batch-cap"),
    ]];
    let line = |who: String, limits: Limits, spent: Spend| {
        vec![
            who,
            spent_words(spent),
            caps_words(limits.day()),
            caps_words(limits.batch()),
        ]
    };
    rows.push(line(crate::t!("cli-budget-all"), budget.overall(), total));
    for n in &names {
        let spent = today.get(n).copied().unwrap_or_default();
        rows.push(line(
            crate::visible::one_line(n).into_owned(),
            budget.account(n),
            spent,
        ));
    }
    for l in crate::cli::table::lay_out(&rows, &[false, true, true, true]) {
        say!("{l}");
    }
    if !budget.any() {
        say!("{}", crate::t!("cli-budget-none"));
    }
    Ok(0)
}

fn spent_words(s: Spend) -> String {
    crate::t!(
        "cli-budget-amounts",
        credits = crate::i18n::number(s.credits),
        usd = crate::i18n::dollars(s.usd)
    )
}

pub(super) fn caps_words(c: Caps) -> String {
    let mut parts = Vec::new();
    if let Some(n) = c.credits {
        parts.push(crate::t!(
            "budget-credits",
            credits = crate::i18n::number(n)
        ));
    }
    if let Some(x) = c.usd {
        parts.push(crate::i18n::dollars(x));
    }
    if parts.is_empty() {
        crate::t!("cli-budget-no-cap")
    } else {
        parts.join(" · ")
    }
}
