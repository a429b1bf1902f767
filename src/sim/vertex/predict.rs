//! `…/models/{model}:predictLongRunning`: checks the body as Veo on Vertex does, applies the
//! project's quota and the fault dice, and makes `sampleCount` videos under one operation.

use std::time::Instant;

use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Value, json};

use super::world::{Object, Operation};
use super::{Target, caller, errors};
use crate::sim::gemini::marked;
use crate::sim::reply::{self, invalid};
use crate::sim::state::{Media, Sim};
use crate::sim::video::Video;

/// What a valid create body asks for.
#[derive(Debug, PartialEq)]
pub struct Ask {
    pub prompt: String,
    pub samples: u32,
    pub seed: Option<u32>,
    pub aspect: String,
    /// `gs://bucket/prefix` as (bucket, prefix without a trailing `/`).
    pub storage: Option<(String, String)>,
    /// The pictures it carries, each named by the first 16 hex digits of its SHA-256, in
    /// order: image, lastFrame, referenceImages.
    pub images: Vec<String>,
}

/// `{"bytesBase64Encoded", "mimeType"}` holding a real picture: its short digest.
fn picture(v: &Value, field: &str) -> Result<String, Response> {
    use base64::Engine;
    use sha2::Digest;
    let mime = v
        .get("mimeType")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !mime.starts_with("image/") {
        return Err(invalid(&format!("{field}.mimeType must be an image type.")));
    }
    let bytes = v
        .get("bytesBase64Encoded")
        .and_then(Value::as_str)
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .ok_or_else(|| invalid(&format!("{field}.bytesBase64Encoded is not valid base64.")))?;
    crate::picture::sniff(&bytes)
        .map_err(|_| invalid(&format!("Unable to process the image in {field}.")))?;
    Ok(hex::encode(&sha2::Sha256::digest(&bytes)[..8]))
}

/// The instance's pictures, checked the way Veo does.
fn pictures(
    instance: &Value,
    duration: u64,
    person: Option<&str>,
) -> Result<Vec<String>, Response> {
    let mut out = Vec::new();
    let start = instance.get("image");
    if let Some(i) = start {
        out.push(picture(i, "image")?);
    }
    if let Some(l) = instance.get("lastFrame") {
        if start.is_none() {
            return Err(invalid("lastFrame requires image to be provided."));
        }
        out.push(picture(l, "lastFrame")?);
    }
    if let Some(refs) = instance.get("referenceImages") {
        let refs = refs
            .as_array()
            .filter(|r| (1..=3).contains(&r.len()))
            .ok_or_else(|| invalid("referenceImages must hold 1 to 3 images."))?;
        if start.is_some() {
            return Err(invalid("referenceImages cannot be combined with image."));
        }
        if duration != 8 {
            return Err(invalid("referenceImages requires a duration of 8 seconds."));
        }
        for r in refs {
            if r.get("referenceType").and_then(Value::as_str) != Some("asset") {
                return Err(invalid("referenceImages[].referenceType must be asset."));
            }
            out.push(picture(
                r.get("image").unwrap_or(&Value::Null),
                "referenceImages[].image",
            )?);
        }
    }
    if !out.is_empty() && person != Some("allow_adult") {
        return Err(invalid(
            "personGeneration must be allow_adult for image-to-video and reference images.",
        ));
    }
    Ok(out)
}

fn optional_str<'v>(p: &'v Value, key: &str) -> Result<Option<&'v str>, Response> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(&format!("parameters.{key} must be a string."))),
    }
}

