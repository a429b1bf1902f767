//! What every front end does with the engine: open a session on the data folder, change
//! accounts, check them, count what the engine reports, export and price takes. The window,
//! the command line (and any later front end) are dispatch and words over this.

pub mod accounts;
pub mod cost;
pub mod doctor;
pub mod error;
pub mod export;
pub mod fit;
pub mod holds;
pub mod session;
pub mod setup;
pub mod tally;
