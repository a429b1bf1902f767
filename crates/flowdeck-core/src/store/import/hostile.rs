//! Hostile prompt files, built here: each is refused with where and which limit, having read no
//! more of it than the limits allow (the readers count what they take).

use crate::message::En;
use std::io::Read;

use super::*;

#[path = "../../../../../tests/it/kit/sheets.rs"]
mod built;

use built::{ods, ods_text, row, xlsx};

/// A reader that counts the bytes taken from it.
struct Counted<R> {
    inner: R,
    taken: std::rc::Rc<std::cell::Cell<usize>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.taken.set(self.taken.get() + n);
        Ok(n)
    }
}

/// Reads `bytes` as a file of kind `ext`; gives the outcome and how many bytes were taken.
fn read_counted(
    ext: &str,
    bytes: impl Read,
    mode: TextMode,
) -> (Result<Vec<SceneDraft>, ImportError>, usize) {
    let taken = std::rc::Rc::new(std::cell::Cell::new(0));
    let reader = std::io::BufReader::new(Counted {
        inner: bytes,
        taken: taken.clone(),
    });
    let out = read("f", ext, reader, mode);
    (out, taken.get())
}

/// `n` bytes of `a`, never in memory at once.
fn many_a(n: u64) -> impl Read {
    std::io::repeat(b'a').take(n)
}

/// What a refusal must read at most: one scene's budget and a buffer or two.
const READ_AT_MOST: usize = MAX_SCENE_BYTES + (64 << 10);

#[test]
fn a_300_mib_line_is_refused_after_64_kib() {
    for (ext, head, tail, line) in [
        ("txt", &b"fine\n"[..], &b"\n"[..], "line 2"),
        ("csv", b"prompt\nfine\n", b"\n", "line 3"),
        ("csv", b"prompt\nfine\n\"", b"\"\n", "line 3"),
        ("json", b"[\"fine\",\n\"", b"\"]", "line 2"),
    ] {
        let file = head.chain(many_a(300 << 20)).chain(tail);
        let (out, taken) = read_counted(ext, file, TextMode::Lines);
        let e = out.expect_err("refused");
        assert_eq!(
            e.place.as_ref().map(|m| m.en()).as_deref(),
            Some(line),
            "{ext}: {e:?}"
        );
        assert!(
            e.message.en().contains("64 KiB") && e.message.en().contains("5,000"),
            "{ext}: {e:?}"
        );
        assert!(taken <= READ_AT_MOST, "{ext}: read {taken} bytes");
    }
    // Paragraphs too.
    let file = b"fine\n\nand a long one\n".chain(many_a(300 << 20));
    let (out, taken) = read_counted("txt", file, TextMode::Paragraphs);
    assert_eq!(
        out.expect_err("refused")
            .place
            .as_ref()
            .map(|m| m.en())
            .as_deref(),
        Some("line 4")
    );
    assert!(taken <= READ_AT_MOST, "read {taken} bytes");
}

#[test]
fn a_prompt_longer_than_any_service_takes_is_refused_with_its_length() {
    let long = "a".repeat(MAX_PROMPT_CHARS + 1);
    let just = "ạ".repeat(MAX_PROMPT_CHARS);
    for (ext, text, place) in [
        ("txt", format!("ok\n{long}\n"), "line 2"),
        ("csv", format!("prompt\nok\n{long}\n"), "line 3 (row 2)"),
        (
            "json",
            format!("[\"ok\", {{\"prompt\": \"{long}\"}}]"),
            "item 2",
        ),
    ] {
        let e = parse("f", ext, text.as_bytes(), TextMode::Lines).expect_err(ext);
        assert_eq!(
            e.en(),
            format!(
                "f, {place}: the prompt is 5,001 characters long; the longest any video service \
                 accepts is 5,000 (Veo's 1,024 tokens): shorten it or split the scene"
            )
        );
    }
    // Characters, not bytes: 5,000 Vietnamese letters of 3 bytes each are fine.
    assert_eq!(ok_parse("txt", &just).len(), 1);
    assert_eq!(ok_parse("csv", &format!("prompt\n{just}\n")).len(), 1);
    // Lines joined into one paragraph count together, from the line it starts on.
    let half = "b".repeat(MAX_PROMPT_CHARS / 2);
    let e = parse(
        "f",
        "txt",
        format!("x\n\n{half}\n{half}\n").as_bytes(),
        TextMode::Paragraphs,
    )
    .expect_err("5,001 with the space");
    assert_eq!(
        e.place.as_ref().map(|m| m.en()).as_deref(),
        Some("line 3"),
        "{e:?}"
    );
}

