//! The inner payload of every RPC flowdeck sends, slot for slot as the UI sends it (reference
//! section 3; the text→video shape follows the UI capture of 2026-09-08). Pure: values in,
//! JSON out.

use serde_json::{Value, json};

use super::envelope;
use super::protocol;
use super::transport::CAPTCHA;
use super::transport::Call;

/// Flow's tool id in every context block ("PINHOLE").
const TOOL: i64 = 22;

/// The client ids one generated video carries (`[null,null,null,null,U1,U2]`). Flow's listing
/// gives one of them back, which is how a create whose answer was lost is found again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientIds {
    pub u1: String,
    pub u2: String,
}

impl ClientIds {
    /// Two fresh upper-case v4 uuids, as the UI makes them.
    pub fn new() -> ClientIds {
        ClientIds {
            u1: upper_uuid(),
            u2: upper_uuid(),
        }
    }
}

impl Default for ClientIds {
    fn default() -> Self {
        ClientIds::new()
    }
}

pub fn upper_uuid() -> String {
    uuid::Uuid::new_v4().to_string().to_uppercase()
}

/// `source-path` for calls about a project.
pub fn project_path(project: &str) -> String {
    format!("/project/{project}")
}

pub(super) fn context(project: &str) -> Value {
    json!([
        null,
        TOOL,
        null,
        null,
        null,
        project,
        null,
        null,
        null,
        null,
        [CAPTCHA, 1]
    ])
}

/// One video of a text→video request.
pub struct VideoItem<'a> {
    pub prompt: &'a str,
    pub model_key: &'a str,
    /// 1 = portrait, 2 = landscape.
    pub aspect: u8,
    pub ids: &'a ClientIds,
}

/// `YhhmEf`: `[[ITEM…], CTX, [<batch>, 2]]`, one ITEM per copy, all sharing the batch uuid.
pub fn text_to_video(project: &str, items: &[VideoItem<'_>], batch: &str) -> Call {
    let items: Vec<Value> = items
        .iter()
        .map(|i| {
            json!([
                [null, null, [[[i.prompt]]]],
                i.model_key,
                i.aspect,
                null,
                [null, null, null, null, i.ids.u1, i.ids.u2]
            ])
        })
        .collect();
    let inner = json!([items, context(project), [batch, 2]]);
    let p = protocol::current();
    generate(&p.rpc.text_to_video, &inner, project_path(project))
}

/// `p0UkFb`: an upscale of a finished video, as the UI sent it on 2026-09: one item of 32
/// slots (`[0]` the video, `[2]` its aspect slot, `[4]` its workflow with a client uuid, `[6]`
/// the tier, `[31]` the upsampler key), the context, and a batch uuid alone.
pub fn upscale(project: &str, u: &UpscaleItem<'_>, batch: &str) -> Call {
    let mut item = vec![Value::Null; 32];
    item[0] = json!([null, u.media]);
    item[2] = json!(u.aspect);
    item[4] = json!([null, u.workflow, null, null, u.uuid]);
    item[6] = json!(u.tier);
    item[31] = json!(u.model_key);
    let inner = json!([[item], context(project), [batch]]);
    generate(
        &protocol::current().rpc.upscale,
        &inner,
        project_path(project),
    )
}

/// What an upscale names.
pub struct UpscaleItem<'a> {
    /// idA of the finished video.
    pub media: &'a str,
    /// Its workflow (idB).
    pub workflow: &'a str,
    /// 1 = portrait, 2 = landscape.
    pub aspect: u8,
    /// 2 = 1080p, 3 = 4K.
    pub tier: u8,
    pub model_key: &'a str,
    /// The client uuid the listing gives back.
    pub uuid: &'a str,
}

/// `jwpduf`: the status of several media in one call.
pub fn poll(project: &str, media: &[&str]) -> Call {
    let ids: Vec<Value> = media.iter().map(|m| json!([m])).collect();
    let rpc = &protocol::current().rpc.status;
    read(rpc, &json!([null, null, ids]), project_path(project))
}

/// `as29s`: one media's record with freshly signed URLs.
pub fn media(project: &str, media: &str) -> Call {
    read(
        &protocol::current().rpc.sign,
        &json!([media]),
        project_path(project),
    )
}

/// `Zzl0ze`: everything in a project (workflows and media records).
pub fn listing(project: &str) -> Call {
    read(
        &protocol::current().rpc.listing,
        &json!([format!("projects/{project}"), null, null, null, [1]]),
        project_path(project),
    )
}

/// `jHPbke`: a new project.
pub fn create_project(title: &str) -> Call {
    read(
        &protocol::current().rpc.new_project,
        &json!(["projects/*", [null, [title]], [null, TOOL]]),
        "/".into(),
    )
}

/// `nzlxg`: the credit balance and plan.
pub fn credits() -> Call {
    read(&protocol::current().rpc.credits, &json!([]), "/".into())
}

/// `HTrJv`: the model catalogue.
pub fn catalogue() -> Call {
    read(&protocol::current().rpc.catalogue, &json!([]), "/".into())
}

/// `yBhWQ`: read as the families this account is offered.
pub fn family_list() -> Call {
    read(&protocol::current().rpc.families, &json!([]), "/".into())
}

/// A call that spends: the page mints a reCAPTCHA token for the video action right before it.
pub(super) fn generate(rpcid: &str, inner: &Value, path: String) -> Call {
    Call {
        rpcid: rpcid.into(),
        freq: envelope::freq(rpcid, inner),
        path,
        captcha: Some(protocol::current().actions.video.clone()),
    }
}

