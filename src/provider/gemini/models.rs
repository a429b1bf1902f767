//! Veo through the Gemini API: model ids and what each accepts
//! (`../shared/reference/gemini-veo-api.md`, section 1.3 and 4).

use crate::model::{Aspect, Model, Resolution, Shot};

/// The Gemini API id for a model; a raw Gemini id (`veo-…`) is used as given.
pub fn model_id(model: &Model) -> Result<String, String> {
    Ok(match model {
        Model::Veo31Fast => "veo-3.1-fast-generate-preview".into(),
        Model::Veo31 => "veo-3.1-generate-preview".into(),
        Model::Veo31Lite => "veo-3.1-lite-generate-preview".into(),
        Model::Veo3Fast => "veo-3.0-fast-generate-001".into(),
        Model::Veo3 => "veo-3.0-generate-001".into(),
        Model::OmniFlash => {
            return Err(
                "omni-flash runs on Flow accounts; this version drives only Veo on the Gemini API"
                    .into(),
            );
        }
        Model::Raw(id) if id.starts_with("veo-") && !id.contains('_') => id.clone(),
        Model::Raw(id) => {
            return Err(format!(
                "\"{id}\" is not a Gemini API model id (they look like veo-3.1-fast-generate-preview)"
            ));
        }
    })
}

fn family(id: &str) -> &'static str {
    if id.contains("lite") {
        "lite"
    } else if id.starts_with("veo-3.0") {
        "3.0"
    } else if id.starts_with("veo-2") {
        "2"
    } else {
        "3.1"
    }
}

/// The parameters to send, after checking model × duration × resolution × aspect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub model: String,
    pub aspect: &'static str,
    pub duration: u8,
    pub resolution: &'static str,
}

pub fn check(shot: &Shot) -> Result<Params, String> {
    let model = model_id(&shot.model)?;
    let fam = family(&model);
    let seconds = shot.seconds();
    let resolution = shot.resolution();
    if fam == "2" {
        return Err("flowdeck does not run Veo 2 on the Gemini API; choose a Veo 3 model".into());
    }
    if ![4, 6, 8].contains(&seconds) {
        return Err(format!("Veo makes 4, 6 or 8 second videos, not {seconds}"));
    }
    if resolution != Resolution::P720 && seconds != 8 {
        return Err(format!(
            "{resolution} needs 8 seconds (asked for {seconds})"
        ));
    }
    if resolution == Resolution::K4 && fam == "lite" {
        return Err("Veo 3.1 Lite has no 4k; choose 720p or 1080p".into());
    }
    if resolution == Resolution::P1080 && fam == "3.0" && shot.aspect == Aspect::Portrait {
        return Err("Veo 3 makes 1080p in landscape only".into());
    }
    Ok(Params {
        model,
        aspect: shot.aspect.ratio(),
        duration: seconds,
        resolution: resolution.as_str(),
    })
}

/// Resolutions a model offers (for menus).
pub fn resolutions(model: &Model) -> Vec<Resolution> {
    match model_id(model).as_deref().map(family) {
        Ok("lite") => vec![Resolution::P720, Resolution::P1080],
        _ => Resolution::ALL.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shot(
        model: Model,
        aspect: Aspect,
        duration: Option<u8>,
        resolution: Option<Resolution>,
    ) -> Shot {
        Shot {
            model,
            aspect,
            duration,
            resolution,
        }
    }

    #[test]
    fn neutral_names_map_and_raw_ids_pass() {
        assert_eq!(
            model_id(&Model::Veo31Fast).expect("id"),
            "veo-3.1-fast-generate-preview"
        );
        assert_eq!(
            model_id(&Model::Raw("veo-3.1-generate-001".into())).expect("raw"),
            "veo-3.1-generate-001"
        );
        assert!(
            model_id(&Model::Raw("veo_3_1_t2v_fast".into()))
                .expect_err("flow key")
                .contains("Gemini")
        );
    }

    #[test]
    fn combinations_are_checked_before_sending() {
        let ok = check(&shot(
            Model::Veo31,
            Aspect::Portrait,
            Some(8),
            Some(Resolution::K4),
        ))
        .expect("4k 8s");
        assert_eq!((ok.aspect, ok.duration, ok.resolution), ("9:16", 8, "4k"));
        let e = check(&shot(
            Model::Veo31Fast,
            Aspect::Landscape,
            Some(6),
            Some(Resolution::P1080),
        ))
        .expect_err("1080p 6s");
        assert!(e.contains("needs 8 seconds"), "{e}");
        let e = check(&shot(
            Model::Veo31Lite,
            Aspect::Landscape,
            None,
            Some(Resolution::K4),
        ))
        .expect_err("lite 4k");
        assert!(e.contains("Lite has no 4k"), "{e}");
        assert!(
            check(&shot(
                Model::Veo3,
                Aspect::Portrait,
                None,
                Some(Resolution::P1080)
            ))
            .is_err()
        );
        assert!(check(&shot(Model::Veo31Fast, Aspect::Landscape, Some(5), None)).is_err());
        assert_eq!(
            check(&shot(Model::Veo31Fast, Aspect::Landscape, None, None))
                .expect("default")
                .duration,
            8
        );
        assert_eq!(
            resolutions(&Model::Veo31Lite),
            [Resolution::P720, Resolution::P1080]
        );
    }
}