/// Checks a create body the way Veo on Vertex does.
pub fn check(v: &Value) -> Result<Ask, Response> {
    let prompt = v
        .pointer("/instances/0/prompt")
        .and_then(Value::as_str)
        .filter(|p| !p.trim().is_empty())
        .ok_or_else(|| invalid("instances[0].prompt is required for text-to-video."))?;
    let empty = json!({});
    let p = v.get("parameters").unwrap_or(&empty);
    let samples = match p.get("sampleCount") {
        None => 1,
        Some(n) => n.as_u64().unwrap_or(0),
    };
    if !(1..=4).contains(&samples) {
        return Err(invalid(
            "The value of sampleCount is out of bound. Please provide a value between 1 and 4, inclusive.",
        ));
    }
    let duration = match p.get("durationSeconds") {
        None => 8,
        Some(n) => n.as_u64().unwrap_or(0),
    };
    if ![4, 6, 8].contains(&duration) {
        return Err(invalid(&format!(
            "Unsupported output video duration {} seconds, supported durations are [8,4,6] for feature text_to_video.",
            p.get("durationSeconds").map_or(Value::Null, Value::clone)
        )));
    }
    let aspect = optional_str(p, "aspectRatio")?.unwrap_or("16:9");
    if !["16:9", "9:16"].contains(&aspect) {
        return Err(invalid(&format!(
            "Aspect ratio {aspect} is not supported. Supported aspect ratios are 16:9 and 9:16."
        )));
    }
    let resolution = optional_str(p, "resolution")?.unwrap_or("720p");
    if !["720p", "1080p", "4k"].contains(&resolution) {
        return Err(invalid(&format!(
            "Resolution {resolution} is not supported. Supported resolutions are 720p, 1080p and 4k."
        )));
    }
    if resolution != "720p" && duration != 8 {
        return Err(invalid(&format!(
            "Resolution {resolution} is only supported with a duration of 8 seconds."
        )));
    }
    let seed = match p.get("seed") {
        None | Some(Value::Null) => None,
        Some(n) => Some(
            n.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    invalid("parameters.seed must be an integer between 0 and 4294967295.")
                })?,
        ),
    };
    if p.get("generateAudio").is_some_and(|g| !g.is_boolean()) {
        return Err(invalid("parameters.generateAudio must be a boolean."));
    }
    let person = optional_str(p, "personGeneration")?;
    let images = pictures(
        v.pointer("/instances/0").unwrap_or(&Value::Null),
        duration,
        person,
    )?;
    optional_str(p, "negativePrompt")?;
    let storage = match optional_str(p, "storageUri")? {
        None => None,
        Some(uri) => {
            let rest = uri.strip_prefix("gs://").filter(|r| !r.is_empty()).ok_or_else(|| {
                invalid(&format!(
                    "storageUri must be a Cloud Storage URI such as gs://bucket/prefix, not \"{uri}\"."
                ))
            })?;
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            Some((bucket.to_string(), prefix.trim_end_matches('/').to_string()))
        }
    };
    Ok(Ask {
        prompt: prompt.to_string(),
        samples: samples as u32,
        seed,
        aspect: aspect.to_string(),
        storage,
        images,
    })
}

/// Takes a slot in the project's sliding quota window, if there is one free.
fn within_quota(sim: &Sim, project: &str) -> bool {
    let Some((limit, window)) = sim.config.vertex_quota else {
        return true;
    };
    let now = Instant::now();
    let mut w = sim.world();
    let recent = w.vertex.creates.entry(project.to_string()).or_default();
    while recent
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        recent.pop_front();
    }
    if recent.len() >= limit as usize {
        return false;
    }
    recent.push_back(now);
    true
}

/// Where sample `i` of operation `id` lands under `prefix`.
fn object_name(prefix: &str, id: &str, i: u32) -> String {
    if prefix.is_empty() {
        format!("{id}/sample_{i}.mp4")
    } else {
        format!("{prefix}/{id}/sample_{i}.mp4")
    }
}

