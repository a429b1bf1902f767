// Shows what the extension knows: paired or not, connected to flowdeck or not, the signed-in
// Google account (and which of the browser's, `/u/<n>`), whether Flow waits for the person
// ("Confirm it's you"), the last call; and forgets the pairing on request. A pairing page's
// request waits here for the person to type flowdeck's check code (the only way to pair or
// replace a pairing), and calls flowdeck's flow-protocol.toml adds wait for them to allow.
"use strict";

const $ = (id) => document.getElementById(id);

function show(el, text, good) {
  el.textContent = text;
  el.className = good === undefined ? "" : good ? "ok" : "no";
}

function render(s) {
  if (s.pairing) {
    show($("paired"), `${s.pairing.account} (port ${s.pairing.port})`, true);
  } else {
    show($("paired"), "not paired", false);
  }
  show($("connected"), s.connected ? "connected" : "not connected (is flowdeck running?)", !!s.connected);
  show($("email"), s.email ? s.email + (s.slot ? ` (${s.slot})` : "") : "unknown until a Flow tab is open");
  if (s.blocked) {
    show($("flow"), `needs you: Google sent Flow to ${s.blocked} ("Confirm it's you" or an access ` +
      "check). Open Flow in this browser and finish it; flowdeck sends nothing for this account " +
      "until then, and carries on by itself after.", false);
  } else {
    show($("flow"), "normal");
  }
  if (s.last) {
    const when = new Date(s.last.at).toLocaleTimeString();
    show($("last"), `${s.last.rpcid}: ${s.last.result} at ${when}`, s.last.result.startsWith("HTTP 2"));
  } else {
    show($("last"), "none yet");
  }
  renderAsk(s);
  const { asked, allowed } = s;
  const waiting = asked ? [
    ...(asked.rpcs || []).filter((r) => !(allowed && (allowed.rpcs || []).includes(r))).map((r) => "RPC " + r),
    ...(asked.actions || []).filter((a) => !(allowed && (allowed.actions || []).includes(a))).map((a) => "reCAPTCHA action " + a),
  ] : [];
  $("extra").hidden = waiting.length === 0;
  $("extra-what").textContent = `flowdeck asks this browser to also run Flow calls this extension ` +
    `does not know: ${waiting.join(", ")}. Its flow-protocol.toml names them (after Flow moved ` +
    "an id). Allow them only if you wrote that file.";
  $("problem").hidden = !s.problem;
  $("problem").textContent = s.problem || "";
  $("forget").hidden = !s.pairing;
}

function renderAsk(s) {
  const a = s.ask;
  $("ask").hidden = !a || a.state === "paired";
  if (!a) return;
  $("ask-what").textContent = `A pairing page on 127.0.0.1:${a.port} asks to pair this browser ` +
    "with flowdeck. If you started the pairing, type the code flowdeck shows in its terminal or " +
    "window (never one a web page shows you); if not, refuse.";
  $("ask-replaces").hidden = !s.pairing;
  if (s.pairing) {
    $("ask-replaces").textContent = `This replaces the pairing with ${s.pairing.account} (port ${s.pairing.port}).`;
  }
  const said = a.state === "checking" ? "Checking the code with flowdeck…" : a.state === "failed" ? a.reason : "";
  $("ask-state").hidden = !said;
  show($("ask-state"), said, a.state === "failed" ? false : undefined);
}

function refresh() {
  chrome.runtime.sendMessage({ type: "state" }, (s) => s && render(s));
}

$("confirm").addEventListener("click", () => {
  const check = $("check").value;
  chrome.runtime.sendMessage({ type: "confirm", check }, (r) => {
    if (r && r.ok) $("check").value = "";
    refresh();
  });
  refresh();
});

$("check").addEventListener("keydown", (e) => {
  if (e.key === "Enter") $("confirm").click();
});

$("refuse").addEventListener("click", () => {
  chrome.runtime.sendMessage({ type: "refuse" }, refresh);
});

$("allow").addEventListener("click", () => {
  chrome.runtime.sendMessage({ type: "allow" }, refresh);
});

$("forget").addEventListener("click", () => {
  chrome.runtime.sendMessage({ type: "forget" }, refresh);
});

refresh();
setInterval(refresh, 1000);
