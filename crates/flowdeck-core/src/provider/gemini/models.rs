//! What each video model on the Gemini API accepts, checked before anything is sent, and what a
//! second of it costs (reference sections 1 and 3; prices marked third-party there are
//! estimates for the "about $N" line, not billing truth).

use super::catalog::{ModelInfo, Route, is_omni, veo_id};
use crate::model::{Aspect, InputKind, Model, Resolution, Shot};

/// The parameters to send, after checking model × duration × resolution × aspect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub route: Route,
    pub aspect: &'static str,
    pub seconds: u8,
    pub resolution: &'static str,
}

/// Where a model goes before the key's list is known: Omni to its newest id, Veo to its own.
pub fn guess(model: &Model) -> Result<Route, crate::message::Message> {
    match model {
        Model::OmniFlash => Ok(Route::Omni("gemini-omni-1.2-flash".into())),
        Model::Raw(id) if is_omni(id) => Ok(Route::Omni(id.clone())),
        Model::Raw(id) if crate::provider::veo_id::well_formed(id) => Ok(Route::Veo(id.clone())),
        Model::Raw(id) => Err(crate::msg!("gemini-not-a-model", id = id.as_str())),
        neutral => veo_id(neutral)
            .map(|id| Route::Veo(id.to_string()))
            .ok_or_else(|| crate::msg!("gemini-no-id", model = neutral.to_string())),
    }
}

fn veo_family(id: &str) -> &'static str {
    if id.contains("lite") {
        "lite"
    } else if id.starts_with("veo-3.0") {
        "3.0"
    } else if id.starts_with("veo-2") {
        "2"
    } else if id.contains("fast") {
        "3.1-fast"
    } else {
        "3.1"
    }
}

/// Seconds a model makes: Omni 3 to 10 (more when the key's list says so), Veo 4, 6 or 8.
pub fn durations(route: &Route, info: Option<&ModelInfo>) -> Vec<u8> {
    match route {
        Route::Omni(_) => (3..=info.and_then(|i| i.max_seconds).unwrap_or(10).max(3)).collect(),
        Route::Veo(_) => vec![4, 6, 8],
    }
}

/// Resolutions a model makes.
pub fn resolutions(route: &Route) -> Vec<Resolution> {
    match route {
        Route::Omni(_) => Resolution::ALL.to_vec(),
        Route::Veo(id) if veo_family(id) == "lite" => vec![Resolution::P720, Resolution::P1080],
        Route::Veo(_) => vec![Resolution::P720, Resolution::P1080, Resolution::K4],
    }
}

/// Checks a shot against the model it will run on.
pub fn check(
    shot: &Shot,
    route: &Route,
    info: Option<&ModelInfo>,
) -> Result<Params, crate::message::Message> {
    let seconds = shot.seconds();
    let resolution = shot.resolution();
    let id = route.id();
    if !durations(route, info).contains(&seconds) {
        let d = durations(route, info);
        let (lo, hi) = (
            d.first().copied().unwrap_or(0),
            d.last().copied().unwrap_or(0),
        );
        return Err(match route {
            Route::Omni(_) => crate::msg!(
                "omni-durations",
                id = id.to_string(),
                lo = lo,
                hi = hi,
                seconds = seconds
            ),
            Route::Veo(_) => crate::msg!("veo-durations", seconds = seconds),
        });
    }
    if !resolutions(route).contains(&resolution) {
        return Err(crate::msg!(
            "model-no-resolution",
            id = id.to_string(),
            resolution = resolution.to_string()
        ));
    }
    match (route, shot.inputs) {
        (_, InputKind::Text | InputKind::Video) => {}
        (Route::Omni(_), _) => {}
        (Route::Veo(_), kind) => {
            return Err(crate::msg!(
                "gemini-pictures-omni-only",
                what = kind.describe()
            ));
        }
    }
    if let Route::Veo(id) = route {
        let fam = veo_family(id);
        if fam == "2" {
            return Err(crate::msg!("gemini-no-veo2"));
        }
        if matches!(resolution, Resolution::P1080 | Resolution::K4) && seconds != 8 {
            return Err(crate::msg!(
                "veo-size-needs-8",
                resolution = resolution.to_string(),
                seconds = seconds
            ));
        }
        if resolution == Resolution::P1080 && fam == "3.0" && shot.aspect == Aspect::Portrait {
            return Err(crate::msg!("gemini-veo3-1080p"));
        }
    }
    Ok(Params {
        route: route.clone(),
        aspect: shot.aspect.ratio(),
        seconds,
        resolution: resolution.as_str(),
    })
}

