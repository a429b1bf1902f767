//! The `flowdeck` binary as a child process against the simulator in this process, with a
//! stand-in extension per Flow account connecting to the child's bridge: bad input, accounts,
//! pairing, waiting for browsers, and crash safety (SIGKILL mid-batch, then `flowdeck resume`).

use crate::kit;

use kit::child::walk;
#[cfg(unix)]
use kit::child::{follow, kill_between_sends, ledger_count, state_is};

use std::path::{Path, PathBuf};
#[cfg(target_os = "linux")]
use std::process::Stdio;
use std::time::Duration;

use kit::child::setup;
use kit::cli::BIN;
use kit::*;

/// A spreadsheet from tests/fixtures/import (written by openpyxl, as a spreadsheet program would).
fn xlsx(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name),
    )
    .expect("fixture")
}

#[tokio::test]
async fn bad_prompt_files_exit_2_with_a_clear_message() {
    let sim = sim(|_| {}).await;
    let s = setup(&sim, temp_dir("cli"), "");
    let bad_copies = xlsx("bad-copies.xlsx");
    let cases: Vec<(&str, &[u8], &str)> = vec![
        ("empty.txt", b"\n\n", "no prompts"),
        ("latin1.txt", b"ok\nCaf\xe9\n", "line 2"),
        (
            "noprompt.csv",
            b"text,copies\nx,1\n",
            "no \"prompt\" column",
        ),
        ("copies.csv", b"prompt,copies\na,1\nb,7\n", "line 3"),
        ("quote.csv", b"prompt\na\n\"b\nc\nd\n", "line 3"),
        ("broken.json", b"[\"a\",\n  {\"prompt\": }]", "line 2"),
        ("item.json", br#"[{"prompt":"a"},{"name":"b"}]"#, "item 2"),
        ("doc.docx", b"x", ".docx"),
        ("bad-copies.xlsx", &bad_copies, "row 3"),
        (
            "broken.ods",
            b"PK not a spreadsheet",
            "cannot read the spreadsheet",
        ),
    ];
    for (name, bytes, want) in cases {
        let file = write(&s.dir, name, bytes);
        s.flowdeck(["run", arg(&file), "--out", "/tmp/x"])
            .await
            .code(2)
            .stderr_has(name)
            .stderr_has(want);
    }
    s.flowdeck(["run", "/no/such/file.txt"])
        .await
        .code(2)
        .stderr_has("/no/such/file.txt");
    assert_eq!(sim.report().videos_created(), 0);
}

/// A run of the binary on a prompt file: its exit code, its error output, the most memory it
/// held (peak resident set, KiB) and how long it took.
#[cfg(target_os = "linux")]
#[allow(
    clippy::zombie_processes,
    reason = "reaped by wait4, which also gives its peak memory"
)]
fn run_measured(s: &kit::child::Setup, file: &Path) -> (i32, String, i64, Duration) {
    let err_path = file.with_extension("stderr");
    let err = std::fs::File::create(&err_path).expect("stderr file");
    let started = std::time::Instant::now();
    let child = std::process::Command::new(BIN)
        .env("FLOWDECK_LANG", "en")
        .args([
            "run",
            file.to_str().expect("utf8"),
            "--out",
            "/tmp/x",
            "--config",
        ])
        .arg(&s.config)
        .envs(s.envs.iter().cloned())
        .env_remove("FLOWDECK_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(err)
        .spawn()
        .expect("runs");
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // wait4 gives the child's own peak memory, which `wait` does not.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4");
    let took = started.elapsed();
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -libc::WTERMSIG(status)
    };
    let err = std::fs::read_to_string(&err_path).expect("stderr");
    (code, err, usage.ru_maxrss, took)
}

/// Hostile prompt files through the real binary (issue 22, items 7 and 8). The spreadsheet
/// spanning A1:XFD1048576 aborted the process (a 550 GB allocation, SIGABRT), the GR1048576 one
/// peaked at 12.9 GB, a 1 MB workbook held a 1 GiB cell, a 300 MiB line was one prompt and 2
/// million CSV rows took 935 MB. Each is now refused (exit 2) with the file, where, and the
/// limit, in a few tens of MB and well under a second or two.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn hostile_prompt_files_are_refused_in_bounded_memory_and_time() {
    // A child's peak memory counts its parent's until it starts the binary (vfork, then
    // exec): measured from a test process of its own, not one shared with every other test.
    if !kit::alone() {
        return;
    }
    use kit::sheets::*;
    let sim = sim(|_| {}).await;
    let s = setup(&sim, temp_dir("cli-hostile"), "");
    let header = row(1, &[("A1", "prompt")]);
    let corner = |at: &str| {
        let far = format!("{header}{}", row(1_048_576, &[(at, "x")]));
        xlsx(&format!("A1:{at}"), &far)
    };
    let long_line = s.dir.join("long-line.txt");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&long_line).expect("file"));
        f.write_all(b"a first scene\n").expect("write");
        let mib = vec![b'a'; 1 << 20];
        for _ in 0..300 {
            f.write_all(&mib).expect("write");
        }
        f.write_all(b"\n").expect("write");
    }
    let mut rows = b"prompt\n".to_vec();
    for _ in 0..2_000_000 {
        rows.extend_from_slice(b"x\n");
    }
    let ods_bomb = ods(&format!(
        "<table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated=\"1048575\">\
         <table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\">\
         <text:p>x</text:p></table:table-cell></table:table-row>",
        ods_text("prompt")
    ));
    let xls_corners = xls(
        &workbook(1, &[label(0, 0, "prompt"), number(65_535, 65_535, 1.0)]),
        |_| {},
    );
    let xls_loop = xls(&workbook(1, &[label(0, 0, "prompt")]), |fat| fat[1] = 1);
    let files: Vec<(&str, Option<Vec<u8>>, &str, &str)> = vec![
        (
            "corner-xfd.xlsx",
            Some(corner("XFD1048576")),
            "row 1048576",
            "no heading",
        ),
        (
            "corner-gr.xlsx",
            Some(corner("GR1048576")),
            "row 1048576",
            "no heading",
        ),
        (
            "huge-cell.xlsx",
            Some(xlsx_with_a_huge_cell(1024)),
            "sheet1.xml",
            "more than 32 MB",
        ),
        ("long-line.txt", None, "line 2", "more than 64 KiB"),
        (
            "rows.csv",
            Some(rows),
            "line 10002 (row 10001)",
            "more than 10,000 scenes",
        ),
        (
            "repeats.ods",
            Some(ods_bomb),
            "row 9",
            "more than 120,012 cells",
        ),
        (
            "corners.xls",
            Some(xls_corners),
            "spreadsheet",
            "more than 1,000,000 cells",
        ),
        ("loop.xls", Some(xls_loop), "spreadsheet", "loops back"),
    ];
    for (name, bytes, place, limit) in files {
        let file = match bytes {
            Some(b) => write(&s.dir, name, &b),
            None => long_line.clone(),
        };
        let size = std::fs::metadata(&file).expect("file").len();
        let (code, err, peak_kib, took) = run_measured(&s, &file);
        eprintln!(
            "{name}: {size} bytes, exit {code} in {took:?}, peak RSS {} MiB",
            peak_kib >> 10
        );
        assert_eq!(code, 2, "{name}: {err}");
        assert!(
            err.contains(name) && err.contains(place) && err.contains(limit),
            "{name}: {err}"
        );
        assert!(peak_kib < 150 << 10, "{name}: peak RSS {peak_kib} KiB");
        assert!(took < Duration::from_secs(20), "{name}: {took:?}");
    }
    assert_eq!(sim.report().videos_created(), 0);
}

#[tokio::test]
async fn bad_configs_and_arguments_exit_2() {
    let sim = sim(|_| {}).await;
    let s = setup(&sim, temp_dir("cli"), "");
    let prompts = write(&s.dir, "p.txt", b"a scene\n");
    let p = prompts.to_str().expect("utf8");
    let configs: Vec<(&str, &str)> = vec![
        ("[flow]\norigin = \"https://x\"\nbogus = true\n", ":3:"),
        ("[engine]\nconcurrency = \"four\"\n", ":2:"),
        ("[flow]\norigin = \"ftp://x\"\n", "origin"),
        (
            "[flow]\ncaptcha_command = \"helper\"\n",
            "retired in September 2026",
        ),
        (
            "[[accounts]]\nname = \"a\"\n[[accounts]]\nname = \"a\"\n",
            "two accounts",
        ),
        (
            "[[accounts]]\nname = \"a\"\nprovider = \"vimeo\"\n",
            "vimeo",
        ),
        ("not toml at all [", ":1:"),
    ];
    for (i, (text, want)) in configs.into_iter().enumerate() {
        let file = write(&s.dir, &format!("bad{i}.toml"), text.as_bytes());
        flowdeck(["run", p, "--config", arg(&file)])
            .envs(s.envs.clone())
            .await
            .code(2)
            .stderr_has(&format!("bad{i}.toml"))
            .stderr_has(want);
    }
    // Unknown account, unset secret variable, bad flags.
    s.flowdeck(["run", p, "--accounts", "nobody"])
        .await
        .code(2)
        .stderr_has("nobody");
    s.flowdeck(["run", p, "--accounts", "alice"])
        .env_remove("FD_TEST_ACC0")
        .await
        .code(2)
        .stderr_has("FD_TEST_ACC0");
    for flags in [
        ["--copies", "5"],
        ["--aspect", "square"],
        ["--model", "veo 9"],
    ] {
        s.flowdeck(["run", p].into_iter().chain(flags))
            .await
            .code(2);
    }
    assert_eq!(sim.report().videos_created(), 0);
}

