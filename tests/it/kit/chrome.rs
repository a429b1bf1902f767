//! A real headless Chromium with the flowdeck extension loaded, one profile per account,
//! driven through the DevTools protocol (open a URL, read the page, take a screenshot).

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use base64::Engine as _;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::process::{Child, Command};
use tokio_tungstenite::tungstenite::Message;

pub struct Chrome {
    child: Child,
    pub port: u16,
}

/// The extension as a person gets it: this checkout's folder packed by `scripts/package.sh`
/// into the `.zip` that ships, then unzipped (once per test run). Every Chromium test loads
/// this copy, so a file the zip leaves out fails them.
pub fn extension_dir() -> PathBuf {
    static UNPACKED: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    UNPACKED.get_or_init(pack_and_unpack).clone()
}

/// The path of the packed `.zip`, made by the script the release uses.
pub fn packed_extension() -> PathBuf {
    zip_in(extension_dir().parent().expect("the packing folder"))
}

/// Where `scripts/package.sh extension OUT` puts the `.zip`.
fn zip_in(out: &Path) -> PathBuf {
    out.join(format!(
        "flowdeck-extension-{}.zip",
        env!("CARGO_PKG_VERSION")
    ))
}

fn pack_and_unpack() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("flowdeck-ext-packed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let packed = std::process::Command::new("bash")
        .arg(root.join("scripts/package.sh"))
        .arg("extension")
        .arg(&out)
        .output()
        .expect("bash runs scripts/package.sh");
    assert!(
        packed.status.success(),
        "scripts/package.sh extension failed (it needs `zip`):\n{}",
        String::from_utf8_lossy(&packed.stderr)
    );
    let zip = zip_in(&out);
    let file = std::fs::File::open(&zip).expect("the packed extension");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    let unpacked = out.join("unpacked");
    archive.extract(&unpacked).expect("unzip the extension");
    unpacked
}

impl Chrome {
    /// Starts Chromium on `url` with a fresh profile and the extension. Chromium must be
    /// installed (`apt-get install chromium`; `.ci/run` does it).
    pub async fn launch(profile: PathBuf, url: &str) -> Chrome {
        Chrome::launch_speaking(profile, url, "en-US").await
    }

    /// The same, with the browser's interface (and so the extension's words) in `lang`.
    pub async fn launch_speaking(profile: PathBuf, url: &str, lang: &str) -> Chrome {
        Chrome::launch_with(profile, url, lang, &extension_dir()).await
    }

