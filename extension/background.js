// flowdeck's companion: runs the Flow requests flowdeck builds, in the user's own signed-in Flow
// tab, and nothing else.
//
// flowdeck (on this machine) listens on ws://127.0.0.1:<port>/bridge. This service worker
// connects there, proves it holds the pairing secret (and checks that flowdeck does too), then
// for each call: finds the Flow tab, waits until the page is ready, and in the page itself
// reads its tokens, mints a reCAPTCHA token for the action flowdeck names, puts it in the
// request and POSTs it with the page's own cookies. The answer goes back to flowdeck as text.
"use strict";

const VERSION = 1;
const PLACEHOLDER = "__CAPTCHA__";
const RECONNECT_MS = 3000;
const PING_MS = 20000;
const READY_MS = 25000;

let socket = null;       // the open connection to flowdeck, once welcomed
let connecting = false;
let origin = null;       // the Flow origin flowdeck works on (from its welcome)
let mints = Promise.resolve(); // generate calls run one at a time: mints must not overlap

// ---- storage: the pairing, and what the popup shows ------------------------------------

async function load() {
  return chrome.storage.local.get(["pairing", "origin", "email", "last", "problem"]);
}

async function note(fields) {
  await chrome.storage.local.set(fields);
}

// ---- HMAC proofs, the same arithmetic as flowdeck's src/bridge/proof.rs ----------------

async function hmac(secret, parts) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, enc.encode(parts.join("|")));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function nonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// ---- pairing: a code from flowdeck's pairing page, exchanged for the secret -------------

function pair(code, port) {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`);
    const fail = (reason) => { ws.close(); resolve({ ok: false, reason }); };
    ws.onopen = () => ws.send(JSON.stringify({ type: "pair", v: VERSION, code }));
    ws.onerror = () => fail("flowdeck is not running on port " + port);
    ws.onmessage = async (event) => {
      const m = JSON.parse(event.data);
      if (m.type !== "paired") return fail(m.reason || "refused");
      ws.close();
      if (socket) socket.close();
      await note({ pairing: { port, account: m.account, secret: m.secret }, problem: null });
      connect();
      resolve({ ok: true, account: m.account });
    };
  });
}

// ---- the connection to flowdeck ----------------------------------------------------------

async function connect() {
  const { pairing } = await load();
  if (!pairing || socket || connecting) return;
  connecting = true;
  const ws = new WebSocket(`ws://127.0.0.1:${pairing.port}/bridge`);
  const mine = nonce();
  let pinger = null;
  ws.onopen = async () => {
    ws.send(JSON.stringify({
      type: "hello", v: VERSION, account: pairing.account, nonce: mine,
      email: await signedInEmail(), agent: "flowdeck-extension/" + chrome.runtime.getManifest().version,
    }));
  };
  ws.onmessage = async (event) => {
    const m = JSON.parse(event.data);
    if (m.type === "challenge") {
      // Only a flowdeck that holds our secret can answer our nonce: never run an impostor's calls.
      const expected = await hmac(pairing.secret, ["flowdeck-bridge server", mine, m.nonce]);
      if (expected !== m.proof) {
        await note({ problem: "something on the flowdeck port could not prove it is flowdeck" });
        return ws.close();
      }
      ws.send(JSON.stringify({
        type: "auth", proof: await hmac(pairing.secret, ["flowdeck-bridge extension", m.nonce, mine]),
      }));
    } else if (m.type === "welcome") {
      socket = ws;
      connecting = false;
      origin = m.origin;
      await note({ origin, problem: null });
      pinger = setInterval(() => ws.send(JSON.stringify({ type: "ping" })), PING_MS);
      // Say who is signed in (the first connection did not know the Flow origin yet).
      const email = await signedInEmail(true);
      if (email) {
        await note({ email });
        ws.send(JSON.stringify({ type: "status", email }));
      }
    } else if (m.type === "call") {
      run(m).then((reply) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(reply));
      });
    } else if (m.type === "refused") {
      await note({ problem: "flowdeck refused the connection: " + m.reason });
    }
  };
  ws.onclose = () => {
    clearInterval(pinger);
    if (socket === ws) socket = null;
    connecting = false;
    setTimeout(retry, RECONNECT_MS);
  };
}

// Reconnects while flowdeck is away. The storage call keeps the worker alive between tries,
// so a connection comes back within seconds of flowdeck starting.
async function retry() {
  const { pairing } = await load();
  if (pairing && !socket) connect();
}

// ---- the Flow tab --------------------------------------------------------------------------

function onOrigin(tab) {
  try {
    return tab.url && new URL(tab.url).origin === origin;
  } catch {
    return false;
  }
}

// Resolves when the tab has finished loading (or after READY_MS: `ready` then says why).
function loaded(tabId) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      chrome.tabs.onUpdated.removeListener(listener);
      resolve();
    };
    const listener = (id, info) => {
      if (id === tabId && info.status === "complete") done();
    };
    const timer = setTimeout(done, READY_MS);
    chrome.tabs.onUpdated.addListener(listener);
    chrome.tabs.get(tabId).then((t) => t.status === "complete" && done(), done);
  });
}

// The one Flow tab: reused (moved to the call's project when it needs one), or opened in the
// background when there is none. flowdeck never opens a second.
async function flowTab(path, needsProject) {
  const tabs = (await chrome.tabs.query({})).filter(onOrigin);
  const url = origin + path;
  let tab = tabs.find((t) => new URL(t.url).pathname === path) || tabs[0];
  if (!tab) {
    tab = await chrome.tabs.create({ url: needsProject ? url : origin + "/", active: false });
  } else if (tab.discarded) {
    await chrome.tabs.reload(tab.id);
  } else if (needsProject && new URL(tab.url).pathname !== path) {
    await chrome.tabs.update(tab.id, { url });
  }
  await loaded(tab.id);
  return tab.id;
}

