//! Which video models a key can use, from `GET /v1beta/models` (reference sections 0, 1, 6).
//! Google retired Veo on the Gemini API on 2026-10-22 by its own account; rather than delete or
//! trust that on faith, the key's own model list decides: a Veo id it still lists runs through
//! `predictLongRunning`, an Omni id through the Interactions API, anything else gets a message
//! naming what the key can use. Never a silent switch to another model. Pure.

use crate::message::Message;
use crate::msg;
use serde_json::Value;

use crate::model::Model;

/// One model the key lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelInfo {
    /// Without the `models/` prefix.
    pub id: String,
    /// The longest video it makes, when the entry says.
    pub max_seconds: Option<u8>,
}

/// How a video model is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Gemini Omni Flash through the Interactions API.
    Omni(String),
    /// Veo through `predictLongRunning`.
    Veo(String),
}

impl Route {
    pub fn id(&self) -> &str {
        match self {
            Route::Omni(id) | Route::Veo(id) => id,
        }
    }
}

/// The video models of one key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalog {
    pub models: Vec<ModelInfo>,
}

/// Reads one page of `GET /v1beta/models`: its models and the next page's token.
pub fn parse_page(v: &Value) -> (Vec<ModelInfo>, Option<String>) {
    let models = v
        .get("models")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| {
            let name = m.get("name")?.as_str()?;
            let id = name.strip_prefix("models/").unwrap_or(name).to_string();
            Some(ModelInfo {
                max_seconds: max_seconds(m),
                id,
            })
        })
        .collect();
    let next = v
        .get("nextPageToken")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    (models, next)
}

/// Whether a `GET /v1beta/models` page still has the shape flowdeck reads: an object with a
/// `models` list whose entries carry `name`s. Gives how many models it lists.
pub fn page_shape(v: &Value) -> Result<usize, String> {
    let Some(models) = v.get("models").and_then(Value::as_array) else {
        return Err("the model list has no `models` array".into());
    };
    let named = models
        .iter()
        .filter(|m| m.get("name").and_then(Value::as_str).is_some())
        .count();
    if named == 0 {
        return Err("no entry of the model list has a `name`".into());
    }
    Ok(named)
}

/// Any field about duration that names a number of seconds (`"maxDurationSeconds": 15`,
/// `"maxVideoDuration": "15s"`): read liberally, as the list's shape for video is undocumented.
fn max_seconds(m: &Value) -> Option<u8> {
    let obj = m.as_object()?;
    obj.iter()
        .filter(|(k, _)| k.to_ascii_lowercase().contains("duration"))
        .find_map(|(_, v)| {
            let n = v
                .as_u64()
                .or_else(|| v.as_str()?.trim_end_matches('s').parse().ok())?;
            u8::try_from(n).ok().filter(|n| (1..=120).contains(n))
        })
}

pub fn is_omni(id: &str) -> bool {
    id.starts_with("gemini-omni")
}

pub fn is_veo(id: &str) -> bool {
    id.starts_with("veo-")
}

/// `gemini-omni-1.2-flash` → (1, 2); a preview or unnumbered id sorts last.
fn omni_version(id: &str) -> (u32, u32) {
    let v = id.trim_start_matches("gemini-omni-");
    let mut parts = v.split(['-', '.']);
    let major = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let minor = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (major, minor)
}

/// The Gemini API's Veo id for a neutral Veo name.
pub fn veo_id(model: &Model) -> Option<&'static str> {
    Some(match model {
        Model::Veo31Fast => "veo-3.1-fast-generate-preview",
        Model::Veo31 => "veo-3.1-generate-preview",
        Model::Veo31Lite => "veo-3.1-lite-generate-preview",
        Model::Veo3Fast => "veo-3.0-fast-generate-001",
        Model::Veo3 => "veo-3.0-generate-001",
        _ => return None,
    })
}

/// The message for a Veo model the key does not list.
pub fn veo_gone(id: &str, offers: Message) -> Message {
    msg!("gemini-veo-gone", model = id, offers = offers)
}

impl Catalog {
    /// Omni ids, newest first.
    pub fn omni(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .models
            .iter()
            .map(|m| m.id.as_str())
            .filter(|id| is_omni(id))
            .collect();
        ids.sort_by(|a, b| {
            omni_version(b)
                .cmp(&omni_version(a))
                .then(a.contains("preview").cmp(&b.contains("preview")))
        });
        ids
    }

