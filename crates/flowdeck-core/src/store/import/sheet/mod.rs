//! Spreadsheets (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`): the first sheet, laid out like a
//! CSV file (a header row, then a scene per row). The kind is read from the bytes, not the name.
//!
//! A spreadsheet is a small file that can claim to be enormous: a "used range" from A1 to
//! XFD1048576 (17 billion cells), a part that inflates a thousandfold. So a file is measured
//! before any reader opens it ([`parts`], [`biff`]), and cells are taken one by one, filled
//! ones only ([`Grid`]), never as the rectangle the file claims.

mod biff;
mod ods;
mod parts;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, Reader};

use super::table::Table;
use super::{FIELDS, MAX_SCENE_BYTES, MAX_SCENES, Problem, SceneDraft};

/// The largest spreadsheet file read (a 10,000-scene sheet takes a few MB).
pub(super) const MAX_FILE: u64 = 32 << 20;

/// The most filled cells read: every column of the most scenes, with their header row.
const MAX_CELLS: usize = (MAX_SCENES + 1) * FIELDS.len();

/// Reads a spreadsheet file into memory, if it is not larger than [`MAX_FILE`].
pub(super) fn load(file: std::fs::File) -> Result<Vec<u8>, Problem> {
    let unreadable = |e: std::io::Error| {
        (
            None,
            crate::msg!("import-file-unreadable", error = e.to_string()),
        )
    };
    let len = file.metadata().map_err(unreadable)?.len();
    too_large(len)?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    too_large(bytes.len() as u64)?;
    Ok(bytes)
}

fn too_large(len: u64) -> Result<(), Problem> {
    if len > MAX_FILE {
        let (mb, most) = (len.div_ceil(1 << 20), MAX_FILE >> 20);
        return Err((
            None,
            crate::msg!("import-sheet-too-large", mb = mb, most = most),
        ));
    }
    Ok(())
}

pub(super) fn parse(bytes: &[u8]) -> Result<Vec<SceneDraft>, Problem> {
    too_large(bytes.len() as u64)?;
    // The readers are third-party code fed with a file from anywhere: a panic there is a file
    // that cannot be read, not a crash. (What cannot be caught, running out of memory, the
    // measuring before them rules out.)
    let grid = std::panic::catch_unwind(|| grid(bytes))
        .unwrap_or_else(|_| Err((None, unreadable(crate::msg!("import-sheet-reader-stopped")))))?;
    let mut rows = grid.rows.into_iter();
    let Some((first, mut header)) = rows.next() else {
        return Ok(Vec::new());
    };
    header.sort_by_key(|(c, _)| *c);
    let mut table = Table::new(row_place(first), header)?;
    for (row, mut cells) in rows {
        cells.sort_by_key(|(c, _)| *c);
        table.row(row_place(row), cells)?;
    }
    Ok(table.scenes())
}

/// "cannot read the spreadsheet (why)".
fn unreadable(why: impl Into<crate::message::Arg>) -> crate::message::Message {
    crate::msg!("import-sheet-unreadable", error = why)
}

/// Row numbers as the spreadsheet program shows them (`row` counts from 0).
fn row_place(row: u32) -> crate::message::Message {
    let row = u64::from(row) + 1;
    crate::msg!("import-row", row = row)
}

