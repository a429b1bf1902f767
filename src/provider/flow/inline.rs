//! Pulls the `encodedVideo` base64 string out of a JSON answer as it streams in and decodes it
//! on the fly, so a video from `GET /v1/media/{name}` never sits in memory whole.

use base64::Engine;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, general_purpose};

const KEY: &[u8] = b"\"encodedVideo\"";
/// Decode in blocks of this many base64 characters (a multiple of 4).
const BLOCK: usize = 64 << 10;

const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Looking for `"encodedVideo"`; the number is how much of the key matched so far.
    Seeking(usize),
    /// After the key: expecting `:` then `"`.
    Colon,
    Quote,
    InString,
    Escape,
    /// Inside `\uXXXX`: the code so far and digits read.
    Unicode(u32, u8),
    Done,
}

/// The streaming extractor; see the module comment.
pub struct InlineDecoder {
    state: State,
    pending: Vec<u8>,
}

impl Default for InlineDecoder {
    fn default() -> Self {
        InlineDecoder {
            state: State::Seeking(0),
            pending: Vec::with_capacity(BLOCK + 4),
        }
    }
}

impl InlineDecoder {
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
                    self.state = if b == KEY[matched] {
                        if matched + 1 == KEY.len() {
                            State::Colon
                        } else {
                            State::Seeking(matched + 1)
                        }
                    } else if b == KEY[0] {
                        State::Seeking(1)
                    } else {
                        State::Seeking(0)
                    };
                }
                State::Colon => match b {
                    b':' => self.state = State::Quote,
                    b if b.is_ascii_whitespace() => {}
                    _ => self.state = State::Seeking(usize::from(b == KEY[0])),
                },
                State::Quote => match b {
                    b'"' => self.state = State::InString,
                    b if b.is_ascii_whitespace() => {}
                    b'n' => return Err("the answer has no video (encodedVideo is null)".into()),
                    _ => return Err("encodedVideo is not a string".into()),
                },
                State::InString => {
                    // Copy the run up to the next quote or backslash in one go.
                    let run = input[i..]
                        .iter()
                        .position(|&c| c == b'"' || c == b'\\')
                        .unwrap_or(input.len() - i);
                    self.push(&input[i..i + run], out)?;
                    i += run;
                    if i < input.len() {
                        if input[i] == b'"' {
                            self.flush(out, true)?;
                            self.state = State::Done;
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
                        _ => return Err("unexpected escape inside encodedVideo".into()),
                    }
                }
                State::Unicode(code, digits) => {
                    let d = (b as char)
                        .to_digit(16)
                        .ok_or("bad \\u escape inside encodedVideo")?;
                    let code = code * 16 + d;
                    if digits == 3 {
                        let c = u8::try_from(code)
                            .ok()
                            .filter(u8::is_ascii)
                            .ok_or("non-ASCII character inside encodedVideo")?;
                        self.push(&[c], out)?;
                        self.state = State::InString;
                    } else {
                        self.state = State::Unicode(code, digits + 1);
                    }
                }
            }
            i += 1;
        }
        Ok(())
    }

    /// Call at the end of the answer: fails when the video string never ended.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        match self.state {
            State::Done => Ok(()),
            State::Seeking(_) | State::Colon | State::Quote => {
                Err("the answer carries no encodedVideo".into())
            }
            _ => {
                self.flush(out, true)?;
                Err("the answer ended in the middle of the video".into())
            }
        }
    }

    fn push(&mut self, chars: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
        for &c in chars {
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
        if take == 0 {
            return Ok(());
        }
        ENGINE
            .decode_vec(&self.pending[..take], out)
            .map_err(|e| format!("encodedVideo is not valid base64: {e}"))?;
        self.pending.drain(..take);
        Ok(())
    }
}

/// Encodes bytes the way the service does; used by the simulator and tests.
pub fn encode(bytes: &[u8]) -> String {
    general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_in_pieces(json: &[u8], piece: usize) -> Result<Vec<u8>, String> {
        let mut d = InlineDecoder::default();
        let mut out = Vec::new();
        for chunk in json.chunks(piece) {
            d.feed(chunk, &mut out)?;
        }
        d.finish(&mut out)?;
        Ok(out)
    }

    #[test]
    fn decodes_across_any_chunk_boundary() {
        let video: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let json = format!(
            r#"{{"name":"m1","video":{{"seed":1,"prompt":"say \"encodedVideo\" here","encodedVideo" : "{}","model":"veo"}}}}"#,
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
    fn handles_json_escapes_and_url_safe_alphabet() {
        let video = vec![0xfb, 0xff, 0xbf, 0x00, 0x10];
        let std = encode(&video); // "+/+/AAQ=" style characters
        let escaped = std.replace('/', "\\/").replace('=', "\\u003d");
        let json = format!(r#"{{"video":{{"encodedVideo":"{escaped}"}}}}"#);
        assert_eq!(
            decode_in_pieces(json.as_bytes(), 2).expect("escaped"),
            video
        );
        let url_safe = std.replace('+', "-").replace('/', "_");
        let json = format!(r#"{{"video":{{"encodedVideo":"{url_safe}"}}}}"#);
        assert_eq!(
            decode_in_pieces(json.as_bytes(), 5).expect("url safe"),
            video
        );
    }

    #[test]
    fn reports_missing_and_cut_videos() {
        assert!(decode_in_pieces(br#"{"name":"x"}"#, 4).is_err());
        assert!(decode_in_pieces(br#"{"video":{"encodedVideo":null}}"#, 4).is_err());
        let cut = decode_in_pieces(br#"{"video":{"encodedVideo":"AAAA"#, 4).expect_err("cut");
        assert!(cut.contains("middle"));
        assert!(decode_in_pieces(br#"{"video":{"encodedVideo":"A*AA"}}"#, 4).is_err());
    }
}
