// flowdeck's companion: runs the Flow requests flowdeck builds, in the user's own signed-in Flow
// tab, and nothing else.
//
// flowdeck (on this machine) listens on ws://127.0.0.1:<port>/bridge. This service worker
// connects there, proves it holds the pairing secret (and checks that flowdeck does too), then
// for each call: finds the Flow tab, waits until the page is ready, and in the page itself
// reads its tokens, mints a reCAPTCHA token for the action flowdeck names, puts it in the
// request and POSTs it with the page's own cookies, as the Google account the tab is signed
// in as (its `/u/<n>`). The answer goes back to flowdeck as text.
//
// When Google sends the tab to a page only the person can get past ("Confirm it's you" at
// /about, an account check, a region block), it tells flowdeck, which sends nothing for this
// account until the extension sees Flow normal again and says so.
//
// Pairing happens only when the person confirms it in the popup by typing the check code their
// flowdeck shows (never the pairing page): a program that serves a look-alike pairing page
// cannot prove it knows that code, so it can neither pair nor replace a pairing. And whoever
// is paired, this extension runs only the Flow calls flowdeck makes (FLOW_RPCS, FLOW_ACTIONS;
// others once the person allows them), on Flow's home or a project page of Flow's own origin.
"use strict";

// Words the popup and the pairing page show, in the browser's language (_locales/).
const t = (key, ...args) => chrome.i18n.getMessage(key, args.map(String));

const VERSION = 2;
const PLACEHOLDER = "__CAPTCHA__";
// The Flow calls flowdeck makes: src/provider/flow/protocol.toml's [rpc] and [actions] (a test
// keeps these equal to it). An id or action a user's flow-protocol.toml adds runs only once the
// person allowed it in the popup.
const FLOW_RPCS = [
  "YhhmEf", "eb1hJf", "nprQif", "MZZa6b", "p0UkFb", "maseQ", "jwpduf", "as29s", "Zzl0ze",
  "jHPbke", "nzlxg", "HTrJv", "yBhWQ",
];
const FLOW_ACTIONS = ["VIDEO_GENERATION", "UPLOAD_IMAGE"];
// The Flow pages a call may name: Flow's home, or a project's (the tab's /u/<n> goes before).
const FLOW_PATH = /^\/(project\/[A-Za-z0-9_-]{1,128}(\/[A-Za-z0-9_-]{1,128})*)?$/;
// PBKDF2 rounds of the pairing key, as src/bridge/proof.rs's PAIR_ROUNDS.
const PAIR_ROUNDS = 100000;
const ASK_MS = 15 * 60 * 1000; // a pairing page's request waits this long for its person
const RECONNECT_MS = 3000;
const PING_MS = 20000;
const READY_MS = 25000;
const WATCH_MS = 10000; // a person reloading Flow now and then, not a poller
// Every call into the page is bounded: a tab that navigates or closes mid-call can leave
// executeScript unsettled for good, and one stuck call must never stall the account.
const STATE_MS = 5000;   // reading what the page has ready
const CALL_MS = 110000;  // one request in the page (image generates are held ~20 s)
const TURN_MS = 140000;  // one call start to answer, tab and readiness included; flowdeck
                         // itself waits 150 s, so the page's own account of it arrives first
// Flow's pages for people it does not let in: "Confirm it's you" (/about, ffroliva/gflow-cli
// #902) and region or access blocks.
const BLOCKED_PATHS = ["/about", "/unavailable", "/unsupported-country"];

let socket = null;       // the open connection to flowdeck, once welcomed
let attempt = null;      // the connection being opened (or open): one at a time
let origin = null;       // the Flow origin flowdeck works on (from its welcome)
let mints = Promise.resolve(); // generate calls run one at a time: mints must not overlap
let blocked = null;      // where Google sent the Flow tab while only the person can go on
let watcher = null;      // looks at Flow again now and then while `blocked`

// ---- storage: the pairing, and what the popup shows ------------------------------------

async function load() {
  return chrome.storage.local.get([
    "pairing", "origin", "email", "slot", "last", "problem", "blocked", "asked", "allowed", "app",
  ]);
}

async function note(fields) {
  await chrome.storage.local.set(fields);
}

// ---- HMAC proofs, the same arithmetic as flowdeck's src/bridge/proof.rs ----------------

