use super::*;
use serde_json::json;

const CAPTCHA_TOKEN: &str = "03AFcWeA5mX9kQ2_vLr8Zt0P-4nYcBw7JdH1sTgE6uKaRqVx3yMiOoN2lF";
const AT: &str = "AJvLN6M7cQ2xPz0Rk9TbW4:1733500000000";
const SIGNATURE: &str = "Xk3mP9qR2sT7vW0yZ4aB6cD8eF1gH5jK";
const PROMPT: &str = "con chó chạy tung tăng trên đồng cỏ";

fn redact(keep: bool, parts: &[&str]) -> Vec<String> {
    let mut r = Redaction::new(keep);
    parts.iter().for_each(|p| r.learn(p));
    parts.iter().map(|p| r.body(p)).collect()
}

/// The UI's text→video request (sp1007/flowkit `boq_payloads.json`, key `YhhmEf`) with the
/// token the page put where `__CAPTCHA__` was.
fn request() -> String {
    let inner = json!([
        [[
            [null, null, [[[PROMPT]]]],
            "veo_3_1_t2v_lite_low_priority",
            2,
            null,
            [
                null,
                null,
                null,
                null,
                "8E9A903E-A6B3-4BBE-A3C3-C3D46D0DC177",
                "0880C7C8-6EE4-424A-8C10-2E7AD71D25E6"
            ]
        ]],
        [
            null,
            22,
            null,
            null,
            null,
            "b150176f-aab8-4be8-8f82-2bc1023288df",
            null,
            null,
            null,
            null,
            [CAPTCHA_TOKEN, 1]
        ],
        ["5FEEF245-2642-40F9-A6DB-A957297C7785", 2]
    ]);
    envelope::freq("YhhmEf", &inner)
}

/// An `as29s` answer: a record with the prompt in its slots and signed links escaped as
/// Google escapes them.
fn answer() -> String {
    let link = format!(
        "https://flow-content.google/video/0de740e0-3f9e-4e9e-bbff-a9764dfa220f?Expires=1765000000&KeyName=labs-flow-prod-cdn-key&Signature={SIGNATURE}"
    );
    let record = json!([
        "0de740e0-3f9e-4e9e-bbff-a9764dfa220f",
        "b150176f-aab8-4be8-8f82-2bc1023288df",
        "4229da67-4ff9-4c5c-bb58-db93c036bb94",
        null,
        null,
        [
            [1765000000, 5],
            PROMPT,
            null,
            null,
            null,
            null,
            [
                null,
                [["veo_3_1_t2v_fast", 1]],
                [[null, null, [[[PROMPT]]]]]
            ],
            null,
            [3],
            1,
            link,
            [],
            null,
            4_200_000
        ],
        null,
        [[
            null,
            1,
            null,
            null,
            null,
            null,
            null,
            PROMPT,
            link,
            null,
            null,
            null,
            "veo_3_1_t2v_fast"
        ]]
    ]);
    let text = json!([record])
        .to_string()
        .replace('=', "\\u003d")
        .replace('&', "\\u0026");
    let entry = json!([
        ["wrb.fr", "as29s", text, null, null, null, "generic"],
        ["di", 87]
    ])
    .to_string();
    format!(
        ")]}}'\n\n{}\n{entry}\n25\n[[\"e\",4,null,null,300]]\n",
        entry.len()
    )
}

fn assert_gone(text: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(!text.contains(s), "{s} survived in {text}");
    }
}

#[test]
fn a_create_and_its_record_lose_the_token_the_signature_and_the_prompt() {
    let out = redact(false, &[&request(), &answer()]);
    for text in &out {
        assert_gone(
            text,
            &[CAPTCHA_TOKEN, SIGNATURE, "Signature", PROMPT, "chạy tung"],
        );
    }
    let (req, ans) = (&out[0], &out[1]);
    // What a bug report needs stays: ids, model keys, the status, where the link pointed.
    for kept in [
        "YhhmEf",
        "veo_3_1_t2v_lite_low_priority",
        "8E9A903E-A6B3-4BBE-A3C3-C3D46D0DC177",
    ] {
        assert!(req.contains(kept), "{kept} lost: {req}");
    }
    assert!(req.contains("<prompt: 35 chars>"), "{req}");
    for kept in [
        "wrb.fr",
        "0de740e0-3f9e-4e9e-bbff-a9764dfa220f",
        "https://flow-content.google/video/0de740e0-3f9e-4e9e-bbff-a9764dfa220f?<removed>",
        "4200000",
        "veo_3_1_t2v_fast",
    ] {
        assert!(ans.contains(kept), "{kept} lost: {ans}");
    }
    // Still an answer the codec reads, with the prompt's length where it was.
    let frame = envelope::parse(ans);
    let payload = frame
        .frame("as29s")
        .and_then(|f| f.payload.clone())
        .expect("payload");
    assert_eq!(payload[0][5][1], "<prompt: 35 chars>");
}

