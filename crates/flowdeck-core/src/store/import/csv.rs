//! CSV with a header row, read a row at a time.

use std::io::Read;

use super::table::Table;
use super::{MAX_PROMPT_CHARS, MAX_SCENE_BYTES, Problem, SceneDraft};

pub(super) fn parse(reader: impl Read) -> Result<Vec<SceneDraft>, Problem> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .has_headers(false)
        .from_reader(Watch::new(reader));
    let mut table = None;
    let mut record = csv::ByteRecord::new();
    for i in 0.. {
        let more = reader.read_byte_record(&mut record).map_err(|e| {
            if let csv::ErrorKind::Io(io) = e.kind()
                && let Some(Stop(problem)) = io.get_ref().and_then(|s| s.downcast_ref::<Stop>())
            {
                return problem.clone();
            }
            let line = e.position().map_or(i + 1, |p| p.line() as usize);
            let what = match i {
                0 => crate::msg!("import-csv-header"),
                row => crate::msg!("import-row", row = row),
            };
            (
                Some(crate::msg!("import-line", line = line)),
                crate::msg!("import-said", what = what, error = e.to_string()),
            )
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        let place = match i {
            0 => crate::msg!("import-line", line = line),
            row => crate::msg!("import-line-row", line = line, row = row),
        };
        let mut cells = Vec::with_capacity(record.len());
        for (c, bytes) in record.iter().enumerate() {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| (Some(place.clone()), crate::msg!("import-not-utf8")))?;
            cells.push((c, text.to_string()));
        }
        match &mut table {
            None => table = Some(Table::new(place, cells)?),
            Some(t) => t.row(place, cells)?,
        }
    }
    Ok(table.map(Table::scenes).unwrap_or_default())
}

/// Why [`Watch`] stopped the reading: the problem, where it is.
#[derive(Debug)]
struct Stop(Problem);

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.1.log().fmt(f)
    }
}

impl std::error::Error for Stop {}

/// Passes the file's bytes to the csv reader, watching its quotes as they go: it knows the line
/// each row starts on, stops a row longer than [`MAX_SCENE_BYTES`] (a quote that never closes
/// would make the rest of the file one prompt), and at the end stops on a quote still open.
/// It also drops a UTF-8 byte-order mark.
struct Watch<R> {
    inner: R,
    quotes: Quotes,
    /// The current line, the line the current row starts on, and the bytes of that row so far.
    line: usize,
    row_line: usize,
    row_bytes: usize,
    /// The line of the last quote that opened a field.
    opened: usize,
    /// Bytes read so far (for the byte-order mark).
    seen: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quotes {
    /// Outside quotes; whether a field starts here (where a quote opens a quoted field).
    Out {
        field_start: bool,
    },
    In,
    /// A quote inside a quoted field: it closes it, unless another follows (`""`).
    InAfterQuote,
}

impl<R: Read> Watch<R> {
    fn new(inner: R) -> Self {
        Watch {
            inner,
            quotes: Quotes::Out { field_start: true },
            line: 1,
            row_line: 1,
            row_bytes: 0,
            opened: 1,
            seen: 0,
        }
    }

    fn stop(&self, line: usize, message: crate::message::Message) -> std::io::Error {
        std::io::Error::other(Stop((
            Some(crate::msg!("import-line", line = line)),
            message,
        )))
    }

    /// Follows one byte; an error when its row has grown too long.
    fn follow(&mut self, b: u8) -> std::io::Result<()> {
        if self.quotes == Quotes::InAfterQuote {
            if b == b'"' {
                self.quotes = Quotes::In;
                return self.count();
            }
            // The quote closed the field; this byte is outside it.
            self.quotes = Quotes::Out { field_start: false };
        }
        self.quotes = match self.quotes {
            Quotes::In if b == b'"' => Quotes::InAfterQuote,
            Quotes::Out { field_start: true } if b == b'"' => {
                self.opened = self.line;
                Quotes::In
            }
            Quotes::Out { .. } => Quotes::Out {
                field_start: matches!(b, b',' | b'\n' | b'\r'),
            },
            other => other,
        };
        if b == b'\n' {
            self.line += 1;
        }
        if matches!(self.quotes, Quotes::Out { .. }) && matches!(b, b'\n' | b'\r') {
            self.row_line = self.line;
            self.row_bytes = 0;
            return Ok(());
        }
        self.count()
    }

    fn count(&mut self) -> std::io::Result<()> {
        self.row_bytes += 1;
        if self.row_bytes > MAX_SCENE_BYTES {
            return Err(match self.quotes {
                Quotes::In => {
                    let (kib, most) = (MAX_SCENE_BYTES >> 10, MAX_PROMPT_CHARS as i64);
                    let most = crate::message::count(most as f64);
                    self.stop(
                        self.opened,
                        crate::msg!("import-csv-quote-long", kib = kib, most = most),
                    )
                }
                _ => self.stop(self.row_line, super::scene_too_long()),
            });
        }
        Ok(())
    }
}

impl<R: Read> Read for Watch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = self.inner.read(buf)?;
        if n == 0 {
            if self.quotes == Quotes::In {
                return Err(self.stop(self.opened, crate::msg!("import-csv-quote")));
            }
            return Ok(0);
        }
        // The byte-order mark arrives in the first read or two: drop it if it is whole.
        if self.seen == 0 && buf[..n].starts_with(b"\xef\xbb\xbf") {
            buf.copy_within(3..n, 0);
            n -= 3;
        }
        self.seen += n;
        for &b in &buf[..n] {
            self.follow(b)?;
        }
        Ok(n)
    }
}
