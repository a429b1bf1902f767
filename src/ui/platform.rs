//! The desktop around the window: opening files and folders, dialogs, notifications.
//! Everything here runs off the UI thread.

use std::path::{Path, PathBuf};

/// Opens a file or folder with the desktop's default application.
pub async fn open(path: PathBuf) -> Result<(), String> {
    if !path.exists() {
        return Err(crate::t!("open-gone", file = path.display().to_string()));
    }
    crate::platform::open(&path).await
}

/// Opens the folder that holds `path`.
pub async fn reveal(path: PathBuf) -> Result<(), String> {
    let folder = if path.is_dir() {
        path
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or(path)
    };
    open(folder).await
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
        .set_title("Service-account key file")
        .add_filter("JSON key files", &["json"])
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
