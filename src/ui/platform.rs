//! The desktop around the window: opening files and folders, dialogs, notifications.
//! Everything here runs off the UI thread.

use std::path::{Path, PathBuf};

/// Opens a file or folder with the desktop's default application.
pub async fn open(path: PathBuf) -> Result<(), String> {
    if !path.exists() {
        return Err(format!("{} is not there any more", path.display()));
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

/// A file dialog for prompt files.
pub async fn pick_prompts() -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title("Import prompts")
        .add_filter("Prompt files", &["txt", "csv", "json"])
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
        .set_title("Output folder")
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
