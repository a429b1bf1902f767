//! The account's credits, tier and Flow project (reference section 7).

use reqwest::Method;
use reqwest::header::CONTENT_TYPE;
use serde_json::{Value, json};

use super::models::PaygateTier;
use super::{FlowClient, json};
use crate::provider::error::ProviderError;
use crate::provider::http::{read_capped, transport};

pub(super) struct AccountState {
    project_id: Option<String>,
    tier: Option<PaygateTier>,
}

impl AccountState {
    pub(super) fn new(project_id: Option<String>) -> Self {
        AccountState {
            project_id: project_id.filter(|p| !p.trim().is_empty()),
            tier: None,
        }
    }
}

/// `GET /v1/credits`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credits {
    pub credits: i64,
    pub tier: PaygateTier,
}

/// What `accounts check` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountInfo {
    pub email: Option<String>,
    pub name: Option<String>,
    pub credits: i64,
    pub tier: PaygateTier,
    /// False for accounts added with a bare access token.
    pub can_refresh: bool,
}

impl FlowClient {
    /// Credits left and the paygate tier.
    pub async fn credits(&self) -> Result<Credits, ProviderError> {
        let body = self.api(Method::GET, "v1/credits", None).await?;
        let v = json(&body)?;
        let credits = v
            .get("credits")
            .and_then(|c| c.as_i64().or_else(|| c.as_str()?.parse().ok()))
            .ok_or_else(|| ProviderError::Unexpected {
                status: 200,
                excerpt: "the credits answer has no credits".into(),
            })?;
        let tier = v
            .get("userPaygateTier")
            .and_then(Value::as_str)
            .map_or(PaygateTier::default(), PaygateTier::parse);
        self.account.lock().await.tier = Some(tier.clone());
        Ok(Credits { credits, tier })
    }

    /// Signs in, reads credits and tier, and says who the account is.
    pub async fn check(&self) -> Result<AccountInfo, ProviderError> {
        let credits = self.credits().await?;
        let user = self.tokens.lock().await.user.clone().unwrap_or_default();
        Ok(AccountInfo {
            email: user.email,
            name: user.name,
            credits: credits.credits,
            tier: credits.tier,
            can_refresh: self.credential.can_refresh(),
        })
    }

    /// The tier to send in `clientContext`, read once from the credits route.
    pub(super) async fn tier(&self) -> Result<PaygateTier, ProviderError> {
        if let Some(t) = self.account.lock().await.tier.clone() {
            return Ok(t);
        }
        Ok(self.credits().await?.tier)
    }

    /// The project new videos go into, creating one on first use.
    pub async fn project_id(&self) -> Result<String, ProviderError> {
        let mut st = self.account.lock().await;
        if let Some(p) = &st.project_id {
            return Ok(p.clone());
        }
        let title = time::OffsetDateTime::now_utc()
            .format(time::macros::format_description!(
                "flowdeck [month repr:short] [day] - [hour]:[minute]"
            ))
            .unwrap_or_else(|_| "flowdeck".into());
        let id = self.create_project(&title).await?;
        st.project_id = Some(id.clone());
        Ok(id)
    }

    /// `POST {labs}/trpc/project.createProject`.
    pub async fn create_project(&self, title: &str) -> Result<String, ProviderError> {
        let body = json!({"json": {"projectTitle": title, "toolName": "PINHOLE"}});
        let resp = self
            .labs_request(Method::POST, "trpc/project.createProject")
            .map_err(|_| {
                ProviderError::Local(
                    "accounts added with an access token need a project id in their settings"
                        .into(),
                )
            })?
            .header(CONTENT_TYPE, "application/json")
            .body(body.to_string())
            .timeout(self.config.request_timeout)
            .send()
            .await
            .map_err(transport)?;
        let status = resp.status().as_u16();
        let bytes = read_capped(resp, 1 << 20).await?;
        if status == 401 || status == 403 {
            return Err(ProviderError::SignInAgain(
                "the session cookie was refused while creating a Flow project".into(),
            ));
        }
        if !(200..300).contains(&status) {
            return Err(super::classify::classify(status, None, &bytes));
        }
        json(&bytes)?
            .pointer("/result/data/json/result/projectId")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| ProviderError::Unexpected {
                status,
                excerpt: "the project answer has no projectId".into(),
            })
    }
}
