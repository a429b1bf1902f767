//! The Flow client through the bridge and a stand-in extension, against the simulator's
//! Flow-like origin: create, poll, sign and download; every refusal class; lost answers found
//! again in the listing; the wrong Google account refused before anything is sent; answers in
//! unknown shapes kept, redacted, for a bug report.

use crate::kit;
use flowdeck::words::Said;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use flowdeck::model::{Aspect, Inputs, Model, RemoteState, Shot};
use flowdeck::provider::ProviderError;
use flowdeck::provider::flow::{Api, FlowClient, FlowConfig, Found, MediaRef};
use flowdeck::sim::Faults;
use flowdeck::store::captures::{Captures, Report, newest};
use flowdeck::store::config::Settings;
use kit::*;

#[tokio::test]
async fn a_video_is_made_polled_and_downloaded_byte_for_byte() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let c = b.client(&sim, 0);
    let info = c.check().await.expect("check");
    assert_eq!(info.email.as_deref(), Some("alice@sim.flowdeck.test"));
    assert_eq!(info.credits, Some(10_000));
    assert!(info.families.iter().any(|f| f == "veo_3_1_fast"));

    let media = create(&c, "a lighthouse in fog, phở steam rising", 4)
        .await
        .expect("created");
    assert_eq!(media.len(), 4, "copies are items of one call");
    let alice = sim.report().account("alice").cloned().expect("alice");
    assert_eq!((alice.create_calls, alice.videos_created), (1, 4));
    assert_eq!(alice.credits, 10_000 - 4 * 20);
    assert_eq!(alice.captcha_mints, 1, "one fresh token per generate call");

    let polled = wait_final(&c, &media).await;
    assert!(polled.iter().all(is_succeeded), "{polled:?}");
    let dir = temp_dir("flow-client");
    for m in &media {
        let dest = dir.join(format!("{}.part", m.name));
        let d = download(&c, m, &dest).await.expect("download");
        assert_eq!(d.resumed_from, 0);
        assert_same_bytes(&sim, &m.name, &dest);
        assert_eq!(
            d.sha256,
            flowdeck::engine::sha256(&dest).await.expect("hash")
        );
    }
    let r = sim.report();
    assert_clean(&r);
    assert!(r.cdn_requests >= 4);
}

#[tokio::test]
async fn cut_downloads_resume_and_expired_links_are_signed_again() {
    let sim = sim(|c| {
        c.link_ttl = Duration::from_secs(1);
        c.video_bytes = Some(2 << 20);
    })
    .await;
    let b = Browsers::start(&sim).await;
    let c = b.client(&sim, 0);
    let media = create(&c, "waves", 1).await.expect("created");
    wait_final(&c, &media).await;
    let dest = temp_dir("resume").join("v.part");
    sim.set_faults(Faults {
        cut_download: 1.0,
        ..Faults::default()
    });
    let e = download(&c, &media[0], &dest).await.expect_err("cut");
    assert!(matches!(e, ProviderError::Transient(_)), "{e:?}");
    let have = part_len(&dest).await;
    assert!(have > 0);
    sim.set_faults(Faults::default());
    // The link from the poll is now expired: the client signs it again and resumes.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let signs = sim.report().account("alice").expect("alice").signs;
    let d = download(&c, &media[0], &dest).await.expect("resumed");
    assert_eq!(d.resumed_from, have);
    assert_same_bytes(&sim, &media[0].name, &dest);
    // Hashed as it streamed, the kept prefix included: the same as reading the file again.
    assert_eq!(
        d.sha256,
        flowdeck::engine::sha256(&dest).await.expect("hash")
    );
    assert!(sim.report().account("alice").expect("alice").signs > signs);
    assert!(sim.report().credential_leaks.is_empty());
}

