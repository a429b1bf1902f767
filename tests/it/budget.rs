//! Issue 26 part 1: spending caps the engine enforces below the front ends. A create that
//! would cross a cap is never sent (the simulator counts the creates); spending is read from
//! the ledger, so a second run and a restart know it; raising a cap lets held takes go.

use crate::kit;

use std::time::Duration;

use flowdeck::engine::Event;
use flowdeck::model::CapScope;
use flowdeck::store::config::BudgetSection;
use kit::child::{Setup, setup};
use kit::engine::{fast, gemini_lane, omni_batch, start, until_finished, wait_for};
use kit::*;

const LONG: Duration = Duration::from_secs(120);

/// What `flowdeck budget --json` says was spent today over all accounts: (credits, dollars).
async fn spent_today(s: &Setup) -> (i64, f64) {
    let out = s.flowdeck(["budget", "--json"]).await;
    let out = out.success();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let today = &v["overall"]["spent_today"];
    (
        today["credits"].as_i64().expect("credits"),
        today["usd"].as_f64().expect("dollars"),
    )
}

/// One video made on alice, to learn what a video costs her (in credits).
async fn price_of_one(s: &Setup) -> i64 {
    let one = write(&s.dir, "one.txt", b"a heron on one leg\n");
    s.run(&one, &s.dir.join("out")).within(LONG).await.success();
    let (credits, _) = spent_today(s).await;
    assert!(credits > 0, "a Flow video costs credits");
    credits
}

fn scenes(n: usize) -> Vec<u8> {
    (1..=n)
        .map(|i| format!("scene {i}: a lantern drifting on a lake\n"))
        .collect::<String>()
        .into_bytes()
}

/// A batch whose estimate is over its own cap: what fits is made, nothing past it is sent,
/// the run ends (exit 1) naming the cap and `flowdeck budget raise`; `status --json` shows
/// the takes held; raising the batch's cap and resuming makes the rest.
#[tokio::test]
async fn a_batch_over_its_cap_sends_nothing_past_it_and_a_raise_lets_the_rest_go() {
    let sim = alice_with(|_| {}).await;
    let s = setup(&sim, temp_dir("budget"), "");
    let price = price_of_one(&s).await;
    assert_eq!(sim.report().videos_created(), 1);
    let five = write(&s.dir, "five.txt", &scenes(5));
    let cap = (2 * price + price / 2).to_string();
    s.run(&five, &s.dir.join("out"))
        .args(["--max-credits", &cap])
        .within(LONG)
        .await
        .code(1)
        .stdout_has("3 takes are waiting, held by budget")
        .stdout_has(&format!("the batch's cap is {cap} credits"))
        .stdout_has("flowdeck budget raise");
    assert_eq!(sim.report().videos_created(), 3, "two fit under the cap");
    let status = s.flowdeck(["status", "--batch", "2", "--json"]).await;
    let rows: serde_json::Value = serde_json::from_str(&status.success().stdout).expect("JSON");
    let held = rows
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["held_by_budget"] == true)
        .count();
    assert_eq!(held, 3, "{rows}");
    let more = (5 * price).to_string();
    s.flowdeck(["budget", "raise", "--batch", "2", "--credits", &more])
        .await
        .success()
        .stdout_has("Batch 2 may now spend");
    s.flowdeck(["resume"]).within(LONG).await.success();
    assert_eq!(sim.report().videos_created(), 6);
    assert!(sim.report().duplicated_prompts(1).is_empty());
}

/// A day's cap in the settings spans runs: the second `flowdeck run` (a new process, so a
/// restart too) knows what the first spent and sends nothing past the day's cap; raising it
/// with `flowdeck budget raise` and resuming makes the rest.
#[tokio::test]
async fn a_daily_cap_spans_two_runs_and_a_restart() {
    let sim = alice_with(|_| {}).await;
    let s = setup(&sim, temp_dir("budget"), "");
    let price = price_of_one(&s).await;
    let cap = 3 * price + price / 2;
    s.edit_config(|t| format!("{t}\n[budget.accounts.alice]\nday_credits = {cap}\n"));
    let two = write(&s.dir, "two.txt", &scenes(2));
    s.run(&two, &s.dir.join("out")).within(LONG).await.success();
    assert_eq!(sim.report().videos_created(), 3);
    let again = write(&s.dir, "again.txt", b"a kite over dunes\nthe kite lands\n");
    s.run(&again, &s.dir.join("out"))
        .within(LONG)
        .await
        .code(1)
        .stdout_has("2 takes are waiting, held by budget")
        .stdout_has(&format!("alice's cap for today is {cap} credits"))
        .stdout_has("flowdeck budget raise");
    assert_eq!(
        sim.report().videos_created(),
        3,
        "nothing past the day's cap"
    );
    assert_eq!(spent_today(&s).await.0, 3 * price);
    s.flowdeck(["budget"])
        .await
        .success()
        .stdout_has(&format!("{cap} credits"));
    s.flowdeck([
        "budget",
        "raise",
        "--account",
        "alice",
        "--day-credits",
        &(10 * price).to_string(),
    ])
    .await
    .success();
    s.flowdeck(["resume"]).within(LONG).await.success();
    assert_eq!(sim.report().videos_created(), 5);
    assert_eq!(spent_today(&s).await.0, 5 * price);
}

/// Two keys that could send eight creates at once send no more than a day's dollars allow
/// (the creates in flight are reserved), the rest wait as held by budget with the cap
/// named, and new caps given to the running engine (as the window's Settings does) let
/// them go.
#[tokio::test]
async fn concurrency_cannot_overshoot_a_cap_and_new_caps_let_held_takes_go() {
    let sim = sim(|c| {
        gemini_only(c, &["g1", "g2"]);
        c.generation_time = Duration::from_millis(300);
        c.video_bytes = Some(50_000);
    })
    .await;
    let lanes = vec![gemini_lane(&sim, "g1", 4), gemini_lane(&sim, "g2", 4)];
    let usd = lanes[0]
        .client
        .estimated_usd(&omni_batch("budget", temp_dir("x"), 1).scenes[0].shot())
        .expect("a price");
    let (engine, mut events, _ledger, out) = start(fast(), lanes).await;
    let budget = BudgetSection {
        day_dollars: Some(usd * 3.5),
        ..BudgetSection::default()
    };
    engine.set_budget(budget.clone()).expect("caps");
    engine
        .submit(omni_batch("budget", out, 8))
        .await
        .expect("submit");
    let mut held = 0;
    wait_for(&mut events, |e| {
        if let Event::BudgetHeld { takes, cap, .. } = e {
            assert_eq!(*cap, CapScope::Day);
            held += takes.len();
        }
        *e == Event::Idle && held > 0
    })
    .await;
    assert_eq!(held, 5);
    assert_eq!(sim.report().videos_created(), 3);
    engine
        .set_budget(BudgetSection {
            day_dollars: Some(usd * 20.0),
            ..budget
        })
        .expect("caps");
    let (counts, _) = until_finished(&mut events).await;
    assert_eq!(counts.done, 8);
    assert_eq!(sim.report().videos_created(), 8);
    engine.shutdown();
}
