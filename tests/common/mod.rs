//! Helpers shared by the integration tests: a simulator and clients for its accounts.

#![allow(dead_code)]

pub mod chaos;
pub mod child;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flowdeck::model::{Model, RemoteState};
use flowdeck::provider::flow::{
    CreateRequest, FlowClient, FlowConfig, FlowCredential, MediaRef, PolledMedia, WireGeneration,
};
use flowdeck::provider::{ProviderError, transfer};
use flowdeck::secret::Secret;
use flowdeck::sim::{RunningSim, SimConfig};

pub const GEN_TIME: Duration = Duration::from_millis(300);

pub async fn sim(generation: WireGeneration, tweak: impl FnOnce(&mut SimConfig)) -> RunningSim {
    let mut config = SimConfig {
        generation,
        generation_time: GEN_TIME,
        ..SimConfig::default()
    };
    tweak(&mut config);
    RunningSim::start(config).await.expect("simulator starts")
}

pub fn flow_config(sim: &RunningSim) -> FlowConfig {
    FlowConfig {
        labs_url: sim.labs_url(),
        api_url: sim.api_url(),
        generation: sim.config().generation,
        request_timeout: Duration::from_secs(10),
        idle_timeout: Duration::from_secs(10),
        ..FlowConfig::default()
    }
}

/// A client for the simulator's account `i`, with its session cookie and existing project.
pub fn client(sim: &RunningSim, i: usize) -> FlowClient {
    client_with(sim, i, flow_config(sim))
}

pub fn client_with(sim: &RunningSim, i: usize, config: FlowConfig) -> FlowClient {
    let a = &sim.accounts()[i];
    FlowClient::new(
        config,
        FlowCredential::SessionCookie(a.secret.clone()),
        Some(a.project_id.clone()),
    )
    .expect("client")
}

/// A bare bearer token for account `i`, straight from the session route.
pub async fn bearer_for(sim: &RunningSim, i: usize) -> Secret {
    let cookie = format!(
        "__Secure-next-auth.session-token={}",
        sim.accounts()[i].secret.expose()
    );
    let v: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/auth/session", sim.labs_url()))
        .header("cookie", cookie)
        .send()
        .await
        .expect("session")
        .json()
        .await
        .expect("json");
    Secret::new(v["access_token"].as_str().expect("token"))
}

pub async fn create(
    client: &FlowClient,
    prompt: &str,
    copies: u32,
) -> Result<Vec<MediaRef>, ProviderError> {
    let seeds: Vec<u32> = (1..=copies).collect();
    let shot = flowdeck::model::Shot::new(Model::Veo31Fast, flowdeck::model::Aspect::Landscape);
    let created = client
        .create(&CreateRequest {
            prompt,
            shot: &shot,
            seeds: &seeds,
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
    m: &PolledMedia,
    media: &MediaRef,
    dest: &Path,
) -> Result<flowdeck::provider::flow::Downloaded, ProviderError> {
    let mut progress = |_: u64, _: Option<u64>| {};
    client
        .download(media, m.video_url.as_deref(), dest, &mut progress)
        .await
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
