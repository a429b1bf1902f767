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
            Some(crate::t!("import-line", line = line)),
            crate::t!("import-csv-quote"),
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
                0 => crate::t!("import-csv-header"),
                row => crate::t!("import-row", row = row),
            };
            (
                Some(crate::t!("import-line", line = line)),
                format!("{what}: {e}"),
            )
        })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let place = match i {
            0 => crate::t!("import-line", line = line),
            row => crate::t!("import-line-row", line = line, row = row),
        };
        rows.push((place, record.iter().map(str::to_string).collect()));
    }
    table::scenes(rows)
}
