//! The pages the bridge serves to a browser. The pairing page holds the one-time code for the
//! extension's content script to pick up, never the check code the person types into the
//! extension's popup. Until the extension takes over the page (it marks `#state` and says how
//! the pairing goes itself, to the end), the page asks the bridge how its link stands.

pub const HOME: &str = "<!doctype html><meta charset=utf-8><title>flowdeck bridge</title>\
<body style=\"font:16px system-ui;max-width:40em;margin:3em auto\"><h1>flowdeck bridge</h1>\
<p>This is flowdeck's local bridge for its browser extension. There is nothing to do here: \
pair a browser with <code>flowdeck bridge pair NAME</code> or \"Connect a browser\" in the window.</p>";

/// The pairing page for `code`.
pub fn pairing(code: &str, state: &str) -> String {
    // The code is 32 hex digits from flowdeck; anything else gets no page of substance.
    let code: String = code
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(64)
        .collect();
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="flowdeck-pairing" content="{code}">
<title>Pair this browser with flowdeck</title>
<style>body{{font:16px system-ui,sans-serif;max-width:40em;margin:3em auto;line-height:1.5}}
#state{{padding:.8em 1em;border-radius:6px;background:#eef}}</style></head>
<body>
<h1>Pair this browser with flowdeck</h1>
<p id="state" data-state="{state}">Waiting for the flowdeck extension in this browser…</p>
<p>Then click the flowdeck extension's icon in this browser's toolbar and type the code
flowdeck shows in its terminal or window. This page never shows that code: a page that
shows you a code to type is not flowdeck's.</p>
<p>If nothing happens within a few seconds, the extension is not installed in this browser
profile: open <code>chrome://extensions</code>, turn on Developer mode, choose
"Load unpacked" and pick the <code>extension</code> folder of flowdeck, then reload this page.</p>
<p>Pair each Flow account in its own browser profile, signed in to that Google account.</p>
<script>
const state = document.getElementById("state");
const words = {{
  waiting: "Waiting for the flowdeck extension in this browser…",
  expired: "This pairing link has expired: start pairing again in flowdeck.",
  gone: "This pairing link is no longer valid: start pairing again in flowdeck."
}};
// The extension, once it sees this page, says how the pairing goes (to "Paired as …"):
// from then on this page asks nothing.
const theirs = () => state.dataset.by === "extension";
async function poll() {{
  if (theirs()) return;
  try {{
    const r = await fetch(location.pathname + "/state", {{cache: "no-store"}});
    const s = (await r.json()).state;
    if (theirs()) return;
    state.textContent = words[s] || s;
    state.dataset.state = s;
    if (s !== "waiting") return;
  }} catch (e) {{
    if (!theirs()) state.textContent = "flowdeck is not running any more: start pairing again.";
    return;
  }}
  setTimeout(poll, 1000);
}}
poll();
</script>
</body></html>"#
    )
}
