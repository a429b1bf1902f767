//! Gemini Omni Flash through the Interactions API, against the simulator: the key's model list
//! decides (newest Omni for `omni-flash`, retired Veo refused up front), create, poll, download
//! (a Files API file once ACTIVE, or inline base64), safety refusals of both kinds, throttling
//! with RetryInfo, ownership, and revisions of an earlier video.

use crate::kit;
use flowdeck::words::Said;

use std::path::Path;
use std::time::Duration;

use flowdeck::model::Hint;
use flowdeck::model::{Aspect, Model, RemoteState, Resolution, Shot};
use flowdeck::provider::CreateSpec;
use flowdeck::provider::{Client, ProviderError, RemoteRef};
use flowdeck::sim::{Faults, RunningSim, SimConfig};
use kit::{
    a_tiny_picture_is_refused, assert_same_bytes, create_one, final_status, gemini_client,
    gemini_only, made_from, picture_cases, sim, temp_dir, throttled,
};

/// For `sim`: two Gemini API keys, g1 and g2 (no Flow accounts).
fn keys(c: &mut SimConfig) {
    gemini_only(c, &["g1", "g2"]);
}

fn omni(seconds: Option<u8>, resolution: Option<Resolution>) -> Shot {
    Shot {
        duration: seconds,
        resolution,
        ..Shot::new(Model::OmniFlash, Aspect::Portrait)
    }
}

/// `instruction` as a revision of `earlier` (a finished Omni video).
async fn revise(
    c: &Client,
    instruction: &str,
    earlier: &RemoteRef,
) -> Result<RemoteRef, ProviderError> {
    create_one(
        c,
        instruction,
        &omni(None, None),
        Some(interaction(earlier)),
    )
    .await
}

async fn download(c: &Client, r: &RemoteRef, hint: Option<&Hint>, dest: &Path) -> u64 {
    let f = kit::fetch(c, r, hint, dest).await.expect("download");
    // Hashed as it was decoded: the same as reading the file again.
    let read_back = flowdeck::engine::sha256(dest).await.expect("hash");
    assert_eq!(f.sha256, read_back);
    f.bytes
}

fn interaction(r: &RemoteRef) -> &str {
    match r {
        RemoteRef::Omni { interaction } => interaction,
        other => panic!("not an interaction: {other:?}"),
    }
}

/// The simulator's media name behind an interaction (to compare bytes).
fn media_of(sim: &RunningSim, prompt: &str) -> String {
    made_from(&sim.report(), prompt).name.clone()
}

#[tokio::test]
async fn omni_flash_is_the_newest_omni_and_its_file_comes_home_without_the_key_leaving() {
    let sim = sim(keys).await;
    let c = gemini_client(&sim, 0);
    let status = c.check().await.expect("check");
    // Listed two to a page: every page was read.
    assert_eq!(
        status.models,
        ["gemini-omni-1.2-flash", "gemini-omni-1.1-flash"],
        "{status:?}"
    );
    let r = create_one(
        &c,
        "a paper boat on a pond",
        &omni(Some(10), Some(Resolution::P1080)),
        None,
    )
    .await
    .expect("created");
    let m = sim.report().media.into_iter().next().expect("made");
    assert_eq!(m.model, "gemini-omni-1.2-flash");
    let s = final_status(&c, &r).await;
    assert_eq!(s.state, RemoteState::Succeeded);
    let hint = s.hint.expect("a file link");
    assert!(
        matches!(&hint, Hint::Url(u) if u.contains("/v1beta/files/")),
        "{hint:?}"
    );
    // The file is still PROCESSING right after completion: the download waits for ACTIVE.
    let dest = temp_dir("omni").join("v.part");
    let n = download(&c, &r, Some(&hint), &dest).await;
    assert!(n > 0);
    assert_same_bytes(&sim, &m.name, &dest);
    let report = sim.report();
    assert!(
        report.credential_leaks.is_empty(),
        "{:?}",
        report.credential_leaks
    );
    assert!(
        report.cdn_requests >= 1,
        "the file came through the storage host"
    );
    // An explicit id works too.
    let r = create_one(
        &c,
        "an older model",
        &Shot {
            model: Model::Raw("gemini-omni-1.1-flash".into()),
            ..omni(Some(3), Some(Resolution::P360))
        },
        None,
    )
    .await
    .expect("1.1");
    assert_eq!(final_status(&c, &r).await.state, RemoteState::Succeeded);
}

