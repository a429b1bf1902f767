//! flowdeck's core: everything below the front ends. `model` is the shared vocabulary,
//! `provider` speaks to the remote services (Flow through the `bridge`), `store` keeps the
//! settings, secrets and the ledger, `engine` spreads takes over accounts and never pays
//! twice, `ops` is what every front end does with them. No window, no command line, no
//! words: failures and events are data (`message`), put into words by the front ends.

pub mod bridge;
pub mod child;
pub mod engine;
pub mod frames;
pub mod logs;
pub mod message;
pub mod model;
pub mod ops;
pub mod picture;
pub mod provider;
pub mod secret;
pub mod store;
pub mod visible;
