//! The desktop around flowdeck: opening a file, folder or URL with the default application
//! (started as every child is, without the secrets in flowdeck's environment).

use std::ffi::OsStr;

pub use crate::child::command;

/// Opens `target` (a path or a URL) with the desktop's default application.
pub async fn open(target: impl AsRef<OsStr>) -> Result<(), String> {
    let target = target.as_ref();
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    command(program)
        .arg(target)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| {
            crate::t!(
                "open-failed",
                program = program,
                target = target.to_string_lossy().into_owned(),
                error = e.to_string()
            )
        })
}