#[tokio::test]
async fn inline_videos_are_decoded_as_they_stream() {
    let sim = sim(|c| {
        keys(c);
        c.gemini_inline = true;
        c.video_bytes = Some(3 << 20);
    })
    .await;
    let c = gemini_client(&sim, 0);
    let r = create_one(&c, "inline please", &omni(None, None), None)
        .await
        .expect("created");
    let s = final_status(&c, &r).await;
    assert_eq!(s.hint, Some(Hint::Inline));
    let dest = temp_dir("omni-inline").join("v.part");
    assert_eq!(download(&c, &r, s.hint.as_ref(), &dest).await, 3 << 20);
    assert_same_bytes(&sim, &media_of(&sim, "inline please"), &dest);
    // Without a hint (a resumed take) the interaction is read again.
    let dest = temp_dir("omni-inline").join("again.part");
    assert_eq!(download(&c, &r, None, &dest).await, 3 << 20);
}

#[tokio::test]
async fn safety_refusals_of_both_kinds_and_failures_are_never_done() {
    let sim = sim(keys).await;
    let c = gemini_client(&sim, 0);
    // Refused at submit: 400 SAFETY.
    let e = create_one(&c, "a #blocked scene", &omni(None, None), None)
        .await
        .expect_err("refused");
    assert!(
        matches!(&e, ProviderError::Policy { reason, .. } if reason == "SAFETY"),
        "{e:?}"
    );
    // Completed with words and no video: blocked, not done.
    let r = create_one(&c, "an #unsafe scene", &omni(None, None), None)
        .await
        .expect("accepted");
    let s = final_status(&c, &r).await;
    assert_eq!(s.state, RemoteState::Failed);
    assert!(
        matches!(&s.failure, Some(ProviderError::Policy { message, .. }) if message.said().contains("usage policy")),
        "{s:?}"
    );
    // Failed.
    let r = create_one(&c, "an #error scene", &omni(None, None), None)
        .await
        .expect("accepted");
    assert_eq!(final_status(&c, &r).await.state, RemoteState::Failed);
}

#[tokio::test]
async fn throttling_waits_for_retry_info_and_a_daily_quota_parks() {
    let sim = sim(|c| {
        keys(c);
        c.faults = throttled(3);
    })
    .await;
    let c = gemini_client(&sim, 0);
    let e = create_one(&c, "slow down", &omni(None, None), None)
        .await
        .expect_err("429");
    assert!(
        matches!(e, ProviderError::Throttled { retry_after: Some(d), .. } if d >= Duration::from_secs(3)),
        "{e:?}"
    );
    sim.set_faults(Faults::default());
    sim.set_credits("g1", 0);
    let e = create_one(&c, "no more today", &omni(None, None), None)
        .await
        .expect_err("daily");
    assert!(matches!(e, ProviderError::QuotaReached(_)), "{e:?}");
}

