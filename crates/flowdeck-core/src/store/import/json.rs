//! JSON: an array of strings or objects, or `{"scenes": [...]}`, read an item at a time: no item
//! may take more than [`MAX_SCENE_BYTES`] of the file, so a hostile file is never held whole.

use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;

use serde::de::{
    DeserializeSeed, Deserializer as _, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::Value;

use super::{MAX_SCENE_BYTES, Problem, SceneDraft, field, finish, room_for};

pub(super) fn parse(reader: impl Read) -> Result<Vec<SceneDraft>, Problem> {
    let shared = Rc::new(RefCell::new(Reading::default()));
    let mut de = serde_json::Deserializer::from_reader(Budget {
        inner: reader,
        shared: shared.clone(),
    });
    let mut scenes = Vec::new();
    let read = de
        .deserialize_any(Top {
            shared: &shared,
            scenes: &mut scenes,
        })
        .and_then(|()| de.end());
    if let Err(e) = read {
        if let Some(problem) = shared.borrow_mut().stop.take() {
            return Err(problem);
        }
        if e.is_data() {
            return Err((None, crate::msg!("import-json-shape")));
        }
        let (line, column) = (e.line(), e.column());
        return Err((
            Some(crate::msg!(
                "import-line-column",
                line = line,
                column = column
            )),
            crate::msg!("import-bad-json", error = e.to_string()),
        ));
    }
    Ok(scenes)
}

/// What the reader and the visitors share: bytes since the current item began, the line, the
/// line the item's first byte is on (none yet), and why reading stopped (when it was not the
/// JSON itself).
#[derive(Default)]
struct Reading {
    used: usize,
    line: usize,
    item_line: Option<usize>,
    stop: Option<Problem>,
}

impl Reading {
    /// Stops reading with `problem`; the deserializer's own error is then ignored.
    fn stop<E: serde::de::Error>(&mut self, problem: Problem) -> E {
        self.stop = Some(problem);
        E::custom("stopped")
    }
}

/// The file's bytes, counted against [`MAX_SCENE_BYTES`] since the current item began.
struct Budget<R> {
    inner: R,
    shared: Rc<RefCell<Reading>>,
}

impl<R: Read> Read for Budget<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut s = self.shared.borrow_mut();
        s.used += n;
        for b in &buf[..n] {
            if s.item_line.is_none() && !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b',') {
                s.item_line = Some(s.line + 1);
            }
            s.line += usize::from(*b == b'\n');
        }
        if s.used > MAX_SCENE_BYTES {
            let line = s.item_line.unwrap_or(s.line + 1);
            s.stop = Some((
                Some(crate::msg!("import-line", line = line)),
                super::scene_too_long(),
            ));
            return Err(std::io::Error::other("too long"));
        }
        Ok(n)
    }
}

/// The whole file: an array of scenes, or an object with one.
struct Top<'a> {
    shared: &'a Rc<RefCell<Reading>>,
    scenes: &'a mut Vec<SceneDraft>,
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of scenes")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        items(self.shared, self.scenes, seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "scenes" && !found {
                found = true;
                map.next_value_seed(Items {
                    shared: self.shared,
                    scenes: &mut *self.scenes,
                })?;
            } else if key == "scenes" {
                return Err(A::Error::custom("two scene lists"));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !found {
            return Err(A::Error::custom("no scene list"));
        }
        Ok(())
    }
}

/// The list of scenes under `"scenes"`.
struct Items<'a> {
    shared: &'a Rc<RefCell<Reading>>,
    scenes: &'a mut Vec<SceneDraft>,
}

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of scenes")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        items(self.shared, self.scenes, seq)
    }
}

/// Reads the scenes one by one, each within its own byte budget.
fn items<'de, A: SeqAccess<'de>>(
    shared: &Rc<RefCell<Reading>>,
    scenes: &mut Vec<SceneDraft>,
    mut seq: A,
) -> Result<(), A::Error> {
    loop {
        {
            let mut s = shared.borrow_mut();
            (s.used, s.item_line) = (0, None);
        }
        let Some(value) = seq.next_element::<Value>()? else {
            return Ok(());
        };
        let i = scenes.len();
        let place = || {
            let item = i + 1;
            Some(crate::msg!("import-item", item = item))
        };
        let draft = room_for(i, place).and_then(|()| scene(i, &value));
        match draft {
            Ok(d) => scenes.push(d),
            Err(problem) => return Err(shared.borrow_mut().stop(problem)),
        }
    }
}

/// Item `i` (0-based) of the list as a scene.
fn scene(i: usize, item: &Value) -> Result<SceneDraft, Problem> {
    let place = || {
        let item = i + 1;
        Some(crate::msg!("import-item", item = item))
    };
    let mut draft = SceneDraft::default();
    match item {
        Value::String(s) => field(&mut draft, "prompt", s).map_err(|m| (place(), m))?,
        Value::Object(o) => {
            if !o.contains_key("prompt") {
                return Err((place(), crate::msg!("import-json-no-prompt")));
            }
            for (k, val) in o {
                let text = match val {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Null => String::new(),
                    // A list of reference images.
                    Value::Array(items) if k == "references" => {
                        let mut paths = Vec::new();
                        for item in items {
                            match item.as_str() {
                                Some(p) => paths.push(p.to_string()),
                                None => {
                                    return Err((place(), crate::msg!("import-references-paths")));
                                }
                            }
                        }
                        paths.join("\n")
                    }
                    _ => {
                        return Err((place(), crate::msg!("import-json-value", key = k.as_str())));
                    }
                };
                field(&mut draft, k, &text).map_err(|m| (place(), m))?;
            }
        }
        _ => return Err((place(), crate::msg!("import-json-scene"))),
    }
    finish(draft, place()).map_err(|m| (place(), m))
}
