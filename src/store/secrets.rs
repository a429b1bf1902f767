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
    SessionOnly(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretError {
    EnvMissing { account: String, var: String },
    Missing { account: String, why: String },
    Keyring(String),
}

impl std::fmt::Display for SecretError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            SecretError::EnvMissing { account, var } => {
                crate::t!("secret-env-missing", account = account, var = var)
            }
            SecretError::Missing { account, why } => {
                crate::t!("secret-missing", account = account, why = why)
            }
            SecretError::Keyring(why) => crate::t!("secret-keyring", why = why),
        })
    }
}

impl std::error::Error for SecretError {}

enum Keyring {
    Unknown,
    Available,
    Unavailable(String),
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
    Unavailable(String),
}

/// Runs a keyring call off the async threads, with a time limit (a missing D-Bus service can
/// otherwise hang it).
async fn keyring_call(
    f: impl FnOnce() -> Result<Option<String>, keyring::Error> + Send + 'static,
) -> KeyringAnswer {
    let call = tokio::task::spawn_blocking(f);
    match tokio::time::timeout(KEYRING_TIMEOUT, call).await {
        Err(_) => KeyringAnswer::Unavailable("the keyring did not answer within 5 s".into()),
        Ok(Err(e)) => KeyringAnswer::Unavailable(format!("the keyring call failed: {e}")),
        Ok(Ok(Ok(Some(s)))) => KeyringAnswer::Found(s),
        Ok(Ok(Ok(None))) => KeyringAnswer::Done,
        Ok(Ok(Err(keyring::Error::NoEntry))) => KeyringAnswer::NoEntry,
        Ok(Ok(Err(e))) => KeyringAnswer::Unavailable(e.to_string()),
    }
}

impl SecretStore {
    pub fn new() -> SecretStore {
        let disabled =
            std::env::var("FLOWDECK_KEYRING").is_ok_and(|v| v.eq_ignore_ascii_case("off"));
        SecretStore {
            memory: Mutex::new(HashMap::new()),
            keyring: Mutex::new(if disabled {
                Keyring::Unavailable("the keyring is turned off (FLOWDECK_KEYRING=off)".into())
            } else {
                Keyring::Unknown
            }),
        }
    }

    /// A store that never touches the OS keyring (demo mode, tests).
    pub fn memory_only(reason: &str) -> SecretStore {
        SecretStore {
            memory: Mutex::new(HashMap::new()),
            keyring: Mutex::new(Keyring::Unavailable(reason.to_string())),
        }
    }

    fn memory(&self) -> std::sync::MutexGuard<'_, HashMap<String, Secret>> {
        self.memory.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Why there is no keyring, once a call has found out; `None` while it works or is untried.
    pub fn keyring_problem(&self) -> Option<String> {
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

    fn keyring_usable(&self) -> Result<(), String> {
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
                why: "nothing in the keyring".into(),
            }),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::config::ProviderKind;

    #[tokio::test]
    async fn env_secrets_and_session_only_fallback() {
        let store = SecretStore::memory_only("no keyring in tests");
        let mut acc = AccountEntry::new("a", ProviderKind::Flow);
        assert!(matches!(
            store.get(&acc).await,
            Err(SecretError::Missing { .. })
        ));
        let stored = store.set("a", &Secret::new("cookie")).await;
        assert_eq!(stored, Stored::SessionOnly("no keyring in tests".into()));
        assert_eq!(store.get(&acc).await.expect("memory").expose(), "cookie");
        store.delete("a").await.expect("delete");
        assert!(store.get(&acc).await.is_err());

        acc.secret_env = Some("FLOWDECK_TEST_SURELY_UNSET_VAR".into());
        let e = store.get(&acc).await.expect_err("unset");
        assert!(e.to_string().contains("FLOWDECK_TEST_SURELY_UNSET_VAR"));
        assert!(!format!("{e:?}").contains("cookie"));
    }
}
