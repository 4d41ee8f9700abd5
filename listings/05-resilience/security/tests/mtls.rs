use security::mtls::{self, Ca};

#[tokio::test]
async fn mutual_tls_accepts_only_clients_of_our_ca() {
    let ca = Ca::new("test CA");
    let other = Ca::new("other CA");
    let server_id = ca.issue("inventory.internal");
    let client_id = ca.issue("orders.internal");
    let stranger = other.issue("orders.internal");

    let ok = mtls::attempt(
        mtls::server_config(&ca.cert, &server_id),
        mtls::client_config(&ca.cert, Some(&client_id)),
    )
    .await;
    assert_eq!(ok.server.unwrap(), client_id.cert);
    assert_eq!(ok.client.unwrap(), "pong");

    let none = mtls::attempt(
        mtls::server_config(&ca.cert, &server_id),
        mtls::client_config(&ca.cert, None),
    )
    .await;
    assert_eq!(none.server.unwrap_err(), "NoCertificatesPresented");
    let client = none.client.unwrap_err();
    assert_eq!(
        client,
        "handshake ok, then: AlertReceived(CertificateRequired)"
    );

    let foreign = mtls::attempt(
        mtls::server_config(&ca.cert, &server_id),
        mtls::client_config(&ca.cert, Some(&stranger)),
    )
    .await;
    assert_eq!(
        foreign.server.unwrap_err(),
        "InvalidCertificate(UnknownIssuer)"
    );
    // TLS 1.3: the client's side of the handshake is done before the
    // server has judged its certificate; the refusal arrives as an alert.
    assert_eq!(
        foreign.client.unwrap_err(),
        "handshake ok, then: AlertReceived(UnknownCA)"
    );
}

#[tokio::test]
async fn the_client_checks_the_server_too() {
    let ca = Ca::new("test CA");
    let other = Ca::new("other CA");
    // A server whose certificate our client's CA did not sign.
    let impostor = other.issue("inventory.internal");
    let client_id = ca.issue("orders.internal");
    let out = mtls::attempt(
        mtls::server_config(&ca.cert, &impostor),
        mtls::client_config(&ca.cert, Some(&client_id)),
    )
    .await;
    assert_eq!(
        out.client.unwrap_err(),
        "handshake failed: InvalidCertificate(UnknownIssuer)"
    );
    assert!(out.server.is_err());
}
