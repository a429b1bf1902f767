//! Prompt files: `.txt` (a scene per line, or per paragraph), `.csv` and spreadsheets (a header
//! row with `prompt` and optional `model`, `aspect`, `copies`, `seed`, `name`, `duration`,
//! `resolution`, `start_image`, `end_image`, `references`, `continue`), and `.json` (an array
//! of strings or objects with those fields, or `{"scenes": [...]}`).
//!
//! Files come from anywhere, so every reader is bounded: text, CSV and JSON are read a scene at a
//! time (a scene may take at most [`MAX_SCENE_BYTES`] of the file), spreadsheets are measured
//! before they are opened, and no file yields a prompt longer than [`MAX_PROMPT_CHARS`] or more
//! than [`MAX_SCENES`] scenes. A file past a limit is refused with where and which limit.

mod csv;
mod images;
mod json;
mod sheet;
mod table;
mod text;

use std::io::BufRead;
use std::path::{Path, PathBuf};

pub use images::check as check_picture;

use crate::model::{Aspect, DURATIONS, Inputs, Model, Resolution};

/// The longest prompt flowdeck sends, in characters. The longest prompt any of its services
/// documents is Veo 3.1's 1,024 text tokens (Vertex AI and Flow; the Gemini API's Veo had the
/// same), about 4,100 characters of English at Gemini's ~4 characters a token; Omni documents
/// no prompt limit of its own. 5,000 leaves room for long words and stops a runaway line.
pub const MAX_PROMPT_CHARS: usize = 5_000;

/// The most scenes one file (or the Compose box) may hold: a sane batch; more is split.
pub const MAX_SCENES: usize = 10_000;

/// The most bytes one scene may take in a text, CSV or JSON file (a line, a row, an item):
/// every field at its longest with room to spare. Reading stops there, so a hostile file is
/// never held whole.
pub const MAX_SCENE_BYTES: usize = 64 << 10;

/// One scene read from a file; missing fields take the batch's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SceneDraft {
    pub prompt: String,
    pub name: Option<String>,
    pub model: Option<Model>,
    pub aspect: Option<Aspect>,
    pub copies: Option<u8>,
    pub seed: Option<u32>,
    pub duration: Option<u8>,
    pub resolution: Option<Resolution>,
    /// Image paths as written (relative to the prompt file until [`read_file`] resolves them).
    pub inputs: Inputs,
    /// "Continue from scene N" (1-based, an earlier scene of the file).
    pub continues: Option<u32>,
    /// Where in the file the scene is ("line 3 (row 2)", "row 4", "item 2").
    pub place: Option<crate::message::Message>,
}

/// A problem in a prompt file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    /// "line 4", "row 3", "item 2"…
    pub place: Option<crate::message::Message>,
    pub message: crate::message::Message,
}

