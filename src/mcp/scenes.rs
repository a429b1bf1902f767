//! Scenes as a tool takes them: the fields of a prompt file's row, read by the prompt files'
//! own reader (the same checks, limits and words), then the batch's options where a row has
//! none. Pictures are named by absolute path and checked before anything is priced or sent.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::reply::Refusal;
use crate::model::{Aspect, Model, Resolution, Scene, SeedChoice, Shot};
use crate::store::import::{self, SceneDraft, TextMode};
use crate::words::Said;

/// The most scenes one call may carry (a prompt file may hold more; split a larger plan).
pub const MOST_SCENES: usize = 200;
/// The most characters of a scene's name.
const MOST_NAME: usize = 200;
/// The most accounts one call may name.
const MOST_ACCOUNTS: usize = 100;

/// One scene: a prompt and, optionally, what its prompt-file row may also say.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SceneInput {
    /// What the video shows: subject, action, setting, camera, light, sound. At most 5,000
    /// characters.
    pub prompt: String,
    /// A short name used in the file name (the prompt's first words when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Model for this scene only (else the call's `model`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// "landscape" (16:9) or "portrait" (9:16), for this scene only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect: Option<String>,
    /// Videos of this scene (1 to 4), each a separate paid video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 4))]
    pub copies: Option<u8>,
    /// A fixed seed (0 to 2147483647); random when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u32>,
    /// Seconds of video (the model decides which lengths it offers; 8 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u8>,
    /// "360p", "720p", "1080p" or "4k" (which ones depend on the model and account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// Absolute path of a PNG, JPEG or WebP picture the video starts from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_image: Option<String>,
    /// Absolute path of the picture the video ends on (needs `start_image`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_image: Option<String>,
    /// Absolute paths of pictures of characters, objects or a style to keep (up to 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    /// Continue from scene N of this same call (1-based, an earlier scene): this video extends
    /// that one's, on the account that made it. No pictures with it.
    #[serde(default, rename = "continue", skip_serializing_if = "Option::is_none")]
    pub continues: Option<u32>,
}

/// What every scene takes where it says nothing, and which accounts may run them.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Model: "veo-3.1-fast" (default), "veo-3.1", "veo-3.1-lite", "omni-flash", "veo-3-fast",
    /// or a provider's own model id. `list_accounts` says which models each account offers.
    #[serde(default)]
    pub model: Option<String>,
    /// "landscape" (16:9, default) or "portrait" (9:16).
    #[serde(default)]
    pub aspect: Option<String>,
    /// Videos per scene (1 to 4, default 1).
    #[serde(default)]
    #[schemars(range(min = 1, max = 4))]
    pub copies: Option<u8>,
    /// Seconds per video (8 when absent).
    #[serde(default)]
    pub duration: Option<u8>,
    /// "360p", "720p" (default), "1080p" or "4k".
    #[serde(default)]
    pub resolution: Option<String>,
    /// Only these accounts, by name (every enabled account when empty).
    #[serde(default)]
    pub accounts: Vec<String>,
}

/// A call's scenes made into the engine's, with their options.
pub fn scenes(input: &[SceneInput], options: &Options) -> Result<Vec<Scene>, Refusal> {
    if input.is_empty() {
        return Err(Refusal::input(crate::t!("mcp-no-scenes")));
    }
    if input.len() > MOST_SCENES {
        return Err(Refusal::input(crate::t!(
            "mcp-too-many-scenes",
            count = input.len(),
            most = MOST_SCENES
        )));
    }
    if options.accounts.len() > MOST_ACCOUNTS {
        return Err(Refusal::input(crate::t!(
            "mcp-too-many-accounts",
            most = MOST_ACCOUNTS
        )));
    }
    for (i, s) in input.iter().enumerate() {
        let scene = i + 1;
        if s.name
            .as_ref()
            .is_some_and(|n| n.chars().count() > MOST_NAME)
        {
            return Err(Refusal::input(crate::t!(
                "mcp-name-too-long",
                scene = scene,
                most = MOST_NAME
            )));
        }
        for picture in s.pictures() {
            picture_is_there(scene, picture)?;
        }
    }
    let rows = serde_json::to_vec(input).map_err(|e| Refusal::failed(e.to_string()))?;
    let drafts = import::parse(&crate::t!("mcp-the-scenes"), "json", &rows, TextMode::Lines)
        .map_err(|e| Refusal::input(e.to_message().said()))?;
    let fallback = Fallback::of(options)?;
    Ok(drafts.into_iter().map(|d| fallback.scene(d)).collect())
}

/// The shots of `scenes`, one per video.
pub fn shots(scenes: &[Scene]) -> Vec<Shot> {
    scenes
        .iter()
        .flat_map(|s| std::iter::repeat_n(s.shot(), s.copies as usize))
        .collect()
}

