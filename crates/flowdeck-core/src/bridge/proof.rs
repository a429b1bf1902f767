//! The bridge's shared-secret arithmetic: random codes and nonces, the HMAC proofs each side
//! gives that it holds the pairing secret without ever sending it, and the check code a person
//! carries from flowdeck to the extension's popup when pairing.

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

/// Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
const CHECK_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A check code (40 bits, 8 characters): flowdeck shows it in its terminal or window, never on
/// the pairing page, and the person types it into the extension's popup. Without it the
/// pairing link is useless, to whoever reads it.
pub fn new_check() -> String {
    let mut bytes = [0u8; 5];
    // As in `random_hex`: a predictable code must not be used.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut bytes).expect("the operating system's random generator failed");
    let bits = bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    (0..8)
        .rev()
        .map(|i| char::from(CHECK_ALPHABET[((bits >> (i * 5)) & 31) as usize]))
        .collect()
}

/// A check code as people see it: `K7QM-3XPD`.
pub fn shown_check(check: &str) -> String {
    let (a, b) = check.split_at(check.len().min(4));
    format!("{a}-{b}")
}

/// PBKDF2 rounds in the pairing key: whoever hears one side's proof and tries every check code
/// offline pays 100,000 HMACs per guess (2^40 guesses: months of a GPU, for a code that lives
/// minutes). The extension derives the same key with WebCrypto.
pub const PAIR_ROUNDS: u32 = 100_000;

/// The key both sides prove they hold while pairing: the check code stretched, salted with the
/// pairing code (so one pairing's proofs say nothing about another's).
pub fn pairing_key(check: &str, code: &str) -> Secret {
    let mut out = [0u8; 32];
    let rounds = std::num::NonZeroU32::new(PAIR_ROUNDS).unwrap_or(std::num::NonZeroU32::MIN);
    aws_lc_rs::pbkdf2::derive(
        aws_lc_rs::pbkdf2::PBKDF2_HMAC_SHA256,
        rounds,
        format!("flowdeck-pair|{code}").as_bytes(),
        check.as_bytes(),
        &mut out,
    );
    Secret::new(hex::encode(out))
}

/// While pairing, flowdeck proves first: the extension answers only a peer that knows the code
/// the person typed.
pub fn pair_server_proof(key: &Secret, browser_nonce: &str, server_nonce: &str) -> String {
    mac(key, &["flowdeck-pair server", browser_nonce, server_nonce])
}

pub fn pair_browser_proof(key: &Secret, server_nonce: &str, browser_nonce: &str) -> String {
    mac(
        key,
        &["flowdeck-pair extension", server_nonce, browser_nonce],
    )
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

    #[test]
    fn check_codes_and_the_pairing_key() {
        let c = new_check();
        assert_eq!(c.len(), 8);
        assert!(c.bytes().all(|b| CHECK_ALPHABET.contains(&b)), "{c}");
        assert_ne!(new_check(), new_check());
        assert_eq!(shown_check("K7QM3XPD"), "K7QM-3XPD");
        // PBKDF2-HMAC-SHA256("K7QM3XPD", "flowdeck-pair|00ff", 100000), computed independently
        // with Python's `hashlib.pbkdf2_hmac("sha256", b"K7QM3XPD", b"flowdeck-pair|00ff",
        // 100000).hex()`.
        let key = pairing_key("K7QM3XPD", "00ff");
        assert_eq!(
            key.expose(),
            "bcfe089e6cec9d933f78d215752d5e263777521eb0d8b4c058fe72f7aa17222b"
        );
        assert_ne!(
            pair_server_proof(&key, "a", "b"),
            pair_browser_proof(&key, "a", "b")
        );
        assert_ne!(
            pair_server_proof(&key, "a", "b"),
            server_proof(&key, "a", "b")
        );
    }
}
