//! The browser bridge's pairing and its guards: a pairing needs the check code its person types
//! (the link alone pairs nothing, and a look-alike pairing page cannot prove it knows the code),
//! a pairing code works once, a wrong secret or a web page is turned away, an impostor on the
//! port is refused by the extension, and pairing one browser leaves the others connected. What
//! a browser says of its Flow page ("Confirm it's you") reaches its account's presence. Before
//! a peer authenticates it is bounded: fields, bytes, time, how many at once, what it is told
//! and what the log keeps of it.

use crate::kit;

use std::sync::Arc;
use std::time::Duration;

use flowdeck::bridge::protocol::{FromBrowser, ToBrowser, VERSION};
use flowdeck::bridge::{Bridge, proof};
use flowdeck::provider::flow::transport::{Call, Transport};
use flowdeck::secret::Secret;
use flowdeck::sim::standin::StandIn;
use kit::peer::{EXTENSION, Socket, answer_challenge, connect, hear, hello, say};
use kit::*;
// The hostile-machine tests (Linux: they read the child's memory and open files in /proc).
#[cfg(target_os = "linux")]
use futures_util::{SinkExt, StreamExt};
#[cfg(target_os = "linux")]
use kit::peer::next_text;
#[cfg(target_os = "linux")]
use tokio_tungstenite::tungstenite::Message;

async fn bridge(paired: &[(&str, &Secret)]) -> Bridge {
    let paired = paired
        .iter()
        .map(|(a, s)| (a.to_string(), (*s).clone()))
        .collect();
    kit::browsers::loopback_bridge("http://127.0.0.1:1", 5, paired)
        .await
        .expect("bridge")
}

/// A raw connection to `b` with chosen headers, to play what the stand-in never would.
async fn raw(b: &Bridge, origin: &str, host: Option<&str>) -> Result<Socket, String> {
    connect(&b.ws_url(), origin, host).await
}

/// On a new connection from the extension: says `first`, which must be challenged, answers
/// with `answer(the challenge's nonce)`; what the bridge says then, and the connection.
async fn challenged(
    b: &Bridge,
    first: FromBrowser,
    answer: impl FnOnce(&str) -> FromBrowser,
) -> (ToBrowser, Socket) {
    let mut s = raw(b, EXTENSION, None).await.expect("upgrade");
    let said = answer_challenge(&mut s, first, answer)
        .await
        .unwrap_or_else(|other| panic!("no challenge: {other:?}"));
    (said, s)
}

/// The pairing page of `code` on `b`.
fn pairing_url(b: &Bridge, code: &str) -> String {
    format!("http://127.0.0.1:{}/pair/{code}", b.port())
}

#[tokio::test]
async fn a_browser_pairs_once_and_reconnects_with_its_secret() {
    let sim = sim(|_| {}).await;
    let b = bridge(&[]).await;
    let secret = proof::new_secret();
    let pairing = b.offer_pairing("alice", secret.clone(), Duration::from_secs(30));
    assert!(pairing.url.starts_with("http://127.0.0.1:"));

    // The page the user opens carries the code for the extension's content script.
    let page = reqwest::get(&pairing.url)
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    let code = pairing.url.rsplit('/').next().expect("code").to_string();
    assert!(page.contains(&format!("content=\"{code}\"")), "{page}");

    // The page never carries the check code.
    assert!(!page.contains(&pairing.check), "{page}");

    let (account, got) = StandIn::pair(&pairing.url, &pairing.check)
        .await
        .expect("paired");
    assert_eq!(account, "alice");
    assert_eq!(got.expose(), secret.expose());
    // The code works once.
    let again = StandIn::pair(&pairing.url, &pairing.check)
        .await
        .expect_err("used");
    assert!(again.contains("unknown, used or expired"), "{again}");
    let state = reqwest::get(format!("{}/state", pairing_url(&b, &code)))
        .await
        .expect("state")
        .text()
        .await
        .expect("body");
    assert!(state.contains("gone"), "{state}");

    let _alice = StandIn::connect(&b.ws_url(), "alice", got, sim.page("alice").expect("alice"));
    let presence = pairing
        .wait(Duration::from_secs(10))
        .await
        .expect("connected");
    assert!(presence.connected);
    assert_eq!(presence.email.as_deref(), Some("alice@sim.flowdeck.test"));

    // A call goes through that browser only.
    let link = b.link("alice");
    let answer = link
        .call(flowdeck::provider::flow::requests::credits())
        .await
        .expect("answer");
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains("nzlxg"));
    assert_eq!(
        sim.report().account("alice").expect("alice").requests,
        2,
        "page + call"
    );
}