    /// The same, with the extension loaded from `extension` (a copy of it, changed).
    pub async fn launch_with(profile: PathBuf, url: &str, lang: &str, extension: &Path) -> Chrome {
        std::fs::create_dir_all(&profile).expect("profile folder");
        // Chromium's own output, read back only when it fails to come up.
        let log_path = profile.with_extension("log");
        let log = std::fs::File::create(&log_path).expect("browser log");
        let mut child = Command::new("chromium")
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=800,600",
                // Chromium picks a free port itself and writes it to DevToolsActivePort: a port
                // picked here and released could be taken by another test before it binds.
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--load-extension={}", extension.display()))
            .arg(format!("--lang={lang}"))
            .env("LANGUAGE", lang)
            .arg(url)
            // Chromium's own scratch folders go with this test process's, not in /tmp.
            .env("TMPDIR", super::scratch::root())
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true)
            .spawn()
            .expect("chromium runs: install it with `apt-get install chromium`");
        // A first start on a fresh machine (fonts, caches) with other tests busy on two cores
        // has been seen to take over 10 s; a minute is a fault, not a slow start.
        let tail = |why: &str| {
            let text = std::fs::read_to_string(&log_path).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            let tail = lines[lines.len().saturating_sub(20)..].join("\n");
            format!("{why}; its last output:\n{tail}")
        };
        for _ in 0..600 {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("{}", tail(&format!("chromium exited at start ({status})")));
            }
            if let Some(port) = active_port(&profile) {
                let chrome = Chrome { child, port };
                if chrome.targets().await.is_some() {
                    return chrome;
                }
                child = chrome.child;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "{}",
            tail("chromium's DevTools endpoint never answered in 60 s")
        );
    }

    pub async fn targets(&self) -> Option<Vec<Value>> {
        reqwest::get(format!("http://127.0.0.1:{}/json/list", self.port))
            .await
            .ok()?
            .json()
            .await
            .ok()
    }

    /// The id of the flowdeck extension (from its service worker's URL).
    pub async fn extension_id(&self) -> String {
        for _ in 0..100 {
            let found = self
                .targets()
                .await
                .unwrap_or_default()
                .into_iter()
                .find_map(|t| {
                    let url = t["url"].as_str()?;
                    let rest = url.strip_prefix("chrome-extension://")?;
                    rest.ends_with("/background.js")
                        .then(|| rest.trim_end_matches("/background.js").to_string())
                });
            if let Some(id) = found {
                return id;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the extension's service worker never started");
    }

    /// Opens `url` in a new tab (headless Chromium takes one URL at launch; the rest come
    /// through DevTools). Returns the tab's DevTools WebSocket.
    pub async fn open(&self, url: &str) -> String {
        let target: Value = reqwest::Client::new()
            .put(format!("http://127.0.0.1:{}/json/new?{url}", self.port))
            .send()
            .await
            .expect("devtools")
            .json()
            .await
            .expect("target");
        target["webSocketDebuggerUrl"]
            .as_str()
            .expect("a debugger URL")
            .to_string()
    }

    /// One DevTools call on a tab.
    pub async fn call(ws: &str, method: &str, params: Value) -> Value {
        let (mut socket, _) = tokio_tungstenite::connect_async(ws)
            .await
            .expect("devtools socket");
        let request = json!({"id": 1, "method": method, "params": params});
        socket
            .send(Message::Text(request.to_string().into()))
            .await
            .expect("send");
        loop {
            let m = tokio::time::timeout(Duration::from_secs(20), socket.next())
                .await
                .expect("devtools answers")
                .expect("open")
                .expect("frame");
            if let Message::Text(t) = m {
                let v: Value = serde_json::from_str(t.as_str()).expect("json");
                if v["id"] == 1 {
                    return v["result"].clone();
                }
            }
        }
    }

    /// The DevTools WebSocket of the first tab showing a page of `origin`.
    pub async fn tab_on(&self, origin: &str) -> String {
        for _ in 0..100 {
            if let Some(ws) = self.page_on(origin, "webSocketDebuggerUrl").await {
                return ws;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no tab on {origin}");
    }

    /// Field `field` of the first tab showing a page of `origin`, if there is one.
    async fn page_on(&self, origin: &str, field: &str) -> Option<String> {
        self.targets()
            .await
            .unwrap_or_default()
            .into_iter()
            .find_map(|t| {
                let on = t["type"] == "page" && t["url"].as_str()?.starts_with(origin);
                on.then(|| t[field].as_str().map(str::to_string))?
            })
    }

    /// Closes the first tab showing a page of `origin`, as the person would.
    pub async fn close_tab_on(&self, origin: &str) {
        let id = self
            .page_on(origin, "id")
            .await
            .expect("a tab on the origin");
        reqwest::get(format!("http://127.0.0.1:{}/json/close/{id}", self.port))
            .await
            .expect("devtools closes the tab");
    }

    /// A JavaScript expression's value in a tab (`None` while the page is changing).
    pub async fn eval(ws: &str, expression: &str) -> Option<Value> {
        let r = Chrome::call(
            ws,
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        )
        .await;
        r["result"].get("value").cloned()
    }

    /// Sends a tab to `url`, as the person typing it would; returns where it ended up once
    /// that page has loaded (after any redirect).
    pub async fn navigate(ws: &str, url: &str) -> String {
        // The page it shows now, once loaded (a tab just opened may still be on about:blank).
        let before = Chrome::loaded(ws, None).await;
        Chrome::call(ws, "Page.navigate", json!({"url": url})).await;
        let after = Chrome::loaded(ws, Some(&before[0])).await;
        after[2].as_str().unwrap_or_default().to_string()
    }

    /// `[timeOrigin, readyState, href]` of the tab's web page once it has loaded, and is not
    /// the document that began at `not`.
    async fn loaded(ws: &str, not: Option<&Value>) -> Value {
        for _ in 0..200 {
            let now = Chrome::eval(
                ws,
                "[performance.timeOrigin, document.readyState, location.href]",
            )
            .await;
            if let Some(now) = now
                && Some(&now[0]) != not
                && now[1] == "complete"
                && now[2].as_str().is_some_and(|h| h.starts_with("http"))
            {
                return now;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the tab never finished loading");
    }

    /// The page's visible text.
    pub async fn text(ws: &str) -> String {
        let r = Chrome::call(
            ws,
            "Runtime.evaluate",
            json!({"expression": "document.body ? document.body.innerText : ''", "returnByValue": true}),
        )
        .await;
        r["result"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// A PNG of the tab.
    pub async fn screenshot(ws: &str) -> Vec<u8> {
        let r = Chrome::call(ws, "Page.captureScreenshot", json!({"format": "png"})).await;
        base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().expect("image data"))
            .expect("base64")
    }
}

/// The DevTools port Chromium wrote into its profile (first line of `DevToolsActivePort`).
fn active_port(profile: &Path) -> Option<u16> {
    let text = std::fs::read_to_string(profile.join("DevToolsActivePort")).ok()?;
    text.lines().next()?.trim().parse().ok()
}
