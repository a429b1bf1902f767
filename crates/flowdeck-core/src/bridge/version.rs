//! Whether a browser's extension is the one made with this flowdeck. The extension says its
//! version when it connects (`hello`'s agent) and hears flowdeck's (`welcome`'s app); calls keep
//! working while the bridge protocol is the same, and both sides tell the person of a
//! difference so that the older one gets updated.

use crate::provider::flow::transport::Presence;

/// This flowdeck's version, which the extension shipped with it carries too.
pub const APP: &str = env!("CARGO_PKG_VERSION");

/// The agent prefix of flowdeck's own extension.
const AGENT: &str = "flowdeck-extension/";

/// The extension's version in a `hello`'s agent: only a short run of digits and dots, so a
/// peer's text never reaches a sentence.
pub fn of_agent(agent: Option<&str>) -> Option<String> {
    let v = agent?.strip_prefix(AGENT)?;
    let plain = !v.is_empty() && v.len() <= 20 && v.chars().all(|c| c.is_ascii_digit() || c == '.');
    plain.then(|| v.to_string())
}

/// What to tell the person when the account's extension is another version than flowdeck.
pub fn mismatch(p: &Presence) -> Option<crate::message::Message> {
    let theirs = p.extension.as_deref().filter(|v| *v != APP)?;
    Some(crate::msg!(
        "bridge-version-mismatch",
        extension = theirs,
        flowdeck = APP
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_version_of_flowdeck_s_extension_is_read() {
        assert_eq!(
            of_agent(Some("flowdeck-extension/0.3.1")),
            Some("0.3.1".into())
        );
        for odd in [
            None,
            Some("flowdeck stand-in"),
            Some("flowdeck-extension/"),
            Some("flowdeck-extension/0.3 <b>"),
            Some("flowdeck-extension/1.2.3.4.5.6.7.8.9.10.11"),
        ] {
            assert_eq!(of_agent(odd), None, "{odd:?}");
        }
    }

    #[test]
    fn another_version_is_told_and_the_same_one_is_not() {
        let with = |v: &str| Presence {
            connected: true,
            extension: Some(v.into()),
            ..Presence::default()
        };
        assert_eq!(mismatch(&with(APP)), None);
        assert_eq!(mismatch(&Presence::default()), None);
        let told = mismatch(&with("0.0.9")).expect("told");
        assert_eq!(told.key, "bridge-version-mismatch");
    }
}