function hex(bytes) {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function hmac(secret, parts) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, enc.encode(parts.join("|")));
  return hex(new Uint8Array(mac));
}

function nonce() {
  return hex(crypto.getRandomValues(new Uint8Array(16)));
}

// The key both sides prove they hold while pairing: the check code stretched, salted with the
// pairing page's code.
async function pairingKey(check, code) {
  const enc = new TextEncoder();
  const base = await crypto.subtle.importKey("raw", enc.encode(check), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: enc.encode("flowdeck-pair|" + code), iterations: PAIR_ROUNDS },
    base, 256);
  return hex(new Uint8Array(bits));
}

// ---- pairing: a pairing page asks, the person confirms with flowdeck's check code -------------

// The code as flowdeck made it (Crockford's base32), read forgivingly: case, dashes, O for 0.
function checkCode(typed) {
  const c = String(typed || "").toUpperCase().replace(/[^0-9A-Z]/g, "")
    .replace(/O/g, "0").replace(/[IL]/g, "1");
  return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(c) ? c : null;
}

async function asking() {
  const { ask } = await chrome.storage.session.get("ask");
  return ask && Date.now() - ask.at < ASK_MS ? ask : null;
}

async function setAsk(ask) {
  await chrome.storage.session.set({ ask });
  const waiting = ask && ask.state !== "paired";
  await chrome.action.setBadgeText({ text: waiting ? "1" : "" });
}

// A pairing page (on 127.0.0.1, its own port) asks to pair: nothing happens until the person
// types the check code in the popup. A page asking again keeps its request as it was.
async function ask(code, port) {
  const now = await asking();
  if (now && now.code === code && now.port === port) return;
  await setAsk({ code, port, at: Date.now(), state: "asked", reason: null, account: null });
  chrome.action.openPopup().catch(() => {}); // the person clicks the icon when it cannot open
}

