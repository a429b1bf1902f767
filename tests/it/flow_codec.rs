//! Flow's batchexecute codec against answers shaped as public clients documented them
//! (`tests/fixtures/flow/`, see its README), and fuzzed: arbitrary bytes never panic.

use flowdeck::provider::ProviderError;
use flowdeck::provider::flow::catalogue;
use flowdeck::provider::flow::classify::{self, CallKind};
use flowdeck::provider::flow::create::read_created;
use flowdeck::provider::flow::envelope;
use flowdeck::provider::flow::records::{self, Plan, Progress};
use flowdeck::provider::flow::transport::Answer;
use flowdeck::provider::flow::{Api, RequestRef};
use flowdeck::words::Said;
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/flow/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn answer(name: &str) -> Answer {
    Answer {
        status: if name.contains("400") { 400 } else { 200 },
        body: fixture(name),
    }
}

fn payload(rpcid: &str, name: &str) -> serde_json::Value {
    classify::answer(rpcid, CallKind::Read, &answer(name)).expect("a payload")
}

const ID_A: &str = "7f3b2c1e-5d4a-4b8c-9e0f-1a2b3c4d5e6f";
const ID_A2: &str = "7f3b2c1e-5d4a-4b8c-9e0f-aaaaaaaaaaaa";

fn asked(batch: &str) -> RequestRef {
    RequestRef {
        project: "p".into(),
        u1: flowdeck::provider::flow::requests::upper_uuid(),
        u2: flowdeck::provider::flow::requests::upper_uuid(),
        batch: Some(batch.into()),
        images: None,
    }
}

/// The UI's batch uuid of the captured `YhhmEf` request (sp1007/flowkit), which the answer's
/// workflow entries name at `meta[5]`.
const BATCH: &str = "5FEEF245-2642-40F9-A6DB-A957297C7785";

#[test]
fn a_create_answer_names_its_videos_by_the_batch() {
    let p = classify::answer("YhhmEf", CallKind::Generate, &answer("yhhmef-reply.txt"))
        .expect("payload");
    let c = read_created(&p, &[asked(BATCH), asked(BATCH)], "abra_t2v_8s").expect("created");
    assert_eq!(c.remaining_credits, Some(881));
    let names: Vec<&str> = c.media.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [ID_A, ID_A2],
        "one video each, in the answer's order"
    );
    assert!(c.media.iter().all(|m| m.api == Api::Batchexecute));
    assert_eq!(
        c.media[0].project_id,
        "b150176f-aab8-4be8-8f82-2bc1023288df"
    );
    assert_eq!(
        c.media[0].workflow.as_deref(),
        Some("c0ffee00-1111-4222-8333-444455556666")
    );
}

/// Since 2026-10-05 Flow sends null where records carried `"CAE"` (the kind slot). Shaped slot
/// for slot as the captures of 2026-10-08 (hainguyen-keyti/google-flow-mcp `replies/`): the
/// answer to a start-frame create, then its status while pending and once done. Answers of
/// September, with `"CAE"`, still read.
#[test]
fn records_of_october_2026_have_no_kind_and_still_read() {
    let p = classify::answer(
        "eb1hJf",
        CallKind::Generate,
        &answer("eb1hjf-reply-2026-10.txt"),
    )
    .expect("payload");
    let made = read_created(
        &p,
        &[asked("BC322BD5-6359-47D4-9926-363FE6A11024")],
        "abra_i2v_4s_360p",
    )
    .expect("a charged create names its video");
    assert_eq!(made.media[0].name, "de2ba9c8-cf2e-41df-8b64-441c516b64ae");
    assert_eq!(made.remaining_credits, Some(1236));
    let pending = records::records(&payload("jwpduf", "jwpduf-pending-2026-10.txt"));
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].progress(), Progress::Running);
    let done = records::records(&payload("jwpduf", "jwpduf-done-2026-10.txt"));
    assert_eq!(done[0].progress(), Progress::Rendered);
    assert!(done[0].bytes.is_some_and(|b| b > 0));
    let september = records::records(&payload("jwpduf", "jwpduf-done-cae-2026-09.txt"));
    assert_eq!(september[0].progress(), Progress::Rendered);
}

