//! For tests of the layers below the front ends: a message in English, read straight from
//! `i18n/en/flowdeck.ftl` (placeables and plural selectors only, which is all the file uses), so
//! a test can say what a person would read without a localisation crate.

use super::{Arg, LIST, Message, VERBATIM};

const FILE: &str = include_str!("../../../../i18n/en/flowdeck.ftl");

/// `m` in English.
pub fn en(m: &Message) -> String {
    match m.key.as_ref() {
        VERBATIM => match m.arg("text") {
            Some(Arg::Text(t)) => t.clone(),
            _ => String::new(),
        },
        LIST => {
            let sep = match m.arg("sep") {
                Some(Arg::Text(t)) => t.as_str(),
                _ => ", ",
            };
            m.items().map(en).collect::<Vec<_>>().join(sep)
        }
        key => match pattern(key) {
            Some(p) => fill(&p, m),
            None => format!("<missing {key}>"),
        },
    }
}

/// The value of `key`: its first line and the indented lines after it.
fn pattern(key: &str) -> Option<String> {
    let mut lines = FILE.lines();
    let first: String = lines.find_map(|l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == key && !l.starts_with([' ', '#'])).then(|| v.trim().to_string())
    })?;
    let more = lines.take_while(|l| l.starts_with(' ')).map(str::trim);
    // A value that starts on the next line has no first line of its own.
    let all: Vec<&str> = std::iter::once(first.as_str())
        .filter(|f| !f.is_empty())
        .chain(more)
        .collect();
    Some(all.join("\n"))
}

/// Replaces each `{ … }` of `p` with what `m` gives it.
fn fill(p: &str, m: &Message) -> String {
    let mut out = String::new();
    let mut rest = p;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = matching(&rest[open..]).map_or(rest.len(), |c| open + c);
        out.push_str(&placeable(rest[open + 1..close].trim(), m));
        rest = rest.get(close + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The index of the `}` closing the `{` at 0.
fn matching(s: &str) -> Option<usize> {
    let mut depth = 0;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn placeable(inner: &str, m: &Message) -> String {
    // A string literal, `{"{"}`: how the file writes a brace.
    if let Some(text) = inner.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        return text.to_string();
    }
    let Some((var, variants)) = inner.split_once("->") else {
        return arg(inner.trim_start_matches('$').trim(), m);
    };
    let name = var.trim().trim_start_matches('$');
    let n = match m.arg(name) {
        Some(Arg::Number(n) | Arg::Count(n)) => Some(*n),
        _ => None,
    };
    // Variants: "[one] text" lines; the default is marked "*".
    let mut chosen = None;
    let mut default = None;
    for line in variants.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let is_default = line.starts_with('*');
        let line = line.trim_start_matches('*');
        let Some((key, text)) = line.strip_prefix('[').and_then(|l| l.split_once(']')) else {
            continue;
        };
        if is_default {
            default = Some(text.trim().to_string());
        }
        if key == "one" && n == Some(1.0) || key.parse::<f64>().ok().is_some_and(|k| Some(k) == n) {
            chosen = Some(text.trim().to_string());
        }
    }
    fill(&chosen.or(default).unwrap_or_default(), m)
}

fn arg(name: &str, m: &Message) -> String {
    match m.arg(name) {
        Some(Arg::Text(t)) => t.clone(),
        Some(Arg::Number(n)) if n.fract() == 0.0 => (*n as i64).to_string(),
        Some(Arg::Count(n)) if n.fract() == 0.0 => grouped(*n as i64),
        Some(Arg::Number(n) | Arg::Count(n)) => n.to_string(),
        Some(Arg::Message(inner)) => en(inner),
        None => format!("{{${name}}}"),
    }
}

/// 12480 → "12,480".
fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// What a test reads: the English of a message, or of an error's message.
pub trait En {
    fn en(&self) -> String;
}

impl En for Message {
    fn en(&self) -> String {
        en(self)
    }
}

macro_rules! en_by_message {
    ($($t:ty => $how:ident),* $(,)?) => {
        $(impl En for $t {
            fn en(&self) -> String {
                en(&self.$how())
            }
        })*
    };
}

en_by_message!(
    crate::provider::ProviderError => message,
    crate::engine::EngineError => message,
    crate::store::ledger::LedgerError => message,
    crate::store::lock::LockError => message,
    crate::store::secrets::SecretError => message,
    crate::bridge::BridgeError => message,
    crate::store::config::ConfigError => to_message,
    crate::store::import::ImportError => to_message,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_read_from_the_words_file() {
        let m = crate::msg!("flow-copies-range", copies = 5);
        assert_eq!(en(&m), "Flow makes 1 to 4 videos per prompt, not 5");
        assert_eq!(
            en(&crate::msg!("veo-filtered-silently", count = 1)),
            "The safety filter kept back one video without saying why"
        );
        assert_eq!(
            en(&crate::msg!(
                "veo-filtered-silently",
                count = crate::message::count(12000)
            )),
            "The safety filter kept back 12,000 videos without saying why"
        );
        let nested = crate::msg!("error-no-answer", why = crate::msg!("prompt-empty"));
        assert!(
            en(&nested).contains("the prompt is empty"),
            "{}",
            en(&nested)
        );
    }
}