#[tokio::test]
async fn retired_and_unlisted_models_are_refused_before_anything_is_spent() {
    let sim = sim(keys).await;
    let c = gemini_client(&sim, 0);
    c.load_models().await.expect("models");
    let veo = Shot::new(Model::Veo31Fast, Aspect::Landscape);
    let e = c.supports(&veo).expect_err("retired");
    assert!(
        e.said().contains("veo-3.1-fast-generate-preview")
            && e.said().contains("omni-flash")
            && e.said().contains("Vertex")
            && e.said().contains("gemini-omni-1.2-flash"),
        "{e:?}"
    );
    let e = create_one(&c, "p", &veo, None).await.expect_err("refused");
    assert!(matches!(e, ProviderError::InvalidRequest(_)), "{e:?}");
    // Too long for 1.1, fine for 1.2 (its entry lists 15 s).
    let long11 = Shot {
        model: Model::Raw("gemini-omni-1.1-flash".into()),
        ..omni(Some(12), None)
    };
    assert!(
        c.supports(&long11)
            .expect_err("12 s")
            .said()
            .contains("3 to 10")
    );
    assert!(c.supports(&omni(Some(15), None)).is_ok());
    assert_eq!(
        c.durations(&Model::OmniFlash),
        (3..=15).collect::<Vec<u8>>()
    );
    assert_eq!(sim.report().account("g1").expect("g1").create_calls, 0);
    // The service answers the retired ids as Google does.
    let key = sim.accounts()[0].secret.expose().to_string();
    let resp = reqwest::Client::new()
        .post(format!(
            "{}/v1beta/models/veo-3.1-generate-preview:predictLongRunning",
            sim.api_url()
        ))
        .header("x-goog-api-key", key)
        .body(r#"{"instances":[{"prompt":"p"}]}"#)
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 404);
    assert!(
        resp.text()
            .await
            .expect("body")
            .contains("no longer available")
    );
    // A bare number for the duration is refused by the service too.
    let resp = reqwest::Client::new()
        .post(format!("{}/v1beta/interactions", sim.api_url()))
        .header("x-goog-api-key", sim.accounts()[0].secret.expose())
        .body(r#"{"model":"gemini-omni-1.2-flash","input":"p","background":true,"response_format":{"type":"video","duration":8}}"#)
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 400);
}

#[tokio::test]
async fn another_key_cannot_read_an_interaction_or_revise_it() {
    let sim = sim(keys).await;
    let (c1, c2) = (gemini_client(&sim, 0), gemini_client(&sim, 1));
    let r = create_one(&c1, "mine", &omni(None, None), None)
        .await
        .expect("created");
    let (s, _) = c2.poll(std::slice::from_ref(&r)).await.expect("poll");
    assert_eq!(s[0].state, RemoteState::Failed);
    assert!(
        matches!(&s[0].failure, Some(ProviderError::NotFound(_))),
        "{s:?}"
    );
    let e = revise(&c2, "make it night", &r)
        .await
        .expect_err("not theirs");
    assert!(matches!(e, ProviderError::NotFound(_)), "{e:?}");
    let v = sim.report().ownership_violations;
    assert_eq!(v.len(), 2, "{v:?}");
    assert!(v.iter().all(|v| v.requester == "g2" && v.owner == "g1"));
}

#[tokio::test]
async fn a_finished_video_can_be_revised_by_its_own_key() {
    let sim = sim(keys).await;
    let c = gemini_client(&sim, 0);
    let first = create_one(&c, "a fox in the snow", &omni(None, None), None)
        .await
        .expect("created");
    assert_eq!(final_status(&c, &first).await.state, RemoteState::Succeeded);
    // The service answers `task` or an aspect ratio on a continuation with 400: the revision
    // sends neither, and its first interaction was stored so it can be continued at all.
    let second = revise(&c, "make it night", &first).await.expect("revised");
    assert_ne!(interaction(&first), interaction(&second));
    assert_eq!(
        final_status(&c, &second).await.state,
        RemoteState::Succeeded
    );
    // A revision is also stored: it can be revised again.
    let third = revise(&c, "now add snow", &second)
        .await
        .expect("revised again");
    assert_eq!(final_status(&c, &third).await.state, RemoteState::Succeeded);
    let report = sim.report();
    assert_eq!(report.videos_created(), 3, "each turn is a new video");
    // An edit is not an extension: the video is as long as any other.
    let revised = made_from(&report, "make it night");
    assert!(!revised.extends);
    assert_eq!(revised.previous.as_deref(), Some(interaction(&first)));
}

