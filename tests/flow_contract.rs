//! The real Flow client against the simulator, over HTTP on loopback: every route, both wire
//! generations, token expiry, reCAPTCHA, each error class, cut downloads and ownership.

mod common;

use std::time::Duration;

use common::*;
use flowdeck::model::{Aspect, Model, RemoteState};
use flowdeck::provider::ProviderError;
use flowdeck::provider::flow::{
    CreateRequest, DownloadRoute, FlowClient, FlowConfig, FlowCredential, WireGeneration,
};
use flowdeck::sim::Faults;

const BOTH: [WireGeneration; 2] = [WireGeneration::Current, WireGeneration::Legacy];

#[tokio::test]
async fn create_poll_download_in_both_generations() {
    for generation in BOTH {
        let sim = sim(generation, |_| {}).await;
        let c = client(&sim, 0);
        let media = create(&c, "a lighthouse at dawn", 2).await.expect("create");
        assert_eq!(media.len(), 2);
        let polled = wait_final(&c, &media).await;
        assert!(polled.iter().all(is_succeeded));
        let dir = temp_dir("both");
        for (m, p) in media.iter().zip(&polled) {
            let dest = dir.join(format!("{}.part", m.name));
            let d = download(&c, p, m, &dest).await.expect("download");
            let want = match generation {
                WireGeneration::Current => DownloadRoute::Redirect,
                WireGeneration::Legacy => DownloadRoute::SignedUrl,
            };
            assert_eq!(d.route, want);
            assert_same_bytes(&sim, &m.name, &dest);
        }
        let report = sim.report();
        assert!(
            report.credential_leaks.is_empty(),
            "{:?}",
            report.credential_leaks
        );
        assert!(report.ownership_violations.is_empty());
        let acc = report.account("alice").expect("alice");
        assert_eq!((acc.create_calls, acc.videos_created), (1, 2));
        assert_eq!(acc.credits, 10_000 - 2 * 20);
        // Many media, one status request per poll.
        assert_eq!(acc.polled_media, 2 * acc.polls);
    }
}

#[tokio::test]
async fn inline_route_serves_accounts_added_with_a_bearer() {
    let sim = sim(WireGeneration::Current, |c| c.video_bytes = Some(3 << 20)).await;
    let token = bearer_for(&sim, 0).await;
    let c = FlowClient::new(
        flow_config(&sim),
        FlowCredential::Bearer(token),
        Some(sim.accounts()[0].project_id.clone()),
    )
    .expect("client");
    let media = create(&c, "inline please", 1).await.expect("create");
    let polled = wait_final(&c, &media).await;
    let dest = temp_dir("inline").join("v.part");
    let d = download(&c, &polled[0], &media[0], &dest)
        .await
        .expect("download");
    assert_eq!(d.route, DownloadRoute::Inline);
    assert_eq!(d.bytes, 3 << 20);
    assert_same_bytes(&sim, &media[0].name, &dest);
}

#[tokio::test]
async fn tokens_expire_mid_job_and_are_renewed() {
    for generation in BOTH {
        let sim = sim(generation, |c| {
            c.token_ttl = Duration::from_millis(400);
            c.generation_time = Duration::from_millis(1500);
        })
        .await;
        let c = client(&sim, 0);
        let media = create(&c, "long job", 1).await.expect("create");
        // Force a 401 on the next call as well as the natural expiries.
        sim.expire_tokens("alice");
        let polled = wait_final(&c, &media).await;
        sim.expire_tokens("alice");
        let dest = temp_dir("expiry").join("v.part");
        download(&c, &polled[0], &media[0], &dest)
            .await
            .expect("download");
        assert_same_bytes(&sim, &media[0].name, &dest);
        let acc = sim.report().account("alice").cloned().expect("alice");
        assert!(
            acc.session_exchanges >= 3,
            "only {} exchanges",
            acc.session_exchanges
        );
        assert!(acc.unauthorized >= 1, "no 401 was ever answered");
        assert!(c.token_refreshes().await >= 3);
    }
}

