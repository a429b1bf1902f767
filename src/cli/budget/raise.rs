//! `flowdeck budget raise`: new caps in the settings (all accounts, or one), or a batch's
//! own in the ledger. A cap given replaces the one there; the others stay.

use super::RaiseArgs;
use crate::cli::context::{Context, Exit};
use crate::model::Caps;
use crate::words::Said;

pub async fn raise(ctx: &mut Context, args: RaiseArgs) -> Result<i32, Exit> {
    if let Some(batch) = args.batch {
        return batch_caps(ctx, batch, args.credits, args.dollars).await;
    }
    let given = [args.batch_credits.is_some(), args.batch_dollars.is_some()]
        .into_iter()
        .chain([args.day_credits.is_some(), args.day_dollars.is_some()])
        .any(|g| g);
    if !given {
        return Err(Exit::usage(crate::t!("cli-budget-raise-what")));
    }
    let mut settings = ctx.settings.clone();
    let mut limits = match &args.account {
        Some(name) => {
            if settings.account(name).is_none() {
                return Err(Exit::usage(crate::t!(
                    "no-such-account",
                    account = name.as_str()
                )));
            }
            settings.budget.account(name)
        }
        None => settings.budget.overall(),
    };
    limits.batch_credits = args.batch_credits.or(limits.batch_credits);
    limits.batch_dollars = args.batch_dollars.or(limits.batch_dollars);
    limits.day_credits = args.day_credits.or(limits.day_credits);
    limits.day_dollars = args.day_dollars.or(limits.day_dollars);
    match &args.account {
        Some(name) => {
            settings.budget.accounts.insert(name.clone(), limits);
        }
        None => settings.budget.set_overall(limits),
    }
    settings
        .save(&ctx.paths.config_file)
        .map_err(|e| Exit::failed(e.to_message().said()))?;
    ctx.settings = settings;
    let who = match &args.account {
        Some(name) => name.clone(),
        None => crate::t!("cli-budget-all"),
    };
    say!(
        "{}",
        crate::t!(
            "cli-budget-raised",
            who = who,
            day = super::show::caps_words(limits.day()),
            batch = super::show::caps_words(limits.batch())
        )
    );
    Ok(0)
}

/// A batch's own caps, in the ledger (a resume keeps them).
async fn batch_caps(
    ctx: &Context,
    batch: i64,
    credits: Option<i64>,
    dollars: Option<f64>,
) -> Result<i32, Exit> {
    if credits.is_none() && dollars.is_none() {
        return Err(Exit::usage(crate::t!("cli-budget-raise-what")));
    }
    let ledger = ctx.ledger()?;
    let fail = |e: crate::store::ledger::LedgerError| Exit::failed(e.said());
    let meta = ledger
        .batch_meta(batch)
        .await
        .map_err(fail)?
        .ok_or_else(|| Exit::usage(crate::t!("no-such-batch", batch = batch)))?;
    let caps = Caps {
        credits: credits.or(meta.caps.credits),
        usd: dollars.or(meta.caps.usd),
    };
    ledger.set_batch_caps(batch, caps).await.map_err(fail)?;
    say!(
        "{}",
        crate::t!(
            "cli-budget-batch-raised",
            batch = batch,
            caps = super::show::caps_words(caps)
        )
    );
    Ok(0)
}
