//! The ledger's own rules, against a real SQLite file or memory.

use super::*;
use crate::model::{Aspect, Model, Scene};

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
                previous: None,
                inputs: Default::default(),
                continues: None,
            })
            .collect(),
        out_dir: PathBuf::from("/tmp/out"),
        template: "{slug}_{take}".into(),
        accounts: vec!["a".into()],
        mode: Mode::Parallel,
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
            remote: Some("{}".into()),
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
        assert!(matches!(e, LedgerError::Illegal { .. }), "{e}");
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
            remote: Some("{}".into()),
            ..Change::default()
        };
        l.transition(t, to, ch).await.expect("legal");
    }
    l.transition(t, TakeState::Failed, Change::error("download", "cut"))
        .await
        .expect("failed");
    let again = l.retry(t).await.expect("retry");
    assert_eq!(
        (again.id, again.state, again.error),
        (t, TakeState::Ready, None)
    );
}

#[tokio::test]
async fn ledgers_from_before_durations_gain_the_columns() {
    let dir = std::env::temp_dir().join(format!("flowdeck-ledger-old-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("old.sqlite3");
    {
        let c = Connection::open(&path).expect("open");
        c.execute_batch(&SCHEMA.replace(
            "    copies INTEGER NOT NULL,\n    duration INTEGER,\n    resolution TEXT,\n    previous TEXT,\n    inputs TEXT,\n    continues INTEGER\n",
            "    copies INTEGER NOT NULL\n",
        ))
        .expect("old schema");
        let n: i64 = c
            .query_row(
                "SELECT COUNT(*) FROM pragma_table_info('scenes') WHERE name = 'duration'",
                [],
                |r| r.get(0),
            )
            .expect("columns");
        assert_eq!(n, 0, "the old schema already has the column");
    }
    let l = Ledger::open(&path).expect("migrates");
    let (_, takes) = l.create_batch(spec(1, 1)).await.expect("batch");
    assert_eq!((takes[0].duration, takes[0].previous.clone()), (None, None));
    // A scene's images are kept with it (and a text scene has none).
    assert!(takes[0].inputs.is_empty());
    let mut with_images = spec(1, 2);
    with_images.scenes[0].inputs = crate::model::Inputs {
        start: Some("/pictures/first.png".into()),
        end: Some("/pictures/last.jpg".into()),
        ..Default::default()
    };
    let (batch, _) = l.create_batch(with_images.clone()).await.expect("batch");
    drop(l);
    let l = Ledger::open(&path).expect("reopens");
    let takes = l.batch_takes(batch).await.expect("takes");
    assert_eq!(takes.len(), 2);
    for t in &takes {
        assert_eq!(t.inputs, with_images.scenes[0].inputs);
        assert_eq!(t.shot().inputs, crate::model::InputKind::StartEnd);
    }
    // A chain: the second scene continues the first, and says so after reopening.
    let mut chain = spec(2, 1);
    chain.scenes[1].continues = Some(1);
    let (batch, _) = l.create_batch(chain).await.expect("batch");
    drop(l);
    let l = Ledger::open(&path).expect("reopens");
    let takes = l.batch_takes(batch).await.expect("takes");
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
        Change::error("unexpected", long),
    )
    .await
    .expect("failed");
    let t = l.take(takes[0].id).await.expect("read").expect("take");
    let e = t.error.expect("error");
    assert!(e.chars().count() <= 601, "{}", e.len());
    for secret in ["ya29.a0AfH6SMBsecret", "RefreshSecret", "BareSecret"] {
        assert!(!e.contains(secret), "{e}");
    }
    assert!(!e.contains('\n'));
}
