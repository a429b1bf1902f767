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

/// Clap's own headings in the language spoken. Clap keeps headings as `&'static str`: they are
/// made once per run, in `translate`.
#[derive(Clone, Copy)]
struct Headings {
    arguments: &'static str,
    options: &'static str,
    commands: &'static str,
}

/// `cmd` (built here) with every description and argument help in the language spoken.
pub fn translate(mut cmd: Command) -> Command {
    cmd.build();
    let headings = Headings {
        arguments: crate::t!("help-heading-arguments").leak(),
        options: crate::t!("help-heading-options").leak(),
        commands: crate::t!("help-heading-commands").leak(),
    };
    translate_at(cmd, &mut Vec::new(), headings)
}

fn translate_at(cmd: Command, path: &mut Vec<String>, headings: Headings) -> Command {
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
    for (order, (id, key)) in keys.into_iter().enumerate() {
        let help = words(&key);
        cmd = cmd.mut_arg(id, |a| {
            // Arguments in the order they are typed (a heading set here would sort them by
            // name).
            let a = if a.is_positional() {
                a.display_order(order)
            } else {
                a
            };
            // Clap's own headings, in the language too (a heading set in the code stays).
            let heading = match a.get_help_heading() {
                Some(_) => None,
                None if a.is_positional() => Some(headings.arguments),
                None => Some(headings.options),
            };
            let a = match heading {
                Some(h) => a.help_heading(h),
                None => a,
            };
            // Clap's bracketed notes ("[default: …]", "[possible values: …]", "[env: …]"),
            // said in the language and added to the help text instead.
            let notes = notes(&a);
            let help = match (help, notes.is_empty()) {
                (Some(help), true) => Some(help),
                (Some(help), false) => Some(format!("{help} {notes}")),
                (None, _) => None,
            };
            let a = a
                .hide_default_value(true)
                .hide_possible_values(true)
                .hide_env(true);
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
        .subcommand_help_heading(headings.commands);
    if path.last().is_some_and(|p| p == "help") {
        return cmd;
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        path.push(name.clone());
        cmd = cmd.mut_subcommand(name, |sub| translate_at(sub, path, headings));
        path.pop();
    }
    cmd
}

/// An argument's default, possible values and environment variable, in brackets.
fn notes(a: &clap::Arg) -> String {
    let mut out = Vec::new();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty()
        && !a.is_hide_default_value_set()
        && a.get_num_args().is_none_or(|n| n.takes_values())
    {
        let value = defaults.join(", ");
        out.push(format!("[{}]", crate::t!("help-default", value = value)));
    }
    let possible: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| p.get_name().to_string())
        .collect();
    if !possible.is_empty() && !a.is_hide_possible_values_set() && a.get_action().takes_values() {
        let values = possible.join(", ");
        out.push(format!("[{}]", crate::t!("help-possible", values = values)));
    }
    if let Some(var) = a.get_env().filter(|_| !a.is_hide_env_set()) {
        let var = var.to_string_lossy().into_owned();
        out.push(format!("[{}]", crate::t!("help-env", var = var)));
    }
    out.join(" ")
}

/// A usage error (unknown flag, bad value…) in the language spoken, as clap lays it out; `None`
/// for what is not an error (`--help`, `--version`) or a kind not put into words here, which
/// clap then says itself.
pub fn error_in_words(e: &clap::Error, cmd: &Command) -> Option<String> {
    use clap::error::{ContextKind as C, ErrorKind as K};
    let get = |kind: C| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let (arg, value) = (get(C::InvalidArg), get(C::InvalidValue));
    let text = match e.kind() {
        K::UnknownArgument => crate::t!("clap-unknown-argument", arg = arg),
        K::InvalidSubcommand => {
            crate::t!("clap-unknown-command", command = get(C::InvalidSubcommand))
        }
        K::InvalidValue => crate::t!(
            "clap-invalid-value",
            value = value,
            arg = arg,
            valid = get(C::ValidValue)
        ),
        K::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            crate::t!("clap-bad-value", value = value, arg = arg, why = why)
        }
        K::MissingRequiredArgument => crate::t!("clap-missing", args = arg),
        K::MissingSubcommand => crate::t!("clap-missing-command"),
        K::ArgumentConflict => crate::t!("clap-conflict", arg = arg, other = get(C::PriorArg)),
        K::TooManyValues | K::TooFewValues | K::WrongNumberOfValues => {
            crate::t!("clap-values", arg = arg)
        }
        K::NoEquals => crate::t!("clap-no-equals", arg = arg),
        _ => return None,
    };
    // Each suggestion quoted on its own: "'resume', 'run'".
    let quoted = |kind: C| match e.get(kind) {
        Some(clap::error::ContextValue::Strings(v)) => v.join("', '"),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    let suggestion = [C::SuggestedArg, C::SuggestedSubcommand, C::SuggestedValue]
        .into_iter()
        .map(quoted)
        .find(|s| !s.is_empty())
        .map(|s| format!("\n\n  {}", crate::t!("clap-did-you-mean", suggestion = s)))
        .unwrap_or_default();
    // Clap's usage line starts with its own "Usage:"; an error from a value's own parser
    // (`--copies 0`) comes without one, and the command typed gives it.
    let usage = match get(C::Usage) {
        u if u.trim().is_empty() => usage_typed(cmd),
        u => u,
    };
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim();
    Some(format!(
        "{} {text}{suggestion}\n\n{} {usage}\n\n{}\n",
        crate::t!("clap-error"),
        crate::t!("help-usage"),
        crate::t!("clap-more")
    ))
}

/// The usage of the (sub)command the arguments of this process name.
fn usage_typed(cmd: &Command) -> String {
    let mut here = cmd.clone();
    for arg in std::env::args_os().skip(1) {
        let Some(sub) = arg.to_str().and_then(|a| here.find_subcommand(a)).cloned() else {
            continue;
        };
        here = sub;
    }
    here.render_usage().to_string()
}

/// The message for `key` in the language spoken, if the files have one.
fn words(key: &str) -> Option<String> {
    let loader = &*crate::i18n::LOADER;
    loader.has(key).then(|| loader.get(key))
}
