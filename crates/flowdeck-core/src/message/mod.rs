//! A sentence for a person, as data: a key of the words files (`i18n/<language>/flowdeck.ftl`)
//! and its arguments. The engine, the providers and the store return these; the window, the
//! command line and other front ends put them into words in the user's language (a reason kept
//! in the ledger follows a later change of language). A service's own words travel verbatim.

#[cfg(test)]
mod en;
#[cfg(test)]
pub use en::{En, en};

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// One message: a key and its named arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub key: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

/// An argument's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arg {
    /// Text shown as it is: a name, a path, a service's own words.
    Text(String),
    /// A number as it is (a line, a take, an id); plurals choose by it.
    Number(f64),
    /// A quantity, its digits grouped the language's way (12,480 or 12.480).
    Count(f64),
    /// Another message, put into words first.
    Message(Box<Message>),
}

// Numbers here are counts, seconds, credits, never NaN: equality is total in practice.
impl Eq for Arg {}
impl Eq for Message {}

/// The key of text that is shown as it is, in every language: a service's own words, or a
/// reason an older flowdeck kept as plain text.
pub const VERBATIM: &str = "verbatim";

/// The key of several messages said one after another (`items`, each put into words, joined
/// with `sep`).
pub const LIST: &str = "list";

impl Message {
    pub fn new(key: impl Into<Cow<'static, str>>) -> Message {
        Message {
            key: key.into(),
            args: Vec::new(),
        }
    }

    /// Adds an argument.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// Text shown as it is.
    pub fn verbatim(text: impl Into<String>) -> Message {
        Message::new(VERBATIM).with("text", text.into())
    }

    /// Several messages said one after another, joined with `sep` ("; ", ", ").
    pub fn list(items: impl IntoIterator<Item = Message>, sep: &str) -> Message {
        let mut m = Message::new(LIST).with("sep", sep);
        for item in items {
            m.args
                .push((Cow::Borrowed("item"), Arg::Message(Box::new(item))));
        }
        m
    }

    /// Choices said as one: "4, 6 or 8".
    pub fn either(items: &[String]) -> Message {
        match items.split_last() {
            Some((last, rest)) if !rest.is_empty() => Message::new("list-or")
                .with("items", rest.join(", "))
                .with("last", last.as_str()),
            Some((last, _)) => Message::verbatim(last.as_str()),
            None => Message::verbatim(""),
        }
    }

    /// The items of a list message (every `item` argument, in order).
    pub fn items(&self) -> impl Iterator<Item = &Message> {
        self.args.iter().filter_map(|(n, a)| match (n.as_ref(), a) {
            ("item", Arg::Message(m)) => Some(m.as_ref()),
            _ => None,
        })
    }

    /// The text of a verbatim message (a service's own words), to read as the service's answer.
    pub fn verbatim_text(&self) -> Option<&str> {
        match (self.key == VERBATIM, self.arg("text")) {
            (true, Some(Arg::Text(t))) => Some(t),
            _ => None,
        }
    }

    /// The argument `name`, when given.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| n == name).map(|(_, a)| a)
    }

    /// The same message with every text argument (at any depth) passed through `f`: how the
    /// ledger bounds and redacts what a service said before keeping it.
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Message {
        Message {
            key: self.key.clone(),
            args: self
                .args
                .iter()
                .map(|(n, a)| {
                    let a = match a {
                        Arg::Text(t) => Arg::Text(f(t)),
                        Arg::Number(x) => Arg::Number(*x),
                        Arg::Count(x) => Arg::Count(*x),
                        Arg::Message(m) => Arg::Message(Box::new(m.map_text(f))),
                    };
                    (n.clone(), a)
                })
                .collect(),
        }
    }

    /// The ledger's text for it: JSON, which [`Message::from_stored`] reads back.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads what the ledger kept: a message, or (from an older flowdeck) plain text, shown as
    /// it is.
    pub fn from_stored(text: &str) -> Message {
        serde_json::from_str::<Message>(text)
            .ok()
            .filter(|m| !m.key.is_empty())
            .unwrap_or_else(|| Message::verbatim(text))
    }
}

/// For logs and tests only: the key and arguments, not words ([`Message::log`]). A message has
/// no `Display`: only a front end puts it into words, so none can be printed by mistake.
pub struct Logged<'a>(&'a Message);

impl Message {
    /// The key and arguments, for a log line.
    pub fn log(&self) -> Logged<'_> {
        Logged(self)
    }
}

impl fmt::Display for Logged<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.0;
        if m.key == VERBATIM
            && let Some(Arg::Text(t)) = m.arg("text")
        {
            return f.write_str(t);
        }
        f.write_str(&m.key)?;
        if !m.args.is_empty() {
            f.write_str("(")?;
            for (i, (name, value)) in m.args.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                match value {
                    Arg::Text(t) => write!(f, "{name}={t}")?,
                    Arg::Number(n) | Arg::Count(n) => write!(f, "{name}={n}")?,
                    Arg::Message(m) => write!(f, "{name}={}", m.log())?,
                }
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Message(Box::new(m))
    }
}

/// A quantity for a message: its digits are grouped when said (`most = count(10_000)`).
pub fn count(n: impl Into<f64>) -> Arg {
    Arg::Count(n.into())
}

macro_rules! numbers {
    ($($t:ty),*) => {
        $(impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        })*
    };
}
numbers!(i32, i64, u8, u16, u32, u64, usize, f32, f64);

/// A message by its key (a key of `i18n/en/flowdeck.ftl`; a test checks every key used), with
/// arguments: `msg!("key", name = value)`.
#[macro_export]
macro_rules! msg {
    ($key:literal $(,)?) => {
        $crate::message::Message::new($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::message::Message::new($key)$(.with(stringify!($name), $value))+
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_round_trips_through_the_ledger_and_old_text_reads_as_itself() {
        let m = crate::msg!("lane-absent-too-often", times = 3u32).with(
            "why",
            crate::msg!("flow-quota", code = "USER_QUOTA_REACHED"),
        );
        assert_eq!(Message::from_stored(&m.to_stored()), m);
        let old = Message::from_stored("refused by the safety filter");
        assert_eq!(old, Message::verbatim("refused by the safety filter"));
        assert_eq!(old.log().to_string(), "refused by the safety filter");
        assert_eq!(
            m.log().to_string(),
            "lane-absent-too-often(times=3, why=flow-quota(code=USER_QUOTA_REACHED))"
        );
    }
}
