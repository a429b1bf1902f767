//! Rows under a header row, the shape CSV files and spreadsheets share.

use super::{FIELDS, Problem, SceneDraft, field, finish};

/// One row: where it is (as the user's program shows it) and its cells.
pub(super) type Row = (String, Vec<String>);

/// The first row names the columns (any case, `prompt` required); every other row that is not
/// blank is a scene.
pub(super) fn scenes(rows: Vec<Row>) -> Result<Vec<SceneDraft>, Problem> {
    let mut rows = rows.into_iter();
    let Some((header_place, headers)) = rows.next() else {
        return Ok(Vec::new());
    };
    let headers: Vec<String> = headers
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let at_header = |message: String| (Some(header_place.clone()), message);
    if !headers.iter().any(|h| h == "prompt") {
        return Err(at_header(crate::t!("import-no-prompt-column")));
    }
    if let Some(h) = headers
        .iter()
        .find(|h| !h.is_empty() && !FIELDS.contains(&h.as_str()))
    {
        let known = FIELDS.join(", ");
        return Err(at_header(crate::t!(
            "import-unknown-column-known",
            column = h.as_str(),
            known = known
        )));
    }
    let mut out = Vec::new();
    for (place, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut draft = SceneDraft::default();
        for (i, value) in cells.iter().enumerate() {
            match headers.get(i).map(String::as_str) {
                Some(key) if !key.is_empty() => {
                    field(&mut draft, key, value).map_err(|m| (Some(place.clone()), m))?
                }
                // A cell under no heading would be silently dropped: say so instead.
                _ if !value.trim().is_empty() => {
                    return Err((Some(place), {
                        let column = i + 1;
                        crate::t!("import-no-heading", value = value.trim(), column = column)
                    }));
                }
                _ => {}
            }
        }
        if draft.prompt.is_empty() {
            field(&mut draft, "prompt", "").map_err(|m| (Some(place.clone()), m))?;
        }
        out.push(finish(draft, Some(place.clone())).map_err(|m| (Some(place), m))?);
    }
    Ok(out)
}
