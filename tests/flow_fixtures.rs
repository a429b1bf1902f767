//! The JSON examples from the Flow reference, and a real captured create call, parsed into
//! the typed model.

use flowdeck::model::{Aspect, RemoteState};
use flowdeck::provider::ProviderError;
use flowdeck::provider::flow::auth::parse_session;
use flowdeck::provider::flow::classify::classify;
use flowdeck::provider::flow::create::{Body, build_body, parse_created};
use flowdeck::provider::flow::inline::InlineDecoder;
use flowdeck::provider::flow::poll::{match_answer, poll_body};
use flowdeck::provider::flow::{MediaRef, PaygateTier, WireGeneration};
use flowdeck::secret::Secret;
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/flow/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(name: &str) -> Value {
    serde_json::from_slice(&fixture(name)).expect("fixture is JSON")
}

fn media(name: &str) -> MediaRef {
    MediaRef {
        name: name.into(),
        project_id: "p".into(),
        scene_id: None,
    }
}

#[test]
fn legacy_create_answer_gives_operation_handles() {
    let created = parse_created(&json("create-legacy-response.json"), "proj");
    assert_eq!(created.remaining_credits, Some(44440));
    assert_eq!(
        created.media,
        [MediaRef {
            name: "52a55a4296c947d408fe559ba76c353c".into(),
            project_id: "proj".into(),
            scene_id: Some("d5fa5147-8c65-4dd3-8650-03405f0ed7fe".into()),
        }]
    );
}

#[test]
fn current_create_answer_gives_media_handles() {
    let created = parse_created(&json("create-current-response.json"), "ignored");
    assert_eq!(created.remaining_credits, Some(30));
    let names: Vec<_> = created
        .media
        .iter()
        .map(|m| (m.name.as_str(), m.project_id.as_str()))
        .collect();
    assert_eq!(names, [("media-1", "project-1"), ("media-2", "project-1")]);
}

#[test]
fn captured_create_response_parses_and_prefers_media_over_operations() {
    let captured = json("captured-create-2026-05.json");
    let created = parse_created(&captured["response_body_parsed"], "x");
    assert_eq!(created.remaining_credits, Some(300));
    assert_eq!(created.media.len(), 1);
    // Both arrays are present; the handle must come from media[] (with its project).
    assert_eq!(created.media[0].project_id, "<UUID>");
    assert_eq!(created.media[0].scene_id, None);
}

