//! A batch's results as a CSV file: one row per take as it stands now (a retried take is
//! replaced by its retry), for a spreadsheet or another tool. A chain's extensions each hold
//! the scenes before them: `holds_scenes` says which, and `chain_file` names the last file
//! holding the take's scene (the chain's final accumulated video). A take that failed or waits
//! for a reason has `class` and `code` (see [`crate::model::Failure`]) after the columns that
//! came before them, so scripts reading columns by position read what they always did.

use std::path::{Path, PathBuf};

use crate::engine::holds;
use crate::model::BatchId;
use crate::provider::RemoteRef;
use crate::store::ledger::{Ledger, TakeRecord};

/// The columns, in order. `state` is the stable name `status --json` uses.
/// Puts a failure's reason into words: the export is read by people, in their language; the
/// front end that asks for it says how.
pub type Say = fn(&crate::message::Message) -> String;

pub const COLUMNS: [&str; 28] = [
    "take",
    "scene",
    "copy",
    "name",
    "prompt",
    "model",
    "aspect",
    "seconds",
    "resolution",
    "seed",
    "state",
    "reason",
    "file",
    "bytes",
    "sha256",
    "account",
    "provider",
    "remote_ids",
    "submitted_at",
    "retry_of",
    "start_image",
    "end_image",
    "references",
    "continue",
    "holds_scenes",
    "chain_file",
    "class",
    "code",
];

/// The CSV text, starting with a byte-order mark so spreadsheet programs read Vietnamese and
/// other non-Latin prompts as UTF-8.
pub fn results_csv(takes: &[TakeRecord], say: Say) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to memory fails only on a bug; an empty file is then the honest result.
    let _ = w.write_record(COLUMNS);
    for t in takes {
        let _ = w.write_record(row(takes, t, say).iter().map(|cell| guard(cell)));
    }
    let body = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&body))
}

/// `t`'s row; `takes` are its batch's, for what its chain's files hold.
fn row(takes: &[TakeRecord], t: &TakeRecord, say: Say) -> [String; 28] {
    let list = |items: Vec<String>| items.join("; ");
    let opt = |v: Option<String>| v.unwrap_or_default();
    let (provider, ids) = match &t.remote {
        Some(r) => remote_ids(r),
        None => (String::new(), String::new()),
    };
    let shot = t.shot();
    let failure = crate::model::Failure::of(t);
    [
        t.id.to_string(),
        t.scene_index.to_string(),
        t.copy.to_string(),
        opt(t.scene_name.clone()),
        t.prompt.clone(),
        t.model.to_string(),
        t.aspect.ratio().to_string(),
        shot.seconds().to_string(),
        shot.resolution().to_string(),
        t.seed.to_string(),
        t.state.as_str().to_string(),
        opt(t.error.as_ref().map(say)),
        opt(t.path.as_ref().map(|p| p.display().to_string())),
        opt(t.bytes.map(|b| b.to_string())),
        opt(t.sha256.clone()),
        opt(t.account.clone()),
        provider,
        ids,
        opt(t.submitted_at.and_then(|at| {
            at.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })),
        opt(t.retry_of.map(|r| r.to_string())),
        opt(t.inputs.start.as_ref().map(|p| p.display().to_string())),
        opt(t.inputs.end.as_ref().map(|p| p.display().to_string())),
        t.inputs
            .references
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("; "),
        // The scene it continues, as a prompt file's `continue` column names it.
        opt(t.continues.map(|n| n.to_string())),
        list(
            holds::scenes_held(takes, t)
                .iter()
                .map(u32::to_string)
                .collect(),
        ),
        list(
            holds::chain_files(takes, t)
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        ),
        opt(failure.as_ref().map(|f| f.class.as_str().to_string())),
        opt(failure.and_then(|f| f.code)),
    ]
}

/// `("flow", "media=…; project=…; workflow=…")`: every id the provider knows the video by.
fn remote_ids(r: &RemoteRef) -> (String, String) {
    let ids = r.ids();
    let Some(map) = ids.as_object() else {
        return (String::new(), String::new());
    };
    let provider = map
        .get("provider")
        .and_then(|p| p.as_str())
        .unwrap_or_default()
        .to_string();
    let rest: Vec<String> = map
        .iter()
        .filter(|(k, v)| *k != "provider" && !v.is_null())
        .map(|(k, v)| match v.as_str() {
            Some(s) => format!("{k}={s}"),
            None => format!("{k}={v}"),
        })
        .collect();
    (provider, rest.join("; "))
}

