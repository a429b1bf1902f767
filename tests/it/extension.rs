//! The real extension in a real headless Chromium: two browser profiles, each signed in to the
//! simulator's Flow-like origin as its own account, paired with `flowdeck bridge pair`, then a
//! `flowdeck run` with faults on. Every file byte for byte, nothing owned by another account
//! touched, no cookie sent to the video host, nothing made twice, and a refused token ends
//! with its video made once. The popup is read and photographed. A profile signed in to two
//! Google accounts posts as its tab's own (`/u/1`, `authuser`) and refuses a tab it cannot
//! place; an account Google sends to "Confirm it's you" waits for its person while the other
//! finishes, and comes back by itself.

use crate::kit;

use std::time::Duration;

use flowdeck::bridge::proof;
use flowdeck::provider::flow::protocol::Protocol;
use flowdeck::provider::flow::requests;
use flowdeck::provider::flow::transport::{Call, PageErrorKind, Transport, TransportError};
use flowdeck::sim::Faults;
use kit::child::setup;
use kit::chrome::Chrome;
use kit::*;
use tokio::io::AsyncReadExt;

/// The extension's popup once it shows `expected` (or whatever it shows after 10 s), and its
/// DevTools socket.
async fn popup_showing(chrome: &Chrome, expected: &str) -> (String, String) {
    let id = chrome.extension_id().await;
    let popup = chrome
        .open(&format!("chrome-extension://{id}/popup.html"))
        .await;
    let mut text = String::new();
    for _ in 0..100 {
        text = Chrome::text(&popup).await;
        if text.contains(expected) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (popup, text)
}

/// Types `check` into the popup's pairing request and presses Pair.
async fn type_check(popup: &str, check: &str) {
    let js = format!(
        "document.getElementById('check').value = {check:?}; document.getElementById('confirm').click(); true"
    );
    assert_eq!(Chrome::eval(popup, &js).await, Some(true.into()));
}

/// A page's text once it shows `expected` (or whatever it shows after 10 s).
async fn page_showing(tab: &str, expected: &str) -> String {
    let mut page = String::new();
    for _ in 0..100 {
        page = Chrome::text(tab).await;
        if page.contains(expected) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    page
}

/// `flowdeck bridge pair NAME --no-open`: the printed link opened in `chrome`, the check code
/// it prints typed into the extension's popup (nothing pairs without it). The pairing page
/// ends on "Paired as <email>" and still says so once the command has finished and gone.
async fn pair(s: &kit::child::Setup, chrome: &Chrome, name: &str) -> String {
    let mut child = s
        .flowdeck(["bridge", "pair", name, "--no-open", "--timeout", "60"])
        .spawn();
    let (url, check, mut lines) = kit::child::pairing_url(&mut child).await;
    let tab = chrome.open(&url).await;
    let (popup, text) = popup_showing(chrome, "asks to pair this browser").await;
    assert!(text.contains("asks to pair this browser"), "{text}");
    type_check(&popup, &check).await;
    let mut rest = String::new();
    lines.read_to_string(&mut rest).await.expect("rest");
    let status = child.wait().await.expect("exit");
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut err).await.ok();
    }
    assert_eq!(status.code(), Some(0), "{rest}{err}");
    // The page tells the truth to the end, after flowdeck has gone (it polled it every second
    // and said "not running any more" 0.7 s after a pairing that worked).
    let paired = format!("Paired as {name}@sim.flowdeck.test");
    let page = page_showing(&tab, &paired).await;
    assert!(page.contains(&paired), "{page}");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let page = Chrome::text(&tab).await;
    assert!(
        page.contains(&paired) && !page.contains("not running"),
        "{page}"
    );
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
    let run = s.run(&file, &out).args(["--copies", "2"]).await;
    run.success();
    let (stdout, err) = (&run.stdout, &run.stderr);
    println!("the batch took {:.1} s", started.elapsed().as_secs_f64());

    let ledger = flowdeck::store::ledger::Ledger::open(&s.ledger()).expect("ledger");
    assert_all_on_disk(&sim, &ledger, 1, 12).await;
    let r = sim.report();
    assert_clean(&r);
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
    let check = || s.flowdeck(["accounts", "check", "carol"]);
    check().await.code(1).stdout_has("sign in to Flow again");
    sim.sign_in_again("carol");
    check()
        .await
        .success()
        .stdout_has("browser connected")
        .stdout_has("carol@sim.flowdeck.test");
    // A stale link to a second account (/u/1/) in a browser signed in to one: the page says it
    // is the first account. Which account would pay cannot be told, so nothing is sent.
    let origin = sim.flow_origin();
    let tab = chrome.tab_on(&origin).await;
    Chrome::navigate(&tab, &format!("{origin}/u/1/")).await;
    let calls = |sim: &flowdeck::sim::RunningSim| -> u64 {
        let r = sim.report();
        r.account("carol").expect("carol").routes.values().sum()
    };
    let before = calls(&sim);
    check()
        .await
        .code(1)
        .stdout_has("cannot tell which of the browser's Google accounts")
        .stdout_has("/u/1 ≠ /u/0");
    assert_eq!(calls(&sim), before, "nothing sent");
    // A plain tab of a one-account browser works as ever.
    Chrome::navigate(&tab, &format!("{origin}/")).await;
    check().await.success();
    assert_eq!(
        sim.report()
            .account("carol")
            .expect("carol")
            .routes
            .keys()
            .collect::<Vec<_>>(),
        ["default"]
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
    s.edit_config(|t| t.replace("wait_secs = 10", "wait_secs = 2"));
    check().await.code(1).stdout_has("waiting for the browser");
}

/// A copy of the extension at `to`, saying it is `version`: an older one a browser kept.
fn extension_copy(to: &std::path::Path, version: &str) -> std::path::PathBuf {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("folder");
        for entry in std::fs::read_dir(from).expect("read").flatten() {
            let (src, dst) = (entry.path(), to.join(entry.file_name()));
            if src.is_dir() {
                copy(&src, &dst);
            } else {
                std::fs::copy(&src, &dst).expect("copy");
            }
        }
    }
    copy(&kit::chrome::extension_dir(), to);
    let manifest = to.join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).expect("manifest")).expect("json");
    m["version"] = version.into();
    std::fs::write(&manifest, m.to_string()).expect("manifest");
    to.to_path_buf()
}

