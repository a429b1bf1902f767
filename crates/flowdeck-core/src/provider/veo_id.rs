//! How Google spells Veo model ids on the Gemini API and Vertex AI (`veo-3.1-generate-001`,
//! `veo-3.1-fast-generate-preview`): a model typed with a typo is refused before a request is
//! sent, on every provider, instead of failing remotely after the batch started.

/// Whether `id` is spelled like a Veo model id.
pub fn well_formed(id: &str) -> bool {
    let Some(rest) = id.strip_prefix("veo-") else {
        return false;
    };
    let Some((version, rest)) = rest.split_once('-') else {
        return false;
    };
    let version_ok = version
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && version.split('.').count() <= 2;
    let rest = rest
        .strip_prefix("fast-")
        .or_else(|| rest.strip_prefix("lite-"))
        .unwrap_or(rest);
    let Some(tail) = rest.strip_prefix("generate-") else {
        return false;
    };
    // A release number (001) or a preview, possibly dated (preview-05-20).
    let tail_ok = tail.split('-').all(|p| {
        !p.is_empty() && (p == "preview" || p == "exp" || p.chars().all(|c| c.is_ascii_digit()))
    });
    version_ok && tail_ok
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn veo_ids_and_typos() {
        for id in [
            "veo-3.1-generate-001",
            "veo-3.1-fast-generate-001",
            "veo-3.1-lite-generate-001",
            "veo-3.1-generate-preview",
            "veo-3.0-fast-generate-001",
            "veo-2.0-generate-001",
            "veo-3.0-generate-preview-05-20",
        ] {
            assert!(well_formed(id), "{id}");
        }
        for typo in [
            "veo-3.1-fsat",
            "veo-3.1-fast",
            "veo-3.1-generate",
            "veo-3..1-generate-001",
            "veo-3.1-fast-genrate-001",
            "veo_3_1_t2v_fast",
            "gemini-omni-1.2-flash",
        ] {
            assert!(!well_formed(typo), "{typo}");
        }
    }
}
