//! `POST /oauth2/token`: the service-account flow. The client posts a JWT it signed with the
//! key file's private key (never the key itself); a good one buys a short-lived access token
//! that acts only in that service account's project.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_PAD_INDIFFERENT;
use serde_json::{Value, json};

use super::world::{Token, VertexWorld};
use crate::state::Sim;

pub const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
pub const SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform";

/// Why an assertion was refused: the OAuth `error` and its `error_description`.
type Refusal = (&'static str, String);

fn grant(description: &str) -> Refusal {
    ("invalid_grant", description.to_string())
}

fn part(segment: &str) -> Option<Vec<u8>> {
    URL_SAFE_PAD_INDIFFERENT.decode(segment).ok()
}

/// Checks a signed assertion at unix time `now`: RS256, signed by the key of the service
/// account it names, for this token endpoint, the cloud-platform scope, and short-lived.
/// Gives the account; a refusal carries the account named by `iss`, when there is one.
pub fn verify(
    v: &VertexWorld,
    assertion: &str,
    now: i64,
) -> Result<usize, (Option<usize>, Refusal)> {
    let malformed = || (None, grant("Invalid JWT: malformed assertion."));
    let segments: Vec<&str> = assertion.split('.').collect();
    let [head, body, signature] = segments[..] else {
        return Err(malformed());
    };
    let json = |s| part(s).and_then(|b| serde_json::from_slice::<Value>(&b).ok());
    let (Some(header), Some(claims), Some(signature)) = (json(head), json(body), part(signature))
    else {
        return Err(malformed());
    };
    let Some(sa) = claims
        .get("iss")
        .and_then(Value::as_str)
        .and_then(|iss| v.by_email(iss))
    else {
        return Err((None, grant("Invalid grant: account not found")));
    };
    let signed = &assertion[..head.len() + 1 + body.len()];
    check(v, &sa.public_key, &header, &claims, signed, &signature, now)
        .map(|()| sa.account)
        .map_err(|r| (Some(sa.account), r))
}

fn check(
    v: &VertexWorld,
    public_key: &[u8],
    header: &Value,
    claims: &Value,
    signed: &str,
    signature: &[u8],
    now: i64,
) -> Result<(), Refusal> {
    if header.get("alg").and_then(Value::as_str) != Some("RS256") {
        return Err(grant("Invalid JWT Signature."));
    }
    UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, public_key)
        .verify(signed.as_bytes(), signature)
        .map_err(|_| grant("Invalid JWT Signature."))?;
    if claims.get("aud").and_then(Value::as_str) != Some(v.token_uri.as_str()) {
        return Err(grant(&format!(
            "Invalid JWT: Failed audience check. The right audience is {}",
            v.token_uri
        )));
    }
    let scopes = claims.get("scope").and_then(Value::as_str).unwrap_or("");
    if !scopes.split(' ').any(|s| s == SCOPE) {
        return Err((
            "invalid_scope",
            "Invalid OAuth scope or ID token audience provided.".into(),
        ));
    }
    // Impersonating a user needs domain-wide delegation, which these accounts lack.
    if let Some(sub) = claims.get("sub").and_then(Value::as_str)
        && claims.get("iss").and_then(Value::as_str) != Some(sub)
    {
        return Err((
            "unauthorized_client",
            "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.".into(),
        ));
    }
    let time = |k: &str| claims.get(k).and_then(Value::as_i64);
    let (Some(iat), Some(exp)) = (time("iat"), time("exp")) else {
        return Err(grant(
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
        ));
    };
    if exp <= now || exp - iat > 3600 || iat > now + 300 {
        return Err(grant(
            "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
        ));
    }
    Ok(())
}

fn refuse((error, description): Refusal) -> Response {
    (
        StatusCode::BAD_REQUEST,
        axum::Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// A fresh `ya29.` access token, from the system's RNG so no two simulators share one (the
/// seeded dice only if that fails).
fn new_token(sim: &Sim) -> String {
    let mut bytes = [0u8; 24];
    if aws_lc_rs::rand::fill(&mut bytes).is_err() {
        for chunk in bytes.chunks_mut(8) {
            chunk.copy_from_slice(&sim.random_u64().to_le_bytes());
        }
    }
    format!("ya29.sim-{}", hex::encode(bytes))
}

pub async fn token(
    State(sim): State<Arc<Sim>>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return refuse(("invalid_request", "Expected a form-urlencoded body.".into()));
    };
    if form.get("grant_type").map(String::as_str) != Some(GRANT_TYPE) {
        return refuse((
            "unsupported_grant_type",
            format!(
                "Invalid grant_type: {}",
                form.get("grant_type").map_or("", String::as_str)
            ),
        ));
    }
    let Some(assertion) = form.get("assertion") else {
        return refuse((
            "invalid_request",
            "Missing required parameter: assertion".into(),
        ));
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let token = new_token(&sim);
    let mut w = sim.world();
    let verdict = verify(&w.vertex, assertion, now);
    let named = match &verdict {
        Ok(a) | Err((Some(a), _)) => Some(*a),
        Err((None, _)) => None,
    };
    if let Some(a) = named {
        w.accounts[a].report.token_requests += 1;
    }
    let account = match verdict {
        Ok(a) => a,
        Err((_, refusal)) => return refuse(refusal),
    };
    let ttl = sim.config.vertex_token_ttl;
    let issued = Instant::now();
    w.vertex.tokens.insert(
        token.clone(),
        Token {
            account,
            issued,
            expires: issued + ttl,
            revoked: false,
        },
    );
    drop(w);
    axum::Json(json!({"access_token": token, "expires_in": ttl.as_secs(), "token_type": "Bearer"}))
        .into_response()
}
