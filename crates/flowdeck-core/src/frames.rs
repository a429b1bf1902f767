//! Frames of a video file, decoded here (no external program): the first, for thumbnails, and
//! the last, the start image of a chained scene on Flow, which has no public extend call.
//! Reads MP4 (H.264) as Veo and Omni deliver it; anything else is an error, never a panic.
//!
//! A crafted file can claim billions of frames in a few bytes, or ask for thousands of decodes
//! to reach its last frame: the frame table must fit in the file, at most [`MAX_FRAMES`] are
//! decoded, and decoding stops at [`DEADLINE`] with an error.

use std::io::{Read, Seek};
use std::path::Path;
use std::time::{Duration, Instant};

use openh264::decoder::{DecodedYUV, Decoder};
use openh264::formats::YUVSource;

/// One decoded frame, 8-bit RGB, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

/// Which frame to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    First,
    Last,
}

/// How long decoding one frame may take, however many it must go through. A real clip's last
/// frame takes well under a second (a 4K clip's whole 8 s, decoded from its first frame, a few
/// seconds on one core); a crafted file that takes longer is given up.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// The most frames decoded to reach one: a 40 s clip at 24 frames a second, from its first
/// key frame, with room to spare. Real clips have a key frame every second or two.
pub const MAX_FRAMES: u32 = 1_500;

/// The first or last frame of the MP4 at `path`, within [`DEADLINE`].
pub fn read(path: &Path, which: Which) -> Result<Frame, crate::message::Message> {
    let file = std::fs::File::open(path)
        .map_err(|e| crate::msg!("frame-cannot-open", error = e.to_string()))?;
    let len = file
        .metadata()
        .map_err(|e| crate::msg!("frame-cannot-read", error = e.to_string()))?
        .len();
    decode(std::io::BufReader::new(file), len, which)
}

/// The first or last frame of an MP4 read from `reader` (`len` bytes), within [`DEADLINE`].
pub fn decode<R: Read + Seek>(
    reader: R,
    len: u64,
    which: Which,
) -> Result<Frame, crate::message::Message> {
    decode_within(reader, len, which, DEADLINE)
}

/// [`decode`], giving up after `limit`.
pub fn decode_within<R: Read + Seek>(
    reader: R,
    len: u64,
    which: Which,
    limit: Duration,
) -> Result<Frame, crate::message::Message> {
    let deadline = Instant::now() + limit;
    // The demuxer and decoder are third-party code fed with downloaded bytes: a panic there
    // is a bad file, not a crash.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        decode_inner(reader, len, which, (deadline, limit))
    }))
    .unwrap_or_else(|_| Err(crate::msg!("frame-undecodable")))
}

/// The bytes of frames an unfragmented track's sample table claims.
fn claimed_bytes(t: &mp4::Mp4Track) -> u64 {
    let stsz = &t.trak.mdia.minf.stbl.stsz;
    if stsz.sample_size > 0 {
        return u64::from(stsz.sample_count) * u64::from(stsz.sample_size);
    }
    stsz.sample_sizes.iter().map(|s| u64::from(*s)).sum()
}

fn decode_inner<R: Read + Seek>(
    reader: R,
    len: u64,
    which: Which,
    (deadline, limit): (Instant, Duration),
) -> Result<Frame, crate::message::Message> {
    let too_slow = || {
        let seconds = limit.as_secs();
        crate::msg!("frame-too-slow", seconds = seconds)
    };
    let mut mp4 = mp4::Mp4Reader::read_header(reader, len)
        .map_err(|e| crate::msg!("frame-not-mp4", error = e.to_string()))?;
    let (track, count, parameter_sets, last_sync) = {
        let (&id, t) = mp4
            .tracks()
            .iter()
            .find(|(_, t)| t.media_type().ok() == Some(mp4::MediaType::H264))
            .ok_or_else(|| crate::msg!("frame-no-h264"))?;
        let sps = t
            .sequence_parameter_set()
            .map_err(|e| crate::msg!("frame-no-parameters", error = e.to_string()))?;
        let pps = t
            .picture_parameter_set()
            .map_err(|e| crate::msg!("frame-no-parameters", error = e.to_string()))?;
        let mut sets = Vec::new();
        for set in [sps, pps] {
            sets.extend_from_slice(&[0, 0, 0, 1]);
            sets.extend_from_slice(set);
        }
        let count = t.sample_count();
        // Every frame is bytes of the file: a table claiming more describes frames that are not
        // there (and would be read one by one).
        let claimed = claimed_bytes(t);
        if t.trafs.is_empty() && claimed > len {
            return Err(crate::msg!(
                "frame-table-too-big",
                claimed = crate::message::count(claimed as f64),
                held = crate::message::count(len as f64)
            ));
        }
        // The last key frame: decoding starts there to reach the last frame.
        let last_sync = match &t.trak.mdia.minf.stbl.stss {
            Some(stss) => stss.entries.iter().copied().filter(|s| *s <= count).max(),
            None => Some(count),
        };
        (id, count, sets, last_sync)
    };
    if count == 0 {
        return Err(crate::msg!("frame-no-frames"));
    }
    let (from, to) = match which {
        Which::First => (1, count.min(MAX_FRAMES)),
        Which::Last => (last_sync.unwrap_or(1).max(1), count),
    };
    if to - from >= MAX_FRAMES {
        let (frames, most) = (
            crate::message::count((to - from + 1) as f64),
            crate::message::count(MAX_FRAMES as f64),
        );
        return Err(crate::msg!("frame-too-many", frames = frames, most = most));
    }
    let mut decoder =
        Decoder::new().map_err(|e| crate::msg!("frame-decoder", error = e.to_string()))?;
    let mut prefix = parameter_sets;
    let mut frame = None;
    for n in from..=to {
        if Instant::now() > deadline {
            return Err(too_slow());
        }
        let Some(sample) = mp4
            .read_sample(track, n)
            .map_err(|e| crate::msg!("frame-unreadable", frame = n, error = e.to_string()))?
        else {
            continue;
        };
        let mut annex_b = std::mem::take(&mut prefix);
        annex_b.extend(to_annex_b(&sample.bytes)?);
        match decoder.decode(&annex_b) {
            // Only the frame wanted is turned into pixels: a crafted file's thousands of large
            // frames on the way are not.
            Ok(Some(yuv)) if which == Which::First => {
                frame = Some(rgb_of(&yuv));
                break;
            }
            Ok(Some(yuv)) if n == to => frame = Some(rgb_of(&yuv)),
            Ok(Some(_)) => {}
            Ok(None) => {}
            Err(e) => {
                return Err(crate::msg!(
                    "frame-undecodable-at",
                    frame = n,
                    error = e.to_string()
                ));
            }
        }
    }
    // Frames held back for reordering come out at the end.
    if which == Which::Last
        && let Ok(rest) = decoder.flush_remaining()
        && let Some(yuv) = rest.last()
    {
        frame = Some(rgb_of(yuv));
    }
    if Instant::now() > deadline {
        return Err(too_slow());
    }
    frame.ok_or_else(|| crate::msg!("frame-no-frame"))
}

