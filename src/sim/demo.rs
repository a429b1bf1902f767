//! Demo mode: an in-process simulator with three demo accounts, settings that point at it,
//! secrets held in memory, and a fresh ledger folder. Both front ends use it so flowdeck can
//! be tried with no Google account.

use std::time::Duration;

use super::{RunningSim, SimConfig};
use crate::store::config::{AccountEntry, ProviderKind, Settings};
use crate::store::paths::Paths;
use crate::store::secrets::SecretStore;

/// Everything a front end needs to run against the demo simulator.
pub struct Demo {
    pub sim: RunningSim,
    pub paths: Paths,
    pub settings: Settings,
    pub secrets: SecretStore,
}

/// Starts the simulator. `paths` are the real ones; the demo swaps in a fresh data folder
/// (its videos vanish with the simulator, so there is nothing a later run could resume).
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
    settings.flow.labs_url = sim.labs_url();
    settings.flow.api_url = sim.api_url();
    settings.gemini.api_url = sim.api_url();
    settings.engine.submit_spacing_secs = 0.3;
    settings.engine.poll_interval_secs = 1.0;
    settings.output.dir = Some(paths.data_dir.join("videos"));
    let secrets = SecretStore::memory_only("demo accounts live in memory");
    for a in sim.accounts() {
        let provider = if a.provider == "gemini" {
            ProviderKind::Gemini
        } else {
            ProviderKind::Flow
        };
        let mut entry = AccountEntry::new(&a.name, provider);
        if provider == ProviderKind::Flow {
            entry.project_id = Some(a.project_id.clone());
        }
        settings.accounts.push(entry);
        secrets.set(&a.name, &a.secret).await;
    }
    Ok(Demo {
        sim,
        paths,
        settings,
        secrets,
    })
}
