//! Bringing one finished video home: a name that collides with nothing, a `.part` file
//! resumed after cuts, a check that it is an MP4 of the right length, an atomic rename, and a
//! sidecar with everything about it except secrets.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::Shared;
use super::record::Recorder;
use crate::model::{Hint, Source, TakeState};
use crate::provider::transfer::{self, Fetched, Progress};
use crate::provider::{Client, ProviderError, RemoteRef};
use crate::store::ledger::{Change, TakeRecord};
use crate::store::naming::{self, NameValues, Template};

/// Bytes so far and total, per take, shared with the lane for throttled progress events.
pub type ProgressMap = Arc<Mutex<HashMap<i64, (u64, Option<u64>)>>>;

fn part_path(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_os_string();
    p.push(".part");
    PathBuf::from(p)
}

/// Picks the take's file name (once; a resumed take keeps its name).
fn choose_path(shared: &Shared, take: &TakeRecord) -> Result<PathBuf, ProviderError> {
    if let Some(p) = &take.path {
        return Ok(p.clone());
    }
    let template = Template::parse(&take.template).map_err(ProviderError::Local)?;
    let model = take.model.name().to_string();
    let aspect = take.aspect.to_string();
    let rel = template.render(&NameValues {
        batch: &take.batch_label,
        scene: take.scene_index,
        name: take.scene_name.as_deref(),
        prompt: &take.prompt,
        take: take.copy,
        account: take.account.as_deref().unwrap_or_default(),
        seed: take.seed,
        model: &model,
        aspect: &aspect,
    });
    if !naming::is_contained(&rel) {
        let name = rel.display().to_string();
        return Err(ProviderError::Local(crate::msg!(
            "download-name-escapes",
            name = name
        )));
    }
    let mut names = shared.names.lock().unwrap_or_else(|p| p.into_inner());
    let path = take
        .out_dir
        .join(naming::unique(&take.out_dir, &rel, &names));
    names.insert(naming::key(&path));
    names.insert(naming::key(&naming::sidecar_of(&path)));
    Ok(path)
}

/// Downloads, verifies and files one take. On error the take is back in Ready (with the
/// error noted) and the error is returned for the lane to decide when to try again.
pub async fn download(
    shared: Arc<Shared>,
    rec: Recorder,
    client: Arc<Client>,
    mut take: TakeRecord,
    remote: RemoteRef,
    progress: ProgressMap,
) -> (TakeRecord, Result<(), ProviderError>) {
    let Ok(_permit) = shared.downloads.clone().acquire_owned().await else {
        return (
            take,
            Err(ProviderError::Local(crate::msg!("engine-stopping"))),
        );
    };
    let result = attempt(&shared, &rec, &client, &mut take, &remote, &progress).await;
    progress
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&take.id);
    if let Err(e) = &result
        && take.state == TakeState::Downloading
    {
        let change = Change::error(
            "download",
            crate::msg!("download-interrupted", error = e.message()),
        );
        if let Err(le) = rec.record(&mut take, TakeState::Ready, change).await {
            tracing::error!(
                take = take.id,
                "cannot record a download failure: {}",
                le.log()
            );
        }
    }
    (take, result)
}

async fn attempt(
    shared: &Shared,
    rec: &Recorder,
    client: &Client,
    take: &mut TakeRecord,
    remote: &RemoteRef,
    progress: &ProgressMap,
) -> Result<(), ProviderError> {
    let path = choose_path(shared, take)?;
    let part = part_path(&path);
    rec.record(
        take,
        TakeState::Downloading,
        Change {
            path: Some(path.clone()),
            ..Change::default()
        },
    )
    .await
    .map_err(ProviderError::from)?;
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    // A crash between the rename and the ledger leaves the finished file and no .part.
    let already_filed = !part.exists() && path.exists();
    let (bytes, sha) = if already_filed {
        let bytes = tokio::fs::metadata(&path).await?.len();
        verify(&path, bytes).await?;
        (bytes, transfer::sha256_file(&path).await?)
    } else {
        let id = take.id;
        let map = progress.clone();
        let mut report = move |done: u64, total: Option<u64>| {
            map.lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(id, (done, total));
        };
        let fetched = bring_home(client, remote, take.hint.as_ref(), &path, &mut report).await?;
        (fetched.bytes, fetched.sha256)
    };
    let holds = scenes_held(shared, take).await?;
    write_sidecar(take, remote, &path, bytes, &sha, &holds).await?;
    let change = Change {
        bytes: Some(bytes),
        sha256: Some(sha),
        clear_error: true,
        ..Change::default()
    };
    rec.record_holding(take, TakeState::Done, change, holds)
        .await
        .map_err(ProviderError::from)
}

