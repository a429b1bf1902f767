//! The batchexecute envelope, both ways, with no I/O (reference section 2).
//!
//! A request's `f.req` is `[[["<rpcid>","<inner JSON as a string>",null,"generic"]]]`. An answer
//! is `)]}'`, then chunks, each a length line and a JSON array; the lengths are not to be trusted
//! (they count UTF-8 bytes, and are off after escapes), so chunks are found by scanning for
//! balanced arrays. A `wrb.fr` entry carries the rpcid at `[1]`, the payload as a JSON string at
//! `[2]` (decoded a second time here), and an error block at `[5]` when `[2]` is null.

use serde_json::{Value, json};

/// The `f.req` form value for one call.
pub fn freq(rpcid: &str, inner: &Value) -> String {
    json!([[[rpcid, inner.to_string(), null, "generic"]]]).to_string()
}

/// The error block of an entry (`[5]`) or an `er` entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fault {
    /// The google.rpc code: 3 INVALID_ARGUMENT, 5 NOT_FOUND, 7 PERMISSION_DENIED,
    /// 8 RESOURCE_EXHAUSTED, 13 INTERNAL, 16 UNAUTHENTICATED.
    pub code: Option<i64>,
    /// `ErrorInfo` reasons and any other upper-case codes in the block
    /// (`PUBLIC_ERROR_UNUSUAL_ACTIVITY`).
    pub reasons: Vec<String>,
}

/// One `wrb.fr` (or `er`) entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frame {
    pub rpcid: Option<String>,
    /// `[2]` decoded; `None` when it was null.
    pub payload: Option<Value>,
    /// `[2]` was a string that is not JSON.
    pub garbled: bool,
    pub fault: Option<Fault>,
}

/// Everything found in one answer body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reply {
    pub frames: Vec<Frame>,
    /// The body names `xsrf`: the page's `at` token was missing or stale.
    pub xsrf: bool,
}

impl Reply {
    /// The entry for `rpcid`, or the only entry when none names it.
    pub fn frame(&self, rpcid: &str) -> Option<&Frame> {
        self.frames
            .iter()
            .find(|f| f.rpcid.as_deref() == Some(rpcid))
            .or_else(|| {
                (self.frames.len() == 1 && self.frames[0].rpcid.is_none()).then(|| &self.frames[0])
            })
    }
}

/// Reads an answer body. Never fails and never panics: what cannot be read is left out.
pub fn parse(body: &str) -> Reply {
    let mut reply = Reply {
        xsrf: body.contains("\"xsrf\""),
        ..Reply::default()
    };
    let text = body.trim_start();
    let text = text.strip_prefix(")]}'").unwrap_or(text);
    for chunk in chunks(text) {
        let Ok(value) = serde_json::from_str::<Value>(chunk) else {
            continue;
        };
        let Some(items) = value.as_array() else {
            continue;
        };
        // A chunk is a list of entries; a lone entry is accepted too.
        if items.first().is_some_and(Value::is_string) {
            read_entry(items, &mut reply);
        } else {
            for entry in items.iter().filter_map(Value::as_array) {
                read_entry(entry, &mut reply);
            }
        }
    }
    reply
}

fn read_entry(entry: &[Value], reply: &mut Reply) {
    match entry.first().and_then(Value::as_str) {
        Some("wrb.fr") => {
            let (payload, garbled) = match entry.get(2) {
                Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
                    Ok(v) => (Some(v), false),
                    Err(_) => (None, true),
                },
                Some(Value::Null) | None => (None, false),
                // Already decoded by someone: take it as it is.
                Some(other) => (Some(other.clone()), false),
            };
            let fault = entry.get(5).filter(|v| !v.is_null()).map(fault);
            reply.frames.push(Frame {
                rpcid: entry.get(1).and_then(Value::as_str).map(str::to_string),
                payload: payload.filter(|p| !p.is_null()),
                garbled,
                fault,
            });
        }
        Some("er") => {
            let code = entry.iter().skip(1).rev().find_map(Value::as_i64);
            reply.frames.push(Frame {
                rpcid: entry.get(1).and_then(Value::as_str).map(str::to_string),
                payload: None,
                garbled: false,
                fault: Some(Fault {
                    code,
                    reasons: Vec::new(),
                }),
            });
        }
        _ => {}
    }
}

/// `[7,null,[["type.googleapis.com/google.rpc.ErrorInfo",["PUBLIC_ERROR_…"]]]]`, or `[5]`.
fn fault(v: &Value) -> Fault {
    let code = match v {
        Value::Array(a) => a.first().and_then(Value::as_i64),
        Value::Number(n) => n.as_i64(),
        _ => None,
    };
    let mut reasons = Vec::new();
    collect_codes(v, &mut reasons, 0);
    aitk_codes(v, &mut reasons, 0);
    Fault { code, reasons }
}

/// Reasons given as numbers: `["type.googleapis.com/….PublicAitkError", [32]]`, named by the
/// protocol table.
fn aitk_codes(v: &Value, out: &mut Vec<String>, depth: usize) {
    let Some(a) = v.as_array().filter(|_| depth <= 16) else {
        return;
    };
    if a.first()
        .and_then(Value::as_str)
        .is_some_and(|t| t.ends_with("PublicAitkError"))
    {
        let table = super::protocol::current();
        for n in a.get(1).and_then(Value::as_array).into_iter().flatten() {
            if let Some(code) = n.as_i64().and_then(|n| table.aitk_reason(n))
                && !out.contains(&code)
            {
                out.push(code);
            }
        }
        return;
    }
    a.iter().for_each(|x| aitk_codes(x, out, depth + 1));
}

