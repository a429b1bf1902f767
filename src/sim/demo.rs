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

/// Starts the simulator, the bridge and the stand-ins. `paths` are the real ones; the demo
/// swaps in a fresh data folder (its videos vanish with the simulator, so there is nothing a
/// later run could resume).
pub async fn start(mut paths: Paths) -> std::io::Result<Demo> {
    let sim = RunningSim::start(SimConfig {
        accounts: vec!["demo-ana".into(), "demo-binh".into(), "demo-chen".into()],
        gemini_accounts: vec!["demo-gemini".into()],
        generation_time: Duration::from_secs(4),
        video_bytes: Some(3 << 20),
        ..SimConfig::default()
    })
    .await?;
    paths.data_dir = std::env::temp_dir().join(format!("flowdeck-demo-{}", uuid::Uuid::new_v4()));
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
    let secrets = SecretStore::memory_only("demo accounts live in memory");
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
