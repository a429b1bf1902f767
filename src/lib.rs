//! flowdeck: scene prompts in, Veo videos out, over several accounts at once.
//!
//! See README.md for the layers; `model` is the shared vocabulary, `provider` speaks to the
//! remote services, `sim` imitates them on loopback.

pub mod bridge;
pub mod cli;
pub mod engine;
pub mod frames;
pub mod i18n;
pub mod logs;
pub mod message;
pub mod model;
pub mod ops;
pub mod picture;
pub mod platform;
pub mod provider;
pub mod secret;
pub mod sim;
pub mod store;
pub mod ui;
pub mod visible;
pub mod words;
