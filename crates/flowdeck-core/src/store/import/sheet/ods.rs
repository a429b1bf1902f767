//! OpenDocument sheets (`.ods`), read here row by row from `content.xml`. A row or cell may say it
//! repeats (`number-rows-repeated`, `number-columns-repeated`) a million times in a few bytes:
//! empty repeats only move the position, and a filled one is added once per repeat to the
//! [`Grid`], whose limits stop it long before memory could run out.

use std::io::{BufReader, Cursor};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Grid, MAX_SCENE_BYTES, Problem, row_place, unreadable};

/// Reads the first table of the OpenDocument spreadsheet in `bytes` into `grid`.
pub(super) fn read(bytes: &[u8], grid: &mut Grid) -> Result<(), Problem> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| (None, unreadable(e.to_string())))?;
    let content = zip
        .by_name("content.xml")
        .map_err(|e| (None, unreadable(e.to_string())))?;
    let mut xml = Reader::from_reader(BufReader::new(content));
    xml.config_mut().expand_empty_elements = true;
    let bad = |e: quick_xml::Error| (None, unreadable(e.to_string()));
    let mut buf = Vec::new();
    // Where the reading is: inside the first table (how deep in nested tables), the row, its
    // repeats, the column; the cell being read.
    let (mut started, mut depth) = (false, 0usize);
    let (mut row, mut rows_repeated, mut col) = (0u32, 1u32, 0u32);
    let mut filled: Vec<(u32, String)> = Vec::new();
    let mut cell: Option<Cell> = None;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(bad)? {
            Event::Eof => return Ok(()),
            Event::Start(e) => match e.name().as_ref() {
                "table:table" if !started => (started, depth) = (true, 1),
                "table:table" if depth > 0 => depth += 1,
                "table:table" => return Ok(()),
                _ if depth != 1 => {}
                "table:table-row" if cell.is_none() => {
                    rows_repeated = repeats(&e, "table:number-rows-repeated").map_err(bad)?;
                    (col, filled) = (0, Vec::new());
                }
                "table:table-cell" | "table:covered-table-cell" if cell.is_none() => {
                    cell = Some(Cell::start(&e).map_err(bad)?);
                }
                name => {
                    if let Some(c) = &mut cell {
                        c.open(name, &e).map_err(bad)?;
                    }
                }
            },
            Event::End(e) => match e.name().as_ref() {
                "table:table" if depth == 1 => return Ok(()),
                "table:table" if depth > 1 => depth -= 1,
                _ if depth != 1 => {}
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some(c) = cell.take() {
                        let text = c.value.unwrap_or(c.text);
                        if !text.trim().is_empty() {
                            // A filled cell repeated past the last column is as far as any goes.
                            for k in 0..c.repeated.min(1 << 14) {
                                filled.push((col.saturating_add(k), text.clone()));
                                if filled.len() > 1 << 14 {
                                    break;
                                }
                            }
                        }
                        col = col.saturating_add(c.repeated);
                    }
                }
                "table:table-row" => {
                    let first = row;
                    row = row.saturating_add(rows_repeated);
                    if filled.is_empty() {
                        continue;
                    }
                    // Each repeat is a row of its own: the grid refuses too many of them.
                    for r in first..row {
                        for (c, text) in &filled {
                            grid.text(r, *c, text.clone())?;
                        }
                    }
                }
                "office:annotation" => {
                    if let Some(c) = &mut cell {
                        c.annotation = c.annotation.saturating_sub(1);
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(c) = &mut cell {
                    c.push(&t.xml10_content(), row)?;
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = &mut cell {
                    let name: &str = r.as_ref();
                    let text = match quick_xml::escape::resolve_xml_entity(name) {
                        Some(t) => t.to_string(),
                        None => r
                            .resolve_char_ref()
                            .map_err(bad)?
                            .map(String::from)
                            .unwrap_or_default(),
                    };
                    c.push(&text, row)?;
                }
            }
            _ => {}
        }
    }
}

/// The cell being read: its value when an attribute holds it, else its text so far.
struct Cell {
    value: Option<String>,
    text: String,
    repeated: u32,
    paragraphs: usize,
    /// Inside a comment (its text is not the cell's).
    annotation: usize,
}

impl Cell {
    fn start(e: &BytesStart<'_>) -> Result<Cell, quick_xml::Error> {
        let kind = attribute(e, "office:value-type")?;
        // Numbers, dates and the like are in an attribute; text is the content.
        let key = match kind.as_deref() {
            Some("float" | "percentage" | "currency") => Some("office:value"),
            Some("date") => Some("office:date-value"),
            Some("time") => Some("office:time-value"),
            Some("boolean") => Some("office:boolean-value"),
            Some("string") => Some("office:string-value"),
            _ => None,
        };
        let mut value = match key {
            Some(k) => attribute(e, k)?,
            None => None,
        };
        if key == Some("office:value") {
            value = value.map(|v| match v.parse::<f64>() {
                Ok(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
                _ => v,
            });
        }
        Ok(Cell {
            value,
            text: String::new(),
            repeated: repeats(e, "table:number-columns-repeated")?,
            paragraphs: 0,
            annotation: 0,
        })
    }

    /// An element inside the cell.
    fn open(&mut self, name: &str, e: &BytesStart<'_>) -> Result<(), quick_xml::Error> {
        if name == "office:annotation" {
            self.annotation += 1;
        }
        if self.annotation > 0 {
            return Ok(());
        }
        match name {
            "text:p" => {
                if self.paragraphs > 0 {
                    self.text.push('\n');
                }
                self.paragraphs += 1;
            }
            "text:s" => {
                // Runs of spaces, counted: never more than a cell may hold.
                let n = repeats(e, "text:c")? as usize;
                let n = n.min(MAX_SCENE_BYTES + 1 - self.text.len().min(MAX_SCENE_BYTES));
                self.text.extend(std::iter::repeat_n(' ', n));
            }
            "text:tab" => self.text.push('\t'),
            "text:line-break" => self.text.push('\n'),
            _ => {}
        }
        Ok(())
    }

    fn push(&mut self, text: &str, row: u32) -> Result<(), Problem> {
        if self.annotation > 0 {
            return Ok(());
        }
        if self.text.len() + text.len() > MAX_SCENE_BYTES {
            return Err((Some(row_place(row)), super::super::scene_too_long()));
        }
        self.text.push_str(text);
        Ok(())
    }
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, quick_xml::Error> {
    let Some(a) = e.try_get_attribute(name)? else {
        return Ok(None);
    };
    let value = quick_xml::escape::unescape(&a.value)?;
    Ok(Some(value.into_owned()))
}

/// A repeat count (1 when absent or unreadable; at least 1).
fn repeats(e: &BytesStart<'_>, name: &str) -> Result<u32, quick_xml::Error> {
    Ok(attribute(e, name)?
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1))
}
