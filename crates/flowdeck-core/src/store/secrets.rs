//! Account secrets: from an environment variable named in the settings (servers, CI), or the
//! OS keyring. With no keyring, secrets live in memory for this session only, and the caller
//! is told so: never silently in a plain file.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::secret::Secret;
use crate::store::config::AccountEntry;

const SERVICE: &str = "flowdeck";
const KEYRING_TIMEOUT: Duration = Duration::from_secs(5);

/// Where a secret ended up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Keyring,
    /// No keyring: kept in memory until flowdeck exits. The text says why.
    SessionOnly(crate::message::Message),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretError {
    EnvMissing {
        account: String,
        var: String,
    },
    Missing {
        account: String,
        why: crate::message::Message,
    },
    Keyring(crate::message::Message),
}

impl SecretError {
    /// What is wrong, for a person.
    pub fn message(&self) -> crate::message::Message {
        match self {
            SecretError::EnvMissing { account, var } => crate::msg!(
                "secret-env-missing",
                account = account.as_str(),
                var = var.as_str()
            ),
            SecretError::Missing { account, why } => crate::msg!(
                "secret-missing",
                account = account.as_str(),
                why = why.clone()
            ),
            SecretError::Keyring(why) => crate::msg!("secret-keyring", why = why.clone()),
        }
    }
}

enum Keyring {
    Unknown,
    Available,
    Unavailable(crate::message::Message),
}

/// The secret store of one flowdeck process.
pub struct SecretStore {
    memory: Mutex<HashMap<String, Secret>>,
    keyring: Mutex<Keyring>,
}

impl Default for SecretStore {
    fn default() -> Self {
        SecretStore::new()
    }
}

enum KeyringAnswer {
    Found(String),
    NoEntry,
    Done,
    Unavailable(crate::message::Message),
}

/// Runs a keyring call off the async threads, with a time limit (a missing D-Bus service can
/// otherwise hang it).
async fn keyring_call(
    f: impl FnOnce() -> Result<Option<String>, keyring::Error> + Send + 'static,
) -> KeyringAnswer {
    let call = tokio::task::spawn_blocking(f);
    match tokio::time::timeout(KEYRING_TIMEOUT, call).await {
        Err(_) => KeyringAnswer::Unavailable(crate::msg!("keyring-slow")),
        Ok(Err(e)) => {
            KeyringAnswer::Unavailable(crate::msg!("keyring-call-failed", why = e.to_string()))
        }
        Ok(Ok(Ok(Some(s)))) => KeyringAnswer::Found(s),
        Ok(Ok(Ok(None))) => KeyringAnswer::Done,
        Ok(Ok(Err(keyring::Error::NoEntry))) => KeyringAnswer::NoEntry,
        Ok(Ok(Err(e))) => {
            KeyringAnswer::Unavailable(crate::message::Message::verbatim(e.to_string()))
        }
    }
}

impl SecretStore {
    pub fn new() -> SecretStore {
        let disabled =
            std::env::var("FLOWDECK_KEYRING").is_ok_and(|v| v.eq_ignore_ascii_case("off"));
        SecretStore {
            memory: Mutex::new(HashMap::new()),
            keyring: Mutex::new(if disabled {
                Keyring::Unavailable(crate::msg!("keyring-off"))
            } else {
                Keyring::Unknown
            }),
        }
    }

    /// A store that never touches the OS keyring (demo mode, tests).
    pub fn memory_only(reason: crate::message::Message) -> SecretStore {
        SecretStore {
            memory: Mutex::new(HashMap::new()),
            keyring: Mutex::new(Keyring::Unavailable(reason)),
        }
    }

