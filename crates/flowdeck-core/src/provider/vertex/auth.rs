//! Access tokens for one Vertex account. The OAuth flow is `gcp_auth`'s (a service-account
//! key's signed assertion exchanged at the key file's own `token_uri`, refreshed before it
//! expires; or Application Default Credentials); a token command is run as the user set it.
//! The key file is read where it lies: its content is never copied, logged or stored.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gcp_auth::TokenProvider;
use tokio::sync::Mutex;

use crate::provider::error::ProviderError;
use crate::secret::{Secret, redact};

/// The one scope Vertex AI and Cloud Storage both accept.
pub const SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform";

/// A token command's token is used this long before the command runs again (gcloud's last
/// an hour).
const COMMAND_TOKEN_LIFE: Duration = Duration::from_secs(30 * 60);

/// Where an account's tokens come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// A service-account JSON key file.
    KeyFile(PathBuf),
    /// Application Default Credentials: `GOOGLE_APPLICATION_CREDENTIALS`, gcloud's user file,
    /// the metadata server.
    Default,
    /// A command that prints an access token, e.g. `gcloud auth print-access-token`.
    Command(String),
}

impl Credentials {
    /// Said in checks and errors (a path or a command, never a token).
    pub fn describe(&self) -> crate::message::Message {
        match self {
            Credentials::KeyFile(p) => {
                crate::msg!("vertex-key-file", file = p.display().to_string())
            }
            Credentials::Default => crate::msg!("vertex-adc"),
            // A command can carry a secret of its own (a flag's value): shown redacted.
            Credentials::Command(c) => crate::msg!("vertex-token-command", command = redact(c)),
        }
    }
}

enum Source {
    Provider(Arc<dyn TokenProvider>),
    Command(Secret, Instant),
}

pub struct Auth {
    credentials: Credentials,
    /// Built on first use and dropped to force a fresh token after a 401.
    source: Mutex<Option<Source>>,
}

impl Auth {
    pub fn new(credentials: Credentials) -> Auth {
        Auth {
            credentials,
            source: Mutex::new(None),
        }
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// A token that is valid for a while yet (the provider refreshes before expiry).
    pub async fn token(&self) -> Result<Secret, ProviderError> {
        let mut source = self.source.lock().await;
        if let Some(Source::Command(token, at)) = &*source
            && at.elapsed() < COMMAND_TOKEN_LIFE
        {
            return Ok(token.clone());
        }
        if let Some(Source::Provider(p)) = &*source {
            return p
                .token(&[SCOPE])
                .await
                .map(|t| Secret::new(t.as_str()))
                .map_err(|e| self.failed(&e));
        }
        let fresh = self.open().await?;
        let token = match &fresh {
            Source::Provider(p) => p
                .token(&[SCOPE])
                .await
                .map(|t| Secret::new(t.as_str()))
                .map_err(|e| self.failed(&e))?,
            Source::Command(t, _) => t.clone(),
        };
        *source = Some(fresh);
        Ok(token)
    }

    /// Forgets the current token (the service refused it), so the next call gets a new one.
    pub async fn refresh(&self) {
        *self.source.lock().await = None;
    }

    async fn open(&self) -> Result<Source, ProviderError> {
        match &self.credentials {
            Credentials::KeyFile(path) => {
                let path = path.clone();
                let account = tokio::task::spawn_blocking(move || {
                    gcp_auth::CustomServiceAccount::from_file(&path)
                })
                .await
                .map_err(|e| ProviderError::Local(crate::msg!("task-failed", why = e.to_string())))?
                .map_err(|e| self.unusable(&e))?;
                Ok(Source::Provider(Arc::new(account)))
            }
            Credentials::Default => gcp_auth::provider()
                .await
                .map(Source::Provider)
                .map_err(|e| {
                    ProviderError::SignInAgain(crate::msg!("vertex-no-adc", why = chain(&e)))
                }),
            Credentials::Command(cmd) => run_command(cmd)
                .await
                .map(|t| Source::Command(t, Instant::now())),
        }
    }

    /// The key file could not be read or parsed.
    fn unusable(&self, e: &gcp_auth::Error) -> ProviderError {
        ProviderError::SignInAgain(crate::msg!(
            "vertex-credentials-unusable",
            what = self.credentials.describe(),
            why = chain(e)
        ))
    }

    /// The token endpoint refused, or could not be reached.
    fn failed(&self, e: &gcp_auth::Error) -> ProviderError {
        let text = chain(e);
        if matches!(e, gcp_auth::Error::Str(_)) {
            ProviderError::SignInAgain(crate::msg!(
                "vertex-credentials-rejected",
                what = self.credentials.describe()
            ))
        } else {
            // Before anything was sent to Vertex: proof that no video was made.
            ProviderError::Unreachable(crate::msg!("vertex-no-token", why = text))
        }
    }
}

/// Looks at a service-account key file before it is named in the settings: it must be one,
/// with an email, a key and a token endpoint. Returns the service account's email. The key
/// itself is neither kept nor shown.
pub fn inspect_key_file(path: &std::path::Path) -> Result<String, crate::message::Message> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        crate::msg!(
            "vertex-key-file-unreadable",
            file = path.display().to_string(),
            why = e.to_string()
        )
    })?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|_| {
        crate::msg!(
            "vertex-key-file-not-json",
            file = path.display().to_string()
        )
    })?;
    let field = |k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
    };
    match field("type") {
        "service_account" => {}
        "authorized_user" => {
            return Err(crate::msg!(
                "vertex-key-file-user",
                file = path.display().to_string()
            ));
        }
        other => {
            return Err(crate::msg!(
                "vertex-key-file-type",
                file = path.display().to_string(),
                kind = other
            ));
        }
    }
    if field("private_key").is_empty() || field("token_uri").is_empty() {
        return Err(crate::msg!(
            "vertex-key-file-incomplete",
            file = path.display().to_string()
        ));
    }
    let email = field("client_email");
    if !email.contains('@') {
        return Err(crate::msg!(
            "vertex-key-file-no-account",
            file = path.display().to_string()
        ));
    }
    Ok(email.to_string())
}

