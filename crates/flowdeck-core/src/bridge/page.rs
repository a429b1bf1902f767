//! The pages the bridge serves to a browser. The pairing page holds the one-time code for the
//! extension's content script to pick up, never the check code the person types into the
//! extension's popup. Until the extension takes over the page (it marks `#state` and says how
//! the pairing goes itself, to the end), the page asks the bridge how its link stands.

pub const HOME: &str = "<!doctype html><meta charset=utf-8><title>flowdeck bridge</title>\
<body style=\"font:16px system-ui;max-width:40em;margin:3em auto\"><h1>flowdeck bridge</h1>\
<p>This is flowdeck's local bridge for its browser extension. There is nothing to do here: \
pair a browser with <code>flowdeck bridge pair NAME</code> or \"Connect a browser\" in the window.</p>";

/// The pairing page's words, in the language the front end speaks: it fills them in from its
/// own files. The default is English, for a bridge started without a front end (tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageWords {
    /// The language tag (`<html lang>`).
    pub lang: String,
    pub title: String,
    pub waiting: String,
    pub then: String,
    pub missing: String,
    pub per_profile: String,
    pub expired: String,
    pub gone: String,
    pub not_running: String,
}

impl Default for PageWords {
    fn default() -> Self {
        PageWords {
            lang: "en".into(),
            title: "Pair this browser with flowdeck".into(),
            waiting: "Waiting for the flowdeck extension in this browser…".into(),
            then:
                "Then click the flowdeck extension's icon in this browser's toolbar and type the \
                   code flowdeck shows in its terminal or window. This page never shows that code: \
                   a page that shows you a code to type is not flowdeck's."
                    .into(),
            missing: "If nothing happens within a few seconds, the extension is not installed in \
                      this browser profile: open chrome://extensions, turn on Developer mode, \
                      choose \"Load unpacked\" and pick the extension folder of flowdeck, then \
                      reload this page."
                .into(),
            per_profile: "Pair each Flow account in its own browser profile, signed in to that \
                          Google account."
                .into(),
            expired: "This pairing link has expired: start pairing again in flowdeck.".into(),
            gone: "This pairing link is no longer valid: start pairing again in flowdeck.".into(),
            not_running: "flowdeck is not running any more: start pairing again.".into(),
        }
    }
}

/// Text for an HTML page: its markup characters shown, not obeyed.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text for a script: a JSON string (a `</script>` in it cannot end the script).
fn js(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace("</", "<\\/")
}

/// The pairing page for `code`, in `w`'s words.
pub fn pairing(code: &str, state: &str, w: &PageWords) -> String {
    // The code is 32 hex digits from flowdeck; anything else gets no page of substance.
    let code: String = code
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(64)
        .collect();
    let lang: String = w
        .lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(35)
        .collect();
    let (title, waiting) = (html(&w.title), html(&w.waiting));
    let (then, missing, per_profile) = (html(&w.then), html(&w.missing), html(&w.per_profile));
    let (js_waiting, js_expired) = (js(&w.waiting), js(&w.expired));
    let (js_gone, js_not_running) = (js(&w.gone), js(&w.not_running));
    format!(
        r#"<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="flowdeck-pairing" content="{code}">
<title>{title}</title>
<style>body{{font:16px system-ui,sans-serif;max-width:40em;margin:3em auto;line-height:1.5}}
#state{{padding:.8em 1em;border-radius:6px;background:#eef}}</style></head>
<body>
<h1>{title}</h1>
<p id="state" data-state="{state}">{waiting}</p>
<p>{then}</p>
<p>{missing}</p>
<p>{per_profile}</p>
<script>
const state = document.getElementById("state");
const words = {{
  waiting: {js_waiting},
  expired: {js_expired},
  gone: {js_gone}
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
    if (!theirs()) state.textContent = {js_not_running};
    return;
  }}
  setTimeout(poll, 1000);
}}
poll();
</script>
</body></html>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_speaks_the_words_it_is_given_and_no_word_can_become_markup_or_script() {
        let w = PageWords {
            lang: "vi\"><script>".into(),
            title: "Ghép nối <b>".into(),
            not_running: "</script><script>alert(1)</script>".into(),
            ..PageWords::default()
        };
        let page = pairing("ab12", "waiting", &w);
        assert!(page.contains("<html lang=\"viscript\">"), "{page}");
        assert!(page.contains("<title>Ghép nối &lt;b&gt;</title>"), "{page}");
        assert!(
            !page.contains("<b>") && !page.contains("alert(1)</script>"),
            "{page}"
        );
        assert!(
            page.contains("Waiting for the flowdeck extension"),
            "{page}"
        );
        assert_eq!(page.matches("</script>").count(), 1, "{page}");
    }
}