fn ok_parse(ext: &str, text: &str) -> Vec<SceneDraft> {
    parse("f", ext, text.as_bytes(), TextMode::Lines).expect("parses")
}

#[test]
fn more_scenes_than_a_batch_are_refused_where_the_one_too_many_is() {
    // Two million rows, made as read: refused at the 10,001st scene, having read ~20 KB.
    let many = |head: &'static [u8]| {
        head.chain(Cycle {
            pattern: b"x\n",
            at: 0,
            left: 2_000_000,
        })
    };
    let (out, taken) = read_counted("csv", many(b"prompt\n"), TextMode::Lines);
    let e = out.expect_err("too many");
    assert_eq!(
        e.en(),
        "f, line 10002 (row 10001): more than 10,000 scenes in one file: split it into smaller \
         batches"
    );
    assert!(taken <= READ_AT_MOST, "read {taken} bytes");
    let (out, taken) = read_counted("txt", many(b""), TextMode::Lines);
    assert_eq!(
        out.expect_err("too many")
            .place
            .as_ref()
            .map(|m| m.en())
            .as_deref(),
        Some("line 10001")
    );
    assert!(taken <= READ_AT_MOST, "read {taken} bytes");
    // Exactly as many as a batch may hold is fine.
    let text = "x\n".repeat(MAX_SCENES);
    assert_eq!(ok_parse("txt", &text).len(), MAX_SCENES);
    let json = format!("[{}\"x\"]", "\"x\",".repeat(MAX_SCENES));
    let e = parse("f", "json", json.as_bytes(), TextMode::Lines).expect_err("10,001");
    assert_eq!(
        e.place.as_ref().map(|m| m.en()).as_deref(),
        Some("item 10001"),
        "{e:?}"
    );
}

/// `pattern` `times` times over, made as it is read.
struct Cycle {
    pattern: &'static [u8],
    at: usize,
    left: u64,
}

impl Read for Cycle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() && self.left > 0 {
            buf[n] = self.pattern[self.at];
            n += 1;
            self.at += 1;
            if self.at == self.pattern.len() {
                (self.at, self.left) = (0, self.left - 1);
            }
        }
        Ok(n)
    }
}

fn sheet_err(ext: &str, bytes: &[u8]) -> ImportError {
    parse("f", ext, bytes, TextMode::Lines).expect_err("refused")
}

#[test]
fn a_built_spreadsheet_reads_as_a_spreadsheet_program_would() {
    let book = xlsx(
        "B2:C4",
        &[
            row(2, &[("B2", "Prompt"), ("C2", "copies")]),
            row(3, &[("B3", "a lighthouse at dawn"), ("C3", "2")]),
            row(4, &[("B4", "  ")]),
        ]
        .concat(),
    );
    let s = parse("f", "xlsx", &book, TextMode::Lines).expect("reads");
    assert_eq!(s.len(), 1);
    assert_eq!(
        (
            s[0].prompt.as_str(),
            s[0].copies,
            s[0].place.as_ref().map(|m| m.en()).as_deref()
        ),
        ("a lighthouse at dawn", Some(2), Some("row 3"))
    );
}

