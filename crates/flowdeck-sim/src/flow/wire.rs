//! The simulator's own batchexecute answers (written independently of flowdeck's codec, so
//! the two check each other): `)]}'`, then chunks whose length lines count UTF-8 bytes.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

fn body(entries: Value) -> String {
    let chunk = entries.to_string();
    let n = chunk.len() + 1;
    format!(
        ")]}}'\n\n{n}\n{chunk}\n25\n[[\"e\",4,null,null,{}]]\n",
        n + 40
    )
}

fn answer(status: StatusCode, text: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        text,
    )
        .into_response()
}

/// A payload, as Google sends it: a JSON string, with `=` and `&` escaped inside it.
pub fn ok(rpcid: &str, payload: &Value) -> Response {
    let text = payload
        .to_string()
        .replace('=', "\\u003d")
        .replace('&', "\\u0026");
    let entries = json!([
        ["wrb.fr", rpcid, text, null, null, null, "generic"],
        ["di", 87],
        ["af.httprm", 86, "-5177424961473389573", 24]
    ]);
    answer(StatusCode::OK, body(entries))
}

/// A refusal: HTTP 200, no payload, the error block at `[5]`.
pub fn fault(rpcid: &str, code: i64, reason: Option<&str>) -> Response {
    let block = match reason {
        Some(r) => json!([
            code,
            null,
            [["type.googleapis.com/google.rpc.ErrorInfo", [r]]]
        ]),
        None => json!([code]),
    };
    let entries = json!([
        ["wrb.fr", rpcid, null, null, null, block, "generic"],
        ["di", 31],
        ["af.httprm", 30, "-8117403916458031321", 21]
    ]);
    answer(StatusCode::OK, body(entries))
}

/// A refusal whose reason is a number (`PublicAitkError`), the other form Flow's front end
/// decodes.
pub fn aitk_fault(rpcid: &str, code: i64, reason: i64) -> Response {
    let block = json!([
        code,
        null,
        [[
            "type.googleapis.com/google.internal.labs.aisandbox.proto.common.v1.PublicAitkError",
            [reason]
        ]]
    ]);
    let entries = json!([
        ["wrb.fr", rpcid, null, null, null, block, "generic"],
        ["di", 29],
        ["af.httprm", 29, "-8117403916458031321", 21]
    ]);
    answer(StatusCode::OK, body(entries))
}

/// Declined silently: HTTP 200, a null payload and no error.
pub fn declined(rpcid: &str) -> Response {
    let entries = json!([["wrb.fr", rpcid, null, null, null, null, "generic"]]);
    answer(StatusCode::OK, body(entries))
}

/// A stale or missing `at`: HTTP 400 naming `xsrf` and the page's current token.
pub fn xsrf(current: &str) -> Response {
    let entries = json!([
        ["er", null, null, null, null, 400, null, null, null, 3],
        ["xsrf", current, null]
    ]);
    answer(StatusCode::BAD_REQUEST, body(entries))
}

/// A front-end error page (5xx, or 401 signed out).
pub fn page(status: StatusCode) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        format!("<!doctype html><title>Error {}</title>", status.as_u16()),
    )
        .into_response()
}

/// `original` in a shape no client knows (`Faults::drift`): its entries renamed, and one more
/// entry echoing what the call carried.
pub async fn drifted(original: Response, carried: &[String]) -> Response {
    let status = original.status();
    let bytes = axum::body::to_bytes(original.into_body(), 64 << 20)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes).replace("\"wrb.fr\"", "\"wrb.fr.v2\"");
    let echo = json!([["echo", carried]]).to_string();
    let n = echo.len() + 1;
    answer(status, format!("{text}{n}\n{echo}\n"))
}
