//! Text from people and services, made safe to print: a prompt, a refusal reason or an email
//! can hold escape sequences that retitle or clear a terminal, forge a hyperlink, or (bidi
//! overrides) show words in another order than they are. Each such character is shown as its
//! escape (`\u001b`, `\n`) instead; JSON stays valid JSON, since these escapes are JSON's own.

use std::borrow::Cow;

/// Characters that steer a terminal or the order text is shown in, rather than being text:
/// C0 and C1 controls, DEL, bidi embeddings, overrides and isolates, line and paragraph
/// separators.
fn steers(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

fn escape(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{:04x}", c as u32)),
    }
}

fn shown(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| steers(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if steers(c) && !keep(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` on one line, every steering character (newlines too) shown as its escape: for a
/// prompt, a reason or a name put into a line of flowdeck's own.
pub fn one_line(text: &str) -> Cow<'_, str> {
    shown(text, |_| false)
}

/// Like [`one_line`], but line breaks and tabs stay: for whole blocks of flowdeck's own output
/// (a last guard before standard output or error).
pub fn lines(text: &str) -> Cow<'_, str> {
    shown(text, |c| c == '\n' || c == '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_not_obeyed() {
        let prompt = "a \u{1b}]0;pwned\u{7}lake\u{1b}[2J \u{1b}]8;;http://x\u{1b}\\link \u{9b}31m";
        let s = one_line(prompt);
        assert!(!s.chars().any(steers), "{s}");
        assert_eq!(
            s,
            "a \\u001b]0;pwned\\u0007lake\\u001b[2J \\u001b]8;;http://x\\u001b\\link \\u009b31m"
        );
        assert_eq!(one_line("two\nlines\r"), "two\\nlines\\r");
        assert_eq!(lines("two\nlines\tand\u{202e}"), "two\nlines\tand\\u202e");
    }

    #[test]
    fn ordinary_text_is_untouched_and_json_stays_json() {
        for text in [
            "Cảnh quay ở Hà Nội",
            "emoji 👩‍👩‍👧 with a joiner",
            "C:\\Users\\an",
        ] {
            assert!(matches!(one_line(text), Cow::Borrowed(_)), "{text}");
        }
        let json = serde_json::json!({"prompt": "x\u{9b}y\u{202e}z\u{7f}"}).to_string();
        let shown = lines(&json);
        let back: serde_json::Value = serde_json::from_str(&shown).expect("still JSON");
        assert_eq!(back["prompt"], "x\u{9b}y\u{202e}z\u{7f}");
        assert!(!shown.chars().any(steers), "{shown}");
    }
}
