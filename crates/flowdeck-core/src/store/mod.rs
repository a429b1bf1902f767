//! Everything that touches the disk or the keyring: settings, secrets, the ledger, prompt
//! files, file names and folders.

pub mod captures;
pub mod config;
pub mod import;
pub mod ledger;
pub mod lock;
pub mod naming;
pub mod paths;
pub mod private;
pub mod secrets;
pub mod window;
