//! Veo through `predictLongRunning` on the Gemini API, for a key whose model list still offers
//! it (Google retired the previews there on 2026-10-22; the key's list decides): create, poll,
//! download (with and without the redirect), the key never leaving the API's host,
//! safety-filtered and failed operations, quotas, validation, ownership and expired files.

use crate::kit;
use flowdeck::words::Said;

use std::path::Path;
use std::time::Duration;

use flowdeck::model::{Aspect, Hint, Model, RemoteState, Resolution, Shot};
use flowdeck::provider::CreateSpec;
use flowdeck::provider::gemini::{GeminiClient, GeminiConfig, Operation};
use flowdeck::provider::{Client, ProviderError, RemoteRef};
use flowdeck::secret::Secret;
use flowdeck::sim::{Faults, SimConfig};
use kit::{
    assert_clean, assert_same_bytes, create_one, fetch_bytes, final_status, gemini_client,
    gemini_only, sim, temp_dir, throttled,
};

/// For `sim`: two Gemini API keys, g1 and g2 (no Flow accounts), whose model list still
/// offers Veo.
fn keys(c: &mut SimConfig) {
    gemini_only(c, &["g1", "g2"]);
    c.gemini_models = [
        "veo-3.1-generate-preview",
        "veo-3.1-fast-generate-preview",
        "veo-3.1-lite-generate-preview",
        "veo-3.0-generate-001",
        "veo-3.0-fast-generate-001",
    ]
    .map(String::from)
    .to_vec();
}

fn shot() -> Shot {
    Shot::new(Model::Veo31Fast, Aspect::Landscape)
}

async fn create(c: &Client, prompt: &str) -> Result<RemoteRef, ProviderError> {
    create_one(c, prompt, &shot(), None).await
}

/// Downloads one video, its link given as text (as the service names its file).
async fn download(
    c: &Client,
    r: &RemoteRef,
    hint: Option<&str>,
    dest: &Path,
) -> Result<u64, ProviderError> {
    fetch_bytes(c, r, hint.map(Hint::from_text).as_ref(), dest).await
}

fn file_id(hint: &str) -> String {
    hint.rsplit('/')
        .next()
        .and_then(|s| s.split(':').next())
        .expect("file id")
        .to_string()
}

#[tokio::test]
async fn create_poll_and_download_through_the_redirect_without_leaking_the_key() {
    for redirect in [true, false] {
        let sim = sim(|c| {
            keys(c);
            c.gemini_redirect = redirect;
            c.video_bytes = Some(1 << 20);
        })
        .await;
        let c = gemini_client(&sim, 0);
        c.check().await.expect("the key works");
        let r = create(&c, "a red fox in the snow").await.expect("create");
        assert!(
            matches!(&r, RemoteRef::Gemini { operation } if operation.starts_with("models/veo-3.1-fast-generate-preview/operations/"))
        );
        let s = final_status(&c, &r).await;
        assert_eq!(s.state, RemoteState::Succeeded);
        let hint = s.hint.expect("a file uri").to_text();
        let dest = temp_dir("gemini").join("v.part");
        assert_eq!(
            download(&c, &r, Some(&hint), &dest)
                .await
                .expect("download"),
            1 << 20
        );
        assert_same_bytes(&sim, &file_id(&hint), &dest);
        let report = sim.report();
        assert_clean(&report);
        assert_eq!(
            report.cdn_requests > 0,
            redirect,
            "the redirect went to the CDN"
        );
        // Without a hint the client asks for the operation again.
        let dest = temp_dir("gemini").join("again.part");
        download(&c, &r, None, &dest)
            .await
            .expect("download without hint");
        assert_same_bytes(&sim, &file_id(&hint), &dest);
    }
}

#[tokio::test]
async fn the_simulator_records_a_key_that_follows_a_redirect_to_another_host() {
    let sim = sim(keys).await;
    let c = gemini_client(&sim, 0);
    let r = create(&c, "leak bait").await.expect("create");
    let hint = final_status(&c, &r).await.hint.expect("uri").to_text();
    // A careless client: the key as a default header, redirects followed by reqwest.
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "x-goog-api-key",
        sim.accounts()[0].secret.expose().parse().expect("header"),
    );
    let careless = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("client");
    let resp = careless.get(&hint).send().await.expect("sent");
    assert!(resp.status().is_success());
    let leaks = sim.report().credential_leaks;
    assert_eq!(leaks.len(), 1, "{leaks:?}");
    assert_eq!(leaks[0].header, "x-goog-api-key");
    assert_eq!(leaks[0].account.as_deref(), Some("g1"));
}