#[tokio::test]
async fn accounts_can_be_added_checked_listed_and_removed() {
    let sim = sim(|c| c.gemini_accounts = vec!["gem".into()]).await;
    let s = setup(&sim, temp_dir("cli"), "");
    let port = s.bridge_port;
    // A fresh config with no accounts.
    std::fs::write(
        &s.config,
        format!(
            "[flow]\norigin = \"{}\"\n\n[bridge]\nport = {port}\nwait_secs = 10\n\n[gemini]\napi_url = \"{}\"\n",
            sim.flow_origin(),
            sim.api_url()
        ),
    )
    .expect("config");
    // A Flow account keeps its pairing secret in FD_TEST_ACC0 (what alice's stand-in holds).
    s.flowdeck(["accounts", "add", "alice", "--secret-env", "FD_TEST_ACC0"])
        .await
        .success()
        .stdout_has("flowdeck bridge pair alice");
    // Without a keyring, a typed key cannot be kept: say so instead of writing a file.
    let key = sim.account("gem").expect("gem").secret.clone();
    s.flowdeck(["accounts", "add", "g", "--provider", "gemini"])
        .stdin(key.expose())
        .await
        .code(2)
        .stderr_has("keyring")
        .stderr_has("--secret-env");
    assert!(
        !std::fs::read_to_string(&s.config)
            .expect("config")
            .contains(key.expose())
    );

    // The check starts the bridge; alice's browser connects and is looked at through it.
    s.flowdeck(["accounts", "check"])
        .await
        .success()
        .stdout_has("browser connected")
        .stdout_has("alice@sim.flowdeck.test")
        .stdout_has("Pro")
        .stdout_has("10,000 credits");
    // A Gemini key from the environment: the check names the models the key can use.
    let gem = sim
        .accounts()
        .iter()
        .position(|a| a.name == "gem")
        .expect("gem");
    let var = format!("FD_TEST_ACC{gem}");
    let added = s
        .flowdeck([
            "accounts",
            "add",
            "g",
            "--provider",
            "gemini",
            "--secret-env",
            &var,
        ])
        .await;
    added.success();
    assert!(!added.stderr.contains("does not look like"), "{added}");
    s.flowdeck(["accounts", "check", "g"])
        .await
        .success()
        .stdout_has("makes: ")
        .stdout_has("gemini-omni-1.2-flash");
    // A key in an unfamiliar format is kept with a note; the service then decides.
    let added = s
        .flowdeck([
            "accounts",
            "add",
            "odd",
            "--provider",
            "gemini",
            "--secret-env",
            "FD_ODD_KEY",
        ])
        .env("FD_ODD_KEY", "gk_live_0123456789abcdef")
        .await;
    added
        .success()
        .stderr_has("does not look like a Gemini API key");
    assert!(
        !added.stderr.contains("gk_live_0123456789abcdef"),
        "the key is never echoed: {added}"
    );
    s.flowdeck(["accounts", "check", "odd"])
        .env("FD_ODD_KEY", "gk_live_0123456789abcdef")
        .await
        .code(1)
        .stdout_has("odd")
        .stdout_has("FAIL");
    sim.sign_out("alice");
    s.flowdeck(["accounts", "check", "alice"])
        .await
        .code(1)
        .stdout_has("sign in to Flow again");
    s.flowdeck(["accounts", "list"])
        .await
        .success()
        .stdout_has("$FD_TEST_ACC0");
    s.flowdeck(["accounts", "remove", "alice"]).await.success();
    s.flowdeck(["accounts", "remove", "alice"]).await.code(2);
}

/// What a local program that has only a pairing link gets: it asks for the pairing and
/// answers flowdeck's challenge as best it can, then says hello as `account` (with the secret
/// it got, if any, else a guess) with a victim's email.
async fn the_link_alone(url: &str, account: &str) -> String {
    use flowdeck::bridge::proof;
    use flowdeck::bridge::protocol::{FromBrowser, ToBrowser, VERSION};
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let (host, code) = url
        .trim_start_matches("http://")
        .split_once("/pair/")
        .expect("a pairing link");
    let ws = format!("ws://{host}/bridge");
    async fn talk(ws: &str, first: FromBrowser, answer: impl Fn(&str) -> FromBrowser) -> ToBrowser {
        let (mut s, _) = tokio_tungstenite::connect_async(ws)
            .await
            .expect("connects");
        let next = |m: Option<Result<Message, _>>| match m {
            Some(Ok(Message::Text(t))) => ToBrowser::parse(t.as_str()).expect("message"),
            other => ToBrowser::Refused {
                reason: format!("{other:?}"),
            },
        };
        s.send(Message::Text(first.to_text().into())).await.ok();
        let challenge = next(s.next().await);
        let ToBrowser::Challenge { nonce, .. } = challenge else {
            return challenge;
        };
        s.send(Message::Text(answer(&nonce).to_text().into()))
            .await
            .ok();
        next(s.next().await)
    }
    let mine = proof::new_nonce();
    let guess = proof::pairing_key(&proof::new_check(), code);
    let paired = talk(
        &ws,
        FromBrowser::Pair {
            v: VERSION,
            code: code.into(),
            nonce: mine.clone(),
        },
        |server| FromBrowser::Auth {
            proof: proof::pair_browser_proof(&guess, server, &mine),
        },
    )
    .await;
    let (secret, got) = match paired {
        ToBrowser::Paired { secret, .. } => (flowdeck::secret::Secret::new(secret), "a secret"),
        _ => (proof::new_secret(), "no secret"),
    };
    let hello = talk(
        &ws,
        kit::peer::hello(account, &mine, Some("victim@example.com"), None),
        |server| FromBrowser::Auth {
            proof: proof::browser_proof(&secret, server, &mine),
        },
    )
    .await;
    let said = if matches!(hello, ToBrowser::Welcome { .. }) {
        "welcomed"
    } else {
        "refused"
    };
    format!("{got}; {said}")
}

/// Settings naming one Flow account, bob, whose pairing secret is in FD_PAIR_BOB.
fn bob_alone(sim: &flowdeck::sim::RunningSim, s: &kit::child::Setup) {
    std::fs::write(
        &s.config,
        format!(
            "[flow]\norigin = \"{}\"\n\n[bridge]\nport = {}\n\n[[accounts]]\nname = \"bob\"\nsecret_env = \"FD_PAIR_BOB\"\n",
            sim.flow_origin(),
            s.bridge_port
        ),
    )
    .expect("config");
}

#[tokio::test]
async fn bridge_pair_prints_a_url_and_records_the_browser_s_account() {
    let sim = sim(|_| {}).await;
    let s = setup(&sim, temp_dir("cli"), "");
    bob_alone(&sim, &s);
    let mut child = s
        .flowdeck(["bridge", "pair", "bob", "--no-open", "--timeout", "20"])
        .env("FD_PAIR_BOB", "a-long-enough-pairing-secret-for-bob")
        .spawn();
    // The line with the URL, the check code on the next.
    let (url, check, mut lines) = kit::child::pairing_url(&mut child).await;
    // Another user of the machine reads the URL (it is in the browser opener's arguments) and
    // tries it first: without the check code it gets nothing, and its hello as bob, with a
    // victim's email, is refused too.
    assert_eq!(
        the_link_alone(&url, "bob").await,
        "no secret; refused",
        "the link alone paired"
    );
    // Then the extension in bob's browser, its person having typed the code.
    let (account, secret) = flowdeck::sim::standin::StandIn::pair(&url, &check)
        .await
        .expect("paired");
    assert_eq!(account, "bob");
    assert_eq!(secret.expose(), "a-long-enough-pairing-secret-for-bob");
    let _bob = flowdeck::sim::standin::StandIn::connect(
        &format!("ws://127.0.0.1:{}/bridge", s.bridge_port),
        "bob",
        secret,
        sim.page("bob").expect("bob"),
    );
    let mut rest = String::new();
    use tokio::io::AsyncReadExt;
    lines.read_to_string(&mut rest).await.expect("rest");
    let status = child.wait().await.expect("exit");
    assert_eq!(status.code(), Some(0), "{rest}");
    assert!(
        rest.contains("Paired bob") && rest.contains("bob@sim.flowdeck.test"),
        "{rest}"
    );
    let config = std::fs::read_to_string(&s.config).expect("config");
    assert!(
        config.contains("email = \"bob@sim.flowdeck.test\""),
        "{config}"
    );
    assert!(
        !rest.contains("victim") && !config.contains("victim"),
        "{rest}{config}"
    );
    assert!(!config.contains("a-long-enough-pairing-secret"), "{config}");

    // Nobody opens the next link: a clear timeout, exit 1.
    s.flowdeck(["bridge", "pair", "bob", "--no-open", "--timeout", "5"])
        .env("FD_PAIR_BOB", "a-long-enough-pairing-secret-for-bob")
        .await
        .code(1)
        .stderr_has("timed out");
}

