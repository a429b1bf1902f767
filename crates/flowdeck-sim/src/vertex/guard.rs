//! Credential discipline on every listener: a Vertex access token goes only to the Vertex API
//! and Cloud Storage, a Gemini key or a browser cookie never goes there, and a
//! service-account private key goes nowhere at all (the token endpoint gets a signed assertion).
//! Each such request is recorded as a leak, then answered as usual.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

use crate::report::Leak;
use crate::state::Sim;

/// What every simulated Vertex access token starts with.
const TOKEN_MARK: &str = "ya29.sim-";

/// Text that only a private key (PEM armour, maybe form- or percent-encoded) contains.
const KEY_MARKS: &[&str] = &["PRIVATE KEY-----", "PRIVATE+KEY-----", "PRIVATE%20KEY-----"];

/// Headers the CDN's own guard already records, whatever they carry.
const CDN_RECORDED: &[&str] = &["authorization", "cookie", "x-goog-api-key"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listener {
    /// The Flow origin and the Gemini API.
    Main,
    Cdn,
    Vertex,
    Storage,
}

/// `router` with the guard for `listener` in front of every route.
pub fn guarded<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    sim: Arc<Sim>,
    listener: Listener,
) -> Router<S> {
    router.layer(middleware::from_fn_with_state((sim, listener), check))
}

fn has_private_key(sim: &Sim, text: &str) -> bool {
    KEY_MARKS.iter().any(|m| text.contains(m))
        || sim
            .world()
            .vertex
            .service_accounts
            .iter()
            .any(|s| !s.key_line.is_empty() && text.contains(&s.key_line))
}

/// The credentials in a request's headers and query that must not reach `listener`, as
/// (where, value).
fn misplaced(sim: &Sim, listener: Listener, req: &Request) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (name, value) in req.headers() {
        let name = name.as_str();
        if listener == Listener::Cdn && CDN_RECORDED.contains(&name) {
            continue;
        }
        let value = String::from_utf8_lossy(value.as_bytes()).to_string();
        let wrong = match listener {
            Listener::Main | Listener::Cdn => value.contains(TOKEN_MARK),
            Listener::Vertex | Listener::Storage => ["x-goog-api-key", "cookie"].contains(&name),
        };
        if wrong || has_private_key(sim, &value) {
            found.push((name.to_string(), value));
        }
    }
    let query = req.uri().query().unwrap_or_default();
    match listener {
        Listener::Main | Listener::Cdn if query.contains(TOKEN_MARK) => {
            found.push(("query".into(), query.to_string()));
        }
        Listener::Vertex | Listener::Storage => {
            if let Some(k) = query.split('&').find_map(|p| p.strip_prefix("key=")) {
                found.push(("key (query)".into(), k.to_string()));
            }
        }
        _ => {}
    }
    if has_private_key(sim, query) && !found.iter().any(|(w, _)| w == "query") {
        found.push(("query".into(), query.to_string()));
    }
    found
}

async fn check(
    State((sim, listener)): State<(Arc<Sim>, Listener)>,
    req: Request,
    next: Next,
) -> Response {
    let route = req.uri().path().to_string();
    let mut found = misplaced(&sim, listener, &req);
    // The body is read whole to be searched, then handed on unchanged.
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return (StatusCode::BAD_REQUEST, "unreadable body").into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    if has_private_key(&sim, &text) {
        found.push(("body".into(), text.to_string()));
    }
    for (header, value) in found {
        let account = sim.credential_owner(&value);
        tracing::warn!(%route, %header, ?account, ?listener, "credential sent where it must not go");
        sim.world().leaks.push(Leak {
            route: route.clone(),
            header,
            account,
        });
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
