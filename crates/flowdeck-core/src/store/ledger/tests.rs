//! The ledger's own rules, against a real SQLite file or memory.

use super::*;
use crate::message::En;
use crate::model::{Api, Aspect, Model, Scene, Source};

fn flow_video() -> RemoteRef {
    RemoteRef::Flow(crate::model::MediaRef {
        name: "m1".into(),
        project_id: "p1".into(),
        workflow: None,
        api: Api::Batchexecute,
    })
}

fn spec(scenes: usize, copies: u8) -> BatchSpec {
    BatchSpec {
        label: "b".into(),
        scenes: (0..scenes)
            .map(|i| Scene {
                prompt: format!("scene {i}"),
                name: None,
                model: Model::Veo31Fast,
                aspect: Aspect::Landscape,
                copies,
                seed: SeedChoice::Fixed(10),
                duration: None,
                resolution: None,
                source: None,
                inputs: Default::default(),
                continues: None,
            })
            .collect(),
        out_dir: PathBuf::from("/tmp/out"),
        template: "{slug}_{take}".into(),
        accounts: vec!["a".into()],
        mode: Mode::Parallel,
        caps: Default::default(),
    }
}

#[tokio::test]
async fn batches_takes_and_transitions() {
    let l = Ledger::open_in_memory().expect("ledger");
    let (batch, takes) = l.create_batch(spec(2, 2)).await.expect("batch");
    assert_eq!(takes.len(), 4);
    assert_eq!(
        (takes[1].scene_index, takes[1].copy, takes[1].seed),
        (1, 2, 11)
    );
    let t = takes[0].id;
    l.transition(
        t,
        TakeState::Assigned,
        Change {
            account: Some("a".into()),
            ..Change::default()
        },
    )
    .await
    .expect("assign");
    l.transition(
        t,
        TakeState::Submitting,
        Change {
            submitted: true,
            ..Change::default()
        },
    )
    .await
    .expect("submit");
    l.transition(
        t,
        TakeState::Generating,
        Change {
            remote: Some(flow_video()),
            ..Change::default()
        },
    )
    .await
    .expect("generating");
    let rec = l.take(t).await.expect("read").expect("exists");
    assert_eq!(rec.state, TakeState::Generating);
    assert_eq!(rec.account.as_deref(), Some("a"));
    assert!(rec.submitted_at.is_some());
    let s = l.batches().await.expect("batches");
    assert_eq!(s[0].id, batch);
    assert_eq!(
        (
            s[0].count(TakeState::Queued),
            s[0].count(TakeState::Generating)
        ),
        (3, 1)
    );
    assert_eq!(l.unfinished().await.expect("unfinished").len(), 4);
}

#[tokio::test]
async fn a_sent_take_can_never_be_sent_again() {
    let l = Ledger::open_in_memory().expect("ledger");
    let (_, takes) = l.create_batch(spec(1, 1)).await.expect("batch");
    let t = takes[0].id;
    for to in [
        TakeState::Assigned,
        TakeState::Submitting,
        TakeState::Uncertain,
    ] {
        l.transition(t, to, Change::default()).await.expect("legal");
    }
    for to in [
        TakeState::Queued,
        TakeState::Assigned,
        TakeState::Submitting,
        TakeState::Generating,
    ] {
        let e = l
            .transition(t, to, Change::default())
            .await
            .expect_err("illegal");
        assert!(matches!(e, LedgerError::Illegal { .. }), "{e:?}");
    }
    assert_eq!(l.created_counts().await.expect("counts"), [(t, 1)]);
    // Only a lookup in the provider's listing moves it on: found, it generates; proven
    // absent, it may be queued (and counts as never made).
    let looked_up = Change {
        reconciled: true,
        ..Change::default()
    };
    l.transition(t, TakeState::Queued, looked_up.clone())
        .await
        .expect("proven absent");
    assert_eq!(l.created_counts().await.expect("counts"), [(t, 0)]);
    for to in [
        TakeState::Assigned,
        TakeState::Submitting,
        TakeState::Uncertain,
    ] {
        l.transition(t, to, Change::default()).await.expect("legal");
    }
    l.transition(t, TakeState::Generating, looked_up)
        .await
        .expect("found");
    assert_eq!(l.created_counts().await.expect("counts"), [(t, 1)]);
    l.transition(t, TakeState::Failed, Change::default())
        .await
        .expect("failed");
    // A user's retry is a new take; the old one stays as history.
    let retry = l.retry(t).await.expect("retry");
    assert_ne!(retry.id, t);
    assert_eq!((retry.state, retry.retry_of), (TakeState::Queued, Some(t)));
    assert!(l.retry(t).await.is_err(), "only once");
}

