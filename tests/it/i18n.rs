//! The languages stay in step: every key in one file is in the other with the same arguments
//! and attributes, every key is used by the code, and the window's code writes no words of its
//! own outside the language files (`t!` keys are checked against English when compiling).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use flowdeck::i18n::{self, Language};
use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, Pattern, PatternElement};

/// Each message's arguments and attributes, by key.
type Shape = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

fn variables_in(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let PatternElement::Placeable { expression } = e {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                variables_in(&v.value, out);
            }
        }
        Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

fn shape(language: Language, text: &str) -> Shape {
    let resource: ast::Resource<&str> = fluent_syntax::parser::parse(text)
        .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", language.code()));
    let mut out = Shape::new();
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(v) = &m.value {
                variables_in(v, &mut vars);
            }
            let mut attrs = BTreeSet::new();
            for a in &m.attributes {
                attrs.insert(a.id.name.to_string());
                variables_in(&a.value, &mut vars);
            }
            let key = m.id.name.to_string();
            assert!(
                out.insert(key.clone(), (vars, attrs)).is_none(),
                "{}: {key} is written twice",
                language.code()
            );
        }
    }
    out
}

#[test]
fn every_language_has_every_key_with_the_same_arguments() {
    let files = i18n::files();
    assert_eq!(
        files.len(),
        Language::all().len(),
        "a language has no file: {:?}",
        files.iter().map(|(l, _)| l.code()).collect::<Vec<_>>()
    );
    let shapes: Vec<(Language, Shape)> = files.iter().map(|(l, t)| (*l, shape(*l, t))).collect();
    let (first, english) = &shapes[0];
    assert_eq!(*first, Language::ENGLISH);
    for (language, other) in &shapes[1..] {
        let missing: Vec<&String> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, not in English {extra:?}",
            language.code()
        );
        for (key, shape) in english {
            assert_eq!(
                Some(shape),
                other.get(key),
                "{}: {key} takes other arguments or attributes than in English",
                language.code()
            );
        }
    }
}

/// Every Rust file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn english_shape() -> Shape {
    let files = i18n::files();
    let (_, text) = files
        .iter()
        .find(|(l, _)| *l == Language::ENGLISH)
        .expect("English");
    shape(Language::ENGLISH, text)
}

#[test]
fn every_key_is_used_by_the_code() {
    let mut files = Vec::new();
    // The front ends, and the core and simulator whose messages they put into words.
    for dir in ["src", "crates"] {
        sources(&root().join(dir), &mut files);
    }
    let code: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    let english = english_shape();
    let unused: Vec<&String> = english
        .keys()
        // `--help`'s keys are made from the command tree (checked below).
        .filter(|k| {
            !k.starts_with("help-") || k.starts_with("help-usage") || k.starts_with("help-heading")
        })
        .filter(|k| !code.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}

/// The first string literal after each `opener` in `code` (spaces and line breaks between
/// them allowed), with its line number.
fn literals_after<'a>(code: &'a str, opener: &str) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices(opener) {
        // `dbg_text(` is not `text(`.
        let before = code[..at].chars().next_back();
        if opener.starts_with(char::is_alphabetic)
            && before.is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let rest = code[at + opener.len()..].trim_start();
        let rest = rest.strip_prefix("format!(").map_or(rest, str::trim_start);
        if let Some(body) = rest.strip_prefix('"') {
            let end = body.find('"').unwrap_or(body.len());
            let line = code[..at].matches('\n').count() + 1;
            out.push((line, &body[..end]));
        }
    }
    out
}

/// Words in a literal: letters outside `{…}` placeholders, once the program's own name (the
/// same in every language) is set aside.
fn has_words(literal: &str) -> bool {
    let mut depth = 0;
    let mut plain = String::new();
    let mut escaped = false;
    for c in literal.chars() {
        match c {
            // `\n`, `\t`: not words.
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let plain = ["flowdeck sim", "flowdeck: doctor", "flowdeck"]
        .iter()
        .fold(plain, |p, name| p.replace(name, ""));
    plain.chars().any(char::is_alphabetic)
}

/// The code of the `.rs` files under `dir`, tests and comments left out.
fn front_end_code(dir: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    sources(&root().join(dir), &mut files);
    files
        .into_iter()
        .map(|f| {
            let rel = f
                .strip_prefix(root())
                .expect("inside")
                .display()
                .to_string();
            let text = std::fs::read_to_string(&f).expect("read");
            // Tests may say what they like.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let code: Vec<&str> = code
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with("//") {
                        ""
                    } else {
                        l
                    }
                })
                .collect();
            (rel, code.join("\n"))
        })
        .collect()
}

/// Literals that are not words: the settings keys and addresses `flowdeck sim` prints to be
/// pasted into a settings file.
const NOT_WORDS: &[&str] = &[
    "  [flow]",
    "  origin = \\",
    "  [gemini]",
    "  api_url = \\",
    "  {:<8} {}/sim/signin/{}",
    // The window's own keys and labels, not words.
    "batch_{stamp}",
    "new:{name}",
    // An error class and a setting's value, compared, never shown.
    "policy",
    "allow_adult",
    // Message keys, the simulator's account names and address.
    "help-cmd-{}",
    "help-help-{id}",
    "help-arg-{id}",
    "help-{}-{id}",
    "acc{i}",
    "gem{i}",
    "{}/sim/report",
    // Units, written the same in every language.
    "{} MiB",
    "{} KiB",
];

