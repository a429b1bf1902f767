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

/// Windows: a console program that is double-clicked gets a console window of its own, which
/// would sit behind flowdeck's window for as long as it is open. Let go of it when no other
/// process shares it (started from a terminal, the terminal is left alone).
#[cfg(windows)]
pub fn leave_own_console() {
    use windows_sys::Win32::System::Console::{FreeConsole, GetConsoleProcessList};
    let mut ids = [0u32; 2];
    // SAFETY: the buffer holds as many process ids as the length says.
    let attached = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    if attached == 1 {
        // SAFETY: called before the window starts; nothing reads the console after.
        unsafe { FreeConsole() };
    }
}

/// The extension folder that came with this flowdeck: beside the binary (the portable archive,
/// Windows), in `share/flowdeck` beside `bin` (the `.deb`: /usr/share/flowdeck/extension), in the
/// app bundle's Resources (macOS), or the checkout it was built from (`cargo run`, `cargo install
/// --path .`). The first that holds a manifest wins. Resolved without Windows' `\\?\` prefix,
/// which the browser's folder picker and explorer do not understand.
pub fn extension_dir() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let exe = dunce::canonicalize(&exe).unwrap_or(exe);
    let checkout = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    extension_beside(exe.parent()?).or_else(|| {
        trusted_checkout(checkout, &exe)
            .then(|| extension_in(checkout))
            .flatten()
    })
}

/// Whether the checkout flowdeck was built from may be named as the extension's home. A
/// released program names a folder of the machine it was built on, which another user of this
/// one could make and fill with an extension of their own: only a folder that is this user's
/// own (Unix), or holds the running program (elsewhere, where ownership is not read), is.
fn trusted_checkout(root: &std::path::Path, exe: &std::path::Path) -> bool {
    use crate::store::private::{me, owned_by};
    let mine = |p: &std::path::Path| std::fs::metadata(p).is_ok_and(|m| owned_by(&m, me()));
    if cfg!(unix) {
        mine(root) && mine(&root.join("extension"))
    } else {
        exe.starts_with(root)
    }
}

/// The installed layouts around the folder holding the binary.
fn extension_beside(bin: &std::path::Path) -> Option<std::path::PathBuf> {
    [
        bin.to_path_buf(),
        bin.join("../share/flowdeck"),
        bin.join("../Resources"),
    ]
    .iter()
    .find_map(|root| extension_in(root))
}

fn extension_in(root: &std::path::Path) -> Option<std::path::PathBuf> {
    let dir = root.join("extension");
    dir.join("manifest.json")
        .is_file()
        .then(|| dunce::canonicalize(&dir).unwrap_or(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_is_found_in_each_installed_layout() {
        let root = std::env::temp_dir().join(format!("flowdeck-ext-{}", uuid::Uuid::new_v4()));
        let put = |dir: &std::path::Path| {
            std::fs::create_dir_all(dir.join("extension")).expect("mkdir");
            std::fs::write(dir.join("extension/manifest.json"), "{}").expect("write");
        };
        // The .deb: /usr/bin/flowdeck and /usr/share/flowdeck/extension.
        let usr = root.join("usr");
        std::fs::create_dir_all(usr.join("bin")).expect("mkdir");
        assert_eq!(extension_beside(&usr.join("bin")), None);
        put(&usr.join("share/flowdeck"));
        let found = extension_beside(&usr.join("bin")).expect("found in share");
        assert!(found.ends_with("usr/share/flowdeck/extension"), "{found:?}");
        // The portable archive: the folder beside the binary wins.
        put(&usr.join("bin"));
        let found = extension_beside(&usr.join("bin")).expect("found beside");
        assert!(found.ends_with("usr/bin/extension"), "{found:?}");
        // A folder without a manifest is not an extension.
        let empty = root.join("empty");
        std::fs::create_dir_all(empty.join("extension")).expect("mkdir");
        assert_eq!(extension_beside(&empty), None);
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    /// Another user's folder at the checkout's path is not trusted (made here as root by
    /// giving a folder to `nobody`; as anyone else, `/` is another user's).
    #[cfg(unix)]
    #[test]
    fn a_checkout_path_someone_else_owns_is_not_named() {
        let exe = std::path::Path::new("/usr/bin/flowdeck");
        let dir = std::env::temp_dir().join(format!("flowdeck-ckout-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("extension")).expect("mkdir");
        assert!(trusted_checkout(&dir, exe), "one's own checkout");
        let theirs = if crate::store::private::me() == 0 {
            std::os::unix::fs::chown(dir.join("extension"), Some(65534), Some(65534))
                .expect("chown");
            dir.clone()
        } else {
            std::path::PathBuf::from("/")
        };
        assert!(!trusted_checkout(&theirs, exe));
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_built_checkout_finds_its_own_extension() {
        let dir = extension_dir().expect("the checkout's extension");
        assert!(dir.join("manifest.json").is_file());
    }
}
