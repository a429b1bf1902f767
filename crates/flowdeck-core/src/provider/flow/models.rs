//! Which Flow model key makes a shot, and what it costs (reference section 3, "Encodings and
//! models"). Keys, tiers and prices follow the catalogue (`HTrJv`) as sp1007/flowkit extracted
//! it in 2026-09; the families an account is offered come from `yBhWQ` at run time, so a key
//! whose family the account lacks is refused before anything is spent.

pub use super::keys::VideoKey;
use super::records::Plan;
use crate::model::{Aspect, InputKind, Model, Resolution, Shot};

/// Seconds a model makes on Flow.
pub fn durations(model: &Model, plan: Plan) -> &'static [u8] {
    match model {
        Model::OmniFlash => &[4, 6, 8, 10],
        // The 4 and 6 second Veo keys are priced for Ultra only.
        Model::Veo31Fast | Model::Veo31 | Model::Veo31Lite if plan == Plan::Ultra => &[4, 6, 8],
        _ => &[8],
    }
}

/// The key, family and aspect slot for a shot on an account with `plan`.
pub fn video_key(shot: &Shot, plan: Plan) -> Result<VideoKey, crate::message::Message> {
    // From an earlier video, Flow makes only upscales.
    if shot.inputs == InputKind::Video {
        return super::upscale::key(shot);
    }
    // Flow's own extend (`fZytfe`) works inside a Flow "scene" (`rqZuUc`), and its public
    // sources disagree on what it is sent (a workflow or a media id; a wrong one was seen to
    // spend credits and make nothing): a chained scene starts from the earlier video's last
    // frame instead, an image→video call like any other.
    if shot.inputs == InputKind::Extend {
        let from_frame = Shot {
            inputs: InputKind::Start,
            ..shot.clone()
        };
        return video_key(&from_frame, plan);
    }
    if shot.resolution() != Resolution::P720 {
        return Err(crate::msg!(
            "flow-720p-only",
            resolution = shot.resolution().to_string()
        ));
    }
    if shot.inputs != InputKind::Text {
        return super::image_keys::key(shot, plan);
    }
    let portrait = shot.aspect == Aspect::Portrait;
    let aspect = if portrait { 1 } else { 2 };
    let seconds = shot.seconds();
    let model = &shot.model;
    if let Model::Raw(key) = model {
        return raw_key(key, shot, aspect);
    }
    if !durations(model, plan).contains(&seconds) {
        let allowed: Vec<String> = durations(model, plan).iter().map(u8::to_string).collect();
        return Err(crate::msg!(
            "flow-durations",
            model = model.to_string(),
            allowed = crate::message::Message::either(&allowed),
            plan = plan.label(),
            seconds = seconds
        ));
    }
    let ultra = plan == Plan::Ultra;
    let (family, key) = match model {
        Model::OmniFlash => ("abra", format!("abra_t2v_{seconds}s")),
        Model::Veo31Fast => (
            "veo_3_1_fast",
            match (seconds, portrait) {
                (8, false) => "veo_3_1_t2v_fast".to_string(),
                (8, true) => "veo_3_1_t2v_fast_portrait".to_string(),
                (s, false) => format!("veo_3_1_t2v_fast_{s}s"),
                (_, true) => return Err(short_portrait(seconds)),
            } + if ultra && seconds == 8 { "_ultra" } else { "" },
        ),
        Model::Veo31 => (
            "veo_3_1_quality",
            match (seconds, portrait) {
                (8, false) => "veo_3_1_t2v".to_string(),
                (8, true) => "veo_3_1_t2v_portrait".to_string(),
                (s, false) => format!("veo_3_1_t2v_quality_{s}s"),
                (_, true) => return Err(short_portrait(seconds)),
            },
        ),
        // [INFERRED] Lite has no portrait key: the aspect slot alone says portrait.
        Model::Veo31Lite => (
            "veo_3_1_lite",
            match seconds {
                8 => "veo_3_1_t2v_lite".to_string(),
                s => format!("veo_3_1_t2v_lite_{s}s"),
            },
        ),
        Model::Veo3Fast | Model::Veo3 => {
            return Err(crate::msg!("flow-retired-model", model = model.to_string()));
        }
        Model::Raw(k) => return raw_key(k, shot, aspect),
    };
    Ok(VideoKey {
        key,
        family,
        aspect,
    })
}

fn short_portrait(seconds: u8) -> crate::message::Message {
    crate::msg!("flow-no-short-portrait", seconds = seconds)
}

