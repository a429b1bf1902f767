//! Demo mode for the command line: the shared demo setup, as a command context.

use std::path::PathBuf;

use super::context::{Context, Exit};
use crate::sim::RunningSim;
use crate::store::paths::Paths;

/// Starts the simulator and a context whose accounts point at it.
pub async fn context(config: Option<PathBuf>) -> Result<(Context, RunningSim), Exit> {
    let paths = Paths::resolve(config).map_err(Exit::usage)?;
    let demo = crate::sim::demo::start(paths)
        .await
        .map_err(|e| Exit::failed(format!("cannot start the demo simulator: {e}")))?;
    Ok((
        Context {
            paths: demo.paths,
            settings: demo.settings,
            secrets: demo.secrets,
        },
        demo.sim,
    ))
}