/// US dollars a second of video costs, where the reference gives a price.
pub fn usd_per_second(route: &Route, resolution: Resolution) -> Option<f64> {
    use Resolution::*;
    let id = route.id();
    Some(match route {
        Route::Omni(_) if id.contains("1.2") => match resolution {
            P360 => 0.023,
            P720 => 0.07,
            P1080 => 0.105,
            K4 => 0.21,
        },
        Route::Omni(_) => match resolution {
            P360 => 0.03,
            P720 => 0.10,
            P1080 => 0.15,
            K4 => 0.30,
        },
        Route::Veo(id) => match (veo_family(id), resolution) {
            ("3.1", K4) => 0.60,
            ("3.1", _) => 0.40,
            ("3.1-fast", P720) => 0.10,
            ("3.1-fast", P1080) => 0.12,
            ("3.1-fast", K4) => 0.30,
            ("lite", P720) => 0.05,
            ("lite", P1080) => 0.08,
            _ => return None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    fn shot(model: Model, seconds: Option<u8>, resolution: Option<Resolution>) -> Shot {
        Shot {
            duration: seconds,
            resolution,
            ..Shot::new(model, Aspect::Landscape)
        }
    }

    #[test]
    fn omni_takes_three_to_ten_seconds_and_every_resolution() {
        let omni = Route::Omni("gemini-omni-1.1-flash".into());
        for s in 3..=10 {
            assert!(
                check(&shot(Model::OmniFlash, Some(s), None), &omni, None).is_ok(),
                "{s}"
            );
        }
        let e = check(&shot(Model::OmniFlash, Some(12), None), &omni, None).expect_err("12");
        assert!(e.en().contains("3 to 10"), "{e:?}");
        let long = ModelInfo {
            id: "gemini-omni-1.2-flash".into(),
            max_seconds: Some(15),
        };
        assert!(check(&shot(Model::OmniFlash, Some(15), None), &omni, Some(&long)).is_ok());
        let p = check(
            &shot(Model::OmniFlash, Some(4), Some(Resolution::P360)),
            &omni,
            None,
        )
        .expect("360p");
        assert_eq!((p.seconds, p.resolution, p.aspect), (4, "360p", "16:9"));
    }

    #[test]
    fn veo_keeps_its_rules() {
        let veo = Route::Veo("veo-3.1-fast-generate-preview".into());
        assert!(check(&shot(Model::Veo31Fast, Some(5), None), &veo, None).is_err());
        assert!(
            check(
                &shot(Model::Veo31Fast, Some(6), Some(Resolution::P1080)),
                &veo,
                None
            )
            .is_err()
        );
        assert!(
            check(
                &shot(Model::Veo31Fast, None, Some(Resolution::K4)),
                &veo,
                None
            )
            .is_ok()
        );
        assert!(
            check(
                &shot(Model::Veo31Fast, None, Some(Resolution::P360)),
                &veo,
                None
            )
            .is_err()
        );
        let lite = Route::Veo("veo-3.1-lite-generate-preview".into());
        assert!(
            check(
                &shot(Model::Veo31Lite, None, Some(Resolution::K4)),
                &lite,
                None
            )
            .is_err()
        );
        assert_eq!(guess(&Model::Veo31Lite), Ok(lite));
        assert!(guess(&Model::Raw("veo_3_1_t2v_fast".into())).is_err());
    }

    #[test]
    fn prices_per_second() {
        let omni = Route::Omni("gemini-omni-1.1-flash".into());
        assert_eq!(usd_per_second(&omni, Resolution::P720), Some(0.10));
        let omni12 = Route::Omni("gemini-omni-1.2-flash".into());
        assert_eq!(usd_per_second(&omni12, Resolution::K4), Some(0.21));
        let veo = Route::Veo("veo-3.1-generate-preview".into());
        assert_eq!(usd_per_second(&veo, Resolution::K4), Some(0.60));
    }
}