/// Two filled cells at opposite corners of the largest sheet: calamine laid out the 17 billion
/// cells between them (550 GB) and the process aborted. Read cell by cell, it is a header and a
/// cell under no heading, refused at once.
#[test]
fn a_sheet_spanning_a1_to_xfd1048576_is_refused_not_laid_out() {
    for corner in ["XFD1048576", "GR1048576"] {
        let book = xlsx(
            &format!("A1:{corner}"),
            &[
                row(1, &[("A1", "prompt")]),
                row(2, &[("A2", "a scene")]),
                row(1_048_576, &[(corner, "x")]),
            ]
            .concat(),
        );
        assert!(book.len() < 2_000, "{} bytes", book.len());
        let started = std::time::Instant::now();
        let e = sheet_err("xlsx", &book);
        assert_eq!(
            e.place.as_ref().map(|m| m.en()).as_deref(),
            Some("row 1048576"),
            "{e:?}"
        );
        assert!(e.message.en().contains("has no heading"), "{e:?}");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}

/// A small file whose part inflates past the limit (here 40 MiB of one cell's text; the issue's
/// was a 1 GiB cell in a 1 MB file) is refused before calamine reads it.
#[test]
fn a_part_that_inflates_past_the_limit_is_refused_before_it_is_read() {
    let book = built::xlsx_with_a_huge_cell(40);
    assert!(book.len() < 200 << 10, "{} bytes", book.len());
    let e = sheet_err("xlsx", &book);
    assert_eq!(e.place, None);
    assert!(
        e.message
            .en()
            .contains("its part xl/worksheets/sheet1.xml unpacks to more than 32 MB"),
        "{e:?}"
    );
    // Under the limit, a 1 MiB cell is read and refused as a scene too long.
    let mut cell = String::from("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
    cell.push_str(&"a".repeat(1 << 20));
    cell.push_str("</t></is></c></row>");
    let book = xlsx("A1:A2", &(row(1, &[("A1", "prompt")]) + &cell));
    let e = sheet_err("xlsx", &book);
    assert_eq!(
        e.place.as_ref().map(|m| m.en()).as_deref(),
        Some("row 2"),
        "{e:?}"
    );
    assert!(e.message.en().contains("64 KiB"), "{e:?}");
}

#[test]
fn a_sheet_of_more_scenes_than_a_batch_is_refused() {
    let rows: String = (1..=MAX_SCENES as u32 + 2)
        .map(|n| match n {
            1 => row(1, &[("A1", "prompt")]),
            n => format!("<row r=\"{n}\"><c r=\"A{n}\"><v>{n}</v></c></row>"),
        })
        .collect();
    let e = sheet_err("xlsx", &xlsx("A1:A10002", &rows));
    assert_eq!(
        e.en(),
        "f, row 10002: more than 10,000 scenes in one file: split it into smaller batches"
    );
}

/// OpenDocument sheets say "this row repeats a million times" in a few bytes; calamine copied
/// every repeat. Read here, a repeated filled row counts as that many scenes.
#[test]
fn an_ods_sheet_of_repeats_is_refused_without_copying_them() {
    // What LibreOffice writes: empty repeats to the sheet's edge, numbers in attributes.
    let good = ods(&format!(
        "<table:table-row><table:table-cell table:number-columns-repeated=\"2\"/>{}{}\
         <table:table-cell table:number-columns-repeated=\"16381\"/></table:table-row>\
         <table:table-row table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>\
         <table:table-row><table:table-cell table:number-columns-repeated=\"2\"/>{}\
         <table:table-cell office:value-type=\"float\" office:value=\"3\"><text:p>3</text:p></table:table-cell></table:table-row>\
         <table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>",
        ods_text("prompt"),
        ods_text("copies"),
        "<table:table-cell office:value-type=\"string\"><text:p>a <text:span>quiet</text:span><text:s text:c=\"2\"/>harbour</text:p>\
         <text:p>at dusk &amp; rain</text:p><office:annotation><text:p>a note</text:p></office:annotation></table:table-cell>",
    ));
    let s = parse("f", "ods", &good, TextMode::Lines).expect("reads");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].prompt, "a quiet  harbour\nat dusk & rain");
    assert_eq!(
        (s[0].copies, s[0].place.as_ref().map(|m| m.en()).as_deref()),
        (Some(3), Some("row 4"))
    );
    // A filled row repeated a million times, a filled cell across every column.
    let bomb = ods(&format!(
        "<table:table-row>{}</table:table-row>\
         <table:table-row table:number-rows-repeated=\"1048575\">\
         <table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell>\
         </table:table-row>",
        ods_text("prompt")
    ));
    assert!(bomb.len() < 2_000, "{} bytes", bomb.len());
    let e = sheet_err("ods", &bomb);
    // 16,384 cells a row: the eighth repeat is one too many.
    assert_eq!(
        e.place.as_ref().map(|m| m.en()).as_deref(),
        Some("row 9"),
        "{e:?}"
    );
    assert!(e.message.en().contains("more than 120,012 cells"), "{e:?}");
    // A run of spaces a billion long is cut at a cell's limit.
    let spaces = ods(&format!(
        "<table:table-row>{}</table:table-row><table:table-row><table:table-cell office:value-type=\"string\">\
         <text:p>a<text:s text:c=\"1000000000\"/>b</text:p></table:table-cell></table:table-row>",
        ods_text("prompt")
    ));
    let e = sheet_err("ods", &spaces);
    assert_eq!(
        e.place.as_ref().map(|m| m.en()).as_deref(),
        Some("row 2"),
        "{e:?}"
    );
    assert!(e.message.en().contains("64 KiB"), "{e:?}");
}

