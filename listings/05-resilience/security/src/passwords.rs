//! Storing passwords: Argon2id against one round of SHA-256.

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use sha2::{Digest, Sha256};

use crate::secret::Secret;

// ANCHOR: params
/// OWASP's Password Storage Cheat Sheet minimum for Argon2id: 19 MiB of
/// memory (m, in 1 KiB blocks), 2 passes over it (t), 1 lane (p).
pub const M_COST_KIB: u32 = 19 * 1024;
pub const T_COST: u32 = 2;
pub const P_COST: u32 = 1;

pub fn hasher() -> Argon2<'static> {
    let params = Params::new(M_COST_KIB, T_COST, P_COST, Some(32)).expect("valid params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}
// ANCHOR_END: params

// ANCHOR: store
/// A PHC string: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, with 16
/// random bytes of salt drawn by `hash_password` on each call.
pub fn store(password: &Secret<String>) -> String {
    hasher()
        .hash_password(password.expose().as_bytes())
        .expect("hashing")
        .to_string()
}

/// Reads the algorithm, parameters and salt back from the stored string,
/// hashes the attempt the same way, and compares the two outputs in
/// constant time (the `phc` crate's `Output` compares with `ctutils`).
pub fn check(attempt: &Secret<String>, stored: &str) -> bool {
    hasher()
        .verify_password(attempt.expose().as_bytes(), stored)
        .is_ok()
}
// ANCHOR_END: store

/// The fast hash: what a table of `sha256(password)` stores.
pub fn fast_hash(password: &str) -> [u8; 32] {
    Sha256::digest(password.as_bytes()).into()
}

/// One Argon2id guess, as an attacker holding a stolen hash makes it.
pub fn argon2_guess(guess: &str, salt: &[u8], out: &mut [u8; 32]) {
    hasher()
        .hash_password_into(guess.as_bytes(), salt, out)
        .expect("hash");
}
