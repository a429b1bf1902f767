//! Veo on Vertex AI through the real client (`gcp_auth` for tokens) against the simulator:
//! tokens from a service-account key, creates of several copies, both delivery modes, Range
//! resumes, refreshed and rejected tokens, and every refusal with what to do about it.

use crate::kit;
use flowdeck::words::Said;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use flowdeck::model::Hint;
use flowdeck::model::{Aspect, Model, RemoteState, Resolution, Shot};
use flowdeck::provider::CreateSpec;
use flowdeck::provider::vertex::{Credentials, VertexConfig};
use flowdeck::provider::{Client, ProviderError, RemoteRef};
use flowdeck::sim::{RunningSim, SimConfig};
use kit::{
    a_tiny_picture_is_refused, assert_clean, assert_same_bytes, fetch_bytes, picture_cases, sim,
    temp_dir, vertex_client, vertex_client_with, vertex_only,
};

/// For `sim`: two Vertex AI projects, v1 and v2 (no Flow accounts), and videos of 600,000
/// bytes.
fn projects(c: &mut SimConfig) {
    vertex_only(c, &["v1", "v2"]);
    c.video_bytes = Some(600_000);
}

fn client(sim: &RunningSim, name: &str, storage: Option<&str>) -> Client {
    vertex_client(sim, name, storage)
}

fn veo(seconds: Option<u8>, resolution: Option<Resolution>) -> Shot {
    Shot {
        model: Model::Veo31Fast,
        aspect: Aspect::Portrait,
        duration: seconds,
        resolution,
        inputs: Default::default(),
    }
}

