//! Starting other programs without handing them the secrets in flowdeck's environment.

use std::ffi::OsStr;

/// `program`, to be started without the variables that hold an account's secret: a child (and
/// whatever it starts in turn, such as a browser) has no use for them.
pub fn command(program: impl AsRef<OsStr>) -> tokio::process::Command {
    let mut c = tokio::process::Command::new(program);
    for var in crate::secret::env_holders() {
        c.env_remove(var);
    }
    c
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_child_is_not_given_the_variables_that_hold_secrets() {
        // Set by cargo for every test process; noted here as if an account kept a secret in it.
        let var = "CARGO_MANIFEST_DIR";
        assert!(std::env::var_os(var).is_some());
        crate::secret::held_in_env(var);
        let out = command("env").output().await.expect("env runs");
        let env = String::from_utf8_lossy(&out.stdout);
        assert!(env.contains("PATH="), "{env}");
        assert!(!env.contains(&format!("{var}=")), "{env}");
    }
}
