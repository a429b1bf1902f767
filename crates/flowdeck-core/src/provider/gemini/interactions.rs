//! Gemini Omni Flash through the Interactions API (reference section 3): the create body and
//! reading an interaction. Pure.
//!
//! A create with `background: true` answers at once with an id; `GET interactions/{id}` then
//! moves through `queued` and `in_progress` to an end. The video is in the last `model_output`
//! step's content, as a Files API `uri` or inline base64 `data`. A `completed` interaction with
//! no video was blocked by a safety filter: a refusal, never "done".

use serde_json::{Value, json};

use super::classify;
use super::models::Params;
use crate::provider::error::ProviderError;

/// A picture as an input block: `{"type":"image","data":"<b64>","mime_type":…}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageBlock {
    pub data: String,
    pub mime: &'static str,
}

/// What a create continues, when it continues an earlier interaction of the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Continuation<'a> {
    /// The earlier interaction's id.
    pub previous: &'a str,
    /// A chain's next scene (extension), not a revision (edit).
    pub extend: bool,
    /// Also name the task: only after the service refused a continuation for lacking one.
    pub with_task: bool,
}

/// How an extension's instruction begins: with no `task` on a continuation (the service refuses
/// `task` together with `previous_interaction_id`, reference update 2026-12-06) the model reads
/// the intent from the words, so a chain's next scene says that it extends. [INFERRED]
pub const EXTEND_LEAD: &str = "Extend the video: ";

/// The `POST /v1beta/interactions` body: text→video; or, with pictures, image→video (one
/// picture, or first and last frames) or reference→video (`references`), the picture blocks
/// first and the prompt after them; or a continuation of an earlier interaction (`then`): a
/// revision whose prompt is the instruction, or a chain's next scene whose prompt says what
/// happens next. Every interaction is stored, so that it can be continued later.
///
/// A continuation carries no `task` (unless the service asked for one) and no aspect ratio
/// (the earlier video has one; Vertex's Omni was seen refusing "Aspect ratio cannot be set in
/// response format for edit task"). [INFERRED] On an extension `duration` is the added length
/// (Omni adds 3–10 s per call, reference section 3); the answer is the whole longer video.
pub fn create_body(
    prompt: &str,
    p: &Params,
    then: Option<Continuation<'_>>,
    images: &[ImageBlock],
    references: bool,
) -> Value {
    let task = match (then, images.is_empty(), references) {
        (Some(c), _, _) if c.extend => "extend",
        (Some(_), _, _) => "edit",
        (None, true, _) => "text_to_video",
        (None, false, false) => "image_to_video",
        (None, false, true) => "reference_to_video",
    };
    let text = match then {
        Some(c) if c.extend => format!("{EXTEND_LEAD}{prompt}"),
        _ => prompt.to_string(),
    };
    let input = if images.is_empty() {
        json!(text)
    } else {
        let mut blocks: Vec<Value> = images
            .iter()
            .map(|i| json!({"type": "image", "data": i.data, "mime_type": i.mime}))
            .collect();
        blocks.push(json!({"type": "text", "text": text}));
        Value::Array(blocks)
    };
    let mut format = json!({
        "type": "video",
        "resolution": p.resolution,
        "duration": format!("{}s", p.seconds),
        "delivery": "uri",
    });
    let mut body = json!({
        "model": p.route.id(),
        "input": input,
        "background": true,
        "store": true,
    });
    match then {
        Some(c) => {
            body["previous_interaction_id"] = json!(c.previous);
            if c.with_task {
                body["generation_config"] = json!({"video_config": {"task": task}});
            }
        }
        None => {
            format["aspect_ratio"] = json!(p.aspect);
            body["generation_config"] = json!({"video_config": {"task": task}});
        }
    }
    body["response_format"] = format;
    body
}

/// Where the video of a finished interaction is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivered {
    /// A Files API download URI.
    Uri(String),
    /// Inline base64 in the interaction itself (fetched again, decoded as it streams).
    Inline,
}

/// Where an interaction stands.
#[derive(Debug, Clone)]
pub enum Progress {
    Running,
    Video(Delivered),
    Failed(ProviderError),
}

/// The content items of the last `model_output` step.
fn output(v: &Value) -> Vec<&Value> {
    v.get("steps")
        .and_then(Value::as_array)
        .and_then(|steps| {
            steps
                .iter()
                .rev()
                .find(|s| s.get("type").and_then(Value::as_str) == Some("model_output"))
        })
        .and_then(|s| s.get("content"))
        .and_then(Value::as_array)
        .map(|c| c.iter().collect())
        .unwrap_or_default()
}