/// An older copy of the extension keeps working, and each side says which versions meet:
/// flowdeck from what the extension said through the bridge, the popup from what flowdeck
/// said when it welcomed it.
#[cfg(unix)]
#[tokio::test]
async fn an_older_extension_keeps_working_and_both_sides_say_so() {
    let sim = sim(|c| c.accounts = vec!["carol".into()]).await;
    let dir = temp_dir("extension-version");
    let mut s = setup(&sim, dir.clone(), "");
    s.standins.clear();
    let older = extension_copy(&dir.join("older"), "0.0.9");
    let signin = format!("{}/sim/signin/carol", sim.flow_origin());
    let chrome = Chrome::launch_with(dir.join("profile"), &signin, "en-US", &older).await;
    pair(&s, &chrome, "carol").await;
    let app = env!("CARGO_PKG_VERSION");
    s.flowdeck(["accounts", "check", "carol"])
        .await
        .success()
        .stdout_has("carol@sim.flowdeck.test")
        .stdout_has(&format!("the extension is 0.0.9, flowdeck is {app}"));
    let told = format!("This extension is 0.0.9, flowdeck is {app}");
    let (_, popup) = popup_showing(&chrome, &told).await;
    assert!(popup.contains(&told), "{popup}");
}

/// Every line the child prints, as it prints them.
fn lines_of(child: &mut tokio::process::Child) -> tokio::sync::mpsc::UnboundedReceiver<String> {
    use tokio::io::AsyncBufReadExt;
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let out = child.stdout.take().expect("stdout piped");
    tokio::spawn(async move {
        let mut lines = tokio::io::BufReader::new(out).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Reads lines (keeping them in `seen`) until one satisfies `done`.
async fn until_line(
    lines: &mut tokio::sync::mpsc::UnboundedReceiver<String>,
    seen: &mut Vec<String>,
    mut done: impl FnMut(&[String]) -> bool,
) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    while !done(seen) {
        match tokio::time::timeout_at(deadline, lines.recv()).await {
            Ok(Some(line)) => seen.push(line),
            _ => panic!("not seen in time; the run said:\n{}", seen.join("\n")),
        }
    }
}

#[cfg(unix)]
#[tokio::test]
async fn a_browser_with_two_google_accounts_posts_as_its_tabs_own() {
    let sim = sim(|c| {
        c.accounts = vec!["alice".into(), "bob".into()];
        c.generation_time = Duration::from_millis(800);
        c.video_bytes = Some(200_000);
    })
    .await;
    let origin = sim.flow_origin();
    let dir = temp_dir("extension");
    let mut s = setup(&sim, dir.clone(), "");
    s.standins.clear();
    // One profile, alice signed in first; then bob added ("Add another account"): Flow opens
    // as him under /u/1/.
    let chrome = Chrome::launch(dir.join("profile"), &format!("{origin}/sim/signin/alice")).await;
    let tab = chrome.tab_on(&origin).await;
    let at = Chrome::navigate(&tab, &format!("{origin}/sim/signin/bob?add=1")).await;
    assert!(at.ends_with("/u/1/"), "{at}");
    let project = sim.account("bob").expect("bob").project_id.clone();
    let said = pair(&s, &chrome, "bob").await;
    assert!(
        said.contains("Paired bob: that browser is signed in to Google as bob@sim.flowdeck.test"),
        "{said}"
    );

    let file = dir.join("scenes.txt");
    std::fs::write(&file, "a kite over the dunes\na tram at dusk\n").expect("prompts");
    let out = dir.join("out");
    s.run(&file, &out)
        .args(["--accounts", "bob"])
        .await
        .success();
    let ledger = flowdeck::store::ledger::Ledger::open(&s.ledger()).expect("ledger");
    assert_all_on_disk(&sim, &ledger, 1, 2).await;
    let r = sim.report();
    let (alice, bob) = (r.account("alice").expect("a"), r.account("bob").expect("b"));
    // Every call under /u/1, source-path too, and bob's: the first account was never asked.
    assert_eq!(bob.routes.keys().collect::<Vec<_>>(), ["/u/1"], "{bob:?}");
    assert_eq!(bob.source_path_mismatches, 0);
    assert_eq!(bob.videos_created, 2);
    assert!(alice.routes.is_empty(), "{alice:?}");
    assert_eq!((alice.create_calls, alice.captcha_mints), (0, 0));
    // The tab went to bob's project as bob: still under /u/1.
    let href = Chrome::eval(&tab, "location.pathname").await;
    assert_eq!(href, Some(format!("/u/1/project/{project}").into()));

    // The same account named by `authuser` instead: the calls carry it.
    Chrome::navigate(&tab, &format!("{origin}/project/{project}?authuser=1")).await;
    s.flowdeck(["accounts", "check", "bob"]).await.success();
    let bob = sim.report().account("bob").cloned().expect("bob");
    assert!(bob.routes.contains_key("authuser=1"), "{bob:?}");
    assert_eq!(bob.source_path_mismatches, 0);

    // An address that names two accounts at once: nothing is sent, and the words say why.
    let before = bob.routes.values().sum::<u64>();
    Chrome::navigate(&tab, &format!("{origin}/u/1/project/{project}?authuser=0")).await;
    s.flowdeck(["accounts", "check", "bob"])
        .await
        .code(1)
        .stdout_has("cannot tell which of the browser's Google accounts")
        .stdout_has("/u/1 ≠ authuser=0");
    let bob = sim.report().account("bob").cloned().expect("bob");
    assert_eq!(bob.routes.values().sum::<u64>(), before, "nothing sent");
    assert!(sim.report().account("alice").expect("a").routes.is_empty());
    let text = popup_showing(&chrome, "(/u/1)").await.1;
    assert!(text.contains("bob@sim.flowdeck.test (/u/1)"), "{text}");
}

#[cfg(unix)]
#[tokio::test]
async fn an_account_sent_to_confirm_its_you_waits_for_its_person_and_comes_back() {
    let sim = sim(|c| {
        c.accounts = vec!["alice".into(), "bob".into()];
        c.generation_time = Duration::from_millis(2000);
        c.video_bytes = Some(200_000);
    })
    .await;
    let origin = sim.flow_origin();
    let dir = temp_dir("extension");
    // One video at a time each, so the batch outlasts the extension's next look at Flow.
    let mut s = setup(&sim, dir.clone(), "concurrency = 1");
    s.standins.clear();
    let mut browsers = Vec::new();
    for a in ["alice", "bob"] {
        let chrome = Chrome::launch(
            dir.join(format!("profile-{a}")),
            &format!("{origin}/sim/signin/{a}"),
        )
        .await;
        pair(&s, &chrome, a).await;
        browsers.push(chrome);
    }
    // Google wants bob to confirm it's him: every call of his is turned away to /about.
    sim.challenge("bob");
    let prompts: String = (1..=12).map(|i| format!("harbour scene {i}\n")).collect();
    let file = dir.join("scenes.txt");
    std::fs::write(&file, prompts).expect("prompts");
    let out = dir.join("out");
    let mut child = s.run(&file, &out).spawn();
    let mut lines = lines_of(&mut child);
    let mut seen = Vec::new();
    // The run says it in words, and alice carries on.
    until_line(&mut lines, &mut seen, |seen| {
        seen.iter().any(|l| {
            l.contains("bob: needs you: open Flow in this browser")
                && l.contains("Google sent this browser's Flow tab to /about")
        }) && seen.iter().filter(|l| l.contains("on alice: done")).count() >= 2
    })
    .await;
    assert!(
        !seen.iter().any(|l| l.contains("on bob:")),
        "no work went to bob: {seen:#?}"
    );
    let bob = sim.report().account("bob").cloned().expect("bob");
    assert_eq!((bob.create_calls, bob.captcha_mints), (0, 0));
    assert!(
        bob.turned_away >= 1,
        "Google turned his first call away: {bob:?}"
    );
    let text = popup_showing(&browsers[1], "needs you").await.1;
    assert!(
        text.contains("needs you: Google sent Flow to /about"),
        "the popup says it: {text}"
    );

    // bob finishes Google's check: the extension sees Flow normal again and says so; his lane
    // takes work again in the same run.
    sim.clear_challenge("bob");
    until_line(&mut lines, &mut seen, |seen| {
        seen.iter().any(|l| l.contains("on bob: done"))
    })
    .await;
    let status = child.wait().await.expect("exit");
    while let Some(line) = lines.recv().await {
        seen.push(line);
    }
    assert_eq!(status.code(), Some(0), "{seen:#?}");
    let ledger = flowdeck::store::ledger::Ledger::open(&s.ledger()).expect("ledger");
    assert_all_on_disk(&sim, &ledger, 1, 12).await;
    let r = sim.report();
    assert_eq!(r.videos_created(), 12, "nothing made twice");
    assert!(r.account("bob").expect("bob").videos_created >= 1);
    let text = popup_showing(&browsers[1], "normal").await.1;
    assert!(
        text.contains("Flow\nnormal") || text.contains("Flow normal"),
        "{text}"
    );
}

/// A generate is out when its Flow tab is closed, then the next one's tab is moved to another
/// page: the page cannot prove either request was not sent, so each take is looked up in the
/// account's project, found, and made once — never sent again — and the calls after a stuck
/// one go on (each in-page call is bounded).
#[cfg(unix)]
#[tokio::test]
async fn a_tab_closed_or_moved_mid_generate_never_pays_twice() {
    let sim = sim(|c| {
        c.accounts = vec!["alice".into()];
        c.generation_time = Duration::from_millis(800);
        c.video_bytes = Some(100_000);
    })
    .await;
    let dir = temp_dir("extension-tab");
    let mut s = setup(&sim, dir.clone(), "");
    s.standins.clear();
    // flowdeck waits 12 s for a call, so a call stuck in a moved tab gives up within seconds.
    s.edit_config(|t| t.replace("wait_secs = 10", "wait_secs = 10\ncall_timeout_secs = 12"));
    let origin = sim.flow_origin();
    let chrome = Chrome::launch(
        dir.join("profile-alice"),
        &format!("{origin}/sim/signin/alice"),
    )
    .await;
    pair(&s, &chrome, "alice").await;
    // Flow takes each generate (makes and charges it) and answers 3 s later.
    sim.set_faults(Faults {
        hold_generate_ms: 3000,
        ..Faults::default()
    });
    let file = dir.join("two.txt");
    std::fs::write(&file, "a heron at dawn\na kingfisher at dusk\n").expect("prompts");
    let out = dir.join("out");
    let mut child = s.run(&file, &out).spawn();
    let creates = |n: u64| {
        let sim = &sim;
        async move {
            for _ in 0..1200 {
                if sim.report().account("alice").expect("alice").create_calls >= n {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            panic!("generate {n} never reached Flow");
        }
    };
    creates(1).await;
    chrome.close_tab_on(&origin).await;
    creates(2).await;
    let tab = chrome.tab_on(&origin).await;
    Chrome::navigate(&tab, &format!("{origin}/")).await;
    let status = tokio::time::timeout(Duration::from_secs(120), child.wait())
        .await
        .expect("the run ends")
        .expect("exit");
    let mut said = String::new();
    if let Some(mut o) = child.stdout.take() {
        o.read_to_string(&mut said).await.ok();
    }
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut said).await.ok();
    }
    assert_eq!(status.code(), Some(0), "{said}");
    let r = sim.report();
    assert_eq!(r.videos_created(), 2, "each made once: {said}");
    assert_eq!(r.account("alice").expect("alice").create_calls, 2, "{said}");
    let ledger = flowdeck::store::ledger::Ledger::open(&s.ledger()).expect("ledger");
    for (take, n) in ledger.created_counts().await.expect("counts") {
        assert_eq!(n, 1, "take {take} was sent {n} times");
    }
    assert_all_on_disk(&sim, &ledger, 1, 2).await;
}

/// The extension runs the Flow calls flowdeck ships with, no more and no fewer (its lists are
/// protocol.toml's), and stretches the check code as flowdeck does.
#[test]
fn the_extensions_allow_list_is_flowdecks_protocol_table() {
    let js = std::fs::read_to_string(kit::chrome::extension_dir().join("background.js"))
        .expect("background.js");
    let list = |name: &str| -> Vec<String> {
        let start = js
            .find(&format!("const {name} = ["))
            .unwrap_or_else(|| panic!("no {name}"));
        let body = &js[start..start + js[start..].find("];").expect("end of list")];
        body.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let table = Protocol::embedded();
    let owned = |v: Vec<&String>| v.into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(list("FLOW_RPCS"), owned(table.rpc.values()));
    assert_eq!(list("FLOW_ACTIONS"), owned(table.actions.values()));
    assert!(
        js.contains(&format!("const PAIR_ROUNDS = {};", proof::PAIR_ROUNDS)),
        "PAIR_ROUNDS differs"
    );
}

/// Only the code flowdeck shows pairs (issue 22, items 3 and 4). A look-alike pairing page,
/// served by another program on another port, asks in the popup and gets nothing: the
/// pairing stays as it was, and the code the person types does not pair it, since that
/// program cannot prove it knows it. A call flowdeck's flow-protocol.toml adds runs once the
/// person allows it in the popup.
#[cfg(unix)]
#[tokio::test]
async fn only_the_code_flowdeck_shows_pairs_and_a_look_alike_page_takes_nothing() {
    let sim = sim(|c| {
        c.accounts = vec!["carol".into()];
        // Flow moved its credits read to a new id (the override below follows it).
        c.renamed = vec![("nzlxg".into(), "Kq3xQe".into())];
    })
    .await;
    let origin = sim.flow_origin();
    let dir = temp_dir("extension");
    let mut s = setup(&sim, dir.clone(), "");
    s.standins.clear();
    let chrome = Chrome::launch(dir.join("profile"), &format!("{origin}/sim/signin/carol")).await;
    pair(&s, &chrome, "carol").await;
    let paired = format!("carol (port {})", s.bridge_port);

    // Another program serves a pairing page of its own (a bridge, here), and the browser
    // opens it (a web page sent it there).
    let look_alike = kit::browsers::loopback_bridge(&origin, 5, Default::default())
        .await
        .expect("bridge");
    let fake = look_alike.offer_pairing("carol", proof::new_secret(), Duration::from_secs(60));
    let fake_page = chrome.open(&fake.url).await;
    let asked = format!("127.0.0.1:{} asks to pair this browser", look_alike.port());
    let (popup, text) = popup_showing(&chrome, &asked).await;
    assert!(text.contains(&asked), "{text}");
    assert!(
        text.contains(&paired) && text.contains("This replaces the pairing with carol"),
        "{text}"
    );
    // The person types a code (theirs, from another pairing, or any): it pairs nothing.
    type_check(&popup, &proof::shown_check(&proof::new_check())).await;
    let (_, text) = popup_showing(&chrome, "does not know that code").await;
    assert!(text.contains("does not know that code"), "{text}");
    assert!(text.contains(&paired), "the pairing changed: {text}");
    assert!(!look_alike.presence("carol").borrow().connected);
    // Refused: the request is gone, and the page says so.
    assert_eq!(
        Chrome::eval(&popup, "document.getElementById('refuse').click(); true").await,
        Some(true.into())
    );
    let page = page_showing(&fake_page, "refused in the extension's popup").await;
    assert!(page.contains("refused in the extension's popup"), "{page}");

    // Still paired with flowdeck: the next command's bridge has the browser. flowdeck's
    // flow-protocol.toml names the moved id, which the extension does not know: refused,
    // with the words saying where to allow it.
    std::fs::write(
        s.config.with_file_name("flow-protocol.toml"),
        "[rpc]\ncredits = \"Kq3xQe\"\n",
    )
    .expect("override");
    s.flowdeck(["accounts", "check", "carol"])
        .await
        .code(1)
        .stdout_has("refused the call")
        .stdout_has("allow it in the extension's popup");
    let calls = sim.report().account("carol").expect("carol").routes.clone();
    assert!(calls.is_empty(), "sent to Flow: {calls:?}");
    let (popup, text) = popup_showing(&chrome, "RPC Kq3xQe").await;
    assert!(text.contains("RPC Kq3xQe"), "{text}");
    assert_eq!(
        Chrome::eval(&popup, "document.getElementById('allow').click(); true").await,
        Some(true.into())
    );
    let mut out = String::new();
    for _ in 0..3 {
        let check = s.flowdeck(["accounts", "check", "carol"]).await;
        out = check.stdout;
        if check.exit == 0 {
            break;
        }
    }
    assert!(out.contains("carol@sim.flowdeck.test"), "{out}");
}

/// Whoever the extension is paired with, it runs only the Flow calls flowdeck makes (issue 22,
/// item 3): another RPC id, a reCAPTCHA action flowdeck never names, a path off Flow's home and
/// project pages (or to another origin) are refused before anything reaches Flow.
#[cfg(unix)]
#[tokio::test]
async fn the_extension_runs_only_flowdecks_calls_on_flows_own_pages() {
    let sim = sim(|c| c.accounts = vec!["alice".into()]).await;
    let origin = sim.flow_origin();
    let dir = temp_dir("extension");
    let chrome = Chrome::launch(dir.join("profile"), &format!("{origin}/sim/signin/alice")).await;
    // This test's own bridge, paired as a person pairs: the link, then the code in the popup.
    let b = kit::browsers::loopback_bridge(&origin, 30, Default::default())
        .await
        .expect("bridge");
    let pairing = b.offer_pairing("alice", proof::new_secret(), Duration::from_secs(60));
    chrome.open(&pairing.url).await;
    let (popup, _) = popup_showing(&chrome, "asks to pair this browser").await;
    type_check(&popup, &pairing.check).await;
    let p = pairing.wait(Duration::from_secs(30)).await.expect("paired");
    assert_eq!(p.email.as_deref(), Some("alice@sim.flowdeck.test"));
    let link = b.link("alice");
    // flowdeck's own call runs.
    let answer = link.call(requests::credits()).await.expect("credits");
    assert_eq!(answer.status, 200);
    let seen = |sim: &flowdeck::sim::RunningSim| {
        let r = sim.report();
        let a = r.account("alice").expect("alice");
        (a.requests, a.captcha_mints)
    };
    let before = seen(&sim);
    let generate = Call {
        rpcid: "YhhmEf".into(),
        freq: r#"[["__CAPTCHA__"]]"#.into(),
        path: "/".into(),
        captcha: Some("VIDEO_GENERATION".into()),
    };
    let refused = [
        // Another RPC id.
        Call {
            rpcid: "Xq9zQe".into(),
            ..requests::credits()
        },
        // A reCAPTCHA token for an action flowdeck never names.
        Call {
            captcha: Some("LOGIN".into()),
            ..requests::credits()
        },
        // A generate whose path would take the tab to another origin, or off Flow's pages.
        Call {
            path: "@evil.example:80/x".into(),
            ..generate.clone()
        },
        Call {
            path: "/sim/signin/mallory".into(),
            ..generate.clone()
        },
        Call {
            path: "/project/p/../../sim/signin/mallory".into(),
            ..generate
        },
    ];
    for call in refused {
        let e = link.call(call.clone()).await.expect_err("refused");
        assert!(
            matches!(&e, TransportError::Page(p) if p.kind == PageErrorKind::NotAllowed),
            "{call:?}: {e:?}"
        );
    }
    assert_eq!(seen(&sim), before, "something reached Flow");
    // The Flow tab stayed on Flow.
    let tab = chrome.tab_on(&origin).await;
    assert_eq!(
        Chrome::eval(&tab, "location.origin").await,
        Some(origin.clone().into())
    );
    let path = Chrome::eval(&tab, "location.pathname").await;
    assert!(
        !path
            .as_ref()
            .and_then(|p| p.as_str())
            .unwrap_or_default()
            .contains("signin"),
        "{path:?}"
    );
}

/// In a browser that speaks Vietnamese, with flowdeck speaking it too: the pairing page is in
/// flowdeck's words, then in the extension's own (`_locales/vi`), and so is the popup.
#[cfg(unix)]
#[tokio::test]
async fn the_pairing_page_and_the_popup_speak_the_users_language() {
    let sim = sim(|c| c.accounts = vec!["alice".into()]).await;
    let s = setup(&sim, temp_dir("ext-vi"), "");
    let chrome = Chrome::launch_speaking(s.dir.join("vi-profile"), "about:blank", "vi").await;
    let mut child = s
        .flowdeck(["bridge", "pair", "alice", "--no-open", "--timeout", "60"])
        .env("FLOWDECK_LANG", "vi")
        .spawn();
    let (url, check, _lines) = kit::child::pairing_url(&mut child).await;
    let tab = chrome.open(&url).await;
    let page = page_showing(&tab, "Bây giờ hãy bấm biểu tượng").await;
    assert!(
        page.contains("Ghép nối trình duyệt này với flowdeck"),
        "{page}"
    );
    assert!(page.contains("Bây giờ hãy bấm biểu tượng"), "{page}");
    let (popup, text) = popup_showing(&chrome, "đề nghị ghép nối").await;
    assert!(text.contains("đề nghị ghép nối trình duyệt này"), "{text}");
    assert!(text.contains("Tài khoản Google"), "{text}");
    type_check(&popup, &check).await;
    let page = page_showing(&tab, "Đã ghép nối với flowdeck với tên alice").await;
    assert!(
        page.contains("Đã ghép nối với flowdeck với tên alice"),
        "{page}"
    );
    assert_eq!(child.wait().await.expect("exit").code(), Some(0));
}
