//! Demo mode: an in-process simulator with three demo Flow accounts and one Gemini account,
//! the browser bridge with a stand-in extension playing each Flow account's browser, settings
//! that point at all of it, secrets held in memory, and a fresh ledger folder. Both front ends
//! use it so flowdeck can be tried with no Google account and no browser.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::standin::StandIn;
use super::{RunningSim, SimConfig};
use crate::bridge::{Bridge, BridgeConfig, proof};
use crate::store::config::{AccountEntry, ProviderKind, Settings};
use crate::store::lock::{EngineLock, LOCK_FILE, LockError};
use crate::store::paths::Paths;
use crate::store::private;
use crate::store::secrets::SecretStore;

/// What must stay alive while the demo runs: the simulator, the stand-in extensions (one per
/// demo Flow account; they disconnect when dropped), and the demo folder's lock, so a second
/// demo cannot empty the folder of one still running.
pub struct World {
    pub sim: RunningSim,
    pub standins: Vec<StandIn>,
    pub lock: EngineLock,
}

/// Everything a front end needs to run against the demo simulator.
pub struct Demo {
    pub world: World,
    pub bridge: Arc<Bridge>,
    pub paths: Paths,
    pub settings: Settings,
    pub secrets: SecretStore,
}

/// Where the demo keeps its ledger, settings and videos: in the user's own cache folder
/// (`$XDG_CACHE_HOME/flowdeck/demo` on Linux), never a shared, guessable temp path another
/// user could prepare.
pub fn folder() -> Result<PathBuf, String> {
    directories::ProjectDirs::from("dev", "flowdeck", "flowdeck")
        .map(|p| p.cache_dir().join("demo"))
        .ok_or_else(|| crate::t!("demo-no-cache-folder"))
}

/// Makes the demo folder (user-only), refusing one that is not this user's own.
fn prepare(dir: &Path) -> Result<(), String> {
    let cannot = |e: std::io::Error| {
        let folder = dir.display().to_string();
        crate::t!("demo-folder-io", folder = folder, error = e.to_string())
    };
    private::create_dir(dir).map_err(cannot)?;
    check_own(dir, private::me())?;
    private::restrict_dir(dir).map_err(cannot)
}

/// Refuses a demo folder that is a link, or that is (or sits in a folder that is) another
/// user's: whoever controls it could point the demo's writes, and its emptying, elsewhere.
fn check_own(dir: &Path, me: u32) -> Result<(), String> {
    let foreign = || {
        let folder = dir.display().to_string();
        crate::t!("demo-folder-foreign", folder = folder)
    };
    let own = |d: &Path, follow: bool| {
        let meta = if follow {
            std::fs::metadata(d)
        } else {
            std::fs::symlink_metadata(d)
        };
        meta.is_ok_and(|m| m.is_dir() && private::owned_by(&m, me))
    };
    if own(dir, false) && dir.parent().is_none_or(|p| own(p, true)) {
        Ok(())
    } else {
        Err(foreign())
    }
}

