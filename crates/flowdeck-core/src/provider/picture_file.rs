//! Reading a scene's picture to send: there, not too large, a format the services take. A
//! picture that fails here fails its take before anything is sent.

use std::path::Path;

use crate::picture::{self, Picture};
use crate::provider::error::ProviderError;

/// The file's bytes and what they are.
pub async fn read(path: &Path) -> Result<(Vec<u8>, Picture), ProviderError> {
    let bad = |why: crate::message::Message| {
        ProviderError::InvalidRequest(crate::msg!(
            "picture-file",
            file = path.display().to_string(),
            why = why
        ))
    };
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|e| bad(crate::msg!("picture-unreadable", why = e.to_string())))?;
    if bytes.len() as u64 > picture::MAX_BYTES {
        return Err(bad(crate::msg!(
            "picture-too-large",
            megabytes = picture::MAX_BYTES >> 20
        )));
    }
    let pic = picture::sniff(&bytes).map_err(bad)?;
    Ok((bytes, pic))
}

/// The file in base64, with its type.
pub async fn base64(path: &Path) -> Result<(String, &'static str), ProviderError> {
    use base64::Engine;
    let (bytes, pic) = read(path).await?;
    Ok((
        base64::engine::general_purpose::STANDARD.encode(&bytes),
        pic.format.mime(),
    ))
}
