//! The error bodies Vertex AI and Cloud Storage answer with, word for word where the client
//! (or its user) reads them.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// A Google RPC error with `details`.
pub fn rpc(code: u16, status: &str, message: &str, details: Option<Value>) -> Response {
    let mut error = json!({"code": code, "message": message, "status": status});
    if let Some(details) = details {
        error["details"] = details;
    }
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(json!({"error": error}))).into_response()
}

/// A missing, unknown, expired or revoked bearer token on the Vertex API.
pub fn unauthenticated() -> Response {
    let mut r = rpc(
        401,
        "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        None,
    );
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        header::HeaderValue::from_static("Bearer realm=\"https://accounts.google.com/\""),
    );
    r
}

fn model_resource(project: &str, location: &str, model: &str) -> String {
    format!("projects/{project}/locations/{location}/publishers/google/models/{model}")
}

/// The token's project is not the one in the path.
pub fn predict_denied(project: &str, location: &str, model: &str) -> Response {
    let resource = model_resource(project, location, model);
    rpc(
        403,
        "PERMISSION_DENIED",
        &format!(
            "Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/{resource}' (or it may not exist)."
        ),
        Some(json!([{
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "IAM_PERMISSION_DENIED",
            "domain": "aiplatform.googleapis.com",
            "metadata": {
                "permission": "aiplatform.endpoints.predict",
                "resource": format!("projects/{project}/locations/{location}"),
            },
        }])),
    )
}

/// The token's project is not the `x-goog-user-project`.
pub fn user_project_denied(project: &str) -> Response {
    rpc(
        403,
        "PERMISSION_DENIED",
        &format!(
            "Caller does not have required permission to use project {project}. Grant the caller the roles/serviceusage.serviceUsageConsumer role, or a custom role with the serviceusage.services.use permission, by visiting https://console.developers.google.com/iam-admin/iam/admin?project={project} and then retry."
        ),
        Some(json!([{
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "USER_PROJECT_DENIED",
            "domain": "googleapis.com",
            "metadata": {"consumer": format!("projects/{project}"), "service": "aiplatform.googleapis.com"},
        }])),
    )
}

/// The project has not enabled the Vertex AI API.
pub fn service_disabled(project: &str) -> Response {
    rpc(
        403,
        "PERMISSION_DENIED",
        &format!(
            "Vertex AI API has not been used in project {project} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/aiplatform.googleapis.com/overview?project={project} then retry."
        ),
        Some(json!([{
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "SERVICE_DISABLED",
            "domain": "googleapis.com",
            "metadata": {"service": "aiplatform.googleapis.com", "consumer": format!("projects/{project}")},
        }])),
    )
}

pub fn model_not_found(project: &str, location: &str, model: &str) -> Response {
    rpc(
        404,
        "NOT_FOUND",
        &format!(
            "Publisher Model `{}` was not found or your project does not have access to it.",
            model_resource(project, location, model)
        ),
        None,
    )
}

pub fn operation_not_found() -> Response {
    rpc(404, "NOT_FOUND", "Operation not found.", None)
}

/// The per-project, per-base-model request quota.
pub fn quota(model: &str) -> Response {
    rpc(
        429,
        "RESOURCE_EXHAUSTED",
        &format!(
            "Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: {model}. Please submit a quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai."
        ),
        None,
    )
}

pub fn unavailable() -> Response {
    rpc(
        503,
        "UNAVAILABLE",
        "The service is currently unavailable.",
        None,
    )
}

/// What a Google front end answers when the backend's answer is lost.
pub fn bad_gateway() -> Response {
    (
        StatusCode::BAD_GATEWAY,
        [(header::CONTENT_TYPE, "text/html; charset=UTF-8")],
        "<!DOCTYPE html><title>Error 502 (Server Error)!!1</title><p><b>502.</b> <ins>That\u{2019}s an error.</ins><p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds. <ins>That\u{2019}s all we know.</ins>",
    )
        .into_response()
}

/// A Cloud Storage JSON API error (its own shape: `errors` instead of `status`).
pub fn storage(code: u16, message: &str, reason: &str) -> Response {
    let body = json!({"error": {"code": code, "message": message,
        "errors": [{"message": message, "domain": "global", "reason": reason}]}});
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}
