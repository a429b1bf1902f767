//! One version everywhere: `flowdeck --version` names the version and the commit it was built
//! from, and the extension flowdeck ships carries the same version.

use crate::kit::flowdeck;

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
