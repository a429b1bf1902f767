//! `flowdeck run` and `flowdeck resume`.

use std::collections::HashSet;
use std::path::PathBuf;

use clap::Args;

use super::context::{Context, Exit};
use super::demo;
use super::watch::{Ending, Output, Watch, settle};
use crate::model::{Aspect, BatchSpec, Mode, Model, Resolution, Scene, SeedChoice};
use crate::ops::setup;
use crate::store::import::{self, TextMode};
use crate::store::paths::Paths;
use crate::words::Said;

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Prompt file: .txt (a scene per line), .csv, .json or a spreadsheet (.xlsx, .ods).
    /// With --demo it may be left out: the built-in sample is used.
    #[arg(value_name = "PROMPTS", required_unless_present = "demo")]
    prompts: Option<PathBuf>,
    /// Output folder (default: [output] dir in the settings, or Videos/flowdeck; a demo's
    /// videos stay in its own folder).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Only these accounts, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "A,B")]
    accounts: Vec<String>,
    /// Model: veo-3.1-fast (the default; omni-flash in the demo), veo-3.1, veo-3.1-lite,
    /// omni-flash, veo-3-fast, or a provider's own id.
    #[arg(long, value_parser = super::words::<Model>)]
    model: Option<Model>,
    /// landscape (16:9) or portrait (9:16).
    #[arg(long, default_value = "landscape", value_parser = super::words::<Aspect>)]
    aspect: Aspect,
    /// Videos per scene.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=4))]
    copies: u8,
    /// Seconds per video (8 when absent). Which lengths a model offers differs: Flow's Veo
    /// makes 8; Omni Flash 3 to 10, or more where the key's model list says so.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=60))]
    duration: Option<u8>,
    /// 360p, 720p, 1080p or 4k (which ones depend on the model and the account).
    #[arg(long, value_parser = super::words::<Resolution>)]
    resolution: Option<Resolution>,
    /// A fixed seed (copy i gets seed + i); random when absent.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=2_147_483_647))]
    seed: Option<u32>,
    /// One video at a time, in order.
    #[arg(long)]
    sequential: bool,
    /// In .txt files, blank lines separate scenes (a scene may span lines).
    #[arg(long)]
    paragraphs: bool,
    /// Print one JSON event per line instead of progress bars.
    #[arg(long)]
    json: bool,
    /// Run against a built-in simulator with three demo accounts (no Google account needed).
    #[arg(long)]
    demo: bool,
    /// Do not run `flowdeck doctor`'s read-only checks first (accounts that fail them are
    /// otherwise left out).
    #[arg(long)]
    skip_doctor: bool,
    /// At most this many Flow credits for this batch: takes that would cross it wait, "held
    /// by budget", and nothing is sent for them (see `flowdeck budget`).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(0..))]
    max_credits: Option<i64>,
    /// At most this many US dollars on the APIs (Gemini, Vertex) for this batch.
    #[arg(long, value_name = "X", value_parser = super::budget::dollars)]
    max_dollars: Option<f64>,
}

#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// Print one JSON event per line instead of progress bars.
    #[arg(long)]
    json: bool,
}

pub(super) fn output(json: bool) -> Output {
    Output::choose(json)
}

pub async fn run(config: Option<PathBuf>, args: RunArgs) -> Result<i32, Exit> {
    let mode = if args.paragraphs {
        TextMode::Paragraphs
    } else {
        TextMode::Lines
    };
    if let Some(file) = &args.prompts {
        // A file that cannot be read is said before any demo starts.
        import::read_file(file, mode).map_err(|e| Exit::usage(e.said()))?;
    }
    let (mut ctx, demo_world) = if args.demo {
        let (ctx, world) = demo::context(config).await?;
        (ctx, Some(world))
    } else {
        (Context::load(config)?, None)
    };
    let prompts = match &args.prompts {
        Some(file) => file.clone(),
        None => demo::sample(&ctx.paths.data_dir)?,
    };
    let drafts = import::read_file(&prompts, mode).map_err(|e| Exit::usage(e.said()))?;
    // The demo's world holds its folder's lock already.
    let _lock = match &demo_world {
        Some(_) => None,
        None => Some(ctx.engine_lock("flowdeck run")?),
    };
    let ledger = ctx.ledger()?;
    let (lanes, problems) = super::lanes::prepare(&mut ctx, &ledger, &args.accounts).await?;
    for (a, e) in &problems {
        tell!(
            "flowdeck: {}",
            crate::t!(
                "cli-skipping-account",
                account = a,
                reason = crate::visible::one_line(&e.said()).into_owned()
            )
        );
    }
    let lanes = if args.skip_doctor {
        lanes
    } else {
        super::doctor::before_run(lanes, args.json).await?
    };
    let out_dir = out_dir(&args, &ctx);
    let scenes = scenes(&args, drafts);
    say_who_sits_out(&lanes, &scenes, args.json);
    let spec = spec(&args, &prompts, &ctx, &lanes, scenes, out_dir.clone());
    let (engine, mut events) = super::lanes::start(&ctx, ledger, lanes).await?;
    let batch = engine
        .submit(spec)
        .await
        .map_err(|e| Exit::usage(e.said()))?;
    let mut watch = Watch::new(output(args.json), HashSet::from([batch]));
    watch.holds = Some(crate::ops::holds::Holds::at(&ctx.paths.data_dir));
    watch.demo = args.demo;
    watch.out_dir = std::path::absolute(&out_dir).ok();
    let ending = watch.follow(&engine, &mut events).await;
    settle().await;
    let code = watch.summary(&ending, Some(&out_dir));
    if args.demo && !args.json {
        let folder = ctx.paths.data_dir.display().to_string();
        say!("{}", crate::t!("cli-demo-after", folder = folder));
    }
    if ending != Ending::Aborted {
        engine.shutdown();
    }
    Ok(code)
}

