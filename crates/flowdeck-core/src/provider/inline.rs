//! Pulls an MP4 out of a JSON answer as it streams in, from the first string value under a
//! given key that decodes to an MP4, and decodes the base64 on the fly, so a video delivered
//! inline never sits in memory whole. Other values under that key (an input image echoed back)
//! are passed over.

use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{self, GeneralPurpose, GeneralPurposeConfig};

/// Decode in blocks of this many base64 characters (a multiple of 4).
const BLOCK: usize = 64 << 10;

const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Looking for the key; the number is how much of it matched so far.
    Seeking(usize),
    /// After the key: expecting `:` then `"`.
    Colon,
    Quote,
    InString,
    Escape,
    /// Inside `\uXXXX`: the code so far and digits read.
    Unicode(u32, u8),
    /// Passing over a value that is not the video, up to its closing quote.
    Skipping {
        escaped: bool,
    },
    Done,
}

/// The streaming extractor; see the module comment.
pub struct InlineDecoder {
    key: Vec<u8>,
    state: State,
    pending: Vec<u8>,
    /// The current value's first bytes were checked to be an MP4.
    checked: bool,
    /// Decoded bytes held back until the check.
    head: Vec<u8>,
    /// Videos still to pass over before the one wanted (a multi-video answer).
    skip: usize,
}

impl InlineDecoder {
    /// A decoder for the value of `"<key>"` (e.g. `data`).
    pub fn new(key: &str) -> InlineDecoder {
        InlineDecoder::nth(key, 0)
    }

    /// A decoder for the `n`th (0-based) video under `"<key>"`; earlier videos are passed over.
    pub fn nth(key: &str, n: usize) -> InlineDecoder {
        InlineDecoder {
            key: format!("\"{key}\"").into_bytes(),
            state: State::Seeking(0),
            pending: Vec::with_capacity(BLOCK + 4),
            checked: false,
            head: Vec::new(),
            skip: n,
        }
    }

    /// True once the closing quote of the video string has been read.
    pub fn finished(&self) -> bool {
        self.state == State::Done
    }

    /// Feeds the next piece of the answer; decoded video bytes are appended to `out`.
    pub fn feed(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
        let mut i = 0;
        while i < input.len() {
            let b = input[i];
            match self.state {
                State::Done => return Ok(()),
                State::Seeking(matched) => {
                    self.state = if b == self.key[matched] {
                        if matched + 1 == self.key.len() {
                            State::Colon
                        } else {
                            State::Seeking(matched + 1)
                        }
                    } else {
                        State::Seeking(usize::from(b == self.key[0]))
                    };
                }
                State::Colon => match b {
                    b':' => self.state = State::Quote,
                    b if b.is_ascii_whitespace() => {}
                    _ => self.state = State::Seeking(usize::from(b == self.key[0])),
                },
                State::Quote => match b {
                    b'"' => {
                        self.state = State::InString;
                        self.checked = false;
                        self.head.clear();
                        self.pending.clear();
                    }
                    b if b.is_ascii_whitespace() => {}
                    // null, a number, an object: not the video; look further.
                    _ => self.state = State::Seeking(0),
                },
                State::InString => {
                    // Copy the run up to the next quote or backslash in one go.
                    let run = input[i..]
                        .iter()
                        .position(|&c| c == b'"' || c == b'\\')
                        .unwrap_or(input.len() - i);
                    self.push(&input[i..i + run], out)?;
                    i += run;
                    if self.state != State::InString {
                        // Rejected mid-run: what follows (a quote, an escape) is the skipped
                        // value's, read by `Skipping`.
                        continue;
                    }
                    if i < input.len() {
                        if input[i] == b'"' {
                            self.flush(out, true)?;
                            if self.state == State::InString {
                                self.state = if self.checked {
                                    State::Done
                                } else {
                                    // A short value that never proved to be an MP4.
                                    State::Seeking(0)
                                };
                            } else if self.state == (State::Skipping { escaped: false }) {
                                // Rejected by the final flush: its closing quote is read now.
                                self.state = State::Seeking(0);
                            }
                        } else {
                            self.state = State::Escape;
                        }
                    }
                }
                State::Escape => {
                    self.state = State::InString;
                    match b {
                        b'/' => self.push(b"/", out)?,
                        b'n' | b'r' | b't' => {}
                        b'u' => self.state = State::Unicode(0, 0),
                        _ => return Err("unexpected escape inside the inline video".into()),
                    }
                }
                State::Unicode(code, digits) => {
                    let d = (b as char)
                        .to_digit(16)
                        .ok_or("bad \\u escape inside the inline video")?;
                    let code = code * 16 + d;
                    if digits == 3 {
                        let c = u8::try_from(code)
                            .ok()
                            .filter(u8::is_ascii)
                            .ok_or("non-ASCII character inside the inline video")?;
                        self.state = State::InString;
                        self.push(&[c], out)?;
                    } else {
                        self.state = State::Unicode(code, digits + 1);
                    }
                }
                State::Skipping { escaped } => {
                    self.state = match (escaped, b) {
                        (true, _) => State::Skipping { escaped: false },
                        (false, b'\\') => State::Skipping { escaped: true },
                        (false, b'"') => State::Seeking(0),
                        _ => State::Skipping { escaped: false },
                    };
                }
            }
            i += 1;
        }
        Ok(())
    }

