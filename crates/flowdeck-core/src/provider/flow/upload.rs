//! Images up to Flow (`maseQ`), once per account: an image this client already uploaded is
//! reused by its media id (keyed by the file's SHA-256, so a renamed copy is not sent twice).
//! Uploads cost no credits, so a failed one is simply tried again later.

use std::path::Path;

use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::FlowClient;
use super::classify::CallKind;
use super::image_requests::{self, Frame, Images};
use super::requests::ClientIds;
use crate::model::{Aspect, Inputs};
use crate::picture::{self, Picture};
use crate::provider::error::ProviderError;

/// An image on Flow: its media id and what the crop needs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Uploaded {
    pub media: String,
    pub width: u32,
    pub height: u32,
    /// The file's name, shown on a reference chip.
    pub label: String,
}

/// A take's images as uploaded to its account, recorded with its request before the create.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct SentImages {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Uploaded>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Uploaded>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Uploaded>,
}

impl SentImages {
    /// The images as the create call carries them, cropped to the video's aspect.
    pub fn as_call(&self, aspect: Aspect) -> Option<Images<'_>> {
        let (w, h) = match aspect {
            Aspect::Landscape => (16.0, 9.0),
            Aspect::Portrait => (9.0, 16.0),
        };
        fn frame(u: &Uploaded, w: f64, h: f64) -> (&str, [f64; 4]) {
            let p = Picture {
                format: picture::Format::Png,
                width: u.width,
                height: u.height,
            };
            (u.media.as_str(), picture::centred_crop(&p, w, h))
        }
        match (&self.start, &self.end, self.references.is_empty()) {
            (Some(s), None, true) => {
                let (media, crop) = frame(s, w, h);
                Some(Images::Start(Frame { media, crop }))
            }
            (Some(s), Some(e), true) => {
                // One shared crop, the start frame's, as the UI sends.
                let (a, crop) = frame(s, w, h);
                let (b, _) = frame(e, w, h);
                Some(Images::StartEnd(
                    Frame { media: a, crop },
                    Frame { media: b, crop },
                ))
            }
            (None, None, false) => Some(Images::References(
                self.references
                    .iter()
                    .map(|r| (r.media.as_str(), r.label.as_str()))
                    .collect(),
            )),
            _ => None,
        }
    }
}

impl FlowClient {
    /// Uploads every image of `inputs` not yet on this account.
    pub async fn upload_all(
        &self,
        project: &str,
        inputs: &Inputs,
    ) -> Result<SentImages, ProviderError> {
        let mut sent = SentImages::default();
        if let Some(p) = &inputs.start {
            sent.start = Some(self.upload(project, p).await?);
        }
        if let Some(p) = &inputs.end {
            sent.end = Some(self.upload(project, p).await?);
        }
        for p in &inputs.references {
            sent.references.push(self.upload(project, p).await?);
        }
        Ok(sent)
    }

    /// One image, from the cache or sent now.
    async fn upload(&self, project: &str, path: &Path) -> Result<Uploaded, ProviderError> {
        let (bytes, pic) = crate::provider::picture_file::read(path).await?;
        let digest = hex::encode(Sha256::digest(&bytes));
        let key = format!("{project}/{digest}");
        if let Some(u) = self.state().uploads.get(&key) {
            return Ok(u.clone());
        }
        let label = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "image".into());
        let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
        let call =
            image_requests::upload(project, &b64, pic.format.mime(), &label, &ClientIds::new());
        // Read-kind: an upload is free, so a lost answer only means "try again later".
        let media = self
            .rpc_read(call, CallKind::Read, |payload| {
                image_requests::uploaded_media(payload).ok_or_else(|| {
                    ProviderError::InvalidRequest(crate::msg!(
                        "flow-image-not-accepted",
                        file = path.display().to_string()
                    ))
                })
            })
            .await?;
        let up = Uploaded {
            media,
            width: pic.width,
            height: pic.height,
            label,
        };
        self.state().uploads.insert(key, up.clone());
        Ok(up)
    }
}
