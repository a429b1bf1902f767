// Shows what the extension knows: paired or not, connected to flowdeck or not, the signed-in
// Google account (and which of the browser's, `/u/<n>`), whether Flow waits for the person
// ("Confirm it's you"), the last call; and forgets the pairing on request.
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
  $("problem").hidden = !s.problem;
  $("problem").textContent = s.problem || "";
  $("forget").hidden = !s.pairing;
}

function refresh() {
  chrome.runtime.sendMessage({ type: "state" }, (s) => s && render(s));
}

$("forget").addEventListener("click", () => {
  chrome.runtime.sendMessage({ type: "forget" }, refresh);
});

refresh();
setInterval(refresh, 1000);
