//! The hot small things, with criterion: reading a 100-media status answer, building a file
//! name, and the ledger's write per transition with a sync per commit (what flowdeck does)
//! next to WAL without one.
//!
//!     cargo bench --bench hot

use std::collections::HashSet;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene, TakeState};
use flowdeck::provider::flow::MediaRef;
use flowdeck::provider::flow::poll::match_answer;
use flowdeck::store::ledger::{Change, Durability, Ledger};
use flowdeck::store::naming::{self, NameValues, Template};
use serde_json::json;

fn status_answer(n: usize) -> (Vec<MediaRef>, Vec<u8>) {
    let refs: Vec<MediaRef> = (0..n)
        .map(|i| MediaRef {
            name: format!("2f9c1d7e-0000-4000-8000-{i:012}"),
            project_id: "p".into(),
            scene_id: None,
        })
        .collect();
    let media: Vec<serde_json::Value> = refs
        .iter()
        .enumerate()
        .map(|(i, r)| json!({
            "name": r.name, "projectId": "p", "workflowId": "w", "workflowStepId": "CAE",
            "mediaMetadata": {"mediaStatus": {"mediaGenerationStatus": if i % 3 == 0 { "MEDIA_GENERATION_STATUS_SUCCESSFUL" } else { "MEDIA_GENERATION_STATUS_ACTIVE" }},
                "mediaTitle": "a long prompt about a quiet harbour at dawn with gulls and a slow pan", "visibility": "PRIVATE",
                "requestData": {"videoGenerationRequestData": {"videoModelControlInput": {"videoModelName": "veo_3_1_t2v_fast", "videoAspectRatio": "VIDEO_ASPECT_RATIO_LANDSCAPE"}}}},
            "video": {"operation": {"name": format!("op-{i}")}, "generatedVideo": {"seed": i, "model": "veo_3_1_t2v_fast"}},
        }))
        .collect();
    (
        refs,
        serde_json::to_vec(&json!({"media": media, "remainingCredits": 1000})).expect("json"),
    )
}

fn bench_status(c: &mut Criterion) {
    let (refs, body) = status_answer(100);
    c.bench_function("parse a 100-media status answer", |b| {
        b.iter(|| {
            let v: serde_json::Value = serde_json::from_slice(&body).expect("json");
            std::hint::black_box(match_answer(&refs, &v))
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