#[tokio::test]
async fn a_dead_session_asks_for_sign_in_and_a_bearer_cannot_refresh() {
    let sim = sim(WireGeneration::Current, |_| {}).await;
    let c = client(&sim, 0);
    c.credits().await.expect("works first");
    sim.revoke_session("alice");
    let e = c.credits().await.expect_err("revoked");
    assert!(
        matches!(&e, ProviderError::SignInAgain(m) if m.contains("ACCESS_TOKEN_REFRESH_NEEDED")),
        "{e}"
    );

    let token = bearer_for(&sim, 1).await;
    let b =
        FlowClient::new(flow_config(&sim), FlowCredential::Bearer(token), None).expect("client");
    b.credits().await.expect("bearer works while valid");
    sim.expire_tokens("bob");
    let e = b.credits().await.expect_err("expired bearer");
    assert!(
        matches!(&e, ProviderError::SignInAgain(m) if m.contains("session cookie")),
        "{e}"
    );
    // And it keeps saying so without another request.
    assert!(matches!(
        b.credits().await,
        Err(ProviderError::SignInAgain(_))
    ));
}

#[tokio::test]
async fn check_reports_email_tier_and_credits_and_projects_can_be_created() {
    let sim = sim(WireGeneration::Current, |c| {
        c.tier = "PAYGATE_TIER_TWO".into()
    })
    .await;
    let a = &sim.accounts()[0];
    let c = FlowClient::new(
        flow_config(&sim),
        FlowCredential::SessionCookie(a.secret.clone()),
        None,
    )
    .expect("client");
    let info = c.check().await.expect("check");
    assert_eq!(info.email.as_deref(), Some(a.email.as_str()));
    assert_eq!(info.credits, 10_000);
    assert_eq!(info.tier.label(), "Ultra");
    // No project given: the first create makes one, and Ultra gets the _ultra key.
    let model = Model::Veo31Fast;
    let created = c
        .create(&CreateRequest {
            prompt: "p",
            shot: &flowdeck::model::Shot::new(model, Aspect::Portrait),
            seeds: &[3],
        })
        .await
        .expect("create");
    assert_eq!(created.model_key, "veo_3_1_t2v_fast_portrait_ultra");
    assert_ne!(created.media[0].project_id, a.project_id);
}

#[tokio::test]
async fn captcha_tokens_come_from_the_command_and_failures_are_actionable() {
    let sim = sim(WireGeneration::Current, |c| c.require_captcha = true).await;
    let plain = client(&sim, 0);
    let e = create(&plain, "no token", 1)
        .await
        .expect_err("needs captcha");
    assert!(
        matches!(&e, ProviderError::Captcha(m) if m.contains("captcha_command")),
        "{e}"
    );

    let fresh = client_with(
        &sim,
        0,
        FlowConfig {
            captcha_command: Some("printf 'tok-'; od -An -N8 -tx8 /dev/urandom | tr -d ' '".into()),
            ..flow_config(&sim)
        },
    );
    for i in 0..3 {
        create(&fresh, &format!("fresh token {i}"), 1)
            .await
            .expect("fresh tokens work");
    }
    let reused = client_with(
        &sim,
        0,
        FlowConfig {
            captcha_command: Some("echo same-token-every-time".into()),
            ..flow_config(&sim)
        },
    );
    create(&reused, "first use", 1)
        .await
        .expect("first use works");
    let e = create(&reused, "second use", 1)
        .await
        .expect_err("tokens are single use");
    assert!(matches!(e, ProviderError::Captcha(_)));
    let broken = client_with(
        &sim,
        0,
        FlowConfig {
            captcha_command: Some("exit 4".into()),
            ..flow_config(&sim)
        },
    );
    let e = create(&broken, "broken helper", 1)
        .await
        .expect_err("helper fails");
    assert!(
        matches!(&e, ProviderError::Captcha(m) if m.contains("failed")),
        "{e}"
    );
    assert_eq!(sim.report().videos_created(), 4);
}

