//! `cargo run -p security [-- http|passwords|jwt|pkce|mtls]`

use std::sync::Arc;

use axum::body::Body;
use http::Request;
use http_body_util::BodyExt;
use security::jwt::{self, Keys};
use security::mtls::{self, Ca};
use security::passwords;
use security::pkce::{self, AuthServer};
use security::secret::Secret;
use security::service::{self, AppState};
use tower::ServiceExt;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    match std::env::args().nth(1).as_deref().unwrap_or("http") {
        "http" => http().await,
        "passwords" => passwords_demo(),
        "jwt" => jwt_demo(),
        "pkce" => pkce_demo(),
        "mtls" => mtls_demo().await,
        other => eprintln!("unknown demo {other:?}: http, passwords, jwt, pkce or mtls"),
    }
}

// ANCHOR: http
async fn http() {
    let keys = Keys::generate();
    let app = service::app(Arc::new(AppState {
        verifying: keys.verifying.clone(),
    }));
    let reader = jwt::issue(&keys, &jwt::claims("ana", "orders:read", 600));
    let writer = jwt::issue(&keys, &jwt::claims("ben", "orders:read orders:write", 600));
    let expired = jwt::issue(&keys, &jwt::claims("ben", "orders:read orders:write", -600));
    let order = r#"{"item":"teapot","quantity":2}"#;
    let big = format!(r#"{{"item":"{}","quantity":1}}"#, "x".repeat(2000));
    let cases: [(&str, &str, Option<&str>, &str, &str); 10] = [
        ("GET", "/healthz", None, "", "nobody"),
        ("GET", "/orders", None, "", "nobody"),
        ("GET", "/orders", Some("not-a-jwt"), "", "garbage token"),
        ("GET", "/orders", Some(&expired), "", "ben, expired"),
        ("GET", "/orders", Some(&reader), "", "ana (orders:read)"),
        ("POST", "/orders", Some(&reader), order, "ana (orders:read)"),
        (
            "POST",
            "/orders",
            Some(&writer),
            order,
            "ben (orders:write)",
        ),
        ("POST", "/orders", Some(&writer), &big, "ben, 2 KB body"),
        (
            "POST",
            "/orders",
            Some(&writer),
            r#"{"item":"#,
            "ben, cut-off JSON",
        ),
        ("GET", "/admin/users", Some(&writer), "", "ben (no admin)"),
    ];
    for (method, path, token, body, who) in cases {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        if !body.is_empty() {
            req = req.header("content-type", "application/json");
        }
        let res = app
            .clone()
            .oneshot(req.body(Body::from(body.to_string())).unwrap())
            .await
            .unwrap();
        let status = res.status().as_u16();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes);
        // The first clause is enough: axum's rejections go on at length.
        let text = match status {
            400.. => text.split(':').next().unwrap_or_default(),
            _ => &text,
        };
        println!("{method:4} {path:12} {who:20} -> {status} {text}");
    }
}
// ANCHOR_END: http

fn passwords_demo() {
    println!(
        "Argon2id, m={} KiB, t={}, p={}",
        passwords::M_COST_KIB,
        passwords::T_COST,
        passwords::P_COST
    );
    let chosen = Secret::new("correct horse".to_string());
    let alice = passwords::store(&chosen);
    let bob = passwords::store(&chosen);
    let shown: String = alice.split('$').take(4).collect::<Vec<_>>().join("$");
    println!("  stored: {shown}$<22-char salt>$<43-char hash>");
    println!(
        "  alice and bob chose the same password; stored strings equal: {}",
        alice == bob
    );
    let typo = Secret::new("correct hose".to_string());
    println!(
        "  check(\"correct horse\"): {}",
        passwords::check(&chosen, &alice)
    );
    println!(
        "  check(\"correct hose\"):  {}",
        passwords::check(&typo, &alice)
    );
    // ANCHOR: work
    let argon_blocks = u64::from(passwords::M_COST_KIB) * u64::from(passwords::T_COST);
    println!(
        "  memory per guess: {} KiB; 1 KiB blocks computed per guess: {argon_blocks}",
        passwords::M_COST_KIB
    );
    println!("SHA-256, unsalted");
    let same = passwords::fast_hash(chosen.expose()) == passwords::fast_hash(chosen.expose());
    println!("  alice and bob: stored hashes equal: {same}");
    println!("  memory per guess: 0.1 KiB; 64-byte blocks compressed per guess: 1");
    let gpu_kib: u64 = 24 * 1024 * 1024;
    println!(
        "guesses in flight on a 24 GiB GPU: argon2id {}; sha-256 as many as it has cores",
        gpu_kib / u64::from(passwords::M_COST_KIB)
    );
    // ANCHOR_END: work
}

fn outcome(r: &Result<jwt::Claims, String>) -> String {
    match r {
        Ok(c) => format!("accepted (sub={}, scope={})", c.sub, c.scope),
        Err(e) => format!("rejected: {e}"),
    }
}