#[tokio::test]
async fn a_run_waits_for_browsers_then_goes_on_with_those_present() {
    let sim = sim(|_| {}).await;
    let mut s = setup(&sim, temp_dir("cli"), "");
    // Only alice's browser is open; the wait is short.
    s.standins.truncate(1);
    s.edit_config(|t| t.replace("wait_secs = 10", "wait_secs = 1"));
    let file = write(&s.dir, "two.txt", b"a heron\na kingfisher\n");
    let out = s.dir.join("out");
    s.run(&file, &out)
        .await
        .success()
        .stderr_has("waiting up to 1 s for the browsers of bob, carol")
        .stderr_has("bob: its browser is not connected");
    let r = sim.report();
    assert_eq!(r.account("alice").expect("alice").videos_created, 2);
    assert_eq!(r.account("bob").expect("bob").create_calls, 0);
}

#[cfg(unix)]
#[tokio::test]
async fn killed_mid_batch_and_resumed_nothing_lost_nothing_paid_twice() {
    let sim = sim(|c| {
        c.generation_time = Duration::from_millis(1500);
        c.video_bytes = Some(3 << 20);
    })
    .await;
    let s = setup(&sim, temp_dir("cli"), "max_downloads = 2");
    let prompts: String = (1..=12)
        .map(|i| format!("crash test scene {i}\n"))
        .collect();
    let file = write(&s.dir, "scenes.txt", prompts.as_bytes());
    let out = s.dir.join("out");
    let db = s.dir.join("data/ledger.sqlite3");

    // Round 1: killed while creates are going out.
    let mut child = s
        .run(&file, &out)
        .args(["--copies", "2", "--json"])
        .spawn_quiet();
    let mut generating = 0;
    assert!(
        follow(&mut child, |v| {
            generating += usize::from(state_is(v, "generating"));
            generating >= 4
        })
        .await
    );
    kill_between_sends(&mut child, &db).await;

    // Round 2: killed while downloading; round 3: after some are done.
    let points: [(&str, usize); 2] = [("downloading", 2), ("done", 6)];
    for (state, n) in points {
        let mut child = s.flowdeck(["resume", "--json"]).spawn_quiet();
        let mut seen = 0;
        assert!(
            follow(&mut child, |v| {
                seen += usize::from(state_is(v, state));
                seen >= n
            })
            .await,
            "never saw {n} {state}"
        );
        kill_between_sends(&mut child, &db).await;
    }

    // Then resume to the end.
    let resumed = s.flowdeck(["resume", "--json"]).await;
    let ledger = flowdeck::store::ledger::Ledger::open(&db).expect("ledger");
    // A kill that lands inside the ledger's commit of "Submitting" (the process frozen after
    // the commit frame reached the WAL, before a reader could see it) leaves that take
    // Uncertain on resume, as designed. The simulator shows the create never arrived; the
    // user's explicit retry then sends it once.
    let uncertain = kit::chaos::uncertain_takes(&ledger).await;
    if uncertain.is_empty() {
        resumed.success();
    } else {
        let report = sim.report();
        for t in &uncertain {
            let made = report.media.iter().filter(|m| m.prompt == t.prompt).count();
            assert!(
                made < 2,
                "take {} is uncertain but its video was made: a paid video was lost",
                t.id
            );
        }
        let ids: Vec<String> = uncertain.iter().map(|t| t.id.to_string()).collect();
        s.flowdeck(["retry"].into_iter().chain(ids.iter().map(String::as_str)))
            .await
            .success();
    }

    // Every video on disk exactly once, byte-identical; nothing made twice.
    assert_all_on_disk(&sim, &ledger, 1, 24).await;
    let mut mp4 = 0;
    for entry in walk(&out) {
        let name = entry.to_string_lossy().to_string();
        assert!(!name.ends_with(".part"), "left over: {name}");
        mp4 += usize::from(name.ends_with(".mp4"));
    }
    assert_eq!(mp4, 24);
    let report = sim.report();
    assert_eq!(report.videos_created(), 24, "videos were paid for twice");
    assert!(report.duplicated_prompts(2).is_empty());
    assert_clean(&report);
}

/// One slow scene (every answer 1.5 s late) run on `account`, the child killed once the take
/// is being sent (for Flow: once its browser has minted the token, so the create is on its
/// way) while the simulator holds the create; the simulator, with its faults still on, and
/// the settings.
#[cfg(unix)]
async fn killed_during_a_send(
    accounts: impl FnOnce(&mut flowdeck::sim::SimConfig),
    account: &str,
    model: &str,
) -> (flowdeck::sim::RunningSim, kit::child::Setup) {
    let sim = sim(|c| {
        accounts(c);
        c.faults = flowdeck::sim::Faults {
            slow: 1.0,
            slow_ms: 1500,
            ..Default::default()
        };
    })
    .await;
    let s = setup(&sim, temp_dir("cli"), "");
    let file = write(&s.dir, "one.txt", b"a single slow scene\n");
    let out = s.dir.join("out");
    let mut child = s
        .run(&file, &out)
        .args(["--json", "--accounts", account, "--model", model])
        .spawn_quiet();
    assert!(follow(&mut child, |v| state_is(v, "submitting")).await);
    if sim.account(account).is_some_and(|a| a.provider == "flow") {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while sim
            .report()
            .account(account)
            .is_some_and(|a| a.captcha_mints == 0)
        {
            assert!(
                std::time::Instant::now() < deadline,
                "the create never left"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    child.kill().await.expect("kill");
    (sim, s)
}

#[cfg(unix)]
#[tokio::test]
async fn a_kill_during_a_flow_send_is_found_again_on_resume_and_never_paid_twice() {
    let (sim, s) = killed_during_a_send(|_| {}, "alice", "veo-3.1-fast").await;
    let db = s.ledger();
    // The browser carried the create on after flowdeck died: it was made, and charged.
    tokio::time::sleep(Duration::from_millis(1700)).await;
    sim.set_faults(flowdeck::sim::Faults::default());
    assert_eq!(
        sim.report().videos_created(),
        1,
        "{:?}",
        sim.report().accounts
    );
    // `run`'s doctor read the listing once; on resume the project is read before its first
    // use and the lookup reads it once more.
    let listings = sim.report().account("alice").expect("alice").listings;
    s.flowdeck(["resume"])
        .await
        .success()
        .stdout_has("1 found on the account");
    assert_eq!(ledger_count(&db, "done"), 1);
    assert_eq!(sim.report().videos_created(), 1, "found, not paid twice");
    assert_eq!(
        sim.report().account("alice").expect("alice").listings,
        listings + 2
    );
}

#[cfg(unix)]
#[tokio::test]
async fn a_kill_during_a_gemini_send_leaves_it_uncertain_and_only_a_retry_resends_it() {
    let (sim, s) = killed_during_a_send(|c| gemini_only(c, &["gem"]), "gem", "omni-flash").await;
    let db = s.ledger();
    sim.set_faults(flowdeck::sim::Faults::default());
    // The Gemini API cannot be asked about a lost create: it stays Uncertain.
    s.flowdeck(["resume"])
        .await
        .code(1)
        .stdout_has("Uncertain")
        .stdout_has("not sent again");
    assert_eq!(ledger_count(&db, "uncertain"), 1);
    // Nothing more to do, and nothing was sent again.
    s.flowdeck(["resume"])
        .await
        .success()
        .stdout_has("Nothing to resume");
    tokio::time::sleep(Duration::from_millis(1700)).await;
    assert!(sim.report().videos_created() <= 1);
    s.flowdeck(["status", "--batch", "1"])
        .await
        .success()
        .stdout_has("uncertain");
    // Only the user's explicit retry sends it again, with a warning about the cost.
    let made_before = sim.report().videos_created();
    s.flowdeck(["retry", "1"])
        .await
        .success()
        .stderr_has("can cost credits again");
    assert_eq!(sim.report().videos_created(), made_before + 1);
    assert_eq!(ledger_count(&db, "done"), 1);
    // A take that is not failed cannot be retried.
    s.flowdeck(["retry", "2"]).await.code(2);
}

/// Two Gemini keys (g1, g2), a one-scene prompt file and an output folder.
async fn a_fox_and_two_gemini_keys() -> (
    flowdeck::sim::RunningSim,
    kit::child::Setup,
    PathBuf,
    PathBuf,
) {
    let sim = sim(|c| gemini_only(c, &["g1", "g2"])).await;
    let s = setup(&sim, temp_dir("cli"), "");
    let file = write(&s.dir, "fox.txt", b"a fox in the snow\n");
    let out = s.dir.join("out");
    (sim, s, file, out)
}

#[tokio::test]
async fn a_finished_omni_video_is_revised_on_the_account_that_made_it() {
    let (sim, s, file, out) = a_fox_and_two_gemini_keys().await;
    s.run(&file, &out)
        .args([
            "--model",
            "omni-flash",
            "--duration",
            "5",
            "--accounts",
            "g2",
        ])
        .await
        .success();
    let sidecar = |revision: bool| -> serde_json::Value {
        let path = walk(&out)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .find(|p| p.to_string_lossy().contains("revision_of") == revision)
            .expect("a sidecar");
        serde_json::from_slice(&std::fs::read(path).expect("sidecar")).expect("json")
    };
    let first = sidecar(false);
    let interaction = first["remote"]["interaction"]
        .as_str()
        .expect("interaction id")
        .to_string();
    // Unusable requests are refused before anything is sent, each with its reason.
    for (args, says) in [
        (vec!["revise", "9", "night"], "there is no take 9"),
        (vec!["revise", "1", "  "], "instruction is empty"),
        (vec!["revise", "1", "night", "--copies", "5"], "5"),
    ] {
        s.flowdeck(args).await.code(2).stderr_has(says);
    }
    assert_eq!(sim.report().videos_created(), 1);
    s.flowdeck(["revise", "1", "make it night"]).await.success();
    let report = sim.report();
    let revision = made_from(&report, "make it night");
    // On g2, which made the first video (g1 could not name its interaction), and chained to it.
    assert_eq!(revision.owner, "g2");
    assert_eq!(revision.previous.as_deref(), Some(interaction.as_str()));
    assert!(
        report.ownership_violations.is_empty(),
        "{:?}",
        report.ownership_violations
    );
    let second = sidecar(true);
    assert_eq!(second["revision_of"], interaction.as_str());
    assert_eq!(second["prompt"], "make it night");
    assert_ne!(
        second["remote"]["interaction"],
        first["remote"]["interaction"]
    );
    // The revision is itself a finished Omni video, so it can be revised again.
    s.flowdeck(["revise", "2", "slower"]).await.success();
    assert_eq!(sim.report().videos_created(), 3);
}

/// An Omni chain from the command line: the continuing scene's line says its file holds both
/// scenes, and `flowdeck export` points both rows at that final accumulated file.
#[tokio::test]
async fn a_chain_s_last_file_holds_the_story_and_the_export_names_it() {
    let sim = sim(|c| gemini_only(c, &["g1"])).await;
    let s = setup(&sim, temp_dir("cli"), "");
    let file = write(
        &s.dir,
        "story.csv",
        b"prompt,continue\nshe opens the door,\nshe steps into the rain,1\n",
    );
    let out = s.dir.join("out");
    s.run(&file, &out)
        .args(["--model", "omni-flash"])
        .await
        .success()
        .stdout_has("holds scenes 1–2");
    let export = s.flowdeck(["export", "1", "--out", "-"]).await;
    export.success();
    let csv = &export.stdout;
    let last = walk(&out)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "mp4") && p.to_string_lossy().contains("002"))
        .expect("scene 2's file");
    let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = rows.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(
            &row[col("chain_file")],
            last.display().to_string(),
            "{row:?}"
        );
    }
    assert_eq!(&rows[1][col("holds_scenes")], "1; 2");
}

