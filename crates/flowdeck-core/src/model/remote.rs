//! What the ledger keeps about a video on a service, typed: its handle, where its finished file
//! can be fetched, and what it was made from. Plain data; the ledger turns rows into these at
//! its edge, so nothing above it parses JSON strings.

use serde::{Deserialize, Serialize};

/// Which Flow API a video was made through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Api {
    /// Flow's REST API, retired in September 2026: rows from before it are marked so when the
    /// ledger is opened (migration 7), so flowdeck can say why they cannot be fetched.
    Rest,
    /// flow.google.com's batchexecute.
    Batchexecute,
}

/// The handle of one Flow video: what polling and downloading need. It holds no credential;
/// the client that made it is the only one that can use it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MediaRef {
    /// idA: the id in the `/video/<idA>` link, polled and re-signed by.
    pub name: String,
    pub project_id: String,
    /// idB, the workflow, when the answer named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<String>,
    pub api: Api,
}

/// The remote handle of one video, whatever the service. Never a credential.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "provider", rename_all = "lowercase")]
pub enum RemoteRef {
    Flow(MediaRef),
    /// Veo on the Gemini API: `models/{model}/operations/{id}`.
    Gemini {
        operation: String,
    },
    /// Gemini Omni on the Gemini API: an interaction id (kept so the video can be revised).
    Omni {
        interaction: String,
    },
    /// Veo on Vertex AI: one sample (0-based) of a `projects/…/operations/…` operation.
    Vertex {
        operation: String,
        sample: u32,
    },
}

impl RemoteRef {
    /// The ledger's text for it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(s: &str) -> Result<RemoteRef, String> {
        serde_json::from_str(s).map_err(|e| format!("unreadable remote id in the ledger: {e}"))
    }

    /// The ids to show and to put in a sidecar.
    pub fn ids(&self) -> serde_json::Value {
        match self {
            RemoteRef::Flow(m) => serde_json::json!({
                "provider": "flow", "media": m.name, "project": m.project_id, "workflow": m.workflow,
            }),
            RemoteRef::Gemini { operation } => serde_json::json!({
                "provider": "gemini", "operation": operation,
            }),
            RemoteRef::Omni { interaction } => serde_json::json!({
                "provider": "gemini", "interaction": interaction,
            }),
            RemoteRef::Vertex { operation, sample } => serde_json::json!({
                "provider": "vertex", "operation": operation, "sample": sample,
            }),
        }
    }
}

/// Where a finished video's bytes are, as its last status said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// In the service's own answer (base64), fetched again and decoded as it streams.
    Inline,
    /// In Cloud Storage (`gs://bucket/object`), read with the account's credentials.
    Stored(String),
    /// At a download URL.
    Url(String),
}

impl Hint {
    /// The ledger's text for it (`inline`, a `gs://` URI, or the URL).
    pub fn to_text(&self) -> String {
        match self {
            Hint::Inline => "inline".into(),
            Hint::Stored(uri) | Hint::Url(uri) => uri.clone(),
        }
    }

    pub fn from_text(s: &str) -> Hint {
        match s {
            "inline" => Hint::Inline,
            gs if gs.starts_with("gs://") => Hint::Stored(gs.to_string()),
            url => Hint::Url(url.to_string()),
        }
    }
}

/// What a take is made from, besides its prompt and pictures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A revision of an earlier Gemini Omni video (its interaction): the prompt says what to
    /// change.
    Revise { interaction: String },
    /// An upscale of an earlier Flow video, at the shot's resolution.
    Upscale(RemoteRef),
    /// The next scene of a chain: the service continues the earlier scene's video. Known only
    /// once that scene's take is done (set when it is dealt, never stored).
    Extend(RemoteRef),
}

impl Source {
    /// The ledger's text for it (a scene's `previous` column).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a `previous` column, written as [`Source::to_json`] since migration 7.
    pub fn from_json(s: &str) -> Result<Source, String> {
        serde_json::from_str(s).map_err(|e| format!("unreadable source in the ledger: {e}"))
    }

    /// The earlier video it names, when it is one of flowdeck's handles.
    pub fn remote(&self) -> Option<&RemoteRef> {
        match self {
            Source::Upscale(r) | Source::Extend(r) => Some(r),
            Source::Revise { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_and_sources_round_trip_through_the_ledger_text() {
        for h in [
            Hint::Inline,
            Hint::Stored("gs://b/o.mp4".into()),
            Hint::Url("https://x/y".into()),
        ] {
            assert_eq!(Hint::from_text(&h.to_text()), h);
        }
        let flow = RemoteRef::Flow(MediaRef {
            name: "m".into(),
            project_id: "p".into(),
            workflow: None,
            api: Api::Batchexecute,
        });
        for s in [
            Source::Revise {
                interaction: "v1_a".into(),
            },
            Source::Upscale(flow.clone()),
            Source::Extend(flow),
        ] {
            assert_eq!(Source::from_json(&s.to_json()), Ok(s));
        }
    }
}
