//! `flowdeck doctor`: the shapes it checks, fixture by fixture, and the command itself (and
//! `flowdeck run`'s first step) against the simulator: a verdict per account, nothing spent.

use crate::kit;

use flowdeck::provider::gemini::catalog;
use flowdeck::provider::vertex::codec;
use kit::child::{command, output, setup};
use kit::*;

const BIN: &str = env!("CARGO_BIN_EXE_flowdeck");

fn fixture(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/tests/fixtures/doctor/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture");
    serde_json::from_str(&text).expect("json")
}

#[test]
fn the_gemini_model_list_shape_is_known_and_a_drifted_one_is_not() {
    assert_eq!(catalog::page_shape(&fixture("gemini-models.json")), Ok(2));
    let e = catalog::page_shape(&fixture("gemini-models-drifted.json")).expect_err("drifted");
    assert!(e.contains("`models`"), "{e}");
    assert!(catalog::page_shape(&serde_json::json!({"models": [{"id": "x"}]})).is_err());
}

#[test]
fn the_vertex_model_entry_shape_is_known_and_a_drifted_one_is_not() {
    let id = "veo-3.1-generate-001";
    assert_eq!(
        codec::model_shape(&fixture("vertex-model.json"), id),
        Ok(())
    );
    assert!(codec::model_shape(&fixture("vertex-model-drifted.json"), id).is_err());
    // An answer about another model is not an answer about this one.
    let other = codec::model_shape(&fixture("vertex-model.json"), "veo-3.1-fast-generate-001");
    assert!(other.is_err());
}

/// Every account works: one line each, exit 0, and not one video or credit spent.
#[tokio::test]
async fn doctor_gives_each_account_a_verdict_and_spends_nothing() {
    let sim = sim(|c| {
        c.accounts = vec!["alice".into()];
        c.gemini_accounts = vec!["gem".into()];
        c.vertex_accounts = vec!["vert".into()];
    })
    .await;
    let s = setup(&sim, temp_dir("doctor"), "");
    let credits = sim.report().account("alice").expect("alice").credits;
    let (code, out, err) = output(command(BIN, &s, &["doctor"])).await;
    assert_eq!(code, 0, "{out}{err}");
    for name in ["alice", "gem", "vert"] {
        let line = out
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no line for {name}: {out}"));
        assert!(line.contains("works:"), "{line}");
    }
    assert!(out.contains("credits") && out.contains("omni"), "{out}");
    let (code, json, _) = output(command(BIN, &s, &["doctor", "gem", "--json"])).await;
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(json.trim()).expect("one JSON object");
    assert_eq!(
        (v["account"].as_str(), v["verdict"].as_str()),
        (Some("gem"), Some("works"))
    );
    let r = sim.report();
    assert_eq!(r.videos_created(), 0);
    assert_eq!(r.account("alice").expect("alice").credits, credits);
    assert!(r.credential_leaks.is_empty() && r.ownership_violations.is_empty());
    let (code, _, err) = output(command(BIN, &s, &["doctor", "nobody"])).await;
    assert_eq!(code, 2);
    assert!(err.contains("nobody"), "{err}");
}

/// A rejected key reads "signed out"; a model list in a shape flowdeck does not know reads
/// as such, with where to report it; `run` leaves such accounts out before spending, and
/// refuses when none is left.
#[tokio::test]
async fn a_signed_out_key_and_a_moved_service_are_named_and_run_leaves_them_out() {
    let sim = sim(|c| {
        c.accounts = vec!["alice".into()];
        c.gemini_accounts = vec!["gem".into()];
    })
    .await;
    let mut s = setup(&sim, temp_dir("doctor-bad"), "");
    let gem = sim.account("gem").expect("gem").secret.expose().to_string();
    for (_, v) in s.envs.iter_mut() {
        if *v == gem {
            *v = "AIzaSyThisKeyIsNotValidAtAllxxxxxxxxxxxx".into();
        }
    }
    let (code, out, _) = output(command(BIN, &s, &["doctor"])).await;
    assert_eq!(code, 1, "{out}");
    let line = out.lines().find(|l| l.starts_with("gem")).expect("gem");
    assert!(line.contains("signed out"), "{line}");

    let prompts = s.dir.join("p.txt");
    std::fs::write(&prompts, "a lighthouse at dusk\n").expect("prompts");
    let out_dir = s.dir.join("out");
    let args = [
        "run",
        prompts.to_str().expect("utf8"),
        "--out",
        out_dir.to_str().expect("utf8"),
    ];
    let (code, out, err) = output(command(BIN, &s, &args)).await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("skipping account gem"), "{err}");
    assert_eq!(sim.report().videos_created(), 1);
    assert!(
        sim.report()
            .account("gem")
            .is_none_or(|a| a.videos_created == 0)
    );

    // The Gemini API moves its model list: the key is fine, the shape is not.
    let moved = kit::sim(|c| {
        c.accounts = Vec::new();
        c.gemini_accounts = vec!["gem".into()];
        c.gemini_list_drift = true;
    })
    .await;
    let s = setup(&moved, temp_dir("doctor-moved"), "");
    let (code, out, _) = output(command(BIN, &s, &["doctor"])).await;
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("shape flowdeck does not know") && out.contains("report it"),
        "{out}"
    );
    let (code, _, err) = output(command(BIN, &s, &args)).await;
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no account passed `flowdeck doctor`"), "{err}");
    assert_eq!(moved.report().videos_created(), 0);
    // Skipping the check sends anyway (and here the model list decides the model).
    let (_, _, err) = output(command(BIN, &s, &[&args[..], &["--skip-doctor"]].concat())).await;
    assert!(!err.contains("flowdeck doctor"), "{err}");
}
