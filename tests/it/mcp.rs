//! `flowdeck mcp` driven by a client the project did not write: the official MCP Python SDK
//! (`pip install mcp`, its stdio client) runs `tests/it/mcp/drive.py` against the simulator;
//! this file starts it, then checks what it reports against the simulator and the ledger.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use crate::kit::child::{self, Setup};
use crate::kit::{self, simulator};

/// `python3` with the `mcp` module, or a failure that says what to install (never a skip).
fn python() -> &'static str {
    let found = std::process::Command::new("python3")
        .args(["-c", "import mcp.client.stdio"])
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to drive flowdeck mcp: {e}"));
    assert!(
        found.status.success(),
        "the official MCP Python SDK is missing: `pip install mcp` ({})",
        String::from_utf8_lossy(&found.stderr)
    );
    "python3"
}

/// Runs a scenario of `drive.py` against `s`'s settings; gives what it reports.
async fn drive(scenario: &str, s: &Setup, prompts: &[&str], over: &[&str]) -> (Value, PathBuf) {
    let mut env: serde_json::Map<String, Value> =
        s.envs.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    env.insert("FLOWDECK_LANG".into(), json!("en"));
    let accounts: Vec<String> = std::fs::read_to_string(&s.config)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            l.strip_prefix("name = \"")?
                .strip_suffix('"')
                .map(String::from)
        })
        .collect();
    let results = s.dir.join("results.jsonl");
    let params = json!({
        "bin": kit::cli::BIN,
        "config": s.config,
        "env": env,
        "out": s.dir.join("videos"),
        "results": results,
        "stderr": s.dir.join("server-stderr"),
        "accounts": accounts,
        "prompts": prompts,
        "over_prompts": over,
        "options": {"model": "omni-flash"},
    });
    let file = s.dir.join("params.json");
    std::fs::write(&file, params.to_string()).expect("params");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/mcp/drive.py");
    let run = tokio::process::Command::new(python())
        .arg(&script)
        .arg(scenario)
        .arg(&file)
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(Duration::from_secs(240), run)
        .await
        .expect("drive.py ends within 4 minutes")
        .expect("drive.py runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "drive.py {scenario} failed:\n{}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default();
    let report = serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (report, results)
}