    pub fn get(&self, id: &str) -> Option<&ModelInfo> {
        self.models.iter().find(|m| m.id == id)
    }

    /// The video models it lists, for messages: "gemini-omni-1.2-flash, gemini-omni-1.1-flash".
    pub fn video_models(&self) -> Vec<&str> {
        let mut ids = self.omni();
        ids.extend(
            self.models
                .iter()
                .map(|m| m.id.as_str())
                .filter(|id| is_veo(id)),
        );
        ids
    }

    fn offers(&self) -> Message {
        let ids = self.video_models();
        if ids.is_empty() {
            msg!("gemini-offers-none")
        } else {
            msg!("gemini-offers", models = ids.join(", "))
        }
    }

    /// How `model` runs for this key, or why it cannot.
    pub fn resolve(&self, model: &Model) -> Result<Route, Message> {
        match model {
            Model::OmniFlash => self
                .omni()
                .first()
                .map(|id| Route::Omni(id.to_string()))
                .ok_or_else(|| msg!("gemini-no-omni", offers = self.offers())),
            Model::Raw(id) if is_omni(id) => match self.get(id) {
                Some(_) => Ok(Route::Omni(id.clone())),
                None => Err(msg!(
                    "gemini-model-not-for-key",
                    model = id.as_str(),
                    offers = self.offers()
                )),
            },
            Model::Raw(id) if is_veo(id) => match self.get(id) {
                Some(_) => Ok(Route::Veo(id.clone())),
                None => Err(veo_gone(id, self.offers())),
            },
            Model::Raw(id) => Err(msg!(
                "gemini-not-video-model",
                model = id.as_str(),
                offers = self.offers()
            )),
            neutral => {
                let id = veo_id(neutral).unwrap_or("veo");
                match self.get(id) {
                    Some(_) => Ok(Route::Veo(id.to_string())),
                    None => Err(veo_gone(id, self.offers())),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;
    use serde_json::json;

    fn catalog(ids: &[&str]) -> Catalog {
        Catalog {
            models: ids
                .iter()
                .map(|id| ModelInfo {
                    id: id.to_string(),
                    max_seconds: None,
                })
                .collect(),
        }
    }

    #[test]
    fn the_key_s_list_decides() {
        let c = catalog(&[
            "gemini-2.5-flash",
            "gemini-omni-1.1-flash",
            "gemini-omni-1.2-flash",
        ]);
        assert_eq!(
            c.resolve(&Model::OmniFlash),
            Ok(Route::Omni("gemini-omni-1.2-flash".into()))
        );
        assert_eq!(
            c.resolve(&Model::Raw("gemini-omni-1.1-flash".into())),
            Ok(Route::Omni("gemini-omni-1.1-flash".into()))
        );
        let e = c.resolve(&Model::Veo31Fast).expect_err("retired");
        assert!(
            e.en().contains("veo-3.1-fast-generate-preview") && e.en().contains("Vertex"),
            "{e:?}"
        );
        assert!(
            e.en()
                .contains("gemini-omni-1.2-flash, gemini-omni-1.1-flash"),
            "{e:?}"
        );
        let e = c
            .resolve(&Model::Raw("gemini-omni-9-flash".into()))
            .expect_err("absent");
        assert!(e.en().contains("not available to this key"), "{e:?}");
        // A key that still lists Veo keeps it.
        let veo = catalog(&["veo-3.1-fast-generate-preview"]);
        assert_eq!(
            veo.resolve(&Model::Veo31Fast),
            Ok(Route::Veo("veo-3.1-fast-generate-preview".into()))
        );
        assert!(veo.resolve(&Model::OmniFlash).is_err());
    }

    #[test]
    fn pages_are_read_liberally() {
        let (models, next) = parse_page(&json!({
            "models": [
                {"name": "models/gemini-omni-1.2-flash", "maxDurationSeconds": 15},
                {"name": "models/gemini-omni-1.1-flash", "videoDuration": "10s"},
                {"displayName": "no name"},
                {"name": "veo-3.1-generate-preview"}
            ],
            "nextPageToken": "p2"
        }));
        assert_eq!(models.len(), 3);
        assert_eq!(models[0].max_seconds, Some(15));
        assert_eq!(models[1].max_seconds, Some(10));
        assert_eq!(models[2].id, "veo-3.1-generate-preview");
        assert_eq!(next.as_deref(), Some("p2"));
        assert_eq!(parse_page(&json!({})), (Vec::new(), None));
    }
}
