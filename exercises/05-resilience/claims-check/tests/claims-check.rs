//! The tests for `check`. If this file and the chapter disagree, this
//! file is right.

use claims_check::{ClaimError, Claims, Policy, check};

const NOW: u64 = 1_800_000_000;

fn policy(leeway: u64) -> Policy {
    Policy {
        issuer: "https://auth.shop.example".into(),
        audience: "orders-api".into(),
        leeway,
    }
}

/// A token that passes every check at `NOW`.
fn good() -> Claims {
    Claims {
        iss: Some("https://auth.shop.example".into()),
        aud: vec!["orders-api".into()],
        exp: Some(NOW + 600),
        nbf: None,
    }
}

#[test]
fn a_good_token_passes() {
    assert_eq!(check(&good(), &policy(30), NOW), Ok(()));
}

#[test]
fn a_token_without_exp_is_refused() {
    let c = Claims {
        exp: None,
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Err(ClaimError::MissingExp));
}

// Pins: the leeway lets a token live a little *longer*, not shorter.
#[test]
fn leeway_extends_exp() {
    let c = Claims {
        exp: Some(NOW - 10),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Ok(()));
    let c = Claims {
        exp: Some(NOW + 10),
        ..good()
    };
    assert_eq!(
        check(&c, &policy(30), NOW),
        Ok(()),
        "10 s before exp is valid"
    );
}

// Pins: valid strictly before exp + leeway.
#[test]
fn expired_exactly_at_exp_plus_leeway() {
    let c = Claims {
        exp: Some(NOW - 30),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Err(ClaimError::Expired));
    let c = Claims {
        exp: Some(NOW - 29),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Ok(()));
    let c = Claims {
        exp: Some(NOW),
        ..good()
    };
    assert_eq!(
        check(&c, &policy(0), NOW),
        Err(ClaimError::Expired),
        "at exp, no leeway"
    );
}

#[test]
fn nbf_in_the_future_is_refused() {
    let c = Claims {
        nbf: Some(NOW + 100),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Err(ClaimError::NotYetValid));
    let c = Claims {
        nbf: Some(NOW),
        ..good()
    };
    assert_eq!(check(&c, &policy(0), NOW), Ok(()), "valid at nbf itself");
}

// Pins: the issuer's clock may run ahead of ours by up to the leeway.
#[test]
fn leeway_applies_to_nbf_too() {
    let c = Claims {
        nbf: Some(NOW + 30),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Ok(()));
    let c = Claims {
        nbf: Some(NOW + 31),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Err(ClaimError::NotYetValid));
}

#[test]
fn issuer_must_match_and_be_present() {
    let c = Claims {
        iss: Some("https://evil.example".into()),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Err(ClaimError::WrongIssuer));
    let c = Claims {
        iss: None,
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Err(ClaimError::WrongIssuer));
    let c = Claims {
        iss: Some("https://auth.shop.example.evil.example".into()),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Err(ClaimError::WrongIssuer));
}

// Pins: any entry of the list may be us, not only the first.
#[test]
fn audience_may_be_any_entry_of_the_list() {
    let c = Claims {
        aud: vec!["billing-api".into(), "orders-api".into()],
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Ok(()));
}

// Pins: exact match, not a prefix or substring.
#[test]
fn audience_is_compared_exactly() {
    for aud in ["orders-api-admin", "orders", "billing-api orders-api", ""] {
        let c = Claims {
            aud: vec![aud.into()],
            ..good()
        };
        assert_eq!(
            check(&c, &policy(30), NOW),
            Err(ClaimError::WrongAudience),
            "{aud:?}"
        );
    }
    let c = Claims {
        aud: vec![],
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Err(ClaimError::WrongAudience));
}

#[test]
fn the_first_failing_check_is_reported() {
    let c = Claims {
        iss: None,
        aud: vec![],
        exp: Some(NOW - 100),
        nbf: None,
    };
    assert_eq!(check(&c, &policy(30), NOW), Err(ClaimError::Expired));
    let c = Claims {
        iss: None,
        aud: vec![],
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Err(ClaimError::WrongIssuer));
}

// Pins: no overflow panic on times near the end of u64.
#[test]
fn far_future_times_do_not_overflow() {
    let c = Claims {
        exp: Some(u64::MAX),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), NOW), Ok(()));
    let c = Claims {
        exp: Some(u64::MAX),
        nbf: Some(u64::MAX),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), u64::MAX - 1), Ok(()));
}

// Pins: no underflow panic on times near zero either.
#[test]
fn times_near_zero_do_not_underflow() {
    let c = Claims {
        exp: Some(10),
        nbf: Some(5),
        ..good()
    };
    assert_eq!(check(&c, &policy(30), 0), Ok(()));
    assert_eq!(check(&c, &policy(30), 40), Err(ClaimError::Expired));
}
