//! Answers in the shapes Google's services use.

use axum::http::StatusCode;
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

pub fn invalid(message: &str) -> Response {
    rpc_error(400, "INVALID_ARGUMENT", message, None)
}

pub fn ok(body: Value) -> Response {
    axum::Json(body).into_response()
}
