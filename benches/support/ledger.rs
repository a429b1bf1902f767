//! A ledger as a year of use leaves it: `batches` batches of `takes` takes each (scenes of 2
//! copies), all settled (most on disk, some failed) but the last `open` batches, whose takes
//! are still waiting; five transitions per take. Built through the ledger's own
//! `create_batch`, then settled in bulk with SQL (going through `transition` one take at a
//! time would take minutes for 100,000 takes).

use std::path::Path;

use flowdeck::model::{Aspect, BatchSpec, Mode, Model, Scene};
use flowdeck::store::ledger::{Durability, Ledger};

pub async fn fill(path: &Path, batches: usize, takes: usize, open: usize) -> Ledger {
    let ledger = Ledger::open_with(path, Durability::Normal).expect("ledger");
    for b in 0..batches {
        let scenes = (0..takes / 2)
            .map(|i| {
                Scene::new(
                    format!(
                        "batch {b} scene {i}: a harbour at dawn, gulls, a boat leaving, slow dolly"
                    ),
                    Model::Veo31Fast,
                    Aspect::Landscape,
                    2,
                )
            })
            .collect();
        ledger
            .create_batch(BatchSpec {
                label: format!("episode {b}"),
                scenes,
                out_dir: path.with_file_name(format!("videos/{b}")),
                template: "{batch}/{scene:03}_{slug}_{take}.mp4".into(),
                accounts: Vec::new(),
                mode: Mode::Parallel,
                caps: Default::default(),
            })
            .await
            .expect("batch");
    }
    let open_from = (batches - open) as i64 + 1;
    let conn = rusqlite::Connection::open(path).expect("sqlite");
    conn.execute_batch(&format!(
        "BEGIN;
         UPDATE takes SET state = CASE WHEN id % 50 = 0 THEN 'failed' ELSE 'done' END,
             account = 'acc' || (id % 10),
             path = CASE WHEN id % 50 = 0 THEN NULL ELSE '/videos/' || batch_id || '/' || id || '.mp4' END,
             bytes = 3145728, sha256 = printf('%064d', id),
             submitted_at = '2026-06-01T10:00:00Z', updated_at = '2026-06-01T10:02:00Z'
           WHERE batch_id < {open_from};
         UPDATE batches SET state = 'finished' WHERE id < {open_from};
         INSERT INTO transitions (take_id, at, from_state, to_state)
           SELECT t.id, '2026-06-01T10:00:00Z', f.s, f.n FROM takes t,
             (SELECT 'queued' s, 'assigned' n UNION ALL SELECT 'assigned', 'submitting'
              UNION ALL SELECT 'submitting', 'generating' UNION ALL SELECT 'generating', 'ready'
              UNION ALL SELECT 'ready', 'downloading') f
           WHERE t.batch_id < {open_from};
         COMMIT;"
    ))
    .expect("settle");
    ledger
}