#[tokio::test]
async fn refusals_are_classified_and_cost_nothing() {
    let sim = sim(|c| c.credits = 50).await;
    let b = Browsers::start(&sim).await;
    let c = b.client(&sim, 0);
    // Unusual activity: held, nothing made, nothing charged.
    sim.set_faults(Faults {
        refuse_token: 1.0,
        ..Faults::default()
    });
    let e = create(&c, "a fox", 1).await.expect_err("flagged");
    assert!(matches!(e, ProviderError::Flagged(_)), "{e:?}");
    assert!(e.proves_not_created());
    assert!(
        c.submit_spacing() > Duration::from_millis(50),
        "the spacing doubles"
    );
    sim.set_faults(Faults::default());
    // Refused at submit (the prompt): the take fails, nothing made.
    let e = create(&c, "#blocked scene", 1).await.expect_err("refused");
    assert!(matches!(e, ProviderError::InvalidRequest(_)), "{e:?}");
    // Quota: 3 × 20 credits > 50.
    let e = create(&c, "three foxes", 3).await.expect_err("quota");
    assert!(matches!(e, ProviderError::QuotaReached(_)), "{e:?}");
    // Throttled: told how long to wait.
    sim.set_faults(Faults {
        create_429: 1.0,
        ..Faults::default()
    });
    let e = create(&c, "a fox", 1).await.expect_err("throttled");
    assert!(
        matches!(
            e,
            ProviderError::Throttled {
                retry_after: Some(_),
                ..
            }
        ),
        "{e:?}"
    );
    sim.set_faults(Faults::default());
    let alice = sim.report().account("alice").cloned().expect("alice");
    assert_eq!(alice.videos_created, 0);
    assert_eq!(alice.credits, 50);
    assert_eq!(alice.flagged, 1);
    // Failed during generation: the service's reason.
    let media = create(&c, "an #unsafe scene", 1).await.expect("accepted");
    let polled = wait_final(&c, &media).await;
    assert_eq!(polled[0].state, RemoteState::Failed);
    assert!(
        matches!(&polled[0].failure, Some(ProviderError::Policy { reason, .. }) if reason == "PUBLIC_ERROR_UNSAFE_GENERATION")
    );
}

#[tokio::test]
async fn a_stale_page_is_reloaded_and_a_signed_out_browser_says_so() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let c = b.client(&sim, 0);
    c.check().await.expect("check");
    // The tab's `at` token goes stale: the extension reloads once, and the call goes through.
    sim.renew_page_token("alice");
    let media = create(&c, "dawn", 1).await.expect("created after a reload");
    assert_eq!(media.len(), 1);
    sim.sign_out("alice");
    let e = c.credits().await.expect_err("signed out");
    assert!(matches!(e, ProviderError::SignInAgain(_)), "{e:?}");
    assert!(e.said().contains("sign in to Flow again"));
    sim.sign_in_again("alice");
    c.credits().await.expect("signed in again");
}

