// On flowdeck's pairing page (served by flowdeck itself on 127.0.0.1): hand the page's one-time
// code to the service worker, which waits for the person to type flowdeck's check code in the
// popup, and say how the pairing goes, to the end ("Paired as <email>"). From the moment this
// runs the page asks flowdeck nothing more (it stops when #state is marked as ours), so it
// tells the truth even after `flowdeck bridge pair` has finished and gone.
"use strict";

const meta = document.querySelector('meta[name="flowdeck-pairing"]');
const state = document.getElementById("state");
const READING_MS = 20000; // how long to wait for a Flow tab to say who is signed in
// The words, in the browser's language (_locales/<language>/messages.json; English otherwise).
const t = (key, ...args) => chrome.i18n.getMessage(key, args.map(String));

function say(text, s) {
  state.textContent = text;
  state.dataset.state = s;
}

if (meta && meta.content && state) {
  state.dataset.by = "extension";
  const code = meta.content;
  let pairedAt = null;
  const follow = () => {
    chrome.runtime.sendMessage({ type: "pairing", code }, (s) => {
      if (chrome.runtime.lastError || !s) return setTimeout(follow, 500); // the worker woke up
      if (s.state === "paired") {
        pairedAt = pairedAt || Date.now();
        if (s.email) return say(t("pairedAs", s.email), "paired");
        if (Date.now() - pairedAt > READING_MS) {
          return say(t("pairedNoEmail", s.account), "paired");
        }
        say(t("pairedReading", s.account), "reading");
      } else if (s.state === "gone") {
        return say(t("pairGone"), "gone");
      } else if (s.state === "failed") {
        say(t("pairFailed", s.reason), "failed");
      } else if (s.state === "checking") {
        say(t("checking"), "checking");
      } else {
        say(t("pairAsked"), "asked");
      }
      setTimeout(follow, 500);
    });
  };
  chrome.runtime.sendMessage({ type: "pair", code }, (reply) => {
    if (chrome.runtime.lastError || !reply || !reply.ok) {
      const why = chrome.runtime.lastError ? chrome.runtime.lastError.message : (reply && reply.reason) || t("noAnswer");
      return say(t("pairNotTaken", why), "failed");
    }
    follow();
  });
}
