//! `flowdeck doctor`: the shapes it checks, fixture by fixture, and the command itself (and
//! `flowdeck run`'s first step) against the simulator: a verdict per account, nothing spent.

use crate::kit;

use flowdeck::provider::gemini::catalog;
use flowdeck::provider::vertex::codec;
use kit::child::setup;
use kit::*;

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
    let doctor = s.flowdeck(["doctor"]).await;
    doctor.success().stdout_has("credits").stdout_has("omni");
    let out = &doctor.stdout;
    for name in ["alice", "gem", "vert"] {
        let line = out
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no line for {name}: {out}"));
        assert!(line.contains("works:"), "{line}");
    }
    let json = s.flowdeck(["doctor", "gem", "--json"]).await;
    json.success();
    let v: serde_json::Value = serde_json::from_str(json.stdout.trim()).expect("one JSON object");
    assert_eq!(
        (v["account"].as_str(), v["verdict"].as_str()),
        (Some("gem"), Some("works"))
    );
    let r = sim.report();
    assert_eq!(r.videos_created(), 0);
    assert_eq!(r.account("alice").expect("alice").credits, credits);
    assert_clean(&r);
    s.flowdeck(["doctor", "nobody"])
        .await
        .code(2)
        .stderr_has("nobody");
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
    let doctor = s.flowdeck(["doctor"]).await;
    doctor.code(1);
    let line = doctor
        .stdout
        .lines()
        .find(|l| l.starts_with("gem"))
        .expect("gem");
    assert!(line.contains("signed out"), "{line}");

    let prompts = write(&s.dir, "p.txt", b"a lighthouse at dusk\n");
    let out_dir = s.dir.join("out");
    let args = ["run", arg(&prompts), "--out", arg(&out_dir)];
    s.flowdeck(args)
        .await
        .success()
        .stderr_has("skipping account gem");
    assert_eq!(sim.report().videos_created(), 1);
    assert!(
        sim.report()
            .account("gem")
            .is_none_or(|a| a.videos_created == 0)
    );

    // The Gemini API moves its model list: the key is fine, the shape is not.
    let moved = kit::sim(|c| {
        gemini_only(c, &["gem"]);
        c.gemini_list_drift = true;
    })
    .await;
    let s = setup(&moved, temp_dir("doctor-moved"), "");
    s.flowdeck(["doctor"])
        .await
        .code(1)
        .stdout_has("shape flowdeck does not know")
        .stdout_has("report it");
    s.flowdeck(args)
        .await
        .code(1)
        .stderr_has("no account passed `flowdeck doctor`");
    assert_eq!(moved.report().videos_created(), 0);
    // Skipping the check sends anyway (and here the model list decides the model).
    let skipped = s.flowdeck(args).arg("--skip-doctor").await;
    assert!(!skipped.stderr.contains("flowdeck doctor"), "{skipped}");
}
