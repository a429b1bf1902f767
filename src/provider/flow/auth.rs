//! Session cookie → bearer access token, kept with its expiry and renewed ahead of it
//! (reference section 1).

use std::time::{Duration, Instant};

use reqwest::header::COOKIE;
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::FlowClient;
use super::credential::FlowCredential;
use crate::provider::error::ProviderError;
use crate::provider::http::{read_capped, transport};
use crate::secret::Secret;

/// Access tokens live about an hour; the session's `expires` is often the cookie's, not the
/// token's, so never trust a token longer than this.
const MAX_TOKEN_LIFE: Duration = Duration::from_secs(55 * 60);

const SIGN_IN_AGAIN: &str = "Google could not renew this account's access \
    (ACCESS_TOKEN_REFRESH_NEEDED): open Flow in a browser, sign in, and paste the new session cookie";
const BEARER_EXPIRED: &str = "this account was added with an access token (ya29…), which lasts \
    about an hour and cannot be renewed: add the account's session cookie instead";

/// Who the session belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionUser {
    pub email: Option<String>,
    pub name: Option<String>,
}

#[derive(Default)]
pub(super) struct TokenState {
    current: Option<Token>,
    /// Id of the newest token; lets a 401 invalidate only the token it was refused with.
    issued: u64,
    pub(super) user: Option<SessionUser>,
    pub(super) refreshes: u64,
    bearer_refused: bool,
}

struct Token {
    value: Secret,
    refresh_at: Instant,
    expires_at: Instant,
    id: u64,
}

impl FlowClient {
    /// A valid access token and its id, renewing it first when it is close to expiry.
    /// Concurrent callers wait for one renewal instead of each making their own.
    pub(super) async fn bearer(&self) -> Result<(Secret, u64), ProviderError> {
        let mut st = self.tokens.lock().await;
        if let Some(t) = &st.current
            && Instant::now() < t.refresh_at
        {
            return Ok((t.value.clone(), t.id));
        }
        match &self.credential {
            FlowCredential::Bearer(token) => {
                if st.bearer_refused {
                    return Err(ProviderError::SignInAgain(BEARER_EXPIRED.into()));
                }
                st.issued += 1;
                let far = Instant::now() + Duration::from_secs(365 * 86_400);
                st.current = Some(Token {
                    value: token.clone(),
                    refresh_at: far,
                    expires_at: far,
                    id: st.issued,
                });
                Ok((token.clone(), st.issued))
            }
            FlowCredential::SessionCookie(_) => {
                let (value, life, user) = self.exchange_session().await?;
                let now = Instant::now();
                let margin = self.config.refresh_margin.min(life / 5);
                st.issued += 1;
                st.refreshes += 1;
                st.user = Some(user);
                st.current = Some(Token {
                    value: value.clone(),
                    refresh_at: now + life - margin,
                    expires_at: now + life,
                    id: st.issued,
                });
                Ok((value, st.issued))
            }
        }
    }

    /// Forgets the token with this id after the service refused it (a 401).
    pub(super) async fn invalidate(&self, id: u64) {
        let mut st = self.tokens.lock().await;
        if st.current.as_ref().is_some_and(|t| t.id == id) {
            st.current = None;
            if !self.credential.can_refresh() {
                st.bearer_refused = true;
            }
        }
    }

    /// How long the current token has left, if there is one (for the account's lane display).
    pub async fn token_time_left(&self) -> Option<Duration> {
        let st = self.tokens.lock().await;
        st.current
            .as_ref()
            .map(|t| t.expires_at.saturating_duration_since(Instant::now()))
    }

    /// How many times the session was exchanged for a new access token.
    pub async fn token_refreshes(&self) -> u64 {
        self.tokens.lock().await.refreshes
    }

    /// The error for a token the service refused even after renewing it.
    pub(super) fn refused_after_refresh(&self) -> ProviderError {
        if self.credential.can_refresh() {
            ProviderError::SignInAgain(
                "the service refused a freshly issued access token: sign in again".into(),
            )
        } else {
            ProviderError::SignInAgain(BEARER_EXPIRED.into())
        }
    }

