// Shows what the extension knows: paired or not, connected to flowdeck or not, the signed-in
// Google account (and which of the browser's, `/u/<n>`), whether Flow waits for the person
// ("Confirm it's you"), the last call; and forgets the pairing on request. A pairing page's
// request waits here for the person to type flowdeck's check code (the only way to pair or
// replace a pairing), and calls flowdeck's flow-protocol.toml adds wait for them to allow.
"use strict";

const $ = (id) => document.getElementById(id);
// The words, in the browser's language (_locales/<language>/messages.json; English otherwise).
const t = (key, ...args) => chrome.i18n.getMessage(key, args.map(String));

document.documentElement.lang = chrome.i18n.getUILanguage();
for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);

function show(el, text, good) {
  el.textContent = text;
  el.className = good === undefined ? "" : good ? "ok" : "no";
}

function render(s) {
  if (s.pairing) {
    show($("paired"), t("pairedWith", s.pairing.account, s.pairing.port), true);
  } else {
    show($("paired"), t("notPaired"), false);
  }
  show($("connected"), s.connected ? t("connected") : t("notConnected"), !!s.connected);
  show($("email"), s.email ? s.email + (s.slot ? ` (${s.slot})` : "") : t("emailUnknown"));
  if (s.blocked) {
    show($("flow"), t("flowBlocked", s.blocked), false);
  } else {
    show($("flow"), t("flowNormal"));
  }
  if (s.last) {
    const when = new Date(s.last.at).toLocaleTimeString();
    show($("last"), t("lastCall", s.last.rpcid, s.last.result, when), s.last.result.startsWith("HTTP 2"));
  } else {
    show($("last"), t("lastNone"));
  }
  renderAsk(s);
  const { asked, allowed } = s;
  const waiting = asked ? [
    ...(asked.rpcs || []).filter((r) => !(allowed && (allowed.rpcs || []).includes(r))).map((r) => t("rpcItem", r)),
    ...(asked.actions || []).filter((a) => !(allowed && (allowed.actions || []).includes(a))).map((a) => t("actionItem", a)),
  ] : [];
  $("extra").hidden = waiting.length === 0;
  $("extra-what").textContent = t("extraWhat", waiting.join(", "));
  $("problem").hidden = !s.problem;
  $("problem").textContent = s.problem || "";
  // flowdeck said its version when it welcomed us: another one than ours is told, not refused.
  const ours = chrome.runtime.getManifest().version;
  const other = typeof s.app === "string" && s.app !== ours;
  $("version").hidden = !other;
  $("version").textContent = other ? t("versionMismatch", ours, s.app) : "";
  $("forget").hidden = !s.pairing;
}

function renderAsk(s) {
  const a = s.ask;
  $("ask").hidden = !a || a.state === "paired";
  if (!a) return;
  $("ask-what").textContent = t("askWhat", a.port);
  $("ask-replaces").hidden = !s.pairing;
  if (s.pairing) {
    $("ask-replaces").textContent = t("askReplaces", s.pairing.account, s.pairing.port);
  }
  const said = a.state === "checking" ? t("checking") : a.state === "failed" ? a.reason : "";
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
