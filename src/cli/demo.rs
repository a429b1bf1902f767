//! Demo mode for the command line: the shared demo setup, as a command context.

use std::path::PathBuf;

use super::context::{Context, Exit};
use crate::sim::demo::World;
use crate::store::paths::Paths;

/// Starts the simulator, the bridge and the stand-ins, and a context whose accounts point at
/// them.
pub async fn context(config: Option<PathBuf>) -> Result<(Context, World), Exit> {
    let paths = Paths::resolve(config).map_err(Exit::usage)?;
    let demo = crate::sim::demo::start(paths, "flowdeck run --demo")
        .await
        .map_err(|e| Exit::failed(crate::t!("cli-demo-failed", error = e)))?;
    Ok((
        Context(crate::ops::session::Session::with(
            demo.paths,
            demo.settings,
            std::sync::Arc::new(demo.secrets),
            Some(demo.bridge),
        )),
        demo.world,
    ))
}
