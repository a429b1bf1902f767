//! Plain text: a scene per line, or per paragraph.

use super::{SceneDraft, TextMode};

pub(super) fn parse(text: &str, mode: TextMode) -> Vec<SceneDraft> {
    let draft = |prompt: String| SceneDraft {
        prompt,
        ..SceneDraft::default()
    };
    match mode {
        TextMode::Lines => text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| draft(l.to_string()))
            .collect(),
        TextMode::Paragraphs => {
            let mut out = Vec::new();
            let mut current: Vec<&str> = Vec::new();
            for line in text.lines().map(str::trim).chain(std::iter::once("")) {
                if line.is_empty() {
                    if !current.is_empty() {
                        out.push(draft(current.join(" ")));
                        current.clear();
                    }
                } else {
                    current.push(line);
                }
            }
            out
        }
    }
}
