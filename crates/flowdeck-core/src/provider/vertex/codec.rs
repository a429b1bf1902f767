//! Veo on Vertex AI, the wire format (reference section 5): request bodies, operation answers,
//! `gs://` URIs and the URLs built from them. Pure: no I/O, fixture-tested.

use crate::message::Message;
use serde_json::{Value, json};

use super::classify;
use super::models::Params;
use crate::provider::error::ProviderError;

/// What a create sends besides the prompt and the checked shot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras<'a> {
    /// The scene's pictures, base64 with their types, in the instance.
    pub images: Pictures,
    /// The earlier video a chained scene continues (an MP4 in base64): Veo's extension.
    pub video: Option<String>,
    pub seed: Option<u32>,
    pub samples: usize,
    pub storage_uri: Option<&'a str>,
    pub generate_audio: bool,
    pub person_generation: Option<&'a str>,
    pub negative_prompt: Option<&'a str>,
}

/// One picture as Veo takes it: `{"bytesBase64Encoded", "mimeType"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture64 {
    pub data: String,
    pub mime: &'static str,
}

/// A scene's pictures: a first frame, a last frame (with a first), or up to 3 references.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pictures {
    pub start: Option<Picture64>,
    pub end: Option<Picture64>,
    pub references: Vec<Picture64>,
}

impl Pictures {
    pub fn is_empty(&self) -> bool {
        self.start.is_none() && self.end.is_none() && self.references.is_empty()
    }
}

fn picture(p: &Picture64) -> Value {
    json!({"bytesBase64Encoded": p.data, "mimeType": p.mime})
}

/// A project id goes into URL paths: refuse what cannot be one rather than build a wrong URL.
pub fn check_project(project: &str) -> Result<(), Message> {
    let ok = !project.is_empty()
        && project.len() <= 100
        && project
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':' | '_'));
    if ok {
        Ok(())
    } else if project.is_empty() {
        Err(crate::msg!("vertex-project-missing"))
    } else {
        Err(crate::msg!("vertex-project-bad", project = project))
    }
}

/// A location is a region (`us-central1`) or `global`.
pub fn check_location(location: &str) -> Result<(), Message> {
    let ok = !location.is_empty()
        && location
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(crate::msg!("vertex-location-bad", location = location))
    }
}

/// The API's base for a location: `{location}` substituted; `global` drops the region prefix.
pub fn api_base(template: &str, location: &str) -> String {
    let base = if location == "global" {
        template
            .replace("{location}-", "")
            .replace("{location}", "")
    } else {
        template.replace("{location}", location)
    };
    base.trim_end_matches('/').to_string()
}

/// `projects/{p}/locations/{l}/publishers/google/models/{model}`.
pub fn model_name(project: &str, location: &str, model: &str) -> String {
    format!("projects/{project}/locations/{location}/publishers/google/models/{model}")
}

/// The `:predictLongRunning` body. `seed` is the first copy's: Vertex varies it per sample.
pub fn create_body(prompt: &str, p: &Params, x: &Extras<'_>) -> Value {
    let mut parameters = json!({
        "sampleCount": x.samples.clamp(1, 4),
        "aspectRatio": p.aspect,
        "durationSeconds": p.seconds,
        "resolution": p.resolution,
        "generateAudio": x.generate_audio,
        // Veo takes only `allow_adult` with pictures (image→video, frames, references), and
        // only `allow_all` for an extension (reference section 2, personGeneration).
        "personGeneration": match (x.person_generation, x.images.is_empty(), &x.video) {
            (_, _, Some(_)) => "allow_all",
            (_, false, None) => "allow_adult",
            (Some(p), true, None) => p,
            (None, true, None) => "allow_all",
        },
    });
    if let Some(seed) = x.seed {
        parameters["seed"] = json!(seed);
    }
    if let Some(uri) = x.storage_uri {
        parameters["storageUri"] = json!(uri);
    }
    if let Some(n) = x.negative_prompt.filter(|n| !n.trim().is_empty()) {
        parameters["negativePrompt"] = json!(n);
    }
    let mut instance = json!({"prompt": prompt});
    if let Some(p) = &x.images.start {
        instance["image"] = picture(p);
    }
    if let Some(p) = &x.images.end {
        instance["lastFrame"] = picture(p);
    }
    if !x.images.references.is_empty() {
        instance["referenceImages"] = x
            .images
            .references
            .iter()
            .map(|p| json!({"image": picture(p), "referenceType": "asset"}))
            .collect();
    }
    if let Some(v) = &x.video {
        instance["video"] = json!({"bytesBase64Encoded": v, "mimeType": "video/mp4"});
    }
    json!({"instances": [instance], "parameters": parameters})
}

