// On flowdeck's pairing page (served by flowdeck itself on 127.0.0.1): hand the one-time code
// to the service worker, which completes the pairing with flowdeck, and say how it went.
"use strict";

const meta = document.querySelector('meta[name="flowdeck-pairing"]');
const state = document.getElementById("state");

if (meta && meta.content) {
  const port = Number(meta.dataset.port || location.port);
  chrome.runtime.sendMessage({ type: "pair", code: meta.content, port }, (reply) => {
    if (!state) return;
    if (chrome.runtime.lastError || !reply) {
      state.textContent = "The flowdeck extension could not pair: " +
        (chrome.runtime.lastError ? chrome.runtime.lastError.message : "no answer");
    } else if (reply.ok) {
      state.textContent = "Paired as " + reply.account + "; connecting to flowdeck…";
    } else {
      state.textContent = "Pairing failed: " + reply.reason;
    }
  });
}
