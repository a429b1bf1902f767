//! File names for videos: a template such as `{batch}/{scene:03}_{slug}_{take}.mp4`, filled
//! with values that can never leave the output folder, never form a name Windows refuses, and
//! never collide.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

const PLACEHOLDERS: &[&str] = &[
    "batch", "scene", "slug", "take", "name", "account", "seed", "model", "aspect",
];
/// Device names Windows opens instead of a file, with any extension ("nul.mp4" too); the
/// superscript digits count as digits there.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "conin$", "conout$", "com0", "com1", "com2", "com3", "com4",
    "com5", "com6", "com7", "com8", "com9", "com¹", "com²", "com³", "lpt0", "lpt1", "lpt2", "lpt3",
    "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³",
];
/// Longest slug, in characters (file names stay well under 255 bytes even in UTF-8).
const SLUG_CHARS: usize = 48;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// A placeholder and its zero-padded width (`{scene:03}` → 3).
    Field(&'static str, usize),
}

/// A parsed file-name template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

/// The values for one take.
#[derive(Debug, Clone, Default)]
pub struct NameValues<'a> {
    pub batch: &'a str,
    /// 1-based.
    pub scene: u32,
    pub name: Option<&'a str>,
    pub prompt: &'a str,
    /// 1-based copy number.
    pub take: u32,
    pub account: &'a str,
    pub seed: u32,
    pub model: &'a str,
    pub aspect: &'a str,
}

impl Template {
    pub fn parse(text: &str) -> Result<Template, crate::message::Message> {
        if text.trim().is_empty() {
            return Err(crate::msg!("template-empty"));
        }
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_string()));
            }
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| crate::msg!("template-unclosed", template = text))?
                + open;
            let inner = &rest[open + 1..close];
            let (key, width) = match inner.split_once(':') {
                Some((k, w)) => {
                    let w: usize = w
                        .trim_start_matches('0')
                        .parse()
                        .map_err(|_| crate::msg!("template-width", field = inner))?;
                    (k, w.min(9))
                }
                None => (inner, 0),
            };
            let key = PLACEHOLDERS.iter().find(|p| **p == key).ok_or_else(|| {
                let known = PLACEHOLDERS.join(", ");
                crate::msg!("template-unknown", field = key, known = known)
            })?;
            pieces.push(Piece::Field(key, width));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        let literal: String = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t.as_str()),
                Piece::Field(..) => None,
            })
            .collect();
        if literal.contains('\\') || literal.contains(':') {
            return Err(crate::msg!("template-separators"));
        }
        if text.starts_with('/') || text.split('/').any(|c| c == ".." || c == ".") {
            return Err(crate::msg!("template-outside"));
        }
        let template = Template { pieces };
        // The template must be able to tell copies of one scene apart.
        let sample = |take| NameValues {
            batch: "b",
            scene: 1,
            prompt: "p",
            take,
            ..NameValues::default()
        };
        if template.render(&sample(1)) == template.render(&sample(2)) {
            return Err(crate::msg!("template-copies"));
        }
        Ok(template)
    }

    /// The relative path for a take: every folder and file name is sanitised, and the
    /// result always ends in `.mp4`.
    pub fn render(&self, v: &NameValues<'_>) -> PathBuf {
        let slug = slug(v.name.unwrap_or(v.prompt));
        let mut text = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => text.push_str(t),
                Piece::Field(key, width) => {
                    let value = match *key {
                        "batch" => component(v.batch),
                        "scene" => format!("{:0width$}", v.scene),
                        "take" => format!("{:0width$}", v.take),
                        "seed" => format!("{:0width$}", v.seed),
                        "slug" => slug.clone(),
                        "name" => v.name.map(component).unwrap_or_else(|| slug.clone()),
                        "account" => component(v.account),
                        "model" => component(v.model),
                        "aspect" => component(v.aspect),
                        _ => String::new(),
                    };
                    text.push_str(&value);
                }
            }
        }
        let mut path = PathBuf::new();
        let parts: Vec<&str> = text.split('/').filter(|p| !p.is_empty()).collect();
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            let mut clean = component(part);
            if last && !clean.to_lowercase().ends_with(".mp4") {
                clean.push_str(".mp4");
            }
            path.push(clean);
        }
        if parts.is_empty() {
            path.push("video.mp4");
        }
        path
    }
}