#[tokio::test]
async fn a_lost_answer_is_found_in_the_listing_and_an_unsent_one_is_absent() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let c = b.client(&sim, 0);
    sim.set_faults(Faults {
        lost_answer: 1.0,
        ..Faults::default()
    });
    let requests = c.prepare(2, &Default::default()).await.expect("prepare");
    let e = create_with(&c, "lost at sea", &requests)
        .await
        .expect_err("lost");
    assert!(matches!(e, ProviderError::NoAnswer(_)), "{e:?}");
    assert!(
        !e.proves_not_created(),
        "a lost answer never proves anything"
    );
    sim.set_faults(Faults::default());
    let never_sent = c.prepare(1, &Default::default()).await.expect("prepare");
    let mut asked = requests.clone();
    asked.extend(never_sent);
    let found = c
        .reconcile(&asked, &Default::default())
        .await
        .expect("listing");
    let made: Vec<_> = found
        .iter()
        .filter_map(|f| match f {
            Found::Made(m) => Some(m.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(made.len(), 2, "{found:?}");
    assert_eq!(found[2], Found::Absent);
    // What was found is the real thing: it finishes and downloads.
    assert!(wait_final(&c, &made).await.iter().all(is_succeeded));
    assert_eq!(sim.report().videos_created(), 2, "found, not made again");
    // Once to check the remembered project before its first use, once for the lookup.
    assert_eq!(sim.report().account("alice").expect("alice").listings, 2);
}

#[tokio::test]
async fn the_wrong_google_account_gets_nothing_sent() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let a = &sim.accounts()[0];
    // alice's browser, but the account expects someone else.
    let c = FlowClient::new(
        flow_config(&sim),
        Arc::new(b.bridge.link(&a.name)),
        Some(a.project_id.clone()),
        Some("someone.else@example.com".into()),
    )
    .expect("client");
    let e = create(&c, "not for this account", 1)
        .await
        .expect_err("refused");
    assert!(matches!(e, ProviderError::Browser(_)), "{e:?}");
    assert!(
        e.said()
            .contains("signed in to Google as alice@sim.flowdeck.test"),
        "{e:?}"
    );
    assert!(e.proves_not_created());
    assert_eq!(
        sim.report().account("alice").expect("alice").create_calls,
        0
    );
    assert_eq!(
        sim.report().account("alice").expect("alice").captcha_mints,
        0
    );
}

/// The browser of the simulator's account `i` closes, and opens again as `page`.
async fn reopen(b: &mut Browsers, i: usize, page: Arc<flowdeck::sim::standin::Page>) {
    let (name, secret) = b.secrets[i].clone();
    drop(b.standins.remove(i));
    let mut p = b.bridge.presence(&name);
    tokio::time::timeout(Duration::from_secs(5), p.wait_for(|p| !p.connected))
        .await
        .expect("the browser closes")
        .expect("presence");
    let ws = b.bridge.ws_url();
    let again = flowdeck::sim::standin::StandIn::connect(&ws, &name, secret, page);
    b.standins.insert(i, again);
    b.wait_connected(&name).await;
}

/// A browser signed in to two Google accounts, its Flow tab under `/u/1/` as bob: every call
/// goes under `/u/1` (URL and source-path) and is bob's, never the first account's. A tab
/// whose page says it is another account than its address gets nothing sent.
#[tokio::test]
async fn a_browser_with_several_google_accounts_posts_as_its_tabs_own() {
    let sim = sim(|_| {}).await;
    let mut b = Browsers::start(&sim).await;
    reopen(
        &mut b,
        1,
        sim.profile(&["alice", "bob"], 1).expect("profile"),
    )
    .await;
    let c = b.client(&sim, 1);
    let info = c.check().await.expect("check");
    assert_eq!(info.email.as_deref(), Some("bob@sim.flowdeck.test"));
    let media = create(&c, "two accounts, one browser", 1)
        .await
        .expect("created");
    assert!(wait_final(&c, &media).await.iter().all(is_succeeded));
    let dest = temp_dir("u1").join("v.part");
    download(&c, &media[0], &dest).await.expect("download");
    assert_same_bytes(&sim, &media[0].name, &dest);
    let r = sim.report();
    let (alice, bob) = (r.account("alice").expect("a"), r.account("bob").expect("b"));
    assert_eq!(bob.routes.keys().collect::<Vec<_>>(), ["/u/1"], "{bob:?}");
    assert_eq!(bob.source_path_mismatches, 0);
    assert_eq!((bob.videos_created, bob.captcha_mints), (1, 1));
    assert!(alice.routes.is_empty(), "{alice:?}");
    assert_eq!(alice.create_calls, 0);

    // carol's tab is at /u/1/ but she is the browser's only account: the page says it is the
    // first (/u/0). Which account would pay cannot be told, so nothing goes out.
    reopen(&mut b, 2, sim.profile(&["carol"], 1).expect("profile")).await;
    let c = b.client(&sim, 2);
    let e = create(&c, "whose account?", 1).await.expect_err("refused");
    assert!(matches!(e, ProviderError::Browser(_)), "{e:?}");
    assert!(e.proves_not_created());
    assert!(
        e.said().contains("cannot tell which") && e.said().contains("/u/1 ≠ /u/0"),
        "{e:?}"
    );
    let carol = sim.report().account("carol").cloned().expect("carol");
    assert!(carol.routes.is_empty(), "{carol:?}");
    assert_eq!(carol.captcha_mints, 0);
}

#[tokio::test]
async fn no_browser_means_nothing_is_sent() {
    let sim = sim(|_| {}).await;
    let mut b = Browsers::start(&sim).await;
    let c = b.client(&sim, 0);
    b.standins.clear();
    let mut p = c.presence();
    tokio::time::timeout(Duration::from_secs(5), p.wait_for(|p| !p.connected))
        .await
        .expect("disconnect seen")
        .expect("presence");
    let e = create(&c, "nobody home", 1).await.expect_err("no browser");
    assert!(matches!(e, ProviderError::Browser(_)), "{e:?}");
    assert_eq!(sim.report().videos_created(), 0);
}

#[tokio::test]
async fn model_families_and_plans_decide_what_an_account_can_make() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    sim.set_families("alice", &["abra", "veo_3_1_fast"]);
    sim.set_plan("bob", 3);
    let alice = b.client(&sim, 0);
    let bob = b.client(&sim, 1);
    alice.check().await.expect("alice");
    bob.check().await.expect("bob");
    let quality = Shot::new(Model::Veo31, Aspect::Landscape);
    let e = alice.key_for(&quality).expect_err("not offered");
    assert!(e.said().contains("veo_3_1_quality"), "{e:?}");
    let four = Shot {
        duration: Some(4),
        ..Shot::new(Model::Veo31Fast, Aspect::Landscape)
    };
    assert!(alice.key_for(&four).is_err(), "4 s Veo needs Ultra");
    assert_eq!(
        bob.key_for(&four).expect("ultra").key,
        "veo_3_1_t2v_fast_4s"
    );
    // Omni Flash in portrait, 10 s, really made.
    let omni = Shot {
        duration: Some(10),
        ..Shot::new(Model::OmniFlash, Aspect::Portrait)
    };
    let made = create_shot(&alice, "a paper boat", &omni)
        .await
        .expect("omni");
    assert_eq!(made.model_key, "abra_t2v_10s");
    let m = sim
        .report()
        .media
        .into_iter()
        .find(|m| m.name == made.media[0].name)
        .expect("made");
    assert_eq!(m.model, "abra_t2v_10s");
    assert_eq!(
        sim.report().account("alice").expect("alice").credits,
        10_000 - 15
    );
}