#[tokio::test]
async fn each_error_class_is_reported() {
    let sim = sim(WireGeneration::Current, |_| {}).await;
    let c = client(&sim, 0);

    // Throttled, with the server's Retry-After.
    sim.set_faults(Faults {
        create_429: 1.0,
        retry_after_secs: 3,
        ..Faults::default()
    });
    let e = create(&c, "throttled", 1).await.expect_err("429");
    assert!(
        matches!(e, ProviderError::Throttled { retry_after: Some(d), .. } if d == Duration::from_secs(3)),
        "{e:?}"
    );
    sim.set_faults(Faults::default());

    // Policy at submit, with the reason kept.
    let e = create(&c, "something #blocked here", 1)
        .await
        .expect_err("policy");
    assert!(
        matches!(&e, ProviderError::Policy { reason, .. } if reason == "PUBLIC_ERROR_UNSAFE_GENERATION"),
        "{e:?}"
    );

    // Policy during generation: the poll carries the failure.
    let media = create(&c, "an #unsafe scene", 1).await.expect("accepted");
    let polled = wait_final(&c, &media).await;
    assert_eq!(polled[0].state, RemoteState::Failed);
    let e = polled[0].failure.as_ref().expect("failure").to_error();
    assert!(
        matches!(&e, ProviderError::Policy { reason, message } if reason == "PUBLIC_ERROR_UNSAFE_GENERATION" && message.contains("safety"))
    );
    // Failed videos are refunded.
    assert_eq!(c.credits().await.expect("credits").credits, 10_000);

    // Not found: a model key the service does not know.
    let raw = Model::Raw("veo_9_t2v_imaginary".into());
    let e = c
        .create(&CreateRequest {
            prompt: "p",
            shot: &flowdeck::model::Shot::new(raw, Aspect::Landscape),
            seeds: &[1],
        })
        .await
        .expect_err("unknown key");
    assert!(matches!(e, ProviderError::NotFound(_)), "{e:?}");

    // Transient: status calls failing with 5xx.
    sim.set_faults(Faults {
        poll_5xx: 1.0,
        ..Faults::default()
    });
    let e = c.poll(&media).await.expect_err("5xx");
    assert!(matches!(e, ProviderError::Transient(_)), "{e:?}");
    sim.set_faults(Faults::default());

    // Quota: out of credits.
    sim.set_credits("alice", 5);
    let e = create(&c, "too expensive", 1).await.expect_err("quota");
    assert!(matches!(e, ProviderError::QuotaReached(_)), "{e:?}");

    // Invalid request: a client speaking the old shape to the new service.
    let old = client_with(
        &sim,
        1,
        FlowConfig {
            generation: WireGeneration::Legacy,
            ..flow_config(&sim)
        },
    );
    let e = create(&old, "old shape", 1).await.expect_err("old shape");
    assert!(matches!(&e, ProviderError::InvalidRequest(_)), "{e:?}");
    let e = old.poll(&media).await.expect_err("old poll shape");
    assert!(matches!(e, ProviderError::InvalidRequest(_)), "{e:?}");

    // No secret in any of these messages.
    let cookie = sim.accounts()[0].secret.expose().to_string();
    for e in [format!("{e:?}"), e.to_string()] {
        assert!(!e.contains(&cookie) && !e.contains("ya29.sim"));
    }
}