/// A decoded picture as RGB.
fn rgb_of(yuv: &DecodedYUV<'_>) -> Frame {
    let (w, h) = yuv.dimensions();
    let mut rgb = vec![0; w * h * 3];
    yuv.write_rgb8(&mut rgb);
    Frame {
        width: w as u32,
        height: h as u32,
        rgb,
    }
}

/// MP4 samples hold length-prefixed NAL units; the decoder takes start codes.
fn to_annex_b(sample: &[u8]) -> Result<Vec<u8>, crate::message::Message> {
    let mut out = Vec::with_capacity(sample.len() + 16);
    let mut rest = sample;
    while !rest.is_empty() {
        let (len, tail) = rest
            .split_first_chunk::<4>()
            .ok_or_else(|| crate::msg!("frame-cut-length"))?;
        let len = u32::from_be_bytes(*len) as usize;
        let nal = tail.get(..len).ok_or_else(|| crate::msg!("frame-short"))?;
        out.extend_from_slice(&[0, 0, 0, 1]);
        out.extend_from_slice(nal);
        rest = &tail[len..];
    }
    Ok(out)
}

impl Frame {
    /// A smaller copy at most `max_width` wide (never larger), by box averaging.
    pub fn scaled(&self, max_width: u32) -> Frame {
        if self.width <= max_width || self.width == 0 {
            return self.clone();
        }
        let w = max_width.max(1);
        let h = ((u64::from(self.height) * u64::from(w)) / u64::from(self.width)).max(1) as u32;
        let mut rgb = Vec::with_capacity((w * h * 3) as usize);
        for y in 0..h {
            let y0 = y * self.height / h;
            let y1 = ((y + 1) * self.height / h).max(y0 + 1);
            for x in 0..w {
                let x0 = x * self.width / w;
                let x1 = ((x + 1) * self.width / w).max(x0 + 1);
                let mut sum = [0u32; 3];
                for sy in y0..y1 {
                    for sx in x0..x1 {
                        let i = ((sy * self.width + sx) * 3) as usize;
                        for (s, v) in sum.iter_mut().zip(&self.rgb[i..i + 3]) {
                            *s += u32::from(*v);
                        }
                    }
                }
                let n = (y1 - y0) * (x1 - x0);
                rgb.extend(sum.iter().map(|s| (s / n) as u8));
            }
        }
        Frame {
            width: w,
            height: h,
            rgb,
        }
    }

    /// The pixels with an opaque alpha channel, as image widgets take them.
    pub fn rgba(&self) -> Vec<u8> {
        self.rgb
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect()
    }

    /// The frame as a PNG file's bytes.
    pub fn png(&self) -> Result<Vec<u8>, crate::message::Message> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| crate::msg!("frame-png", error = e.to_string()))?;
        writer
            .write_image_data(&self.rgb)
            .map_err(|e| crate::msg!("frame-png", error = e.to_string()))?;
        writer
            .finish()
            .map_err(|e| crate::msg!("frame-png", error = e.to_string()))?;
        Ok(out)
    }
}

