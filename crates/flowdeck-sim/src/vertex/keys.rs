//! Service-account key files, made fresh for every simulator: a real RSA-2048 key, so the
//! client signs its assertions exactly as it would for Google, and the simulator can check them.

use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

use super::world::ServiceAccount;
use crate::report::AccountReport;
use crate::state::{Account, Provider, Sim};

/// The project of a Vertex account.
pub fn project_of(name: &str) -> String {
    format!("{name}-project")
}

/// PEM armour around a DER key, 64 base64 characters a line.
fn pem(label: &str, der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// Creates the service account of every `vertex_accounts` name, after the Flow and Gemini
/// accounts. A key that cannot be made is a broken host, not a request: it fails the start.
pub fn enroll(sim: &Sim, token_uri: &str) -> std::io::Result<()> {
    let broken = |what: &str| std::io::Error::other(format!("simulated service account: {what}"));
    sim.world().vertex.token_uri = token_uri.to_string();
    for name in &sim.config.vertex_accounts {
        let key = KeyPair::generate(KeySize::Rsa2048).map_err(|_| broken("key generation"))?;
        let der: Pkcs8V1Der = key.as_der().map_err(|_| broken("PKCS#8 encoding"))?;
        let private_key = pem("PRIVATE KEY", der.as_ref());
        let project = project_of(name);
        let email = format!("flowdeck@{project}.iam.gserviceaccount.com");
        let file = json!({
            "type": "service_account",
            "project_id": project,
            "private_key_id": format!("{:016x}{:016x}{:08x}", sim.random_u64(), sim.random_u64(), sim.random_u64() as u32),
            "private_key": private_key,
            "client_email": email,
            "client_id": format!("1{:020}", sim.random_u64()),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": token_uri,
        });
        // A line from the middle: the first ones are the same for every RSA key.
        let key_line = private_key.lines().nth(3).unwrap_or_default().to_string();
        let mut w = sim.world();
        let account = w.accounts.len();
        w.accounts.push(Account {
            secret: file.to_string(),
            provider: Provider::Vertex,
            signed_out: false,
            plan: sim.config.plan,
            page_token: String::new(),
            families: Vec::new(),
            flag_next: 0,
            model_quota: Default::default(),
            denied: Vec::new(),
            challenged: false,
            report: AccountReport {
                name: name.clone(),
                email: email.clone(),
                credits: sim.config.credits,
                ..AccountReport::default()
            },
        });
        w.projects.insert(project.clone(), account);
        w.vertex.service_accounts.push(ServiceAccount {
            account,
            project,
            email,
            public_key: key.public_key().as_ref().to_vec(),
            key_line,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_lines_are_64_wide_and_armoured() {
        let text = pem("PRIVATE KEY", &[7u8; 100]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "-----BEGIN PRIVATE KEY-----");
        assert_eq!(lines[1].len(), 64);
        assert_eq!(lines.last().copied(), Some("-----END PRIVATE KEY-----"));
        let body: String = lines[1..lines.len() - 1].concat();
        assert_eq!(STANDARD.decode(body).expect("base64"), vec![7u8; 100]);
    }
}
