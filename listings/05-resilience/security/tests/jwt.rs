use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, Validation};
use security::jwt::{self, Claims, Keys};

fn setup() -> (Keys, Claims) {
    (Keys::generate(), jwt::claims("ana", "orders:read", 600))
}

fn pinned(token: &str, keys: &Keys) -> Result<Claims, ErrorKind> {
    jwt::verify(token, &keys.verifying)
}

#[test]
fn a_valid_token_is_accepted_by_both() {
    let (keys, good) = setup();
    let token = jwt::issue(&keys, &good);
    assert_eq!(pinned(&token, &keys).unwrap(), good);
    assert_eq!(jwt::verify_naive(&token, &keys.public_pem).unwrap(), good);
}

#[test]
fn exp_is_checked_with_leeway() {
    let (keys, _) = setup();
    let recent = jwt::issue(&keys, &jwt::claims("ana", "orders:read", -10));
    assert!(
        pinned(&recent, &keys).is_ok(),
        "10 s past exp is inside the 30 s leeway"
    );
    let old = jwt::issue(&keys, &jwt::claims("ana", "orders:read", -120));
    assert!(matches!(
        pinned(&old, &keys),
        Err(ErrorKind::ExpiredSignature)
    ));
}

#[test]
fn wrong_audience_and_issuer_are_rejected() {
    let (keys, good) = setup();
    let aud = jwt::issue(
        &keys,
        &Claims {
            aud: "billing-api".into(),
            ..good.clone()
        },
    );
    assert!(matches!(
        pinned(&aud, &keys),
        Err(ErrorKind::InvalidAudience)
    ));
    let iss = jwt::issue(
        &keys,
        &Claims {
            iss: "https://evil.example".into(),
            ..good
        },
    );
    assert!(matches!(pinned(&iss, &keys), Err(ErrorKind::InvalidIssuer)));
}

#[test]
fn an_edited_payload_breaks_the_signature() {
    let (keys, good) = setup();
    let token = jwt::tamper(&jwt::issue(&keys, &good));
    assert!(matches!(
        pinned(&token, &keys),
        Err(ErrorKind::InvalidSignature)
    ));
    assert!(jwt::verify_naive(&token, &keys.public_pem).is_err());
}

#[test]
fn alg_none_fools_the_naive_verifier_only() {
    let (keys, good) = setup();
    let admin = Claims {
        scope: "admin".into(),
        ..good
    };
    let forged = jwt::forge_alg_none(&admin);
    assert_eq!(jwt::verify_naive(&forged, &keys.public_pem).unwrap(), admin);
    // jsonwebtoken's Algorithm has no `none`: the header does not parse.
    assert!(matches!(pinned(&forged, &keys), Err(ErrorKind::Json(_))));
}

#[test]
fn key_confusion_fools_the_naive_verifier_only() {
    let (keys, good) = setup();
    let admin = Claims {
        scope: "admin".into(),
        ..good
    };
    let forged = jwt::forge_key_confusion(&admin, &keys.public_pem);
    assert_eq!(jwt::verify_naive(&forged, &keys.public_pem).unwrap(), admin);
    assert!(matches!(
        pinned(&forged, &keys),
        Err(ErrorKind::InvalidAlgorithm)
    ));
}

/// What jsonwebtoken 12 does besides the `algorithms` list: a key knows
/// its family, and an Ed25519 `DecodingKey` refuses to act as an HMAC
/// secret even when the validation allows HS256.
#[test]
fn jsonwebtoken_refuses_an_ed25519_key_for_hmac() {
    let (keys, good) = setup();
    let admin = Claims {
        scope: "admin".into(),
        ..good
    };
    let forged = jwt::forge_key_confusion(&admin, &keys.public_pem);
    let mut v = jwt::validation();
    v.algorithms = vec![Algorithm::HS256];
    let err = jsonwebtoken::decode::<Claims>(&forged, &keys.verifying, &v).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidKeyFormat), "{err:?}");
    // And a list mixing families fails every token, even a good one.
    let token = jwt::issue(&keys, &jwt::claims("ana", "orders:read", 600));
    let mut mixed = jwt::validation();
    mixed.algorithms = vec![Algorithm::EdDSA, Algorithm::HS256];
    let err = jsonwebtoken::decode::<Claims>(&token, &keys.verifying, &mixed).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::InvalidAlgorithm), "{err:?}");
    // The default Validation allows only HS256.
    assert_eq!(Validation::default().algorithms, vec![Algorithm::HS256]);
}

#[test]
fn a_token_from_another_issuer_key_is_rejected() {
    let (keys, good) = setup();
    let other = Keys::generate();
    let token = jwt::issue(&other, &good);
    assert!(matches!(
        pinned(&token, &keys),
        Err(ErrorKind::InvalidSignature)
    ));
}