    fn memory(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        self.memory.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Why there is no keyring, once a call has found out; `None` while it works or is untried.
    pub fn keyring_problem(&self) -> Option<crate::message::Message> {
        match &*self.keyring.lock().unwrap_or_else(|p| p.into_inner()) {
            Keyring::Unavailable(why) => Some(why.clone()),
            _ => None,
        }
    }

    fn note(&self, answer: &KeyringAnswer) {
        let mut k = self.keyring.lock().unwrap_or_else(|p| p.into_inner());
        *k = match answer {
            KeyringAnswer::Unavailable(why) => Keyring::Unavailable(why.clone()),
            _ => Keyring::Available,
        };
    }

    fn keyring_usable(&self) -> Result<(), crate::message::Message> {
        match &*self.keyring.lock().unwrap_or_else(|p| p.into_inner()) {
            Keyring::Unavailable(why) => Err(why.clone()),
            _ => Ok(()),
        }
    }

    /// The secret of an account.
    pub async fn get(&self, account: &AccountEntry) -> Result<Secret, SecretError> {
        if let Some(var) = &account.secret_env {
            crate::secret::held_in_env(var);
            return match crate::secret::env_value(var) {
                Some(v) if !v.trim().is_empty() => Ok(Secret::new(v.trim())),
                _ => Err(SecretError::EnvMissing {
                    account: account.name.clone(),
                    var: var.clone(),
                }),
            };
        }
        if let Some(file) = &account.secret_file {
            return read_file(account, file);
        }
        if let Some(s) = self.memory().get(&account.name) {
            return Ok(s.clone());
        }
        if let Err(why) = self.keyring_usable() {
            return Err(SecretError::Missing {
                account: account.name.clone(),
                why,
            });
        }
        let user = account.name.clone();
        let answer = keyring_call(move || {
            keyring::Entry::new(SERVICE, &user)?
                .get_password()
                .map(Some)
        })
        .await;
        self.note(&answer);
        match answer {
            KeyringAnswer::Found(s) => {
                let s = Secret::new(s);
                self.memory().insert(account.name.clone(), s.clone());
                Ok(s)
            }
            KeyringAnswer::Unavailable(why) => Err(SecretError::Missing {
                account: account.name.clone(),
                why,
            }),
            KeyringAnswer::NoEntry | KeyringAnswer::Done => Err(SecretError::Missing {
                account: account.name.clone(),
                why: crate::msg!("secret-keyring-empty"),
            }),
        }
    }

    /// Whether there is a keyring to keep secrets in, asking it once: `None` when there is,
    /// else why not.
    pub async fn keyring_missing(&self) -> Option<crate::message::Message> {
        if let Err(why) = self.keyring_usable() {
            return Some(why);
        }
        let answer = keyring_call(|| {
            keyring::Entry::new(SERVICE, "flowdeck-keyring-check")?
                .get_password()
                .map(Some)
        })
        .await;
        self.note(&answer);
        self.keyring_problem()
    }

    /// Keeps a secret: in the keyring when there is one, else in memory for this session.
    pub async fn set(&self, account: &str, secret: &Secret) -> Stored {
        self.memory().insert(account.to_string(), secret.clone());
        if let Err(why) = self.keyring_usable() {
            return Stored::SessionOnly(why);
        }
        let (user, value) = (account.to_string(), secret.expose().to_string());
        let answer = keyring_call(move || {
            keyring::Entry::new(SERVICE, &user)?
                .set_password(&value)
                .map(|()| None)
        })
        .await;
        self.note(&answer);
        match answer {
            KeyringAnswer::Unavailable(why) => Stored::SessionOnly(why),
            _ => Stored::Keyring,
        }
    }

    /// Forgets an account's secret, in memory and in the keyring.
    pub async fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.memory().remove(account);
        if self.keyring_usable().is_err() {
            return Ok(());
        }
        let user = account.to_string();
        let answer = keyring_call(move || {
            keyring::Entry::new(SERVICE, &user)?
                .delete_credential()
                .map(|()| None)
        })
        .await;
        match answer {
            KeyringAnswer::Unavailable(why) => Err(SecretError::Keyring(why)),
            _ => Ok(()),
        }
    }
}

/// A secret kept in a file (trimmed), named in the settings.
fn read_file(account: &AccountEntry, file: &std::path::Path) -> Result<Secret, SecretError> {
    let missing = |why| SecretError::Missing {
        account: account.name.clone(),
        why,
    };
    let text = std::fs::read_to_string(file).map_err(|e| {
        missing(crate::msg!(
            "secret-file-unreadable",
            file = file.display().to_string(),
            error = e.to_string()
        ))
    })?;
    let secret = Secret::new(text.trim());
    if secret.is_empty() {
        return Err(missing(crate::msg!(
            "secret-file-empty",
            file = file.display().to_string()
        )));
    }
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;
    use crate::store::config::ProviderKind;

    #[tokio::test]
    async fn env_secrets_and_session_only_fallback() {
        let store =
            SecretStore::memory_only(crate::message::Message::verbatim("no keyring in tests"));
        let mut acc = AccountEntry::new("a", ProviderKind::Flow);
        assert!(matches!(
            store.get(&acc).await,
            Err(SecretError::Missing { .. })
        ));
        let stored = store.set("a", &Secret::new("cookie")).await;
        assert_eq!(
            stored,
            Stored::SessionOnly(crate::message::Message::verbatim("no keyring in tests"))
        );
        assert_eq!(store.get(&acc).await.expect("memory").expose(), "cookie");
        store.delete("a").await.expect("delete");
        assert!(store.get(&acc).await.is_err());

        acc.secret_env = Some("FLOWDECK_TEST_SURELY_UNSET_VAR".into());
        let e = store.get(&acc).await.expect_err("unset");
        assert!(e.en().contains("FLOWDECK_TEST_SURELY_UNSET_VAR"));
        assert!(!format!("{e:?}").contains("cookie"));
    }
}
