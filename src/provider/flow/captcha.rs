//! reCAPTCHA tokens for create calls, from an external command the user configures.
//!
//! Flow needs a fresh, single-use reCAPTCHA Enterprise token on every create since late 2025,
//! and only a real browser page can mint one. flowdeck does not ship a browser: the user points
//! `captcha_command` at a helper that prints one token on standard output.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::process::Command;

use crate::provider::error::ProviderError;
use crate::secret::{Secret, excerpt};

/// Runs the configured command once and returns the token it printed.
pub async fn fetch_token(command: &str, timeout: Duration) -> Result<Secret, ProviderError> {
    let mut cmd = shell(command);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let mut child = cmd.spawn().map_err(|e| {
        ProviderError::Captcha(format!(
            "could not start the captcha_command ({e}); check the command in the settings"
        ))
    })?;
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let run = async {
        let mut out = Vec::new();
        let mut err = Vec::new();
        if let Some(s) = stdout.as_mut() {
            s.take(1 << 20).read_to_end(&mut out).await?;
        }
        if let Some(s) = stderr.as_mut() {
            s.take(64 << 10).read_to_end(&mut err).await?;
        }
        let status = child.wait().await?;
        Ok::<_, std::io::Error>((status, out, err))
    };
    let (status, out, err) = match tokio::time::timeout(timeout, run).await {
        Err(_) => {
            return Err(ProviderError::Captcha(format!(
                "the captcha_command printed no token within {} s",
                timeout.as_secs()
            )));
        }
        Ok(Err(e)) => {
            return Err(ProviderError::Captcha(format!(
                "reading from the captcha_command failed: {e}"
            )));
        }
        Ok(Ok(r)) => r,
    };
    if !status.success() {
        return Err(ProviderError::Captcha(format!(
            "the captcha_command failed ({status}): {}",
            excerpt(String::from_utf8_lossy(&err).trim(), 200)
        )));
    }
    let text = String::from_utf8(out).map_err(|_| {
        ProviderError::Captcha("the captcha_command printed something that is not text".into())
    })?;
    let token = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if token.is_empty() {
        return Err(ProviderError::Captcha(
            "the captcha_command printed no token".into(),
        ));
    }
    if token.chars().any(char::is_whitespace) {
        return Err(ProviderError::Captcha(
            "the captcha_command printed more than one word; it must print only the token".into(),
        ));
    }
    Ok(Secret::new(token))
}

#[cfg(unix)]
fn shell(command: &str) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c").arg(command);
    c
}

#[cfg(windows)]
fn shell(command: &str) -> Command {
    let mut c = Command::new("cmd");
    c.arg("/C").arg(command);
    c
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    const T: Duration = Duration::from_secs(10);

    #[tokio::test]
    async fn takes_the_first_printed_line() {
        let t = fetch_token("printf '\\n  tok-123  \\n'", T)
            .await
            .expect("token");
        assert_eq!(t.expose(), "tok-123");
    }

    #[tokio::test]
    async fn explains_each_failure() {
        let e = fetch_token("echo oops >&2; exit 3", T)
            .await
            .expect_err("fails");
        assert!(
            matches!(&e, ProviderError::Captcha(m) if m.contains("oops")),
            "{e}"
        );
        let e = fetch_token("true", T).await.expect_err("empty");
        assert!(e.to_string().contains("no token"));
        let e = fetch_token("echo two words", T)
            .await
            .expect_err("two words");
        assert!(e.to_string().contains("only the token"));
        let e = fetch_token("sleep 5", Duration::from_millis(200))
            .await
            .expect_err("slow");
        assert!(e.to_string().contains("within"));
    }
}
