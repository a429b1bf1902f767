//! Flow's `videoModelKey`s, paygate tiers and credit costs (reference section 5).

use crate::model::{Aspect, Model, Resolution, Shot};

/// `userPaygateTier` from `GET /v1/credits`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PaygateTier {
    /// `PAYGATE_TIER_NOT_PAID`: Free.
    NotPaid,
    /// `PAYGATE_TIER_ONE`: Pro.
    #[default]
    One,
    /// `PAYGATE_TIER_TWO`: Ultra.
    Two,
    /// Any other tier, kept as sent.
    Other(String),
}

impl PaygateTier {
    pub fn parse(wire: &str) -> PaygateTier {
        match wire {
            "PAYGATE_TIER_NOT_PAID" | "PAYGATE_TIER_ZERO" => PaygateTier::NotPaid,
            "PAYGATE_TIER_ONE" => PaygateTier::One,
            "PAYGATE_TIER_TWO" => PaygateTier::Two,
            other => PaygateTier::Other(other.to_string()),
        }
    }

    pub fn wire(&self) -> &str {
        match self {
            PaygateTier::NotPaid => "PAYGATE_TIER_NOT_PAID",
            PaygateTier::One => "PAYGATE_TIER_ONE",
            PaygateTier::Two => "PAYGATE_TIER_TWO",
            PaygateTier::Other(s) => s,
        }
    }

    /// The plan name people know.
    pub fn label(&self) -> &str {
        match self {
            PaygateTier::NotPaid => "Free",
            PaygateTier::One => "Pro",
            PaygateTier::Two => "Ultra",
            PaygateTier::Other(s) => s,
        }
    }
}

/// True when a Flow key makes 9:16 video. Keys are orientation-bound (reference 5).
pub fn key_is_portrait(key: &str) -> bool {
    key.contains("_portrait")
}

/// The `videoModelKey` for a shot and tier.
///
/// Duration is chosen by key (`_4s`, `_6s`; 8 s by default); Ultra accounts get the `_ultra`
/// variant of the 8-second Fast model, as flow2api does; a raw key is sent as given after its
/// orientation is checked.
pub fn model_key(shot: &Shot, tier: &PaygateTier) -> Result<String, String> {
    let (model, aspect) = (&shot.model, shot.aspect);
    if shot.resolution() != Resolution::P720 {
        return Err(format!(
            "Flow makes 720p videos; {} needs Flow's separate upsampling step, which flowdeck does not do: \
             choose 720p, or use a Gemini API account",
            shot.resolution()
        ));
    }
    let seconds = shot.seconds();
    if !crate::model::DURATIONS.contains(&seconds) {
        return Err(format!("Flow makes 4, 6 or 8 second videos, not {seconds}"));
    }
    let portrait = aspect == Aspect::Portrait;
    let base = match model {
        Model::Veo31Fast => "veo_3_1_t2v_fast",
        Model::Veo31 => "veo_3_1_t2v",
        // [INFERRED] the reference lists only the landscape Lite key; the portrait key follows
        // the naming of every other family.
        Model::Veo31Lite => "veo_3_1_t2v_lite",
        Model::Veo3Fast => "veo_3_0_t2v_fast",
        Model::Veo3 => {
            return Err(
                "Flow has no Veo 3 quality text-to-video key; use veo-3.1 or veo-3-fast".into(),
            );
        }
        Model::Raw(key) => {
            if shot.duration.is_some_and(|d| d != 8) {
                return Err(format!(
                    "with a raw Flow key ({key}), choose the duration through the key"
                ));
            }
            if key.contains('-') && !key.contains('_') {
                return Err(format!(
                    "\"{key}\" is not a Flow model key (Flow keys look like veo_3_1_t2v_fast)"
                ));
            }
            if key_is_portrait(key) != portrait {
                return Err(format!(
                    "the Flow model key {key} makes {} video but {aspect} was asked for",
                    if key_is_portrait(key) {
                        "portrait"
                    } else {
                        "landscape"
                    }
                ));
            }
            return Ok(key.clone());
        }
    };
    if seconds != 8 {
        // The 4 and 6 second keys exist for landscape 3.1 models only.
        let short = match model {
            Model::Veo31Fast => "veo_3_1_t2v_fast",
            Model::Veo31 => "veo_3_1_t2v_quality",
            Model::Veo31Lite => "veo_3_1_t2v_lite",
            _ => {
                return Err(format!(
                    "Flow has no {seconds}-second key for {model}; choose 8 seconds"
                ));
            }
        };
        if portrait {
            return Err(format!(
                "Flow has no {seconds}-second portrait key; choose 8 seconds or landscape"
            ));
        }
        return Ok(format!("{short}_{seconds}s"));
    }
    let mut key = base.to_string();
    if portrait {
        key.push_str("_portrait");
    }
    if *tier == PaygateTier::Two && *model == Model::Veo31Fast {
        key.push_str("_ultra");
    }
    Ok(key)
}