#[tokio::test]
async fn failed_downloads_retry_without_a_new_submit() {
    let l = Ledger::open_in_memory().expect("ledger");
    let (_, takes) = l.create_batch(spec(1, 1)).await.expect("batch");
    let t = takes[0].id;
    for to in [
        TakeState::Assigned,
        TakeState::Submitting,
        TakeState::Generating,
        TakeState::Ready,
        TakeState::Downloading,
    ] {
        let ch = Change {
            remote: Some(flow_video()),
            ..Change::default()
        };
        l.transition(t, to, ch).await.expect("legal");
    }
    l.transition(
        t,
        TakeState::Failed,
        Change::error("download", crate::message::Message::verbatim("cut")),
    )
    .await
    .expect("failed");
    let again = l.retry(t).await.expect("retry");
    assert_eq!(
        (again.id, again.state, again.error),
        (t, TakeState::Ready, None)
    );
}

/// The service's code is kept with its error, replaced with the next error (even by none) and
/// cleared with it.
#[tokio::test]
async fn an_error_s_code_goes_and_comes_with_it() {
    let l = Ledger::open_in_memory().expect("ledger");
    let (_, takes) = l.create_batch(spec(1, 1)).await.expect("batch");
    let t = takes[0].id;
    let code = |l: &Ledger| {
        let l = l.clone();
        async move {
            let take = l.take(t).await.expect("read").expect("take");
            (take.error_class, take.error_code)
        }
    };
    l.transition(
        t,
        TakeState::Assigned,
        Change::error_with_code(
            "quota",
            Some("PUBLIC_ERROR_USER_QUOTA_REACHED".into()),
            crate::message::Message::verbatim("no credits"),
        ),
    )
    .await
    .expect("assigned");
    assert_eq!(
        code(&l).await,
        (
            Some("quota".into()),
            Some("PUBLIC_ERROR_USER_QUOTA_REACHED".into())
        )
    );
    // A change without an error keeps it.
    l.transition(t, TakeState::Submitting, Change::default())
        .await
        .expect("submitting");
    assert_eq!(
        code(&l).await.1.as_deref(),
        Some("PUBLIC_ERROR_USER_QUOTA_REACHED")
    );
    // A new error without a code leaves none of the old one.
    l.transition(
        t,
        TakeState::Uncertain,
        Change::error("uncertain", crate::message::Message::verbatim("no answer")),
    )
    .await
    .expect("uncertain");
    assert_eq!(code(&l).await, (Some("uncertain".into()), None));
    l.transition(
        t,
        TakeState::Generating,
        Change {
            reconciled: true,
            clear_error: true,
            ..Change::default()
        },
    )
    .await
    .expect("found");
    assert_eq!(code(&l).await, (None, None));
}

/// A copy of a ledger each earlier flowdeck left (`tests/fixtures/ledger/`, written by its
/// `make.py` with the schema and rows of that version).
fn earlier(version: i64) -> (PathBuf, PathBuf) {
    let from = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join(format!("tests/fixtures/ledger/v{version}.sqlite3"));
    let dir = std::env::temp_dir().join(format!(
        "flowdeck-ledger-v{version}-{}",
        uuid::Uuid::new_v4()
    ));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("ledger.sqlite3");
    std::fs::copy(&from, &path).expect("a copy of the earlier ledger");
    (dir, path)
}

fn version(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .expect("open")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version")
}