#[tokio::test]
async fn pairing_one_browser_leaves_the_others_connected() {
    let sim = sim(|_| {}).await;
    let alice_secret = proof::new_secret();
    let b = bridge(&[("alice", &alice_secret)]).await;
    let _alice = StandIn::connect(
        &b.ws_url(),
        "alice",
        alice_secret,
        sim.page("alice").expect("alice"),
    );
    let mut alice = b.presence("alice");
    tokio::time::timeout(Duration::from_secs(5), alice.wait_for(|p| p.connected))
        .await
        .expect("alice connects")
        .expect("presence");
    let pairing = b.offer_pairing("bob", proof::new_secret(), Duration::from_secs(30));
    let (account, secret) = StandIn::pair(&pairing.url, &pairing.check)
        .await
        .expect("bob pairs");
    assert_eq!(account, "bob");
    let _bob = StandIn::connect(&b.ws_url(), "bob", secret, sim.page("bob").expect("bob"));
    let bob = pairing
        .wait(Duration::from_secs(10))
        .await
        .expect("bob connected");
    assert_eq!(bob.email.as_deref(), Some("bob@sim.flowdeck.test"));
    assert!(
        b.presence("alice").borrow().connected,
        "alice stayed connected"
    );
    // A link never reaches another account's browser: carol has none.
    let carol = b.link("carol");
    let e = carol
        .call(flowdeck::provider::flow::requests::credits())
        .await
        .expect_err("not connected");
    assert!(matches!(
        e,
        flowdeck::provider::flow::transport::TransportError::NotConnected(_)
    ));
}

#[tokio::test]
async fn wrong_secrets_web_pages_and_strangers_are_refused() {
    let secret = proof::new_secret();
    let b = bridge(&[("alice", &secret)]).await;

    // A web page: its own origin.
    let e = raw(&b, "https://evil.example", None)
        .await
        .expect_err("refused");
    assert!(e.contains("403"), "{e}");
    // A page on another host name that resolves here (DNS rebinding).
    let e = raw(&b, EXTENSION, Some("evil.example:80"))
        .await
        .expect_err("refused");
    assert!(e.contains("421"), "{e}");

    // A local program that does not hold the secret.
    let guessing = |account: &str| {
        let nonce = proof::new_nonce();
        challenged(&b, hello(account, &nonce, None, None), move |server| {
            FromBrowser::Auth {
                proof: proof::browser_proof(&Secret::new("a guess"), server, &nonce),
            }
        })
    };
    let ToBrowser::Refused { reason: wrong } = guessing("alice").await.0 else {
        panic!("not refused")
    };
    assert!(wrong.contains("pair this browser again"), "{wrong}");
    assert!(!b.presence("alice").borrow().connected);

    // An account nobody paired is challenged all the same and told the same: no answer says
    // which accounts exist.
    assert!(
        matches!(guessing("mallory").await.0, ToBrowser::Refused { reason } if reason == wrong),
        "told differently"
    );
    // A code nobody offered.
    let mut s = raw(&b, EXTENSION, None).await.expect("upgrade");
    say(
        &mut s,
        FromBrowser::Pair {
            v: VERSION,
            code: proof::new_code(),
            nonce: proof::new_nonce(),
        },
    )
    .await;
    assert!(matches!(hear(&mut s).await, ToBrowser::Refused { .. }));

    let refusals = b.refusals().join("\n");
    for expected in [
        "web page",
        "another host name",
        "wrong pairing secret",
        "not paired",
        "pairing code",
    ] {
        assert!(refusals.contains(expected), "{expected} not in {refusals}");
    }
    // Nothing secret reaches the log of refusals.
    assert!(!refusals.contains(secret.expose()));
}

