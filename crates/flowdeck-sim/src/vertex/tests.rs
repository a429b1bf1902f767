//! The simulated Vertex AI and Cloud Storage over real HTTP: tokens, jobs, objects, and the
//! records a client test relies on (violations, leaks, counts).

use std::time::Duration;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{RSA_PKCS1_SHA256, RsaKeyPair};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::oauth::{GRANT_TYPE, SCOPE};
use crate::{RunningSim, SimConfig};

const MODEL: &str = "veo-3.1-fast-generate-001";

fn config() -> SimConfig {
    SimConfig {
        accounts: Vec::new(),
        gemini_accounts: vec!["gem".into()],
        vertex_accounts: vec!["v1".into(), "v2".into()],
        generation_time: Duration::from_millis(200),
        ..SimConfig::default()
    }
}

async fn start(config: SimConfig) -> RunningSim {
    RunningSim::start(config).await.expect("sim starts")
}

fn key_file(sim: &RunningSim, account: &str) -> Value {
    let a = sim.account(account).expect("account");
    serde_json::from_str(a.secret.expose()).expect("key file is JSON")
}

/// A JWT signed the way `gcp_auth` signs it (padded base64url, `sub: null`), with `claims`
/// laid over the usual ones, signed by `signer`'s key.
fn assertion(key: &Value, signer: &Value, claims: Value) -> String {
    let pem = signer["private_key"].as_str().expect("pem");
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let pair = RsaKeyPair::from_pkcs8(&STANDARD.decode(b64).expect("base64")).expect("pkcs8");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut c = json!({"iss": key["client_email"], "aud": key["token_uri"], "exp": now + 3595,
        "iat": now, "sub": null, "scope": SCOPE});
    for (k, v) in claims.as_object().expect("object") {
        c[k] = v.clone();
    }
    let mut jwt = format!(
        "{}.{}",
        URL_SAFE.encode(r#"{"alg":"RS256","typ":"JWT"}"#),
        URL_SAFE.encode(c.to_string())
    );
    let mut sig = vec![0; pair.public_modulus_len()];
    pair.sign(
        &RSA_PKCS1_SHA256,
        &SystemRandom::new(),
        jwt.as_bytes(),
        &mut sig,
    )
    .expect("sign");
    jwt.push('.');
    jwt.push_str(&URL_SAFE.encode(sig));
    jwt
}

async fn post_assertion(key: &Value, jwt: &str) -> (StatusCode, Value) {
    let r = reqwest::Client::new()
        .post(key["token_uri"].as_str().expect("token_uri"))
        .form(&[("grant_type", GRANT_TYPE), ("assertion", jwt)])
        .send()
        .await
        .expect("token endpoint answers");
    (r.status(), r.json().await.expect("json"))
}

async fn token(sim: &RunningSim, account: &str) -> String {
    let key = key_file(sim, account);
    let (status, body) = post_assertion(&key, &assertion(&key, &key, json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["access_token"].as_str().expect("token").to_string()
}

fn model_url(sim: &RunningSim, project: &str, action: &str) -> String {
    format!(
        "{}/v1/projects/{project}/locations/us-central1/publishers/google/models/{MODEL}:{action}",
        sim.vertex_url()
    )
}

async fn post(url: &str, token: &str, body: Value) -> (StatusCode, Value) {
    let r = reqwest::Client::new()
        .post(url)
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("answers");
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn create(
    sim: &RunningSim,
    project: &str,
    token: &str,
    parameters: Value,
) -> (StatusCode, Value) {
    let body = json!({"instances": [{"prompt": "a fox in the snow"}], "parameters": parameters});
    post(&model_url(sim, project, "predictLongRunning"), token, body).await
}

async fn fetch(sim: &RunningSim, project: &str, token: &str, op: &str) -> (StatusCode, Value) {
    let body = json!({"operationName": op});
    post(
        &model_url(sim, project, "fetchPredictOperation"),
        token,
        body,
    )
    .await
}

/// Polls until done (the sim's generation time is short).
async fn done(sim: &RunningSim, project: &str, token: &str, op: &str) -> Value {
    for _ in 0..50 {
        let (status, body) = fetch(sim, project, token, op).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        if body["done"] == json!(true) {
            return body;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("operation {op} never finished");
}

#[tokio::test]
async fn key_files_are_real_service_account_keys() {
    let sim = start(config()).await;
    let a = sim.account("v1").expect("v1");
    assert_eq!(
        (a.provider, a.project_id.as_str()),
        ("vertex", "v1-project")
    );
    assert_eq!(a.email, "flowdeck@v1-project.iam.gserviceaccount.com");
    let key = key_file(&sim, "v1");
    assert_eq!(key["type"], "service_account");
    assert_eq!(key["project_id"], "v1-project");
    assert_eq!(key["client_email"], a.email.as_str());
    assert_eq!(
        key["token_uri"],
        format!("{}/oauth2/token", sim.vertex_url())
    );
    let pem = key["private_key"].as_str().expect("pem");
    assert!(
        pem.starts_with("-----BEGIN PRIVATE KEY-----\n")
            && pem.ends_with("-----END PRIVATE KEY-----\n")
    );
    assert_ne!(key["private_key"], key_file(&sim, "v2")["private_key"]);
}

#[tokio::test]
async fn a_signed_assertion_buys_a_token_and_a_bad_one_does_not() {
    let sim = start(config()).await;
    let (v1, v2) = (key_file(&sim, "v1"), key_file(&sim, "v2"));
    let good = assertion(&v1, &v1, json!({}));
    let (status, body) = post_assertion(&v1, &good).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body["access_token"]
            .as_str()
            .is_some_and(|t| t.starts_with("ya29.sim-"))
    );
    assert_eq!(
        (body["expires_in"].as_u64(), body["token_type"].as_str()),
        (Some(3600), Some("Bearer"))
    );

    // v1's claims under v2's signature.
    let (status, body) = post_assertion(&v1, &assertion(&v1, &v2, json!({}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"error": "invalid_grant", "error_description": "Invalid JWT Signature."})
    );
    // A well-signed claim that was altered afterwards.
    let mut parts: Vec<String> = good.split('.').map(str::to_string).collect();
    parts[1] = URL_SAFE.encode(r#"{"iss":"flowdeck@v1-project.iam.gserviceaccount.com"}"#);
    let (status, _) = post_assertion(&v1, &parts.join(".")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for (claims, error) in [
        (
            json!({"aud": "https://oauth2.googleapis.com/token"}),
            "invalid_grant",
        ),
        (
            json!({"scope": "https://www.googleapis.com/auth/devstorage.read_only"}),
            "invalid_scope",
        ),
        (json!({"exp": 1_000, "iat": 0}), "invalid_grant"),
    ] {
        let (status, body) = post_assertion(&v1, &assertion(&v1, &v1, claims)).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some(error))
        );
    }
    let r = sim.report();
    assert_eq!(r.account("v1").expect("v1").token_requests, 6);
    assert_eq!(r.account("v2").expect("v2").token_requests, 0);
    assert!(r.credential_leaks.is_empty(), "{:?}", r.credential_leaks);
}

#[tokio::test]
async fn create_then_done_gives_the_videos_inline() {
    let sim = start(config()).await;
    let t = token(&sim, "v1").await;
    let (status, body) = create(&sim, "v1-project", &t, json!({"sampleCount": 2, "seed": 5})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let op = body["name"].as_str().expect("name").to_string();
    assert!(op.starts_with(&format!(
        "projects/v1-project/locations/us-central1/publishers/google/models/{MODEL}/operations/"
    )));
    let (_, running) = fetch(&sim, "v1-project", &t, &op).await;
    assert_eq!(running["done"], json!(false));
    let finished = done(&sim, "v1-project", &t, &op).await;
    let videos = finished["response"]["videos"].as_array().expect("videos");
    assert_eq!(videos.len(), 2);
    for (i, v) in videos.iter().enumerate() {
        let bytes = STANDARD
            .decode(v["bytesBase64Encoded"].as_str().expect("inline"))
            .expect("base64");
        let expected = sim
            .expected_video(&format!("{op}#{i}"))
            .expect("media")
            .to_vec();
        assert_eq!(bytes, expected, "sample {i}");
    }
    let r = sim.report();
    let a = r.account("v1").expect("v1");
    assert_eq!((a.create_calls, a.videos_created), (1, 2));
    assert!(a.polls >= 2);
    assert_eq!(r.videos_created(), 2);
    let seeds: Vec<u64> = r.media.iter().map(|m| m.seed).collect();
    assert_eq!(seeds, vec![5, 6]);
}

#[tokio::test]
async fn stored_videos_download_from_cloud_storage_with_range() {
    let sim = start(config()).await;
    let t = token(&sim, "v1").await;
    let (_, body) = create(
        &sim,
        "v1-project",
        &t,
        json!({"storageUri": "gs://shots/out/"}),
    )
    .await;
    let op = body["name"].as_str().expect("name").to_string();
    let finished = done(&sim, "v1-project", &t, &op).await;
    let uri = finished["response"]["videos"][0]["gcsUri"]
        .as_str()
        .expect("gcsUri");
    let object = uri.strip_prefix("gs://shots/").expect("in the bucket");
    assert!(object.starts_with("out/") && object.ends_with("/sample_0.mp4"));
    let url = format!(
        "{}/storage/v1/b/shots/o/{}",
        sim.storage_url(),
        object.replace('/', "%2F")
    );
    let expected = sim.expected_video(&op).expect("media").to_vec();
    let http = reqwest::Client::new();

    let meta: Value = http
        .get(&url)
        .bearer_auth(&t)
        .send()
        .await
        .expect("meta")
        .json()
        .await
        .expect("json");
    assert_eq!(meta["size"], expected.len().to_string());
    let part = http
        .get(format!("{url}?alt=media"))
        .bearer_auth(&t)
        .header("Range", "bytes=10-19")
        .send()
        .await
        .expect("range");
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 10-19/{}", expected.len()).as_str()
    );
    assert_eq!(part.bytes().await.expect("body")[..], expected[10..20]);
    let whole = http
        .get(format!("{url}?alt=media"))
        .bearer_auth(&t)
        .send()
        .await
        .expect("whole");
    assert_eq!(whole.headers()["content-type"], "video/mp4");
    assert_eq!(whole.bytes().await.expect("body")[..], expected[..]);

    let no_token = http
        .get(format!("{url}?alt=media"))
        .send()
        .await
        .expect("answers");
    assert_eq!(no_token.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(sim.report().account("v1").expect("v1").download_requests, 2);
    // The server counts a whole body once its stream ends, just after the client has it.
    for _ in 0..50 {
        if sim.report().media[0].full_downloads == 1 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the whole download was not counted");
}

#[tokio::test]
async fn another_projects_token_is_refused_and_recorded() {
    let sim = start(config()).await;
    let (t1, t2) = (token(&sim, "v1").await, token(&sim, "v2").await);
    let (status, body) = create(&sim, "v1-project", &t2, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["status"], "PERMISSION_DENIED");
    assert_eq!(
        body["error"]["details"][0]["reason"],
        "IAM_PERMISSION_DENIED"
    );

    let (_, body) = create(&sim, "v1-project", &t1, json!({"storageUri": "gs://shots"})).await;
    let op = body["name"].as_str().expect("name").to_string();
    let finished = done(&sim, "v1-project", &t1, &op).await;
    let (status, body) = fetch(&sim, "v2-project", &t2, &op).await;
    assert_eq!(
        (status, body["error"]["message"].as_str()),
        (StatusCode::NOT_FOUND, Some("Operation not found."))
    );
    let object = finished["response"]["videos"][0]["gcsUri"]
        .as_str()
        .and_then(|u| u.strip_prefix("gs://shots/"))
        .expect("object")
        .replace('/', "%2F");
    let r = reqwest::Client::new()
        .get(format!(
            "{}/storage/v1/b/shots/o/{object}?alt=media",
            sim.storage_url()
        ))
        .bearer_auth(&t2)
        .send()
        .await
        .expect("answers");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let message = r.json::<Value>().await.expect("json")["error"]["message"].clone();
    assert!(message.as_str().is_some_and(|m| {
        m.starts_with("flowdeck@v2-project.iam.gserviceaccount.com does not have")
    }));
    let r = reqwest::Client::new()
        .get(format!(
            "{}/v1beta1/publishers/google/models/{MODEL}",
            sim.vertex_url()
        ))
        .bearer_auth(&t2)
        .header("x-goog-user-project", "v1-project")
        .send()
        .await
        .expect("answers");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let violations = sim.report().ownership_violations;
    let routes: Vec<&str> = violations.iter().map(|v| v.route.as_str()).collect();
    assert_eq!(
        routes,
        [
            "vertex-predict",
            "vertex-operation",
            "storage-object",
            "vertex-model"
        ]
    );
    assert!(
        violations
            .iter()
            .all(|v| v.requester == "v2" && v.owner == "v1"),
        "{violations:?}"
    );
    assert_eq!(sim.report().account("v1").expect("v1").download_requests, 0);
}

#[tokio::test]
async fn revoked_and_expired_tokens_get_401_until_refreshed() {
    let sim = start(config()).await;
    let models = format!(
        "{}/v1beta1/publishers/google/models/{MODEL}",
        sim.vertex_url()
    );
    let get = |t: String| {
        let url = models.clone();
        async move {
            let r = reqwest::Client::new()
                .get(url)
                .bearer_auth(t)
                .send()
                .await
                .expect("answers");
            (r.status(), r.json::<Value>().await.expect("json"))
        }
    };
    let old = token(&sim, "v1").await;
    let (status, body) = get(old.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["name"], format!("publishers/google/models/{MODEL}"));
    sim.revoke_vertex_tokens();
    let (status, body) = get(old).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["status"], "UNAUTHENTICATED");
    let (status, _) = get(token(&sim, "v1").await).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = get("ya29.sim-made-up".into()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let a = sim.report().account("v1").expect("v1").clone();
    assert_eq!((a.token_requests, a.unauthorized), (2, 1));

    let sim = start(SimConfig {
        vertex_token_ttl: Duration::ZERO,
        ..config()
    })
    .await;
    let (status, _) = create(&sim, "v1-project", &token(&sim, "v1").await, json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(sim.report().videos_created(), 0);
}

#[tokio::test]
async fn the_project_quota_answers_429_and_nothing_is_made() {
    let sim = start(SimConfig {
        vertex_quota: Some((1, Duration::from_secs(60))),
        ..config()
    })
    .await;
    let (t1, t2) = (token(&sim, "v1").await, token(&sim, "v2").await);
    assert_eq!(
        create(&sim, "v1-project", &t1, json!({})).await.0,
        StatusCode::OK
    );
    let (status, body) = create(&sim, "v1-project", &t1, json!({})).await;
    assert_eq!(
        (status, body["error"]["status"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("RESOURCE_EXHAUSTED"))
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("base model: {MODEL}")))
    );
    // The quota is per project.
    assert_eq!(
        create(&sim, "v2-project", &t2, json!({})).await.0,
        StatusCode::OK
    );
    let r = sim.report();
    assert_eq!(r.account("v1").expect("v1").videos_created, 1);
    assert_eq!(r.videos_created(), 2);
}

#[tokio::test]
async fn a_disabled_api_answers_service_disabled() {
    let sim = start(SimConfig {
        vertex_disabled: vec!["v2".into()],
        ..config()
    })
    .await;
    let t = token(&sim, "v2").await;
    let (status, body) = create(&sim, "v2-project", &t, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let e = &body["error"];
    assert_eq!(e["status"], "PERMISSION_DENIED");
    assert!(e["message"].as_str().is_some_and(|m| m.starts_with(
        "Vertex AI API has not been used in project v2-project before or it is disabled."
    )));
    assert_eq!(e["details"][0]["reason"], "SERVICE_DISABLED");
    assert_eq!(e["details"][0]["domain"], "googleapis.com");
    assert_eq!(
        e["details"][0]["metadata"],
        json!({"service": "aiplatform.googleapis.com", "consumer": "projects/v2-project"})
    );
    assert!(sim.report().ownership_violations.is_empty());
}

#[tokio::test]
async fn markers_bad_bodies_and_unknown_models() {
    let sim = start(config()).await;
    let t = token(&sim, "v1").await;
    let prompt = |p: &str| json!({"instances": [{"prompt": p}], "parameters": {"sampleCount": 2}});
    let url = model_url(&sim, "v1-project", "predictLongRunning");
    let (status, body) = post(&url, &t, prompt("a fox #blocked")).await;
    assert_eq!(
        (status, body["error"]["status"].as_str()),
        (StatusCode::BAD_REQUEST, Some("INVALID_ARGUMENT"))
    );
    let (_, body) = post(&url, &t, prompt("a fox #unsafe")).await;
    let op = body["name"].as_str().expect("name").to_string();
    let filtered = done(&sim, "v1-project", &t, &op).await;
    assert_eq!(filtered["response"]["videos"], json!([]));
    assert_eq!(filtered["response"]["raiMediaFilteredCount"], 2);
    let (_, body) = post(&url, &t, prompt("a fox #error")).await;
    let op = body["name"].as_str().expect("name").to_string();
    assert_eq!(done(&sim, "v1-project", &t, &op).await["error"]["code"], 13);
    let (status, _) = create(
        &sim,
        "v1-project",
        &t,
        json!({"resolution": "1080p", "durationSeconds": 4}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let other = url.replace(MODEL, "veo-2.0-generate-001");
    let (status, body) = post(&other, &t, prompt("a fox")).await;
    assert_eq!(
        (status, body["error"]["status"].as_str()),
        (StatusCode::NOT_FOUND, Some("NOT_FOUND"))
    );
    let (status, _) = post(&url, "", prompt("a fox")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(sim.report().videos_created(), 4);
}

#[tokio::test]
async fn credentials_sent_to_the_wrong_host_are_recorded() {
    let sim = start(config()).await;
    let t = token(&sim, "v1").await;
    let http = reqwest::Client::new();
    let gemini_key = sim.account("gem").expect("gem").secret.expose().to_string();
    let object = format!("{}/storage/v1/b/shots/o/x.mp4?alt=media", sim.storage_url());
    http.get(&object)
        .bearer_auth(&t)
        .header("x-goog-api-key", &gemini_key)
        .send()
        .await
        .expect("storage");
    assert_eq!(sim.report().credential_leaks.len(), 1);
    // A Vertex token on the Gemini API and in a CDN query string.
    http.get(format!("{}/v1beta/models", sim.api_url()))
        .bearer_auth(&t)
        .send()
        .await
        .expect("gemini");
    http.get(format!("{}/video/x?access_token={t}", sim.cdn_url()))
        .send()
        .await
        .expect("cdn");
    // The key itself, where only a signed assertion belongs.
    let key = sim.account("v2").expect("v2").secret.expose().to_string();
    http.post(format!("{}/oauth2/token", sim.vertex_url()))
        .body(key)
        .send()
        .await
        .expect("token");

    let leaks = sim.report().credential_leaks;
    let seen: Vec<(&str, &str, Option<&str>)> = leaks
        .iter()
        .map(|l| (l.route.as_str(), l.header.as_str(), l.account.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [
            ("/storage/v1/b/shots/o/x.mp4", "x-goog-api-key", Some("gem")),
            ("/v1beta/models", "authorization", Some("v1")),
            ("/video/x", "query", Some("v1")),
            ("/oauth2/token", "body", Some("v2")),
        ]
    );
}