fn read(rpcid: &str, inner: &Value, path: String) -> Call {
    Call {
        rpcid: rpcid.into(),
        freq: envelope::freq(rpcid, inner),
        path,
        captcha: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The UI's own text→video request of 2026-09-08 (sp1007/flowkit
    /// `agent/services/testdata/boq_payloads.json`, key `YhhmEf`), slot for slot.
    const CAPTURED_YHHMEF: &str = r#"[[[[null,null,[[["con chó chạy tung tăng trên đồng cỏ"]]]],"veo_3_1_t2v_lite_low_priority",2,null,[null,null,null,null,"8E9A903E-A6B3-4BBE-A3C3-C3D46D0DC177","0880C7C8-6EE4-424A-8C10-2E7AD71D25E6"]]],[null,22,null,null,null,"b150176f-aab8-4be8-8f82-2bc1023288df",null,null,null,null,["__CAPTCHA__",1]],["5FEEF245-2642-40F9-A6DB-A957297C7785",2]]"#;

    fn inner(call: &Call) -> Value {
        let outer: Value = serde_json::from_str(&call.freq).expect("f.req is JSON");
        assert_eq!(outer[0][0][0], call.rpcid.as_str());
        assert_eq!(outer[0][0][3], "generic");
        serde_json::from_str(outer[0][0][1].as_str().expect("inner is a string"))
            .expect("inner JSON")
    }

    #[test]
    fn text_to_video_matches_the_capture_slot_for_slot() {
        let ids = ClientIds {
            u1: "8E9A903E-A6B3-4BBE-A3C3-C3D46D0DC177".into(),
            u2: "0880C7C8-6EE4-424A-8C10-2E7AD71D25E6".into(),
        };
        let call = text_to_video(
            "b150176f-aab8-4be8-8f82-2bc1023288df",
            &[VideoItem {
                prompt: "con chó chạy tung tăng trên đồng cỏ",
                model_key: "veo_3_1_t2v_lite_low_priority",
                aspect: 2,
                ids: &ids,
            }],
            "5FEEF245-2642-40F9-A6DB-A957297C7785",
        );
        let captured: Value = serde_json::from_str(CAPTURED_YHHMEF).expect("capture");
        assert_eq!(inner(&call), captured);
        assert_eq!(call.captcha.as_deref(), Some("VIDEO_GENERATION"));
        assert_eq!(call.path, "/project/b150176f-aab8-4be8-8f82-2bc1023288df");
        assert_eq!(call.freq.matches("__CAPTCHA__").count(), 1);
    }

    /// The UI's upscale of 2026-09 (sp1007/flowkit `boq_payloads.json`, key `p0UkFb`).
    const CAPTURED_P0UKFB: &str = r#"[[[[null,"0de740e0-3f9e-4e9e-bbff-a9764dfa220f"],null,2,null,[null,"4229da67-4ff9-4c5c-bb58-db93c036bb94",null,null,"89D3B36E-1D1D-4AA8-9E09-98083B941A59"],null,2,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,"veo_3_1_upsampler_1080p"]],[null,22,null,null,null,"b150176f-aab8-4be8-8f82-2bc1023288df",null,null,null,null,["__CAPTCHA__",1]],["F16506EC-2186-4D14-8C42-6F66B645C3F5"]]"#;

    #[test]
    fn an_upscale_matches_the_capture_slot_for_slot() {
        let call = upscale(
            "b150176f-aab8-4be8-8f82-2bc1023288df",
            &UpscaleItem {
                media: "0de740e0-3f9e-4e9e-bbff-a9764dfa220f",
                workflow: "4229da67-4ff9-4c5c-bb58-db93c036bb94",
                aspect: 2,
                tier: 2,
                model_key: "veo_3_1_upsampler_1080p",
                uuid: "89D3B36E-1D1D-4AA8-9E09-98083B941A59",
            },
            "F16506EC-2186-4D14-8C42-6F66B645C3F5",
        );
        let captured: Value = serde_json::from_str(CAPTURED_P0UKFB).expect("capture");
        assert_eq!(inner(&call), captured);
        assert_eq!(call.captcha.as_deref(), Some("VIDEO_GENERATION"));
    }

    #[test]
    fn copies_are_items_sharing_one_batch() {
        let a = ClientIds::new();
        let b = ClientIds::new();
        let item = |ids| VideoItem {
            prompt: "p",
            model_key: "abra_t2v_8s",
            aspect: 1,
            ids,
        };
        let v = inner(&text_to_video("p1", &[item(&a), item(&b)], "B"));
        assert_eq!(v[0].as_array().map(Vec::len), Some(2));
        assert_eq!(v[0][1][4][4], b.u1.as_str());
        assert_eq!(v[2], json!(["B", 2]));
        assert_eq!(a.u1, a.u1.to_uppercase());
        assert_ne!(a, b);
    }

    #[test]
    fn reads_have_the_reference_shapes_and_no_token() {
        assert_eq!(
            inner(&poll("p", &["m1", "m2"])),
            json!([null, null, [["m1"], ["m2"]]])
        );
        assert_eq!(inner(&media("p", "m1")), json!(["m1"]));
        assert_eq!(
            inner(&listing("p")),
            json!(["projects/p", null, null, null, [1]])
        );
        assert_eq!(
            inner(&create_project("t")),
            json!(["projects/*", [null, ["t"]], [null, 22]])
        );
        assert_eq!(inner(&credits()), json!([]));
        for c in [
            poll("p", &["m"]),
            media("p", "m"),
            listing("p"),
            credits(),
            catalogue(),
            family_list(),
        ] {
            assert!(
                c.captcha.is_none() && !c.freq.contains("__CAPTCHA__"),
                "{}",
                c.rpcid
            );
        }
    }
}
