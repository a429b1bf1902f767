//! The pages, the sign-in route, the page's reCAPTCHA, and "Confirm it's you".

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::{Value, json};

use super::session::{self, Named, Session, segment};
use crate::state::{Provider, SESSION_COOKIE, SITE_KEY, Sim, session_cookie};

/// The build label the pages carry (`cfb2h`, sent back as `bl`).
pub const BUILD: &str = "boq_labs-ai-sandbox-frontend_20261115.00_p0";

/// `/about` is another app with its own build (FBB: use a `/project/` tab, not it).
const ABOUT_BUILD: &str = "boq_labs-ai-sandbox-about_20261115.00_p0";

/// Where Google sends an account it wants to see for itself, under the same account.
pub fn to_about(named: Named) -> Response {
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, named.address("/about")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
    )
        .into_response()
}

fn challenged(sim: &Sim, s: Option<Session>) -> bool {
    s.is_some_and(|s| sim.world().accounts[s.account].challenged)
}

/// A page of the app: `WIZ_global_data` (signed out: no `SNlM0e`, no email), with `QrtxK`,
/// the page's own place in the browser's accounts; on project pages a `grecaptcha.enterprise`
/// whose `execute` mints a token for that account.
fn page(sim: &Sim, headers: &HeaderMap, named: Named, project: bool) -> Response {
    let s = session::session(sim, headers, named);
    if challenged(sim, s) {
        return to_about(named);
    }
    let mut wiz = json!({
        "cfb2h": BUILD,
        "FdrFJe": "-4385160781251206470",
        "qwAQke": "AiSandboxAngularFrontend",
        "EP": "en",
        "xZbWve": SITE_KEY,
        "QrtxK": "",
    });
    if let Some(s) = s {
        let w = sim.world();
        wiz["SNlM0e"] = json!(w.accounts[s.account].page_token);
        wiz["oPEP7c"] = json!(w.accounts[s.account].report.email);
        wiz["QrtxK"] = json!(s.index.to_string());
    }
    let recaptcha = if project && s.is_some() {
        let mint = named.address("/sim/recaptcha");
        format!(
            r#"<script>
window.grecaptcha = {{enterprise: {{
  ready: function (cb) {{ cb(); }},
  execute: function (key, opts) {{
    return fetch("{mint}", {{method: "POST", credentials: "include",
        headers: {{"content-type": "application/json"}},
        body: JSON.stringify({{key: key, action: opts && opts.action}})}})
      .then(function (r) {{ if (!r.ok) {{ throw new Error("reCAPTCHA refused"); }} return r.json(); }})
      .then(function (j) {{ return j.token; }});
  }}
}}}};
</script>"#
        )
    } else {
        String::new()
    };
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Flow</title>\
         <script>window.WIZ_global_data = {wiz};</script>{recaptcha}</head>\
         <body><h1>Flow (simulated)</h1></body></html>"
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "no such page").into_response()
}

pub async fn root(
    State(sim): State<Arc<Sim>>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    page(&sim, &headers, Named::from(None, &q), false)
}

pub async fn root_u(
    State(sim): State<Arc<Sim>>,
    Path(n): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    match segment(&n) {
        Some(n) => page(&sim, &headers, Named::from(Some(n), &q), false),
        None => not_found(),
    }
}

pub async fn project(
    State(sim): State<Arc<Sim>>,
    Path(_pid): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    page(&sim, &headers, Named::from(None, &q), true)
}

pub async fn project_u(
    State(sim): State<Arc<Sim>>,
    Path((n, _pid)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    match segment(&n) {
        Some(n) => page(&sim, &headers, Named::from(Some(n), &q), true),
        None => not_found(),
    }
}

/// `/about`: Flow's own page for people who are not let in; for an account Google wants to
/// see for itself, "Confirm it's you" (the check itself is Google's, in the browser).
fn about_page(sim: &Sim, headers: &HeaderMap, named: Named) -> Response {
    let s = session::session(sim, headers, named);
    let wiz = json!({"cfb2h": ABOUT_BUILD, "EP": "en"});
    let body = if challenged(sim, s) {
        "<h1>Confirm it's you</h1><p>To keep your account safe, Google wants to make sure it's \
         really you before you go on to Flow. Finish the check in this browser.</p>\
         <button>Continue</button>"
    } else {
        "<h1>Flow</h1><p>Make videos with Google's models.</p><a href=\"/\">Open Flow</a>"
    };
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Flow</title>\
         <script>window.WIZ_global_data = {wiz};</script></head><body>{body}</body></html>"
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

pub async fn about(
    State(sim): State<Arc<Sim>>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    about_page(&sim, &headers, Named::from(None, &q))
}

pub async fn about_u(
    State(sim): State<Arc<Sim>>,
    Path(n): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    match segment(&n) {
        Some(n) => about_page(&sim, &headers, Named::from(Some(n), &q)),
        None => not_found(),
    }
}

/// `GET /sim/signin/{account}`: signs this browser in as `account` (sets its session cookie)
/// and opens Flow. With `?add=1`, adds it to the accounts already signed in there (Google's
/// "Add another account") and opens Flow as it, under `/u/<n>/`.
pub async fn sign_in(
    State(sim): State<Arc<Sim>>,
    Path(account): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
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
    let mut sessions: Vec<String> = if q.contains_key("add") {
        headers
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .and_then(session_cookie)
            .map(|v| v.split(':').map(str::to_string).collect())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    if !sessions.contains(&secret) {
        sessions.push(secret.clone());
    }
    let index = sessions.iter().position(|s| *s == secret).unwrap_or(0);
    let home = if index == 0 {
        "/".to_string()
    } else {
        format!("/u/{index}/")
    };
    (
        StatusCode::SEE_OTHER,
        [
            (
                header::SET_COOKIE,
                format!(
                    "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax",
                    sessions.join(":")
                ),
            ),
            (header::LOCATION, home),
        ],
    )
        .into_response()
}

/// `POST /sim/recaptcha {key, action}`: what the page's `grecaptcha.enterprise.execute` does.
fn mint(sim: &Sim, headers: &HeaderMap, named: Named, body: &Value) -> Response {
    let Some(s) = session::session(sim, headers, named) else {
        return (StatusCode::FORBIDDEN, "not signed in").into_response();
    };
    let key = body.get("key").and_then(Value::as_str);
    let action = body.get("action").and_then(Value::as_str).unwrap_or("");
    if key != Some(SITE_KEY) || action.is_empty() {
        return (StatusCode::BAD_REQUEST, "site key and action are required").into_response();
    }
    Json(json!({"token": sim.mint_captcha(s.account, action)})).into_response()
}

pub async fn recaptcha(
    State(sim): State<Arc<Sim>>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    mint(&sim, &headers, Named::from(None, &q), &body)
}

pub async fn recaptcha_u(
    State(sim): State<Arc<Sim>>,
    Path(n): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    match segment(&n) {
        Some(n) => mint(&sim, &headers, Named::from(Some(n), &q), &body),
        None => not_found(),
    }
}