fn words_written_in(dir: &str, openers: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (rel, code) in front_end_code(dir) {
        for opener in openers {
            for (line, literal) in literals_after(&code, opener) {
                if has_words(literal) && !NOT_WORDS.contains(&literal) {
                    found.push(format!("{rel}:{line}: {opener}\"{literal}\""));
                }
            }
        }
    }
    found
}

#[test]
fn the_scanner_finds_words_over_several_lines_and_in_formats() {
    let code = "let a = text(\n    \"Hello\",\n);\nlet b = text(format!(\"{n} videos\"));\n\
                let c = text(\"{n}\"); let d = context_text(\"x\"); say!(\"flowdeck: {e}\");";
    assert_eq!(
        literals_after(code, "text("),
        [(1, "Hello"), (4, "{n} videos"), (5, "{n}")]
    );
    assert!(has_words("Hello") && has_words("{n} videos"));
    assert!(!has_words("{n}") && !has_words("flowdeck: {e}") && !has_words("  {:<16} {}"));
}

#[test]
fn the_window_writes_no_words_of_its_own() {
    let found = words_written_in(
        "src/ui",
        &[
            "text(",
            "text_input(",
            "button(text(",
            "radio(",
            "checkbox(",
            "toggler(",
            "tooltip(",
            ".label(",
            ".placeholder(",
            "rich_text(",
            "span(",
            "format!(",
            "Err(",
            "Some(",
            ".push(",
        ],
    );
    assert!(
        found.is_empty(),
        "words written in the window's code instead of i18n/*/flowdeck.ftl:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_command_line_writes_no_words_of_its_own() {
    let found = words_written_in(
        "src/cli",
        &[
            "say!(",
            "println!(",
            "print!(",
            "eprintln!(",
            "eprint!(",
            "Exit::usage(",
            "Exit::failed(",
            "prompt_password(",
            "self.line(",
            ".set_message(",
            ".set_prefix(",
            "format!(",
            "Err(",
        ],
    );
    assert!(
        found.is_empty(),
        "words written in the command line's code instead of i18n/*/flowdeck.ftl:\n{}",
        found.join("\n")
    );
}

/// `--help`: every command and argument has its words in the files, and every `help-` key
/// belongs to a command or argument that exists.
#[test]
fn every_command_and_argument_has_help_words() {
    use clap::CommandFactory;
    let mut cmd = flowdeck::cli::Cli::command();
    let needed: BTreeSet<String> = flowdeck::cli::help::keys(&mut cmd).into_iter().collect();
    let english = english_shape();
    // Words around the tree's own, named in the code.
    let framing = [
        "help-usage",
        "help-heading-arguments",
        "help-heading-options",
        "help-heading-commands",
        "help-default",
        "help-possible",
        "help-env",
    ];
    let have: BTreeSet<String> = english
        .keys()
        .filter(|k| k.starts_with("help-") && !framing.contains(&k.as_str()))
        .cloned()
        .collect();
    let missing: Vec<&String> = needed.difference(&have).collect();
    let stale: Vec<&String> = have.difference(&needed).collect();
    assert!(
        missing.is_empty(),
        "--help words missing from the files: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "--help words for nothing that exists: {stale:?}"
    );
}

/// Every message the engine, the providers and the store make (`msg!("key", name = …)`) has its
/// key in the English file, and every argument it gives is one the words use: a message is
/// data until a front end puts it into words, so nothing checks it when compiling.
#[test]
fn every_message_key_and_argument_is_in_the_words() {
    let mut files = Vec::new();
    // The front ends, and the core and simulator whose messages they put into words.
    for dir in ["src", "crates"] {
        sources(&root().join(dir), &mut files);
    }
    let english = english_shape();
    let mut wrong = Vec::new();
    let mut seen = 0;
    for f in &files {
        let code = std::fs::read_to_string(f).expect("read");
        for (at, _) in code.match_indices("msg!(") {
            // Not in a comment (the macro's own documentation shows one).
            let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
            if code[line_start..at].trim_start().starts_with("//") {
                continue;
            }
            let rest = &code[at + 5..];
            let Some(open) = rest.find('"') else { continue };
            if !rest[..open].trim().is_empty() {
                continue;
            }
            let Some(close) = rest[open + 1..].find('"') else {
                continue;
            };
            let key = &rest[open + 1..open + 1 + close];
            // The arguments up to the closing parenthesis of this call.
            let mut depth = 1;
            let mut end = 0;
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let args = &rest[open + 2 + close..end];
            seen += 1;
            let Some((vars, _)) = english.get(key) else {
                wrong.push(format!("{}: no key {key}", f.display()));
                continue;
            };
            for part in args.split(',') {
                if let Some((name, _)) = part.split_once('=')
                    && let name = name.trim()
                    && !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !vars.contains(name)
                {
                    wrong.push(format!("{}: {key} has no ${name}", f.display()));
                }
            }
        }
    }
    assert!(seen > 0, "no message found: the scanner is broken");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