/// A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first)
/// gets a leading apostrophe, which spreadsheets show as plain text.
fn guard(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Where a batch's results go unless the user says otherwise: beside its videos (the folder
/// the naming template gave them, one per batch by default), else in its output folder.
pub fn default_path(out_dir: &Path, batch: BatchId, takes: &[TakeRecord]) -> PathBuf {
    let folder = takes
        .iter()
        .filter_map(|t| t.path.as_deref()?.parent())
        .find(|f| f.starts_with(out_dir))
        .unwrap_or(out_dir);
    folder.join(format!("batch-{batch}-results.csv"))
}

/// Writes a batch's results to `to` (or [`default_path`]), whole or not at all (a temporary
/// file renamed into place), and returns where.
pub async fn export(
    ledger: &Ledger,
    batch: BatchId,
    to: Option<PathBuf>,
    say: Say,
) -> Result<PathBuf, crate::message::Message> {
    let meta = ledger
        .batch_meta(batch)
        .await
        .map_err(|e| e.message())?
        .ok_or_else(|| crate::msg!("no-such-batch", batch = batch))?;
    let takes = ledger.current_takes(batch).await.map_err(|e| e.message())?;
    let path = to.unwrap_or_else(|| default_path(&meta.out_dir, batch, &takes));
    let path = std::path::absolute(&path).unwrap_or(path);
    let text = results_csv(&takes, say);
    let tmp = path.with_extension("csv.part");
    let written = async {
        tokio::fs::write(&tmp, text.as_bytes()).await?;
        tokio::fs::rename(&tmp, &path).await
    }
    .await;
    if let Err(e) = written {
        let _ = tokio::fs::remove_file(&tmp).await;
        let (file, error) = (path.display().to_string(), e.to_string());
        return Err(crate::msg!("cannot-write", file = file, error = error));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Aspect, Model, TakeState};

    fn take(id: i64, prompt: &str) -> TakeRecord {
        TakeRecord {
            id,
            batch: 1,
            scene_index: 1,
            copy: 1,
            prompt: prompt.into(),
            scene_name: None,
            model: Model::Veo31Fast,
            aspect: Aspect::Portrait,
            seed: 7,
            state: TakeState::Done,
            account: Some("acct-a".into()),
            remote: None,
            hint: None,
            error_class: None,
            error_code: None,
            error: None,
            path: None,
            bytes: None,
            sha256: None,
            submitted_at: None,
            updated_at: None,
            retry_of: None,
            batch_label: "b".into(),
            out_dir: "/v".into(),
            template: String::new(),
            duration: None,
            resolution: None,
            request: None,
            source: None,
            inputs: Default::default(),
            continues: None,
        }
    }

    fn read(text: &str) -> Vec<csv::StringRecord> {
        let body = text.strip_prefix('\u{feff}').expect("starts with a BOM");
        csv::Reader::from_reader(body.as_bytes())
            .records()
            .collect::<Result<_, _>>()
            .expect("valid CSV")
    }

    #[test]
    fn every_take_is_a_row_with_its_ids_and_reason() {
        let mut done = take(4, "con chó, \"chạy\"\nnhanh");
        done.path = Some("/v/dog.mp4".into());
        done.bytes = Some(1234);
        done.remote = Some(RemoteRef::Vertex {
            operation: "projects/p/operations/9".into(),
            sample: 1,
        });
        let mut failed = take(5, "=HYPERLINK(\"x\")");
        failed.state = TakeState::Failed;
        failed.error = Some(crate::message::Message::verbatim(
            "refused by the safety filter",
        ));
        failed.retry_of = Some(2);
        failed.error_class = Some("policy".into());
        failed.error_code = Some("PUBLIC_ERROR_UNSAFE_GENERATION".into());
        failed.inputs.references = vec!["/p/hero.png".into(), "/p/hat.png".into()];
        failed.continues = Some(1);
        let rows = read(&results_csv(&[done, failed], crate::message::en));
        assert_eq!(rows.len(), 2);
        let col = |name: &str| COLUMNS.iter().position(|c| *c == name).expect("column");
        assert_eq!(&rows[0][col("prompt")], "con chó, \"chạy\"\nnhanh");
        assert_eq!(&rows[0][col("file")], "/v/dog.mp4");
        assert_eq!(&rows[0][col("aspect")], "9:16");
        assert_eq!(&rows[0][col("seconds")], "8");
        assert_eq!(&rows[0][col("provider")], "vertex");
        assert_eq!(
            &rows[0][col("remote_ids")],
            "operation=projects/p/operations/9; sample=1"
        );
        assert_eq!(&rows[1][col("state")], "failed");
        assert_eq!(&rows[1][col("reason")], "refused by the safety filter");
        // Scripts read the class and the service's code beside the words; a done take has none.
        assert_eq!(
            (&rows[1][col("class")][..], &rows[1][col("code")][..]),
            ("policy", "PUBLIC_ERROR_UNSAFE_GENERATION")
        );
        assert_eq!(
            (&rows[0][col("class")][..], &rows[0][col("code")][..]),
            ("", "")
        );
        // The columns before them keep their places.
        assert_eq!(col("chain_file"), 25);
        assert_eq!(&COLUMNS[26..], ["class", "code"]);
        assert_eq!(&rows[1][col("retry_of")], "2");
        assert_eq!(&rows[1][col("references")], "/p/hero.png; /p/hat.png");
        assert_eq!(&rows[0][col("start_image")], "");
        assert_eq!(
            (&rows[0][col("continue")][..], &rows[1][col("continue")][..]),
            ("", "1")
        );
        // A prompt that a spreadsheet would run as a formula is kept as text.
        assert_eq!(&rows[1][col("prompt")], "'=HYPERLINK(\"x\")");
        assert_eq!(guard("-a"), "'-a");
        assert_eq!(guard("a=b"), "a=b");
    }

    /// An Omni chain's extensions each hold the scenes before them: every row names the final
    /// accumulated file, and that file's row says it holds scenes 1 to 3.
    #[test]
    fn a_chain_s_rows_name_its_final_accumulated_file() {
        let chain: Vec<TakeRecord> = (1..=3)
            .map(|n| {
                let mut t = take(n, "p");
                t.scene_index = n as u32;
                t.continues = (n > 1).then(|| n as u32 - 1);
                t.path = Some(format!("/v/{n:03}.mp4").into());
                t.remote = Some(RemoteRef::Omni {
                    interaction: format!("v1_{n}"),
                });
                t
            })
            .collect();
        let rows = read(&results_csv(&chain, crate::message::en));
        let col = |name: &str| COLUMNS.iter().position(|c| *c == name).expect("column");
        let cells = |name: &str| {
            rows.iter()
                .map(|r| r[col(name)].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(cells("holds_scenes"), ["", "1; 2", "1; 2; 3"]);
        assert_eq!(cells("chain_file"), ["/v/003.mp4"; 3]);
    }
}