/// Empties the demo folder but for its lock file, which this demo holds: removing it would let
/// a second demo lock a new file of the same name while this one runs.
fn empty(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == LOCK_FILE {
            continue;
        }
        // Neither call follows a link: a link is removed, not what it points at.
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Starts the simulator, the bridge and the stand-ins. `paths` are the real ones; the demo
/// swaps in its own folder, emptied first (its simulator vanishes when it ends, so there is
/// nothing a later run could resume, but what it made can still be looked at). `what` names
/// the front end, for a second demo to say who holds the folder.
pub async fn start(mut paths: Paths, what: &str) -> Result<Demo, String> {
    // One demo folder per user, emptied as each demo starts: nothing piles up, and the last
    // demo's ledger and videos stay to look at (`flowdeck status --demo`). A demo still
    // running keeps its folder: this one is refused, and says so.
    paths.data_dir = folder()?;
    prepare(&paths.data_dir)?;
    let lock = EngineLock::acquire(&paths.data_dir, what).map_err(|e| match e {
        LockError::Held { dir, holder } => {
            let folder = dir.display().to_string();
            crate::t!(
                "demo-running",
                holder = crate::i18n::say(&holder),
                folder = folder
            )
        }
        other => crate::i18n::say(&other.message()),
    })?;
    empty(&paths.data_dir).map_err(|e| {
        let folder = paths.data_dir.display().to_string();
        crate::t!("demo-folder-io", folder = folder, error = e.to_string())
    })?;
    let sim = RunningSim::start(SimConfig {
        accounts: vec!["demo-ana".into(), "demo-binh".into(), "demo-chen".into()],
        gemini_accounts: vec!["demo-gemini".into()],
        generation_time: Duration::from_secs(4),
        video_bytes: Some(3 << 20),
        ..SimConfig::default()
    })
    .await
    .map_err(|e| e.to_string())?;
    paths.log_dir = paths.data_dir.join("logs");
    // Changes made in the demo (accounts, settings) stay in the demo.
    paths.config_file = paths.data_dir.join("config.toml");
    let mut settings = Settings::default();
    settings.flow.origin = sim.flow_origin();
    settings.flow.generate_spacing_secs = 0.3;
    settings.flow.reconcile_after_secs = 2.0;
    settings.bridge.port = 0;
    settings.gemini.api_url = sim.api_url();
    settings.engine.submit_spacing_secs = 0.3;
    settings.engine.poll_interval_secs = 1.0;
    settings.output.dir = Some(paths.data_dir.join("videos"));
    let secrets = SecretStore::memory_only(crate::msg!("demo-secrets-in-memory"));
    let mut pairings = std::collections::HashMap::new();
    for a in sim.accounts() {
        let provider = if a.provider == "gemini" {
            ProviderKind::Gemini
        } else {
            ProviderKind::Flow
        };
        let mut entry = AccountEntry::new(&a.name, provider);
        let secret = if provider == ProviderKind::Flow {
            entry.project_id = Some(a.project_id.clone());
            entry.email = Some(a.email.clone());
            let s = proof::new_secret();
            pairings.insert(a.name.clone(), s.clone());
            s
        } else {
            a.secret.clone()
        };
        settings.accounts.push(entry);
        secrets.set(&a.name, &secret).await;
    }
    let bridge = Bridge::start(
        BridgeConfig {
            port: 0,
            origin: sim.flow_origin(),
            page: crate::words::pairing_page(),
            ..BridgeConfig::default()
        },
        pairings.clone(),
    )
    .await
    .map_err(|e| crate::i18n::say(&e.message()))?;
    settings.bridge.port = bridge.port();
    let standins = sim
        .accounts()
        .iter()
        .filter(|a| a.provider == "flow")
        .filter_map(|a| {
            let page = sim.page(&a.name)?;
            let secret = pairings.get(&a.name)?.clone();
            Some(StandIn::connect(&bridge.ws_url(), &a.name, secret, page))
        })
        .collect();
    Ok(Demo {
        world: World {
            sim,
            standins,
            lock,
        },
        bridge: Arc::new(bridge),
        paths,
        settings,
        secrets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_demo_folder_that_is_another_user_s_or_a_link_is_refused() {
        let root = std::env::temp_dir().join(format!("flowdeck-demo-{}", uuid::Uuid::new_v4()));
        let dir = root.join("demo");
        prepare(&dir).expect("a fresh folder of one's own");
        let me = private::me();
        assert_eq!(check_own(&dir, me), Ok(()));
        let other = me.wrapping_add(1);
        let e = check_own(&dir, other).expect_err("someone else's");
        assert!(e.contains(&dir.display().to_string()), "{e}");
        std::fs::remove_dir_all(&dir).expect("remove");
        let elsewhere = root.join("elsewhere");
        private::create_dir(&elsewhere).expect("dir");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&elsewhere, &dir).expect("link");
            assert!(prepare(&dir).is_err(), "a link is not the demo's folder");
        }
        std::fs::remove_dir_all(root).ok();
    }
}
