//! Excel 97–2003 workbooks (`.xls`), checked before calamine opens them. calamine reads the whole
//! workbook at once: it follows the container's sector chains to their end (a chain that loops
//! never ends), and builds each sheet as the rectangle its cells span (two cells at opposite
//! corners make 4 billion). So this walks the same chains, one step per sector at most, and adds
//! up the rectangles before calamine does either.
//!
//! The container is a Compound File (MS-CFB): a header, a table of sector chains (FAT), a
//! directory naming each stream's first sector, and small streams in 64-byte mini sectors. The
//! workbook stream is a run of BIFF records (MS-XLS): a type, a length, the data.

/// A Compound File starts with these bytes.
pub(super) const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Sector numbers at or above this are markers, not sectors.
const MARKERS: u32 = 0xFFFF_FFFA;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
/// Streams shorter than this live in mini sectors.
const MINI_CUTOFF: usize = 4096;
const MINI: usize = 64;

/// The most cells all sheets may span together (and one sheet may declare), counted as calamine
/// lays them out: its rectangle of every cell from the top-left filled one to the bottom-right.
/// A prompt sheet of 10,000 scenes by 12 columns spans 120,000.
pub(super) const MAX_SPAN: u64 = 1_000_000;

/// Whether calamine can read `bytes` without looping or building a huge sheet; why not, in words.
pub(super) fn check(bytes: &[u8]) -> Result<(), crate::message::Message> {
    let stream = Container::new(bytes)?.workbook()?;
    spans(&stream)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn broken() -> crate::message::Message {
    crate::msg!("import-xls-broken")
}

fn looping() -> crate::message::Message {
    crate::msg!("import-xls-loop")
}

struct Container<'a> {
    bytes: &'a [u8],
    sector: usize,
    /// How many sectors the file holds: no chain is longer.
    sectors: usize,
    fat: Vec<u32>,
}

impl<'a> Container<'a> {
    /// Reads the header and the FAT as calamine does, refusing a FAT longer than the file.
    fn new(bytes: &'a [u8]) -> Result<Self, crate::message::Message> {
        let sector = match u16_at(bytes, 30).ok_or_else(broken)? {
            9 => 512,
            12 => 4096,
            _ => return Err(broken()),
        };
        if bytes.len() < sector {
            return Err(broken());
        }
        let sectors = bytes.len() / sector;
        let mut c = Container {
            bytes,
            sector,
            sectors,
            fat: Vec::new(),
        };
        // The FAT's own sectors: 109 in the header, more in a chain of DIFAT sectors (the last
        // entry of each names the next).
        let mut difat: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 76 + 4 * i)).collect();
        let mut next = u32_at(bytes, 68).ok_or_else(broken)?;
        let mut steps = 0;
        while next < MARKERS {
            steps += 1;
            if steps > sectors + 1 {
                return Err(looping());
            }
            let s = c.sector_at(next).ok_or_else(broken)?;
            difat.extend(s.chunks_exact(4).filter_map(|b| u32_at(b, 0)));
            next = difat.pop().ok_or_else(broken)?;
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFAT_SECTOR).collect();
        if fat_sectors.len() > sectors {
            return Err(looping());
        }
        for id in fat_sectors {
            let s = c.sector_at(id).ok_or_else(broken)?;
            c.fat.extend(s.chunks_exact(4).filter_map(|b| u32_at(b, 0)));
        }
        Ok(c)
    }

    /// Sector `id`'s bytes (fewer at the end of the file), as calamine reads them.
    fn sector_at(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.sector)?;
        if id as usize > self.sectors || start > self.bytes.len() {
            return None;
        }
        Some(&self.bytes[start..(start + self.sector).min(self.bytes.len())])
    }

    /// A chain's bytes up to `len`: the walk calamine makes, which must end within as many
    /// steps as there are sectors (`read` gives sector `id`'s bytes).
    fn chain(
        &self,
        mut id: u32,
        fat: &[u32],
        len: usize,
        most_steps: usize,
        read: impl Fn(u32) -> Option<&'a [u8]>,
    ) -> Result<Vec<u8>, crate::message::Message> {
        let mut out = Vec::new();
        let mut steps = 0;
        while id != END_OF_CHAIN {
            steps += 1;
            if steps > most_steps {
                return Err(looping());
            }
            let s = read(id).ok_or_else(broken)?;
            out.extend_from_slice(&s[..s.len().min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            id = *fat.get(id as usize).ok_or_else(broken)?;
        }
        Ok(out)
    }

    /// The workbook stream ("Workbook", or "Book" in older files), found as calamine finds it.
    fn workbook(&self) -> Result<Vec<u8>, crate::message::Message> {
        let first_dir = u32_at(self.bytes, 48).ok_or_else(broken)?;
        let dirs = self.chain(first_dir, &self.fat, usize::MAX, self.sectors, |id| {
            self.sector_at(id)
        })?;
        let entries: Vec<Entry> = dirs.chunks_exact(128).map(Entry::new).collect();
        let root = entries.first().ok_or_else(broken)?;
        let large = self.sector == 4096;
        let mini_fat_len = u32_at(self.bytes, 64).ok_or_else(broken)? as usize;
        let (mini_fat, mini_stream) = if mini_fat_len > 0 {
            let stream =
                self.chain(root.start, &self.fat, root.len(large), self.sectors, |id| {
                    self.sector_at(id)
                })?;
            let start = u32_at(self.bytes, 60).ok_or_else(broken)?;
            let table = self.chain(
                start,
                &self.fat,
                mini_fat_len.saturating_mul(self.sector),
                self.sectors,
                |id| self.sector_at(id),
            )?;
            let table: Vec<u32> = table.chunks_exact(4).filter_map(|b| u32_at(b, 0)).collect();
            (table, stream)
        } else {
            (Vec::new(), Vec::new())
        };
        let found = ["Workbook", "Book"].iter().find_map(|name| {
            entries
                .iter()
                .find(|e| e.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
        });
        let entry = found.ok_or_else(|| crate::msg!("import-xls-no-workbook"))?;
        let len = entry.len(large);
        if len < MINI_CUTOFF {
            // Mini sectors inside the mini stream; one past its end would read the file itself.
            let minis = mini_stream.len() / MINI;
            self.chain(entry.start, &mini_fat, len, minis, |id| {
                let start = (id as usize).checked_mul(MINI)?;
                mini_stream.get(start..start.checked_add(MINI)?)
            })
        } else {
            self.chain(entry.start, &self.fat, len, self.sectors, |id| {
                self.sector_at(id)
            })
        }
    }
}

/// A directory entry: its name, first sector and length.
struct Entry {
    name: String,
    start: u32,
    len: u64,
}

impl Entry {
    fn new(b: &[u8]) -> Entry {
        let units: Vec<u16> = b[..64]
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        let mut name: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        if let Some(end) = name.find('\0') {
            name.truncate(end);
        }
        let len = u64::from_le_bytes(b[120..128].try_into().unwrap_or_default());
        Entry {
            name,
            start: u32_at(b, 116).unwrap_or(END_OF_CHAIN),
            len,
        }
    }

    /// Version 3 files (512-byte sectors) use only the low 32 bits of the length.
    fn len(&self, large: bool) -> usize {
        let len = if large {
            self.len
        } else {
            self.len & 0xFFFF_FFFF
        };
        usize::try_from(len).unwrap_or(usize::MAX)
    }
}

/// One BIFF record: its type and data (continuation records are records of their own here).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        let kind = u16_at(rest, 0)?;
        let len = u16_at(rest, 2)? as usize;
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((kind, data))
    })
}

