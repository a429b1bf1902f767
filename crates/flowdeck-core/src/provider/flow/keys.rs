//! A Flow model key and the family it belongs to: the vocabulary every key choice shares
//! (text, pictures, upscales).

/// What a create needs about the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoKey {
    pub key: String,
    /// The `yBhWQ` family the key belongs to.
    pub family: &'static str,
    /// The item's aspect slot: 1 portrait, 2 landscape.
    pub aspect: u8,
}

/// Upscales belong to no `yBhWQ` family: the account's plan decides (4K needs the top tier).
pub const UPSAMPLER: &str = "upsampler";

/// The family a key belongs to, by its name.
pub fn family_of(key: &str) -> &'static str {
    if key.starts_with("abra") || key.starts_with("omni_flash") {
        "abra"
    } else if key.contains("low_priority") {
        "veo_3_1_lite_low_priority"
    } else if key.contains("lite") {
        "veo_3_1_lite"
    } else if key.contains("fast") {
        "veo_3_1_fast"
    } else {
        "veo_3_1_quality"
    }
}
