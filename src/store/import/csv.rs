//! CSV with a header row.

use super::{Problem, SceneDraft, table};

/// The line where a quoted field opens and never closes, if one does: the csv reader would
/// quietly take the rest of the file as that one field (one long prompt, scenes lost).
pub(super) fn unclosed_quote(text: &str) -> Option<usize> {
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

pub(super) fn parse(text: &str) -> Result<Vec<SceneDraft>, Problem> {
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
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(i + 1, |p| p.line() as usize);
            let what = match i {
                0 => "cannot read the header row".to_string(),
                row => format!("row {row}"),
            };
            (Some(format!("line {line}")), format!("{what}: {e}"))
        })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let place = match i {
            0 => format!("line {line}"),
            row => format!("line {line} (row {row})"),
        };
        rows.push((place, record.iter().map(str::to_string).collect()));
    }
    table::scenes(rows)
}
