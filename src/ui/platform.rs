//! The desktop around the window: opening files and folders, dialogs, notifications.
//! Everything here runs off the UI thread.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// A file or folder the desktop could not open, and why, in words; the window offers to copy
/// its path.
#[derive(Debug, Clone, PartialEq)]
pub struct Unopened {
    pub path: PathBuf,
    pub why: String,
}

/// The desktop's opener here: the program, and whether its exit code says how opening went
/// (Windows' explorer answers 1 even when it opened the file).
fn opener() -> (&'static str, bool) {
    if cfg!(target_os = "macos") {
        ("open", true)
    } else if cfg!(target_os = "windows") {
        ("explorer", false)
    } else {
        ("xdg-open", true)
    }
}

/// How long an opener may run before it is taken to have opened the file: xdg-open without a
/// desktop runs the program itself and returns only when it closes.
const OPENER_ANSWERS: Duration = Duration::from_secs(3);

/// Opens a file or folder with the desktop's default application, and says when that did not
/// work: the opener could not start, or ended saying no program opens such files.
pub async fn open(path: PathBuf) -> Result<(), Unopened> {
    let (program, answers) = opener();
    open_with(crate::platform::command(program), program, answers, path).await
}

/// Opens the folder that holds `path`.
pub async fn reveal(path: PathBuf) -> Result<(), Unopened> {
    let folder = if path.is_dir() {
        path
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or(path)
    };
    open(folder).await
}

/// `path` opened by `command` (the opener `program`, its arguments given), waiting for how
/// it ended when its exit code `answers`.
async fn open_with(
    mut command: tokio::process::Command,
    program: &str,
    answers: bool,
    path: PathBuf,
) -> Result<(), Unopened> {
    let fail = |why: String| Unopened {
        path: path.clone(),
        why,
    };
    if !path.exists() {
        return Err(fail(crate::t!(
            "open-gone",
            file = path.display().to_string()
        )));
    }
    let mut child = command
        .arg(for_opener(&path, cfg!(windows)))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| {
            fail(crate::t!(
                "open-failed",
                program = program,
                target = path.display().to_string(),
                error = e.to_string()
            ))
        })?;
    if !answers {
        return Ok(());
    }
    let ended = match tokio::time::timeout(OPENER_ANSWERS, child.wait()).await {
        // Still running: it is showing the file.
        Err(_) => return Ok(()),
        Ok(ended) => ended,
    };
    match ended.map(|status| status.code()) {
        Ok(Some(0)) => Ok(()),
        // xdg-open's "no method available", macOS open's "no application knows how".
        Ok(Some(code)) if code == 3 || (cfg!(target_os = "macos") && code == 1) => {
            Err(fail(no_program(&path)))
        }
        Ok(code) => Err(fail(crate::t!(
            "open-ended",
            program = program,
            target = path.display().to_string(),
            code = code.map_or_else(|| "-".to_string(), |c| c.to_string())
        ))),
        Err(e) => Err(fail(crate::t!(
            "open-failed",
            program = program,
            target = path.display().to_string(),
            error = e.to_string()
        ))),
    }
}

/// The path as the opener is given it. Windows' explorer takes only backslashes: given a
/// forward slash (a hand-written setting may have them) it opens the Documents folder instead.
fn for_opener(path: &Path, windows: bool) -> std::ffi::OsString {
    match path.to_str() {
        Some(s) if windows => s.replace('/', "\\").into(),
        _ => path.as_os_str().to_owned(),
    }
}

/// "No program here opens .mp4 files; the video is at …".
fn no_program(path: &Path) -> String {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let kind = if path.is_dir() {
        "folder"
    } else if ["mp4", "mov", "webm"].contains(&ext.as_str()) {
        "video"
    } else {
        "file"
    };
    crate::t!(
        "open-no-program",
        kind = kind,
        ext = ext,
        path = path.display().to_string()
    )
}

/// Whether a file dialog can open here, or why not. On Linux the dialog is the desktop
/// portal's (over the session bus), or zenity's when there is no portal; with neither, the
/// dialog library returns at once as if the user had cancelled, so the window asks first and
/// offers a path field instead of silently doing nothing.
pub fn dialogs() -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Ok(());
    }
    let on_path = |name: &str| {
        std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
    };
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    let portal = bus
        && [
            "/usr/share/dbus-1/services/org.freedesktop.portal.Desktop.service",
            "/usr/local/share/dbus-1/services/org.freedesktop.portal.Desktop.service",
        ]
        .iter()
        .any(|f| Path::new(f).exists());
    if portal || on_path("zenity") {
        Ok(())
    } else {
        Err(crate::t!("no-file-dialog"))
    }
}

