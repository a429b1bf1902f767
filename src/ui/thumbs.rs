//! Thumbnails: a video's first frame or a small copy of a picture, decoded off the window's
//! thread when a screen shows it, kept while there is room, and one larger preview at a time.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::words::said;
use iced::Task;
use iced::widget::image::Handle;
use tokio::sync::Semaphore;

/// A thumbnail's width in pixels (rows draw it smaller or at this size).
pub const WIDTH: u32 = 160;
/// A preview's width.
pub const PREVIEW: u32 = 720;

/// Thumbnails kept at most (a 160-pixel frame is ~58 KB): a page of the Queue is 50 rows a
/// batch, a page of History 25 batches of six. Those asked for last are never let go.
pub const KEEP: usize = 400;

/// Two decodes at a time: a batch of a hundred finishing together must not stall the machine.
static DECODERS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(2));

#[derive(Debug, Clone)]
pub enum Thumb {
    Loading,
    Ready {
        handle: Handle,
        width: u32,
        height: u32,
    },
    /// Why there is none (the row shows no picture; the preview says why).
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(PathBuf, u32, Result<Pixels, String>),
}

/// Decoded pixels, RGBA.
#[derive(Debug, Clone)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

#[derive(Default)]
pub struct Thumbs {
    /// Each thumbnail with when a screen last asked for it.
    small: HashMap<PathBuf, (Thumb, u64)>,
    /// How many times screens asked.
    asked: u64,
    /// The one larger picture being looked at.
    preview: Option<(PathBuf, Thumb)>,
}

impl Thumbs {
    pub fn get(&self, path: &Path) -> Option<&Thumb> {
        self.small.get(path).map(|(t, _)| t)
    }

    /// Thumbnails kept (decoded or on their way).
    pub fn kept(&self) -> usize {
        self.small.len()
    }

    pub fn preview(&self) -> Option<(&Path, &Thumb)> {
        self.preview.as_ref().map(|(p, t)| (p.as_path(), t))
    }

    /// What a screen shows now: starts decoding each of `paths` not kept yet, then lets the
    /// longest unasked-for go beyond [`KEEP`].
    pub fn load(&mut self, paths: impl IntoIterator<Item = PathBuf>) -> Task<Message> {
        self.asked += 1;
        let mut tasks = Vec::new();
        for path in paths {
            if let Some((_, asked)) = self.small.get_mut(&path) {
                *asked = self.asked;
                continue;
            }
            self.small
                .insert(path.clone(), (Thumb::Loading, self.asked));
            tasks.push(decode_task(path, WIDTH));
        }
        if self.small.len() > KEEP {
            let mut old: Vec<(u64, PathBuf)> = self
                .small
                .iter()
                .filter(|(_, (_, asked))| *asked < self.asked)
                .map(|(p, (_, asked))| (*asked, p.clone()))
                .collect();
            old.sort_unstable();
            let over = self.small.len() - KEEP;
            for (_, p) in old.into_iter().take(over) {
                self.small.remove(&p);
            }
        }
        Task::batch(tasks)
    }

    /// Shows `path` larger (decoded again at preview size).
    pub fn open_preview(&mut self, path: PathBuf) -> Task<Message> {
        self.preview = Some((path.clone(), Thumb::Loading));
        decode_task(path, PREVIEW)
    }

    pub fn close_preview(&mut self) {
        self.preview = None;
    }

    pub fn update(&mut self, message: Message) {
        let Message::Loaded(path, width, result) = message;
        let thumb = match result {
            Ok(p) => Thumb::Ready {
                handle: Handle::from_rgba(p.width, p.height, p.rgba),
                width: p.width,
                height: p.height,
            },
            Err(e) => Thumb::Failed(e),
        };
        if width == PREVIEW {
            if let Some((shown, t)) = &mut self.preview
                && *shown == path
            {
                *t = thumb;
            }
        } else if let Some((t, _)) = self.small.get_mut(&path) {
            // One let go while decoding is not kept.
            *t = thumb;
        }
    }
}

fn decode_task(path: PathBuf, width: u32) -> Task<Message> {
    let key = path.clone();
    Task::perform(
        async move {
            let _turn = DECODERS.acquire().await;
            tokio::task::spawn_blocking(move || decode(&path, width))
                .await
                .unwrap_or_else(|e| Err(crate::t!("frame-decoder-stopped", error = e.to_string())))
        },
        move |r| Message::Loaded(key.clone(), width, r),
    )
}

/// A video's first frame, or the picture itself, at most `width` wide.
pub fn decode(path: &Path, width: u32) -> Result<Pixels, String> {
    let video = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "mp4" | "mov" | "m4v"));
    if video {
        let frame = crate::frames::read(path, crate::frames::Which::First)
            .map_err(said)?
            .scaled(width);
        return Ok(Pixels {
            width: frame.width,
            height: frame.height,
            rgba: frame.rgba(),
        });
    }
    let picture = image::ImageReader::open(path)
        .map_err(|e| crate::t!("frame-cannot-open", error = e.to_string()))?
        .with_guessed_format()
        .map_err(|e| crate::t!("frame-cannot-read", error = e.to_string()))?
        .decode()
        .map_err(|e| crate::t!("picture-undecodable", error = e.to_string()))?;
    let small = if picture.width() > width {
        picture.thumbnail(width, u32::MAX)
    } else {
        picture
    };
    let rgba = small.to_rgba8();
    Ok(Pixels {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

#[cfg(test)]
#[path = "../../tests/it/kit/videos.rs"]
mod built;

#[cfg(test)]
mod tests {
    use super::*;

    /// A crafted video's decode used to spin for minutes in a decoder slot; now it fails at
    /// once, and the thumbnail shows none.
    #[test]
    fn a_crafted_video_has_no_thumbnail_and_takes_no_time() {
        let dir = std::env::temp_dir().join(format!("flowdeck-thumbs-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("crafted.mp4");
        std::fs::write(&path, super::built::claiming(u32::MAX)).expect("write");
        let started = std::time::Instant::now();
        let e = decode(&path, 96).map(|_| ()).unwrap_err();
        assert!(e.contains("frame table"), "{e}");
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn videos_and_pictures_become_small_rgba() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let video = decode(&root.join("assets/sim/clip.mp4"), 96).expect("video");
        assert_eq!((video.width, video.height), (96, 54));
        assert_eq!(video.rgba.len(), 96 * 54 * 4);
        // Fixtures: wide.png 320×180, tall.jpg 180×320, square.webp 256×256.
        for (file, w, h) in [("wide.png", 160, 90), ("tall.jpg", 160, 284)] {
            let p = decode(&root.join("tests/fixtures/images").join(file), 160).expect(file);
            assert_eq!((p.width, p.height), (w, h), "{file}");
            assert_eq!(p.rgba.len() as u32, p.width * p.height * 4);
        }
        let webp = decode(&root.join("tests/fixtures/images/square.webp"), 64).expect("webp");
        assert_eq!((webp.width, webp.height), (64, 64));
        let e = decode(&root.join("Cargo.toml"), 64).unwrap_err();
        assert!(e.contains("cannot"), "{e}");
    }
}