#[cfg(test)]
#[path = "../../../tests/it/kit/videos.rs"]
pub(crate) mod built;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    const CLIP: &[u8] = include_bytes!("../../../assets/sim/clip.mp4");

    fn frame(which: Which) -> Frame {
        decode(std::io::Cursor::new(CLIP), CLIP.len() as u64, which).expect("decodes")
    }

    /// The mean colour of a box of the frame.
    fn mean(f: &Frame, x0: u32, y0: u32, x1: u32, y1: u32) -> [u32; 3] {
        let mut sum = [0u32; 3];
        for y in y0..y1 {
            for x in x0..x1 {
                let i = ((y * f.width + x) * 3) as usize;
                for (s, v) in sum.iter_mut().zip(&f.rgb[i..i + 3]) {
                    *s += u32::from(*v);
                }
            }
        }
        let n = (x1 - x0) * (y1 - y0);
        sum.map(|s| s / n)
    }

    #[test]
    fn the_first_and_last_frames_of_a_real_clip_decode() {
        // The clip is ffmpeg's test pattern: colour bars, a moving band, a running clock.
        let first = frame(Which::First);
        let last = frame(Which::Last);
        assert_eq!((first.width, first.height), (192, 108));
        assert_eq!((last.width, last.height), (192, 108));
        assert_eq!(first.rgb.len(), 192 * 108 * 3);
        // The bottom-left bar is red-ish in every frame.
        let red = mean(&first, 2, 100, 20, 106);
        assert!(red[0] > 150 && red[1] < 90 && red[2] < 90, "{red:?}");
        // The clock in the corner moved: the two frames differ there.
        assert_ne!(mean(&first, 0, 0, 60, 16), mean(&last, 0, 0, 60, 16));
        assert_ne!(first, last);
    }

    #[test]
    fn frames_scale_down_and_become_pngs() {
        let f = frame(Which::First);
        let small = f.scaled(96);
        assert_eq!((small.width, small.height), (96, 54));
        assert_eq!(small.rgba().len(), 96 * 54 * 4);
        assert_eq!(f.scaled(400), f, "never enlarged");
        let png = f.png().expect("png");
        let pic = crate::picture::sniff(&png).expect("a picture");
        assert_eq!((pic.width, pic.height), (192, 108));
        assert!(small.png().expect("png").starts_with(b"\x89PNG"));
    }

    #[test]
    fn what_is_not_a_video_is_an_error() {
        let no = |b: &[u8]| {
            decode(
                std::io::Cursor::new(b.to_vec()),
                b.len() as u64,
                Which::First,
            )
        };
        assert!(no(b"").is_err());
        assert!(no(b"not a video at all").is_err());
        // A cut file: the header promises frames the bytes do not hold.
        assert!(no(&CLIP[..CLIP.len() / 3]).is_err());
    }

    /// Decodes in a thread, so that a decode that would spin for minutes fails the test instead.
    fn decode_or_hang(bytes: Vec<u8>, which: Which) -> Result<Frame, crate::message::Message> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let len = bytes.len() as u64;
            tx.send(decode(std::io::Cursor::new(bytes), len, which))
                .ok();
        });
        rx.recv_timeout(std::time::Duration::from_secs(20))
            .expect("decoding spun for 20 s")
    }

    /// A table claiming four billion frames in a file of a few kilobytes: the frames it names
    /// past the file were skipped one by one, for minutes. Refused at once.
    #[test]
    fn a_frame_table_larger_than_the_file_is_refused_at_once() {
        let crafted = super::built::claiming(u32::MAX);
        assert!(crafted.len() < 40_000, "{} bytes", crafted.len());
        let started = std::time::Instant::now();
        for which in [Which::Last, Which::First] {
            let e = decode_or_hang(crafted.clone(), which).unwrap_err();
            assert!(e.en().starts_with("its frame table claims "), "{e:?}");
        }
        assert!(started.elapsed() < Duration::from_secs(1));
        // The same file with a truthful table decodes.
        let whole = super::built::frames(2);
        assert_eq!(
            decode_or_hang(whole, Which::Last).expect("decodes").width,
            192
        );
    }

    /// Reaching the last frame from the only key frame would take thousands of decodes: more
    /// than any real clip needs is refused before the first.
    #[test]
    fn more_frames_to_decode_than_the_cap_are_refused() {
        let long = super::built::frames(MAX_FRAMES + 500);
        let started = std::time::Instant::now();
        let e = decode_or_hang(long.clone(), Which::Last).unwrap_err();
        assert!(
            e.en()
                .contains("claims 2,000 frames; flowdeck decodes at most 1,500"),
            "{e:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(1));
        // Its first frame is one decode away.
        assert_eq!(
            decode_or_hang(long, Which::First).expect("first").width,
            192
        );
    }

    #[test]
    fn decoding_stops_at_its_deadline() {
        let e = decode_within(
            std::io::Cursor::new(CLIP),
            CLIP.len() as u64,
            Which::Last,
            Duration::ZERO,
        )
        .unwrap_err();
        assert_eq!(
            crate::message::en(&e),
            "decoding it took longer than 0 s, far longer than a real video takes: it is damaged \
             or crafted"
        );
    }
}