/// The operation a create answered with, if it belongs where it was sent.
pub fn parse_created(v: &Value, model_name: &str) -> Result<String, ProviderError> {
    let name = v.get("name").and_then(Value::as_str).unwrap_or_default();
    if name.starts_with(&format!("{model_name}/operations/")) && !name.contains("..") {
        Ok(name.to_string())
    } else {
        Err(ProviderError::Unexpected {
            status: 200,
            excerpt: if name.is_empty() {
                "the create answer has no operation name".into()
            } else {
                format!(
                    "the create answered with an operation of another model or project ({name})"
                )
            },
        })
    }
}

/// The model part of an operation name, which `:fetchPredictOperation` is called on.
pub fn operation_model(operation: &str) -> Option<&str> {
    let (model_name, _) = operation.split_once("/operations/")?;
    model_name.strip_prefix("projects/")?;
    Some(model_name)
}

/// One video of a finished operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// In Cloud Storage at this `gs://` URI.
    Stored(String),
    /// Base64 inside the operation itself.
    Inline,
}

/// Where an operation stands.
#[derive(Debug, Clone)]
pub enum Operation {
    Running,
    Done {
        videos: Vec<Output>,
        filtered: u64,
        reasons: Vec<String>,
    },
    Failed(ProviderError),
}

/// Reads a `:fetchPredictOperation` answer. Unknown shapes are "still running" only while
/// `done` is not true; a done answer that makes no sense is an unexpected answer.
pub fn parse_operation(v: &Value) -> Operation {
    if !v.get("done").and_then(Value::as_bool).unwrap_or(false) {
        return Operation::Running;
    }
    if let Some(e) = v.get("error") {
        let code = e.get("code").and_then(Value::as_i64).unwrap_or(0);
        let message = e
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("the generation failed");
        return Operation::Failed(classify::operation_error(code, message));
    }
    let Some(r) = v.get("response") else {
        return Operation::Failed(ProviderError::Unexpected {
            status: 200,
            excerpt: "a finished operation with neither a response nor an error".into(),
        });
    };
    // `generatedSamples` is the deprecated name of the same list.
    let list = r
        .get("videos")
        .or_else(|| r.get("generatedSamples"))
        .and_then(Value::as_array);
    let videos = list
        .into_iter()
        .flatten()
        .filter_map(|item| {
            let item = item.get("video").unwrap_or(item);
            if let Some(uri) = item.get("gcsUri").and_then(Value::as_str) {
                Some(Output::Stored(uri.to_string()))
            } else if item.get("bytesBase64Encoded").is_some() {
                Some(Output::Inline)
            } else {
                None
            }
        })
        .collect();
    let filtered = r
        .get("raiMediaFilteredCount")
        .and_then(|c| c.as_u64().or_else(|| c.as_str()?.parse().ok()))
        .unwrap_or(0);
    let reasons = r
        .get("raiMediaFilteredReasons")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|s| crate::secret::excerpt(s, 300))
        .collect();
    Operation::Done {
        videos,
        filtered,
        reasons,
    }
}

/// What became of sample `i` of an operation.
pub fn sample(op: &Operation, i: usize) -> Result<Option<Output>, ProviderError> {
    match op {
        Operation::Running => Ok(None),
        Operation::Failed(e) => Err(e.clone()),
        Operation::Done {
            videos,
            filtered,
            reasons,
        } => match videos.get(i) {
            Some(v) => Ok(Some(v.clone())),
            None if *filtered > 0 || !reasons.is_empty() => Err(rai_failure(reasons)),
            None => Err(ProviderError::Unexpected {
                status: 200,
                excerpt: format!(
                    "the operation finished with {} video(s) and no reason for the missing one",
                    videos.len()
                ),
            }),
        },
    }
}