/// Every earlier ledger opens at the latest version, every row reads as its type, nothing
/// reads as a retired API by default, and it keeps working (a new batch, reopening).
#[tokio::test]
async fn every_earlier_ledger_opens_at_the_latest_version_with_typed_rows() {
    for v in 1..super::SCHEMA_VERSION {
        let (dir, path) = earlier(v);
        assert_eq!(version(&path), v);
        let l = Ledger::open(&path).unwrap_or_else(|e| panic!("v{v}: {e:?}"));
        assert_eq!(version(&path), super::SCHEMA_VERSION, "v{v}");
        let mut all = Vec::new();
        for b in l.batches().await.expect("batches") {
            all.extend(l.batch_takes(b.id).await.expect("takes"));
        }
        let find = |prompt: &str| all.iter().find(|t| t.prompt == prompt).cloned();
        // The REST-era Flow video says so (the reader no longer defaults to it).
        let fox = find("a red fox in snow").expect("the REST-era take");
        match &fox.remote {
            Some(RemoteRef::Flow(m)) => assert_eq!((m.name.as_str(), m.api), ("m-rest", Api::Rest)),
            other => panic!("v{v}: {other:?}"),
        }
        // A failure kept before codes were: its class reads as before, with no code.
        let refused = find("a fox in a bank vault").expect("the refused take");
        assert_eq!(
            (
                refused.error_class.as_deref(),
                refused.error_code.as_deref()
            ),
            (Some("policy"), None),
            "v{v}"
        );
        assert_eq!(
            crate::model::Failure::of(&refused),
            Some(crate::model::Failure {
                class: crate::model::FailClass::Policy,
                code: None
            }),
            "v{v}"
        );
        if v >= 2 {
            let veo = find("a lighthouse at dawn").expect("gemini");
            assert!(matches!(veo.remote, Some(RemoteRef::Gemini { .. })), "v{v}");
            assert!(matches!(veo.hint, Some(Hint::Url(_))), "v{v}");
            assert_eq!(veo.duration, Some(6));
        }
        if v >= 3 {
            let lost = find("neon market in the rain").expect("uncertain");
            assert_eq!(lost.state, TakeState::Uncertain);
            assert!(lost.request.is_some());
            assert_eq!(
                l.account_projects().await.expect("projects").get("acc1"),
                Some(&"p2".to_string())
            );
        }
        if v >= 4 {
            let revise = find("make it night").expect("revision");
            assert_eq!(
                revise.source,
                Some(Source::Revise {
                    interaction: "v1_interaction_9".into()
                })
            );
            let up = all
                .iter()
                .find(|t| t.resolution == Some(crate::model::Resolution::P1080))
                .expect("upscale");
            assert!(
                matches!(&up.source, Some(Source::Upscale(RemoteRef::Flow(m))) if m.name == "m9"),
                "v{v}: {:?}",
                up.source
            );
        }
        if v >= 5 {
            let shore = find("the shore at noon").expect("pictures");
            assert_eq!(shore.shot().inputs, crate::model::InputKind::Start);
        }
        if v >= 6 {
            let island = find("it reaches the island").expect("chain");
            assert_eq!(island.continues, Some(1));
            let boat = find("a boat leaves").expect("chain start");
            assert_eq!(boat.hint, Some(Hint::Inline));
        }
        // It goes on working, and opening it again changes nothing.
        let (batch, _) = l.create_batch(spec(1, 2)).await.expect("a new batch");
        drop(l);
        let l = Ledger::open(&path).expect("reopens");
        assert_eq!(l.batch_takes(batch).await.expect("takes").len(), 2);
        assert_eq!(version(&path), super::SCHEMA_VERSION);
        std::fs::remove_dir_all(dir).ok();
    }
}