#[test]
fn poll_answers_read_status_and_failures() {
    let running = records::records(&payload("jwpduf", "jwpduf-running.txt"));
    assert_eq!(running.len(), 2);
    assert_eq!(running[0].media, ID_A);
    assert_eq!(running[0].status, Some(2));
    assert_eq!(running[1].status, Some(6));
    assert!(running.iter().all(|r| r.progress() == Progress::Running));
    assert!(
        running.iter().all(|r| r.video_url.is_none()),
        "polls carry no link"
    );
    assert_eq!(
        records::credits_in(&payload("jwpduf", "jwpduf-running.txt")),
        Some(869)
    );

    let done = records::records(&payload("jwpduf", "jwpduf-done.txt"));
    assert_eq!(done[0].progress(), Progress::Rendered);
    assert_eq!(done[0].bytes, Some(2_213_107));

    let failed = records::records(&payload("jwpduf", "jwpduf-failed.txt"));
    let Progress::Failed(note) = failed[0].progress() else {
        panic!("a safety failure is a failure: {:?}", failed[0]);
    };
    assert_eq!(
        note.public_error.as_deref(),
        Some("PUBLIC_ERROR_PROMINENT_PEOPLE_FILTER_FAILED")
    );
    let e = flowdeck::provider::flow::poll::failure_error(&note);
    assert!(
        matches!(&e, ProviderError::Policy { message, .. } if message.said().contains("well-known person")),
        "{e:?}"
    );
    // "Media not found." with no code is a complaint that jobs survive: keep waiting.
    assert_eq!(failed[1].progress(), Progress::Running);
}

#[test]
fn signed_links_come_from_as29s_whole_and_unescaped() {
    let done = records::records(&payload("as29s", "as29s-done.txt"));
    let url = done[0].video_url.as_deref().expect("a video link");
    assert_eq!(
        url,
        format!(
            "https://flow-content.google/video/{ID_A}?Expires=1788907276&KeyName=labs-flow-prod-cdn-key&Signature=ZmxvdwdlY2sgZml4dHVyZQ"
        )
    );
    // While it renders the answer is a bare id; the poster comes before the video.
    assert!(records::records(&payload("as29s", "as29s-running.txt")).is_empty());
    let poster = records::records(&payload("as29s", "as29s-poster-only.txt"));
    assert_eq!(poster[0].video_url, None);
}

#[test]
fn the_listing_names_each_video_by_its_create_batch() {
    let listed = records::listed(&payload("Zzl0ze", "zzl0ze.txt"));
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].media, ID_A);
    assert!(listed.iter().all(|l| l.batch == BATCH));
    assert_eq!(listed[0].workflow, "c0ffee00-1111-4222-8333-444455556666");
    // Shaped as a real listing: entries sorted by id, a 2-copy create's two workflows sharing
    // one batch and one time, an upload (no batch), September's "CAE" record beside null ones.
    let p = payload("Zzl0ze", "zzl0ze-batch.txt");
    let listing = records::listing(&p).expect("read whole");
    let shared: Vec<&str> = listing
        .workflows
        .iter()
        .filter(|l| l.batch == "775D096D-0F0F-45FA-8EE1-4C1FD194910B")
        .map(|l| l.media.as_str())
        .collect();
    assert_eq!(
        shared,
        [
            "ba04a117-26c3-4c87-a3ba-f3d7a1d8c4fe",
            "c97816b5-b7b9-415a-ac71-7a40fbd66481"
        ]
    );
    assert_eq!(listing.workflows.len(), 3, "the upload has no batch");
    assert_eq!(listing.records, 4);
    // A listing whose workflow entries moved proves nothing: never "absent".
    let moved = serde_json::json!([null, [], p[2].clone()]);
    assert!(records::listing(&moved).is_err());
}

#[test]
fn credits_plan_families_and_projects() {
    assert_eq!(
        records::balance(&payload("nzlxg", "nzlxg.txt")),
        Some((12439, Plan::Ultra))
    );
    assert_eq!(
        records::balance(&payload("nzlxg", "nzlxg-pro.txt")),
        Some((1050, Plan::Pro))
    );
    assert_eq!(
        catalogue::family_list(&payload("yBhWQ", "ybhwq.txt")).expect("families"),
        [
            "abra",
            "veo_3_1_fast",
            "veo_3_1_lite",
            "veo_3_1_quality",
            "veo_3_1_lite_low_priority"
        ]
    );
    // The model catalogue (`HTrJv`, shaped as the 2026-10 capture): families with a key at the
    // account's tier, which for a tier-2 account are exactly what its `yBhWQ` listed.
    let catalogue = payload("HTrJv", "htrjv.txt");
    let mut pro = catalogue::families(&catalogue, 2).expect("families");
    let mut listed = catalogue::family_list(&payload("yBhWQ", "ybhwq-tier2.txt")).expect("list");
    pro.sort();
    listed.sort();
    assert_eq!(pro, listed);
    assert!(
        catalogue::families(&catalogue, 3)
            .expect("ultra")
            .iter()
            .any(|f| f == "veo_3_1_lite_low_priority")
    );
    assert_eq!(
        records::created_project(&payload("jHPbke", "jhpbke.txt")).as_deref(),
        Some("0b1c2d3e-4f50-4617-8283-949596979899")
    );
}

