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
    let path = path.ok_or_else(|| {
        ProviderError::Local("the earlier scene's video is not on disk to continue".into())
    })?;
    let bad = |why: String| {
        ProviderError::InvalidRequest(format!(
            "the earlier scene's video {}: {why}",
            path.display()
        ))
    };
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|e| bad(format!("cannot be read ({e})")))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(bad(format!("is larger than {} MB", MAX_BYTES >> 20)));
    }
    if bytes.get(4..8) != Some(b"ftyp".as_slice()) {
        return Err(bad("is not an MP4 video".into()));
    }
    Ok(base64::engine::general_purpose::STANDARD.encode(&bytes))
}
