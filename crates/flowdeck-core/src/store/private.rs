//! Files and folders only this user may read: the data folder, the ledger, sidecars, the demo
//! folder. They hold prompts, account addresses and remote ids, and on a shared machine other
//! users must not read them (folders 0700, files 0600, whatever the umask). On Windows these
//! do what plain calls would: a file takes the access list of the folder it is made in, and
//! flowdeck's default folders (under `%APPDATA%` and `%LOCALAPPDATA%`) let only this user,
//! SYSTEM and administrators in; a `FLOWDECK_DATA_DIR` elsewhere keeps what that folder
//! allows. Links are followed there (planting one takes administrator rights or developer
//! mode).

use std::fs::{DirBuilder, File, Metadata, OpenOptions};
use std::io;
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};

/// Creates `dir` and any missing parents, user-only.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut b = DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    b.mode(0o700);
    b.create(dir)
}

/// Makes an existing folder user-only.
pub fn restrict_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Makes an existing file user-only; a file that is not there is left so.
pub fn restrict_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        other => other?,
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Options that create a file user-only.
pub fn options() -> OpenOptions {
    #[cfg_attr(not(unix), expect(unused_mut, reason = "a mode is set on Unix only"))]
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    o.mode(0o600);
    o
}

/// Like [`options`], and never through a symbolic link: a link planted where flowdeck keeps a
/// file would make it write (or truncate) what the link points at.
pub fn options_no_follow() -> OpenOptions {
    #[cfg_attr(
        not(unix),
        expect(unused_mut, reason = "links are refused on Unix only")
    )]
    let mut o = options();
    #[cfg(unix)]
    o.custom_flags(libc::O_NOFOLLOW);
    o
}

/// Writes `bytes` to a new or replaced user-only file (not through a link).
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<File> {
    use std::io::Write;
    let mut f = options_no_follow()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    // A file that was already there keeps its old mode through `open`.
    restrict_open(&f)?;
    f.write_all(bytes)?;
    Ok(f)
}

/// Makes an open file user-only.
pub fn restrict_open(f: &File) -> io::Result<()> {
    #[cfg(unix)]
    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    #[cfg(not(unix))]
    let _ = f;
    Ok(())
}

/// The user this process runs as (0 where files have no Unix owner).
pub fn me() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    #[cfg(unix)]
    return unsafe { libc::geteuid() };
    #[cfg(not(unix))]
    0
}

/// Whether `meta` belongs to user `uid` (always so where files have no Unix owner).
pub fn owned_by(meta: &Metadata, uid: u32) -> bool {
    #[cfg(unix)]
    return meta.uid() == uid;
    #[cfg(not(unix))]
    {
        let _ = (meta, uid);
        true
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn folders_and_files_are_user_only_and_links_are_not_followed() {
        let dir = std::env::temp_dir().join(format!("flowdeck-private-{}", uuid::Uuid::new_v4()));
        create_dir(&dir.join("a/b")).expect("dirs");
        for d in [dir.join("a"), dir.join("a/b")] {
            let mode = std::fs::metadata(&d).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{d:?}");
        }
        let f = dir.join("a/f.json");
        std::fs::write(&f, "old").expect("write");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        write(&f, b"new").expect("replace");
        let mode = std::fs::metadata(&f).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let victim = dir.join("victim");
        std::fs::write(&victim, "keep me").expect("victim");
        let link = dir.join("a/link");
        std::os::unix::fs::symlink(&victim, &link).expect("link");
        assert!(write(&link, b"x").is_err());
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me");
        assert!(owned_by(&std::fs::metadata(&dir).expect("meta"), me()));
        std::fs::remove_dir_all(dir).ok();
    }
}
