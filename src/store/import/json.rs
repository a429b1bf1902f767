//! JSON: an array of strings or objects, or `{"scenes": [...]}`.

use serde_json::Value;

use super::{Problem, SceneDraft, field, finish};

pub(super) fn parse(text: &str) -> Result<Vec<SceneDraft>, Problem> {
    let v: Value = serde_json::from_str(text).map_err(|e| {
        (
            Some({
                let (line, column) = (e.line(), e.column());
                crate::t!("import-line-column", line = line, column = column)
            }),
            crate::t!("import-bad-json", error = e.to_string()),
        )
    })?;
    let items = match &v {
        Value::Array(items) => items,
        Value::Object(o) => o
            .get("scenes")
            .and_then(Value::as_array)
            .ok_or_else(|| (None, crate::t!("import-json-shape")))?,
        _ => return Err((None, crate::t!("import-json-shape"))),
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let place = || {
            let item = i + 1;
            Some(crate::t!("import-item", item = item))
        };
        let mut draft = SceneDraft::default();
        match item {
            Value::String(s) => field(&mut draft, "prompt", s).map_err(|m| (place(), m))?,
            Value::Object(o) => {
                if !o.contains_key("prompt") {
                    return Err((place(), crate::t!("import-json-no-prompt")));
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
                                        return Err((
                                            place(),
                                            "\"references\" must list file paths".into(),
                                        ));
                                    }
                                }
                            }
                            paths.join("\n")
                        }
                        _ => {
                            return Err((
                                place(),
                                crate::t!("import-json-value", key = k.as_str()),
                            ));
                        }
                    };
                    field(&mut draft, k, &text).map_err(|m| (place(), m))?;
                }
            }
            _ => return Err((place(), crate::t!("import-json-scene"))),
        }
        out.push(finish(draft, place()).map_err(|m| (place(), m))?);
    }
    Ok(out)
}
