//! flowdeck: scene prompts in, Veo videos out, over several accounts at once.
//!
//! This crate holds the front ends: the window (`ui`, the only code that knows iced), the
//! command line (`cli`), and the words both speak (`i18n`, `words`). Everything below them is
//! `flowdeck-core`; the simulator of Google's services is `flowdeck-sim`. Their modules are
//! re-exported here under the names they have always had.

pub use flowdeck_core::{
    bridge, child, engine, frames, logs, message, model, msg, ops, picture, provider, secret,
    store, visible,
};

pub mod cli;
pub mod i18n;
pub mod mcp;
pub mod platform;
pub mod ui;
pub mod words;

/// The simulator, and the demo built on it (the demo speaks to the user, so it lives here).
pub mod sim {
    pub use flowdeck_sim::*;
    pub mod demo;
}