/// `flowdeck doctor`'s read-only calls, each known shape accepted and another call's shape
/// (what a service that moved might send) refused.
#[test]
fn doctor_shapes_of_credits_families_and_listing() {
    let credits = payload("nzlxg", "nzlxg.txt");
    let families = payload("yBhWQ", "ybhwq.txt");
    let listing = payload("Zzl0ze", "zzl0ze.txt");
    assert!(records::balance(&credits).is_some());
    assert!(catalogue::family_list(&families).is_some());
    let count = |p: &serde_json::Value| records::listing(p).map(|l| l.workflows.len());
    assert_eq!(count(&listing), Ok(2));
    assert_eq!(count(&serde_json::json!([])), Ok(0));
    // Swapped: each parser refuses the other's answer rather than reading nonsense.
    assert_eq!(catalogue::family_list(&credits), None);
    assert_eq!(records::balance(&families), None);
    assert!(records::listing(&serde_json::json!({"workflows": []})).is_err());
}

/// One row per way an answer can go wrong, and what the engine is told.
/// Scripts get Flow's own reason code beside the class (issue 26 part 3), whole as Flow sent
/// it, from a named or a numbered reason alike.
#[test]
fn every_refusal_keeps_flow_s_reason_code() {
    let generate = |name: &str| classify::answer("YhhmEf", CallKind::Generate, &answer(name));
    let rows = [
        ("YhhmEf", "quota.txt", "PUBLIC_ERROR_USER_QUOTA_REACHED"),
        (
            "YhhmEf",
            "throttled.txt",
            "PUBLIC_ERROR_USER_REQUESTS_THROTTLED",
        ),
        (
            "YhhmEf",
            "quota-per-model.txt",
            "PUBLIC_ERROR_PER_MODEL_DAILY_QUOTA_REACHED",
        ),
        (
            "YhhmEf",
            "quota-per-model-aitk.txt",
            "PUBLIC_ERROR_PER_MODEL_DAILY_QUOTA_REACHED",
        ),
        (
            "eb1hJf",
            "access-denied.txt",
            "PUBLIC_ERROR_MODEL_ACCESS_DENIED",
        ),
    ];
    for (rpc, name, code) in rows {
        let e = classify::answer(rpc, CallKind::Generate, &answer(name)).expect_err(name);
        assert_eq!(e.code().as_deref(), Some(code), "{name}: {e:?}");
    }
    let flagged = classify::answer(
        "ogiZ0b",
        CallKind::Generate,
        &answer("unusual-activity.txt"),
    )
    .expect_err("flagged");
    assert_eq!(
        flagged.code().as_deref(),
        Some("PUBLIC_ERROR_UNUSUAL_ACTIVITY")
    );
    // A refusal with only a gRPC number names no code.
    let invalid = generate("invalid-argument.txt").expect_err("invalid");
    assert_eq!(invalid.code(), None, "{invalid:?}");
    // A video refused while it was made.
    let failed = records::records(&payload("jwpduf", "jwpduf-failed.txt"));
    let Progress::Failed(note) = failed[0].progress() else {
        panic!("a safety failure is a failure: {:?}", failed[0]);
    };
    let e = flowdeck::provider::flow::poll::failure_error(&note);
    assert_eq!(
        e.code().as_deref(),
        Some("PUBLIC_ERROR_PROMINENT_PEOPLE_FILTER_FAILED")
    );
}