/// Adds up what calamine would lay out for every sheet the workbook lists; refuses past
/// [`MAX_SPAN`].
fn spans(stream: &[u8]) -> Result<(), crate::message::Message> {
    let mut sheets = Vec::new();
    for (kind, data) in records(stream) {
        match kind {
            // BoundSheet8: where a sheet's records start.
            0x0085 => sheets.push(u32_at(data, 0).ok_or_else(broken)? as usize),
            // EOF: the end of the workbook's own records.
            0x000A => break,
            _ => {}
        }
    }
    let mut total = 0u64;
    for pos in sheets {
        let Some(records_of_sheet) = stream.get(pos..) else {
            continue;
        };
        let span = sheet_span(records_of_sheet)?;
        total = total.saturating_add(span);
        if total > MAX_SPAN {
            return Err(too_wide());
        }
    }
    Ok(())
}

fn too_wide() -> crate::message::Message {
    crate::msg!(
        "import-xls-too-wide",
        most = crate::message::count(MAX_SPAN as f64)
    )
}

/// The rectangle one sheet's cells span (and a declared size no larger than the limit).
fn sheet_span(stream: &[u8]) -> Result<u64, crate::message::Message> {
    let (mut rows, mut cols) = ((u32::MAX, 0u32), (u32::MAX, 0u32));
    let mut add = |row: u32, col: u32| {
        rows = (rows.0.min(row), rows.1.max(row));
        cols = (cols.0.min(col), cols.1.max(col));
    };
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (kind, data) in records(stream) {
        // Charts and the like nest their own BOF…EOF; calamine skips them.
        if depth > 0 {
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let at = |i| u16_at(data, i).map(u32::from);
        match kind {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            // Dimensions: calamine reserves room for the rectangle they declare.
            0x0200 if declared(data) > MAX_SPAN => return Err(too_wide()),
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: one cell each.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(r), Some(c)) = (at(0), at(2)) {
                    add(r, c);
                }
            }
            // MulRk: a run of cells in one row.
            0x00BD if data.len() >= 6 => {
                if let (Some(r), Some(first), Some(last)) = (at(0), at(2), at(data.len() - 2)) {
                    add(r, first);
                    add(r, last);
                }
            }
            _ => {}
        }
    }
    if rows.0 > rows.1 {
        return Ok(0);
    }
    Ok(u64::from(rows.1 - rows.0 + 1) * u64::from(cols.1 - cols.0 + 1))
}

/// The cells a Dimensions record declares, as calamine reads it (huge when it cannot say).
fn declared(data: &[u8]) -> u64 {
    let fields = match data.len() {
        10 => (|| {
            let at = |i| u16_at(data, i).map(u32::from);
            Some((at(0)?, at(2)?, at(4)?, at(6)?))
        })(),
        14 | 16 => (|| {
            let at = |i| u16_at(data, i).map(u32::from);
            Some((u32_at(data, 0)?, u32_at(data, 4)?, at(8)?, at(10)?))
        })(),
        // calamine refuses the file.
        _ => return 0,
    };
    let Some((first_row, last_row, first_col, last_col)) = fields else {
        return u64::MAX;
    };
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    if last_row < 1 || last_col < 1 {
        return 1;
    }
    // Rows first..last-1, columns likewise; a last before the first wraps in calamine: huge.
    let rows = i64::from(last_row) - i64::from(first_row);
    let cols = i64::from(last_col) - i64::from(first_col);
    if rows < 1 || cols < 1 {
        return u64::MAX;
    }
    (rows as u64).saturating_mul(cols as u64)
}
