//! The inner payloads of an image upload (`maseQ`) and of the three image→video calls
//! (`eb1hJf` start frame, `nprQif` start and end frames, `MZZa6b` reference images). The three
//! video calls follow the UI's own requests of 2026-09 slot for slot (sp1007/flowkit
//! `agent/services/testdata/boq_payloads.json`); the upload follows reference section 3 (no
//! capture of it is public). Pure: values in, JSON out.

use serde_json::{Value, json};

use super::envelope;
use super::protocol;
use super::requests::{self, ClientIds, context, project_path};
use super::transport::Call;

/// `maseQ`: `[CTX, "<base64>", "<mime>", 1, null×4, "<file>", null, U1, U2]`.
pub fn upload(project: &str, base64: &str, mime: &str, file: &str, ids: &ClientIds) -> Call {
    let inner = json!([
        context(project),
        base64,
        mime,
        1,
        null,
        null,
        null,
        null,
        file,
        null,
        ids.u1,
        ids.u2
    ]);
    // The upload's reCAPTCHA action is `UPLOAD_IMAGE` (FH's capture of 2026-10-07; FK used
    // `IMAGE_GENERATION` before): the table says which.
    let p = protocol::current();
    Call {
        rpcid: p.rpc.upload.clone(),
        freq: envelope::freq(&p.rpc.upload, &inner),
        path: project_path(project),
        captcha: Some(p.actions.upload.clone()),
    }
}

/// An uploaded image as a frame: `[null, <mediaId>, null, null, null, <crop>]`, the crop
/// `[top, left, bottom, right]` with zeros written as null (full frame: `[null,null,1,1]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Frame<'a> {
    pub media: &'a str,
    pub crop: [f64; 4],
}

fn frame(f: &Frame<'_>) -> Value {
    let crop: Vec<Value> = f
        .crop
        .iter()
        .map(|v| {
            // The UI writes 0 as null, 1 as an integer, and the rest unrounded (0.341796875).
            if *v == 0.0 {
                Value::Null
            } else if *v == 1.0 {
                json!(1)
            } else {
                json!(v)
            }
        })
        .collect();
    json!([null, f.media, null, null, null, crop])
}

fn prompt(text: &str) -> Value {
    json!([null, null, [[[text]]]])
}

fn ids(i: &ClientIds) -> Value {
    json!([null, null, null, null, i.u1, i.u2])
}

/// What one video of an image call carries.
pub struct ImageItem<'a> {
    pub prompt: &'a str,
    pub model_key: &'a str,
    /// 1 = portrait, 2 = landscape.
    pub aspect: u8,
    pub ids: &'a ClientIds,
}

/// The images of one image call, shared by its copies.
pub enum Images<'a> {
    /// `eb1hJf`.
    Start(Frame<'a>),
    /// `nprQif`.
    StartEnd(Frame<'a>, Frame<'a>),
    /// `MZZa6b`: media ids with the labels their chips show.
    References(Vec<(&'a str, &'a str)>),
}

/// A piece of a reference prompt: text, or an image chip where the UI shows the image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Part<'a> {
    Text(&'a str),
    Chip { media: &'a str, label: &'a str },
}

/// An `MZZa6b` item: `[[null, null, [[PART…]]], [[null, id]…], key, aspect, null, IDS]`, the
/// media list naming each chip's image once, in chip order.
pub fn references_item(parts: &[Part<'_>], key: &str, aspect: u8, i: &ClientIds) -> Value {
    let mut media: Vec<&str> = Vec::new();
    let parts: Vec<Value> = parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => json!([t]),
            Part::Chip { media: m, label } => {
                if !media.contains(m) {
                    media.push(m);
                }
                json!([null, [[m, label]]])
            }
        })
        .collect();
    let media: Vec<Value> = media.iter().map(|m| json!([null, m])).collect();
    json!([[null, null, [parts]], media, key, aspect, null, ids(i)])
}

