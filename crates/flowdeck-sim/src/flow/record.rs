//! Media records in Flow's shape: `[idA, pid, idB, null, null, DETAILS, null, MEDIA_INFO]`,
//! the status at `DETAILS[8]` (6 submitted, 2 running, 3 done, 4 failed with the reason).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::state::{Media, Sim};
use flowdeck_core::model::RemoteState;

/// What a record shows: links only from `as29s`, and only once the video is done.
pub struct Show {
    pub links: bool,
}

fn status(state: RemoteState) -> Value {
    match state {
        RemoteState::Pending => json!([6]),
        RemoteState::Succeeded => json!([3]),
        RemoteState::Failed | RemoteState::Canceled => json!([
            4,
            [3, "PUBLIC_ERROR_UNSAFE_GENERATION"],
            ["UNSAFE_GENERATION"]
        ]),
        RemoteState::Running | RemoteState::Unknown => json!([2]),
    }
}

fn stamp() -> Value {
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    json!([t.as_secs(), t.subsec_nanos()])
}

pub fn record(sim: &Sim, m: &Media, show: &Show) -> Value {
    let state = m.state(sim.config.generation_time);
    let done = state == RemoteState::Succeeded;
    let (poster, video) = if show.links && done {
        (
            json!(sim.signed_link("image", &m.name)),
            json!(if sim.config.googlevideo_links {
                sim.videoplayback_link(&m.name)
            } else {
                sim.signed_link("video", &m.name)
            }),
        )
    } else {
        (Value::Null, Value::Null)
    };
    let aspect: i64 = if m.aspect == "portrait" { 1 } else { 2 };
    let details = json!([
        stamp(),
        m.prompt,
        null,
        null,
        null,
        null,
        [
            null,
            [[m.model, 1, null, null, aspect, 1]],
            [[null, null, [[[m.prompt]]]]],
            null,
            1
        ],
        null,
        status(state),
        1,
        poster,
        [],
        null,
        if done {
            json!(m.video.len())
        } else {
            Value::Null
        }
    ]);
    let info = json!([
        [
            null, 926_545, null, null, null, null, null, m.prompt, video, null, null, null,
            m.model, "", null, false, aspect
        ],
        [null, null, [8]],
        [m.name]
    ]);
    // The kind slot: `"CAE"` until 2026-10-05, null since (captures of 2026-10-08).
    json!([
        m.name, m.project, m.workflow, null, null, details, null, info
    ])
}

/// The workflow entry the listing (and a create's answer) carries for a media.
pub fn workflow(m: &Media) -> Value {
    json!([
        m.workflow,
        null,
        null,
        ["flowdeck", stamp(), false, null, m.name, m.batch, stamp()],
        m.project
    ])
}
