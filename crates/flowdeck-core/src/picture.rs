//! What an image file is, from its first bytes: the format and the size in pixels. Pure; the
//! only formats the video services take are read (PNG, JPEG, WebP).

/// An image's format and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picture {
    pub format: Format,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
    Webp,
}

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Webp => "image/webp",
        }
    }
}

/// File extensions of the formats flowdeck sends (for file dialogs and dropped files).
pub const EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];

/// Whether a file's name says it is a picture flowdeck sends (its bytes are checked later).
pub fn is_picture_name(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "png" | "jpg" | "jpeg" | "webp"
        )
    })
}

/// The largest image flowdeck sends (Vertex AI's inline limit; Flow's is not published).
pub const MAX_BYTES: u64 = 20 << 20;

/// The smallest side flowdeck sends: Flow answers a tiny image with no media at all.
pub const MIN_SIDE: u32 = 64;

/// Reads the format and size, or says what the bytes are not.
pub fn sniff(bytes: &[u8]) -> Result<Picture, crate::message::Message> {
    let picture = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg(bytes)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        webp(bytes)
    } else {
        return Err(crate::msg!("picture-not-image"));
    };
    let p = picture.ok_or_else(|| crate::msg!("picture-damaged"))?;
    if p.width < MIN_SIDE || p.height < MIN_SIDE {
        let (width, height) = (p.width, p.height);
        return Err(crate::msg!(
            "picture-too-small",
            width = width,
            height = height,
            least = MIN_SIDE
        ));
    }
    Ok(p)
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?).into())
}

fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 3)?;
    Some(u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16)
}

fn png(b: &[u8]) -> Option<Picture> {
    (b.get(12..16)? == b"IHDR").then_some(())?;
    Some(Picture {
        format: Format::Png,
        width: be32(b, 16)?,
        height: be32(b, 20)?,
    })
}

/// Walks the markers to the first frame header (SOF0–SOF15 but DHT, JPG and DAC).
fn jpeg(b: &[u8]) -> Option<Picture> {
    let mut at = 2;
    loop {
        while *b.get(at)? != 0xFF {
            at += 1;
        }
        while *b.get(at)? == 0xFF {
            at += 1;
        }
        let marker = *b.get(at)?;
        at += 1;
        if matches!(marker, 0xD0..=0xD9 | 0x01) {
            continue;
        }
        let len = u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize;
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let height = u16::from_be_bytes(b.get(at + 3..at + 5)?.try_into().ok()?);
            let width = u16::from_be_bytes(b.get(at + 5..at + 7)?.try_into().ok()?);
            return Some(Picture {
                format: Format::Jpeg,
                width: width.into(),
                height: height.into(),
            });
        }
        at += len;
    }
}

fn webp(b: &[u8]) -> Option<Picture> {
    let (width, height) = match b.get(12..16)? {
        b"VP8 " => (le16(b, 26)? & 0x3FFF, le16(b, 28)? & 0x3FFF),
        b"VP8L" => {
            let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
            ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        b"VP8X" => (le24(b, 24)? + 1, le24(b, 27)? + 1),
        _ => return None,
    };
    Some(Picture {
        format: Format::Webp,
        width,
        height,
    })
}

/// The part of an image a video of `video_w:video_h` shows when the image is centred and
/// cropped to fill it, as Flow writes a crop: `[top, left, bottom, right]` in fractions.
pub fn centred_crop(p: &Picture, video_w: f64, video_h: f64) -> [f64; 4] {
    let image = f64::from(p.width) / f64::from(p.height);
    let video = video_w / video_h;
    if (image - video).abs() < 1e-3 {
        return [0.0, 0.0, 1.0, 1.0];
    }
    if image > video {
        // Wider than the video: keep the full height, trim the sides.
        let keep = video / image;
        let left = (1.0 - keep) / 2.0;
        [0.0, left, 1.0, 1.0 - left]
    } else {
        let keep = image / video;
        let top = (1.0 - keep) / 2.0;
        [top, 0.0, 1.0 - top, 1.0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    /// Written by Pillow (PNG, JPEG, lossy, lossless and extended WebP).
    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
                .join("tests/fixtures/images")
                .join(name),
        )
        .expect("fixture")
    }

    #[test]
    fn formats_and_sizes_are_read_from_the_header() {
        for (name, format, w, h) in [
            ("wide.png", Format::Png, 320, 180),
            ("tall.jpg", Format::Jpeg, 180, 320),
            ("square.webp", Format::Webp, 256, 256),
            ("lossless.webp", Format::Webp, 200, 100),
            ("extended.webp", Format::Webp, 300, 200),
        ] {
            let p = sniff(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!((p.format, p.width, p.height), (format, w, h), "{name}");
        }
    }

    #[test]
    fn what_is_not_a_usable_image_is_said() {
        assert!(sniff(b"GIF89a....").is_err_and(|e| e.en().contains("not a PNG")));
        assert!(sniff(&fixture("wide.png")[..20]).is_err_and(|e| e.en().contains("damaged")));
        assert!(sniff(&fixture("tiny.png")).is_err_and(|e| e.en().contains("too small")));
        assert!(sniff(&[0xFF, 0xD8, 0xFF]).is_err_and(|e| e.en().contains("damaged")));
    }

    /// The reference's capture: a 16:9 image in a 9:16 video is cropped to
    /// `[null,0.3418,1,0.6582]`.
    #[test]
    fn a_crop_centres_the_image_in_the_video() {
        let wide = Picture {
            format: Format::Png,
            width: 1920,
            height: 1080,
        };
        let c = centred_crop(&wide, 9.0, 16.0);
        assert_eq!(c[0], 0.0);
        assert!(
            (c[1] - 0.3418).abs() < 1e-4 && (c[3] - 0.6582).abs() < 1e-4,
            "{c:?}"
        );
        assert_eq!(centred_crop(&wide, 16.0, 9.0), [0.0, 0.0, 1.0, 1.0]);
        let tall = Picture {
            width: 1080,
            height: 1920,
            ..wide
        };
        let c = centred_crop(&tall, 16.0, 9.0);
        assert!(
            (c[0] - 0.3418).abs() < 1e-4 && (c[2] - 0.6582).abs() < 1e-4,
            "{c:?}"
        );
    }
}