/// Where a run's videos go: `--out`, else a demo's own folder (emptied by the next demo), else
/// the settings' folder or the default.
fn out_dir(args: &RunArgs, ctx: &Context) -> PathBuf {
    match (&args.out, args.demo) {
        (Some(out), _) => out.clone(),
        (None, true) => ctx.paths.data_dir.join("videos"),
        (None, false) => ctx
            .settings
            .output
            .dir
            .clone()
            .unwrap_or_else(Paths::default_output),
    }
}

/// The file's scenes, each with the flags' choices where its row has none.
fn scenes(args: &RunArgs, drafts: Vec<import::SceneDraft>) -> Vec<Scene> {
    // The demo's Gemini account makes Omni Flash, as the Gemini API does today: the one model
    // all four demo accounts share.
    let fallback = if args.demo {
        Model::OmniFlash
    } else {
        Model::Veo31Fast
    };
    drafts
        .into_iter()
        .map(|d| Scene {
            prompt: d.prompt,
            name: d.name,
            model: d
                .model
                .or_else(|| args.model.clone())
                .unwrap_or_else(|| fallback.clone()),
            aspect: d.aspect.unwrap_or(args.aspect),
            copies: d.copies.unwrap_or(args.copies),
            seed: d
                .seed
                .or(args.seed)
                .map_or(SeedChoice::Random, SeedChoice::Fixed),
            duration: d.duration.or(args.duration),
            resolution: d.resolution.or(args.resolution),
            source: None,
            inputs: d.inputs,
            continues: d.continues,
        })
        .collect()
}

/// Each account that can make none of the batch's videos, named with why (and what it could
/// make) before anything is dealt.
fn say_who_sits_out(lanes: &[crate::engine::LaneSpec], scenes: &[Scene], json: bool) {
    let shots: Vec<crate::model::Shot> = scenes.iter().map(Scene::shot).collect();
    for lane in lanes {
        if let Some(out) = crate::ops::fit::sits_out(&lane.client, &shots) {
            let instead = out.instead.map_or_else(String::new, |m| {
                crate::t!("cli-sits-out-instead", model = m.name())
            });
            let line = crate::t!(
                "cli-sits-out",
                account = lane.name.as_str(),
                why = crate::visible::one_line(&out.why.said()).into_owned(),
                instead = instead
            );
            if json {
                tell!("flowdeck: {line}");
            } else {
                say!("{line}");
            }
        }
    }
}

/// The batch: named after the file and the time, for the accounts asked for that are still in
/// (doctor may have left some out).
fn spec(
    args: &RunArgs,
    prompts: &std::path::Path,
    ctx: &Context,
    lanes: &[crate::engine::LaneSpec],
    scenes: Vec<Scene>,
    out_dir: PathBuf,
) -> BatchSpec {
    let stem = prompts
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "batch".into());
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year]-[month]-[day]_[hour][minute][second]"
        ))
        .unwrap_or_default();
    BatchSpec {
        label: format!("{stem}_{stamp}"),
        scenes,
        out_dir,
        template: ctx.settings.output.template.clone(),
        // The accounts asked for that are still in (doctor may have left some out).
        accounts: args
            .accounts
            .iter()
            .filter(|a| lanes.iter().any(|l| &l.name == *a))
            .cloned()
            .collect(),
        mode: if args.sequential {
            Mode::Sequential
        } else {
            Mode::Parallel
        },
        caps: crate::model::Caps {
            credits: args.max_credits,
            usd: args.max_dollars,
        },
    }
}

