//! The test kit: one simulator (`sim`, its accounts and faults said as tweaks), clients of
//! every provider against it, files and folders for a test, and by module the binary as a
//! child process (`cli`: `flowdeck(args)` and `Setup::flowdeck`), the window (`window`), the
//! engine (`engine`), browsers real (`chrome`) and stand-in (`browsers`), a raw bridge peer
//! (`peer`), the chaos round, and crafted spreadsheets and videos.

pub mod browsers;
pub mod chaos;
pub mod child;
pub mod chrome;
pub mod cli;
pub mod engine;
pub mod peer;
pub mod scratch;
pub mod sheets;
pub mod videos;
pub mod window;

pub use chaos::media_key;
pub use cli::{arg, flowdeck};

pub use browsers::{Browsers, flow_config};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flowdeck::model::{Aspect, InputKind, Inputs, Model, RemoteState, Shot};
use flowdeck::provider::flow::{CreateRequest, FlowClient, MediaRef, PolledMedia, RequestRef};
use flowdeck::provider::gemini::{GeminiClient, GeminiConfig};
use flowdeck::provider::vertex::{Credentials, Project, VertexClient, VertexConfig};
use flowdeck::provider::{Client, ProviderError, RemoteRef, RemoteStatus, transfer};
use flowdeck::sim::report::MediaReport;
use flowdeck::sim::{Faults, Report, RunningSim, SimConfig};

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

/// For [`sim`]: every create answered 429, asking to wait `secs` seconds.
pub fn throttled(secs: u64) -> Faults {
    Faults {
        create_429: 1.0,
        retry_after_secs: secs,
        ..Faults::default()
    }
}

/// For [`sim`]: lost answers (the first one for sure) and throttled creates, a fifth of each.
pub fn lossy() -> Faults {
    Faults {
        lost_answer: 0.2,
        lost_first: 1,
        create_429: 0.2,
        ..Faults::default()
    }
}

/// The simulator saw no request touch another account's video and no credential where it
/// must not be.
#[track_caller]
pub fn assert_clean(report: &Report) {
    assert!(
        report.ownership_violations.is_empty(),
        "{:?}",
        report.ownership_violations
    );
    assert!(
        report.credential_leaks.is_empty(),
        "{:?}",
        report.credential_leaks
    );
}

/// For [`sim`]: no Flow accounts, and these Gemini API keys.
pub fn gemini_only(c: &mut SimConfig, keys: &[&str]) {
    c.accounts = Vec::new();
    c.gemini_accounts = keys.iter().map(|k| k.to_string()).collect();
}

/// For [`sim`]: no Flow accounts, and these Vertex AI projects.
pub fn vertex_only(c: &mut SimConfig, projects: &[&str]) {
    c.accounts = Vec::new();
    c.vertex_accounts = projects.iter().map(|p| p.to_string()).collect();
}

/// The demo keeps one folder per user (in the cache folder): the tests whose demo uses it
/// take turns.
pub static DEMO_FOLDER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Runs `body` in a test process of its own (see [`alone`]).
pub fn in_own_process<E>(body: impl FnOnce() -> Result<(), E>) -> Result<(), E> {
    if alone() { body() } else { Ok(()) }
}

/// For a test that needs what the whole process shares (the language spoken; its peak
/// memory, which a child it starts inherits in its own measure): whether this is that test's
/// own process. If not, starts this binary again with only the calling test (libtest names
/// the thread after it) and asserts it passed there.
pub fn alone() -> bool {
    const ALONE: &str = "FLOWDECK_TEST_ALONE";
    if std::env::var_os(ALONE).is_some() {
        return true;
    }
    let name = std::thread::current()
        .name()
        .expect("a test thread, named after its test")
        .to_string();
    let out = std::process::Command::new(std::env::current_exe().expect("this test binary"))
        .args([name.as_str(), "--exact", "--test-threads", "1"])
        .env(ALONE, "1")
        .output()
        .expect("the test binary runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && said.contains("test result: ok. 1 passed"),
        "{name} in a process of its own:\n{said}"
    );
    false
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

/// The simulator's video made from `prompt`.
pub fn made_from<'a>(report: &'a Report, prompt: &str) -> &'a MediaReport {
    report
        .media
        .iter()
        .find(|m| m.prompt == prompt)
        .unwrap_or_else(|| panic!("nothing was made from {prompt:?}"))
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
        .create_from("p", &shot, &[1], seeds, None, &tiny)
        .await
        .expect_err("too small");
    assert!(
        matches!(&e, ProviderError::InvalidRequest(m) if m.contains("too small")),
        "{e}"
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
    Ok(c.create(prompt, shot, &[1], &[String::new()], previous)
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
    hint: Option<&str>,
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

/// Downloads one video through any provider's client; gives what it brought.
pub async fn fetch(
    c: &Client,
    r: &RemoteRef,
    hint: Option<&str>,
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
        let remote: serde_json::Value =
            serde_json::from_str(t.remote.as_deref().expect("remote")).expect("json");
        assert_same_bytes(sim, &media_key(&remote), t.path.as_deref().expect("path"));
    }
    for (take, n) in ledger.created_counts().await.expect("counts") {
        assert_eq!(n, 1, "take {take} was made {n} times");
    }
}