/// Flow has also served `*.googlevideo.com/videoplayback` links (IP-bound, about 2 h): they
/// are read wherever the record puts its video link, fetched with no credential, and used only
/// until the expiry they carry; then they are signed again.
#[tokio::test]
async fn googlevideo_links_are_fetched_bare_and_signed_again_when_they_expire() {
    let sim = sim(|c| {
        c.googlevideo_links = true;
        c.link_ttl = Duration::from_secs(61);
    })
    .await;
    let b = Browsers::start(&sim).await;
    let c = b.client(&sim, 0);
    let media = create(&c, "a kite over dunes", 1).await.expect("created");
    wait_final(&c, &media).await;
    let dir = temp_dir("googlevideo");
    let d = download(&c, &media[0], &dir.join("a.part"))
        .await
        .expect("fetched");
    assert!(d.bytes > 0);
    assert_same_bytes(&sim, &media[0].name, &dir.join("a.part"));
    // The link said it lasts 61 s; flowdeck keeps a minute's margin, so a second later it is
    // too old to start a download with: signed again rather than refused at the host.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let signs = sim.report().account("alice").expect("alice").signs;
    download(&c, &media[0], &dir.join("b.part"))
        .await
        .expect("again");
    assert!(sim.report().account("alice").expect("alice").signs > signs);
    assert!(sim.report().credential_leaks.is_empty());
}

