//! The hot small things, with criterion: reading a 100-record `jwpduf` status answer
//! (batchexecute envelope, payload, media records, each video's progress), building a file
//! name, and the ledger's write per transition with a sync per commit (what flowdeck does)
//! next to WAL without one.
//!
//!     cargo bench --bench hot

use std::collections::HashSet;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene, TakeState};
use flowdeck::provider::flow::records::Progress;
use flowdeck::provider::flow::{envelope, records};
use flowdeck::store::ledger::{Change, Durability, Ledger};
use flowdeck::store::naming::{self, NameValues, Template};
use serde_json::json;

/// A `jwpduf` answer for `n` videos in batchexecute's shape (as the simulator and Flow send
/// it: `)]}'`, a length line, the `wrb.fr` entry with its payload as a JSON string), a third
/// of them done, the rest rendering; and the ids asked about.
fn status_answer(n: usize) -> (Vec<String>, String) {
    let project = "b150176f-aab8-4be8-8f82-2bc1023288df";
    let prompt = "a long prompt about a quiet harbour at dawn with gulls and a slow pan";
    let ids: Vec<String> = (0..n)
        .map(|i| format!("7f3b2c1e-5d4a-4b8c-9e0f-{i:012x}"))
        .collect();
    let records: Vec<serde_json::Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let done = i % 3 == 0;
            let details = json!([
                [1_788_885_676, 893_000_000],
                prompt,
                null,
                null,
                null,
                null,
                [
                    null,
                    [["veo_3_1_t2v_fast", 1, null, null, 2, 1]],
                    [[null, null, [[[prompt]]]]],
                    null,
                    1
                ],
                null,
                if done { json!([3]) } else { json!([2]) },
                1,
                null,
                [],
                null,
                if done {
                    json!(2_213_107)
                } else {
                    serde_json::Value::Null
                }
            ]);
            let info = json!([
                [
                    null,
                    926_545,
                    null,
                    null,
                    null,
                    null,
                    null,
                    prompt,
                    null,
                    null,
                    null,
                    null,
                    "veo_3_1_t2v_fast",
                    "",
                    null,
                    false,
                    2
                ],
                [null, null, [8]],
                [id]
            ]);
            json!([
                id,
                project,
                format!("c0ffee00-1111-4222-8333-{i:012x}"),
                "CAE",
                null,
                details,
                null,
                info
            ])
        })
        .collect();
    let payload = json!([null, 869, records]).to_string();
    let chunk = json!([
        ["wrb.fr", "jwpduf", payload, null, null, null, "generic"],
        ["di", 1402],
        ["af.httprm", 1401, "-6633102011834530826", 27]
    ])
    .to_string();
    let body = format!(
        ")]}}'\n\n{}\n{chunk}\n25\n[[\"e\",4,null,null,{}]]\n",
        chunk.len() + 1,
        chunk.len() + 41
    );
    (ids, body)
}

fn bench_status(c: &mut Criterion) {
    let (ids, body) = status_answer(100);
    // Checked once: every video is found, a third of them rendered.
    let payload = envelope::parse(&body)
        .frame("jwpduf")
        .and_then(|f| f.payload.clone())
        .expect("payload");
    let found = records::records(&payload);
    assert_eq!(found.len(), 100);
    assert_eq!(
        found
            .iter()
            .filter(|r| r.progress() == Progress::Rendered)
            .count(),
        34
    );
    c.bench_function("parse a 100-record jwpduf answer", |b| {
        b.iter(|| {
            let reply = envelope::parse(std::hint::black_box(&body));
            let payload = reply
                .frame("jwpduf")
                .and_then(|f| f.payload.as_ref())
                .expect("payload");
            let found = records::records(payload);
            // Each video asked about, to its progress, as a poll does.
            let progress: Vec<Option<Progress>> = ids
                .iter()
                .map(|id| found.iter().find(|r| &r.media == id).map(|r| r.progress()))
                .collect();
            std::hint::black_box(progress)
        })
    });
}

fn bench_names(c: &mut Criterion) {
    let template = Template::parse("{batch}/{scene:03}_{slug}_{take}.mp4").expect("template");
    let out = Path::new("/nonexistent/flowdeck-bench");
    let taken: HashSet<String> = (0..1000)
        .map(|i| format!("/nonexistent/flowdeck-bench/b/{i:03}_x_1.mp4"))
        .collect();
    c.bench_function("build a file name (template, slug, collision check)", |b| {
        b.iter(|| {
            let rel = template.render(&NameValues {
                batch: "scenes_2026-11-25",
                scene: 42,
                name: None,
                prompt: "Cảnh quay từ trên cao: phố cổ Hà Nội lúc bình minh, xe đạp chở hoa",
                take: 2,
                account: "acc1",
                seed: 4242,
                model: "veo-3.1-fast",
                aspect: "landscape",
            });
            std::hint::black_box(naming::unique(out, &rel, &taken))
        })
    });
}

fn bench_ledger(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    for (label, durability) in [
        (
            "sync per commit (FULL, what flowdeck uses)",
            Durability::Full,
        ),
        ("WAL without sync (NORMAL)", Durability::Normal),
    ] {
        let dir = std::env::temp_dir().join(format!("flowdeck-bench-hot-{}", uuid::Uuid::new_v4()));
        let ledger = Ledger::open_with(&dir.join("l.sqlite3"), durability).expect("ledger");
        let spec = BatchSpec {
            label: "b".into(),
            scenes: (0..1)
                .map(|i| Scene::new(format!("scene {i}"), Model::Veo31Fast, Aspect::Landscape, 1))
                .collect(),
            out_dir: dir.join("out"),
            template: "{slug}_{take}".into(),
            accounts: Vec::new(),
            mode: Mode::Parallel,
            caps: Default::default(),
        };
        let (_, takes) = rt.block_on(ledger.create_batch(spec)).expect("batch");
        let id = takes[0].id;
        // Queued ⇄ Assigned: both legal forever, each a committed transition with its log row.
        let mut assigned = false;
        c.bench_function(&format!("ledger transition, {label}"), |b| {
            b.iter(|| {
                let to = if assigned {
                    TakeState::Queued
                } else {
                    TakeState::Assigned
                };
                assigned = !assigned;
                rt.block_on(ledger.transition(
                    id,
                    to,
                    Change {
                        account: Some("acc1".into()),
                        ..Change::default()
                    },
                ))
                .expect("write")
            })
        });
        std::fs::remove_dir_all(dir).ok();
    }
}

criterion_group! {
    name = hot;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3));
    targets = bench_status, bench_names, bench_ledger
}
criterion_main!(hot);
