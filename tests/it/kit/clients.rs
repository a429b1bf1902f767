//! Every provider's client against the simulator, one video at a time: create, poll, fetch,
//! the test pictures a scene is made from, and a Vertex client built for a test's needs.

use flowdeck::words::Said;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flowdeck::model::{Hint, InputKind, Inputs, Shot, Source};
use flowdeck::provider::vertex::{Credentials, Project, VertexClient, VertexConfig};
use flowdeck::provider::{Client, CreateSpec, ProviderError, RemoteRef, RemoteStatus};
use flowdeck::sim::RunningSim;

use super::fetch;

/// A client for the simulator's Vertex project of account `name` (in us-central1), with
/// `config` pointed at the simulator and these `credentials`.
pub fn vertex_client_with(
    sim: &RunningSim,
    name: &str,
    config: VertexConfig,
    credentials: Credentials,
) -> VertexClient {
    let project = Project {
        id: sim.account(name).expect("account").project_id.clone(),
        location: "us-central1".into(),
    };
    let config = VertexConfig {
        api_url: sim.vertex_url(),
        storage_url: sim.storage_url(),
        ..config
    };
    VertexClient::new(config, project, credentials).expect("client")
}

/// Asks `c` for a video of `shot` starting from a picture too small to send: refused before
/// anything is sent.
pub async fn a_tiny_picture_is_refused(c: &Client, shot: &Shot, seeds: &[String]) {
    let shot = Shot {
        inputs: InputKind::Start,
        ..shot.clone()
    };
    let tiny = Inputs {
        start: Some(fixture("images/tiny.png")),
        ..Inputs::default()
    };
    let e = c
        .create(&CreateSpec {
            inputs: &tiny,
            ..CreateSpec::text("p", &shot, &[1], seeds)
        })
        .await
        .expect_err("too small");
    assert!(
        matches!(&e, ProviderError::InvalidRequest(m) if m.said().contains("too small")),
        "{e:?}"
    );
}

/// Creates one video of `prompt` (continuing `previous`, an earlier interaction, if given)
/// through any provider's client; its reference.
pub async fn create_one(
    c: &Client,
    prompt: &str,
    shot: &Shot,
    previous: Option<&str>,
) -> Result<RemoteRef, ProviderError> {
    let source = previous.map(|interaction| Source::Revise {
        interaction: interaction.into(),
    });
    Ok(c.create(&CreateSpec {
        source: source.as_ref(),
        ..CreateSpec::text(prompt, shot, &[1], &[String::new()])
    })
    .await?
    .refs
    .remove(0))
}

/// Polls one video until it is final (or 10 s pass); its status.
pub async fn final_status(c: &Client, r: &RemoteRef) -> RemoteStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (mut s, _) = c.poll(std::slice::from_ref(r)).await.expect("poll");
        let s = s.remove(0);
        if s.state.is_final() {
            return s;
        }
        assert!(Instant::now() < deadline, "never finished");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Downloads one video through any provider's client; how many bytes it brought.
pub async fn fetch_bytes(
    c: &Client,
    r: &RemoteRef,
    hint: Option<&Hint>,
    dest: &Path,
) -> Result<u64, ProviderError> {
    fetch(c, r, hint, dest).await.map(|f| f.bytes)
}

/// A file under tests/fixtures.
pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// The test pictures as a scene would be made from them: a start frame, start and end
/// frames, and `references` reference images.
pub fn picture_cases(references: u8) -> [(InputKind, Inputs); 3] {
    let [wide, tall, square] =
        ["wide.png", "tall.jpg", "square.webp"].map(|name| fixture("images").join(name));
    [
        (
            InputKind::Start,
            Inputs {
                start: Some(wide.clone()),
                ..Inputs::default()
            },
        ),
        (
            InputKind::StartEnd,
            Inputs {
                start: Some(wide.clone()),
                end: Some(tall.clone()),
                ..Inputs::default()
            },
        ),
        (
            InputKind::References(references),
            Inputs {
                references: [square, tall, wide][..usize::from(references)].to_vec(),
                ..Inputs::default()
            },
        ),
    ]
}