// ANCHOR: jwt
fn jwt_demo() {
    let keys = Keys::generate();
    // Every token is stamped from one reading of the clock. jsonwebtoken
    // reads the clock again when it verifies, and has no way to pass a time.
    let t0 = jwt::now();
    let good = jwt::claims_at(t0, "ana", "orders:read", 600);
    let admin = jwt::Claims {
        scope: "orders:read admin".into(),
        ..good.clone()
    };
    let tokens = [
        ("valid", jwt::issue(&keys, &good)),
        (
            "exp 10 s ago",
            jwt::issue(&keys, &jwt::claims_at(t0, "ana", "orders:read", -10)),
        ),
        (
            "exp 120 s ago",
            jwt::issue(&keys, &jwt::claims_at(t0, "ana", "orders:read", -120)),
        ),
        (
            "aud billing-api",
            jwt::issue(
                &keys,
                &jwt::Claims {
                    aud: "billing-api".into(),
                    ..good.clone()
                },
            ),
        ),
        (
            "iss evil.example",
            jwt::issue(
                &keys,
                &jwt::Claims {
                    iss: "https://evil.example".into(),
                    ..good.clone()
                },
            ),
        ),
        ("payload edited", jwt::tamper(&jwt::issue(&keys, &good))),
        ("alg none", jwt::forge_alg_none(&admin)),
        (
            "HS256, public key",
            jwt::forge_key_confusion(&admin, &keys.public_pem),
        ),
    ];
    let verdicts: Vec<_> = tokens
        .iter()
        .map(|(name, token)| {
            let naive = jwt::verify_naive(token, &keys.public_pem);
            let pinned = jwt::verify(token, &keys.verifying).map_err(|k| jwt::kind_name(&k));
            (name, naive, pinned)
        })
        .collect();
    // The closest call is "exp 10 s ago" with 30 s of leeway: each verdict
    // holds while the clock read between 0 and 19 s past t0. Print nothing
    // rather than a verdict that depends on a slow or stepped clock.
    let elapsed = jwt::now().checked_sub(t0);
    assert!(
        matches!(elapsed, Some(0..20)),
        "clock moved {elapsed:?} s since t0"
    );
    for (name, naive, pinned) in verdicts {
        println!("{name}:");
        println!("  naive:  {}", outcome(&naive));
        println!("  pinned: {}", outcome(&pinned));
    }
}
// ANCHOR_END: jwt

// ANCHOR: pkce
fn pkce_demo() {
    let mut rng = seeded::SplitMix64(7);
    let mut auth = AuthServer::default();
    let (client, redirect) = ("shop-app", "com.shop.app:/callback");
    let verifier = pkce::new_verifier(&mut rng);
    let challenge = pkce::s256_challenge(&verifier);
    println!("client keeps  code_verifier  = {verifier}");
    println!("client sends  code_challenge = {challenge}");
    let code = auth.authorize(client, redirect, &challenge, "ana");
    println!("browser is redirected to {redirect}?code={code}");
    // Another app registered the same URI scheme and saw the redirect.
    let stolen = auth.token(&code, client, redirect, None);
    println!("attacker redeems {code} without a verifier: {stolen:?}");
    let guess = pkce::new_verifier(&mut rng);
    let guessed = auth.token(&code, client, redirect, Some(&guess));
    println!("attacker redeems {code} with a guessed one:  {guessed:?}");
    // The challenge was in the browser's URL: the attacker has it too.
    let replayed = auth.token(&code, client, redirect, Some(&challenge));
    println!("attacker redeems {code} with the challenge:  {replayed:?}");
    let token = auth.token(&code, client, redirect, Some(&verifier));
    println!("client redeems {code} with its verifier:    {token:?}");
    let again = auth.token(&code, client, redirect, Some(&verifier));
    println!("the same code a second time:               {again:?}");
    if let Ok(t) = token {
        println!(
            "resource server, GET /orders with the token: {}",
            pkce::resource_server(&t)
        );
    }
}
// ANCHOR_END: pkce

// ANCHOR: mtls
async fn mtls_demo() {
    let ca = Ca::new("shop internal CA");
    let other_ca = Ca::new("someone else's CA");
    let server_id = ca.issue("inventory.internal");
    let client_id = ca.issue("orders.internal");
    let stranger = other_ca.issue("orders.internal");
    let cases = [
        ("client cert from our CA", Some(&client_id)),
        ("no client cert", None),
        ("client cert from another CA", Some(&stranger)),
    ];
    for (name, id) in cases {
        let server = mtls::server_config(&ca.cert, &server_id);
        let client = mtls::client_config(&ca.cert, id);
        let out = mtls::attempt(server, client).await;
        println!("{name}:");
        match out.server {
            Ok(peer) => println!(
                "  server: handshake ok, client is orders.internal: {}",
                peer == client_id.cert
            ),
            Err(e) => println!("  server: {e}"),
        }
        match out.client {
            Ok(reply) => println!("  client: read {reply:?}"),
            Err(e) => println!("  client: {e}"),
        }
    }
}
// ANCHOR_END: mtls