/// A browser whose Flow tab Google sent to "Confirm it's you" says so from its hello on; its
/// account's presence carries it until the browser says the page is normal again.
#[tokio::test]
async fn where_google_sent_the_tab_reaches_the_accounts_presence() {
    let secret = proof::new_secret();
    let b = bridge(&[("alice", &secret)]).await;
    let nonce = proof::new_nonce();
    let sent_away = hello("alice", &nonce, Some("alice@example.com"), Some("/about"));
    let (said, mut s) = challenged(&b, sent_away, |server| FromBrowser::Auth {
        proof: proof::browser_proof(&secret, server, &nonce),
    })
    .await;
    assert!(matches!(said, ToBrowser::Welcome { .. }));
    let mut p = b.presence("alice");
    let now = tokio::time::timeout(Duration::from_secs(5), p.wait_for(|p| p.connected))
        .await
        .expect("connected in time")
        .expect("presence")
        .clone();
    assert_eq!(now.blocked.as_deref(), Some("/about"));
    say(
        &mut s,
        FromBrowser::Status {
            email: Some("alice@example.com".into()),
            blocked: None,
        },
    )
    .await;
    tokio::time::timeout(Duration::from_secs(5), p.wait_for(|p| p.blocked.is_none()))
        .await
        .expect("cleared in time")
        .expect("presence");
    let now = p.borrow().clone();
    assert_eq!(now.email.as_deref(), Some("alice@example.com"));
    assert!(now.connected);
}

#[tokio::test]
async fn the_extension_refuses_an_impostor_on_the_port() {
    let sim = sim(|_| {}).await;
    let real = proof::new_secret();
    // A program that grabbed the port, not knowing the real secret.
    let impostor = bridge(&[("alice", &proof::new_secret())]).await;
    let page = sim.page("alice").expect("alice");
    let e = StandIn::session(&impostor.ws_url(), "alice", &real, &Arc::clone(&page))
        .await
        .expect_err("refused");
    assert!(e.contains("could not prove"), "{e}");
    assert!(!impostor.presence("alice").borrow().connected);
    // It never got to ask the browser for anything.
    assert_eq!(
        sim.report().account("alice").expect("alice").captcha_mints,
        0
    );
    let call: Call = flowdeck::provider::flow::requests::credits();
    assert!(impostor.link("alice").call(call).await.is_err());
}

/// A hello from `account` with a made-up `email`, answered with a proof from a secret the
/// sender does not have: what the bridge says back.
async fn guess_hello(b: &Bridge, account: &str, email: Option<&str>) -> ToBrowser {
    let mut s = raw(b, EXTENSION, None).await.expect("upgrade");
    let nonce = proof::new_nonce();
    answer_challenge(&mut s, hello(account, &nonce, email, None), |server| {
        FromBrowser::Auth {
            proof: proof::browser_proof(&proof::new_secret(), server, &nonce),
        }
    })
    .await
    .unwrap_or_else(|said| said)
}

