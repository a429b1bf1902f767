//! Spreadsheets built byte by byte for tests, hostile ones included: .xlsx and .ods (zips of
//! XML) and .xls (BIFF records in a compound file). Also used by the library's own tests
//! (`src/store/import/hostile.rs`).

use std::io::Write;

/// A zip of `(name, bytes)` parts, deflated.
pub fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("part");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

/// An .xlsx workbook whose one sheet holds `rows` (`<row>` elements, see [`row`]) under
/// `dimension`, with the parts a spreadsheet program writes around them.
pub fn xlsx(dimension: &str, rows: &str) -> Vec<u8> {
    zipped(&xlsx_parts(&sheet_xml(dimension, rows)))
}

/// The sheet part of [`xlsx`].
pub fn sheet_xml(dimension: &str, rows: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <dimension ref=\"{dimension}\"/><sheetData>{rows}</sheetData></worksheet>"
    )
    .into_bytes()
}

/// Every part of an .xlsx workbook around `sheet` (the sheet's XML).
pub fn xlsx_parts(sheet: &[u8]) -> Vec<(&'static str, &[u8])> {
    vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
}

/// Row `n` of inline-string cells: `(reference, text)`.
pub fn row(n: u32, cells: &[(&str, &str)]) -> String {
    let cells: String = cells
        .iter()
        .map(|(r, t)| format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{t}</t></is></c>"))
        .collect();
    format!("<row r=\"{n}\">{cells}</row>")
}

/// An .xlsx file whose cell A2 (under a `prompt` header) holds `cell_mib` MiB of one letter,
/// written through the compressor a MiB at a time (1 GiB makes a file of about 1 MB).
pub fn xlsx_with_a_huge_cell(cell_mib: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().large_file(true);
    for (name, bytes) in xlsx_parts(b"") {
        if name != "xl/worksheets/sheet1.xml" {
            zip.start_file(name, options).expect("part");
            zip.write_all(bytes).expect("write");
        }
    }
    zip.start_file("xl/worksheets/sheet1.xml", options)
        .expect("sheet");
    let head = sheet_xml(
        "A1:A2",
        &(row(1, &[("A1", "prompt")]) + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>"),
    );
    let head = std::str::from_utf8(&head).expect("utf8");
    let (open, close) = head.split_at(head.find("</sheetData>").expect("end"));
    zip.write_all(open.as_bytes()).expect("write");
    let mib = vec![b'a'; 1 << 20];
    for _ in 0..cell_mib {
        zip.write_all(&mib).expect("write");
    }
    zip.write_all(b"</t></is></c></row>").expect("write");
    zip.write_all(close.as_bytes()).expect("write");
    zip.finish().expect("zip").into_inner()
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
</Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
</Relationships>";

const WORKBOOK: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<sheets><sheet name=\"Scenes\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

const WORKBOOK_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
</Relationships>";

/// An .ods workbook whose first table holds `rows` (`<table:table-row>` elements); a second
/// table follows, which is not read.
pub fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\
         <office:body><office:spreadsheet><table:table table:name=\"Scenes\">{rows}\
         </table:table><table:table table:name=\"Other\"><table:table-row><table:table-cell \
         office:value-type=\"string\"><text:p>not read</text:p></table:table-cell>\
         </table:table-row></table:table></office:spreadsheet></office:body>\
         </office:document-content>"
    );
    zipped(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

const MANIFEST: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";

/// An .ods text cell.
pub fn ods_text(t: &str) -> String {
    format!(
        "<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>"
    )
}

/// One BIFF record.
pub fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut r = kind.to_le_bytes().to_vec();
    r.extend_from_slice(&(data.len() as u16).to_le_bytes());
    r.extend_from_slice(data);
    r
}

/// A BIFF8 beginning of file: 0x0005 for the workbook, 0x0010 for a worksheet.
pub fn bof(kind: u16) -> Vec<u8> {
    let mut d = vec![0x00, 0x06];
    d.extend_from_slice(&kind.to_le_bytes());
    d.extend_from_slice(&[0; 12]);
    record(0x0809, &d)
}

/// A text cell (Label; `row`, `col` from 0).
pub fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let mut d = Vec::new();
    for v in [row, col, 0, text.len() as u16] {
        d.extend_from_slice(&v.to_le_bytes());
    }
    d.push(0);
    d.extend_from_slice(text.as_bytes());
    record(0x0204, &d)
}

/// A number cell.
pub fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
    let mut d = Vec::new();
    for v in [row, col, 0] {
        d.extend_from_slice(&v.to_le_bytes());
    }
    d.extend_from_slice(&value.to_le_bytes());
    record(0x0203, &d)
}

/// A workbook stream: the workbook's records naming `sheets` sheets that all start at the one
/// sheet substream holding `cells` (several names for one substream, as a crafted file may).
pub fn workbook(sheets: usize, cells: &[Vec<u8>]) -> Vec<u8> {
    let bound = |pos: u32, i: usize| {
        let name = format!("S{i}");
        let mut d = pos.to_le_bytes().to_vec();
        d.extend_from_slice(&[0, 0, name.len() as u8, 0]);
        d.extend_from_slice(name.as_bytes());
        record(0x0085, &d)
    };
    let globals_len = bof(5).len() + (0..sheets).map(|i| bound(0, i).len()).sum::<usize>() + 4;
    let mut s = bof(5);
    for i in 0..sheets {
        s.extend(bound(globals_len as u32, i));
    }
    s.extend(record(0x000A, &[]));
    s.extend(bof(0x10));
    for c in cells {
        s.extend_from_slice(c);
    }
    s.extend(record(0x000A, &[]));
    s
}

/// An .xls file: `stream` as the "Workbook" stream of a compound file (512-byte sectors, one
/// FAT sector, the stream padded to at least 4,096 bytes so it is not in mini sectors). `edit`
/// may change the sector chains (the FAT) before they are written.
pub fn xls(stream: &[u8], edit: impl FnOnce(&mut [u32])) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let mut stream = stream.to_vec();
    let padded = stream.len().max(4096).div_ceil(512) * 512;
    stream.resize(padded, 0);
    let n = padded / 512;
    assert!(2 + n <= 128, "one FAT sector holds 128 sectors");
    let mut fat = vec![FREE; 128];
    fat[0] = 0xFFFF_FFFD;
    fat[1] = END;
    for i in 0..n {
        fat[2 + i] = if i + 1 == n { END } else { (3 + i) as u32 };
    }
    edit(&mut fat);
    let mut header = Vec::with_capacity(512);
    header.extend_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header.extend_from_slice(&[0; 16]);
    for v in [0x003Eu16, 3, 0xFFFE, 9, 6, 0, 0, 0] {
        header.extend_from_slice(&v.to_le_bytes());
    }
    for v in [0u32, 1, 1, 0, 4096, END, 0, END, 0, 0] {
        header.extend_from_slice(&v.to_le_bytes());
    }
    header.resize(512, 0xFF);
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        e[..units.len()].copy_from_slice(&units);
        if !name.is_empty() {
            e[64..66].copy_from_slice(&((units.len() + 2) as u16).to_le_bytes());
        }
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&FREE.to_le_bytes());
        e[72..76].copy_from_slice(&FREE.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    let mut file = header;
    file.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    file.extend(entry("Root Entry", 5, 1, END, 0));
    file.extend(entry("Workbook", 2, FREE, 2, padded as u32));
    file.extend(entry("", 0, FREE, 0, 0));
    file.extend(entry("", 0, FREE, 0, 0));
    file.extend(stream);
    file
}