/// The scenes a chained take's file holds (its batch read from the ledger); empty for a take
/// that continues nothing.
async fn scenes_held(shared: &Shared, take: &TakeRecord) -> Result<Vec<u32>, ProviderError> {
    if take.continues.is_none() {
        return Ok(Vec::new());
    }
    let takes = shared
        .ledger
        .current_takes(take.batch)
        .await
        .map_err(ProviderError::from)?;
    Ok(super::holds::scenes_held(&takes, take))
}

/// Downloads `remote` into `path`'s `.part` file, checks it, and renames it into place
/// durably. Synced and hashed as it was written: nothing is read back but the box headers.
pub async fn bring_home(
    client: &Client,
    remote: &RemoteRef,
    hint: Option<&Hint>,
    path: &Path,
    progress: Progress<'_>,
) -> Result<Fetched, ProviderError> {
    let part = part_path(path);
    let fetched = client.download(remote, hint, &part, progress).await?;
    verify(&part, fetched.bytes).await?;
    tokio::fs::rename(&part, path).await?;
    if let Some(dir) = path.parent() {
        sync_dir(dir).await;
    }
    Ok(fetched)
}

/// The file is as long as the download said and is a whole MP4 (see [`super::mp4`]); if not,
/// it is removed and fetched again.
async fn verify(path: &Path, expected: u64) -> Result<(), ProviderError> {
    let owned = path.to_path_buf();
    let verdict = tokio::task::spawn_blocking(move || {
        let mut f = std::fs::File::open(&owned)?;
        let len = f.metadata()?.len();
        if len != expected {
            return Ok(Err(crate::msg!(
                "download-wrong-size",
                bytes = crate::message::count(len as f64),
                expected = crate::message::count(expected as f64)
            )));
        }
        Ok::<_, std::io::Error>(super::mp4::check(len, &mut f))
    })
    .await
    .map_err(|e| {
        ProviderError::Local(crate::msg!("download-check-failed", error = e.to_string()))
    })??;
    if let Err(why) = verdict {
        tokio::fs::remove_file(path).await.ok();
        return Err(ProviderError::Transient(crate::msg!(
            "download-not-whole",
            why = why
        )));
    }
    Ok(())
}

/// Makes a rename durable (on Unix a directory can be synced; elsewhere this is a no-op).
async fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = tokio::fs::File::open(dir).await {
        d.sync_all().await.ok();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

async fn write_sidecar(
    take: &TakeRecord,
    remote: &RemoteRef,
    path: &Path,
    bytes: u64,
    sha: &str,
    holds: &[u32],
) -> Result<(), ProviderError> {
    let fmt = |t: Option<time::OffsetDateTime>| {
        t.and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
    };
    let mut sidecar = serde_json::json!({
        "file": path.file_name().map(|f| f.to_string_lossy().to_string()),
        "prompt": take.prompt,
        "scene": take.scene_index,
        "scene_name": take.scene_name,
        "take": take.copy,
        "model": take.model.name(),
        "aspect": take.aspect.to_string(),
        "seed": take.seed,
        "account": take.account,
        "remote": remote.ids(),
        "batch": take.batch_label,
        "submitted_at": fmt(take.submitted_at),
        "downloaded_at": fmt(Some(time::OffsetDateTime::now_utc())),
        "bytes": bytes,
        "sha256": sha,
    });
    // A chained scene names the scene it continues (and, when known here, that video).
    if let Some(n) = take.continues {
        sidecar["continues_scene"] = serde_json::json!(n);
    }
    match &take.source {
        Some(Source::Extend(from)) => sidecar["continues"] = from.ids(),
        // A Flow upscale names the video it enlarges; a revision, the interaction it changes.
        Some(Source::Upscale(from)) => sidecar["upscale_of"] = from.ids(),
        Some(Source::Revise { interaction }) => {
            sidecar["revision_of"] = serde_json::json!(interaction)
        }
        None => {}
    }
    // An extension's file is the whole story so far: the scenes it holds, oldest first.
    if !holds.is_empty() {
        sidecar["holds_scenes"] = serde_json::json!(holds);
    }
    // The images it was made from, as the user named them.
    if !take.inputs.is_empty() {
        sidecar["images"] = serde_json::json!(take.inputs);
    }
    write_json(&naming::sidecar_of(path), &sidecar).await
}

/// Writes `value` to `path` durably like a video: into a `.part`, synced through its own
/// handle, then renamed. User-only: it holds the prompt, the account and remote ids.
pub async fn write_json(path: &Path, value: &serde_json::Value) -> Result<(), ProviderError> {
    let tmp = part_path(path);
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || {
        crate::store::private::write(&tmp, text.as_bytes())?.sync_all()?;
        std::fs::rename(&tmp, &path)
    })
    .await
    .map_err(|e| ProviderError::Local(crate::msg!("task-failed", why = e.to_string())))??;
    Ok(())
}