#[tokio::test]
async fn without_a_display_the_window_says_so_in_one_line() {
    let out = flowdeck::<&str>([])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .await;
    out.code(2)
        .stderr_has("no display")
        .stderr_has("flowdeck run");
    assert_eq!(out.stderr.trim().lines().count(), 1, "{out}");
}

/// A model name with a typo is refused before anything is sent, whichever provider it looks
/// like (Flow keys, Veo ids, Omni ids), with each provider's reason.
#[tokio::test]
async fn an_unknown_model_is_refused_up_front_for_every_provider() {
    let dir = temp_dir("cli-model");
    let p = write(&dir, "p.txt", b"a scene\n");
    for model in [
        "veo_3_1_t2v_fsat",
        "veo-3.1-fsat",
        "gemini-omni-9-flash",
        "omni-flsh",
    ] {
        let out = flowdeck(["run", "--demo", "--json", "--model", model, arg(&p)])
            .env("XDG_CACHE_HOME", &dir)
            .within(Duration::from_secs(60))
            .await;
        out.code(2).stderr_has(model);
        assert!(
            !out.stdout.contains("\"submitting\""),
            "nothing may be sent: {out}"
        );
    }
}

/// A take the service refused for its policy is sent again only when the user says so: the
/// cost is shown, and with no terminal to ask on, `--yes` is required.
#[tokio::test]
async fn retrying_a_policy_refusal_asks_first_and_shows_the_cost() {
    let (sim, s, file) =
        one_gemini_key("cli", "p.txt", b"a calm lake\na scene that is #unsafe\n").await;
    s.flowdeck(["run", arg(&file), "--model", "omni-flash"])
        .await
        .code(1);
    let made = sim.report().videos_created();
    s.flowdeck(["retry", "2"])
        .await
        .code(2)
        .stderr_has("take 2")
        .stderr_has("about $")
        .stderr_has("--yes");
    assert_eq!(
        sim.report().videos_created(),
        made,
        "nothing sent without a yes"
    );
    // Refused again.
    s.flowdeck(["retry", "2", "--yes"]).await.code(1);
    assert!(sim.report().videos_created() > made, "sent again on --yes");
}

/// Without a terminal (a pipe, a log) the run prints a header and one plain line per change,
/// not silence until the end; failures are named by take id; the demo says where its ledger is
/// and `flowdeck status --demo` reads it.
#[tokio::test]
async fn a_piped_demo_prints_each_change_and_leaves_its_ledger_for_status() {
    let dir = temp_dir("cli-demo");
    let p = write(&dir, "p.txt", b"a calm lake\na scene that is #unsafe\n");
    let run = flowdeck(["run", "--demo", arg(&p)])
        .env("XDG_CACHE_HOME", &dir)
        .within(Duration::from_secs(90))
        .await;
    // One refusal.
    run.code(1);
    let out = &run.stdout;
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("batch 1 \"p_") && first.contains("2 videos →"),
        "{out}"
    );
    for want in [
        "take 1 (scene 1, copy 1) on ",
        ": generating",
        ": done",
        "take 2 (scene 2, copy 1) on ",
        "Failed:",
        "flowdeck status --demo",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    assert!(
        !out.contains("flowdeck resume"),
        "a demo cannot resume: {out}"
    );
    // The demo's folder is in the user's own cache folder, user-only, and the run says so.
    let folder = dir.join("flowdeck/demo");
    assert!(
        out.contains(&format!("Its ledger is in {}", folder.display())),
        "{out}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&folder)
            .expect("the demo folder")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    flowdeck(["status", "--demo"])
        .env("XDG_CACHE_HOME", &dir)
        .await
        .success()
        .stdout_has("finished")
        .stdout_has("p_");
}

/// `--help` names this machine's real folders (as the variables set them), for every command.
#[tokio::test]
async fn help_shows_the_real_folders() {
    for args in [vec!["--help"], vec!["run", "--help"]] {
        flowdeck(args)
            .env("FLOWDECK_CONFIG", "/srv/fd-help/config.toml")
            .env("FLOWDECK_DATA_DIR", "/srv/fd-help/data")
            .await
            .success()
            .stdout_has("settings  /srv/fd-help/config.toml")
            .stdout_has("data      /srv/fd-help/data")
            .stdout_has("videos    ");
    }
}

/// The first Ctrl-C stops starting videos and brings the ones in flight home; the run exits
/// 130, and a demo never says `flowdeck resume` (it cannot be resumed).
#[cfg(unix)]
#[tokio::test]
async fn ctrl_c_exits_130_and_a_demo_does_not_offer_resume() {
    let dir = temp_dir("cli-ctrl-c");
    let p = write(
        &dir,
        "p.txt",
        b"one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n",
    );
    let run = flowdeck(["run", "--demo", "--copies", "2", arg(&p)]).env("XDG_CACHE_HOME", &dir);
    let (seen, status) = kit::interrupted_once_generating(run).await;
    assert_eq!(status.code(), Some(130), "{seen}");
    assert!(
        seen.contains("stopping: no new videos will be started"),
        "{seen}"
    );
    assert!(seen.contains("a demo cannot be resumed"), "{seen}");
    assert!(!seen.contains("flowdeck resume"), "{seen}");
    assert!(seen.contains("videos on disk"), "{seen}");
}

/// Scenes from a spreadsheet become videos, and `flowdeck export` writes the batch's results as
/// CSV beside them (or to standard output), one row per take with its file and remote ids.
#[tokio::test]
async fn a_spreadsheet_batch_is_made_and_its_results_exported_as_csv() {
    let sim = sim(|_| {}).await;
    let s = setup(&sim, temp_dir("cli"), "");
    let file = write(&s.dir, "scenes.xlsx", &xlsx("scenes.xlsx"));
    let out = s.dir.join("out");
    s.run(&file, &out).await.success();
    assert_eq!(
        sim.report().videos_created(),
        3,
        "2 copies of scene 1, 1 of scene 2"
    );

    let export = s.flowdeck(["export", "1"]).await;
    export.success();
    let path = PathBuf::from(export.stdout.trim());
    assert_eq!(
        path.file_name().and_then(|n| n.to_str()),
        Some("batch-1-results.csv")
    );
    assert!(
        path.starts_with(&out),
        "beside the videos: {}",
        path.display()
    );
    let text = std::fs::read_to_string(&path).expect("written");
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a BOM for spreadsheet programs");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    for r in &rows {
        assert_eq!(&r[col("state")], "done");
        assert_eq!(&r[col("provider")], "flow");
        assert!(r[col("remote_ids")].contains("media="), "{r:?}");
        assert!(Path::new(&r[col("file")]).is_file(), "{r:?}");
        assert!(!r[col("account")].is_empty());
    }
    assert_eq!(
        &rows[0][col("prompt")],
        "con chó chạy tung tăng trên đồng cỏ"
    );
    assert_eq!(
        (&rows[0][col("aspect")], &rows[0][col("seed")]),
        ("9:16", "42")
    );
    assert_eq!(&rows[2][col("seconds")], "8");
    assert_eq!(&rows[2][col("model")], "veo-3.1-fast", "the default model");

    let piped = s.flowdeck(["export", "1", "--out", "-"]).await;
    piped.success();
    assert_eq!(
        piped.stdout, body,
        "the same rows, without the BOM, on standard output"
    );
    s.flowdeck(["export", "9"])
        .await
        .code(2)
        .stderr_has("no batch 9");
}

