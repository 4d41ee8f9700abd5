use security::pkce::{self, AuthServer, TokenError};

/// RFC 7636, Appendix B.
#[test]
fn rfc_7636_appendix_b_test_vector() {
    assert_eq!(
        pkce::s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
}

#[test]
fn verifiers_are_43_unreserved_characters() {
    let mut rng = seeded::SplitMix64(1);
    for _ in 0..100 {
        let v = pkce::new_verifier(&mut rng);
        assert_eq!(v.len(), 43);
        assert!(
            v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
        );
    }
}

const C: &str = "shop-app";
const R: &str = "com.shop.app:/callback";

#[test]
fn an_intercepted_code_is_useless_without_the_verifier() {
    let mut rng = seeded::SplitMix64(3);
    let verifier = pkce::new_verifier(&mut rng);
    let mut auth = AuthServer::default();
    let code = auth.authorize(C, R, &pkce::s256_challenge(&verifier), "ana");
    assert_eq!(
        auth.token(&code, C, R, None),
        Err(TokenError::InvalidGrant("code_verifier missing"))
    );
    assert_eq!(
        auth.token(&code, C, R, Some(&pkce::new_verifier(&mut rng))),
        Err(TokenError::InvalidGrant("code_verifier does not match"))
    );
    // The challenge itself travelled through the browser: it is not the verifier.
    let challenge = pkce::s256_challenge(&verifier);
    assert!(auth.token(&code, C, R, Some(&challenge)).is_err());
    let token = auth.token(&code, C, R, Some(&verifier)).unwrap();
    assert_eq!(pkce::resource_server(&token), "200 OK");
}

#[test]
fn a_code_works_once_and_only_for_its_client_and_redirect() {
    let mut rng = seeded::SplitMix64(4);
    let verifier = pkce::new_verifier(&mut rng);
    let mut auth = AuthServer::default();
    let code = auth.authorize(C, R, &pkce::s256_challenge(&verifier), "ana");
    assert!(auth.token(&code, "other-app", R, Some(&verifier)).is_err());
    assert!(
        auth.token(&code, C, "https://evil.example/cb", Some(&verifier))
            .is_err()
    );
    assert!(auth.token(&code, C, R, Some(&verifier)).is_ok());
    assert_eq!(
        auth.token(&code, C, R, Some(&verifier)),
        Err(TokenError::InvalidGrant("code already used"))
    );
    assert!(auth.token("code-99", C, R, Some(&verifier)).is_err());
}