// Runs in the page: what it has ready.
function pageState() {
  const wiz = window.WIZ_global_data || {};
  const g = window.grecaptcha;
  return {
    signedIn: !!wiz.SNlM0e,
    build: !!wiz.cfb2h,
    recaptcha: !!(g && g.enterprise && g.enterprise.execute),
    email: wiz.oPEP7c || null,
  };
}

async function inPage(tabId, func, args = []) {
  const [result] = await chrome.scripting.executeScript({ target: { tabId }, world: "MAIN", func, args });
  return result ? result.result : null;
}

async function ready(tabId, needsRecaptcha) {
  const deadline = Date.now() + READY_MS;
  let s = null;
  while (Date.now() < deadline) {
    s = await inPage(tabId, pageState).catch(() => null);
    if (s && s.build && !s.signedIn) return { kind: "signed_out", message: "the Flow tab shows Flow signed out" };
    if (s && s.signedIn && s.build && (s.recaptcha || !needsRecaptcha)) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { kind: "not_ready", message: "the Flow tab was not ready after " + READY_MS / 1000 + " s" };
}

// Who the Flow tab says is signed in. `open`: open a Flow tab in the background if none is.
async function signedInEmail(open = false) {
  if (!origin) ({ origin } = await load());
  if (!origin) return null;
  let tab = (await chrome.tabs.query({})).find(onOrigin);
  if (!tab && !open) return (await load()).email || null;
  try {
    const tabId = tab ? tab.id : await flowTab("/", false);
    const s = await inPage(tabId, pageState);
    return s ? s.email : null;
  } catch {
    return null;
  }
}

// Runs in the page's MAIN world, so the request is the page's own: its cookies, its tokens,
// a reCAPTCHA token it mints itself right before sending.
async function pageCall(rpcid, freq, path, action, placeholder) {
  const wiz = window.WIZ_global_data || {};
  const email = wiz.oPEP7c || null;
  if (!wiz.SNlM0e) return { error: { kind: "signed_out", message: "no SNlM0e in the page" }, email };
  let body = freq;
  if (action) {
    try {
      const key = wiz.xZbWve || "6LdsFiUsAAAAAIjVDZcuLhaHiDn5nnHVXVRQGeMV";
      const token = await window.grecaptcha.enterprise.execute(key, { action });
      body = freq.split(placeholder).join(token);
    } catch (e) {
      return { error: { kind: "captcha", message: String(e) }, email };
    }
  }
  const hl = wiz.EP || (document.documentElement.lang || "en").split("-")[0];
  const query = new URLSearchParams({
    rpcids: rpcid, "source-path": path, bl: wiz.cfb2h, "f.sid": wiz.FdrFJe || "", hl,
    _reqid: String(100000 + Math.floor(Math.random() * 900000)), rt: "c",
  });
  try {
    const r = await fetch("/_/AiSandboxAngularFrontend/data/batchexecute?" + query, {
      method: "POST",
      credentials: "include",
      headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8", "x-same-domain": "1" },
      body: new URLSearchParams({ "f.req": body, at: wiz.SNlM0e }).toString(),
    });
    return { status: r.status, body: await r.text(), email };
  } catch (e) {
    return { error: { kind: "network", message: String(e) }, email };
  }
}

// One call from flowdeck, start to answer.
async function run(call) {
  const generate = !!call.captcha;
  const work = async () => {
    let outcome;
    try {
      const tabId = await flowTab(call.path, generate);
      let problem = await ready(tabId, generate);
      if (problem) {
        outcome = { error: problem, email: null };
      } else {
        const args = [call.rpcid, call.freq, call.path, call.captcha || null, PLACEHOLDER];
        outcome = await inPage(tabId, pageCall, args);
        // A stale page token: reload the tab once and send again (with a fresh reCAPTCHA token).
        if (outcome && outcome.status === 400 && outcome.body.includes('"xsrf"')) {
          await chrome.tabs.reload(tabId);
          await loaded(tabId);
          problem = await ready(tabId, generate);
          outcome = problem ? { error: problem, email: null } : await inPage(tabId, pageCall, args);
        }
      }
    } catch (e) {
      outcome = { error: { kind: "no_tab", message: String(e) }, email: null };
    }
    outcome = outcome || { error: { kind: "other", message: "the page gave no answer" }, email: null };
    await note({
      last: { rpcid: call.rpcid, at: Date.now(), result: outcome.error ? outcome.error.kind : "HTTP " + outcome.status },
      ...(outcome.email ? { email: outcome.email } : {}),
    });
    return { type: "result", id: call.id, ...outcome };
  };
  if (!generate) return work();
  const turn = mints.then(work, work);
  mints = turn.catch(() => {});
  return turn;
}

// ---- lifecycle and messages ------------------------------------------------------------------

chrome.runtime.onInstalled.addListener(connect);
chrome.runtime.onStartup.addListener(connect);
chrome.alarms.create("reconnect", { periodInMinutes: 0.5 });
chrome.alarms.onAlarm.addListener(connect);
connect();

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  const from = sender.url ? new URL(sender.url) : null;
  if (message.type === "pair" && from && from.hostname === "127.0.0.1" && from.pathname.startsWith("/pair/")) {
    pair(message.code, message.port).then(reply);
    return true;
  }
  if (message.type === "state") {
    load().then((s) => reply({ ...s, connected: !!socket, pairing: s.pairing ? { account: s.pairing.account, port: s.pairing.port } : null }));
    return true;
  }
  if (message.type === "forget") {
    chrome.storage.local.clear().then(() => {
      if (socket) socket.close();
      reply({ ok: true });
    });
    return true;
  }
  return false;
});
