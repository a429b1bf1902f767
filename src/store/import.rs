//! Prompt files: `.txt` (a scene per line, or per paragraph), `.csv` (a header row with
//! `prompt` and optional `model`, `aspect`, `copies`, `seed`, `name`), and `.json` (an array of
//! strings or objects with those fields, or `{"scenes": [...]}`).

use std::path::Path;

use serde_json::Value;

use crate::model::{Aspect, DURATIONS, Model, Resolution};

/// One scene read from a file; missing fields take the batch's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SceneDraft {
    pub prompt: String,
    pub name: Option<String>,
    pub model: Option<Model>,
    pub aspect: Option<Aspect>,
    pub copies: Option<u8>,
    pub seed: Option<u32>,
    pub duration: Option<u8>,
    pub resolution: Option<Resolution>,
}

/// A problem in a prompt file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    /// "line 4", "row 3", "item 2"…
    pub place: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.place {
            Some(p) => write!(f, "{}, {p}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextMode {
    /// Every non-empty line is a scene.
    #[default]
    Lines,
    /// Blank lines separate scenes; the lines of a paragraph are joined.
    Paragraphs,
}

/// Reads a prompt file, choosing the format by extension.
pub fn read_file(path: &Path, mode: TextMode) -> Result<Vec<SceneDraft>, ImportError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ImportError {
        file: file.clone(),
        place: None,
        message: format!("cannot read the file: {e}"),
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    parse(&file, &ext, &bytes, mode)
}

/// Parses prompt-file bytes; `ext` is `txt`, `csv` or `json`.
pub fn parse(
    file: &str,
    ext: &str,
    bytes: &[u8],
    mode: TextMode,
) -> Result<Vec<SceneDraft>, ImportError> {
    let err = |place: Option<String>, message: String| ImportError {
        file: file.to_string(),
        place,
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        err(
            Some(format!("line {line}")),
            "the file is not valid UTF-8 (save it as UTF-8 and try again)".into(),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let scenes = match ext {
        "txt" | "text" | "md" | "" => parse_text(text, mode),
        "csv" => parse_csv(text).map_err(|(p, m)| err(p, m))?,
        "json" => parse_json(text).map_err(|(p, m)| err(p, m))?,
        other => {
            return Err(err(
                None,
                format!("unknown prompt file type \".{other}\": use .txt, .csv or .json"),
            ));
        }
    };
    if scenes.is_empty() {
        return Err(err(None, "the file holds no prompts".into()));
    }
    Ok(scenes)
}

fn parse_text(text: &str, mode: TextMode) -> Vec<SceneDraft> {
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

type Problem = (Option<String>, String);

fn field(draft: &mut SceneDraft, key: &str, value: &str) -> Result<(), String> {
    let value = value.trim();
    if value.is_empty() && key != "prompt" {
        return Ok(());
    }
    match key {
        "prompt" => {
            if value.is_empty() {
                return Err("the prompt is empty".into());
            }
            draft.prompt = value.to_string();
        }
        "name" => draft.name = Some(value.to_string()),
        "model" => draft.model = Some(value.parse()?),
        "aspect" => draft.aspect = Some(value.parse()?),
        "copies" => {
            let n: u8 = value
                .parse()
                .ok()
                .filter(|n| (1..=4).contains(n))
                .ok_or_else(|| format!("copies must be 1 to 4, not \"{value}\""))?;
            draft.copies = Some(n);
        }
        "duration" => {
            let d: u8 = value
                .trim_end_matches('s')
                .parse()
                .ok()
                .filter(|d| DURATIONS.contains(d))
                .ok_or_else(|| format!("duration must be 4, 6 or 8 seconds, not \"{value}\""))?;
            draft.duration = Some(d);
        }
        "resolution" => draft.resolution = Some(value.parse()?),
        "seed" => {
            let s: u32 = value
                .parse()
                .ok()
                .filter(|s| *s <= 2_147_483_647)
                .ok_or_else(|| {
                    format!("seed must be a whole number from 0 to 2147483647, not \"{value}\"")
                })?;
            draft.seed = Some(s);
        }
        other => return Err(format!("unknown column \"{other}\"")),
    }
    Ok(())
}

const FIELDS: &[&str] = &[
    "prompt",
    "name",
    "model",
    "aspect",
    "copies",
    "seed",
    "duration",
    "resolution",
];

/// The line where a quoted field opens and never closes, if one does: the csv reader would
/// quietly take the rest of the file as that one field (one long prompt, scenes lost).
fn unclosed_quote(text: &str) -> Option<usize> {
    let (mut line, mut opened) = (1, None);
    let (mut in_quotes, mut field_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    in_quotes = false;
                }
            }
        } else if c == '"' && field_start {
            in_quotes = true;
            opened = Some(line);
        }
        field_start = !in_quotes && matches!(c, ',' | '\n' | '\r');
        if c == '\n' {
            line += 1;
        }
    }
    in_quotes.then_some(opened).flatten()
}

fn parse_csv(text: &str) -> Result<Vec<SceneDraft>, Problem> {
    if let Some(line) = unclosed_quote(text) {
        return Err((
            Some(format!("line {line}")),
            "a quote opens here and is never closed, so every line after it would be read as \
             one prompt: close the quote (write \"\" for a quote inside a quoted prompt)"
                .into(),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::Headers)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            (
                Some("line 1".to_string()),
                format!("cannot read the header row: {e}"),
            )
        })?
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    if !headers.iter().any(|h| h == "prompt") {
        return Err((
            Some("line 1".into()),
            "the header row has no \"prompt\" column".into(),
        ));
    }
    if let Some(h) = headers.iter().find(|h| !FIELDS.contains(&h.as_str())) {
        return Err((
            Some("line 1".into()),
            format!("unknown column \"{h}\"; known: {}", FIELDS.join(", ")),
        ));
    }
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 1;
        let record = record.map_err(|e| {
            let line = e.position().map_or(row + 1, |p| p.line() as usize);
            (Some(format!("line {line}")), format!("row {row}: {e}"))
        })?;
        let line = record.position().map_or(row + 1, |p| p.line() as usize);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let mut draft = SceneDraft::default();
        for (key, value) in headers.iter().zip(record.iter()) {
            field(&mut draft, key, value)
                .map_err(|m| (Some(format!("line {line} (row {row})")), m))?;
        }
        out.push(draft);
    }
    Ok(out)
}

