//! Demo mode: an in-process simulator with three demo Flow accounts and one Gemini account,
//! the browser bridge with a stand-in extension playing each Flow account's browser, settings
//! that point at all of it, secrets held in memory, and a fresh ledger folder. Both front ends
//! use it so flowdeck can be tried with no Google account and no browser.

use std::sync::Arc;
use std::time::Duration;

use super::standin::StandIn;
use super::{RunningSim, SimConfig};
use crate::bridge::{Bridge, BridgeConfig, proof};
use crate::store::config::{AccountEntry, ProviderKind, Settings};
use crate::store::paths::Paths;
use crate::store::secrets::SecretStore;

/// What must stay alive while the demo runs: the simulator, and the stand-in extensions (one
/// per demo Flow account; they disconnect when dropped).
pub struct World {
    pub sim: RunningSim,
    pub standins: Vec<StandIn>,
}

/// Everything a front end needs to run against the demo simulator.
pub struct Demo {
    pub world: World,
    pub bridge: Arc<Bridge>,
    pub paths: Paths,
    pub settings: Settings,
    pub secrets: SecretStore,
}

/// Where the demo keeps its ledger, settings and videos: in the temp folder, one per user.
pub fn folder() -> std::path::PathBuf {
    let user: String = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let user = if user.is_empty() { "user".into() } else { user };
    std::env::temp_dir().join(format!("flowdeck-demo-{user}"))
}

/// Starts the simulator, the bridge and the stand-ins. `paths` are the real ones; the demo
/// swaps in its own folder, emptied first (its simulator vanishes when it ends, so there is
/// nothing a later run could resume, but what it made can still be looked at).
pub async fn start(mut paths: Paths) -> std::io::Result<Demo> {
    let sim = RunningSim::start(SimConfig {
        accounts: vec!["demo-ana".into(), "demo-binh".into(), "demo-chen".into()],
        gemini_accounts: vec!["demo-gemini".into()],
        generation_time: Duration::from_secs(4),
        video_bytes: Some(3 << 20),
        ..SimConfig::default()
    })
    .await?;
    // One demo folder per user, emptied as each demo starts: nothing piles up, and the last
    // demo's ledger and videos stay to look at (`flowdeck status --demo`).
    paths.data_dir = folder();
    if paths.data_dir.exists() {
        // Another demo running now keeps its folder.
        crate::store::lock::EngineLock::acquire(&paths.data_dir, "a demo")
            .map_err(std::io::Error::other)?;
    }
    match std::fs::remove_dir_all(&paths.data_dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::create_dir_all(&paths.data_dir)?;
    paths.log_dir = paths.data_dir.join("logs");
    // Changes made in the demo (accounts, settings) stay in the demo.
    paths.config_file = paths.data_dir.join("config.toml");
    paths.config_explicit = false;
    let mut settings = Settings::default();
    settings.flow.origin = sim.flow_origin();
    settings.flow.generate_spacing_secs = 0.3;
    settings.flow.reconcile_after_secs = 2.0;
    settings.bridge.port = 0;
    settings.gemini.api_url = sim.api_url();
    settings.engine.submit_spacing_secs = 0.3;
    settings.engine.poll_interval_secs = 1.0;
    settings.output.dir = Some(paths.data_dir.join("videos"));
    let secrets = SecretStore::memory_only(&crate::t!("demo-secrets-in-memory"));
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
            ..BridgeConfig::default()
        },
        pairings.clone(),
    )
    .await
    .map_err(std::io::Error::other)?;
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
        world: World { sim, standins },
        bridge: Arc::new(bridge),
        paths,
        settings,
        secrets,
    })
}