/// The pairing link is worth nothing alone (it is in the browser opener's arguments, which
/// other users of the machine can read): a program that has it but not the check code is
/// refused and the offer stands; its hello with a made-up email is refused and records
/// nothing; a look-alike pairing page (another program's bridge) cannot prove it knows the code
/// the person typed; and the email recorded is the one the paired browser's Flow page says.
#[tokio::test]
async fn the_pairing_link_alone_pairs_nothing_and_a_look_alike_page_cannot_prove_the_code() {
    let sim = sim(|_| {}).await;
    let b = bridge(&[]).await;
    let pairing = b.offer_pairing("alice", proof::new_secret(), Duration::from_secs(30));
    let code = pairing.url.rsplit('/').next().expect("code").to_string();

    // A local program with the link: flowdeck proves itself first, so it hears a challenge,
    // which it cannot answer (its best guess: a key from a code of its own).
    let nonce = proof::new_nonce();
    let pair = FromBrowser::Pair {
        v: VERSION,
        code: code.clone(),
        nonce: nonce.clone(),
    };
    let guess = proof::pairing_key(&proof::new_check(), &code);
    let (said, _) = challenged(&b, pair, |server| FromBrowser::Auth {
        proof: proof::pair_browser_proof(&guess, server, &nonce),
    })
    .await;
    assert!(
        matches!(said, ToBrowser::Refused { .. }),
        "the secret went to a guess"
    );
    // It says hello as the account, with a victim's email: refused, nothing recorded.
    assert!(matches!(
        guess_hello(&b, "alice", Some("victim@example.com")).await,
        ToBrowser::Refused { .. }
    ));
    assert_eq!(*b.presence("alice").borrow(), Default::default());
    // The person mistypes the code: the extension finds flowdeck cannot answer it, says so,
    // and proves nothing.
    let typo = StandIn::pair(&pairing.url, "0000-0000")
        .await
        .expect_err("a typo");
    assert!(typo.contains("could not prove"), "{typo}");
    // A look-alike pairing page: another program's bridge with an offer of its own. The person
    // types the code their flowdeck shows: the look-alike cannot prove it knows it.
    let look_alike = bridge(&[]).await;
    let fake = look_alike.offer_pairing("alice", proof::new_secret(), Duration::from_secs(30));
    let e = StandIn::pair(&fake.url, &pairing.check)
        .await
        .expect_err("refused");
    assert!(e.contains("could not prove"), "{e}");

    // The person's own flowdeck, with its code: paired (the offer stood), and the email is
    // the one the browser's Flow page says.
    let (account, secret) = StandIn::pair(&pairing.url, &pairing.check)
        .await
        .expect("paired");
    let _alice = StandIn::connect(
        &b.ws_url(),
        &account,
        secret,
        sim.page("alice").expect("alice"),
    );
    let p = pairing
        .wait(Duration::from_secs(10))
        .await
        .expect("connected");
    assert_eq!(p.email.as_deref(), Some("alice@sim.flowdeck.test"));
}

