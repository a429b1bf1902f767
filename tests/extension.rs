//! The real extension in a real headless Chromium: two browser profiles, each signed in to the
//! simulator's Flow-like origin as its own account, paired with `flowdeck bridge pair`, then a
//! `flowdeck run` with faults on. Every file byte for byte, nothing owned by another account
//! touched, no cookie sent to the video host, nothing made twice, and a refused token ends
//! with its video made once. The popup is read and photographed.

mod common;

use std::process::Stdio;
use std::time::Duration;

use common::child::{command, output, setup};
use common::chrome::Chrome;
use common::*;
use flowdeck::sim::Faults;
use tokio::io::AsyncReadExt;

const BIN: &str = env!("CARGO_BIN_EXE_flowdeck");

/// `flowdeck bridge pair NAME --no-open`, with the printed link opened in `chrome`.
async fn pair(s: &common::child::Setup, chrome: &Chrome, name: &str) -> String {
    let mut child = command(
        BIN,
        s,
        &["bridge", "pair", name, "--no-open", "--timeout", "60"],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .expect("spawn");
    let (url, mut lines) = common::child::pairing_url(&mut child).await;
    let tab = chrome.open(&url).await;
    let mut rest = String::new();
    lines.read_to_string(&mut rest).await.expect("rest");
    let status = child.wait().await.expect("exit");
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut err).await.ok();
    }
    assert_eq!(status.code(), Some(0), "{rest}{err}");
    // The pairing page says so too.
    let mut page = String::new();
    for _ in 0..50 {
        page = Chrome::text(&tab).await;
        if page.contains("Paired") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(page.contains("Paired"), "{page}");
    rest
}

#[cfg(unix)]
#[tokio::test]
async fn two_browsers_pair_and_run_a_batch_through_the_real_extension() {
    let sim = sim(|c| {
        c.accounts = vec!["alice".into(), "bob".into()];
        c.generation_time = Duration::from_millis(1000);
        c.video_bytes = Some(400_000);
    })
    .await;
    let dir = temp_dir("extension");
    let mut s = setup(&sim, dir.clone(), "");
    // The real extension plays the browsers here, not the stand-ins.
    s.standins.clear();
    let mut browsers = Vec::new();
    for a in ["alice", "bob"] {
        let chrome = Chrome::launch(
            dir.join(format!("profile-{a}")),
            &format!("{}/sim/signin/{a}", sim.flow_origin()),
        )
        .await;
        let said = pair(&s, &chrome, a).await;
        assert!(
            said.contains(&format!(
                "Paired {a}: that browser is signed in to Google as {a}@sim.flowdeck.test"
            )),
            "{said}"
        );
        browsers.push(chrome);
    }

    // alice's first generate call is refused as unusual activity: she is held, bob makes it.
    sim.flag_next("alice", 1);
    sim.set_faults(Faults {
        poll_5xx: 0.2,
        create_429: 0.1,
        cut_download: 0.2,
        lost_answer: 0.15,
        ..Faults::default()
    });
    let prompts: String = (1..=6)
        .map(|i| format!("browser scene {i}: a lighthouse\n"))
        .collect();
    let file = dir.join("scenes.txt");
    std::fs::write(&file, prompts).expect("prompts");
    let out = dir.join("out");
    let started = std::time::Instant::now();
    let (code, stdout, err) = output(command(
        BIN,
        &s,
        &[
            "run",
            file.to_str().expect("utf8"),
            "--out",
            out.to_str().expect("utf8"),
            "--copies",
            "2",
        ],
    ))
    .await;
    assert_eq!(code, 0, "{stdout}{err}");
    println!("the batch took {:.1} s", started.elapsed().as_secs_f64());

    let ledger = flowdeck::store::ledger::Ledger::open(&s.ledger()).expect("ledger");
    assert_all_on_disk(&sim, &ledger, 1, 12).await;
    let r = sim.report();
    assert!(
        r.ownership_violations.is_empty(),
        "{:?}",
        r.ownership_violations
    );
    assert!(r.credential_leaks.is_empty(), "{:?}", r.credential_leaks);
    assert!(
        r.duplicated_prompts(2).is_empty(),
        "{:?}",
        r.duplicated_prompts(2)
    );
    assert_eq!(r.videos_created(), 12, "nothing made twice");
    let alice = r.account("alice").expect("alice");
    assert_eq!(alice.flagged, 1);
    assert_eq!(alice.create_calls, 0, "held after the refusal");
    assert_eq!(r.account("bob").expect("bob").videos_created, 12);
    assert!(
        stdout.contains("held") || err.contains("held") || stdout.contains("12 of 12"),
        "{stdout}{err}"
    );

    // The popup tells the same story.
    let id = browsers[1].extension_id().await;
    let popup = browsers[1]
        .open(&format!("chrome-extension://{id}/popup.html"))
        .await;
    let mut text = String::new();
    for _ in 0..50 {
        text = Chrome::text(&popup).await;
        if text.contains("bob@sim.flowdeck.test")
            && text.contains("YhhmEf") | text.contains("as29s") | text.contains("jwpduf")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for expected in [
        "bob (port",
        "bob@sim.flowdeck.test",
        "HTTP 200",
        "Forget pairing",
    ] {
        assert!(
            text.contains(expected),
            "{expected} not in the popup: {text}"
        );
    }
    let png = Chrome::screenshot(&popup).await;
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("flowdeck-screens");
    std::fs::create_dir_all(&shots).expect("dir");
    std::fs::write(shots.join("extension-popup.png"), png).expect("write");
}

#[cfg(unix)]
#[tokio::test]
async fn a_signed_out_browser_and_forgetting_the_pairing_are_told_plainly() {
    let sim = sim(|c| c.accounts = vec!["carol".into()]).await;
    let dir = temp_dir("extension");
    let mut s = setup(&sim, dir.clone(), "");
    s.standins.clear();
    let chrome = Chrome::launch(
        dir.join("profile"),
        &format!("{}/sim/signin/carol", sim.flow_origin()),
    )
    .await;
    pair(&s, &chrome, "carol").await;
    // Signed out in that browser: `accounts check` says so (the extension saw the page).
    sim.sign_out("carol");
    let (code, out, err) = output(command(BIN, &s, &["accounts", "check", "carol"])).await;
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("sign in to Flow again"), "{out}");
    sim.sign_in_again("carol");
    let (code, out, err) = output(command(BIN, &s, &["accounts", "check", "carol"])).await;
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("browser connected") && out.contains("carol@sim.flowdeck.test"),
        "{out}"
    );
    // "Forget pairing" in the popup: the browser no longer connects.
    let id = chrome.extension_id().await;
    let popup = chrome
        .open(&format!("chrome-extension://{id}/popup.html"))
        .await;
    for _ in 0..50 {
        if Chrome::text(&popup).await.contains("carol (port") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Chrome::call(
        &popup,
        "Runtime.evaluate",
        serde_json::json!({"expression": "document.getElementById('forget').click()"}),
    )
    .await;
    let mut text = String::new();
    for _ in 0..50 {
        text = Chrome::text(&popup).await;
        if text.contains("not paired") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(text.contains("not paired"), "{text}");
    let config = std::fs::read_to_string(&s.config)
        .expect("config")
        .replace("wait_secs = 10", "wait_secs = 2");
    std::fs::write(&s.config, config).expect("config");
    let (code, out, _) = output(command(BIN, &s, &["accounts", "check", "carol"])).await;
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("waiting for the browser"), "{out}");
}
