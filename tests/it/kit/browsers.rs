//! The browser side of Flow accounts, for tests and benchmarks that build clients in this
//! process: a bridge on a free port with one stand-in extension per Flow account of the
//! simulator, each paired and connected. Keep it alive while the clients (or an engine using
//! them) run. Benchmarks include this file by path.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use flowdeck::bridge::{Bridge, BridgeConfig, BrowserLink, proof};
use flowdeck::provider::flow::{FlowClient, FlowConfig};
use flowdeck::secret::Secret;
use flowdeck::sim::RunningSim;
use flowdeck::sim::standin::StandIn;

/// Flow settings for tests: the simulator's origin, brisk pacing, quick lookups.
pub fn flow_config(sim: &RunningSim) -> FlowConfig {
    FlowConfig {
        origin: sim.flow_origin(),
        generate_spacing: Duration::from_millis(50),
        reconcile_after: Duration::from_millis(300),
        idle_timeout: Duration::from_secs(10),
        ..FlowConfig::default()
    }
}

/// The bridge with one stand-in extension per Flow account of the simulator, each paired
/// (its secret given to both sides) and connected.
pub struct Browsers {
    pub bridge: Bridge,
    pub secrets: Vec<(String, Secret)>,
    pub standins: Vec<StandIn>,
}

impl Browsers {
    pub async fn start(sim: &RunningSim) -> Browsers {
        let flow: Vec<&flowdeck::sim::SimAccount> = sim
            .accounts()
            .iter()
            .filter(|a| a.provider == "flow")
            .collect();
        let secrets: Vec<(String, Secret)> = flow
            .iter()
            .map(|a| (a.name.clone(), proof::new_secret()))
            .collect();
        let bridge = loopback_bridge(&sim.flow_origin(), 60, secrets.iter().cloned().collect())
            .await
            .expect("bridge starts");
        let standins = secrets
            .iter()
            .map(|(name, secret)| {
                StandIn::connect(
                    &bridge.ws_url(),
                    name,
                    secret.clone(),
                    sim.page(name).expect("account"),
                )
            })
            .collect();
        let b = Browsers {
            bridge,
            secrets,
            standins,
        };
        for (name, _) in &b.secrets {
            b.wait_connected(name).await;
        }
        b
    }

    pub async fn wait_connected(&self, account: &str) {
        let mut p = self.bridge.presence(account);
        tokio::time::timeout(Duration::from_secs(10), p.wait_for(|p| p.connected))
            .await
            .expect("the stand-in connects in time")
            .expect("presence");
    }

    /// The bridge's link to the browser of the simulator's account `i`.
    pub fn link(&self, sim: &RunningSim, i: usize) -> BrowserLink {
        self.bridge.link(&sim.accounts()[i].name)
    }

    /// A client for the simulator's Flow account `i`, through its browser.
    pub fn client(&self, sim: &RunningSim, i: usize) -> FlowClient {
        self.client_with(sim, i, flow_config(sim))
    }

    pub fn client_with(&self, sim: &RunningSim, i: usize, config: FlowConfig) -> FlowClient {
        let a = &sim.accounts()[i];
        FlowClient::new(
            config,
            Arc::new(self.link(sim, i)),
            Some(a.project_id.clone()),
            Some(a.email.clone()),
        )
        .expect("client")
    }
}

/// A bridge on a free loopback port for the Flow at `origin`, a call allowed `call_secs`, with
/// these accounts paired.
pub async fn loopback_bridge(
    origin: &str,
    call_secs: u64,
    paired: std::collections::HashMap<String, Secret>,
) -> Result<Bridge, flowdeck::bridge::BridgeError> {
    Bridge::start(
        BridgeConfig {
            port: 0,
            origin: origin.to_string(),
            call_timeout: Duration::from_secs(call_secs),
            ..BridgeConfig::default()
        },
        paired,
    )
    .await
}
