//! Answers in the shapes Google's services use.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// A Google RPC error body (`{"error":{code,message,status,details}}`).
pub fn rpc_error(code: u16, status: &str, message: &str, reason: Option<&str>) -> Response {
    let mut error = json!({"code": code, "message": message, "status": status});
    if let Some(reason) = reason {
        error["details"] = json!([{
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": reason,
        }]);
    }
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(json!({"error": error}))).into_response()
}

pub fn not_found() -> Response {
    rpc_error(404, "NOT_FOUND", "Requested entity was not found.", None)
}

pub fn unauthenticated(missing: bool) -> Response {
    if missing {
        rpc_error(
            401,
            "UNAUTHENTICATED",
            "Request is missing required authentication credential.",
            Some("CREDENTIALS_MISSING"),
        )
    } else {
        rpc_error(
            401,
            "UNAUTHENTICATED",
            "Request had invalid authentication credentials. Expected OAuth 2 access token.",
            Some("ACCESS_TOKEN_EXPIRED"),
        )
    }
}

pub fn invalid(message: &str) -> Response {
    rpc_error(400, "INVALID_ARGUMENT", message, None)
}

pub fn ok(body: Value) -> Response {
    axum::Json(body).into_response()
}

/// A 429 throttle with `Retry-After`.
pub fn throttled(retry_after: u64) -> Response {
    let mut r = rpc_error(
        429,
        "RESOURCE_EXHAUSTED",
        "Too many requests, please slow down.",
        Some("PUBLIC_ERROR_USER_REQUESTS_THROTTLED"),
    );
    if let Ok(v) = HeaderValue::from_str(&retry_after.to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    r
}

/// The sign-in page a dead session gets instead of a redirect.
pub fn login_page() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<!doctype html><title>Sign in - Google Accounts</title>",
    )
        .into_response()
}