/// A safety filter's refusal, with its category and Google's support codes.
fn rai_failure(reasons: &[String]) -> ProviderError {
    let message = if reasons.is_empty() {
        crate::msg!("vertex-filtered")
    } else {
        crate::msg!("vertex-filtered-why", why = reasons.join(" · "))
    };
    let codes: Vec<&str> = reasons
        .iter()
        .filter_map(|r| r.split("Support codes:").nth(1))
        .map(|c| c.trim().trim_end_matches('.'))
        .collect();
    ProviderError::Policy {
        reason: if codes.is_empty() {
            "RAI_MEDIA_FILTERED".into()
        } else {
            format!("RAI_MEDIA_FILTERED, support codes {}", codes.join(", "))
        },
        message,
    }
}

/// A `gs://bucket/object` URI's bucket and object.
pub fn parse_gs(uri: &str) -> Result<(String, String), Message> {
    let rest = uri
        .strip_prefix("gs://")
        .ok_or_else(|| crate::msg!("gs-not-a-uri", uri = uri))?;
    let (bucket, object) = rest.split_once('/').unwrap_or((rest, ""));
    let bucket_ok = (3..=222).contains(&bucket.len())
        && bucket
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'));
    if !bucket_ok {
        return Err(crate::msg!("gs-bad-bucket", bucket = bucket, uri = uri));
    }
    if object.split('/').any(|p| p == "..") {
        return Err(crate::msg!("gs-walks-up", uri = uri));
    }
    Ok((bucket.to_string(), object.to_string()))
}

/// The Cloud Storage JSON API URL that serves a `gs://` object's bytes.
pub fn media_url(storage_url: &str, gs: &str) -> Result<String, Message> {
    let (bucket, object) = parse_gs(gs)?;
    if object.is_empty() {
        return Err(crate::msg!("gs-bucket-only", uri = gs));
    }
    Ok(format!(
        "{}/storage/v1/b/{bucket}/o/{}?alt=media",
        storage_url.trim_end_matches('/'),
        encode_object(&object)
    ))
}

/// Percent-encodes an object name as one path segment (`/` included).
fn encode_object(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 3 / 2);
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether `GET …/publishers/google/models/{id}` still answers the shape flowdeck relies on:
/// an object whose `name` ends with the model id.
/// Whether a publisher model's answer says it is a preview (`launchStage`): `None` when it does
/// not say in a way flowdeck knows.
pub fn preview_stage(v: &Value) -> Option<bool> {
    match v.get("launchStage").and_then(Value::as_str)? {
        "GA" => Some(false),
        "PUBLIC_PREVIEW" | "PRIVATE_PREVIEW" | "EXPERIMENTAL" => Some(true),
        _ => None,
    }
}

