//! Values that parsed but are wrong: one check per settings section, in the order a person
//! reads the file's problems (every URL first, then each section's own values).

use std::path::Path;

use super::{ConfigError, Settings, check_account_name, line_of, vertex_fields};
use crate::message::Message;

/// A wrong value: the text that finds its line, and what is wrong.
type Check = Result<(), (String, Message)>;

fn wrong(needle: &str, message: Message) -> Check {
    Err((needle.to_string(), message))
}

/// A number of seconds (or minutes) that must be finite and within `low..=high`.
fn between(needle: &str, key: &str, v: f64, (low, high): (f64, f64), words: [&str; 2]) -> Check {
    if v.is_finite() && (low..=high).contains(&v) {
        return Ok(());
    }
    let [low, high] = words;
    wrong(
        needle,
        crate::msg!("config-between", key = key, low = low, high = high),
    )
}

/// A count that must be within `low..=high`.
fn from_to(needle: &str, key: &str, v: u64, (low, high): (u64, u64)) -> Check {
    if (low..=high).contains(&v) {
        return Ok(());
    }
    wrong(
        needle,
        crate::msg!(
            "config-from-to",
            key = key,
            low = low.to_string(),
            high = high.to_string()
        ),
    )
}

fn person_generation(section: &str, value: Option<&String>) -> Check {
    match value {
        Some(p) if !["allow_all", "allow_adult", "dont_allow"].contains(&p.as_str()) => wrong(
            "person_generation",
            crate::msg!(
                "config-person-generation",
                section = section,
                value = p.as_str()
            ),
        ),
        _ => Ok(()),
    }
}

impl Settings {
    pub(super) fn validate(&self, text: &str, path: &Path) -> Result<(), ConfigError> {
        self.urls()
            .and_then(|()| person_generation("gemini", self.gemini.person_generation.as_ref()))
            .and_then(|()| self.vertex_values())
            .and_then(|()| self.flow_values())
            .and_then(|()| self.engine_values())
            .and_then(|()| self.bridge_values())
            .and_then(|()| self.output_values())
            .and_then(|()| self.account_values())
            .and_then(|()| self.budget_values())
            .map_err(|(needle, message)| ConfigError {
                file: path.to_path_buf(),
                line: line_of(text, &needle),
                message,
            })
    }

    fn urls(&self) -> Check {
        for (section, key, url) in [
            ("flow", "origin", &self.flow.origin),
            ("gemini", "api_url", &self.gemini.api_url),
            ("vertex", "api_url", &self.vertex.api_url),
            ("vertex", "storage_url", &self.vertex.storage_url),
        ] {
            // `{location}` stands for a host label; any label checks the URL's shape.
            let ok = reqwest::Url::parse(&url.replace("{location}", "us-central1"))
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            if !ok {
                return wrong(
                    url,
                    crate::msg!(
                        "config-not-url",
                        section = section,
                        key = key,
                        url = url.as_str()
                    ),
                );
            }
        }
        Ok(())
    }

    fn vertex_values(&self) -> Check {
        let v = &self.vertex;
        person_generation("vertex", v.person_generation.as_ref())?;
        if let Some(uri) = &v.storage_uri
            && let Err(m) = crate::provider::vertex::codec::parse_gs(uri)
        {
            return wrong(
                "storage_uri",
                crate::msg!("config-key-said", key = "[vertex] storage_uri", why = m),
            );
        }
        match v.submit_spacing_secs {
            Some(secs) => between(
                "submit_spacing_secs",
                "[vertex] submit_spacing_secs",
                secs,
                (0.0, 3600.0),
                ["0", "3600"],
            ),
            None => Ok(()),
        }
    }

    fn flow_values(&self) -> Check {
        let f = &self.flow;
        between(
            "generate_spacing_secs",
            "[flow] generate_spacing_secs",
            f.generate_spacing_secs,
            (0.0, 3600.0),
            ["0", "3600"],
        )?;
        between(
            "reconcile_after_secs",
            "[flow] reconcile_after_secs",
            f.reconcile_after_secs,
            (0.0, 86_400.0),
            ["0", "86400"],
        )?;
        from_to(
            "copies_per_create",
            "[flow] copies_per_create",
            u64::from(f.copies_per_create),
            (1, 4),
        )
    }

