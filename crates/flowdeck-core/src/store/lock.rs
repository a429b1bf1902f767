//! One process drives a data folder's takes. Two engines on one ledger could both send the
//! same queued take (paid twice) or hand out the same file name, so the engine holds an
//! exclusive lock on `engine.lock` for as long as it runs; the operating system drops it when
//! the process ends, however it ends. Reading the ledger (`flowdeck status`) needs no lock.
//! The file is opened without following a link: a link planted in its place would otherwise
//! have flowdeck truncate whatever it points at.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The lock file's name in the folder it guards.
pub const LOCK_FILE: &str = "engine.lock";

/// The lock, held until dropped.
#[derive(Debug)]
pub struct EngineLock {
    _file: File,
}

/// Why the lock could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    Held {
        dir: PathBuf,
        holder: crate::message::Message,
    },
    Io {
        dir: PathBuf,
        message: String,
    },
    /// `engine.lock` is a symbolic link.
    Link {
        dir: PathBuf,
    },
}

impl LockError {
    /// Why the lock could not be taken, for a person.
    pub fn message(&self) -> crate::message::Message {
        match self {
            LockError::Held { dir, holder } => crate::msg!(
                "lock-held",
                holder = holder.clone(),
                folder = dir.display().to_string()
            ),
            LockError::Io { dir, message } => crate::msg!(
                "lock-io",
                folder = dir.display().to_string(),
                error = message.as_str()
            ),
            LockError::Link { dir } => {
                crate::msg!(
                    "lock-link",
                    file = dir.join(LOCK_FILE).display().to_string()
                )
            }
        }
    }
}

impl EngineLock {
    /// Takes the lock for `dir`, saying who holds it (`what`: the command or "the window").
    pub fn acquire(dir: &Path, what: &str) -> Result<EngineLock, LockError> {
        let io = |e: std::io::Error| LockError::Io {
            dir: dir.to_path_buf(),
            message: e.to_string(),
        };
        crate::store::private::create_dir(dir).map_err(io)?;
        let path = dir.join(LOCK_FILE);
        let mut file = crate::store::private::options_no_follow()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| {
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                    LockError::Link {
                        dir: dir.to_path_buf(),
                    }
                } else {
                    io(e)
                }
            })?;
        match file.try_lock() {
            Ok(()) => {
                file.set_len(0).map_err(io)?;
                file.seek(SeekFrom::Start(0)).map_err(io)?;
                writeln!(file, "process {}: {what}", std::process::id()).map_err(io)?;
                file.flush().map_err(io)?;
                Ok(EngineLock { _file: file })
            }
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                file.read_to_string(&mut holder).ok();
                let holder = holder.lines().next().unwrap_or("").trim();
                Err(LockError::Held {
                    dir: dir.to_path_buf(),
                    holder: if holder.is_empty() {
                        crate::msg!("lock-another-process")
                    } else {
                        crate::message::Message::verbatim(crate::secret::excerpt(holder, 200))
                    },
                })
            }
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    #[test]
    fn a_second_engine_is_told_who_holds_the_folder_until_the_first_lets_go() {
        let dir = std::env::temp_dir().join(format!("flowdeck-lock-{}", uuid::Uuid::new_v4()));
        let first = EngineLock::acquire(&dir, "flowdeck run scenes.txt").expect("first");
        let e = EngineLock::acquire(&dir, "the window").expect_err("held");
        let text = e.en();
        assert!(
            text.contains("flowdeck run scenes.txt") && text.contains("flowdeck status"),
            "{text}"
        );
        assert!(
            text.contains(&format!("process {}", std::process::id())),
            "{text}"
        );
        drop(first);
        let again = EngineLock::acquire(&dir, "the window").expect("free again");
        drop(again);
        std::fs::remove_dir_all(dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_lock_file_is_refused_and_its_target_left_whole() {
        let dir = std::env::temp_dir().join(format!("flowdeck-lock-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("dir");
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "precious").expect("victim");
        std::os::unix::fs::symlink(&victim, dir.join(LOCK_FILE)).expect("link");
        let e = EngineLock::acquire(&dir, "flowdeck run").expect_err("a link");
        assert_eq!(e, LockError::Link { dir: dir.clone() });
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
        std::fs::remove_dir_all(dir).ok();
    }
}