impl ImportError {
    /// The problem with where it is, for a person.
    pub fn to_message(&self) -> crate::message::Message {
        match &self.place {
            Some(place) => crate::msg!(
                "at-file-place",
                file = self.file.as_str(),
                place = place.clone(),
                why = self.message.clone()
            ),
            None => crate::msg!(
                "at-file",
                file = self.file.as_str(),
                why = self.message.clone()
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextMode {
    /// Every non-empty line is a scene.
    #[default]
    Lines,
    /// Blank lines separate scenes; the lines of a paragraph are joined.
    Paragraphs,
}

/// Reads a prompt file, choosing the format by extension.
pub fn read_file(path: &Path, mode: TextMode) -> Result<Vec<SceneDraft>, ImportError> {
    let file = path.display().to_string();
    let err =
        |place: Option<crate::message::Message>, message: crate::message::Message| ImportError {
            file: file.clone(),
            place,
            message,
        };
    let unreadable = |e: std::io::Error| {
        err(
            None,
            crate::msg!("import-file-unreadable", error = e.to_string()),
        )
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let opened = std::fs::File::open(path).map_err(unreadable)?;
    let mut drafts = if SHEETS.contains(&ext.as_str()) {
        let bytes = sheet::load(opened).map_err(|(p, m)| err(p, m))?;
        parse(&file, &ext, &bytes, mode)?
    } else {
        read(&file, &ext, std::io::BufReader::new(opened), mode)?
    };
    let base = path.parent().unwrap_or(Path::new("."));
    for d in &mut drafts {
        images::resolve(&mut d.inputs, base).map_err(|message| ImportError {
            file: file.clone(),
            place: d.place.clone(),
            message,
        })?;
    }
    Ok(drafts)
}

/// The spreadsheet extensions Import accepts.
pub const SHEETS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// Every prompt-file extension, for file dialogs and dropped files.
pub const KINDS: [&str; 8] = ["txt", "csv", "json", "xlsx", "xlsm", "xls", "xlsb", "ods"];

/// The kinds in words, for messages.
pub fn kinds_in_words() -> crate::message::Message {
    crate::msg!("import-kinds")
}

/// Whether a file's extension is one Import reads.
pub fn is_prompt_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| KINDS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Parses prompt-file bytes; `ext` is `txt`, `csv`, `json` or one of [`SHEETS`].
pub fn parse(
    file: &str,
    ext: &str,
    bytes: &[u8],
    mode: TextMode,
) -> Result<Vec<SceneDraft>, ImportError> {
    if SHEETS.contains(&ext) {
        let scenes = sheet::parse(bytes).map_err(|(p, m)| problem(file, p, m))?;
        return nonempty(scenes, |p, m| problem(file, p, m));
    }
    read(file, ext, bytes, mode)
}

/// Reads a text, CSV or JSON prompt file from `reader`, a scene at a time.
fn read(
    file: &str,
    ext: &str,
    reader: impl BufRead,
    mode: TextMode,
) -> Result<Vec<SceneDraft>, ImportError> {
    let scenes = match ext {
        "txt" | "text" | "md" | "" => text::parse(reader, mode),
        "csv" => csv::parse(reader),
        "json" => json::parse(reader),
        other => {
            return Err(problem(
                file,
                None,
                crate::msg!("import-unknown-type", ext = other),
            ));
        }
    }
    .map_err(|(p, m)| problem(file, p, m))?;
    nonempty(scenes, |p, m| problem(file, p, m))
}

fn problem(
    file: &str,
    place: Option<crate::message::Message>,
    message: crate::message::Message,
) -> ImportError {
    ImportError {
        file: file.to_string(),
        place,
        message,
    }
}

fn nonempty(
    scenes: Vec<SceneDraft>,
    err: impl Fn(Option<crate::message::Message>, crate::message::Message) -> ImportError,
) -> Result<Vec<SceneDraft>, ImportError> {
    if scenes.is_empty() {
        return Err(err(None, crate::msg!("import-no-prompts")));
    }
    // Scenes are numbered in the file's order; a chain points back, never forward.
    for (i, s) in scenes.iter().enumerate() {
        if let Some(n) = s.continues
            && n as usize > i
        {
            let scene = i + 1;
            let message = if n as usize == scene {
                crate::msg!("import-continues-itself", scene = scene)
            } else {
                crate::msg!("import-continues-later", scene = scene, later = n)
            };
            return Err(err(s.place.clone(), message));
        }
    }
    Ok(scenes)
}

pub(super) type Problem = (Option<crate::message::Message>, crate::message::Message);

pub(super) fn field(
    draft: &mut SceneDraft,
    key: &str,
    value: &str,
) -> Result<(), crate::message::Message> {
    let value = value.trim();
    if value.is_empty() && key != "prompt" {
        return Ok(());
    }
    match key {
        "prompt" => {
            if value.is_empty() {
                return Err(crate::msg!("import-empty-prompt"));
            }
            prompt_fits(value)?;
            draft.prompt = value.to_string();
        }
        "name" => draft.name = Some(value.to_string()),
        "model" => draft.model = Some(value.parse()?),
        "aspect" => draft.aspect = Some(value.parse()?),
        "copies" => {
            let n: u8 = value
                .parse()
                .ok()
                .filter(|n| (1..=4).contains(n))
                .ok_or_else(|| crate::msg!("import-copies", value = value))?;
            draft.copies = Some(n);
        }
        "duration" => {
            let d: u8 = value
                .trim_end_matches('s')
                .parse()
                .ok()
                .filter(|d| DURATIONS.contains(d))
                .ok_or_else(|| crate::msg!("import-duration", value = value))?;
            draft.duration = Some(d);
        }
        "resolution" => draft.resolution = Some(value.parse()?),
        "start_image" => draft.inputs.start = Some(PathBuf::from(value)),
        "end_image" => draft.inputs.end = Some(PathBuf::from(value)),
        "references" => {
            draft.inputs.references = value
                .split([';', '|', '\n'])
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(PathBuf::from)
                .collect();
        }
        // "Continue from scene N": `3` or `scene 3`, checked against the file's order later.
        "continue" => {
            let n = value
                .strip_prefix("scene")
                .or_else(|| value.strip_prefix("Scene"))
                .unwrap_or(value)
                .trim();
            let n: u32 = n
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| crate::msg!("import-continue", value = value))?;
            draft.continues = Some(n);
        }
        "seed" => {
            let s: u32 = value
                .parse()
                .ok()
                .filter(|s| *s <= 2_147_483_647)
                .ok_or_else(|| crate::msg!("import-seed", value = value))?;
            draft.seed = Some(s);
        }
        other => return Err(crate::msg!("import-unknown-column", column = other)),
    }
    Ok(())
}

/// Whether a prompt is within [`MAX_PROMPT_CHARS`]; if not, how long it is and the limit.
pub fn prompt_fits(prompt: &str) -> Result<(), crate::message::Message> {
    let chars = prompt.chars().count();
    if chars > MAX_PROMPT_CHARS {
        return Err(crate::msg!(
            "import-prompt-too-long",
            chars = crate::message::count(chars as f64),
            most = crate::message::count(MAX_PROMPT_CHARS as f64)
        ));
    }
    Ok(())
}

/// Refuses the scene after [`MAX_SCENES`] (`count` are already read), where it is.
pub(super) fn room_for(
    count: usize,
    place: impl FnOnce() -> Option<crate::message::Message>,
) -> Result<(), Problem> {
    if count >= MAX_SCENES {
        return Err((
            place(),
            crate::msg!(
                "import-too-many-scenes",
                most = crate::message::count(MAX_SCENES as f64)
            ),
        ));
    }
    Ok(())
}

/// A scene that takes more than [`MAX_SCENE_BYTES`] of the file, in words.
pub(super) fn scene_too_long() -> crate::message::Message {
    let kib = MAX_SCENE_BYTES >> 10;
    crate::msg!(
        "import-scene-too-long",
        kib = kib,
        most = crate::message::count(MAX_PROMPT_CHARS as f64)
    )
}

/// A finished draft: its inputs must go together (the files are checked by [`read_file`]).
pub(super) fn finish(
    mut draft: SceneDraft,
    place: Option<crate::message::Message>,
) -> Result<SceneDraft, crate::message::Message> {
    draft.inputs.kind()?;
    if draft.continues.is_some() && !draft.inputs.is_empty() {
        return Err(crate::msg!("import-chain-no-images"));
    }
    draft.place = place;
    Ok(draft)
}

pub(super) const FIELDS: &[&str] = &[
    "start_image",
    "end_image",
    "references",
    "continue",
    "prompt",
    "name",
    "model",
    "aspect",
    "copies",
    "seed",
    "duration",
    "resolution",
];

#[cfg(test)]
mod hostile;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    fn ok(ext: &str, text: &str) -> Vec<SceneDraft> {
        parse("f", ext, text.as_bytes(), TextMode::Lines).expect("parses")
    }

    fn bad(ext: &str, bytes: &[u8]) -> ImportError {
        parse("f", ext, bytes, TextMode::Lines).expect_err("fails")
    }

    #[test]
    fn text_lines_and_paragraphs() {
        let t = "\u{feff}first scene\r\n\r\n  second scene  \nthird\n";
        assert_eq!(ok("txt", t).len(), 3);
        let p = parse("f", "txt", t.as_bytes(), TextMode::Paragraphs).expect("paragraphs");
        assert_eq!(
            p.iter().map(|d| d.prompt.as_str()).collect::<Vec<_>>(),
            ["first scene", "second scene third"]
        );
    }

    #[test]
    fn csv_with_quotes_and_options() {
        let s = ok(
            "csv",
            "Prompt,copies,aspect,seed,model,name\n\"A cat, in a pond\",2,9:16,42,veo-3.1,cat\nplain,,,,,\n",
        );
        assert_eq!(s[0].prompt, "A cat, in a pond");
        assert_eq!(s[0].copies, Some(2));
        assert_eq!(s[0].aspect, Some(Aspect::Portrait));
        assert_eq!(s[0].model, Some(Model::Veo31));
        assert_eq!(s[0].name.as_deref(), Some("cat"));
        assert_eq!(s[1].copies, None);
        let d = ok("csv", "prompt,duration,resolution\nx,6,1080p\n");
        assert_eq!(
            (d[0].duration, d[0].resolution),
            (Some(6), Some(Resolution::P1080))
        );
        assert!(
            bad("csv", b"prompt,duration\nx,5\n")
                .en()
                .contains("4, 6 or 8")
        );
    }

    #[test]
    fn json_shapes() {
        assert_eq!(ok("json", r#"["a","b"]"#).len(), 2);
        let s = ok(
            "json",
            r#"{"scenes":[{"prompt":"x","copies":3,"seed":7},"y"]}"#,
        );
        assert_eq!((s[0].copies, s[0].seed), (Some(3), Some(7)));
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let e = bad(
            "csv",
            b"prompt,copies\nfirst,1\n\"second, with a quote,1\nthird,1\nfourth,1\n",
        );
        assert_eq!(
            e.place.as_ref().map(|m| m.en()).as_deref(),
            Some("line 3"),
            "{e:?}"
        );
        assert!(e.message.en().contains("never closed"), "{e:?}");
        // Quotes that close, across lines or doubled inside, are fine.
        let d = ok(
            "csv",
            "prompt,copies\n\"two\nlines\",1\n\"say \"\"hi\"\"\",2\nplain \"mid\" quote,1\n",
        );
        assert_eq!(d.len(), 3);
        assert_eq!(d[1].prompt, "say \"hi\"");
    }

    #[test]
    fn errors_say_where_and_what() {
        let e = bad("csv", b"prompt,copies\nok,2\nbad,9\n");
        assert_eq!(
            e.en(),
            "f, line 3 (row 2): copies must be 1 to 4, not \"9\""
        );
        assert!(
            bad("csv", b"text\nx\n")
                .en()
                .contains("no \"prompt\" column")
        );
        assert!(
            bad("csv", b"prompt,colour\nx,red\n")
                .en()
                .contains("unknown column")
        );
        assert!(
            bad("csv", b"prompt,copies\n,2\n")
                .en()
                .contains("prompt is empty")
        );
        assert!(bad("csv", b"prompt,copies\nx\n").en().contains("line 2"));
        assert!(
            bad("json", b"[\"a\",\n{\"prompt\": 3,]")
                .en()
                .contains("line 2")
        );
        assert!(bad("json", br#"[{"prompt":""}]"#).en().contains("item 1"));
        assert!(
            bad("json", br#"[{"text":"x"}]"#)
                .en()
                .contains("no \"prompt\"")
        );
        assert!(bad("json", br#"{"x":1}"#).en().contains("scenes"));
        assert!(
            bad("json", br#"[{"prompt":"a","aspect":"square"}]"#)
                .en()
                .contains("square")
        );
        let utf = bad("txt", b"fine\nbroken \xff here\n");
        assert_eq!(
            utf.place.as_ref().map(|m| m.en()).as_deref(),
            Some("line 2")
        );
        assert!(bad("txt", b"\n  \n").en().contains("no prompts"));
        assert!(bad("docx", b"x").en().contains(".docx"));
    }

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("tests/fixtures/import")
            .join(name);
        std::fs::read(&path).expect("fixture")
    }

    /// `scenes.xlsx` was written by openpyxl (shared strings, numbers stored as numbers, a blank
    /// row, a second sheet): what a spreadsheet program saves.
    #[test]
    fn a_spreadsheet_reads_like_a_csv_file() {
        let s = parse("f", "xlsx", &fixture("scenes.xlsx"), TextMode::Lines).expect("parses");
        assert_eq!(
            s.len(),
            2,
            "the blank row is skipped, the second sheet not read"
        );
        assert_eq!(s[0].prompt, "con chó chạy tung tăng trên đồng cỏ");
        assert_eq!(s[0].name.as_deref(), Some("chó"));
        assert_eq!(s[0].model, Some(Model::Veo31Lite));
        assert_eq!(s[0].aspect, Some(Aspect::Portrait));
        assert_eq!(
            (s[0].copies, s[0].seed, s[0].duration),
            (Some(2), Some(42), Some(8))
        );
        assert_eq!(s[1].prompt, "a lighthouse at dawn, slow push-in");
        assert_eq!(
            (s[1].aspect, s[1].duration),
            (Some(Aspect::Landscape), Some(8))
        );
        assert_eq!(s[1].copies, None);
        // The extension decides, in any case.
        assert!(is_prompt_file(std::path::Path::new("/a/Scenes.XLSX")));
        assert!(!is_prompt_file(std::path::Path::new("/a/scenes.docx")));
    }

    #[test]
    fn spreadsheet_errors_name_the_row_the_program_shows() {
        let e =
            parse("f", "xlsx", &fixture("bad-copies.xlsx"), TextMode::Lines).expect_err("copies 9");
        assert_eq!(e.en(), "f, row 3: copies must be 1 to 4, not \"9\"");
        let e = parse("f", "xlsx", b"PK\x03\x04 not really a zip", TextMode::Lines)
            .expect_err("garbage");
        assert!(
            e.message.en().contains("cannot read the spreadsheet"),
            "{e:?}"
        );
        let e = parse("f", "ods", b"", TextMode::Lines).expect_err("empty");
        assert!(
            e.message.en().contains("cannot read the spreadsheet"),
            "{e:?}"
        );
    }

    #[test]
    fn a_cell_under_no_heading_is_not_dropped_silently() {
        let e = bad("csv", b"prompt,copies,\nx,1,oops\n");
        assert_eq!(
            e.place.as_ref().map(|m| m.en()).as_deref(),
            Some("line 2 (row 1)"),
            "{e:?}"
        );
        assert!(e.message.en().contains("\"oops\" is in column 3"), "{e:?}");
        // An unnamed column that is empty everywhere is fine.
        assert_eq!(ok("csv", "prompt,copies,\nx,1,\n").len(), 1);
    }

    /// A folder with a prompt file beside two images (copied from tests/fixtures/images),
    /// removed when dropped.
    struct Folder(std::path::PathBuf);

    impl Drop for Folder {
        fn drop(&mut self) {
            std::fs::remove_dir_all(&self.0).ok();
        }
    }

    #[test]
    fn scenes_continue_earlier_ones_by_number() {
        let s = ok(
            "csv",
            "prompt,continue\nshe opens the door,\nshe steps out,1\nthe street,scene 2\n",
        );
        assert_eq!(
            s.iter().map(|d| d.continues).collect::<Vec<_>>(),
            vec![None, Some(1), Some(2)]
        );
        let j = ok("json", r#"[{"prompt":"a"},{"prompt":"b","continue":1}]"#);
        assert_eq!(j[1].continues, Some(1));
        let bad = |ext: &str, text: &str| {
            parse("f", ext, text.as_bytes(), TextMode::Lines)
                .unwrap_err()
                .en()
        };
        assert_eq!(
            bad("csv", "prompt,continue\na,2\nb,\n"),
            "f, line 2 (row 1): scene 1 continues scene 2, which comes later: a scene can only \
             continue an earlier one"
        );
        assert!(bad("csv", "prompt,continue\na,\nb,2\n").contains("continues itself"));
        assert!(bad("csv", "prompt,continue\na,\nb,first\n").contains("not \"first\""));
        assert!(bad("csv", "prompt,continue\na,\nb,0\n").contains("not \"0\""));
        assert!(
            bad("csv", "prompt,continue,start_image\na,,\nb,1,x.png\n").contains("takes no images")
        );
    }

    fn folder_with_images() -> Folder {
        let dir = std::env::temp_dir().join(format!("flowdeck-import-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("pics")).expect("dir");
        let images = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("tests/fixtures/images");
        for (from, to) in [
            ("wide.png", "pics/first.png"),
            ("tall.jpg", "pics/last.jpg"),
            ("square.webp", "hero.webp"),
            ("tiny.png", "pics/tiny.png"),
        ] {
            std::fs::copy(images.join(from), dir.join(to)).expect("copy");
        }
        std::fs::write(dir.join("notes.txt"), "not an image").expect("write");
        Folder(dir)
    }

    fn read(dir: &Folder, name: &str, text: &str) -> Result<Vec<SceneDraft>, ImportError> {
        let path = dir.0.join(name);
        std::fs::write(&path, text).expect("write");
        read_file(&path, TextMode::Lines)
    }

    #[test]
    fn images_are_found_beside_the_prompt_file() {
        let dir = folder_with_images();
        let s = read(
            &dir,
            "scenes.csv",
            "prompt,start_image,end_image,references\n\
             a sunrise,pics/first.png,pics/last.jpg,\n\
             our hero walks,,,hero.webp; pics/first.png\n\
             plain text,,,\n",
        )
        .expect("reads");
        assert_eq!(s[0].inputs.start, Some(dir.0.join("pics/first.png")));
        assert_eq!(s[0].inputs.end, Some(dir.0.join("pics/last.jpg")));
        assert_eq!(
            s[1].inputs.references,
            [dir.0.join("hero.webp"), dir.0.join("pics/first.png")]
        );
        assert!(s[2].inputs.is_empty());
        let j = read(
            &dir,
            "scenes.json",
            r#"[{"prompt":"x","references":["hero.webp","pics/last.jpg"]},{"prompt":"y","start_image":"pics/first.png"}]"#,
        )
        .expect("json");
        assert_eq!(j[0].inputs.references.len(), 2);
        assert_eq!(j[1].inputs.start, Some(dir.0.join("pics/first.png")));
    }

    #[test]
    fn a_bad_image_is_named_with_its_row_before_anything_is_spent() {
        let dir = folder_with_images();
        let cases = [
            (
                "prompt,start_image\nok,pics/first.png\nx,pics/missing.png\n",
                "line 3 (row 2)",
                "there is no file at",
            ),
            (
                "prompt,start_image\nx,notes.txt\n",
                "line 2 (row 1)",
                "not a PNG, JPEG or WebP",
            ),
            (
                "prompt,start_image\nx,pics/tiny.png\n",
                "line 2 (row 1)",
                "too small",
            ),
            (
                "prompt,start_image\nx,pics\n",
                "line 2 (row 1)",
                "is not a file",
            ),
            (
                "prompt,end_image\nx,pics/last.jpg\n",
                "line 2 (row 1)",
                "needs a start image",
            ),
            (
                "prompt,start_image,references\nx,pics/first.png,hero.webp\n",
                "line 2 (row 1)",
                "not both",
            ),
            (
                "prompt,references\nx,a.png;b.png;c.png;d.png\n",
                "line 2 (row 1)",
                "at most 3",
            ),
        ];
        for (text, place, why) in cases {
            let e = read(&dir, "s.csv", text).expect_err(why);
            assert_eq!(
                e.place.as_ref().map(|m| m.en()).as_deref(),
                Some(place),
                "{e:?}"
            );
            assert!(e.message.en().contains(why), "{why}: {e:?}");
        }
        let e = read(&dir, "s.json", r#"[{"prompt":"x","references":[1]}]"#).expect_err("numbers");
        assert!(e.message.en().contains("file paths"), "{e:?}");
    }
}
