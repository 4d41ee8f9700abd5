//! Security for a service: who is calling (authentication), what they may
//! do (authorization), and the tokens, keys and certificates in between.

pub mod jwt;
pub mod mtls;
pub mod passwords;
pub mod pkce;
pub mod secret;
pub mod service;