#[tokio::test]
async fn safety_filtered_and_failed_operations_are_failures_with_reasons() {
    let sim = sim(keys).await;
    let c = gemini_client(&sim, 0);
    let r = create(&c, "a scene that is #unsafe")
        .await
        .expect("accepted");
    let s = final_status(&c, &r).await;
    assert_eq!(s.state, RemoteState::Failed);
    assert!(
        s.hint.is_none(),
        "a filtered video is never a success without a file"
    );
    assert!(
        matches!(s.failure, Some(ProviderError::Policy { reason, message })
        if reason == "RAI_MEDIA_FILTERED" && message.said().contains("real people"))
    );
    let r = create(&c, "this one ends in an #error")
        .await
        .expect("accepted");
    let s = final_status(&c, &r).await;
    assert_eq!(s.state, RemoteState::Failed);
    assert!(
        matches!(s.failure, Some(ProviderError::InvalidRequest(m)) if m.said().contains("code 3"))
    );
}

#[tokio::test]
async fn throttling_waits_for_retry_info_and_a_daily_quota_parks() {
    let sim = sim(|c| {
        keys(c);
        c.faults = throttled(2);
    })
    .await;
    let c = gemini_client(&sim, 0);
    let e = create(&c, "too fast").await.expect_err("429");
    assert!(
        matches!(e, ProviderError::Throttled { retry_after: Some(d), .. } if d == Duration::from_millis(2250)),
        "{e:?}"
    );
    sim.set_faults(Faults::default());
    sim.set_credits("g1", 0);
    let e = create(&c, "no more today").await.expect_err("daily");
    assert!(
        matches!(&e, ProviderError::QuotaReached(m) if m.said().contains("daily")),
        "{e:?}"
    );
}