/// A CSV's image columns, relative to the file, reach Flow as a start frame; an account that
/// cannot take images refuses the batch before anything is sent, saying why.
#[tokio::test]
async fn a_prompt_file_s_images_make_a_video_or_are_refused_up_front() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images");
    let csv = b"prompt,start_image\nthe tide comes in,pics/shore.png\n";

    let flow = sim(|_| {}).await;
    let s = setup(&flow, temp_dir("cli"), "");
    std::fs::create_dir_all(s.dir.join("pics")).expect("dir");
    std::fs::copy(fixtures.join("wide.png"), s.dir.join("pics/shore.png")).expect("copy");
    let file = write(&s.dir, "scenes.csv", csv);
    // Flow's key for Veo 3.1 (quality) from a picture is not known: refused, nothing sent.
    s.flowdeck(["run", arg(&file), "--model", "veo-3.1"])
        .await
        .code(2)
        .stderr_has("scene 1")
        .stderr_has("from a start image")
        .stderr_has("not known");
    let nothing = flow.report();
    assert_eq!(nothing.videos_created(), 0);
    assert!(
        nothing.accounts.iter().all(|a| a.uploads == 0),
        "nothing uploaded"
    );

    let out = s.dir.join("out");
    s.run(&file, &out)
        .args(["--model", "omni-flash"])
        .await
        .success();
    let report = flow.report();
    assert_eq!(report.videos_created(), 1);
    assert_eq!(
        report.media[0].from_images.len(),
        1,
        "made from the picture"
    );
    let sidecar = walk(&out)
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a sidecar");
    let text = std::fs::read_to_string(sidecar).expect("read");
    assert!(text.contains("shore.png"), "{text}");
}

/// `flowdeck upscale` makes a 4K copy of a finished Flow video next to it on the same account;
/// what cannot be upscaled is refused before anything is sent.
#[tokio::test]
async fn upscale_makes_a_4k_copy_next_to_the_original() {
    let sim = sim(|c| c.generation_time = Duration::from_millis(300)).await;
    let s = setup(&sim, temp_dir("cli"), "");
    let file = write(&s.dir, "p.txt", b"a paper boat on a pond\n");
    let out = s.dir.join("out");
    s.run(&file, &out).await.success();
    s.flowdeck(["upscale", "1", "--to", "4k"]).await.success();
    let videos: Vec<PathBuf> = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "mp4"))
        .collect();
    assert_eq!(videos.len(), 2, "{videos:?}");
    assert_eq!(videos[0].parent(), videos[1].parent(), "side by side");
    assert!(
        videos.iter().any(|p| p.to_string_lossy().contains("4k")),
        "{videos:?}"
    );
    let report = sim.report();
    assert!(
        report
            .media
            .iter()
            .any(|m| m.name.ends_with("_4k_upsampled"))
    );
    let made = report.videos_created();
    for (args, want) in [
        (vec!["upscale", "1", "--to", "720p"], "1080p or 4K"),
        (vec!["upscale", "2"], "only 720p videos made on Flow"),
        (vec!["upscale", "9"], "no take 9"),
    ] {
        s.flowdeck(args).await.code(2).stderr_has(want);
    }
    assert_eq!(sim.report().videos_created(), made, "nothing more was made");
}

/// The language: the system's locale, then FLOWDECK_LANG, then `--lang` (each winning over the
/// one before); a language flowdeck does not speak is refused with the ones it does.
#[tokio::test]
async fn the_language_follows_the_system_flowdeck_lang_and_lang() {
    let say = |envs: &[(&str, &str)], args: &[&str]| {
        let mut c = flowdeck(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("FLOWDECK_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANGUAGE")
            .env("LANG", "C");
        for (k, v) in envs {
            c = c.env(k, v);
        }
        c
    };
    let english = "flowdeck: no display here";
    let vietnamese = "flowdeck: ở đây không có màn hình";
    assert!(say(&[], &[]).await.stderr.starts_with(english));
    assert!(
        say(&[("LANG", "vi_VN.UTF-8")], &[])
            .await
            .stderr
            .starts_with(vietnamese)
    );
    assert!(
        say(&[("LANG", "vi_VN.UTF-8"), ("FLOWDECK_LANG", "en")], &[])
            .await
            .stderr
            .starts_with(english)
    );
    assert!(
        say(&[("FLOWDECK_LANG", "en")], &["--lang", "vi"])
            .await
            .stderr
            .starts_with(vietnamese)
    );
    let fr = say(&[], &["--lang", "fr"]).await;
    fr.code(2);
    assert_eq!(
        fr.stderr.trim(),
        "flowdeck: --lang \"fr\" is not a language flowdeck speaks: en (English), vi (Tiếng Việt)"
    );
}

/// The command line in Vietnamese: `--help` (clap's headings and notes too), clap's own errors,
/// flowdeck's errors from every layer (the import, the engine's checks), each with its English
/// counterpart so a missing translation cannot pass as a match.
#[tokio::test]
async fn the_command_line_speaks_vietnamese() {
    let dir = temp_dir("cli-vi");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "prompt,copies\na fox,9\n").expect("write");
    std::fs::write(dir.join("config.toml"), "").expect("write");
    let run = |lang: &str, args: &[&str]| {
        flowdeck(args)
            .env("FLOWDECK_LANG", lang)
            .env("FLOWDECK_CONFIG", dir.join("config.toml"))
            .env("FLOWDECK_DATA_DIR", dir.join("data"))
    };
    // --help, headings and notes included.
    let help = run("vi", &["run", "--help"]).await;
    help.success();
    for want in [
        "Tạo video cho mọi cảnh trong một tệp lời nhắc.",
        "Cách dùng: flowdeck run",
        "Tuỳ chọn:",
        "[mặc định: landscape]",
        "Nơi mọi thứ nằm trên máy này:",
    ] {
        help.stdout_has(want);
    }
    run("en", &["run", "--help"])
        .await
        .stdout_has("Usage: flowdeck run")
        .stdout_has("[default: landscape]");
    // Clap's errors.
    let err = run("vi", &["run", "x.txt", "--bogus"]).await;
    err.code(2).stderr_has("Muốn biết thêm, hãy thử '--help'.");
    assert!(
        err.stderr
            .starts_with("lỗi: có đối số không mong đợi '--bogus'"),
        "{err}"
    );
    let err = run("en", &["run", "x.txt", "--aspect", "round"]).await;
    err.code(2);
    assert!(
        err.stderr.starts_with(
            "error: invalid value 'round' for '--aspect <ASPECT>': unknown aspect ratio"
        ),
        "{err}"
    );
    let err = run("vi", &["run", "x.txt", "--aspect", "round"]).await;
    assert!(
        err.stderr.starts_with(
            "lỗi: giá trị 'round' không hợp lệ cho '--aspect <ASPECT>': tỉ lệ khung không rõ"
        ),
        "{err}"
    );
    // flowdeck's own: an import error (store), and nothing to resume.
    run("vi", &["run", arg(&bad)])
        .await
        .code(2)
        .stderr_has("dòng 2 (hàng 1): số bản phải từ 1 đến 4, không phải \"9\"");
    run("en", &["run", arg(&bad)])
        .await
        .stderr_has("line 2 (row 1): copies must be 1 to 4, not \"9\"");
    let resume = run("vi", &["resume"]).await;
    resume.success();
    assert_eq!(
        resume.stdout.trim(),
        "Không có gì để tiếp tục: mọi lô trong sổ ghi đều đã xong."
    );
    run("vi", &["accounts", "list"])
        .await
        .stdout_has("Chưa có tài khoản nào.");
}

