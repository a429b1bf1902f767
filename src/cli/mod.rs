//! The command line: argument definitions and dispatch. Each command lives in its own file.

/// `println!` that ignores a closed standard output (`flowdeck status | head` must not panic)
/// and shows any control character in what it prints rather than obeying it (prompts and
/// service text can carry terminal escapes).
macro_rules! say {
    () => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout());
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = writeln!(std::io::stdout(), "{}", $crate::visible::lines(&text));
    }};
}

/// `eprintln!` with the same guard as [`say!`].
macro_rules! tell {
    ($($arg:tt)*) => {{
        let text = format!($($arg)*);
        eprintln!("{}", $crate::visible::lines(&text));
    }};
}

mod accounts;
mod bridge;
mod budget;
mod confirm;
pub(crate) mod context;
mod demo;
mod doctor;
mod export;
pub mod help;
mod json;
pub(crate) mod lanes;
mod report;
mod revise;
mod run;
mod sim;
mod status;
mod table;
mod upscale;
mod watch;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use context::Exit;

/// This flowdeck's version and the commit it was built from (`flowdeck --version`).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("FLOWDECK_COMMIT"),
    ")"
);

/// flowdeck: scene prompts in, videos out (Flow's Veo, Gemini Omni), over several accounts at once.
#[derive(Debug, Parser)]
#[command(name = "flowdeck", version = VERSION, about, long_about = None)]
pub struct Cli {
    /// Settings file (default: the platform's config folder, or FLOWDECK_CONFIG).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Log more on standard error: -v info, -vv debug.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Open the window against a built-in simulator with three demo accounts.
    #[arg(long)]
    pub demo: bool,
    /// The window's theme for this run: system, light or dark.
    #[arg(long, value_name = "THEME", value_parser = words::<crate::store::config::ThemeChoice>)]
    pub theme: Option<crate::store::config::ThemeChoice>,
    /// The language of the window and of this output: en or vi (default: the setting, else
    /// the system's).
    #[arg(long, global = true, env = "FLOWDECK_LANG", value_name = "LANG")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate videos for every scene in a prompt file.
    Run(run::RunArgs),
    /// Continue unfinished batches from the ledger.
    Resume(run::ResumeArgs),
    /// Retry takes: fetch a failed download again, or send a failed take again (this costs
    /// credits again, so it happens only when asked).
    Retry(run::RetryArgs),
    /// List batches and their takes from the ledger.
    Status(status::StatusArgs),
    /// Write a batch's results (prompt, state, reason, file, account, seed, remote ids) as CSV.
    Export(export::ExportArgs),
    /// Revise a finished Gemini Omni video with a new instruction (a new video on the same
    /// account; it costs credits like any other).
    Revise(revise::ReviseArgs),
    /// Upscale a finished Flow video to 1080p or 4K (a new video on the same account, next to
    /// the original; 4K costs 50 credits).
    Upscale(upscale::UpscaleArgs),
    /// Check, without spending anything, that each account still works the way flowdeck
    /// expects (read-only calls; one verdict per account).
    Doctor(doctor::DoctorArgs),
    /// Write one file to attach to a bug report: the answers flowdeck could not read (kept
    /// redacted in the data folder), its version, the system and the kinds of account in use.
    /// Nothing is sent anywhere.
    Report(report::ReportArgs),
    /// Add, list, rename, remove or check accounts.
    #[command(subcommand)]
    Accounts(accounts::AccountsCmd),
    /// The browser bridge: pair a Flow account's browser profile.
    #[command(subcommand)]
    Bridge(bridge::BridgeCmd),
    /// Spending caps and today's spending; `flowdeck budget raise` changes the caps.
    Budget(budget::BudgetArgs),
    /// Run a local simulator of Flow and the Gemini API, and print its accounts.
    Sim(sim::SimArgs),
    /// Serve the Model Context Protocol on standard input and output, so an AI assistant can
    /// price, run and follow batches (its client starts `flowdeck mcp`; see the README).
    Mcp,
}

/// Speaks, from the first word, the language this run will: `--lang` (or FLOWDECK_LANG) when
/// it names one flowdeck speaks (a wrong one is reported once the arguments are parsed), else
/// the settings file's, else the system's.
/// Parses a value the way the settings and prompt files do, its error said in the user's
/// language (clap shows it).
pub fn words<T: std::str::FromStr<Err = crate::message::Message>>(s: &str) -> Result<T, String> {
    s.parse()
        .map_err(|m: crate::message::Message| crate::i18n::say(&m))
}

