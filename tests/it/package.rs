//! What a person downloads (issue 27): the extension's `.zip` as `scripts/package.sh` packs
//! it (the Chromium tests load it unzipped) and the portable layout, where flowdeck finds the
//! extension beside itself. The `.deb` is built, installed and removed by `.ci/run`
//! (`scripts/check-deb.sh`).

use crate::kit;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

use kit::*;

/// Every file under `dir`, as paths relative to it with `/`.
fn files_under(dir: &Path, prefix: &str, into: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("read the folder").flatten() {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            files_under(&entry.path(), &format!("{name}/"), into);
        } else {
            into.insert(name);
        }
    }
}

/// A PNG's width and height, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

#[test]
fn the_packed_extension_is_what_a_browser_and_a_store_take() {
    let zip = kit::chrome::packed_extension();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).expect("zip")).expect("a zip");
    let names: BTreeSet<String> = archive
        .file_names()
        .map(|n| n.expect("a readable name").into_owned())
        .filter(|n| !n.ends_with('/'))
        .collect();
    let mut read = |name: &str| {
        let mut bytes = Vec::new();
        let mut file = archive
            .by_name(name)
            .unwrap_or_else(|_| panic!("{name} is not in the zip"));
        file.read_to_end(&mut bytes).expect("read from the zip");
        bytes
    };
    // The manifest at the top (a store and Load unpacked both want it there), this version.
    let manifest: serde_json::Value = serde_json::from_slice(&read("manifest.json")).expect("json");
    assert_eq!(manifest["manifest_version"], 3);
    assert_eq!(manifest["version"], env!("CARGO_PKG_VERSION"));
    // The icons a store asks for, each the size it says.
    for size in [16, 32, 48, 128] {
        let icon = manifest["icons"][size.to_string()]
            .as_str()
            .unwrap_or_else(|| panic!("no {size}px icon in the manifest"))
            .to_string();
        assert_eq!(png_size(&read(&icon)), (size, size), "{icon}");
        assert_eq!(
            manifest["action"]["default_icon"][size.to_string()],
            icon.as_str()
        );
    }
    // Its name and description in each language it ships.
    for lang in ["en", "vi"] {
        let messages: serde_json::Value =
            serde_json::from_slice(&read(&format!("_locales/{lang}/messages.json"))).expect("json");
        for key in ["extName", "extDescription"] {
            assert!(
                messages[key]["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty()),
                "{lang} {key}"
            );
        }
    }
    // Exactly the checkout's files: nothing left out, nothing added.
    let mut source = BTreeSet::new();
    files_under(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("extension"),
        "",
        &mut source,
    );
    assert_eq!(names, source);
    // No code from elsewhere: scripts are the zip's own files, nothing evaluated from text.
    for name in names
        .iter()
        .filter(|n| n.ends_with(".js") || n.ends_with(".html"))
    {
        let text = String::from_utf8(read(name)).expect("text");
        for banned in [
            "eval(",
            "new Function",
            "importScripts",
            "src=\"http",
            "src='http",
        ] {
            assert!(!text.contains(banned), "{name} has {banned}");
        }
    }
    assert!(manifest.get("content_security_policy").is_none());
}

#[tokio::test]
async fn a_portable_copy_names_the_extension_beside_it() {
    let dir = temp_dir("portable");
    let program = dir.join("flowdeck");
    if std::fs::hard_link(env!("CARGO_BIN_EXE_flowdeck"), &program).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_flowdeck"), &program).expect("copy the program");
    }
    let extension = dir.join("extension");
    std::fs::create_dir_all(&extension).expect("folder");
    std::fs::copy(
        kit::chrome::extension_dir().join("manifest.json"),
        extension.join("manifest.json"),
    )
    .expect("copy the manifest");
    let help = tokio::process::Command::new(&program)
        .arg("--help")
        .env("FLOWDECK_LANG", "en")
        .output()
        .await
        .expect("run the copy");
    let said = String::from_utf8_lossy(&help.stdout);
    let extension = std::fs::canonicalize(&extension).expect("canonical");
    assert!(
        said.contains(&format!("extension {}", extension.display())),
        "{said}"
    );
}