/// Flow's advisory reads answering an error (`HTrJv`) and a shape nobody reads (`yBhWQ`)
/// are warnings: the run goes on with the built-in catalogue and delivers every video, and
/// `accounts check` says where its model list came from.
#[tokio::test]
async fn failing_or_moved_model_reads_are_warnings_and_the_run_delivers() {
    let sim = sim(|c| {
        c.accounts = vec!["alice".into()];
        c.htrjv = flowdeck::sim::Drift::Error;
        c.ybhwq = flowdeck::sim::Drift::Unknown;
    })
    .await;
    let s = setup(&sim, temp_dir("cli"), "");
    let file = write(&s.dir, "two.txt", b"a heron\na kingfisher\n");
    let out = s.dir.join("out");
    s.run(&file, &out)
        .await
        .success()
        .stderr_has("HTrJv, yBhWQ did not answer as flowdeck reads it");
    assert_eq!(sim.report().videos_created(), 2);
    s.flowdeck(["accounts", "check"])
        .await
        .success()
        .stdout_has("flowdeck's built-in model list")
        .stdout_has("warning: yBhWQ");
    let json = s.flowdeck(["doctor", "--json"]).await.stdout;
    let v: serde_json::Value = serde_json::from_str(json.trim()).expect("json");
    assert_eq!(v["verdict"], "works_with_warnings", "{v}");
    assert_eq!(v["detail"]["warnings"][0]["rpc"], "HTrJv", "{v}");
    assert_eq!(v["flow_protocol"]["version"], "2026-12-06", "{v}");
}

/// Flow moved its status read to a new id: a `flow-protocol.toml` beside the settings names
/// it, and the run delivers; `doctor` names the file; a wrong override is refused with its
/// line before anything is sent.
#[tokio::test]
async fn a_moved_rpc_is_fixed_by_an_override_beside_the_settings() {
    let sim = sim(|c| {
        c.accounts = vec!["alice".into()];
        c.renamed = vec![("jwpduf".into(), "Kq3xQe".into())];
    })
    .await;
    let s = setup(&sim, temp_dir("cli"), "");
    let over = s.config.with_file_name("flow-protocol.toml");
    std::fs::write(&over, "[rpc]\nstatus = \"Kq3xQe\"\n").expect("override");
    let file = write(&s.dir, "one.txt", b"a lighthouse\n");
    let out = s.dir.join("out");
    s.run(&file, &out).await.success();
    assert_eq!(sim.report().videos_created(), 1);
    s.flowdeck(["doctor"])
        .await
        .stdout_has("with your changes from")
        .stdout_has("flow-protocol.toml");
    std::fs::write(&over, "[rpc]\n\nstatuss = \"Kq3xQe\"\n").expect("override");
    s.flowdeck(["doctor"])
        .await
        .code(2)
        .stderr_has("statuss")
        .stderr_has("line 3");
}

/// `flowdeck report`: its help; with nothing kept, a file that says so; after `flowdeck doctor`
/// met an answer in a shape flowdeck does not know, a file holding it without a secret, an
/// account's name or its address, and words saying what the file holds and that nothing was
/// sent.
#[tokio::test]
async fn report_writes_one_file_and_says_what_it_holds() {
    let sim = sim(|c| c.accounts = vec!["alice".into()]).await;
    let s = setup(&sim, temp_dir("report"), "");
    let help = s.flowdeck(["report", "--help"]).await;
    help.success();
    for words in [
        "attach to a bug report",
        "Nothing is sent anywhere",
        "--last <N>",
        "How many of the newest captures to put in. [default: 10]",
        "--out <FILE>",
    ] {
        help.stdout_has(words);
    }
    let read = |file: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(file).expect("written")).expect("JSON")
    };

    // Nothing kept yet; written where flowdeck runs.
    let here = s.flowdeck(["report"]).current_dir(&s.dir).await;
    here.success();
    let empty = std::fs::read_dir(&s.dir)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("flowdeck-report-"))
        })
        .expect("written here");
    for words in [
        format!("Wrote {}", empty.display()),
        "No answer has surprised flowdeck yet".into(),
        "Nothing was sent anywhere".into(),
    ] {
        here.stdout_has(&words);
    }
    let v = read(&empty);
    assert_eq!(v["captures"], serde_json::json!([]));
    assert_eq!(v["providers"], serde_json::json!({"flow": 1}));

    // Flow answers the credits call in a shape flowdeck does not know: a warning (credits
    // are advisory), and a capture.
    sim.set_faults(flowdeck::sim::Faults {
        drift: vec!["nzlxg".into()],
        ..Default::default()
    });
    s.flowdeck(["doctor"])
        .await
        .success()
        .stdout_has("Warning: nzlxg");
    sim.set_faults(Default::default());
    let file = s.dir.join("report.json");
    let wrote = s
        .flowdeck(["report", "--last", "5", "--out", arg(&file)])
        .await;
    wrote.success();
    let folder = s.dir.join("data/captures");
    for words in [
        format!("Wrote {}", file.display()),
        format!("It holds flowdeck {} on", env!("CARGO_PKG_VERSION")),
        "(flow ×1)".into(),
        format!(
            "the newest answer flowdeck could not read (1 kept in {})",
            folder.display()
        ),
        "Removed from them: cookies, tokens, the page's `at`, reCAPTCHA tokens".into(),
        "Prompts and other free text are replaced by their length".into(),
        "Nothing was sent anywhere".into(),
    ] {
        wrote.stdout_has(&words);
    }
    let text = std::fs::read_to_string(&file).expect("written");
    for (what, value) in sim.secrets() {
        assert!(!text.contains(&value), "{what} survived: {text}");
    }
    assert!(
        !text.contains("alice"),
        "an account's name or address: {text}"
    );
    let v = read(&file);
    let c = &v["captures"][0];
    assert_eq!(
        (c["rpc"].as_str(), c["status"].as_u64()),
        (Some("nzlxg"), Some(200))
    );
    assert!(
        c["body"].as_str().is_some_and(|b| b.contains("wrb.fr.v2")),
        "{c}"
    );

    s.flowdeck(["report", "--last", "0"]).await.code(2);
}

// Issue 22 items 10-12: the terminal, the log, secrets in children and files, other users.

/// For `sim`: Flow's alice and the Gemini API key gem.
/// Every secret a child could have seen: the simulator's, and the pairing secrets and keys the
/// settings name in variables; also as hex, the way some libraries print bytes.
fn every_secret(sim: &flowdeck::sim::RunningSim, s: &kit::child::Setup) -> Vec<(String, String)> {
    let mut all = sim.secrets();
    all.extend(
        s.envs
            .iter()
            .filter(|(k, _)| k.starts_with("FD_TEST_ACC"))
            .map(|(k, v)| (format!("${k}"), v.clone())),
    );
    let hex: Vec<(String, String)> = all
        .iter()
        .map(|(what, v)| (format!("{what} in hex"), hex::encode(v.as_bytes())))
        .collect();
    all.extend(hex);
    all
}

