//! Where flowdeck keeps its files: the platform's config and data folders, or the folders
//! named by `FLOWDECK_CONFIG` (a file) and `FLOWDECK_DATA_DIR` (tests, portable use).
//!
//! | | settings | ledger, logs, captures | demo (cache) |
//! |---|---|---|---|
//! | Linux | `~/.config/flowdeck` | `~/.local/share/flowdeck` | `~/.cache/flowdeck` |
//! | macOS | `~/Library/Application Support/dev.flowdeck.flowdeck` | the same | `~/Library/Caches/dev.flowdeck.flowdeck` |
//! | Windows | `%APPDATA%\flowdeck\flowdeck\config` | `%LOCALAPPDATA%\flowdeck\flowdeck\data` | `%LOCALAPPDATA%\flowdeck\flowdeck\cache` |
//!
//! On Windows the ledger is in the local, not the roaming, profile: a roaming profile is
//! copied to a server at sign-out, and a live SQLite database and its logs do not belong there.

use std::path::PathBuf;

use directories::ProjectDirs;

/// The resolved locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The settings file.
    pub config_file: PathBuf,
    /// The ledger and other state.
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl Paths {
    /// `config_flag` is `--config F` when given; it wins over `FLOWDECK_CONFIG`.
    pub fn resolve(config_flag: Option<PathBuf>) -> Result<Paths, crate::message::Message> {
        let project = ProjectDirs::from("dev", "flowdeck", "flowdeck");
        let env_config = std::env::var_os("FLOWDECK_CONFIG")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let explicit = config_flag.or(env_config);
        let config_file = match explicit {
            Some(f) => f,
            None => project
                .as_ref()
                .map(|p| p.config_dir().join("config.toml"))
                .ok_or_else(|| crate::msg!("paths-no-home-config"))?,
        };
        let data_dir = match std::env::var_os("FLOWDECK_DATA_DIR").filter(|v| !v.is_empty()) {
            Some(d) => PathBuf::from(d),
            None => project
                .as_ref()
                .map(|p| p.data_local_dir().to_path_buf())
                .ok_or_else(|| crate::msg!("paths-no-home-data"))?,
        };
        Ok(Paths {
            config_file,
            log_dir: data_dir.join("logs"),
            data_dir,
        })
    }

    pub fn ledger(&self) -> PathBuf {
        self.data_dir.join("ledger.sqlite3")
    }

    /// Where answers flowdeck could not read are kept, redacted, for `flowdeck report`.
    pub fn captures(&self) -> PathBuf {
        self.data_dir.join("captures")
    }

    /// Where videos go when the settings name no folder.
    pub fn default_output() -> PathBuf {
        directories::UserDirs::new()
            .and_then(|u| u.video_dir().map(|v| v.join("flowdeck")))
            .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join("flowdeck")))
            .unwrap_or_else(|| PathBuf::from("flowdeck-videos"))
    }
}
