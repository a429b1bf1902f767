//! The desktop around flowdeck: opening a file, folder or URL with the default application,
//! and starting other programs without handing them the secrets in flowdeck's environment.

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

/// Opens `target` (a path or a URL) with the desktop's default application.
pub async fn open(target: impl AsRef<OsStr>) -> Result<(), String> {
    let target = target.as_ref();
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    command(program)
        .arg(target)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| {
            crate::t!(
                "open-failed",
                program = program,
                target = target.to_string_lossy().into_owned(),
                error = e.to_string()
            )
        })
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
