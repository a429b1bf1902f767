//! What a create leaves to remember: the request recorded before sending (to find a create
//! whose answer was lost) and the videos it made.

use serde::{Deserialize, Serialize};

use super::requests::ClientIds;
use super::upload::SentImages;
use crate::provider::error::ProviderError;

pub use crate::model::{Api, MediaRef};

/// What one take's create will carry, chosen and recorded before it is sent: the project and
/// the client uuids Flow's listing gives back, so a create whose answer is lost can be found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRef {
    pub project: String,
    pub u1: String,
    pub u2: String,
    /// The batch uuid of the create it goes in (`[batch, n]`), shared by the copies sent
    /// together; the listing names each video by it. Requests recorded before 2026-12 have
    /// none (they are matched by their item uuids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<String>,
    /// The scene's images as uploaded to this account (none for text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<SentImages>,
}

impl RequestRef {
    pub fn to_token(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_token(token: &str) -> Result<RequestRef, ProviderError> {
        serde_json::from_str(token).map_err(|_| {
            ProviderError::Local(crate::msg!(
                "flow-request-not-flow",
                excerpt = crate::secret::excerpt(token, 80)
            ))
        })
    }

    pub(super) fn ids(&self) -> ClientIds {
        ClientIds {
            u1: self.u1.clone(),
            u2: self.u2.clone(),
        }
    }
}

/// What a create call made.
#[derive(Debug, Clone)]
pub struct Created {
    /// One per request, in the order asked. May be shorter if the service made fewer.
    pub media: Vec<MediaRef>,
    pub remaining_credits: Option<i64>,
    pub model_key: String,
}