/// One image→video call: `[[ITEM…], CTX, [<batch>, 2]]`.
pub fn image_to_video(
    project: &str,
    images: &Images<'_>,
    items: &[ImageItem<'_>],
    batch: &str,
) -> Call {
    let items: Vec<Value> = items
        .iter()
        .map(|i| match images {
            Images::Start(f) => json!([
                prompt(i.prompt),
                i.model_key,
                i.aspect,
                null,
                frame(f),
                ids(i.ids)
            ]),
            Images::StartEnd(a, b) => json!([
                prompt(i.prompt),
                i.model_key,
                i.aspect,
                null,
                frame(a),
                frame(b),
                ids(i.ids)
            ]),
            // The prompt, then a chip per image (the UI puts chips where the user typed them;
            // after the text is one such place).
            Images::References(refs) => {
                let mut parts = vec![Part::Text(i.prompt)];
                parts.extend(
                    refs.iter()
                        .map(|(media, label)| Part::Chip { media, label }),
                );
                references_item(&parts, i.model_key, i.aspect, i.ids)
            }
        })
        .collect();
    let p = protocol::current();
    let rpcid = match images {
        Images::Start(_) => &p.rpc.start_frame,
        Images::StartEnd(..) => &p.rpc.start_and_end,
        Images::References(_) => &p.rpc.references,
    };
    let inner = json!([items, context(project), [batch, 2]]);
    requests::generate(rpcid, &inner, project_path(project))
}

/// The media id an upload's answer names: `[[<idA>, <pid>, <idB>, "CAE", …], <workflow>]`.
pub fn uploaded_media(payload: &Value) -> Option<String> {
    payload
        .pointer("/0/0")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(call: &Call) -> Value {
        let outer: Value = serde_json::from_str(&call.freq).expect("f.req is JSON");
        assert_eq!(outer[0][0][0], call.rpcid.as_str());
        serde_json::from_str(outer[0][0][1].as_str().expect("inner")).expect("inner JSON")
    }

    fn ids() -> ClientIds {
        ClientIds {
            u1: "U1".into(),
            u2: "U2".into(),
        }
    }

    #[test]
    fn an_upload_is_the_image_in_base64_with_its_type_and_name() {
        let call = upload("p1", "iVBORw0K", "image/png", "hero.png", &ids());
        let v = inner(&call);
        assert_eq!(v[0][5], "p1");
        assert_eq!(v[0][10], json!(["__CAPTCHA__", 1]));
        assert_eq!(
            v.as_array().map(|a| a[1..].to_vec()),
            Some(vec![
                json!("iVBORw0K"),
                json!("image/png"),
                json!(1),
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                json!("hero.png"),
                Value::Null,
                json!("U1"),
                json!("U2"),
            ])
        );
        assert_eq!(call.captcha.as_deref(), Some("UPLOAD_IMAGE"));
        assert_eq!(
            uploaded_media(&json!([["MEDIA-A", "p1", "WF", "CAE"], "wf"])).as_deref(),
            Some("MEDIA-A")
        );
        assert_eq!(uploaded_media(&json!([])), None);
        assert_eq!(uploaded_media(&Value::Null), None);
    }

    /// The UI's requests of 2026-09 (sp1007/flowkit `boq_payloads.json`), item for item.
    const CAPTURED_EB1HJF: &str = r#"[[null,null,[[["chiếc xe đạp đột nhiên đổ xuống đất, những củ khoai tây đổ ào ta từ chiếc giỏ xe, lăn long lóc trên mặt đất"]]]],"veo_3_1_i2v_s_lite_4s_low_priority",2,null,[null,"22d60b44-b741-4237-b3eb-34d34d3e4928",null,null,null,[null,null,1,1]],[null,null,null,null,"C202E97C-C004-42AB-81F8-509542CFA1A8","1E84A091-AA2D-49BC-A099-8C313152749F"]]"#;
    const CAPTURED_NPRQIF: &str = r#"[[null,null,[[["con chó đang chạy tung tăng trên đồng cỏ, bỗng nó giật mình quay sang phải"]]]],"omni_flash_i2v_10s_first_last",1,null,[null,"c0fcfadb-d4b9-49a0-b5d4-625e2a32d4e5",null,null,null,[null,0.341796875,1,0.658203125]],[null,"25988791-89d5-401e-87e8-37d71ec7dcf8",null,null,null,[null,0.341796875,1,0.658203125]],[null,null,null,null,"20D8007B-1A79-4191-901A-E48C8108ACB6","D26A2C94-EE1E-4051-8F1C-85AED365A38E"]]"#;
    const CAPTURED_MZZA6B: &str = r#"[[null,null,[[["chiếc "],[null,[["32e97d88-50ba-4b08-8968-3accde97f933","long"]]],[" bay lơ lửng trên đầu con mèo "],[null,[["c9902ae1-c258-4b44-99f7-a34bd4885133","test-upload-cat.jpg"]]],["  rồi từ từ hạ xuống đầu nó"]]]],[[null,"32e97d88-50ba-4b08-8968-3accde97f933"],[null,"c9902ae1-c258-4b44-99f7-a34bd4885133"]],"veo_3_1_r2v_lite_low_priority",1,null,[null,null,null,null,"36B23449-2F58-45E0-9FAB-9C20DB3CFD16","BA5EC076-B61C-451E-8630-7DDDDEE0F31D"]]"#;
    const CAPTURED_PROJECT: &str = "b150176f-aab8-4be8-8f82-2bc1023288df";

    fn pair(u1: &str, u2: &str) -> ClientIds {
        ClientIds {
            u1: u1.into(),
            u2: u2.into(),
        }
    }

    fn captured(text: &str) -> Value {
        serde_json::from_str(text).expect("capture")
    }

    #[test]
    fn a_start_frame_call_matches_the_capture_slot_for_slot() {
        let ids = pair(
            "C202E97C-C004-42AB-81F8-509542CFA1A8",
            "1E84A091-AA2D-49BC-A099-8C313152749F",
        );
        let item = ImageItem {
            prompt: "chiếc xe đạp đột nhiên đổ xuống đất, những củ khoai tây đổ ào ta từ chiếc giỏ xe, lăn long lóc trên mặt đất",
            model_key: "veo_3_1_i2v_s_lite_4s_low_priority",
            aspect: 2,
            ids: &ids,
        };
        let full = Frame {
            media: "22d60b44-b741-4237-b3eb-34d34d3e4928",
            crop: [0.0, 0.0, 1.0, 1.0],
        };
        let call = image_to_video(
            CAPTURED_PROJECT,
            &Images::Start(full),
            &[item],
            "B282F122-4C0C-49F9-BDAF-D2EC75E9D3FC",
        );
        let v = inner(&call);
        assert_eq!(v[0][0], captured(CAPTURED_EB1HJF));
        assert_eq!(v[0].as_array().map(Vec::len), Some(1));
        assert_eq!(v[2], json!(["B282F122-4C0C-49F9-BDAF-D2EC75E9D3FC", 2]));
        assert_eq!(v[1][5], CAPTURED_PROJECT);
        assert_eq!(call.captcha.as_deref(), Some("VIDEO_GENERATION"));
        assert_eq!(call.path, format!("/project/{CAPTURED_PROJECT}"));
    }

    /// The capture's crop of a landscape picture in a portrait video is the centred crop
    /// computed exactly: 81/256 of the width kept, (1 - 81/256) / 2 = 0.341796875 on the left.
    #[test]
    fn a_start_and_end_call_matches_the_capture_with_the_computed_crop() {
        let crop = crate::picture::centred_crop(
            &crate::picture::Picture {
                format: crate::picture::Format::Jpeg,
                width: 1920,
                height: 1080,
            },
            9.0,
            16.0,
        );
        let ids = pair(
            "20D8007B-1A79-4191-901A-E48C8108ACB6",
            "D26A2C94-EE1E-4051-8F1C-85AED365A38E",
        );
        let item = ImageItem {
            prompt: "con chó đang chạy tung tăng trên đồng cỏ, bỗng nó giật mình quay sang phải",
            model_key: "omni_flash_i2v_10s_first_last",
            aspect: 1,
            ids: &ids,
        };
        let images = Images::StartEnd(
            Frame {
                media: "c0fcfadb-d4b9-49a0-b5d4-625e2a32d4e5",
                crop,
            },
            Frame {
                media: "25988791-89d5-401e-87e8-37d71ec7dcf8",
                crop,
            },
        );
        let call = image_to_video(
            CAPTURED_PROJECT,
            &images,
            &[item],
            "ACDE6015-2D66-4193-8D79-99A088A2408E",
        );
        assert_eq!(call.rpcid, "nprQif");
        let v = inner(&call);
        assert_eq!(v[0][0], captured(CAPTURED_NPRQIF));
        assert_eq!(v[2], json!(["ACDE6015-2D66-4193-8D79-99A088A2408E", 2]));
    }

    #[test]
    fn a_references_item_matches_the_capture_and_flowdeck_puts_chips_after_the_text() {
        let ids = pair(
            "36B23449-2F58-45E0-9FAB-9C20DB3CFD16",
            "BA5EC076-B61C-451E-8630-7DDDDEE0F31D",
        );
        let long = "32e97d88-50ba-4b08-8968-3accde97f933";
        let cat = "c9902ae1-c258-4b44-99f7-a34bd4885133";
        let parts = [
            Part::Text("chiếc "),
            Part::Chip {
                media: long,
                label: "long",
            },
            Part::Text(" bay lơ lửng trên đầu con mèo "),
            Part::Chip {
                media: cat,
                label: "test-upload-cat.jpg",
            },
            Part::Text("  rồi từ từ hạ xuống đầu nó"),
        ];
        assert_eq!(
            references_item(&parts, "veo_3_1_r2v_lite_low_priority", 1, &ids),
            captured(CAPTURED_MZZA6B)
        );
        let item = ImageItem {
            prompt: "our hero walks",
            model_key: "abra_r2v_8s",
            aspect: 2,
            ids: &ids,
        };
        let call = image_to_video(
            "p1",
            &Images::References(vec![(long, "hero.png"), (cat, "hat.png")]),
            &[item],
            "B",
        );
        assert_eq!(call.rpcid, "MZZa6b");
        let v = inner(&call);
        assert_eq!(
            v[0][0][0],
            json!([
                null,
                null,
                [[
                    ["our hero walks"],
                    [null, [[long, "hero.png"]]],
                    [null, [[cat, "hat.png"]]]
                ]]
            ])
        );
        assert_eq!(v[0][0][1], json!([[null, long], [null, cat]]));
    }
}
