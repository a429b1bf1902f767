//! The bridge's shared-secret arithmetic: random codes and nonces, and the HMAC proofs each side
//! gives that it holds the pairing secret without ever sending it.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::secret::Secret;

/// `bytes` random bytes from the operating system, as lowercase hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // The OS generator does not fail on the platforms flowdeck runs on; if it ever did, a
    // predictable value must not be used, so stop here loudly.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut buf).expect("the operating system's random generator failed");
    hex::encode(buf)
}

/// A new pairing secret (256 bits).
pub fn new_secret() -> Secret {
    Secret::new(random_hex(32))
}

/// A one-time pairing code (128 bits): it is in the pairing URL, so it is long enough that no
/// page can guess it.
pub fn new_code() -> String {
    random_hex(16)
}

pub fn new_nonce() -> String {
    random_hex(16)
}

fn mac(secret: &Secret, parts: &[&str]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(mut m) = Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()) else {
        return String::new();
    };
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            m.update(b"|");
        }
        m.update(p.as_bytes());
    }
    hex::encode(m.finalize().into_bytes())
}

/// What flowdeck shows the extension: it answers the extension's nonce.
pub fn server_proof(secret: &Secret, browser_nonce: &str, server_nonce: &str) -> String {
    mac(
        secret,
        &["flowdeck-bridge server", browser_nonce, server_nonce],
    )
}

/// What the extension shows flowdeck: it answers flowdeck's nonce.
pub fn browser_proof(secret: &Secret, server_nonce: &str, browser_nonce: &str) -> String {
    mac(
        secret,
        &["flowdeck-bridge extension", server_nonce, browser_nonce],
    )
}

/// Compares two proofs in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proofs_depend_on_secret_role_and_nonces() {
        let s = Secret::new("k");
        // HMAC-SHA256("k", "flowdeck-bridge server|a|b"), computed independently with
        // `printf %s 'flowdeck-bridge server|a|b' | openssl dgst -sha256 -hmac k`.
        assert_eq!(
            server_proof(&s, "a", "b"),
            "24e59e6c6f0be76b8a55cf7885b041f41c8880c0822842c0e6abb0958bf93a54"
        );
        assert_ne!(server_proof(&s, "a", "b"), browser_proof(&s, "a", "b"));
        assert_ne!(server_proof(&s, "a", "b"), server_proof(&s, "b", "a"));
        assert_ne!(
            server_proof(&s, "a", "b"),
            server_proof(&Secret::new("j"), "a", "b")
        );
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
        assert_eq!(new_code().len(), 32);
        assert_ne!(new_code(), new_code());
    }
}
