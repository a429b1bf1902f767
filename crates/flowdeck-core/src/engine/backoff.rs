//! Waits with jitter, so many lanes never hammer a service in step.

use std::time::Duration;

/// `base` ± `spread` (a fraction), never negative.
pub fn jitter(base: Duration, spread: f64) -> Duration {
    let f = 1.0 + spread * (fastrand::f64() * 2.0 - 1.0);
    base.mul_f64(f.max(0.0))
}

/// Exponential backoff for the `attempt`-th consecutive failure (0-based): `first`·2ⁿ,
/// capped, with ±25% jitter.
pub fn backoff(first: Duration, attempt: u32, cap: Duration) -> Duration {
    let exp = first.saturating_mul(1u32 << attempt.min(16));
    jitter(exp.min(cap), 0.25)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        for _ in 0..100 {
            let a = backoff(Duration::from_secs(1), 0, Duration::from_secs(60));
            assert!(a >= Duration::from_millis(750) && a <= Duration::from_millis(1250));
            let c = backoff(Duration::from_secs(1), 30, Duration::from_secs(60));
            assert!(c <= Duration::from_secs(75) && c >= Duration::from_secs(45));
        }
    }
}