/// Waits until every ref is finished; returns the statuses.
async fn finished(c: &Client, refs: &[RemoteRef]) -> Vec<flowdeck::provider::RemoteStatus> {
    let start = Instant::now();
    loop {
        let (s, _) = c.poll(refs).await.expect("poll");
        if s.iter().all(|s| s.state.is_final()) {
            return s;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "never finished");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn key_of(r: &RemoteRef) -> String {
    match r {
        RemoteRef::Vertex { operation, sample } => format!("{operation}#{sample}"),
        other => panic!("not a Vertex video: {other:?}"),
    }
}

#[tokio::test]
async fn copies_come_home_inline_and_from_cloud_storage_with_the_project_s_token() {
    let sim = sim(projects).await;
    for storage in [None, Some("gs://studio-bucket/flowdeck")] {
        let c = client(&sim, "v1", storage);
        let made = c
            .create(&CreateSpec::text(
                "a lighthouse at dusk",
                &veo(Some(8), Some(Resolution::P1080)),
                &[42, 43, 44],
                &[],
            ))
            .await
            .expect("created");
        assert_eq!(made.refs.len(), 3, "three copies from one request");
        let statuses = finished(&c, &made.refs).await;
        let dir = temp_dir("vertex-dl");
        for (i, (r, s)) in made.refs.iter().zip(&statuses).enumerate() {
            assert_eq!(s.state, RemoteState::Succeeded, "{s:?}");
            let hint = s.hint.as_ref().expect("a hint");
            assert_eq!(
                matches!(hint, flowdeck::model::Hint::Stored(gs) if gs.starts_with("gs://")),
                storage.is_some(),
                "{hint:?}"
            );
            let dest = dir.join(format!("{i}.mp4.part"));
            if storage.is_some() {
                // A cut download resumes from where it stopped (Range on Cloud Storage).
                let expected = sim.expected_video(&key_of(r)).expect("video").to_vec();
                std::fs::write(&dest, &expected[..100_000]).expect("part");
            }
            fetch_bytes(&c, r, Some(hint), &dest)
                .await
                .expect("downloaded");
            assert_same_bytes(&sim, &key_of(r), &dest);
        }
        // The same sample fetched without a hint asks the operation again.
        let dest = dir.join("again.mp4.part");
        fetch_bytes(&c, &made.refs[1], None, &dest)
            .await
            .expect("downloaded");
        assert_same_bytes(&sim, &key_of(&made.refs[1]), &dest);
    }
    let report = sim.report();
    let seeds: Vec<u64> = report
        .media
        .iter()
        .filter(|m| m.prompt == "a lighthouse at dusk")
        .map(|m| m.seed)
        .collect();
    assert!(
        seeds.contains(&42) && seeds.contains(&44),
        "the seed is sent: {seeds:?}"
    );
    assert_clean(&report);
    let v1 = report.account("v1").expect("v1");
    assert_eq!(v1.create_calls, 2);
    assert!(
        v1.download_requests >= 3,
        "stored copies came from Cloud Storage"
    );
}

#[tokio::test]
async fn another_project_s_job_is_never_asked_about_with_this_project_s_token() {
    let sim = sim(projects).await;
    let (c1, c2) = (client(&sim, "v1", None), client(&sim, "v2", None));
    let made = c1
        .create(&CreateSpec::text("mine", &veo(None, None), &[1], &[]))
        .await
        .expect("created");
    finished(&c1, &made.refs).await;
    // v2's client refuses before sending: the operation names v1's project.
    let e = c2.poll(&made.refs).await.expect_err("not v2's");
    assert!(e.said().contains("not one of project"), "{e:?}");
    let dest = temp_dir("vertex-x").join("x.mp4.part");
    assert!(
        fetch_bytes(&c2, &made.refs[0], Some(&Hint::Inline), &dest)
            .await
            .is_err()
    );
    let report = sim.report();
    assert!(
        report.ownership_violations.is_empty(),
        "nothing was sent: {:?}",
        report.ownership_violations
    );
    assert_eq!(report.account("v2").expect("v2").requests, 0);
}

#[tokio::test]
async fn refused_tokens_are_replaced_once_and_expiring_ones_before_they_expire() {
    // gcp_auth renews a token 20 s before it expires: a 21 s token is renewed after 1 s.
    let sim = sim(|c| {
        projects(c);
        c.vertex_token_ttl = Duration::from_secs(21);
    })
    .await;
    let c = client(&sim, "v1", None);
    let made = c
        .create(&CreateSpec::text("one", &veo(None, None), &[7], &[]))
        .await
        .expect("created");
    assert_eq!(sim.report().account("v1").expect("v1").token_requests, 1);
    // Revoked mid-batch: the next call is refused once, gets a new token, and goes on.
    sim.revoke_vertex_tokens();
    finished(&c, &made.refs).await;
    let after_revoke = sim.report().account("v1").expect("v1").clone();
    assert_eq!(after_revoke.token_requests, 2, "{after_revoke:?}");
    assert_eq!(after_revoke.unauthorized, 1);
    tokio::time::sleep(Duration::from_millis(1_300)).await;
    c.poll(&made.refs).await.expect("poll");
    let later = sim.report().account("v1").expect("v1").clone();
    assert_eq!(later.token_requests, 3, "renewed before expiry: {later:?}");
    assert_eq!(later.unauthorized, 1, "without being refused first");
}

#[tokio::test]
async fn a_key_the_token_endpoint_refuses_is_credentials_rejected_without_the_key() {
    let sim = sim(projects).await;
    let dir = temp_dir("vertex-badkey");
    // v1's key file, claiming to be v2's service account: the signature cannot match.
    let v1: serde_json::Value =
        serde_json::from_str(sim.account("v1").expect("v1").secret.expose()).expect("json");
    let v2: serde_json::Value =
        serde_json::from_str(sim.account("v2").expect("v2").secret.expose()).expect("json");
    let mut forged = v1.clone();
    forged["client_email"] = v2["client_email"].clone();
    let path = dir.join("forged.json");
    std::fs::write(&path, forged.to_string()).expect("write");
    let c = vertex_client_with(
        &sim,
        "v2",
        VertexConfig::default(),
        Credentials::KeyFile(path),
    );
    let e = c.check().await.expect_err("refused");
    let text = e.said();
    assert!(matches!(e, ProviderError::SignInAgain(_)), "{e:?}");
    assert!(text.contains("credentials were rejected"), "{text}");
    let key = v1["private_key"].as_str().expect("key");
    let body: String = key.lines().nth(1).expect("a key line").to_string();
    assert!(!text.contains(&body), "the key is never in an error");
}

#[tokio::test]
async fn refusals_say_what_to_do_and_nothing_unfit_is_sent() {
    let sim = sim(|c| {
        projects(c);
        c.vertex_disabled = vec!["v2".into()];
        c.vertex_quota = Some((1, Duration::from_secs(60)));
        c.vertex_models = vec!["veo-3.1-generate-001".into()];
    })
    .await;
    let c1 = client(&sim, "v1", None);
    // The check shows the project, the location and what answers; the rest is refused
    // before sending.
    let status = c1.check().await.expect("checked");
    assert!(
        status.tier.said().contains("v1-project") && status.tier.said().contains("us-central1"),
        "{:?}",
        status.tier
    );
    assert_eq!(status.models, ["veo-3.1-generate-001"]);
    let e = c1
        .supports(&veo(None, None))
        .expect_err("fast does not answer here");
    assert!(
        e.said().contains("veo-3.1-fast-generate-001")
            && e.said().contains("v1-project")
            && e.said().contains("(veo-3.1-generate-001)"),
        "{e:?}"
    );
    // Lite is asked about too: a project that does not list it is not offered it.
    let e = c1
        .supports(&Shot::new(Model::Veo31Lite, Aspect::Landscape))
        .expect_err("lite does not answer here");
    assert!(e.said().contains("veo-3.1-lite-generate-001"), "{e:?}");
    let retired = Shot::new(Model::Veo3Fast, Aspect::Landscape);
    assert!(
        c1.supports(&retired)
            .expect_err("retired")
            .said()
            .contains("retired")
    );
    assert!(
        c1.supports(&Shot {
            duration: Some(5),
            ..Shot::new(Model::Veo31, Aspect::Landscape)
        })
        .is_err()
    );
    // The API not enabled: say where to enable it.
    let c2 = client(&sim, "v2", None);
    match c2.check().await {
        Err(ProviderError::AccountDenied(m)) => assert!(
            m.said().contains("aiplatform.googleapis.com") && m.said().contains("v2-project"),
            "{m:?}"
        ),
        other => panic!("{other:?}"),
    }
    // The project's quota: the second create in the minute waits (nothing made, nothing lost).
    let landscape = Shot::new(Model::Veo31, Aspect::Landscape);
    let first = CreateSpec::text("a calm sea", &landscape, &[1], &[]);
    let again = CreateSpec::text("a calm sea again", &landscape, &[2], &[]);
    let ok = c1.create(&first).await.expect("first");
    let e = c1.create(&again).await.expect_err("quota");
    assert!(
        matches!(
            &e,
            ProviderError::Throttled {
                retry_after: Some(_),
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.proves_not_created());
    finished(&c1, &ok.refs).await;
    assert_eq!(sim.report().account("v1").expect("v1").videos_created, 1);
}

#[tokio::test]
async fn safety_filtering_and_failed_jobs_are_failures_with_their_reasons() {
    let sim = sim(projects).await;
    let c = client(&sim, "v1", None);
    let shot = Shot::new(Model::Veo31, Aspect::Landscape);
    let filtered = c
        .create(&CreateSpec::text("a #unsafe scene", &shot, &[1, 2], &[]))
        .await
        .expect("sent");
    let failed = c
        .create(&CreateSpec::text("a scene #error", &shot, &[3], &[]))
        .await
        .expect("sent");
    let s = finished(&c, &filtered.refs).await;
    for s in &s {
        assert_eq!(s.state, RemoteState::Failed);
        match &s.failure {
            Some(ProviderError::Policy { reason, message }) => {
                assert!(reason.contains("support codes"), "{reason}");
                assert!(message.said().contains("violent content"), "{message:?}");
            }
            other => panic!("{other:?}"),
        }
    }
    let s = finished(&c, &failed.refs).await;
    assert_eq!(s[0].state, RemoteState::Failed);
    assert!(s[0].failure.is_some());
    let e = c
        .create(&CreateSpec::text("a #blocked prompt", &shot, &[1], &[]))
        .await
        .expect_err("refused at submit");
    assert!(e.proves_not_created(), "{e:?}");
}

/// The command line over two Vertex projects, a Gemini key and a Flow account (its browser
/// played by the stand-in extension), with faults and every Vertex token revoked mid-batch:
/// everything comes home byte-identical, each job is only ever touched with its own
/// project's token, and neither a token nor the service-account key lands in anything
/// flowdeck writes or prints.
#[tokio::test]
async fn a_mixed_batch_with_faults_and_tokens_revoked_mid_batch() {
    use kit::child::{ledger_count, setup, walk};
    let sim = sim(|c| {
        projects(c);
        c.accounts = vec!["alice".into()];
        c.gemini_accounts = vec!["gem".into()];
        c.gemini_models.push("veo-3.1-fast-generate-preview".into());
        c.vertex_token_ttl = Duration::from_secs(22);
        c.generation_time = Duration::from_millis(800);
        // No throttled creates here: a Vertex 429 rightly cools its project down for a
        // minute, which would leave it out of so short a batch (quotas have their own test).
        c.faults = flowdeck::sim::Faults {
            poll_5xx: 0.2,
            cut_download: 0.2,
            slow: 0.05,
            slow_ms: 300,
            ..Default::default()
        };
    })
    .await;
    // Two videos at a time per account, so every account gets a share of the work.
    let s = setup(&sim, temp_dir("vertex-cli"), "concurrency = 2");
    let prompts: String = (1..=12)
        .map(|i| format!("scene {i}: a harbour at dawn, shot {i}\n"))
        .collect();
    let file = s.dir.join("scenes.txt");
    std::fs::write(&file, prompts).expect("prompts");
    let out = s.dir.join("out");
    let child = s
        .run(&file, &out)
        .args([
            "--model",
            "veo-3.1-fast",
            "--copies",
            "2",
            "--seed",
            "42",
            "--json",
        ])
        .spawn();
    // Once a Vertex project has sent work, every token it holds stops working.
    let start = Instant::now();
    while ["v1", "v2"]
        .iter()
        .all(|a| sim.report().account(a).is_none_or(|r| r.create_calls == 0))
    {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no Vertex create in time"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    sim.revoke_vertex_tokens();
    let done = tokio::time::timeout(Duration::from_secs(240), child.wait_with_output())
        .await
        .expect("the run ended in time")
        .expect("output");
    let stdout = String::from_utf8_lossy(&done.stdout).to_string();
    let stderr = String::from_utf8_lossy(&done.stderr).to_string();
    assert_eq!(
        done.status.code(),
        Some(0),
        "{stderr}\n{}",
        &stdout[stdout.len().saturating_sub(3000)..]
    );
    assert_eq!(ledger_count(&s.ledger(), "done"), 24);

    let ledger = flowdeck::store::ledger::Ledger::open(&s.ledger()).expect("ledger");
    kit::assert_all_on_disk(&sim, &ledger, 1, 24).await;
    let report = sim.report();
    assert_clean(&report);
    assert!(report.duplicated_prompts(2).is_empty(), "paid twice");
    for a in ["alice", "gem", "v1", "v2"] {
        assert!(
            report.account(a).expect(a).videos_created > 0,
            "{a} took no work: {report:?}"
        );
    }
    let revoked: u64 = ["v1", "v2"]
        .iter()
        .map(|a| report.account(a).expect(a).unauthorized)
        .sum();
    assert!(revoked >= 1, "the revoked tokens were refused and replaced");

    // Neither the service-account keys nor any token in what flowdeck wrote or printed.
    let keys: Vec<String> = ["v1", "v2"]
        .iter()
        .map(|a| {
            let json: serde_json::Value =
                serde_json::from_str(sim.account(a).expect(a).secret.expose()).expect("json");
            json["private_key"]
                .as_str()
                .expect("key")
                .lines()
                .nth(1)
                .expect("key line")
                .to_string()
        })
        .collect();
    let key_files: Vec<PathBuf> = ["v1", "v2"]
        .iter()
        .map(|a| s.dir.join(format!("{a}-key.json")))
        .collect();
    let mut looked = 0;
    for path in walk(&s.dir).into_iter().filter(|p| !key_files.contains(p)) {
        let bytes = std::fs::read(&path).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        for k in &keys {
            assert!(
                !text.contains(k.as_str()),
                "a private key in {}",
                path.display()
            );
        }
        assert!(!text.contains("ya29."), "a token in {}", path.display());
        assert!(
            !text.contains("BEGIN PRIVATE KEY"),
            "key armour in {}",
            path.display()
        );
        looked += 1;
    }
    assert!(
        looked > 16 * 2,
        "videos, sidecars, settings and ledger were looked at"
    );
    for printed in [&stdout, &stderr] {
        assert!(!printed.contains("ya29.") && !printed.contains("PRIVATE KEY"));
        for k in &keys {
            assert!(!printed.contains(k.as_str()));
        }
    }
    // Sidecars name the Vertex operation and sample, never a credential.
    let sidecar = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| std::fs::read_to_string(p).expect("sidecar"))
        .find(|t| t.contains("\"vertex\""))
        .expect("a Vertex sidecar");
    assert!(
        sidecar.contains("\"sample\"") && sidecar.contains("/operations/"),
        "{sidecar}"
    );
}

/// `accounts add --provider vertex` keeps the key file's path (never its content), `check`
/// shows the project, the location and what answers, and `list` says where credentials are.
#[tokio::test]
async fn vertex_accounts_are_added_checked_and_listed_from_the_command_line() {
    let sim = sim(|c| {
        projects(c);
        c.vertex_accounts = vec!["v1".into()];
    })
    .await;
    let s = kit::child::setup(&sim, temp_dir("vertex-accounts"), "");
    let key = s.dir.join("v1-key.json").display().to_string();
    let project = sim.account("v1").expect("v1").project_id.clone();
    let add = |args: &[&str]| s.flowdeck(["accounts", "add"].iter().chain(args));
    add(&[
        "studio",
        "--provider",
        "vertex",
        "--project",
        &project,
        "--location",
        "us-central1",
        "--credentials",
        &key,
    ])
    .await
    .success()
    .stdout_has("service account flowdeck@");
    let settings = std::fs::read_to_string(&s.config).expect("settings");
    assert!(
        settings.contains(&key) && !settings.contains("PRIVATE KEY"),
        "{settings}"
    );
    s.flowdeck(["accounts", "check", "studio"])
        .await
        .success()
        .stdout_has(&project)
        .stdout_has("us-central1")
        .stdout_has("makes: veo-3.1-generate-001, veo-3.1-fast-generate-001");
    let list = s.flowdeck(["accounts", "list"]).await;
    list.success();
    assert!(
        list.stdout
            .lines()
            .any(|l| l.starts_with("studio") && l.contains("key file")),
        "{list}"
    );
    // What cannot work is refused with the reason, and nothing is saved.
    for (args, says) in [
        (
            vec!["--project", "p", "--credentials", "/nonexistent/key.json"],
            "cannot read the key file",
        ),
        (vec!["--location", "us-central1"], "needs project"),
        (
            vec!["--project", "p", "--secret-env", "X"],
            "not --secret-env",
        ),
    ] {
        add(&["other", "--provider", "vertex"])
            .args(args)
            .await
            .code(2)
            .stderr_has(says);
    }
    assert!(
        !std::fs::read_to_string(&s.config)
            .expect("settings")
            .contains("name = \"other\"")
    );
    add(&["g9", "--provider", "gemini", "--project", "p"])
        .await
        .code(2)
        .stderr_has("--project is for Vertex accounts");
}

/// Pictures go to Veo on Vertex in the request itself: a first frame, first and last frames,
/// or reference images, each made into a video that finishes; what Veo would refuse is refused
/// before anything is sent.
#[tokio::test]
async fn pictures_make_videos_on_vertex_and_what_veo_refuses_is_refused_first() {
    use flowdeck::model::InputKind;
    let sim = sim(projects).await;
    let c = client(&sim, "v1", None);
    for (kind, inputs) in &picture_cases(2) {
        let shot = Shot {
            inputs: *kind,
            ..veo(None, None)
        };
        assert_eq!(c.supports(&shot), Ok(()), "{kind:?}");
        let made = c
            .create(&CreateSpec {
                inputs,
                ..CreateSpec::text("a calm sea", &shot, &[1], &[])
            })
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        finished(&c, &made.refs).await;
    }
    let report = sim.report();
    let mut counts: Vec<usize> = report.media.iter().map(|m| m.from_images.len()).collect();
    counts.sort();
    assert_eq!(
        counts,
        [1, 2, 2],
        "each video names the pictures it was made from"
    );
    // Refused before sending: references on Lite or shorter than 8 s, an earlier video.
    let lite_refs = Shot {
        model: Model::Veo31Lite,
        inputs: InputKind::References(1),
        ..veo(None, None)
    };
    assert!(
        c.supports(&lite_refs)
            .is_err_and(|e| e.said().contains("no reference images"))
    );
    let short_refs = Shot {
        inputs: InputKind::References(1),
        ..veo(Some(6), None)
    };
    assert!(
        c.supports(&short_refs)
            .is_err_and(|e| e.said().contains("8 seconds"))
    );
    let upscale = Shot {
        inputs: InputKind::Video,
        ..veo(None, None)
    };
    assert!(c.supports(&upscale).is_err());
    let before = sim.report().account("v1").expect("v1").requests;
    a_tiny_picture_is_refused(&c, &veo(None, None), &[]).await;
    assert_eq!(
        sim.report().account("v1").expect("v1").requests,
        before,
        "nothing sent"
    );
}

/// Veo 3.1 Lite (preview, no 4K) is offered where the project answers for it: `accounts check`
/// lists it, a shot at 1080p is accepted and made, 4K is refused before sending.
#[tokio::test]
async fn lite_is_offered_where_the_project_lists_it() {
    let sim = sim(projects).await;
    let c = client(&sim, "v1", None);
    let status = c.check().await.expect("checked");
    assert_eq!(
        status.models,
        [
            "veo-3.1-generate-001",
            "veo-3.1-fast-generate-001",
            "veo-3.1-lite-generate-001"
        ]
    );
    let lite = |resolution| Shot {
        resolution: Some(resolution),
        ..Shot::new(Model::Veo31Lite, Aspect::Portrait)
    };
    assert!(c.supports(&lite(Resolution::K4)).is_err(), "no 4K on Lite");
    assert_eq!(c.supports(&lite(Resolution::P1080)), Ok(()));
    assert_eq!(
        c.resolutions(&Model::Veo31Lite),
        [Resolution::P720, Resolution::P1080]
    );
    let made = c
        .create(&CreateSpec::text(
            "a paper lantern",
            &lite(Resolution::P1080),
            &[1],
            &[],
        ))
        .await
        .expect("made");
    assert_eq!(
        finished(&c, &made.refs).await[0].state,
        RemoteState::Succeeded
    );
    let m = sim.report().media.into_iter().next().expect("made");
    assert_eq!(m.model, "veo-3.1-lite-generate-001");
}

/// A project is paced from each model's quota (50 creates a minute on GA models, 10 on
/// previews), the user's spacing winning when set. Against the simulator's real quotas, six GA
/// creates go out in a few seconds, three Lite creates at least 4.5 s apart (6 s ± 25%), and
/// neither project is ever throttled.
#[tokio::test]
async fn a_project_is_paced_from_each_model_s_quota() {
    use flowdeck::engine::{Engine, EngineConfig, Event, LaneHealth, LaneSpec};
    use flowdeck::model::{BatchSpec, Mode, Scene, TakeState};
    use flowdeck::store::ledger::Ledger;
    use std::collections::HashMap;
    use std::sync::Arc;
    let minute = Duration::from_secs(60);
    let sim = sim(|c| {
        projects(c);
        c.vertex_quota = Some((50, minute));
        c.vertex_preview_quota = Some((10, minute));
        c.generation_time = Duration::from_millis(200);
        c.video_bytes = Some(50_000);
    })
    .await;
    let (v1, v2) = (client(&sim, "v1", None), client(&sim, "v2", None));
    assert_eq!(
        v1.submit_spacing(&Model::Veo31Fast),
        Duration::from_millis(1200)
    );
    assert_eq!(v1.submit_spacing(&Model::Veo31Lite), Duration::from_secs(6));
    let spaced = VertexConfig {
        submit_spacing: Some(Duration::from_secs(3)),
        ..VertexConfig::default()
    };
    let set = Client::Vertex(vertex_client_with(&sim, "v1", spaced, Credentials::Default));
    assert_eq!(
        set.submit_spacing(&Model::Veo31Fast),
        Duration::from_secs(3),
        "the user's wins"
    );

    let dir = temp_dir("vertex-pacing");
    let ledger = Ledger::open(&dir.join("ledger.sqlite3")).expect("ledger");
    let lanes = [("v1", v1), ("v2", v2)]
        .into_iter()
        .map(|(name, client)| LaneSpec {
            name: name.into(),
            client: Arc::new(client),
            concurrency: 8,
        })
        .collect();
    let config = EngineConfig {
        submit_spacing: Duration::from_millis(20),
        poll_interval: Duration::from_millis(100),
        max_downloads: 4,
        deadline: Duration::from_secs(60),
    };
    let (engine, mut events) = Engine::start(config, ledger, lanes).await.expect("engine");
    let batch = |account: &str, model: Model, n: usize| BatchSpec {
        label: account.into(),
        scenes: (1..=n)
            .map(|i| {
                Scene::new(
                    format!("{account} scene {i}"),
                    model.clone(),
                    Aspect::Landscape,
                    1,
                )
            })
            .collect(),
        out_dir: dir.join("out"),
        template: "{batch}/{scene:03}_{take}.mp4".into(),
        accounts: vec![account.into()],
        mode: Mode::Parallel,
        caps: Default::default(),
    };
    engine
        .submit(batch("v1", Model::Veo31Fast, 6))
        .await
        .expect("GA batch");
    engine
        .submit(batch("v2", Model::Veo31Lite, 3))
        .await
        .expect("Lite batch");
    let mut sent: HashMap<String, Vec<Instant>> = HashMap::new();
    let mut finished = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while finished < 2 {
        match tokio::time::timeout_at(deadline, events.recv()).await {
            Ok(Some(Event::Take(u))) if u.state == TakeState::Submitting => {
                sent.entry(u.account.expect("dealt"))
                    .or_default()
                    .push(Instant::now());
            }
            Ok(Some(Event::Lane {
                account,
                health: LaneHealth::CoolingDown { .. },
                ..
            })) => panic!("{account} was throttled: its pace overran the quota"),
            Ok(Some(Event::BatchFinished { counts, .. })) => {
                assert_eq!(counts.failed, 0, "{counts:?}");
                finished += 1;
            }
            Ok(Some(_)) => {}
            Ok(None) => panic!("the engine stopped"),
            Err(_) => panic!("the batches did not finish in time"),
        }
    }
    let ga = &sent["v1"];
    assert_eq!(ga.len(), 6);
    let span = ga[5].duration_since(ga[0]);
    assert!(
        span < Duration::from_secs(10),
        "six GA creates took {span:?}: paced as a preview"
    );
    let lite = &sent["v2"];
    assert_eq!(lite.len(), 3);
    for pair in lite.windows(2) {
        let gap = pair[1].duration_since(pair[0]);
        assert!(
            gap >= Duration::from_millis(4400),
            "Lite creates {gap:?} apart"
        );
    }
    assert_eq!(sim.report().videos_created(), 9);
}
