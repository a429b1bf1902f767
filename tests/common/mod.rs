//! Helpers shared by the integration tests: a simulator, the browser bridge with a stand-in
//! extension per Flow account, and clients for those accounts.

#![allow(dead_code)]

pub mod chaos;
pub mod child;
pub mod chrome;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use flowdeck::bridge::{Bridge, BridgeConfig, proof};
use flowdeck::model::{Aspect, Model, RemoteState, Shot};
use flowdeck::provider::flow::{
    CreateRequest, FlowClient, FlowConfig, MediaRef, PolledMedia, RequestRef,
};
use flowdeck::provider::{ProviderError, transfer};
use flowdeck::secret::Secret;
use flowdeck::sim::standin::StandIn;
use flowdeck::sim::{RunningSim, SimConfig};

pub const GEN_TIME: Duration = Duration::from_millis(300);

pub async fn sim(tweak: impl FnOnce(&mut SimConfig)) -> RunningSim {
    let mut config = SimConfig {
        generation_time: GEN_TIME,
        ..SimConfig::default()
    };
    tweak(&mut config);
    RunningSim::start(config).await.expect("simulator starts")
}

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
        let bridge = Bridge::start(
            BridgeConfig {
                port: 0,
                origin: sim.flow_origin(),
                call_timeout: Duration::from_secs(20),
            },
            secrets.iter().cloned().collect(),
        )
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

    /// A client for the simulator's Flow account `i`, through its browser.
    pub fn client(&self, sim: &RunningSim, i: usize) -> FlowClient {
        self.client_with(sim, i, flow_config(sim))
    }

    pub fn client_with(&self, sim: &RunningSim, i: usize, config: FlowConfig) -> FlowClient {
        let a = &sim.accounts()[i];
        FlowClient::new(
            config,
            Arc::new(self.bridge.link(&a.name)),
            Some(a.project_id.clone()),
            Some(a.email.clone()),
        )
        .expect("client")
    }
}

pub fn shot() -> Shot {
    Shot::new(Model::Veo31Fast, Aspect::Landscape)
}

pub async fn create(
    client: &FlowClient,
    prompt: &str,
    copies: usize,
) -> Result<Vec<MediaRef>, ProviderError> {
    let requests = client.prepare(copies).await?;
    create_with(client, prompt, &requests).await
}

pub async fn create_with(
    client: &FlowClient,
    prompt: &str,
    requests: &[RequestRef],
) -> Result<Vec<MediaRef>, ProviderError> {
    let shot = shot();
    let created = client
        .create(&CreateRequest {
            prompt,
            shot: &shot,
            requests,
        })
        .await?;
    Ok(created.media)
}

/// Polls until every media is final (or 10 s pass).
pub async fn wait_final(client: &FlowClient, media: &[MediaRef]) -> Vec<PolledMedia> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match client.poll(media).await {
            Ok(r) if r.media.iter().all(|m| m.state.is_final()) => return r.media,
            Ok(_) | Err(ProviderError::Transient(_)) => {}
            Err(e) => panic!("poll failed: {e}"),
        }
        assert!(Instant::now() < deadline, "media never finished");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub fn is_succeeded(m: &PolledMedia) -> bool {
    m.state == RemoteState::Succeeded
}

pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flowdeck-test-{tag}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

pub async fn download(
    client: &FlowClient,
    media: &MediaRef,
    dest: &Path,
) -> Result<flowdeck::provider::flow::Downloaded, ProviderError> {
    let mut progress = |_: u64, _: Option<u64>| {};
    client.download(media, dest, &mut progress).await
}

/// Asserts that the file holds exactly what the simulator serves for this media.
pub fn assert_same_bytes(sim: &RunningSim, media: &str, path: &Path) {
    let expected = sim.expected_video(media).expect("media known").to_vec();
    let got = std::fs::read(path).expect("file");
    assert_eq!(got.len(), expected.len(), "length of {media}");
    assert!(got == expected, "bytes of {media} differ");
}

pub async fn part_len(path: &Path) -> u64 {
    transfer::existing_len(path).await
}

/// Batch `batch` has `n` takes, all Done, each file byte-identical to what the simulator made,
/// and none made twice.
pub async fn assert_all_on_disk(
    sim: &RunningSim,
    ledger: &flowdeck::store::ledger::Ledger,
    batch: i64,
    n: usize,
) {
    let takes = ledger.current_takes(batch).await.expect("takes");
    assert_eq!(takes.len(), n);
    for t in &takes {
        assert_eq!(t.state, flowdeck::model::TakeState::Done, "{t:?}");
        let remote: serde_json::Value =
            serde_json::from_str(t.remote.as_deref().expect("remote")).expect("json");
        assert_same_bytes(
            sim,
            remote["name"].as_str().expect("name"),
            t.path.as_deref().expect("path"),
        );
    }
    for (take, n) in ledger.created_counts().await.expect("counts") {
        assert_eq!(n, 1, "take {take} was made {n} times");
    }
}
