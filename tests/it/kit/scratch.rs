//! One scratch folder per test process, removed when the process exits (pass or fail), so a
//! test run leaves nothing behind in the temp folder. `FLOWDECK_KEEP_TEST_DIRS=1` keeps it, to
//! look at what a failing test left.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static ROOT: OnceLock<PathBuf> = OnceLock::new();

extern "C" fn remove_root() {
    if let Some(root) = ROOT.get()
        && std::env::var_os("FLOWDECK_KEEP_TEST_DIRS").is_none()
    {
        // A browser's helper processes can still be writing for a moment after it was killed.
        for _ in 0..30 {
            let _ = std::fs::remove_dir_all(root);
            if !root.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

/// This process's scratch folder, made (and its removal at exit arranged) on first use.
pub fn root() -> &'static Path {
    ROOT.get_or_init(|| {
        // Short: a browser puts its sockets in here, and socket paths are limited to ~100 bytes.
        let root = std::env::temp_dir().join(format!(
            "fd-test-{}-{}",
            std::process::id(),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        ));
        std::fs::create_dir_all(&root).expect("scratch folder");
        // SAFETY: registers a plain function with no captured state; it runs once, at exit.
        unsafe {
            libc::atexit(remove_root);
        }
        root
    })
}
