//! `flowdeck sim`: the simulator on its own, for trying flowdeck or another client against it.

use std::time::Duration;

use clap::Args;

use crate::sim::{Faults, RunningSim, SimConfig};

#[derive(Debug, Args)]
pub struct SimArgs {
    /// Port of the Flow-like origin and the Gemini API's routes.
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
    /// Seconds from create to a finished video.
    #[arg(long, default_value_t = 6.0)]
    generation_secs: f64,
    /// Credits per account.
    #[arg(long, default_value_t = 10_000)]
    credits: i64,
    /// Flow plan of every account: 1 free, 2 Pro, 3 Ultra.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=3))]
    plan: u8,
    /// Size of every video in bytes (default: a small real clip).
    #[arg(long)]
    video_bytes: Option<u64>,
    /// Rate of status calls answered with 5xx (0–1).
    #[arg(long, default_value_t = 0.0)]
    poll_5xx: f64,
    /// Rate of create calls refused as throttled (0–1).
    #[arg(long, default_value_t = 0.0)]
    create_429: f64,
    /// Rate of Flow creates whose reCAPTCHA token is refused as unusual activity (0–1).
    #[arg(long, default_value_t = 0.0)]
    refuse_token: f64,
    /// Rate of Flow creates that are made but whose answer is lost (0–1).
    #[arg(long, default_value_t = 0.0)]
    lost_answer: f64,
    /// Rate of Gemini and Vertex creates that are made but answered with a 503 (0–1).
    #[arg(long, default_value_t = 0.0)]
    create_5xx: f64,
    /// Rate of downloads cut part-way (0–1).
    #[arg(long, default_value_t = 0.0)]
    cut_downloads: f64,
    /// Rate of whole downloads that stop half-way with no length and no error (0–1).
    #[arg(long, default_value_t = 0.0)]
    quiet_cuts: f64,
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
    Duration::try_from_secs_f64(value).map_err(|_| crate::t!("sim-seconds", flag = what))
}

fn rate(value: f64, what: &str) -> Result<f64, String> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(crate::t!(
            "sim-rate",
            flag = what,
            value = value.to_string()
        ))
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
            generation_time: secs(self.generation_secs, "--generation-secs")?,
            credits: self.credits,
            plan: self.plan,
            video_bytes: self.video_bytes,
            faults: Faults {
                poll_5xx: rate(self.poll_5xx, "--poll-5xx")?,
                create_429: rate(self.create_429, "--create-429")?,
                retry_after_secs: 2,
                cut_download: rate(self.cut_downloads, "--cut-downloads")?,
                quiet_cut: rate(self.quiet_cuts, "--quiet-cuts")?,
                slow: rate(self.slow, "--slow")?,
                slow_ms: self.slow_ms,
                refuse_token: rate(self.refuse_token, "--refuse-token")?,
                lost_answer: rate(self.lost_answer, "--lost-answer")?,
                create_5xx: rate(self.create_5xx, "--create-5xx")?,
                ..Faults::default()
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
            tell!("flowdeck sim: {e}");
            return 2;
        }
    };
    let sim = match RunningSim::start(config).await {
        Ok(s) => s,
        Err(e) => {
            tell!(
                "flowdeck sim: {}",
                crate::t!("sim-cannot-listen", port = args.port, error = e.to_string())
            );
            return 1;
        }
    };
    say!("{}", crate::t!("sim-title"));
    say!();
    say!("  [flow]");
    say!("  origin = \"{}\"", sim.flow_origin());
    say!();
    say!("  [gemini]");
    say!("  api_url = \"{}\"", sim.api_url());
    say!();
    say!("  {}", crate::t!("sim-cdn", url = sim.cdn_url()));
    say!(
        "  {}",
        crate::t!("sim-report", url = format!("{}/sim/report", sim.api_url()))
    );
    say!();
    say!("{}", crate::t!("sim-flow-accounts"));
    for a in sim.accounts().iter().filter(|a| a.provider == "flow") {
        say!(
            "  {:<8} {}/sim/signin/{}",
            a.name,
            sim.flow_origin(),
            a.name
        );
    }
    let gemini: Vec<_> = sim
        .accounts()
        .iter()
        .filter(|a| a.provider == "gemini")
        .collect();
    if !gemini.is_empty() {
        say!();
        say!("{}", crate::t!("sim-gemini-accounts"));
        for a in gemini {
            say!("  {:<8} {}", a.name, a.secret.expose());
        }
    }
    say!();
    say!("{}", crate::t!("sim-ctrl-c"));
    if let Err(e) = tokio::signal::ctrl_c().await {
        tell!(
            "flowdeck sim: {}",
            crate::t!("sim-no-ctrl-c", error = e.to_string())
        );
        return 1;
    }
    0
}