/// A new ledger keeps a scene's pictures and its chain, and reads them back after reopening.
#[tokio::test]
async fn pictures_and_chains_survive_reopening() {
    let dir = std::env::temp_dir().join(format!("flowdeck-ledger-new-{}", uuid::Uuid::new_v4()));
    let path = dir.join("l.sqlite3");
    let l = Ledger::open(&path).expect("open");
    let mut with_images = spec(1, 2);
    with_images.scenes[0].inputs = crate::model::Inputs {
        start: Some("/pictures/first.png".into()),
        end: Some("/pictures/last.jpg".into()),
        ..Default::default()
    };
    let (batch, _) = l.create_batch(with_images.clone()).await.expect("batch");
    let mut chain = spec(2, 1);
    chain.scenes[1].continues = Some(1);
    let (chained, _) = l.create_batch(chain).await.expect("batch");
    drop(l);
    let l = Ledger::open(&path).expect("reopens");
    let takes = l.batch_takes(batch).await.expect("takes");
    assert_eq!(takes.len(), 2);
    for t in &takes {
        assert_eq!(t.inputs, with_images.scenes[0].inputs);
        assert_eq!(t.shot().inputs, crate::model::InputKind::StartEnd);
    }
    let takes = l.batch_takes(chained).await.expect("takes");
    assert_eq!(
        takes.iter().map(|t| t.continues).collect::<Vec<_>>(),
        vec![None, Some(1)]
    );
    assert_eq!(takes[1].shot().inputs, crate::model::InputKind::Extend);
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn the_ledger_survives_reopening() {
    let dir = std::env::temp_dir().join(format!("flowdeck-ledger-{}", uuid::Uuid::new_v4()));
    let path = dir.join("l.sqlite3");
    {
        let l = Ledger::open(&path).expect("open");
        l.create_batch(spec(3, 1)).await.expect("batch");
    }
    let l = Ledger::open(&path).expect("reopen");
    assert_eq!(l.unfinished().await.expect("read").len(), 3);
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn service_text_is_kept_short_and_without_secrets() {
    let l = Ledger::open_in_memory().expect("ledger");
    let (_, takes) = l.create_batch(spec(1, 1)).await.expect("batch");
    let long = format!(
        "upstream said: Authorization: Bearer ya29.a0AfH6SMBsecret\n\
         the token command said: refresh_token=1//0gRefreshSecret (1//0eBareSecret)\n{}",
        "x".repeat(5000)
    );
    l.transition(
        takes[0].id,
        TakeState::Failed,
        Change::error("unexpected", crate::message::Message::verbatim(long)),
    )
    .await
    .expect("failed");
    let t = l.take(takes[0].id).await.expect("read").expect("take");
    let e = t.error.expect("error");
    assert!(e.en().chars().count() <= 601, "{}", e.en().len());
    for secret in ["ya29.a0AfH6SMBsecret", "RefreshSecret", "BareSecret"] {
        assert!(!e.en().contains(secret), "{e:?}");
    }
    assert!(!e.en().contains('\n'));
}

/// A handle no flowdeck wrote (a hand-edited or damaged row) is an error that names it, never
/// read as nothing: the video it names may be paid for.
#[tokio::test]
async fn a_remote_id_the_ledger_cannot_read_is_said_not_hidden() {
    let l = Ledger::open_in_memory().expect("ledger");
    let (_, takes) = l.create_batch(spec(1, 1)).await.expect("batch");
    let id = takes[0].id;
    l.run(move |c| {
        c.execute(
            "UPDATE takes SET remote = '{not json' WHERE id = ?1",
            params![id],
        )?;
        Ok(())
    })
    .await
    .expect("damaged");
    let e = l.take(id).await.expect_err("unreadable");
    assert!(e.en().contains("remote id"), "{e:?}");
}

/// A take's cost is spent once the service accepted its create (or may have: Uncertain);
/// a create refused, or proven never made, costs nothing. A batch keeps its own caps.
#[tokio::test]
async fn spending_counts_the_creates_the_service_accepted() {
    let l = Ledger::open_in_memory().expect("ledger");
    let mut s = spec(1, 4);
    s.caps = crate::model::Caps {
        credits: Some(50),
        usd: None,
    };
    let (batch, takes) = l.create_batch(s).await.expect("batch");
    assert_eq!(
        l.batch_meta(batch)
            .await
            .expect("meta")
            .expect("batch")
            .caps
            .credits,
        Some(50)
    );
    let cost = crate::model::Spend {
        credits: 20,
        usd: 0.0,
    };
    let go = |to: TakeState, ch: Change| {
        let l = l.clone();
        move |t: TakeId| async move { l.transition(t, to, ch).await.expect("moves") }
    };
    for t in &takes {
        go(
            TakeState::Assigned,
            Change {
                account: Some("a".into()),
                cost: Some(cost),
                ..Change::default()
            },
        )(t.id)
        .await;
        go(TakeState::Submitting, Change::default())(t.id).await;
    }
    let spent = |l: Ledger| async move {
        let day = l.spent_today().await.expect("today");
        let on = l.spent_on(1).await.expect("batch");
        (day, on)
    };
    // Sent, no answer yet: nothing spent.
    assert_eq!(spent(l.clone()).await, (vec![], vec![]));
    // Accepted; refused (back to the queue); answer lost (may have cost).
    go(
        TakeState::Generating,
        Change {
            remote: Some(flow_video()),
            ..Change::default()
        },
    )(takes[0].id)
    .await;
    go(TakeState::Queued, Change::default())(takes[1].id).await;
    go(TakeState::Uncertain, Change::default())(takes[2].id).await;
    go(TakeState::Uncertain, Change::default())(takes[3].id).await;
    let sixty = vec![(
        "a".to_string(),
        crate::model::Spend {
            credits: 60,
            usd: 0.0,
        },
    )];
    assert_eq!(spent(l.clone()).await, (sixty.clone(), sixty));
    // The listing proved one never made: it costs nothing.
    go(
        TakeState::Queued,
        Change {
            reconciled: true,
            ..Change::default()
        },
    )(takes[3].id)
    .await;
    let forty = vec![(
        "a".to_string(),
        crate::model::Spend {
            credits: 40,
            usd: 0.0,
        },
    )];
    assert_eq!(spent(l.clone()).await, (forty.clone(), forty));
}

/// Issue 28: with a year of history, `flowdeck status` and History count a batch's takes per
/// state from index `takes_batch_state` alone and find the retries in `takes_retry_of`,
/// on a ledger made now and on one migrated from version 9.
#[tokio::test]
async fn counts_per_batch_read_an_index_alone() {
    let (dir, path) = earlier(9);
    let new = dir.join("new.sqlite3");
    for p in [&path, &new] {
        Ledger::open(p).expect("open");
        let c = Connection::open(p).expect("open");
        let plan: Vec<String> = c
            .prepare(&format!("EXPLAIN QUERY PLAN {}", super::COUNTS))
            .expect("plan")
            .query_map([], |r| r.get(3))
            .expect("plan")
            .collect::<rusqlite::Result<_>>()
            .expect("plan");
        let uses = |what: &str| plan.iter().any(|p| p.contains(what));
        assert!(uses("COVERING INDEX takes_batch_state"), "{plan:?}");
        assert!(uses("takes_retry_of"), "{plan:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
