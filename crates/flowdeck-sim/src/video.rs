//! The videos the simulator serves: a small real MP4 clip followed by a `free` box that makes
//! every media's bytes unique and brings the file to any size. Any byte range can be produced
//! on demand, so a 1 GiB video never exists in memory.

use std::ops::Range;

use bytes::Bytes;
use futures_util::Stream;

/// A 1 s, 192×108 H.264 + AAC clip made with ffmpeg's test sources.
pub const CLIP: &[u8] = include_bytes!("../../../assets/sim/clip.mp4");

/// Bytes generated per chunk of a streamed body: a multiple of 3, so chunks encoded to
/// base64 one by one concatenate into one valid string.
const CHUNK: usize = 255 << 10;

/// The layout of one media's video.
#[derive(Debug, Clone)]
pub struct Video {
    /// The MP4 it starts with ([`CLIP`], or a test's damaged or crafted one).
    clip: &'static [u8],
    name: Vec<u8>,
    seed: u64,
    size: u64,
    /// Length of the `free` box header (8, or 16 for a 64-bit size).
    header: u64,
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl Video {
    /// The video of media `name`: `size` bytes, or the smallest size that holds the name.
    pub fn new(name: &str, size: Option<u64>) -> Video {
        Video::from_clip(CLIP, name, size)
    }

    /// [`Video::new`] starting with `clip` instead of the real clip.
    pub fn from_clip(clip: &'static [u8], name: &str, size: Option<u64>) -> Video {
        let seed = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        let clip_len = clip.len() as u64;
        let min = clip_len + 8 + name.len() as u64 + 1;
        let size = size.unwrap_or(min).max(min + 8);
        let header = if size - clip_len > u64::from(u32::MAX) {
            16
        } else {
            8
        };
        Video {
            clip,
            name: format!("{name}\n").into_bytes(),
            seed,
            size,
            header,
        }
    }

    pub fn len(&self) -> u64 {
        self.size
    }

    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// Fills `out` with the bytes starting at `offset`.
    pub fn fill(&self, offset: u64, out: &mut [u8]) {
        let clip = self.clip.len() as u64;
        let box_size = self.size - clip;
        let mut header = [0u8; 16];
        if self.header == 8 {
            header[..4].copy_from_slice(&(box_size as u32).to_be_bytes());
            header[4..8].copy_from_slice(b"free");
        } else {
            header[..4].copy_from_slice(&1u32.to_be_bytes());
            header[4..8].copy_from_slice(b"free");
            header[8..16].copy_from_slice(&box_size.to_be_bytes());
        }
        let name_start = clip + self.header;
        let noise_start = name_start + self.name.len() as u64;
        let mut pos = offset;
        let mut i = 0;
        while i < out.len() {
            if pos < clip {
                let n = ((clip - pos) as usize).min(out.len() - i);
                out[i..i + n].copy_from_slice(&self.clip[pos as usize..pos as usize + n]);
                i += n;
                pos += n as u64;
            } else if pos < name_start {
                out[i] = header[(pos - clip) as usize];
                i += 1;
                pos += 1;
            } else if pos < noise_start {
                out[i] = self.name[(pos - name_start) as usize];
                i += 1;
                pos += 1;
            } else {
                // Eight bytes of noise per word, keyed by the word's index.
                let rel = pos - noise_start;
                let word = splitmix(self.seed ^ (rel / 8)).to_le_bytes();
                let skip = (rel % 8) as usize;
                let n = (8 - skip).min(out.len() - i);
                out[i..i + n].copy_from_slice(&word[skip..skip + n]);
                i += n;
                pos += n as u64;
            }
        }
    }

    /// The media a served video belongs to, read back from its bytes (what a service knows
    /// of its own outputs when one is sent back to be extended).
    pub fn media_of(bytes: &[u8]) -> Option<String> {
        let rest = bytes.strip_prefix(CLIP)?;
        let header = if rest.get(..4)? == 1u32.to_be_bytes() {
            16
        } else {
            8
        };
        if rest.get(4..8)? != b"free" {
            return None;
        }
        let name = rest.get(header..)?;
        let end = name.iter().position(|b| *b == b'\n')?;
        String::from_utf8(name[..end].to_vec()).ok()
    }

    /// The whole video (for tests of small sizes).
    pub fn to_vec(&self) -> Vec<u8> {
        let mut v = vec![0; self.size as usize];
        self.fill(0, &mut v);
        v
    }

    /// A body stream of `range`. With `cut_after`, the stream fails after that many bytes,
    /// which drops the connection mid-body. `on_end` runs when the last byte is produced.
    pub fn stream(
        self,
        range: Range<u64>,
        cut_after: Option<u64>,
        on_end: impl FnOnce() + Send + 'static,
    ) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
        let state = (self, range.start, Some(on_end));
        futures_util::stream::unfold(state, move |(video, pos, mut on_end)| async move {
            if pos >= range.end {
                if let Some(f) = on_end.take() {
                    f();
                }
                return None;
            }
            if let Some(cut) = cut_after
                && pos >= range.start + cut
            {
                let err = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "cut by fault");
                return Some((Err(err), (video, range.end, None)));
            }
            let mut len = (range.end - pos).min(CHUNK as u64);
            if let Some(cut) = cut_after {
                len = len.min(range.start + cut - pos).max(1);
            }
            let mut buf = vec![0u8; len as usize];
            video.fill(pos, &mut buf);
            // Now, not on the next poll: a server that knows the length never polls again.
            if pos + len >= range.end
                && let Some(f) = on_end.take()
            {
                f();
            }
            Some((Ok(Bytes::from(buf)), (video, pos + len, on_end)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_served_video_names_its_media() {
        let v = Video::new("abc#0", Some(CLIP.len() as u64 + 400));
        assert_eq!(Video::media_of(&v.to_vec()).as_deref(), Some("abc#0"));
        assert_eq!(Video::media_of(CLIP), None);
        assert_eq!(Video::media_of(b"not a video"), None);
    }

    #[test]
    fn videos_start_with_the_clip_and_differ_per_media() {
        let a = Video::new("media-a", None).to_vec();
        let b = Video::new("media-b", None).to_vec();
        assert_eq!(&a[4..8], b"ftyp");
        assert_ne!(a, b);
        // The tail is a well-formed box that runs to the end of the file.
        let box_size = u32::from_be_bytes(a[CLIP.len()..CLIP.len() + 4].try_into().expect("4"));
        assert_eq!(CLIP.len() + box_size as usize, a.len());
        assert_eq!(&a[CLIP.len() + 4..CLIP.len() + 8], b"free");
    }

    #[test]
    fn any_range_matches_the_whole() {
        let v = Video::new("m", Some(100_000));
        let whole = v.to_vec();
        for (start, len) in [
            (0, 10),
            (CLIP.len() as u64 - 3, 40),
            (54_321, 777),
            (99_990, 10),
        ] {
            let mut part = vec![0; len];
            v.fill(start, &mut part);
            assert_eq!(part, whole[start as usize..start as usize + len]);
        }
    }

    #[test]
    fn huge_sizes_use_a_64_bit_box() {
        let v = Video::new("big", Some(5 << 30));
        let mut head = [0u8; 16];
        v.fill(CLIP.len() as u64, &mut head);
        assert_eq!(&head[..8], &[0, 0, 0, 1, b'f', b'r', b'e', b'e']);
        assert_eq!(
            u64::from_be_bytes(head[8..].try_into().expect("8")),
            (5 << 30) - CLIP.len() as u64
        );
    }
}
