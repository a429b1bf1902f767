//! What is the same for every Flow account: the origin and how carefully to pace.

use std::sync::Arc;
use std::time::Duration;

use crate::provider::capture::CaptureSink;

/// Flow's home since 2026-09.
pub const DEFAULT_ORIGIN: &str = "https://flow.google.com";

#[derive(Debug, Clone)]
pub struct FlowConfig {
    /// The origin whose tabs the extension works on (the simulator's in tests).
    pub origin: String,
    /// Least time between two generate calls of one account. Flow flags accounts that
    /// generate in bursts or at a fixed cadence, so this is conservative and jittered.
    pub generate_spacing: Duration,
    /// The spacing doubles after each refusal, up to this, and resets after a success.
    pub max_spacing: Duration,
    /// A create whose answer was lost is looked for in the project listing no sooner than
    /// this after it was sent; not finding it then proves it was never made.
    pub reconcile_after: Duration,
    /// A download fails when no byte arrives for this long.
    pub idle_timeout: Duration,
    /// A signed link is re-signed when it is older than this, or sooner when it says it
    /// expires sooner (they last about 6 hours, `googlevideo.com` ones about 2).
    pub link_life: Duration,
    /// Copies of a scene one create carries (1 to 4).
    pub copies_per_create: usize,
    /// Where answers flowdeck could not read are kept (redacted) for `flowdeck report`.
    pub captures: Option<Arc<dyn CaptureSink>>,
}

impl Default for FlowConfig {
    fn default() -> Self {
        FlowConfig {
            origin: DEFAULT_ORIGIN.to_string(),
            generate_spacing: Duration::from_secs(10),
            max_spacing: Duration::from_secs(15 * 60),
            reconcile_after: Duration::from_secs(90),
            idle_timeout: Duration::from_secs(60),
            link_life: Duration::from_secs(3600),
            copies_per_create: 4,
            captures: None,
        }
    }
}
