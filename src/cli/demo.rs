//! Demo mode for the command line: the shared demo setup, as a command context.

use std::path::{Path, PathBuf};

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

/// The sample prompts shipped inside flowdeck (one has `#unsafe`, refused on purpose), written
/// into the demo's folder for `flowdeck run --demo` without a file.
pub fn sample(demo_dir: &Path) -> Result<PathBuf, Exit> {
    const SAMPLE: &str = include_str!("../../assets/demo/prompts.txt");
    let file = demo_dir.join("prompts.txt");
    crate::store::private::write(&file, SAMPLE.as_bytes()).map_err(|e| {
        let file = file.display().to_string();
        Exit::failed(crate::t!(
            "cannot-write",
            file = file,
            error = e.to_string()
        ))
    })?;
    Ok(file)
}