/// Upper-case identifiers anywhere in the block (the reasons), at most 16 levels down.
fn collect_codes(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    match v {
        Value::String(s) if is_code(s) && !out.contains(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| collect_codes(x, out, depth + 1)),
        Value::Object(o) => o.values().for_each(|x| collect_codes(x, out, depth + 1)),
        _ => {}
    }
}

fn is_code(s: &str) -> bool {
    s.len() >= 3
        && s.len() <= 120
        && s.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// The balanced top-level arrays of `text`, in order. Length lines and other noise between
/// them are skipped; an array that never closes ends the scan (the answer was cut).
pub(crate) fn chunks(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'[' {
            i += 1;
            continue;
        }
        match closing(bytes, i) {
            Some(end) => {
                out.push(&text[i..=end]);
                i = end + 1;
            }
            None => break,
        }
    }
    out
}

/// The index of the `]` that closes the `[` at `start`, skipping over JSON strings.
fn closing(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' => depth += 1,
            b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Undoes the `\u003d` / `\u0026` escapes some payload URLs still carry after decoding, so a
/// signed URL keeps its whole signature.
pub fn unescape_url(url: &str) -> String {
    url.replace("\\u003d", "=")
        .replace("\\u0026", "&")
        .replace("\\u003D", "=")
        .replace("\\u002F", "/")
        .replace("\\u002f", "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The FGO live capture of 2026-09-23 (reference section 2), with its lying lengths.
    const REFUSAL: &str = ")]}'\n\n193\n[[\"wrb.fr\",\"ogiZ0b\",null,null,null,[7,null,[[\"type.googleapis.com/google.rpc.ErrorInfo\",[\"PUBLIC_ERROR_UNUSUAL_ACTIVITY\"]]]],\"generic\"],[\"di\",429],[\"af.httprm\",429,\"-1234\",26]]\n25\n[[\"e\",4,null,null,229]]\n";

    #[test]
    fn builds_the_three_deep_freq() {
        let f = freq("jHPbke", &json!(["projects/*", [null, ["t"]], [null, 22]]));
        assert_eq!(
            f,
            r#"[[["jHPbke","[\"projects/*\",[null,[\"t\"]],[null,22]]",null,"generic"]]]"#
        );
    }

    #[test]
    fn reads_the_captured_refusal() {
        let r = parse(REFUSAL);
        assert_eq!(r.frames.len(), 1);
        let f = r.frame("ogiZ0b").expect("frame");
        assert_eq!(f.payload, None);
        let fault = f.fault.as_ref().expect("fault");
        assert_eq!(fault.code, Some(7));
        assert_eq!(fault.reasons, ["PUBLIC_ERROR_UNUSUAL_ACTIVITY"]);
        assert!(!r.xsrf);
    }

    #[test]
    fn decodes_the_payload_twice_and_survives_non_ascii_lengths() {
        // The length line counts bytes; "phở" makes it wrong for anyone counting chars.
        let payload = json!([null, 12, [["wf"]], [["idA", "p", "idB", "CAE"]], "phở"]).to_string();
        let entry = json!([["wrb.fr", "YhhmEf", payload, null, null, null, "generic"]]).to_string();
        let body = format!(
            ")]}}'\n\n{}\n{entry}\n7\n[[\"e\",4,null,null,1]]",
            entry.len() - 3
        );
        let r = parse(&body);
        let f = r.frame("YhhmEf").expect("frame");
        assert_eq!(f.payload.as_ref().and_then(|p| p[1].as_i64()), Some(12));
        assert_eq!(f.payload.as_ref().and_then(|p| p[4].as_str()), Some("phở"));
        assert!(f.fault.is_none());
    }

    #[test]
    fn null_payloads_er_entries_xsrf_and_cut_answers() {
        let r = parse(")]}'\n[[\"wrb.fr\",\"YhhmEf\",null,null,null,null,\"generic\"]]");
        let f = r.frame("YhhmEf").expect("frame");
        assert!(f.payload.is_none() && f.fault.is_none());

        let r = parse(")]}'\n[[\"er\",\"jwpduf\",5]]");
        assert_eq!(
            r.frame("jwpduf")
                .and_then(|f| f.fault.clone())
                .and_then(|f| f.code),
            Some(5)
        );

        assert!(parse(")]}'\n[[\"xsrf\",\"AIQ-abc\",null]]").xsrf);

        let r = parse(")]}'\n\n100\n[[\"wrb.fr\",\"nzlxg\",\"[1,2");
        assert!(r.frames.is_empty());
        assert!(parse("").frames.is_empty());
        assert!(parse("<html>sign in</html>").frames.is_empty());
    }

    #[test]
    fn url_escapes_are_undone() {
        assert_eq!(
            unescape_url(
                "https://flow-content.google/video/x?Expires\\u003d1\\u0026Signature\\u003dab"
            ),
            "https://flow-content.google/video/x?Expires=1&Signature=ab"
        );
    }
}
