//! Videos from images on Flow, through the bridge and a stand-in extension against the
//! simulator: images go up once per account (`maseQ`) and are reused by media id; a start
//! frame (`eb1hJf`), start and end frames (`nprQif`) and reference images (`MZZa6b`) each make
//! videos that finish and download; an image of another account is refused and recorded.

use crate::kit;
use flowdeck::words::Said;

use std::path::{Path, PathBuf};

use flowdeck::model::{Aspect, InputKind, Inputs, Model, Shot};
use flowdeck::provider::ProviderError;
use flowdeck::provider::flow::{CreateRequest, FlowClient, MediaRef, RequestRef};
use kit::*;

/// A folder with the test images under the names a user would give them.
fn pictures() -> PathBuf {
    let dir = temp_dir("flow-images");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images");
    for (src, dst) in [
        ("wide.png", "first.png"),
        ("tall.jpg", "last.jpg"),
        ("square.webp", "hero.webp"),
        ("tiny.png", "icon.png"),
    ] {
        std::fs::copy(from.join(src), dir.join(dst)).expect("copy");
    }
    // The same picture under another name: its bytes decide, not its name.
    std::fs::copy(from.join("wide.png"), dir.join("first-copy.png")).expect("copy");
    dir
}

fn shot(model: Model, aspect: Aspect, inputs: InputKind) -> Shot {
    Shot {
        inputs,
        ..Shot::new(model, aspect)
    }
}

async fn make(
    c: &FlowClient,
    prompt: &str,
    shot: &Shot,
    requests: &[RequestRef],
) -> Result<Vec<MediaRef>, ProviderError> {
    Ok(c.create(&CreateRequest {
        prompt,
        shot,
        requests,
    })
    .await?
    .media)
}

#[tokio::test]
async fn frames_and_references_make_videos_and_each_image_goes_up_once() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let c = b.client(&sim, 0);
    let dir = pictures();
    let uploads = || sim.report().account("alice").expect("alice").uploads;

    // A start frame, two copies: one upload, one call.
    let start = Inputs {
        start: Some(dir.join("first.png")),
        ..Inputs::default()
    };
    let requests = c.prepare(2, &start).await.expect("prepare");
    assert_eq!(uploads(), 1);
    let s = shot(Model::OmniFlash, Aspect::Landscape, InputKind::Start);
    let first = make(&c, "the sun climbs", &s, &requests)
        .await
        .expect("made");
    assert_eq!(first.len(), 2);
    // The same image again, even renamed: reused, not sent again.
    let again = Inputs {
        start: Some(dir.join("first-copy.png")),
        ..Inputs::default()
    };
    let requests = c.prepare(1, &again).await.expect("prepare");
    assert_eq!(uploads(), 1, "the same bytes are on the account already");
    let s8 = shot(Model::Veo31Lite, Aspect::Portrait, InputKind::Start);
    let second = make(&c, "the sun climbs, portrait", &s8, &requests)
        .await
        .expect("made");

    // Start and end frames: a landscape image in a portrait video is centred.
    let both = Inputs {
        start: Some(dir.join("first.png")),
        end: Some(dir.join("last.jpg")),
        ..Inputs::default()
    };
    let requests = c.prepare(1, &both).await.expect("prepare");
    assert_eq!(uploads(), 2, "only the end frame was new");
    let sf = shot(Model::Veo31Fast, Aspect::Portrait, InputKind::StartEnd);
    let third = make(&c, "from dawn to dusk", &sf, &requests)
        .await
        .expect("made");

    // Reference images.
    let refs = Inputs {
        references: vec![dir.join("hero.webp"), dir.join("last.jpg")],
        ..Inputs::default()
    };
    let requests = c.prepare(1, &refs).await.expect("prepare");
    assert_eq!(uploads(), 3);
    let sr = shot(
        Model::OmniFlash,
        Aspect::Landscape,
        InputKind::References(2),
    );
    let fourth = make(&c, "our hero walks into town", &sr, &requests)
        .await
        .expect("made");

    let all: Vec<MediaRef> = [first, second, third, fourth].concat();
    let polled = wait_final(&c, &all).await;
    assert!(polled.iter().all(is_succeeded), "{polled:?}");
    let report = sim.report();
    let by_prompt = |p: &str| -> Vec<Vec<String>> {
        report
            .media
            .iter()
            .filter(|m| m.prompt == p)
            .map(|m| m.from_images.clone())
            .collect()
    };
    let start_id = &by_prompt("the sun climbs")[0][0];
    assert_eq!(by_prompt("the sun climbs").len(), 2);
    assert_eq!(
        by_prompt("the sun climbs, portrait"),
        [vec![start_id.clone()]]
    );
    let dusk = &by_prompt("from dawn to dusk")[0];
    assert_eq!((dusk.len(), &dusk[0]), (2, start_id));
    let hero = &by_prompt("our hero walks into town")[0];
    assert_eq!((hero.len(), &hero[1]), (2, &dusk[1]), "last.jpg reused");
    assert!(report.ownership_violations.is_empty());
    // Every video downloads like any other.
    let out = temp_dir("flow-images-out");
    for m in &all {
        let d = download(&c, m, &out.join(format!("{}.mp4", m.name)))
            .await
            .expect("download");
        assert!(d.bytes > 0);
    }
}