fn is_video(item: &Value) -> bool {
    item.get("type").and_then(Value::as_str) == Some("video")
        || item
            .get("mime_type")
            .and_then(Value::as_str)
            .is_some_and(|m| m.starts_with("video/"))
}

/// Reads `GET /v1beta/interactions/{id}`.
pub fn parse(v: &Value) -> Progress {
    let status = v.get("status").and_then(Value::as_str).unwrap_or("");
    match status {
        "completed" => {
            let content = output(v);
            if let Some(video) = content.iter().find(|c| is_video(c)) {
                if let Some(uri) = video.get("uri").and_then(Value::as_str) {
                    return Progress::Video(Delivered::Uri(uri.to_string()));
                }
                if video.get("data").is_some_and(Value::is_string) {
                    return Progress::Video(Delivered::Inline);
                }
            }
            let words: Vec<&str> = content
                .iter()
                .filter_map(|c| c.get("text").and_then(Value::as_str))
                .collect();
            Progress::Failed(ProviderError::Policy {
                reason: "NO_VIDEO".into(),
                message: if words.is_empty() {
                    crate::msg!("omni-no-video-filtered")
                } else {
                    let said = crate::secret::excerpt(&words.join(" "), 300);
                    crate::msg!("omni-no-video", said = said)
                },
            })
        }
        "failed" => Progress::Failed(match v.get("error") {
            Some(e) => classify::interaction_error(e),
            None => ProviderError::Policy {
                reason: "FAILED".into(),
                message: crate::msg!("omni-failed-no-reason"),
            },
        }),
        "cancelled" => Progress::Failed(ProviderError::Policy {
            reason: "CANCELLED".into(),
            message: crate::msg!("omni-cancelled"),
        }),
        "incomplete" => Progress::Failed(ProviderError::Policy {
            reason: "INCOMPLETE".into(),
            message: crate::msg!("omni-incomplete"),
        }),
        "budget_exceeded" => Progress::Failed(ProviderError::QuotaReached(crate::msg!(
            "omni-budget-exceeded"
        ))),
        // queued, in_progress, requires_action, and anything newer: keep waiting (the
        // deadline turns a never-ending one into TimedOut, which can be checked again).
        _ => Progress::Running,
    }
}

/// The Files API id in a download URI (`…/v1beta/files/{id}:download?alt=media`).
pub fn file_id(uri: &str) -> Option<&str> {
    let rest = uri.split("/files/").nth(1)?;
    let id = rest.split([':', '?', '/']).next()?;
    (!id.is_empty()).then_some(id)
}

