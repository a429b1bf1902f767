use crate::message::En;
use std::collections::HashSet;
use std::sync::Mutex;

use super::*;
use crate::engine::EngineConfig;
use crate::model::{Aspect, BatchSpec, Mode, Model, Scene};
use crate::provider::gemini::{GeminiClient, GeminiConfig};
use crate::store::ledger::Ledger;

fn spec(copies: u8) -> BatchSpec {
    BatchSpec {
        label: "b".into(),
        scenes: vec![Scene::new(
            "a fox",
            Model::OmniFlash,
            Aspect::Landscape,
            copies,
        )],
        out_dir: "/tmp".into(),
        template: "{slug}_{take}.mp4".into(),
        accounts: Vec::new(),
        mode: Mode::Parallel,
        caps: Default::default(),
    }
}

/// The `copies` takes of a new one-scene batch in `ledger`.
pub(super) async fn takes_in(ledger: &Ledger, copies: u8) -> Vec<TakeRecord> {
    ledger.create_batch(spec(copies)).await.expect("batch").1
}

/// The `copies` takes of a one-scene batch, for the parts' own tests.
pub(super) async fn takes(copies: u8) -> Vec<TakeRecord> {
    takes_in(&Ledger::open_in_memory().expect("ledger"), copies).await
}

async fn lane() -> (Lane, Ledger, UnboundedReceiver<LaneReport>) {
    let ledger = Ledger::open_in_memory().expect("ledger");
    let shared = Arc::new(Shared {
        cfg: EngineConfig::default(),
        ledger: ledger.clone(),
        downloads: Arc::new(tokio::sync::Semaphore::new(1)),
        names: Mutex::new(HashSet::new()),
    });
    // Never contacted: the jobs here are stand-ins that panic.
    let client = GeminiClient::new(
        GeminiConfig {
            api_url: "http://127.0.0.1:9".into(),
            ..GeminiConfig::default()
        },
        crate::secret::Secret::new("AIzaSyD-abcdefghijklmnopqrstuvwxyz01234"),
    )
    .expect("client");
    let (tx, rx) = unbounded_channel();
    let spec = LaneSpec {
        name: "g1".into(),
        client: Arc::new(Client::Gemini(client)),
        concurrency: 2,
    };
    (Lane::new(shared, spec, tx), ledger, rx)
}

async fn panic_in(lane: &mut Lane, job: Job) {
    lane.tasks
        .spawn(shield(async { panic!("a bug in a job") }, move |m| {
            Done::Panicked(job, m)
        }));
    let done = lane
        .tasks
        .join_next()
        .await
        .expect("a job")
        .expect("no JoinError");
    lane.finished(done).await;
}

#[tokio::test]
async fn a_panicking_job_does_not_wedge_its_lane_or_send_anything_twice() {
    let (mut lane, ledger, mut reports) = lane().await;
    let takes = takes_in(&ledger, 2).await;
    // A status call that panicked: the next one can start.
    let video = InFlight {
        take: takes[0].clone(),
        remote: RemoteRef::Omni {
            interaction: "i".into(),
        },
        deadline: Instant::now() + Duration::from_secs(60),
    };
    lane.poller.add(Instant::now(), video);
    lane.poller.start();
    assert!(!lane.poller.due(Instant::now(), true));
    panic_in(&mut lane, Job::Poll).await;
    assert!(lane.poller.due(Instant::now(), true));
    // A create that panicked: a take already marked Submitting may have left, so it is
    // Uncertain (never resent); one still Assigned goes back to the queue.
    let assigned = |a: &str| Change {
        account: Some(a.to_string()),
        ..Change::default()
    };
    for t in &takes {
        ledger
            .transition(t.id, TakeState::Assigned, assigned("g1"))
            .await
            .expect("assigned");
    }
    ledger
        .transition(
            takes[0].id,
            TakeState::Submitting,
            Change {
                submitted: true,
                ..Change::default()
            },
        )
        .await
        .expect("submitting");
    lane.submitter.assign(takes.clone());
    let sent = lane.submitter.start(Instant::now(), |_| Duration::ZERO);
    assert_eq!(sent.map(|g| g.len()), Some(2));
    assert_eq!(lane.submitter.in_flight(), 2);
    panic_in(
        &mut lane,
        Job::Submit(2, takes.iter().map(|t| t.id).collect()),
    )
    .await;
    assert_eq!(lane.submitter.in_flight(), 0);
    let first = ledger.take(takes[0].id).await.expect("read").expect("take");
    assert_eq!(first.state, TakeState::Uncertain);
    assert!(
        first
            .error
            .as_ref()
            .map(|m| m.en())
            .as_deref()
            .is_some_and(|e| e.contains("not sent again"))
    );
    let mut returned = Vec::new();
    while let Ok(r) = reports.try_recv() {
        if let LaneReport::Returned { takes } = r {
            returned.extend(takes.into_iter().map(|t| t.id));
        }
    }
    assert_eq!(returned, vec![takes[1].id]);
    assert_eq!(lane.health.get(), &LaneHealth::Ready);
    // A lane whose jobs keep panicking stops taking work, and says why.
    assert!(lane.probe.start());
    panic_in(&mut lane, Job::Check).await;
    assert!(lane.probe.start(), "the check that panicked is over");
    assert!(
        matches!(lane.health.get(), LaneHealth::Paused { reason } if reason.en().contains("report it")),
        "{:?}",
        lane.health.get()
    );
}