/// A file dialog for prompt files.
pub async fn pick_prompts() -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(crate::t!("dialog-import-title"))
        .add_filter(
            crate::t!("dialog-prompt-files"),
            &crate::store::import::KINDS,
        )
        .pick_file()
        .await
        .map(|h| h.path().to_path_buf())
}

/// A file dialog for a picture a scene starts from.
pub async fn pick_picture() -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(crate::t!("dialog-picture-title"))
        .add_filter(crate::t!("dialog-pictures"), &crate::picture::EXTENSIONS)
        .pick_file()
        .await
        .map(|h| h.path().to_path_buf())
}

/// A file dialog for a service-account key file.
pub async fn pick_key_file() -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(crate::t!("dialog-key-file-title"))
        .add_filter(crate::t!("dialog-key-files"), &["json"])
        .pick_file()
        .await
        .map(|h| h.path().to_path_buf())
}

/// A folder dialog for the output folder.
pub async fn pick_folder(start: PathBuf) -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(crate::t!("dialog-output-title"))
        .set_directory(start)
        .pick_folder()
        .await
        .map(|h| h.path().to_path_buf())
}

/// A desktop notification; where there is no notification service this quietly does nothing.
pub async fn notify(summary: String, body: String) {
    let shown = tokio::task::spawn_blocking(move || {
        notify_rust::Notification::new()
            .appname("flowdeck")
            .summary(&summary)
            .body(&body)
            .show()
            .map(|_| ())
    })
    .await;
    if let Ok(Err(e)) = shown {
        tracing::debug!("no desktop notification: {e}");
    }
}

#[cfg(test)]
mod paths {
    use super::*;

    #[test]
    fn explorer_is_given_backslashes_and_other_openers_the_path_as_it_is() {
        let typed = Path::new("C:/Users/me/Videos/flowdeck\\b1\\001_fox_1.mp4");
        assert_eq!(
            for_opener(typed, true),
            "C:\\Users\\me\\Videos\\flowdeck\\b1\\001_fox_1.mp4"
        );
        let home = Path::new("/home/me/Videos/flowdeck/b1/001_fox_1.mp4");
        assert_eq!(for_opener(home, false), home.as_os_str());
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn exits(code: i32) -> tokio::process::Command {
        let mut c = crate::platform::command("sh");
        // The path the opener is given lands in $0.
        c.arg("-c").arg(["exit", &code.to_string()].join(" "));
        c
    }

    #[tokio::test]
    async fn how_the_opener_ended_is_told() {
        let dir = std::env::temp_dir()
            .join("flowdeck-opener")
            .join(std::process::id().to_string());
        std::fs::create_dir_all(&dir).expect("dir");
        let video = dir.join("001_a-fox_1.mp4");
        std::fs::write(&video, b"video").expect("write");
        assert_eq!(open_with(exits(0), "sh", true, video.clone()).await, Ok(()));
        let none = open_with(exits(3), "sh", true, video.clone())
            .await
            .expect_err("no program");
        assert_eq!(none.path, video);
        let said = |kind: &str, ext: &str, path: &Path| {
            crate::t!(
                "open-no-program",
                kind = kind,
                ext = ext,
                path = path.display().to_string()
            )
        };
        assert_eq!(none.why, said("video", "mp4", &video));
        let folder = open_with(exits(3), "sh", true, dir.clone())
            .await
            .expect_err("no program");
        assert_eq!(folder.why, said("folder", "", &dir));
        let broke = open_with(exits(4), "sh", true, video.clone())
            .await
            .expect_err("failed");
        assert!(broke.why.contains("code 4"), "{}", broke.why);
        // An opener whose code says nothing (Windows' explorer) is taken at its word.
        assert_eq!(
            open_with(exits(1), "sh", false, video.clone()).await,
            Ok(())
        );
        // One that keeps running is showing the file.
        let mut slow = crate::platform::command("sh");
        slow.arg("-c").arg("sleep 5");
        assert_eq!(open_with(slow, "sh", true, video.clone()).await, Ok(()));
        std::fs::remove_dir_all(&dir).ok();
    }
}