/// A prompt full of terminal escapes (a window title, clear screen, a hyperlink, a C1 control,
/// a bidi override) is shown, not obeyed: in the run's lines and failure list, and in `status`.
#[tokio::test]
async fn escapes_in_a_refused_prompt_are_shown_not_obeyed() {
    let sim = sim(|c| gemini_only(c, &["gem"])).await;
    let s = setup(&sim, temp_dir("cli-escapes"), "");
    let prompt = "\u{1b}]0;pwned\u{7}\u{1b}[2J a scene that is #unsafe \
                  \u{1b}]8;;https://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\ \u{9b}31m \u{202e}txt";
    let file = write(&s.dir, "p.txt", format!("{prompt}\n").as_bytes());
    let videos = s.dir.join("videos");
    let run = s.run(&file, &videos).args(["--model", "omni-flash"]).await;
    run.code(1);
    let (out, err) = (run.stdout, run.stderr);
    let status = s.flowdeck(["status", "--batch", "1"]).await;
    let (status, status_err) = (status.stdout, status.stderr);
    let json = s
        .flowdeck(["status", "--batch", "1", "--json"])
        .await
        .stdout;
    for (what, text) in [
        ("run", &out),
        ("run's errors", &err),
        ("status", &status),
        ("status's errors", &status_err),
        ("status --json", &json),
    ] {
        let raw: Vec<char> = text
            .chars()
            .filter(|c| (c.is_control() && *c != '\n') || *c == '\u{202e}')
            .collect();
        assert!(raw.is_empty(), "{what} printed {raw:?} raw: {text:?}");
    }
    assert!(
        out.contains("\\u001b]0;pwned\\u0007\\u001b[2J a scene that is #unsafe"),
        "the failure list shows the prompt's escapes: {out}"
    );
    let v: serde_json::Value = serde_json::from_str(json.trim()).expect("status --json is JSON");
    assert_eq!(
        v[0]["prompt"].as_str(),
        Some(prompt),
        "JSON keeps the prompt"
    );
    // `export -o -`: to a terminal (util-linux `script` gives it one) the escapes are shown;
    // to a pipe the CSV is the data as it is.
    let config = s.config.display().to_string();
    let mut c = tokio::process::Command::new("script");
    c.args([
        "-qec",
        &format!("'{BIN}' export 1 -o - --config '{config}'"),
        "/dev/null",
    ])
    .envs(s.envs.iter().cloned())
    .env("FLOWDECK_LANG", "en")
    .env_remove("FLOWDECK_CONFIG");
    let (code, shown, _) = kit::child::output(c).await;
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("\\u001b]0;pwned"), "{shown:?}");
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{9b}'),
        "{shown:?}"
    );
    s.flowdeck(["export", "1", "-o", "-"])
        .await
        .success()
        .stdout_has(prompt);
}

/// `FLOWDECK_LOG=trace` through a whole Flow and Gemini batch: the WebSocket and HTTP
/// libraries' frame and URL tracing stays out, and no secret reaches the log in any spelling.
#[tokio::test]
async fn the_trace_log_holds_no_secret() {
    let sim = sim(|c| {
        alice_and_gem(c);
        c.vertex_accounts = vec!["vert".into()];
    })
    .await;
    let s = setup(&sim, temp_dir("cli-trace"), "");
    let file = write(&s.dir, "p.txt", b"a calm lake\na busy street\n");
    let videos = s.dir.join("videos");
    let run = |args: &[&str]| {
        s.flowdeck(["run", arg(&file)])
            .args(args)
            .args(["--out", arg(&videos)])
            .env("FLOWDECK_LOG", "trace")
    };
    let flow_and_gemini = run(&[
        "--model",
        "omni-flash",
        "--copies",
        "2",
        "--accounts",
        "alice,gem",
    ])
    .await;
    flow_and_gemini.success();
    // And Vertex: its OAuth exchange, bearer tokens and Cloud Storage links.
    let vertex = run(&["--model", "veo-3.1", "--accounts", "vert"]).await;
    vertex.success();
    let out = flow_and_gemini.stdout + &vertex.stdout;
    let err = flow_and_gemini.stderr + &vertex.stderr;
    assert!(
        err.contains("TRACE") || err.contains("DEBUG"),
        "a trace log: {err}"
    );
    for (what, value) in every_secret(&sim, &s) {
        assert!(!err.contains(&value), "{what} in the log");
        assert!(!out.contains(&value), "{what} in the output");
    }
    for line in err.lines() {
        let target = line.split_whitespace().nth(2).unwrap_or_default();
        assert!(
            target.starts_with("flowdeck")
                || !(line.contains(" TRACE ") || line.contains(" DEBUG ")),
            "another crate's detail: {line}"
        );
        assert!(
            line.match_indices("Signature=")
                .all(|(i, m)| line[i + m.len()..].starts_with("***")),
            "{line}"
        );
    }
}

/// A token command that fails saying a refresh token and a client secret (as gcloud's error
/// output can): neither reaches `doctor --json`, a run's output or the ledger. And the command
/// does not inherit the variables that hold other accounts' secrets.
#[cfg(unix)]
#[tokio::test]
async fn a_token_command_s_secrets_stay_out_and_it_inherits_none() {
    let sim = sim(alice_and_gem).await;
    let s = setup(&sim, temp_dir("cli-token"), "");
    let seen = s.dir.join("token-command-env.txt");
    // The secrets are made by the shell, so only what the command prints holds them (and one
    // the user wrote into the command itself, after the `#`).
    let command_line = format!(
        "env > '{}'; S=SECRET; echo \"ERROR: 1//0gRT$S revoked: refresh_token=1//0gRF$S \
         client_secret=GOCSPX-CS$S {{\\\"refresh_token\\\": \\\"RTJSON$S\\\"}}\" >&2; exit 1 \
         # --refresh-token 1//0gCMDSECRET",
        seen.display()
    );
    s.edit_config(|toml| {
        toml + &format!(
            "\n[[accounts]]\nname = \"vcmd\"\nprovider = \"vertex\"\nproject = \"vcmd-project\"\n\
             location = \"us-central1\"\ntoken_command = {}\n",
            toml::Value::String(command_line)
        )
    });
    let leaks = [
        "RTSECRET",
        "RFSECRET",
        "CSSECRET",
        "RTJSONSECRET",
        "CMDSECRET",
    ];
    let doctor = s.flowdeck(["doctor", "vcmd", "--json"]).await;
    // The verdict says what was there.
    doctor.code(1).stdout_has("1//0***");
    for leak in leaks {
        assert!(
            !doctor.stdout.contains(leak) && !doctor.stderr.contains(leak),
            "{leak}: {doctor}"
        );
    }
    inherits_no_secret(
        &s,
        &std::fs::read_to_string(&seen).expect("the command ran"),
    );

    // A run: the account's lane says why it cannot go on (then nothing moves; stop it there).
    let file = write(&s.dir, "p.txt", b"a calm lake\n");
    let videos = s.dir.join("videos");
    let mut child = s
        .flowdeck(["run", arg(&file), "--accounts", "vcmd", "--skip-doctor"])
        .args(["--out", arg(&videos)])
        .spawn();
    let mut out = String::new();
    let mut lines = kit::child::lines_of(&mut child);
    kit::child::read_until(&mut lines, &mut out, |l| l.contains("printed no token")).await;
    assert!(
        out.contains("needs sign-in") && out.contains("1//0***"),
        "{out}"
    );
    child.kill().await.ok();
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        tokio::io::AsyncReadExt::read_to_string(&mut e, &mut err)
            .await
            .ok();
    }
    let mut ledger = Vec::new();
    for end in ["", "-wal"] {
        let mut p = s.ledger().into_os_string();
        p.push(end);
        ledger.extend(std::fs::read(p).unwrap_or_default());
    }
    let ledger = String::from_utf8_lossy(&ledger);
    for leak in leaks {
        assert!(
            !out.contains(leak) && !err.contains(leak),
            "{leak}: {out}{err}"
        );
        assert!(!ledger.contains(leak), "{leak} in the ledger");
    }
}

/// What a program flowdeck started was given (`env`, as it wrote it down) holds the PATH and
/// none of the variables that hold the accounts' secrets, by name or value.
#[cfg(unix)]
fn inherits_no_secret(s: &kit::child::Setup, env: &str) {
    assert!(env.contains("PATH="), "{env}");
    for (k, v) in s.envs.iter().filter(|(k, _)| k.starts_with("FD_TEST_ACC")) {
        assert!(
            !env.contains(v.as_str()) && !env.contains(k.as_str()),
            "{k} inherited"
        );
    }
}