/// A Files API file's state: `ACTIVE` may be downloaded.
pub fn file_active(v: &Value) -> Option<bool> {
    match v.get("state").and_then(Value::as_str)? {
        "ACTIVE" => Some(true),
        "PROCESSING" | "STATE_UNSPECIFIED" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::En;
    use crate::provider::gemini::catalog::Route;

    fn params() -> Params {
        Params {
            route: Route::Omni("gemini-omni-1.2-flash".into()),
            aspect: "9:16",
            seconds: 8,
            resolution: "1080p",
        }
    }

    #[test]
    fn the_create_body_is_the_documented_one_and_stored() {
        assert_eq!(
            create_body("A marble rolling", &params(), None, &[], false),
            json!({"model":"gemini-omni-1.2-flash","input":"A marble rolling","background":true,"store":true,
                "response_format":{"type":"video","aspect_ratio":"9:16","resolution":"1080p","duration":"8s","delivery":"uri"},
                "generation_config":{"video_config":{"task":"text_to_video"}}})
        );
    }

    /// Google's sample continuation sends `model`, `previous_interaction_id` and `input`; a
    /// `task` with it is answered 400, and so is an aspect ratio on an edit.
    #[test]
    fn a_continuation_names_its_interaction_and_neither_task_nor_aspect() {
        let then = |extend| Continuation {
            previous: "v1_abc",
            extend,
            with_task: false,
        };
        let revise = create_body("make it night", &params(), Some(then(false)), &[], false);
        assert_eq!(
            revise,
            json!({"model":"gemini-omni-1.2-flash","input":"make it night","background":true,"store":true,
                "previous_interaction_id":"v1_abc",
                "response_format":{"type":"video","resolution":"1080p","duration":"8s","delivery":"uri"}})
        );
        let next = create_body("she walks on", &params(), Some(then(true)), &[], false);
        assert_eq!(next["previous_interaction_id"], "v1_abc");
        assert_eq!(next["input"], "Extend the video: she walks on");
        assert!(next.get("generation_config").is_none(), "{next}");
        assert!(next["response_format"].get("aspect_ratio").is_none());
        assert_eq!(next["store"], true);
        // Named only when the service asked for it.
        let asked = create_body(
            "she walks on",
            &params(),
            Some(Continuation {
                with_task: true,
                ..then(true)
            }),
            &[],
            false,
        );
        assert_eq!(asked["generation_config"]["video_config"]["task"], "extend");
        assert!(asked["response_format"].get("aspect_ratio").is_none());
    }

    #[test]
    fn interactions_read_running_video_and_refusals() {
        assert!(matches!(
            parse(&json!({"id":"v1_a","status":"in_progress"})),
            Progress::Running
        ));
        assert!(matches!(
            parse(&json!({"id":"v1_a","status":"queued"})),
            Progress::Running
        ));
        let uri = json!({"status":"completed","steps":[
            {"type":"user_input","content":[{"type":"text","text":"p"}]},
            {"type":"model_output","content":[{"type":"video","mime_type":"video/mp4","uri":"https://x/v1beta/files/abc:download?alt=media"}]}]});
        assert!(
            matches!(parse(&uri), Progress::Video(Delivered::Uri(u)) if u.ends_with("abc:download?alt=media"))
        );
        let inline = json!({"status":"completed","steps":[{"type":"model_output","content":[{"mime_type":"video/mp4","data":"AAAA"}]}]});
        assert!(matches!(parse(&inline), Progress::Video(Delivered::Inline)));
        let blocked = json!({"status":"completed","steps":[{"type":"model_output","content":[{"type":"text","text":"I can't make that video."}]}],
            "usage":{"output_tokens_by_modality":[{"modality":"text","tokens":9}]}});
        assert!(
            matches!(parse(&blocked), Progress::Failed(ProviderError::Policy { message, .. }) if message.en().contains("can't make that video")),
            "completed without a video is a refusal"
        );
        // A script tells it from a fault by its class and code.
        let Progress::Failed(e) = parse(&blocked) else {
            panic!("a refusal")
        };
        assert_eq!(
            (e.class(), e.code().as_deref()),
            ("policy", Some("NO_VIDEO"))
        );
        assert!(matches!(
            parse(&json!({"status":"budget_exceeded"})),
            Progress::Failed(ProviderError::QuotaReached(_))
        ));
        assert!(matches!(
            parse(&json!({"status":"failed","error":{"code":"invalid_request","message":"bad"}})),
            Progress::Failed(_)
        ));
    }

    #[test]
    fn file_ids_and_states() {
        assert_eq!(
            file_id("https://g/v1beta/files/abc123:download?alt=media"),
            Some("abc123")
        );
        assert_eq!(file_id("https://g/other"), None);
        assert_eq!(file_active(&json!({"state":"ACTIVE"})), Some(true));
        assert_eq!(file_active(&json!({"state":"PROCESSING"})), Some(false));
        assert_eq!(file_active(&json!({"state":"FAILED"})), None);
    }

    #[test]
    fn pictures_are_blocks_before_the_prompt_with_the_task_they_make() {
        let img = |d: &str| ImageBlock {
            data: d.into(),
            mime: "image/png",
        };
        let frames = create_body(
            "dawn to dusk",
            &params(),
            None,
            &[img("A"), img("B")],
            false,
        );
        assert_eq!(
            frames["input"],
            json!([
                {"type": "image", "data": "A", "mime_type": "image/png"},
                {"type": "image", "data": "B", "mime_type": "image/png"},
                {"type": "text", "text": "dawn to dusk"}
            ])
        );
        assert_eq!(
            frames["generation_config"]["video_config"]["task"],
            "image_to_video"
        );
        let refs = create_body("our hero", &params(), None, &[img("R")], true);
        assert_eq!(
            refs["generation_config"]["video_config"]["task"],
            "reference_to_video"
        );
        assert_eq!(refs["input"][1]["text"], "our hero");
        let text = create_body("a fox", &params(), None, &[], false);
        assert_eq!(text["input"], "a fox");
    }
}
