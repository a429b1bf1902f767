//! Rows under a header row, the shape CSV files and spreadsheets share. Rows come one at a time
//! and cells by column number (a spreadsheet gives only its filled cells).

use std::collections::BTreeMap;

use super::{FIELDS, Problem, SceneDraft, field, finish, room_for};

/// The header row, and the scenes read under it so far.
pub(super) struct Table {
    /// Column number → name, lower case, for every named column.
    headers: BTreeMap<usize, String>,
    scenes: Vec<SceneDraft>,
}

impl Table {
    /// The first row names the columns (any case, `prompt` required).
    pub(super) fn new(
        place: crate::message::Message,
        cells: impl IntoIterator<Item = (usize, String)>,
    ) -> Result<Table, Problem> {
        let headers: BTreeMap<usize, String> = cells
            .into_iter()
            .map(|(c, h)| (c, h.trim().to_ascii_lowercase()))
            .filter(|(_, h)| !h.is_empty())
            .collect();
        let at_header = |message: crate::message::Message| (Some(place.clone()), message);
        if !headers.values().any(|h| h == "prompt") {
            return Err(at_header(crate::msg!("import-no-prompt-column")));
        }
        if let Some(h) = headers.values().find(|h| !FIELDS.contains(&h.as_str())) {
            let known = FIELDS.join(", ");
            return Err(at_header(crate::msg!(
                "import-unknown-column-known",
                column = h.as_str(),
                known = known
            )));
        }
        Ok(Table {
            headers,
            scenes: Vec::new(),
        })
    }

    /// Every row that is not blank is a scene.
    pub(super) fn row(
        &mut self,
        place: crate::message::Message,
        cells: impl IntoIterator<Item = (usize, String)>,
    ) -> Result<(), Problem> {
        let cells: Vec<(usize, String)> = cells.into_iter().collect();
        if cells.iter().all(|(_, c)| c.trim().is_empty()) {
            return Ok(());
        }
        room_for(self.scenes.len(), || Some(place.clone()))?;
        let mut draft = SceneDraft::default();
        for (i, value) in &cells {
            match self.headers.get(i) {
                Some(key) => field(&mut draft, key, value).map_err(|m| (Some(place.clone()), m))?,
                // A cell under no heading would be silently dropped: say so instead.
                None if !value.trim().is_empty() => {
                    return Err((Some(place), {
                        let column = i + 1;
                        crate::msg!("import-no-heading", value = value.trim(), column = column)
                    }));
                }
                None => {}
            }
        }
        if draft.prompt.is_empty() {
            field(&mut draft, "prompt", "").map_err(|m| (Some(place.clone()), m))?;
        }
        self.scenes
            .push(finish(draft, Some(place.clone())).map_err(|m| (Some(place), m))?);
        Ok(())
    }

    pub(super) fn scenes(self) -> Vec<SceneDraft> {
        self.scenes
    }
}
