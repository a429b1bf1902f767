// On flowdeck's pairing page (served by flowdeck itself on 127.0.0.1): hand the page's one-time
// code to the service worker, which waits for the person to type flowdeck's check code in the
// popup, and say how the pairing goes, to the end ("Paired as <email>"). From the moment this
// runs the page asks flowdeck nothing more (it stops when #state is marked as ours), so it
// tells the truth even after `flowdeck bridge pair` has finished and gone.
"use strict";

const meta = document.querySelector('meta[name="flowdeck-pairing"]');
const state = document.getElementById("state");
const READING_MS = 20000; // how long to wait for a Flow tab to say who is signed in

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
        if (s.email) return say(`Paired as ${s.email}. You can close this tab.`, "paired");
        if (Date.now() - pairedAt > READING_MS) {
          return say(`Paired with flowdeck as ${s.account}, but no Flow tab has said which Google ` +
            "account this browser uses yet: open Flow in this browser.", "paired");
        }
        say(`Paired with flowdeck as ${s.account}; reading which Google account this browser uses…`, "reading");
      } else if (s.state === "gone") {
        return say("This pairing was refused in the extension's popup, or another pairing page " +
          "took its place: start pairing again in flowdeck.", "gone");
      } else if (s.state === "failed") {
        say(`Not paired yet: ${s.reason}`, "failed");
      } else if (s.state === "checking") {
        say("Checking the code with flowdeck…", "checking");
      } else {
        say("Now click the flowdeck extension's icon in this browser's toolbar and type the code " +
          "flowdeck shows in its terminal or window.", "asked");
      }
      setTimeout(follow, 500);
    });
  };
  chrome.runtime.sendMessage({ type: "pair", code }, (reply) => {
    if (chrome.runtime.lastError || !reply || !reply.ok) {
      const why = chrome.runtime.lastError ? chrome.runtime.lastError.message : (reply && reply.reason) || "no answer";
      return say("The flowdeck extension could not take this pairing: " + why, "failed");
    }
    follow();
  });
}