pub fn model_shape(v: &Value, id: &str) -> Result<(), String> {
    match v.get("name").and_then(Value::as_str) {
        Some(name) if name.ends_with(&format!("models/{id}")) => Ok(()),
        Some(name) => Err(format!("asked about {id}, the answer names {name}")),
        None => Err(format!("the answer about {id} has no `name`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;

    fn params() -> Params {
        Params {
            id: "veo-3.1-fast-generate-001".into(),
            aspect: "9:16",
            seconds: 8,
            resolution: "1080p",
        }
    }

    #[test]
    fn hosts_for_regions_and_global() {
        let t = "https://{location}-aiplatform.googleapis.com/";
        assert_eq!(
            api_base(t, "us-central1"),
            "https://us-central1-aiplatform.googleapis.com"
        );
        assert_eq!(api_base(t, "global"), "https://aiplatform.googleapis.com");
        assert_eq!(
            api_base("http://127.0.0.1:9", "europe-west4"),
            "http://127.0.0.1:9"
        );
        assert!(check_location("us-central1").is_ok());
        assert!(check_location("US Central").is_err());
        assert!(check_project("my-project-123").is_ok());
        assert!(
            check_project("")
                .unwrap_err()
                .en()
                .contains("needs project")
        );
        assert!(check_project("a/b").is_err());
    }

    #[test]
    fn the_create_body_carries_what_vertex_accepts() {
        let x = Extras {
            images: Pictures::default(),
            video: None,
            seed: Some(42),
            samples: 3,
            storage_uri: Some("gs://bucket/out"),
            generate_audio: false,
            person_generation: None,
            negative_prompt: Some("text overlays"),
        };
        let body = create_body("a fox", &params(), &x);
        let p = &body["parameters"];
        assert_eq!(body["instances"][0]["prompt"], "a fox");
        assert_eq!(p["sampleCount"], 3);
        assert_eq!(p["seed"], 42);
        assert_eq!(p["generateAudio"], false);
        assert_eq!(p["storageUri"], "gs://bucket/out");
        assert_eq!(p["negativePrompt"], "text overlays");
        assert_eq!(
            (p["aspectRatio"].as_str(), p["resolution"].as_str()),
            (Some("9:16"), Some("1080p"))
        );
        assert_eq!(p["durationSeconds"], 8);
        let bare = create_body(
            "a fox",
            &params(),
            &Extras {
                samples: 9,
                ..Extras::default()
            },
        );
        assert_eq!(bare["parameters"]["sampleCount"], 4);
        assert!(bare["parameters"].get("seed").is_none());
        assert!(bare["parameters"].get("storageUri").is_none());
    }

    #[test]
    fn operations_are_checked_to_belong_where_they_were_sent() {
        let model = model_name("p1", "us-central1", "veo-3.1-generate-001");
        let op = format!("{model}/operations/123");
        assert_eq!(parse_created(&json!({"name": op}), &model).unwrap(), op);
        assert_eq!(operation_model(&op), Some(model.as_str()));
        let other = "projects/p2/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/1";
        assert!(parse_created(&json!({"name": other}), &model).is_err());
        assert!(parse_created(&json!({}), &model).is_err());
        assert_eq!(operation_model("models/x/operations/1"), None);
    }

    #[test]
    fn finished_operations_stored_inline_filtered_and_failed() {
        let stored = json!({"name":"op","done":true,"response":{
            "@type":"type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse",
            "raiMediaFilteredCount":0,
            "videos":[{"gcsUri":"gs://b/o/1/sample_0.mp4","mimeType":"video/mp4"},
                      {"gcsUri":"gs://b/o/1/sample_1.mp4","mimeType":"video/mp4"}]}});
        let op = parse_operation(&stored);
        assert_eq!(
            sample(&op, 1).unwrap(),
            Some(Output::Stored("gs://b/o/1/sample_1.mp4".into()))
        );
        let inline = json!({"done":true,"response":{"videos":[{"bytesBase64Encoded":"AAAA","mimeType":"video/mp4"}]}});
        assert_eq!(
            sample(&parse_operation(&inline), 0).unwrap(),
            Some(Output::Inline)
        );
        let filtered = json!({"done":true,"response":{"videos":[],"raiMediaFilteredCount":1,
            "raiMediaFilteredReasons":["Veo could not generate videos because the input prompt contains violent content. Support codes: 58061214"]}});
        match sample(&parse_operation(&filtered), 0) {
            Err(ProviderError::Policy { reason, message }) => {
                assert!(reason.contains("58061214"), "{reason}");
                assert!(message.en().contains("violent content"), "{message:?}");
            }
            other => panic!("{other:?}"),
        }
        // Scripts get the filter's code, the support code staying in the words.
        let code = sample(&parse_operation(&filtered), 0)
            .err()
            .and_then(|e| e.code());
        assert_eq!(code.as_deref(), Some("RAI_MEDIA_FILTERED"));
        let failed = json!({"done":true,"error":{"code":3,"message":"bad prompt"}});
        assert!(matches!(
            sample(&parse_operation(&failed), 0),
            Err(ProviderError::InvalidRequest(_))
        ));
        assert!(matches!(
            parse_operation(&json!({"name":"op"})),
            Operation::Running
        ));
        // Drift: a done answer with nothing in it is an unexpected answer, never "done".
        assert!(matches!(
            sample(&parse_operation(&json!({"done":true})), 0),
            Err(ProviderError::Unexpected { .. })
        ));
        let short = json!({"done":true,"response":{"videos":[]}});
        assert!(matches!(
            sample(&parse_operation(&short), 0),
            Err(ProviderError::Unexpected { .. })
        ));
        let legacy = json!({"done":true,"response":{"generatedSamples":[{"video":{"gcsUri":"gs://b/x.mp4"}}]}});
        assert_eq!(
            sample(&parse_operation(&legacy), 0).unwrap(),
            Some(Output::Stored("gs://b/x.mp4".into()))
        );
    }

    #[test]
    fn gs_uris_become_storage_api_urls() {
        assert_eq!(
            media_url(
                "https://storage.googleapis.com/",
                "gs://my-bucket/out/12 3/sample_0.mp4"
            )
            .unwrap(),
            "https://storage.googleapis.com/storage/v1/b/my-bucket/o/out%2F12%203%2Fsample_0.mp4?alt=media"
        );
        assert!(media_url("https://s", "gs://my-bucket").is_err());
        assert!(parse_gs("s3://bucket/x").is_err());
        assert!(parse_gs("gs://Bad_Bucket!/x").is_err());
        assert!(parse_gs("gs://bucket/../x").is_err());
        assert_eq!(
            parse_gs("gs://bucket").unwrap(),
            ("bucket".into(), String::new())
        );
    }

    #[test]
    fn pictures_go_in_the_instance_and_ask_for_adults_only() {
        let pic = |d: &str| Picture64 {
            data: d.into(),
            mime: "image/png",
        };
        let frames = Extras {
            images: Pictures {
                start: Some(pic("AAA")),
                end: Some(pic("BBB")),
                references: Vec::new(),
            },
            person_generation: Some("allow_all"),
            samples: 1,
            ..Extras::default()
        };
        let body = create_body("dawn to dusk", &params(), &frames);
        let i = &body["instances"][0];
        assert_eq!(
            i["image"],
            json!({"bytesBase64Encoded": "AAA", "mimeType": "image/png"})
        );
        assert_eq!(i["lastFrame"]["bytesBase64Encoded"], "BBB");
        assert!(i.get("referenceImages").is_none());
        assert_eq!(body["parameters"]["personGeneration"], "allow_adult");
        let refs = Extras {
            images: Pictures {
                references: vec![pic("R1"), pic("R2")],
                ..Pictures::default()
            },
            samples: 1,
            ..Extras::default()
        };
        let body = create_body("our hero", &params(), &refs);
        assert_eq!(
            body["instances"][0]["referenceImages"],
            json!([
                {"image": {"bytesBase64Encoded": "R1", "mimeType": "image/png"}, "referenceType": "asset"},
                {"image": {"bytesBase64Encoded": "R2", "mimeType": "image/png"}, "referenceType": "asset"}
            ])
        );
        assert!(body["instances"][0].get("image").is_none());
        // Text alone keeps the configured choice.
        let text = Extras {
            person_generation: Some("dont_allow"),
            samples: 1,
            ..Extras::default()
        };
        assert_eq!(
            create_body("p", &params(), &text)["parameters"]["personGeneration"],
            "dont_allow"
        );
    }

    #[test]
    fn a_continued_scene_sends_the_earlier_video_and_allows_all() {
        let next = Extras {
            video: Some("AAAAGGZ0eXA=".into()),
            person_generation: Some("allow_adult"),
            samples: 1,
            ..Extras::default()
        };
        let body = create_body("she walks on", &params(), &next);
        assert_eq!(
            body["instances"][0],
            json!({"prompt": "she walks on",
                   "video": {"bytesBase64Encoded": "AAAAGGZ0eXA=", "mimeType": "video/mp4"}})
        );
        assert_eq!(body["parameters"]["personGeneration"], "allow_all");
    }

    #[test]
    fn a_model_s_launch_stage_says_ga_or_preview() {
        let stage = |s: &str| preview_stage(&serde_json::json!({"launchStage": s}));
        assert_eq!(stage("GA"), Some(false));
        assert_eq!(stage("PUBLIC_PREVIEW"), Some(true));
        assert_eq!(stage("SOMETHING_NEW"), None);
        assert_eq!(preview_stage(&serde_json::json!({})), None);
    }
}
