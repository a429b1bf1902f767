//! Which Flow key makes a video from images (reference section 3, "Video keys seen working").
//! Only keys a public client was seen using are offered; a model without one is refused with
//! the reason before anything is uploaded or spent.

use super::keys::VideoKey;
use super::records::Plan;
use crate::model::{Aspect, InputKind, Model, Shot};

/// Seconds a model makes from images on Flow.
pub fn durations(model: &Model, kind: InputKind) -> &'static [u8] {
    match (model, kind) {
        (Model::OmniFlash, InputKind::StartEnd) => &[8, 10],
        (Model::OmniFlash, _) => &[4, 6, 8, 10],
        _ => &[8],
    }
}

/// The key for a shot with images, on an account with `plan`.
pub fn key(shot: &Shot, plan: Plan) -> Result<VideoKey, crate::message::Message> {
    let kind = shot.inputs;
    let seconds = shot.seconds();
    let model = &shot.model;
    let portrait = shot.aspect == Aspect::Portrait;
    let aspect = if portrait { 1 } else { 2 };
    if let Model::Raw(key) = model {
        return raw(key, kind, aspect);
    }
    if !durations(model, kind).contains(&seconds) {
        let allowed: Vec<String> = durations(model, kind).iter().map(u8::to_string).collect();
        return Err(crate::msg!(
            "flow-image-durations",
            model = model.to_string(),
            from = kind.describe(),
            allowed = crate::message::Message::either(&allowed),
            seconds = seconds
        ));
    }
    let unknown = || {
        let choose = match kind {
            InputKind::References(_) if portrait => crate::msg!("flow-choose-omni-or-landscape"),
            _ => crate::message::Message::verbatim("veo-3.1-fast, veo-3.1-lite, omni-flash"),
        };
        crate::msg!(
            "flow-image-key-unknown",
            model = model.to_string(),
            from = kind.describe(),
            choose = choose
        )
    };
    // [INFERRED] the Pro plan's fast start-frame key: the Ultra one is `…_s_fast_ultra` and
    // the start+end one `…_s_fast_fl`, so it is the name without a suffix.
    let ultra = plan == Plan::Ultra;
    let (family, key) = match (model, kind) {
        (Model::OmniFlash, InputKind::Start) => ("abra", format!("abra_i2v_{seconds}s")),
        (Model::OmniFlash, InputKind::StartEnd) => {
            ("abra", format!("omni_flash_i2v_{seconds}s_first_last"))
        }
        (Model::OmniFlash, InputKind::References(_)) => ("abra", format!("abra_r2v_{seconds}s")),
        (Model::Veo31Fast, InputKind::Start) => (
            "veo_3_1_fast",
            if ultra {
                "veo_3_1_i2v_s_fast_ultra".into()
            } else {
                "veo_3_1_i2v_s_fast".into()
            },
        ),
        (Model::Veo31Fast, InputKind::StartEnd) => ("veo_3_1_fast", "veo_3_1_i2v_s_fast_fl".into()),
        (Model::Veo31Fast, InputKind::References(_)) if !portrait => {
            ("veo_3_1_fast", "veo_3_1_r2v_fast_landscape".into())
        }
        (Model::Veo31Lite, InputKind::Start) => ("veo_3_1_lite", "veo_3_1_i2v_lite".into()),
        (Model::Veo31Lite, InputKind::StartEnd) => {
            ("veo_3_1_lite", "veo_3_1_interpolation_lite".into())
        }
        (Model::Veo3Fast | Model::Veo3, _) => {
            return Err(crate::msg!("flow-retired-model", model = model.to_string()));
        }
        _ => return Err(unknown()),
    };
    Ok(VideoKey {
        key,
        family,
        aspect,
    })
}

/// The kind of input a key's name says it takes.
pub fn kind_of_key(key: &str) -> Option<InputKind> {
    if key.contains("_r2v_") {
        Some(InputKind::References(1))
    } else if key.ends_with("_first_last") || key.ends_with("_fl") || key.contains("interpolation")
    {
        Some(InputKind::StartEnd)
    } else if key.contains("_i2v_") {
        Some(InputKind::Start)
    } else {
        None
    }
}

/// Whether `key` is spelled like an image key seen in use.
pub fn is_known(key: &str) -> bool {
    const SEEN: [&str; 10] = [
        "veo_3_1_i2v_s_fast",
        "veo_3_1_i2v_s_fast_ultra",
        "veo_3_1_i2v_lite",
        "veo_3_1_i2v_lite_low_priority",
        "veo_3_1_i2v_s_lite_4s_low_priority",
        "veo_3_1_i2v_s_fast_fl",
        "veo_3_1_interpolation_lite",
        "veo_3_1_interpolation_lite_low_priority",
        "veo_3_1_r2v_fast_landscape",
        "veo_3_1_r2v_lite_low_priority",
    ];
    if SEEN.contains(&key) {
        return true;
    }
    let omni = key
        .strip_prefix("abra_i2v_")
        .or_else(|| key.strip_prefix("abra_r2v_"));
    if let Some(rest) = omni {
        let seconds = rest.strip_suffix("_360p").unwrap_or(rest);
        return ["4s", "6s", "8s", "10s"].contains(&seconds);
    }
    matches!(
        key,
        "omni_flash_i2v_8s_first_last" | "omni_flash_i2v_10s_first_last"
    )
}

