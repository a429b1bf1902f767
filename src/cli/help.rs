//! `--help` in the user's language. Clap reads the doc comments (English, kept for the code's
//! readers); every one is then replaced by the `help-…` message of the language spoken, so the
//! words a user reads come from the language files like every other.

use clap::Command;

/// The message key of a command's description: `help-about` for flowdeck itself,
/// `help-cmd-accounts-add` for `flowdeck accounts add`.
fn about_key(path: &[&str]) -> String {
    match path {
        [] => "help-about".into(),
        // Clap's `help` command, under flowdeck or any command with commands: one text.
        [.., "help"] => "help-cmd-help".into(),
        _ => format!("help-cmd-{}", path.join("-")),
    }
}

/// The message key of an argument: `help-arg-<id>` for flowdeck's own and global flags (the
/// same words under every command), `help-<command path>-<id>` for a command's.
fn arg_key(path: &[&str], arg: &clap::Arg) -> String {
    let id = arg.get_id().as_str().replace('_', "-");
    if path.last() == Some(&"help") {
        format!("help-help-{id}")
    } else if path.is_empty() || arg.is_global_set() || matches!(id.as_str(), "help" | "version") {
        format!("help-arg-{id}")
    } else {
        format!("help-{}-{id}", path.join("-"))
    }
}

/// Every key the built command tree `cmd` reads (the built-in `help` command's own copies of
/// the others left out: it names them only).
pub fn keys(cmd: &mut Command) -> Vec<String> {
    cmd.build();
    let mut out = Vec::new();
    walk(cmd, &mut Vec::new(), &mut |path, cmd| {
        out.push(about_key(path));
        out.extend(cmd.get_arguments().map(|a| arg_key(path, a)));
    });
    out.sort();
    out.dedup();
    out
}

fn walk<'a>(cmd: &'a Command, path: &mut Vec<&'a str>, f: &mut impl FnMut(&[&str], &Command)) {
    f(path, cmd);
    if path.last() == Some(&"help") {
        return;
    }
    for sub in cmd.get_subcommands() {
        path.push(sub.get_name());
        walk(sub, path, f);
        path.pop();
    }
}

/// `cmd` (built here) with every description and argument help in the language spoken.
pub fn translate(mut cmd: Command) -> Command {
    cmd.build();
    translate_at(cmd, &mut Vec::new())
}

fn translate_at(cmd: Command, path: &mut Vec<String>) -> Command {
    let here: Vec<&str> = path.iter().map(String::as_str).collect();
    let about = words(&about_key(&here));
    let keys: Vec<(clap::Id, String)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().clone(), arg_key(&here, a)))
        .collect();
    let mut cmd = match about {
        Some(about) => cmd.about(about).long_about(None),
        None => cmd,
    };
    for (id, key) in keys {
        let help = words(&key);
        cmd = cmd.mut_arg(id, |a| {
            // Clap's own headings, in the language too (a heading set in the code stays).
            let heading = match a.get_help_heading() {
                Some(_) => None,
                None if a.is_positional() => Some(heading("help-heading-arguments")),
                None => Some(heading("help-heading-options")),
            };
            let a = match heading {
                Some(h) => a.help_heading(h),
                None => a,
            };
            match help {
                Some(help) => a.help(help).long_help(None),
                None => a,
            }
        });
    }
    // Clap's default layout, with its "Usage:" said in the language.
    let usage = crate::t!("help-usage");
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(heading("help-heading-commands"));
    if path.last().is_some_and(|p| p == "help") {
        return cmd;
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        path.push(name.clone());
        cmd = cmd.mut_subcommand(name, |sub| translate_at(sub, path));
        path.pop();
    }
    cmd
}

/// A heading in the language spoken: clap keeps headings as `&'static str`, so each of the
/// three is made once per run (the language is settled before `--help` is built).
fn heading(key: &'static str) -> &'static str {
    static MADE: std::sync::Mutex<Vec<(&'static str, &'static str)>> =
        std::sync::Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, h)) = made.iter().find(|(k, _)| *k == key) {
        return h;
    }
    let h: &'static str = words(key).unwrap_or_else(|| key.to_string()).leak();
    made.push((key, h));
    h
}

/// The message for `key` in the language spoken, if the files have one.
fn words(key: &str) -> Option<String> {
    let loader = &*crate::i18n::LOADER;
    loader.has(key).then(|| loader.get(key))
}