    /// `GET {labs}/auth/session` with the cookie.
    async fn exchange_session(&self) -> Result<(Secret, Duration, SessionUser), ProviderError> {
        let cookie = self.credential.cookie_header().ok_or_else(|| {
            ProviderError::SignInAgain("this account has no session cookie".into())
        })?;
        let resp = self
            .http
            .get(self.config.labs("auth/session"))
            .header(COOKIE, cookie)
            .timeout(self.config.request_timeout)
            .send()
            .await
            .map_err(transport)?;
        let status = resp.status().as_u16();
        let body = read_capped(resp, 1 << 20).await?;
        if status == 401 || status == 403 {
            return Err(ProviderError::SignInAgain(
                "the session cookie was refused: sign in to Flow again and paste the new cookie"
                    .into(),
            ));
        }
        if !(200..300).contains(&status) {
            return Err(super::classify::classify(status, None, &body));
        }
        parse_session(&body, OffsetDateTime::now_utc())
    }
}

/// Reads the session answer; `now` is passed in so the expiry arithmetic can be tested.
pub fn parse_session(
    body: &[u8],
    now: OffsetDateTime,
) -> Result<(Secret, Duration, SessionUser), ProviderError> {
    let v: Value = serde_json::from_slice(body).map_err(|_| ProviderError::Unexpected {
        status: 200,
        excerpt: "the session answer is not JSON (is labs_url right?)".into(),
    })?;
    if let Some(err) = v.get("error").and_then(Value::as_str) {
        return Err(if err == "ACCESS_TOKEN_REFRESH_NEEDED" {
            ProviderError::SignInAgain(SIGN_IN_AGAIN.into())
        } else {
            ProviderError::SignInAgain(format!("the session answered \"{err}\": sign in again"))
        });
    }
    let token = v
        .get("access_token")
        .or_else(|| v.get("accessToken"))
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ProviderError::SignInAgain(
                "the session cookie is expired or not signed in (no access token in the \
                 session): sign in to Flow again and paste the new cookie"
                    .into(),
            )
        })?;
    let life = v
        .get("expires")
        .and_then(Value::as_str)
        .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
        .map(|exp| exp - now)
        .and_then(|d| Duration::try_from(d).ok())
        .map_or(MAX_TOKEN_LIFE, |d| d.min(MAX_TOKEN_LIFE))
        .max(Duration::from_secs(1));
    let user = v.get("user");
    let field = |k: &str| {
        user.and_then(|u| u.get(k))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Ok((
        Secret::new(token),
        life,
        SessionUser {
            email: field("email"),
            name: field("name"),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn reads_token_expiry_and_user() {
        let body = br#"{"user":{"name":"A","email":"a@x.test","image":"i"},
            "expires":"2025-11-15T04:46:04.000Z","access_token":"ya29.abc"}"#;
        let (t, life, user) =
            parse_session(body, datetime!(2025-11-15 04:36:04 UTC)).expect("session");
        assert_eq!(t.expose(), "ya29.abc");
        assert_eq!(life, Duration::from_secs(600));
        assert_eq!(user.email.as_deref(), Some("a@x.test"));
        // A far expiry is capped at the token's real life.
        let (_, life, _) = parse_session(body, datetime!(2025-11-14 00:00 UTC)).expect("capped");
        assert_eq!(life, MAX_TOKEN_LIFE);
    }

    #[test]
    fn refresh_needed_and_empty_sessions_mean_sign_in_again() {
        let now = OffsetDateTime::now_utc();
        let e = parse_session(br#"{"error":"ACCESS_TOKEN_REFRESH_NEEDED"}"#, now).expect_err("x");
        assert!(matches!(&e, ProviderError::SignInAgain(m) if m.contains("sign in")));
        assert!(matches!(
            parse_session(b"{}", now),
            Err(ProviderError::SignInAgain(_))
        ));
        assert!(matches!(
            parse_session(b"<html>", now),
            Err(ProviderError::Unexpected { .. })
        ));
    }
}
