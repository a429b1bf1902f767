//! Veo's models on Vertex AI: neutral names to Vertex ids, what each accepts (checked before
//! anything is sent) and what a second costs (reference section 5; third-party prices are an
//! estimate for the "about $N" line, not billing truth).

use crate::model::{Aspect, InputKind, Model, Resolution, Shot};

/// The parameters to send, after checking model × duration × resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub id: String,
    pub aspect: &'static str,
    pub seconds: u8,
    pub resolution: &'static str,
}

/// The Vertex id of a model, or why it has none.
pub fn id(model: &Model) -> Result<String, String> {
    match model {
        Model::Veo31 => Ok("veo-3.1-generate-001".into()),
        Model::Veo31Fast => Ok("veo-3.1-fast-generate-001".into()),
        // Seen only in third-party code; the account check says whether the project has it.
        Model::Veo31Lite => Ok("veo-3.1-lite-generate-001".into()),
        Model::Veo3 | Model::Veo3Fast => Err(format!(
            "{model} was retired on Vertex AI on 2026-06-30: choose veo-3.1 or veo-3.1-fast"
        )),
        Model::OmniFlash => Err(
            "flowdeck makes Omni Flash on Gemini API accounts, not on Vertex: choose veo-3.1 or \
             veo-3.1-fast here, or run omni-flash on a Gemini account"
                .into(),
        ),
        Model::Raw(id) if crate::provider::veo_id::well_formed(id) => Ok(id.clone()),
        Model::Raw(id) => Err(format!(
            "\"{id}\" is not a Veo model on Vertex AI (they look like veo-3.1-generate-001)"
        )),
    }
}

fn lite(id: &str) -> bool {
    id.contains("lite")
}

/// Seconds Veo makes.
pub fn durations() -> Vec<u8> {
    vec![4, 6, 8]
}

pub fn resolutions(id: &str) -> Vec<Resolution> {
    if lite(id) {
        vec![Resolution::P720, Resolution::P1080]
    } else {
        vec![Resolution::P720, Resolution::P1080, Resolution::K4]
    }
}

/// Checks a shot against the model it will run on.
pub fn check(shot: &Shot) -> Result<Params, String> {
    let id = id(&shot.model)?;
    let seconds = shot.seconds();
    let resolution = shot.resolution();
    if !durations().contains(&seconds) {
        return Err(format!(
            "Veo on Vertex AI makes 4, 6 or 8 second videos, not {seconds}"
        ));
    }
    if !resolutions(&id).contains(&resolution) {
        return Err(format!("{id} does not make {resolution}"));
    }
    match shot.inputs {
        InputKind::Video => {
            return Err(
                "Veo on Vertex AI makes no video from an earlier one in flowdeck (upscale or \
                 revise on Flow or the Gemini API)"
                    .into(),
            );
        }
        // Veo extends its own 720p videos with 3.1 and 3.1 Fast, 8 s asked (section 2).
        InputKind::Extend if lite(&id) => {
            return Err(format!(
                "{id} does not continue videos: choose veo-3.1 or veo-3.1-fast"
            ));
        }
        InputKind::Extend if resolution != Resolution::P720 || seconds != 8 => {
            return Err(format!(
                "Veo continues a scene at 720p and 8 seconds (asked for {resolution}, {seconds} s)"
            ));
        }
        InputKind::References(_) if lite(&id) => {
            return Err(format!(
                "{id} takes no reference images: choose veo-3.1 or veo-3.1-fast"
            ));
        }
        InputKind::References(_) if seconds != 8 => {
            return Err(format!(
                "reference images need 8 seconds on Veo (asked for {seconds})"
            ));
        }
        _ => {}
    }
    if matches!(resolution, Resolution::P1080 | Resolution::K4) && seconds != 8 {
        return Err(format!(
            "{resolution} needs 8 seconds on Veo (asked for {seconds})"
        ));
    }
    Ok(Params {
        aspect: match shot.aspect {
            Aspect::Landscape => "16:9",
            Aspect::Portrait => "9:16",
        },
        id,
        seconds,
        resolution: resolution.as_str(),
    })
}

/// US dollars a second costs: Veo 3.1 $0.40 with sound, $0.20 without; Fast $0.10–0.30.
pub fn usd_per_second(id: &str, resolution: Resolution, audio: bool) -> Option<f64> {
    use Resolution::*;
    Some(if lite(id) {
        match resolution {
            P720 => 0.05,
            P1080 => 0.08,
            _ => return None,
        }
    } else if id.contains("fast") {
        match resolution {
            P720 => 0.10,
            P1080 => 0.12,
            K4 => 0.30,
            P360 => return None,
        }
    } else if id.starts_with("veo-3.1") {
        match (resolution, audio) {
            (K4, _) => 0.60,
            (_, true) => 0.40,
            (_, false) => 0.20,
        }
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shot(model: Model, seconds: Option<u8>, resolution: Option<Resolution>) -> Shot {
        Shot {
            model,
            aspect: Aspect::Landscape,
            duration: seconds,
            resolution,
            inputs: Default::default(),
        }
    }

    #[test]
    fn neutral_names_map_to_vertex_ids_and_retired_ones_say_so() {
        assert_eq!(id(&Model::Veo31).unwrap(), "veo-3.1-generate-001");
        assert_eq!(id(&Model::Veo31Fast).unwrap(), "veo-3.1-fast-generate-001");
        assert!(id(&Model::Veo3Fast).unwrap_err().contains("retired"));
        assert!(id(&Model::OmniFlash).unwrap_err().contains("Gemini"));
        assert_eq!(
            id(&Model::Raw("veo-3.1-generate-001".into())).unwrap(),
            "veo-3.1-generate-001"
        );
        assert!(id(&Model::Raw("gemini-omni-1.2-flash".into())).is_err());
        assert!(id(&Model::Raw("veo-x/../y".into())).is_err());
    }

    #[test]
    fn shots_are_checked_before_sending() {
        let p = check(&shot(Model::Veo31Fast, Some(8), Some(Resolution::K4))).unwrap();
        assert_eq!((p.seconds, p.resolution, p.aspect), (8, "4k", "16:9"));
        assert!(check(&shot(Model::Veo31, Some(6), None)).is_ok());
        assert!(
            check(&shot(Model::Veo31, Some(5), None))
                .unwrap_err()
                .contains("4, 6 or 8")
        );
        assert!(
            check(&shot(Model::Veo31, Some(6), Some(Resolution::P1080)))
                .unwrap_err()
                .contains("needs 8")
        );
        assert!(check(&shot(Model::Veo31, None, Some(Resolution::P360))).is_err());
        assert!(check(&shot(Model::Veo31Lite, None, Some(Resolution::K4))).is_err());
    }

    #[test]
    fn prices_follow_audio_and_resolution() {
        assert_eq!(
            usd_per_second("veo-3.1-generate-001", Resolution::P720, true),
            Some(0.40)
        );
        assert_eq!(
            usd_per_second("veo-3.1-generate-001", Resolution::P720, false),
            Some(0.20)
        );
        assert_eq!(
            usd_per_second("veo-3.1-fast-generate-001", Resolution::K4, true),
            Some(0.30)
        );
        assert_eq!(usd_per_second("veo-9", Resolution::P720, true), None);
    }
}
