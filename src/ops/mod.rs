//! What every front end does with the engine, written once (the window and the CLI only dispatch and render).
pub mod tally;
