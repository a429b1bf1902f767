//! The pages, the sign-in route and the page's reCAPTCHA.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::{Value, json};

use super::cookie;
use crate::sim::state::{Provider, SESSION_COOKIE, SITE_KEY, Sim};

/// The build label the pages carry (`cfb2h`, sent back as `bl`).
pub const BUILD: &str = "boq_labs-ai-sandbox-frontend_20261115.00_p0";

/// A page of the app: `WIZ_global_data` (signed out: no `SNlM0e`, no email), and on project
/// pages a `grecaptcha.enterprise` whose `execute` mints a token for the signed-in account.
fn page(sim: &Sim, headers: &HeaderMap, project: bool) -> Response {
    let account = cookie(sim, headers);
    let mut wiz = json!({
        "cfb2h": BUILD,
        "FdrFJe": "-4385160781251206470",
        "qwAQke": "AiSandboxAngularFrontend",
        "EP": "en",
        "xZbWve": SITE_KEY,
    });
    if let Some(a) = account {
        let w = sim.world();
        wiz["SNlM0e"] = json!(w.accounts[a].page_token);
        wiz["oPEP7c"] = json!(w.accounts[a].report.email);
    }
    let recaptcha = if project && account.is_some() {
        r#"<script>
window.grecaptcha = {enterprise: {
  ready: function (cb) { cb(); },
  execute: function (key, opts) {
    return fetch("/sim/recaptcha", {method: "POST", credentials: "include",
        headers: {"content-type": "application/json"},
        body: JSON.stringify({key: key, action: opts && opts.action})})
      .then(function (r) { if (!r.ok) { throw new Error("reCAPTCHA refused"); } return r.json(); })
      .then(function (j) { return j.token; });
  }
}};
</script>"#
    } else {
        ""
    };
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Flow</title>\
         <script>window.WIZ_global_data = {wiz};</script>{recaptcha}</head>\
         <body><h1>Flow (simulated)</h1></body></html>"
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

pub async fn root(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Response {
    page(&sim, &headers, false)
}

pub async fn project(
    State(sim): State<Arc<Sim>>,
    Path(_pid): Path<String>,
    headers: HeaderMap,
) -> Response {
    page(&sim, &headers, true)
}

/// `GET /sim/signin/{account}`: signs this browser in as `account` (sets its session cookie).
pub async fn sign_in(State(sim): State<Arc<Sim>>, Path(account): Path<String>) -> Response {
    let secret = {
        let w = sim.world();
        w.accounts
            .iter()
            .find(|a| a.provider == Provider::Flow && a.report.name == account)
            .map(|a| a.secret.clone())
    };
    let Some(secret) = secret else {
        return (StatusCode::NOT_FOUND, "no such simulated account").into_response();
    };
    (
        StatusCode::SEE_OTHER,
        [
            (
                header::SET_COOKIE,
                format!("{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax"),
            ),
            (header::LOCATION, "/".to_string()),
        ],
    )
        .into_response()
}

/// `POST /sim/recaptcha {key, action}`: what the page's `grecaptcha.enterprise.execute` does.
pub async fn recaptcha(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let Some(account) = cookie(&sim, &headers) else {
        return (StatusCode::FORBIDDEN, "not signed in").into_response();
    };
    let key = body.get("key").and_then(Value::as_str);
    let action = body.get("action").and_then(Value::as_str).unwrap_or("");
    if key != Some(SITE_KEY) || action.is_empty() {
        return (StatusCode::BAD_REQUEST, "site key and action are required").into_response();
    }
    Json(json!({"token": sim.mint_captcha(account, action)})).into_response()
}
