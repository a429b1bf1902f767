//! One version everywhere: `flowdeck --version` names the version and the commit it was built
//! from, and the extension flowdeck ships carries the same version.

use crate::kit::child::setup;
use crate::kit::{alice_with, flowdeck, temp_dir, write};

/// The commit checked out here, as `git` says it (the build read the same).
fn head() -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[tokio::test]
async fn version_names_the_version_and_the_commit() {
    let commit = head().unwrap_or_else(|| "unknown".into());
    flowdeck(["--version"]).await.success().stdout_has(&format!(
        "flowdeck {} ({commit})",
        env!("CARGO_PKG_VERSION")
    ));
}

#[test]
fn the_extension_carries_flowdeck_s_version() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/manifest.json");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("manifest")).expect("json");
    assert_eq!(manifest["version"], env!("CARGO_PKG_VERSION"), "{path}");
}

/// A browser whose extension is older than flowdeck keeps working through the bridge, and
/// both the check and a run tell the person which versions they are.
#[tokio::test]
async fn another_extension_version_is_told_and_calls_go_on() {
    let sim = alice_with(|_| {}).await;
    let s = setup(&sim, temp_dir("version-mismatch"), "");
    s.standins[0].page.set_extension("0.0.9");
    let told = format!(
        "the extension is 0.0.9, flowdeck is {}",
        env!("CARGO_PKG_VERSION")
    );
    s.flowdeck(["accounts", "check"])
        .await
        .success()
        .stdout_has("browser connected")
        .stdout_has(&told);
    let file = write(&s.dir, "one.txt", b"a lighthouse at dawn\n");
    s.run(&file, &s.dir.join("out"))
        .await
        .success()
        .stderr_has(&format!("alice: {told}"));
    assert_eq!(sim.report().videos_created(), 1);
}

/// The same version says nothing.
#[tokio::test]
async fn the_same_version_says_nothing() {
    let sim = alice_with(|_| {}).await;
    let s = setup(&sim, temp_dir("version-same"), "");
    let check = s.flowdeck(["accounts", "check"]).await;
    check.success();
    assert!(
        !check.stdout.contains("the extension is"),
        "{}",
        check.stdout
    );
}

/// The window says it on the account's card, from what the bridge heard of the browser.
#[test]
fn the_window_s_account_card_tells_another_extension_version() {
    use flowdeck::provider::flow::transport::Presence;
    let mut w = crate::kit::window::Window::new();
    let app = env!("CARGO_PKG_VERSION");
    let told = format!("the extension is 0.0.9, flowdeck is {app}");
    assert!(!w.shows(&told), "nothing heard yet");
    let heard = |extension: &str| {
        let presence = Presence {
            connected: true,
            extension: Some(extension.into()),
            ..Presence::default()
        };
        tokio::sync::watch::channel(presence).1
    };
    let lanes = &mut w.running().board.lanes;
    lanes.get_mut("alice").expect("alice's lane").own.presence = Some(heard("0.0.9"));
    lanes.get_mut("bob").expect("bob's lane").own.presence = Some(heard(app));
    assert!(w.shows(&told));
    assert!(
        !w.shows(&format!("the extension is {app}")),
        "the same version is not news"
    );
}