/// A slug that keeps Unicode letters and digits (Vietnamese prompts stay readable).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
        if out.chars().count() >= SLUG_CHARS {
            break;
        }
    }
    let s = out.trim_matches('-').to_string();
    if s.is_empty() {
        "scene".into()
    } else {
        component(&s)
    }
}

/// One folder or file name that every common file system accepts.
pub fn component(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"/\\|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    while s.contains("..") {
        s = s.replace("..", ".");
    }
    // Keep names well under 255 bytes.
    while s.len() > 200 {
        s.pop();
    }
    // Windows drops trailing dots and spaces (a folder so named cannot be opened there); a
    // leading dot hides the file.
    s = s.trim_matches(|c| c == '.' || c == ' ').to_string();
    if s.is_empty() {
        s = "_".into();
    }
    // Windows ignores spaces between a device name and its extension ("nul .mp4").
    let stem = s
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_lowercase();
    if WINDOWS_RESERVED.contains(&stem.as_str()) {
        s.insert(0, '_');
    }
    s
}

/// True when `rel` has only plain components (nothing like `..`, `/` or `C:`).
pub fn is_contained(rel: &Path) -> bool {
    rel.components().all(|c| matches!(c, Component::Normal(_)))
}

/// `rel`, or `rel` with `-2`, `-3`… before the extension, so that it names neither an
/// existing file nor one in `taken` (keys of full paths, compared without case, for Windows
/// and macOS).
pub fn unique(out_dir: &Path, rel: &Path, taken: &HashSet<String>) -> PathBuf {
    let stem = rel
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("video")
        .to_string();
    let ext = rel
        .extension()
        .and_then(|s| s.to_str())
        .unwrap_or("mp4")
        .to_string();
    let parent = rel.parent().map(Path::to_path_buf).unwrap_or_default();
    // The video, its partial download and its sidecar must all be free: a sidecar never
    // overwrites someone else's file.
    let free = |candidate: &Path| {
        let full = out_dir.join(candidate);
        let part = full.with_extension(format!("{ext}.part"));
        let sidecar = sidecar_of(&full);
        !taken.contains(&key(&full))
            && !taken.contains(&key(&sidecar))
            && !full.exists()
            && !part.exists()
            && !sidecar.exists()
    };
    if free(rel) {
        return rel.to_path_buf();
    }
    for n in 2.. {
        let candidate = parent.join(format!("{stem}-{n}.{ext}"));
        if free(&candidate) {
            return candidate;
        }
    }
    unreachable!("an unbounded counter always finds a free name")
}

/// The sidecar that goes with a video.
pub fn sidecar_of(video: &Path) -> PathBuf {
    video.with_extension("json")
}

/// Where a video's last frame is kept when a chained scene starts from it: beside the video,
/// so the user sees what the next scene began with.
pub fn last_frame_of(video: &Path) -> PathBuf {
    video.with_extension("last-frame.png")
}