fn raw(key: &str, kind: InputKind, aspect: u8) -> Result<VideoKey, crate::message::Message> {
    let takes = kind_of_key(key);
    let matches = match (takes, kind) {
        (Some(InputKind::References(_)), InputKind::References(_)) => true,
        (Some(a), b) => a == b,
        (None, _) => false,
    };
    if !matches {
        let from = takes.map_or_else(
            || InputKind::Text.describe(),
            |k| match k {
                InputKind::References(_) => crate::msg!("flow-key-references"),
                k => k.describe(),
            },
        );
        return Err(crate::msg!(
            "flow-key-mismatch",
            key = key,
            from = from,
            has = kind.describe()
        ));
    }
    if !is_known(key) {
        return Err(crate::msg!("flow-unknown-image-key", key = key));
    }
    Ok(VideoKey {
        key: key.to_string(),
        family: super::keys::family_of(key),
        aspect,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    fn shot(model: Model, aspect: Aspect, seconds: Option<u8>, inputs: InputKind) -> Shot {
        Shot {
            duration: seconds,
            inputs,
            ..Shot::new(model, aspect)
        }
    }

    #[test]
    fn each_model_and_input_gets_a_seen_key_or_a_reason() {
        let l = Aspect::Landscape;
        let p = Aspect::Portrait;
        let ok = |m: Model, a: Aspect, s: Option<u8>, k: InputKind, plan: Plan| {
            key(&shot(m, a, s, k), plan).expect("a key").key
        };
        use InputKind::*;
        assert_eq!(
            ok(Model::OmniFlash, p, Some(6), Start, Plan::Pro),
            "abra_i2v_6s"
        );
        assert_eq!(
            ok(Model::OmniFlash, l, Some(10), StartEnd, Plan::Pro),
            "omni_flash_i2v_10s_first_last"
        );
        assert_eq!(
            ok(Model::OmniFlash, p, None, References(3), Plan::Pro),
            "abra_r2v_8s"
        );
        assert_eq!(
            ok(Model::Veo31Fast, l, None, Start, Plan::Ultra),
            "veo_3_1_i2v_s_fast_ultra"
        );
        assert_eq!(
            ok(Model::Veo31Fast, p, None, Start, Plan::Pro),
            "veo_3_1_i2v_s_fast"
        );
        assert_eq!(
            ok(Model::Veo31Fast, l, None, StartEnd, Plan::Pro),
            "veo_3_1_i2v_s_fast_fl"
        );
        assert_eq!(
            ok(Model::Veo31Fast, l, None, References(1), Plan::Pro),
            "veo_3_1_r2v_fast_landscape"
        );
        assert_eq!(
            ok(Model::Veo31Lite, p, None, Start, Plan::Pro),
            "veo_3_1_i2v_lite"
        );
        assert_eq!(
            ok(Model::Veo31Lite, l, None, StartEnd, Plan::Pro),
            "veo_3_1_interpolation_lite"
        );
        // Portrait is the aspect slot, never a key suffix (Flow rejects `_portrait` here).
        assert_eq!(
            key(&shot(Model::Veo31Lite, p, None, Start), Plan::Pro).map(|k| k.aspect),
            Ok(1)
        );
        let no = |m: Model, a: Aspect, s: Option<u8>, k: InputKind| {
            key(&shot(m, a, s, k), Plan::Ultra).expect_err("refused")
        };
        assert!(no(Model::Veo31, l, None, Start).en().contains("not known"));
        assert!(
            no(Model::Veo31Fast, p, None, References(2))
                .en()
                .contains("or landscape")
        );
        assert!(
            no(Model::Veo31Lite, l, None, References(1))
                .en()
                .contains("not known")
        );
        assert!(
            no(Model::OmniFlash, l, Some(6), StartEnd)
                .en()
                .contains("8 or 10")
        );
        assert!(
            no(Model::Veo31Fast, l, Some(4), Start)
                .en()
                .contains("of 8 seconds")
        );
        assert!(no(Model::Veo3, l, None, Start).en().contains("no longer"));
    }

    #[test]
    fn a_raw_key_must_take_the_scene_s_images() {
        let raw = |k: &str, kind| {
            key(
                &shot(Model::Raw(k.into()), Aspect::Landscape, None, kind),
                Plan::Pro,
            )
        };
        assert_eq!(
            raw("abra_i2v_8s", InputKind::Start).map(|k| k.family),
            Ok("abra")
        );
        assert!(raw("veo_3_1_r2v_fast_landscape", InputKind::References(2)).is_ok());
        assert!(
            raw("veo_3_1_t2v_fast", InputKind::Start).is_err_and(|e| e.en().contains("from text"))
        );
        assert!(
            raw("abra_i2v_8s", InputKind::StartEnd).is_err_and(|e| e.en().contains("start image"))
        );
        assert!(
            raw("abra_i2v_9s", InputKind::Start)
                .is_err_and(|e| e.en().contains("not a Flow image key"))
        );
    }
}
