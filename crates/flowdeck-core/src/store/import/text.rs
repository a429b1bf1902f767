//! Plain text: a scene per line, or per paragraph. Read a line at a time: a line longer than a
//! scene can be is refused where it is, never held whole.

use std::io::BufRead;

use super::{MAX_SCENE_BYTES, Problem, SceneDraft, TextMode, prompt_fits, room_for};

pub(super) fn parse(mut reader: impl BufRead, mode: TextMode) -> Result<Vec<SceneDraft>, Problem> {
    let mut out = Vec::new();
    // The paragraph being read: the line it starts on and its lines so far, joined.
    let mut paragraph: Option<(usize, String)> = None;
    let mut buf = Vec::new();
    let mut number = 0;
    loop {
        number += 1;
        let at = || Some(crate::msg!("import-line", line = number));
        buf.clear();
        let more = next_line(&mut reader, &mut buf, MAX_SCENE_BYTES).map_err(|e| {
            (
                at(),
                crate::msg!("import-file-unreadable", error = e.to_string()),
            )
        })?;
        let line = match more {
            Line::End => "",
            Line::TooLong => return Err((at(), super::scene_too_long())),
            Line::Read => {
                let bytes = buf.strip_suffix(b"\r").unwrap_or(&buf);
                let text = std::str::from_utf8(bytes)
                    .map_err(|_| (at(), crate::msg!("import-not-utf8")))?;
                let text = match number {
                    1 => text.strip_prefix('\u{feff}').unwrap_or(text),
                    _ => text,
                };
                text.trim()
            }
        };
        match mode {
            TextMode::Lines if !line.is_empty() => {
                prompt_fits(line).map_err(|m| (at(), m))?;
                room_for(out.len(), at)?;
                out.push(draft(line.to_string()));
            }
            TextMode::Lines => {}
            TextMode::Paragraphs if line.is_empty() => {
                if let Some((_, text)) = paragraph.take() {
                    out.push(draft(text));
                }
            }
            TextMode::Paragraphs => {
                let (first, text) = paragraph.get_or_insert_with(|| (number, String::new()));
                let first = *first;
                let from = || Some(crate::msg!("import-line", line = first));
                if text.is_empty() {
                    room_for(out.len(), from)?;
                } else {
                    text.push(' ');
                }
                text.push_str(line);
                prompt_fits(text).map_err(|m| (from(), m))?;
            }
        }
        if matches!(more, Line::End) {
            return Ok(out);
        }
    }
}

fn draft(prompt: String) -> SceneDraft {
    SceneDraft {
        prompt,
        ..SceneDraft::default()
    }
}

/// What [`next_line`] read.
enum Line {
    /// A line (without its `\n`).
    Read,
    /// The end of the input.
    End,
    /// More than the limit before the end of the line.
    TooLong,
}

/// Reads one line into `buf`, keeping at most `most` bytes of it.
fn next_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, most: usize) -> std::io::Result<Line> {
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(if any { Line::Read } else { Line::End });
        }
        any = true;
        let end = chunk.iter().position(|b| *b == b'\n');
        let take = end.unwrap_or(chunk.len());
        if buf.len() + take > most {
            return Ok(Line::TooLong);
        }
        buf.extend_from_slice(&chunk[..take]);
        reader.consume(take + usize::from(end.is_some()));
        if end.is_some() {
            return Ok(Line::Read);
        }
    }
}