/// A Flow account (alice, paired, her stand-in browser) and a Gemini API key (gem).
async fn world(tag: &str, generation: Duration) -> (flowdeck::sim::RunningSim, Setup) {
    let sim = kit::sim(|c| {
        simulator::alice_and_gem(c);
        c.generation_time = generation;
    })
    .await;
    let s = child::setup(&sim, kit::temp_dir(tag), "");
    (sim, s)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_assistant_prices_runs_and_follows_a_batch_and_every_file_is_what_the_simulator_made() {
    let (sim, s) = world("mcp-full", kit::GEN_TIME).await;
    let prompts = [
        "a lighthouse at dawn",
        "gulls over the harbour",
        "a boat leaves",
    ];
    let over = ["never sent one", "never sent two"];
    let (report, _) = drive("full", &s, &prompts, &over).await;
    let batch = report["batch"].as_i64().expect("a batch id");
    let ledger = flowdeck::store::ledger::Ledger::open(&s.ledger()).expect("ledger");
    kit::assert_all_on_disk(&sim, &ledger, batch, prompts.len()).await;
    // What batch_status said is what is on disk.
    for t in report["status"]["takes"].as_array().expect("takes") {
        assert_eq!(t["state"], "done", "{t}");
        assert!(
            Path::new(t["path"].as_str().expect("a path")).is_file(),
            "{t}"
        );
    }
    // The revision: one more Omni video, on disk as the simulator made it.
    let revision = report["revision"]["batch"]
        .as_i64()
        .expect("the revision's batch");
    kit::assert_all_on_disk(&sim, &ledger, revision, 1).await;
    // The refused calls sent nothing: only the batch's videos and the revision were made.
    let made = sim.report();
    assert_eq!(made.videos_created(), prompts.len() as u64 + 1, "{made:?}");
    assert!(
        made.media
            .iter()
            .all(|m| !over.contains(&m.prompt.as_str()))
    );
    // Both kinds of account took part: Flow through its paired browser, whose bridge each call
    // that needs the accounts starts again.
    for account in ["alice", "gem"] {
        let n = made.account(account).map_or(0, |a| a.videos_created);
        assert!(n >= 1, "{account} made no video: {made:?}");
    }
    // Today's spend, from the ledger: each account's videos at its price.
    let spent = |name: &str, unit: &str| {
        report["accounts_after"]["accounts"]
            .as_array()
            .and_then(|a| a.iter().find(|a| a["account"] == name))
            .map_or(0.0, |a| a["spent_today"][unit].as_f64().unwrap_or(0.0))
    };
    assert!(
        spent("alice", "credits") > 0.0 && spent("gem", "dollars") > 0.0,
        "{report}"
    );
    let refusals = report["refusals"].as_array().expect("refusals");
    assert!(
        refusals[0]["error"]
            .as_str()
            .unwrap_or_default()
            .contains("cap is required")
    );
    assert!(!report["progress"].as_array().expect("progress").is_empty());
    simulator::assert_clean(&made);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_tool_result_and_no_log_line_carries_a_secret_or_a_signature() {
    let (_sim, s) = world("mcp-secrets", kit::GEN_TIME).await;
    let (_, results) = drive("full", &s, &["a quiet street", "rain on glass"], &["never"]).await;
    let mut seen = std::fs::read_to_string(&results).expect("results");
    for entry in std::fs::read_dir(&s.dir).expect("dir").flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with("server-stderr")
        {
            seen.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
        }
    }
    let logs = s.dir.join("data/logs");
    for entry in std::fs::read_dir(&logs).into_iter().flatten().flatten() {
        seen.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
    }
    assert!(seen.contains("generate"), "the results were written");
    for (var, secret) in &s.envs {
        if var.starts_with("FD_TEST_ACC") {
            assert!(!seen.contains(secret.as_str()), "{var}'s value was shown");
        }
    }
    for marker in ["Signature=", "key=", "AIza", "Bearer "] {
        for (i, _) in seen.match_indices(marker) {
            let after = &seen[i + marker.len()..];
            assert!(
                after.starts_with("***") || after.is_empty(),
                "a value after {marker}: {}",
                &seen[i..(i + 80).min(seen.len())]
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_client_is_told_who_holds_the_folder_and_it_is_free_again_after_the_batch() {
    let (sim, s) = world("mcp-second", Duration::from_secs(3)).await;
    let (report, _) = drive("second", &s, &["a long take", "another long take"], &[]).await;
    let held = report["held"].as_object().expect("every tool's answer");
    assert_eq!(held.len(), 8, "{held:?}");
    for (tool, answer) in held {
        let error = answer["error"].as_str().unwrap_or_default();
        assert!(
            error.contains("process ") && error.contains(": flowdeck mcp"),
            "{tool}: {answer}"
        );
        assert_eq!(answer["class"], "busy", "{tool}: {answer}");
    }
    // The second client sent nothing: only the first one's two videos were made.
    assert_eq!(sim.report().videos_created(), 2);
    assert_eq!(report["status"]["finished"], true);
    assert!(report["free"]["batches"].is_array());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_video_carries_its_class_and_code_and_unpaid_calls_are_refused() {
    let (sim, s) = world("mcp-refused", kit::GEN_TIME).await;
    let (report, _) = drive("refused", &s, &["a scene that is #unsafe to make"], &[]).await;
    let take = &report["status"]["takes"][0];
    assert_eq!(take["state"], "failed", "{take}");
    assert_eq!(take["class"], "policy", "{take}");
    assert_eq!(take["code"], "NO_VIDEO", "{take}");
    assert!(
        !take["reason"].as_str().unwrap_or_default().is_empty(),
        "{take}"
    );
    assert_eq!(report["retry"]["class"], "input", "{report}");
    assert!(
        report["retry"]["error"]
            .as_str()
            .unwrap_or_default()
            .contains("cap is required")
    );
    assert_eq!(report["cancel"]["class"], "input", "{report}");
    let credits_only = report["credits_only"]["error"].as_str().unwrap_or_default();
    assert!(credits_only.contains("no max_dollars"), "{report}");
    assert_eq!(sim.report().videos_created(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_take_over_the_day_s_cap_waits_held_by_budget_and_cancel_ends_the_batch() {
    let (sim, s) = world("mcp-budget", kit::GEN_TIME).await;
    let gem = sim
        .accounts()
        .iter()
        .position(|a| a.name == "gem")
        .expect("gem");
    let shot = flowdeck::model::Shot::new(
        flowdeck::model::Model::OmniFlash,
        flowdeck::model::Aspect::Landscape,
    );
    let one = kit::gemini_client(&sim, gem)
        .estimated_usd(&shot)
        .expect("a price");
    // Room for one video today, not two.
    s.edit_config(|t| format!("[budget]\nday_dollars = {}\n\n{t}", one * 1.5));
    let (report, _) = drive("budget", &s, &["first of the day", "one too many"], &[]).await;
    let held = report["held"]["takes"].as_array().expect("takes");
    let waiting = held
        .iter()
        .find(|t| t["class"] == "budget")
        .expect("a held take");
    assert_eq!(waiting["state"], "queued", "{waiting}");
    assert!(!waiting["reason"].as_str().unwrap_or_default().is_empty());
    let ended = &report["ended"]["counts"];
    assert_eq!(
        (ended["done"].as_i64(), ended["canceled"].as_i64()),
        (Some(1), Some(1)),
        "{ended}"
    );
    assert_eq!(sim.report().videos_created(), 1);
}