#[test]
fn every_error_class_from_its_answer() {
    let generate = |name: &str| classify::answer("YhhmEf", CallKind::Generate, &answer(name));
    let rows: Vec<(&str, Result<serde_json::Value, ProviderError>, &str)> = vec![
        // FGO's verbatim capture (an ogiZ0b frame: the only one in that answer).
        (
            "unusual activity holds the account",
            classify::answer(
                "ogiZ0b",
                CallKind::Generate,
                &answer("unusual-activity.txt"),
            ),
            "flagged",
        ),
        ("quota parks the lane", generate("quota.txt"), "quota"),
        (
            "INVALID_ARGUMENT fails the take",
            generate("invalid-argument.txt"),
            "invalid",
        ),
        (
            "a silent decline is looked up, never resent",
            generate("declined.txt"),
            "no_answer",
        ),
        (
            "a stale page token after the reload",
            classify::answer("YhhmEf", CallKind::Generate, &answer("xsrf-400.txt")),
            "sign_in",
        ),
        (
            "NOT_FOUND",
            classify::answer("as29s", CallKind::Read, &answer("not-found.txt")),
            "not_found",
        ),
    ];
    for (what, got, class) in rows {
        let e = got.expect_err(what);
        assert_eq!(e.class(), class, "{what}: {e:?}");
    }
    let status = |s: u16, kind| {
        classify::answer(
            "YhhmEf",
            kind,
            &Answer {
                status: s,
                body: "<html>".into(),
            },
        )
        .expect_err("error")
    };
    assert_eq!(status(401, CallKind::Read).class(), "sign_in");
    assert_eq!(status(502, CallKind::Generate).class(), "no_answer");
    assert_eq!(status(503, CallKind::Read).class(), "transient");
    assert!(matches!(
        status(429, CallKind::Read),
        ProviderError::Throttled { .. }
    ));
    assert_eq!(status(200, CallKind::Read).class(), "unexpected");
    // What proves nothing was made may be sent again; nothing else may.
    assert!(!status(502, CallKind::Generate).proves_not_created());
    assert!(generate("unusual-activity.txt").is_err());
    assert!(
        classify::answer(
            "ogiZ0b",
            CallKind::Generate,
            &answer("unusual-activity.txt")
        )
        .expect_err("flagged")
        .proves_not_created()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&body);
        let reply = envelope::parse(&text);
        for f in &reply.frames {
            if let Some(p) = &f.payload {
                records::records(p);
                records::listed(p);
                records::balance(p);
                catalogue::family_list(p);
                catalogue::families(p, 2);
                let _ = records::listing(p);
            }
        }
        for kind in [CallKind::Read, CallKind::Generate] {
            let _ = classify::answer("YhhmEf", kind, &Answer { status: 200, body: text.to_string() });
        }
    }

    #[test]
    fn arbitrary_json_in_a_frame_never_panics(
        inner in r#"[\[\]\{\}",:0-9a-zA-Z_\\ .-]{0,400}"#,
        rpcid in "[A-Za-z]{0,8}",
    ) {
        let entry = serde_json::json!([["wrb.fr", rpcid, inner, null, null, null, "generic"]]).to_string();
        let body = format!(")]}}'\n\n{}\n{entry}\n", entry.len());
        let reply = envelope::parse(&body);
        for f in &reply.frames {
            if let Some(p) = &f.payload {
                for r in records::records(p) {
                    let _ = r.progress();
                }
                records::listed(p);
            }
        }
    }

    #[test]
    fn deep_nesting_never_overflows(depth in 0usize..5000) {
        let body = format!(")]}}'\n{}{}", "[".repeat(depth), "]".repeat(depth));
        let _ = envelope::parse(&body);
        let inner = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let entry = serde_json::json!([["wrb.fr", "x", inner, null, null, null, "generic"]]).to_string();
        let _ = envelope::parse(&entry);
    }
}

/// Codes that come after Flow began handling a generate may hide a made video: never proof of
/// "not created" (a read just tries again).
#[test]
fn errors_after_flow_took_a_generate_are_not_proof_of_nothing_made() {
    for code in ["SOMETHING_WENT_WRONG", "GENERATION_ALREADY_IN_PROGRESS"] {
        let fault = envelope::Fault {
            code: Some(13),
            reasons: vec![format!("PUBLIC_ERROR_{code}")],
        };
        let e = classify::classify_fault(&fault, CallKind::Generate, "hV1P7d");
        assert!(!e.proves_not_created(), "{code}: {e:?}");
        assert!(matches!(e, ProviderError::NoAnswer(_)), "{code}: {e:?}");
        let read = classify::classify_fault(&fault, CallKind::Read, "jwpduf");
        assert!(matches!(read, ProviderError::Transient(_)), "{read:?}");
    }
    // Refusals before processing still prove it.
    let throttled = envelope::Fault {
        code: Some(8),
        reasons: vec!["PUBLIC_ERROR_USER_REQUESTS_THROTTLED".into()],
    };
    assert!(
        classify::classify_fault(&throttled, CallKind::Generate, "hV1P7d").proves_not_created()
    );
    let internal = envelope::Fault {
        code: Some(13),
        reasons: vec![],
    };
    assert!(
        !classify::classify_fault(&internal, CallKind::Generate, "hV1P7d").proves_not_created()
    );
}
