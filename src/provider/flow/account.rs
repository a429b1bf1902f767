//! The account's credits, plan, model families and Flow project.

use super::classify::CallKind;
use super::records::{self, Plan};
use super::{FlowClient, requests};
use crate::provider::error::ProviderError;

/// What `accounts check` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountInfo {
    /// The Google account the browser is signed in as.
    pub email: Option<String>,
    pub credits: i64,
    pub plan: Plan,
    /// The video model families Flow offers this account.
    pub families: Vec<String>,
    pub project: String,
}

impl FlowClient {
    /// Credits left and the plan (`nzlxg`).
    pub async fn credits(&self) -> Result<(i64, Plan), ProviderError> {
        let payload = self.rpc(requests::credits(), CallKind::Read).await?;
        let (credits, plan) =
            records::balance(&payload).ok_or_else(|| ProviderError::Unexpected {
                status: 200,
                excerpt: "nzlxg: the credits answer has no balance".into(),
            })?;
        self.state().plan = Some(plan);
        Ok((credits, plan))
    }

    /// The model families Flow offers this account (`yBhWQ`); empty when it did not say.
    pub async fn families(&self) -> Result<Vec<String>, ProviderError> {
        let payload = self.rpc(requests::model_families(), CallKind::Read).await?;
        let families = records::families(&payload);
        self.state().families = families.clone();
        Ok(families.unwrap_or_default())
    }

    /// `flowdeck doctor`'s read-only calls: credits, model families, and the listing of the
    /// project in use when there is one (never creating one). Each answer must have the shape
    /// flowdeck reads, or the call's id is named in an "unexpected answer".
    pub async fn doctor(&self) -> Result<String, ProviderError> {
        let drifted = |rpc: &str, why: String| ProviderError::Unexpected {
            status: 200,
            excerpt: format!("{rpc}: {why}"),
        };
        let (credits, plan) = self.credits().await?;
        let payload = self.rpc(requests::model_families(), CallKind::Read).await?;
        let families = records::families(&payload)
            .ok_or_else(|| drifted("yBhWQ", "the model list names no family".into()))?;
        let listing = match self.known_project() {
            Some(project) => {
                let payload = self
                    .rpc(requests::listing(&project), CallKind::Read)
                    .await?;
                let n = records::listing_shape(&payload).map_err(|e| drifted("Zzl0ze", e))?;
                format!("; its project lists {n} videos")
            }
            None => "; no project yet (made with the first video)".into(),
        };
        let email = self.presence().borrow().email.clone();
        Ok(format!(
            "{}{} plan, {credits} credits, models {}{listing}",
            email.map(|e| format!("{e}, ")).unwrap_or_default(),
            plan.label(),
            families.join(", ")
        ))
    }

    /// Reads credits, plan and models, makes sure the project exists, and says who the
    /// browser is signed in as.
    pub async fn check(&self) -> Result<AccountInfo, ProviderError> {
        let (credits, plan) = self.credits().await?;
        let families = self.families().await?;
        let project = self.project_id().await?;
        Ok(AccountInfo {
            email: self.presence().borrow().email.clone(),
            credits,
            plan,
            families,
            project,
        })
    }

    /// The project new videos go into, creating one (`jHPbke`) on first use.
    pub async fn project_id(&self) -> Result<String, ProviderError> {
        let _one_at_a_time = self.project_lock.lock().await;
        if let Some(p) = self.state().project.clone() {
            return Ok(p);
        }
        let title = time::OffsetDateTime::now_utc()
            .format(time::macros::format_description!(
                "flowdeck [month repr:short] [day] - [hour]:[minute]"
            ))
            .unwrap_or_else(|_| "flowdeck".into());
        let payload = self
            .rpc(requests::create_project(&title), CallKind::Read)
            .await?;
        let id = records::created_project(&payload).ok_or_else(|| ProviderError::Unexpected {
            status: 200,
            excerpt: "the new project's answer has no id".into(),
        })?;
        self.state().project = Some(id.clone());
        Ok(id)
    }

    /// The project in use, when one is known (for the engine to keep).
    pub fn known_project(&self) -> Option<String> {
        self.state().project.clone()
    }

    pub fn plan(&self) -> Plan {
        self.state().plan.unwrap_or_default()
    }
}
