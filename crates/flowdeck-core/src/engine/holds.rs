//! What a chained take's file holds. An extension by Gemini Omni (a continuation of the earlier
//! interaction) or by Veo on Vertex AI (the earlier file sent back) answers with the whole
//! longer video, the earlier scenes' seconds included (reference update 2026-12-06; Veo's
//! extension outputs run up to 148 s), so a chain's last file is the whole story. On Flow a
//! continuing scene starts from the earlier video's last frame, and its file holds that scene
//! alone. Facts only: the front ends word them.

use std::path::PathBuf;

use crate::model::TakeState;
use crate::provider::RemoteRef;
use crate::store::ledger::TakeRecord;

/// Whether a video made by continuing another holds that other one too.
pub fn extension_holds_earlier(remote: &RemoteRef) -> bool {
    matches!(remote, RemoteRef::Omni { .. } | RemoteRef::Vertex { .. })
}

/// A chained take made by an extension that holds the earlier video.
fn accumulates(t: &TakeRecord) -> bool {
    t.continues.is_some() && t.remote.as_ref().is_some_and(extension_holds_earlier)
}

/// The take `t` continues among `takes`: the same copy of the earlier scene, or its first copy
/// when it has fewer (as the coordinator deals them).
fn parent<'a>(takes: &'a [TakeRecord], t: &TakeRecord) -> Option<&'a TakeRecord> {
    let n = t.continues?;
    let of = |copy: u32| {
        takes
            .iter()
            .find(|p| p.batch == t.batch && p.scene_index == n && p.copy == copy)
    };
    of(t.copy).or_else(|| of(1))
}

/// The scenes (1-based, oldest first) whose seconds `t`'s file holds, when it holds more than
/// its own scene; empty otherwise. `takes` are its batch's takes.
pub fn scenes_held(takes: &[TakeRecord], t: &TakeRecord) -> Vec<u32> {
    if !accumulates(t) {
        return Vec::new();
    }
    let continues = |scene: u32| {
        takes
            .iter()
            .find(|x| x.batch == t.batch && x.scene_index == scene)
            .and_then(|x| x.continues)
    };
    let mut scenes = vec![t.scene_index];
    let mut next = t.continues;
    // A scene only continues an earlier one, so the walk goes down and ends.
    while let Some(n) = next.filter(|n| scenes.last().is_some_and(|last| n < last)) {
        scenes.push(n);
        next = continues(n);
    }
    scenes.reverse();
    scenes
}

/// The files that end `t`'s chain and hold `t`'s scene: for each way the story goes on from
/// `t`, the last video on disk that holds it (`t`'s own when it is that one). Empty when no
/// file holds more than one scene.
pub fn chain_files(takes: &[TakeRecord], t: &TakeRecord) -> Vec<PathBuf> {
    let mut out = Vec::new();
    ends(takes, t, &mut out);
    out
}

/// Pushes the last files holding `x`, deepest first; says whether it found any.
fn ends(takes: &[TakeRecord], x: &TakeRecord, out: &mut Vec<PathBuf>) -> bool {
    let mut found = false;
    for child in takes
        .iter()
        .filter(|c| parent(takes, c).is_some_and(|p| p.id == x.id))
    {
        found |= ends(takes, child, out);
    }
    if !found
        && accumulates(x)
        && x.state == TakeState::Done
        && let Some(path) = &x.path
    {
        out.push(path.clone());
        found = true;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Aspect, Model};

    fn take(
        id: i64,
        scene: u32,
        copy: u32,
        continues: Option<u32>,
        remote: &RemoteRef,
    ) -> TakeRecord {
        TakeRecord {
            id,
            batch: 1,
            scene_index: scene,
            copy,
            prompt: format!("scene {scene}"),
            scene_name: None,
            model: Model::OmniFlash,
            aspect: Aspect::Landscape,
            seed: 1,
            state: TakeState::Done,
            account: Some("g1".into()),
            remote: Some(remote.clone()),
            hint: None,
            error_class: None,
            error_code: None,
            error: None,
            path: Some(format!("/v/{scene:03}_{copy}.mp4").into()),
            bytes: None,
            sha256: None,
            submitted_at: None,
            updated_at: None,
            retry_of: None,
            batch_label: "b".into(),
            out_dir: "/v".into(),
            template: String::new(),
            duration: None,
            resolution: None,
            request: None,
            source: None,
            inputs: Default::default(),
            continues,
        }
    }

    fn omni(id: &str) -> RemoteRef {
        RemoteRef::Omni {
            interaction: id.into(),
        }
    }

    #[test]
    fn an_extension_holds_its_chain_and_the_last_file_is_the_story() {
        // 1 → 2 → 3, and 4 branches off 2; two copies of 1 and 2, one of 3 and 4.
        let takes = vec![
            take(1, 1, 1, None, &omni("a")),
            take(2, 1, 2, None, &omni("b")),
            take(3, 2, 1, Some(1), &omni("c")),
            take(4, 2, 2, Some(1), &omni("d")),
            take(5, 3, 1, Some(2), &omni("e")),
            take(6, 4, 1, Some(2), &omni("f")),
        ];
        let held = |i: usize| scenes_held(&takes, &takes[i]);
        assert_eq!(
            held(0),
            Vec::<u32>::new(),
            "a first scene holds itself only"
        );
        assert_eq!(held(3), [1, 2]);
        assert_eq!(held(4), [1, 2, 3]);
        assert_eq!(held(5), [1, 2, 4]);
        let files = |i: usize| chain_files(&takes, &takes[i]);
        assert_eq!(
            files(0),
            [PathBuf::from("/v/003_1.mp4"), PathBuf::from("/v/004_1.mp4")]
        );
        // Copy 2's chain ends at scene 2.
        assert_eq!(files(1), [PathBuf::from("/v/002_2.mp4")]);
        assert_eq!(files(4), [PathBuf::from("/v/003_1.mp4")]);
    }

    #[test]
    fn a_failed_end_leaves_the_last_file_that_came_and_flow_holds_one_scene() {
        let mut takes = vec![
            take(1, 1, 1, None, &omni("a")),
            take(2, 2, 1, Some(1), &omni("b")),
            take(3, 3, 1, Some(2), &omni("c")),
        ];
        takes[2].state = TakeState::Failed;
        assert_eq!(
            chain_files(&takes, &takes[0]),
            [PathBuf::from("/v/002_1.mp4")]
        );
        let flow = RemoteRef::from_json(
            r#"{"provider":"flow","name":"m","project_id":"p","api":"batchexecute"}"#,
        )
        .expect("a Flow handle");
        let started = take(4, 2, 1, Some(1), &flow);
        assert!(scenes_held(&takes, &started).is_empty());
    }
}