    fn engine_values(&self) -> Check {
        let e = &self.engine;
        from_to(
            "concurrency",
            "[engine] concurrency",
            u64::from(e.concurrency),
            (1, 32),
        )?;
        between(
            "poll_interval_secs",
            "[engine] poll_interval_secs",
            e.poll_interval_secs,
            (0.05, 600.0),
            ["0.05", "600"],
        )?;
        between(
            "submit_spacing_secs",
            "[engine] submit_spacing_secs",
            e.submit_spacing_secs,
            (0.0, 600.0),
            ["0", "600"],
        )?;
        from_to(
            "max_downloads",
            "[engine] max_downloads",
            u64::from(e.max_downloads),
            (1, 64),
        )?;
        // Bounded above too: these become clock arithmetic, which must not overflow.
        if !(e.deadline_mins.is_finite() && e.deadline_mins > 0.0 && e.deadline_mins <= 10_080.0) {
            return wrong("deadline_mins", crate::msg!("config-deadline"));
        }
        Ok(())
    }

    fn bridge_values(&self) -> Check {
        if self.bridge.wait_secs > 3600 {
            return wrong(
                "wait_secs",
                crate::msg!("config-at-most", key = "[bridge] wait_secs", high = "3600"),
            );
        }
        from_to(
            "call_timeout_secs",
            "[bridge] call_timeout_secs",
            self.bridge.call_timeout_secs,
            (5, 3600),
        )
    }

    fn output_values(&self) -> Check {
        match crate::store::naming::Template::parse(&self.output.template) {
            Ok(_) => Ok(()),
            Err(m) => wrong(
                "template",
                crate::msg!("config-key-said", key = "[output] template", why = m),
            ),
        }
    }

    /// Each account: a good name used once, and its own values.
    fn account_values(&self) -> Check {
        let mut seen = std::collections::HashSet::new();
        for a in &self.accounts {
            let at = format!("\"{}\"", a.name);
            let name = a.name.as_str();
            if let Err(m) = check_account_name(name) {
                return wrong(&at, m);
            }
            if !seen.insert(name.to_lowercase()) {
                return wrong(&at, crate::msg!("config-same-name", account = name));
            }
            if let Some(var) = &a.secret_env
                && (var.is_empty() || var.contains('=') || var.contains('\0'))
            {
                return wrong(&at, crate::msg!("config-secret-env", account = name));
            }
            if a.secret_env.is_some() && a.secret_file.is_some() {
                return wrong(
                    &at,
                    crate::msg!("config-secret-env-and-file", account = name),
                );
            }
            if a.email.as_ref().is_some_and(|e| !e.contains('@')) {
                return wrong(&at, crate::msg!("config-email", account = name));
            }
            if a.concurrency.is_some_and(|c| !(1..=32).contains(&c)) {
                return wrong(&at, crate::msg!("config-concurrency", account = name));
            }
            if let Err(m) = vertex_fields(a) {
                return wrong(
                    &at,
                    crate::msg!("config-account-error", account = name, error = m),
                );
            }
        }
        Ok(())
    }

    /// Caps: none negative or not a number, and per-account caps only for accounts that
    /// exist (a misspelt name would cap nothing).
    fn budget_values(&self) -> Check {
        let b = &self.budget;
        if let Some(key) = b.overall().wrong() {
            let at = format!("[budget] {key}");
            return wrong(key, crate::msg!("config-budget-negative", key = at));
        }
        for (name, limits) in &b.accounts {
            if self.account(name).is_none() {
                return wrong(
                    &format!("accounts.{name}"),
                    crate::msg!("config-budget-no-account", account = name),
                );
            }
            if let Some(key) = limits.wrong() {
                let at = format!("[budget.accounts.{name}] {key}");
                return wrong(key, crate::msg!("config-budget-negative", key = at));
            }
        }
        Ok(())
    }
}
