//! What one test process shares with every other test in it (the integration tests are one
//! binary): the demo's folder, taken in turns, and for what cannot be shared, a process of the
//! test's own.

/// The demo keeps one folder per user (in the cache folder): the tests whose demo uses it
/// take turns.
pub static DEMO_FOLDER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// For a test that needs what the whole process shares (the language spoken; its peak
/// memory, which a child it starts inherits in its own measure): whether this is that test's
/// own process. If not, starts this binary again with only the calling test (libtest names
/// the thread after it) and asserts it passed there.
pub fn alone() -> bool {
    const ALONE: &str = "FLOWDECK_TEST_ALONE";
    if std::env::var_os(ALONE).is_some() {
        return true;
    }
    let name = std::thread::current()
        .name()
        .expect("a test thread, named after its test")
        .to_string();
    let out = std::process::Command::new(std::env::current_exe().expect("this test binary"))
        .args([name.as_str(), "--exact", "--test-threads", "1"])
        .env(ALONE, "1")
        .output()
        .expect("the test binary runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && said.contains("test result: ok. 1 passed"),
        "{name} in a process of its own:\n{said}"
    );
    false
}