pub fn early_language(args: &[std::ffi::OsString]) {
    let value = |flag: &str| -> Option<String> {
        let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into()).collect();
        args.iter().enumerate().find_map(|(i, a)| {
            a.strip_prefix(&format!("{flag}="))
                .map(str::to_string)
                .or_else(|| (a == flag).then(|| args.get(i + 1).cloned()).flatten())
        })
    };
    let asked = value("--lang").or_else(|| std::env::var("FLOWDECK_LANG").ok());
    if let Some(l) = asked.as_deref().and_then(crate::i18n::Language::parse) {
        crate::i18n::pin(l);
        return;
    }
    let config = value("--config").map(PathBuf::from).or_else(|| {
        std::env::var_os("FLOWDECK_CONFIG")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    let setting = crate::store::paths::Paths::resolve(config)
        .ok()
        .and_then(|p| crate::store::config::Settings::load(&p.config_file).ok())
        .and_then(|s| {
            crate::i18n::of_setting(s.ui.language.as_ref())
                .ok()
                .flatten()
        });
    crate::i18n::settle(setting);
}

/// Moves the secrets the settings keep in variables (`secret_env`) out of the environment and
/// into memory, so that no program started later inherits them, whoever starts it. Settings
/// that cannot be read are left to the command to report.
///
/// # Safety
///
/// No other thread may exist yet: call it first thing in `main`.
pub unsafe fn keep_env_secrets(config: Option<PathBuf>) {
    let Ok(paths) = crate::store::paths::Paths::resolve(config) else {
        return;
    };
    let Ok(settings) = crate::store::config::Settings::load(&paths.config_file) else {
        return;
    };
    let vars: Vec<String> = settings
        .accounts
        .iter()
        .filter_map(|a| a.secret_env.clone())
        .collect();
    // SAFETY: passed on from the caller.
    unsafe { crate::secret::move_env_into_memory(&vars) };
}

/// The folders flowdeck uses on this machine, for `--help`.
pub fn where_things_live() -> String {
    let config = std::env::var_os("FLOWDECK_CONFIG")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    match crate::store::paths::Paths::resolve(config) {
        Ok(p) => {
            let settings = p.config_file.display().to_string();
            let data = p.data_dir.display().to_string();
            let videos = crate::store::paths::Paths::default_output()
                .display()
                .to_string();
            let extension = crate::platform::extension_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_else(|| crate::t!("cli-extension-not-found"));
            crate::t!(
                "cli-where-things-live",
                settings = settings,
                data = data,
                videos = videos,
                extension = extension
            )
        }
        Err(e) => crate::t!(
            "cli-where-things-live-unknown",
            error = crate::i18n::say(&e)
        ),
    }
}

/// Runs the parsed command; returns the process exit code (0 all done, 1 some failed,
/// 2 usage or configuration error).
pub async fn run(cli: Cli) -> i32 {
    let config = cli.config;
    let result = match cli.command {
        Some(Command::Run(args)) => run::run(config, args).await,
        Some(Command::Resume(args)) => run::resume(config, args).await,
        Some(Command::Retry(args)) => run::retry(config, args).await,
        Some(Command::Revise(args)) => revise::run(config, args).await,
        Some(Command::Upscale(args)) => upscale::run(config, args).await,
        Some(Command::Status(args)) => status::run(config, args).await,
        Some(Command::Export(args)) => export::run(config, args).await,
        Some(Command::Doctor(args)) => doctor::run(config, args).await,
        Some(Command::Report(args)) => report::run(config, args).await,
        Some(Command::Accounts(cmd)) => accounts::run(config, cmd).await,
        Some(Command::Bridge(cmd)) => bridge::run(config, cmd).await,
        Some(Command::Budget(args)) => budget::run(config, args).await,
        Some(Command::Sim(args)) => Ok(sim::run(args).await),
        Some(Command::Mcp) => crate::mcp::serve(config).await,
        None => Err(Exit::usage(crate::t!("cli-no-command"))),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            tell!("flowdeck: {}", e.message);
            e.code
        }
    }
}
