//! Upscaling a finished Flow video (`p0UkFb`): a new video of the same account, polled and
//! fetched like any other under the id Flow gives it, `<idA>_upsampled` (1080p) or
//! `<idA>_4k_upsampled` (reference section 3; the answer's own shape is not public, so the id
//! is derived from the source's).

use super::FlowClient;
use super::classify::CallKind;
use super::keys::{UPSAMPLER, VideoKey};
use super::refs::{Api, Created, MediaRef, RequestRef};
use super::requests::{self, UpscaleItem};
use crate::model::{Aspect, Resolution, Shot};
use crate::provider::error::ProviderError;

/// The upsampler key and its tier for the shot's resolution.
pub fn key(shot: &Shot) -> Result<VideoKey, crate::message::Message> {
    let key = match shot.resolution() {
        Resolution::P1080 => "veo_3_1_upsampler_1080p",
        Resolution::K4 => "veo_3_1_upsampler_4k",
        other => {
            return Err(crate::msg!(
                "flow-upscale-resolution",
                resolution = other.to_string()
            ));
        }
    };
    Ok(VideoKey {
        key: key.into(),
        family: UPSAMPLER,
        aspect: if shot.aspect == Aspect::Portrait {
            1
        } else {
            2
        },
    })
}

/// Credits an upscale costs: 4K 50 (reference section 3); 1080p is not published and is
/// counted as free.
pub fn credits(key: &str) -> i64 {
    if key.ends_with("_4k") { 50 } else { 0 }
}

/// The id Flow gives an upscale of `media`.
pub fn upscaled_id(media: &str, key: &str) -> String {
    if key.ends_with("_4k") {
        format!("{media}_4k_upsampled")
    } else {
        format!("{media}_upsampled")
    }
}

impl FlowClient {
    /// Sends one upscale of `source` (a video this account made). It costs what the tier
    /// costs: the engine never sends it twice for one take.
    pub async fn upscale(
        &self,
        source: &MediaRef,
        shot: &Shot,
        request: &RequestRef,
    ) -> Result<Created, ProviderError> {
        let key = self.key_for(shot).map_err(ProviderError::InvalidRequest)?;
        let workflow = source.workflow.as_deref().ok_or_else(|| {
            ProviderError::InvalidRequest(crate::msg!("flow-upscale-no-workflow"))
        })?;
        if request.project != source.project_id {
            return Err(ProviderError::InvalidRequest(crate::msg!(
                "flow-upscale-other-project",
                video = source.project_id.as_str(),
                project = request.project.as_str()
            )));
        }
        let item = UpscaleItem {
            media: &source.name,
            workflow,
            aspect: key.aspect,
            tier: if key.key.ends_with("_4k") { 3 } else { 2 },
            model_key: &key.key,
            uuid: &request.u1,
        };
        let batch = request.batch.clone().unwrap_or_else(requests::upper_uuid);
        let call = requests::upscale(&source.project_id, &item, &batch);
        let result = self
            .rpc(call, CallKind::Generate)
            .await
            .map(|payload| Created {
                media: vec![MediaRef {
                    name: upscaled_id(&source.name, &key.key),
                    project_id: source.project_id.clone(),
                    workflow: None,
                    api: Api::Batchexecute,
                }],
                remaining_credits: super::records::credits_in(&payload),
                model_key: key.key.clone(),
            });
        self.note_outcome(key.family, &result);
        result
    }
}
