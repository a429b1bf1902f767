//! JSON for people's scripts: the engine's events and verdicts with their messages put into
//! words, so `--json` keeps giving sentences (in the chosen language) where it always did.

use serde_json::Value;

/// `v` with every message in it (an object of exactly `key` and `args`) said.
pub fn worded(v: Value) -> Value {
    match v {
        Value::Object(map) if is_message(&map) => {
            match serde_json::from_value::<crate::message::Message>(Value::Object(map.clone())) {
                Ok(m) => Value::String(crate::i18n::say(&m)),
                Err(_) => Value::Object(map.into_iter().map(|(k, v)| (k, worded(v))).collect()),
            }
        }
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, worded(v))).collect()),
        Value::Array(items) => Value::Array(items.into_iter().map(worded).collect()),
        other => other,
    }
}

fn is_message(map: &serde_json::Map<String, Value>) -> bool {
    map.get("key").is_some_and(Value::is_string) && map.keys().all(|k| k == "key" || k == "args")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_become_words_and_everything_else_stays() {
        let event = crate::engine::Event::Notice {
            message: crate::msg!("take-waits-for-account", take = 7, account = "alice"),
        };
        let v = worded(serde_json::to_value(&event).unwrap());
        let text = v["message"].as_str().unwrap_or_default();
        assert!(text.contains("alice") && text.contains('7'), "{v}");
        assert_eq!(v["event"], "notice");
        let plain = serde_json::json!({"key": 1, "other": "x"});
        assert_eq!(worded(plain.clone()), plain);
    }
}
