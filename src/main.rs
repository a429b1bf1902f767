use clap::{CommandFactory, FromArgMatches};

fn main() {
    // The language before anything is said, so `--help` and clap's own errors speak it too.
    flowdeck::cli::early_language(&std::env::args_os().collect::<Vec<_>>());
    // `--help` names this machine's real folders, as they are resolved right now.
    let places = flowdeck::cli::where_things_live();
    let command = flowdeck::cli::help::translate(flowdeck::cli::Cli::command())
        .after_help(places.clone())
        .mut_subcommands(|c| c.after_help(places.clone()));
    let matches = command.clone().try_get_matches().unwrap_or_else(|e| {
        match flowdeck::cli::help::error_in_words(&e, &command) {
            Some(text) => {
                eprint!("{}", flowdeck::visible::lines(&text));
                std::process::exit(e.exit_code());
            }
            None => e.exit(),
        }
    });
    let cli = match flowdeck::cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // SAFETY: no other thread exists yet (the runtime and the window start below).
    unsafe { flowdeck::cli::keep_env_secrets(cli.config.clone()) };
    let level = match cli.verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let logs = flowdeck::store::paths::Paths::resolve(cli.config.clone())
        .ok()
        .map(|p| p.log_dir);
    flowdeck::logs::init(level, logs.as_deref());
    // `--lang` / FLOWDECK_LANG: pinned by `early_language` already; a wrong one is said here,
    // once clap has merged the variable into the flag.
    let lang = match cli
        .lang
        .as_deref()
        .map(|l| flowdeck::i18n::choose(Some(l), None, None))
    {
        Some(Ok(l)) => Some(l),
        Some(Err(e)) => {
            eprintln!("flowdeck: {}", flowdeck::visible::one_line(&e));
            std::process::exit(2);
        }
        None => None,
    };
    // No command: the window, which brings its own async runtime.
    if cli.command.is_none() {
        #[cfg(windows)]
        flowdeck::platform::leave_own_console();
        let code = flowdeck::ui::run(flowdeck::ui::Options {
            demo: cli.demo,
            config: cli.config,
            theme: cli.theme,
            language: lang,
        });
        std::process::exit(code);
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("flowdeck: cannot start the async runtime: {e}");
            std::process::exit(1);
        }
    };
    let code = runtime.block_on(flowdeck::cli::run(cli));
    std::process::exit(code);
}