#[tokio::test]
async fn slow_answers_time_out_as_no_answer_and_closed_ports_as_unreachable() {
    let sim = sim(WireGeneration::Current, |c| {
        c.faults = Faults {
            slow: 1.0,
            slow_ms: 2_000,
            ..Faults::default()
        };
    })
    .await;
    let c = client_with(
        &sim,
        0,
        FlowConfig {
            request_timeout: Duration::from_millis(300),
            ..flow_config(&sim)
        },
    );
    // The session route is never slowed, the create is: no answer in time.
    let e = create(&c, "slow", 1).await.expect_err("times out");
    assert!(matches!(e, ProviderError::NoAnswer(_)), "{e:?}");
    assert!(
        !e.proves_not_created(),
        "a create without an answer may have been made"
    );

    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let dead = client_with(
        &sim,
        0,
        FlowConfig {
            labs_url: format!("http://127.0.0.1:{port}/fx/api"),
            api_url: format!("http://127.0.0.1:{port}"),
            ..flow_config(&sim)
        },
    );
    let e = dead.credits().await.expect_err("nothing listens");
    assert!(matches!(e, ProviderError::Unreachable(_)), "{e:?}");
    assert!(e.proves_not_created());
}

#[tokio::test]
async fn a_create_whose_answer_is_cut_is_not_proof_of_failure() {
    // A server that reads the request, starts an answer and hangs up.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut s, _)) = listener.accept().await {
            let mut buf = vec![0u8; 65536];
            let n = s.read(&mut buf).await.unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let answer = if req.starts_with("GET /fx/api/auth/session") {
                let body = r#"{"access_token":"ya29.fake","expires":"2099-01-01T00:00:00Z"}"#;
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\ncontent-type: application/json\r\n\r\n{body}",
                    body.len()
                )
            } else if req.starts_with("GET /v1/credits") {
                let body = r#"{"credits":5,"userPaygateTier":"PAYGATE_TIER_ONE"}"#;
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                )
            } else {
                "HTTP/1.1 200 OK\r\ncontent-length: 500\r\n\r\n{\"media\":[".to_string()
            };
            s.write_all(answer.as_bytes()).await.ok();
        }
    });
    let c = FlowClient::new(
        FlowConfig {
            labs_url: format!("http://{addr}/fx/api"),
            api_url: format!("http://{addr}"),
            ..FlowConfig::default()
        },
        FlowCredential::SessionCookie(flowdeck::secret::Secret::new("cookie")),
        Some("project".into()),
    )
    .expect("client");
    let e = create(&c, "cut answer", 1).await.expect_err("cut");
    assert!(matches!(e, ProviderError::NoAnswer(_)), "{e:?}");
    assert!(!e.proves_not_created());
}

#[tokio::test]
async fn cut_downloads_resume_where_they_stopped() {
    for generation in BOTH {
        let sim = sim(generation, |c| c.video_bytes = Some(2 << 20)).await;
        let c = client(&sim, 0);
        let media = create(&c, "cut me", 1).await.expect("create");
        let polled = wait_final(&c, &media).await;
        let dest = temp_dir("cut").join("v.part");
        sim.set_faults(Faults {
            cut_download: 1.0,
            ..Faults::default()
        });
        let e = download(&c, &polled[0], &media[0], &dest)
            .await
            .expect_err("cut");
        assert!(matches!(e, ProviderError::Transient(_)), "{e:?}");
        let kept = part_len(&dest).await;
        assert!(kept > 0 && kept < 2 << 20, "kept {kept} bytes");
        sim.set_faults(Faults::default());
        let d = download(&c, &polled[0], &media[0], &dest)
            .await
            .expect("resumes");
        assert_eq!(d.resumed_from, kept);
        assert_same_bytes(&sim, &media[0].name, &dest);
        assert!(sim.report().credential_leaks.is_empty());
        assert_eq!(sim.report().faults.cut_downloads, 1);
    }
}

