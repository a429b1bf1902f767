//! Failures a script can read (issue 26 part 3): every failed or waiting take carries a stable
//! `class` and the service's own `code` beside the words, in `run --json`, `status --json` and
//! the exported CSV, through the real binary against the simulator.

use crate::kit;

use kit::child::{Setup, setup};
use kit::*;

/// The lines of a `--json` run, each an event.
fn events(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// `(class, code)` of a JSON object, empty strings for what is absent.
fn said(v: &serde_json::Value) -> (String, String) {
    let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    (text("class"), text("code"))
}

/// The class and code the three ways a script reads them: the run's take event in `state`, its
/// row in the run's summary, `status --json` and the export.
async fn everywhere(
    s: &Setup,
    run: &str,
    batch: u32,
    state: &str,
) -> [(&'static str, (String, String)); 4] {
    let lines = events(run);
    let event = lines
        .iter()
        .rfind(|v| v["event"] == "take" && v["state"] == state)
        .unwrap_or_else(|| panic!("no {state} take in the run's lines: {run}"));
    assert!(
        event["message"].as_str().is_some_and(|m| !m.is_empty()),
        "the words stay beside the class: {event}"
    );
    let summary = lines
        .iter()
        .find(|v| v["event"] == "summary")
        .unwrap_or_else(|| panic!("no summary: {run}"));
    let status = s
        .flowdeck(["status", "--batch", &batch.to_string(), "--json"])
        .await;
    status.success();
    let rows: serde_json::Value =
        serde_json::from_str(status.stdout.trim()).expect("status --json is JSON");
    let export = s
        .flowdeck(["export", &batch.to_string(), "--out", "-"])
        .await;
    export.success();
    let body = export.stdout.trim_start_matches('\u{feff}');
    let mut csv = csv::Reader::from_reader(body.as_bytes());
    let header = csv.headers().expect("a header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let row = csv
        .records()
        .next()
        .expect("a row")
        .expect("a readable row");
    [
        ("run --json", said(event)),
        ("the run's summary", said(&summary["not_done"][0])),
        ("status --json", said(&rows[0])),
        (
            "export",
            (row[col("class")].to_string(), row[col("code")].to_string()),
        ),
    ]
}

fn assert_everywhere(got: [(&str, (String, String)); 4], class: &str, code: &str) {
    for (what, (c, k)) in got {
        assert_eq!((c.as_str(), k.as_str()), (class, code), "{what}");
    }
}

/// A Flow safety refusal and an Omni answer without a video are both `policy`, each with the
/// service's code, so a script tells a refusal from a fault.
#[tokio::test]
async fn a_flow_refusal_and_an_omni_answer_without_a_video_are_policy_with_their_codes() {
    let sim = sim(alice_and_gem).await;
    let s = setup(&sim, temp_dir("classes-policy"), "");
    let file = write(&s.dir, "p.txt", b"a scene that is #unsafe to make\n");
    let videos = s.dir.join("videos");
    let flow = s
        .run(&file, &videos)
        .args(["--json", "--accounts", "alice", "--model", "veo-3.1-fast"])
        .await;
    flow.code(1);
    assert_everywhere(
        everywhere(&s, &flow.stdout, 1, "failed").await,
        "policy",
        "PUBLIC_ERROR_UNSAFE_GENERATION",
    );
    let omni = s
        .run(&file, &videos)
        .args(["--json", "--accounts", "gem", "--model", "omni-flash"])
        .await;
    omni.code(1);
    assert_everywhere(
        everywhere(&s, &omni.stdout, 2, "failed").await,
        "policy",
        "NO_VIDEO",
    );
}

/// An account out of credits: Flow refuses the create (nothing made), and the take waits in
/// the queue saying why: `quota`, with Flow's reason code.
#[tokio::test]
async fn a_take_refused_for_quota_waits_as_quota_with_flow_s_code() {
    let sim = alice_with(|_| {}).await;
    sim.set_credits("alice", 5);
    let s = setup(&sim, temp_dir("classes-quota"), "");
    let file = write(&s.dir, "p.txt", b"a calm lake\n");
    let run = s
        .run(&file, &s.dir.join("videos"))
        .args(["--json", "--model", "veo-3.1-fast"])
        .await;
    run.code(1);
    assert_eq!(sim.report().videos_created(), 0);
    assert_everywhere(
        everywhere(&s, &run.stdout, 1, "queued").await,
        "quota",
        "PUBLIC_ERROR_USER_QUOTA_REACHED",
    );
}

/// Flow flags unusual activity and refuses the create (nothing made): the take waits as `held`,
/// with Flow's code, until the user resumes the account.
#[tokio::test]
async fn a_take_refused_by_a_hold_waits_as_held_with_flow_s_code() {
    let sim = alice_with(|f| f.refuse_token = 1.0).await;
    let s = setup(&sim, temp_dir("classes-held"), "");
    let file = write(&s.dir, "p.txt", b"a calm lake\n");
    let run = s
        .run(&file, &s.dir.join("videos"))
        .args(["--json", "--model", "veo-3.1-fast"])
        .await;
    run.code(1);
    assert_eq!(sim.report().videos_created(), 0);
    assert_everywhere(
        everywhere(&s, &run.stdout, 1, "queued").await,
        "held",
        "PUBLIC_ERROR_UNUSUAL_ACTIVITY",
    );
}