/// The first sheet's filled cells, by the file's kind.
fn grid(bytes: &[u8]) -> Result<Grid, Problem> {
    let mut grid = Grid::default();
    if bytes.starts_with(&biff::SIGNATURE) {
        biff::check(bytes).map_err(|why| (None, unreadable(why)))?;
        let mut book = calamine::Xls::new(Cursor::new(bytes))
            .map_err(|e| (None, unreadable(e.to_string())))?;
        let range = first_sheet(&mut book, |b, name| b.worksheet_range(name))?;
        for (row, col, data) in range.used_cells() {
            grid.add(row as u32, col as u32, data)?;
        }
        return Ok(grid);
    }
    match parts::measure(bytes).map_err(|why| (None, why))? {
        parts::Kind::Xlsx => {
            let mut book = calamine::Xlsx::new(Cursor::new(bytes))
                .map_err(|e| (None, unreadable(e.to_string())))?;
            let name = first_name(&book)?;
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|e| (None, first_sheet_unreadable(e)))?;
            while let Some(c) = cells
                .next_cell()
                .map_err(|e| (None, first_sheet_unreadable(e)))?
            {
                let (row, col) = c.get_position();
                grid.add(row, col, &Data::from(c.get_value().clone()))?;
            }
        }
        parts::Kind::Xlsb => {
            let mut book = calamine::Xlsb::new(Cursor::new(bytes))
                .map_err(|e| (None, unreadable(e.to_string())))?;
            let name = first_name(&book)?;
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|e| (None, first_sheet_unreadable(e)))?;
            while let Some(c) = cells
                .next_cell()
                .map_err(|e| (None, first_sheet_unreadable(e)))?
            {
                let (row, col) = c.get_position();
                grid.add(row, col, &Data::from(c.get_value().clone()))?;
            }
        }
        parts::Kind::Ods => ods::read(bytes, &mut grid)?,
    }
    Ok(grid)
}

fn first_sheet_unreadable(e: impl std::fmt::Display) -> crate::message::Message {
    crate::msg!("import-first-sheet-unreadable", error = e.to_string())
}

fn first_name<R: Read + std::io::Seek, B: Reader<R>>(book: &B) -> Result<String, Problem> {
    book.sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| (None, crate::msg!("import-no-sheets")))
}

fn first_sheet<R: Read + std::io::Seek, B: Reader<R>, T>(
    book: &mut B,
    read: impl FnOnce(&mut B, &str) -> Result<T, B::Error>,
) -> Result<T, Problem>
where
    B::Error: std::fmt::Display,
{
    let name = first_name(book)?;
    read(book, &name).map_err(|e| (None, first_sheet_unreadable(e)))
}

/// The filled cells of a sheet by row, then column, within [`MAX_CELLS`], [`MAX_SCENES`] rows
/// under the header and [`MAX_SCENE_BYTES`] a cell.
#[derive(Default)]
pub(super) struct Grid {
    rows: BTreeMap<u32, Vec<(usize, String)>>,
    cells: usize,
}

impl Grid {
    fn add(&mut self, row: u32, col: u32, data: &Data) -> Result<(), Problem> {
        let place = || Some(row_place(row));
        let text = cell(data).map_err(|m| {
            let column = u64::from(col) + 1;
            (
                place(),
                crate::msg!("import-in-column", column = column, why = m),
            )
        })?;
        self.text(row, col, text)
    }

    /// Adds a cell's text (a blank one is left out: it says nothing).
    fn text(&mut self, row: u32, col: u32, text: String) -> Result<(), Problem> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let place = || Some(row_place(row));
        if text.len() > MAX_SCENE_BYTES {
            return Err((place(), super::scene_too_long()));
        }
        if !self.rows.contains_key(&row) && self.rows.len() > MAX_SCENES {
            // The header row and as many scenes as a file may hold are there already.
            return super::room_for(MAX_SCENES, place);
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            let most = crate::message::count(MAX_CELLS as f64);
            return Err((
                place(),
                crate::msg!("import-sheet-too-many-cells", most = most),
            ));
        }
        self.rows.entry(row).or_default().push((col as usize, text));
        Ok(())
    }
}

/// A cell as the text a person typed: whole numbers without ".0". A formula that failed is an
/// error here rather than a prompt that reads "#N/A".
fn cell(data: &Data) -> Result<String, crate::message::Message> {
    Ok(match data {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Error(e) => return Err(crate::msg!("import-cell-error", error = e.to_string())),
        other => other.to_string(),
    })
}