/// Answers flowdeck cannot read are kept in the capture folder, and what is kept holds none
/// of the simulator's secrets (session cookies, the page's `at`, reCAPTCHA tokens, CDN
/// signatures, API keys) and not the prompt, though the answers carried all of them.
#[tokio::test]
async fn answers_in_unknown_shapes_are_kept_without_a_secret_or_the_prompt() {
    const PROMPT: &str = "a lighthouse keeper feeds seven cats at dawn";
    let sim = sim(|c| c.gemini_accounts = vec!["g1".into()]).await;
    let b = Browsers::start(&sim).await;
    let dir = temp_dir("captures");
    let c = b.client_with(
        &sim,
        0,
        FlowConfig {
            captures: Some(Arc::new(Captures::new(dir.clone(), false))),
            ..flow_config(&sim)
        },
    );
    let drift = |rpc: &str| {
        sim.set_faults(Faults {
            drift: vec![rpc.into()],
            ..Faults::default()
        })
    };
    // A create whose answer comes in an unknown shape (made and charged all the same).
    drift("YhhmEf");
    let e = create(&c, PROMPT, 1).await.expect_err("unreadable");
    assert!(matches!(e, ProviderError::Unexpected { .. }), "{e:?}");
    assert!(!e.proves_not_created(), "the video may exist: {e:?}");
    // Its signed link, asked for once the video is done, in an unknown shape too.
    sim.set_faults(Faults::default());
    let m = MediaRef {
        name: made_from(&sim.report(), PROMPT).name.clone(),
        project_id: sim.accounts()[0].project_id.clone(),
        workflow: None,
        api: Api::Batchexecute,
    };
    assert!(
        wait_final(&c, std::slice::from_ref(&m))
            .await
            .iter()
            .all(is_succeeded)
    );
    drift("as29s");
    let e = c
        .poll(std::slice::from_ref(&m))
        .await
        .expect_err("unreadable");
    assert!(matches!(e, ProviderError::Unexpected { .. }), "{e:?}");
    // An upload whose answer parses but names no image.
    sim.set_faults(Faults {
        hollow: vec!["maseQ".into()],
        ..Faults::default()
    });
    let picture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images/wide.png");
    let inputs = Inputs {
        start: Some(picture),
        ..Inputs::default()
    };
    let e = c.prepare(1, &inputs).await.expect_err("no image");
    assert!(matches!(e, ProviderError::InvalidRequest(_)), "{e:?}");
    let faults = sim.report().faults;
    assert_eq!((faults.drifted, faults.hollow), (2, 1));

    let (kept, count) = newest(&dir, 10);
    assert_eq!(count, 3);
    // What is on disk, and the report made from it.
    let mut written = String::new();
    for f in std::fs::read_dir(&dir).expect("folder").flatten() {
        written.push_str(&std::fs::read_to_string(f.path()).expect("capture"));
    }
    let report = Report::gather(&dir, &Settings::default(), 10);
    written.push_str(&serde_json::to_string(&report).expect("report"));
    let secrets = sim.secrets();
    for kind in [
        "session cookie",
        "page token",
        "reCAPTCHA",
        "CDN signature",
        "API key",
    ] {
        assert!(
            secrets.iter().any(|(what, _)| what.contains(kind)),
            "{kind}"
        );
    }
    for (what, value) in &secrets {
        assert!(
            !written.contains(value.as_str()),
            "{what} survived: {value}"
        );
    }
    for word in [PROMPT, "lighthouse", "seven cats"] {
        assert!(!written.contains(word), "the prompt survived: {word}");
    }
    let calls: Vec<(&str, &str, &str)> = kept
        .iter()
        .map(|k| (k.rpc.as_str(), k.body_is.as_str(), k.prompts.as_str()))
        .collect();
    assert_eq!(
        calls,
        [
            ("maseQ", "payload", "hidden"),
            ("as29s", "answer", "hidden"),
            ("YhhmEf", "answer", "hidden")
        ]
    );
    let route = format!("/project/{}", m.project_id);
    assert!(
        kept.iter().all(|k| k.route == route && k.status == 200),
        "{kept:?}"
    );
    assert!(kept[2].body.contains("wrb.fr.v2") && kept[2].body.contains("echo"));
    assert!(
        kept[2]
            .request
            .as_deref()
            .is_some_and(|r| r.contains("<prompt: 44 chars>"))
    );
    assert!(
        kept[1]
            .body
            .contains(&format!("/video/{}?<removed>", m.name)),
        "{}",
        kept[1].body
    );

    assert_eq!(report.captures.len(), 3);
}
