//! Issue 24, the command line: setup without dead ends (a settings file not there yet, Flow
//! without a keyring), commands that wait only for what they need, no silent sitting out, a
//! run that cannot progress ends, and the polish a newcomer's second hour found.

use crate::kit;

use std::time::Duration;

use kit::child::setup;
use kit::*;

/// Item 5: a settings file named but not there yet is an empty one, and the first save
/// makes it (its folders too).
#[tokio::test]
async fn a_settings_file_not_there_yet_is_empty_and_made_on_first_save() {
    let sim = sim(|c| gemini_only(c, &["gem"])).await;
    let s = setup(&sim, temp_dir("cli24"), "");
    let file = s.dir.join("not/yet/settings.toml");
    flowdeck(["accounts", "list", "--config", arg(&file)])
        .envs(s.envs.clone())
        .await
        .success();
    flowdeck(["status", "--config", arg(&file)])
        .envs(s.envs.clone())
        .await
        .success();
    assert!(!file.exists(), "made before anything was saved");
    flowdeck(["accounts", "add", "gem", "--provider", "gemini"])
        .args(["--secret-env", "FD_TEST_ACC0", "--config", arg(&file)])
        .envs(s.envs.clone())
        .await
        .success();
    let text = std::fs::read_to_string(&file).expect("made on the first save");
    assert!(text.contains("name = \"gem\""), "{text}");
    // The same through FLOWDECK_CONFIG.
    let other = s.dir.join("elsewhere/config.toml");
    flowdeck(["accounts", "list"])
        .envs(s.envs.clone())
        .env("FLOWDECK_CONFIG", &other)
        .await
        .success();
}

/// Item 7: retrying a Gemini take waits for no Flow browser.
#[tokio::test]
async fn retrying_a_gemini_take_waits_for_no_flow_browser() {
    let sim = sim(alice_and_gem).await;
    let mut s = setup(&sim, temp_dir("cli24"), "");
    let file = write(&s.dir, "p.txt", b"a scene that is #unsafe\n");
    s.flowdeck([
        "run",
        arg(&file),
        "--accounts",
        "gem",
        "--model",
        "omni-flash",
    ])
    .await
    .code(1);
    // alice's browser is closed, and a run would wait a minute for it.
    s.standins.clear();
    s.edit_config(|t| t.replace("wait_secs = 10", "wait_secs = 60"));
    s.flowdeck(["retry", "1", "--yes"])
        .within(Duration::from_secs(40))
        .await
        .code(1);
}

/// Item 7: a busy bridge port leaves the Flow accounts out of a run (saying why) and the
/// others work; with only Flow accounts it is a configuration problem: exit 2.
#[tokio::test]
async fn a_busy_bridge_port_leaves_flow_out_and_the_others_work() {
    let sim = sim(alice_and_gem).await;
    let mut s = setup(&sim, temp_dir("cli24"), "");
    s.standins.clear();
    let _busy = std::net::TcpListener::bind(("127.0.0.1", s.bridge_port)).expect("the port");
    let file = write(&s.dir, "p.txt", b"a heron\n");
    let port = s.bridge_port.to_string();
    s.run(&file, &s.dir.join("out"))
        .args(["--model", "omni-flash"])
        .within(Duration::from_secs(60))
        .await
        .success()
        .stderr_has("alice")
        .stderr_has(&port);
    s.run(&file, &s.dir.join("out"))
        .args(["--accounts", "alice"])
        .await
        .code(2)
        .stderr_has(&port);
}

/// Item 7: `accounts check` does not wait long for a browser that is closed.
#[tokio::test]
async fn accounts_check_does_not_wait_for_a_closed_browser() {
    let sim = sim(|c| c.accounts = vec!["alice".into()]).await;
    let mut s = setup(&sim, temp_dir("cli24"), "");
    s.standins.clear();
    s.edit_config(|t| t.replace("wait_secs = 10", "wait_secs = 60"));
    s.flowdeck(["accounts", "check", "alice"])
        .within(Duration::from_secs(10))
        .await
        .code(1)
        .stdout_has("alice");
}

/// Item 8: an account that can make none of the batch is named in the header, with why and
/// what would work.
#[tokio::test]
async fn a_run_names_each_account_left_out_and_why() {
    let sim = sim(alice_and_gem).await;
    let s = setup(&sim, temp_dir("cli24"), "");
    let file = write(&s.dir, "p.txt", b"a heron\n");
    s.run(&file, &s.dir.join("out"))
        .await
        .success()
        .stdout_has("gem sits out")
        .stdout_has("veo-3.1-fast")
        .stdout_has("--model omni-flash");
}

