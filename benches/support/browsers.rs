//! The browser side of Flow accounts for the benchmarks that build clients in this process
//! (`Browsers`, shared with the tests), and small helpers around it.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use flowdeck::model::{Aspect, Model, RemoteState, Shot};
use flowdeck::provider::flow::{CreateRequest, FlowClient, FlowConfig, MediaRef};
use flowdeck::sim::RunningSim;

#[path = "../../tests/it/kit/browsers.rs"]
mod shared;
pub use shared::Browsers;

/// Flow settings for benchmarks: the simulator's origin, `spacing` between generate calls,
/// quick lookups of lost answers.
pub fn flow_config(sim: &RunningSim, spacing: Duration) -> FlowConfig {
    FlowConfig {
        origin: sim.flow_origin(),
        generate_spacing: spacing,
        reconcile_after: Duration::from_millis(300),
        ..FlowConfig::default()
    }
}

/// Creates one video of `prompt` and polls until it is Succeeded.
pub async fn create_done(client: &FlowClient, prompt: &str) -> MediaRef {
    let shot = Shot::new(Model::Veo31Fast, Aspect::Landscape);
    let requests = client
        .prepare(1, &Default::default())
        .await
        .expect("prepare");
    let media = client
        .create(&CreateRequest {
            prompt,
            shot: &shot,
            requests: &requests,
        })
        .await
        .expect("create")
        .media;
    wait_done(client, &media).await;
    media.into_iter().next().expect("one video")
}

/// Polls `media` every 20 ms until every one is Succeeded (their links are then signed and
/// kept by the client).
pub async fn wait_done(client: &FlowClient, media: &[MediaRef]) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let r = client.poll(media).await.expect("poll");
        if r.media.iter().all(|m| m.state == RemoteState::Succeeded) {
            return;
        }
        assert!(
            !r.media
                .iter()
                .any(|m| m.state.is_final() && m.state != RemoteState::Succeeded),
            "a video failed: {:?}",
            r.media
        );
        assert!(Instant::now() < deadline, "the videos never finished");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