    /// Call at the end of the answer: fails when no video was found or it never ended.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        match self.state {
            State::Done => Ok(()),
            State::InString | State::Escape | State::Unicode(..) => {
                self.flush(out, true)?;
                if self.checked {
                    Err("the answer ended in the middle of the video".into())
                } else {
                    Err("the answer carries no inline video".into())
                }
            }
            _ => Err("the answer carries no inline video".into()),
        }
    }

    fn push(&mut self, chars: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
        for &c in chars {
            if self.state != State::InString {
                // Rejected mid-run: the rest of the value is skipped by the caller's loop.
                return Ok(());
            }
            match c {
                b'-' => self.pending.push(b'+'),
                b'_' => self.pending.push(b'/'),
                c if c.is_ascii_whitespace() => {}
                c => self.pending.push(c),
            }
            if self.pending.len() >= BLOCK {
                self.flush(out, false)?;
            }
        }
        Ok(())
    }

    fn flush(&mut self, out: &mut Vec<u8>, last: bool) -> Result<(), String> {
        let take = if last {
            self.pending.len()
        } else {
            self.pending.len() / 4 * 4
        };
        if take > 0 {
            let mut decoded = Vec::with_capacity(take / 4 * 3);
            let ok = ENGINE
                .decode_vec(&self.pending[..take], &mut decoded)
                .is_ok();
            self.pending.drain(..take);
            if !ok {
                if self.checked {
                    return Err("the inline video is not valid base64".into());
                }
                self.reject();
                return Ok(());
            }
            if self.checked {
                out.extend_from_slice(&decoded);
            } else {
                self.head.extend_from_slice(&decoded);
            }
        }
        if !self.checked && (self.head.len() >= 8 || last) {
            if self.head.len() >= 8 && &self.head[4..8] == b"ftyp" && self.skip > 0 {
                // A video, but an earlier one than wanted.
                self.skip -= 1;
                self.reject();
            } else if self.head.len() >= 8 && &self.head[4..8] == b"ftyp" {
                self.checked = true;
                out.append(&mut self.head);
            } else if self.head.len() >= 8 {
                self.reject();
            }
        }
        Ok(())
    }

    /// This value is not the video: pass over the rest of it.
    fn reject(&mut self) {
        self.pending.clear();
        self.head.clear();
        self.state = State::Skipping { escaped: false };
    }
}

