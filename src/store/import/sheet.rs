//! Spreadsheets (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`) read with calamine: the first sheet,
//! laid out like a CSV file (a header row, then a scene per row).

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::{Problem, SceneDraft, table};

pub(super) fn parse(bytes: &[u8]) -> Result<Vec<SceneDraft>, Problem> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        (
            None,
            crate::t!("import-sheet-unreadable", error = e.to_string()),
        )
    })?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => {
            return Err((
                None,
                crate::t!("import-first-sheet-unreadable", error = e.to_string()),
            ));
        }
        None => return Err((None, crate::t!("import-no-sheets"))),
    };
    // Row numbers as the spreadsheet program shows them: the used range may start lower down.
    let first = range.start().map_or(1, |(row, _)| row as usize + 1);
    let skip = range.start().map_or(0, |(_, col)| col as usize);
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let row = first + i;
        let place = crate::t!("import-row", row = row);
        // Columns left of the used range are empty; keep positions so "column N" is true.
        let mut texts = vec![String::new(); skip];
        for (c, data) in cells.iter().enumerate() {
            texts.push(
                cell(data)
                    .map_err(|m| (Some(place.clone()), format!("column {}: {m}", skip + c + 1)))?,
            );
        }
        rows.push((place, texts));
    }
    table::scenes(rows)
}

/// A cell as the text a person typed: whole numbers without ".0". A formula that failed is an
/// error here rather than a prompt that reads "#N/A".
fn cell(data: &Data) -> Result<String, String> {
    Ok(match data {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Error(e) => return Err(crate::t!("import-cell-error", error = e.to_string())),
        other => other.to_string(),
    })
}