fn parse_json(text: &str) -> Result<Vec<SceneDraft>, Problem> {
    let v: Value = serde_json::from_str(text).map_err(|e| {
        (
            Some(format!("line {}, column {}", e.line(), e.column())),
            format!("not valid JSON: {e}"),
        )
    })?;
    let items = match &v {
        Value::Array(items) => items,
        Value::Object(o) => o.get("scenes").and_then(Value::as_array).ok_or((
            None,
            "expected an array of scenes or {\"scenes\": [...]}".to_string(),
        ))?,
        _ => {
            return Err((
                None,
                "expected an array of scenes or {\"scenes\": [...]}".into(),
            ));
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let place = || Some(format!("item {}", i + 1));
        let mut draft = SceneDraft::default();
        match item {
            Value::String(s) => field(&mut draft, "prompt", s).map_err(|m| (place(), m))?,
            Value::Object(o) => {
                if !o.contains_key("prompt") {
                    return Err((place(), "the scene has no \"prompt\"".into()));
                }
                for (k, val) in o {
                    let text = match val {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        Value::Null => String::new(),
                        _ => return Err((place(), format!("\"{k}\" must be text or a number"))),
                    };
                    field(&mut draft, k, &text).map_err(|m| (place(), m))?;
                }
            }
            _ => return Err((place(), "a scene must be a string or an object".into())),
        }
        out.push(draft);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(ext: &str, text: &str) -> Vec<SceneDraft> {
        parse("f", ext, text.as_bytes(), TextMode::Lines).expect("parses")
    }

    fn bad(ext: &str, bytes: &[u8]) -> ImportError {
        parse("f", ext, bytes, TextMode::Lines).expect_err("fails")
    }

    #[test]
    fn text_lines_and_paragraphs() {
        let t = "\u{feff}first scene\r\n\r\n  second scene  \nthird\n";
        assert_eq!(ok("txt", t).len(), 3);
        let p = parse("f", "txt", t.as_bytes(), TextMode::Paragraphs).expect("paragraphs");
        assert_eq!(
            p.iter().map(|d| d.prompt.as_str()).collect::<Vec<_>>(),
            ["first scene", "second scene third"]
        );
    }

    #[test]
    fn csv_with_quotes_and_options() {
        let s = ok(
            "csv",
            "Prompt,copies,aspect,seed,model,name\n\"A cat, in a pond\",2,9:16,42,veo-3.1,cat\nplain,,,,,\n",
        );
        assert_eq!(s[0].prompt, "A cat, in a pond");
        assert_eq!(s[0].copies, Some(2));
        assert_eq!(s[0].aspect, Some(Aspect::Portrait));
        assert_eq!(s[0].model, Some(Model::Veo31));
        assert_eq!(s[0].name.as_deref(), Some("cat"));
        assert_eq!(s[1].copies, None);
        let d = ok("csv", "prompt,duration,resolution\nx,6,1080p\n");
        assert_eq!(
            (d[0].duration, d[0].resolution),
            (Some(6), Some(Resolution::P1080))
        );
        assert!(
            bad("csv", b"prompt,duration\nx,5\n")
                .to_string()
                .contains("4, 6 or 8")
        );
    }

    #[test]
    fn json_shapes() {
        assert_eq!(ok("json", r#"["a","b"]"#).len(), 2);
        let s = ok(
            "json",
            r#"{"scenes":[{"prompt":"x","copies":3,"seed":7},"y"]}"#,
        );
        assert_eq!((s[0].copies, s[0].seed), (Some(3), Some(7)));
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let e = bad(
            "csv",
            b"prompt,copies\nfirst,1\n\"second, with a quote,1\nthird,1\nfourth,1\n",
        );
        assert_eq!(e.place.as_deref(), Some("line 3"), "{e}");
        assert!(e.message.contains("never closed"), "{e}");
        // Quotes that close, across lines or doubled inside, are fine.
        let d = ok(
            "csv",
            "prompt,copies\n\"two\nlines\",1\n\"say \"\"hi\"\"\",2\nplain \"mid\" quote,1\n",
        );
        assert_eq!(d.len(), 3);
        assert_eq!(d[1].prompt, "say \"hi\"");
    }

    #[test]
    fn errors_say_where_and_what() {
        let e = bad("csv", b"prompt,copies\nok,2\nbad,9\n");
        assert_eq!(
            e.to_string(),
            "f, line 3 (row 2): copies must be 1 to 4, not \"9\""
        );
        assert!(
            bad("csv", b"text\nx\n")
                .to_string()
                .contains("no \"prompt\" column")
        );
        assert!(
            bad("csv", b"prompt,colour\nx,red\n")
                .to_string()
                .contains("unknown column")
        );
        assert!(
            bad("csv", b"prompt,copies\n,2\n")
                .to_string()
                .contains("prompt is empty")
        );
        assert!(
            bad("csv", b"prompt,copies\nx\n")
                .to_string()
                .contains("line 2")
        );
        assert!(
            bad("json", b"[\"a\",\n{\"prompt\": 3,]")
                .to_string()
                .contains("line 2")
        );
        assert!(
            bad("json", br#"[{"prompt":""}]"#)
                .to_string()
                .contains("item 1")
        );
        assert!(
            bad("json", br#"[{"text":"x"}]"#)
                .to_string()
                .contains("no \"prompt\"")
        );
        assert!(bad("json", br#"{"x":1}"#).to_string().contains("scenes"));
        assert!(
            bad("json", br#"[{"prompt":"a","aspect":"square"}]"#)
                .to_string()
                .contains("square")
        );
        let utf = bad("txt", b"fine\nbroken \xff here\n");
        assert_eq!(utf.place.as_deref(), Some("line 2"));
        assert!(bad("txt", b"\n  \n").to_string().contains("no prompts"));
        assert!(bad("docx", b"x").to_string().contains(".docx"));
    }
}