/// Encodes bytes the way the service does; used by the simulator and tests.
pub fn encode(bytes: &[u8]) -> String {
    general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mp4(n: usize) -> Vec<u8> {
        let mut v = vec![0, 0, 0, 0x18, b'f', b't', b'y', b'p'];
        v.extend((0..n as u32).map(|i| (i * 7 % 251) as u8));
        v
    }

    fn decode_in_pieces(json: &[u8], piece: usize) -> Result<Vec<u8>, String> {
        let mut d = InlineDecoder::new("data");
        let mut out = Vec::new();
        for chunk in json.chunks(piece) {
            d.feed(chunk, &mut out)?;
            if d.finished() {
                break;
            }
        }
        d.finish(&mut out)?;
        Ok(out)
    }

    #[test]
    fn the_mp4_is_found_past_other_data_values_across_any_chunk_boundary() {
        let video = mp4(200_000);
        let image = encode(b"\x89PNG\r\n\x1a\nnot a video at all, an echoed input image");
        let json = format!(
            r#"{{"id":"v1_x","steps":[{{"type":"user_input","content":[{{"type":"image","data":"{image}"}},{{"text":"say \"data\" here"}}]}},{{"type":"model_output","content":[{{"type":"video","mime_type":"video/mp4","data" : "{}"}}]}}]}}"#,
            encode(&video)
        );
        for piece in [1, 3, 7, 4096, json.len()] {
            assert_eq!(
                decode_in_pieces(json.as_bytes(), piece).expect("decodes"),
                video,
                "piece {piece}"
            );
        }
    }

    #[test]
    fn the_nth_video_of_several_is_the_one_decoded() {
        let videos: Vec<Vec<u8>> = (0..3).map(|i| mp4(70_000 + i * 11)).collect();
        let items: Vec<String> = videos
            .iter()
            .map(|v| {
                format!(
                    r#"{{"bytesBase64Encoded":"{}","mimeType":"video/mp4"}}"#,
                    encode(v).replace('/', "\\/")
                )
            })
            .collect();
        let json = format!(
            r#"{{"done":true,"response":{{"videos":[{}]}}}}"#,
            items.join(",")
        );
        for (n, video) in videos.iter().enumerate() {
            for piece in [3, 1000, json.len()] {
                let mut d = InlineDecoder::nth("bytesBase64Encoded", n);
                let mut out = Vec::new();
                for chunk in json.as_bytes().chunks(piece) {
                    d.feed(chunk, &mut out).expect("feeds");
                }
                d.finish(&mut out).expect("found");
                assert_eq!(&out, video, "video {n}, piece {piece}");
            }
        }
        let mut d = InlineDecoder::nth("bytesBase64Encoded", 3);
        let mut out = Vec::new();
        d.feed(json.as_bytes(), &mut out).expect("feeds");
        assert!(d.finish(&mut out).is_err(), "there is no fourth video");
    }

    #[test]
    fn json_escapes_and_the_url_safe_alphabet() {
        let video = mp4(5);
        let std = encode(&video);
        let escaped = std.replace('/', "\\/").replace('=', "\\u003d");
        let json = format!(r#"{{"content":[{{"data":"{escaped}"}}]}}"#);
        assert_eq!(
            decode_in_pieces(json.as_bytes(), 2).expect("escaped"),
            video
        );
        let url_safe = std.replace('+', "-").replace('/', "_");
        let json = format!(r#"{{"content":[{{"data":"{url_safe}"}}]}}"#);
        assert_eq!(
            decode_in_pieces(json.as_bytes(), 5).expect("url safe"),
            video
        );
    }

    #[test]
    fn missing_and_cut_videos_are_reported() {
        assert!(decode_in_pieces(br#"{"name":"x"}"#, 4).is_err());
        assert!(decode_in_pieces(br#"{"data":null}"#, 4).is_err());
        assert!(
            decode_in_pieces(br#"{"data":"QUJD"}"#, 4).is_err(),
            "not an MP4"
        );
        let head = encode(&mp4(30));
        let cut = format!(r#"{{"data":"{}"#, &head[..40]);
        assert!(
            decode_in_pieces(cut.as_bytes(), 4)
                .expect_err("cut")
                .contains("middle")
        );
    }
}
