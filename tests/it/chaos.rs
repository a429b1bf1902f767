//! A reduced chaos run (the full one is `cargo bench --bench chaos`): every simulator fault
//! on, SIGKILL at random moments, resume; it fails on any loss, duplicate or corrupt file.

use crate::kit;

use kit::chaos::{Round, round};
use kit::temp_dir;

#[cfg(unix)]
#[tokio::test]
async fn chaos_loses_nothing_pays_nothing_twice_corrupts_nothing() {
    for seed in [11, 12] {
        let r = Round {
            scenes: 5,
            copies: 2,
            kills: 2,
            faults: true,
            seed,
        };
        let o = round(env!("CARGO_BIN_EXE_flowdeck"), temp_dir("chaos"), &r).await;
        assert_eq!(o.takes, 10, "{o:?}");
        assert_eq!((o.lost, o.submitted_twice, o.corrupt), (0, 0, 0), "{o:?}");
        assert_eq!((o.leftovers, o.violations, o.leaks), (0, 0, 0), "{o:?}");
        assert!(o.kills >= 1, "the process was never killed: {o:?}");
    }
}
