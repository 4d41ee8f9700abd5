//! JWTs: issued with EdDSA (Ed25519), verified two ways. The pinned
//! verifier fixes the algorithm on the server; the naive one believes the
//! token's own header.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "https://auth.shop.example";
pub const AUDIENCE: &str = "orders-api";
/// Clock skew tolerated on `exp` (and `nbf`), in seconds.
pub const LEEWAY_SECS: u64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    /// Space-separated permissions, as OAuth 2.0's `scope`.
    pub scope: String,
    pub aud: String,
    pub iss: String,
    pub exp: u64,
}

impl Claims {
    pub fn has_scope(&self, wanted: &str) -> bool {
        self.scope.split(' ').any(|s| s == wanted)
    }
}

/// The issuer's signing key and the public key every service verifies with.
pub struct Keys {
    pub signing: EncodingKey,
    pub verifying: DecodingKey,
    /// The public key as PEM text: not a secret, published for anyone.
    pub public_pem: String,
}

impl Keys {
    pub fn generate() -> Keys {
        let pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ED25519).expect("ed25519 key");
        let public_pem = pair.public_key_pem();
        Keys {
            signing: EncodingKey::from_ed_pem(pair.serialize_pem().as_bytes()).expect("pkcs8"),
            verifying: DecodingKey::from_ed_pem(public_pem.as_bytes()).expect("spki"),
            public_pem,
        }
    }
}

pub fn now() -> u64 {
    jsonwebtoken::get_current_timestamp()
}

/// Claims for `sub` with `scope`, expiring `expires_in` seconds from now
/// (negative: already expired).
pub fn claims(sub: &str, scope: &str, expires_in: i64) -> Claims {
    claims_at(now(), sub, scope, expires_in)
}

/// The same, counted from `now` instead of the wall clock.
pub fn claims_at(now: u64, sub: &str, scope: &str, expires_in: i64) -> Claims {
    Claims {
        sub: sub.into(),
        scope: scope.into(),
        aud: AUDIENCE.into(),
        iss: ISSUER.into(),
        exp: now.saturating_add_signed(expires_in),
    }
}

pub fn issue(keys: &Keys, claims: &Claims) -> String {
    jsonwebtoken::encode(&Header::new(Algorithm::EdDSA), claims, &keys.signing).expect("sign")
}

// ANCHOR: pinned
/// The server decides the algorithm, the audience and the issuer; the
/// token only gets to prove it matches them.
pub fn validation() -> Validation {
    let mut v = Validation::new(Algorithm::EdDSA);
    v.leeway = LEEWAY_SECS;
    v.set_audience(&[AUDIENCE]);
    v.set_issuer(&[ISSUER]);
    v.set_required_spec_claims(&["exp", "aud", "iss", "sub"]);
    v
}

pub fn verify(token: &str, key: &DecodingKey) -> Result<Claims, ErrorKind> {
    jsonwebtoken::decode::<Claims>(token, key, &validation())
        .map(|data| data.claims)
        .map_err(|e| e.into_kind())
}
// ANCHOR_END: pinned

// ANCHOR: naive
/// The bug: the verifier asks the token which algorithm to check it with.
/// It holds one key, the issuer's public key as PEM text, and hands it to
/// whatever algorithm the header names.
pub fn verify_naive(token: &str, public_pem: &str) -> Result<Claims, String> {
    let header_b64 = token.split('.').next().unwrap_or_default();
    let header: serde_json::Value = URL_SAFE_NO_PAD
        .decode(header_b64)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or("bad header")?;
    let (alg, key) = match header["alg"].as_str() {
        // RFC 7519 allows "unsecured" JWTs: no signature at all.
        Some("none") => return payload_of(token).ok_or_else(|| "bad payload".into()),
        Some("HS256") => (
            Algorithm::HS256,
            DecodingKey::from_secret(public_pem.as_bytes()),
        ),
        Some("EdDSA") => (
            Algorithm::EdDSA,
            DecodingKey::from_ed_pem(public_pem.as_bytes()),
        ),
        other => return Err(format!("unsupported alg {other:?}")),
    };
    let key = key.map_err(|e| e.to_string())?;
    let mut v = validation();
    v.algorithms = vec![alg]; // whatever the token asked for
    jsonwebtoken::decode::<Claims>(token, &key, &v)
        .map(|data| data.claims)
        .map_err(|e| format!("{:?}", e.into_kind()))
}
// ANCHOR_END: naive

fn payload_of(token: &str) -> Option<Claims> {
    let payload = token.split('.').nth(1)?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

// ANCHOR: forge
/// `alg: none`: a header, the claims the attacker wants, no signature.
pub fn forge_alg_none(claims: &Claims) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap());
    format!("{header}.{payload}.")
}

/// Key confusion: an HMAC "signature" whose secret is the issuer's public
/// key, which anyone can download.
pub fn forge_key_confusion(claims: &Claims, public_pem: &str) -> String {
    let key = EncodingKey::from_secret(public_pem.as_bytes()).unwrap();
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &key).unwrap()
}
// ANCHOR_END: forge

/// Flips one character of the payload, keeping the signature.
pub fn tamper(token: &str) -> String {
    let mut parts: Vec<String> = token.split('.').map(String::from).collect();
    let claims = payload_of(token).expect("payload");
    let raised = Claims {
        scope: format!("{} admin", claims.scope),
        ..claims
    };
    parts[1] = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&raised).unwrap());
    parts.join(".")
}

/// A short, stable name for an error kind, for printing.
pub fn kind_name(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Json(_) => "Json (the header does not parse)".into(),
        other => format!("{other:?}"),
    }
}