#[tokio::test]
async fn bad_combinations_are_refused_before_anything_is_sent() {
    let sim = sim(keys).await;
    let c = gemini_client(&sim, 0);
    let mut s = shot();
    s.duration = Some(6);
    s.resolution = Some(Resolution::P1080);
    let e = c
        .create(&CreateSpec::text("p", &s, &[1], &[String::new()]))
        .await
        .expect_err("1080p 6s");
    assert!(
        matches!(&e, ProviderError::InvalidRequest(m) if m.said().contains("8 seconds")),
        "{e:?}"
    );
    let lite = Shot {
        model: Model::Veo31Lite,
        resolution: Some(Resolution::K4),
        ..shot()
    };
    assert!(
        c.supports(&lite)
            .expect_err("lite 4k")
            .said()
            .contains("4k")
    );
    assert!(
        c.create(&CreateSpec::text("p", &lite, &[1], &[String::new()]))
            .await
            .is_err()
    );
    assert_eq!(
        sim.report().account("g1").expect("g1").create_calls,
        0,
        "no create reached the service (only the model list was read)"
    );
    // The service itself is as strict.
    let raw = |body: &str| {
        let key = sim.accounts()[0].secret.expose().to_string();
        let url = format!(
            "{}/v1beta/models/veo-3.1-generate-preview:predictLongRunning",
            sim.api_url()
        );
        let body = body.to_string();
        async move {
            reqwest::Client::new()
                .post(url)
                .header("x-goog-api-key", key)
                .body(body)
                .send()
                .await
                .expect("sent")
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        raw(r#"{"instances":[{"prompt":"p"}],"parameters":{"seed":4}}"#).await,
        400
    );
    assert_eq!(
        raw(r#"{"instances":[{"prompt":"p"}],"parameters":{"durationSeconds":"8"}}"#).await,
        400
    );
    assert_eq!(
        raw(r#"{"instances":[{"prompt":"p"}],"parameters":{"durationSeconds":5}}"#).await,
        400
    );
    assert_eq!(
        raw(r#"{"instances":[{"prompt":"p"}],"parameters":{"durationSeconds":8}}"#).await,
        200
    );
    // An unknown model, and a bad key.
    let unknown = c
        .create(&CreateSpec::text(
            "p",
            &Shot {
                model: Model::Raw("veo-9.9-generate-preview".into()),
                ..shot()
            },
            &[1],
            &[String::new()],
        ))
        .await;
    // An id the key does not list is refused before it is sent, naming what the key offers.
    assert!(
        matches!(&unknown, Err(ProviderError::InvalidRequest(m)) if m.said().contains("not offered") && m.said().contains("veo-3.1-generate-preview")),
        "{unknown:?}"
    );
    let bad = Client::Gemini(
        GeminiClient::new(
            GeminiConfig {
                api_url: sim.api_url(),
                ..GeminiConfig::default()
            },
            Secret::new("AIzaSyNotARealKey0000000000000000000"),
        )
        .expect("client"),
    );
    let e = bad.check().await.expect_err("bad key");
    assert!(
        matches!(&e, ProviderError::SignInAgain(m) if m.said().contains("API key")),
        "{e:?}"
    );
    assert!(
        !format!("{e:?}").contains("AIzaSyNotARealKey"),
        "the key is in the error"
    );
}

#[tokio::test]
async fn another_projects_key_cannot_poll_or_download_and_files_expire() {
    let sim = sim(keys).await;
    let (a, b) = (gemini_client(&sim, 0), gemini_client(&sim, 1));
    let r = create(&a, "g1's scene").await.expect("create");
    let hint = final_status(&a, &r).await.hint.expect("uri").to_text();
    let (s, _) = b
        .poll(std::slice::from_ref(&r))
        .await
        .expect("poll answers");
    assert!(
        matches!(s[0].failure, Some(ProviderError::NotFound(_))),
        "{:?}",
        s[0].failure
    );
    let dest = temp_dir("gemini").join("theirs.part");
    let e = download(&b, &r, Some(&hint), &dest)
        .await
        .expect_err("not theirs");
    assert!(matches!(e, ProviderError::AccountDenied(_)), "{e:?}");
    let routes: Vec<String> = sim
        .report()
        .ownership_violations
        .iter()
        .map(|v| v.route.clone())
        .collect();
    assert_eq!(routes, ["gemini-poll", "gemini-download"]);
    // Two days later the file is gone, and the take says so.
    sim.expire_files("g1");
    let dest = temp_dir("gemini").join("late.part");
    let e = download(&a, &r, Some(&hint), &dest)
        .await
        .expect_err("expired");
    assert!(
        matches!(&e, ProviderError::NotFound(m) if m.said().contains("two days")),
        "{e:?}"
    );
}

#[tokio::test]
async fn cut_downloads_resume() {
    let sim = sim(|c| {
        keys(c);
        c.video_bytes = Some(2 << 20);
    })
    .await;
    let c = gemini_client(&sim, 0);
    let r = create(&c, "cut me").await.expect("create");
    let hint = final_status(&c, &r).await.hint.expect("uri").to_text();
    let dest = temp_dir("gemini").join("cut.part");
    sim.set_faults(Faults {
        cut_download: 1.0,
        ..Faults::default()
    });
    assert!(matches!(
        download(&c, &r, Some(&hint), &dest).await,
        Err(ProviderError::Transient(_))
    ));
    let kept = kit::part_len(&dest).await;
    assert!(kept > 0 && kept < 2 << 20);
    sim.set_faults(Faults::default());
    download(&c, &r, Some(&hint), &dest).await.expect("resumes");
    assert_same_bytes(&sim, &file_id(&hint), &dest);
    assert!(sim.report().credential_leaks.is_empty());
}

#[test]
fn operations_parse_from_the_reference_shapes() {
    // The RAI-filtered answer quoted in the reference, verbatim.
    let v: serde_json::Value = serde_json::from_str(r#"{ "name": "models/veo-3.1-generate-preview/operations/hv2x64iecmmr", "done": true,
      "response": { "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
        "generateVideoResponse": { "raiMediaFilteredCount": 1,
          "raiMediaFilteredReasons": ["Sorry, we can't create videos with real people's names or likenesses. Please remove the celebrity reference and try again."] } } }"#)
        .expect("json");
    assert!(matches!(
        flowdeck::provider::gemini::veo::parse_operation(&v),
        Operation::Filtered { count: 1, .. }
    ));
}

/// A refusal from the storage host a download was redirected to is about that link (signed,
/// carrying no key), never about the key: it is a passing failure, not "sign in again".
#[tokio::test]
async fn a_refused_storage_link_is_a_link_problem_not_a_bad_key() {
    let sim = sim(|c| {
        keys(c);
        c.gemini_redirect = true;
    })
    .await;
    let c = gemini_client(&sim, 0);
    let r = create(&c, "a heron at dawn").await.expect("create");
    let s = final_status(&c, &r).await;
    let name = file_id(&s.hint.expect("a file uri").to_text());
    // A storage link from an earlier redirect, expired since.
    let stale = format!("{}/video/{name}?Expires=1&Signature=stale", sim.cdn_url());
    let dest = temp_dir("gemini").join("refused.part");
    let e = download(&c, &r, Some(&stale), &dest)
        .await
        .expect_err("refused link");
    assert!(
        matches!(&e, ProviderError::Transient(m) if m.said().contains("storage link")),
        "{e:?}"
    );
    assert!(e.is_retryable());
    let report = sim.report();
    assert!(report.cdn_requests > 0, "the CDN was asked");
    assert!(
        report.credential_leaks.is_empty(),
        "no key went there: {:?}",
        report.credential_leaks
    );
}