/// Credits one video costs. Measured for Fast (20); the others are estimates for the
/// "about N credits" line and the simulator, not billing truth.
pub fn credit_cost(key: &str) -> i64 {
    if key.contains("relaxed") {
        0
    } else if key.contains("lite") {
        10
    } else if key.contains("fast") {
        20
    } else if key.starts_with("abra") {
        12
    } else {
        100
    }
}

/// Whether a tier may use a key: `_ultra` keys need Ultra (TIER_TWO).
pub fn tier_allows(key: &str, tier: &PaygateTier) -> bool {
    !key.contains("_ultra") || *tier == PaygateTier::Two
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shot(model: Model, aspect: Aspect) -> Shot {
        Shot::new(model, aspect)
    }

    #[test]
    fn keys_follow_aspect_and_tier() {
        let pro = PaygateTier::One;
        let k = |m, a| model_key(&shot(m, a), &pro).expect("key");
        assert_eq!(k(Model::Veo31Fast, Aspect::Landscape), "veo_3_1_t2v_fast");
        assert_eq!(
            k(Model::Veo31Fast, Aspect::Portrait),
            "veo_3_1_t2v_fast_portrait"
        );
        assert_eq!(k(Model::Veo31, Aspect::Portrait), "veo_3_1_t2v_portrait");
        assert_eq!(
            model_key(&shot(Model::Veo31Fast, Aspect::Portrait), &PaygateTier::Two).expect("ultra"),
            "veo_3_1_t2v_fast_portrait_ultra"
        );
    }

    #[test]
    fn raw_keys_are_checked_against_the_aspect() {
        let raw = Model::Raw("veo_3_1_t2v_fast".into());
        assert!(model_key(&shot(raw.clone(), Aspect::Landscape), &PaygateTier::One).is_ok());
        let err = model_key(&shot(raw, Aspect::Portrait), &PaygateTier::One).expect_err("mismatch");
        assert!(err.contains("landscape"));
        let gemini_id = Model::Raw("veo-3.1-generate-preview".into());
        assert!(model_key(&shot(gemini_id, Aspect::Landscape), &PaygateTier::One).is_err());
    }

    #[test]
    fn durations_pick_keys_and_resolutions_above_720p_are_refused() {
        let mut s = shot(Model::Veo31Fast, Aspect::Landscape);
        s.duration = Some(4);
        assert_eq!(
            model_key(&s, &PaygateTier::Two).expect("4s"),
            "veo_3_1_t2v_fast_4s"
        );
        s.model = Model::Veo31;
        s.duration = Some(6);
        assert_eq!(
            model_key(&s, &PaygateTier::One).expect("6s"),
            "veo_3_1_t2v_quality_6s"
        );
        s.aspect = Aspect::Portrait;
        assert!(
            model_key(&s, &PaygateTier::One)
                .expect_err("no key")
                .contains("portrait")
        );
        let mut hd = shot(Model::Veo31Fast, Aspect::Landscape);
        hd.resolution = Some(Resolution::P1080);
        assert!(
            model_key(&hd, &PaygateTier::One)
                .expect_err("720p only")
                .contains("Gemini")
        );
        hd.resolution = None;
        hd.duration = Some(5);
        assert!(model_key(&hd, &PaygateTier::One).is_err());
    }

    #[test]
    fn tiers_round_trip_and_gate_ultra_keys() {
        for wire in [
            "PAYGATE_TIER_ONE",
            "PAYGATE_TIER_TWO",
            "PAYGATE_TIER_NOT_PAID",
            "X",
        ] {
            assert_eq!(PaygateTier::parse(wire).wire(), wire);
        }
        assert!(!tier_allows("veo_3_1_t2v_fast_ultra", &PaygateTier::One));
        assert!(tier_allows("veo_3_1_t2v_fast", &PaygateTier::NotPaid));
        assert_eq!(credit_cost("veo_3_1_t2v_fast_portrait"), 20);
    }
}