pub async fn resume(config: Option<PathBuf>, args: ResumeArgs) -> Result<i32, Exit> {
    let mut ctx = Context::load(config)?;
    let _lock = ctx.engine_lock("flowdeck resume")?;
    let ledger = ctx.ledger()?;
    let fail = |e: crate::store::ledger::LedgerError| Exit::failed(e.said());
    let lookable = setup::lookable_uncertain(&ledger, &ctx.settings)
        .await
        .map_err(fail)?;
    if ledger.unfinished().await.map_err(fail)?.is_empty() && lookable == 0 {
        say!("{}", crate::t!("cli-nothing-to-resume"));
        return Ok(0);
    }
    let (lanes, problems) = super::lanes::prepare(&mut ctx, &ledger, &[]).await?;
    for (a, e) in &problems {
        tell!(
            "flowdeck: {}",
            crate::t!(
                "cli-account-unusable",
                account = a,
                reason = crate::visible::one_line(&e.said()).into_owned()
            )
        );
    }
    let (engine, mut events) = super::lanes::start(&ctx, ledger, lanes).await?;
    let batches = engine.resume().await.map_err(|e| Exit::failed(e.said()))?;
    let mut watch = Watch::new(output(args.json), batches.iter().copied().collect());
    watch.holds = Some(crate::ops::holds::Holds::at(&ctx.paths.data_dir));
    let ending = watch.follow(&engine, &mut events).await;
    settle().await;
    let code = watch.summary(&ending, None);
    engine.shutdown();
    Ok(code)
}

#[derive(Debug, Args)]
pub struct RetryArgs {
    /// Takes to retry, by id (see `flowdeck status --batch N`).
    takes: Vec<i64>,
    /// Retry every failed take of this batch.
    #[arg(long)]
    batch: Option<i64>,
    /// Print one JSON event per line instead of progress bars.
    #[arg(long)]
    json: bool,
    /// Send takes the service refused for its policy again without asking (each costs again).
    #[arg(long)]
    yes: bool,
}

/// `flowdeck retry`: a failed download is fetched again; anything else is sent again, which
/// costs credits again, so it happens only here, on request.
pub async fn retry(config: Option<PathBuf>, args: RetryArgs) -> Result<i32, Exit> {
    let mut ctx = Context::load(config)?;
    let _lock = ctx.engine_lock("flowdeck retry")?;
    let ledger = ctx.ledger()?;
    let fail = |e: crate::store::ledger::LedgerError| Exit::failed(e.said());
    let mut ids = args.takes.clone();
    if let Some(batch) = args.batch {
        let takes = ledger.current_takes(batch).await.map_err(fail)?;
        if takes.is_empty() {
            return Err(Exit::usage(crate::t!("no-such-batch", batch = batch)));
        }
        ids.extend(
            takes
                .iter()
                .filter(|t| t.state == crate::model::TakeState::Failed)
                .map(|t| t.id),
        );
    }
    if ids.is_empty() {
        return Err(Exit::usage(crate::t!("cli-retry-what")));
    }
    let mut batches = HashSet::new();
    let mut refused = Vec::new();
    let mut owners = Vec::new();
    for id in &ids {
        let take = ledger.take(*id).await.map_err(fail)?.ok_or_else(|| {
            let id = *id;
            Exit::usage(crate::t!("no-such-take", take = id))
        })?;
        if take.state == crate::model::TakeState::Failed
            && take.error_class.as_deref() == Some("policy")
        {
            refused.push(take.clone());
        }
        if take.state == crate::model::TakeState::Uncertain {
            let account = take
                .account
                .clone()
                .unwrap_or_else(|| crate::t!("cli-its-account"));
            tell!(
                "flowdeck: {}",
                crate::t!("cli-retry-uncertain", take = take.id, account = account)
            );
        }
        owners.push(take.account.clone());
        batches.insert(take.batch);
    }
    // Only the browsers of the takes' accounts are waited for (a take never dealt may go to
    // any account).
    let owners: Option<Vec<String>> = owners.into_iter().collect();
    let (lanes, problems) =
        super::lanes::prepare_waiting(&mut ctx, &ledger, &[], owners.as_deref()).await?;
    for (a, e) in &problems {
        tell!(
            "flowdeck: {}",
            crate::t!(
                "cli-account-unusable",
                account = a,
                reason = crate::visible::one_line(&e.said()).into_owned()
            )
        );
    }
    if !refused.is_empty() && !args.yes {
        super::confirm::spend_again(&refused, &lanes)?;
    }
    let (engine, mut events) = super::lanes::start(&ctx, ledger, lanes).await?;
    batches.extend(engine.resume().await.map_err(|e| Exit::failed(e.said()))?);
    for id in ids {
        engine
            .retry(id)
            .await
            .map_err(|e| Exit::usage(crate::t!("cli-take-error", take = id, error = e.said())))?;
    }
    let mut watch = Watch::new(output(args.json), batches);
    watch.holds = Some(crate::ops::holds::Holds::at(&ctx.paths.data_dir));
    let ending = watch.follow(&engine, &mut events).await;
    settle().await;
    let code = watch.summary(&ending, None);
    engine.shutdown();
    Ok(code)
}
