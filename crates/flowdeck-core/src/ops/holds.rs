//! Accounts a service held (it flagged unusual activity), kept in the data folder so that a
//! hold outlives the session that met it: the next session starts those accounts held, and
//! only the user's resume (the window's Resume, `flowdeck accounts resume NAME`) lets them
//! work again. Without it, a run that ended because every account was held would simply try
//! again on the next `flowdeck resume`, at the pace that got the account flagged.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::engine::{Engine, Event, LaneHealth};
use crate::message::Message;

/// The file, in the data folder.
const FILE: &str = "holds.json";

/// The held accounts of one data folder.
#[derive(Debug, Clone)]
pub struct Holds {
    file: PathBuf,
}

impl Holds {
    pub fn at(data_dir: &Path) -> Holds {
        Holds {
            file: data_dir.join(FILE),
        }
    }

    /// Each held account and the service's reason. A file that cannot be read holds none
    /// (the service holds the account again if it must).
    pub fn all(&self) -> BTreeMap<String, Message> {
        std::fs::read(&self.file)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn save(&self, holds: &BTreeMap<String, Message>) -> Result<(), Message> {
        let failed = |e: String| {
            crate::msg!(
                "cannot-write",
                file = self.file.display().to_string(),
                error = e
            )
        };
        if holds.is_empty() {
            return match std::fs::remove_file(&self.file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(failed(e.to_string())),
                _ => Ok(()),
            };
        }
        let bytes = serde_json::to_vec_pretty(holds).map_err(|e| failed(e.to_string()))?;
        if let Some(dir) = self.file.parent() {
            crate::store::private::create_dir(dir).map_err(|e| failed(e.to_string()))?;
        }
        crate::store::private::write(&self.file, &bytes)
            .map(|_| ())
            .map_err(|e| failed(e.to_string()))
    }

    /// Records a hold the engine reports (other events are left alone).
    pub fn note(&self, event: &Event) -> Result<(), Message> {
        let Event::Lane {
            account,
            health: LaneHealth::Held { reason },
            ..
        } = event
        else {
            return Ok(());
        };
        let mut holds = self.all();
        if holds.get(account) == Some(reason) {
            return Ok(());
        }
        holds.insert(account.clone(), reason.clone());
        self.save(&holds)
    }

    /// Lets a held account work again; false when it was not held.
    pub fn release(&self, account: &str) -> Result<bool, Message> {
        let mut holds = self.all();
        if holds.remove(account).is_none() {
            return Ok(false);
        }
        self.save(&holds)?;
        Ok(true)
    }

    /// Holds, in a started engine, the accounts held in an earlier session.
    pub fn apply(&self, engine: &Engine) {
        for (account, reason) in self.all() {
            engine.hold(account, reason).ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hold_is_kept_until_released_and_other_events_are_ignored() {
        let dir = std::env::temp_dir().join(format!("flowdeck-holds-{}", uuid::Uuid::new_v4()));
        let holds = Holds::at(&dir);
        assert!(holds.all().is_empty());
        let held = Event::Lane {
            account: "alice".into(),
            health: LaneHealth::Held {
                reason: crate::msg!("flow-flagged", code = "UNUSUAL_ACTIVITY"),
            },
            in_flight: 0,
        };
        holds.note(&held).expect("noted");
        holds
            .note(&Event::Lane {
                account: "bob".into(),
                health: LaneHealth::Ready,
                in_flight: 0,
            })
            .expect("ignored");
        assert_eq!(holds.all().keys().collect::<Vec<_>>(), ["alice"]);
        assert_eq!(holds.release("bob"), Ok(false));
        assert_eq!(holds.release("alice"), Ok(true));
        assert!(holds.all().is_empty());
        assert!(!dir.join(FILE).exists());
        std::fs::remove_dir_all(dir).ok();
    }
}