#[test]
fn prompts_stay_when_the_user_keeps_them_and_secrets_still_go() {
    let out = redact(true, &[&request(), &answer()]);
    assert!(out[0].contains(PROMPT) && out[1].contains(PROMPT));
    for text in &out {
        assert_gone(text, &[CAPTCHA_TOKEN, SIGNATURE]);
    }
}

#[test]
fn the_page_token_cookies_keys_and_addresses_go_in_every_shape() {
    let xsrf =
        format!(")]}}'\n\n60\n[[\"er\",null,null,null,null,400],[\"xsrf\",\"{AT}\",null]]\n");
    let form = format!(
        "f.req=%5B%5D&at={AT}&cookie=SID%3Dg.a000kQj; Cookie: SID=g.a000kQjiFqZ2x9; __Secure-1PSID=abc; HSID=AbCdEf"
    );
    let page = format!(
        "<html><p>Signed in as someone.else@gmail.com</p><script>var x = \"{AT}\";</script></html>"
    );
    let gemini = json!({"error": {"code": 400, "message": "API key not valid. Please pass a valid API key."},
        "x-goog-api-key": "AIzaSyD4x0-abcdefghijklmnopqrstuvwxy", "authorization": "Bearer ya29.a0AfB_xyz",
        "url": "https://generativelanguage.googleapis.com/v1beta/files/abc:download?alt=media&key=AIzaSyD4x0-abcdefghijklmnopqrstuvwxy"})
        .to_string();
    let out = redact(false, &[&xsrf, &form, &page, &gemini]);
    let all = out.join("\n");
    assert_gone(
        &all,
        &[
            "AJvLN6M7cQ2xPz0Rk9TbW4",
            "1733500000000",
            "g.a000kQj",
            "PSID=abc",
            "AbCdEf",
            "someone.else",
            "AIzaSyD4x0",
            "a0AfB_xyz",
        ],
    );
    // An error's own words are kept; the page's prose is not.
    assert!(out[3].contains("API key not valid"), "{}", out[3]);
    assert!(out[2].contains("<email>"), "{}", out[2]);
}

#[test]
fn ids_codes_keys_and_times_are_not_mistaken_for_secrets() {
    let refusal = ")]}'\n\n193\n[[\"wrb.fr\",\"ogiZ0b\",null,null,null,[7,null,[[\"type.googleapis.com/google.rpc.ErrorInfo\",[\"PUBLIC_ERROR_UNUSUAL_ACTIVITY\"]]]],\"generic\"],[\"di\",429],[\"af.httprm\",429,\"-1234\",26]]\n25\n[[\"e\",4,null,null,229]]\n";
    assert_eq!(redact(false, &[refusal])[0], refusal);
    let words = "veo_3_1_interpolation_lite_low_priority 0de740e0-3f9e-4e9e-bbff-a9764dfa220f_4k_upsampled \
                 2026-12-06T10:15:00.123Z 20261206T101500Z PUBLIC_ERROR_PER_MODEL_DAILY_QUOTA_REACHED abra_t2v_8s_360p";
    assert_eq!(secrets(words), words);
}

#[test]
fn a_cut_answer_and_a_short_prompt_are_hidden_too() {
    // A request whose prompt is one word, and an answer cut in the middle of its payload.
    let req = envelope::freq(
        "YhhmEf",
        &json!([[[[null, null, [[["lighthouse"]]]], "k", 2]]]),
    );
    let cut = format!(
        ")]}}'\n\n900\n[[\"wrb.fr\",\"YhhmEf\",\"[null,20,[[\\\"a lighthouse in fog\\\"]],\\\"lighthouse\\\",\\\"{CAPTCHA_TOKEN}"
    );
    let out = redact(false, &[&req, &cut]);
    assert!(out[0].contains("<prompt: 10 chars>"), "{}", out[0]);
    assert_gone(&out[1], &["lighthouse", CAPTCHA_TOKEN]);
}

#[test]
fn reference_prompts_and_fields_named_prompt_are_learned() {
    let parts = json!([
        null,
        null,
        [
            ["our hero walks"],
            [null, [["MEDIA-1", "cat.png"]]],
            ["and waves"]
        ]
    ])
    .to_string();
    let vertex = json!({"instances": [{"prompt": "drone"}], "echo": "drone shot"}).to_string();
    let out = redact(false, &[&parts, &vertex]);
    assert_gone(&out.join(" "), &["hero", "waves", "drone"]);
    assert!(out[0].contains("MEDIA-1"), "{}", out[0]);
}

#[test]
fn redacting_twice_changes_nothing_more() {
    let once = redact(false, &[&request(), &answer()]);
    let twice = redact(false, &[&once[0], &once[1]]);
    assert_eq!(once, twice);
}

#[test]
fn sentences_keep_their_words_and_lose_secrets_and_prompts() {
    let mut r = Redaction::new(false);
    r.learn(&request());
    let s = r.sentence(&format!(
        "YhhmEf: the answer to \"{PROMPT}\" named no video; at={AT}"
    ));
    assert_eq!(
        s,
        "YhhmEf: the answer to \"<prompt: 35 chars>\" named no video; at=<removed>"
    );
}
