//! flowdeck's integration tests, in one binary so the crate is linked once: a module per area,
//! and the test kit they share (`kit`: the simulator, the binary as a child process, the window,
//! browsers real and stand-in).

mod kit;

mod bridge;
mod budget;
mod chains;
// Kills children mid-batch (SIGKILL) and drives Chromium over its Unix sockets: Unix only.
#[cfg(unix)]
mod chaos;
mod classes;
mod cli;
mod cli_setup;
mod doctor;
mod engine;
#[cfg(unix)]
mod extension;
mod flow_client;
mod flow_codec;
mod flow_images;
mod gemini_omni;
mod gemini_veo;
mod i18n;
mod mcp;
#[cfg(unix)]
mod package;
mod paid_once;
mod readme;
mod ui;
mod ui_vi;
mod ui_welcome;
mod ui_window;
mod version;
mod vertex;
