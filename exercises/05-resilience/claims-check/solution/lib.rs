// --- solution ---
//! Reference solution: the registered-claim checks of RFC 7519 (section
//! 4.1), with a leeway for clock skew on both time checks.
// --- stub ---
// //! Your turn: check a token's claims once its signature is known good.
// //!
// //! A valid signature says who wrote the token, not that this service
// //! should accept it now. Write the checks a verifier runs next: the
// //! expiry and not-before times, with a leeway for clocks that disagree,
// //! the issuer, and the audience.
// //!
// //! The tests are in `tests/claims-check.rs`.
// //! Run `cargo test -p claims-check` until every test passes.
// --- end ---

/// The registered claims of a token whose signature has been verified.
/// Times are Unix seconds.
#[derive(Debug, Clone, Default)]
pub struct Claims {
    /// Who issued the token.
    pub iss: Option<String>,
    /// The services the token is meant for; one of them must be us.
    pub aud: Vec<String>,
    /// Expiry. Required: a token without one would be valid forever.
    pub exp: Option<u64>,
    /// Not before: the token is not valid until then. Optional.
    pub nbf: Option<u64>,
}

/// What this service accepts.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The one issuer we trust.
    pub issuer: String,
    /// Our own name, which must appear in `aud`.
    pub audience: String,
    /// Seconds of clock disagreement tolerated on `exp` and `nbf`.
    pub leeway: u64,
}

/// Why a token is refused. When several checks fail, the first in this
/// order is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimError {
    /// The token has no expiry.
    MissingExp,
    /// The token has expired, leeway included.
    Expired,
    /// The token is not valid yet, leeway included.
    NotYetValid,
    /// The issuer is missing or is not the one we trust.
    WrongIssuer,
    /// The token is not meant for this service.
    WrongAudience,
}

/// Checks `claims` at time `now` against `policy`.
///
/// RFC 7519: the token is valid only *before* `exp` (so at `exp` itself it
/// has expired) and *at or after* `nbf`. The leeway makes a token more
/// acceptable on both sides, never less.
pub fn check(claims: &Claims, policy: &Policy, now: u64) -> Result<(), ClaimError> {
    // --- solution ---
    let exp = claims.exp.ok_or(ClaimError::MissingExp)?;
    if now >= exp.saturating_add(policy.leeway) {
        return Err(ClaimError::Expired);
    }
    if claims
        .nbf
        .is_some_and(|nbf| now.saturating_add(policy.leeway) < nbf)
    {
        return Err(ClaimError::NotYetValid);
    }
    if claims.iss.as_deref() != Some(policy.issuer.as_str()) {
        return Err(ClaimError::WrongIssuer);
    }
    if !claims.aud.contains(&policy.audience) {
        return Err(ClaimError::WrongAudience);
    }
    Ok(())
    // --- stub ---
    // let _ = (claims, policy, now);
    // todo!("exp, then nbf, then iss, then aud")
    // --- end ---
}