/// Before authenticating, a peer's fields are short (or it is refused before anything else),
/// its refusals are kept in a bounded ring, one line each, its text escaped.
#[tokio::test]
async fn what_an_unauthenticated_peer_says_is_capped_escaped_and_kept_briefly() {
    let b = bridge(&[("alice", &proof::new_secret())]).await;
    let long = format!("{}\nERROR forged", "x".repeat(400));
    assert!(
        matches!(
            guess_hello(&b, &long, None).await,
            ToBrowser::Refused { .. }
        ),
        "a long name was challenged"
    );
    assert!(matches!(
        guess_hello(&b, "eve\nERROR forged\x1b[2J", None).await,
        ToBrowser::Refused { .. }
    ));
    let r = b.refusals();
    assert!(
        r.iter()
            .any(|l| l.contains("a field over 320 bytes before authenticating")),
        "{r:?}"
    );
    assert!(
        r.iter()
            .any(|l| l.contains(r#""eve\nERROR forged\u{1b}[2J""#)),
        "{r:?}"
    );
    assert!(
        r.iter()
            .all(|l| !l.contains(['\n', '\x1b']) && l.len() < 300),
        "{r:?}"
    );
    for i in 0..150 {
        let mut s = raw(&b, EXTENSION, None).await.expect("upgrade");
        say(&mut s, hello(&format!("nobody{i}"), "00", None, None)).await;
        assert!(matches!(hear(&mut s).await, ToBrowser::Refused { .. }));
    }
    assert_eq!(b.refusals().len(), 100, "the last 100 are kept");
}

// ---- a hostile machine: floods before authentication (issue 22 items 5 and 6) ------------

#[cfg(target_os = "linux")]
const BIN: &str = env!("CARGO_BIN_EXE_flowdeck");

/// A `flowdeck bridge pair` child holding the bridge up, with the soft fd limit most desktops
/// have (1,024), its stderr in a file; alice is paired (her secret is returned).
#[cfg(target_os = "linux")]
struct BridgeChild {
    child: tokio::process::Child,
    port: u16,
    secret: Secret,
    stderr: std::path::PathBuf,
    _sim: flowdeck::sim::RunningSim,
}

#[cfg(target_os = "linux")]
impl BridgeChild {
    async fn start(name: &str) -> BridgeChild {
        let sim = sim(|c| c.accounts = vec!["alice".into()]).await;
        let dir = temp_dir(name);
        let mut s = kit::child::setup(&sim, dir.clone(), "");
        // Nothing else connects: the test plays every peer.
        s.standins.clear();
        let secret = Secret::new(
            s.envs
                .iter()
                .find(|(k, _)| k == "FD_TEST_ACC0")
                .map(|(_, v)| v.clone())
                .expect("alice's secret"),
        );
        let stderr = dir.join("stderr.log");
        let mut c = kit::child::english("sh");
        c.envs(s.envs.iter().cloned())
            .env_remove("FLOWDECK_CONFIG")
            .kill_on_drop(true)
            .args([
                "-c",
                "ulimit -Sn 1024 && exec \"$0\" \"$@\"",
                BIN,
                "bridge",
                "pair",
                "alice",
                "--no-open",
                "--timeout",
                "600",
                "--config",
            ])
            .arg(&s.config)
            .stdout(std::process::Stdio::piped())
            .stderr(std::fs::File::create(&stderr).expect("stderr file"));
        let mut child = c.spawn().expect("spawn");
        let _ = kit::child::pairing_url(&mut child).await;
        BridgeChild {
            child,
            port: s.bridge_port,
            secret,
            stderr,
            _sim: sim,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id().expect("running")
    }

    /// `VmRSS` and `VmHWM` (the peak), in MiB.
    fn memory(&self) -> (f64, f64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).expect("status");
        let field = |name: &str| -> f64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|kb| kb.parse::<f64>().ok())
                .expect("a memory figure")
                / 1024.0
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    fn open_fds(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.pid()))
            .map(|d| d.count())
            .unwrap_or(0)
    }

    fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}/bridge", self.port)
    }
}

/// What the paired browser does, timed: connect, hello, answer the challenge, get welcomed.
#[cfg(target_os = "linux")]
async fn handshake(ws_url: &str, account: &str, secret: &Secret) -> Result<(), String> {
    let mut s = connect(ws_url, EXTENSION, None).await?;
    let nonce = proof::new_nonce();
    let hello = hello(account, &nonce, None, None);
    s.send(Message::Text(hello.to_text().into()))
        .await
        .map_err(|e| e.to_string())?;
    let ToBrowser::Challenge { nonce: server, .. } = next_text(&mut s).await? else {
        return Err("no challenge".into());
    };
    let auth = FromBrowser::Auth {
        proof: proof::browser_proof(secret, &server, &nonce),
    };
    s.send(Message::Text(auth.to_text().into()))
        .await
        .map_err(|e| e.to_string())?;
    match next_text(&mut s).await? {
        ToBrowser::Welcome { .. } => Ok(()),
        other => Err(format!("{other:?}")),
    }
}