impl SceneInput {
    fn pictures(&self) -> impl Iterator<Item = &String> {
        self.start_image
            .iter()
            .chain(&self.end_image)
            .chain(&self.references)
    }
}

/// A picture must be named by its whole path and be a picture flowdeck can send.
fn picture_is_there(scene: usize, path: &str) -> Result<(), Refusal> {
    let p = Path::new(path);
    if !p.is_absolute() {
        return Err(Refusal::input(crate::t!(
            "mcp-path-not-absolute",
            scene = scene,
            file = path
        )));
    }
    import::check_picture(p)
        .map(|_| ())
        .map_err(|why| Refusal::input(crate::t!("mcp-scene-says", scene = scene, why = why.said())))
}

/// The options, parsed once.
struct Fallback {
    model: Model,
    aspect: Aspect,
    copies: u8,
    duration: Option<u8>,
    resolution: Option<Resolution>,
}

impl Fallback {
    fn of(o: &Options) -> Result<Fallback, Refusal> {
        let bad = |m: crate::message::Message| Refusal::input(m.said());
        let copies = o.copies.unwrap_or(1);
        if !(1..=4).contains(&copies) {
            return Err(Refusal::input(crate::t!("mcp-copies", value = copies)));
        }
        if let Some(d) = o.duration
            && !crate::model::DURATIONS.contains(&d)
        {
            return Err(bad(crate::msg!("import-duration", value = d.to_string())));
        }
        Ok(Fallback {
            model: match &o.model {
                Some(m) => m.parse().map_err(bad)?,
                None => Model::Veo31Fast,
            },
            aspect: match &o.aspect {
                Some(a) => a.parse().map_err(bad)?,
                None => Aspect::Landscape,
            },
            copies,
            duration: o.duration,
            resolution: o
                .resolution
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(bad)?,
        })
    }

    fn scene(&self, d: SceneDraft) -> Scene {
        Scene {
            prompt: d.prompt,
            name: d.name,
            model: d.model.unwrap_or_else(|| self.model.clone()),
            aspect: d.aspect.unwrap_or(self.aspect),
            copies: d.copies.unwrap_or(self.copies),
            seed: d.seed.map_or(SeedChoice::Random, SeedChoice::Fixed),
            duration: d.duration.or(self.duration),
            resolution: d.resolution.or(self.resolution),
            source: None,
            inputs: d.inputs,
            continues: d.continues,
        }
    }
}

/// Where a batch's videos go: the folder asked for (made if missing), else the settings'.
pub fn out_dir(
    asked: Option<&str>,
    settings: &crate::store::config::Settings,
) -> Result<PathBuf, Refusal> {
    let Some(dir) = asked else {
        return Ok(settings
            .output
            .dir
            .clone()
            .unwrap_or_else(crate::store::paths::Paths::default_output));
    };
    let p = PathBuf::from(dir);
    if !p.is_absolute() {
        return Err(Refusal::input(crate::t!("mcp-out-not-absolute", dir = dir)));
    }
    if p.exists() && !p.is_dir() {
        return Err(Refusal::input(crate::t!("mcp-out-not-folder", dir = dir)));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(prompt: &str) -> SceneInput {
        serde_json::from_value(serde_json::json!({ "prompt": prompt })).expect("a scene")
    }

    #[test]
    fn rows_are_read_as_a_prompt_file_reads_them() {
        let mut chained = one("the harbour at dusk");
        chained.continues = Some(1);
        let s = scenes(&[one("a boat"), chained], &Options::default()).expect("scenes");
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].continues, Some(1));
        assert_eq!(s[0].model, Model::Veo31Fast);
        let mut forward = one("first");
        forward.continues = Some(2);
        let e = scenes(&[forward, one("second")], &Options::default()).expect_err("forward");
        assert_eq!(e.class, "input");
    }

    #[test]
    fn limits_and_pictures_are_checked_before_anything_else() {
        let e = scenes(&[], &Options::default()).expect_err("none");
        assert_eq!(e.class, "input");
        let many = vec![one("x"); MOST_SCENES + 1];
        assert!(scenes(&many, &Options::default()).is_err());
        let long = one(&"a".repeat(import::MAX_PROMPT_CHARS + 1));
        assert!(scenes(&[long], &Options::default()).is_err());
        let mut relative = one("x");
        relative.start_image = Some("pic.png".into());
        let e = scenes(&[relative], &Options::default()).expect_err("relative");
        assert!(e.message.contains("pic.png"), "{}", e.message);
        let mut missing = one("x");
        missing.references = vec!["/no/such/picture.png".into()];
        assert!(scenes(&[missing], &Options::default()).is_err());
        let bad = Options {
            model: Some("veo 9".into()),
            ..Options::default()
        };
        assert!(scenes(&[one("x")], &bad).is_err());
    }
}
