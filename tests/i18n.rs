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
        Language::ALL.len(),
        "a language has no file: {:?}",
        files.iter().map(|(l, _)| l.code()).collect::<Vec<_>>()
    );
    let shapes: Vec<(Language, Shape)> = files.iter().map(|(l, t)| (*l, shape(*l, t))).collect();
    let (first, english) = &shapes[0];
    assert_eq!(*first, Language::English);
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

#[test]
fn every_key_is_used_by_the_code() {
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    let code: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    let english = shape(
        Language::English,
        &i18n::files()
            .into_iter()
            .find(|(l, _)| *l == Language::English)
            .expect("English")
            .1,
    );
    let unused: Vec<&String> = english
        .keys()
        .filter(|k| !code.contains(&format!("\"{k}\"")))
        .collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}

/// Window files whose words are not in the language files yet. Empty when the work is done.
const NOT_YET: &[&str] = &[];

#[test]
fn the_window_writes_no_words_of_its_own() {
    let mut files = Vec::new();
    sources(&root().join("src/ui"), &mut files);
    let mut found = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(root())
            .expect("inside")
            .display()
            .to_string();
        if NOT_YET.contains(&rel.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("read");
        // Tests may say what they like.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let line = line.trim();
            if line.starts_with("//") {
                continue;
            }
            for opener in ["text(\"", "text(format!(\"", "button(text(\"", ".label(\""] {
                if let Some(at) = line.find(opener) {
                    let rest = &line[at + opener.len()..];
                    // The program's own name is the same in every language.
                    if rest.chars().next().is_some_and(char::is_alphabetic)
                        && !rest.starts_with("flowdeck\"")
                    {
                        found.push(format!("{rel}:{}: {line}", n + 1));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "words written in the window's code instead of i18n/*/flowdeck.ftl:\n{}",
        found.join("\n")
    );
}
