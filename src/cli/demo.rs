//! Demo mode: an in-process simulator with three demo accounts, its own ledger, and
//! secrets held in memory, so flowdeck can be tried with no Google account.

use std::path::PathBuf;
use std::time::Duration;

use super::context::{Context, Exit};
use crate::sim::{RunningSim, SimConfig};
use crate::store::config::{AccountEntry, ProviderKind, Settings};
use crate::store::paths::Paths;
use crate::store::secrets::SecretStore;

/// Starts the simulator and a context whose accounts point at it.
pub async fn context(config: Option<PathBuf>) -> Result<(Context, RunningSim), Exit> {
    let sim = RunningSim::start(SimConfig {
        accounts: vec!["demo-ana".into(), "demo-binh".into(), "demo-chen".into()],
        generation_time: Duration::from_secs(4),
        video_bytes: Some(3 << 20),
        ..SimConfig::default()
    })
    .await
    .map_err(|e| Exit::failed(format!("cannot start the demo simulator: {e}")))?;
    let mut paths = Paths::resolve(config).map_err(Exit::usage)?;
    // A fresh ledger each time: the simulator's videos vanish when the demo ends, so there is
    // nothing a later run could resume.
    paths.data_dir = std::env::temp_dir().join(format!("flowdeck-demo-{}", uuid::Uuid::new_v4()));
    let mut settings = Settings::default();
    settings.flow.labs_url = sim.labs_url();
    settings.flow.api_url = sim.api_url();
    settings.engine.submit_spacing_secs = 0.3;
    settings.engine.poll_interval_secs = 1.0;
    let secrets = SecretStore::memory_only("demo accounts live in memory");
    for a in sim.accounts() {
        let mut entry = AccountEntry::new(&a.name, ProviderKind::Flow);
        entry.project_id = Some(a.project_id.clone());
        settings.accounts.push(entry);
        secrets.set(&a.name, &a.cookie).await;
    }
    Ok((
        Context {
            paths,
            settings,
            secrets,
        },
        sim,
    ))
}