/// 1,100 requests that never finish their headers, held open (and opened again whenever the
/// bridge closes one): the paired browser still connects within seconds, and the bridge's
/// open files stay few.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_flood_of_half_sent_requests_does_not_keep_the_paired_browser_out() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let b = BridgeChild::start("half-sent").await;
    let port = b.port;
    let half = format!("GET /bridge HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n");
    let stop = tokio_util::sync::CancellationToken::new();
    let mut flood = Vec::new();
    for _ in 0..1_100 {
        let (half, stop) = (half.clone(), stop.clone());
        flood.push(tokio::spawn(async move {
            // Hold one half-sent request; when the bridge drops it, send another.
            while !stop.is_cancelled() {
                let Ok(mut tcp) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                if tcp.write_all(half.as_bytes()).await.is_err() {
                    continue;
                }
                let mut buf = [0u8; 64];
                tokio::select! {
                    _ = tcp.read(&mut buf) => {}
                    _ = stop.cancelled() => {}
                }
            }
        }));
    }
    // Let the flood take hold before the browser comes.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let fds_in_flood = b.open_fds();
    let started = std::time::Instant::now();
    let mut last = String::new();
    let connected = loop {
        match tokio::time::timeout(
            Duration::from_secs(3),
            handshake(&b.ws_url(), "alice", &b.secret),
        )
        .await
        {
            Ok(Ok(())) => break Some(started.elapsed()),
            Ok(Err(e)) => last = e,
            Err(_) => last = "no welcome within 3 s".into(),
        }
        if started.elapsed() > Duration::from_secs(30) {
            break None;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let fds_after = b.open_fds();
    stop.cancel();
    for t in flood {
        t.abort();
    }
    println!(
        "paired browser during a 1,100-request flood: {}; bridge fds {fds_in_flood} then {fds_after}",
        connected.map_or("never connected in 30 s".to_string(), |d| format!(
            "connected in {:.2} s",
            d.as_secs_f64()
        ))
    );
    let took = connected.unwrap_or_else(|| panic!("never connected: {last}"));
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert!(fds_in_flood < 300, "{fds_in_flood} open files");
}

/// 20 hellos with 15 MiB account names (a newline and a forged log line in each), then 500
/// small wrong ones: the process stays small, its log short and each line its own.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn unauthenticated_hellos_cannot_grow_the_process_or_its_log() {
    let b = BridgeChild::start("hello-flood").await;
    let (rss_before, _) = b.memory();
    let name = format!(
        "victim\nERROR forged: flowdeck was told to pay\x1b[2J{}",
        "x".repeat(15 << 20)
    );
    let mut floods = Vec::new();
    for _ in 0..20 {
        let (url, name) = (b.ws_url(), name.clone());
        floods.push(tokio::spawn(async move {
            let Ok(mut s) = connect(&url, EXTENSION, None).await else {
                return;
            };
            let hello = hello(&name, &proof::new_nonce(), None, None);
            s.send(Message::Text(hello.to_text().into())).await.ok();
            tokio::time::timeout(Duration::from_secs(15), s.next())
                .await
                .ok();
        }));
    }
    for f in floods {
        f.await.ok();
    }
    for i in 0..500 {
        let Ok(mut s) = connect(&b.ws_url(), EXTENSION, None).await else {
            continue;
        };
        s.send(Message::Text(
            format!(r#"{{"type":"hello","v":{VERSION},"account":"nobody{i}\nERROR forged","nonce":"00"}}"#)
                .into(),
        ))
        .await
        .ok();
        tokio::time::timeout(Duration::from_secs(5), s.next())
            .await
            .ok();
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (rss_after, peak) = b.memory();
    let log = std::fs::read_to_string(&b.stderr).unwrap_or_default();
    println!(
        "hello flood: RSS {rss_before:.0} MiB before, {rss_after:.0} MiB after, peak {peak:.0} MiB; \
         {} bytes of log",
        log.len()
    );
    assert!(
        peak - rss_before < 64.0,
        "peak {peak:.0} MiB from {rss_before:.0}"
    );
    assert!(log.len() < 16 << 10, "{} bytes of log", log.len());
    assert!(
        !log.lines().any(|l| l.starts_with("ERROR forged")),
        "a forged line: {log}"
    );
    assert!(
        !log.contains("\x1b[2J"),
        "the peer's escape sequence in the log"
    );
    // And the paired browser is still welcome.
    handshake(&b.ws_url(), "alice", &b.secret)
        .await
        .expect("alice connects");
}
