//! Flow's `videoModelKey`s, paygate tiers and credit costs (reference section 5).

use crate::model::{Aspect, Model};

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

/// The `videoModelKey` for a model, aspect ratio and tier.
///
/// Ultra accounts get the `_ultra` variant of the Fast model, as flow2api does; a raw key is
/// sent as given after its orientation is checked.
pub fn model_key(model: &Model, aspect: Aspect, tier: &PaygateTier) -> Result<String, String> {
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

    #[test]
    fn keys_follow_aspect_and_tier() {
        let pro = PaygateTier::One;
        let k = |m, a| model_key(&m, a, &pro).expect("key");
        assert_eq!(k(Model::Veo31Fast, Aspect::Landscape), "veo_3_1_t2v_fast");
        assert_eq!(
            k(Model::Veo31Fast, Aspect::Portrait),
            "veo_3_1_t2v_fast_portrait"
        );
        assert_eq!(k(Model::Veo31, Aspect::Portrait), "veo_3_1_t2v_portrait");
        assert_eq!(
            model_key(&Model::Veo31Fast, Aspect::Portrait, &PaygateTier::Two).expect("ultra"),
            "veo_3_1_t2v_fast_portrait_ultra"
        );
    }

    #[test]
    fn raw_keys_are_checked_against_the_aspect() {
        let raw = Model::Raw("veo_3_1_t2v_fast".into());
        assert!(model_key(&raw, Aspect::Landscape, &PaygateTier::One).is_ok());
        let err = model_key(&raw, Aspect::Portrait, &PaygateTier::One).expect_err("mismatch");
        assert!(err.contains("landscape"));
        assert!(
            model_key(
                &Model::Raw("veo-3.1-generate-preview".into()),
                Aspect::Landscape,
                &PaygateTier::One
            )
            .is_err()
        );
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