/// What the service refuses on a continuation, as a public client saw it live: a `task` next
/// to `previous_interaction_id`, an aspect ratio on an edit, and an earlier interaction that
/// was not made with `store: true`. Nothing refused is made or charged.
#[tokio::test]
async fn continuations_the_service_refuses_are_refused_by_the_simulator_too() {
    let sim = sim(keys).await;
    let c = gemini_client(&sim, 0);
    let first = create_one(&c, "a lighthouse", &omni(None, None), None)
        .await
        .expect("created");
    final_status(&c, &first).await;
    let key = sim.accounts()[0].secret.expose().to_string();
    let post = |body: serde_json::Value| {
        let key = key.clone();
        let url = format!("{}/v1beta/interactions", sim.api_url());
        async move {
            let resp = reqwest::Client::new()
                .post(url)
                .header("x-goog-api-key", key)
                .body(body.to_string())
                .send()
                .await
                .expect("sent");
            let status = resp.status().as_u16();
            let body: serde_json::Value = resp.json().await.expect("json");
            (status, body)
        }
    };
    let format = serde_json::json!({"type": "video", "duration": "8s", "delivery": "uri"});
    let (status, body) = post(serde_json::json!({"model": "gemini-omni-1.2-flash",
        "input": "make it night", "background": true, "previous_interaction_id": interaction(&first),
        "response_format": format, "generation_config": {"video_config": {"task": "edit"}}}))
    .await;
    assert_eq!(status, 400, "{body}");
    let mut with_aspect = format.clone();
    with_aspect["aspect_ratio"] = "9:16".into();
    let (status, body) = post(serde_json::json!({"model": "gemini-omni-1.2-flash",
        "input": "make it night", "background": true, "previous_interaction_id": interaction(&first),
        "response_format": with_aspect}))
    .await;
    assert_eq!(status, 400);
    assert!(
        body.to_string().contains("Aspect ratio cannot be set"),
        "{body}"
    );
    // An interaction made without `store: true` cannot be continued, even by its own key.
    let (status, body) = post(serde_json::json!({"model": "gemini-omni-1.2-flash",
        "input": "a harbour", "background": true,
        "response_format": {"type": "video", "aspect_ratio": "16:9", "delivery": "uri"}}))
    .await;
    assert_eq!(status, 200, "{body}");
    let unstored = body["id"].as_str().expect("an id").to_string();
    let e = create_one(&c, "make it night", &omni(None, None), Some(&unstored))
        .await
        .expect_err("not stored");
    assert!(
        matches!(&e, ProviderError::InvalidRequest(m) if m.said().contains("store")),
        "{e:?}"
    );
    assert_eq!(sim.report().videos_created(), 2, "nothing refused was made");
}

/// Should the service come to want the task named after all, its refusal says so: the revision
/// is asked again with it (a 400 made nothing), and the key keeps naming it.
#[tokio::test]
async fn a_refusal_asking_for_the_task_brings_it_back() {
    let sim = sim(|c| {
        keys(c);
        c.gemini_continuation_task = true;
    })
    .await;
    let c = gemini_client(&sim, 0);
    let first = create_one(&c, "a fox in the snow", &omni(None, None), None)
        .await
        .expect("created");
    final_status(&c, &first).await;
    let second = revise(&c, "make it night", &first).await.expect("revised");
    final_status(&c, &second).await;
    revise(&c, "make it dawn", &second)
        .await
        .expect("revised again");
    assert_eq!(sim.report().videos_created(), 3, "each turn made once");
}

/// Pictures go to Omni as input blocks before the prompt: one picture or first and last frames
/// make image→video, references make reference→video; each video finishes and the service saw
/// its pictures.
#[tokio::test]
async fn pictures_go_to_omni_as_input_blocks() {
    let sim = sim(keys).await;
    let c = gemini_client(&sim, 0);
    for (kind, inputs) in &picture_cases(3) {
        let shot = Shot {
            inputs: *kind,
            ..omni(None, None)
        };
        assert_eq!(c.supports(&shot), Ok(()), "{kind:?}");
        let made = c
            .create(&CreateSpec {
                inputs,
                ..CreateSpec::text("a calm sea", &shot, &[1], &[String::new()])
            })
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        let s = final_status(&c, &made.refs[0]).await;
        assert_eq!(s.state, RemoteState::Succeeded, "{kind:?}");
    }
    let mut counts: Vec<usize> = sim
        .report()
        .media
        .iter()
        .map(|m| m.from_images.len())
        .collect();
    counts.sort();
    assert_eq!(counts, [1, 2, 3]);
    // A picture Omni cannot take is refused before anything is sent.
    let before = sim.report().videos_created();
    a_tiny_picture_is_refused(&c, &omni(None, None), &[String::new()]).await;
    assert_eq!(sim.report().videos_created(), before);
}