pub fn create(sim: &Sim, at: &Target, headers: &HeaderMap, body: &[u8]) -> Response {
    let account = match caller(sim, headers, at, "vertex-predict") {
        Ok(a) => a,
        Err(r) => return r,
    };
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return invalid("Invalid JSON payload received.");
    };
    let ask = match check(&v) {
        Ok(a) => a,
        Err(r) => return r,
    };
    if marked(&ask.prompt, &sim.config.reject_marker) {
        return invalid(
            "The prompt could not be submitted. This prompt contains words that violate Vertex AI's usage guidelines. Try rephrasing the prompt. If you think this was an error, send feedback. Support codes: 15236754",
        );
    }
    if sim.roll(|f| f.create_429) {
        sim.world().faults_seen.create_429 += 1;
        return errors::quota(&at.model);
    }
    if !within_quota(sim, &at.project) {
        return errors::quota(&at.model);
    }
    let id = sim.new_id();
    let name = format!("{}/operations/{id}", at.resource());
    let fails = marked(&ask.prompt, &sim.config.fail_marker);
    let errs = marked(&ask.prompt, &sim.config.error_marker);
    let created = Instant::now();
    let mut samples = Vec::new();
    let mut uris = Vec::new();
    let mut media = Vec::new();
    let mut objects = Vec::new();
    for i in 0..ask.samples {
        let key = format!("{name}#{i}");
        if let Some((bucket, prefix)) = &ask.storage {
            let object = object_name(prefix, &id, i);
            uris.push(format!("gs://{bucket}/{object}"));
            objects.push((
                (bucket.clone(), object),
                Object {
                    project: at.project.clone(),
                    operation: name.clone(),
                    media: key.clone(),
                },
            ));
        }
        media.push(Media {
            video: Video::new(&key, sim.config.video_bytes),
            name: key.clone(),
            owner: account,
            project: at.project.clone(),
            workflow: String::new(),
            client_uuid: String::new(),
            previous: None,
            prompt: ask.prompt.clone(),
            seed: u64::from(ask.seed.unwrap_or(0)) + u64::from(i),
            model: at.model.clone(),
            aspect: ask.aspect.clone(),
            created,
            fails,
            errors: errs,
            expired: false,
            from_images: ask.images.clone(),
            full_downloads: 0,
        });
        samples.push(key);
    }
    let lost = sim.roll(|f| f.lost_answer);
    let mut w = sim.world();
    let report = &mut w.accounts[account].report;
    // Like the Gemini sim, `credits` counts down what was made (here: per video).
    report.credits -= i64::from(ask.samples);
    report.create_calls += 1;
    report.videos_created += u64::from(ask.samples);
    if lost {
        w.faults_seen.lost_answers += 1;
    }
    for m in media {
        w.media.insert(m.name.clone(), m);
    }
    w.vertex.objects.extend(objects);
    w.vertex.operations.insert(
        name.clone(),
        Operation {
            project: at.project.clone(),
            samples,
            uris,
            created,
        },
    );
    drop(w);
    if lost {
        // Made and charged, but the answer never arrives.
        return errors::bad_gateway();
    }
    if let Some(r) = crate::sim::gemini::failed_after_making(sim) {
        return r;
    }
    reply::ok(json!({ "name": name }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(r: Result<Ask, Response>) -> u16 {
        r.err().map_or(200, |r| r.status().as_u16())
    }

    #[test]
    fn the_body_is_checked_as_veo_on_vertex_checks_it() {
        let ok = |p: Value| {
            status(check(
                &json!({"instances": [{"prompt": "a fox"}], "parameters": p}),
            ))
        };
        assert_eq!(ok(json!({})), 200);
        assert_eq!(
            ok(json!({"sampleCount": 4, "durationSeconds": 6, "aspectRatio": "9:16"})),
            200
        );
        assert_eq!(ok(json!({"resolution": "4k", "durationSeconds": 8})), 200);
        assert_eq!(ok(json!({"sampleCount": 0})), 400);
        assert_eq!(ok(json!({"sampleCount": 5})), 400);
        assert_eq!(ok(json!({"durationSeconds": 5})), 400);
        assert_eq!(ok(json!({"durationSeconds": "8"})), 400);
        assert_eq!(ok(json!({"aspectRatio": "1:1"})), 400);
        assert_eq!(ok(json!({"resolution": "480p"})), 400);
        assert_eq!(
            ok(json!({"resolution": "1080p", "durationSeconds": 6})),
            400
        );
        assert_eq!(ok(json!({"storageUri": "s3://bucket/x"})), 400);
        assert_eq!(ok(json!({"seed": -1})), 400);
        assert_eq!(status(check(&json!({"instances": [{}]}))), 400);
    }

    #[test]
    fn storage_uris_split_into_bucket_and_prefix() {
        let ask = |uri: &str| {
            check(&json!({"instances": [{"prompt": "p"}], "parameters": {"storageUri": uri, "seed": 7}}))
                .map_err(|_| ())
        };
        let a = ask("gs://b/out/").expect("valid");
        assert_eq!(a.storage, Some(("b".into(), "out".into())));
        assert_eq!(a.seed, Some(7));
        assert_eq!(
            ask("gs://b").expect("valid").storage,
            Some(("b".into(), String::new()))
        );
        assert_eq!(object_name("", "op", 1), "op/sample_1.mp4");
        assert_eq!(object_name("a/b", "op", 0), "a/b/op/sample_0.mp4");
    }
}
