//! The Flow client through the bridge and a stand-in extension, against the simulator's
//! Flow-like origin: create, poll, sign and download; every refusal class; lost answers found
//! again in the listing; the wrong Google account refused before anything is sent.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use flowdeck::model::{Aspect, Model, RemoteState, Shot};
use flowdeck::provider::ProviderError;
use flowdeck::provider::flow::{CreateRequest, FlowClient, Found};
use flowdeck::sim::Faults;

#[tokio::test]
async fn a_video_is_made_polled_and_downloaded_byte_for_byte() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let c = b.client(&sim, 0);
    let info = c.check().await.expect("check");
    assert_eq!(info.email.as_deref(), Some("alice@sim.flowdeck.test"));
    assert_eq!(info.credits, 10_000);
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
    assert!(r.credential_leaks.is_empty(), "{:?}", r.credential_leaks);
    assert!(r.ownership_violations.is_empty());
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
    assert!(matches!(e, ProviderError::Transient(_)), "{e}");
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
    assert!(matches!(e, ProviderError::Flagged(_)), "{e}");
    assert!(e.proves_not_created());
    assert!(
        c.submit_spacing() > Duration::from_millis(50),
        "the spacing doubles"
    );
    sim.set_faults(Faults::default());
    // Refused at submit (the prompt): the take fails, nothing made.
    let e = create(&c, "#blocked scene", 1).await.expect_err("refused");
    assert!(matches!(e, ProviderError::InvalidRequest(_)), "{e}");
    // Quota: 3 × 20 credits > 50.
    let e = create(&c, "three foxes", 3).await.expect_err("quota");
    assert!(matches!(e, ProviderError::QuotaReached(_)), "{e}");
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
        "{e}"
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
    assert!(matches!(e, ProviderError::SignInAgain(_)), "{e}");
    assert!(e.to_string().contains("sign in to Flow again"));
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
    assert!(matches!(e, ProviderError::NoAnswer(_)), "{e}");
    assert!(
        !e.proves_not_created(),
        "a lost answer never proves anything"
    );
    sim.set_faults(Faults::default());
    let never_sent = c.prepare(1, &Default::default()).await.expect("prepare");
    let mut asked = requests.clone();
    asked.extend(never_sent);
    let found = c.reconcile(&asked).await.expect("listing");
    let made: Vec<_> = found
        .iter()
        .filter_map(|f| match f {
            Found::Made(m) => Some(m.clone()),
            Found::Absent => None,
        })
        .collect();
    assert_eq!(made.len(), 2, "{found:?}");
    assert_eq!(found[2], Found::Absent);
    // What was found is the real thing: it finishes and downloads.
    assert!(wait_final(&c, &made).await.iter().all(is_succeeded));
    assert_eq!(sim.report().videos_created(), 2, "found, not made again");
    assert_eq!(sim.report().account("alice").expect("alice").listings, 1);
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
    assert!(matches!(e, ProviderError::Browser(_)), "{e}");
    assert!(
        e.to_string()
            .contains("signed in to Google as alice@sim.flowdeck.test"),
        "{e}"
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
    assert!(matches!(e, ProviderError::Browser(_)), "{e}");
    assert!(e.proves_not_created());
    assert!(
        e.to_string().contains("cannot tell which") && e.to_string().contains("/u/1 ≠ /u/0"),
        "{e}"
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
    assert!(matches!(e, ProviderError::Browser(_)), "{e}");
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
    assert!(e.contains("veo_3_1_quality"), "{e}");
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
    let requests = alice
        .prepare(1, &Default::default())
        .await
        .expect("prepare");
    let made = alice
        .create(&CreateRequest {
            prompt: "a paper boat",
            shot: &omni,
            requests: &requests,
        })
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