#[tokio::test]
async fn an_image_of_another_account_is_refused_and_recorded() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let (alice, bob) = (b.client(&sim, 0), b.client(&sim, 1));
    let dir = pictures();
    let start = Inputs {
        start: Some(dir.join("first.png")),
        ..Inputs::default()
    };
    let hers = alice.prepare(1, &start).await.expect("alice uploads");
    // Bob's own project and ids, with Alice's image: what a mixed-up lane would send.
    let mut his = bob.prepare(1, &Inputs::default()).await.expect("prepare");
    his[0].images = hers[0].images.clone();
    let s = shot(Model::OmniFlash, Aspect::Landscape, InputKind::Start);
    let e = make(&bob, "not his picture", &s, &his)
        .await
        .expect_err("refused");
    // Flow answers NOT_FOUND, which for a generate never proves nothing was made (it was
    // seen for jobs Flow had queued): looked up later, never sent again blindly.
    assert!(matches!(e, ProviderError::NoAnswer(_)), "{e:?}");
    let report = sim.report();
    assert_eq!(report.videos_created(), 0);
    let v = &report.ownership_violations;
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(
        (
            v[0].route.as_str(),
            v[0].requester.as_str(),
            v[0].owner.as_str()
        ),
        ("eb1hJf", "bob", "alice")
    );
    // Bob's own upload of the same picture is his, and works.
    let own = bob.prepare(1, &start).await.expect("bob uploads");
    assert_ne!(own[0].images, hers[0].images, "a media id per account");
    make(&bob, "his own picture", &s, &own).await.expect("made");
}

#[tokio::test]
async fn an_unusable_image_is_refused_before_anything_is_sent() {
    let sim = sim(|_| {}).await;
    let b = Browsers::start(&sim).await;
    let c = b.client(&sim, 0);
    let dir = pictures();
    std::fs::write(dir.join("notes.png"), "not a picture").expect("write");
    for (file, why) in [
        ("icon.png", "too small"),
        ("notes.png", "not a PNG"),
        ("gone.png", "cannot be read"),
    ] {
        let inputs = Inputs {
            start: Some(dir.join(file)),
            ..Inputs::default()
        };
        let e = c.prepare(1, &inputs).await.expect_err(file);
        assert!(
            matches!(&e, ProviderError::InvalidRequest(m) if m.said().contains(why) && m.said().contains(file)),
            "{file}: {e:?}"
        );
    }
    let alice = sim.report().account("alice").cloned().expect("alice");
    assert_eq!((alice.uploads, alice.captcha_mints), (0, 0), "nothing sent");
}