/// The error and its causes, redacted: library errors can quote what they were given.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    crate::secret::excerpt(&redact(&s), 300)
}

/// Runs the token command (through the shell, as typed) and takes its last non-empty line.
async fn run_command(cmd: &str) -> Result<Secret, ProviderError> {
    let shown = redact(cmd);
    // cmd does not read the quoting `arg` would add (`\"`): the command goes to it as typed.
    #[cfg(windows)]
    let mut command = {
        let mut c = crate::child::command("cmd");
        c.arg("/D")
            .arg("/S")
            .arg("/C")
            .raw_arg(format!("\"{cmd}\""));
        c
    };
    #[cfg(not(windows))]
    let mut command = {
        let mut c = crate::child::command("sh");
        c.arg("-c").arg(cmd);
        c
    };
    command
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true);
    let out = tokio::time::timeout(Duration::from_secs(60), command.output())
        .await
        .map_err(|_| {
            ProviderError::SignInAgain(crate::msg!("vertex-command-slow", command = shown.as_str()))
        })?
        .map_err(|e| {
            ProviderError::SignInAgain(crate::msg!(
                "vertex-command-failed",
                command = shown.as_str(),
                error = e.to_string()
            ))
        })?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let token = stdout
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or_default();
    if !out.status.success() || token.is_empty() || token.contains(char::is_whitespace) {
        // Its error output can say why (not signed in); the token itself is never printed.
        let err = crate::secret::excerpt(&redact(String::from_utf8_lossy(&out.stderr).trim()), 200);
        let said = if err.is_empty() {
            String::new()
        } else {
            format!(": {err}")
        };
        return Err(ProviderError::SignInAgain(crate::msg!(
            "vertex-command-no-token",
            command = shown.as_str(),
            status = out.status.to_string(),
            said = said
        )));
    }
    Ok(Secret::new(token))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    #[cfg(unix)]
    #[tokio::test]
    async fn a_token_command_s_last_line_is_the_token_and_failures_say_why() {
        let auth = Auth::new(Credentials::Command("echo note >&2; echo ya29.abc".into()));
        assert_eq!(auth.token().await.unwrap().expose(), "ya29.abc");
        let failing = Auth::new(Credentials::Command(
            "echo 'not signed in' >&2; exit 1".into(),
        ));
        let e = failing.token().await.unwrap_err().en();
        assert!(
            e.contains("not signed in") && e.contains("printed no token"),
            "{e}"
        );
    }

    #[test]
    fn key_files_are_inspected_without_showing_the_key() {
        let dir = std::env::temp_dir().join(format!("flowdeck-key-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("sa.json");
        std::fs::write(&good, r#"{"type":"service_account","client_email":"a@p.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\nSECRETKEY\n-----END PRIVATE KEY-----\n","token_uri":"https://oauth2.googleapis.com/token"}"#).unwrap();
        assert_eq!(
            inspect_key_file(&good).unwrap(),
            "a@p.iam.gserviceaccount.com"
        );
        let user = dir.join("user.json");
        std::fs::write(
            &user,
            r#"{"type":"authorized_user","refresh_token":"1//SECRET"}"#,
        )
        .unwrap();
        let e = inspect_key_file(&user).unwrap_err();
        assert_eq!(e.key, "vertex-key-file-user", "{e:?}");
        assert!(!format!("{e:?}").contains("SECRET"), "{e:?}");
        let bad = dir.join("bad.json");
        std::fs::write(&bad, "-----BEGIN PRIVATE KEY-----\nSECRETKEY").unwrap();
        let e = inspect_key_file(&bad).unwrap_err();
        assert_eq!(e.key, "vertex-key-file-not-json", "{e:?}");
        assert!(!format!("{e:?}").contains("SECRETKEY"), "{e:?}");
        std::fs::remove_dir_all(dir).ok();
    }

    #[tokio::test]
    async fn a_missing_key_file_is_named_not_read() {
        let auth = Auth::new(Credentials::KeyFile(
            "/nonexistent/flowdeck-key.json".into(),
        ));
        let e = auth.token().await.unwrap_err();
        assert!(
            matches!(&e, ProviderError::SignInAgain(m) if m.en().contains("/nonexistent/flowdeck-key.json")),
            "{e:?}"
        );
    }
}