/// How names are compared for collisions.
pub fn key(rel: &Path) -> String {
    rel.to_string_lossy().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    fn values<'a>(prompt: &'a str, take: u32) -> NameValues<'a> {
        NameValues {
            batch: "b1",
            scene: 7,
            prompt,
            take,
            account: "acc1",
            seed: 42,
            model: "veo-3.1-fast",
            aspect: "landscape",
            name: None,
        }
    }

    #[test]
    fn default_template_renders() {
        let t = Template::parse(crate::store::config::DEFAULT_TEMPLATE).expect("parses");
        assert_eq!(
            t.render(&values("A cat, in a pond!", 2)),
            PathBuf::from("b1/007_a-cat-in-a-pond_2.mp4")
        );
    }

    #[test]
    fn slugs_keep_unicode_letters() {
        assert_eq!(
            slug("Cảnh quay: Hà Nội lúc bình minh"),
            "cảnh-quay-hà-nội-lúc-bình-minh"
        );
        assert_eq!(slug("!!!"), "scene");
        assert_eq!(slug("CON"), "_con");
        assert!(slug(&"ab ".repeat(100)).chars().count() <= SLUG_CHARS);
    }

    #[test]
    fn hostile_values_cannot_escape_or_break_windows() {
        let t = Template::parse("{batch}/{name}_{take}").expect("parses");
        let v = NameValues {
            batch: "../../etc",
            name: Some("..\\..\\x:y*z?"),
            ..values("p", 1)
        };
        let p = t.render(&v);
        assert!(is_contained(&p), "{p:?}");
        let s = p.to_string_lossy().to_string();
        assert!(!s.contains(".."), "{s}");
        for bad in [':', '*', '?', '\\'] {
            assert!(!s.contains(bad), "{s}");
        }
        assert!(s.ends_with(".mp4"));
        let aux = t.render(&NameValues {
            batch: "aux",
            name: Some("nul.txt"),
            ..values("p", 1)
        });
        assert_eq!(aux, PathBuf::from("_aux/_nul.txt_1.mp4"));
    }

    #[test]
    fn no_name_is_one_windows_refuses() {
        for device in [
            "COM0",
            "lpt¹",
            "CONIN$",
            "conout$.mp4",
            "nul .mp4",
            "Com3 .x.y",
        ] {
            assert!(component(device).starts_with('_'), "{device}");
        }
        assert_eq!(component("console"), "console");
        // Cut to length, a name still does not end in a dot or a space.
        for end in [". ", " .", "  ", ".."] {
            let long = format!("{}{end}tail", "a".repeat(198));
            let c = component(&long);
            assert!(!c.ends_with(['.', ' ']) && c.len() <= 200, "{c:?}");
        }
        let t = Template::parse("{batch}/{scene}_{take}").expect("parses");
        let batch = format!("{} {}", "x".repeat(199), "y".repeat(10));
        let p = t.render(&NameValues {
            batch: &batch,
            ..values("p", 1)
        });
        let folder = p.parent().expect("folder").to_string_lossy().to_string();
        assert_eq!(folder, "x".repeat(199), "{p:?}");
    }

    #[test]
    fn bad_templates_are_explained() {
        assert!(Template::parse("../{slug}_{take}").is_err());
        assert!(Template::parse("/abs/{slug}_{take}").is_err());
        assert!(
            Template::parse("{slug}")
                .expect_err("no take")
                .en()
                .contains("{take}")
        );
        assert!(
            Template::parse("{nope}_{take}")
                .expect_err("unknown")
                .en()
                .contains("known")
        );
        assert!(Template::parse("{scene:abc}_{take}").is_err());
        assert!(Template::parse("{scene_{take}").is_err());
    }

    #[test]
    fn names_never_collide() {
        let dir = std::env::temp_dir().join(format!("flowdeck-names-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("b")).expect("dir");
        std::fs::write(dir.join("b/x.mp4"), b"taken").expect("file");
        let mut taken = HashSet::new();
        let first = unique(&dir, Path::new("b/x.mp4"), &taken);
        assert_eq!(first, PathBuf::from("b/x-2.mp4"));
        taken.insert(key(&dir.join(&first)));
        taken.insert(key(&dir.join("B/X-3.MP4")));
        assert_eq!(
            unique(&dir, Path::new("b/x.mp4"), &taken),
            PathBuf::from("b/x-4.mp4")
        );
        std::fs::remove_dir_all(dir).ok();
    }
}