/// Programs `names` first on a PATH (the one to give flowdeck), each running `script`.
#[cfg(unix)]
fn first_on_path(s: &kit::child::Setup, names: &[&str], script: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let bin = s.dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    for name in names {
        let program = bin.join(name);
        std::fs::write(&program, format!("#!/bin/sh\n{script}\n")).expect("script");
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// The browser opener (and so the browser it starts) is not handed the variable that holds
/// the account's pairing secret.
#[cfg(unix)]
#[tokio::test]
async fn the_browser_opener_inherits_no_secret() {
    let sim = sim(|_| {}).await;
    let s = setup(&sim, temp_dir("cli-opener"), "");
    bob_alone(&sim, &s);
    // An `xdg-open` (`open` on macOS) first on the PATH that writes down what it was given.
    let seen = s.dir.join("opener-env.txt");
    let path = first_on_path(
        &s,
        &["xdg-open", "open"],
        &format!("env > '{}'", seen.display()),
    );
    let secret = "a-long-enough-pairing-secret-for-bob";
    // Nobody pairs.
    s.flowdeck(["bridge", "pair", "bob", "--timeout", "5"])
        .env("FD_PAIR_BOB", secret)
        .env("PATH", &path)
        .await
        .code(1);
    let env = std::fs::read_to_string(&seen).expect("the opener ran");
    assert!(env.contains("PATH="), "{env}");
    assert!(
        !env.contains(secret) && !env.contains("FD_PAIR_BOB"),
        "{env}"
    );
}

/// The data folder, the ledger (and its journal files), the lock and the sidecars are the
/// user's alone, whatever the umask.
#[cfg(unix)]
#[tokio::test]
async fn the_data_folder_ledger_and_sidecars_are_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_sim, s, file) = one_gemini_key("cli-modes", "p.txt", b"a calm lake\n").await;
    let videos = s.dir.join("videos");
    let mut run = s.run(&file, &videos).args(["--model", "omni-flash"]);
    // SAFETY: umask is async-signal-safe and touches nothing but the child's own mask.
    unsafe {
        run.command().pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        });
    }
    run.await.success();
    let mode = |p: &Path| {
        std::fs::metadata(p)
            .unwrap_or_else(|e| panic!("{p:?}: {e}"))
            .permissions()
            .mode()
            & 0o777
    };
    let data = s.dir.join("data");
    assert_eq!(mode(&data), 0o700, "the data folder");
    for name in [
        "ledger.sqlite3",
        "ledger.sqlite3-wal",
        "ledger.sqlite3-shm",
        "engine.lock",
    ] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
    let mut sidecars = Vec::new();
    let mut stack = vec![videos];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                sidecars.push(p);
            }
        }
    }
    assert_eq!(sidecars.len(), 1, "{sidecars:?}");
    assert_eq!(mode(&sidecars[0]), 0o600, "the sidecar");
}

/// A link planted as `engine.lock` is not followed: the run is refused, and the file it
/// points at is left whole.
#[cfg(unix)]
#[tokio::test]
async fn a_linked_engine_lock_is_refused_not_followed() {
    let sim = sim(|c| gemini_only(c, &["gem"])).await;
    let s = setup(&sim, temp_dir("cli-lock-link"), "");
    let victim = s.dir.join("victim.txt");
    std::fs::write(&victim, "precious").expect("victim");
    std::fs::create_dir_all(s.dir.join("data")).expect("data");
    std::os::unix::fs::symlink(&victim, s.dir.join("data/engine.lock")).expect("link");
    let file = write(&s.dir, "p.txt", b"a calm lake\n");
    let videos = s.dir.join("videos");
    s.run(&file, &videos)
        .args(["--model", "omni-flash"])
        .await
        .code(2)
        .stderr_has("engine.lock is a symbolic link");
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
    assert_eq!(sim.report().videos_created(), 0);
}

/// The demo's folder is refused when it is a link (to wherever someone pointed it); what the
/// link points at is left alone.
#[cfg(unix)]
#[tokio::test]
async fn a_demo_folder_that_is_a_link_is_refused() {
    let dir = temp_dir("cli-demo-link");
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("dir");
    std::fs::write(elsewhere.join("precious.txt"), "keep").expect("file");
    std::fs::create_dir_all(dir.join("flowdeck")).expect("dir");
    std::os::unix::fs::symlink(&elsewhere, dir.join("flowdeck/demo")).expect("link");
    let p = write(&dir, "p.txt", b"a calm lake\n");
    let refused = flowdeck(["run", "--demo", arg(&p)])
        .env("XDG_CACHE_HOME", &dir)
        .within(Duration::from_secs(60))
        .await;
    assert_ne!(refused.exit, 0, "{refused}");
    refused.stderr_has("is a link or belongs to another user");
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("precious.txt")).expect("kept"),
        "keep"
    );
}

/// A demo window that is open holds its folder: a second demo is refused and says who holds
/// it, and the open demo's ledger and videos stay.
#[tokio::test]
async fn an_open_demo_window_keeps_its_folder_from_a_second_demo() {
    let _turn = kit::DEMO_FOLDER.lock().await;
    let started = flowdeck::ui::boot::start(flowdeck::ui::Options {
        demo: true,
        language: Some(flowdeck::i18n::Language::ENGLISH),
        ..flowdeck::ui::Options::default()
    })
    .await
    .expect("the demo window's engine");
    let folder = started.paths.data_dir.clone();
    let keep = folder.join("videos/made-by-the-window.mp4");
    std::fs::create_dir_all(folder.join("videos")).expect("videos");
    std::fs::write(&keep, b"a video").expect("video");
    let p = write(&temp_dir("cli-demo-twice"), "p.txt", b"a calm lake\n");
    let refused = flowdeck(["run", "--demo", arg(&p)])
        .within(Duration::from_secs(60))
        .await;
    assert_ne!(refused.exit, 0, "{refused}");
    refused
        .stderr_has("another demo")
        .stderr_has("the demo window");
    assert!(keep.exists(), "the open demo's video is still there");
    assert!(started.paths.ledger().exists(), "and its ledger");
    drop(started);
    std::fs::remove_dir_all(&folder).ok();
}

/// Secrets held in variables are out of the whole process's environment before anything
/// starts, so even a program a library starts does not inherit them: here `gcloud`, which the
/// OAuth library runs itself for Application Default Credentials.
#[cfg(unix)]
#[tokio::test]
async fn a_library_s_gcloud_inherits_no_secret_either() {
    let sim = sim(alice_and_gem).await;
    let s = setup(&sim, temp_dir("cli-adc"), "");
    s.edit_config(|toml| {
        toml + "\n[[accounts]]\nname = \"vadc\"\nprovider = \"vertex\"\nproject = \"vadc-project\"\n\
                location = \"us-central1\"\n"
    });
    let home = s.dir.join("home");
    std::fs::create_dir_all(&home).expect("home");
    let seen = s.dir.join("gcloud-env.txt");
    let path = first_on_path(
        &s,
        &["gcloud"],
        &format!("env >> '{}'\nexit 1", seen.display()),
    );
    // No credentials.
    s.flowdeck(["doctor", "vadc"])
        .env("PATH", &path)
        .env("HOME", &home)
        .env_remove("GOOGLE_APPLICATION_CREDENTIALS")
        .env_remove("CLOUDSDK_CONFIG")
        .within(Duration::from_secs(120))
        .await
        .code(1);
    inherits_no_secret(&s, &std::fs::read_to_string(&seen).expect("gcloud ran"));
}

/// `accounts rename`: the settings, the secret's place and every take in the ledger follow
/// the new name, and the renamed account goes on working; a taken or unknown name is refused,
/// and so is a rename while another flowdeck drives the folder.
#[tokio::test]
async fn an_account_renamed_keeps_its_takes_and_goes_on_working() {
    let (sim, s, file, out) = a_fox_and_two_gemini_keys().await;
    let model = ["--model", "omni-flash", "--duration", "5"];
    s.run(&file, &out)
        .args(model)
        .args(["--accounts", "g1"])
        .await
        .success();
    s.flowdeck(["accounts", "rename", "g1", "gina"])
        .await
        .success()
        .stdout_has("g1 is now gina");
    let db = rusqlite::Connection::open(s.ledger()).expect("ledger");
    let owner: String = db
        .query_row("SELECT account FROM takes", [], |r| r.get(0))
        .expect("the take");
    assert_eq!(owner, "gina");
    s.flowdeck(["accounts", "list"])
        .await
        .success()
        .stdout_has("gina");
    s.flowdeck(["accounts", "rename", "gina", "g2"])
        .await
        .code(2)
        .stderr_has("already an account \"g2\"");
    s.flowdeck(["accounts", "rename", "nobody", "x"])
        .await
        .code(2)
        .stderr_has("no account \"nobody\"");
    // The renamed account's secret still comes from its variable: it makes a video again.
    s.run(&file, &out)
        .args(model)
        .args(["--accounts", "gina"])
        .await
        .success();
    assert_eq!(sim.report().videos_created(), 2);
    // While a run holds the folder, a rename would pull names from under it.
    let _held = flowdeck::store::lock::EngineLock::acquire(&s.dir.join("data"), "a test run")
        .expect("the lock");
    s.flowdeck(["accounts", "rename", "gina", "g3"])
        .await
        .code(2)
        .stderr_has("a test run");
}

/// `status` says a batch's state in the language spoken, as the window's History does.
#[tokio::test]
async fn a_batch_state_is_said_in_the_users_language() {
    let (_sim, s, file, out) = a_fox_and_two_gemini_keys().await;
    s.run(&file, &out)
        .args(["--model", "omni-flash", "--duration", "5"])
        .await
        .success();
    let vi = s.flowdeck(["status"]).env("FLOWDECK_LANG", "vi").await;
    vi.success().stdout_has("đã xong");
    assert!(!vi.stdout.contains("finished"), "{vi}");
}
