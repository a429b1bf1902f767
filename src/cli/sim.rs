//! `flowdeck sim`: the simulator on its own, for trying flowdeck or another client against it.

use std::time::Duration;

use clap::Args;

use crate::provider::flow::WireGeneration;
use crate::sim::{Faults, RunningSim, SimConfig};

#[derive(Debug, Args)]
pub struct SimArgs {
    /// Port for the Flow routes (labs.google and aisandbox on one port).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// Port for the signed-URL CDN (0 = any free port).
    #[arg(long, default_value_t = 0)]
    cdn_port: u16,
    /// Number of accounts.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=1000))]
    accounts: u16,
    /// Gemini API accounts (API keys) next to the Flow ones.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=1000))]
    gemini_accounts: u16,
    /// Wire generation: current (2026) or legacy (2025).
    #[arg(long, default_value = "current")]
    generation: WireGeneration,
    /// Seconds from create to a finished video.
    #[arg(long, default_value_t = 6.0)]
    generation_secs: f64,
    /// Seconds an access token works.
    #[arg(long, default_value_t = 3600.0)]
    token_ttl_secs: f64,
    /// Credits per account.
    #[arg(long, default_value_t = 10_000)]
    credits: i64,
    /// Paygate tier of every account.
    #[arg(long, default_value = "PAYGATE_TIER_ONE")]
    tier: String,
    /// Refuse creates without a fresh reCAPTCHA token.
    #[arg(long)]
    captcha: bool,
    /// Size of every video in bytes (default: a small real clip).
    #[arg(long)]
    video_bytes: Option<u64>,
    /// Rate of status calls answered with 5xx (0–1).
    #[arg(long, default_value_t = 0.0)]
    poll_5xx: f64,
    /// Rate of create calls answered with 429 + Retry-After (0–1).
    #[arg(long, default_value_t = 0.0)]
    create_429: f64,
    /// Rate of downloads cut part-way (0–1).
    #[arg(long, default_value_t = 0.0)]
    cut_downloads: f64,
    /// Rate of slow answers (0–1), each delayed by --slow-ms.
    #[arg(long, default_value_t = 0.0)]
    slow: f64,
    #[arg(long, default_value_t = 1000)]
    slow_ms: u64,
    /// Seed for the fault dice.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

fn secs(value: f64, what: &str) -> Result<Duration, String> {
    Duration::try_from_secs_f64(value)
        .map_err(|_| format!("{what} must be a positive number of seconds"))
}

fn rate(value: f64, what: &str) -> Result<f64, String> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{what} is a rate between 0 and 1, not {value}"))
    }
}

impl SimArgs {
    fn config(&self) -> Result<SimConfig, String> {
        Ok(SimConfig {
            port: self.port,
            cdn_port: self.cdn_port,
            accounts: (1..=self.accounts).map(|i| format!("acc{i}")).collect(),
            gemini_accounts: (1..=self.gemini_accounts)
                .map(|i| format!("gem{i}"))
                .collect(),
            generation: self.generation,
            generation_time: secs(self.generation_secs, "--generation-secs")?,
            token_ttl: secs(self.token_ttl_secs, "--token-ttl-secs")?,
            credits: self.credits,
            tier: self.tier.clone(),
            require_captcha: self.captcha,
            video_bytes: self.video_bytes,
            faults: Faults {
                poll_5xx: rate(self.poll_5xx, "--poll-5xx")?,
                create_429: rate(self.create_429, "--create-429")?,
                retry_after_secs: 2,
                cut_download: rate(self.cut_downloads, "--cut-downloads")?,
                slow: rate(self.slow, "--slow")?,
                slow_ms: self.slow_ms,
            },
            seed: self.seed,
            ..SimConfig::default()
        })
    }
}

pub async fn run(args: SimArgs) -> i32 {
    let config = match args.config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("flowdeck sim: {e}");
            return 2;
        }
    };
    let sim = match RunningSim::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("flowdeck sim: cannot listen on port {}: {e}", args.port);
            return 1;
        }
    };
    say!(
        "flowdeck simulator of Google Labs Flow, {} wire shapes",
        args.generation
    );
    say!();
    say!("  [flow]");
    say!("  labs_url = \"{}\"", sim.labs_url());
    say!("  api_url = \"{}\"", sim.api_url());
    say!();
    say!("  [gemini]");
    say!("  api_url = \"{}\"", sim.api_url());
    say!();
    say!("  signed-URL CDN: {}", sim.cdn_url());
    say!("  report:         {}/sim/report", sim.api_url());
    say!();
    say!("accounts (provider, session cookie or API key, Flow project id):");
    for a in sim.accounts() {
        // These are the simulator's own made-up secrets, printed so they can be pasted.
        let project = if a.provider == "flow" {
            a.project_id.as_str()
        } else {
            ""
        };
        say!(
            "  {:<6} {:<6} {}  {}",
            a.name,
            a.provider,
            a.secret.expose(),
            project
        );
    }
    say!();
    say!("Ctrl-C stops it.");
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("flowdeck sim: cannot wait for Ctrl-C: {e}");
        return 1;
    }
    0
}
