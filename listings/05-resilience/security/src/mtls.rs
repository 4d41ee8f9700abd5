//! Mutual TLS between two services on loopback: both sides show a
//! certificate, and each checks the other's against the CA it trusts.

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use rustls::server::WebPkiClientVerifier;
use rustls::{ClientConfig, RootCertStore, ServerConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::{TlsAcceptor, TlsConnector};

/// A certificate and its private key.
pub struct Identity {
    pub cert: CertificateDer<'static>,
    key_der: Vec<u8>,
}

impl Identity {
    fn key(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_der.clone()))
    }
}

/// A certificate authority: a self-signed certificate allowed to sign others.
pub struct Ca {
    pub cert: CertificateDer<'static>,
    issuer: Issuer<'static, KeyPair>,
}

// ANCHOR: pki
impl Ca {
    pub fn new(name: &str) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().unwrap(); // ECDSA P-256
        let cert = params.self_signed(&key).unwrap().der().clone();
        Ca {
            cert,
            issuer: Issuer::new(params, key),
        }
    }

    /// A leaf certificate for `dns_name`, signed by this CA.
    pub fn issue(&self, dns_name: &str) -> Identity {
        let mut params = CertificateParams::new(vec![dns_name.to_string()]).unwrap();
        params.distinguished_name.push(DnType::CommonName, dns_name);
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap().der().clone();
        Identity {
            cert,
            key_der: key.serialize_der(),
        }
    }
}
// ANCHOR_END: pki

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn roots(ca: &CertificateDer<'static>) -> Arc<RootCertStore> {
    let mut roots = RootCertStore::empty();
    roots.add(ca.clone()).unwrap();
    Arc::new(roots)
}

// ANCHOR: configs
/// The server demands a client certificate signed by `client_ca`.
pub fn server_config(client_ca: &CertificateDer<'static>, me: &Identity) -> ServerConfig {
    let verifier = WebPkiClientVerifier::builder_with_provider(roots(client_ca), provider())
        .build()
        .unwrap();
    ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(vec![me.cert.clone()], me.key())
        .unwrap()
}

/// The client trusts `server_ca` and shows `me`, if it has an identity.
pub fn client_config(server_ca: &CertificateDer<'static>, me: Option<&Identity>) -> ClientConfig {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots(server_ca));
    match me {
        Some(id) => builder
            .with_client_auth_cert(vec![id.cert.clone()], id.key())
            .unwrap(),
        None => builder.with_no_client_auth(),
    }
}
// ANCHOR_END: configs

/// What each side saw of one connection attempt.
#[derive(Debug)]
pub struct Outcome {
    /// The server's verdict: the client's certificate, or the TLS error.
    pub server: Result<CertificateDer<'static>, String>,
    /// The client's: the reply it read, or the TLS error.
    pub client: Result<String, String>,
}

fn tls_error(e: &std::io::Error) -> String {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        Some(tls) => format!("{tls:?}"),
        None => format!("io {:?}", e.kind()),
    }
}

// ANCHOR: connect
/// One connection on loopback: the server answers "pong" to "ping".
pub async fn attempt(server: ServerConfig, client: ClientConfig) -> Outcome {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(server));
    let server_side = tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let mut tls = acceptor.accept(tcp).await.map_err(|e| tls_error(&e))?;
        let peer = tls.get_ref().1.peer_certificates().expect("verified")[0].clone();
        let mut buf = [0u8; 4];
        tls.read_exact(&mut buf).await.map_err(|e| tls_error(&e))?;
        tls.write_all(b"pong").await.map_err(|e| tls_error(&e))?;
        tls.shutdown().await.ok();
        Ok(peer)
    });
    let connector = TlsConnector::from(Arc::new(client));
    let name = ServerName::try_from("inventory.internal").unwrap();
    let client_side = async {
        let tcp = TcpStream::connect(addr).await.map_err(|e| tls_error(&e))?;
        let mut tls = (connector.connect(name, tcp).await)
            .map_err(|e| format!("handshake failed: {}", tls_error(&e)))?;
        // In TLS 1.3 the client finishes its side of the handshake before
        // the server has checked the client's certificate, so a refusal
        // shows up on the first read.
        let after = |e: std::io::Error| format!("handshake ok, then: {}", tls_error(&e));
        tls.write_all(b"ping").await.map_err(after)?;
        let mut reply = String::new();
        tls.read_to_string(&mut reply).await.map_err(after)?;
        Ok(reply)
    };
    let client = client_side.await;
    let server = server_side.await.unwrap();
    Outcome { server, client }
}
// ANCHOR_END: connect
