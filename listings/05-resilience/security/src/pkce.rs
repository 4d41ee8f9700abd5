//! OAuth 2.0's authorization code flow with PKCE (RFC 7636), in one
//! process: a client, an authorization server, a resource server.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use seeded::SplitMix64;
use sha2::{Digest, Sha256};

use crate::secret::constant_time_eq;

// ANCHOR: challenge
/// RFC 7636 section 4.2, method S256:
/// `BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))`, without padding.
pub fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}
// ANCHOR_END: challenge

/// The 66 characters RFC 7636 allows in a verifier ("unreserved").
const UNRESERVED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/// A 43-character verifier, the RFC's minimum length. A real client draws
/// it from the operating system's random source; the seeded generator
/// keeps the demo's output the same on every run.
pub fn new_verifier(rng: &mut SplitMix64) -> String {
    (0..43)
        .map(|_| UNRESERVED[rng.below(UNRESERVED.len())] as char)
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// OAuth's `invalid_grant`: unknown or used code, wrong client or
    /// redirect URI, or a verifier that does not match the challenge.
    InvalidGrant(&'static str),
}

struct Grant {
    client_id: String,
    redirect_uri: String,
    challenge: String,
    user: String,
    used: bool,
}

/// The authorization server: it logs the user in (not shown), hands out
/// one-time codes, and swaps a code plus its verifier for an access token.
#[derive(Default)]
pub struct AuthServer {
    grants: HashMap<String, Grant>,
    issued: u64,
}

impl AuthServer {
    /// The user approved `client_id`; the code goes back to the browser,
    /// in the redirect URI's query string, where others may see it.
    pub fn authorize(
        &mut self,
        client_id: &str,
        redirect_uri: &str,
        challenge: &str,
        user: &str,
    ) -> String {
        self.issued += 1;
        let code = format!("code-{}", self.issued);
        self.grants.insert(
            code.clone(),
            Grant {
                client_id: client_id.into(),
                redirect_uri: redirect_uri.into(),
                challenge: challenge.into(),
                user: user.into(),
                used: false,
            },
        );
        code
    }

    // ANCHOR: token
    pub fn token(
        &mut self,
        code: &str,
        client_id: &str,
        redirect_uri: &str,
        verifier: Option<&str>,
    ) -> Result<String, TokenError> {
        let grant = self
            .grants
            .get_mut(code)
            .ok_or(TokenError::InvalidGrant("unknown code"))?;
        if grant.used {
            return Err(TokenError::InvalidGrant("code already used"));
        }
        if grant.client_id != client_id || grant.redirect_uri != redirect_uri {
            return Err(TokenError::InvalidGrant("client or redirect_uri mismatch"));
        }
        let verifier = verifier.ok_or(TokenError::InvalidGrant("code_verifier missing"))?;
        let computed = s256_challenge(verifier);
        if !constant_time_eq(computed.as_bytes(), grant.challenge.as_bytes()) {
            return Err(TokenError::InvalidGrant("code_verifier does not match"));
        }
        grant.used = true;
        Ok(format!("access-token-for-{}", grant.user))
    }
    // ANCHOR_END: token
}

/// The resource server trusts tokens the authorization server issued.
/// (In the HTTP service of this chapter that check is a JWT signature.)
pub fn resource_server(token: &str) -> &'static str {
    if token.starts_with("access-token-for-") {
        "200 OK"
    } else {
        "401 Unauthorized"
    }
}