/// Item 9: when every chosen account is held, the run ends (exit 1) with the next step, in
/// the right plural, and the next run takes the rest up.
#[tokio::test]
async fn a_run_whose_every_account_is_held_ends_with_the_next_step() {
    let sim = alice_with(|f| f.refuse_token = 1.0).await;
    let s = setup(&sim, temp_dir("cli24"), "");
    let file = write(&s.dir, "p.txt", b"a heron\n");
    s.run(&file, &s.dir.join("out"))
        .within(Duration::from_secs(90))
        .await
        .code(1)
        .stdout_has("1 scene cannot be started")
        .stdout_has("alice is held")
        .stdout_has("`flowdeck accounts resume alice`");
    // The data folder keeps a log of it (user-only), with no secret in it.
    let log = s.dir.join("data/logs/flowdeck.log");
    let text = std::fs::read_to_string(&log).expect("the log file");
    assert!(text.contains("held"), "{text}");
    for (_, secret) in &s.envs {
        assert!(
            secret.len() < 16 || !text.contains(secret.as_str()),
            "{text}"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&log).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    sim.set_faults(flowdeck::sim::Faults::default());
    // The hold outlives the run: resuming before the account is released ends at once.
    s.flowdeck(["resume"])
        .within(Duration::from_secs(90))
        .await
        .code(1)
        .stdout_has("alice is held");
    assert_eq!(sim.report().videos_created(), 0);
    s.flowdeck(["accounts", "resume", "alice"])
        .await
        .success()
        .stdout_has("alice may work again");
    s.flowdeck(["accounts", "resume", "alice"])
        .await
        .success()
        .stdout_has("alice is not held");
    s.flowdeck(["resume"])
        .within(Duration::from_secs(90))
        .await
        .success();
}

/// Item 11: a bad value shows the command's usage, not an empty "Usage:" line.
#[tokio::test]
async fn a_bad_value_shows_the_command_s_usage() {
    for (args, usage) in [
        (vec!["run", "p.txt", "--resolution", "8k"], "flowdeck run"),
        (vec!["run", "p.txt", "--copies", "0"], "flowdeck run"),
        (vec!["sim", "--accounts", "0"], "flowdeck sim"),
    ] {
        let out = flowdeck(args).await;
        out.code(2).stderr_has(usage);
        assert!(!out.stderr.contains("Usage: \n"), "{out}");
    }
}

/// Item 11: `revise --help` lists its arguments in the order they are typed.
#[tokio::test]
async fn revise_help_lists_its_arguments_in_order() {
    let out = flowdeck(["revise", "--help"]).await;
    out.success();
    let take = out.stdout.find("  <TAKE>").expect("TAKE listed");
    let instruction = out
        .stdout
        .find("  <INSTRUCTION>")
        .expect("INSTRUCTION listed");
    assert!(take < instruction, "{out}");
}

/// Item 11: `doctor --json` with no accounts still answers in JSON; doctor groups credits
/// as everything else does.
#[tokio::test]
async fn doctor_speaks_json_with_no_accounts_and_groups_credits() {
    let sim = sim(|c| c.accounts = vec!["alice".into()]).await;
    let s = setup(&sim, temp_dir("cli24"), "");
    let out = s.flowdeck(["doctor"]).await;
    out.success().stdout_has("10,000");
    let empty = write(&s.dir, "empty.toml", b"");
    let out = flowdeck(["doctor", "--json", "--config", arg(&empty)])
        .envs(s.envs.clone())
        .await;
    out.code(2);
    let v: serde_json::Value =
        serde_json::from_str(out.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert!(v["error"].is_string(), "{out}");
}

/// Item 6: a Flow account added where there is no keyring gets its pairing secret made at
/// once: an `export` line for the shell, or with `--secret-file` a user-only file in the data
/// folder; either way `bridge pair` then works.
#[tokio::test]
async fn flow_without_a_keyring_is_offered_the_way_at_add() {
    let sim = sim(|c| c.accounts = vec!["fox".into()]).await;
    let mut s = setup(&sim, temp_dir("cli24"), "");
    s.standins.clear();
    std::fs::write(
        &s.config,
        format!(
            "[flow]\norigin = \"{}\"\n\n[bridge]\nport = {}\n",
            sim.flow_origin(),
            s.bridge_port
        ),
    )
    .expect("config");
    let out = s.flowdeck(["accounts", "add", "fox"]).await;
    out.success()
        .stdout_has("no keyring")
        .stdout_has("flowdeck bridge pair fox");
    let secret = out
        .stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("export FLOWDECK_PAIR_FOX="))
        .unwrap_or_else(|| panic!("an export line: {out}"))
        .to_string();
    let config = std::fs::read_to_string(&s.config).expect("config");
    assert!(
        config.contains("secret_env = \"FLOWDECK_PAIR_FOX\""),
        "{config}"
    );
    assert!(!config.contains(&secret), "{config}");
    let paired = |child: tokio::process::Child| pair_fox(&sim, &s, child);
    let got = paired(
        s.flowdeck(["bridge", "pair", "fox", "--no-open", "--timeout", "20"])
            .env("FLOWDECK_PAIR_FOX", &secret)
            .spawn(),
    )
    .await;
    assert_eq!(got, secret);

    // Or in a file only this user can read.
    s.flowdeck(["accounts", "add", "fox", "--replace", "--secret-file"])
        .await
        .success()
        .stdout_has("only you can read");
    let file = s.dir.join("data/secrets/fox");
    let kept = std::fs::read_to_string(&file).expect("the secret file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let config = std::fs::read_to_string(&s.config).expect("config");
    assert!(config.contains("secret_file"), "{config}");
    assert!(
        !config.contains("secret_env") && !config.contains(&kept),
        "{config}"
    );
    let got = paired(
        s.flowdeck(["bridge", "pair", "fox", "--no-open", "--timeout", "20"])
            .spawn(),
    )
    .await;
    assert_eq!(got, kept.trim());
}

/// Takes `flowdeck bridge pair fox`'s link as fox's browser would, connects it, and returns the
/// secret the browser was given once the command ended well.
async fn pair_fox(
    sim: &flowdeck::sim::RunningSim,
    s: &kit::child::Setup,
    mut child: tokio::process::Child,
) -> String {
    let (url, check, mut lines) = kit::child::pairing_url(&mut child).await;
    let (account, secret) = flowdeck::sim::standin::StandIn::pair(&url, &check)
        .await
        .expect("paired");
    assert_eq!(account, "fox");
    let _fox = flowdeck::sim::standin::StandIn::connect(
        &format!("ws://127.0.0.1:{}/bridge", s.bridge_port),
        "fox",
        secret.clone(),
        sim.page("fox").expect("fox"),
    );
    let mut rest = String::new();
    use tokio::io::AsyncReadExt;
    lines.read_to_string(&mut rest).await.expect("rest");
    let status = child.wait().await.expect("exit");
    assert_eq!(status.code(), Some(0), "{rest}");
    secret.expose().to_string()
}

/// Items 11 and 12: `run --demo` needs no file (the sample is built in), its videos stay in the
/// demo's own folder (not the folder it was started from), and a batch's results are exported
/// beside its videos.
#[tokio::test]
async fn a_demo_needs_no_file_and_keeps_its_videos_and_results_in_its_folder() {
    let dir = temp_dir("cli24-demo");
    let here = dir.join("checkout");
    std::fs::create_dir_all(&here).expect("dir");
    let run = flowdeck(["run", "--demo"])
        .env("XDG_CACHE_HOME", &dir)
        .current_dir(&here)
        .within(Duration::from_secs(180))
        .await;
    run.code(1).stdout_has("#unsafe");
    assert_eq!(
        std::fs::read_dir(&here).expect("dir").count(),
        0,
        "written where it was started: {run}"
    );
    let out = flowdeck(["export", "1", "--demo"])
        .env("XDG_CACHE_HOME", &dir)
        .await;
    out.success();
    let csv = std::path::PathBuf::from(out.stdout.trim());
    let folder = csv.parent().expect("a folder");
    assert!(
        folder.starts_with(dir.join("flowdeck/demo/videos")),
        "{out}"
    );
    let videos = std::fs::read_dir(folder)
        .expect("the batch's folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "mp4"))
        })
        .count();
    assert!(videos > 0, "not beside the videos: {out}");
}

/// Item 11: takes stopped before any account took them say so, not "on -".
#[cfg(unix)]
#[tokio::test]
async fn takes_stopped_before_an_account_took_them_say_so() {
    let sim = sim(|c| {
        gemini_only(c, &["gem"]);
        c.generation_time = Duration::from_secs(2);
    })
    .await;
    let s = setup(&sim, temp_dir("cli24"), "");
    s.edit_config(|t| t.replace("[engine]\n", "[engine]\nconcurrency = 1\n"));
    let file = write(&s.dir, "p.txt", b"one\ntwo\nthree\nfour\n");
    let run = s
        .run(&file, &s.dir.join("out"))
        .args(["--model", "omni-flash"]);
    let (seen, _) = kit::interrupted_once_generating(run).await;
    assert!(seen.contains("(not sent to any account)"), "{seen}");
    assert!(!seen.contains(" on -"), "{seen}");
}

/// Item 11: `accounts list` and the run's table keep their columns with long names.
#[tokio::test]
async fn columns_line_up_with_long_account_names() {
    let sim = sim(|c| gemini_only(c, &["gem"])).await;
    let s = setup(&sim, temp_dir("cli24"), "");
    let long = "an-account-with-a-rather-long-name";
    s.edit_config(|t| t.replace("name = \"gem\"", &format!("name = \"{long}\"")));
    let out = s.flowdeck(["accounts", "list"]).await;
    out.success();
    let starts: Vec<usize> = out
        .stdout
        .lines()
        .map(|l| {
            l.find("gemini")
                .or_else(|| l.find("provider"))
                .expect("a column")
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{out}");
    let file = write(&s.dir, "p.txt", b"a heron\n");
    let out = s
        .run(&file, &s.dir.join("out"))
        .args(["--model", "omni-flash"])
        .await;
    out.success();
    let header = out
        .stdout
        .lines()
        .find(|l| l.starts_with("account"))
        .expect("table");
    let row = out
        .stdout
        .lines()
        .find(|l| l.starts_with(long))
        .expect("row");
    assert_eq!(
        header.find("taken").map(|i| i + 5),
        row.find("1 ").map(|i| i + 1),
        "{out}"
    );
}

/// Item 11: answering no to the spend question is a failure to go on (exit 1), not a usage
/// error.
#[cfg(unix)]
#[tokio::test]
async fn answering_no_to_the_spend_question_exits_1() {
    let (_sim, s, file) = one_gemini_key("cli24", "p.txt", b"a scene that is #unsafe\n").await;
    s.flowdeck(["run", arg(&file), "--model", "omni-flash"])
        .await
        .code(1);
    // On a terminal (script gives it one), answered "n".
    let line = format!("{} retry 1 --config {}", kit::cli::BIN, s.config.display());
    let mut child = tokio::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .envs(s.envs.iter().cloned())
        .env("FLOWDECK_LANG", "en")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("script runs");
    let mut stdin = child.stdin.take().expect("stdin");
    use tokio::io::AsyncWriteExt;
    stdin.write_all(b"n\n").await.expect("typed");
    let out = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("ends")
        .expect("output");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("nothing was sent"), "{text}");
    assert_eq!(out.status.code(), Some(1), "{text}");
}

/// Item 10: an upscale's batch is named from its source and its file still lands next to the
/// original; `accounts check` names models as a user does; a slip in a model's name is
/// answered with the name meant.
#[tokio::test]
async fn names_match_up_upscales_models_and_slips() {
    let sim = sim(|c| c.accounts = vec!["alice".into()]).await;
    let s = setup(&sim, temp_dir("cli24"), "");
    let file = write(&s.dir, "boat.txt", b"a paper boat on a pond\n");
    let out = s.dir.join("out");
    s.run(&file, &out).await.success();
    s.flowdeck(["upscale", "1", "--to", "1080p"])
        .await
        .success();
    let listed = s.flowdeck(["status"]).await;
    listed.success().stdout_has("(upscaled 1080p)");
    let videos: Vec<std::path::PathBuf> = kit::child::walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "mp4"))
        .collect();
    assert_eq!(videos.len(), 2, "{videos:?}");
    assert_eq!(videos[0].parent(), videos[1].parent(), "side by side");

    let checked = s.flowdeck(["accounts", "check", "alice"]).await;
    checked.success().stdout_has("veo-3.1-fast");
    assert!(
        !checked.stdout.contains("veo_3_1_fast") && !checked.stdout.contains("abra"),
        "{checked}"
    );

    s.run(&file, &out)
        .args(["--model", "veo-3.1-fsat"])
        .await
        .code(2)
        .stderr_has("did you mean veo-3.1-fast?");
}