// Asks the flowdeck on `port` for the pairing `code`. It must first prove it knows `key`
// (made from the code the person typed; a look-alike page's server does not), and only then
// does this extension prove it too and receive the secret.
function redeem(code, port, key) {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`);
    const mine = nonce();
    let proved = false;
    let done = false;
    const end = (result) => {
      if (done) return;
      done = true;
      ws.close();
      resolve(result);
    };
    ws.onopen = () => ws.send(JSON.stringify({ type: "pair", v: VERSION, code, nonce: mine }));
    ws.onerror = () => end({ ok: false, reason: t("errNotRunning", port) });
    ws.onclose = () => end({ ok: false, reason: t("errClosed") });
    ws.onmessage = async (event) => {
      let m;
      try {
        m = JSON.parse(event.data);
      } catch {
        return end({ ok: false, reason: t("errNotFlowdeck") });
      }
      if (m.type === "challenge" && !proved) {
        if (await hmac(key, ["flowdeck-pair server", mine, m.nonce]) !== m.proof) {
          return end({ ok: false, reason: t("errWrongCode") });
        }
        proved = true;
        ws.send(JSON.stringify({ type: "auth", proof: await hmac(key, ["flowdeck-pair extension", m.nonce, mine]) }));
      } else if (m.type === "paired" && proved && typeof m.account === "string" && typeof m.secret === "string") {
        end({ ok: true, account: m.account, secret: m.secret });
      } else {
        end({ ok: false, reason: typeof m.reason === "string" ? m.reason.slice(0, 200) : t("refused") });
      }
    };
  });
}

// The person typed a code in the popup: pair with the page that asked, replacing any pairing.
async function confirm(typed) {
  const now = await asking();
  if (!now || now.state === "paired") {
    return { ok: false, reason: t("errNoPage") };
  }
  const check = checkCode(typed);
  if (!check) return { ok: false, reason: t("errCodeShape") };
  await setAsk({ ...now, state: "checking", reason: null });
  const result = await redeem(now.code, now.port, await pairingKey(check, now.code));
  if (!result.ok) {
    await setAsk({ ...now, state: "failed", reason: result.reason });
    return result;
  }
  drop();
  // A new pairing: nothing the old one learned or was allowed carries over.
  await chrome.storage.local.remove(["origin", "email", "slot", "last", "problem", "blocked", "asked", "allowed"]);
  origin = null;
  blocked = null;
  await note({ pairing: { port: now.port, account: result.account, secret: result.secret } });
  await setAsk({ ...now, state: "paired", reason: null, account: result.account });
  connect();
  return { ok: true, account: result.account };
}

// How the pairing of the page with `code` goes, for that page to say.
async function pairingState(code) {
  const now = await asking();
  if (!now || now.code !== code) return { state: "gone" };
  if (now.state !== "paired") return { state: now.state, reason: now.reason };
  const { email } = await load();
  return { state: "paired", account: now.account, email: email || null };
}

// ---- the connection to flowdeck ----------------------------------------------------------

// Ends the connection (open or opening), as a new pairing or "Forget" does.
function drop() {
  const ws = attempt;
  attempt = null;
  socket = null;
  if (ws instanceof WebSocket) ws.close();
}

async function connect() {
  if (attempt) return;
  const claim = (attempt = {}); // claimed before waiting: one connection at a time
  const { pairing } = await load();
  if (attempt !== claim) return; // dropped meanwhile
  if (!pairing) {
    attempt = null;
    return;
  }
  const ws = new WebSocket(`ws://127.0.0.1:${pairing.port}/bridge`);
  attempt = ws;
  const mine = nonce();
  let pinger = null;
  ws.onopen = async () => {
    ws.send(JSON.stringify({
      type: "hello", v: VERSION, account: pairing.account, nonce: mine,
      email: await signedInEmail(), agent: "flowdeck-extension/" + chrome.runtime.getManifest().version,
      blocked,
    }));
  };
  ws.onmessage = async (event) => {
    if (attempt !== ws) return ws.close();
    let m;
    try {
      m = JSON.parse(event.data);
    } catch {
      return ws.close();
    }
    if (m.type === "challenge") {
      // Only a flowdeck that holds our secret can answer our nonce: never run an impostor's calls.
      const expected = await hmac(pairing.secret, ["flowdeck-bridge server", mine, m.nonce]);
      if (expected !== m.proof) {
        await note({ problem: t("problemNotFlowdeck") });
        return ws.close();
      }
      ws.send(JSON.stringify({
        type: "auth", proof: await hmac(pairing.secret, ["flowdeck-bridge extension", m.nonce, mine]),
      }));
    } else if (m.type === "welcome") {
      // Only an origin this extension may work on (its host permissions: Flow's own, or the
      // simulator's on 127.0.0.1): the tab is never sent anywhere else.
      const named = typeof m.origin === "string" && /^https?:\/\/[^/@?#]+$/.test(m.origin);
      if (!named || !(await chrome.permissions.contains({ origins: [m.origin + "/*"] }))) {
        await note({ problem: t("problemOrigin", String(m.origin).slice(0, 80)) });
        return ws.close();
      }
      socket = ws;
      origin = m.origin;
      // Calls flowdeck makes beyond those this extension knows (a flow-protocol.toml of the
      // person's): the popup asks them.
      const asked = {
        rpcs: (Array.isArray(m.rpcs) ? m.rpcs : []).filter((r) => typeof r === "string" && !FLOW_RPCS.includes(r)).slice(0, 20),
        actions: (Array.isArray(m.actions) ? m.actions : []).filter((a) => typeof a === "string" && !FLOW_ACTIONS.includes(a)).slice(0, 20),
      };
      // flowdeck's version, kept for the popup (only a short run of digits and dots).
      const app = typeof m.app === "string" && /^[0-9.]{1,20}$/.test(m.app) ? m.app : null;
      await note({ origin, problem: null, asked, app });
      pinger = setInterval(() => ws.send(JSON.stringify({ type: "ping" })), PING_MS);
      // Say who is signed in (the first connection did not know the Flow origin yet).
      const email = await signedInEmail(true);
      if (email) await note({ email });
      if (email || blocked) await tell();
    } else if (m.type === "call") {
      run(m).then((reply) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(reply));
      });
    } else if (m.type === "refused") {
      await note({ problem: t("problemRefused", m.reason) });
    }
  };
  ws.onclose = () => {
    clearInterval(pinger);
    if (socket === ws) socket = null;
    if (attempt !== ws) return; // dropped: whoever dropped it connects again
    attempt = null;
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

// A Flow tab's Google account, as its address names it: the UI's `/u/<n>` path prefix (a
// browser signed in to several Google accounts), or an `authuser` query. Both are kept when
// flowdeck moves the tab; `rest` is the path without the prefix.
function tabAccount(tab) {
  const u = new URL(tab.url);
  const m = /^\/u\/\d+(?=\/|$)/.exec(u.pathname);
  const prefix = m ? m[0] : "";
  const who = u.searchParams.get("authuser");
  return {
    prefix,
    rest: u.pathname.slice(prefix.length) || "/",
    search: who === null ? "" : "?" + new URLSearchParams({ authuser: who }),
  };
}

// Where a tab is when it is a page only the person can get past; null otherwise.
function placeOf(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.origin !== origin) return u.hostname.startsWith("accounts.google.") ? u.hostname : null;
  const rest = u.pathname.replace(/^\/u\/\d+(?=\/|$)/, "") || "/";
  return BLOCKED_PATHS.includes(rest) ? rest : null;
}