/// Every object key path of a JSON value, e.g. `clientContext.recaptchaContext.token`.
fn key_paths(v: &Value, prefix: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.push(p.clone());
                key_paths(child, &p, out);
            }
        }
        Value::Array(items) => {
            for child in items {
                key_paths(child, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn current_create_body_has_exactly_the_captured_shape() {
    let captured = json("captured-create-2026-05.json");
    let request = &captured["request_body_parsed"];
    let token = Secret::new("0cAFcWeA6H_token");
    let body = build_body(&Body {
        generation: WireGeneration::Current,
        prompt: "test cinematic motion",
        key: "veo_3_1_t2v_fast_portrait",
        aspect: Aspect::Portrait,
        seeds: &[17066],
        scene_ids: &["unused".into()],
        project: "<UUID>",
        tier: &PaygateTier::One,
        captcha: Some(&token),
    });
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    key_paths(&body, "", &mut ours);
    key_paths(request, "", &mut theirs);
    ours.sort();
    ours.dedup();
    theirs.sort();
    theirs.dedup();
    assert_eq!(ours, theirs);
    for pointer in [
        "/requests/0/videoModelKey",
        "/requests/0/aspectRatio",
        "/requests/0/textInput",
        "/requests/0/seed",
        "/useV2ModelConfig",
        "/clientContext/tool",
        "/clientContext/userPaygateTier",
        "/clientContext/recaptchaContext/applicationType",
        "/mediaGenerationContext/audioFailurePreference",
    ] {
        assert_eq!(body.pointer(pointer), request.pointer(pointer), "{pointer}");
    }
    assert!(!body.to_string().contains("videoLengthSeconds"));
}

#[test]
fn legacy_create_body_uses_prompt_and_scene_ids() {
    let body = build_body(&Body {
        generation: WireGeneration::Legacy,
        prompt: "a cat",
        key: "veo_3_0_t2v_fast",
        aspect: Aspect::Landscape,
        seeds: &[1, 2],
        scene_ids: &["s1".into(), "s2".into()],
        project: "proj",
        tier: &PaygateTier::One,
        captcha: None,
    });
    assert_eq!(body["requests"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        body.pointer("/requests/1/textInput/prompt"),
        Some(&Value::from("a cat"))
    );
    assert_eq!(
        body.pointer("/requests/1/metadata/sceneId"),
        Some(&Value::from("s2"))
    );
    assert!(body.get("useV2ModelConfig").is_none());
    assert!(body.pointer("/clientContext/recaptchaContext").is_none());
}

#[test]
fn poll_bodies_follow_the_generation() {
    let m = [MediaRef {
        name: "n".into(),
        project_id: "p".into(),
        scene_id: Some("s".into()),
    }];
    let current = poll_body(WireGeneration::Current, &m);
    assert_eq!(
        current,
        serde_json::json!({"media":[{"name":"n","projectId":"p"}]})
    );
    let legacy = poll_body(WireGeneration::Legacy, &m);
    assert_eq!(
        legacy.pointer("/operations/0/operation/name"),
        Some(&Value::from("n"))
    );
    assert_eq!(
        legacy.pointer("/operations/0/sceneId"),
        Some(&Value::from("s"))
    );
}

#[test]
fn legacy_poll_answers_give_status_url_and_failure() {
    let pending = match_answer(&[media("d7c7aa01")], &json("poll-legacy-pending.json"));
    assert_eq!(pending.media[0].state, RemoteState::Running);

    let done = match_answer(&[media("db3c2bde")], &json("poll-legacy-success.json"));
    assert_eq!(done.remaining_credits, Some(920));
    let m = &done.media[0];
    assert_eq!(m.state, RemoteState::Succeeded);
    assert!(
        m.video_url
            .as_deref()
            .is_some_and(|u| u.contains("GoogleAccessId"))
    );

    let failed = match_answer(&[media("op-f")], &json("poll-legacy-failed.json"));
    let f = failed.media[0].failure.as_ref().expect("failure");
    assert_eq!(failed.media[0].state, RemoteState::Failed);
    assert!(
        matches!(f.to_error(), ProviderError::Policy { reason, .. } if reason == "PUBLIC_ERROR_SEXUAL")
    );
}

#[test]
fn legacy_answers_match_by_scene_id_when_names_differ() {
    let asked = MediaRef {
        name: "other-name".into(),
        project_id: "p".into(),
        scene_id: Some("663421df-0000-4000-8000-000000000001".into()),
    };
    let r = match_answer(&[asked], &json("poll-legacy-pending.json"));
    assert_eq!(r.media[0].state, RemoteState::Running);
    assert_eq!(r.media[0].name, "other-name");
}

#[test]
fn current_poll_answer_reads_status_from_every_place() {
    let asked: Vec<MediaRef> = [
        "m-pending",
        "m-active",
        "m-done",
        "m-failed",
        "m-odd",
        "m-err",
        "m-absent",
    ]
    .into_iter()
    .map(media)
    .collect();
    let r = match_answer(&asked, &json("poll-current-mixed.json"));
    let states: Vec<RemoteState> = r.media.iter().map(|m| m.state).collect();
    assert_eq!(
        states,
        [
            RemoteState::Pending,
            RemoteState::Running,
            RemoteState::Succeeded,
            RemoteState::Failed,
            RemoteState::Unknown,
            RemoteState::Failed,
            RemoteState::Unknown,
        ]
    );
    assert_eq!(r.media[2].operation_name.as_deref(), Some("op-done"));
    assert_eq!(r.media[6].status, "MISSING");
    let failure = r.media[3].failure.as_ref().expect("failure");
    assert_eq!(failure.code, Some(3));
    assert_eq!(failure.reasons, ["IP_PROHIBITED"]);
    match failure.to_error() {
        ProviderError::Policy { reason, message } => {
            assert_eq!(reason, "PUBLIC_ERROR_IP_INPUT_IMAGE");
            assert!(message.contains("protected"), "{message}");
        }
        other => panic!("expected a policy error, got {other:?}"),
    }
    assert!(r.media[5].failure.is_some());
}

#[test]
fn error_bodies_classify() {
    assert!(matches!(
        classify(403, None, &fixture("error-recaptcha.json")),
        ProviderError::Captcha(_)
    ));
    assert!(matches!(
        classify(400, None, &fixture("error-unsafe.json")),
        ProviderError::Policy { reason, .. } if reason == "PUBLIC_ERROR_UNSAFE_GENERATION"
    ));
    assert!(matches!(
        classify(429, None, &fixture("error-quota.json")),
        ProviderError::QuotaReached(_)
    ));
    assert!(matches!(
        classify(401, None, &fixture("error-unauthenticated.json")),
        ProviderError::Unauthorized
    ));
    assert!(matches!(
        classify(404, None, &fixture("error-not-found.json")),
        ProviderError::NotFound(_)
    ));
    assert!(matches!(
        classify(400, None, &fixture("error-unknown-field.json")),
        ProviderError::InvalidRequest(m) if m.contains("videoLengthSeconds")
    ));
}

#[test]
fn session_answers_parse() {
    let now = time::macros::datetime!(2025-11-15 04:00 UTC);
    let (token, life, user) = parse_session(&fixture("session.json"), now).expect("session");
    assert_eq!(token.expose(), "ya29.a0AfB_fixture");
    assert_eq!(life.as_secs(), 46 * 60 + 4);
    assert_eq!(user.email.as_deref(), Some("user@example.com"));
    assert!(matches!(
        parse_session(&fixture("session-refresh-needed.json"), now),
        Err(ProviderError::SignInAgain(_))
    ));
}

#[test]
fn inline_media_answer_decodes_to_an_mp4_header() {
    let mut d = InlineDecoder::default();
    let mut out = Vec::new();
    d.feed(&fixture("inline-media.json"), &mut out)
        .expect("feeds");
    d.finish(&mut out).expect("finishes");
    assert_eq!(&out[4..8], b"ftyp");
}