#[tokio::test]
async fn another_accounts_client_cannot_poll_or_download_and_the_simulator_records_it() {
    for generation in BOTH {
        let sim = sim(generation, |_| {}).await;
        let (a, b, c3) = (client(&sim, 0), client(&sim, 1), client(&sim, 2));
        let media = create(&a, "alice's scene", 1).await.expect("create");
        let polled = wait_final(&a, &media).await;

        let e = b.poll(&media).await.expect_err("bob polls alice's media");
        assert!(
            matches!(&e, ProviderError::NotFound(m) if m.contains("Requested entity was not found")),
            "{e:?}"
        );
        if generation == WireGeneration::Current {
            let dest = temp_dir("own").join("v.part");
            let mut no_url = polled[0].clone();
            no_url.video_url = None;
            let e = download(&c3, &no_url, &media[0], &dest)
                .await
                .expect_err("carol downloads");
            assert!(matches!(e, ProviderError::NotFound(_)), "{e:?}");
        }
        let report = sim.report();
        assert!(!report.ownership_violations.is_empty());
        for v in &report.ownership_violations {
            assert_eq!(v.owner, "alice");
            assert!(v.requester == "bob" || v.requester == "carol");
        }
        let routes: Vec<&str> = report
            .ownership_violations
            .iter()
            .map(|v| v.route.as_str())
            .collect();
        assert!(routes.contains(&"poll"));
        if generation == WireGeneration::Current {
            assert!(
                routes.contains(&"redirect") && routes.contains(&"inline"),
                "{routes:?}"
            );
        }
        // The owner still gets her video.
        let dest = temp_dir("own").join("mine.part");
        download(&a, &polled[0], &media[0], &dest)
            .await
            .expect("owner downloads");
        assert_same_bytes(&sim, &media[0].name, &dest);
    }
}

#[tokio::test]
async fn the_simulator_notices_credentials_sent_to_the_cdn() {
    let sim = sim(WireGeneration::Legacy, |_| {}).await;
    let c = client(&sim, 0);
    let media = create(&c, "leak check", 1).await.expect("create");
    let polled = wait_final(&c, &media).await;
    let url = polled[0].video_url.clone().expect("signed url");
    let token = bearer_for(&sim, 0).await;
    // A careless client: the signed URL with the bearer attached.
    let resp = reqwest::Client::new()
        .get(&url)
        .bearer_auth(token.expose())
        .send()
        .await
        .expect("sent");
    assert!(resp.status().is_success());
    // Read the report the way a child process or benchmark does: over HTTP.
    let report: flowdeck::sim::Report = reqwest::get(format!("{}/sim/report", sim.api_url()))
        .await
        .expect("report")
        .json()
        .await
        .expect("report parses");
    assert_eq!(report, sim.report());
    let leaks = report.credential_leaks;
    assert_eq!(leaks.len(), 1);
    assert_eq!(leaks[0].header, "authorization");
    assert_eq!(leaks[0].account.as_deref(), Some("alice"));
}

#[tokio::test]
async fn a_legacy_poll_body_is_refused_by_the_current_service() {
    let sim = sim(WireGeneration::Current, |_| {}).await;
    let token = bearer_for(&sim, 0).await;
    let resp = reqwest::Client::new()
        .post(format!(
            "{}/v1/video:batchCheckAsyncVideoGenerationStatus",
            sim.api_url()
        ))
        .bearer_auth(token.expose())
        .body(r#"{"operations":[{"operation":{"name":"x"}}]}"#)
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status().as_u16(), 400);
}

#[tokio::test]
async fn chunked_cookie_headers_work_end_to_end() {
    let sim = sim(WireGeneration::Current, |_| {}).await;
    let cookie = sim.accounts()[0].secret.expose().to_string();
    let (left, right) = cookie.split_at(cookie.len() / 2);
    let header = format!(
        "Cookie: _ga=1; __Secure-next-auth.session-token.1={right}; __Secure-next-auth.session-token.0={left}"
    );
    let cred = FlowCredential::parse(&header).expect("parses");
    let c = FlowClient::new(flow_config(&sim), cred, None).expect("client");
    assert_eq!(c.check().await.expect("check").credits, 10_000);
}