/// A Flow key given as the model: sent as is, after its orientation and family are checked.
fn raw_key(key: &str, shot: &Shot, aspect: u8) -> Result<VideoKey, crate::message::Message> {
    if key.contains('-') && !key.contains('_') {
        return Err(crate::msg!("flow-not-a-key", key = key));
    }
    if !is_known_key(key) {
        return Err(crate::msg!("flow-unknown-key", key = key));
    }
    if shot.duration.is_some() {
        return Err(crate::msg!("flow-key-duration", key = key));
    }
    let portrait_key = key.contains("_portrait");
    if portrait_key && aspect == 2 {
        return Err(crate::msg!("flow-key-portrait", key = key));
    }
    Ok(VideoKey {
        key: key.to_string(),
        family: super::keys::family_of(key),
        aspect,
    })
}

/// Flow's model families as a user names them (`veo_3_1_fast` → veo-3.1-fast, `abra` →
/// omni-flash): each model a user can choose whose family is among `families`, then any family
/// no such model belongs to, by Flow's own name.
pub fn user_names(families: &[String], plan: Plan) -> Vec<String> {
    let family = |m: &Model| {
        video_key(&Shot::new(m.clone(), Aspect::Landscape), plan)
            .ok()
            .map(|k| k.family)
    };
    let mut named: Vec<&str> = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for m in &Model::NEUTRAL {
        if let Some(f) = family(m).filter(|f| families.iter().any(|x| x == f)) {
            named.push(f);
            out.push(m.name().to_string());
        }
    }
    out.extend(
        families
            .iter()
            .filter(|f| !named.contains(&f.as_str()))
            .cloned(),
    );
    out
}

/// Whether `key` is spelled like a key of the catalogue (`HTrJv`): a typo is refused here
/// instead of being sent, where Flow declines it silently and the take could never finish.
pub fn is_known_key(key: &str) -> bool {
    if super::image_keys::is_known(key) {
        return true;
    }
    let omni = key
        .strip_prefix("abra_t2v_")
        .or_else(|| key.strip_prefix("omni_flash_t2v_"));
    if let Some(rest) = omni {
        let seconds = rest.strip_suffix("_360p").unwrap_or(rest);
        return ["4s", "6s", "8s", "10s"].contains(&seconds);
    }
    let Some(rest) = key.strip_prefix("veo_3_1_t2v") else {
        return false;
    };
    // The optional parts, in the catalogue's order, each at most once.
    let parts = [
        &["fast", "quality", "lite"][..],
        &["4s", "6s", "8s"],
        &["portrait"],
        &["ultra"],
        &["low_priority"],
    ];
    let mut rest = rest;
    for choices in parts {
        if let Some(r) = choices
            .iter()
            .find_map(|c| rest.strip_prefix('_').and_then(|r| r.strip_prefix(c)))
            .filter(|r| r.is_empty() || r.starts_with('_'))
        {
            rest = r;
        }
    }
    rest.is_empty()
}

