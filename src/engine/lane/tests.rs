use std::collections::HashSet;

use super::*;
use crate::engine::EngineConfig;
use crate::model::{Aspect, BatchSpec, Mode, Model, Scene};
use crate::provider::gemini::{GeminiClient, GeminiConfig};
use crate::store::ledger::Ledger;

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
    // A status call that panicked: the next one can start.
    lane.polling = true;
    panic_in(&mut lane, Job::Poll).await;
    assert!(!lane.polling);
    // A create that panicked: a take already marked Submitting may have left, so it is
    // Uncertain (never resent); one still Assigned goes back to the queue.
    let spec = BatchSpec {
        label: "b".into(),
        scenes: vec![Scene::new("a fox", Model::OmniFlash, Aspect::Landscape, 2)],
        out_dir: "/tmp".into(),
        template: "{slug}_{take}.mp4".into(),
        accounts: Vec::new(),
        mode: Mode::Parallel,
    };
    let (_, takes) = ledger.create_batch(spec).await.expect("batch");
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
    lane.submitting = 2;
    panic_in(
        &mut lane,
        Job::Submit(2, takes.iter().map(|t| t.id).collect()),
    )
    .await;
    assert_eq!(lane.submitting, 0);
    let first = ledger.take(takes[0].id).await.expect("read").expect("take");
    assert_eq!(first.state, TakeState::Uncertain);
    assert!(
        first
            .error
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
    assert_eq!(lane.health, LaneHealth::Ready);
    // A lane whose jobs keep panicking stops taking work, and says why.
    lane.checking = true;
    panic_in(&mut lane, Job::Check).await;
    assert!(!lane.checking);
    assert!(
        matches!(&lane.health, LaneHealth::Paused { reason } if reason.contains("report it")),
        "{:?}",
        lane.health
    );
}