// The one Flow tab: reused (moved to the call's project when it needs one, as the same Google
// account), or opened in the background when there is none. flowdeck never opens a second.
async function flowTab(path, needsProject) {
  const tabs = (await chrome.tabs.query({})).filter(onOrigin);
  let tab = tabs.find((t) => tabAccount(t).rest === path) || tabs[0];
  if (!tab) {
    tab = await chrome.tabs.create({ url: origin + (needsProject ? path : "/"), active: false });
  } else if (tab.discarded) {
    await chrome.tabs.reload(tab.id);
  } else {
    const { prefix, rest, search } = tabAccount(tab);
    // A tab still on a check page goes back to Flow (flowdeck calls only once it is cleared).
    if ((needsProject && rest !== path) || placeOf(tab.url)) {
      await chrome.tabs.update(tab.id, { url: origin + prefix + (needsProject ? path : "/") + search });
    }
  }
  await loaded(tab.id);
  return tab.id;
}

// Runs in the page: what it has ready, and whether it asks for the person instead.
function pageState() {
  const wiz = window.WIZ_global_data || {};
  const g = window.grecaptcha;
  const text = document.body ? document.body.innerText : "";
  return {
    signedIn: !!wiz.SNlM0e,
    build: !!wiz.cfb2h,
    recaptcha: !!(g && g.enterprise && g.enterprise.execute),
    email: wiz.oPEP7c || null,
    challenge: !wiz.SNlM0e && /(confirm|verify) it['’]s you/i.test(text),
    path: location.pathname.replace(/^\/u\/\d+(?=\/|$)/, "") || "/",
  };
}

// Runs in the page while it waits for the person: loads Flow's home (as a reload would) and
// says where it lands: a page only the person can get past, null when Flow is normal, or
// undefined when it could not tell.
async function pageProbe(prefix, search) {
  try {
    const r = await fetch(prefix + "/" + search, { credentials: "include", cache: "no-store" });
    const u = new URL(r.url);
    const rest = u.pathname.replace(/^\/u\/\d+(?=\/|$)/, "") || "/";
    // BLOCKED_PATHS (code run in the page sees none of this file's names).
    if (["/about", "/unavailable", "/unsupported-country"].includes(rest)) return { place: rest };
    const html = await r.text();
    if (!html.includes("SNlM0e")) return { place: /(confirm|verify) it['’]s you/i.test(html) ? rest : undefined };
    return { place: null };
  } catch {
    return { place: undefined }; // sent off Flow (a cross-site redirect fails here), or offline
  }
}

// Resolves with `promise`, or rejects after `ms` with a timeout that says what was cut.
function bounded(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(what + " did not settle in " + ms / 1000 + " s")), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function inPage(tabId, func, args = [], ms = STATE_MS) {
  const run = chrome.scripting.executeScript({ target: { tabId }, world: "MAIN", func, args });
  const [result] = await bounded(run, ms, "the Flow tab");
  return result ? result.result : null;
}

async function ready(tabId, needsRecaptcha) {
  const deadline = Date.now() + READY_MS;
  let s = null;
  // Google sent the tab off Flow: to its account pages ("Verify it's you"), the only place it
  // sends a Flow tab that this extension may not look at.
  const tab = await chrome.tabs.get(tabId);
  const place = tab.url === undefined ? "accounts.google.com" : placeOf(tab.url);
  if (place) return { kind: "needs_you", message: place };
  while (Date.now() < deadline) {
    s = await inPage(tabId, pageState).catch(() => null);
    if (s && s.challenge) return { kind: "needs_you", message: s.path };
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
// a reCAPTCHA token it mints itself right before sending, and the Google account the tab is:
// posted under its `/u/<n>` (URL and source-path both, as the UI does), or with its `authuser`.
async function pageCall(rpcid, freq, path, action, placeholder) {
  const wiz = window.WIZ_global_data || {};
  const email = wiz.oPEP7c || null;
  // Which of the browser's Google accounts this tab is. The address names it (no index is the
  // first account) and the page says its own (`QrtxK`); when they disagree, nothing is sent:
  // a call as the wrong account would be charged to it.
  const inPath = /^\/u\/(\d+)(?=\/|$)/.exec(location.pathname);
  const inQuery = new URLSearchParams(location.search).get("authuser");
  const own = /^\d+$/.test(wiz.QrtxK || "") ? Number(wiz.QrtxK) : null;
  const named = inPath ? inPath[1] : inQuery !== null ? inQuery : "0";
  let unclear = null;
  if (inPath && inQuery !== null && inQuery !== inPath[1]) unclear = `/u/${inPath[1]} ≠ authuser=${inQuery}`;
  else if (!/^\d+$/.test(named)) unclear = `authuser=${named}`;
  else if (own !== null && own !== Number(named)) unclear = `/u/${named} ≠ /u/${own}`;
  const prefix = inPath ? inPath[0] : "";
  const slot = prefix || (inQuery !== null ? "authuser=" + inQuery : "");
  // Everything before the fetch below answers `sent: false`; everything after, `sent: true`.
  if (unclear) return { error: { kind: "account_unclear", message: unclear }, email, slot, sent: false };
  if (!wiz.SNlM0e) return { error: { kind: "signed_out", message: "no SNlM0e in the page" }, email, sent: false };
  let body = freq;
  if (action) {
    try {
      const key = wiz.xZbWve || "6LdsFiUsAAAAAIjVDZcuLhaHiDn5nnHVXVRQGeMV";
      const token = await window.grecaptcha.enterprise.execute(key, { action });
      body = freq.split(placeholder).join(token);
    } catch (e) {
      return { error: { kind: "captcha", message: String(e) }, email, sent: false };
    }
  }
  const hl = wiz.EP || (document.documentElement.lang || "en").split("-")[0];
  const query = new URLSearchParams({
    rpcids: rpcid, "source-path": prefix + path, bl: wiz.cfb2h, "f.sid": wiz.FdrFJe || "", hl,
    _reqid: String(100000 + Math.floor(Math.random() * 900000)), rt: "c",
  });
  if (!inPath && inQuery !== null) query.set("authuser", inQuery);
  let r;
  try {
    r = await fetch(prefix + "/_/AiSandboxAngularFrontend/data/batchexecute?" + query, {
      method: "POST",
      credentials: "include",
      headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8", "x-same-domain": "1" },
      body: new URLSearchParams({ "f.req": body, at: wiz.SNlM0e }).toString(),
      redirect: "manual",
    });
  } catch (e) {
    return { error: { kind: "network", message: String(e) }, email, slot, sent: true };
  }
  // A redirect instead of an answer: Google turned the call away to a page for the person
  // ("Confirm it's you"); nothing ran. Where to: the page Flow's home lands on now.
  if (r.type === "opaqueredirect") {
    let place = "accounts.google.com";
    try {
      const home = await fetch(prefix + "/" + location.search, { credentials: "include", cache: "no-store" });
      place = home.url ? new URL(home.url).pathname.replace(/^\/u\/\d+(?=\/|$)/, "") || "/" : place;
    } catch {
      // Sent off Flow: a cross-site redirect fails here.
    }
    // The service's own answer that it did not run the call, as a 401 would be.
    return { error: { kind: "needs_you", message: place }, email, slot, sent: false };
  }
  try {
    return { status: r.status, body: await r.text(), email, slot, sent: true };
  } catch (e) {
    return { error: { kind: "network", message: String(e) }, email, slot, sent: true };
  }
}

// Tells flowdeck who is signed in and where the page stands.
async function tell() {
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  const { email } = await load();
  socket.send(JSON.stringify({ type: "status", email: email || null, blocked }));
}

// Google sent the tab to a page only the person can get past (`place`), or Flow is normal
// again (null): remember it, tell flowdeck, and look again now and then while it lasts.
async function setBlocked(place) {
  if (place === blocked) return;
  blocked = place;
  await note({ blocked });
  await tell();
  if (blocked) watch();
}

function watch() {
  if (watcher) return;
  watcher = setInterval(async () => {
    if (!blocked) {
      clearInterval(watcher);
      watcher = null;
      return;
    }
    const tab = (await chrome.tabs.query({})).filter(onOrigin).find((t) => !t.discarded);
    if (!tab) return; // the person opens Flow again: `judge` sees it load
    const { prefix, search } = tabAccount(tab);
    const seen = await inPage(tab.id, pageProbe, [prefix, search]).catch(() => null);
    if (seen && seen.place === null) await setBlocked(null);
  }, WATCH_MS);
}

// A Flow tab finished loading (the person opened Flow, or Google sent it somewhere): is it a
// page for the person, or normal Flow?
async function judge(tabId, url) {
  const place = placeOf(url);
  if (place) return setBlocked(place);
  const s = await inPage(tabId, pageState).catch(() => null);
  if (s && s.challenge) await setBlocked(s.path);
  else if (s && s.signedIn && blocked) await setBlocked(null);
}

// Why a call from flowdeck may not run here, or null: only the Flow calls flowdeck makes (or
// those the person allowed), on Flow's home or a project page.
async function notAllowed(call) {
  const { allowed } = await load();
  const known = (list, extra, x) => typeof x === "string" && (list.includes(x) || (extra || []).includes(x));
  const named = (x) => JSON.stringify(String(x).slice(0, 60));
  if (!known(FLOW_RPCS, allowed && allowed.rpcs, call.rpcid)) {
    return `${named(call.rpcid)} is not a Flow call this extension runs (if your flow-protocol.toml names it, allow it in the extension's popup)`;
  }
  if (call.captcha && !known(FLOW_ACTIONS, allowed && allowed.actions, call.captcha)) {
    return `${named(call.captcha)} is not a reCAPTCHA action this extension mints tokens for (if your flow-protocol.toml names it, allow it in the extension's popup)`;
  }
  if (typeof call.path !== "string" || !FLOW_PATH.test(call.path)) {
    return `${named(call.path)} is not a Flow page this extension opens (only / and /project/<id>)`;
  }
  return null;
}

// One call from flowdeck, start to answer. Every answer says whether the page had issued the
// request: `sent: false` only from code that runs before the POST, so a tab closed or moved
// while a generate is out is never taken for "not sent" (that would pay twice).
async function run(call) {
  const refused = await notAllowed(call);
  if (refused) return { type: "result", id: call.id, error: { kind: "not_allowed", message: refused }, sent: false };
  const generate = !!call.captcha;
  const phase = { sent: false };
  // flowdeck says how long it waits; the page answers what it knows before that.
  const within = Number.isFinite(call.within_ms) && call.within_ms > 1000 ? call.within_ms : TURN_MS;
  const turnMs = Math.min(TURN_MS, within);
  const callMs = Math.min(CALL_MS, Math.max(500, turnMs - 1000));
  const work = async () => {
    let outcome;
    try {
      const tabId = await flowTab(call.path, generate);
      let problem = await ready(tabId, generate);
      if (problem) {
        outcome = { error: problem, email: null, sent: false };
      } else {
        const args = [call.rpcid, call.freq, call.path, call.captcha || null, PLACEHOLDER];
        phase.sent = true;
        outcome = await inPage(tabId, pageCall, args, callMs);
        // A stale page token: Flow refused the request before running it. Reload the tab once
        // and send again (with a fresh reCAPTCHA token).
        if (outcome && outcome.status === 400 && outcome.body.includes('"xsrf"')) {
          phase.sent = false;
          await chrome.tabs.reload(tabId);
          await loaded(tabId);
          problem = await ready(tabId, generate);
          if (problem) {
            outcome = { error: problem, email: null, sent: false };
          } else {
            phase.sent = true;
            outcome = await inPage(tabId, pageCall, args, callMs);
          }
        }
      }
    } catch (e) {
      // Before the page had the request: no tab. After: the page went away with it.
      const kind = phase.sent ? "interrupted" : "no_tab";
      outcome = { error: { kind, message: String(e) }, email: null, sent: phase.sent };
    }
    return outcome || { error: { kind: "other", message: "the page gave no answer" }, email: null, sent: phase.sent };
  };
  // Bounded as a whole, so one stuck call never blocks the calls after it.
  const settled = () =>
    bounded(work(), turnMs, "the call").catch((e) => ({
      error: { kind: phase.sent ? "interrupted" : "not_ready", message: String(e) },
      email: null,
      sent: phase.sent,
    }));
  let outcome;
  if (generate) {
    const turn = mints.then(settled, settled);
    mints = turn.catch(() => {});
    outcome = await turn;
  } else {
    outcome = await settled();
  }
  const { slot, ...reply } = outcome;
  await note({
    last: { rpcid: call.rpcid, at: Date.now(), result: reply.error ? reply.error.kind : "HTTP " + reply.status },
    ...(reply.email ? { email: reply.email, slot: slot || "" } : {}),
  });
  // Where the page stands goes to flowdeck before the answer does.
  if (reply.error && reply.error.kind === "needs_you") await setBlocked(reply.error.message);
  else if (reply.status) await setBlocked(null);
  return { type: "result", id: call.id, ...reply };
}

// ---- lifecycle and messages ------------------------------------------------------------------

chrome.runtime.onInstalled.addListener(connect);
chrome.runtime.onStartup.addListener(connect);
chrome.alarms.create("reconnect", { periodInMinutes: 0.5 });
chrome.alarms.onAlarm.addListener(connect);
chrome.tabs.onUpdated.addListener((tabId, info, tab) => {
  if (info.status === "complete" && origin && onOrigin(tab)) judge(tabId, tab.url);
});
// A service worker that was stopped picks up where it was.
load().then((s) => {
  origin = origin || s.origin || null;
  blocked = blocked || s.blocked || null;
  if (blocked) watch();
});
connect();

// A pairing page served on 127.0.0.1: its own port and its code, from its address (whatever
// the page itself says).
function pairingPage(sender) {
  try {
    const u = new URL(sender.url);
    const m = /^\/pair\/([0-9a-f]{32})$/.exec(u.pathname);
    if (sender.tab && u.protocol === "http:" && u.hostname === "127.0.0.1" && u.port && m) {
      return { code: m[1], port: Number(u.port) };
    }
  } catch {
    // not a page's address
  }
  return null;
}

// What the popup shows: never the secret, nor the pairing page's code.
async function state() {
  const s = await load();
  const now = await asking();
  return {
    ...s,
    connected: !!socket,
    pairing: s.pairing ? { account: s.pairing.account, port: s.pairing.port } : null,
    ask: now ? { port: now.port, state: now.state, reason: now.reason, account: now.account } : null,
  };
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  const page = pairingPage(sender);
  const popup = sender.url === chrome.runtime.getURL("popup.html");
  const answer = (work) => {
    work.then(reply, (e) => reply({ ok: false, reason: String(e) }));
    return true;
  };
  if (page && message.type === "pair" && message.code === page.code) {
    return answer(ask(page.code, page.port).then(() => ({ ok: true })));
  }
  if (page && message.type === "pairing" && message.code === page.code) {
    return answer(pairingState(page.code));
  }
  if (!popup) return false;
  if (message.type === "state") return answer(state());
  if (message.type === "confirm") return answer(confirm(message.check));
  if (message.type === "refuse") return answer(setAsk(null).then(() => ({ ok: true })));
  if (message.type === "allow") {
    return answer(load().then(async ({ asked, allowed }) => {
      const union = (a, b) => [...new Set([...(a || []), ...(b || [])])];
      await note({ allowed: {
        rpcs: union(allowed && allowed.rpcs, asked && asked.rpcs),
        actions: union(allowed && allowed.actions, asked && asked.actions),
      } });
      return { ok: true };
    }));
  }
  if (message.type === "forget") {
    return answer(chrome.storage.local.clear().then(() => {
      drop();
      return { ok: true };
    }));
  }
  return false;
});