/// Credits one video costs with `key` on `plan` (the catalogue's prices; an estimate for
/// keys it does not list).
pub fn credit_cost(key: &str, plan: Plan) -> i64 {
    let ultra = plan == Plan::Ultra;
    if key.contains("low_priority") {
        0
    } else if key.starts_with("veo_3_1_upsampler") {
        super::upscale::credits(key)
    } else if let Some(rest) = ["abra_t2v_", "abra_i2v_", "abra_r2v_", "omni_flash_i2v_"]
        .iter()
        .find_map(|p| key.strip_prefix(p))
    {
        let rest = rest.trim_end_matches("_first_last");
        let small = rest.ends_with("_360p");
        match (rest.trim_end_matches("_360p"), small) {
            ("4s", false) => 7,
            ("6s", false) => 10,
            ("10s", false) => 15,
            ("4s", true) => 4,
            ("6s", true) => 5,
            ("8s", true) => 6,
            ("10s", true) => 7,
            _ => 12,
        }
    } else if key.contains("lite") {
        if ultra { 5 } else { 10 }
    } else if key.contains("fast") {
        if ultra { 10 } else { 20 }
    } else {
        100
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    fn shot(model: Model, aspect: Aspect, seconds: Option<u8>) -> Shot {
        Shot {
            duration: seconds,
            ..Shot::new(model, aspect)
        }
    }

    fn key(model: Model, aspect: Aspect, seconds: Option<u8>, plan: Plan) -> String {
        video_key(&shot(model, aspect, seconds), plan)
            .map(|k| k.key)
            .unwrap_or_else(|e| format!("error: {e:?}"))
    }

    #[test]
    fn keys_follow_model_aspect_duration_and_plan() {
        use Aspect::*;
        use Model::*;
        assert_eq!(
            key(Veo31Fast, Landscape, None, Plan::Pro),
            "veo_3_1_t2v_fast"
        );
        assert_eq!(
            key(Veo31Fast, Portrait, None, Plan::Pro),
            "veo_3_1_t2v_fast_portrait"
        );
        assert_eq!(
            key(Veo31Fast, Portrait, None, Plan::Ultra),
            "veo_3_1_t2v_fast_portrait_ultra"
        );
        assert_eq!(
            key(Veo31Fast, Landscape, Some(4), Plan::Ultra),
            "veo_3_1_t2v_fast_4s"
        );
        assert!(key(Veo31Fast, Landscape, Some(4), Plan::Pro).contains("8"));
        assert_eq!(
            key(Veo31, Portrait, None, Plan::Pro),
            "veo_3_1_t2v_portrait"
        );
        assert_eq!(
            key(Veo31, Landscape, Some(6), Plan::Ultra),
            "veo_3_1_t2v_quality_6s"
        );
        assert_eq!(
            key(Veo31Lite, Portrait, None, Plan::Pro),
            "veo_3_1_t2v_lite"
        );
        assert_eq!(
            key(OmniFlash, Portrait, Some(10), Plan::Free),
            "abra_t2v_10s"
        );
        assert!(key(Veo3Fast, Landscape, None, Plan::Pro).starts_with("error"));
        let p = video_key(&shot(Veo31Lite, Portrait, None), Plan::Pro).expect("lite");
        assert_eq!((p.aspect, p.family), (1, "veo_3_1_lite"));
    }

    #[test]
    fn raw_keys_and_resolutions() {
        let raw = |k: &str, a| video_key(&shot(Model::Raw(k.into()), a, None), Plan::Ultra);
        assert_eq!(
            raw("veo_3_1_t2v_lite_low_priority", Aspect::Landscape)
                .expect("raw")
                .family,
            "veo_3_1_lite_low_priority"
        );
        assert!(raw("veo_3_1_t2v_fast_portrait", Aspect::Landscape).is_err());
        assert!(raw("veo-3.1-generate-preview", Aspect::Landscape).is_err());
        // A typo is refused before sending (Flow declines unknown keys silently).
        assert!(raw("veo_3_1_t2v_fsat", Aspect::Landscape).is_err());
        assert!(raw("abra_t2v_9s", Aspect::Landscape).is_err());
        for known in [
            "veo_3_1_t2v",
            "veo_3_1_t2v_fast_ultra",
            "veo_3_1_t2v_fast_portrait_ultra",
            "veo_3_1_t2v_quality_6s",
            "veo_3_1_t2v_lite_4s",
            "abra_t2v_10s",
            "abra_t2v_8s_360p",
        ] {
            assert!(is_known_key(known), "{known}");
        }
        // Every key flowdeck itself makes is one it knows.
        for model in Model::NEUTRAL {
            for aspect in [Aspect::Landscape, Aspect::Portrait] {
                for plan in [Plan::Pro, Plan::Ultra] {
                    for secs in [None, Some(4), Some(6), Some(8), Some(10)] {
                        if let Ok(k) = video_key(&shot(model.clone(), aspect, secs), plan) {
                            assert!(is_known_key(&k.key), "{}", k.key);
                        }
                    }
                }
            }
        }
        let mut hd = shot(Model::Veo31Fast, Aspect::Landscape, None);
        hd.resolution = Some(Resolution::P1080);
        assert!(
            video_key(&hd, Plan::Pro)
                .expect_err("720p")
                .en()
                .contains("Gemini")
        );
    }

    #[test]
    fn prices_follow_the_catalogue() {
        assert_eq!(credit_cost("abra_t2v_8s", Plan::Pro), 12);
        assert_eq!(credit_cost("abra_t2v_10s", Plan::Pro), 15);
        assert_eq!(credit_cost("veo_3_1_t2v_fast", Plan::Pro), 20);
        assert_eq!(credit_cost("veo_3_1_t2v_fast_ultra", Plan::Ultra), 10);
        assert_eq!(credit_cost("veo_3_1_t2v_lite_low_priority", Plan::Ultra), 0);
        assert_eq!(credit_cost("veo_3_1_t2v", Plan::Pro), 100);
    }
}
