//! What the tests say of the simulator: which accounts it has and which faults it plays
//! (tweaks for [`super::sim`]), and what its report must hold afterwards.

use flowdeck::sim::report::MediaReport;
use flowdeck::sim::{Faults, Report, SimConfig};

/// For [`sim`]: every create answered 429, asking to wait `secs` seconds.
pub fn throttled(secs: u64) -> Faults {
    Faults {
        create_429: 1.0,
        retry_after_secs: secs,
        ..Faults::default()
    }
}

/// For [`sim`]: lost answers (the first one for sure) and throttled creates, a fifth of each.
pub fn lossy() -> Faults {
    Faults {
        lost_answer: 0.2,
        lost_first: 1,
        create_429: 0.2,
        ..Faults::default()
    }
}

/// The simulator saw no request touch another account's video and no credential where it
/// must not be.
#[track_caller]
pub fn assert_clean(report: &Report) {
    assert!(
        report.ownership_violations.is_empty(),
        "{:?}",
        report.ownership_violations
    );
    assert!(
        report.credential_leaks.is_empty(),
        "{:?}",
        report.credential_leaks
    );
}

/// For [`sim`]: no Flow accounts, and these Gemini API keys.
pub fn gemini_only(c: &mut SimConfig, keys: &[&str]) {
    c.accounts = Vec::new();
    c.gemini_accounts = keys.iter().map(|k| k.to_string()).collect();
}

/// For [`sim`]: no Flow accounts, and these Vertex AI projects.
pub fn vertex_only(c: &mut SimConfig, projects: &[&str]) {
    c.accounts = Vec::new();
    c.vertex_accounts = projects.iter().map(|p| p.to_string()).collect();
}

/// The simulator's video made from `prompt`.
pub fn made_from<'a>(report: &'a Report, prompt: &str) -> &'a MediaReport {
    report
        .media
        .iter()
        .find(|m| m.prompt == prompt)
        .unwrap_or_else(|| panic!("nothing was made from {prompt:?}"))
}

/// A Flow account ("alice", with her stand-in browser) and a Gemini key ("gem").
pub fn alice_and_gem(c: &mut SimConfig) {
    c.accounts = vec!["alice".into()];
    c.gemini_accounts = vec!["gem".into()];
}

/// Alice alone (a Flow account, played by her stand-in browser), with `faults` on.
pub async fn alice_with(faults: impl FnOnce(&mut Faults)) -> flowdeck::sim::RunningSim {
    super::sim(|c| {
        c.accounts = vec!["alice".into()];
        faults(&mut c.faults);
    })
    .await
}
