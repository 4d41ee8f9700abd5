use security::passwords;
use security::secret::Secret;

#[test]
fn parameters_meet_owasps_minimum() {
    // OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB, t=2, p=1.
    let hasher = passwords::hasher();
    let params = hasher.params();
    assert!(params.m_cost() >= 19 * 1024);
    assert!(params.t_cost() >= 2);
    assert_eq!(params.p_cost(), 1);
}

#[test]
fn same_password_two_salts_and_verification() {
    let pw = Secret::new("correct horse".to_string());
    let a = passwords::store(&pw);
    let b = passwords::store(&pw);
    assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
    assert_ne!(a, b, "each stored hash has its own salt");
    assert!(passwords::check(&pw, &b));
    assert!(!passwords::check(
        &Secret::new("correct hose".to_string()),
        &a
    ));
    assert!(!passwords::check(&pw, "$argon2id$garbage"));
    // Without a salt, equal passwords give equal hashes.
    assert_eq!(
        passwords::fast_hash("correct horse"),
        passwords::fast_hash("correct horse")
    );
}
