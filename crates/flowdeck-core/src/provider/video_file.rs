//! Reading the earlier scene's video that a chained scene continues (Veo's extension on
//! Vertex AI takes the video itself). A file that fails here fails its take before anything
//! is sent.

use std::path::Path;

use crate::provider::error::ProviderError;

/// Largest video sent back to be continued: Veo extends videos of up to 141 s at 720p
/// (reference section 2), well under this.
pub const MAX_BYTES: u64 = 200 << 20;

/// The video at `path` in base64, checked to be an MP4 of a size Veo takes.
pub async fn base64(path: Option<&Path>) -> Result<String, ProviderError> {
    use base64::Engine;
    let path = path.ok_or_else(|| ProviderError::Local(crate::msg!("chain-video-missing")))?;
    let bad = |why: crate::message::Message| {
        ProviderError::InvalidRequest(crate::msg!(
            "chain-video-bad",
            file = path.display().to_string(),
            why = why
        ))
    };
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|e| bad(crate::msg!("picture-unreadable", why = e.to_string())))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(bad(crate::msg!(
            "picture-too-large",
            megabytes = MAX_BYTES >> 20
        )));
    }
    if bytes.get(4..8) != Some(b"ftyp".as_slice()) {
        return Err(bad(crate::msg!("video-not-mp4")));
    }
    Ok(base64::engine::general_purpose::STANDARD.encode(&bytes))
}
