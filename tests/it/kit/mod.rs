//! The test kit: one simulator (`sim`, its accounts and faults said as tweaks), clients of
//! every provider against it, files and folders for a test, and by module the binary as a
//! child process (`cli`: `flowdeck(args)` and `Setup::flowdeck`), the window (`window`), the
//! engine (`engine`), browsers real (`chrome`) and stand-in (`browsers`), a raw bridge peer
//! (`peer`), the chaos round, and crafted spreadsheets and videos.

pub mod browsers;
pub mod chaos;
pub mod child;
#[cfg(unix)]
pub mod chrome;
pub mod cli;
pub mod clients;
pub mod engine;
pub mod peer;
pub mod process;
pub mod scratch;
#[cfg(target_os = "linux")]
pub mod sheets;
pub mod simulator;
pub mod videos;
pub mod window;

pub use chaos::media_key;
pub use cli::{arg, flowdeck};
pub use clients::*;
pub use process::*;
pub use simulator::*;

pub use browsers::{Browsers, flow_config};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flowdeck::model::{Aspect, Model, RemoteState, Shot};
use flowdeck::provider::flow::{CreateRequest, FlowClient, MediaRef, PolledMedia, RequestRef};
use flowdeck::provider::gemini::{GeminiClient, GeminiConfig};
use flowdeck::provider::vertex::{Credentials, VertexConfig};
use flowdeck::provider::{Client, ProviderError, RemoteRef, transfer};
use flowdeck::sim::{RunningSim, SimConfig};

pub const GEN_TIME: Duration = Duration::from_millis(300);

/// The simulator: its default accounts (Flow's alice, bob and carol), each video made in
/// [`GEN_TIME`], then what `tweak` changes (the helpers below say which accounts there are).
pub async fn sim(tweak: impl FnOnce(&mut SimConfig)) -> RunningSim {
    let mut config = SimConfig {
        generation_time: GEN_TIME,
        ..SimConfig::default()
    };
    tweak(&mut config);
    RunningSim::start(config).await.expect("simulator starts")
}

pub fn shot() -> Shot {
    Shot::new(Model::Veo31Fast, Aspect::Landscape)
}

pub async fn create(
    client: &FlowClient,
    prompt: &str,
    copies: usize,
) -> Result<Vec<MediaRef>, ProviderError> {
    let requests = client.prepare(copies, &Default::default()).await?;
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

/// One video of `prompt` made as `shot`: what the create made.
pub async fn create_shot(
    client: &FlowClient,
    prompt: &str,
    shot: &Shot,
) -> Result<flowdeck::provider::flow::Created, ProviderError> {
    let requests = client.prepare(1, &Default::default()).await?;
    client
        .create(&CreateRequest {
            prompt,
            shot,
            requests: &requests,
        })
        .await
}

/// Polls until every media is final (or 10 s pass).
pub async fn wait_final(client: &FlowClient, media: &[MediaRef]) -> Vec<PolledMedia> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match client.poll(media).await {
            Ok(r) if r.media.iter().all(|m| m.state.is_final()) => return r.media,
            Ok(_) | Err(ProviderError::Transient(_)) => {}
            Err(e) => panic!("poll failed: {e:?}"),
        }
        assert!(Instant::now() < deadline, "media never finished");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub fn is_succeeded(m: &PolledMedia) -> bool {
    m.state == RemoteState::Succeeded
}

/// A client for the simulator's `i`-th account, a Gemini API key.
pub fn gemini_client(sim: &RunningSim, i: usize) -> Client {
    let config = GeminiConfig {
        api_url: sim.api_url(),
        request_timeout: Duration::from_secs(10),
        ..GeminiConfig::default()
    };
    Client::Gemini(GeminiClient::new(config, sim.accounts()[i].secret.clone()).expect("client"))
}

/// The account's key file, written where a user would keep it.
pub fn key_file(sim: &RunningSim, name: &str, dir: &Path) -> std::path::PathBuf {
    let a = sim.account(name).expect("account");
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, a.secret.expose()).expect("key");
    path
}

/// A client for the simulator's Vertex account `name` (its service-account key in a file),
/// writing to Cloud Storage under `storage` when given.
pub fn vertex_client(sim: &RunningSim, name: &str, storage: Option<&str>) -> Client {
    let dir = temp_dir("vertex");
    let config = VertexConfig {
        storage_uri: storage.map(str::to_string),
        ..VertexConfig::default()
    };
    let key = Credentials::KeyFile(key_file(sim, name, &dir));
    Client::Vertex(vertex_client_with(sim, name, config, key))
}

/// Downloads one video through any provider's client; gives what it brought.
pub async fn fetch(
    c: &Client,
    r: &RemoteRef,
    hint: Option<&flowdeck::model::Hint>,
    dest: &Path,
) -> Result<transfer::Fetched, ProviderError> {
    let mut progress = |_: u64, _: Option<u64>| {};
    c.download(r, hint, dest, &mut progress).await
}

/// Writes `bytes` to `dir/name`; gives its path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// A fresh folder for one test, inside this test process's own scratch folder.
pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = scratch::root().join(format!("{tag}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

pub async fn download(
    client: &FlowClient,
    media: &MediaRef,
    dest: &Path,
) -> Result<flowdeck::provider::transfer::Fetched, ProviderError> {
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
        let remote = serde_json::to_value(t.remote.as_ref().expect("remote")).expect("json");
        assert_same_bytes(sim, &media_key(&remote), t.path.as_deref().expect("path"));
    }
    for (take, n) in ledger.created_counts().await.expect("counts") {
        assert_eq!(n, 1, "take {take} was made {n} times");
    }
}

/// One Gemini key ("gem") with its settings, and a prompt file `name` holding `prompts`.
pub async fn one_gemini_key(
    tag: &str,
    name: &str,
    prompts: &[u8],
) -> (RunningSim, child::Setup, PathBuf) {
    let sim = sim(|c| simulator::gemini_only(c, &["gem"])).await;
    let s = child::setup(&sim, temp_dir(tag), "");
    let file = write(&s.dir, name, prompts);
    (sim, s, file)
}

/// Starts `run`, presses Ctrl-C once a video is generating, and reads what it says to the end:
/// what it printed, and how it ended (within a minute).
#[cfg(unix)]
pub async fn interrupted_once_generating(run: cli::Flowdeck) -> (String, std::process::ExitStatus) {
    let mut child = run.spawn();
    let pid = child.id().expect("pid");
    let mut lines = child::lines_of(&mut child);
    let mut seen = String::new();
    let generating =
        child::read_until(&mut lines, &mut seen, |l| l.ends_with(": generating")).await;
    assert!(generating, "never generating: {seen}");
    child::signal(pid, "INT");
    child::read_until(&mut lines, &mut seen, |_| false).await;
    let status = tokio::time::timeout(std::time::Duration::from_secs(60), child.wait())
        .await
        .expect("it finishes")
        .expect("status");
    (seen, status)
}
