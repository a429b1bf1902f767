//! A zipped spreadsheet (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`) measured before a reader opens it:
//! every part is inflated once into nothing, counting, so a small file cannot unpack into
//! gigabytes in the reader (a 1 MB file holding a 1 GiB cell). What it inflates to is what the
//! reader will get: the count is of the bytes, not of the sizes the file declares.

use std::io::{Cursor, Read};

/// The most a part may inflate to (a 10,000-scene sheet's strings take a few MB).
pub(super) const MAX_PART: u64 = 32 << 20;

/// The most all parts together may inflate to.
const MAX_INFLATED: u64 = 64 << 20;

/// The most parts a spreadsheet may hold (one has a dozen or so; pictures add some).
const MAX_PARTS: usize = 1_000;

/// Which spreadsheet the zip holds.
pub(super) enum Kind {
    Xlsx,
    Xlsb,
    Ods,
}

/// The kind of spreadsheet in `bytes`, once every part is measured; why not, in words.
pub(super) fn measure(bytes: &[u8]) -> Result<Kind, crate::message::Message> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| super::unreadable(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(crate::msg!(
            "import-sheet-many-parts",
            parts = zip.len(),
            most = MAX_PARTS
        ));
    }
    let (mut kind, mut total) = (None, 0);
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| super::unreadable(e.to_string()))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        kind = kind.or(
            match name.to_ascii_lowercase().replace('\\', "/").as_str() {
                "xl/workbook.xml" => Some(Kind::Xlsx),
                "xl/workbook.bin" => Some(Kind::Xlsb),
                "content.xml" => Some(Kind::Ods),
                _ => None,
            },
        );
        let n = std::io::copy(&mut (&mut part).take(MAX_PART + 1), &mut std::io::sink())
            .map_err(|e| super::unreadable(e.to_string()))?;
        total += n;
        if n > MAX_PART || total > MAX_INFLATED {
            let most = if n > MAX_PART { MAX_PART } else { MAX_INFLATED } >> 20;
            return Err(crate::msg!(
                "import-sheet-inflates",
                part = name,
                most = most
            ));
        }
    }
    kind.ok_or_else(|| super::unreadable(crate::msg!("import-sheet-not-a-sheet")))
}