#[test]
fn a_spreadsheet_larger_than_the_limit_is_refused_unread() {
    let big = vec![0u8; (sheet::MAX_FILE + 1) as usize];
    let e = sheet_err("xlsx", &big);
    assert!(
        e.message.en().contains("33 MB") && e.message.en().contains("32 MB"),
        "{e:?}"
    );
}

#[test]
fn an_xls_workbook_reads_and_a_crafted_one_is_refused_before_calamine() {
    use built::{label, number, workbook, xls};
    let scenes = workbook(
        1,
        &[
            label(0, 0, "prompt"),
            label(0, 1, "copies"),
            label(1, 0, "a lighthouse at dawn"),
            number(1, 1, 2.0),
        ],
    );
    let s = parse("f", "xls", &xls(&scenes, |_| {}), TextMode::Lines).expect("reads");
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].prompt.as_str(), s[0].copies),
        ("a lighthouse at dawn", Some(2))
    );
    // Two cells at opposite corners: calamine lays out 65,536 × 65,536 cells (137 GB).
    let corners = workbook(1, &[label(0, 0, "prompt"), number(65_535, 65_535, 1.0)]);
    let e = sheet_err("xls", &xls(&corners, |_| {}));
    assert!(
        e.message.en().contains("more than 1,000,000 cells"),
        "{e:?}"
    );
    // One sheet of 400 rows × 200 columns is fine alone; named by 100 sheets, it is 8 million.
    let wide = [label(0, 0, "prompt"), number(399, 199, 1.0)];
    let e = parse(
        "f",
        "xls",
        &xls(&workbook(1, &wide), |_| {}),
        TextMode::Lines,
    )
    .expect_err("a cell under no heading");
    assert!(e.message.en().contains("no heading"), "{e:?}");
    let e = sheet_err("xls", &xls(&workbook(100, &wide), |_| {}));
    assert!(
        e.message.en().contains("more than 1,000,000 cells"),
        "{e:?}"
    );
    // Declared dimensions calamine would reserve room for.
    let mut dims = Vec::new();
    for v in [0u32, 1_000_000] {
        dims.extend_from_slice(&v.to_le_bytes());
    }
    dims.extend_from_slice(&[0, 0, 0, 1, 0, 0]);
    let declared = workbook(1, &[built::record(0x0200, &dims), label(0, 0, "prompt")]);
    let e = sheet_err("xls", &xls(&declared, |_| {}));
    assert!(
        e.message.en().contains("more than 1,000,000 cells"),
        "{e:?}"
    );
    // The directory's chain looping back: calamine follows it for ever, growing memory.
    let e = sheet_err("xls", &xls(&scenes, |fat| fat[1] = 1));
    assert!(e.message.en().contains("loops back"), "{e:?}");
    let e = sheet_err("xls", &xls(&scenes, |fat| fat[3] = 9_999));
    assert!(e.message.en().contains("broken"), "{e:?}");
}
