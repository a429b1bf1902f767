//! The browser bridge's pairing and its guards: a pairing code works once, a wrong secret or
//! a web page is turned away, an impostor on the port is refused by the extension, and
//! pairing one browser leaves the others connected. What a browser says of its Flow page
//! ("Confirm it's you") reaches its account's presence.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use flowdeck::bridge::protocol::{FromBrowser, ToBrowser, VERSION};
use flowdeck::bridge::{Bridge, BridgeConfig, proof};
use flowdeck::provider::flow::transport::{Call, Transport};
use flowdeck::secret::Secret;
use flowdeck::sim::standin::StandIn;
use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

async fn bridge(paired: &[(&str, &Secret)]) -> Bridge {
    Bridge::start(
        BridgeConfig {
            port: 0,
            origin: "http://127.0.0.1:1".into(),
            call_timeout: Duration::from_secs(5),
        },
        paired
            .iter()
            .map(|(a, s)| (a.to_string(), (*s).clone()))
            .collect(),
    )
    .await
    .expect("bridge")
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A raw connection with chosen headers, to play what the stand-in never would.
async fn raw(b: &Bridge, origin: &str, host: Option<&str>) -> Result<Socket, String> {
    let mut req = b.ws_url().into_client_request().expect("request");
    req.headers_mut()
        .insert("origin", origin.parse().expect("origin"));
    if let Some(h) = host {
        req.headers_mut().insert("host", h.parse().expect("host"));
    }
    tokio_tungstenite::connect_async(req)
        .await
        .map(|(s, _)| s)
        .map_err(|e| e.to_string())
}

async fn say(s: &mut Socket, m: FromBrowser) {
    s.send(Message::Text(m.to_text().into()))
        .await
        .expect("send");
}

async fn hear(s: &mut Socket) -> ToBrowser {
    loop {
        let m = tokio::time::timeout(Duration::from_secs(5), s.next())
            .await
            .expect("an answer")
            .expect("open")
            .expect("frame");
        if let Message::Text(t) = m {
            return ToBrowser::parse(t.as_str()).expect("message");
        }
    }
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

    let (account, got) = StandIn::pair(&pairing.url).await.expect("paired");
    assert_eq!(account, "alice");
    assert_eq!(got.expose(), secret.expose());
    // The code works once.
    let again = StandIn::pair(&pairing.url).await.expect_err("used");
    assert!(again.contains("unknown, used or expired"), "{again}");

    let _alice = StandIn::connect(&b.ws_url(), "alice", got, sim.page("alice").expect("alice"));
    let mut waiting = tokio::spawn(pairing.wait(Duration::from_secs(10)));
    let mut p = b.presence("alice");
    tokio::time::timeout(Duration::from_secs(5), p.wait_for(|p| p.email.is_some()))
        .await
        .expect("connected")
        .expect("presence");
    // Paired, but the page has not heard it yet: the bridge stays up for it a moment.
    assert!(
        tokio::time::timeout(Duration::from_millis(300), &mut waiting)
            .await
            .is_err()
    );
    let state = reqwest::get(format!("{}/state", pairing_url(&b, &code)))
        .await
        .expect("state")
        .text()
        .await
        .expect("body");
    assert!(state.contains("done"), "{state}");
    let presence = tokio::time::timeout(Duration::from_secs(1), waiting)
        .await
        .expect("done once the page knows")
        .expect("task")
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
    let (account, secret) = StandIn::pair(&pairing.url).await.expect("bob pairs");
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
    let e = raw(&b, "chrome-extension://abc", Some("evil.example:80"))
        .await
        .expect_err("refused");
    assert!(e.contains("421"), "{e}");

    // A local program that does not hold the secret.
    let mut s = raw(&b, "chrome-extension://abc", None)
        .await
        .expect("upgrade");
    let nonce = proof::new_nonce();
    say(
        &mut s,
        FromBrowser::Hello {
            v: VERSION,
            account: "alice".into(),
            nonce: nonce.clone(),
            email: None,
            agent: None,
            blocked: None,
        },
    )
    .await;
    let ToBrowser::Challenge { nonce: server, .. } = hear(&mut s).await else {
        panic!("no challenge");
    };
    say(
        &mut s,
        FromBrowser::Auth {
            proof: proof::browser_proof(&Secret::new("a guess"), &server, &nonce),
        },
    )
    .await;
    assert!(
        matches!(hear(&mut s).await, ToBrowser::Refused { reason } if reason.contains("wrong pairing secret"))
    );
    assert!(!b.presence("alice").borrow().connected);

    // An account nobody paired, and a code nobody offered.
    let mut s = raw(&b, "chrome-extension://abc", None)
        .await
        .expect("upgrade");
    say(
        &mut s,
        FromBrowser::Hello {
            v: VERSION,
            account: "mallory".into(),
            nonce: proof::new_nonce(),
            email: None,
            agent: None,
            blocked: None,
        },
    )
    .await;
    assert!(
        matches!(hear(&mut s).await, ToBrowser::Refused { reason } if reason.contains("not paired"))
    );
    let mut s = raw(&b, "chrome-extension://abc", None)
        .await
        .expect("upgrade");
    say(
        &mut s,
        FromBrowser::Pair {
            v: VERSION,
            code: proof::new_code(),
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
    let mut s = raw(&b, "chrome-extension://abc", None)
        .await
        .expect("upgrade");
    let nonce = proof::new_nonce();
    say(
        &mut s,
        FromBrowser::Hello {
            v: VERSION,
            account: "alice".into(),
            nonce: nonce.clone(),
            email: Some("alice@example.com".into()),
            agent: None,
            blocked: Some("/about".into()),
        },
    )
    .await;
    let ToBrowser::Challenge { nonce: server, .. } = hear(&mut s).await else {
        panic!("no challenge");
    };
    say(
        &mut s,
        FromBrowser::Auth {
            proof: proof::browser_proof(&secret, &server, &nonce),
        },
    )
    .await;
    assert!(matches!(hear(&mut s).await, ToBrowser::Welcome { .. }));
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
