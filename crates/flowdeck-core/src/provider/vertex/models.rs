//! Veo's models on Vertex AI: neutral names to Vertex ids, what each accepts (checked before
//! anything is sent), how fast a project may ask for it, and what a second costs (reference
//! section 5 and its 2026-12-06 update; third-party prices are an estimate for the "about $N"
//! line, not billing truth).

use std::time::Duration;

use crate::model::{Aspect, InputKind, Model, Resolution, Shot};

/// The models flowdeck asks each project about (`accounts check`, `doctor`): offered where the
/// project answers for them.
pub const OFFERED: [Model; 3] = [Model::Veo31, Model::Veo31Fast, Model::Veo31Lite];

/// Veo ids generally available on Vertex. Any other (Lite, a `-preview` id, an id not known
/// yet) is paced as a preview unless the project's answer says it is GA: the slower guess is
/// the one that cannot overrun the quota.
const GA: [&str; 2] = ["veo-3.1-generate-001", "veo-3.1-fast-generate-001"];

/// Requests a minute Vertex allows one project on one model: 50 on GA models, 10 on previews
/// (quota page, 2026-03, one source).
const GA_PER_MINUTE: u32 = 50;
const PREVIEW_PER_MINUTE: u32 = 10;

/// Whether an id is a preview by its name alone.
pub fn is_preview(id: &str) -> bool {
    !GA.contains(&id)
}

/// Least time between two creates of one project on a model: a minute over its quota.
pub fn spacing(preview: bool) -> Duration {
    Duration::from_secs(60)
        / if preview {
            PREVIEW_PER_MINUTE
        } else {
            GA_PER_MINUTE
        }
}

/// The parameters to send, after checking model × duration × resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub id: String,
    pub aspect: &'static str,
    pub seconds: u8,
    pub resolution: &'static str,
}

/// The Vertex id of a model, or why it has none.
pub fn id(model: &Model) -> Result<String, crate::message::Message> {
    match model {
        Model::Veo31 => Ok("veo-3.1-generate-001".into()),
        Model::Veo31Fast => Ok("veo-3.1-fast-generate-001".into()),
        // In preview (no 4K); offered where the project answers for it.
        Model::Veo31Lite => Ok("veo-3.1-lite-generate-001".into()),
        Model::Veo3 | Model::Veo3Fast => Err(crate::msg!(
            "vertex-retired-model",
            model = model.to_string()
        )),
        Model::OmniFlash => Err(crate::msg!("vertex-no-omni")),
        Model::Raw(id) if crate::provider::veo_id::well_formed(id) => Ok(id.clone()),
        Model::Raw(id) => Err(crate::msg!("vertex-not-a-model", id = id.as_str())),
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
pub fn check(shot: &Shot) -> Result<Params, crate::message::Message> {
    let id = id(&shot.model)?;
    let seconds = shot.seconds();
    let resolution = shot.resolution();
    if !durations().contains(&seconds) {
        return Err(crate::msg!("veo-durations", seconds = seconds));
    }
    if !resolutions(&id).contains(&resolution) {
        return Err(crate::msg!(
            "model-no-resolution",
            id = id.as_str(),
            resolution = resolution.to_string()
        ));
    }
    match shot.inputs {
        InputKind::Video => {
            return Err(crate::msg!("vertex-no-video-input"));
        }
        // Veo extends its own 720p videos with 3.1 and 3.1 Fast, 8 s asked (section 2).
        InputKind::Extend if lite(&id) => {
            return Err(crate::msg!("vertex-no-extend", id = id.as_str()));
        }
        InputKind::Extend if resolution != Resolution::P720 || seconds != 8 => {
            return Err(crate::msg!(
                "vertex-extend-size",
                resolution = resolution.to_string(),
                seconds = seconds
            ));
        }
        InputKind::References(_) if lite(&id) => {
            return Err(crate::msg!("vertex-no-references", id = id.as_str()));
        }
        InputKind::References(_) if seconds != 8 => {
            return Err(crate::msg!("vertex-references-8", seconds = seconds));
        }
        _ => {}
    }
    if matches!(resolution, Resolution::P1080 | Resolution::K4) && seconds != 8 {
        return Err(crate::msg!(
            "veo-size-needs-8",
            resolution = resolution.to_string(),
            seconds = seconds
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
    use crate::message::En;

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
        assert!(id(&Model::Veo3Fast).unwrap_err().en().contains("retired"));
        assert!(id(&Model::OmniFlash).unwrap_err().en().contains("Gemini"));
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
                .en()
                .contains("4, 6 or 8")
        );
        assert!(
            check(&shot(Model::Veo31, Some(6), Some(Resolution::P1080)))
                .unwrap_err()
                .en()
                .contains("needs 8")
        );
        assert!(check(&shot(Model::Veo31, None, Some(Resolution::P360))).is_err());
        assert!(check(&shot(Model::Veo31Lite, None, Some(Resolution::K4))).is_err());
    }

    /// 50 requests a minute on GA models, 10 on previews: a create every 1.2 s or 6 s.
    #[test]
    fn pacing_follows_the_model_s_quota() {
        assert_eq!(spacing(false), Duration::from_millis(1200));
        assert_eq!(spacing(true), Duration::from_secs(6));
        assert!(!is_preview("veo-3.1-generate-001"));
        assert!(!is_preview("veo-3.1-fast-generate-001"));
        assert!(is_preview("veo-3.1-lite-generate-001"));
        assert!(is_preview("veo-3.2-generate-preview"));
        assert_eq!(id(&Model::Veo31Lite).unwrap(), "veo-3.1-lite-generate-001");
        assert_eq!(
            resolutions("veo-3.1-lite-generate-001"),
            [Resolution::P720, Resolution::P1080]
        );
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
